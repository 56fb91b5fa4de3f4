"""A contributor's Markdown body, rendered once into the HTML the site publishes.

``render_body`` is the only way a body reaches a page:

1. Python-Markdown renders it with the site's extensions
   (``rules.MARKDOWN_EXTENSIONS``), plus three steps of the chronicle's own:
   ``[^source-id]`` becomes a numbered citation, links to other ``.md`` files
   become the URLs of their pages, and every id a contributor can set (heading
   ids, ``{: #id }``) is moved into the contributors' namespace
   (``ID_PREFIX``), so that no body can take over the anchors of the claims,
   the citations or the theme.
2. ``check.py`` checks exactly that HTML (and the raw HTML typed into it).
3. nh3 sanitises it with the contributors' allow-list: Markdown's own tags and
   the small inline set of ``rules.ALLOWED_TAGS``; no ``hidden``, no ``style``,
   no class but a code block's language, a citation's and a heading's
   permalink (written by the toc extension, as on the rest of the site), no id outside the
   namespace, no image from another site, links only to ``http``, ``https``,
   ``mailto`` or relative URLs.

The renderer embeds the result verbatim in an HTML block, where Markdown is
inert: what was checked is what is published. The body's headings go with it
(``Body.headings``), so that the page's table of contents still lists them.
"""

from __future__ import annotations

import html
import posixpath
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import markdown
import nh3
from markdown.extensions import Extension
from markdown.extensions.toc import slugify
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor

from ..content.model import Problem
from . import check, rules

ID_PREFIX = rules.ID_PREFIX
CITATION = re.compile(r"\[\^([^\]\s]+)\](?!:)")


def citation_order(text: str, sources: tuple[str, ...]) -> list[str]:
    """An event's sources in the order its text first cites them, then the uncited ones."""
    cited = [m.group(1) for m in CITATION.finditer(text) if m.group(1) in sources]
    return list(dict.fromkeys([*cited, *sources]))


Cite = Callable[[str], "tuple[int, str] | None"]


@dataclass(frozen=True)
class Context:
    """Where a body is published: what its citations and ``.md`` links point to."""

    url: str = ""  # the directory URL of the page, "" for the home page
    src: str = ""  # the content file, relative to the content folder
    cite: Cite | None = None  # source id -> (number, href), or None to leave the text
    pages: Mapping[str, str] = field(default_factory=dict)  # content .md path -> its URL


# A heading of a body for the page's table of contents: (level, id, text as HTML,
# the headings under it). The text is Python-Markdown's: tags stripped, entities kept.
Heading = tuple[int, str, str, tuple]


@dataclass(frozen=True)
class Anchor:
    """A link of a body to an anchor of contributor text, to check once every file is read."""

    line: int
    target: str  # the .md file linked to (the body's own for '#text-...')
    anchor: str


@dataclass(frozen=True)
class Body:
    html: str
    problems: list[Problem]
    headings: tuple[Heading, ...] = ()
    anchors: tuple[Anchor, ...] = ()


def anchor_problems(
    path: str, anchors: tuple[Anchor, ...], ids: Mapping[str, set]
) -> list[Problem]:
    """The anchors of ``anchors`` that no heading of their target has.

    ``ids`` gives the heading ids of each file read. Anchors of contributor
    text (``text-...``) must exist; any other anchor is the generated page's
    (claims, sources...) and is kept, unless the target has a heading of that
    name, which the link then surely meant.
    """
    problems = []
    for link in anchors:
        known = ids.get(link.target)
        if known is None:
            continue  # a generated page, or a file with problems of its own
        if link.anchor.startswith(ID_PREFIX) and link.anchor not in known:
            message = f"links to #{link.anchor} in {link.target}, which has no such heading"
        elif not link.anchor.startswith(ID_PREFIX) and ID_PREFIX + link.anchor in known:
            message = (
                f"links to #{link.anchor} in {link.target}: the heading's id is "
                f"#{ID_PREFIX}{link.anchor}"
            )
        else:
            continue
        problems.append(Problem(path, link.line, "body", message))
    return problems


