"""Incremental rebuilds (generator/engines/incremental.py, `mkdocs serve --dirty`).

An event of a synthetic chronicle (split into pages per year by a small list
limit) is edited: its title, summary, date, an actor and a claim change. The
incremental update renders only the pages the edit reaches, and they equal a
full render of the edited content; every page that shows the event holds the
new title. Through MkDocs, a dirty rebuild rewrites those pages only, leaves
every other page's file untouched, and the site it leaves (pages and search
index) equals a clean build of the edited content.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bench.synthetic import generate
from generator.content.index import build_chronicle
from generator.content.model import ContentError
from generator.engines.incremental import Preview
from generator.site.render import Renderer, page_url, render_pages

from .conftest import ROOT

LIMIT = 10
NEW_TITLE = "A retitled event at the ford"


def _event_file(root: Path) -> Path:
    return sorted((root / "events").rglob("*.md"))[40]


def _edit(path: Path, whole: bool = True) -> None:
    """New title (and, unless not whole: summary, the date a year later, actor-0 added,
    a claim's figure changed)."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"^title: .*$", f"title: {NEW_TITLE}", text, count=1, flags=re.MULTILINE)
    if not whole:
        path.write_text(text, encoding="utf-8")
        os.utime(path, ns=(time.time_ns(), time.time_ns() + 10**9))
        return
    text = re.sub(r"^summary: .*$", "summary: Retold.", text, count=1, flags=re.MULTILINE)
    year = int(re.search(r"^date: (\d{4})", text, re.MULTILINE).group(1))
    text = re.sub(r"^date: \d{4}", f"date: {year + 1}", text, count=1, flags=re.MULTILINE)
    text = re.sub(r"^(    date: ')\d{4}", rf"\g<1>{year + 1}", text, flags=re.MULTILINE)
    text = re.sub(r"^actors: \[", "actors: [actor-0, ", text, count=1, flags=re.MULTILINE)
    text = text.replace("actor-0, actor-0", "actor-0")
    text = re.sub(r"^    figure: '\d+", "    figure: '999", text, count=1, flags=re.MULTILINE)
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(time.time_ns(), time.time_ns() + 10**9))  # a later mtime, surely


@pytest.fixture
def content(tmp_path) -> Path:
    return generate(tmp_path / "content", 90)


def test_an_event_edit_renders_only_the_pages_it_reaches(content):
    preview = Preview(content, "content")
    first = preview.update(LIMIT)
    assert first.full and first.changed == {p.path for p in first.pages}
    event_file = _event_file(content)
    old = next(e for e in first.chronicle.events if e.src.endswith(event_file.name))
    _edit(event_file)
    second = preview.update(LIMIT)
    assert not second.full
    clean = render_pages(build_chronicle(content, display="content"), list_limit=LIMIT)
    assert {p.path: p.markdown for p in second.pages} == {p.path: p.markdown for p in clean}
    # Every page showing the event, before or after the edit, holds what a full render gives.
    new = next(e for e in second.chronicle.events if e.id == old.id)
    showing = Renderer(second.chronicle, list_limit=LIMIT).urls_showing(new)
    by_url = {p.url: p for p in second.pages}
    for url in showing:
        assert NEW_TITLE in by_url[url].markdown, url
    changed_urls = {page_url(path) for path in second.changed}
    assert set(showing) <= changed_urls
    # ... and little else: the pages of the event's former year and terms, neighbours,
    # the index and home pages; never the pages of terms the event does not name.
    assert len(second.changed) < len(second.pages) / 4
    named = {f"{k}s/{i}/" for k in ("actor", "location", "source")
             for i in {*getattr(old, k + "s"), *getattr(new, k + "s")}}  # fmt: skip
    for url in changed_urls:
        if re.match(r"(actors|locations|sources)/[^/]+/", url) and not url.endswith("s/"):
            assert re.match(r"[a-z]+/[^/]+/", url).group(0) in named, url


