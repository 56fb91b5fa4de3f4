"""The built site in a real browser: Playwright driving Debian's Chromium.

The real content is built once (the session fixture ``real_site``) and served
by a stdlib HTTP server on 127.0.0.1 in a background thread; the browser may
reach nothing else (Material's web fonts are refused, so pages fall back to
system fonts). What the pages should show is read from the content files'
front matter.

The module is skipped when /usr/bin/chromium is missing, unless the
environment variable CI is set: CI installs Chromium, so there the tests fail
instead. Full-page screenshots (the home page, events and a location, on a
phone and a desktop) are kept as test artifacts in the folder named by
CHRONICLE_SCREENSHOTS, else in tests/artifacts/ (git-ignored).
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import frontmatter
import pytest

from tests.conftest import CONTENT, ROOT, SITE_NAME

CHROMIUM = Path("/usr/bin/chromium")
if not os.environ.get("CI"):
    if not CHROMIUM.exists():
        pytest.skip("no Chromium at /usr/bin/chromium", allow_module_level=True)
    pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")

from playwright.sync_api import Browser, Page, expect, sync_playwright

pytestmark = pytest.mark.browser

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

MOPTI = "2024-11-21-mopti-checkpoint-ambush"
TINZAOUATEN = "2024-07-battle-of-tinzaouaten"
CYRILLIC = re.compile("[\u0400-\u04ff]")
ARABIC = re.compile("[\u0600-\u06ff]")


def meta(kind: str, ident: str) -> dict:
    """Front matter of one content entry (events are filed under their year)."""
    (path,) = (CONTENT / kind).rglob(f"{ident}.md")
    return frontmatter.load(path).metadata


def alias(kind: str, ident: str, script: re.Pattern) -> str:
    """The first alias of an entry written in the given script."""
    return next(a for a in meta(kind, ident)["aliases"] if script.search(a))


# Server and browser.


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        """A browser that closes a connection early (a page left before an image came) is
        no error of the site's: nothing is printed."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def served(folder: Path, handler: type = _QuietHandler, prefix: str = "/") -> Iterator[str]:
    """A built site served over HTTP on a free port of 127.0.0.1, by its base URL (its
    pages under ``prefix``, which the ``handler`` class maps to the folder)."""
    handler = functools.partial(handler, directory=str(folder))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="module")
def base_url(real_site: Path) -> Iterator[str]:
    """The built real site served over HTTP on a free port of 127.0.0.1."""
    with served(real_site) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert CHROMIUM.exists(), f"Chromium is missing: {CHROMIUM} (CI installs it)"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def open_page(browser: Browser, base_url: str) -> Iterator[Callable[..., Page]]:
    """``open_page(path, viewport=PHONE, js=True)``: a fresh context showing ``path``.

    Requests anywhere but the local server are aborted."""
    with contexts(browser) as visit:
        yield lambda path, viewport=PHONE, js=True: visit(base_url, path, viewport, js)


@contextlib.contextmanager
def contexts(browser: Browser) -> Iterator[Callable[..., Page]]:
    """``visit(base, path, viewport, js=True, **options)``: a fresh browser context (with
    Playwright's ``options``, such as ``color_scheme``) showing ``path`` under ``base``,
    where requests anywhere but ``base`` are aborted; all are closed at the end."""
    opened = []

    def visit(base: str, path: str, viewport: dict, js: bool = True, **options) -> Page:
        context = browser.new_context(viewport=viewport, java_script_enabled=js, **options)
        opened.append(context)
        context.route(
            "**/*",
            lambda route: (
                route.continue_() if route.request.url.startswith(base) else route.abort()
            ),
        )
        page = context.new_page()
        page.goto(base + path)
        return page

    try:
        yield visit
    finally:
        for context in opened:
            context.close()


def local(url: str) -> str:
    """The path of a URL on the local server, without query or fragment."""
    return urlsplit(url).path


ARTIFACTS = Path(os.environ.get("CHRONICLE_SCREENSHOTS") or ROOT / "tests" / "artifacts")


def screenshot(page: Page, name: str) -> Path:
    """A full-page screenshot kept as a test artifact; its path."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def overflow(page: Page) -> int:
    """How far the document is wider than the window (0 when it fits)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


# An event page on a phone.


@pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
@pytest.mark.mali_chronicle
def test_the_mopti_event_reads_on_a_phone(open_page, js):
    event = meta("events", MOPTI)
    page = open_page(f"events/{MOPTI}/", PHONE, js)
    if js:
        screenshot(page, "event-phone")

    assert overflow(page) <= 0
    assert page.title() == f"{event['title']} - {SITE_NAME}"
    heading = page.locator("article h1")
    assert heading.is_visible()
    assert heading.inner_text().removesuffix("¶").strip() == event["title"]

    actors = page.locator("dl.facts a[href*='/actors/']")
    assert [local(a) for a in actors.evaluate_all("as => as.map(a => a.href)")] == [
        f"/actors/{ident}/" for ident in event["actors"]
    ]
    assert actors.all_inner_texts() == [meta("actors", ident)["name"] for ident in event["actors"]]

    sources = page.locator("ol.sources > li")
    assert sources.evaluate_all("ls => ls.map(l => l.id)") == [
        f"source-{ident}" for ident in event["sources"]
    ]
    for item in sources.all():
        assert item.is_visible()

    box = page.locator("section.claims-box")
    assert box.is_visible()
    disputed = [c for c in event["claims"] if c["about"] == event["claims"][0]["about"]]
    figures = [c["figure"] for c in disputed]
    (topic,) = box.locator(".claims-topic.disputed").all()
    assert topic.locator("h3").inner_text() == f"{disputed[0]['about']} DISPUTED"
    assert topic.locator(".claims-spread").inner_text() == (
        f"{disputed[0]['of']}: figures range {min(figures)}\u2013{max(figures)}"
        f" across {len({c['by'] for c in disputed})} claimants."
    )
    rows = topic.locator("tbody tr").all()
    assert len(rows) == len(disputed)
    width = page.evaluate("window.innerWidth")
    topic_box = topic.bounding_box()
    for row, claim in zip(rows, disputed, strict=True):
        claimant = row.locator("td.claimant a")
        assert claimant.is_visible()
        assert claimant.inner_text() == meta("actors", claim["by"])["name"]
        assert row.locator(".figure").inner_text() == str(claim["figure"])
        assert row.locator("td.says").inner_text() == claim["says"]
        # Each claim fits the screen whole: nothing to scroll sideways to find its source.
        box_of_row = row.bounding_box()
        assert box_of_row["x"] >= 0 and box_of_row["x"] + box_of_row["width"] <= width
        # ...and takes the topic's width (Material's table wrapper must not shrink it).
        assert box_of_row["width"] >= 0.8 * topic_box["width"], (box_of_row, topic_box)
        assert row.locator("td.claim-source a").is_visible()


@pytest.mark.mali_chronicle
def test_the_claims_stay_a_table_on_a_desktop(open_page):
    page = open_page(f"events/{MOPTI}/", DESKTOP)
    screenshot(page, "event-desktop")
    assert overflow(page) <= 0
    table = page.locator(".claims-topic.disputed table")
    headers = table.locator("thead th")
    assert headers.all_inner_texts() == ["Claimant", "Says", "Figure", "Source"]
    tops = {round(h.bounding_box()["y"]) for h in headers.all()}
    assert len(tops) == 1  # the four headings side by side, one row
    cells = table.locator("tbody tr").first.locator("td").all()
    assert len({round(c.bounding_box()["y"]) for c in cells}) == 1


# The disputed page.

ROW_KEYS = (
    "Array.from(document.querySelectorAll('.disputed-row'))"
    ".map(r => [Number(r.dataset.order), Number(r.dataset.ratio), r.dataset.date])"
)


@pytest.mark.mali_chronicle
def test_largest_spread_first_sorts_the_disputed_rows_by_ratio(open_page):
    page = open_page("disputed/")
    before = page.evaluate(ROW_KEYS)
    assert [order for order, _, _ in before] == list(range(1, len(before) + 1))
    expected = sorted(before, key=lambda row: (-row[1], row[0]))
    assert expected != before  # the page has a row to move

    button = page.get_by_role("button", name="largest spread first")
    assert button.is_visible()
    button.click()
    after = page.evaluate(ROW_KEYS)
    assert after == expected
    assert [ratio for _, ratio, _ in after] == sorted((r for _, r, _ in before), reverse=True)


def test_without_javascript_the_disputed_page_stays_in_date_order(open_page):
    page = open_page("disputed/", js=False)
    assert page.locator(".sort-controls").count() == 1
    assert not page.locator(".sort-controls").is_visible()
    assert not page.get_by_role("button", name="largest spread first").is_visible()
    rows = page.evaluate(ROW_KEYS)
    assert [order for order, _, _ in rows] == list(range(1, len(rows) + 1))
    dates = [tuple(int(p) for p in date.split("-")) for _, _, date in rows]
    assert dates == sorted(dates)


# Search (Material's, in the browser) in any script.


