"""Each page's description, in the interface's language: its ``<meta name="description">``,
its Open Graph description and the summary the search shows.

An event is described by its summary, and an entry with text by its first sentences
(both the content's own words); an entry without text, a listing page and a year's page
by the messages here, which the catalogs translate.
"""

from __future__ import annotations

from ..content.model import Entry, Event, Location, Source
from .i18n import N_, Words
from .labels import country, plain, shorten

INDEX = {
    "actor": N_(
        "The armed forces, groups, governments, missions, media and people of the "
        "chronicle, each with the events it took part in and the claims it made."
    ),
    "location": N_("The towns, camps and regions of the chronicle, each with its events."),
    "source": N_("The reports the chronicle rests on, by publisher, with the claims each reports."),
    "chronicle.md": N_("Every event of the chronicle in date order, grouped by year and month."),
    "events/index.md": N_("The chronicle's events by year, each year on its own page."),
    "disputed.md": N_(
        "The topics on which the claimants disagree: the spread of their figures and who "
        "claims what."
    ),
    "changes.md": N_(
        "Every change to the chronicle's entries, newest first: new entries, updates and "
        "corrections, each dated by its commit."
    ),
    "schema/index.md": N_("The JSON Schemas of the chronicle's content files."),
    "data.md": N_(
        "The chronicle as open data: JSON, CSV with ACLED-style columns, GeoJSON, an "
        "iCalendar file and an Atom feed, every field documented."
    ),
}
YEAR = {
    "chronicle": N_("Every event of the chronicle in %(year)s, by month."),
    "events": N_("The chronicle's events of %(year)s: their dates, places and confidence."),
    "disputed": N_("The disputed topics of %(year)s."),
    "changes": N_("The chronicle's changes in %(year)s."),
    "term": N_("%(name)s: its events of %(year)s."),
}


def of_page(key: str, words: Words) -> str:
    """A listing page's description: ``key`` is its kind or its path (INDEX)."""
    return words.gettext(INDEX[key])


def of_year(kind: str, year: int, words: Words, name: str = "") -> str:
    """A year's page of a listing or of a term (``name``)."""
    return words.gettext(YEAR[kind], year=year, name=name)


def of_entry(entry: Entry, events: int, words: Words) -> str:
    """An entry's page: an event's summary, else the first sentences of the entry's
    text; an entry with no text is described by its facts."""
    if isinstance(entry, Event):
        return " ".join(entry.summary.split())
    text = plain(entry.body)
    if text:
        return shorten(text)
    counted = words.ngettext(
        "%(num)d event in the chronicle", "%(num)d events in the chronicle", events
    )
    if isinstance(entry, Source):
        return shorten(
            words.gettext(
                "%(title)s: a source published by %(publisher)s, %(date)s.",
                title=entry.title,
                publisher=entry.publisher,
                date=words.date(entry.date),
            )
        )
    if isinstance(entry, Location):
        where = ", ".join(
            p
            for p in (entry.region, country(entry.country, words.locale) if entry.country else None)
            if p
        )
        name = f"{entry.name} ({where})" if where else entry.name
        return shorten(words.gettext("%(name)s: %(counted)s.", name=name, counted=counted))
    kind = getattr(entry, "kind_of", None)
    name = f"{entry.name}, {words.gettext(kind)}" if kind else entry.name
    return shorten(words.gettext("%(name)s: %(counted)s.", name=name, counted=counted))
