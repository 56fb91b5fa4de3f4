"""The MkDocs plugin: a thin adapter between MkDocs events and the core.

Each hook hands its work to the session of builds (``session.Session``: what lives from
one event, and one rebuild, to the next) or, for a page, to the pass that owns it; each
part has a name that says its job:

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

from mkdocs import utils
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.toc import get_toc

from ..site.html import sanitize
from ..site.licences import LICENCES
from ..site.outputs import escape_meta
from ..site.render import LIST_LIMIT, PACKAGED, THEME
from . import blocks
from .files import with_body_headings
from .language import with_direction
from .session import Session

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
    """MkDocs's events, each handed to the session of builds (session.py) or, for a page,
    to the pass that owns it (module docstring)."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.session = Session(ENGINE_LOGGER)
        self.split: dict[str, blocks.Split] = {}  # src_uri: the page's HTML blocks

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.session.start(command, dirty)

    def on_config(self, config):
        return self.session.configure(config, self.config)

    def on_pre_build(self, config) -> None:
        self.session.pre_build(config)

    def on_files(self, files: Files, config) -> Files:
        return self.session.place_outputs(files, config)

    def on_env(self, env, config, files):
        return self.session.env(env, files)

    def on_page_read_source(self, page, config) -> str | None:
        return self.session.placed.markdown.get(page.file.src_uri)

    def on_page_markdown(self, markdown: str, page, config, files) -> str:
        page.meta = escape_meta(page.meta)  # the theme prints meta values unescaped
        src = page.file.src_uri
        if src in self.session.placed.headings:  # a chronicle's page: its blocks skip Markdown
            parts = blocks.split(markdown)
            if parts is not None:
                self.split[src] = parts
                return parts.markdown
        return markdown

    def on_page_content(self, html_text: str, page, config, files) -> str:
        src = page.file.src_uri
        headings = self.session.placed.headings.get(src)
        if headings:
            page.toc = get_toc(with_body_headings(page.toc, headings))
        parts = self.split.pop(src, None)
        if parts is None:
            return sanitize(html_text)
        # Each block is a whole element, so sanitising it alone is sanitising it in place.
        around, clean = sanitize(html_text), tuple(sanitize(b) for b in parts.blocks)
        self.session.search.view(src, config, around, parts, clean)
        return blocks.join(around, clean, parts.spaced)

    def on_post_page(self, output: str, page, config) -> str:
        return with_direction(output, self.session.language)  # right to left: language.py

    def on_post_template(self, output_content: str, template_name: str, config) -> str:
        return with_direction(output_content, self.session.language)

    @event_priority(50)  # before the search plugin indexes the page
    def _before_search_page(self, context, page, config, nav):
        self.session.search.before_page(page)
        return context

    @event_priority(-50)  # after it
    def _after_search_page(self, context, page, config, nav):
        self.session.search.after_page(page)
        return context

    on_page_context = CombinedEvent(_before_search_page, _after_search_page)

    def on_template_context(self, context, template_name, config):
        return self.session.sitemap(context, template_name, config)

    def on_serve(self, server, config, builder):
        # The chronicle's own templates, and the packaged ones (an editable install's).
        self.session.watch(server, (self.session.templates, PACKAGED, THEME))
        return server

    @event_priority(50)  # before the search plugin writes its index
    def _before_search_index(self, config) -> None:
        self.session.before_search_index(config)

    @event_priority(-50)  # after the search plugin has written its index
    def _after_search_index(self, config) -> None:
        self.session.after_search_index(config)

    on_post_build = CombinedEvent(_before_search_index, _after_search_index)

    def on_build_error(self, error: Exception) -> None:
        self.session.failed()

    def on_shutdown(self) -> None:
        self.session.shutdown()
