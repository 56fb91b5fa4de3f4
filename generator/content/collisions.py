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

Paths are compared as the hosts that serve the site compare them, not byte for
byte: macOS and Windows file systems and many CDNs ignore case and Unicode
normalisation, so ``notes/About.md`` and ``notes/about.md``, or ``café.md``
typed in NFC and in NFD, are one file there (``same_file``).
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict

from .model import Entry, Page, Problem, page_url
from .schema import FOLDERS, KINDS

# The downloads the site publishes whatever the content (site/feeds.py and site/data.py
# write them): declared here, so that `chronicle check` keeps every page off them.
FEED_FILES = ("feed.xml", "data/events.ics")
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


def same_file(path: str) -> str:
    """The form of a path under which hosts that ignore case and normalisation store it.

    Unicode's canonical caseless matching (D145): NFD, case folding, NFD again; in NFC.
    """
    folded = unicodedata.normalize("NFD", unicodedata.normalize("NFD", path).casefold())
    return unicodedata.normalize("NFC", folded)


def output_of(item: Entry | Page) -> str:
    """The file a content file is published as."""
    if isinstance(item, Page):
        return page_url(item.src) + "index.html"
    return f"{FOLDERS[item.kind]}/{item.id}/index.html"


def collisions(entries: list[Entry | Page], generated_pages: tuple[str, ...]) -> list[Problem]:
    """Every output path that clashes with another, as problems on the content files."""
    # Every path is keyed by its same_file form, and keeps its own spelling for messages.
    generated = {same_file(p): (p, what) for p, what in _generated(generated_pages).items()}
    # Entries cannot clash with each other (crosscheck.py refuses duplicate ids) nor with
    # generated files (ids are [a-z0-9-], never 'index'): pages can, with anything.
    # A page may also be an entry's file where case is ignored (Actors/army.md).
    owners: dict[str, list[Entry | Page]] = defaultdict(list)
    for item in entries:
        owners[same_file(output_of(item))].append(item)
    taken = set(owners) | set(generated)
    problems = []
    for key, items in sorted(owners.items()):
        for item in items:
            if not isinstance(item, Page):
                continue
            message = _clash(key, item, items, generated, taken)
            if message:
                problems.append(Problem(item.path, 1, "file", message))
    return problems


def _clash(key: str, item, items: list, generated: dict, taken: set) -> str | None:
    path = output_of(item)
    if key in generated:
        _, what = generated[key]
        if what.startswith("the generated page"):
            return "this page is generated; rename the file"
        return f"would be published at {path}, in the place of {what}: rename the file"
    others = sorted({other.path for other in items if other is not item})
    if others:
        exact = sorted({other.path for other in items if output_of(other) == path} - {item.path})
        if exact == others:
            return f"is published at {path}, as is {', '.join(others)}: rename one of them"
        spellings = ", ".join(
            sorted(f"{other.path} (at {output_of(other)})" for other in items if other is not item)
        )
        return (
            f"is published at {path}, the same file as {spellings} where case and Unicode "
            "normalisation are ignored (macOS, Windows, many CDNs): rename one of them"
        )
    for folder in ENGINE_FOLDERS:
        if key.startswith(folder):
            return (
                f"would be published at {path}, in the theme's folder {folder}: "
                "rename the file or its folder"
            )
    parts, keys = path.split("/"), key.split("/")
    for depth in range(1, len(parts)):
        folder = "/".join(parts[:depth])
        if "/".join(keys[:depth]) in taken:
            owner = generated.get("/".join(keys[:depth]), ("", "another page"))[1]
            return (
                f"would be published at {path}, but {folder} is a file ({owner}): "
                "rename the file or its folder"
            )
    return None
