"""Nothing is lost between content/ and the built site.

The content files are read here directly (python-frontmatter, not the
generator's loader), so an entry, claim, citation or alias that the
generator dropped would be missed in the HTML of the real site
(``real_site``). Texts are compared as a reader sees them: HTML entities
decoded, Unicode in NFC, runs of blanks as one space.
"""

from __future__ import annotations

import html
import re
import unicodedata
from pathlib import Path

import frontmatter
import pytest

from tests.conftest import CONTENT, SITE_NAME
from tests.test_hostile import Page

FOLDERS = ("events", "actors", "locations", "sources")
CITATION = re.compile(r"\[\^([^\]\s]+)\](?!:)")


def _norm(text: object) -> str:
    return " ".join(unicodedata.normalize("NFC", str(text)).split())


def _entries(folder: str) -> dict[str, dict]:
    """Every file of a content folder: its id, front matter and body."""
    out = {}
    for file in sorted((CONTENT / folder).rglob("*.md")):
        post = frontmatter.loads(file.read_text(encoding="utf-8-sig"))
        out[file.stem] = {"meta": post.metadata, "body": post.content}
    return out


ENTRIES = {folder: _entries(folder) for folder in FOLDERS}
PAGES: dict[Path, Page] = {}


def _page(site: Path, url: str) -> Page:
    file = site / url / "index.html"
    if file not in PAGES:
        PAGES[file] = Page(file.read_text(encoding="utf-8"))
    return PAGES[file]


def _is_redirect(file: Path) -> bool:
    return 'http-equiv="refresh"' in file.read_text(encoding="utf-8")


def test_the_content_is_not_empty():
    assert all(ENTRIES[folder] for folder in FOLDERS)
    assert sum(len(e["meta"].get("claims", [])) for e in ENTRIES["events"].values()) > 0


@pytest.mark.parametrize("folder", FOLDERS)
def test_every_file_has_exactly_one_page(real_site, folder):
    # events/2024/ is the page of a year's events, which no event's id may be.
    built = sorted(
        p.parent.name
        for p in (real_site / folder).glob("*/index.html")
        if not _is_redirect(p)
        and not (folder == "events" and re.fullmatch(r"\d{4}", p.parent.name))
    )
    assert built == sorted(ENTRIES[folder])
    for ident, entry in ENTRIES[folder].items():
        name = entry["meta"].get("title") or entry["meta"].get("name")
        page = _page(real_site, f"{folder}/{ident}/")
        assert page.title == f"{_norm(name)} - {SITE_NAME}"


def _events():
    return sorted(ENTRIES["events"].items())


@pytest.mark.parametrize("ident, event", _events(), ids=[i for i, _ in _events()])
def test_every_claim_is_on_the_pages_it_belongs_to(real_site, ident, event):
    text = _page(real_site, f"events/{ident}/").text
    for claim in event["meta"].get("claims", []):
        says = _norm(claim["says"])
        assert says in text
        assert _norm(claim["about"]) in text
        by = str(claim["by"])
        if by in ENTRIES["actors"]:
            assert says in _page(real_site, f"actors/{by}/").text, by
        else:
            assert _norm(by) in text
        assert says in _page(real_site, f"sources/{claim['source']}/").text, claim["source"]
    for reading in event["meta"].get("assessment", []):
        assert _norm(reading["note"]) in text


@pytest.mark.parametrize("ident, event", _events(), ids=[i for i, _ in _events()])
def test_every_source_citation_of_an_event_is_shown(real_site, ident, event):
    page = _page(real_site, f"events/{ident}/")
    ids = [
        a.get("id")
        for tag, a, _ in page.elements
        if tag == "li" and a.get("id", "").startswith("source-")
    ]
    # Numbered in the order the text first cites them, then the sources it does not cite.
    cited = re.findall(r"\[\^([^\]\s]+)\](?!:)", event["body"])
    order = list(dict.fromkeys([*cited, *event["meta"]["sources"]]))
    assert ids == [f"source-{s}" for s in order]
    for source in event["meta"]["sources"]:
        title = ENTRIES["sources"][source]["meta"]["title"]
        assert _norm(title) in page.text
        source_page = _page(real_site, f"sources/{source}/")
        links = [a.get("href") for tag, a, _ in source_page.elements if tag == "a"]
        assert f"../../events/{ident}/" in links, source
    footnotes = CITATION.findall(event["body"])
    marks = [a for tag, a, _ in page.elements if tag == "sup" and a.get("class") == "citation"]
    assert len(marks) == len(footnotes)


@pytest.mark.parametrize("folder", ["actors", "locations", "sources"])
def test_every_source_cited_in_a_description_is_listed(real_site, folder):
    for ident, entry in ENTRIES[folder].items():
        cited = dict.fromkeys(CITATION.findall(entry["body"]))
        text = _page(real_site, f"{folder}/{ident}/").text
        for source in cited:
            assert _norm(ENTRIES["sources"][source]["meta"]["title"]) in text, (ident, source)


@pytest.mark.parametrize("folder", ["actors", "locations"])
def test_every_alias_is_on_its_page_and_the_index(real_site, folder):
    index = _page(real_site, f"{folder}/").text
    count = 0
    for ident, entry in ENTRIES[folder].items():
        aliases = list(dict.fromkeys(_norm(a) for a in entry["meta"].get("aliases", [])))
        raw = (real_site / folder / ident / "index.html").read_text(encoding="utf-8")
        shown = [
            html.unescape(a) for a in re.findall(r'<span class="alias"[^>]*>(.*?)</span>', raw)
        ]
        assert shown == aliases, ident
        if aliases:
            name = _norm(entry["meta"]["name"])
            assert f"{name} ({', '.join(aliases)})" in index, ident
        count += len(aliases)
    assert count or folder == "locations"


def test_the_chronicle_lists_every_event(real_site):
    page = _page(real_site, "chronicle/")
    links = {a.get("href") for tag, a, _ in page.elements if tag == "a"}
    for ident, event in ENTRIES["events"].items():
        assert f"../events/{ident}/" in links
        assert _norm(event["meta"]["title"]) in page.text
