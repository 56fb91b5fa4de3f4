"""The MkDocs plugin: a thin adapter between MkDocs events and the core.

- ``on_files``: load, validate and render the chronicle; enrich the event,
  actor, location and source files in place (each at its own URL) and add
  the generated pages and static files: exactly ``outputs.site_outputs``,
  which ``chronicle pages`` writes to a folder for other engines.
- ``on_page_read_source``: hand MkDocs the rendered Markdown of a page.
- ``on_page_markdown`` / ``on_page_content``: escape front-matter metadata
  of ordinary pages; sanitise every page's HTML.
- ``on_config`` / ``on_post_build``: build into a fresh folder and swap it
  into place only when the whole build succeeded.
- ``on_serve``: watch the templates as well as the content.
- ``on_post_build``: add the chronicle's names, aliases and folded words to
  the search index (``search.enrich``).
- Under ``mkdocs serve``, content that does not validate gives a site whose
  every page is an error page listing the problems (``preview.py``).

- Under ``mkdocs serve --dirty`` (unless ``incremental: false``), ``on_files``
  asks ``incremental.Preview`` for the pages an edit reaches and marks only
  those as modified, so that MkDocs rebuilds them alone; ``on_post_build``
  (before the search plugin's) hands the search plugin the whole index.

The content's warnings are one line in the log; ``mkdocs build -v`` lists them.
Settings: ``templates``, ``atomic`` (swap the finished build into place),
``incremental``, ``list_limit`` (a list of more events is split by year).

The build date MkDocs writes (sitemap, sitemap.xml.gz) is taken from the
content (``content_epoch``), so the same content always gives the same site.
"""

from __future__ import annotations

import datetime
import gc
import json
import logging
import os
import shutil
import tempfile
from pathlib import Path

from mkdocs import utils
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import get_toc

from . import preview
from . import search as site_search
from .body import toc_tokens
from .incremental import Preview
from .index import build_chronicle
from .model import Chronicle, ContentError, PartialDate, page_url
from .outputs import escape_meta, site_outputs
from .render import LIST_LIMIT, OutPage, sanitize

log = get_plugin_logger(__name__)
# The engine's own logger, which its --strict counts warnings on: "mkdocs", or
# "properdocs" under ProperDocs (whose mkdocs.* modules are its own, and whose
# "mkdocs" logger passes its records on to "properdocs").
ENGINE_LOGGER = utils.__name__.partition(".")[0]


class ChronicleConfig(base.Config):
    templates = c.Type(str, default="templates")
    atomic = c.Type(bool, default=True)
    # Under `mkdocs serve --dirty`, rebuild only the pages an edit reaches (incremental.py).
    incremental = c.Type(bool, default=True)
    # A list of more events than this is split into a page per year (render.LIST_LIMIT).
    list_limit = c.Type(int, default=LIST_LIMIT)


class _File(File):
    """A page of the chronicle, which MkDocs rebuilds in a dirty build only if it changed."""

    changed = True

    def is_modified(self) -> bool:
        return self.changed


def with_body_headings(toc, headings: tuple) -> list[dict]:
    """The page's table of contents with the headings of its contributor text.

    A generated page's first heading is its title; the text comes before its
    other sections (claims, sources, events), as on the page.
    """

    def tokens(items) -> list[dict]:
        return [
            {"level": i.level, "id": i.id, "name": i.title, "children": tokens(i.children)}
            for i in items
        ]

    page = tokens(toc)
    body = toc_tokens(headings)
    if page and page[0]["level"] == 1 and body and body[0]["level"] > 1:
        page[0]["children"] = body + page[0]["children"]
        return page
    return body + page


def content_epoch(chronicle: Chronicle) -> str:
    """Midnight UTC of the newest date in the content, as a SOURCE_DATE_EPOCH value.

    The dates are those of events (and their ends), claims and sources; 0 when
    the newest is before 1970.
    """
    newest = chronicle.newest_date() or PartialDate(1970)
    if newest.year < 1970:
        return "0"
    day = datetime.datetime(newest.year, newest.month or 1, newest.day or 1, tzinfo=datetime.UTC)
    return str(int(day.timestamp()))


def _dest(page: OutPage) -> str:
    return page.url + "index.html"


