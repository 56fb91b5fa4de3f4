"""The feed and the downloads of the built real site: /feed.xml is Atom, /data/events.json
round-trips every event of content/, the CSVs have their columns, the GeoJSON is GeoJSON and
the calendar is iCalendar. What they should hold is read from the content files."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import frontmatter
import pytest
from babel import Locale

from generator.content import countries
from generator.content.index import build_chronicle
from generator.content.model import ContentError
from generator.content.vocabulary import EVENT_TYPE_LABELS
from generator.site import data, feeds
from tests import test_hostile
from tests.conftest import CONTENT, FIXTURE, ROOT, SITE_NAME, SITE_URL
from tests.htmltree import parse

# The fixture chronicle with every accepted attack, built once (a fixture of test_hostile).
hostile_site = test_hostile.hostile_site
ATOM = "{http://www.w3.org/2005/Atom}"
# What tells the chronicle apart in the calendar's UIDs: its host and path.
HOST = urlsplit(SITE_URL).hostname + urlsplit(SITE_URL).path.rstrip("/")
# ACLED's columns, in the order of ACLED's exports, as its codebook names them; then the
# chronicle's own.
ACLED_COLUMNS = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
]
OWN_COLUMNS = [
    "event_id",
    "url",
    "title",
    "end_date",
    "date_precision",
    "date_bound",
    "actors",
    "locations",
    "location_id",
    "sources",
    "claims_count",
    "disputed",
    "fatalities_low",
    "fatalities_high",
]
ACLED_INTER = [
    "State forces", "Rebel group", "Political militia", "Identity militia", "Rioters",
    "Protesters", "Civilians", "External/Other forces",
]  # fmt: skip


def entries(folder: str) -> dict[str, dict]:
    return {p.stem: frontmatter.load(p).metadata for p in sorted((CONTENT / folder).rglob("*.md"))}


EVENTS = entries("events")
LOCATIONS = entries("locations")


def date_key(value: object) -> tuple[int, ...]:
    """(year, month, day, bound): "before X" sorts just before X, "after X" just after."""
    words = str(value).split()
    bound = {"before": -1, "after": 1}.get(words[0], 0) if len(words) > 1 else 0
    parts = [int(p) for p in words[-1].split("-")]
    return (*parts, *[0] * (3 - len(parts)), bound)


def split_date(value: object) -> tuple[str, str]:
    """The date of a front-matter date, and its bound word ('' unless before or after)."""
    words = str(value).split()
    return words[-1], words[0] if len(words) > 1 else ""


def text(value: object) -> str | None:
    return None if value is None else str(value)


# Atom.


@pytest.fixture(scope="module")
def feed(real_site: Path) -> ET.Element:
    return ET.parse(real_site / "feed.xml").getroot()


def test_the_feed_is_atom_with_the_required_elements(feed):
    assert feed.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{name}") is not None, name
    (self_link,) = [link for link in feed.findall(f"{ATOM}link") if link.get("rel") == "self"]
    assert self_link.get("href") == SITE_URL + "feed.xml"
    for entry in feed.findall(f"{ATOM}entry"):
        for name in ("id", "title", "updated", "summary"):
            assert (entry.findtext(f"{ATOM}{name}") or "").strip(), name
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT00:00:00Z", entry.findtext(f"{ATOM}updated"))


def test_the_feed_holds_every_event_newest_first_linking_to_its_page(feed, real_site):
    found = feed.findall(f"{ATOM}entry")
    assert len(found) == min(len(EVENTS), feeds.FEED_SIZE)
    titles = [e.findtext(f"{ATOM}title") for e in found]
    assert sorted(titles) == sorted(m["title"] for m in EVENTS.values())
    order = sorted(EVENTS, key=lambda i: (date_key(EVENTS[i]["date"]), i), reverse=True)
    assert titles[0] == EVENTS[order[0]]["title"]
    published = [e.findtext(f"{ATOM}published") for e in found]
    assert published == sorted(published, reverse=True)
    ids = [e.findtext(f"{ATOM}id") for e in found]
    assert len(set(ids)) == len(ids)
    for entry in found:
        href = entry.find(f"{ATOM}link").get("href")
        assert href.startswith(SITE_URL + "events/")
        assert (real_site / href[len(SITE_URL) :] / "index.html").is_file(), href


def test_every_page_links_the_feed_in_its_head(real_site):
    pages = sorted(real_site.rglob("index.html"))
    assert len(pages) > len(EVENTS)
    for page in pages:
        links = [
            link
            for link in parse(page).all("link")
            if link.attrs.get("rel") == "alternate"
            and link.attrs.get("type") == "application/atom+xml"
        ]
        if not links:  # the redirect pages of old ids carry only a refresh
            assert "http-equiv" in page.read_text(encoding="utf-8"), page
            continue
        target = (page.parent / links[0].attrs["href"]).resolve()
        assert target == (real_site / "feed.xml").resolve(), page


# events.json


@pytest.fixture(scope="module")
def published(real_site: Path) -> dict:
    return json.loads((real_site / "data" / "events.json").read_text(encoding="utf-8"))


def test_events_json_round_trips_every_event_of_the_content(published):
    by_id = {e["id"]: e for e in published["events"]}
    assert set(by_id) == set(EVENTS)
    for ident, meta in EVENTS.items():
        got = by_id[ident]
        assert got["url"] == f"{SITE_URL}events/{ident}/"
        assert got["title"] == meta["title"]
        assert got["summary"] == meta["summary"]
        date, bound = split_date(meta["date"])
        assert (got["date"], got["date_bound"]) == (date, bound or None)
        assert got["end"] == text(meta.get("end"))
        assert got["type"] == meta["type"]
        assert got["sub_type"] == meta.get("sub_type")
        assert got["actors"] == meta["actors"]
        assert got["locations"] == meta["locations"]
        assert got["sources"] == meta["sources"]
        claims = meta.get("claims") or []
        assert len(got["claims"]) == len(claims), ident
        for i, (mine, theirs) in enumerate(zip(got["claims"], claims, strict=True)):
            assert mine["claim"] == f"claim-{i + 1}"
            assert mine["url"] == f"{SITE_URL}events/{ident}/#claim-{i + 1}"
            for name in ("about", "by", "says", "source", "of"):
                assert mine[name] == theirs.get(name), (ident, i, name)
            assert (mine["figure"] or {}).get("text") == text(theirs.get("figure"))
            assert [(p["figure"]["text"], p["of"]) for p in mine["parts"]] == [
                (str(p["figure"]), p["of"]) for p in theirs.get("parts", [])
            ]
        assert len(got["assessment"]) == len(meta.get("assessment") or [])


def test_events_json_holds_every_actor_location_and_source_with_its_url(published):
    for folder in ("actors", "locations", "sources"):
        content = entries(folder)
        rows = {e["id"]: e for e in published[folder]}
        assert set(rows) == set(content), folder
        for ident, row in rows.items():
            assert row["url"] == f"{SITE_URL}{folder}/{ident}/"
            name = "title" if folder == "sources" else "name"
            assert row[name] == content[ident][name]


# The CSVs.


def read_csv(real_site: Path, name: str) -> tuple[list[str], list[dict]]:
    raw = (real_site / "data" / name).read_text(encoding="utf-8")
    reader = csv.DictReader(io.StringIO(raw, newline=""))
    rows = list(reader)
    return list(reader.fieldnames), rows


def test_events_csv_has_acleds_columns_then_its_own_and_a_row_per_place_of_each_event(real_site):
    columns, rows = read_csv(real_site, "events.csv")
    assert columns == ACLED_COLUMNS + OWN_COLUMNS
    assert [name for name, _ in data.EVENT_COLUMNS] == ACLED_COLUMNS + OWN_COLUMNS
    expected = [(ident, loc) for ident, m in EVENTS.items() for loc in m["locations"] or [""]]
    assert sorted((r["event_id"], r["location_id"]) for r in rows) == sorted(expected)
    assert len({r["event_id_cnty"] for r in rows}) == len(rows)
    actors = entries("actors")
    sources = entries("sources")
    first = set()
    for row in rows:
        meta = EVENTS[row["event_id"]]
        date, bound = split_date(meta["date"])
        assert (row["event_date"][: len(date)], row["date_bound"]) == (date, bound)
        assert row["event_date"] == date + "-01" * (2 - date.count("-"))
        assert row["year"] == date[:4]
        assert row["time_precision"] == ("1" if date.count("-") == 2 else "3")
        assert row["event_type"] == EVENT_TYPE_LABELS[meta["type"]]
        assert row["actors"].split("; ") == meta["actors"]
        assert row["locations"].split("; ") == meta["locations"]
        assert row["claims_count"] == str(len(meta.get("claims") or []))
        assert row["disputed"] in ("true", "false")
        assert row["notes"] == meta["summary"] and row["title"] == meta["title"]
        assert row["url"] == f"{SITE_URL}events/{row['event_id']}/"
        publishers = dict.fromkeys(sources[i]["publisher"] for i in meta["sources"])
        assert row["source"] == "; ".join(publishers)
        # Names rather than ids, and the types the actors' files give.
        for n in "12":
            side = meta.get(f"actor{n}")
            assert row[f"actor{n}"] == (actors[side]["name"] if side else "")
            assoc = meta.get(f"assoc_actor_{n}") or []
            assert row[f"assoc_actor_{n}"] == "; ".join(actors[a]["name"] for a in assoc)
            assert row[f"inter{n}"] == (actors[side].get("inter", "") if side else "")
        place = LOCATIONS[row["location_id"]]
        assert row["location"] == place["name"]
        if "lat" in place:
            assert (float(row["latitude"]), float(row["longitude"])) == (place["lat"], place["lon"])
        else:
            assert row["latitude"] == row["longitude"] == row["geo_precision"] == ""
        code = place.get("country")
        assert row["country"] == (Locale("en").territories[code] if code else "")
        assert row["iso"] == (str(int(countries.outlines()[code]["iso_n3"])) if code else "")
        assert row["admin1"] == place.get("region", "")
        # The fatalities on the event's first row alone: a sum over rows counts it once.
        if row["event_id"] in first:
            assert row["fatalities_low"] == row["fatalities_high"] == row["fatalities"] == ""
        assert row["fatalities"] == row["fatalities_low"]
        first.add(row["event_id"])


@pytest.mark.mali_chronicle
def test_pandas_reads_events_csv_as_acleds_with_its_defaults(real_site):
    import pandas

    frame = pandas.read_csv(real_site / "data" / "events.csv")
    assert list(frame.columns[: len(ACLED_COLUMNS)]) == ACLED_COLUMNS
    dates = pandas.to_datetime(frame.event_date)
    assert str(dates.dtype).startswith("datetime64")
    assert (dates.dt.year == frame.year).all()
    assert set(frame.time_precision) <= {1, 2, 3}
    assert set(frame.inter1.dropna()) | set(frame.inter2.dropna()) <= set(ACLED_INTER)
    assert set(frame.disorder_type.dropna()) <= {
        "Political violence", "Demonstrations", "Political violence; Demonstrations",
        "Strategic developments",
    }  # fmt: skip
    # A sum over the rows counts each event's conservative toll once.
    tolls = {i: m for i, m in frame.groupby("event_id").fatalities.sum().items() if m}
    assert tolls["2024-07-battle-of-tinzaouaten"] == 17
    ambush = frame[frame.event_id == "2024-11-21-mopti-checkpoint-ambush"].iloc[0]
    assert (ambush.actor1, ambush.actor2, ambush.interaction) == (
        "Jama'at Nusrat al-Islam wal-Muslimin",
        "Wagner Group",
        "Rebel group-External/Other forces",
    )
    strike = frame[frame.event_id == "2024-strike-on-rebel-families"].iloc[0]
    assert strike.civilian_targeting == "Civilian targeting"
    assert pandas.isna(strike.actor2) and pandas.isna(strike.interaction)


@pytest.mark.mali_chronicle
def test_the_tinzaouaten_fatalities_run_from_the_lowest_claimed_toll_to_the_highest(real_site):
    _, rows = read_csv(real_site, "events.csv")
    (row,) = [r for r in rows if r["event_id"] == "2024-07-battle-of-tinzaouaten"]
    assert row["location_id"] == "tinzaouaten" and row["iso"] == "466"
    assert row["location"] == "Tinzaouaten"
    # The local politician's "at least 17" dead to the rebels' 121 ("killed or captured"
    # figures are not death tolls).
    assert (row["fatalities_low"], row["fatalities_high"]) == ("17", "121")
    assert (row["admin1"], row["country"], row["disputed"]) == ("Kidal", "Mali", "true")


@pytest.mark.mali_chronicle
def test_claims_csv_has_a_row_per_claim(real_site):
    columns, rows = read_csv(real_site, "claims.csv")
    assert columns == [name for name, _ in data.CLAIM_COLUMNS]
    expected = sorted(
        (ident, i, c["says"])
        for ident, m in EVENTS.items()
        for i, c in enumerate(m.get("claims") or [])
    )
    assert (
        sorted((r["event_id"], int(r["claim"][len("claim-") :]) - 1, r["says"]) for r in rows)
        == expected
    )
    (odd,) = [r for r in rows if r["inconsistent"] == "true"]
    assert (odd["figure"], odd["parts_sum"]) == ("121", "131")
    assert odd["parts"] == "84 Wagner fighters killed; 47 soldiers killed"


# GeoJSON.


def test_events_geojson_is_geojson_with_a_point_per_located_place_of_each_event(real_site):
    collection = json.loads((real_site / "data" / "events.geojson").read_text(encoding="utf-8"))
    assert set(collection) == {"type", "features"}
    assert collection["type"] == "FeatureCollection"
    expected = {
        (ident, loc)
        for ident, meta in EVENTS.items()
        for loc in meta["locations"]
        if "lat" in LOCATIONS[loc]
    }
    seen = set()
    for feature in collection["features"]:
        assert feature["type"] == "Feature"
        assert isinstance(feature["properties"], dict)
        geometry = feature["geometry"]
        assert geometry["type"] == "Point"
        lon, lat = geometry["coordinates"]
        assert all(isinstance(v, (int, float)) for v in (lon, lat))
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        props = feature["properties"]
        place = LOCATIONS[props["location_id"]]
        assert (lon, lat) == (place["lon"], place["lat"])  # longitude first (RFC 7946)
        assert props["country"] == place.get("country")
        assert props["geo_precision"] == place.get("geo_precision")
        seen.add((props["event_id"], props["location_id"]))
    assert seen == expected
    assert expected


@pytest.mark.mali_chronicle
def test_every_place_of_the_mali_chronicle_is_located_with_its_precision(real_site):
    # Every place with coordinates says how precise they are; a place is left without them
    # only where no gazetteer position is known (never one borrowed from another place).
    assert all("geo_precision" in m for m in LOCATIONS.values() if "lat" in m)
    positions = [(m["lat"], m["lon"]) for m in LOCATIONS.values() if "lat" in m]
    assert len(set(positions)) == len(positions)
    collection = json.loads((real_site / "data" / "events.geojson").read_text(encoding="utf-8"))
    located = {f["properties"]["event_id"] for f in collection["features"]}
    assert located == {
        i for i, m in EVENTS.items() if any("lat" in LOCATIONS[loc] for loc in m["locations"])
    }
    assert "2026-04-27-tessit-handover" in located
    _, rows = read_csv(real_site, "events.csv")
    precision = {r["location_id"]: r["geo_precision"] for r in rows}
    assert (precision["tinzaouaten"], precision["tessit"], precision["mali"]) == ("1", "2", "3")
    # A country-level point is not drawn as a place on the maps: the junta's event lists it.
    page = (real_site / "events" / "2020-military-junta-takes-power" / "index.html").read_text(
        encoding="utf-8"
    )
    assert 'data-location="mali"' not in page
    assert 'data-location="tessit"' in (
        real_site / "events" / "2026-04-27-tessit-handover" / "index.html"
    ).read_text(encoding="utf-8")


# iCalendar.


def unfold(raw: str) -> list[str]:
    assert "\n" not in raw.replace("\r\n", "")  # every line ends with CRLF
    return raw.replace("\r\n ", "").split("\r\n")[:-1]


@pytest.mark.mali_chronicle
def test_events_ics_is_icalendar_with_an_all_day_event_per_event(real_site):
    raw = (real_site / "data" / "events.ics").read_bytes().decode("utf-8")
    assert all(len(line.encode()) <= 75 for line in raw.split("\r\n"))
    lines = unfold(raw)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines
    assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT") == len(EVENTS)
    uids = [line for line in lines if line.startswith("UID:")]
    assert len(set(uids)) == len(EVENTS)
    starts = [line for line in lines if line.startswith("DTSTART;VALUE=DATE:")]
    assert len(starts) == len(EVENTS)
    # The Battle of Tinzaouaten, known to the month (July 2024): DTEND is the month after.
    at = lines.index(f"UID:2024-07-battle-of-tinzaouaten@{HOST}")
    assert lines[at + 2 : at + 4] == ["DTSTART;VALUE=DATE:20240701", "DTEND;VALUE=DATE:20240801"]


@pytest.mark.mali_chronicle
def test_an_event_known_to_the_month_spans_the_month():
    chronicle = build_chronicle(CONTENT)
    (event,) = [e for e in chronicle.events if e.id == "2024-07-army-takes-in-afarak"]
    lines = unfold(feeds.events_ics(chronicle, SITE_URL))
    at = lines.index(f"UID:{event.id}@{HOST}")
    assert lines[at + 2 : at + 4] == ["DTSTART;VALUE=DATE:20240701", "DTEND;VALUE=DATE:20240801"]


# Without a site_url.


def test_without_a_site_url_the_files_use_site_paths_and_urns():
    chronicle = build_chronicle(CONTENT)
    feed = ET.fromstring(feeds.atom_feed(chronicle))
    assert feed.findtext(f"{ATOM}id") == "urn:conflict-chronicle:chronicle:site"
    entry = feed.find(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}id").startswith("urn:conflict-chronicle:chronicle:events/")
    assert entry.find(f"{ATOM}link").get("href").startswith("/events/")
    record = data.chronicle_record(chronicle)
    assert record["events"][0]["url"] == f"/events/{record['events'][0]['id']}/"


def test_the_data_page_documents_every_file_and_column(real_site):
    page = parse(real_site / "data" / "index.html")
    words = page.words
    for name in ("events.json", "events.csv", "claims.csv", "events.geojson", "events.ics"):
        assert (real_site / "data" / name).is_file()
        assert any(a.attrs.get("href") == name for a in page.all("a")), name
    solid = "".join(words.split())  # a value in backquotes is a <code> of its own
    for name, meaning in (*data.EVENT_COLUMNS, *data.CLAIM_COLUMNS):
        assert name in words and "".join(meaning.replace("`", "").split()) in solid, name


def test_every_event_page_has_cite_this_entry_with_its_permanent_url(real_site):
    for ident, meta in EVENTS.items():
        page = parse(real_site / "events" / ident / "index.html")
        (heading,) = [h for h in page.all("h2") if h.attrs.get("id") == "cite"]
        assert heading.words.startswith("Cite this entry")
        box = page.one("div", "cite")
        url = f"{SITE_URL}events/{ident}/"
        link = box.one("a", "permalink")
        assert link.attrs["href"] == url and link.words == url
        citation = box.one("p", "suggested-citation").words
        assert citation.startswith(f"\u201c{meta['title']}\u201d, in {SITE_NAME}")
        assert f"entry {ident}" in citation
        assert citation.endswith(f"{url} (accessed [day month year] ).")


def test_the_data_page_is_in_the_navigation_of_every_page(real_site):
    for file in (
        real_site / "index.html",
        real_site / "events" / next(iter(EVENTS)) / "index.html",
    ):
        nav = [a for a in parse(file).all("a", "md-nav__link") if a.words == "Data"]
        assert nav, file
        assert (file.parent / nav[0].attrs["href"] / "index.html").resolve() == (
            real_site / "data" / "index.html"
        ).resolve()


# Hostile content: every string stays data in every file.


def test_hostile_strings_stay_text_in_the_feed_the_data_and_the_calendar(hostile_site):
    title = '<script>alert("title")</script> Battle at the ford'
    feed = ET.parse(hostile_site / "feed.xml").getroot()
    assert title in [e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")]
    for entry in feed.findall(f"{ATOM}entry"):
        assert (
            ET.fromstring(f"<div>{entry.findtext(f'{ATOM}content')}</div>").find("script") is None
        )
    published = json.loads((hostile_site / "data" / "events.json").read_text(encoding="utf-8"))
    assert title in [e["title"] for e in published["events"]]
    _, rows = read_csv(hostile_site, "events.csv")
    assert len(rows) == len(published["events"])
    raw = (hostile_site / "data" / "events.ics").read_bytes().decode("utf-8")
    lines = unfold(raw)
    assert lines.count("BEGIN:VEVENT") == len(published["events"])
    assert all(re.match(r"[A-Z-]+[;:]", line) for line in lines), "a value broke its line"
    assert f"SUMMARY:{title}" in lines


def test_a_page_cannot_take_the_place_of_the_feed_or_a_download(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    (content / "data").mkdir()
    (content / "data" / "events.json.md").write_text("# Events\n", encoding="utf-8")
    (content / "feed.xml.md").write_text("# Feed\n", encoding="utf-8")
    (content / "data.md").write_text("# Data\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        build_chronicle(content, display="content")
    assert [str(p) for p in caught.value.problems if p.severity == "error"] == [
        "content/data.md:1: file: this page is generated; rename the file",
        (
            "content/data/events.json.md:1: file: would be published at data/events.json/index.html, "
            "but data/events.json is a file (the generated data/events.json): rename the file or "
            "its folder"
        ),
        (
            "content/feed.xml.md:1: file: would be published at feed.xml/index.html, but feed.xml "
            "is a file (the generated feed.xml): rename the file or its folder"
        ),
    ]


def test_two_chronicles_never_share_the_ids_of_their_feeds_and_calendars():
    """Ids from the site's address (host and path), else from the chronicle's name."""
    chronicle = build_chronicle(FIXTURE)

    def ids(site_url: str, name: str) -> set[str]:
        feed = ET.fromstring(feeds.atom_feed(chronicle, site_url, name))
        atom = {e.text for e in feed.iter(f"{ATOM}id")}
        uids = {x for x in unfold(feeds.events_ics(chronicle, site_url, name)) if "UID:" in x}
        return atom | uids

    one, two = "https://example.github.io/sudan/", "https://example.github.io/mali/"
    assert not ids(one, "A") & ids(two, "A")
    assert not ids("", "Sudan war chronicle") & ids("", "Mali conflict chronicle")
    feed = ET.fromstring(feeds.atom_feed(chronicle, "", "Sudan war chronicle"))
    assert feed.findtext(f"{ATOM}id") == "urn:conflict-chronicle:sudan-war-chronicle:site"
    assert "UID:2024-07-25-battle-of-north-town@example.github.io/sudan" in ids(one, "")


@pytest.mark.mali_chronicle
def test_the_content_and_data_licence_is_stated_in_the_json_the_data_page_and_every_footer(
    real_site,
):
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    records = json.loads((real_site / "data" / "events.json").read_text(encoding="utf-8"))
    assert records["license"] == {
        "id": "CC-BY-4.0",
        "name": "CC BY 4.0",
        "title": "Creative Commons Attribution 4.0 International",
        "url": "https://creativecommons.org/licenses/by/4.0/",
    }
    page = parse(real_site / "data" / "index.html")
    (statement,) = page.all("p", "licence")
    assert "Creative Commons Attribution 4.0 International licence (CC BY 4.0)" in statement.words
    assert any(a.attrs.get("href") == records["license"]["url"] for a in statement.all("a"))
    for path in (
        "index.html",
        "data/index.html",
        "events/2024-07-battle-of-tinzaouaten/index.html",
    ):
        footer = parse(real_site / path).one("footer")
        links = [a for a in footer.all("a") if a.attrs.get("rel") == "license"]
        assert [a.attrs["href"] for a in links] == [records["license"]["url"]], path
        assert "Content and data: CC BY 4.0" in footer.words, path
        assert "Code: MIT." in footer.words, path


def test_a_chronicle_states_the_licence_it_chose_or_that_it_states_none():
    from generator.site.licences import LICENCES, licence_of
    from generator.site.render import render_pages

    chronicle = build_chronicle(FIXTURE)

    def data_page(licence):
        (page,) = [p for p in render_pages(chronicle, licence=licence) if p.path == "data.md"]
        return page.markdown

    assert data.chronicle_record(chronicle)["license"] is None
    page = data_page(None)
    assert "No licence is stated for the chronicle's content and these files" in page
    assert 'rel="license' not in page
    for spdx, licence in LICENCES.items():
        record = data.chronicle_record(chronicle, licence=spdx)["license"]
        assert record == {
            "id": spdx,
            "name": licence.name,
            "title": licence.title,
            "url": licence.url,
        }
        page = data_page(spdx)
        assert f'<a href="{licence.url}" rel="license noopener noreferrer">' in page
        assert f"{licence.title} licence ({licence.name})</a>: {licence.terms};" in page
        assert "No licence is stated" not in page
    with pytest.raises(ValueError) as error:
        licence_of("MIT")
    assert str(error.value) == (
        "'MIT' is not one of CC-BY-4.0, CC-BY-SA-4.0, CC-BY-NC-4.0, CC0-1.0, ODbL-1.0"
    )


def test_events_json_gives_a_sources_links_and_when_they_were_opened(tmp_path):
    folder = tmp_path / "content"
    shutil.copytree(FIXTURE, folder)
    wire = folder / "sources" / "wire-report.md"
    text = wire.read_text(encoding="utf-8")
    wire.write_text(text.replace("archive_url:", "accessed: 2024-07-28\narchive_url:"), "utf-8")
    sources = {s["id"]: s for s in data.chronicle_record(build_chronicle(folder))["sources"]}
    meta = frontmatter.load(wire).metadata
    assert sources["wire-report"]["link"] == meta["url"]
    assert sources["wire-report"]["archive_url"] == meta["archive_url"]
    assert sources["wire-report"]["accessed"] == "2024-07-28"
    without = [s for s in sources.values() if s["id"] != "wire-report"]
    assert without and all(s["accessed"] is None for s in without)
