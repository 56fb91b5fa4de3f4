"""The MkDocs plugin: a thin adapter between MkDocs events and the core.

Each hook hands its work to one object with a name that says its job:

- ``on_files``: the chronicle loaded, validated and rendered
  (``content.index.build_chronicle``, or ``incremental.Preview`` under
  ``mkdocs serve``: only the pages an edit reaches) and its outputs
  (``site.outputs.site_outputs``, which ``chronicle pages`` writes to a folder
  for other engines) placed among MkDocs's files (``files.place``);
- ``on_page_read_source`` / ``on_page_markdown`` / ``on_page_content``: a
  page's rendered Markdown handed to MkDocs, its HTML blocks past
  Python-Markdown (``blocks``), its front matter escaped, its HTML sanitised
  (``site.html.sanitize``);
- ``on_page_context`` / ``on_post_build``: the search index
  (``search_index.SearchIndex``);
- ``on_config`` / ``on_post_build`` / ``on_build_error``: the atomic build
  (``atomic.AtomicBuild``): the site is replaced only by a whole build;
- ``on_pre_build`` / ``on_files``: a preview's last build moved aside while
  MkDocs cleans the folder (``keeping.Stash``); the downloads written after the
  pages (``downloads.DownloadsWriter``); the garbage collector kept off the
  long-lived state (``keeping.Heap``);
- ``on_serve``: the templates watched too, by the system's file events
  (``watching``);
- ``on_config`` / ``on_post_page``: the interface's language, its catalog checked,
  the search stemming it and a right-to-left document marked (``language``);
- the log: the content's warnings and errors, the history it was built with
  (``reports``); the build dated by its content (``files.BuildDate``);
- content with errors under ``mkdocs serve``: the last good site under a list of
  the problems, or the error page before any build succeeded (``preview``).

The content's warnings are one line in the log; ``mkdocs build -v`` lists them.
Each entry's history is read from git once a build (``content.history``), with
``repo_url`` and ``edit_uri`` for the pages' links to the repository's host.
Settings: ``templates``, ``atomic`` (swap the finished build into place),
``incremental``, ``list_limit`` (a list of more events is split by year),
``watcher`` (``native`` or ``polling``), ``licence`` (the content's, an SPDX id).

The build date MkDocs writes (sitemap, sitemap.xml.gz) is taken from the
content (``files.content_epoch``), so the same content always gives the same site.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from mkdocs import utils
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.toc import get_toc

from ..content.index import build_chronicle
from ..content.model import ContentError, page_url
from ..site import notfound
from ..site.html import sanitize
from ..site.licences import LICENCES
from ..site.outputs import escape_meta, site_outputs
from ..site.render import LIST_LIMIT, PACKAGED, THEME
from . import blocks, preview, reports
from .atomic import AtomicBuild
from .downloads import DownloadsWriter
from .files import BuildDate, Placed, place, with_body_headings
from .incremental import Preview
from .keeping import Heap, Stash, nav_paths, setup_of, sitemap_pages
from .language import interface_language, with_direction
from .search_index import SearchIndex
from .watching import watch_folders_natively

log = get_plugin_logger(__name__)
# The engine's own logger, which its --strict counts warnings on: "mkdocs", or
# "properdocs" under ProperDocs (whose mkdocs.* modules are its own, and whose
# "mkdocs" logger passes its records on to "properdocs").
ENGINE_LOGGER = utils.__name__.partition(".")[0]


class ChronicleConfig(base.Config):
    templates = c.Type(str, default="templates")
    atomic = c.Type(bool, default=True)
    # Under `mkdocs serve`, rebuild only the pages an edit reaches (incremental.py).
    incremental = c.Type(bool, default=True)
    # A list of more events than this is split into a page per year (render.LIST_LIMIT).
    list_limit = c.Type(int, default=LIST_LIMIT)
    # How `mkdocs serve` learns of a save in a folder: the system's file events, or
    # MkDocs's own polling (for folders mounted from elsewhere). watching.py.
    watcher = c.Choice(("native", "polling"), default="native")
    # The content's licence, an SPDX id (site/licences.py); none stated without it.
    licence = c.Optional(c.Choice(tuple(LICENCES)))


class ChroniclePlugin(BasePlugin[ChronicleConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.serving = self.dirty = False
        self.atomic: AtomicBuild | None = None  # a build's (not a preview's)
        self.preview: Preview | None = None  # mkdocs serve's, from one rebuild to the next
        self.search = SearchIndex()
        self.downloads = DownloadsWriter()
        self.stash = Stash()
        self.heap = Heap()
        self.placed = Placed()  # the pages of this build among MkDocs's files
        self.split: dict[str, blocks.Split] = {}  # src_uri: the page's HTML blocks
        self.problems: list[str] = []  # the content's, which a preview shows (preview.py)
        self.last_good: tuple | None = None  # a preview's last good chronicle and its pages
        self.built = False  # the last build finished: a preview may keep its pages
        self.setup: tuple | None = None  # keeping.setup_of the last build
        self.later: tuple | None = None  # what a preview's downloads are written from
        self.listed: tuple | None = None  # the URLs of the pages, and the build's date
        self.files: Files | None = None
        self.date = BuildDate()  # the date MkDocs writes in the sitemap
        self.language = "en"  # the interface's (theme.language), read in on_config
        self.observer = None  # the native observer of the watched folders (watching.py)

    def _incremental(self) -> bool:
        return self.serving and self.config.incremental

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        self.dirty = dirty

    def on_config(self, config):
        root = Path(config.config_file_path or ".").resolve().parent
        self.templates = (root / self.config.templates).resolve()
        # The packaged theme (main.html, 404.html, assets/) under the chronicle's own
        # custom_dir, when it has one, and above the theme's: no path in mkdocs.yml needed.
        dirs = config.theme.dirs
        if str(THEME) not in dirs:
            dirs.insert(1 if config.theme.custom_dir else 0, str(THEME))
        self.language = interface_language(config)  # its catalog checked (language.py)
        # The words of the theme's 404 page in the interface's language (site/notfound.py).
        config.extra[notfound.EXTRA_KEY] = notfound.not_found_words(self.language)
        if not config.use_directory_urls:
            raise PluginError("chronicle: use_directory_urls must be true")
        if self.config.atomic and not self.serving:
            self.atomic = AtomicBuild(ENGINE_LOGGER)
            self.atomic.start(config)
        return config

    def on_pre_build(self, config) -> None:
        """A preview's rebuild: move the last build aside while MkDocs cleans the folder."""
        self.downloads.stop()
        self.stash = Stash()
        if self._incremental() and self.built and not self.dirty and config.nav:
            self.stash.put_aside(Path(config.site_dir))

    def on_files(self, files: Files, config) -> Files:
        self.problems, self.files, self.placed = [], files, Placed()
        try:
            chronicle, pages, changed, removed = self._chronicle(config)
        except ContentError as error:
            self._report(error)
            if self.last_good is None:  # nothing to keep: each address shows the problems
                self.search.start(None)
                return preview.error_files(files, config)
            # The last good chronicle again, every page under the list of problems.
            (chronicle, pages), changed, removed = self.last_good, None, set()
        else:
            self.last_good = (chronicle, pages) if self.serving else None
        reports.log_warnings(chronicle, log)
        self.search.start(chronicle, {page_url(path) for path in removed}, self.language)
        self.date.pin(chronicle)
        # A preview leaves the pages the edit did not reach as the last build wrote
        # them, with the same configuration and theme, and writes the downloads after
        # the pages (on_post_build).
        setup = setup_of(config)
        keep = self._incremental() and self.built and changed is not None and bool(config.nav)
        keep, self.setup = keep and setup == self.setup, setup
        site_url, site_name = config.site_url or "", config.site_name
        outputs = site_outputs(
            chronicle, self.templates, site_url, site_name, self.config.list_limit, pages,
            downloads=not keep, language=self.language, licence=self.config.licence,
        )  # fmt: skip
        self.later = (chronicle, site_url, site_name) if keep else None
        urls = frozenset(page.url for page in outputs.pages)
        if keep and (urls, self.date.date) == self.listed:
            # The same pages on the same date: the sitemap the last build wrote is this one's.
            config.theme.static_templates.discard("sitemap.xml")
        self.listed = (urls, self.date.date)
        in_nav = nav_paths(config.nav) if keep else set()
        self.placed = place(files, outputs, config, changed, keep, in_nav)
        if not self.serving:  # (a preview's state lives on: on_post_build settles it)
            self.heap.freeze()
        return files

    def _chronicle(self, config) -> tuple:
        """The chronicle, its pages (a preview's) and the paths of the pages changed and gone."""
        docs = Path(config.docs_dir)
        display = os.path.relpath(docs)
        if not self._incremental():
            chronicle = build_chronicle(docs, display=display, cache=True)
            chronicle = replace(chronicle, history=reports.history(config, log))
            return chronicle, None, None, set()
        if self.preview is None or self.preview.root != docs:
            site_url, site_name = config.site_url or "", config.site_name
            self.preview = Preview(
                docs, display, self.templates, site_url, site_name, self.language,
                self.config.licence,
            )  # fmt: skip
            self.preview.history = reports.history(config, log)
        update = self.preview.update(self.config.list_limit)
        site = Path(config.site_dir)
        self.stash.put_back(site)
        for path in update.removed:  # a dirty build keeps the old files of pages now gone
            (site / (page_url(path) + "index.html")).unlink(missing_ok=True)
        return update.chronicle, update.pages, update.changed, update.removed

    def _report(self, error: ContentError) -> None:
        """Content with errors: the build stops; a preview shows them (preview.py)."""
        self.problems = reports.report(error, log, self.serving, self.last_good is not None)
        self.built = False  # the next build writes every page again
        self.stash.drop()

    def on_env(self, env, config, files):
        if self.placed.kept:
            log.info(f"rebuilt {len(files.documentation_pages())} pages, kept {self.placed.kept}")
        no_site = self.last_good is None
        return preview.error_env(env, self.problems, no_site, self.language)

    def on_page_read_source(self, page, config) -> str | None:
        return self.placed.markdown.get(page.file.src_uri)

    def on_page_markdown(self, markdown: str, page, config, files) -> str:
        page.meta = escape_meta(page.meta)  # the theme prints meta values unescaped
        src = page.file.src_uri
        if src in self.placed.headings:  # a page of the chronicle: its HTML blocks skip Markdown
            parts = blocks.split(markdown)
            if parts is not None:
                self.split[src] = parts
                return parts.markdown
        return markdown

    def on_post_page(self, output: str, page, config) -> str:
        """A right-to-left interface (Arabic): ``dir="rtl"`` on ``<html>`` too, where the
        theme puts it on ``<body>`` alone, so that the whole document reads right to left."""
        return with_direction(output, self.language)

    def on_post_template(self, output_content: str, template_name: str, config) -> str:
        return with_direction(output_content, self.language)

    def on_page_content(self, html_text: str, page, config, files) -> str:
        src = page.file.src_uri
        headings = self.placed.headings.get(src)
        if headings:
            page.toc = get_toc(with_body_headings(page.toc, headings))
        parts = self.split.pop(src, None)
        if parts is None:
            return sanitize(html_text)
        # Each block is a whole element, so sanitising it alone is sanitising it in place.
        around, clean = sanitize(html_text), tuple(sanitize(b) for b in parts.blocks)
        self.search.view(src, config, around, parts, clean)
        return blocks.join(around, clean, parts.spaced)

    @event_priority(50)  # before the search plugin indexes the page
    def _before_search_page(self, context, page, config, nav):
        self.search.before_page(page)
        return context

    @event_priority(-50)  # after it
    def _after_search_page(self, context, page, config, nav):
        self.search.after_page(page)
        return context

    on_page_context = CombinedEvent(_before_search_page, _after_search_page)

    def on_template_context(self, context, template_name, config):
        """A preview that kept pages: the sitemap lists them too, as a full build does."""
        if template_name == "sitemap.xml" and self.placed.kept:
            context["pages"] = sitemap_pages(self.files, config, self.date.date)
        return context

    def on_serve(self, server, config, builder):
        # The chronicle's own templates, and the packaged ones (an editable install's).
        for folder in (self.templates, PACKAGED, THEME):
            if folder.is_dir():
                server.watch(str(folder))
        if self.config.watcher == "native":
            self.observer = watch_folders_natively(server)
        return server

    @event_priority(50)  # before the search plugin writes its index
    def _before_search_index(self, config) -> None:
        self.date.unpin()
        self.heap.thaw()
        incremental = self._incremental()
        keep_last = incremental and bool(self.placed.kept or self.dirty)
        self.search.merge(config, keep_last=keep_last, preview=incremental)

    @event_priority(-50)  # after the search plugin has written its index
    def _after_search_index(self, config) -> None:
        self.built = not self.problems  # an error page is no build to keep pages of
        if self._incremental() and not self.placed.kept:
            self.heap.settle()
        if self.later is not None:
            chronicle, site_url, site_name = self.later
            self.later = None
            self.downloads.start(
                chronicle,
                Path(config.site_dir),
                site_url,
                site_name,
                self.language,
                self.config.licence,
            )
        if self.atomic is not None:
            self.atomic.finish(config)

    on_post_build = CombinedEvent(_before_search_index, _after_search_index)

    def on_build_error(self, error: Exception) -> None:
        self.built = False
        self.stash.drop()
        self.date.unpin()
        self.heap.thaw()
        if self.atomic is not None:
            self.atomic.abandon()

    def on_shutdown(self) -> None:
        if self.observer is not None:
            self.observer.stop()
            self.observer.join()
            self.observer = None
        self.downloads.wait()
