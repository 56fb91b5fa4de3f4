"""Shared paths and builds for the tests.

- ``build_with_mkdocs(docs_dir, site_dir)`` builds any content folder with the
  project's mkdocs.yml in a subprocess (`python -m mkdocs build --strict`),
  exactly as a maintainer would, and returns the finished process.
- ``SITE_URL`` is the site_url of every build (CHRONICLE_SITE_URL).
- ``real_site`` (session) is the real content built once; ``fixture_site``
  (session) is the small fixture chronicle in tests/fixtures/chronicle/.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
FIXTURE = ROOT / "tests" / "fixtures" / "chronicle"
# The site's name, as this repository's mkdocs.yml gives it (a fork's chronicle has its own).
SITE_NAME = next(
    line.split(":", 1)[1].strip()
    for line in (ROOT / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    if line.startswith("site_name:")
)
# The published address (mkdocs.yml reads it from CHRONICLE_SITE_URL): every build and
# command of the tests sees this one, whatever the shell has.
SITE_URL = "https://chronicle.test/the-chronicle/"
os.environ["CHRONICLE_SITE_URL"] = SITE_URL


# The Mali chronicle's own tests (marked ``mali_chronicle``) check this repository's content/
# by the names of its entries. Where content/ holds another chronicle (a fork's), they are
# skipped: the generator's own tests run on the fixtures in tests/ and on rules derived
# from whatever content/ holds.
MALI_CHRONICLE = (CONTENT / "events" / "2024" / "2024-07-battle-of-tinzaouaten.md").is_file()


def pytest_collection_modifyitems(config, items):
    if MALI_CHRONICLE:
        return
    skip = pytest.mark.skip(reason="a test of the Mali chronicle's content, not in content/")
    for item in items:
        if "mali_chronicle" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True, scope="session")
def _cache_dir(tmp_path_factory):
    """Keep the validation cache (generator/content/cache.py) of the tests out of the user's."""
    os.environ["CHRONICLE_CACHE_DIR"] = str(tmp_path_factory.mktemp("chronicle-cache"))


def build_with_mkdocs(
    docs_dir: Path,
    site_dir: Path,
    *extra: str,
    env: dict | None = None,
    overrides: dict | None = None,
) -> subprocess.CompletedProcess:
    """Run `mkdocs build --strict` on ``docs_dir`` into ``site_dir``.

    ``overrides`` replace settings of mkdocs.yml (say ``{"nav": [...]}``).
    """
    script = (
        "import json, sys\n"
        "from mkdocs.config import load_config\n"
        "from mkdocs.commands.build import build\n"
        "from mkdocs.exceptions import Abort, PluginError\n"
        "from mkdocs.__main__ import State\n"
        "state = State()  # the log handler of the mkdocs command, so messages are printed\n"
        "cfg = load_config(config_file=sys.argv[1], docs_dir=sys.argv[2], site_dir=sys.argv[3],"
        " strict=True, **json.loads(sys.argv[4]))\n"
        "cfg.plugins.on_startup(command='build', dirty=False)\n"
        "try:\n"
        "    build(cfg)\n"
        "except (Abort, PluginError) as e:\n"
        "    print(e, file=sys.stderr); sys.exit(1)\n"
    )
    if Path(docs_dir).resolve() == CONTENT.resolve():
        command = [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-f",
            str(ROOT / "mkdocs.yml"),
            "-d",
            str(site_dir),
            *extra,
        ]
    else:
        command = [
            sys.executable,
            "-c",
            script,
            str(ROOT / "mkdocs.yml"),
            str(docs_dir),
            str(site_dir),
            json.dumps(overrides or {}),
        ]
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return subprocess.run(
        command, check=False, cwd=ROOT, capture_output=True, text=True, env=full_env, timeout=600
    )


def _built(tmp_path_factory, name: str, docs_dir: Path) -> Path:
    site = tmp_path_factory.mktemp(name) / "site"
    done = build_with_mkdocs(docs_dir, site)
    assert done.returncode == 0, done.stderr
    return site


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    return _built(tmp_path_factory, "real", CONTENT)


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> Path:
    return _built(tmp_path_factory, "fixture", FIXTURE)
