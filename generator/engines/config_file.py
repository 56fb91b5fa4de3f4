"""A project's mkdocs.yml as ``chronicle pages`` reads it and writes it for the
pregenerated folder: its tagged values (``!ENV``, ``!!python/name``...) kept as they are,
the chronicle plugin's options read, and the folder's own configuration derived from it
(``engine_config``). No MkDocs here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from ..site import notfound

DOCS = "docs"
THEME = "overrides"
SITE = "site"
CONFIG = "mkdocs.yml"
PLUGIN = "chronicle"

CONFIG_HEADER = """\
# Written by `chronicle pages` from {source}: every page of the chronicle is
# pregenerated under docs/, so any engine that reads mkdocs.yml builds the site
# from this folder alone, without the chronicle plugin. Regenerate it rather
# than edit it.
"""


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
