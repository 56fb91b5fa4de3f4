"""Checks on Markdown bodies written by untrusted contributors.

Bodies may use Markdown and a small set of harmless inline HTML
(``ALLOWED_TAGS``); links must be http(s), relative, or anchors. Anything
that could carry script is refused with a message pointing at its line. The
rendered page is sanitised again by ``render.sanitize`` as a second line.
"""

from __future__ import annotations

import re

from .model import Problem

ALLOWED_TAGS = frozenset(
    {"abbr", "b", "br", "cite", "code", "del", "em", "i", "ins", "kbd", "mark", "q", "s",
     "small", "sub", "sup", "strong", "time", "u", "span"}
)  # fmt: skip
ALLOWED_ATTRIBUTES = frozenset({"title", "lang", "dir", "datetime"})
BAD_SCHEMES = ("javascript:", "data:", "vbscript:")

_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)(?=[\s/>]|$)([^>]*)>?", re.S)
_ATTRIBUTE = re.compile(r"([^\s=/>]+)\s*(?:=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+))?")
_LINK = re.compile(r"\]\(\s*<?([^)\s>]*)|\]:\s*<?(\S+?)>?(?:\s|$)|<([a-zA-Z][a-zA-Z0-9+.-]*:[^>\s]*)>")
_CODE = re.compile(r"(`+)(.+?)\1|^(?: {4}|\t).*$", re.S | re.M)
_FENCE = re.compile(r"^(```|~~~).*?^\1\s*$", re.S | re.M)
_COMMENT = re.compile(r"<!--.*?-->", re.S)


def _normalise(url: str) -> str:
    """What a browser would see as the scheme: entities decoded, controls and blanks removed."""
    import html

    url = html.unescape(url)
    return re.sub(r"[\x00-\x20\x7f]+", "", url).lower()


def _blank(match: re.Match) -> str:
    """Keep line numbers while removing code, where tags and links are just text."""
    return re.sub(r"[^\n]", " ", match.group(0))


def check_body(body: str, path: str, first_line: int) -> list[Problem]:
    """Every unsafe link or tag in a Markdown body, as problems."""
    problems = []
    text = _FENCE.sub(_blank, body)
    text = _CODE.sub(_blank, text)

    def at(offset: int) -> int:
        return first_line + text.count("\n", 0, offset)

    for match in _COMMENT.finditer(text):
        problems.append(Problem(path, at(match.start()), "body", "HTML comments are not allowed"))
    text = _COMMENT.sub(_blank, text)
    for match in _TAG.finditer(text):
        closing, tag, rest = match.group(1), match.group(2).lower(), match.group(3)
        line = at(match.start())
        if tag not in ALLOWED_TAGS:
            problems.append(Problem(path, line, "body", f"HTML tag <{tag}> is not allowed; "
                                    f"allowed: {', '.join(sorted(ALLOWED_TAGS))}"))
            continue
        if closing:
            continue
        for attribute, value in _ATTRIBUTE.findall(rest):
            name = attribute.lower()
            if name.startswith("on"):
                problems.append(Problem(path, line, "body",
                                        f"event attribute {name}= is not allowed"))
            elif name == "style":
                problems.append(Problem(path, line, "body", "style attributes are not allowed"))
            elif name not in ALLOWED_ATTRIBUTES:
                problems.append(Problem(path, line, "body", f"attribute {name}= on <{tag}> is "
                                        f"not allowed; allowed: {', '.join(sorted(ALLOWED_ATTRIBUTES))}"))
    for match in _LINK.finditer(text):
        url = next(g for g in match.groups() if g is not None)
        if _normalise(url).startswith(BAD_SCHEMES):
            scheme = _normalise(url).split(":", 1)[0]
            problems.append(Problem(path, at(match.start()), "body",
                                    f"{scheme}: links are not allowed; use http or https"))
    return problems