# Material's search has shown its results: the count, and the first ten results.
RESULTS_SHOWN = """() => {
    const meta = document.querySelector('.md-search-result__meta').textContent;
    const count = /^No matching/.test(meta) ? 0 : parseInt(meta, 10);
    const items = document.querySelectorAll('.md-search-result__item').length;
    return !Number.isNaN(count) && items === Math.min(count, 10);
}"""


def search(page: Page, query: str) -> list[str]:
    """Open search on a phone and type ``query``: the paths of the results, in order, once each.

    Material lists results only while the search dialog is open."""
    page.locator("label.md-header__button[for='__search']").click()  # the phone's search button
    meta = page.locator(".md-search-result__meta")
    expect(meta).to_have_text("Type to start searching")  # the index is loaded
    field = page.locator("input.md-search__input")
    field.fill(query)
    field.press("End")  # Material searches on key up
    # The count and the first ten results are shown one after the other, in either order.
    page.wait_for_function(RESULTS_SHOWN)
    found = page.locator(".md-search-result__link").evaluate_all("as => as.map(a => a.href)")
    return list(dict.fromkeys(local(url) for url in found))


@pytest.mark.parametrize(
    ("kind", "ident", "script", "event"),
    [
        ("locations", "tinzaouaten", CYRILLIC, TINZAOUATEN),
        ("locations", "tinzaouaten", ARABIC, TINZAOUATEN),
        ("actors", "jnim", CYRILLIC, MOPTI),
        ("actors", "jnim", ARABIC, MOPTI),
    ],
    ids=["tinzaouaten-cyrillic", "tinzaouaten-arabic", "jnim-cyrillic", "jnim-arabic"],
)
@pytest.mark.mali_chronicle
def test_search_finds_an_entry_by_a_non_latin_alias_and_leads_to_its_events(
    open_page, kind, ident, script, event
):
    query = alias(kind, ident, script)
    page = open_page("")
    found = search(page, query)
    assert f"/{kind}/{ident}/" in found, (query, found)
    page.locator(f".md-search-result__link[href*='/{kind}/{ident}/']").first.click()
    page.wait_for_url(f"**/{kind}/{ident}/**")
    assert page.locator(f"article a[href$='events/{event}/']").count() >= 1


def event_pages_containing(site: Path, text: str) -> set[str]:
    out = set()
    for path in (site / "events").glob("*/index.html"):
        html = path.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in html:  # an old id's redirect page: no article
            continue
        article = html[html.index("<article") : html.index("</article>")]
        if text in re.sub(r"<[^>]+>", " ", article):
            out.add(f"/events/{path.parent.name}/")
    return out


@pytest.mark.parametrize(
    ("kind", "ident", "script"),
    [
        ("actors", "russia", CYRILLIC),
        ("actors", "fama", ARABIC),
    ],
    ids=["russia-cyrillic", "fama-arabic"],
)
@pytest.mark.mali_chronicle
def test_search_finds_events_whose_pages_carry_a_non_latin_alias(
    open_page, real_site, kind, ident, script
):
    query = alias(kind, ident, script)
    expected = event_pages_containing(real_site, query)
    assert expected, query  # the content still cites a source titled with this alias
    # Events naming the actor are found by its aliases too.
    expected |= {
        f"/events/{p.stem}/"
        for p in (CONTENT / "events").rglob("*.md")
        if ident in frontmatter.load(p).metadata[kind]
    }
    events = [path for path in search(open_page(""), query) if path.startswith("/events/")]
    assert events, query
    assert set(events) <= expected


