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
- content with errors under ``mkdocs serve``: the last good site under a list of
  the problems, or the error page before any build succeeded (``preview``).

The content's warnings are one line in the log; ``mkdocs build -v`` lists them.
Each entry's history is read from git once a build (``content.history``), with
``repo_url`` and ``edit_uri`` for the pages' links to the repository's host.
Settings: ``templates``, ``atomic`` (swap the finished build into place),
``incremental``, ``list_limit`` (a list of more events is split by year),
``watcher`` (``native`` or ``polling``).

The build date MkDocs writes (sitemap, sitemap.xml.gz) is taken from the
content (``files.content_epoch``), so the same content always gives the same site.
"""

from __future__ import annotations

import os
import re
from dataclasses import replace
from pathlib import Path

from mkdocs import utils
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.toc import get_toc

from ..content.history import History, read_history
from ..content.index import build_chronicle
from ..content.model import Chronicle, ContentError, page_url
from ..site import i18n, notfound
from ..site.html import sanitize
from ..site.outputs import escape_meta, site_outputs
from ..site.render import LIST_LIMIT, PACKAGED, THEME
from ..site.urls import safe_repo_url
from . import blocks, preview
from .atomic import AtomicBuild
from .downloads import DownloadsWriter
from .files import Placed, content_epoch, place, with_body_headings
from .incremental import Preview
from .keeping import Heap, Stash, nav_paths, setup_of, sitemap_pages
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
        self.build_date = ""  # the date MkDocs writes in the sitemap
        self.pinned_date = False
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
        # The interface's language (site/i18n.py): its catalog is read now, so that a broken
        # one stops the build before anything is written.
        self.language = str(config.theme.get("language") or "en")
        try:
            i18n.translations(self.language)
        except ContentError as error:
            raise PluginError(f"chronicle: the interface's catalog is broken:\n{error}") from None
        _search_in(config, self.language)
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
        self._log_warnings(chronicle)
        self.search.start(chronicle, {page_url(path) for path in removed}, self.language)
        self._date_build(chronicle)
        # A preview leaves the pages the edit did not reach as the last build wrote
        # them, with the same configuration and theme, and writes the downloads after
        # the pages (on_post_build).
        setup = setup_of(config)
        keep = self._incremental() and self.built and changed is not None and bool(config.nav)
        keep, self.setup = keep and setup == self.setup, setup
        site_url, site_name = config.site_url or "", config.site_name
        outputs = site_outputs(
            chronicle, self.templates, site_url, site_name, self.config.list_limit, pages,
            downloads=not keep, language=self.language,
        )  # fmt: skip
        self.later = (chronicle, site_url, site_name) if keep else None
        urls = frozenset(page.url for page in outputs.pages)
        if keep and (urls, self.build_date) == self.listed:
            # The same pages on the same date: the sitemap the last build wrote is this one's.
            config.theme.static_templates.discard("sitemap.xml")
        self.listed = (urls, self.build_date)
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
            chronicle = replace(chronicle, history=self._history(config))
            return chronicle, None, None, set()
        if self.preview is None or self.preview.root != docs:
            site_url, site_name = config.site_url or "", config.site_name
            self.preview = Preview(
                docs, display, self.templates, site_url, site_name, self.language
            )
            self.preview.history = self._history(config)
        update = self.preview.update(self.config.list_limit)
        site = Path(config.site_dir)
        self.stash.put_back(site)
        for path in update.removed:  # a dirty build keeps the old files of pages now gone
            (site / (page_url(path) + "index.html")).unlink(missing_ok=True)
        return update.chronicle, update.pages, update.changed, update.removed

    @staticmethod
    def _history(config) -> History:
        """Each entry's history from git (content/history.py); why there is none, and the
        files not yet committed, each said once in the log."""
        repo_url = config.repo_url or None
        if repo_url and safe_repo_url(repo_url) is None:
            raise PluginError(f"chronicle: repo_url must be an http(s) address: {repo_url!r}")
        base = Path(config.config_file_path or ".").resolve().parent
        history = read_history(Path(config.docs_dir), repo_url, config.edit_uri or None, base)
        if history.note is not None:
            log.info(f"built without the entries' history: {history.note}")
        elif history.uncommitted:
            count = len(history.uncommitted)
            log.info(
                f"{count} content file{'s' if count != 1 else ''} with changes not yet "
                f"committed (first: {history.uncommitted[0]}): "
                "the history shows the last commit of each"
            )
        return history

    def _report(self, error: ContentError) -> None:
        """Content with errors: the build stops; a preview shows them (preview.py)."""
        for problem in error.problems:
            log.error(str(problem))
        count = len([p for p in error.problems if p.severity == "error"])
        summary = f"the content has {count} problem{'s' if count != 1 else ''}"
        if not self.serving:
            raise PluginError(f"{summary}; nothing was built") from None
        shown = "the last good site under them" if self.last_good else "them"
        log.error(f"{summary}; the preview shows {shown} until they are fixed")
        self.problems = preview.problem_lines(error.problems)
        self.built = False  # the next build writes every page again
        self.stash.drop()

    @staticmethod
    def _log_warnings(chronicle: Chronicle) -> None:
        for warning in chronicle.warnings:
            log.debug(str(warning))
        if chronicle.warnings:
            count = len(chronicle.warnings)
            log.info(
                f"the content has {count} warning{'s' if count != 1 else ''} "
                "(listed by chronicle check, or by mkdocs with --verbose)"
            )

    def _date_build(self, chronicle: Chronicle) -> None:
        """MkDocs dates the sitemap by SOURCE_DATE_EPOCH, else by the clock: unless the
        user set it, date the build by the content, for this build."""
        if "SOURCE_DATE_EPOCH" not in os.environ:
            os.environ["SOURCE_DATE_EPOCH"] = content_epoch(chronicle)
            self.pinned_date = True
        self.build_date = utils.get_build_date()

    def _unpin_date(self) -> None:
        if self.pinned_date:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
            self.pinned_date = False

    def on_env(self, env, config, files):
        if self.placed.kept:
            log.info(f"rebuilt {len(files.documentation_pages())} pages, kept {self.placed.kept}")
        return preview.error_env(env, self.problems, no_site=self.last_good is None)

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
        return _with_direction(output, self.language)

    def on_post_template(self, output_content: str, template_name: str, config) -> str:
        return _with_direction(output_content, self.language)

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
            context["pages"] = sitemap_pages(self.files, config, self.build_date)
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
        self._unpin_date()
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
            self.downloads.start(chronicle, Path(config.site_dir), site_url, site_name)
        if self.atomic is not None:
            self.atomic.finish(config)

    on_post_build = CombinedEvent(_before_search_index, _after_search_index)

    def on_build_error(self, error: Exception) -> None:
        self.built = False
        self.stash.drop()
        self._unpin_date()
        self.heap.thaw()
        if self.atomic is not None:
            self.atomic.abandon()

    def on_shutdown(self) -> None:
        if self.observer is not None:
            self.observer.stop()
            self.observer.join()
            self.observer = None
        self.downloads.wait()


_HTML_TAG = re.compile(r"<html\b(?![^>]*\sdir=)", re.IGNORECASE)


def _with_direction(output: str, language: str) -> str:
    if i18n.direction(language) != "rtl":
        return output
    return _HTML_TAG.sub('<html dir="rtl"', output, count=1)


def _search_in(config, language: str) -> None:
    """The search plugin stems the interface's language too (French, Arabic words as their
    language wants), English kept for names: its ``lang`` gains the language, first."""
    search = config.plugins.get("material/search") or config.plugins.get("search")
    if search is None or not hasattr(search.config, "lang"):
        return
    code = language.replace("-", "_").split("_")[0]
    languages = list(search.config.lang or [])
    if code in languages:
        return
    search.config.lang = [code, *(languages or ["en"])]
