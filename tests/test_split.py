"""Long lists are split by year into pages of their own (render.LIST_LIMIT).

On a synthetic chronicle of 90 events over 15 years, rendered with a limit of
10: a term with more events than the limit lists them on a page per year,
linked from its page; so do the chronicle and the disputed page. Every event
is on exactly the year page it belongs to, every year link leads to a page
that exists, and ``urls_showing`` names pages that do show the event.
"""

from __future__ import annotations

import posixpath
import re
import shutil

import pytest

from bench.synthetic import generate
from generator.content.index import Index, build_chronicle
from generator.content.model import ContentError
from generator.site.render import Renderer, page_url, render_pages, url_of

LIMIT = 10
HREF = re.compile(r'href="([^"#]*)(?:#[^"]*)?"')


@pytest.fixture(scope="module")
def chronicle(tmp_path_factory):
    return build_chronicle(generate(tmp_path_factory.mktemp("split") / "content", 90))


@pytest.fixture(scope="module")
def pages(chronicle):
    return {p.url: p.markdown for p in render_pages(chronicle, list_limit=LIMIT)}


def links(url: str, markdown: str) -> set[str]:
    """The directory URLs a page links to, resolved from its own URL."""
    out = set()
    for href in HREF.findall(markdown):
        if href.startswith(("http:", "https:", "mailto:")) or not href:
            continue
        resolved = posixpath.normpath(posixpath.join(url, href))
        out.add("" if resolved == "." else resolved.rstrip("/") + "/")
    return out


def event_links(url: str, markdown: str) -> set[str]:
    return {u for u in links(url, markdown) if u.startswith("events/")}


def test_a_term_with_many_events_has_a_page_per_year(chronicle, pages):
    index = Index(chronicle)
    split = 0
    for kind in ("actor", "location", "source"):
        for entry in chronicle.terms(kind).values():
            events = index.events_of(kind, entry.id)
            base = url_of(entry)
            years = sorted({e.date.year for e in events})
            year_pages = sorted(u for u in pages if u.startswith(base) and u != base)
            if len(events) <= LIMIT:
                assert year_pages == []
                assert event_links(base, pages[base]) == {url_of(e) for e in events}
                continue
            split += 1
            assert year_pages == [f"{base}{y}/" for y in years]
            assert set(year_pages) <= links(base, pages[base])
            for year in years:
                url = f"{base}{year}/"
                assert event_links(url, pages[url]) == {
                    url_of(e) for e in events if e.date.year == year
                }
                assert links(url, pages[url]) >= {
                    base,
                    *(f"{base}{y}/" for y in years if y != year),
                }
            # the term's own page keeps only its latest events
            newest = [url_of(e) for e in reversed(events)][:10]
            assert event_links(base, pages[base]) == set(newest)
    assert split >= 3  # the busy actors, at least


def test_the_chronicle_is_split_by_year(chronicle, pages):
    years = sorted({e.date.year for e in chronicle.events})
    assert event_links("chronicle/", pages["chronicle/"]) == set()
    assert links("chronicle/", pages["chronicle/"]) >= {f"chronicle/{y}/" for y in years}
    seen = set()
    for year in years:
        url = f"chronicle/{year}/"
        found = event_links(url, pages[url])
        assert found == {url_of(e) for e in chronicle.events if e.date.year == year}
        seen |= found
        for month in {e.date.month for e in chronicle.events if e.date.year == year}:
            assert f'id="y{year}-m{month:02d}"' in pages[url]
            assert f'href="{year}/#y{year}-m{month:02d}"' in pages["chronicle/"]
    assert seen == {url_of(e) for e in chronicle.events}


def test_the_disputed_page_is_split_by_year(chronicle, pages):
    renderer = Renderer(chronicle, list_limit=LIMIT)
    rows = renderer.disputed_rows()
    assert len(rows) > LIMIT
    assert 'class="disputed-table"' not in pages["disputed/"]
    for year in sorted({e.date.year for e, _ in rows}):
        url = f"disputed/{year}/"
        assert url in links("disputed/", pages["disputed/"])
        assert pages[url].count('class="disputed-row"') == sum(
            1 for e, _ in rows if e.date.year == year
        )


def test_every_page_urls_showing_names_shows_the_event(chronicle, pages):
    renderer = Renderer(chronicle, list_limit=LIMIT)
    for event in chronicle.events[::7]:
        urls = renderer.urls_showing(event)
        assert urls[0] == url_of(event)
        for url in urls[1:]:
            assert url_of(event) in links(url, pages[url]), url


def test_every_year_link_leads_to_a_page(pages):
    for url, markdown in pages.items():
        for target in links(url, markdown):
            if re.search(r"/\d{4}/$", target):
                assert target in pages, (url, target)


def test_below_the_limit_nothing_is_split(chronicle):
    paths = [p.path for p in render_pages(chronicle)]
    # The index of events by year has a page for each year whatever the number of events.
    split = [p for p in paths if re.search(r"/\d{4}\.md$", p) and not p.startswith("events/")]
    assert not split
    assert page_url("chronicle.md") == "chronicle/"


@pytest.mark.parametrize("folder", ["chronicle", "disputed"])
def test_an_ordinary_page_in_a_generated_folder_is_refused(tmp_path, folder):
    from .conftest import FIXTURE

    root = tmp_path / "content"
    shutil.copytree(FIXTURE, root)
    (root / folder).mkdir()
    (root / folder / "2024.md").write_text("# Mine\n", encoding="utf-8")
    with pytest.raises(ContentError) as error:
        build_chronicle(root, display="content")
    expected = (
        f"content/{folder}/2024.md:1: file: {folder}/ holds generated pages (one a year); "
        "move the file out of it"
    )
    assert [str(p) for p in error.value.problems if p.severity == "error"] == [expected]
