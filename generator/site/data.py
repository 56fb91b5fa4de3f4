"""Open data: the chronicle as downloads under /data/.

``data_files`` returns path -> text for ``data/events.json`` (everything:
events with their claims and assessments, actors, locations and sources,
each with its id and URL), ``data/events.csv`` (one row for each place of
each event: ACLED's columns with ACLED's meanings, then the chronicle's own), ``data/claims.csv`` (one row a claim) and
``data/events.geojson`` (a point for each place of an event that has
coordinates). The Data page (templates/data.md.j2) documents every column;
``EVENT_COLUMNS`` and ``CLAIM_COLUMNS`` are its list. Nothing depends on
the clock: the same content gives the same files.
"""

from __future__ import annotations

from ..content.analysis import EventAnalysis, analysis_of
from ..content.countries import iso_numeric
from ..content.model import Chronicle, Claim, Event, Figure, PartialDate
from ..content.vocabulary import ACLED_INTER, EVENT_TYPE_LABELS
from .columns import CLAIM_COLUMNS, EVENT_COLUMNS
from .labels import country as country_name
from .licences import licence_of
from .urls import permanent_url, url_of
from .writers import csv_text, json_text

DATA_FILES = ("data/events.json", "data/events.csv", "data/claims.csv", "data/events.geojson")


def _bool(value: bool) -> str:
    return "true" if value else "false"


def _figure(figure: Figure | None) -> dict | None:
    if figure is None:
        return None
    return {"text": figure.text, "low": figure.low, "high": figure.high}


def _date(date: PartialDate | None) -> str | None:
    return None if date is None else date.iso


def _claim(event: Event, claim: Claim, site_url: str, analysed: EventAnalysis) -> dict:
    total = analysed.parts_sum(claim)
    newer = analysed.superseded.get(claim.index)
    return {
        "claim": claim.anchor,
        "id": claim.id,
        "url": permanent_url(site_url, url_of(event)) + "#" + claim.anchor,
        "about": claim.about,
        "by": claim.by,
        "by_actor": claim.by_actor,
        "says": claim.says,
        "figure": _figure(claim.figure),
        "of": claim.of,
        "parts": [{"figure": _figure(p.figure), "of": p.of} for p in claim.parts],
        "parts_sum": _figure(total),
        "inconsistent": analysed.is_inconsistent(claim),
        "source": claim.source,
        "date": _date(claim.date),
        "superseded_by": newer.anchor if newer else None,
    }


def event_record(event: Event, chronicle: Chronicle, site_url: str = "") -> dict:
    """One event as published in events.json."""
    analysed = analysis_of(chronicle).of(event)
    return {
        "id": event.id,
        "url": permanent_url(site_url, url_of(event)),
        "title": event.title,
        "summary": event.summary,
        "date": event.date.iso,
        "end": _date(event.end),
        "date_precision": event.date.precision,
        "date_bound": event.date.bound_word or None,
        "date_note": event.date_note,
        "type": event.type,
        "sub_type": event.sub_type,
        "actors": list(event.actors),
        "actor1": event.actor1,
        "assoc_actor_1": list(event.assoc_actor_1),
        "actor2": event.actor2,
        "assoc_actor_2": list(event.assoc_actor_2),
        "locations": list(event.locations),
        "sources": list(event.sources),
        "confidence": analysed.confidence,
        "disputed_topics": [t.about for t in analysed.disputed_topics],
        "claims": [_claim(event, c, site_url, analysed) for c in event.claims],
        "assessment": [
            {
                "about": a.about,
                "figure": _figure(a.figure),
                "says": a.says,
                "note": a.note,
                "sources": list(a.sources),
            }
            for a in event.assessment
        ],
        "redirect_from": list(event.redirect_from),
        "body": event.body,
    }


def chronicle_record(
    chronicle: Chronicle, site_url: str = "", site_name: str = "", licence: str | None = None
) -> dict:
    """The whole chronicle as one JSON-ready mapping (events.json); ``licence``: the SPDX
    id of its content's licence (licences.py), or None when none is stated."""
    stated = licence_of(licence)

    def url(entry) -> str:
        return permanent_url(site_url, url_of(entry))

    newest = chronicle.newest_date()
    return {
        "name": site_name,
        "url": site_url or None,
        "newest_date": newest.iso if newest else None,
        "license": stated.record() if stated else None,
        "events": [event_record(e, chronicle, site_url) for e in chronicle.events],
        "actors": [
            {
                "id": a.id,
                "url": url(a),
                "name": a.name,
                "aliases": list(a.aliases),
                "kind": a.kind_of,
                "inter": a.inter,
                "affiliated_with": list(a.affiliated_with),
                "successor_of": list(a.successor_of),
                "body": a.body,
            }
            for a in chronicle.actors.values()
        ],
        "locations": [
            {
                "id": loc.id,
                "url": url(loc),
                "name": loc.name,
                "aliases": list(loc.aliases),
                "region": loc.region,
                "country": loc.country,
                "lat": loc.lat,
                "lon": loc.lon,
                "geo_precision": loc.geo_precision,
                "body": loc.body,
            }
            for loc in chronicle.locations.values()
        ],
        "sources": [
            {
                "id": s.id,
                "url": url(s),
                "publisher": s.publisher,
                "title": s.title,
                "title_en": s.title_en,
                "author": s.author,
                "date": s.date.iso,
                "date_bound": s.date.bound_word or None,
                "date_note": s.date_note,
                "language": s.language,
                "kind": s.kind_of,
                "link": s.url,
                "archive_url": s.archive_url,
                "accessed": s.accessed.iso if s.accessed else None,
                "by": s.by,
                "body": s.body,
            }
            for s in chronicle.sources.values()
        ],
    }


