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
from ..site import i18n, notfound
from ..site.licences import LICENCES
from ..site.outputs import Outputs, escape_meta, site_outputs
from ..site.render import LIST_LIMIT, OutPage
from ..site.render import THEME as PACKAGED_THEME
from ..site.urls import safe_repo_url

DOCS = "docs"
THEME = "overrides"
SITE = "site"
CONFIG = "mkdocs.yml"
MANIFEST = ".chronicle-pages"
PLUGIN = "chronicle"

CONFIG_HEADER = """\
# Written by `chronicle pages` from {source}: every page of the chronicle is
# pregenerated under docs/, so any engine that reads mkdocs.yml builds the site
# from this folder alone, without the chronicle plugin. Regenerate it rather
# than edit it.
"""
MANIFEST_HEADER = (
    "# Written by `chronicle pages`: the files it wrote here, replaced on its next run.\n"
)


class ExportError(Exception):
    """A reason not to write the folder, for the user to read."""


# --- mkdocs.yml, read and written back with its tags (!ENV, !!python/name...) kept ---------


@dataclass(frozen=True)
class Tagged:
    """A YAML value with a tag this module leaves to the engine (``!ENV [X, default]``)."""

    tag: str
    value: object


class _ConfigLoader(yaml.SafeLoader):
    pass


def _construct_tagged(loader: yaml.Loader, suffix: str, node: yaml.Node, prefix: str) -> Tagged:
    if isinstance(node, yaml.MappingNode):
        value: object = loader.construct_mapping(node, deep=True)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_scalar(node)
    return Tagged(prefix + suffix, value)


for _prefix in ("!", "tag:yaml.org,2002:python/"):
    _ConfigLoader.add_multi_constructor(
        _prefix, lambda loader, suffix, node, p=_prefix: _construct_tagged(loader, suffix, node, p)
    )


class _ConfigDumper(yaml.SafeDumper):
    pass


def _represent_tagged(dumper: yaml.Dumper, data: Tagged) -> yaml.Node:
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    return dumper.represent_scalar(data.tag, str(data.value))


_ConfigDumper.add_representer(Tagged, _represent_tagged)


def read_config(path: Path) -> dict:
    """A mkdocs.yml as a mapping, its tagged values kept as :class:`Tagged`."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ExportError(f"{path}: cannot be read: {error.strerror}") from None
    try:
        config = yaml.load(text, Loader=_ConfigLoader)  # a SafeLoader, keeping tags
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        problem = getattr(error, "problem", None) or "cannot be read"
        raise ExportError(f"{path}:{line}: not valid YAML: {problem}") from None
    if not isinstance(config, dict):
        raise ExportError(f"{path}:1: a mkdocs.yml is a mapping of settings")
    return config


def _plugin_names(plugins: object) -> list[tuple[str, object]]:
    """The (name, options) of each entry of ``plugins``, a list or a mapping."""
    if isinstance(plugins, dict):
        return list(plugins.items())
    out = []
    for item in plugins or []:
        if isinstance(item, dict) and len(item) == 1:
            out.append(next(iter(item.items())))
        else:
            out.append((item, None))
    return out


def plugin_options(config: dict) -> dict:
    """The options given to the chronicle plugin in a mkdocs.yml ({} when none)."""
    for name, options in _plugin_names(config.get("plugins")):
        if name == PLUGIN:
            return options if isinstance(options, dict) else {}
    return {}


def _without_plugin(plugins: object) -> object:
    if isinstance(plugins, dict):
        return {k: v for k, v in plugins.items() if k != PLUGIN}
    return [
        item
        for item in plugins or []
        if item != PLUGIN and not (isinstance(item, dict) and PLUGIN in item)
    ]


def _nav(item: object, moved: dict[str, str]) -> object:
    if isinstance(item, str):
        return moved.get(item, item)
    if isinstance(item, list):
        return [_nav(i, moved) for i in item]
    if isinstance(item, dict):
        return {k: _nav(v, moved) for k, v in item.items()}
    return item


def engine_config(config: dict, *, custom_dir: bool, moved: dict[str, str] | None = None) -> dict:
    """The project's mkdocs.yml for the pregenerated folder: everything kept but the
    chronicle plugin, the folders (docs/, site/, overrides/) and ``watch``, whose
    paths are the project's and serve only ``mkdocs serve`` of the project; the
    theme's ``variant`` is ``classic`` unless the project chose one; ``extra`` gains the
    404 page's words, which the plugin would give it."""
    if "hooks" in config or "INHERIT" in config:
        key = "hooks" if "hooks" in config else "INHERIT"
        raise ExportError(
            f"{CONFIG}: {key}: names files of the project that the pregenerated folder "
            "does not carry; build with the chronicle plugin instead"
        )
    out = {}
    for key, value in config.items():
        if key == "watch":
            continue
        if key == "plugins":
            value = _without_plugin(value)
        if key == "nav":
            value = _nav(value, moved or {})
        if key == "theme" and isinstance(value, dict):
            value = dict(value)
            if custom_dir:
                value["custom_dir"] = THEME
            # Zensical's Material look ("classic"; its default is "modern"), with which the
            # chronicle's stylesheet works unchanged. MkDocs and ProperDocs ignore the key.
            value.setdefault("variant", "classic")
        out[key] = value
    # The words of the theme's 404 page, as the plugin gives them (site/notfound.py).
    theme = config.get("theme")
    language = theme.get("language") if isinstance(theme, dict) else None
    extra = dict(out["extra"]) if isinstance(out.get("extra"), dict) else {}
    extra[notfound.EXTRA_KEY] = notfound.not_found_words(
        language if isinstance(language, str) and language else "en"
    )
    out["extra"] = extra
    out["docs_dir"] = DOCS
    out["site_dir"] = SITE
    return out


def dump_config(config: dict, source: str) -> str:
    text = yaml.dump(config, Dumper=_ConfigDumper, sort_keys=False, allow_unicode=True, width=100)
    return CONFIG_HEADER.format(source=source) + text


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
