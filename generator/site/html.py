"""The sanitiser of every published page: the second line of defence.

Contributors' text is checked and sanitised as it is read (``bodies``); every
page the chronicle renders is sanitised again here, whole, before an engine
publishes it: only the tags and attributes the templates, Markdown, the maps
and the charts legitimately write survive.
"""

from __future__ import annotations

import html
import re

import nh3

# What the site's pages legitimately hold: Markdown's output, the templates'
# structure, Material's headerlinks, ARIA, data-* attributes, <time datetime>,
# and the generated maps and charts (SVG shapes and links; never script,
# styles, <use>, <foreignObject> or animation). Contributors' bodies never
# reach here with SVG: safety.check_body refuses it.
_TAGS = {
    "a", "abbr", "article", "aside", "b", "bdi", "blockquote", "br", "button", "caption", "cite",
    "code", "col", "colgroup", "dd", "del", "details", "div", "dl", "dt", "em", "figcaption",
    "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark",
    "nav", "ol", "p", "pre", "q", "s", "section", "small", "span", "strong", "sub", "summary",
    "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul",
    # The maps and the timeline chart (geo.py, chart.py): shapes, text and links only.
    "svg", "path", "circle", "rect", "line", "text", "title",
}  # fmt: skip
_ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "dir", "role", "aria-label", "aria-labelledby",
          "aria-describedby", "aria-hidden", "aria-sort", "hidden"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "time": {"datetime"},
    "ol": {"start"},
    "button": {"type"},
    "details": {"open"},
    "svg": {"viewBox"},
    "path": {"d"},
    "circle": {"cx", "cy", "r"},
    "rect": {"x", "y", "width", "height"},
    "line": {"x1", "y1", "x2", "y2"},
    "text": {"x", "y", "text-anchor"},
}  # fmt: skip
# rel is kept only with these values (the templates' prev/next links and the
# content licence's link); every external link gets rel="noopener noreferrer"
# after cleaning.
_REL_VALUES = {"prev", "next", "noopener noreferrer", "license noopener noreferrer"}
_URL_SCHEMES = {"http", "https", "mailto"}

_A_TAG = re.compile(r'<a((?:\s+[^\s"\'>/=]+(?:="[^"]*")?)*)\s*>')
_ATTRIBUTE = re.compile(r'([^\s"\'>/=]+)(?:="([^"]*)")?')
_EXTERNAL = re.compile(r"[a-z][a-z0-9+.-]*:|[/\\]{2}", re.IGNORECASE)


def _rel_external(match: re.Match) -> str:
    attributes = _ATTRIBUTE.findall(match.group(1))
    href = html.unescape(next((v for k, v in attributes if k == "href"), ""))
    if not _EXTERNAL.match(href.strip()):
        return match.group(0)
    rel = next((v for k, v in attributes if k == "rel"), "").split()
    tokens = " ".join(
        dict.fromkeys([t for t in rel if t not in ("prev", "next")] + ["noopener", "noreferrer"])
    )
    kept = "".join(f' {k}="{v}"' for k, v in attributes if k != "rel")
    return f'<a{kept} rel="{tokens}">'


def sanitize(page_html: str) -> str:
    """The second line of defence: only known-harmless HTML survives.

    Script, styles, event attributes, unknown tags and URLs with any scheme but
    http, https and mailto are removed; external links get
    ``rel="noopener noreferrer"``.
    """
    clean = nh3.clean(
        page_html,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        tag_attribute_values={"a": {"rel": _REL_VALUES}},
        generic_attribute_prefixes={"data-"},
        url_schemes=_URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )
    # nh3 writes every attribute as name="value" with quotes escaped, so this is exact.
    return _A_TAG.sub(_rel_external, clean)
