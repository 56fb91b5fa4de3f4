"""Every file the build writes, checked against every other before anything is built.

Two sources must never write the same file, and no file may be written where
another needs a folder (``sitemap.xml/index.html`` beside ``sitemap.xml``):
MkDocs would let one page silently replace another, or stop with a
traceback. ``collisions`` lists the output path of every entry, ordinary page,
generated page, redirect page and generated file (the JSON schemas, the feed
and the downloads of data/, the sitemap, the search index, the 404 page, the
theme's folders) and reports each
clash as ``path:line: file: message`` on the content files involved. (Redirect
pages live in the entry folders, where ``crosscheck._check_redirects`` keeps old ids
apart from ids.)
"""

from __future__ import annotations

from collections import defaultdict

from .model import Entry, Page, Problem, page_url
from .schema import FOLDERS, KINDS

# The downloads the site publishes whatever the content (site/feeds.py and site/data.py
# write them): declared here, so that `chronicle check` keeps every page off them.
FEED_FILES = ("feed.xml", "corrections.xml", "data/events.ics")
DATA_FILES = ("data/events.json", "data/events.csv", "data/claims.csv", "data/events.geojson")
# Written by MkDocs, the theme and the search plugin whatever the content.
ENGINE_FILES = ("404.html", "sitemap.xml", "sitemap.xml.gz", "search/search_index.json")
# Folders the theme fills with its own files (scripts, styles, images, search worker).
ENGINE_FOLDERS = ("assets/", "search/")


def _generated(generated_pages: tuple[str, ...]) -> dict[str, str]:
    """The output path of each file the build makes on its own, and what it is."""
    out = {page_url(path) + "index.html": f"the generated page {page_url(path) or '/'}"
           for path in generated_pages}  # fmt: skip
    out.update({f"schema/{kind}.json": f"the generated schema/{kind}.json" for kind in KINDS})
    out.update({path: f"the generated {path}" for path in ENGINE_FILES})
    out.update({path: f"the generated {path}" for path in (*FEED_FILES, *DATA_FILES)})
    return out


def output_of(item: Entry | Page) -> str:
    """The file a content file is published as."""
    if isinstance(item, Page):
        return page_url(item.src) + "index.html"
    return f"{FOLDERS[item.kind]}/{item.id}/index.html"


def collisions(entries: list[Entry | Page], generated_pages: tuple[str, ...]) -> list[Problem]:
    """Every output path that clashes with another, as problems on the content files."""
    generated = _generated(generated_pages)
    # Entries cannot clash with each other (crosscheck.py refuses duplicate ids) nor with
    # generated files (ids are [a-z0-9-], never 'index'): pages can, with anything.
    owners: dict[str, list[Entry | Page]] = defaultdict(list)
    for item in entries:
        if isinstance(item, Page):
            owners[output_of(item)].append(item)
    taken = set(owners) | set(generated) | {output_of(e) for e in entries}
    problems = []
    for path, items in sorted(owners.items()):
        for item in items:
            message = _clash(path, item, items, generated, taken)
            if message:
                problems.append(Problem(item.path, 1, "file", message))
    return problems


def _clash(path: str, item, items: list, generated: dict, taken: set) -> str | None:
    if path in generated:
        if generated[path].startswith("the generated page"):
            return "this page is generated; rename the file"
        return f"would be published at {path}, in the place of {generated[path]}: rename the file"
    others = sorted({other.path for other in items if other is not item})
    if others:
        return f"is published at {path}, as is {', '.join(others)}: rename one of them"
    for folder in ENGINE_FOLDERS:
        if path.startswith(folder):
            return (
                f"would be published at {path}, in the theme's folder {folder}: "
                "rename the file or its folder"
            )
    parts = path.split("/")
    for depth in range(1, len(parts)):
        folder = "/".join(parts[:depth])
        if folder in taken:
            owner = generated.get(folder, "another page")
            return (
                f"would be published at {path}, but {folder} is a file ({owner}): "
                "rename the file or its folder"
            )
    return None
