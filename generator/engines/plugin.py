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
- ``on_serve``: watch the templates as well as the content, by the system's
  file events rather than MkDocs's polling (``watching.py``).
- ``on_post_build``: add the chronicle's names, aliases and folded words to
  the search index (``search.enrich``).
- Under ``mkdocs serve``, content that does not validate gives a site whose
  every page is an error page listing the problems (``preview.py``).

- ``on_page_markdown`` / ``on_page_content``: a generated page's HTML blocks
  skip Python-Markdown (``blocks.py``); the search plugin reads the page
  without the blocks it skips anyway (``on_page_context``).
- Under ``mkdocs serve`` (unless ``incremental: false``), each rebuild after
  the first asks ``incremental.Preview`` for the pages an edit reaches and
  keeps every other page as the last build wrote it (``_File.kept``): MkDocs
  renders only the pages reached and those of the nav. Without ``--dirty``
  MkDocs cleans the site first, so ``on_pre_build`` moves the last build aside
  and ``on_files`` puts it back. ``on_post_build`` (before the search plugin's)
  hands the search plugin the whole index; the sitemap lists every page; the
  feed and the data files are written after the pages, by a child process.
  ``mkdocs serve --clean`` renders every page on every save, as ``mkdocs build``.

The content's warnings are one line in the log; ``mkdocs build -v`` lists them.
Settings: ``templates``, ``atomic`` (swap the finished build into place),
``incremental``, ``list_limit`` (a list of more events is split by year),
``watcher`` (``native`` or ``polling``).

The build date MkDocs writes (sitemap, sitemap.xml.gz) is taken from the
content (``content_epoch``), so the same content always gives the same site.
"""

from __future__ import annotations

import contextlib
import datetime
import gc
import logging
import os
import re
import shutil
import signal
import tempfile
import threading
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from mkdocs import utils
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import get_toc

from ..bodies.render import toc_tokens
from ..content.index import build_chronicle
from ..content.model import Chronicle, ContentError, PartialDate, page_url
from ..site import search as site_search
from ..site.html import sanitize
from ..site.outputs import download_files, escape_meta, site_outputs
from ..site.render import LIST_LIMIT, OutPage
from . import blocks, preview
from .incremental import Preview, template_stats
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


class _File(File):
    """A page of the chronicle, which MkDocs rebuilds in a dirty build only if it changed.

    A kept page is one a preview leaves as the last build wrote it: MkDocs sees
    it as a file it has nothing to do with (no page to read, render or copy),
    but still finds it, and its URL, when another page links to it.
    """

    changed = True
    kept = False

    def is_modified(self) -> bool:
        return self.changed

    def is_documentation_page(self) -> bool:
        return not self.kept and super().is_documentation_page()

    def copy_file(self, dirty: bool = False) -> None:
        if not self.kept:
            super().copy_file(dirty)


def nav_paths(nav) -> set[str]:
    """The Markdown files the nav names (which every build must render, for the nav)."""
    if isinstance(nav, str):
        return {nav} if nav.endswith(".md") else set()
    if isinstance(nav, dict):
        nav = list(nav.values())
    if isinstance(nav, list):
        return set().union(*(nav_paths(item) for item in nav))
    return set()


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


# mkdocs-material's search plugin removes these from a page once it has indexed it.
_SEARCH_ATTRIBUTES = re.compile(r"\s?data-search-\w+=\"[^\"]+\"")


def _search_plugin(config):
    """mkdocs-material's search plugin, when it indexes the pages."""
    search = config.plugins.get("material/search") or config.plugins.get("search")
    if search is None or not getattr(search, "config", {}).get("enabled", False):
        return None
    return search


def _setup(config) -> tuple:
    """What every page's HTML depends on besides its Markdown: mkdocs.yml and the theme's files."""
    path = config.config_file_path
    stat = os.stat(path) if path and os.path.exists(path) else None
    custom = config.theme.custom_dir
    theme = template_stats(Path(custom)) if custom and os.path.isdir(custom) else ()
    return (stat.st_mtime_ns, stat.st_size) if stat else None, theme


class _KeptPage:
    """A kept page, as the sitemap template reads a file and its page."""

    is_link = False

    def __init__(self, file: File, config, date: str) -> None:
        self.page = self
        base = config.site_url or ""
        if base:
            base = base if base.endswith("/") else base + "/"
            self.canonical_url = urljoin(base, file.url)
            self.abs_url = urlsplit(self.canonical_url).path
        else:
            self.canonical_url = self.abs_url = None
        self.update_date = date


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
        self.gone: set[str] = set()  # URLs of pages a preview's rebuild removed
        self.kept = 0  # pages this build left as the last one wrote them
        self.built = False  # the last build finished: a preview may keep its pages
        self.stash: Path | None = None  # the last build's site, while MkDocs cleans the folder
        self.search_entries: list | None = None  # the last build's search index entries
        self.rendered: set[str] = set()  # URLs of the pages this build rendered
        self.files: Files | None = None
        self.build_date = ""
        self.setup: tuple | None = None
        self.later: tuple | None = None  # what a preview's downloads are written from
        self.listed: tuple | None = None  # the URLs of the pages, and the build's date
        self.downloads: threading.Thread | int | None = None  # its thread, or process id
        self.scratch = Path()  # where the downloads are written before they take their place
        self.frozen = False
        self.split: dict[str, blocks.Split] = {}  # src_uri: the page's HTML blocks
        self.search_views: dict[str, str] = {}  # src_uri: its HTML as the search index reads it
        self.full_content: str | None = None
        self.observer = None  # the native observer of the watched folders (watching.py)

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

    def _incremental(self) -> bool:
        return self.serving and self.config.incremental

    def _write_downloads(self, config) -> None:
        """A preview's rebuild: write the feed and the data files once the pages are out.

        They are made of the whole chronicle (seconds, for thousands of events): a
        child process (a thread where there is no fork) writes them after the
        build, each file in full in a scratch folder, then all into place. The next
        build stops it (and writes them again); the end of `mkdocs serve` waits.
        """
        chronicle, site_url, site_name = self.later
        self.later = None
        site = Path(config.site_dir)
        scratch = Path(tempfile.mkdtemp(prefix=".chronicle-downloads-", dir=site.parent))

        def write() -> None:
            parts = []
            for number, (path, content) in enumerate(
                download_files(chronicle, site_url, site_name).items()
            ):
                part = scratch / str(number)
                part.write_text(content, encoding="utf-8", newline="")
                parts.append((part, site / path))
            for part, target in parts:
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(part, target)

        self.scratch = scratch
        if not hasattr(os, "fork"):
            self.downloads = threading.Thread(target=write, name="chronicle-downloads")
            self.downloads.start()
            return
        pid = os.fork()
        if pid == 0:  # the child: write, and leave at once (nothing of the server's to run)
            code = 1
            try:
                write()
                code = 0
            finally:
                os._exit(code)
        self.downloads = pid

    def _wait_for_downloads(self, stop: bool = False) -> None:
        """Wait for the downloads being written, or (``stop``) stop their writing."""
        if self.downloads is None:
            return
        if isinstance(self.downloads, threading.Thread):
            self.downloads.join()
        else:
            if stop:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(self.downloads, signal.SIGKILL)
            os.waitpid(self.downloads, 0)
        shutil.rmtree(self.scratch, ignore_errors=True)  # a stopped one's unfinished files
        self.downloads = None

    def on_shutdown(self) -> None:
        if self.observer is not None:
            self.observer.stop()
            self.observer.join()
            self.observer = None
        self._wait_for_downloads()

    def on_pre_build(self, config) -> None:
        """A preview's rebuild: move the last build aside while MkDocs cleans the folder."""
        self._wait_for_downloads(stop=True)
        self.stash = None
        if self._incremental() and self.built and not self.dirty and config.nav:
            site = Path(config.site_dir)
            self.stash = Path(tempfile.mkdtemp(prefix=".chronicle-last-", dir=site.parent))
            for name in os.listdir(site):
                os.rename(site / name, self.stash / name)

    def _unstash(self, config) -> None:
        if self.stash is None:
            return
        site = Path(config.site_dir)
        for name in os.listdir(self.stash):
            target = site / name
            if target.is_dir() and not target.is_symlink():
                shutil.rmtree(target)
            elif target.exists():
                target.unlink()
            os.rename(self.stash / name, target)
        self.stash.rmdir()
        self.stash = None

    def on_files(self, files: Files, config) -> Files:
        docs = config.docs_dir
        display = os.path.relpath(docs)
        self.problems = []
        incremental = self._incremental()
        self.files, self.kept, self.rendered = files, 0, set()
        site_url, site_name = config.site_url or "", config.site_name
        try:
            if incremental:
                if self.preview is None or self.preview.root != Path(docs):
                    self.preview = Preview(Path(docs), display, self.templates, site_url, site_name)
                update = self.preview.update(self.config.list_limit)
                chronicle, pages, changed = update.chronicle, update.pages, update.changed
                self._unstash(config)
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
                self.built = False  # the next build writes every page again
                self._drop_stash()  # no page is served: each address shows the problems
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
        self.build_date = utils.get_build_date()  # the date MkDocs writes in the sitemap
        # A preview leaves the pages the edit did not reach as the last build wrote them
        # (but renders the nav's pages, whose Page objects MkDocs needs for the nav), and
        # writes the downloads after the pages (_write_downloads).
        setup = _setup(config)  # the same configuration and theme as the last build's
        keep = incremental and self.built and changed is not None and bool(config.nav)
        keep, self.setup = keep and setup == self.setup, setup
        in_nav = nav_paths(config.nav) if keep else set()
        outputs = site_outputs(
            chronicle, self.templates, site_url, site_name, self.config.list_limit, pages,
            downloads=not keep,
        )  # fmt: skip
        self.later = (chronicle, site_url, site_name) if keep else None
        urls = frozenset(page.url for page in outputs.pages)
        if keep and (urls, self.build_date) == self.listed:
            # The same pages on the same date: the sitemap the last build wrote is this one's.
            config.theme.static_templates.discard("sitemap.xml")
        self.listed = (urls, self.build_date)
        self.markdown = {}
        self.headings = {}
        for page in outputs.pages:
            self.headings[page.source or page.path] = page.headings
            if page.source is not None:
                old = files.src_uris.get(page.source)  # a POSIX path already
                if old is not None:
                    files.remove(old)
                file = _File(
                    page.source, docs, config.site_dir, config.use_directory_urls,
                    dest_uri=_dest(page),
                )  # fmt: skip
                self.markdown[page.source] = page.markdown
            else:
                file = _File.generated(config, page.path, content=page.markdown)
                file.dest_uri = _dest(page)  # a page's, kept or not (not a copied file's)
            if changed is not None:
                # (Kept from a finished build, the page's file is there: it wrote or kept it.)
                file.changed = page.path in changed or (
                    not keep and not os.path.exists(file.abs_dest_path)
                )
                if keep and not file.changed and page.path not in in_nav:
                    file.kept = True
                    self.kept += 1
            files.append(file)
        for path, content in outputs.files.items():
            theme_file = files.get_file_from_path(path)  # e.g. assets/ of the custom_dir
            if theme_file is not None:
                files.remove(theme_file)
            files.append(File.generated(config, path, content=content))
        # The chronicle and its pages live until the build ends: keep them out of the
        # garbage collector's passes, which MkDocs's many allocations would otherwise
        # make scan them again and again (a tenth of a 10,000-event build).
        # (A preview's state lives on between builds: _settle freezes it once built.)
        if not self.serving:
            gc.collect()
            gc.freeze()
            self.frozen = True
        return files

    def _settle(self) -> None:
        """A preview's build that rendered every page: keep what it leaves out of the
        garbage collector's passes.

        The preview's state (the chronicle, its pages, the search index: hundreds of
        thousands of objects at 10,000 events) outlives every rebuild, and each full
        collection during a rebuild would scan it all (half a second at 10,000
        events, in most rebuilds). After a build that rendered every page, what is
        left is collected once and frozen; the next such build unfreezes it, so that
        what a later edit replaced (the last full build's renderer, say) is
        collected then. A rebuild that kept pages leaves the frozen state as it is.
        """
        if self._incremental() and not self.kept:
            gc.unfreeze()
            gc.collect()
            gc.freeze()

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
        if self.kept:
            log.info(f"rebuilt {len(files.documentation_pages())} pages, kept {self.kept}")
        return preview.error_env(env, self.problems)

    def on_page_read_source(self, page, config) -> str | None:
        return self.markdown.get(page.file.src_uri)

    def on_page_markdown(self, markdown: str, page, config, files) -> str:
        page.meta = escape_meta(page.meta)  # the theme prints meta values unescaped
        src = page.file.src_uri
        if src in self.headings:  # a page of the chronicle: its HTML blocks skip Markdown
            parts = blocks.split(markdown)
            if parts is not None:
                self.split[src] = parts
                return parts.markdown
        return markdown

    def on_page_content(self, html_text: str, page, config, files) -> str:
        src = page.file.src_uri
        headings = self.headings.get(src)
        if headings:
            page.toc = get_toc(with_body_headings(page.toc, headings))
        parts = self.split.pop(src, None)
        if parts is None:
            return sanitize(html_text)
        # Each block is a whole element, so sanitising it alone is sanitising it in place.
        around, clean = sanitize(html_text), tuple(sanitize(b) for b in parts.blocks)
        if _search_plugin(config) is not None:
            searched = tuple(
                "" if blocks.skipped_by_search(b) else c for b, c in zip(parts.blocks, clean)
            )
            self.search_views[src] = blocks.join(around, searched, parts.spaced)
        return blocks.join(around, clean, parts.spaced)

    @event_priority(50)  # before the search plugin indexes the page
    def _before_search_page(self, context, page, config, nav):
        self.rendered.add(page.url)
        view = self.search_views.pop(page.file.src_uri, None)
        if view is not None:
            self.full_content, page.content = page.content, view
        return context

    @event_priority(-50)  # after it
    def _after_search_page(self, context, page, config, nav):
        if self.full_content is not None:
            # What the search plugin does to the page after indexing it (on_page_context).
            page.content = _SEARCH_ATTRIBUTES.sub("", self.full_content)
            self.full_content = None
        return context

    on_page_context = CombinedEvent(_before_search_page, _after_search_page)

    def on_serve(self, server, config, builder):
        server.watch(str(self.templates))
        if self.config.watcher == "native":
            self.observer = watch_folders_natively(server)
        return server

    def _unpin_date(self) -> None:
        if self.pinned_date:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
            self.pinned_date = False

    @event_priority(50)  # before the search plugin writes its index
    def _before_search_index(self, config) -> None:
        self._unpin_date()
        self._unfreeze()
        self._merge_search_index(config)

    def on_template_context(self, context, template_name, config):
        """A preview that kept pages: the sitemap lists them too, as a full build does."""
        if template_name == "sitemap.xml" and self.kept:
            context["pages"] = [
                f if not getattr(f, "kept", False) else _KeptPage(f, config, self.build_date)
                for f in self.files
                if f.is_documentation_page() or getattr(f, "kept", False)
            ]
        return context

    @event_priority(-50)  # after the search plugin has written its index
    def _after_search_index(self, config) -> None:
        self.built = not self.problems  # an error page is no build to keep pages of
        self._settle()
        if self.later is not None:
            self._write_downloads(config)
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
        """Hand the search plugin the index to write: its entries, with the chronicle's fields.

        In a preview's rebuild, mkdocs-material's search plugin has indexed the
        pages MkDocs rendered (and, in a dirty build, would replace the entries of
        the first of them only): the index is the last one's, with the rendered
        pages' entries anew. The fields (``search.enrich_entries``) are added to
        the new entries, and to kept ones whose fields changed.
        """
        search = _search_plugin(config)
        index = getattr(search, "search_index", None)
        if index is None or not self.search_fields:
            return
        entries, done = list(index.entries), set()
        if self._incremental() and self.search_entries is not None and (self.kept or self.dirty):
            stale = self.rendered | self.gone
            kept = [e for e in self.search_entries if e["location"].split("#")[0] not in stale]
            entries, done = kept + entries, {id(e) for e in kept}
        site_search.enrich_entries(entries, self.search_fields, done)
        site_search.declare(search.config["fields"])
        search.search_index = site_search.IndexToWrite(search.config, entries)
        search.search_index_prev = None
        self.search_entries = entries if self._incremental() else None

    def _drop_stash(self) -> None:
        if self.stash is not None:
            shutil.rmtree(self.stash, ignore_errors=True)
            self.stash = None

    def on_build_error(self, error: Exception) -> None:
        self.built = False
        self._drop_stash()
        self._unpin_date()
        self._unfreeze()
        if self.warnings is not None:
            logging.getLogger(ENGINE_LOGGER).removeHandler(self.warnings)
        if self.building:
            shutil.rmtree(self.building, ignore_errors=True)
            self.building = None
