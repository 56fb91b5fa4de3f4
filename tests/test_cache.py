"""The cache of per-file validation (generator/content/cache.py).

A cached run gives exactly the problems and entries of an uncached one; a
changed file, or code of another version, is validated anew; a stored result
is really what a warm run uses.
"""

from __future__ import annotations

import os
import pickle
import shutil

from click.testing import CliRunner

from generator.cli import main
from generator.content import cache as cache_module
from generator.content.cache import FileCache
from generator.content.load import load
from generator.content.model import Problem

from .conftest import FIXTURE, ROOT

BAD = ROOT / "tests" / "content" / "several_bad_files"


def _copy(src, tmp_path):
    root = tmp_path / "content"
    shutil.copytree(src, root)
    return root


def _check(root, *options):
    return CliRunner().invoke(main, ["check", *options, str(root)])


def test_cached_check_prints_what_an_uncached_check_prints(tmp_path, monkeypatch):
    monkeypatch.setenv("CHRONICLE_CACHE_DIR", str(tmp_path / "cache"))
    root = _copy(BAD, tmp_path)
    uncached = _check(root, "--no-cache")
    assert not (tmp_path / "cache").exists()  # --no-cache writes nothing either
    cold, warm = _check(root), _check(root)
    assert list((tmp_path / "cache").glob("files-*.pickle"))
    assert uncached.exit_code == cold.exit_code == warm.exit_code == 1
    assert uncached.output == cold.output == warm.output
    assert "error" in warm.output


def test_cached_load_returns_the_same_entries(tmp_path):
    root = _copy(FIXTURE, tmp_path)
    plain = load(root, "content")
    load(root, "content", FileCache(root, tmp_path / "cache"))
    warm = load(root, "content", FileCache(root, tmp_path / "cache"))
    assert warm == plain


def test_an_edited_file_is_validated_again(tmp_path, monkeypatch):
    monkeypatch.setenv("CHRONICLE_CACHE_DIR", str(tmp_path / "cache"))
    root = _copy(FIXTURE, tmp_path)
    assert _check(root).exit_code == 0
    event = min((root / "events").rglob("*.md"))
    text = event.read_text(encoding="utf-8")
    event.write_text(text.replace("type: ", "type: skirmish-", 1), encoding="utf-8")
    edited = _check(root)
    assert edited.exit_code == 1
    assert f"{event.relative_to(root).as_posix()}:" in edited.output
    assert ":6: type: 'skirmish-battles' is not one of: battles," in edited.output


def _plant(root, tmp_path, version=None):
    """A cache claiming that the first event's bytes hold no entry and one odd problem."""
    load(root, "content", FileCache(root, tmp_path / "cache"))  # the cache as a run writes it
    files = FileCache(root, tmp_path / "cache")
    data = pickle.loads(files.path.read_bytes())
    event = min((root / "events").rglob("*.md"))
    rel = event.relative_to(root).as_posix()
    digest, seen, _ = data["data"][(f"content/{rel}", rel)]
    planted = (None, [Problem("planted.md", 7, "body", "planted problem")], None, ())
    data["data"][(f"content/{rel}", rel)] = (digest, seen, planted)
    if version is not None:
        data["version"] = version
    files.path.write_bytes(pickle.dumps(data))
    return FileCache(root, tmp_path / "cache")


def test_a_warm_run_uses_the_stored_result(tmp_path):
    root = _copy(FIXTURE, tmp_path)
    _, problems, _ = load(root, "content", _plant(root, tmp_path))
    assert [p.message for p in problems if p.path == "planted.md"] == ["planted problem"]


def test_a_cache_of_other_code_is_not_read(tmp_path):
    root = _copy(FIXTURE, tmp_path)
    _, problems, _ = load(root, "content", _plant(root, tmp_path, "another version"))
    assert all(p.path != "planted.md" for p in problems)


def test_a_file_touched_but_not_changed_keeps_its_result(tmp_path):
    """Its time changed, its bytes did not: read and hashed, not validated again."""
    root = _copy(FIXTURE, tmp_path)
    cache = _plant(root, tmp_path)
    os.utime(min((root / "events").rglob("*.md")), ns=(1, 10**18))
    _, problems, _ = load(root, "content", cache)
    assert [p.message for p in problems if p.path == "planted.md"] == ["planted problem"]


def test_a_new_file_makes_the_stored_results_stale(tmp_path):
    """A body's links are checked against every page: a new page may change the result."""
    root = _copy(FIXTURE, tmp_path)
    cache = _plant(root, tmp_path)
    (root / "new-page.md").write_text("# New\n", encoding="utf-8")
    _, problems, _ = load(root, "content", cache)
    assert all(p.path != "planted.md" for p in problems)


def test_the_code_version_changes_with_the_code(tmp_path, monkeypatch):
    package = tmp_path / "generator"
    package.mkdir()
    (package / "a.py").write_text("x = 1\n")
    monkeypatch.setattr(cache_module, "PACKAGE", package)
    before = cache_module._code_version()
    (package / "a.py").write_text("x = 2\n")
    assert cache_module._code_version() != before


def test_an_unreadable_cache_is_ignored(tmp_path):
    root = _copy(FIXTURE, tmp_path)
    files = FileCache(root, tmp_path / "cache")
    files.path.parent.mkdir(parents=True)
    files.path.write_bytes(b"not a pickle")
    assert load(root, "content", FileCache(root, tmp_path / "cache")) == load(root, "content")
