"""Every file the chronicle adds to a site, for any engine.

``site_outputs`` is the one list of what the chronicle publishes: the pages it
renders (Markdown at their page paths, each with the content file it enriches,
if any) and the static files beside them (JSON Schemas, redirect pages, the
stylesheet and script the pages need). The MkDocs plugin hands exactly these
to MkDocs; ``chronicle pages`` writes exactly these to a folder that any
engine reading ``mkdocs.yml`` can build (``engines.export``: each page there as
``<its URL>/index.md``). No MkDocs here.

A new kind of generated file is one more producer in ``static_files``: a
function returning ``{site path: text or bytes}``.
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from ..content.json_schema import json_schema
from ..content.model import Chronicle
from ..content.schema import FOLDERS, KINDS
from .data import data_files
from .feeds import feed_files
from .i18n import ENGLISH, Words
from .markup import relative
from .render import LIST_LIMIT, TEMPLATES, TERM_KINDS, THEME, OutPage, page_url, render_pages
from .urls import url_of


def escape_meta(value: object) -> object:
    """Front-matter values with every string HTML-escaped: themes print them as they are."""
    if isinstance(value, str):
        return html.escape(value)
    if isinstance(value, list):
        return [escape_meta(v) for v in value]
    if isinstance(value, dict):
        return {html.escape(str(k)): escape_meta(v) for k, v in value.items()}
    return value


def schema_files(base_url: str = "") -> dict[str, str]:
    """The JSON Schema of each kind, as files to publish under schema/."""
    return {
        f"schema/{kind}.json": json.dumps(json_schema(kind, base_url), indent=2, ensure_ascii=False)
        + "\n"
        for kind in KINDS
    }


REDIRECT = """<!doctype html>
<html lang="{lang}"{dir}>
<head>
<meta charset="utf-8">
<title>{moved}</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="{href}">
<meta http-equiv="refresh" content="0; url={href}">
</head>
<body><p>{text}</p></body>
</html>
"""


def redirect_files(chronicle: Chronicle, words: Words = ENGLISH) -> dict[str, str]:
    """An HTML page at each old URL (``redirect_from``) pointing to the entry's URL, in the
    interface's language."""
    out = {}
    moved = html.escape(words.gettext("Moved"))
    direction = ' dir="rtl"' if words.direction == "rtl" else ""
    entries = [*chronicle.events, *(e for k in TERM_KINDS for e in chronicle.terms(k).values())]
    for entry in entries:
        for old in entry.redirect_from:
            old_url = f"{FOLDERS[entry.kind]}/{old}/"
            href = html.escape(relative(old_url, url_of(entry)))
            link = f'<a href="{href}">{href}</a>'
            text = html.escape(words.gettext("This page has moved to %(link)s.")) % {"link": link}
            out[old_url + "index.html"] = REDIRECT.format(
                lang=html.escape(words.locale.language),
                dir=direction,
                moved=moved,
                href=href,
                text=text,
            )
    return dict(sorted(out.items()))


# The stylesheet and script of the pages, in the packaged theme (render.THEME); a file of
# the same name under a chronicle's own templates folder, in assets/, replaces it.
ASSETS = Path("assets")


@dataclass(frozen=True)
class Outputs:
    """What the chronicle publishes: Markdown pages and static files, each by its path."""

    pages: tuple[OutPage, ...]  # sorted by path
    files: Mapping[str, str | bytes]  # site path (e.g. "schema/event.json") -> content


def asset_files(templates: Path = TEMPLATES) -> dict[str, bytes]:
    """The stylesheet, script and other assets the pages need, under assets/: the packaged
    theme's, each replaced by a file of the same name in ``templates``/assets/."""
    out: dict[str, bytes] = {}
    for folder in (THEME / ASSETS, Path(templates) / ASSETS):
        if not folder.is_dir():
            continue
        for p in sorted(folder.rglob("*")):
            rel = p.relative_to(folder)
            if p.is_file() and not any(part.startswith(".") for part in rel.parts):
                out["assets/" + rel.as_posix()] = p.read_bytes()
    return dict(sorted(out.items()))


def download_files(
    chronicle: Chronicle,
    base_url: str | None = None,
    site_name: str = "",
    language: str = "en",
    licence: str | None = None,
) -> dict[str, str]:
    """The feed and the open data files: the downloads made of the whole chronicle (the
    feeds' and the calendar's words in the interface's ``language``; the data in English,
    with the content's ``licence``)."""
    feeds = feed_files(chronicle, base_url or "", site_name, language)
    data = data_files(chronicle, base_url or "", site_name, licence)
    if feeds.keys() & data.keys():
        raise ValueError(f"two generated files at {min(feeds.keys() & data.keys())}")
    return {**feeds, **data}


def static_files(
    chronicle: Chronicle,
    templates: Path = TEMPLATES,
    base_url: str | None = None,
    site_name: str = "",
    downloads: bool = True,
    language: str = "en",
    licence: str | None = None,
) -> dict[str, str | bytes]:
    """Every file the chronicle publishes beside its pages, by its path in the site.

    ``downloads=False`` leaves out the feed and the data files (``download_files``).
    """
    producers = (
        schema_files(base_url or "/"),
        redirect_files(chronicle, Words(language)),
        asset_files(templates),
        download_files(chronicle, base_url, site_name, language, licence) if downloads else {},
    )
    out: dict[str, str | bytes] = {}
    for files in producers:
        for path, content in files.items():
            if path in out:
                raise ValueError(f"two generated files at {path}")
            out[path] = content
    return dict(sorted(out.items()))


def site_outputs(
    chronicle: Chronicle,
    templates: Path = TEMPLATES,
    base_url: str | None = None,
    site_name: str = "",
    list_limit: int = LIST_LIMIT,
    pages: Sequence[OutPage] | None = None,
    downloads: bool = True,
    language: str = "en",
    licence: str | None = None,
) -> Outputs:
    """Every output of the chronicle: its rendered pages and its static files.

    ``base_url`` is the site's URL (``site_url``): the published schemas' ``$id``, the
    feed's and the data files' links and "Cite this entry" start with it; without one
    they are paths on the site. ``site_name`` names the site in the feed and citations;
    a list of more than ``list_limit`` events is split into pages by year. ``pages``:
    the pages already rendered by the same renderer (``incremental.Preview``);
    ``downloads=False``: without the feed and the data files (a preview writes them
    after the pages, ``download_files``). ``language``: the interface's (theme.language);
    ``licence``: the SPDX id of the content's licence (licences.py), None when none is stated.
    """
    if pages is None:
        pages = render_pages(
            chronicle, templates, base_url or "", site_name, list_limit, language, licence
        )
    pages = tuple(pages)
    files = static_files(chronicle, templates, base_url, site_name, downloads, language, licence)
    taken = {page_url(p.path) + "index.html" for p in pages}
    clash = sorted(taken & files.keys())
    if clash:
        raise ValueError(f"a generated file and a page at {clash[0]}")
    return Outputs(pages, MappingProxyType(files))
