"""The content schema, declared once.

Each kind of front matter is a tuple of :class:`Field` declarations, built from the
patterns and lists of ``vocabulary.py``. The validator (``validate.py``), the JSON
Schema published under ``/schema/`` (``json_schema.py``) and the files written by
``chronicle new`` are all derived from these declarations, so a field added here is
checked, documented and scaffolded at once.
"""

from __future__ import annotations

from dataclasses import dataclass

from .vocabulary import (
    ACLED_INTER,
    ACTOR_KINDS,
    BOUNDED_DATE_PATTERN,
    COUNTRY_PATTERN,
    DATE_PATTERN,
    EVENT_TYPES,
    FIGURE_PATTERN,
    GEO_PRECISIONS,
    ID_PATTERN,
    LANGUAGE_PATTERN,
    MAX_CLAIMS,
    MAX_TEXT,
    SOURCE_KINDS,
    URL_PATTERN,
    YEAR_MAX,
    YEAR_MIN,
)


@dataclass(frozen=True)
class Field:
    """One front-matter field.

    ``type`` is one of: ``text`` (a one-line string), ``longtext``, ``date``,
    ``id`` (a reference to another entry, ``ref`` names its kind, or ``None``
    for the entry's own claim ids), ``ids`` (a list of references), ``texts``
    (a list of strings), ``url``, ``choice``, ``number``, ``figure``,
    ``claimant`` (an actor id or free text), ``supersedes`` (a claim id or
    index), ``records`` (a list of mappings declared by ``fields``).
    """

    name: str
    type: str
    help: str
    required: bool = False
    ref: str | None = None
    choices: tuple[str, ...] = ()
    pattern: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    fields: tuple[Field, ...] = ()
    max_items: int | None = None
    example: object = None


MAX_PARTS = 50

PART_FIELDS = (
    Field(
        "figure",
        "figure",
        "The part's number, in the claim forms.",
        True,
        pattern=FIGURE_PATTERN,
        example="84",
    ),
    Field("of", "text", "Whom this part counts.", True, example="Soldiers killed"),
)

CLAIM_FIELDS = (
    Field(
        "about",
        "text",
        "The topic; claims with the same topic are compared.",
        True,
        example="Soldiers killed",
    ),
    Field(
        "by",
        "claimant",
        "Who claims it: an actor id, or free text such as 'A local official in the district'.",
        True,
        ref="actor",
        example="rebel-front",
    ),
    Field(
        "says",
        "longtext",
        "The claim in words; the claimant's own short words may be quoted.",
        True,
        example="A rebel spokesman told a news agency that 84 soldiers were killed.",
    ),
    Field(
        "figure",
        "figure",
        "Optional number: 6, 80+ (at least), <100 (at most), 25-82 "
        "(a range), or dozens, tens, hundreds.",
        pattern=FIGURE_PATTERN,
        example="84",
    ),
    Field(
        "of",
        "text",
        "Whom the figure counts (soldiers, fighters, civilians...); "
        "only claims of the same kind are compared.",
        example="Soldiers",
    ),
    Field(
        "parts",
        "records",
        "The figure's parts as the claimant gives them (84 soldiers and 37 "
        "allied fighters of 121 dead); where they do not add up to the figure, the site says so.",
        fields=PART_FIELDS,
        max_items=MAX_PARTS,
    ),
    Field(
        "source",
        "id",
        "The source id, one of this event's sources.",
        True,
        ref="source",
        example="source-id",
    ),
    Field(
        "date",
        "date",
        "When the claim was made: YYYY-MM-DD, YYYY-MM or YYYY.",
        pattern=DATE_PATTERN,
    ),
    Field(
        "id",
        "id",
        "An id of this claim, so that a later claim can supersede it.",
        pattern=ID_PATTERN,
    ),
    Field(
        "supersedes",
        "supersedes",
        "The id or the position (from 0) of an earlier claim "
        "by the same claimant that this claim revises.",
    ),
)