def _headings(tokens: list[dict]) -> tuple[Heading, ...]:
    return tuple((t["level"], t["id"], t["name"], _headings(t["children"])) for t in tokens)


def toc_tokens(headings: tuple[Heading, ...]) -> list[dict]:
    """Headings as Python-Markdown's toc tokens (what MkDocs builds a page's contents from)."""
    return [
        {"level": level, "id": ident, "name": name, "children": toc_tokens(children)}
        for level, ident, name, children in headings
    ]


# --- the chronicle's steps inside Python-Markdown ---------------------------------------


class _Citations(InlineProcessor):
    def __init__(self, owner: _Chronicle):
        super().__init__(CITATION.pattern)
        self.owner = owner

    def handleMatch(self, m, data):
        cite = self.owner.context.cite
        found = cite(m.group(1)) if cite else None
        if found is None:
            return None, None, None  # an unknown source: content/crosscheck.py reports it
        number, href = found
        sup = etree.Element("sup", {"class": "citation"})
        link = etree.SubElement(sup, "a", {"href": href})
        link.text = f"[{number}]"
        self.owner.citations.add(link)
        return sup, m.start(0), m.end(0)


class _Namespace(Treeprocessor):
    """Move every id typed with ``{: #id }`` into the contributors' namespace."""

    def run(self, root):
        for element in root.iter():
            ident = element.get("id")
            if ident is not None and not ident.startswith(ID_PREFIX):
                element.set("id", ID_PREFIX + ident)


class _Links(Treeprocessor):
    """Links to ``.md`` files become page URLs; anchors of this body follow its ids."""

    def __init__(self, md, owner: _Chronicle):
        super().__init__(md)
        self.owner = owner

    def run(self, root):
        context = self.owner.context
        ids = {e.get("id") for e in root.iter() if e.get("id")}
        for element in root.iter("a"):
            href = element.get("href")
            if not href or element in self.owner.citations:
                continue  # a citation leads to its source, whatever the body's ids
            if href.startswith("#"):
                if href[1:] not in ids and ID_PREFIX + href[1:] in ids:
                    element.set("href", "#" + ID_PREFIX + href[1:])
                elif href[1:].startswith(ID_PREFIX) and href[1:] not in ids:
                    self.owner.anchors.append((href, context.src, href[1:]))
                continue
            path, _, anchor = href.partition("#")
            if rules.scheme_of(path) is not None or path.startswith(("/", "\\")):
                continue
            if not path.lower().endswith(".md"):
                continue
            target = posixpath.normpath(posixpath.join(posixpath.dirname(context.src), path))
            url = context.pages.get(target)
            if url is None:
                self.owner.broken.append(path)
                continue
            if anchor:
                self.owner.anchors.append((href, target, anchor))
            rel = posixpath.relpath(url or ".", context.url or ".")
            element.set(
                "href", ("./" if rel == "." else rel + "/") + ("#" + anchor if anchor else "")
            )


class _Chronicle(Extension):
    def __init__(self) -> None:
        super().__init__()
        self.context = Context()
        self.broken: list[str] = []
        self.anchors: list[tuple[str, str, str]] = []  # (link as typed, target .md, anchor)
        self.citations: set = set()  # the links written for [^source-id]

    def extendMarkdown(self, md):
        # After backticks and escapes (code and \[^x] stay text), before links.
        md.inlinePatterns.register(_Citations(self), "chronicle_citations", 175)
        # After attr_list (8) has set ids, before toc (5) numbers and links them.
        md.treeprocessors.register(_Namespace(md), "chronicle_namespace", 6)
        md.treeprocessors.register(_Links(md, self), "chronicle_links", 4)


