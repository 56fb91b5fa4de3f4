"""What a preview's rebuild keeps of the last build, and how.

Under ``mkdocs serve`` each rebuild after the first renders only the pages an
edit reaches (``incremental.Preview``); every other page is *kept*: left as
the last build wrote it.

- :class:`ChronicleFile`: a page MkDocs neither reads, renders nor writes when
  it is kept, but still finds (and links to) by its URL; :class:`KeptPage` is
  how the sitemap template sees a kept page.
- :class:`Stash`: without ``--dirty`` MkDocs empties the site folder before each
  build; the last build is moved aside first and put back after, one rename
  per top-level entry.
- :func:`setup_of`: what every page's HTML depends on besides its Markdown
  (mkdocs.yml and the theme's files); when it changes, every page is rendered.
- :class:`Heap`: the chronicle and its pages are kept out of the garbage
  collector's passes while MkDocs builds, and a preview's long-lived state
  between builds.
"""

from __future__ import annotations

import gc
import os
import shutil
import tempfile
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from mkdocs.structure.files import File

from ..site.render import THEME
from .incremental import template_stats


class ChronicleFile(File):
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


class KeptPage:
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


def sitemap_pages(files, config, date: str) -> list:
    """Every page of the site as the sitemap lists them, kept ones included."""
    return [
        f if not getattr(f, "kept", False) else KeptPage(f, config, date)
        for f in files
        if f.is_documentation_page() or getattr(f, "kept", False)
    ]


def nav_paths(nav) -> set[str]:
    """The Markdown files the nav names (which every build must render, for the nav)."""
    if isinstance(nav, str):
        return {nav} if nav.endswith(".md") else set()
    if isinstance(nav, dict):
        nav = list(nav.values())
    if isinstance(nav, list):
        return set().union(*(nav_paths(item) for item in nav))
    return set()


def setup_of(config) -> tuple:
    """What every page's HTML depends on besides its Markdown: mkdocs.yml and the theme's files."""
    path = config.config_file_path
    stat = os.stat(path) if path and os.path.exists(path) else None
    # The theme's folders of this project: the packaged theme and the chronicle's custom_dir.
    custom = config.theme.custom_dir
    theme = template_stats(THEME, *([Path(custom)] if custom else []))
    return (stat.st_mtime_ns, stat.st_size) if stat else None, theme


class Stash:
    """The last build, moved aside while MkDocs cleans the site folder."""

    def __init__(self) -> None:
        self.folder: Path | None = None

    def put_aside(self, site: Path) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix=".chronicle-last-", dir=site.parent))
        for name in os.listdir(site):
            os.rename(site / name, self.folder / name)

    def put_back(self, site: Path) -> None:
        """Every entry of the last build back in the site folder, over what is there."""
        if self.folder is None:
            return
        for name in os.listdir(self.folder):
            target = site / name
            if target.is_dir() and not target.is_symlink():
                shutil.rmtree(target)
            elif target.exists():
                target.unlink()
            os.rename(self.folder / name, target)
        self.folder.rmdir()
        self.folder = None

    def drop(self) -> None:
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None


class Heap:
    """What the garbage collector passes over while MkDocs builds (module docstring)."""

    def __init__(self) -> None:
        self.frozen = False

    def freeze(self) -> None:
        """A build: the chronicle and its pages live until it ends; keep them out of the
        collector's passes, which MkDocs's many allocations would otherwise make scan
        them again and again (a tenth of a 10,000-event build)."""
        gc.collect()
        gc.freeze()
        self.frozen = True

    def thaw(self) -> None:
        if self.frozen:
            gc.unfreeze()
            self.frozen = False

    @staticmethod
    def settle() -> None:
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
        gc.unfreeze()
        gc.collect()
        gc.freeze()