def _csv(columns: tuple, rows: list[dict]) -> str:
    return csv_text([name for name, _ in columns], rows)


def _n(value: float | None) -> str:
    return "" if value is None else f"{value:g}" if isinstance(value, float) else str(value)


# ACLED's time_precision: 1 the day is known, 3 the month (or less) is.
TIME_PRECISION = {"day": "1", "month": "3", "year": "3"}
# ACLED's geo_precision from the content's: the town itself, its region, the country.
GEO_PRECISION = {"town": "1", "region": "2", "country": "3"}
# ACLED's disorder type of each event type; riots and protests depend on the sub-event type.
DISORDER = {
    "battles": "Political violence",
    "explosions-remote-violence": "Political violence",
    "violence-against-civilians": "Political violence",
    "strategic-developments": "Strategic developments",
    "protests": "Demonstrations",
}
DISORDER_OF_SUB_TYPE = {
    "excessive force against protesters": "Political violence; Demonstrations",
    "mob violence": "Political violence",
    "violent demonstration": "Demonstrations",
}


def disorder_type(event: Event) -> str:
    """ACLED's disorder type of an event, by ACLED's rules; '' where they do not say."""
    by_sub_type = DISORDER_OF_SUB_TYPE.get((event.sub_type or "").strip().lower())
    if event.type in ("protests", "riots") and by_sub_type:
        return by_sub_type
    return DISORDER.get(event.type, "")


# The event types that may have one side only (ACLED's "Rebel group only").
ONE_SIDED = ("strategic-developments", "protests", "riots")


def interaction(event: Event, inter1: str, inter2: str) -> str:
    """ACLED's interaction: 'State forces-Rebel group' (in ACLED's order), 'Rebel group
    only' for a development with one side; '' when a side or its type is not known."""
    if not inter1 or (event.actor2 and not inter2):
        return ""
    if not event.actor2:
        return f"{inter1} only" if event.type in ONE_SIDED else ""
    first, second = sorted((inter1, inter2), key=ACLED_INTER.index)
    return f"{first}-{second}"


def events_csv(chronicle: Chronicle, site_url: str = "") -> str:
    """A row for each place of each event (one for an event without a place), in the
    columns of EVENT_COLUMNS; the fatalities on each event's first row only."""
    rows = []
    analysis = analysis_of(chronicle)
    actors = chronicle.actors

    def names(idents) -> str:
        return "; ".join(actors[i].name for i in idents if i in actors)

    def inter(ident: str | None) -> str:
        return (actors[ident].inter or "") if ident in actors else ""

    for event in chronicle.events:
        analysed = analysis.of(event)
        low, high = analysed.fatalities
        places = [chronicle.locations[i] for i in event.locations] or [None]
        publishers = dict.fromkeys(
            chronicle.sources[i].publisher for i in event.sources if i in chronicle.sources
        )
        inter1, inter2 = inter(event.actor1), inter(event.actor2)
        start = event.date
        for n, place in enumerate(places):
            located = place is not None and place.lat is not None and place.lon is not None
            code = (place.country or "") if place else ""
            rows.append(
                {
                    "event_id_cnty": f"{event.id}/{place.id}" if place else event.id,
                    "event_date": f"{start.year:04d}-{start.month or 1:02d}-{start.day or 1:02d}",
                    "year": str(start.year),
                    "time_precision": TIME_PRECISION[start.precision],
                    "disorder_type": disorder_type(event),
                    "event_type": EVENT_TYPE_LABELS[event.type],
                    "sub_event_type": event.sub_type or "",
                    "actor1": names([event.actor1] if event.actor1 else []),
                    "assoc_actor_1": names(event.assoc_actor_1),
                    "inter1": inter1,
                    "actor2": names([event.actor2] if event.actor2 else []),
                    "assoc_actor_2": names(event.assoc_actor_2),
                    "inter2": inter2,
                    "interaction": interaction(event, inter1, inter2),
                    "civilian_targeting": (
                        "Civilian targeting"
                        if event.type == "violence-against-civilians" or event.civilian_targeting
                        else ""
                    ),
                    "iso": _iso(code),
                    "region": "",
                    "country": country_name(code) if code else "",
                    "admin1": (place.region or "") if place else "",
                    "admin2": "",
                    "admin3": "",
                    "location": place.name if place else "",
                    "latitude": _n(place.lat) if located else "",
                    "longitude": _n(place.lon) if located else "",
                    "geo_precision": GEO_PRECISION.get(place.geo_precision or "", "")
                    if located
                    else "",
                    "source": "; ".join(publishers),
                    "source_scale": "",
                    "notes": event.summary,
                    "fatalities": _n(low) if n == 0 else "",
                    "tags": "",
                    "timestamp": "",
                    "event_id": event.id,
                    "url": permanent_url(site_url, url_of(event)),
                    "title": event.title,
                    "end_date": event.end.iso if event.end else "",
                    "date_precision": start.precision,
                    "date_bound": start.bound_word,
                    "actors": "; ".join(event.actors),
                    "locations": "; ".join(event.locations),
                    "location_id": place.id if place else "",
                    "sources": "; ".join(event.sources),
                    "claims_count": str(len(event.claims)),
                    "disputed": _bool(analysed.disputed),
                    "fatalities_low": _n(low) if n == 0 else "",
                    "fatalities_high": _n(high) if n == 0 else "",
                }
            )
    return _csv(EVENT_COLUMNS, rows)


