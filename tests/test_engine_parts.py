"""The plugin's delegates, each without MkDocs running (generator/engines/).

The atomic build swaps a whole build into place and leaves the old site on a
failure; the stash puts a preview's last build back over what MkDocs wrote;
the downloads writer puts every file in place whole; the search index hands
the search plugin each page without the blocks it skips and adds the
chronicle's fields to the entries it writes.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

from generator.content.index import build_chronicle
from generator.content.model import ContentError
from generator.engines import blocks, reports
from generator.engines.atomic import AtomicBuild
from generator.engines.downloads import DownloadsWriter
from generator.engines.files import BuildDate, content_epoch
from generator.engines.keeping import Stash, nav_paths
from generator.engines.language import search_in, with_direction
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


def _problems() -> ContentError:
    with pytest.raises(ContentError) as error:
        build_chronicle(ROOT / "tests" / "content" / "several_bad_files")
    return error.value


def test_a_build_with_content_errors_logs_each_and_stops(caplog):
    error = _problems()
    logger = logging.getLogger(LOGGER)
    with caplog.at_level(logging.INFO, LOGGER), pytest.raises(PluginError) as stopped:
        reports.report(error, logger, serving=False, last_good=False)
    count = len([p for p in error.problems if p.severity == "error"])
    assert str(stopped.value) == f"the content has {count} problems; nothing was built"
    assert [r.getMessage() for r in caplog.records] == [str(p) for p in error.problems]


def test_a_preview_with_content_errors_logs_them_and_returns_its_banner_lines(caplog):
    error = _problems()
    logger = logging.getLogger(LOGGER)
    with caplog.at_level(logging.INFO, LOGGER):
        lines = reports.report(error, logger, serving=True, last_good=True)
    count = len([p for p in error.problems if p.severity == "error"])
    assert caplog.records[-1].getMessage() == (
        f"the content has {count} problems; the preview shows the last good site under "
        "them until they are fixed"
    )
    assert lines and all(isinstance(line, str) for line in lines)
    assert lines[0].startswith(
        "tests/content/several_bad_files/"
    ) or "several_bad_files" in "".join(lines)


def test_the_warnings_are_one_line_at_info_and_each_at_debug(caplog):
    chronicle = build_chronicle(ROOT / "tests" / "cli" / "warnings")
    logger = logging.getLogger(LOGGER)
    with caplog.at_level(logging.DEBUG, LOGGER):
        reports.log_warnings(chronicle, logger)
    debug = [r.getMessage() for r in caplog.records if r.levelno == logging.DEBUG]
    info = [r.getMessage() for r in caplog.records if r.levelno == logging.INFO]
    assert debug == [str(w) for w in chronicle.warnings]
    count = len(chronicle.warnings)
    line = (
        f"the content has {count} warnings (listed by chronicle check, or by mkdocs with --verbose)"
    )
    assert info == [line]


def test_the_build_is_dated_by_its_content_for_that_build_alone(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    chronicle = build_chronicle(ROOT / "tests" / "fixtures" / "chronicle")
    date = BuildDate()
    date.pin(chronicle)
    assert os.environ["SOURCE_DATE_EPOCH"] == content_epoch(chronicle)
    newest = chronicle.newest_date()
    day = f"{newest.year:04d}-{newest.month or 1:02d}-{newest.day or 1:02d}"
    assert date.date.startswith(day)
    date.unpin()
    assert "SOURCE_DATE_EPOCH" not in os.environ
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")  # the user's own date is left alone
    date.pin(chronicle)
    date.unpin()
    assert os.environ["SOURCE_DATE_EPOCH"] == "0" and date.date.startswith("1970-01-01")


def test_a_right_to_left_interface_marks_the_whole_document():
    page = '<!doctype html>\n<html lang="ar" class="no-js"><body dir="rtl">'
    assert with_direction(page, "ar") == (
        '<!doctype html>\n<html dir="rtl" lang="ar" class="no-js"><body dir="rtl">'
    )
    assert with_direction(page, "fr") == page
    marked = '<html dir="ltr" lang="ar">'
    assert with_direction(marked, "ar") == marked  # a direction already given is kept


def test_the_search_stems_the_interface_language_first_and_keeps_english():
    def config(lang):
        search = SimpleNamespace(config=SimpleNamespace(lang=lang))
        return SimpleNamespace(plugins={"material/search": search}), search

    for given, expected in ((None, ["fr", "en"]), (["en"], ["fr", "en"]), (["fr"], ["fr"])):
        cfg, search = config(given)
        search_in(cfg, "fr-FR")
        assert search.config.lang == expected, given
