"""The generator builds a chronicle of any war: a second chronicle (tests/fixtures/sudan/, the
war in Sudan, with places in Sudan and Chad), a chronicle's own templates over the packaged
ones, and `chronicle init` run from the installed package alone.

What these tests expect is derived from each chronicle's content (its locations' country
codes, named through Babel), not from the first chronicle of this repository.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import frontmatter
import pytest
import yaml
from babel import Locale
from babel.lists import format_list

from generator.content import countries
from tests.conftest import ROOT
from tests.htmltree import parse

SUDAN = ROOT / "tests" / "fixtures" / "sudan"
SUDAN_URL = "https://example.org/sudan-chronicle/"
# The word, in any case, as a word: "Somaliland" is no match.
MALI = re.compile(r"\bmali\b", re.IGNORECASE)
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "CHRONICLE_SITE_URL": SUDAN_URL}


def entries(root: Path, folder: str) -> dict[str, dict]:
    return {p.stem: frontmatter.load(p).metadata for p in sorted((root / folder).rglob("*.md"))}


EVENTS = entries(SUDAN / "content", "events")
LOCATIONS = entries(SUDAN / "content", "locations")


def build(project: Path, site: Path, python: list[str] | None = None, env=None):
    """`mkdocs build --strict` of a project folder, run from that folder."""
    command = [*(python or [sys.executable]), "-m", "mkdocs", "build", "--strict", "-d", str(site)]
    return subprocess.run(
        command,
        cwd=project,
        check=False,
        capture_output=True,
        text=True,
        env=env or ENV,
        timeout=600,
    )


@pytest.fixture(scope="module")
def sudan_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("sudan") / "site"
    done = build(SUDAN, site)
    assert done.returncode == 0, done.stderr
    return site


def map_name(codes) -> str:
    names = [Locale("en").territories[c] for c in codes]
    return "Map of " + format_list(names, locale="en")


def event_countries(meta: dict) -> list[str]:
    """The event's countries, the one with most of its located places first."""
    codes = [LOCATIONS[i]["country"] for i in meta["locations"] if "lat" in LOCATIONS[i]]
    return sorted(set(codes), key=lambda c: (-codes.count(c), c))


def test_the_second_chronicle_is_of_another_war_in_two_countries():
    assert {m.get("country") for m in LOCATIONS.values()} == {"SD", "TD"}
    assert not any(MALI.search(p.read_text(encoding="utf-8")) for p in SUDAN.rglob("*.*"))


def test_a_chronicle_of_another_war_never_says_mali(sudan_site):
    """Pages, search index, feed, calendar, downloads, maps, schemas: no word of Mali."""
    files = [p for p in sudan_site.rglob("*") if p.is_file() and not p.name.endswith(".gz")]
    kinds = {p.suffix for p in files}
    assert {".html", ".xml", ".json", ".csv", ".geojson", ".ics", ".css", ".js"} <= kinds
    said = [str(p.relative_to(sudan_site)) for p in files if MALI.search(text(p))]
    assert said == []


def text(path: Path) -> str:
    return path.read_bytes().decode("utf-8", "replace")  # images too


def view_box(svg) -> tuple[float, float]:
    _, _, width, height = (float(v) for v in svg.attrs["viewbox"].split())
    return width, height


def test_every_event_map_shows_its_places_inside_the_view_and_names_their_countries(
    sudan_site,
):
    mapped = 0
    for ident, meta in EVENTS.items():
        page = parse(sudan_site / "events" / ident / "index.html")
        located = [i for i in meta["locations"] if "lat" in LOCATIONS[i]]
        if not located:
            continue
        mapped += 1
        svg = page.one("svg", "map")
        width, height = view_box(svg)
        dots = {a.attrs["data-location"]: a.one("circle") for a in svg.all("a")}
        assert sorted(dots) == sorted(located), ident
        for circle in dots.values():
            x, y, r = (float(circle.attrs[k]) for k in ("cx", "cy", "r"))
            assert r <= x <= width - r and r <= y <= height - r, ident
        name = map_name(event_countries(meta))
        assert svg.attrs["aria-label"].startswith(name + ": "), ident
        assert page.one("figure", "map-figure").one("figcaption").words.startswith(name + ".")
    assert mapped >= 2


def test_the_home_map_is_one_map_of_both_countries(sudan_site):
    svg = parse(sudan_site / "index.html").one("svg", "map")
    assert svg.attrs["aria-label"] == "Map of Sudan and Chad: every place in the chronicle"
    located = {i for i, m in LOCATIONS.items() if "lat" in m}
    assert {a.attrs["data-location"] for a in svg.all("a")} == located
    # Their neighbours are named, inside the view.
    width, height = view_box(svg)
    names = {t.words: t for t in svg.all("text", "map-country")}
    assert {"Libya", "Egypt", "South Sudan"} <= set(names)
    for text in names.values():
        assert 0 < float(text.attrs["x"]) < width and 0 < float(text.attrs["y"]) < height