def _iso(code: str) -> str:
    """ACLED's iso: the ISO 3166 numeric code as a number ('024' -> '24'); '' without one."""
    numeric = iso_numeric(code)
    return str(int(numeric)) if numeric else ""


def claims_csv(chronicle: Chronicle, site_url: str = "") -> str:
    """One row a claim, in the columns of CLAIM_COLUMNS."""
    rows = []
    analysis = analysis_of(chronicle)
    for event in chronicle.events:
        analysed = analysis.of(event)
        disputed = {c.index for t in analysed.disputed_topics for c in t.claims}
        for claim in event.claims:
            total = analysed.parts_sum(claim)
            newer = analysed.superseded.get(claim.index)
            figure = claim.figure
            rows.append(
                {
                    "event_id": event.id,
                    "claim": claim.anchor,
                    "claim_id": claim.id or "",
                    "about": claim.about,
                    "claimant": claim.by,
                    "claimant_is_actor": _bool(claim.by_actor),
                    "says": claim.says,
                    "figure": figure.text if figure else "",
                    "figure_low": _n(figure.low) if figure else "",
                    "figure_high": _n(figure.high) if figure else "",
                    "of": claim.of or "",
                    "parts": "; ".join(f"{p.figure.text} {p.of}" for p in claim.parts),
                    "parts_sum": total.text if total else "",
                    "inconsistent": _bool(analysed.is_inconsistent(claim)),
                    "source": claim.source,
                    "claim_date": claim.date.iso if claim.date else "",
                    "superseded_by": newer.anchor if newer else "",
                    "topic_disputed": _bool(claim.index in disputed),
                    "url": permanent_url(site_url, url_of(event)) + "#" + claim.anchor,
                }
            )
    return _csv(CLAIM_COLUMNS, rows)


def events_geojson(chronicle: Chronicle, site_url: str = "") -> dict:
    """A GeoJSON FeatureCollection (RFC 7946): a point for each located place of each event."""
    features = []
    analysis = analysis_of(chronicle)
    for event in chronicle.events:
        for ident in event.locations:
            place = chronicle.locations[ident]
            if place.lat is None or place.lon is None:
                continue
            features.append(
                {
                    "type": "Feature",
                    "id": f"{event.id}/{ident}",
                    "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
                    "properties": {
                        "event_id": event.id,
                        "title": event.title,
                        "date": event.date.iso,
                        "end": _date(event.end),
                        "type": event.type,
                        "location_id": ident,
                        "location": place.name,
                        "geo_precision": place.geo_precision,
                        "country": place.country,
                        "country_name": country_name(place.country) if place.country else None,
                        "confidence": analysis.of(event).confidence,
                        "url": permanent_url(site_url, url_of(event)),
                    },
                }
            )
    return {"type": "FeatureCollection", "features": features}


def _json(value: object) -> str:
    return json_text(value)


def data_files(
    chronicle: Chronicle, site_url: str = "", site_name: str = "", licence: str | None = None
) -> dict[str, str]:
    """Every download of /data/ but the calendar (feeds.py): path -> text."""
    texts = (
        _json(chronicle_record(chronicle, site_url, site_name, licence)),
        events_csv(chronicle, site_url),
        claims_csv(chronicle, site_url),
        _json(events_geojson(chronicle, site_url)),
    )
    return dict(zip(DATA_FILES, texts, strict=True))
