"""The readers' pages in a real browser, on a 1280 px desktop and a 375 px phone: the 404
page, the index of events by year, source pages that say what they lack, and search
results that say what they are and find the claims' figures.

What the pages should show is worked out from the content (front matter and the
content stage's analysis), never written here. The sites are served as GitHub Pages
serves them: an address with no file answers 404 with the site's 404.html.
"""

from __future__ import annotations

import contextlib
import http.server
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from generator.content.analysis import analysis_of
from generator.content.index import build_chronicle
from tests.conftest import CONTENT, FIXTURE, SITE_NAME, SITE_URL
from tests.test_browser import (  # noqa: F401
    DESKTOP,
    PHONE_375,
    RESULTS_SHOWN,
    browser,
    contexts,
    local,
    overflow,
    served,
)

from playwright.sync_api import Browser, Page, expect  # isort: skip

pytestmark = pytest.mark.browser

VIEWPORTS = [pytest.param(DESKTOP, id="desktop"), pytest.param(PHONE_375, id="phone")]


# The sites are built for SITE_URL, and served under its path, as GitHub Pages serves a
# project's site under /the-repository/: the 404 page's links start from that path.
PREFIX = urlsplit(SITE_URL).path


class _PagesHandler(http.server.SimpleHTTPRequestHandler):
    """A static host as GitHub Pages is one: the site under PREFIX, and a missing file
    answered by its 404.html."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def translate_path(self, path: str) -> str:
        if not path.startswith(PREFIX):
            return str(Path(self.directory) / "no such file")
        return super().translate_path("/" + path[len(PREFIX) :])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        return None


def hosted(folder: Path) -> contextlib.AbstractContextManager[str]:
    """The site served under PREFIX, as GitHub Pages serves a project's site."""
    return served(folder, _PagesHandler, PREFIX)


@pytest.fixture(scope="module")
def real_url(real_site: Path) -> Iterator[str]:
    with hosted(real_site) as url:
        yield url


@pytest.fixture(scope="module")
def fixture_url(fixture_site: Path) -> Iterator[str]:
    with hosted(fixture_site) as url:
        yield url


@pytest.fixture
def visit(browser: Browser) -> Iterator[Callable[..., Page]]:  # noqa: F811
    """``visit(base, path, viewport, js=True)``: a fresh context showing ``path``; requests
    anywhere but the local server are aborted."""
    with contexts(browser) as opened:
        yield opened


def fits(page: Page, viewport: dict) -> None:
    assert overflow(page) <= 0, f"wider than {viewport['width']} px"


# The 404 page.


@pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_missing_address_shows_the_404_page_with_search_and_links(visit, real_url, viewport, js):
    page = visit(real_url, "events/no-such-event/", viewport, js)
    assert page.title() == f"Page not found - {SITE_NAME}"
    expect(page.locator("h1")).to_have_text("Page not found")
    field = page.locator("form.not-found-search input[name=q]")
    expect(field).to_be_visible()
    expect(page.locator("label[for=not-found-query]")).to_have_text("Search the chronicle")
    links = page.locator(".not-found-links a")
    targets = {local(a) for a in links.evaluate_all("as => as.map(a => a.href)")}
    assert {PREFIX + p for p in ("", "chronicle/", "events/", "disputed/")} <= targets
    fits(page, viewport)
    # The links start from the site's root: they lead there from any depth, without script.
    page.locator(".not-found-links a", has_text="Events by year").click()
    page.wait_for_url(real_url + "events/")
    expect(page.locator("h1")).to_have_text(re.compile(r"^Events by year"))


@pytest.mark.mali_chronicle
def test_the_404_search_form_searches_the_chronicle(visit, real_url):
    page = visit(real_url, "a/missing/page/", DESKTOP)
    field = page.locator("#not-found-query")
    field.fill("Tinzaouaten")
    field.press("Enter")
    page.wait_for_url(real_url + "?q=Tinzaouaten")
    # The home page opens the theme's search with the query, and lists what it finds.
    expect(page.locator("input.md-search__input")).to_have_value("Tinzaouaten")
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    found = page.locator(".md-search-result__link").evaluate_all("as => as.map(a => a.href)")
    assert PREFIX + "locations/tinzaouaten/" in {local(url) for url in found}


# The index of events by year.


