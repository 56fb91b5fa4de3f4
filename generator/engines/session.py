"""One plugin's builds: a build, or the successive rebuilds of ``mkdocs serve``.

The plugin (``plugin.py``) hands each MkDocs event of a build to its ``Session``, which
holds what lives from one event to the next and from one rebuild to the next:

- the chronicle of this build, loaded and validated (``content.index.build_chronicle``),
  or, under ``mkdocs serve``, updated from the last one by the files an edit reached
  (``incremental.Preview``); its outputs placed among MkDocs's files (``files.place``);
- content with errors: a build stops; a preview keeps the last good chronicle and shows
  every page under a list of the problems, or the error page before any build
  succeeded (``reports``, ``preview``);
- what a preview's rebuild keeps of the last one: its pages when the edit did not reach
  them and the configuration is the same (``keeping.Stash``, ``keeping.setup_of``), the
  sitemap, the garbage collector's state (``keeping.Heap``), and the downloads written
  after the pages (``downloads.DownloadsWriter``);
- the atomic swap of a build's site (``atomic.AtomicBuild``), the build's date
  (``files.BuildDate``), the search index's merge (``search_index.SearchIndex``).
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files

from ..content.index import build_chronicle
from ..content.model import ContentError, page_url
from ..site import notfound
from ..site.outputs import site_outputs
from ..site.render import THEME
from . import preview, reports
from .atomic import AtomicBuild
from .downloads import DownloadsWriter
from .files import BuildDate, Placed, place
from .incremental import Preview
from .keeping import Heap, Stash, nav_paths, setup_of, sitemap_pages
from .language import interface_language
from .search_index import SearchIndex
from .watching import watch_folders_natively

log = get_plugin_logger(__name__.rpartition(".")[0] + ".plugin")


class Session:
    """The state of one plugin's builds (module docstring); ``options`` are the plugin's
    settings (plugin.ChronicleConfig)."""

    def __init__(self, engine_logger: str) -> None:
        self.engine_logger = engine_logger  # the logger --strict counts warnings on
        self.options = None
        self.serving = self.dirty = False
        self.templates = Path()
        self.atomic: AtomicBuild | None = None  # a build's (not a preview's)
        self.preview: Preview | None = None  # mkdocs serve's, from one rebuild to the next
        self.search = SearchIndex()
        self.downloads = DownloadsWriter()
        self.stash = Stash()
        self.heap = Heap()
        self.placed = Placed()  # the pages of this build among MkDocs's files
        self.problems: list[str] = []  # the content's, which a preview shows (preview.py)
        self.last_good: tuple | None = None  # a preview's last good chronicle and its pages
        self.built = False  # the last build finished: a preview may keep its pages
        self.setup: tuple | None = None  # keeping.setup_of the last build
        self.later: tuple | None = None  # what a preview's downloads are written from
        self.listed: tuple | None = None  # the URLs of the pages, and the build's date
        self.files: Files | None = None
        self.date = BuildDate()  # the date MkDocs writes in the sitemap
        self.language = "en"  # the interface's (theme.language), read in configure
        self.observer = None  # the native observer of the watched folders (watching.py)

    @property
    def incremental(self) -> bool:
        return self.serving and self.options.incremental

    def start(self, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        self.dirty = dirty

    def configure(self, config, options):
        """The plugin's settings and MkDocs's configuration, checked and completed."""
        self.options = options
        root = Path(config.config_file_path or ".").resolve().parent
        self.templates = (root / options.templates).resolve()
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
        if options.atomic and not self.serving:
            self.atomic = AtomicBuild(self.engine_logger)
            self.atomic.start(config)
        return config

    def pre_build(self, config) -> None:
        """A preview's rebuild: move the last build aside while MkDocs cleans the folder."""
        self.downloads.stop()
        self.stash = Stash()
        if self.incremental and self.built and not self.dirty and config.nav:
            self.stash.put_aside(Path(config.site_dir))

    def place_outputs(self, files: Files, config) -> Files:
        """The chronicle's pages and files among MkDocs's ``files`` (module docstring)."""
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
        # the pages (after_search_index).
        setup = setup_of(config)
        keep = self.incremental and self.built and changed is not None and bool(config.nav)
        keep, self.setup = keep and setup == self.setup, setup
        site_url, site_name = config.site_url or "", config.site_name
        outputs = site_outputs(
            chronicle, self.templates, site_url, site_name, self.options.list_limit, pages,
            downloads=not keep, language=self.language, licence=self.options.licence,
        )  # fmt: skip
        self.later = (chronicle, site_url, site_name) if keep else None
        urls = frozenset(page.url for page in outputs.pages)
        if keep and (urls, self.date.date) == self.listed:
            # The same pages on the same date: the sitemap the last build wrote is this one's.
            config.theme.static_templates.discard("sitemap.xml")
        self.listed = (urls, self.date.date)
        in_nav = nav_paths(config.nav) if keep else set()
        self.placed = place(files, outputs, config, changed, keep, in_nav)
        if not self.serving:  # (a preview's state lives on: after_search_index settles it)
            self.heap.freeze()
        return files

    def _chronicle(self, config) -> tuple:
        """The chronicle, its pages (a preview's) and the paths of the pages changed and gone."""
        docs = Path(config.docs_dir)
        display = os.path.relpath(docs)
        if not self.incremental:
            chronicle = build_chronicle(docs, display=display, cache=True)
            chronicle = replace(chronicle, history=reports.history(config, log))
            return chronicle, None, None, set()
        if self.preview is None or self.preview.root != docs:
            site_url, site_name = config.site_url or "", config.site_name
            self.preview = Preview(
                docs, display, self.templates, site_url, site_name, self.language,
                self.options.licence,
            )  # fmt: skip
            self.preview.history = reports.history(config, log)
        update = self.preview.update(self.options.list_limit)
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

    def env(self, env, files):
        """The theme's environment: a preview's list of problems, in the interface's words."""
        if self.placed.kept:
            log.info(f"rebuilt {len(files.documentation_pages())} pages, kept {self.placed.kept}")
        return preview.error_env(env, self.problems, self.last_good is None, self.language)

    def sitemap(self, context, template_name: str, config):
        """A preview that kept pages: the sitemap lists them too, as a full build does."""
        if template_name == "sitemap.xml" and self.placed.kept:
            context["pages"] = sitemap_pages(self.files, config, self.date.date)
        return context

    def watch(self, server, folders) -> None:
        """``mkdocs serve`` watches these folders too, by the system's file events unless
        the plugin's ``watcher`` is ``polling`` (watching.py)."""
        for folder in folders:
            if folder.is_dir():
                server.watch(str(folder))
        if self.options.watcher == "native":
            self.observer = watch_folders_natively(server)

    def before_search_index(self, config) -> None:
        self.date.unpin()
        self.heap.thaw()
        keep_last = self.incremental and bool(self.placed.kept or self.dirty)
        self.search.merge(config, keep_last=keep_last, preview=self.incremental)

    def after_search_index(self, config) -> None:
        self.built = not self.problems  # an error page is no build to keep pages of
        if self.incremental and not self.placed.kept:
            self.heap.settle()
        if self.later is not None:
            chronicle, site_url, site_name = self.later
            self.later = None
            site = Path(config.site_dir)
            licence = self.options.licence
            self.downloads.start(chronicle, site, site_url, site_name, self.language, licence)
        if self.atomic is not None:
            self.atomic.finish(config)

    def failed(self) -> None:
        """The build failed: nothing of it is kept, the old site stays."""
        self.built = False
        self.stash.drop()
        self.date.unpin()
        self.heap.thaw()
        if self.atomic is not None:
            self.atomic.abandon()

    def shutdown(self) -> None:
        if self.observer is not None:
            self.observer.stop()
            self.observer.join()
            self.observer = None
        self.downloads.wait()
