"""The render-then-parse check of a contributor's body: what ``rules.py`` refuses, found.

``render.render_body`` renders the body once, and ``check_html`` reads
that very HTML back with an HTML parser, so the check sees what a browser
would: code stays code, entities and obfuscated links are decoded. The raw
HTML the contributor typed (which Python-Markdown passes through verbatim)
is also held to ``rules.ALLOWED_TAGS``. What passes is sanitised and
published as it is (``bodies/render.py``); every page is sanitised again by
``site.html.sanitize`` as a second line. ``prepare`` refuses, before
rendering, what would make Python-Markdown slow.

Imports ``rules`` and the model alone: the renderer calls the check, never
the other way round.
"""

from __future__ import annotations

import itertools
import re
from html.parser import HTMLParser

from ..content.model import Problem
from .rules import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_TAGS,
    COMMENT,
    DECLARATION,
    EVENT_ATTRIBUTE,
    EXTERNAL_IMAGE,
    ID_PREFIX,
    LINK_SCHEMES,
    MARKDOWN_ATTRIBUTES,
    MARKDOWN_TAGS,
    MAX_BODY,
    MAX_PROBLEMS,
    STYLE,
    URL_ATTRIBUTES,
    VOID_TAGS,
    attribute_message,
    is_external,
    normalise,
    scheme_message,
    scheme_of,
    tag_message,
    too_costly,
)

_ALIGN = re.compile(r"text-align: (?:left|right|center);?")
_LANGUAGE = re.compile(r"language-[\w+#.-]+")
_OPEN_TAG = re.compile(r"<(/?[A-Za-z][A-Za-z0-9-]*|!|\?)")


class _Reader(HTMLParser):
    """Collects the tags, attributes, texts and comments of a piece of HTML, in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[tuple] = []

    def _at(self) -> tuple[int, int]:
        return self.getpos()

    def handle_starttag(self, tag, attrs):
        kind = "void" if tag in VOID_TAGS else "start"
        self.events.append((kind, tag, attrs, self.get_starttag_text(), self._at()))

    def handle_startendtag(self, tag, attrs):
        # `<span/>` opens a span in a browser: only void and foreign (SVG, MathML)
        # elements close themselves; those are refused anyway.
        known = tag in ALLOWED_TAGS or tag in MARKDOWN_TAGS
        kind = "start" if known and tag not in VOID_TAGS else "void"
        self.events.append((kind, tag, attrs, self.get_starttag_text(), self._at()))

    def handle_endtag(self, tag):
        self.events.append(("end", tag, None, None, self._at()))

    def handle_data(self, data):
        self.events.append(("data", data, None, None, self._at()))

    def handle_comment(self, data):
        self.events.append(("comment", data, None, None, self._at()))

    def handle_decl(self, decl):
        self.events.append(("decl", decl, None, None, self._at()))

    def handle_pi(self, data):
        self.events.append(("decl", data, None, None, self._at()))

    def unknown_decl(self, data):
        self.events.append(("decl", data, None, None, self._at()))


def _read(fragment: str) -> list[tuple]:
    reader = _Reader()
    reader.feed(fragment)
    reader.close()
    return reader.events


class LineFinder:
    """The line of a text found in a body's source (the body's first line if not found)."""

    def __init__(self, source: str, first_line: int):
        self._lines = _Lines(source, first_line)

    def line(self, text: str) -> int:
        return self._lines.line(re.compile(re.escape(text)))


class _Lines:
    """Finds the line of a problem seen in the rendered HTML, back in the source."""

    def __init__(self, source: str, first_line: int):
        self.raw = source.split("\n")
        self.normal = [normalise(line) for line in self.raw]
        self.first = first_line
        self.cursor: dict[tuple, tuple[int, int]] = {}

    def find(self, pattern: re.Pattern, normalised: bool = False) -> int | None:
        lines = self.normal if normalised else self.raw
        key = (pattern.pattern, pattern.flags, normalised)
        start_line, start_col = self.cursor.get(key, (0, 0))
        # From where this pattern was last found, then once round from the top.
        for i in itertools.chain(range(start_line, len(lines)), range(start_line + 1)):
            col = start_col if i == start_line and key in self.cursor else 0
            match = pattern.search(lines[i], col)
            if match:
                self.cursor[key] = (i, match.start() + 1)
                return self.first + i
        return None

    def line(self, pattern: re.Pattern, normalised: bool = False) -> int:
        found = self.find(pattern, normalised)
        return self.first if found is None else found


def _tag_pattern(tag: str, closing: bool = False) -> re.Pattern:
    slash = "/" if closing else ""
    return re.compile(r"<\s*" + slash + re.escape(tag) + r"(?![\w:-])", re.IGNORECASE)


def _name_pattern(name: str) -> re.Pattern:
    shorthand = {"class": r"|\{[^}\n]*\.[A-Za-z]", "id": r"|\{[^}\n]*#"}.get(name, "")
    return re.compile(r"(?<![\w-])" + re.escape(name) + r"\s*=" + shorthand, re.IGNORECASE)


def _url_pattern(url: str) -> re.Pattern:
    return re.compile(re.escape(normalise(url)[:60]))


def _pseudo_tag(text: str) -> str | None:
    """The scheme of an autolink-like tag such as ``<javascript:alert(1)>``, else None."""
    return scheme_of(text.strip("<>")) if text else None


def _raw_problems(fragments: list[str], source: str, first_line: int) -> list[tuple[int, str]]:
    """The raw HTML the contributor typed, held to ALLOWED_TAGS and ALLOWED_ATTRIBUTES."""
    found: list[tuple[int, str]] = []
    refused: set[str] = set()  # a refused tag's closing tag is not reported again
    cursor = 0
    for fragment in fragments:
        text = fragment.strip("\n")
        if not text:
            continue
        # Block HTML is set aside before inline HTML: look ahead first, then from the top.
        at = source.find(text, cursor)
        if at < 0:
            at = source.find(text)
        if at < 0:
            continue  # written by Markdown (a code block), not typed: the rendered check covers it
        cursor = at + len(text)
        base = first_line + source.count("\n", 0, at)
        for kind, name, attrs, tag_text, (row, _) in _read(text):
            line = base + row - 1
            if kind == "end":
                if name not in ALLOWED_TAGS and name not in refused:
                    found.append((line, tag_message(name)))
            elif kind in ("start", "void"):
                scheme = _pseudo_tag(tag_text) if ":" in name else None
                if scheme is not None:
                    if scheme not in LINK_SCHEMES:
                        found.append((line, scheme_message(scheme)))
                    continue
                if name not in ALLOWED_TAGS:
                    refused.add(name)
                    found.append((line, tag_message(name)))
                for attribute, _value in attrs or ():
                    # A tag may run over several lines: point at the attribute's own.
                    where = _name_pattern(attribute).search(tag_text)
                    at_line = line + (tag_text.count("\n", 0, where.start()) if where else 0)
                    if attribute.startswith("on"):
                        found.append((at_line, EVENT_ATTRIBUTE.format(attribute)))
                    elif attribute == "style":
                        found.append((at_line, STYLE))
                    elif name in ALLOWED_TAGS and attribute not in ALLOWED_ATTRIBUTES:
                        found.append((at_line, attribute_message(attribute, name)))
            elif kind == "comment":
                found.append((line, COMMENT))
            elif kind == "decl":
                found.append((line, DECLARATION))
    return found


def _own_anchor(attrs: list) -> bool:
    """Whether a link leads to an anchor of the contributor's own text."""
    return (dict(attrs).get("href") or "").startswith("#" + ID_PREFIX)


