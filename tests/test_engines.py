"""Engine independence: `chronicle pages`, ProperDocs and Zensical.

- The folder `chronicle pages` writes holds exactly what the MkDocs plugin hands
  MkDocs, file by file (both come from ``outputs.site_outputs``).
- `mkdocs build --strict` of that folder alone (no plugin) builds the same files
  as the plugin does, and the pages look the same to a reader.
- `properdocs build --strict` of the project builds the same files as MkDocs.
- Zensical (where it can be installed) builds the folder: every event page has
  its claims box and every internal link resolves.
"""

from __future__ import annotations

import html
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import frontmatter
import pytest
from click.testing import CliRunner

from generator.cli import main as chronicle
from generator.content.index import build_chronicle
from generator.content.load import GENERATED_PAGES
from generator.engines import export
from generator.site import notfound
from generator.site.outputs import escape_meta, site_outputs
from generator.site.render import page_url
from tests.conftest import CONTENT, FIXTURE, ROOT, SITE_NAME
from tests.htmltree import parse
from tests.test_site import _site_path, _target

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def write_pages(out: Path, *args: str):
    return CliRunner().invoke(
        chronicle, ["pages", "--out", str(out), "--config", str(ROOT / "mkdocs.yml"), *args]
    )


def plugin_files(docs_dir: Path, site_dir: Path) -> dict[str, tuple[str, bytes]]:
    """What the plugin hands MkDocs for a content folder: by each file's place in the
    site, the file's path among MkDocs' files and its content.

    Pages are their Markdown (what ``on_page_read_source`` returns for an
    enriched file, else the file MkDocs reads); the theme's own files are left out.
    """
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    config = load_config(str(ROOT / "mkdocs.yml"), docs_dir=str(docs_dir), site_dir=str(site_dir))
    plugin = config.plugins["chronicle"]
    plugin.config["atomic"] = False
    config.plugins.on_startup(command="build", dirty=False)
    config = config.plugins.on_config(config)
    files = config.plugins.on_files(get_files(config), config=config)
    plugin.on_build_error(None)  # ends the build: unpins SOURCE_DATE_EPOCH, thaws the GC
    out = {}
    for file in files:
        markdown = plugin.session.placed.markdown.get(file.src_uri)
        data = markdown.encode() if markdown is not None else file.content_bytes
        out[file.dest_uri] = (file.src_uri, data)
    return dict(sorted(out.items()))


def expected_folder(handed: dict[str, tuple[str, bytes]]) -> dict[str, bytes]:
    """The plugin's files as the folder should hold them: pages with their front matter
    escaped (as the plugin escapes it once MkDocs has read it)."""
    return {
        dest: export.escape_front_matter(data.decode()).encode() if src.endswith(".md") else data
        for dest, (src, data) in handed.items()
    }


def folder_files(out: Path) -> dict[str, bytes]:
    """The docs/ of a `chronicle pages` folder, each file by its place in the site."""
    docs = out / "docs"
    found = {}
    for file in sorted(docs.rglob("*")):
        if file.is_file():
            rel = file.relative_to(docs).as_posix()
            found[page_url(rel) + "index.html" if rel.endswith(".md") else rel] = file.read_bytes()
    return dict(sorted(found.items()))