ASSESSMENT_FIELDS = (
    Field("about", "text", "The topic this reading concerns.", True, example="Soldiers killed"),
    Field(
        "figure",
        "figure",
        "The chronicle's own figure, in the claim forms.",
        pattern=FIGURE_PATTERN,
    ),
    Field("says", "longtext", "The chronicle's own reading in words."),
    Field("note", "longtext", "Why the chronicle reads it so.", True),
    Field("sources", "ids", "The sources the reading rests on.", True, ref="source"),
)

EVENT_FIELDS = (
    Field("title", "text", "A short neutral title.", True, example="Title of the event"),
    Field(
        "summary",
        "text",
        "One sentence saying what happened.",
        True,
        example="One sentence saying what happened.",
    ),
    Field(
        "date",
        "date",
        "When it happened: YYYY-MM-DD, or YYYY-MM when only the month is "
        "known, or YYYY when only the year is; 'before DATE' or 'after DATE' "
        "when the sources give only a limit.",
        True,
        pattern=BOUNDED_DATE_PATTERN,
    ),
    Field(
        "end",
        "date",
        "When it ended, if it lasted more than a day; not before date, "
        "and not with a date that is only a bound.",
        pattern=DATE_PATTERN,
    ),
    Field("date_note", "longtext", "How the date is known, where it is inferred or uncertain."),
    Field("type", "choice", "ACLED's event type.", True, choices=EVENT_TYPES, example="battles"),
    Field("sub_type", "text", "ACLED's sub-event type, or other words.", example="Armed clash"),
    Field(
        "actors", "ids", "The actors involved (actor ids).", True, ref="actor", example=["actor-id"]
    ),
    Field(
        "actor1",
        "id",
        "ACLED's actor 1: the main actor of the first side (an actor id, one of actors); "
        "in a battle the attacker where the sources say who attacked.",
        ref="actor",
    ),
    Field(
        "assoc_actor_1",
        "ids",
        "ACLED's associated actors of the first side: actors fighting or acting with actor1.",
        ref="actor",
    ),
    Field(
        "actor2",
        "id",
        "ACLED's actor 2: the main actor of the other side (an actor id, one of actors), "
        "the one attacked or targeted; none for a one-sided development.",
        ref="actor",
    ),
    Field(
        "assoc_actor_2",
        "ids",
        "ACLED's associated actors of the other side.",
        ref="actor",
    ),
    Field(
        "civilian_targeting",
        "choice",
        "ACLED's 'Civilian targeting': civilians were the main or only target, as the sources "
        "say (always so for violence against civilians).",
        choices=("Civilian targeting",),
    ),
    Field(
        "locations",
        "ids",
        "Where it happened (location ids).",
        True,
        ref="location",
        example=["location-id"],
    ),
    Field(
        "sources",
        "ids",
        "The sources it rests on (source ids), one or more.",
        True,
        ref="source",
        example=["source-id"],
    ),
    Field(
        "claims",
        "records",
        "Who claims what about it; see the claim fields.",
        fields=CLAIM_FIELDS,
        max_items=MAX_CLAIMS,
    ),
    Field(
        "assessment",
        "records",
        "The chronicle's own reading of a topic, shown apart from the claims.",
        fields=ASSESSMENT_FIELDS,
        max_items=MAX_CLAIMS,
    ),
    Field(
        "redirect_from",
        "texts",
        "Old ids of this entry, so old URLs keep working.",
        pattern=ID_PATTERN,
    ),
)

ACTOR_FIELDS = (
    Field("name", "text", "The actor's usual name.", True, example="Name of the actor"),
    Field("aliases", "texts", "Other names, spellings and scripts."),
    Field(
        "kind",
        "choice",
        "What kind of actor, in a neutral typology: ACLED's actor types (an armed group "
        "without a political or communal agenda of its own is a political militia, as ACLED "
        "codes it), or a government body, a person or the media.",
        choices=ACTOR_KINDS,
        example="state forces",
    ),
    Field(
        "inter",
        "choice",
        "ACLED's actor type in this conflict (its inter1 and inter2 codes): a state's forces "
        "acting outside their own country are External/Other forces.",
        choices=ACLED_INTER,
    ),
    Field("affiliated_with", "ids", "Actors it is affiliated with (actor ids).", ref="actor"),
    Field("successor_of", "ids", "Actors it succeeded (actor ids).", ref="actor"),
    Field("redirect_from", "texts", "Old ids of this entry.", pattern=ID_PATTERN),
)

