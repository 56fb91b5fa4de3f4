"""The HTML blocks of a generated page, handed past Python-Markdown.

A generated page is Markdown headings (and the odd paragraph) around HTML
blocks: the facts, the claims box, the listings, the maps, the contributor's
text. Python-Markdown passes an HTML block through untouched, but only after
parsing it tag by tag to find where it ends, which was the largest cost of a
build. ``split`` finds the blocks itself and puts a placeholder paragraph in
the place of each, so that Python-Markdown (and MkDocs's extensions: heading
ids, permalinks, the title, the table of contents) sees only the rest;
``join`` puts the blocks back into the HTML it made.

A block here is what Python-Markdown takes as one: it opens at the start of a
line (after a blank line, an ATX heading or another block) with a block-level
tag, and ends at the end of the line where that element closes. A page with
anything else in its HTML (a block that does not close, text after the closing
tag on its line, a block straight after a paragraph) is not split:
Python-Markdown renders it whole, as any other page. ``tests/test_blocks.py``
asserts that both ways give the same HTML, page by page, for whole sites.

``skipped_by_search`` tells the blocks the search index skips anyway
(``data-search-exclude`` on the block itself, and no heading inside, which
would open a section of the index): the plugin leaves them out of the HTML
the search plugin parses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from markdown import Markdown

BLOCK_LEVEL = frozenset(Markdown().block_level_elements)
_START = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)(?=[\s>/])")
TOKEN = "CHRONICLEHTMLBLOCK"
_PLACEHOLDER = re.compile(rf"<p>{TOKEN}(\d+)X</p>")
_ATX = re.compile(r"#{1,6}(\s|$)")
_HEADING = re.compile(r"<h[1-6][\s>]", re.IGNORECASE)
_EXCLUDED = re.compile(r"\sdata-search-exclude(?=[\s>=])")


@cache
def _tag(name: str) -> re.Pattern[str]:
    """The opening and closing tags of one element name (attribute values hold no '>')."""
    return re.compile(rf"<(/?){name}(?=[\s>/])[^>]*>", re.IGNORECASE)


@dataclass(frozen=True)
class Split:
    markdown: str  # the page with a placeholder paragraph for each block
    blocks: tuple[str, ...]
    spaced: tuple[bool, ...]  # whether a blank line follows each block


def _block_end(lines: list[str], start: int, name: str) -> int | None:
    """The line on which the element opened at ``lines[start]`` closes, if cleanly."""
    pattern, depth = _tag(name), 0
    for number in range(start, len(lines)):
        line = lines[number]
        for match in pattern.finditer(line):
            if match.group(1):
                depth -= 1
            elif not match.group(0).endswith("/>"):
                depth += 1
            if depth == 0:
                if match.end() != len(line):
                    return None  # text after the closing tag: not a block of its own
                return number
    return None


def split(markdown: str) -> Split | None:
    """The page's HTML blocks and the Markdown around them, or None if not that shape.

    Blocks on adjacent lines are one block here, as Python-Markdown writes them
    (one after the other, as they were); a block may follow a blank line, an
    ATX heading or another block, and be followed by a blank line or another block.
    """
    if TOKEN in markdown:
        return None
    lines = markdown.split("\n")
    out: list[str] = []
    blocks: list[str] = []
    spaced: list[bool] = []  # whether a blank line follows the block
    number, may_open, group = 0, True, None
    while number < len(lines):
        line = lines[number]
        start = _START.match(line)
        if start is None or start.group(1).lower() not in BLOCK_LEVEL:
            if group is not None:
                blocks.append("\n".join(lines[group:number]))
                spaced.append(not line.strip())
                out.extend((f"{TOKEN}{len(blocks) - 1}X", ""))
                group = None
            out.append(line)
            may_open = not line.strip() or _ATX.match(line) is not None
            number += 1
            continue
        end = _block_end(lines, number, start.group(1)) if may_open else None
        if end is None:
            return None
        if group is None:
            group = number
            out.append("")
        number, may_open = end + 1, True
    if group is not None:
        blocks.append("\n".join(lines[group:]))
        spaced.append(False)
        out.append(f"{TOKEN}{len(blocks) - 1}X")
    return Split("\n".join(out), tuple(blocks), tuple(spaced))


def join(html: str, blocks: tuple[str, ...], spaced: tuple[bool, ...]) -> str:
    """The HTML Python-Markdown made of a split page, with its blocks back in place.

    As Python-Markdown writes a block: as it is, then a blank line if one followed it.
    """
    seen: list[int] = []

    def block(match: re.Match[str]) -> str:
        number = int(match.group(1))
        seen.append(number)
        return blocks[number] + "\n" if spaced[number] else blocks[number]

    joined = _PLACEHOLDER.sub(block, html)
    if sorted(seen) != list(range(len(blocks))):
        raise ValueError("a block's placeholder was not rendered as a paragraph of its own")
    return joined.strip()  # as Python-Markdown ends its output


def skipped_by_search(block: str) -> bool:
    """Whether the search index skips the whole block: excluded, and no heading inside."""
    opening = block[: block.index(">") + 1]
    return _EXCLUDED.search(opening) is not None and not _HEADING.search(block)
