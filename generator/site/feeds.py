"""Feeds: an Atom feed of events (/feed.xml), one of corrections (/corrections.xml) and an
iCalendar file (/data/events.ics).

Both are dated by the content, never by the clock: an entry's ``updated`` is
the newest date among the event's own dates, its claims' and its sources';
the feed's is the newest of all. Atom's dates are timestamps, so a date known
only to the month or the year counts there from its first day; the text
readers read gives it as it is known ("July 2024 (known to the month)", never
an invented day). The feed holds the ``FEED_SIZE`` newest events, newest
first; the calendar holds every event, as all-day events spanning what is
known (a day, the days to its end, or the whole month or year when only that
is known, the description saying so). The feed of corrections is dated by the
commits that made them (content/history.py).

Their words (titles, summaries, dates, confidence labels, event types) are in
the interface's language (``language``, theme.language: site/i18n.py); the
codes kept for programs (``category`` terms, ``CATEGORIES``) stay as they are.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from ..content.analysis import analysis_of
from ..content.model import Chronicle, Event, PartialDate
from .i18n import Words
from .labels import event_type
from .urls import chronicle_key, permanent_url, url_of
from .writers import ics_lines, ics_text, xml_text

FEED_SIZE = 100
FEED_FILES = ("feed.xml", "corrections.xml", "data/events.ics")
GENERATOR = "conflict-chronicle"


def _day(date: PartialDate) -> datetime.date:
    return datetime.date(date.year, date.month or 1, date.day or 1)


def _after(date: PartialDate) -> datetime.date:
    """The first day after the period a partial date covers."""
    if date.day:
        return _day(date) + datetime.timedelta(days=1)
    if date.month:
        year, month = (date.year + 1, 1) if date.month == 12 else (date.year, date.month + 1)
        return datetime.date(year, month, 1)
    return datetime.date(date.year + 1, 1, 1)


def _basic(day: datetime.date) -> str:
    """A DATE of iCalendar (RFC 5545, 3.3.4): YYYYMMDD, the year always of four digits."""
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def _stamp(date: PartialDate) -> str:
    return _day(date).isoformat() + "T00:00:00Z"


def updated(event: Event, chronicle: Chronicle) -> PartialDate:
    """The newest date of the event, its end, its claims and its sources."""
    dates = [event.date, *(d for d in (event.end,) if d)]
    dates += [c.date for c in event.claims if c.date]
    dates += [chronicle.sources[s].date for s in event.sources]
    return max(dates)


def _addresses(site_url: str, site_name: str) -> tuple[Callable, Callable]:
    """A feed's ``link(url)``, the page's address, and ``ident(url)``, its Atom id: the
    address when the site has one, else a URN unique to the chronicle (urls.chronicle_key)."""

    def link(url: str) -> str:
        return xml_text(permanent_url(site_url, url))

    def ident(url: str) -> str:
        if site_url:
            return link(url)
        key = chronicle_key(site_url, site_name)
        return xml_text(f"urn:conflict-chronicle:{key}:" + (url.strip("/") or "site"))

    return link, ident


def _known(words: Words, date: PartialDate) -> str:
    """How precisely a date is known, in words: '' for a day; ' (known to the month)'."""
    if date.bound:
        return " (" + words.gettext("a limit: the sources give no closer date") + ")"
    if date.precision == "day":
        return ""
    return " (" + words.gettext(_PRECISION[date.precision]) + ")"


_PRECISION = {"month": "known to the month", "year": "known to the year"}  # labels.py marks them


def _when(words: Words, event: Event) -> str:
    """An event's date (or dates) in words, with how precisely it is known where it is
    not a day: '25–27 July 2024', '2020 (known to the year)'."""
    end = event.end if event.end and event.end != event.date else None
    if end is None:
        return words.date(event.date) + _known(words, event.date)
    if words.compact(event.date, end):
        return words.date(event.date, end)
    first = words.date(event.date) + _known(words, event.date)
    return f"{first} \u2013 {words.date(end)}{_known(words, end)}"


def _xml_lang(words: Words) -> str:
    return xml_text(words.language.replace("_", "-"))


def atom_feed(
    chronicle: Chronicle, site_url: str = "", site_name: str = "", language: str = "en"
) -> str:
    """The Atom (RFC 4287) feed of the newest events, newest first."""
    words = Words(language)
    shown_name = site_name or words.gettext("The chronicle")
    name = xml_text(shown_name)
    link, ident = _addresses(site_url, site_name)

    events = list(reversed(chronicle.events))[:FEED_SIZE]
    newest = max((updated(e, chronicle) for e in events), default=PartialDate(1970))
    subtitle = words.gettext(
        "The newest events of %(name)s, each with its claims and sources.", name=shown_name
    )
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{_xml_lang(words)}">',
        f"<title>{name}</title>",
        f"<subtitle>{xml_text(subtitle)}</subtitle>",
        f"<id>{ident('')}</id>",
        f'<link rel="self" type="application/atom+xml" href="{link("feed.xml")}"/>',
        f'<link rel="alternate" type="text/html" href="{link("")}"/>',
        f"<updated>{_stamp(newest)}</updated>",
        f"<author><name>{name}</name></author>",
        f"<generator>{GENERATOR}</generator>",
    ]
    for event in events:
        confidence = words.gettext(analysis_of(chronicle).of(event).confidence)
        places = ", ".join(chronicle.locations[i].name for i in event.locations)
        actors = ", ".join(chronicle.actors[i].name for i in event.actors)
        kind = words.gettext(event_type(event.type))
        facts = " &#183; ".join(
            xml_text(text) for text in (_when(words, event), kind, places, actors)
        )
        counted = words.gettext(
            "confidence: %(confidence)s; %(claims)s.",
            confidence=confidence,
            claims=words.ngettext("%(num)d claim", "%(num)d claims", len(event.claims)),
        )
        content = f"<p>{xml_text(event.summary)}</p><p>{facts} &#183; {xml_text(counted)}</p>"
        out += [
            "<entry>",
            f"<title>{xml_text(event.title)}</title>",
            f"<id>{ident(url_of(event))}</id>",
            f'<link rel="alternate" type="text/html" href="{link(url_of(event))}"/>',
            f"<published>{_stamp(event.date)}</published>",
            f"<updated>{_stamp(updated(event, chronicle))}</updated>",
            f'<category term="{xml_text(event.type)}" label="{xml_text(kind)}"/>',
            f"<summary>{xml_text(event.summary)}</summary>",
            f'<content type="html">{xml_text(content)}</content>',
            "</entry>",
        ]
    out.append("</feed>")
    return "\n".join(out) + "\n"


def events_ics(
    chronicle: Chronicle, site_url: str = "", site_name: str = "", language: str = "en"
) -> str:
    """Every event as an all-day VEVENT (RFC 5545).

    A date known to the month or the year spans that whole month or year, and its
    description says how precisely it is known: no day is invented.
    """
    words = Words(language)
    # Unique to this chronicle: two chronicles under one host (example.github.io/a/ and
    # /b/), or without an address, never share a UID.
    host = chronicle_key(site_url, site_name)
    name = site_name or words.gettext("The chronicle")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//{GENERATOR}//{ics_text(name)}//{words.language.split('_')[0].upper()}",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{ics_text(name)}",
    ]
    for event in chronicle.events:
        url = permanent_url(site_url, url_of(event))
        start, end = _day(event.date), _after(event.end or event.date)
        places = ", ".join(chronicle.locations[i].name for i in event.locations)
        when = words.gettext("Date: %(date)s", date=_when(words, event))
        confidence = words.gettext(analysis_of(chronicle).of(event).confidence)
        shown = words.gettext("Confidence: %(confidence)s", confidence=confidence)
        description = f"{event.summary}\n\n{when}\n{shown}\n{url}"
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event.id}@{host}",
            f"DTSTAMP:{_basic(_day(updated(event, chronicle)))}T000000Z",
            f"DTSTART;VALUE=DATE:{_basic(start)}",
            f"DTEND;VALUE=DATE:{_basic(end)}",
            f"SUMMARY:{ics_text(event.title)}",
            f"DESCRIPTION:{ics_text(description)}",
            f"LOCATION:{ics_text(places)}",
            f"CATEGORIES:{ics_text(event.type)}",
            f"URL:{url}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return ics_lines(lines)


def corrections_feed(
    chronicle: Chronicle, site_url: str = "", site_name: str = "", language: str = "en"
) -> str:
    """The Atom feed of the chronicle's corrections (content/history.py), newest first.

    Each entry is one commit's correction of one entry, dated by the commit and linked
    to the entry's history; without a history the feed has no entries, and is dated
    1970-01-01.
    """
    words = Words(language)
    shown_name = site_name or words.gettext("The chronicle")
    link, ident = _addresses(site_url, site_name)

    history = chronicle.history
    records = [r for r in (history.records if history else ()) if r.revision.correction]
    records = records[:FEED_SIZE]
    newest = records[0].revision.stamp if records else "1970-01-01T00:00:00Z"
    current = {e.src: e for e in chronicle.events}
    current.update((e.src, e) for k in ("actor", "location", "source")
                   for e in chronicle.terms(k).values())  # fmt: skip
    title = words.gettext("%(name)s: corrections", name=shown_name)
    subtitle = words.gettext(
        "Every correction of %(name)s: a figure, a date or an attribution changed, a claim "
        "withdrawn.",
        name=shown_name,
    )
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{_xml_lang(words)}">',
        f"<title>{xml_text(title)}</title>",
        f"<subtitle>{xml_text(subtitle)}</subtitle>",
        f"<id>{ident('corrections.xml')}</id>",
        f'<link rel="self" type="application/atom+xml" href="{link("corrections.xml")}"/>',
        f'<link rel="alternate" type="text/html" href="{link("changes/")}"/>',
        f"<updated>{newest}</updated>",
        f"<author><name>{xml_text(shown_name)}</name></author>",
        f"<generator>{GENERATOR}</generator>",
    ]
    marked = words.gettext("Correction:")
    for record in records:
        revision = record.revision
        entry = current.get(record.current or "")
        url = url_of(entry) + "#history" if entry is not None else "changes/"
        name = entry.name if entry is not None else record.name
        anchor = f"{revision.commit[:12]}-{record.kind}-{record.id}"
        said = [words.change(c) for c in revision.changes]
        items = "".join(f"<li>{xml_text(text)}</li>" for text in said)
        note = f"<p>{xml_text(marked)} {xml_text(revision.note)}</p>" if revision.note else ""
        content = f"<ul>{items}</ul>{note}"
        summary = "; ".join(said)
        entry_title = words.gettext("Correction: %(name)s", name=name)
        out += [
            "<entry>",
            f"<title>{xml_text(entry_title)}</title>",
            f"<id>{ident('changes/')}{'#' if site_url else ':'}{xml_text(anchor)}</id>",
            f'<link rel="alternate" type="text/html" href="{link(url)}"/>',
            f"<published>{revision.stamp}</published>",
            f"<updated>{revision.stamp}</updated>",
            f'<category term="{xml_text(record.kind)}"/>',
            f"<summary>{xml_text(summary)}</summary>",
            f'<content type="html">{xml_text(content)}</content>',
            "</entry>",
        ]
    out.append("</feed>")
    return "\n".join(out) + "\n"


def feed_files(
    chronicle: Chronicle, site_url: str = "", site_name: str = "", language: str = "en"
) -> dict[str, str]:
    """The feeds and the calendar, in the interface's language: path -> text."""
    texts = (
        atom_feed(chronicle, site_url, site_name, language),
        corrections_feed(chronicle, site_url, site_name, language),
        events_ics(chronicle, site_url, site_name, language),
    )
    return dict(zip(FEED_FILES, texts, strict=True))
