"""``chronicle pages``: the chronicle as a folder that any engine reading mkdocs.yml builds.

The folder holds ``mkdocs.yml`` (the project's own, with ``docs_dir: docs``,
``site_dir: site``, the packaged theme and the project's ``custom_dir`` copied to
``overrides/``, its
Zensical ``variant`` set to ``classic`` and the chronicle plugin removed),
``docs/`` (every output of ``site.outputs.site_outputs``: the pages of every content file
and the generated ones, and the static files) and ``.chronicle-pages``, the list of
the files written, by which a later run knows the folder as its own and replaces
exactly those files. No MkDocs here.

Each page is written as ``<its URL>/index.md``, its Markdown exactly the plugin's
(contributors' text is already HTML with links by URL, so it reads the same from
there), and ``nav`` is re-pointed at the moved files. Front matter is written with
its strings HTML-escaped, as the plugin escapes it after MkDocs reads it: the
themes print it as it is, and no other engine escapes it.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

import yaml

from ..content.history import read_history
from ..content.index import build_chronicle
from ..content.model import Chronicle, ContentError
from ..site import i18n
from ..site.licences import LICENCES
from ..site.outputs import Outputs, escape_meta, site_outputs
from ..site.render import LIST_LIMIT, OutPage
from ..site.render import THEME as PACKAGED_THEME
from ..site.urls import safe_repo_url
from .config_file import (
    CONFIG,
    DOCS,
    THEME,
    ExportError,
    Tagged,
    dump_config,
    engine_config,
    plugin_options,
    read_config,
)

MANIFEST = ".chronicle-pages"

MANIFEST_HEADER = (
    "# Written by `chronicle pages`: the files it wrote here, replaced on its next run.\n"
)


# --- what the folder holds -----------------------------------------------------------------


def _env_value(value: object) -> object:
    """A ``!ENV`` value as MkDocs reads it (pyyaml_env_tag): ``!ENV NAME`` or
    ``!ENV [NAME, OTHER, default]``, the first variable set, else the default."""
    if not (isinstance(value, Tagged) and value.tag == "!ENV"):
        return value
    names = value.value if isinstance(value.value, list) else [value.value]
    default = names[-1] if len(names) > 1 else None
    for name in names[:-1] if len(names) > 1 else names:
        if isinstance(name, str) and name in os.environ:
            return os.environ[name]
    return default


def _site_url(config: dict) -> str | None:
    url = _env_value(config.get("site_url"))
    if not isinstance(url, str) or not url:
        return None
    return url if url.endswith("/") else url + "/"


def _resolve(root: Path, value: object, default: str) -> Path:
    return (root / (value if isinstance(value, str) and value else default)).resolve()


def _theme_dirs(config: dict, root: Path) -> list[Path]:
    """The packaged theme (render.THEME), then the project's custom_dir, which overrides it."""
    theme = config.get("theme")
    custom = theme.get("custom_dir") if isinstance(theme, dict) else None
    if not custom:
        return [PACKAGED_THEME]
    folder = _resolve(root, custom, "")
    if not folder.is_dir():
        raise ExportError(f"{CONFIG}: theme.custom_dir: no folder {custom}")
    return [PACKAGED_THEME, folder]


# How MkDocs finds a page's front matter (mkdocs.utils.meta); Zensical reads the same.
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)


def escape_front_matter(text: str) -> str:
    """A page's Markdown with the strings of its front matter HTML-escaped (unchanged
    when there is nothing to escape)."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return text
    try:
        meta = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        return text  # not front matter to MkDocs either: it stays Markdown
    if not isinstance(meta, dict) or escape_meta(meta) == meta:
        return text
    dumped = yaml.safe_dump(escape_meta(meta), sort_keys=False, allow_unicode=True, width=1000)
    return f"---\n{dumped}---\n" + text[match.end() :]


def folder_path(page: OutPage) -> str:
    """Where a page the chronicle renders is written in docs/: ``<its URL>/index.md``."""
    return page.url + "index.md"


def moved_pages(outputs: Outputs) -> dict[str, str]:
    """The file of each page in the content or the plugin's site -> its file in docs/."""
    moved = {}
    for page in outputs.pages:
        was, now = page.source or page.path, folder_path(page)
        if was != now:
            moved[was] = now
    return moved


def folder_files(
    outputs: Outputs,
    config: dict,
    theme_dirs: list[Path],
    source: str,
) -> dict[str, bytes]:
    """Every file of the pregenerated folder, by its path in it."""
    moved = moved_pages(outputs)
    docs: dict[str, bytes] = {}
    for page in outputs.pages:
        now = folder_path(page)
        docs[now] = escape_front_matter(page.markdown).encode()
    for path, data in outputs.files.items():
        docs[path] = data.encode("utf-8") if isinstance(data, str) else data
    files = {f"{DOCS}/{path}": data for path, data in docs.items()}
    for theme_dir in theme_dirs:  # the project's custom_dir last: its files win
        for file in sorted(theme_dir.rglob("*")):
            rel = file.relative_to(theme_dir).as_posix()
            hidden = any(part.startswith(".") for part in rel.split("/"))
            # The theme's static files that the chronicle publishes itself live in docs/.
            if file.is_file() and not hidden and rel not in docs:
                files[f"{THEME}/{rel}"] = file.read_bytes()
    settings = engine_config(config, custom_dir=bool(theme_dirs), moved=moved)
    files[CONFIG] = dump_config(settings, source).encode("utf-8")
    return dict(sorted(files.items()))