def search_words(site: Path, url: str) -> set[str]:
    """The words of a page's entry (its top section) in the search index, as search splits them."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    separator = re.compile(index["config"]["separator"])
    (doc,) = [d for d in index["docs"] if d["location"] == url]
    text = re.sub(r"<[^>]+>", " ", f"{doc['title']} {doc['text']}")
    return {word.casefold() for word in separator.split(text) if word}


@pytest.mark.parametrize("kind", ["actors", "locations"])
def test_every_alias_is_a_word_of_its_entry_in_the_search_index(real_site, kind):
    """Labels and values (Also written / the first alias) must not run together into one word."""
    separator = re.compile(
        json.loads((real_site / "search" / "search_index.json").read_text(encoding="utf-8"))[
            "config"
        ]["separator"]
    )
    missing = []
    for path in sorted((CONTENT / kind).glob("*.md")):
        words = search_words(real_site, f"{kind}/{path.stem}/")
        for name in frontmatter.load(path).metadata.get("aliases", []):
            lost = [w for w in separator.split(name.casefold()) if w and w not in words]
            if lost:
                missing.append((path.stem, name, lost))
    assert missing == []


@pytest.mark.parametrize(
    ("kind", "ident", "script"),
    [("locations", "mopti", ARABIC), ("locations", "tessit", CYRILLIC)],
    ids=["mopti-arabic", "tessit-cyrillic"],
)
@pytest.mark.mali_chronicle
def test_search_finds_an_entry_by_its_first_alias(open_page, kind, ident, script):
    first = meta(kind, ident)["aliases"][0]
    assert script.search(first), first  # the case needs the first alias in this script
    found = search(open_page(""), first)
    assert f"/{kind}/{ident}/" in found, (first, found)


# Reading the site by its links: navigation, the map, the console and the network.


@pytest.fixture
def watched(browser: Browser, base_url: str) -> Iterator[tuple[Page, list[str]]]:
    """A desktop page whose console errors, failed requests and error responses are kept.

    Requests anywhere but the local server are aborted, and so are counted as failed."""
    context = browser.new_context(viewport=DESKTOP)
    problems: list[str] = []
    context.route(
        "**/*",
        lambda route: (
            route.continue_() if route.request.url.startswith(base_url) else route.abort()
        ),
    )
    page = context.new_page()
    page.on(
        "console",
        lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None,
    )
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url} {r.failure}"))
    page.on(
        "response",
        lambda r: problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None,
    )
    try:
        yield page, problems
    finally:
        context.close()


def heading(page: Page) -> str:
    return page.locator("article h1").inner_text().removesuffix("\u00b6").strip()


def follow(page: Page, link, path: str) -> None:
    """Click a link, once the page has loaded all it asks for, and wait for the page at ``path``.

    (Leaving earlier would cancel the page's own requests, the search index's among them.)"""
    page.wait_for_load_state("networkidle")
    link.click()
    page.wait_for_url(f"**{path}")
    assert local(page.url).endswith(path), (page.url, path)


@pytest.mark.mali_chronicle
def test_home_chronicle_event_actor_location_source_and_back_by_links(watched, base_url):
    page, problems = watched
    event = meta("events", TINZAOUATEN)
    actor = "wagner"
    place = event["locations"][0]
    source = event["sources"][0]
    page.goto(base_url)
    visited = [local(page.url)]
    screenshot(page, "home-desktop")

    follow(page, page.locator("article a[href='chronicle/']").first, "/chronicle/")
    assert heading(page) == "Chronicle"
    visited.append(local(page.url))

    follow(
        page,
        page.locator(f"article a[href$='events/{TINZAOUATEN}/']").first,
        f"/events/{TINZAOUATEN}/",
    )
    assert heading(page) == event["title"]
    expect(page.locator("section.claims-box")).to_be_visible()
    expect(page.locator(".parts-inconsistent")).to_have_text("the parts sum to 131")
    visited.append(local(page.url))

    assert actor in event["actors"]
    follow(page, page.locator(f"dl.facts a[href$='actors/{actor}/']"), f"/actors/{actor}/")
    assert heading(page) == meta("actors", actor)["name"]
    visited.append(local(page.url))

    follow(
        page, page.locator(f"ul.term-list a[href$='locations/{place}/']"), f"/locations/{place}/"
    )
    assert heading(page) == meta("locations", place)["name"]
    visited.append(local(page.url))

    follow(
        page,
        page.locator(f"ul.location-sources a[href$='sources/{source}/']"),
        f"/sources/{source}/",
    )
    assert heading(page) == meta("sources", source)["title"]

    for back in reversed(visited):
        page.wait_for_load_state("networkidle")
        page.go_back()
        page.wait_for_url(f"**{back}")
        assert local(page.url) == back
    page.wait_for_load_state("networkidle")
    assert problems == []


def test_every_dot_of_the_home_map_leads_to_its_location_page(watched, base_url):
    page, problems = watched
    page.goto(base_url)
    dots = page.locator("svg.map a.map-place")
    located = {
        p.stem
        for p in (CONTENT / "locations").glob("*.md")
        # A country-level point (Mali itself) stands for the whole country: not a dot.
        if "lat" in meta("locations", p.stem)
        and meta("locations", p.stem).get("geo_precision") != "country"
    }
    idents = dots.evaluate_all("as => as.map(a => a.dataset.location)")
    assert set(idents) == located
    for ident in sorted(located):
        dot = page.locator(f"svg.map a[data-location='{ident}']")
        expect(dot).to_be_visible()
        name = meta("locations", ident)["name"]
        assert dot.get_attribute("aria-label").startswith(f"{name}: ")
        follow(page, dot, f"/locations/{ident}/")
        assert heading(page) == name
        expect(page.locator("svg.map a.map-highlight")).to_have_attribute("data-location", ident)
        page.wait_for_load_state("networkidle")
        page.go_back()
        page.wait_for_url(base_url)
    unlocated = page.locator(".map-unlocated a").all_inner_texts()
    assert sorted(unlocated) == sorted(
        meta("locations", p.stem)["name"]
        for p in (CONTENT / "locations").glob("*.md")
        if p.stem not in located
    )
    assert problems == []


@pytest.mark.mali_chronicle
def test_a_timeline_bar_leads_to_its_month_in_the_chronicle(watched, base_url):
    page, problems = watched
    page.goto(base_url + "locations/tinzaouaten/")
    bar = page.locator("svg.timeline a.timeline-bar").first
    assert bar.get_attribute("aria-label").startswith("July 2024: ")
    page.wait_for_load_state("networkidle")
    bar.click()
    page.wait_for_url("**/chronicle/#y2024-m07")
    page.wait_for_load_state("networkidle")
    month = page.locator("#y2024-m07")
    expect(month).to_have_text("July 2024")
    expect(month).to_be_in_viewport()
    assert problems == []


@pytest.mark.parametrize(
    "path",
    ["", "chronicle/", f"events/{TINZAOUATEN}/", "locations/tinzaouaten/", "locations/", "data/"],
)
@pytest.mark.mali_chronicle
def test_pages_with_maps_and_charts_log_no_error_and_fail_no_request(watched, base_url, path):
    page, problems = watched
    page.goto(base_url + path)
    page.wait_for_load_state("networkidle")
    assert problems == []


PHONE_375 = {"width": 375, "height": 812}


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("", "home-phone"),
        (f"events/{TINZAOUATEN}/", "event-phone-375"),
        ("locations/kidal/", "location-phone"),
        ("chronicle/", "chronicle-phone"),
        ("data/", "data-phone"),
    ],
)
def test_a_375_pixel_phone_reads_without_sideways_scrolling(open_page, path, name):
    page = open_page(path, PHONE_375)
    assert screenshot(page, name).is_file()
    assert overflow(page) <= 0
    for selector in ("svg.map", "svg.timeline", "section.claims-box"):
        for item in page.locator(selector).all():
            box = item.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE_375["width"], selector


@pytest.mark.mali_chronicle
def test_the_claims_box_is_visible_on_a_375_pixel_phone(open_page):
    page = open_page(f"events/{TINZAOUATEN}/", PHONE_375)
    box = page.locator("section.claims-box")
    expect(box).to_be_visible()
    box.scroll_into_view_if_needed()
    for row in box.locator("tbody tr").all():
        edges = row.bounding_box()
        assert edges["x"] >= 0 and edges["x"] + edges["width"] <= PHONE_375["width"]
    assert page.evaluate("document.scrollingElement.scrollLeft") == 0
    assert overflow(page) <= 0


def test_screenshots_of_the_home_an_event_and_a_location_are_kept(open_page):
    for path, name in (
        ("", "home"),
        (f"events/{TINZAOUATEN}/", "event"),
        ("locations/tinzaouaten/", "location"),
    ):
        shot = screenshot(open_page(path, DESKTOP), name)
        assert shot.stat().st_size > 10_000, shot


# Search ranking, every script, folded accents (generator/site/search.py).

TESSIT = "2026-04-27-tessit-handover"
GOITA = "assimi-goita"


def titles_containing(word: str) -> set[str]:
    """The event pages whose title holds ``word``."""
    out = set()
    for path in (CONTENT / "events").rglob("*.md"):
        if word.casefold() in frontmatter.load(path).metadata["title"].casefold():
            out.add(f"/events/{path.stem}/")
    return out


@pytest.mark.mali_chronicle
def test_search_lists_the_jnim_actor_page_first_then_events_titled_jnim(open_page):
    found = search(open_page(""), "JNIM")
    assert found[0] == "/actors/jnim/", found
    titled = titles_containing("JNIM")
    assert titled, "the content has an event titled with JNIM"
    sources = [i for i, path in enumerate(found) if path.startswith("/sources/")]
    events = [found.index(path) for path in titled]
    assert sources, found  # sources titled with JNIM are found too...
    assert max(events) < min(sources), found  # ...after the events titled with it


@pytest.mark.mali_chronicle
def test_goita_without_accent_finds_what_goita_finds(open_page):
    accented = search(open_page(""), "Goïta")
    plain = search(open_page(""), "Goita")
    assert accented[0] == plain[0] == f"/actors/{GOITA}/", (accented, plain)
    # The event whose text (not only an alias) says "Goïta" is found both ways.
    assert "/events/2020-military-junta-takes-power/" in accented
    # The page folds the query as the index folds the text: the same results, in the same order.
    assert accented == plain


@pytest.mark.parametrize(
    ("query", "first", "also"),
    [
        ("ДНІМ", "/actors/jnim/", f"/events/{MOPTI}/"),
        ("JNIM", "/actors/jnim/", f"/events/{MOPTI}/"),
        ("تين زواتين", "/locations/tinzaouaten/", f"/events/{TINZAOUATEN}/"),
        ("Тін-Зауатін", "/locations/tinzaouaten/", f"/events/{TINZAOUATEN}/"),
        ("Tin-Zaouatine", "/locations/tinzaouaten/", f"/events/{TINZAOUATEN}/"),
        ("Тессіт", "/locations/tessit/", f"/events/{TESSIT}/"),
    ],
)
@pytest.mark.mali_chronicle
def test_an_alias_in_any_script_finds_its_page_first_and_its_events(open_page, query, first, also):
    kind, ident = first.strip("/").split("/")
    assert query in meta(kind, ident)["aliases"]  # the case rests on the content
    found = search(open_page(""), query)
    assert found[0] == first, (query, found)
    assert also in found, (query, found)  # the event, by its location's or actor's alias


def test_the_page_folds_queries_as_the_index_does(open_page):
    from generator.site.search import fold

    sample = "Goïta Abeïbara Ségou Łódź straße Œuvre Jama'at Jama’at Тессіт Гоїта تين زواتين"
    page = open_page("")
    assert page.evaluate("text => chronicleFold(text)", sample) == fold(sample)


# Languages and directions.


@pytest.mark.mali_chronicle
def test_arabic_names_and_titles_carry_lang_and_dir_and_are_not_slanted(open_page):
    page = open_page("actors/jnim/", DESKTOP)
    arabic = alias("actors", "jnim", ARABIC)
    span = page.locator("dd.aliases .alias", has_text=arabic)
    assert span.get_attribute("lang") == "ar"
    assert span.get_attribute("dir") == "rtl"
    assert span.evaluate("e => getComputedStyle(e).direction") == "rtl"
    cyrillic = page.locator("dd.aliases .alias", has_text=alias("actors", "jnim", CYRILLIC))
    assert cyrillic.get_attribute("lang") == "uk"
    assert cyrillic.get_attribute("dir") is None

    (source,) = [
        p.stem
        for p in (CONTENT / "sources").glob("*.md")
        if frontmatter.load(p).metadata["language"] == "ar"
    ]
    title = meta("sources", source)["title"]
    page = open_page(f"sources/{source}/", DESKTOP)
    heading = page.locator("article h1")
    assert heading.get_attribute("lang") == "ar"
    assert heading.get_attribute("dir") == "rtl"
    assert heading.inner_text().removesuffix("¶").strip() == title
    cite = page.locator("dd.citation-full cite")
    assert cite.get_attribute("lang") == "ar"
    assert cite.get_attribute("dir") == "rtl"
    assert cite.evaluate("e => getComputedStyle(e).fontStyle") == "normal"
    assert page.locator("dd.citation-full .citation-language").inner_text() == "Arabic"

    event = next(
        p.stem
        for p in (CONTENT / "events").rglob("*.md")
        if source in frontmatter.load(p).metadata["sources"]
    )
    page = open_page(f"events/{event}/", DESKTOP)
    arabic_cite = page.locator(f"#source-{source} cite")
    assert arabic_cite.get_attribute("dir") == "rtl"
    assert arabic_cite.evaluate("e => getComputedStyle(e).fontStyle") == "normal"
    english = page.locator("ol.sources cite[lang='en']")
    if english.count():  # an English title beside it stays in italic
        assert english.first.evaluate("e => getComputedStyle(e).fontStyle") == "italic"


# Labels and citations.


@pytest.mark.mali_chronicle
def test_codes_show_as_names(open_page):
    page = open_page(f"events/{TINZAOUATEN}/", DESKTOP)
    assert page.locator("dl.facts .event-type").inner_text() == "Battles"
    junta = "2020-military-junta-takes-power"
    page = open_page(f"events/{junta}/", DESKTOP)
    names = {"en": "English", "ar": "Arabic", "uk": "Ukrainian"}
    sources = page.locator("ol.sources > li")
    shown = {
        item.get_attribute("id").removeprefix("source-"): item.locator(
            ".citation-language"
        ).inner_text()
        for item in sources.all()
    }
    expected = {s: names[meta("sources", s)["language"]] for s in meta("events", junta)["sources"]}
    assert shown == expected
    assert set(shown.values()) == set(names.values())  # the case covers all three
    page = open_page("locations/tinzaouaten/", DESKTOP)
    assert meta("locations", "tinzaouaten")["country"] == "ML"
    country = page.locator("dl.facts dt", has_text="Country").locator(
        "xpath=following-sibling::dd[1]"
    )
    assert country.inner_text() == "Mali"


def test_citations_are_numbered_in_reading_order_with_their_publishers(open_page):
    page = open_page(f"events/{TESSIT}/", DESKTOP)
    numbers = [int(t.strip("[]")) for t in page.locator("article sup.citation a").all_inner_texts()]
    firsts = list(dict.fromkeys(numbers))
    assert firsts == list(range(1, len(firsts) + 1)), numbers  # [1] comes before [2]
    listed = page.locator("ol.sources > li").evaluate_all("ls => ls.map(l => l.id)")
    for row in page.locator(".claims-box td.claim-source").all():
        number = int(row.locator("a").inner_text().strip("[]"))
        ident = listed[number - 1].removeprefix("source-")
        assert row.locator(".claim-publisher").inner_text() == meta("sources", ident)["publisher"]
        assert row.locator("a").get_attribute("href") == f"#source-{ident}"


# Page metadata.


def _head(page: Page) -> dict[str, str | None]:
    def content(selector: str) -> str | None:
        found = page.locator(selector)
        return found.first.get_attribute("content") if found.count() else None

    return {
        "description": content("meta[name='description']"),
        "og:title": content("meta[property='og:title']"),
        "og:description": content("meta[property='og:description']"),
        "og:url": content("meta[property='og:url']"),
        "canonical": page.locator("link[rel='canonical']").get_attribute("href"),
    }


@pytest.mark.parametrize(
    ("kind", "ident"),
    [
        ("events", TINZAOUATEN),
        ("actors", "jnim"),
        ("locations", "tessit"),
        ("sources", "kyiv-post-2024-07-tinzaouaten"),
    ],
)
@pytest.mark.mali_chronicle
def test_each_entry_page_has_its_own_description_and_open_graph_tags(open_page, kind, ident):
    from tests.conftest import SITE_URL

    entry = meta(kind, ident)
    page = open_page(f"{kind}/{ident}/", DESKTOP)
    head = _head(page)
    if kind == "events":
        assert head["description"] == " ".join(entry["summary"].split())
    else:
        (path,) = (CONTENT / kind).glob(f"{ident}.md")
        first_words = " ".join(frontmatter.load(path).content.split()[:6])
        assert head["description"].startswith(first_words), head
    assert head["og:description"] == head["description"]
    title = page.locator("article h1").inner_text().removesuffix("¶").strip()
    assert head["og:title"] == title
    assert head["canonical"] == head["og:url"] == f"{SITE_URL}{kind}/{ident}/"
    home = _head(open_page("", DESKTOP))
    assert head["description"] != home["description"]


# The preview (`mkdocs serve`) with content that does not validate.


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[Callable[[], tuple[str, list[str]]]]:
    """A copy of the project (content, templates, mkdocs.yml) in tmp_path and ``start()``.

    ``start()`` runs `mkdocs serve` on it and returns the served site's URL (under the
    path of site_url) and the lines it has logged so far (the list keeps growing)."""
    for name in ("content", "templates"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    processes: list[subprocess.Popen] = []

    def start() -> tuple[str, list[str]]:
        port = _free_port()
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=tmp_path,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        processes.append(process)
        lines: list[str] = []
        ready = threading.Event()

        def read() -> None:
            for line in process.stdout:
                lines.append(line.rstrip("\n"))
                if "Serving on " in line:
                    ready.set()

        threading.Thread(target=read, daemon=True).start()
        assert ready.wait(120), "\n".join(lines)
        url = next(line for line in lines if "Serving on " in line).split("Serving on ")[1]
        return url.strip(), lines

    yield start
    for process in processes:
        process.terminate()
        process.wait(30)


def _a_bad_figure(folder: Path) -> tuple[Path, str, str, str]:
    """The Tinzaouaten event in ``folder`` with a figure that is no figure: its file,
    its good and bad texts, and the problem the bad one gives."""
    from generator.content.model import FIGURE_FORMS

    rel = f"content/events/2024/{TINZAOUATEN}.md"
    path = folder / rel
    good = path.read_text(encoding="utf-8")
    claims = frontmatter.loads(good).metadata["claims"]
    index = next(i for i, c in enumerate(claims) if c.get("figure") == 5)
    bad = good.replace("    figure: 5\n", "    figure: <b>lots</b>\n", 1)
    line = bad.splitlines().index("    figure: <b>lots</b>") + 1
    problem = (
        f"{rel}:{line}: claims[{index}].figure: '<b>lots</b>' is not a figure: use {FIGURE_FORMS}"
    )
    return path, good, bad, problem


@pytest.mark.mali_chronicle
def test_the_preview_shows_the_problems_then_the_page_once_they_are_fixed(browser, serve, tmp_path):
    from tests.conftest import SITE_URL

    path, good, bad, problem = _a_bad_figure(tmp_path)
    path.write_text(bad, encoding="utf-8")

    url, log = serve()
    assert urlsplit(url).path == urlsplit(SITE_URL).path  # served under site_url's path
    assert any(entry.endswith(problem) for entry in log), log

    context = browser.new_context(viewport=DESKTOP)
    try:
        page = context.new_page()
        page.goto(url + f"events/{TINZAOUATEN}/", timeout=30_000)  # answered, not hung
        assert page.locator("article h1").inner_text().strip() == "The chronicle could not be built"
        assert page.locator(".build-problems li").all_inner_texts() == [problem]
        assert page.locator(".build-problems b").count() == 0  # shown as text, escaped
        home = context.new_page()
        home.goto(url, timeout=30_000)
        assert home.locator(".build-problems li").all_inner_texts() == [problem]

        path.write_text(good, encoding="utf-8")  # fixed: the open page reloads by itself
        title = meta("events", TINZAOUATEN)["title"]
        expect(page.locator("article h1")).to_contain_text(title, timeout=90_000)
        assert page.locator(".build-problems").count() == 0
        assert page.locator("section.claims-box").is_visible()

        path.write_text(bad, encoding="utf-8")  # broken again: the page shows the problems
        expect(page.locator(".build-problems li")).to_have_text([problem], timeout=90_000)
    finally:
        context.close()


@pytest.mark.mali_chronicle
def test_an_error_after_a_good_build_shows_the_last_good_page_under_a_banner(
    browser, serve, tmp_path
):
    path, good, bad, problem = _a_bad_figure(tmp_path)
    url, log = serve()
    title = meta("events", TINZAOUATEN)["title"]
    context = browser.new_context(viewport=DESKTOP)
    try:
        page = context.new_page()
        page.goto(url + f"events/{TINZAOUATEN}/", timeout=30_000)
        expect(page.locator("article h1")).to_contain_text(title)
        assert page.locator(".chronicle-problems").count() == 0

        path.write_text(bad, encoding="utf-8")  # the open page reloads: the banner, the page
        banner = page.locator(".chronicle-problems")
        expect(banner.locator(".build-problems li")).to_have_text([problem], timeout=90_000)
        assert banner.locator(".build-problems b").count() == 0  # shown as text, escaped
        assert banner.locator("a").count() == 0  # linked to nothing
        expect(page.locator("article h1")).to_contain_text(title)  # the last good page
        assert page.locator("section.claims-box").is_visible()
        assert any("the preview shows the last good site" in entry for entry in log), log
        # Every page keeps its last good version, the downloads too, never a 404.
        other = context.new_page()
        response = other.goto(url + "chronicle/", timeout=30_000)
        assert response.status == 200
        assert other.locator(".chronicle-problems .build-problems li").all_inner_texts() == [
            problem
        ]
        data = other.request.get(url + "data/events.json")
        assert data.status == 200 and data.json()["events"]

        path.write_text(good, encoding="utf-8")  # fixed: the page reloads without the banner
        expect(page.locator(".chronicle-problems")).to_have_count(0, timeout=90_000)
        expect(page.locator("article h1")).to_contain_text(title)
    finally:
        context.close()


def test_a_new_entry_with_its_placeholders_is_one_problem_on_the_banner(browser, serve, tmp_path):
    url, _ = serve()
    context = browser.new_context(viewport=DESKTOP)
    try:
        page = context.new_page()
        page.goto(url, timeout=30_000)
        result = subprocess.run(
            [sys.executable, "-m", "generator.cli", "new", "event", "2026-01-02-a-new-event"],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            check=True,
        )
        written = next(tmp_path.joinpath("content", "events").rglob("2026-01-02-a-new-event.md"))
        assert written.exists(), result.stdout
        items = page.locator(".chronicle-problems .build-problems li")
        expect(items).to_have_count(1, timeout=90_000)
        rel = written.relative_to(tmp_path).as_posix()
        text = items.inner_text()
        assert text.startswith(f"{rel}:") and "a new entry, not filled in yet" in text
        assert "title" in text and "summary" in text and "body" in text
        assert page.locator("article").count() == 1  # the home page, not an error page
    finally:
        context.close()