def _front_year(date: object) -> int:
    return int(re.search(r"\d{4}", str(date)).group(0))


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_events_index_lists_each_year_with_its_count(visit, real_url, viewport):
    chronicle = build_chronicle(CONTENT)
    years: dict[int, int] = {}
    for event in chronicle.events:
        years[event.date.year] = years.get(event.date.year, 0) + 1
    page = visit(real_url, "events/", viewport)
    items = page.locator("ul.event-years > li")
    expect(items).to_have_count(len(years))
    for item, (year, count) in zip(items.all(), sorted(years.items())):
        expect(item.locator("a")).to_have_text(str(year))
        expect(item.locator(".count")).to_have_text(f"{count} event" + ("s" if count > 1 else ""))
    fits(page, viewport)
    page.locator("ul.event-years a", has_text=str(max(years))).click()
    page.wait_for_url(real_url + f"events/{max(years)}/")


@pytest.mark.mali_chronicle
@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_year_page_lists_its_events_in_date_order_with_place_and_disputed_mark(
    visit, real_url, viewport
):
    chronicle = build_chronicle(CONTENT)
    analysis = analysis_of(chronicle)
    year = 2024
    expected = [e for e in chronicle.events if e.date.year == year]
    assert expected  # the Mali chronicle has events in 2024
    # The content files say which events are of that year, whatever the model says.
    files = {p.stem for p in CONTENT.glob("events/**/*.md")}
    assert {e.id for e in expected} <= files
    page = visit(real_url, f"events/{year}/", viewport)
    expect(page.locator("h1")).to_have_text(re.compile(f"^Events of {year}"))
    items = page.locator("ul.events-of-year > li")
    expect(items).to_have_count(len(expected))
    for item, event in zip(items.all(), expected):
        link = item.locator(f"a[href$='{event.id}/']")
        expect(link).to_have_text(event.title)
        expect(item.locator(".event-date time").first).to_be_visible()
        names = [chronicle.locations[i].name for i in event.locations]
        for name in names:
            expect(item.locator(".event-places")).to_contain_text(name)
        disputed = item.locator(".confidence-disputed")
        expect(disputed).to_have_count(1 if analysis.of(event).disputed else 0)
        if analysis.of(event).disputed:
            expect(disputed).to_have_text("disputed")
    # The previous and next years with events.
    years = sorted({e.date.year for e in chronicle.events})
    i = years.index(year)
    step = page.locator("nav.year-step")
    if i > 0:
        expect(step.locator("a[rel=prev]")).to_have_text(f"Previous year: {years[i - 1]}")
    if i + 1 < len(years):
        expect(step.locator("a[rel=next]")).to_have_text(f"Next year: {years[i + 1]}")
        step.locator("a[rel=next]").click()
        page.wait_for_url(real_url + f"events/{years[i + 1]}/")
    fits(page, viewport)


def test_every_event_is_on_its_year_page_once(real_site):
    for path in CONTENT.glob("events/**/*.md"):
        text = path.read_text(encoding="utf-8")
        date = re.search(r"^date: *['\"]?(.+?)['\"]?$", text, re.MULTILINE).group(1)
        year = _front_year(date)
        page = (real_site / "events" / str(year) / "index.html").read_text(encoding="utf-8")
        assert page.count(f'href="../{path.stem}/"') == 1, path


# Sources that say what they lack.


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_source_without_a_link_says_so(visit, real_url, viewport):
    chronicle = build_chronicle(CONTENT)
    unlinked = [s for s in chronicle.sources.values() if not s.url and not s.archive_url]
    assert unlinked
    page = visit(real_url, f"sources/{unlinked[0].id}/", viewport)
    facts = page.locator(".term-meta dl.facts")
    expect(facts.locator(".source-no-link")).to_have_text("No link is recorded for this source.")
    expect(facts.locator("a.external")).to_have_count(0)
    fits(page, viewport)


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_source_with_links_shows_them_and_its_archived_copy(visit, fixture_url, viewport):
    chronicle = build_chronicle(FIXTURE)
    source = next(s for s in chronicle.sources.values() if s.url and s.archive_url)
    page = visit(fixture_url, f"sources/{source.id}/", viewport)
    facts = page.locator(".term-meta dl.facts")
    expect(facts.locator(".source-no-link")).to_have_count(0)
    expect(facts.locator(f".source-url a[href='{source.url}']")).to_have_text(source.url)
    archive = facts.locator(f".source-archive a[href='{source.archive_url}']")
    expect(archive).to_have_text(source.archive_url)
    expect(facts.locator(".source-archive")).to_contain_text("Archived copy:")
    fits(page, viewport)