def test_a_title_edit_renders_fewer_pages_and_equals_a_full_render(content):
    preview = Preview(content, "content")
    preview.update(LIMIT)
    event_file = _event_file(content)
    text = event_file.read_text(encoding="utf-8")
    event_file.write_text(re.sub(r"^title: .*$", f"title: {NEW_TITLE}", text, count=1,
                                 flags=re.MULTILINE), encoding="utf-8")  # fmt: skip
    update = preview.update(LIMIT)
    assert not update.full
    clean = render_pages(build_chronicle(content, display="content"), list_limit=LIMIT)
    assert [(p.path, p.markdown) for p in update.pages] == [(p.path, p.markdown) for p in clean]
    assert not {"actors/index.md", "locations/index.md", "sources/index.md"} & update.changed


def test_a_term_edit_renders_everything_and_still_equals_a_full_render(content):
    preview = Preview(content, "content")
    preview.update(LIMIT)
    actor = content / "actors" / "actor-0.md"
    actor.write_text(actor.read_text(encoding="utf-8").replace("Actor 0", "Actor Zero"))
    update = preview.update(LIMIT)
    assert update.full
    clean = render_pages(build_chronicle(content, display="content"), list_limit=LIMIT)
    assert [(p.path, p.markdown) for p in update.pages] == [(p.path, p.markdown) for p in clean]
    assert any("Actor Zero" in p.markdown for p in update.pages if p.path.startswith("events/"))


def test_a_removed_event_is_reported_gone(content):
    preview = Preview(content, "content")
    preview.update(LIMIT)
    event_file = _event_file(content)
    ident = event_file.stem
    event_file.unlink()
    update = preview.update(LIMIT)
    assert f"events/{ident}.md" in update.removed
    assert all(ident not in p.markdown for p in update.pages)


def _bump(path: Path) -> None:
    os.utime(path, ns=(time.time_ns(), time.time_ns() + 10**9))


def test_an_edit_gets_the_problems_and_warnings_a_full_check_gives(content):
    """Events keep their cross-check between updates: an edited one is checked anew."""
    preview = Preview(content, "content")
    preview.update(LIMIT)
    event_file = _event_file(content)
    text = event_file.read_text(encoding="utf-8")
    bad = re.sub(r"^actors: \[", "actors: [actor-nobody, ", text, count=1, flags=re.MULTILINE)
    event_file.write_text(bad, encoding="utf-8")
    _bump(event_file)
    with pytest.raises(ContentError) as quick:
        preview.update(LIMIT)
    with pytest.raises(ContentError) as full:
        build_chronicle(content, display="content")
    assert [str(p) for p in quick.value.problems] == [str(p) for p in full.value.problems]
    assert [p.message for p in quick.value.problems if p.severity == "error"] == [
        "unknown actor 'actor-nobody' (did you mean 'actor-9'?)"
    ]
    event_file.write_text(text, encoding="utf-8")
    _bump(event_file)
    assert preview.update(LIMIT).full  # after an error, from the files again
    _edit(event_file, whole=False)
    update = preview.update(LIMIT)
    assert not update.full
    warnings = build_chronicle(content, display="content").warnings
    assert warnings and update.chronicle.warnings == warnings


SERVE_BUILD = """
import logging
import sys
logging.basicConfig(level=logging.INFO)
from mkdocs.commands.build import build
from mkdocs.config import load_config
config_file, docs, site, dirty, rounds = sys.argv[1:6]
for i in range(int(rounds)):
    config = load_config(config_file=config_file, docs_dir=docs, site_dir=site)
    config.site_url = "http://127.0.0.1:8000/"
    if i == 0:
        config.plugins.on_startup(command="serve", dirty=dirty == "dirty")
    build(config, serve_url="http://127.0.0.1:8000/", dirty=dirty == "dirty")
    if int(rounds) > 1 and i == 0:
        print("built", flush=True)
        sys.stdin.readline()  # the test edits the content, then asks for the next build
config.plugins.on_shutdown()  # as mkdocs serve does when it stops
"""


def _config(tmp_path: Path) -> Path:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("templates: templates", f"templates: {ROOT / 'templates'}\n"
                        f"      list_limit: {LIMIT}")  # fmt: skip
    path = tmp_path / "mkdocs.yml"
    path.write_text(text, encoding="utf-8")
    return path


def _pages(site: Path) -> dict[str, tuple[bytes, int]]:
    return {
        p.relative_to(site).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in site.rglob("*.html")
    }