_CHRONICLE = _Chronicle()
_MARKDOWN = markdown.Markdown(
    extensions=[*rules.MARKDOWN_EXTENSIONS, _CHRONICLE],
    extension_configs={
        # As mkdocs.yml: headings get the theme's permalink.
        "toc": {"slugify": lambda value, sep: ID_PREFIX + slugify(value, sep), "permalink": True}
    },
)


# --- sanitising: the contributors' allow-list ---------------------------------------------

_TAGS = set(rules.MARKDOWN_TAGS | rules.ALLOWED_TAGS)
_ATTRIBUTES = {
    "*": set(rules.ALLOWED_ATTRIBUTES - {"datetime"}),
    "a": {"href", "title", "class"},
    "img": {"src", "alt", "title"},
    "code": {"class"},
    "sup": {"class"},
    "time": {"datetime"},
    **{f"h{n}": {"id"} for n in range(1, 7)},
}
_LANGUAGE = re.compile(r"language-[\w+#.-]+")
_A_TAG = re.compile(r'<a((?:\s+[^\s"\'>/=]+(?:="[^"]*")?)*)\s*>')
_ATTRIBUTE = re.compile(r'([^\s"\'>/=]+)(?:="([^"]*)")?')


def _attribute_filter(tag: str, name: str, value: str) -> str | None:
    if name == "id":
        return value if value.startswith(ID_PREFIX) else None
    if name == "class":
        if tag == "code" and _LANGUAGE.fullmatch(value):
            return value
        if tag == "a" and value == "headerlink":
            return value  # a heading's permalink (check.py checks it leads to the text's own id)
        return "citation" if tag == "sup" and value == "citation" else None
    if tag == "img" and name == "src" and rules.is_external(value):
        return None
    return value


def _external_rel(match: re.Match) -> str:
    attributes = _ATTRIBUTE.findall(match.group(1))
    href = html.unescape(next((v for k, v in attributes if k == "href"), ""))
    if not rules.is_external(href):
        return match.group(0)
    kept = "".join(f' {k}="{v}"' for k, v in attributes if k != "rel")
    return f'<a{kept} rel="noopener noreferrer">'


def sanitize_body(fragment: str) -> str:
    """Only what a contributor may publish survives (see the module's docstring)."""
    clean = nh3.clean(
        fragment,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        attribute_filter=_attribute_filter,
        url_schemes=set(rules.LINK_SCHEMES),
        link_rel=None,
        strip_comments=True,
    )
    # nh3 writes every attribute as name="value" with quotes escaped, so this is exact.
    return _A_TAG.sub(_external_rel, clean)


# --- the one way in ---------------------------------------------------------------------------


def render_body(text: str, path: str, first_line: int, context: Context | None = None) -> Body:
    """The body as the HTML to publish, or the problems that refuse it."""
    source, problem = check.prepare(text, path, first_line)
    if problem is not None:
        return Body("", [problem])
    _CHRONICLE.context = context or Context()
    _CHRONICLE.broken = []
    _CHRONICLE.anchors = []
    _CHRONICLE.citations = set()
    _MARKDOWN.reset()
    try:
        rendered = _MARKDOWN.convert(source)
    except RecursionError:
        return Body("", [Problem(path, first_line, "body", rules.TOO_DEEP)])
    stash = list(_MARKDOWN.htmlStash.rawHtmlBlocks)
    problems = check.check_html(rendered, stash, source, path, first_line)
    problems += check.broken_links(_CHRONICLE.broken, source, path, first_line)
    if problems:
        return Body("", sorted(problems))
    finder = check.LineFinder(source, first_line)
    anchors = tuple(
        Anchor(finder.line(typed), target, anchor) for typed, target, anchor in _CHRONICLE.anchors
    )
    return Body(sanitize_body(rendered), [], _headings(_MARKDOWN.toc_tokens), anchors)


def check_body(body: str, path: str, first_line: int) -> list[Problem]:
    """Every unsafe link, tag or attribute in a Markdown body, as problems.

    The body is rendered as the site publishes it (``render_body``), then checked.
    """
    return render_body(body, path, first_line).problems