def _attribute_problems(tag: str, attrs: list, lines: _Lines) -> list[tuple[int, str]]:
    known = tag in MARKDOWN_TAGS or tag in ALLOWED_TAGS
    found = []
    for name, value in attrs:
        value = value or ""
        if name.startswith("on"):
            found.append((lines.line(_name_pattern(name)), EVENT_ATTRIBUTE.format(name)))
        elif name == "style":
            if not (tag in ("th", "td") and _ALIGN.fullmatch(value)):
                found.append((lines.line(_name_pattern(name)), STYLE))
        elif name in URL_ATTRIBUTES:
            scheme = scheme_of(value)
            where = lines.line(_url_pattern(value), normalised=True) if value else lines.first
            if scheme is not None and scheme not in LINK_SCHEMES:
                found.append((where, scheme_message(scheme)))
            elif tag == "img" and name == "src" and is_external(value):
                found.append((where, EXTERNAL_IMAGE))
            elif name not in MARKDOWN_ATTRIBUTES.get(tag, ()) and known:
                found.append((lines.line(_name_pattern(name)), attribute_message(name, tag)))
        elif not known:
            continue  # the tag itself is refused
        elif name == "class" and tag == "sup" and value == "citation":
            continue  # a numbered citation, written by bodies/render.py for [^source-id]
        elif name == "class" and tag == "a" and value == "headerlink" and _own_anchor(attrs):
            continue  # a heading's permalink, written by the toc extension
        elif name == "class":
            # Only fenced code's language class: a class could restyle text as a badge.
            if not (tag == "code" and _LANGUAGE.fullmatch(value)):
                found.append((lines.line(_name_pattern(name)), attribute_message(name, tag)))
        elif name not in ALLOWED_ATTRIBUTES and name not in MARKDOWN_ATTRIBUTES.get(tag, ()):
            found.append((lines.line(_name_pattern(name)), attribute_message(name, tag)))
    return found


