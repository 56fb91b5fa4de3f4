"""The build-time SVG maps (generator/site/geo.py) and timeline charts (generator/site/chart.py), on
hand-made entries and on the built real site, checked against the content's front matter."""

from __future__ import annotations

import json
import re
from pathlib import Path

import frontmatter
import pytest

from generator.content.model import Event, Location, PartialDate
from generator.site import chart, geo
from tests.conftest import CONTENT
from tests.htmltree import Node, parse

TINZAOUATEN = "2024-07-battle-of-tinzaouaten"


def entries(folder: str) -> dict[str, dict]:
    return {p.stem: frontmatter.load(p).metadata for p in sorted((CONTENT / folder).rglob("*.md"))}


EVENTS = entries("events")
LOCATIONS = entries("locations")
ACTORS = entries("actors")


def events_at(ident: str) -> int:
    return sum(ident in m["locations"] for m in EVENTS.values())


def plural(n: int) -> str:
    return f"{n} event{'s' if n != 1 else ''}"


def located(ident: str) -> bool:
    """Drawn on a map: it has coordinates, and they stand for less than a whole country."""
    return "lat" in LOCATIONS[ident] and LOCATIONS[ident].get("geo_precision") != "country"


def location(ident: str, name: str, lat=None, lon=None) -> Location:
    return Location(id=ident, path="", src="", body="", name=name, lat=lat, lon=lon)


# The map on hand-made places.


def located_at(ident: str, name: str, lat: float, lon: float, country: str | None = None):
    return Location(
        id=ident, path="", src="", body="", name=name, lat=lat, lon=lon, country=country
    )


def view_box(markup: str) -> tuple[float, float]:
    width, height = re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', markup).groups()
    return float(width), float(height)


def circles(markup: str) -> list[tuple[float, float, float]]:
    found = re.findall(r'<circle cx="([-\d.]+)" cy="([-\d.]+)" r="([\d.]+)"></circle>', markup)
    return [tuple(map(float, c)) for c in found]


def test_the_view_is_the_places_countries_with_a_margin_and_every_dot_lies_inside_it():
    places = [
        geo.Place(located_at("el-fasher", "El Fasher", 13.63, 25.35, "SD"), 3, "../a/"),
        geo.Place(located_at("khartoum", "Khartoum", 15.5, 32.56, "SD"), 2, "../b/"),
        geo.Place(located_at("adre", "Adré", 13.47, 22.2, "TD"), 1, "../c/"),
    ]
    view = geo.view_of(places)
    assert view.own == ("SD", "TD")
    for code in view.own:  # both countries drawn whole
        west, south, east, north = geo.outlines()[code]["box"]
        assert view.west < west and east < view.east and view.south < south and north < view.north
    markup = str(geo.map_html(places, "every place", "Each dot leads to its place."))
    width, height = view_box(markup)
    assert len(circles(markup)) == 3
    for x, y, _ in circles(markup):
        assert 0 < x < width and 0 < y < height
    assert 'aria-label="Map of Sudan and Chad: every place"' in markup
    assert "<figcaption>Map of Sudan and Chad. Each dot leads to its place.</figcaption>" in markup
    assert 'class="map-home"' in markup and 'class="map-neighbour"' in markup
    # Neighbours are named inside the view; the map's own countries too, being two.
    names = re.findall(r'<text class="map-country" x="([\d.]+)" y="([\d.]+)"[^>]*>([^<]+)<', markup)
    assert {"Sudan", "Chad", "Libya", "Egypt"} <= {n for _, _, n in names}
    for x, y, _ in names:
        assert 0 < float(x) < width and 0 < float(y) < height


def test_a_place_off_every_outline_or_far_from_the_rest_is_still_drawn_inside_the_view():
    places = [
        geo.Place(located_at("kidal", "Kidal", 18.44, 1.41, "ML"), 2, "../kidal/"),
        geo.Place(located_at("at-sea", "At sea", -20.0, -30.0), 1, "../at-sea/"),
    ]
    markup = str(geo.map_html(places, "", ""))
    width, height = view_box(markup)
    assert len(circles(markup)) == 2
    for x, y, r in circles(markup):
        assert 0 <= x - r and x + r <= width and 0 <= y - r and y + r <= height
    assert 'aria-label="Map of Mali"' in markup


