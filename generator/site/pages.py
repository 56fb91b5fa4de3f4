"""What the renderer makes: a page to publish (:class:`OutPage`), and the sizes of its
lists."""

from __future__ import annotations

from dataclasses import dataclass

from ..content.model import page_url

LATEST = 10  # the newest events of the home page and of a term's page
MAP_CONTEXT = 25  # how many other places a location page's map shows around it
# A list of more events than this (a term's events, the chronicle, the disputed
# topics) is split into a page per year, so that no page grows without end.
LIST_LIMIT = 200


@dataclass(frozen=True)
class OutPage:
    """One page to publish: ``path`` is its Markdown path in the site's docs."""

    path: str  # e.g. "events/2024-07-25-battle-of-north-town.md"
    markdown: str
    source: str | None = None  # the content file it enriches, or None when generated
    # The headings of the contributor's text, which is HTML in the Markdown: an engine
    # adds them to the page's table of contents (body.toc_tokens).
    headings: tuple = ()

    @property
    def url(self) -> str:
        return page_url(self.path)
