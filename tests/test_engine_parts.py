"""The plugin's delegates, each without MkDocs running (generator/engines/).

The atomic build swaps a whole build into place and leaves the old site on a
failure; the stash puts a preview's last build back over what MkDocs wrote;
the downloads writer puts every file in place whole; the search index hands
the search plugin each page without the blocks it skips and adds the
chronicle's fields to the entries it writes.
"""

from __future__ import annotations

import logging
from pathlib import Path
from types import SimpleNamespace

from generator.content.index import build_chronicle
from generator.engines import blocks
from generator.engines.atomic import AtomicBuild
from generator.engines.downloads import DownloadsWriter
from generator.engines.keeping import Stash, nav_paths
from generator.engines.search_index import SearchIndex
from generator.site.outputs import download_files

from .conftest import ROOT

LOGGER = "tests.engine_parts"


def _site(tmp_path: Path, text: str) -> Path:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(text)
    return site


def test_an_atomic_build_replaces_the_site_only_when_it_finishes(tmp_path):
    site = _site(tmp_path, "old")
    config = SimpleNamespace(site_dir=str(site), strict=False)
    build = AtomicBuild(LOGGER)
    build.start(config)
    assert Path(config.site_dir) != site and Path(config.site_dir).parent == tmp_path
    (Path(config.site_dir) / "index.html").write_text("new")
    assert (site / "index.html").read_text() == "old"  # not yet
    build.finish(config)
    assert config.site_dir == str(site)
    assert (site / "index.html").read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # nothing left beside it


def test_a_failed_or_strictly_warned_build_leaves_the_old_site(tmp_path):
    site = _site(tmp_path, "old")
    for warn in (False, True):
        config = SimpleNamespace(site_dir=str(site), strict=True)
        build = AtomicBuild(LOGGER)
        build.start(config)
        (Path(config.site_dir) / "index.html").write_text("half")
        if warn:
            logging.getLogger(LOGGER).warning("a warning --strict counts")
            build.finish(config)  # MkDocs aborts next
        build.abandon()
        assert (site / "index.html").read_text() == "old"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
        assert not logging.getLogger(LOGGER).handlers


def test_the_stash_puts_the_last_build_back_over_what_mkdocs_wrote(tmp_path):
    site = _site(tmp_path, "last build")
    (site / "assets").mkdir()
    (site / "assets" / "a.css").write_text("kept")
    stash = Stash()
    stash.put_aside(site)
    assert list(site.iterdir()) == []  # MkDocs may clean and write it now
    (site / "assets").mkdir()
    (site / "assets" / "b.css").write_text("written")
    (site / "new.html").write_text("this build's")
    stash.put_back(site)
    assert (site / "index.html").read_text() == "last build"
    assert [p.name for p in (site / "assets").iterdir()] == ["a.css"]
    assert (site / "new.html").read_text() == "this build's"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_the_downloads_are_written_whole_into_the_site(tmp_path):
    chronicle = build_chronicle(ROOT / "tests" / "fixtures" / "content")
    site = tmp_path / "site"
    site.mkdir()
    writer = DownloadsWriter()
    writer.start(chronicle, site, "", "Test")
    writer.wait()
    expected = download_files(chronicle, "", "Test")
    assert expected
    for path, text in expected.items():
        assert (site / path).read_bytes() == text.encode("utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # no scratch folder left


def test_the_nav_names_its_pages_at_any_depth():
    nav = [{"Home": "index.md"}, {"More": [{"About": "about.md"}, "https://example.org/"]}]
    assert nav_paths(nav) == {"index.md", "about.md"}


def _search_config(enabled: bool = True):
    search = SimpleNamespace(config={"enabled": enabled, "fields": {}})
    return SimpleNamespace(plugins={"material/search": search}), search


def test_the_search_plugin_reads_a_page_without_the_blocks_it_skips():
    markdown = (
        "# Title\n\n<div data-search-exclude>\n<p>cite this</p>\n</div>\n\n"
        "<div>\n<p>kept</p>\n</div>\n"
    )
    parts = blocks.split(markdown)
    assert parts is not None and len(parts.blocks) == 2
    around = f"<h1>Title</h1>\n<p>{blocks.TOKEN}0X</p>\n<p>{blocks.TOKEN}1X</p>"
    config, _ = _search_config()
    index = SearchIndex()
    index.view("events/x.md", config, around, parts, parts.blocks)
    page = SimpleNamespace(url="events/x/", file=SimpleNamespace(src_uri="events/x.md"))
    page.content = blocks.join(around, parts.blocks, parts.spaced)
    whole = page.content
    index.before_page(page)
    assert "cite this" not in page.content and "kept" in page.content
    index.after_page(page)
    assert page.content == whole
    assert index.rendered == {"events/x/"}
    disabled, _ = _search_config(enabled=False)
    index.view("events/y.md", disabled, around, parts, parts.blocks)
    assert "events/y.md" not in index.views


def test_a_new_entry_s_placeholders_are_one_line_among_the_problems():
    from generator.content.model import Problem
    from generator.engines.preview import problem_lines

    new = "content/events/2026/x.md"
    problems = [
        Problem(new, 10, "summary", "fill in the placeholder TODO: One sentence."),
        Problem(new, 7, "title", "fill in the placeholder TODO: A short neutral title."),
        Problem(new, 82, "body", "fill in the placeholder TODO: replace the line with the text"),
        Problem("content/actors/a.md", 3, "name", "must be text"),
        # A file with a placeholder and another problem keeps each line.
        Problem("content/events/y.md", 4, "title", "fill in the placeholder TODO: A title."),
        Problem("content/events/y.md", 9, "date", "'2024-13' is not a date"),
    ]
    assert problem_lines(problems) == [
        "content/actors/a.md:3: name: must be text",
        (
            f"{new}:7: title: a new entry, not filled in yet: replace the placeholder TODO of "
            "title, summary and body"
        ),
        "content/events/y.md:4: title: fill in the placeholder TODO: A title.",
        "content/events/y.md:9: date: '2024-13' is not a date",
    ]