LOCATION_FIELDS = (
    Field("name", "text", "The place's usual name.", True, example="Name of the place"),
    Field("aliases", "texts", "Other spellings and scripts."),
    Field("region", "text", "The administrative region."),
    Field(
        "country",
        "text",
        "ISO 3166 alpha-2 country code.",
        pattern=COUNTRY_PATTERN,
        example="FR",
    ),
    Field("lat", "number", "Latitude in decimal degrees (with lon).", minimum=-90, maximum=90),
    Field("lon", "number", "Longitude in decimal degrees (with lat).", minimum=-180, maximum=180),
    Field(
        "geo_precision",
        "choice",
        "How precisely lat and lon place it, from a gazetteer: town (the place itself), "
        "region (only approximately, within its district or region) "
        "or country (a point standing for the whole country); ACLED's geo_precision 1, 2, 3.",
        choices=GEO_PRECISIONS,
    ),
    Field("redirect_from", "texts", "Old ids of this entry.", pattern=ID_PATTERN),
)

SOURCE_FIELDS = (
    Field("publisher", "text", "Who published it.", True, example="Publisher"),
    Field("title", "text", "The title in its own language.", True, example="Title"),
    Field("title_en", "text", "An English translation of the title."),
    Field("author", "text", "The author, where known."),
    Field(
        "date",
        "date",
        "When it was published: YYYY-MM-DD, YYYY-MM or YYYY; 'before DATE' or "
        "'after DATE' when the copy gives only a limit.",
        True,
        pattern=BOUNDED_DATE_PATTERN,
    ),
    Field("date_note", "longtext", "How the date is known, where it is inferred."),
    Field(
        "language", "text", "ISO 639-1 language code.", True, pattern=LANGUAGE_PATTERN, example="en"
    ),
    Field("kind", "choice", "What kind of source.", choices=SOURCE_KINDS, example="newspaper"),
    Field("url", "url", "Where it is published (http or https).", pattern=URL_PATTERN),
    Field("archive_url", "url", "An archived copy (http or https).", pattern=URL_PATTERN),
    Field(
        "accessed",
        "date",
        "When url or archive_url was last opened and found to hold this source: YYYY-MM-DD "
        "(or YYYY-MM).",
        pattern=DATE_PATTERN,
    ),
    Field("by", "id", "The actor whose own statement this is.", ref="actor"),
    Field("redirect_from", "texts", "Old ids of this entry.", pattern=ID_PATTERN),
)

# The front matter an ordinary page (any .md outside the entry folders) may set:
# what the theme shows, and nothing that changes how the page is built
# (template:, search:, a redirect...), which would let a page empty itself.
PAGE_HIDE = ("navigation", "toc", "footer", "path", "tags", "feedback")
PAGE_FIELDS = (
    Field("title", "text", "The page's title, in the window title and the navigation."),
    Field("description", "text", "A one-line description, for search engines."),
    Field(
        "hide",
        "texts",
        f"Parts of the theme to hide on this page: {', '.join(PAGE_HIDE)}.",
        pattern=f"^(?:{'|'.join(PAGE_HIDE)})$",
    ),
)

KINDS: dict[str, tuple[Field, ...]] = {
    "event": EVENT_FIELDS,
    "actor": ACTOR_FIELDS,
    "location": LOCATION_FIELDS,
    "source": SOURCE_FIELDS,
}

# The folder of content/ that holds each kind, and back.
FOLDERS = {"event": "events", "actor": "actors", "location": "locations", "source": "sources"}
KIND_OF_FOLDER = {folder: kind for kind, folder in FOLDERS.items()}

# How deep front matter may nest: the entry mapping, a list of records, a
# record, a list of parts inside a claim, a part, and a value in it.
MAX_DEPTH = 6
