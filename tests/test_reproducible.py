"""The same content always gives the same site, byte for byte.

The real content is built twice: once by the session fixture ``real_site``,
and once here from a copy in another folder (its files written in the
reverse order), with another hash seed and with the clock moved years ahead.
Every output must be identical: pages, redirect pages, sitemap.xml,
sitemap.xml.gz, search/search_index.json, the schema files, the theme's
assets, and any feed or data file another part adds.
"""

from __future__ import annotations

import datetime
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.content.index import build_chronicle
from tests.conftest import CONTENT, FIXTURE, ROOT

# Builds with a clock showing FAKE_NOW (given as an ISO date in argv[4]).
FAKE_CLOCK_BUILD = """
import datetime as _dt, sys, time
FAKE = _dt.datetime.fromisoformat(sys.argv[4]).replace(tzinfo=_dt.timezone.utc)

class FakeDateTime(_dt.datetime):
    @classmethod
    def now(cls, tz=None):
        return FAKE.astimezone(tz) if tz else FAKE.replace(tzinfo=None)

    @classmethod
    def utcnow(cls):
        return FAKE.replace(tzinfo=None)

    @classmethod
    def today(cls):
        return FAKE.replace(tzinfo=None)

class FakeDate(_dt.date):
    @classmethod
    def today(cls):
        return FAKE.date()

_dt.datetime, _dt.date = FakeDateTime, FakeDate
time.time = lambda: FAKE.timestamp()

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError

assert _dt.datetime.now().year == FAKE.year
cfg = load_config(config_file=sys.argv[1], docs_dir=sys.argv[2], site_dir=sys.argv[3],
                  strict=True)
cfg.plugins.on_startup(command="build", dirty=False)
try:
    build(cfg)
except (Abort, PluginError) as e:
    print(e, file=sys.stderr)
    sys.exit(1)
"""


def _build_at(docs: Path, site: Path, when: str, seed: str, epoch: str | None = None):
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env.update(NO_MKDOCS_2_WARNING="1", PYTHONHASHSEED=seed)
    if epoch is not None:
        env["SOURCE_DATE_EPOCH"] = epoch
    return subprocess.run(
        [
            sys.executable,
            "-c",
            FAKE_CLOCK_BUILD,
            str(ROOT / "mkdocs.yml"),
            str(docs),
            str(site),
            when,
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def _copy_reversed(source: Path, target: Path) -> None:
    """Copy a folder writing its files in reverse order, so that listings differ."""
    files = sorted(p for p in source.rglob("*") if p.is_file())
    for file in reversed(files):
        dest = target / file.relative_to(source)
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(file, dest)


def _files(site: Path) -> dict[str, bytes]:
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def _clone(target: Path) -> None:
    """The repository cloned at ``target`` (its content's history is the same), or nothing
    when it is not one (a checkout without .git builds without history either way)."""
    subprocess.run(["git", "clone", "-q", str(ROOT), str(target)], capture_output=True,
                   check=False, timeout=300)  # fmt: skip


@pytest.fixture(scope="module")
def second_build(tmp_path_factory) -> Path:
    """The real content elsewhere, built by a clock in 2031 with another hash seed: in a
    clone of the repository (the same commit, so the same history), its files written
    over in reverse order."""
    tmp = tmp_path_factory.mktemp("again")
    _clone(tmp / "elsewhere" / "deeper")
    docs = tmp / "elsewhere" / "deeper" / "content"
    _copy_reversed(CONTENT, docs)
    site = tmp / "another-site"
    done = _build_at(docs, site, "2031-06-15T13:45:00", seed="4242")
    assert done.returncode == 0, done.stderr
    return site


def test_two_builds_are_byte_identical(real_site, second_build):
    first, second = _files(real_site), _files(second_build)
    assert sorted(first) == sorted(second)
    differ = [path for path in first if first[path] != second[path]]
    assert differ == []


def test_the_compared_outputs_include_every_kind_of_file(real_site):
    files = set(_files(real_site))
    assert {
        "sitemap.xml",
        "sitemap.xml.gz",
        "search/search_index.json",
        "index.html",
        "schema/event.json",
        "chronicle/index.html",
        "disputed/index.html",
        "feed.xml",
        "data/index.html",
        "data/events.json",
        "data/events.csv",
        "data/claims.csv",
        "data/events.geojson",
        "data/events.ics",
    } <= files
    assert any(path.startswith("events/") for path in files)


def _newest_content_date() -> str:
    chronicle = build_chronicle(CONTENT)
    dates = [d for e in chronicle.events for d in (e.date, e.end) if d is not None]
    dates += [c.date for e in chronicle.events for c in e.claims if c.date is not None]
    dates += [s.date for s in chronicle.sources.values()]
    newest = max(dates)
    return f"{newest.year:04d}-{newest.month or 1:02d}-{newest.day or 1:02d}"


def test_the_build_date_comes_from_the_content_not_the_clock(second_build):
    sitemap = (second_build / "sitemap.xml").read_text(encoding="utf-8")
    newest = _newest_content_date()
    assert sitemap.count("<lastmod>") == sitemap.count(f"<lastmod>{newest}</lastmod>") > 0
    gz_mtime = int.from_bytes((second_build / "sitemap.xml.gz").read_bytes()[4:8], "little")
    day = datetime.datetime.fromtimestamp(gz_mtime, datetime.UTC).date().isoformat()
    assert day == newest


def test_a_source_date_epoch_set_by_the_user_is_kept(tmp_path):
    site = tmp_path / "site"
    done = _build_at(FIXTURE, site, "2031-06-15T13:45:00", seed="1", epoch="31536000")
    assert done.returncode == 0, done.stderr
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<lastmod>1971-01-01</lastmod>" in sitemap
    assert "2031" not in sitemap
