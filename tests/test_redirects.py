"""Stable URLs: `redirect_from` keeps an entry's old URLs working in the built site."""

from __future__ import annotations

import html
import posixpath
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURE, build_with_mkdocs
from tests.test_cli import run

REFRESH = re.compile(r'<meta http-equiv="refresh" content="0; url=([^"]+)">')
CANONICAL = re.compile(r'<link rel="canonical" href="([^"]+)">')


def follow(site: Path, old_url: str) -> Path:
    """The page an old URL's redirect page leads to, checked to be one target."""
    page = (site / old_url / "index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex">' in page
    [refresh] = REFRESH.findall(page)
    [canonical] = CANONICAL.findall(page)
    assert refresh == canonical
    target = posixpath.normpath(posixpath.join(old_url, html.unescape(refresh)))
    return site / target / "index.html"


def title_of(page: Path) -> str:
    return html.unescape(
        re.search(r"<h1[^>]*>(.*?)</h1>", page.read_text(encoding="utf-8"), re.DOTALL)[1]
    ).strip()


def test_an_old_event_url_leads_to_the_event(fixture_site):
    target = follow(fixture_site, "events/river-post-raid")
    assert target == fixture_site / "events" / "2024-07-30-river-post-attack" / "index.html"
    assert "Attack on River Post" in title_of(target)


def add_redirect(path: Path, old: list[str]) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("---\n", f"---\nredirect_from: [{', '.join(old)}]\n", 1), encoding="utf-8"
    )


def test_old_urls_of_actors_locations_and_sources_lead_to_them(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    add_redirect(content / "actors" / "rebels.md", ["rebel-front", "front"])
    add_redirect(content / "locations" / "north-town.md", ["northtown"])
    add_redirect(content / "sources" / "wire-report.md", ["wire-1"])
    done = build_with_mkdocs(content, tmp_path / "site")
    assert done.returncode == 0, done.stderr
    site = tmp_path / "site"
    for old, new, title in [
        ("actors/rebel-front", "actors/rebels", "Rebel Front"),
        ("actors/front", "actors/rebels", "Rebel Front"),
        ("locations/northtown", "locations/north-town", "North Town"),
        ("sources/wire-1", "sources/wire-report", "Fighting in the north"),
    ]:
        target = follow(site, old)
        assert target == site / new / "index.html", old
        assert title in title_of(target), old


@pytest.mark.parametrize(
    ("changes", "lines"),
    [
        (
            {"actors/rebels.md": ["army"]},
            [
                (
                    "content/actors/rebels.md:2: redirect_from[0]: 'army' is already the id or an old id of "
                    "content/actors/army.md"
                )
            ],
        ),
        (
            {"actors/rebels.md": ["front"], "actors/army-allies.md": ["front"]},
            [
                (
                    "content/actors/rebels.md:2: redirect_from[0]: 'front' is already the id or an old id of "
                    "content/actors/army-allies.md"
                )
            ],
        ),
        (
            {"locations/river-post.md": ["river-fort", "river-post"]},
            [
                (
                    "content/locations/river-post.md:2: redirect_from[1]: 'river-post' is already the id or "
                    "an old id of content/locations/river-post.md"
                )
            ],
        ),
    ],
    ids=["old-id-in-use", "old-id-claimed-twice", "old-id-is-its-own"],
)
def test_an_old_id_must_be_free(tmp_path, changes, lines):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    for path, old in changes.items():
        add_redirect(content / path, old)
    result = run(["check", "content"], tmp_path)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == lines


def test_an_old_id_may_be_the_id_of_another_kind(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    add_redirect(content / "actors" / "rebels.md", ["north-town"])  # a location's id
    result = run(["check", "--format", "json", "content"], tmp_path)
    assert result.exit_code == 0, result.output