# Search results.


def open_search(page: Page, viewport: dict) -> None:
    if viewport["width"] < 960:
        page.locator("label.md-header__button[for='__search']").click()
    else:
        page.locator("input.md-search__input").click()
    expect(page.locator(".md-search-result__meta")).to_have_text("Type to start searching")


def results(page: Page, query: str) -> list[tuple[str, str]]:
    """The results of ``query``: (path, the labels shown with it) of each page's result."""
    field = page.locator("input.md-search__input")
    # An empty field first, so that the last query's results are not read as this one's.
    field.fill("")
    field.press("End")
    expect(page.locator(".md-search-result__meta")).to_have_text("Type to start searching")
    field.fill(query)
    field.press("End")  # Material searches on key up
    page.wait_for_function(RESULTS_SHOWN)
    found = page.locator(".md-search-result__item > .md-search-result__link").evaluate_all(
        """as => as.map(a => [new URL(a.href).pathname,
            Array.from(a.querySelectorAll('.md-tag')).map(t => t.textContent).join(',')])"""
    )
    return [tuple(item) for item in found]


def _index_words(site: Path) -> dict[str, str]:
    """Each page's words as the search reads them in its title and text, by URL."""
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    out: dict[str, str] = {}
    for doc in docs:
        url = doc["location"].split("#")[0]
        out[url] = out.get(url, "") + " " + doc.get("title", "") + " " + doc.get("text", "")
    return out


def a_figure_only_in_claims(site: Path) -> tuple[str, str]:
    """A claim's figure (a number) found in no page's title or text: (figure, event URL)."""
    chronicle = build_chronicle(CONTENT)
    words = _index_words(site)
    for event in chronicle.events:
        for claim in event.claims:
            for figure in [claim.figure, *(p.figure for p in claim.parts)]:
                number = re.fullmatch(r"\d{2,}", figure.text) if figure else None
                pattern = re.compile(rf"(?<![\d.,]){figure.text}(?![\d.,])") if number else None
                if pattern and not any(pattern.search(w) for w in words.values()):
                    return figure.text, f"events/{event.id}/"
    raise AssertionError("every figure of the claims is in some page's text")


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_search_finds_an_event_by_a_figure_of_its_claims(visit, real_url, real_site, viewport):
    figure, url = a_figure_only_in_claims(real_site)
    page = visit(real_url, "", viewport)
    open_search(page, viewport)
    found = results(page, figure)
    assert (PREFIX + url, "Event") in found, (figure, found)


@pytest.mark.mali_chronicle
@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_search_results_say_what_kind_of_page_they_are(visit, real_url, real_site, viewport):
    chronicle = build_chronicle(CONTENT)
    page = visit(real_url, "", viewport)
    open_search(page, viewport)
    place = chronicle.locations["tinzaouaten"]
    found = dict(results(page, place.name))
    assert found[f"{PREFIX}locations/{place.id}/"] == "Place"
    events = PREFIX + "events/"
    assert {kind for path, kind in found.items() if path.startswith(events)} == {"Event"}
    actor = chronicle.actors["jnim"]
    found = dict(results(page, actor.aliases[0]))
    assert found[f"{PREFIX}actors/{actor.id}/"] == "Actor"
    # The source whose publisher the fewest pages name, so that its page is among the first.
    words = _index_words(real_site)
    source = min(chronicle.sources.values(),
                 key=lambda s: sum(s.publisher in w for w in words.values()))  # fmt: skip
    found = dict(results(page, source.publisher))
    assert found[f"{PREFIX}sources/{source.id}/"] == "Source"
    # The labels are visible beside each result.
    expect(page.locator(".md-search-result__item .md-tag").first).to_be_visible()
    # Pages that are no entry (the about page, the generated lists) carry no label.
    entries = tuple(PREFIX + f for f in ("events/", "actors/", "locations/", "sources/"))
    others = [
        (path, kind) for path, kind in results(page, "method") if not path.startswith(entries)
    ]
    assert others and all(kind == "" for _, kind in others), others


# The home page's title.


def test_the_home_page_is_titled_by_the_site_name_once(visit, real_url):
    page = visit(real_url, "", DESKTOP)
    assert page.title() == SITE_NAME
    about = visit(real_url, "about/", DESKTOP)
    assert about.title().endswith(f" - {SITE_NAME}") and about.title().count(SITE_NAME) == 1
