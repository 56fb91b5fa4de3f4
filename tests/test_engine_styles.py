"""The pages look the same without the plugin and without the theme override.

The folder `chronicle pages` writes is built with MkDocs alone, with the
packaged theme (generator/site/theme/main.html) taken out of its
mkdocs.yml: the claims box, confidence labels and listings must be styled
exactly as in the site the plugin builds, since their styling is plain CSS
on the pages' own classes (assets/chronicle.css), not template blocks.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main as chronicle
from generator.engines import export
from tests.conftest import ROOT
from tests.test_browser import DESKTOP, PHONE, TINZAOUATEN, browser, served  # noqa: F401
from tests.test_engines import ENV

pytestmark = pytest.mark.browser

# What the claims box and its neighbours take from chronicle.css.
STYLED = {
    ".claims-box": ("border-left-width", "border-left-color", "padding-left", "margin-top"),
    ".claims-topic.disputed": ("border-left-width", "border-left-color", "padding-left"),
    ".disputed-mark": ("background-color", "color", "text-transform", "font-weight"),
    ".confidence": ("background-color", "color", "display"),
    ".facts": ("display", "grid-template-columns"),
    ".event-nav": ("display", "grid-template-columns"),
    ".claims-topic tr": ("display",),
}


@pytest.fixture(scope="module")
def bare_site(tmp_path_factory) -> Path:
    """The pregenerated folder built by MkDocs alone, without the theme's custom_dir."""
    folder = tmp_path_factory.mktemp("bare") / "pages"
    result = CliRunner().invoke(
        chronicle, ["pages", "--out", str(folder), "--config", str(ROOT / "mkdocs.yml")]
    )
    assert result.exit_code == 0, result.output
    config = export.read_config(folder / "mkdocs.yml")  # keeps tags such as !ENV
    del config["theme"]["custom_dir"]
    (folder / "mkdocs.yml").write_text(export.dump_config(config, "mkdocs.yml"), "utf-8")
    shutil.rmtree(folder / "overrides")
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=folder,
        capture_output=True,
        text=True,
        env=ENV,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return folder / "site"


def styles(browser, site: Path, viewport: dict) -> dict[str, list[dict[str, str]]]:  # noqa: F811
    """The computed styles of STYLED on the Tinzaouaten event page of a site."""
    with served(site) as base:
        context = browser.new_context(viewport=viewport)
        context.route(
            "**/*",
            lambda route: (
                route.continue_() if route.request.url.startswith(base) else route.abort()
            ),
        )
        page = context.new_page()
        page.goto(f"{base}events/{TINZAOUATEN}/")
        found = {
            selector: page.eval_on_selector_all(
                f"article {selector}",
                "(nodes, names) => nodes.map(n => Object.fromEntries("
                "names.map(name => [name, getComputedStyle(n).getPropertyValue(name)])))",
                list(names),
            )
            for selector, names in STYLED.items()
        }
        context.close()
    return found


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.mali_chronicle
def test_pages_look_the_same_without_plugin_or_override(browser, real_site, bare_site, viewport):  # noqa: F811
    with_plugin = styles(browser, real_site, viewport)
    bare = styles(browser, bare_site, viewport)
    assert bare == with_plugin
    box = with_plugin[".claims-box"][0]
    assert box["border-left-width"] == "4px"
    assert with_plugin[".disputed-mark"][0]["background-color"] == "rgb(192, 57, 43)"
    assert with_plugin[".facts"][0]["display"] == "grid"
    # Phones show each claim as a card (a grid), desktops as a table row.
    rows = {row["display"] for row in with_plugin[".claims-topic tr"]}
    assert rows == ({"grid"} if viewport == PHONE else {"table-row"})