def test_a_map_without_country_codes_is_named_by_the_outlines_that_hold_its_places():
    places = [geo.Place(located_at("kharkiv", "Kharkiv", 49.99, 36.23), 1, "../kharkiv/")]
    assert geo.countries_of(places) == ("UA",)
    assert geo.map_name(geo.countries_of(places)) == "Map of Ukraine"
    assert geo.map_name(("SD", "TD", "SS")) == "Map of Sudan, Chad, and South Sudan"
    assert geo.map_name(()) == "Map of the chronicle's places"


def test_the_view_keeps_a_readable_shape_and_a_least_extent():
    one = [geo.Place(located_at("p", "P", 0.5, 0.5), 1, "../p/")]
    view = geo.view_of(one, whole_countries=False)
    assert view.east - view.west >= geo.MIN_SPAN and view.north - view.south >= geo.MIN_SPAN
    line = [geo.Place(located_at(f"p{i}", "P", 10.0, 20.0 + 5 * i), 1, "../p/") for i in range(5)]
    view = geo.view_of(line, whole_countries=False)
    assert geo.FLATTEST * geo.WIDTH - 1 <= view.height <= geo.TALLEST * geo.WIDTH + 1


def test_a_dot_grows_with_its_events():
    assert geo.radius(1) < geo.radius(2) < geo.radius(8) < geo.radius(30)


def test_places_without_coordinates_are_listed_under_the_map_never_dropped():
    places = [
        geo.Place(location("kidal", "Kidal", 18.44, 1.41), 2, "../kidal/"),
        geo.Place(location("tessit", "Tessit"), 1, "../tessit/"),
        geo.Place(location("odd", '<b onclick="x">Odd</b>'), 3, "../odd/"),
    ]
    markup = str(geo.map_html(places, "Map", "Caption"))
    assert markup.count('<a class="map-place') == 1
    assert 'href="../kidal/" aria-label="Kidal: 2 events"' in markup
    assert '<a href="../tessit/">Tessit</a> <span class="count">1 event</span>' in markup
    assert "&lt;b onclick=&quot;x&quot;&gt;Odd&lt;/b&gt;" in markup
    assert "<b " not in markup


# The maps of the real site.


def dots(page: Node) -> dict[str, Node]:
    svg = page.one("svg", "map")
    return {a.attrs["data-location"]: a for a in svg.all("a")}


def resolves(page_file: Path, href: str, site: Path) -> Path:
    target = (page_file.parent / href).resolve()
    assert (target / "index.html").is_file(), href
    return target.relative_to(site.resolve())


@pytest.mark.parametrize("path", ["", "locations/"])
def test_the_home_and_locations_maps_show_every_place(real_site, path):
    file = real_site / path / "index.html"
    page = parse(file)
    found = dots(page)
    assert set(found) == {i for i in LOCATIONS if located(i)}
    for ident, a in found.items():
        assert str(resolves(file, a.attrs["href"], real_site)) == f"locations/{ident}"
        name = LOCATIONS[ident]["name"]
        assert a.attrs["aria-label"] == f"{name}: {plural(events_at(ident))}"
        assert "map-highlight" not in a.classes
    unlisted = page.one("div", "map-unlocated")
    links = {a.words: a.attrs["href"] for a in unlisted.all("a")}
    assert set(links) == {LOCATIONS[i]["name"] for i in LOCATIONS if not located(i)}
    for ident in (i for i in LOCATIONS if not located(i)):
        href = links[LOCATIONS[ident]["name"]]
        assert str(resolves(file, href, real_site)) == f"locations/{ident}"


def test_the_dots_grow_with_their_events_on_the_site(real_site):
    found = dots(parse(real_site / "index.html"))
    radius = {i: float(a.one("circle").attrs["r"]) for i, a in found.items()}
    counts = {i: events_at(i) for i in found}
    for a in found:
        for b in found:
            if counts[a] > counts[b]:
                assert radius[a] > radius[b], (a, b)


