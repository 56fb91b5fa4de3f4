"""What a contributor's body may contain: the allow-lists and the limits, declared once.

What a body may contain
-----------------------
- Markdown, with the extensions the site uses (``MARKDOWN_EXTENSIONS``: tables,
  fenced code, attribute lists, tables of contents, Markdown in HTML).
- Links to relative URLs, anchors, and ``http``, ``https`` or ``mailto``
  addresses (``LINK_SCHEMES``).
- Images from the site itself (relative URLs) only: an image from another
  site would tell that site who reads the page.
- A small set of harmless inline HTML: the tags of ``ALLOWED_TAGS`` (abbr,
  b, br, cite, code, del, em, i, ins, kbd, mark, q, s, small, span, strong,
  sub, sup, time, u) with the attributes of ``ALLOWED_ATTRIBUTES`` (title,
  lang, dir, datetime), each closed in the paragraph it opens in.

A body may be at most ``MAX_BODY`` characters long. Everything else is
refused with a problem pointing at its line (``check.py``): any other
tag (``<script>``, ``<iframe>``, ``<object>``, ``<embed>``, ``<form>``,
``<svg>``, ``<math>``, ``<style>``, raw ``<a>`` or ``<img>``...), event
attributes (``on*=``), ``style`` attributes, other attributes (also when
given through an attribute list ``{: ... }``), links and images whose scheme
is not allowed (``javascript:``, ``data:``, ``vbscript:``... however they are
spelled: entity-encoded, in mixed case, split by blanks or control
characters, in reference-style definitions or autolinks), HTML comments and
declarations, and tags left open or unclosed (which would swallow the rest
of the page, or carry their formatting over the generated parts).

Here too: how a browser reads a URL (``scheme_of``, ``is_external``), which
both the renderer and the check use, and what would make Python-Markdown take
quadratic time (``too_costly``: too many headings, quotes or lists nested too
deep, brackets left open), found in one linear pass before a body is rendered.
"""

from __future__ import annotations

import html
import re

# Keep in step with markdown_extensions in mkdocs.yml (MkDocs always adds toc,
# tables and fenced_code); tests/test_hostile.py checks it.
MARKDOWN_EXTENSIONS = ("toc", "tables", "fenced_code", "attr_list")

ALLOWED_TAGS = frozenset(
    {"abbr", "b", "br", "cite", "code", "del", "em", "i", "ins", "kbd", "mark", "q", "s",
     "small", "sub", "sup", "strong", "time", "u", "span"}
)  # fmt: skip
ALLOWED_ATTRIBUTES = frozenset({"title", "lang", "dir", "datetime"})
LINK_SCHEMES = ("http", "https", "mailto")
MAX_BODY = 100_000  # characters; long reports run to about 10,000
MAX_UNCLOSED = 50  # '[', '(' or '<' open at once
MAX_HEADINGS = 1_000
MAX_NESTING = 30  # blockquotes and list items nested on one line (> > - > x)
MAX_PROBLEMS = 100  # per body; the rest are counted in one last problem
# Every id a body can set starts with this; no generated id (claims, sources,
# citations, years, the theme's own) does. tests/test_hostile.py checks both.
ID_PREFIX = "text-"

# The elements Markdown itself writes, and the attributes it gives them.
MARKDOWN_TAGS = frozenset(
    {"p", "a", "em", "strong", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li",
     "blockquote", "code", "pre", "hr", "img", "br", "table", "thead", "tbody", "tr", "th",
     "td"}
)  # fmt: skip
MARKDOWN_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "code": {"class"},
    "th": {"style"},
    "td": {"style"},
    **{f"h{n}": {"id"} for n in range(1, 7)},
}
URL_ATTRIBUTES = frozenset(
    {"href", "src", "srcset", "cite", "action", "formaction", "poster", "background",
     "data", "longdesc", "lowsrc", "dynsrc", "ping", "xlink:href", "usemap", "manifest"}
)  # fmt: skip
VOID_TAGS = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    }
)

_SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):")
_BLANKS = re.compile(r"[\x00-\x20\x7f]+")

TOO_DEEP = "is nested too deeply for Markdown (emphasis, quotes or lists)"
COMMENT = "HTML comments are not allowed"
DECLARATION = "HTML declarations are not allowed"
EVENT_ATTRIBUTE = "event attribute {}= is not allowed"
STYLE = "style attributes are not allowed"
EXTERNAL_IMAGE = (
    "images from other sites are not allowed: they would tell that site who reads the page"
)