def test_the_second_chronicles_data_say_where(sudan_site):
    raw = (sudan_site / "data" / "events.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(raw, newline="")))
    expected = sorted((e, loc) for e, m in EVENTS.items() for loc in m["locations"])
    assert sorted((r["event_id"], r["location_id"]) for r in rows) == expected
    for row in rows:
        code = LOCATIONS[row["location_id"]]["country"]
        assert row["country"] == Locale("en").territories[code]
        assert row["iso"] == str(int(countries.outlines()[code]["iso_n3"]))
    assert {r["iso"] for r in rows} == {"729", "148"}  # Sudan's and Chad's ISO numeric codes
    geo = json.loads((sudan_site / "data" / "events.geojson").read_text(encoding="utf-8"))
    for feature in geo["features"]:
        props = feature["properties"]
        assert props["country"] == LOCATIONS[props["location_id"]]["country"]
    feed = (sudan_site / "feed.xml").read_text(encoding="utf-8")
    assert f"<id>{SUDAN_URL}</id>" in feed


# A chronicle's own templates.


def test_a_template_of_the_chronicles_own_overrides_the_packaged_one(tmp_path, sudan_site):
    project = tmp_path / "project"
    shutil.copytree(SUDAN, project)
    packaged = ROOT / "generator" / "site" / "templates" / "event.md.j2"
    own = project / "templates" / "event.md.j2"
    own.parent.mkdir()
    marker = '<p class="own-template">This chronicle\'s own event template.</p>\n'
    own.write_text(packaged.read_text(encoding="utf-8") + marker, encoding="utf-8")
    css = project / "templates" / "assets" / "chronicle.css"
    css.parent.mkdir()
    css.write_text(".own-template { color: teal; }\n", encoding="utf-8")
    site = tmp_path / "site"
    done = build(project, site)
    assert done.returncode == 0, done.stderr
    for ident in EVENTS:
        page = parse(site / "events" / ident / "index.html")
        assert page.all("p", "own-template"), ident
        assert page.all("svg", "map")  # the rest of the packaged template is still there
    home = parse(site / "index.html")
    assert not home.all("p", "own-template")  # the other templates are the packaged ones
    assert (site / "assets" / "chronicle.css").read_text() == css.read_text()
    # Without the folder (the fixture has none), the packaged templates and assets.
    assert not (SUDAN / "templates").exists()
    packaged_css = ROOT / "generator" / "site" / "theme" / "assets" / "chronicle.css"
    assert (sudan_site / "assets" / "chronicle.css").read_bytes() == packaged_css.read_bytes()
    assert not parse(sudan_site / "events" / next(iter(EVENTS)) / "index.html").all(
        "p", "own-template"
    )


# chronicle init, from the installed package alone.


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The package as pip installs it (its modules and declared package data only), in a
    folder of its own: setuptools' build_py, which lays out what a wheel holds."""
    lib = tmp_path_factory.mktemp("installed") / "lib"
    done = subprocess.run(
        [sys.executable, "-c", "from setuptools import setup; setup()", "-q", "build_py",
         "--build-lib", str(lib)],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return lib


def without_checkout(lib: Path) -> dict:
    """An environment in which `generator` is the installed copy, not this checkout."""
    env = {k: v for k, v in ENV.items() if k not in ("PYTHONPATH", "CHRONICLE_SITE_URL")}
    return {**env, "PYTHONPATH": str(lib)}


def test_chronicle_init_writes_a_chronicle_that_builds_at_once(installed, tmp_path):
    env = without_checkout(installed)
    python = [sys.executable, "-P"]  # -P: not even the working folder on the path
    where = subprocess.run(
        [*python, "-c", "import generator; print(generator.__file__)"],
        cwd=tmp_path, env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert Path(where.stdout.strip()).is_relative_to(installed)
    init = [*python, "-c", "from generator.cli import main; main()", "init"]
    folder = tmp_path / "sudan"
    done = subprocess.run(
        [*init, str(folder), "--name", "Sudan war chronicle",
         "--description", "The war in Sudan & Chad, <from 2023>."],
        cwd=tmp_path, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stderr.startswith(f"wrote {folder}: 14 files.")
    written = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    for path in ("mkdocs.yml", "content/index.md", "content/about.md", "CONTRIBUTING.md",
                 ".gitignore", ".github/workflows/check.yml", ".github/workflows/deploy.yml",
                 "requirements.txt"):  # fmt: skip
        assert path in written
    check = subprocess.run(
        [*python, "-c", "from generator.cli import main; main()", "check"],
        cwd=folder, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stderr.strip() == "content is valid (1 warning)"
    assert check.stdout == (
        "content/locations/example-place.md:6: lat: warning: 0, 0 lies far from every "
        "country's outline: check lat and lon\n"
    )
    done = build(folder, folder / "site", python, env)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    site = folder / "site"
    home = parse(site / "index.html")
    assert home.one("head").all("title")[0].words.startswith("Sudan war chronicle")
    assert "The war in Sudan &amp; Chad, &lt;from 2023&gt;." in (site / "index.html").read_text()
    (event,) = [p.name for p in (folder / "content" / "events").rglob("*.md")]
    page = parse(site / "events" / event.removesuffix(".md") / "index.html")
    box = page.one("section", "claims-box")
    assert box.all(None, "disputed")  # its topic shown as disputed
    svg = page.one("svg", "map")
    assert len(svg.all("a", "map-place")) == 1
    assert not MALI.search("".join(p.read_text("utf-8") for p in folder.rglob("*.*")
                                   if p.suffix in {".md", ".yml", ".html", ".txt"}))  # fmt: skip


def test_chronicle_init_refuses_a_folder_that_is_not_empty(installed, tmp_path):
    env = without_checkout(installed)
    folder = tmp_path / "taken"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine\n")
    done = subprocess.run(
        [sys.executable, "-P", "-c", "from generator.cli import main; main()", "init",
         str(folder), "--name", "X"],
        cwd=tmp_path, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL, check=False,
    )  # fmt: skip
    assert done.returncode == 1
    assert done.stderr == f"error: {folder}: the folder is not empty: give a new or empty folder\n"
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]
    done = subprocess.run(
        [sys.executable, "-P", "-c", "from generator.cli import main; main()", "init",
         str(tmp_path / "new")],
        cwd=tmp_path, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL, check=False,
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr == "error: --name: give the chronicle's name\n"
    assert not (tmp_path / "new").exists()


def test_chronicle_init_writes_a_chronicle_in_the_language_asked(installed, tmp_path):
    """--language: theme.language, the search's stemming, and the nav's and the scheme
    toggles' words in that language, from the interface's catalog; the site reads right
    to left in Arabic."""
    from generator.site.i18n import Words
    from generator.starting import MKDOCS_WORDS

    env = without_checkout(installed)
    python = [sys.executable, "-P"]
    folder = tmp_path / "sahel"
    done = subprocess.run(
        [*python, "-c", "from generator.cli import main; main()", "init", str(folder),
         "--name", "سجل الساحل", "--description", "حرب الساحل.", "--language", "ar"],
        cwd=tmp_path, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    config = yaml.safe_load((folder / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))
    words = Words("ar")
    assert config["theme"]["language"] == "ar"
    toggles = [p["toggle"]["name"] for p in config["theme"]["palette"]]
    assert toggles == [
        words.gettext(MKDOCS_WORDS["@TO_DARK@"]),
        words.gettext(MKDOCS_WORDS["@TO_LIGHT@"]),
    ]
    assert toggles[0] != "Switch to dark mode"
    (search,) = [p["search"] for p in config["plugins"] if isinstance(p, dict) and "search" in p]
    assert search["lang"] == ["ar", "en"]
    titles = [next(iter(item)) for item in config["nav"]]
    assert titles[0] == words.gettext("Home") and titles[-1] == words.gettext("Data")
    assert not any(title.isascii() for title in titles)
    done = build(folder, folder / "site", python, env)
    assert done.returncode == 0, done.stderr
    home = parse(folder / "site" / "index.html")
    assert home.one("html").attrs.get("dir") == "rtl"
    assert home.one("html").attrs.get("lang") == "ar"
    nav = home.one("nav", "md-nav--primary").words
    assert all(title in nav for title in titles)


def test_chronicle_init_refuses_a_language_without_a_catalog(installed, tmp_path):
    env = without_checkout(installed)
    done = subprocess.run(
        [sys.executable, "-P", "-c", "from generator.cli import main; main()", "init",
         str(tmp_path / "new"), "--name", "X", "--language", "xx"],
        cwd=tmp_path, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL, check=False,
    )  # fmt: skip
    assert done.returncode == 1
    assert done.stderr == "error: --language: 'xx' is not one of en, ar, fr\n"
    assert not (tmp_path / "new").exists()