def test_a_location_page_highlights_its_place(real_site):
    for ident in LOCATIONS:
        page = parse(real_site / "locations" / ident / "index.html")
        if located(ident):
            lit = [i for i, a in dots(page).items() if "map-highlight" in a.classes]
            assert lit == [ident]
            # Only the place itself is named on its map; the others by their tooltips.
            names = [t.words for t in page.one("svg", "map").all("text", "map-label")]
            assert names == [LOCATIONS[ident]["name"]]
        elif "lat" in LOCATIONS[ident]:  # a whole country
            assert not page.all("svg", "map")
            assert page.one("p", "map-none").words == (
                f"{LOCATIONS[ident]['name']} is a whole country: its coordinates stand for all "
                "of it, not for a place in it, so it is not drawn on the map of the chronicle's "
                "places."
            )
        else:
            assert not page.all("svg", "map")
            assert page.one("p", "map-none").words == (
                f"No coordinates are recorded for {LOCATIONS[ident]['name']}, "
                "so it is not on the map of the chronicle's places."
            )


def test_an_event_page_maps_its_places(real_site):
    for ident, meta in EVENTS.items():
        page = parse(real_site / "events" / ident / "index.html")
        mine = [i for i in meta["locations"] if located(i)]
        if not mine:
            assert not page.all("svg", "map"), ident
            continue
        found = dots(page)
        assert set(found) == set(mine), ident
        assert all("map-highlight" in a.classes for a in found.values())
        unlocated = [LOCATIONS[i]["name"] for i in meta["locations"] if not located(i)]
        listed = page.all("div", "map-unlocated")
        assert [a.words for d in listed for a in d.all("a")] == sorted(unlocated)


# The timeline chart.


def event(ident: str, date: str, kind: str = "battles") -> Event:
    return Event(id=ident, path="", src="", body="", date=PartialDate.parse(date), type=kind)


def test_the_slots_run_month_by_month_with_a_slot_for_the_year_only_events():
    events = [event("a", "2023"), event("b", "2023-11"), event("c", "2024-02")]
    assert chart.slots(events) == [
        (2023, 0),
        *((2023, m) for m in range(1, 13)),
        (2024, 1),
        (2024, 2),
    ]


def test_each_bar_names_its_month_and_types_and_links_to_the_month():
    events = [
        event("a", "2024-07-25"),
        event("b", "2024-07", "strategic-developments"),
        event("c", "2024-07-26"),
    ]
    markup = str(chart.chart_html(events, "../chronicle/", "Events"))
    assert markup.count('class="timeline-bar"') == 1
    assert (
        '<a class="timeline-bar" href="../chronicle/#y2024-m07" aria-label="July 2024: 3 events '
        '(Battles: 2, Strategic developments: 1)">'
    ) in markup
    assert markup.count("<rect") == 2
    assert '<th scope="row"><a href="../chronicle/#y2024-m07">July 2024</a></th>' in markup


def table_total(page: Node) -> int:
    table = page.one("details", "timeline-table").one("table")
    return sum(int(row.all("td")[-1].words) for row in table.one("tbody").all("tr"))


def test_the_chronicle_chart_counts_every_event_and_its_bars_reach_the_months(real_site):
    page = parse(real_site / "chronicle" / "index.html")
    assert table_total(page) == len(EVENTS)
    ids = {n.attrs["id"] for n in page.walk() if "id" in n.attrs}
    bars = page.one("svg", "timeline").all("a")
    assert bars
    total = 0
    for bar in bars:
        href = bar.attrs["href"]
        assert href.startswith("./#")
        assert href[3:] in ids, href
        total += int(re.search(r": (\d+) events?", bar.attrs["aria-label"])[1])
    assert total == len(EVENTS)
    dates = [str(m["date"]).split()[-1] for m in EVENTS.values()]  # a limit's date
    months = {(int(d[:4]), int(d[5:7] or 0)) for d in dates if len(d) >= 4}
    assert len(bars) == len(months)