def _search(site: Path) -> list:
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    return sorted(json.dumps(d, sort_keys=True) for d in docs)


@pytest.mark.parametrize("mode, edit", [("plain", "whole"), ("plain", "title"), ("dirty", "whole")])
def test_a_preview_rebuild_equals_a_clean_build(content, tmp_path, mode, edit):
    """`mkdocs serve` (MkDocs cleans the site) and `mkdocs serve --dirty` alike; an edit
    that moves the event to another year (new pages) and one of its title alone."""
    config = _config(tmp_path)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    dirty_site, clean_site = tmp_path / "dirty", tmp_path / "clean"
    server = subprocess.Popen(
        [sys.executable, "-c", SERVE_BUILD, str(config), str(content), str(dirty_site), mode,
         "2"], cwd=ROOT, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert server.stdout.readline() == "built\n", server.stderr.read()
    before = _pages(dirty_site)
    time.sleep(0.05)
    event_file = _event_file(content)
    chronicle = build_chronicle(content)
    ident = event_file.stem
    _edit(event_file, whole=edit == "whole")
    _, err = server.communicate("\n", timeout=600)
    assert server.returncode == 0, err
    after = _pages(dirty_site)
    done = subprocess.run(
        [sys.executable, "-c", SERVE_BUILD, str(config), str(content), str(clean_site), "clean",
         "1"], check=False, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    clean = _pages(clean_site)
    assert {k: v[0] for k, v in after.items()} == {k: v[0] for k, v in clean.items()}
    downloads = sorted(p.relative_to(clean_site).as_posix() for p in clean_site.glob("data/*.*"))
    assert "data/events.json" in downloads  # the feed and data files, written after the pages
    for name in [*downloads, "feed.xml"]:
        assert (dirty_site / name).read_bytes() == (clean_site / name).read_bytes(), name
    assert _search(dirty_site) == _search(clean_site)
    for name in ("sitemap.xml", "sitemap.xml.gz"):  # every page, though only some were rendered
        assert (dirty_site / name).read_bytes() == (clean_site / name).read_bytes()
    assert "kept" in err  # MkDocs's log says how many pages it rendered and kept
    rewritten = {k for k in after if k not in before or after[k][1] != before[k][1]}
    new_chronicle = build_chronicle(content)
    event = next(e for e in new_chronicle.events if e.id == ident)
    showing = Renderer(new_chronicle, list_limit=LIMIT).urls_showing(event)
    assert {url + "index.html" for url in showing} <= rewritten
    for url in showing:
        assert NEW_TITLE in after[url + "index.html"][0].decode(), url
    # Pages the edit does not reach keep their file: the dirty build did not write them.
    assert len(rewritten) < len(after) / 4, sorted(rewritten)
    untouched = set(after) - rewritten - {"404.html"}
    assert untouched and all(after[k] == before[k] for k in untouched)
    assert len(chronicle.events) == len(new_chronicle.events)


def test_a_rebuild_keeps_the_claims_analysis_of_the_events_it_did_not_read_again(content):
    preview = Preview(content, "content")
    first = preview.update(LIMIT).chronicle
    before = {e.id: first.analysis.of(e) for e in first.events}
    event_file = _event_file(content)
    _edit(event_file)
    second = preview.update(LIMIT).chronicle
    edited = next(e for e in second.events if e.src.endswith(event_file.name))
    clean = build_chronicle(content, display="content")
    for event in second.events:
        analysed = second.analysis.of(event)
        if event.id == edited.id:
            assert analysed is not before[event.id]
        else:  # the same claims, analysed once: its topics are the very objects of the last build
            assert analysed.topics is before[event.id].topics
        # ...and what a fresh chronicle of the same content finds.
        fresh = clean.analysis.of(next(e for e in clean.events if e.id == event.id))
        assert (analysed.confidence, analysed.disputed, analysed.fatalities) == (
            fresh.confidence,
            fresh.disputed,
            fresh.fatalities,
        )
        assert [(t.about, t.disputed) for t in analysed.topics] == [
            (t.about, t.disputed) for t in fresh.topics
        ]