@dataclass(frozen=True)
class Plan:
    """The pregenerated folder, ready to write: its files, and the chronicle they come from."""

    files: dict[str, bytes]
    chronicle: Chronicle
    outputs: Outputs
    content: Path


def plan(config_path: Path, content: Path | None = None) -> Plan:
    """Load the chronicle of a mkdocs.yml and lay out its pregenerated folder.

    Raises :class:`ExportError` for an unusable configuration and
    :class:`~generator.model.ContentError` for content with errors.
    """
    config = read_config(config_path)
    root = config_path.resolve().parent
    docs = content if content is not None else _resolve(root, config.get("docs_dir"), "docs")
    if not Path(docs).is_dir():
        raise ExportError(f"{config_path}: docs_dir: no folder {docs}")
    options = plugin_options(config)
    templates = _resolve(root, options.get("templates"), "templates")
    list_limit = options.get("list_limit", LIST_LIMIT)
    if not isinstance(list_limit, int) or isinstance(list_limit, bool):
        raise ExportError(f"{config_path}: plugins: chronicle: list_limit: must be a whole number")
    licence = options.get("licence")
    if licence is not None and licence not in LICENCES:
        raise ExportError(
            f"{config_path}: plugins: chronicle: licence: must be one of {', '.join(LICENCES)}"
        )
    chronicle = build_chronicle(Path(docs), display=os.path.relpath(docs))
    repo_url, edit_uri = _env_value(config.get("repo_url")), _env_value(config.get("edit_uri"))
    repo_url = repo_url if isinstance(repo_url, str) and repo_url else None
    if repo_url is not None and safe_repo_url(repo_url) is None:
        raise ExportError(f"{config_path}: repo_url: must be an http(s) address")
    edit_uri = edit_uri if isinstance(edit_uri, str) and edit_uri else None
    if repo_url is not None and edit_uri is None and "github.com" in repo_url:
        edit_uri = "edit/master/docs/"  # MkDocs's default for GitHub
    history = read_history(Path(docs), repo_url, edit_uri, root)
    chronicle = replace(chronicle, history=history)
    site_name = config.get("site_name")
    site_name = site_name if isinstance(site_name, str) else ""
    theme = config.get("theme")
    language = theme.get("language") if isinstance(theme, dict) else None
    language = language if isinstance(language, str) and language else "en"
    try:
        i18n.translations(language)
    except ContentError as error:
        raise ExportError(
            f"{config_path}: theme: language: the catalog is broken:\n{error}"
        ) from None
    outputs = site_outputs(
        chronicle,
        templates,
        _site_url(config),
        site_name,
        list_limit,
        language=language,
        licence=licence,
    )
    source = config_path.name  # not its full path: the folder is the same from anywhere
    files = folder_files(outputs, config, _theme_dirs(config, root), source)
    return Plan(files, chronicle, outputs, Path(docs))


# --- writing, only into a new or empty folder or over a previous run ----------------------

_SAFE_PATH = re.compile(r"^(?!/)(?!.*(?:^|/)\.\.(?:/|$)).+$")


def _previous(out: Path) -> list[str]:
    manifest = out / MANIFEST
    lines = manifest.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line and not line.startswith("#") and _SAFE_PATH.match(line)]


def check_target(out: Path, content: Path) -> None:
    """Refuse a folder that is not new, empty, or a previous output of chronicle pages."""
    real = out.resolve()
    real_content = content.resolve()
    if real == real_content or real_content in real.parents or real in real_content.parents:
        raise ExportError(f"{out}: the output folder must be outside the content folder")
    if out.exists() and not out.is_dir():
        raise ExportError(f"{out}: exists and is not a folder")
    if out.is_dir() and any(out.iterdir()) and not (out / MANIFEST).is_file():
        raise ExportError(
            f"{out}: the folder is not empty and was not written by chronicle pages "
            f"(it has no {MANIFEST}): give a new or empty folder"
        )


def write(out: Path, files: dict[str, bytes]) -> None:
    """Write ``files`` under ``out``, first removing those of a previous run.

    Files the previous run did not write (a ``site/`` built there) are left.
    """
    if (out / MANIFEST).is_file():
        folders = set()
        for rel in _previous(out):
            target = out / rel
            if target.is_file() or target.is_symlink():
                target.unlink()
            folders.update(PurePosixPath(rel).parents)
        for folder in sorted(folders, key=lambda p: len(p.parts), reverse=True):
            path = out / folder
            if folder.parts and path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    out.mkdir(parents=True, exist_ok=True)
    for rel, data in files.items():
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    (out / MANIFEST).write_text(MANIFEST_HEADER + "".join(f"{p}\n" for p in files), "utf-8")