class ChroniclePlugin(BasePlugin[ChronicleConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.serving = False
        self.final_site: str | None = None
        self.building: str | None = None
        self.markdown: dict[str, str] = {}
        self.headings: dict[str, tuple] = {}
        self.warnings: utils.CountHandler | None = None
        self.pinned_date = False
        self.search_fields: dict[str, dict[str, str]] = {}
        self.problems: list[str] = []
        self.dirty = False
        self.preview: Preview | None = None
        self.rebuilt: set[str] | None = None  # URLs rebuilt by a dirty build, for search
        self.gone: set[str] = set()  # URLs of pages a dirty build removed
        self.frozen = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        self.dirty = dirty

    def on_config(self, config):
        root = Path(config.config_file_path or ".").resolve().parent
        self.templates = (root / self.config.templates).resolve()
        if not config.use_directory_urls:
            raise PluginError("chronicle: use_directory_urls must be true")
        if self.config.atomic and not self.serving:
            self.final_site = config.site_dir
            parent = Path(config.site_dir).resolve().parent
            parent.mkdir(parents=True, exist_ok=True)
            self.building = tempfile.mkdtemp(prefix=".site-building-", dir=parent)
            config.site_dir = self.building
            # MkDocs counts --strict warnings only after on_post_build: count them
            # too, so that a build it will abort is never swapped into place.
            self.warnings = utils.CountHandler()
            self.warnings.setLevel(logging.WARNING)
            logging.getLogger(ENGINE_LOGGER).addHandler(self.warnings)
        return config

    def on_files(self, files: Files, config) -> Files:
        docs = config.docs_dir
        display = os.path.relpath(docs)
        self.problems = []
        incremental = self.serving and self.dirty and self.config.incremental
        site_url, site_name = config.site_url or "", config.site_name
        try:
            if incremental:
                if self.preview is None or self.preview.root != Path(docs):
                    self.preview = Preview(Path(docs), display, self.templates, site_url, site_name)
                update = self.preview.update(self.config.list_limit)
                chronicle, pages, changed = update.chronicle, update.pages, update.changed
                self._forget(update.removed, config)
            else:
                chronicle = build_chronicle(Path(docs), display=display, cache=True)
                pages, changed = None, None
        except ContentError as error:
            for problem in error.problems:
                log.error(str(problem))
            count = len([p for p in error.problems if p.severity == "error"])
            summary = f"the content has {count} problem{'s' if count != 1 else ''}"
            if self.serving:
                log.error(f"{summary}; the preview shows them until they are fixed")
                self.problems = [str(p) for p in error.problems]
                self.search_fields = {}
                return preview.error_files(files, config)
            raise PluginError(f"{summary}; nothing was built") from None
        for warning in chronicle.warnings:
            log.debug(str(warning))
        if chronicle.warnings:
            count = len(chronicle.warnings)
            log.info(
                f"the content has {count} warning{'s' if count != 1 else ''} "
                "(listed by chronicle check, or by mkdocs with --verbose)"
            )
        self.search_fields = site_search.index_fields(chronicle)
        # MkDocs dates the sitemap and sitemap.xml.gz by SOURCE_DATE_EPOCH, else by the
        # clock: unless the user set it, date the build by the content, for this build.
        if "SOURCE_DATE_EPOCH" not in os.environ:
            os.environ["SOURCE_DATE_EPOCH"] = content_epoch(chronicle)
            self.pinned_date = True
        outputs = site_outputs(
            chronicle, self.templates, site_url, site_name, self.config.list_limit, pages
        )
        self.markdown = {}
        self.headings = {}
        self.rebuilt = set() if changed is not None else None
        for page in outputs.pages:
            self.headings[page.source or page.path] = page.headings
            if page.source is not None:
                old = files.get_file_from_path(page.source)
                if old is not None:
                    files.remove(old)
                file = _File(
                    page.source, docs, config.site_dir, config.use_directory_urls,
                    dest_uri=_dest(page),
                )  # fmt: skip
                self.markdown[page.source] = page.markdown
            else:
                file = _File.generated(config, page.path, content=page.markdown)
            if changed is not None:
                file.changed = page.path in changed or not os.path.exists(file.abs_dest_path)
                if file.changed:
                    self.rebuilt.add(file.url)
            files.append(file)
        for path, content in outputs.files.items():
            theme_file = files.get_file_from_path(path)  # e.g. assets/ of the custom_dir
            if theme_file is not None:
                files.remove(theme_file)
            files.append(File.generated(config, path, content=content))
        # The chronicle and its pages live until the build ends: keep them out of the
        # garbage collector's passes, which MkDocs's many allocations would otherwise
        # make scan them again and again (a tenth of a 10,000-event build).
        if not self.serving:  # a preview rebuilds a few pages: a collection would cost more
            gc.collect()
            gc.freeze()
            self.frozen = True
        return files

    def _unfreeze(self) -> None:
        if self.frozen:
            gc.unfreeze()
            self.frozen = False

    def _forget(self, removed: set[str], config) -> None:
        """A dirty build keeps the site's old files: remove those of pages now gone."""
        for path in removed:
            dest = Path(config.site_dir) / (page_url(path) + "index.html")
            dest.unlink(missing_ok=True)
        self.gone = {page_url(path) for path in removed}

    def on_env(self, env, config, files):
        return preview.error_env(env, self.problems)

    def on_page_read_source(self, page, config) -> str | None:
        return self.markdown.get(page.file.src_uri)

    def on_page_markdown(self, markdown: str, page, config, files) -> str:
        page.meta = escape_meta(page.meta)  # the theme prints meta values unescaped
        return markdown

    def on_page_content(self, html_text: str, page, config, files) -> str:
        headings = self.headings.get(page.file.src_uri)
        if headings:
            page.toc = get_toc(with_body_headings(page.toc, headings))
        return sanitize(html_text)

    def on_serve(self, server, config, builder):
        server.watch(str(self.templates))
        return server

    def _unpin_date(self) -> None:
        if self.pinned_date:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
            self.pinned_date = False

    def _enrich_search_index(self, config) -> None:
        path = Path(config.site_dir) / "search" / "search_index.json"
        if not self.search_fields or not path.is_file():
            return
        index = site_search.enrich(json.loads(path.read_text(encoding="utf-8")), self.search_fields)
        path.write_text(
            json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
        )

    @event_priority(50)  # before the search plugin writes its index
    def _before_search_index(self, config) -> None:
        self._unpin_date()
        self._unfreeze()
        self._merge_search_index(config)

    @event_priority(-50)  # after the search plugin has written its index
    def _after_search_index(self, config) -> None:
        self._enrich_search_index(config)
        if not self.building:
            return
        logging.getLogger(ENGINE_LOGGER).removeHandler(self.warnings)
        if config.strict and self.warnings.get_counts():
            return  # MkDocs aborts next; on_build_error removes the new build
        final = Path(self.final_site)
        retired = None
        if final.exists():
            retired = Path(tempfile.mkdtemp(prefix=".site-old-", dir=final.parent))
            final.rename(retired / "site")
        os.rename(self.building, final)
        if retired is not None:
            shutil.rmtree(retired, ignore_errors=True)
        config.site_dir = str(final)
        self.building = None

    on_post_build = CombinedEvent(_before_search_index, _after_search_index)

    def _merge_search_index(self, config) -> None:
        """After a dirty build, the search index: the last one's, with rebuilt pages anew.

        mkdocs-material's search plugin, in a dirty build, replaces the entries of
        the first page it indexed only: with several pages rebuilt, give it the
        whole index here.
        """
        if self.rebuilt is None:
            return
        search = config.plugins.get("material/search") or config.plugins.get("search")
        index = getattr(search, "search_index", None)
        prev = getattr(search, "search_index_prev", None)
        if index is None or prev is None:
            return
        stale = self.rebuilt | self.gone
        kept = [e for e in prev.entries if e["location"].split("#")[0] not in stale]
        index.entries = kept + index.entries
        search.search_index_prev = None

    def on_build_error(self, error: Exception) -> None:
        self._unpin_date()
        self._unfreeze()
        if self.warnings is not None:
            logging.getLogger(ENGINE_LOGGER).removeHandler(self.warnings)
        if self.building:
            shutil.rmtree(self.building, ignore_errors=True)
            self.building = None
