"""The columns of the data files, each with its meaning, declared once: ``data.py`` writes
the CSV files in this order, and the Data page documents every column with its meaning,
translated (``render.Renderer.meanings``).
"""

from __future__ import annotations

from .i18n import N_

# ACLED's columns, in ACLED's order and with ACLED's meanings (its codebook), then the
# chronicle's own. Each ACLED column's meaning begins with "ACLED's column", which the Data
# page shows; a column the content cannot fill yet stays empty rather than guessed. The
# meanings are messages (N_), translated on the Data page, a value of the files in
# backquotes (`Battles`) shown as code; the files stay English.
EVENT_COLUMNS = (
    (
        "event_id_cnty",
        (
            N_(
                "ACLED's column: a unique id of the row. Here the event's id, followed by '/' and the "
                "place's id when the event has a place (an event has a row for each of its places)."
            )
        ),
    ),
    (
        "event_date",
        (
            N_(
                "ACLED's column: the date, YYYY-MM-DD. When only the month or the year is known, the "
                "first day of that month or year, as ACLED does; time_precision says which."
            )
        ),
    ),
    ("year", N_("ACLED's column: the year of event_date.")),
    (
        "time_precision",
        (
            N_(
                "ACLED's column: 1 when the day is known, 3 when only the month or the year is "
                "(date_precision tells these apart); ACLED's 2 (a week or a few days) is not used."
            )
        ),
    ),
    (
        "disorder_type",
        (
            N_(
                "ACLED's column: `Political violence`, `Demonstrations`, `Political violence; "
                "Demonstrations` or `Strategic developments`, from the event and sub-event types "
                "by ACLED's rules; "
                "empty for a riot whose sub-event type is not ACLED's."
            )
        ),
    ),
    (
        "event_type",
        (
            N_(
                "ACLED's column: `Battles`, `Explosions/Remote violence`, `Violence against "
                "civilians`, `Protests`, `Riots` or `Strategic developments`."
            )
        ),
    ),
    (
        "sub_event_type",
        N_("ACLED's column: the sub-event type, as the content gives it; may be empty."),
    ),
    (
        "actor1",
        N_("ACLED's column: the name of the main actor of the first side; empty where not given."),
    ),
    (
        "assoc_actor_1",
        N_("ACLED's column: the names of the actors with actor1, separated by '; '."),
    ),
    (
        "inter1",
        (
            N_(
                "ACLED's column: actor1's type (State forces, Rebel group, Political militia, Identity "
                "militia, Rioters, Protesters, Civilians, External/Other forces), where the content "
                "gives it."
            )
        ),
    ),
    (
        "actor2",
        N_("ACLED's column: the name of the main actor of the other side; empty where none."),
    ),
    (
        "assoc_actor_2",
        N_("ACLED's column: the names of the actors with actor2, separated by '; '."),
    ),
    ("inter2", N_("ACLED's column: actor2's type, as inter1.")),
    (
        "interaction",
        (
            N_(
                "ACLED's column: the two types in ACLED's order, joined by '-' ('State forces-Rebel "
                "group'), or for a strategic development, protest or riot with one side, its type "
                "followed by ' only'; empty when a side or its type is not known."
            )
        ),
    ),
    (
        "civilian_targeting",
        (
            N_(
                "ACLED's column: 'Civilian targeting' for violence against civilians and for an event the "
                "content marks so (civilians the main target); else empty."
            )
        ),
    ),
    ("iso", N_("ACLED's column: the place's country's ISO 3166 numeric code, as a number (466).")),
    (
        "region",
        N_("ACLED's column: ACLED's world region; not recorded by the chronicle, so empty."),
    ),
    ("country", N_("ACLED's column: the name of the place's country, in English.")),
    ("admin1", N_("ACLED's column: the place's first-level administrative region.")),
    ("admin2", N_("ACLED's column: the second-level division; not recorded yet, so empty.")),
    ("admin3", N_("ACLED's column: the third-level division; not recorded yet, so empty.")),
    (
        "location",
        (
            N_(
                "ACLED's column: the name of the place of this row (location_id gives its id); empty for "
                "an event without a place."
            )
        ),
    ),
    ("latitude", N_("ACLED's column: of that place, in decimal degrees, when it has coordinates.")),
    (
        "longitude",
        N_("ACLED's column: of that place, in decimal degrees, when it has coordinates."),
    ),
    (
        "geo_precision",
        (
            N_(
                "ACLED's column: how precisely the coordinates place the event: 1 the town itself, 2 its "
                "region, 3 a larger area such as the country; empty without coordinates."
            )
        ),
    ),
    ("source", N_("ACLED's column: the publishers of the event's sources, separated by '; '.")),
    ("source_scale", N_("ACLED's column: not recorded by the chronicle, so empty.")),
    ("notes", N_("ACLED's column: a short description: the event's summary.")),
    (
        "fatalities",
        (
            N_(
                "ACLED's column: the most conservative reported death toll, as ACLED counts: here "
                "fatalities_low. Empty (not 0) when no death toll is claimed, and on every row of an "
                "event but its first, so that a sum over the rows counts each event once."
            )
        ),
    ),
    ("tags", N_("ACLED's column: ACLED's tags; not recorded by the chronicle, so empty.")),
    (
        "timestamp",
        (
            N_(
                "ACLED's column: when ACLED last changed the row; the files depend on the content alone, "
                "not on a clock, so empty (the Changes page lists the corrections)."
            )
        ),
    ),
    ("event_id", N_("The chronicle's id of the event (its file name).")),
    ("url", N_("The address of the event's page.")),
    ("title", N_("The event's title.")),
    ("end_date", N_("When it ended, for events lasting more than a day; else empty.")),
    ("date_precision", N_("`day`, `month` or `year`: how precisely the date is known.")),
    (
        "date_bound",
        (
            N_(
                "`before` or `after` when the date is only a limit given by the sources (the event "
                "happened no later, or no earlier, than the period of event_date); else empty."
            )
        ),
    ),
    ("actors", N_("All the event's actors' ids, separated by '; '.")),
    ("locations", N_("All the event's locations' ids, separated by '; '.")),
    ("location_id", N_("The id of the place of this row.")),
    ("sources", N_("The sources' ids, separated by '; '.")),
    ("claims_count", N_("How many claims the event records.")),
    ("disputed", N_("`true` when a topic of its claims is disputed, else `false`.")),
    (
        "fatalities_low",
        (
            N_(
                "The lowest of the claimed death tolls: for each claimant, the lower bound of its "
                "largest current figure counting the killed or dead; empty when none is claimed. "
                "On the event's first row only."
            )
        ),
    ),
    (
        "fatalities_high",
        (
            N_(
                "The highest claimed death toll (an open-ended figure such as 80+ counts as its "
                "lower bound); empty when none is claimed. On the event's first row only."
            )
        ),
    ),
)