def test_actor_and_location_pages_chart_their_own_events(real_site):
    for ident in ACTORS:
        mine = [m for m in EVENTS.values() if ident in m["actors"]]
        claimed = [
            m
            for m in EVENTS.values()
            if ident not in m["actors"] and any(c["by"] == ident for c in m.get("claims") or [])
        ]
        page = parse(real_site / "actors" / ident / "index.html")
        if not mine and not claimed:
            assert not page.all("svg", "timeline"), ident
            continue
        assert table_total(page) == len(mine) + len(claimed), ident
        for bar in page.one("svg", "timeline").all("a"):
            assert bar.attrs["href"].startswith("../../chronicle/#y")
    for ident in LOCATIONS:
        page = parse(real_site / "locations" / ident / "index.html")
        if not events_at(ident):  # a place no event is filed at (Timbuktu): no chart
            assert not page.all("svg", "timeline"), ident
            continue
        assert table_total(page) == events_at(ident), ident


def test_a_location_page_lists_the_sources_of_its_events(real_site):
    for ident in LOCATIONS:
        page = parse(real_site / "locations" / ident / "index.html")
        expected = sorted(
            {s for m in EVENTS.values() if ident in m["locations"] for s in m["sources"]}
        )
        lists = page.all("ul", "location-sources")
        hrefs = [a.attrs["href"] for ul in lists for a in ul.all("a")]
        assert hrefs == [f"../../sources/{s}/" for s in expected], ident


def test_a_location_map_shows_its_place_among_at_most_so_many_nearest_others():
    places = [
        geo.Place(location(f"p{i}", f"P{i}", 15.0, -5.0 + i / 10), i, f"../p{i}/", i == 4)
        for i in range(10)
    ] + [geo.Place(location("far", "Far"), 50, "../far/")]
    shown = geo.around(places, 3)
    # The nearest first; of two equally near, the busier.
    assert [p.location.id for p in shown] == ["p4", "p5", "p3", "p6"]
    markup = str(geo.map_html(shown, "Map", "Caption", list_unlocated=False))
    assert markup.count('<a class="map-place') == 4 and "map-unlocated" not in markup


def test_a_location_page_lists_no_other_unlocated_places(real_site):
    for ident in (i for i in LOCATIONS if located(i)):
        page = parse(real_site / "locations" / ident / "index.html")
        assert not page.all("div", "map-unlocated"), ident


def test_maps_charts_and_citations_stay_out_of_the_search_index(real_site):
    """Otherwise every page with a map would be found by "Niger" or "Senegal"."""
    index = json.loads((real_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    texts = [doc["text"] for doc in index["docs"]]
    for words in ("Senegal", "Not on the map", "The same counts as a table", "accessed ["):
        assert not [t for t in texts if words in t], words
    page = parse(real_site / "index.html")
    assert "data-search-exclude" in page.one("figure", "map-figure").attrs


def test_the_size_key_shows_one_event_the_most_and_between():
    key = geo.size_key([1, 3, 9])
    assert re.findall(r'aria-hidden="true">(\d+)</text>', key) == ["1", "5", "9"]
    radii = [
        float(r) for r in re.findall(r'class="map-key-dot" cx="[^"]+" cy="[^"]+" r="([^"]+)"', key)
    ]
    assert radii == [geo.radius(1), geo.radius(5), geo.radius(9)]
    assert geo.size_key([1, 1]) == ""


PRECISION_WORDS = {
    "town": "the place itself, from a gazetteer",
    "region": "approximate: a point within its district or region, from a gazetteer",
    "country": "the whole country: the point stands for all of it",
}


@pytest.mark.mali_chronicle
def test_every_located_place_says_how_precisely_it_is_located(real_site):
    precisions = {}
    for ident, meta in LOCATIONS.items():
        page = parse(real_site / "locations" / ident / "index.html").one("article")
        found = page.all("dd", "geo-precision")
        if "lat" not in meta:
            assert not found, ident
            continue
        (dd,) = found
        assert dd.attrs["data-precision"] == meta["geo_precision"]
        assert dd.words == PRECISION_WORDS[meta["geo_precision"]]
        precisions[ident] = meta["geo_precision"]
    # The chronicle has places of each precision: towns, an approximate one, the country.
    assert set(precisions.values()) == {"town", "region", "country"}