@pytest.fixture(scope="module")
def real_pages(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("pages") / "out"
    result = write_pages(out)
    assert result.exit_code == 0, result.output
    return out


# --- chronicle pages writes what the plugin hands MkDocs ----------------------------------


@pytest.mark.parametrize("content", [CONTENT, FIXTURE], ids=["real", "fixture"])
@pytest.mark.mali_chronicle
def test_pages_folder_holds_exactly_what_the_plugin_hands_mkdocs(content, tmp_path):
    out = tmp_path / "out"
    result = write_pages(out, "--content", str(content))
    assert result.exit_code == 0, result.output
    # A page for each content file, the generated pages (indexes, chronicle, data...) and a
    # page of the events of each year.
    years = {e.date.year for e in build_chronicle(content).events}
    pages = len(list(content.rglob("*.md"))) + len(GENERATED_PAGES) + len(years)
    assert result.stderr == (
        f"wrote {out}: {len(folder_files(out))} files in docs/, {pages} of them pages the "
        f"chronicle renders; build it with: mkdocs build -f {out}/mkdocs.yml "
        f"(or zensical build -f {out}/mkdocs.yml)\n"
    )
    written, handed = folder_files(out), plugin_files(content, tmp_path / "site")
    assert sorted(written) == sorted(handed)
    expected = expected_folder(handed)
    differ = [path for path in handed if written[path] != expected[path]]
    assert differ == []
    # A page differs from the plugin's Markdown only in its front matter, written escaped
    # (the plugin escapes it as MkDocs reads it): contributors' links are already HTML with
    # the pages' URLs, the same from <its URL>/index.md.
    for path in handed:
        if handed[path][1] != written[path]:
            plugin_page = frontmatter.loads(handed[path][1].decode())
            folder_page = frontmatter.loads(written[path].decode())
            assert folder_page.metadata == escape_meta(plugin_page.metadata), path
            assert folder_page.content == plugin_page.content, path
    # Every kind of output is there: enriched entries, generated pages, static files.
    for path in (
        "events/2024-07-25-battle-of-north-town/index.html"
        if content == FIXTURE
        else "events/2024-07-battle-of-tinzaouaten/index.html",
        "index.html",
        "about/index.html",
        "chronicle/index.html",
        "disputed/index.html",
        "actors/index.html",
        "schema/index.html",
        "schema/event.json",
        "assets/chronicle.css",
        "assets/chronicle.js",
    ):
        assert path in written, path


def test_pages_are_deterministic(real_pages, tmp_path):
    again = tmp_path / "again"
    assert write_pages(again).exit_code == 0
    first = {
        p.relative_to(real_pages): p.read_bytes() for p in real_pages.rglob("*") if p.is_file()
    }
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first == second


def test_pages_config_is_the_projects_without_the_plugin(real_pages):
    project = export.read_config(ROOT / "mkdocs.yml")  # tags such as !ENV kept as they are
    written = export.read_config(real_pages / "mkdocs.yml")
    assert written["docs_dir"] == "docs" and written["site_dir"] == "site"
    assert written["theme"]["custom_dir"] == "overrides"
    assert (real_pages / "overrides" / "main.html").is_file()
    # The assets the chronicle publishes itself are in docs/, not again in overrides/.
    assert not (real_pages / "overrides" / "assets").exists()
    assert [p for p in written["plugins"] if "chronicle" in p] == []
    assert [p for p in project["plugins"] if "chronicle" not in p] == written["plugins"]
    kept = {k: v for k, v in project.items() if k not in ("docs_dir", "site_dir", "plugins")}
    kept["theme"] = {**project["theme"], "custom_dir": "overrides", "variant": "classic"}
    # nav names each page by its file in the folder.
    files = {
        "chronicle.md": "chronicle/index.md",
        "disputed.md": "disputed/index.md",
        "changes.md": "changes/index.md",
        "about.md": "about/index.md",
        "data.md": "data/index.md",
    }
    kept["nav"] = [{k: files.get(v, v) for k, v in item.items()} for item in project["nav"]]
    for item in kept["nav"]:
        assert (real_pages / "docs" / next(iter(item.values()))).is_file(), item
    # extra gains the words of the 404 page, in the interface's language.
    words = written["extra"].pop(notfound.EXTRA_KEY)
    assert words == notfound.not_found_words(project["theme"]["language"])
    assert words["title"] == "Page not found"
    if not written["extra"]:
        del written["extra"]
    assert {k: written[k] for k in kept} == kept
    assert set(written) == set(project)


def test_pages_config_keeps_yaml_tags(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
        + "extra:\n  analytics: !ENV [ANALYTICS_ID, 'none']\n"
        "  emoji: !!python/name:material.extensions.emoji.twemoji\n",
        encoding="utf-8",
    )
    text = export.dump_config(
        export.engine_config(export.read_config(config), custom_dir=True), "x"
    )
    assert "analytics: !ENV\n  - ANALYTICS_ID\n  - none\n" in text
    assert "emoji: !!python/name:material.extensions.emoji.twemoji ''\n" in text


def test_pages_refuses_a_folder_it_did_not_write(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    result = write_pages(out)
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {out}: the folder is not empty and was not written by chronicle pages "
        "(it has no .chronicle-pages): give a new or empty folder\n"
    )
    assert sorted(p.name for p in out.iterdir()) == ["notes.txt"]


def test_pages_refuses_the_content_folder(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    result = write_pages(content / "out", "--content", str(content))
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {content / 'out'}: the output folder must be outside the content folder\n"
    )
    assert not (content / "out").exists()


def test_pages_replaces_its_previous_output_and_nothing_else(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    out = tmp_path / "out"
    assert write_pages(out, "--content", str(content)).exit_code == 0
    (out / "site").mkdir()
    (out / "site" / "index.html").write_text("built by an engine")
    old = content / "events" / "2024" / "2024-08-agreement.md"
    old.rename(old.with_name("2024-08-agreement-signed.md"))
    result = write_pages(out, "--content", str(content))
    assert result.exit_code == 0, result.output
    assert not (out / "docs" / "events" / "2024-08-agreement").exists()
    assert (out / "docs" / "events" / "2024-08-agreement-signed" / "index.md").is_file()
    assert (out / "site" / "index.html").read_text() == "built by an engine"
    listed = (out / ".chronicle-pages").read_text().splitlines()[1:]
    on_disk = sorted(
        p.relative_to(out).as_posix()
        for p in out.rglob("*")
        if p.is_file() and p.parts[len(out.parts)] not in ("site", ".chronicle-pages")
    )
    assert listed == on_disk


def test_pages_writes_nothing_for_content_with_errors(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    bad = content / "events" / "2024" / "2024-08-agreement.md"
    bad.write_text(bad.read_text().replace("date: 2024-08", "date: 2024-13"))
    out = tmp_path / "out"
    result = write_pages(out, "--content", str(content))
    assert result.exit_code == 1
    shown = os.path.relpath(bad)
    assert result.stdout == (
        f"{shown}:4: date: '2024-13' is not a date: use YYYY-MM-DD, YYYY-MM or YYYY, "
        "or 'before' or 'after' one of them\n"
    )
    assert result.stderr.endswith("1 error: nothing written\n")
    assert not out.exists()


# --- engines build the folder, or the project ----------------------------------------------


def _run(*command: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        list(command), cwd=cwd, capture_output=True, text=True, env=ENV, timeout=600, check=False
    )


def _files(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())


def _article(path: Path) -> str:
    return _text(path).split("<article", 1)[1].split("</article>", 1)[0]


def _text(path: Path) -> str:
    # The plugin's sanitiser rewrites entities and empty attributes, as a browser reads them.
    return html.unescape(re.sub(r'=""', "", " ".join(path.read_text(encoding="utf-8").split())))


@pytest.mark.mali_chronicle
def test_mkdocs_builds_the_pages_folder_alone_as_the_plugin_builds_the_project(
    real_pages, real_site, tmp_path
):
    folder = tmp_path / "folder"
    shutil.copytree(real_pages, folder)
    shutil.rmtree(folder / "site", ignore_errors=True)
    done = _run(sys.executable, "-m", "mkdocs", "build", "--strict", cwd=folder)
    assert done.returncode == 0, done.stderr
    site = folder / "site"
    assert _files(site) == _files(real_site)
    different = [
        name
        for name in _files(real_site)
        if name.endswith(".html") and _text(site / name) != _text(real_site / name)
    ]
    # The one difference: the headings of contributor text (HTML in the Markdown) reach the
    # table of contents through the plugin alone (OutPage.headings); the pages' content is
    # the same, on the pages whose text has headings only.
    with_headings = {
        page.url + "index.html"
        for page in site_outputs(build_chronicle(CONTENT)).pages
        if page.headings
    }
    assert set(different) <= with_headings
    for name in different:
        assert _article(site / name) == _article(real_site / name), name


@pytest.mark.mali_chronicle
def test_properdocs_builds_the_same_site_as_mkdocs(real_site, tmp_path):
    site = tmp_path / "site"
    done = _run(
        sys.executable,
        "-m",
        "properdocs",
        "build",
        "--strict",
        "-f",
        str(ROOT / "mkdocs.yml"),
        "-d",
        str(site),
    )
    assert done.returncode == 0, done.stderr
    assert _files(site) == _files(real_site)
    event = "events/2024-07-battle-of-tinzaouaten/index.html"
    assert len(parse(site / event).find_all(cls="claims-box")) == 1
    generator = [
        n for n in parse(site / "index.html").find_all("meta") if n.attrs.get("name") == "generator"
    ]
    assert "ProperDocs" in generator[0].attrs["content"]
    # Byte for byte the same site, but for the name of the engine in each page's head.
    named = re.compile(rb'<meta name="generator" content="[^"]*">')
    different = [
        name
        for name in _files(real_site)
        if named.sub(b"", (site / name).read_bytes())
        != named.sub(b"", (real_site / name).read_bytes())
    ]
    assert different == []


def test_properdocs_strict_warning_leaves_the_previous_site(tmp_path):
    """The plugin counts warnings on ProperDocs' logger: an aborted build is not swapped in."""
    project = tmp_path / "project"
    shutil.copytree(FIXTURE, project / "content")
    (project / "templates").symlink_to(ROOT / "templates")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text("the previous site")
    event = project / "content" / "events" / "2024" / "2024-08-agreement.md"
    event.write_text(event.read_text() + "\nSee [the report](missing-page.md).\n")
    done = _run(sys.executable, "-m", "properdocs", "build", "--strict", cwd=project)
    assert done.returncode == 1
    assert "missing-page.md" in done.stderr
    assert _files(site) == ["index.html"]
    assert (site / "index.html").read_text() == "the previous site"
    assert [p.name for p in project.iterdir() if p.name.startswith(".site-")] == []


def _zensical_importable() -> bool:
    if importlib.util.find_spec("zensical") is None:
        return False
    try:
        import zensical.main  # noqa: F401  (needs its theme package, zensical-ui)
    except ImportError:
        return False
    return True


@pytest.mark.skipif(
    not _zensical_importable(),
    reason="zensical cannot be installed or imported here (pip install -e '.[zensical]')",
)
@pytest.mark.mali_chronicle
def test_zensical_builds_the_pages_folder(real_pages, tmp_path):
    folder = tmp_path / "folder"
    shutil.copytree(real_pages, folder)
    shutil.rmtree(folder / "site", ignore_errors=True)
    done = _run(sys.executable, "-m", "zensical", "build", "-f", "mkdocs.yml", cwd=folder)
    assert done.returncode == 0, done.stdout + done.stderr
    site = folder / "site"
    events = sorted(
        p.parent.name
        for p in (folder / "docs" / "events").glob("*/index.md")
        if not re.fullmatch(r"\d{4}", p.parent.name)  # the page of a year's events
    )
    assert len(events) == len(list((CONTENT / "events").rglob("*.md")))
    for ident in events:
        page = site / "events" / ident / "index.html"
        assert len(parse(page).find_all(cls="claims-box")) == 1, ident
        stylesheets = {n.attrs.get("href", "") for n in parse(page).find_all("link")}
        assert any(href.endswith("assets/chronicle.css") for href in stylesheets), ident
    assert (site / "assets" / "chronicle.css").read_bytes() == (
        ROOT / "generator" / "site" / "theme" / "assets" / "chronicle.css"
    ).read_bytes()
    broken, checked = broken_links(site)
    assert broken == []
    assert checked > 1000


def broken_links(site: Path) -> tuple[list[str], int]:
    """Every link between the pages of a built site, or to an anchor, that leads nowhere,
    and how many links were checked."""
    base = _site_path()
    pages = sorted(site.rglob("*.html"))
    trees = {p: parse(p) for p in pages}
    ids = {p: {n.attrs["id"] for n in t.walk() if "id" in n.attrs} for p, t in trees.items()}
    broken, checked = [], 0
    for page, tree in trees.items():
        for node in tree.find_all("a"):
            link = node.attrs.get("href")
            resolved = _target(site, page, link, base) if link else None
            if resolved is None:
                continue
            target, anchor = resolved
            checked += 1
            if not target.is_file() or (anchor and anchor not in ids.get(target, set())):
                broken.append(f"{page.relative_to(site)}: {link}")
    return broken, checked


def test_link_check_finds_a_broken_link(real_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(real_site, site)
    page = site / "chronicle" / "index.html"
    page.write_text(
        page.read_text().replace(
            "</article>", '<a href="../nowhere/">x</a><a href="#nowhere">y</a></article>'
        )
    )
    assert broken_links(site)[0] == [
        "chronicle/index.html: ../nowhere/",
        "chronicle/index.html: #nowhere",
    ]


# --- hostile content, built from the folder without the plugin -------------------------------


@pytest.fixture(scope="module")
def hostile_folder_site(tmp_path_factory) -> Path:
    """The fixture chronicle with every accepted attack, through `chronicle pages`, built
    by MkDocs alone: neither the plugin's escaping of page metadata nor its sanitiser runs."""
    from tests.test_hostile import ACCEPTED, _content_with

    tmp = tmp_path_factory.mktemp("hostile-folder")
    content = _content_with(tmp, *ACCEPTED)
    result = write_pages(tmp / "pages", "--content", str(content))
    assert result.exit_code == 0, result.output
    done = _run(sys.executable, "-m", "mkdocs", "build", "--strict", cwd=tmp / "pages")
    assert done.returncode == 0, done.stderr
    return tmp / "pages" / "site"


def test_hostile_content_shows_as_text_without_the_plugin(hostile_folder_site):
    from tests.test_hostile import ACCEPTED, assert_page_front_matter_is_text, read_page

    for rel, expected in sorted(ACCEPTED.items()):
        for url, text in expected:
            assert text in read_page(hostile_folder_site, url).text, (rel, url)
    assert_page_front_matter_is_text(hostile_folder_site)
    event = read_page(hostile_folder_site, "events/title-script-tag/")
    assert event.title == f'<script>alert("title")</script> Battle at the ford - {SITE_NAME}'


def test_hostile_content_carries_no_script_without_the_plugin(hostile_folder_site):
    from generator.bodies import rules as safety
    from tests.test_hostile import Page, html_pages, the_404_search

    for file in html_pages(hostile_folder_site):
        page = Page(file.read_text(encoding="utf-8"))
        for tag, attributes, in_content in page.elements:
            where = f"{file.relative_to(hostile_folder_site)}: <{tag} {attributes}>"
            assert not [a for a in attributes if a.startswith("on")], where
            for name in ("href", "src", "action", "formaction", "data"):
                assert safety.scheme_of(attributes.get(name, "")) in (
                    None,
                    "http",
                    "https",
                    "mailto",
                ), where
            if in_content and not the_404_search(
                file.relative_to(hostile_folder_site), tag, attributes
            ):
                assert tag not in ("script", "iframe", "object", "embed", "form", "style"), where


@pytest.mark.skipif(
    not _zensical_importable(),
    reason="zensical cannot be installed or imported here (pip install -e '.[zensical]')",
)
def test_zensical_shows_hostile_content_as_text(tmp_path):
    from generator.bodies import rules as safety
    from tests.test_hostile import (
        ACCEPTED,
        Page,
        _content_with,
        html_pages,
        read_page,
        the_404_search,
    )

    content = _content_with(tmp_path, *ACCEPTED)
    assert write_pages(tmp_path / "pages", "--content", str(content)).exit_code == 0
    done = _run(
        sys.executable, "-m", "zensical", "build", "-f", "mkdocs.yml", cwd=tmp_path / "pages"
    )
    assert done.returncode == 0, done.stdout + done.stderr
    site = tmp_path / "pages" / "site"
    for rel, expected in sorted(ACCEPTED.items()):
        for url, text in expected:
            assert text in read_page(site, url).text, (rel, url)
    assert read_page(site, "page-front-matter-title-script/").title == (
        f'<script>alert("page title")</script> Notes & "quotes" - {SITE_NAME}'
    )
    for file in html_pages(site):
        for tag, attributes, in_content in Page(file.read_text(encoding="utf-8")).elements:
            where = f"{file.relative_to(site)}: <{tag} {attributes}>"
            assert not [a for a in attributes if a.startswith("on")], where
            assert safety.scheme_of(attributes.get("href", "")) in (None, "http", "https", "mailto")
            if in_content and not the_404_search(file.relative_to(site), tag, attributes):
                assert tag not in ("script", "iframe", "object", "embed", "form", "style"), where


def _project(tmp_path: Path, extra: str = "") -> Path:
    """A copy of the project's mkdocs.yml beside links to its content and templates."""
    (tmp_path / "content").symlink_to(CONTENT)
    (tmp_path / "templates").symlink_to(ROOT / "templates")
    config = tmp_path / "mkdocs.yml"
    config.write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8") + extra, "utf-8")
    return config


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (
            "hooks:\n  - hooks.py\n",
            (
                "mkdocs.yml: hooks: names files of the project that the pregenerated folder "
                "does not carry; build with the chronicle plugin instead\n"
            ),
        ),
        (
            "nav: [unclosed\n",
            "{config}:{end}: not valid YAML: expected ',' or ']', but got '<stream end>'\n",
        ),
    ],
    ids=["hooks", "yaml"],
)
def test_pages_refuses_a_config_it_cannot_carry(tmp_path, extra, message):
    config = _project(tmp_path, extra)
    out = tmp_path / "out"
    result = CliRunner().invoke(chronicle, ["pages", "--out", str(out), "--config", str(config)])
    assert result.exit_code == 1
    end = len((ROOT / "mkdocs.yml").read_text(encoding="utf-8").splitlines()) + 2
    assert result.stderr == "error: " + message.format(config=config, end=end)
    assert not out.exists()


def test_pages_refuses_a_file_as_the_folder(tmp_path):
    out = tmp_path / "out"
    out.write_text("a file")
    result = write_pages(out)
    assert result.exit_code == 2
    assert result.stderr.endswith(
        f"Error: Invalid value for '--out': Directory '{out}' is a file.\n"
    )
    assert out.read_text() == "a file"


def _with_list_limit(tmp_path: Path, value: str) -> Path:
    config = _project(tmp_path)
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace(
            "      templates: templates\n",
            f"      templates: templates\n      list_limit: {value}\n",
        ),
        "utf-8",
    )
    return config


@pytest.mark.mali_chronicle
def test_pages_follows_the_plugins_list_limit(tmp_path):
    """With the plugin's list_limit, the folder splits the lists by year as the plugin does."""
    config = _with_list_limit(tmp_path, "3")
    out = tmp_path / "out"
    result = CliRunner().invoke(chronicle, ["pages", "--out", str(out), "--config", str(config)])
    assert result.exit_code == 0, result.output
    years = sorted(p.parent.name for p in (out / "docs" / "chronicle").glob("*/index.md"))
    assert years == sorted({str(e.date.year) for e in build_chronicle(CONTENT).events})


def _with_licence(tmp_path: Path, value: str) -> Path:
    config = _project(tmp_path)
    text = config.read_text(encoding="utf-8")
    assert "      licence: CC-BY-4.0\n" in text
    config.write_text(text.replace("      licence: CC-BY-4.0\n", f"      licence: {value}\n"))
    return config


@pytest.mark.parametrize(
    ("configured", "message"),
    [
        (lambda tmp: _with_list_limit(tmp, "lots"), "list_limit: must be a whole number"),
        (
            lambda tmp: _with_licence(tmp, "MIT"),
            "licence: must be one of CC-BY-4.0, CC-BY-SA-4.0, CC-BY-NC-4.0, CC0-1.0, ODbL-1.0",
        ),
    ],
    ids=["list_limit", "licence"],
)
def test_pages_refuses_a_plugin_option_it_cannot_use(tmp_path, configured, message):
    config = configured(tmp_path)
    out = tmp_path / "out"
    result = CliRunner().invoke(chronicle, ["pages", "--out", str(out), "--config", str(config)])
    assert result.exit_code == 1
    assert result.stderr == f"error: {config}: plugins: chronicle: {message}\n"
    assert not out.exists()
