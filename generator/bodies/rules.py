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
both the renderer and the check use.
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
MAX_BODY = 100_000  # characters; the longest body of the Mali chronicle has about 10,000
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
