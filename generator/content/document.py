"""Reading one file: split the YAML front matter from the body, keep every key's line.

The YAML is read with a safe loader that refuses, while reading, what no
schema needs (aliases, tags, deep nesting, huge documents), so that hostile
front matter costs little and never reaches the validator.
"""

from __future__ import annotations

from dataclasses import dataclass

import frontmatter
import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

from .schema import MAX_DEPTH

MAX_NODES = 20_000

TOO_DEEP = "front matter is nested deeper than the schema allows"
TOO_LARGE = "front matter is too large"
NO_ALIASES = "YAML anchors and aliases are not allowed"

# What YAML libraries say when they reach, before the loader does, a limit the
# loader enforces itself (libyaml 0.2.5 as bundled with PyYAML 6.0.4 stops at
# 1,000 levels of nesting): the user reads the project's words either way.
LIBRARY_LIMITS = (("nesting depth", TOO_DEEP),)


class _Refused(Exception):
    def __init__(self, line: int, message: str):
        self.line, self.message = line, message


_PLAIN_TAGS = {
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "seq", "map")
}


try:  # libyaml's parser, about seven times faster; the composing stays in Python
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml.parser import Parser as _Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, _Parser):  # type: ignore[no-redef]
        def __init__(self, stream):
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            _Parser.__init__(self)


class _Loader(Composer, SafeConstructor, Resolver, _Parser):
    """A safe YAML loader that keeps dates as text, so `2024-07` and `2024-07-25` parse alike.

    It refuses, as it reads and before building anything, what the schema never
    needs: aliases (a "billion laughs" expands through them), tags other than
    the plain types, nesting deeper than ``MAX_DEPTH`` and more than
    ``MAX_NODES`` values.
    """

    depth = 0
    nodes = 0

    def __init__(self, stream: str):
        _Parser.__init__(self, stream)
        Composer.__init__(self)
        SafeConstructor.__init__(self)
        Resolver.__init__(self)

    def compose_node(self, parent, index):
        event = self.peek_event()
        line = event.start_mark.line + 1
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _Refused(line, TOO_LARGE)
        if isinstance(event, yaml.AliasEvent):
            raise _Refused(line, NO_ALIASES)
        tag = getattr(event, "tag", None)
        if tag not in (None, "!") and tag not in _PLAIN_TAGS:
            shown = tag.replace("tag:yaml.org,2002:", "!!", 1)
            raise _Refused(line, f"YAML tag {shown} is not allowed")
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise _Refused(line, TOO_DEEP)
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in Resolver.yaml_implicit_resolvers.items()
}


@dataclass
class Document:
    """One file's front matter as plain data, with the line of every key."""

    data: object
    lines: dict[tuple, int]
    body: str
    body_line: int


def _to_data(loader: _Loader, node: yaml.Node, key: tuple, lines: dict, depth: int, seen: set):
    if id(node) in seen:
        raise _Refused(node.start_mark.line + 1, NO_ALIASES)
    seen.add(id(node))
    if len(seen) > MAX_NODES:
        raise _Refused(node.start_mark.line + 1, TOO_LARGE)
    if depth > MAX_DEPTH:
        raise _Refused(node.start_mark.line + 1, TOO_DEEP)
    lines.setdefault(key, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        result: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise _Refused(key_node.start_mark.line + 1, "a key must be plain text")
            name = _scalar(loader, key_node)
            if not isinstance(name, str):
                name = str(name)
            if name in result:
                raise _Refused(key_node.start_mark.line + 1, f"duplicate key {name!r}")
            lines[key + (name,)] = key_node.start_mark.line + 1
            result[name] = _to_data(loader, value_node, key + (name,), lines, depth + 1, seen)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _to_data(loader, item, key + (i,), lines, depth + 1, seen)
            for i, item in enumerate(node.value)
        ]
    return _scalar(loader, node)


def _scalar(loader: _Loader, node: yaml.Node):
    try:
        return loader.construct_object(node)
    except ValueError:  # an integer of thousands of digits
        raise _Refused(node.start_mark.line + 1, "a number is too long") from None


def parse_document(text: str) -> Document:
    """Split front matter from body and parse it; raise _Refused on malformed input."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.startswith("---\n") and text.strip() != "---":
        raise _Refused(
            1,
            "missing: the file must start with a line '---', then the YAML "
            "front matter, then a line '---'",
        )
    try:
        fm, body = frontmatter.YAMLHandler().split(text)
    except ValueError:
        raise _Refused(1, "not closed: add a line '---' after the front matter") from None
    # YAML's line 0 is the file's line `first`: the split keeps the newline after '---'.
    first = text[: text.index(fm, 3)].count("\n") + 1
    body_line = text[: len(text) - len(body)].count("\n") + 1
    lines: dict[tuple, int] = {}
    try:
        loader = _Loader(fm)
        try:
            node = loader.get_single_node()
            data = None if node is None else _to_data(loader, node, (), lines, 1, set())
        finally:
            loader.dispose()
    except _Refused as refused:
        raise _Refused(refused.line - 1 + first, refused.message) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + first if mark else 1
        problem = (error.problem or error.context or "invalid YAML").strip()
        limit = next((ours for theirs, ours in LIBRARY_LIMITS if theirs in problem), None)
        raise _Refused(line, limit or f"YAML syntax error: {problem}") from None
    except yaml.YAMLError as error:
        raise _Refused(1, f"YAML error: {error}") from None
    except RecursionError:
        raise _Refused(1, TOO_DEEP) from None
    lines = {key: line - 1 + first for key, line in lines.items()}
    if not isinstance(data, dict):
        raise _Refused(lines.get((), 1), "must be a mapping of fields (key: value lines)")
    return Document(data, lines, body, body_line)
