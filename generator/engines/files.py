"""The chronicle's outputs as MkDocs's files, and what MkDocs needs to know of them.

``place`` puts every output of ``site.outputs.site_outputs`` among MkDocs's
files: each page that enriches a content file takes that file's place (at
its own URL), each generated page and static file is added (a static file
replaces a theme's file at the same path), and, in a preview's rebuild, the
pages an edit did not reach are kept (``keeping.ChronicleFile``).
``content_epoch`` dates the build by the content (``BuildDate``, for one build);
``with_body_headings`` puts the contributor's headings in a page's table of contents.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Collection
from dataclasses import dataclass, field

from mkdocs import utils
from mkdocs.structure.files import File, Files

from ..bodies.render import toc_tokens
from ..content.model import Chronicle, PartialDate
from ..site.outputs import Outputs
from ..site.render import OutPage
from .keeping import ChronicleFile


@dataclass
class Placed:
    """What MkDocs's hooks need of the pages placed among its files."""

    markdown: dict[str, str] = field(default_factory=dict)  # src_uri: its Markdown
    headings: dict[str, tuple] = field(default_factory=dict)  # src_uri: its body's headings
    kept: int = 0  # how many pages are kept as the last build wrote them


def _dest(page: OutPage) -> str:
    return page.url + "index.html"


def place(
    files: Files,
    outputs: Outputs,
    config,
    changed: Collection[str] | None = None,
    keep: bool = False,
    in_nav: Collection[str] = (),
) -> Placed:
    """Put the outputs among ``files`` (module docstring).

    ``changed``: in a preview, the paths of the pages the edit reached (None in a
    build); ``keep``: leave the others as the last build wrote them, but for
    those the nav names (``in_nav``), whose Page objects MkDocs needs for the nav.
    """
    placed = Placed()
    for page in outputs.pages:
        placed.headings[page.source or page.path] = page.headings
        if page.source is not None:
            old = files.src_uris.get(page.source)  # a POSIX path already
            if old is not None:
                files.remove(old)
            file = ChronicleFile(
                page.source, config.docs_dir, config.site_dir, config.use_directory_urls,
                dest_uri=_dest(page),
            )  # fmt: skip
            placed.markdown[page.source] = page.markdown
        else:
            file = ChronicleFile.generated(config, page.path, content=page.markdown)
            file.dest_uri = _dest(page)  # a page's, kept or not (not a copied file's)
        if changed is not None:
            # (Kept from a finished build, the page's file is there: it wrote or kept it.)
            file.changed = page.path in changed or (
                not keep and not os.path.exists(file.abs_dest_path)
            )
            if keep and not file.changed and page.path not in in_nav:
                file.kept = True
                placed.kept += 1
        files.append(file)
    for path, content in outputs.files.items():
        theme_file = files.get_file_from_path(path)  # e.g. assets/ of the custom_dir
        if theme_file is not None:
            files.remove(theme_file)
        files.append(File.generated(config, path, content=content))
    return placed


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
    the newest is before 1970, and at most ``MAX_EPOCH`` (the sitemap.xml.gz
    header holds the time in 32 bits: 7 February 2106), for every year the
    schema accepts.
    """
    newest = chronicle.newest_date() or PartialDate(1970)
    if newest.year < 1970:
        return "0"
    day = datetime.datetime(newest.year, newest.month or 1, newest.day or 1, tzinfo=datetime.UTC)
    return str(min(int(day.timestamp()), MAX_EPOCH))


# The latest time a gzip header can hold (RFC 1952: MTIME is 32 bits), 2106-02-07.
MAX_EPOCH = 2**32 - 1


class BuildDate:
    """MkDocs dates the sitemap by SOURCE_DATE_EPOCH, else by the clock: unless the user
    set it, a build is dated by its content (``content_epoch``), for that build alone."""

    def __init__(self) -> None:
        self.date = ""  # the date MkDocs writes in the sitemap
        self.pinned = False

    def pin(self, chronicle: Chronicle) -> None:
        if "SOURCE_DATE_EPOCH" not in os.environ:
            os.environ["SOURCE_DATE_EPOCH"] = content_epoch(chronicle)
            self.pinned = True
        self.date = utils.get_build_date()

    def unpin(self) -> None:
        if self.pinned:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
            self.pinned = False
