"""End to end: the real content built with `mkdocs build --strict` (the ``real_site`` fixture).

The HTML is read with the standard library's parser into a small tree; the
expected values come from the content files' front matter, read here on
their own with python-frontmatter.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import frontmatter
import pytest

from generator.scaffold import site_url
from tests.conftest import CONTENT, ROOT
from tests.htmltree import Node, parse

DISPUTED_EVENTS = ("2024-07-battle-of-tinzaouaten", "2024-11-21-mopti-checkpoint-ambush")


def article(path: Path) -> Node:
    """The page's main content (Material's article), without the navigation."""
    found = parse(path).find_all("article")
    assert len(found) == 1, path
    return found[0]


def front_matter(kind_folder: str) -> dict[str, dict]:
    """The front matter of every file of a content folder, by id (the file stem)."""
    return {
        p.stem: frontmatter.load(p).metadata for p in sorted((CONTENT / kind_folder).rglob("*.md"))
    }


def page(site: Path, folder: str, ident: str) -> Path:
    return site / folder / ident / "index.html"


def squash(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("folder", ["events", "actors", "locations", "sources"])
def test_a_page_for_every_content_file(real_site, folder):
    ids = sorted(front_matter(folder))
    assert ids
    missing = [i for i in ids if not page(real_site, folder, i).is_file()]
    assert missing == []
    for ident in ids:
        headings = article(page(real_site, folder, ident)).find_all("h1")
        assert len(headings) == 1, ident


def test_every_event_page_has_one_claims_box(real_site):
    for ident, meta in front_matter("events").items():
        boxes = article(page(real_site, "events", ident)).find_all(cls="claims-box")
        assert len(boxes) == 1, ident
        rows = boxes[0].find_all("tr")
        claims = meta.get("claims") or []
        # One header row and one row per claim in each topic's table.
        topics = boxes[0].find_all(cls="claims-topic")
        assert len(rows) == len(claims) + len(topics), ident
        if not claims:
            assert squash(boxes[0].text).startswith("No claims are recorded"), ident


@pytest.mark.parametrize("ident", DISPUTED_EVENTS)
@pytest.mark.mali_chronicle
def test_tinzaouaten_and_mopti_are_disputed(real_site, ident):
    box = article(page(real_site, "events", ident)).find_all(cls="claims-box")[0]
    disputed = [n for n in box.find_all(cls="claims-topic") if "disputed" in n.classes]
    assert disputed, ident
    for topic in disputed:
        assert topic.find_all(cls="disputed-mark"), ident


def test_event_pages_link_their_actors_locations_and_sources(real_site):
    for ident, meta in front_matter("events").items():
        body = article(page(real_site, "events", ident))
        hrefs = {a.attrs.get("href", "") for a in body.find_all("a")}
        for folder in ("actors", "locations", "sources"):
            for other in meta[folder]:
                assert f"../../{folder}/{other}/" in hrefs, (ident, other)
        listed = [
            li.attrs.get("id")
            for li in body.find_all("li")
            if li.attrs.get("id", "").startswith("source-")
        ]
        assert sorted(listed) == sorted(f"source-{s}" for s in meta["sources"]), ident


@pytest.mark.mali_chronicle
def test_actor_pages_show_aliases_in_their_scripts(real_site):
    shown_scripts = set()
    for ident, meta in front_matter("actors").items():
        body = article(page(real_site, "actors", ident))
        aliases = [squash(n.text) for n in body.find_all(cls="alias")]
        assert aliases == list(meta.get("aliases") or []), ident
        shown_scripts.update(_script(a) for a in aliases)
    assert {"Latin", "Cyrillic", "Arabic"} <= shown_scripts


@pytest.mark.mali_chronicle
def test_actor_relations_show_in_both_directions(real_site):
    actors = front_matter("actors")
    pairs = [
        (ident, other)
        for ident, meta in actors.items()
        for key in ("affiliated_with", "successor_of")
        for other in meta.get(key) or []
    ]
    assert pairs
    for one, other in pairs:
        for here, there in ((one, other), (other, one)):
            facts = article(page(real_site, "actors", here)).find_all("dl", "facts")[0]
            links = {a.attrs.get("href") for a in facts.find_all("a")}
            assert f"../{there}/" in links, (here, there)


def test_location_pages_show_coordinates_where_given(real_site):
    with_coordinates = 0
    for ident, meta in front_matter("locations").items():
        body = article(page(real_site, "locations", ident))
        shown = body.find_all(cls="coordinates")
        if meta.get("lat") is None:
            assert shown == [], ident
            continue
        with_coordinates += 1
        assert len(shown) == 1, ident
        numbers = [float(n) for n in re.findall(r"-?\d+\.\d+", shown[0].text)[:2]]
        assert numbers == pytest.approx([meta["lat"], meta["lon"]]), ident
        aliases = [squash(n.text) for n in body.find_all(cls="alias")]
        assert aliases == list(meta.get("aliases") or []), ident
    assert with_coordinates


def test_source_pages_show_their_citation(real_site):
    for ident, meta in front_matter("sources").items():
        body = article(page(real_site, "sources", ident))
        citation = body.find_all(cls="citation-full")
        assert len(citation) == 1, ident
        text = squash(citation[0].text)
        assert squash(meta["publisher"]) in text, ident
        assert squash(meta["title"]) in text, ident
        if meta.get("title_en"):
            assert squash(meta["title_en"]) in text, ident
        cite = citation[0].find_all("cite")[0]
        assert cite.attrs.get("lang") == meta["language"], ident


def test_source_pages_list_the_events_resting_on_them(real_site):
    events = front_matter("events")
    for ident in front_matter("sources"):
        body = article(page(real_site, "sources", ident))
        hrefs = {a.attrs.get("href") for a in body.find_all("a")}
        for event_id, meta in events.items():
            if ident in meta["sources"]:
                assert f"../../events/{event_id}/" in hrefs, (ident, event_id)


def _script(text: str) -> str:
    import unicodedata

    for char in text:
        if char.isalpha():
            return unicodedata.name(char).split()[0].title()
    return ""


# --- every internal link resolves -------------------------------------------------------

LINK_ATTRIBUTES = {"a": "href", "link": "href", "script": "src", "img": "src"}


def _site_path() -> str:
    """The path of site_url ('/the-chronicle/'), which root-absolute links start with."""
    return urlsplit(site_url(ROOT / "mkdocs.yml") or "/").path or "/"


def _target(site: Path, page_file: Path, link: str, base: str) -> tuple[Path, str] | None:
    """The built file a link points to and its anchor; None for external links."""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc:
        return None
    url_dir = page_file.parent.relative_to(site).as_posix()
    if not parts.path:
        return page_file, unquote(parts.fragment)
    if parts.path.startswith("/"):
        assert parts.path.startswith(base), f"{page_file}: {link} is outside the site"
        path = parts.path[len(base) :]
    else:
        path = posixpath.join(url_dir, unquote(parts.path))
    path = posixpath.normpath(path)
    assert not path.startswith(".."), f"{page_file}: {link} leaves the site"
    target = site / path if path != "." else site
    if target.is_dir() or parts.path.endswith("/"):
        target = target / "index.html"
    return target, unquote(parts.fragment)


@pytest.mark.mali_chronicle
def test_every_internal_link_and_anchor_resolves(real_site):
    base = _site_path()
    pages = sorted(real_site.rglob("*.html"))
    ids = {p: {n.attrs["id"] for n in parse(p).walk() if "id" in n.attrs}
           | {n.attrs["name"] for n in parse(p).find_all("a") if "name" in n.attrs}
           for p in pages}  # fmt: skip
    broken, checked = [], 0
    for page_file in pages:
        for node in parse(page_file).walk():
            attribute = LINK_ATTRIBUTES.get(node.tag)
            link = node.attrs.get(attribute) if attribute else None
            if not link:
                continue
            resolved = _target(real_site, page_file, link, base)
            if resolved is None:
                continue
            target, anchor = resolved
            checked += 1
            where = f"{page_file.relative_to(real_site)}: {link}"
            if not target.is_file():
                broken.append(f"{where} (no file {target.relative_to(real_site)})")
            elif anchor and anchor not in ids.get(target, set()):
                broken.append(f"{where} (no #{anchor} in {target.relative_to(real_site)})")
    assert broken == [], "broken links:\n" + "\n".join(broken)
    assert checked > 1000


def test_link_checker_reports_a_missing_page_and_anchor(real_site):
    """The resolver used above: a directory URL means its index.html; anchors are kept."""
    event = page(real_site, "events", DISPUTED_EVENTS[0])
    base = _site_path()
    assert _target(real_site, event, "../../actors/fama/#events", base) == (
        real_site / "actors" / "fama" / "index.html",
        "events",
    )
    assert _target(real_site, event, "#claims", base) == (event, "claims")
    assert _target(real_site, event, f"{base}chronicle/", base) == (
        real_site / "chronicle" / "index.html",
        "",
    )
    assert _target(real_site, event, "https://example.org/x", base) is None
    missing, _ = _target(real_site, event, "../no-such-event/", base)
    assert not missing.is_file()


def _links(node: Node) -> set[str]:
    return {a.attrs.get("href", "") for a in node.find_all("a")}


def _nav_links(path: Path) -> set[str]:
    """The links of the site's navigation (Material's primary nav) on a page."""
    nav = [n for n in parse(path).find_all("nav") if "md-nav--primary" in n.classes]
    assert len(nav) == 1, path
    return _links(nav[0])


def test_the_contributors_pages_are_reached_from_about_not_from_the_readers_nav(real_site):
    about = real_site / "about" / "index.html"
    assert "../contribute/" in _links(article(about))
    contribute = real_site / "contribute" / "index.html"
    assert "../schema/" in _links(article(contribute))
    assert (real_site / "schema" / "index.html").is_file()
    nav = _nav_links(real_site / "index.html")
    assert "events/" in nav and "about/" in nav and "data/" in nav
    assert not {link for link in nav if link.startswith(("schema", "contribute"))}
    # The About page is for readers: no YAML, no command output; Contribute has both.
    assert not article(about).find_all("pre")
    blocks = " ".join(pre.text for pre in article(contribute).find_all("pre"))
    assert "claims:" in blocks and "is not a figure" in blocks


def test_the_home_page_title_names_the_site_once(real_site):
    site_name = frontmatter.load(CONTENT / "index.md").metadata["title"]
    titles = parse(real_site / "index.html").find_all("title")
    assert titles[0].text == site_name
    og = [m for m in parse(real_site / "index.html").find_all("meta")
          if m.attrs.get("property") == "og:title"]  # fmt: skip
    assert [m.attrs["content"] for m in og] == [site_name]
