"""The search index of a build: the chronicle's fields added, the skipped blocks left out.

mkdocs-material's search plugin indexes each page as MkDocs renders it and
writes ``search/search_index.json`` after the build. :class:`SearchIndex`:

- hands the search plugin each generated page without the blocks it skips
  anyway (``blocks.skipped_by_search``), and puts the whole page back after;
- before the index is written, adds the chronicle's fields (names, aliases,
  folded words: ``site.search``) to its entries;
- in a preview's rebuild, where MkDocs rendered only the pages an edit
  reached, hands the search plugin the last build's index with the entries
  of the rendered (and removed) pages replaced.
"""

from __future__ import annotations

import re

from ..content.model import Chronicle
from ..site import search as site_search
from ..site.i18n import Words
from . import blocks

# mkdocs-material's search plugin removes these from a page once it has indexed it.
_SEARCH_ATTRIBUTES = re.compile(r"\s?data-search-\w+=\"[^\"]+\"")


def search_plugin(config):
    """mkdocs-material's search plugin, when it indexes the pages."""
    search = config.plugins.get("material/search") or config.plugins.get("search")
    if search is None or not getattr(search, "config", {}).get("enabled", False):
        return None
    return search


class SearchIndex:
    """The search index of each build, and the last one's under a preview (module docstring)."""

    def __init__(self) -> None:
        self.fields: dict[str, dict[str, object]] = {}  # URL: the chronicle's fields of its page
        self.views: dict[str, str] = {}  # src_uri: its HTML as the search index reads it
        self.full_content: str | None = None  # the page being indexed, whole
        self.entries: list | None = None  # the last build's entries (a preview's)
        self.rendered: set[str] = set()  # URLs of the pages this build rendered
        self.gone: set[str] = set()  # URLs of pages a preview's rebuild removed

    def start(
        self, chronicle: Chronicle | None, gone: set[str] = frozenset(), language: str = "en"
    ) -> None:
        """A new build of this chronicle (None: content with errors, no fields), its
        interface in ``language``."""
        words = Words(language)
        self.fields = site_search.index_fields(chronicle, words) if chronicle is not None else {}
        self.rendered = set()
        self.gone = set(gone)

    def view(self, src: str, config, around: str, parts: blocks.Split, clean: tuple) -> None:
        """Keep the page as the search plugin should read it: without the blocks it skips."""
        if search_plugin(config) is None:
            return
        searched = tuple(
            "" if blocks.skipped_by_search(b) else c for b, c in zip(parts.blocks, clean)
        )
        self.views[src] = blocks.join(around, searched, parts.spaced)

    def before_page(self, page) -> None:
        """Before the search plugin indexes the page: hand it the page's view."""
        self.rendered.add(page.url)
        view = self.views.pop(page.file.src_uri, None)
        if view is not None:
            self.full_content, page.content = page.content, view

    def after_page(self, page) -> None:
        """After it: the whole page back, as the search plugin leaves a page it indexed."""
        if self.full_content is not None:
            page.content = _SEARCH_ATTRIBUTES.sub("", self.full_content)
            self.full_content = None

    def merge(self, config, keep_last: bool, preview: bool) -> None:
        """Hand the search plugin the index to write: its entries, with the chronicle's fields.

        ``keep_last``: a preview's rebuild that rendered some pages only; the index
        is the last one's, with the rendered pages' entries anew. The fields
        (``site.search.enrich_entries``) are added to the new entries, and to kept
        ones whose fields changed. ``preview``: keep the entries for the next build.
        """
        search = search_plugin(config)
        index = getattr(search, "search_index", None)
        if index is None or not self.fields:
            return
        entries, done = list(index.entries), set()
        if keep_last and self.entries is not None:
            stale = self.rendered | self.gone
            kept = [e for e in self.entries if e["location"].split("#")[0] not in stale]
            entries, done = kept + entries, {id(e) for e in kept}
        site_search.enrich_entries(entries, self.fields, done)
        site_search.declare(search.config["fields"])
        search.search_index = site_search.IndexToWrite(search.config, entries)
        search.search_index_prev = None
        self.entries = entries if preview else None
