"""A generated page's HTML blocks skip Python-Markdown, and the HTML is the same.

``blocks.split`` replaces each HTML block with a placeholder paragraph, Python-Markdown
renders the rest, ``blocks.join`` puts the blocks back: for every page of the real
content, of the test fixtures, of the hostile corpus and of a synthetic chronicle whose
lists are split by year, that is exactly the HTML Python-Markdown makes of the whole
page. The search plugin reads the page without the blocks it skips anyway, and finds
the same sections.
"""

from __future__ import annotations

import markdown
import pytest
from material.plugins.search.plugin import Parser

from bench.synthetic import generate
from generator.content.index import build_chronicle
from generator.engines import blocks
from generator.site.html import sanitize
from generator.site.outputs import site_outputs
from tests.conftest import CONTENT, FIXTURE
from tests.test_hostile import ACCEPTED, _content_with

# As mkdocs.yml: the Markdown extensions every page is rendered with.
EXTENSIONS = {"extensions": ["attr_list", "toc"], "extension_configs": {"toc": {"permalink": True}}}


def _markdown(text: str) -> str:
    return markdown.Markdown(**EXTENSIONS).convert(text)


def _fast(text: str) -> str | None:
    parts = blocks.split(text)
    if parts is None:
        return None
    return blocks.join(_markdown(parts.markdown), parts.blocks, parts.spaced)


def _pages(content, list_limit: int = 200) -> list:
    return list(site_outputs(build_chronicle(content), list_limit=list_limit).pages)


@pytest.fixture(scope="module")
def corpora(tmp_path_factory) -> dict[str, list]:
    tmp = tmp_path_factory.mktemp("blocks")
    synthetic = generate(tmp / "synthetic", 120)
    return {
        "content": _pages(CONTENT),
        "fixture": _pages(FIXTURE),
        "hostile": _pages(_content_with(tmp, *ACCEPTED)),
        "synthetic, split by year": _pages(synthetic, list_limit=10),
    }


@pytest.mark.parametrize("corpus", ["content", "fixture", "hostile", "synthetic, split by year"])
def test_every_generated_page_renders_as_python_markdown_renders_it(corpora, corpus):
    pages = corpora[corpus]
    for page in pages:
        fast = _fast(page.markdown)
        assert fast is not None, f"{page.path} was not split"
        assert fast == _markdown(page.markdown), page.path
    years = [p for p in pages if p.path.count("/") == 2]  # e.g. actors/actor-0/2014.md
    assert years or corpus != "synthetic, split by year"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("# T\n\n<div>\n<p>a</p>\n\n<p>b</p>\n</div>\n\n## S {: #s }\n", ["<div>\n<p>a</p>\n\n<p>b</p>\n</div>"]),
        ("# T\n<dl>\n<dt>a</dt>\n</dl>\n<ul>\n<li>x</li>\n</ul>\n## S\n", ["<dl>\n<dt>a</dt>\n</dl>\n<ul>\n<li>x</li>\n</ul>"]),
        ("<div><div>a</div>\n</div>\n\ntext\n\n<p>b</p>", ["<div><div>a</div>\n</div>", "<p>b</p>"]),
    ],
    ids=["blank lines inside", "adjacent blocks are one", "nested, then text"],
)  # fmt: skip
def test_blocks_are_found_as_python_markdown_finds_them(text, expected):
    parts = blocks.split(text)
    assert parts is not None and list(parts.blocks) == expected
    assert blocks.join(_markdown(parts.markdown), parts.blocks, parts.spaced) == _markdown(text)


@pytest.mark.parametrize(
    "text",
    [
        "<div>a</div> and text after it\n",
        "<div>\n<p>never closed</p>\n",
        "A paragraph\n<div>straight after it</div>\n",
        "<hr>\n",
        f"# T\n\n{blocks.TOKEN}0X\n",
    ],
    ids=["text after the closing tag", "not closed", "after a paragraph", "void", "token"],
)
def test_pages_of_another_shape_are_not_split(text):
    assert blocks.split(text) is None


def test_a_lost_placeholder_is_an_error_not_a_page_without_its_block():
    parts = blocks.split("# T\n\n<div>a</div>\n")
    with pytest.raises(ValueError, match="placeholder"):
        blocks.join("<h1>T</h1>", parts.blocks, parts.spaced)


@pytest.mark.parametrize(
    "block, skipped",
    [
        ('<ul class="event-list" data-search-exclude>\n<li>a</li>\n</ul>', True),
        ('<div data-search-exclude="">\n<p>a</p>\n</div>', True),
        ('<div class="events" data-search-exclude>\n<h3 id="y">2014</h3>\n</div>', False),
        ('<div class="entry-text">\n<p data-search-exclude>a</p>\n</div>', False),
        ("<div data-search-excluded>\n<p>a</p>\n</div>", False),
    ],
    ids=["excluded", "excluded, with a value", "a heading inside", "inside only", "other"],
)
def test_blocks_the_search_index_skips(block, skipped):
    assert blocks.skipped_by_search(block) is skipped


def _sections(html: str) -> list[tuple]:
    parser = Parser()
    parser.feed(html)
    parser.close()
    return [
        (s.el.tag, s.id, "".join(s.title), "".join(s.text).strip())
        for s in parser.data
        if not s.is_excluded()
    ]


def test_the_search_plugin_finds_the_same_sections_without_the_skipped_blocks(corpora):
    for corpus in corpora.values():
        for page in corpus:
            parts = blocks.split(page.markdown)
            around = sanitize(_markdown(parts.markdown))
            clean = tuple(sanitize(b) for b in parts.blocks)
            view = tuple(
                "" if blocks.skipped_by_search(b) else c for b, c in zip(parts.blocks, clean)
            )
            full = blocks.join(around, clean, parts.spaced)
            assert full == sanitize(_markdown(page.markdown)), page.path
            assert _sections(blocks.join(around, view, parts.spaced)) == _sections(full), page.path
