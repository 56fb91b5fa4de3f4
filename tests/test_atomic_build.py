"""A build that fails leaves the previous site/ exactly as it was.

The plugin builds into a temporary folder next to site/ and swaps it in only
when the whole build succeeded. Each test builds the fixture chronicle into a
site folder of its own, then a failing build into the same folder.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURE, build_with_mkdocs

EVENT = """---
title: {title}
summary: An event added after the first build.
date: 2024-09-01
type: battles
actors: [army]
locations: [north-town]
sources: [wire-report, local-paper]
---
{body}
"""


def _snapshot(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def _leftovers(site: Path) -> list[str]:
    return sorted(p.name for p in site.parent.iterdir() if p.name.startswith(".site-"))


@pytest.fixture
def built(fixture_site, tmp_path) -> tuple[Path, Path, dict[str, str]]:
    """A copy of the fixture content, a copy of the site built from it, and its files."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    site = tmp_path / "out" / "site"
    shutil.copytree(fixture_site, site)
    before = _snapshot(site)
    assert "events/2024-07-25-battle-of-north-town/index.html" in before
    return content, site, before


def _add_event(content: Path, name: str, title: str, body: str) -> None:
    (content / "events" / "2024" / name).write_text(EVENT.format(title=title, body=body))


def test_content_error_leaves_the_previous_site(built):
    content, site, before = built
    _add_event(content, "2024-09-01-new.md", "New event", '<script>alert("x")</script>')
    done = build_with_mkdocs(content, site)
    assert done.returncode == 1
    assert "2024-09-01-new.md:10: body: HTML tag <script> is not allowed" in done.stderr
    assert "the content has 1 problem; nothing was built" in done.stderr
    assert _snapshot(site) == before
    assert _leftovers(site) == []


def test_strict_mode_warning_leaves_the_previous_site(built):
    # Content cannot make MkDocs warn (its links are checked by the chronicle):
    # a navigation entry to a missing page does.
    content, site, before = built
    _add_event(content, "2024-09-01-new.md", "New event", "Reported[^wire-report].")
    nav = [{"Home": "index.md"}, {"About": "about.md"}, {"Missing": "missing-page.md"}]
    done = build_with_mkdocs(content, site, overrides={"nav": nav})
    assert done.returncode == 1
    assert "missing-page.md" in done.stderr
    assert "Aborted with 1 warnings in strict mode!" in done.stderr
    assert _snapshot(site) == before
    assert _leftovers(site) == []


def test_a_good_build_replaces_the_site_whole(built):
    content, site, before = built
    (site / "stale.html").write_text("left from an older build")
    _add_event(content, "2024-09-01-new.md", "New event", "Reported[^wire-report].")
    done = build_with_mkdocs(content, site)
    assert done.returncode == 0, done.stderr
    after = _snapshot(site)
    assert "events/2024-09-01-new/index.html" in after
    assert "stale.html" not in after
    assert set(before) < set(after)
    assert _leftovers(site) == []