def _rendered_problems(rendered: str, source: str, first_line: int) -> list[tuple[int, str]]:
    """What the rendered body carries: tags, attributes, links, and unbalanced tags."""
    lines = _Lines(source, first_line)
    found: list[tuple[int, str]] = []
    stack: list[str] = []

    def unclosed(tag: str) -> None:
        found.append((lines.line(_tag_pattern(tag)), f"HTML tag <{tag}> is not closed"))

    for kind, name, attrs, tag_text, _ in _read(rendered):
        if kind in ("start", "void"):
            scheme = _pseudo_tag(tag_text) if ":" in name else None
            if scheme is not None:
                if scheme not in LINK_SCHEMES:
                    where = lines.line(_url_pattern(tag_text.strip("<>")), normalised=True)
                    found.append((where, scheme_message(scheme)))
                continue
            if name not in MARKDOWN_TAGS and name not in ALLOWED_TAGS:
                found.append((lines.line(_tag_pattern(name)), tag_message(name)))
            found.extend(_attribute_problems(name, attrs, lines))
            if kind == "start":
                stack.append(name)
        elif kind == "end":
            if name in stack:
                while stack[-1] != name:
                    unclosed(stack.pop())
                stack.pop()
            elif ":" not in name:
                found.append(
                    (
                        lines.line(_tag_pattern(name, closing=True)),
                        f"closing tag </{name}> has no opening tag",
                    )
                )
        elif kind == "data" and "code" not in stack and "pre" not in stack:
            for match in _OPEN_TAG.finditer(name):
                opened = match.group(0)
                after = "" if opened in ("<!", "<?") else r"(?![\w-])"
                line = lines.find(re.compile(re.escape(opened) + after))
                if line is None:
                    continue  # typed as &lt;: it shows as text
                if opened == "<!":
                    found.append((line, COMMENT))
                elif opened == "<?":
                    found.append((line, DECLARATION))
                else:
                    found.append(
                        (
                            line,
                            (
                                f"unclosed HTML tag '{opened}': end it with '>', or "
                                "write &lt; for a literal '<'"
                            ),
                        )
                    )
        elif kind == "comment":
            found.append((lines.line(re.compile(re.escape("<!--"))), COMMENT))
        elif kind == "decl":
            found.append((lines.line(re.compile(r"<[!?]")), DECLARATION))
    while stack:
        unclosed(stack.pop())
    return found


def prepare(body: str, path: str, first_line: int) -> tuple[str, Problem | None]:
    """The body as Python-Markdown reads it, or the limit it passes.

    One kind of line ending, tabs expanded; a body over ``MAX_BODY`` characters,
    or one that passes a limit of ``rules.too_costly``, is refused before rendering.
    """
    if len(body) > MAX_BODY:
        # Python-Markdown slows down more than linearly on crafted long texts.
        message = f"is longer than {MAX_BODY:,} characters: split it into several entries"
        return "", Problem(path, first_line, "body", message)
    source = body.replace("\r\n", "\n").replace("\r", "\n").expandtabs(4)
    costly = too_costly(source)
    if costly is not None:
        return "", Problem(path, first_line + costly[0], "body", costly[1])
    return source, None


def broken_links(targets: list[str], source: str, path: str, first_line: int) -> list[Problem]:
    """Links to .md files that are no page of the site."""
    lines = _Lines(source, first_line)
    return [
        Problem(
            path,
            lines.line(re.compile(re.escape(target))),
            "body",
            f"links to {target!r}, which is not a page of the site",
        )
        for target in targets
    ]


def check_html(
    rendered: str, fragments: list[str], source: str, path: str, first_line: int
) -> list[Problem]:
    """Every problem of a body's rendered HTML and of the raw HTML typed into it."""
    raw = _raw_problems(fragments, source, first_line)
    seen = set(raw)
    typed = {message for _, message in raw}
    found = list(dict.fromkeys(raw))
    for line, message in _rendered_problems(rendered, source, first_line):
        if message not in typed and (line, message) not in seen:
            seen.add((line, message))
            found.append((line, message))
    found.sort()
    problems = [Problem(path, line, "body", message) for line, message in found[:MAX_PROBLEMS]]
    if len(found) > MAX_PROBLEMS:
        rest = len(found) - MAX_PROBLEMS
        problems.append(
            Problem(
                path,
                found[MAX_PROBLEMS][0],
                "body",
                f"and {rest:,} more problem{'s' if rest != 1 else ''} from this line on",
            )
        )
    return problems