def tag_message(tag: str) -> str:
    return f"HTML tag <{tag}> is not allowed; allowed: {', '.join(sorted(ALLOWED_TAGS))}"


def attribute_message(name: str, tag: str) -> str:
    return (
        f"attribute {name}= on <{tag}> is not allowed; "
        f"allowed: {', '.join(sorted(ALLOWED_ATTRIBUTES))}"
    )


def scheme_message(scheme: str) -> str:
    return f"{scheme}: links are not allowed; use http or https"


def normalise(url: str) -> str:
    """What a browser would see: entities decoded, blanks and controls removed, lowercase."""
    return _BLANKS.sub("", html.unescape(url)).lower()


def scheme_of(url: str) -> str | None:
    """The scheme a browser would use for ``url`` (lowercase), or None for a relative URL."""
    match = _SCHEME.match(normalise(url))
    return match.group(1) if match else None


def is_external(url: str) -> bool:
    """Whether ``url`` leads to another site (a scheme, or '//')."""
    cleaned = normalise(url)
    return scheme_of(url) is not None or cleaned[:2] in ("//", "\\\\", "/\\", "\\/")


# What may stand before a heading on its line: indentation, the '>' of blockquotes
# and the markers of list items, nested in any order (``> - > # h``).
_CONTAINERS = re.compile(r"(?:[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])))*[ \t]*")
_SETEXT = re.compile(r"(?:=+|-+)[ \t]*")
_MARKER = re.compile(r">|[-*+]|\d{1,9}[.)]")


def _too_deep(source: str) -> int | None:
    """The first line (from 0) that nests more than ``MAX_NESTING`` quotes or list items.

    Python-Markdown parses each level again, and fails past about a thousand.
    """
    for number, line in enumerate(source.split("\n")):
        prefix = line[: _CONTAINERS.match(line).end()]
        if len(prefix) > MAX_NESTING and len(_MARKER.findall(prefix)) > MAX_NESTING:
            return number
    return None


def _too_many_headings(source: str) -> int | None:
    """The line (from 0) of the heading past ``MAX_HEADINGS``, counting every form.

    ATX headings (``# x``) and setext headings (a line of ``=`` or ``-`` under
    text) alike, wherever they stand: at the start of a line, indented, in
    blockquotes or in list items, however nested (the toc extension numbers
    them all, in time quadratic in the repeats). It counts more than Python-Markdown
    makes headings (a line of dashes it reads as a rule, a '#' in indented code),
    which errs on the safe side.
    """
    headings = 0
    previous = ""
    for number, line in enumerate(source.split("\n")):
        text = line[_CONTAINERS.match(line).end() :]
        if text.startswith("#") or (previous and _SETEXT.fullmatch(text)):
            headings += 1
            if headings > MAX_HEADINGS:
                return number
        previous = text.strip()
    return None


def too_costly(source: str) -> tuple[int, str] | None:
    """What would make Python-Markdown take quadratic time, found in one linear pass.

    Python-Markdown scans the rest of a paragraph again for every '[', '(' or
    '<' it cannot close yet, and numbers repeated headings one by one: a crafted
    body of a few kilobytes would hold the build for minutes. Returns the
    line (from 0) and the message of the first limit passed, or None.
    """
    advice = {
        "[": "close them with ']', or write \\[ for a literal '['",
        "(": "close them with ')'",
        "<": "end each tag with '>', or write &lt; for a literal '<'",
    }
    opened: dict[str, list[int]] = {"[": [], "(": [], "<": []}
    closers = {"]": "[", ")": "("}
    headings = _too_many_headings(source)
    if headings is not None:
        return headings, f"has more than {MAX_HEADINGS:,} headings"
    deep = _too_deep(source)
    if deep is not None:
        return deep, TOO_DEEP
    line = 0
    next_gt = -1
    for i, char in enumerate(source):
        if char == "\n":
            line += 1
            continue
        if char in closers:
            if opened[closers[char]]:
                opened[closers[char]].pop()
            continue
        if char == "<":
            if not source[i + 1 : i + 2].isalpha():
                continue
            if next_gt < i:
                next_gt = source.find(">", i)
                next_gt = len(source) if next_gt < 0 else next_gt
            if next_gt < len(source) and source.find("<", i + 1, next_gt) < 0:
                continue  # a tag that ends: the checks below look at it
        elif char not in "[(":
            continue
        opened[char].append(line)
        if len(opened[char]) > MAX_UNCLOSED:
            return line, f"has more than {MAX_UNCLOSED} '{char}' open at once: {advice[char]}"
    return None