CLAIM_COLUMNS = (
    ("event_id", N_("The event the claim is about.")),
    ("claim", N_("Its anchor on the event page (claim-1, claim-2...): /events/ID/#claim-N.")),
    ("claim_id", N_("The id the content gives it, if any (used by supersedes).")),
    ("about", N_("The topic; claims with the same topic are compared.")),
    ("claimant", N_("An actor id, or the claimant in words.")),
    ("claimant_is_actor", N_("`true` when `claimant` is an actor id.")),
    ("says", N_("The claim in words.")),
    ("figure", N_("The figure as written (6, 80+, <100, 25-82, dozens); may be empty.")),
    ("figure_low", N_("Its lower bound (dozens counts as 24, tens 20, hundreds 200).")),
    ("figure_high", N_("Its upper bound; empty when open-ended.")),
    ("of", N_("Whom the figure counts.")),
    ("parts", N_("The figure's parts as the claimant gives them: 'figure of; figure of'.")),
    ("parts_sum", N_("The sum of the parts, when given.")),
    ("inconsistent", N_("`true` when the parts do not add up to the figure.")),
    ("source", N_("The source id it rests on.")),
    ("claim_date", N_("When the claim was made.")),
    ("superseded_by", N_("The claim (claim-N) that revises it, if any.")),
    ("topic_disputed", N_("`true` when its topic is disputed.")),
    ("url", N_("The claim's address on the site.")),
)
