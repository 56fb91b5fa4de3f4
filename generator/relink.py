"""Markdown links to pages that sit at another path in the pregenerated folder.

In the pregenerated folder every page the chronicle renders is the file
``<its URL>/index.md`` (``events/x/index.md`` for ``events/x/``), so that the
folder of its Markdown file is its URL: a relative link in its HTML then means
the same to an engine that leaves links in HTML alone (MkDocs, ProperDocs) and
to one that reads them from the Markdown file's folder (Zensical). Links that
contributors wrote in Markdown (``[the chronicle](chronicle.md)``) name files by
their place in the content folder; ``relink`` points each one that leads to a
page that moved at its new file, relative to where the linking page now is.
Links in code spans and fenced code blocks are text and are left as written.
"""

from __future__ import annotations

import posixpath
import re

# [text](target.md#anchor "title") and [label]: target.md#anchor
_INLINE = re.compile(
    r"(\]\(\s*<?)([^()<>\s]+?\.md)((?:#[^()<>\s]*)?>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\))"
)
_DEFINITION = re.compile(r"^( {0,3}\[[^\]]+\]:[ \t]*<?)([^<>\s]+?\.md)((?:#\S*)?>?(?:\s|$))")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+).+?\1")


def relink(markdown: str, was: str, now: str, moved: dict[str, str]) -> str:
    """``markdown`` of the page once at ``was`` and now at ``now`` (docs-relative paths),
    with its links to moved pages (``moved``: old path -> new path) re-pointed."""
    if was == now and not moved:
        return markdown

    def target(link: str) -> str:
        if "://" in link or link.startswith("/"):
            return link
        old = posixpath.normpath(posixpath.join(posixpath.dirname(was), link))
        new = moved.get(old, old)
        if new == old and was == now:
            return link
        return posixpath.relpath(new, posixpath.dirname(now) or ".")

    def inline(match: re.Match) -> str:
        return match.group(1) + target(match.group(2)) + match.group(3)

    out, fence = [], None
    for line in markdown.splitlines(keepends=True):
        opening = _FENCE.match(line)
        if fence is not None:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
            out.append(line)
            continue
        if opening:
            fence = opening.group(1)
            out.append(line)
            continue
        line = _DEFINITION.sub(inline, line)
        # Outside code spans only: split the line at them and re-point the rest.
        parts, last = [], 0
        for span in _CODE_SPAN.finditer(line):
            parts.append(_INLINE.sub(inline, line[last : span.start()]))
            parts.append(span.group(0))
            last = span.end()
        parts.append(_INLINE.sub(inline, line[last:]))
        out.append("".join(parts))
    return "".join(out)
