"""Stage 1: read every file of the content folder and validate each on its own.

The result is a list of entries (events, actors, locations, sources and
ordinary pages) plus every problem found, each with its file and line.
Cross-references between files are checked in ``index.py``.
"""

from __future__ import annotations

import difflib
import os
import re
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import frontmatter
import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

from . import safety
from .model import (
    Actor,
    Assessment,
    Claim,
    Entry,
    Event,
    Figure,
    Location,
    Page,
    PartialDate,
    Problem,
    Source,
)
from .schema import FOLDERS, ID_RE, KIND_OF_FOLDER, KINDS, MAX_DEPTH, MAX_TEXT, URL_RE, Field

MAX_FILE_BYTES = 1_000_000
TOO_LARGE = f"is larger than 1 MB ({MAX_FILE_BYTES:,} bytes): split it into several entries"
MAX_NODES = 20_000
RESERVED_IDS = {"index"}
# What ``chronicle new`` writes where a value is still to be given; refused until replaced.
PLACEHOLDER = "TODO"
_PLACEHOLDER_LINE = re.compile(rf"^[ \t]*{PLACEHOLDER}\b", re.MULTILINE)


class _Refused(Exception):
    def __init__(self, line: int, message: str):
        self.line, self.message = line, message


_PLAIN_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null",
                                                          "seq", "map")}


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
            raise _Refused(line, "front matter is too large")
        if isinstance(event, yaml.AliasEvent):
            raise _Refused(line, "YAML anchors and aliases are not allowed")
        tag = getattr(event, "tag", None)
        if tag not in (None, "!") and tag not in _PLAIN_TAGS:
            shown = tag.replace("tag:yaml.org,2002:", "!!", 1)
            raise _Refused(line, f"YAML tag {shown} is not allowed")
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise _Refused(line, "front matter is nested deeper than the schema allows")
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
        raise _Refused(node.start_mark.line + 1, "YAML anchors and aliases are not allowed")
    seen.add(id(node))
    if len(seen) > MAX_NODES:
        raise _Refused(node.start_mark.line + 1, "front matter is too large")
    if depth > MAX_DEPTH:
        raise _Refused(node.start_mark.line + 1, "front matter is nested deeper than the schema allows")
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
        raise _Refused(1, "missing: the file must start with a line '---', then the YAML "
                          "front matter, then a line '---'")
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
        raise _Refused(line, f"YAML syntax error: {problem}") from None
    except yaml.YAMLError as error:
        raise _Refused(1, f"YAML error: {error}") from None
    except RecursionError:
        raise _Refused(1, "front matter is nested deeper than the schema allows") from None
    lines = {key: line - 1 + first for key, line in lines.items()}
    if not isinstance(data, dict):
        raise _Refused(lines.get((), 1), "must be a mapping of fields (key: value lines)")
    return Document(data, lines, body, body_line)


def suggest(word: str, options) -> str:
    """' (did you mean 'x'?)' when an option is close to the word, else ''."""
    close = difflib.get_close_matches(word, sorted(options), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _type_name(value: object) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if value is None:
        return "empty"
    return "text"


def _text(value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"must be text, not {_type_name(value)}")
    if len(value) > MAX_TEXT:
        raise ValueError(f"is longer than {MAX_TEXT} characters")
    return unicodedata.normalize("NFC", value.strip())


def _is_placeholder(value: object) -> bool:
    if isinstance(value, list):
        return any(_is_placeholder(item) for item in value)
    return isinstance(value, str) and value.strip() == PLACEHOLDER


def _placeholder_lines(body: str, shown: str, first_line: int) -> list[Problem]:
    return [Problem(shown, first_line + body.count("\n", 0, m.start()), "body",
                    f"fill in the placeholder {PLACEHOLDER}: replace the line with the text")
            for m in _PLACEHOLDER_LINE.finditer(body)]


def _id(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError(f"must be an id, not {_type_name(value)}")  # noqa: TRY004 (a message)
    if not ID_RE.match(value):
        raise ValueError(f"{value!r} is not an id: use lowercase letters, digits and hyphens")
    return value


class Validator:
    """Checks one mapping against a tuple of field declarations."""

    def __init__(self, path: str, lines: dict[tuple, int]):
        self.path, self.lines, self.problems = path, lines, []

    def line(self, key: tuple) -> int:
        while key and key not in self.lines:
            key = key[:-1]
        return self.lines.get(key, 1)

    def error(self, key: tuple, message: str) -> None:
        label = ""
        for part in key:
            label += f"[{part}]" if isinstance(part, int) else (f".{part}" if label else part)
        self.problems.append(Problem(self.path, self.line(key), label or "front matter", message))

    def record(self, fields: tuple[Field, ...], data: object, key: tuple = ()) -> dict | None:
        if not isinstance(data, dict):
            self.error(key, f"must be a mapping of fields, not {_type_name(data)}")
            return None
        declared = {f.name: f for f in fields}
        for name in data:
            if name not in declared:
                self.error(key + (name,), "unknown field" + suggest(name, declared))
        clean: dict = {}
        for f in fields:
            if f.name not in data:
                if f.required:
                    self.error(key + (f.name,), "is required")
                continue
            value = data[f.name]
            if value is None or value == "" or value == []:
                if f.required:
                    self.error(key + (f.name,), "must not be empty")
                continue
            if _is_placeholder(value):
                among = f" One of: {', '.join(f.choices)}." if f.choices else ""
                self.error(key + (f.name,), f"fill in the placeholder {PLACEHOLDER}: "
                                            f"{f.help}{among}")
                continue
            try:
                clean[f.name] = self.value(f, value, key + (f.name,))
            except ValueError as error:
                self.error(key + (f.name,), str(error))
        return clean

    def value(self, f: Field, value: object, key: tuple):
        kind = f.type
        if kind in ("text", "longtext", "claimant"):
            text = _text(value)
            if f.pattern and not re.match(f.pattern, text):
                raise ValueError(f"{text!r} is not valid here: {f.help}")
            return text
        if kind == "date":
            if isinstance(value, int) and not isinstance(value, bool):
                value = str(value)
            if not isinstance(value, str):
                raise ValueError(f"must be a date, not {_type_name(value)}")
            try:
                return PartialDate.parse(value.strip())
            except ValueError:
                raise ValueError(f"{value!r} is not a date: use YYYY-MM-DD, YYYY-MM or YYYY") from None
        if kind == "id":
            return _id(value)
        if kind in ("ids", "texts"):
            if isinstance(value, str) and kind == "texts" or not isinstance(value, list):
                raise ValueError(f"must be a list, not {_type_name(value)}")
            if f.required and not value:
                raise ValueError("must list at least one")
            items = []
            for i, item in enumerate(value):
                try:
                    is_id = kind == "ids" or f.pattern == ID_RE.pattern
                    items.append(_id(item) if is_id else self.value(
                        Field(f.name, "text", f.help, pattern=f.pattern), item, key + (i,)))
                except ValueError as error:
                    self.error(key + (i,), str(error))
            return tuple(dict.fromkeys(items))
        if kind == "url":
            if not isinstance(value, str):
                raise ValueError(f"must be a link, not {_type_name(value)}")
            if not URL_RE.match(value.strip()):
                if re.match(r"https?://", value.strip()):
                    raise ValueError(f"{value.strip()!r} is not a valid link: spaces, quotes "
                                     "and angle brackets must be percent-encoded")
                raise ValueError(f"{value.strip()!r}: only http and https links are allowed")
            return value.strip()
        if kind == "choice":
            if not isinstance(value, str) or value not in f.choices:
                shown = value if isinstance(value, str) else _type_name(value)
                hint = suggest(shown, f.choices) if isinstance(value, str) else ""
                raise ValueError(f"{shown!r} is not one of: {', '.join(f.choices)}{hint}")
            return value
        if kind == "number":
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise ValueError(f"must be a number, not {_type_name(value)}")
            if not f.minimum <= value <= f.maximum:
                raise ValueError(f"{value} is outside {f.minimum:g} to {f.maximum:g}")
            return float(value)
        if kind == "figure":
            return Figure.parse(value)
        if kind == "supersedes":
            if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
                return value
            return _id(value)
        if kind == "records":
            if not isinstance(value, list):
                raise ValueError(f"must be a list, not {_type_name(value)}")
            if f.max_items and len(value) > f.max_items:
                raise ValueError(f"has {len(value)} items; at most {f.max_items} are allowed")
            return [self.record(f.fields, item, key + (i,)) for i, item in enumerate(value)]
        raise AssertionError(kind)  # pragma: no cover


def _before(a: PartialDate, b: PartialDate) -> bool:
    """Whether ``a`` is surely before ``b``: compared at the coarser of their precisions."""
    depth = min(a.iso.count("-"), b.iso.count("-")) + 1
    return (a.year, a.month, a.day)[:depth] < (b.year, b.month, b.day)[:depth]


def _build(kind: str, entry_id: str, shown: str, rel: str, doc: Document,
           v: Validator) -> Entry | None:
    data = v.record(KINDS[kind], doc.data)
    if data is not None:  # checks across fields, reported with the file's other problems
        if kind == "event" and "end" in data and "date" in data and _before(data["end"],
                                                                            data["date"]):
            v.error(("end",), f"{data['end']} is before the date {data['date']}")
        given = {name for name in ("lat", "lon") if doc.data.get(name) not in (None, "")}
        if kind == "location" and len(given) == 1:  # not when one was given but is invalid
            v.error((given.pop(),), "give both lat and lon, or neither")
    if data is None or v.problems:
        return None
    common = {"id": entry_id, "path": shown, "src": rel, "body": doc.body}
    if kind == "event":
        claims = tuple(
            Claim(
                about=c["about"], by=c["by"], by_actor=bool(ID_RE.match(c["by"])), says=c["says"],
                source=c["source"], figure=c.get("figure"), of=c.get("of"), date=c.get("date"),
                id=c.get("id"), supersedes=c.get("supersedes"), index=i,
                line=v.line(("claims", i)),
            )
            for i, c in enumerate(data.get("claims", ()))
        )
        assessment = []
        for i, a in enumerate(data.get("assessment", ())):
            if "figure" not in a and "says" not in a:
                v.error(("assessment", i), "needs a figure or says")
            assessment.append(Assessment(a["about"], a["note"], a["sources"], a.get("figure"),
                                         a.get("says")))
        data.update(claims=claims, assessment=tuple(assessment))
        return Event(**common, **data)
    if "kind" in data:
        data["kind_of"] = data.pop("kind")
    return {"actor": Actor, "location": Location, "source": Source}[kind](**common, **data)


def _files(root: Path) -> list[Path]:
    """Every file MkDocs would publish from ``root``, in a fixed order.

    Hidden files and folders (a leading dot) are skipped, as MkDocs skips them;
    symlinked folders are listed so that they can be refused, not dropped.
    """
    found = []
    for folder, dirs, names in os.walk(root, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(Path(folder) / name for name in sorted(names)
                     if not name.startswith(".") or name.endswith(".md"))
        found.extend(Path(folder) / d for d in dirs if (Path(folder) / d).is_symlink())
    return sorted(found, key=lambda p: p.relative_to(root).as_posix())


def load(root: Path, display: str | None = None) -> tuple[list, list[Problem], dict]:
    """Read and validate every Markdown file under ``root``.

    Returns the entries and ordinary pages, every problem, and for each file
    the line of each front-matter key (``("body",)`` for the body's first
    line). ``display`` is how ``root`` is written in messages (default: as
    given).
    """
    root = Path(root)
    prefix = display if display is not None else str(root)
    real_root = root.resolve()
    entries: list[Entry | Page] = []
    problems: list[Problem] = []
    lines: dict[str, dict] = {}
    for file in _files(root):
        rel = file.relative_to(root).as_posix()
        shown = f"{prefix.rstrip('/')}/{rel}" if prefix not in ("", ".") else rel
        problem = _check_file(file, real_root, shown)
        if problem:
            problems.append(problem)
            continue
        text = _read_text(file, shown)
        if isinstance(text, Problem):
            problems.append(text)
            continue
        parts = rel.split("/")
        kind = KIND_OF_FOLDER.get(parts[0]) if len(parts) > 1 else None
        if kind is None:
            entries.append(_page(shown, rel, text))
            try:
                body, body_line = _page_body(text)
            except _Refused as refused:
                problems.append(Problem(shown, refused.line, "front matter", refused.message))
                continue
            problems.extend(safety.check_body(body, shown, body_line))
            continue
        try:
            doc = parse_document(text)
        except _Refused as refused:
            problems.append(Problem(shown, refused.line, "front matter", refused.message))
            continue
        entry_id = parts[-1][:-3]
        lines[shown] = {**doc.lines, ("body",): doc.body_line}
        v = Validator(shown, doc.lines)
        if kind != "event" and len(parts) > 2:
            v.problems.append(Problem(shown, 1, "file", f"{FOLDERS[kind]} must be files "
                                      f"directly in {FOLDERS[kind]}/"))
        elif not ID_RE.match(entry_id) or entry_id in RESERVED_IDS:
            v.problems.append(Problem(shown, 1, "id", f"{entry_id!r} is not a valid id: name "
                                      "the file with lowercase letters, digits and hyphens "
                                      "(and not 'index')"))
        entry = _build(kind, entry_id, shown, rel, doc, v)
        problems.extend(v.problems)
        problems.extend(safety.check_body(doc.body, shown, doc.body_line))
        problems.extend(_placeholder_lines(doc.body, shown, doc.body_line))
        if entry is not None and not v.problems:
            entries.append(entry)
    return entries, problems, lines


def _check_file(file: Path, real_root: Path, shown: str) -> Problem | None:
    """Refuse what must not be read: links leading out, folders, odd files, big files."""
    def refuse(message: str) -> Problem:
        return Problem(shown, 1, "file", message)

    try:
        real = file.resolve(strict=True)
        info = real.stat()
    except (OSError, RuntimeError):
        return refuse("cannot be read (a broken link?)")
    if real != real_root and real_root not in real.parents:
        return refuse("resolves outside the content folder")
    if stat.S_ISDIR(info.st_mode):
        return refuse("a linked folder is not followed: copy the files in")
    if not stat.S_ISREG(info.st_mode):
        return refuse("is not a regular file")
    if file.name.startswith("."):
        return refuse("a hidden file is not published: remove the leading dot")
    if not file.name.endswith(".md"):
        return refuse("only Markdown files ending in .md may be in the content folder "
                      "(MkDocs would publish any other file as it is)")
    if info.st_size > MAX_FILE_BYTES:
        return refuse(TOO_LARGE)
    return None


def _read_text(file: Path, shown: str) -> str | Problem:
    """The file as text: UTF-8, with or without a byte-order mark; CRLF is kept for later."""
    try:
        with open(file, "rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        return Problem(shown, 1, "file", f"cannot be read: {error.strerror or error}")
    if len(raw) > MAX_FILE_BYTES:  # grew after the size check
        return Problem(shown, 1, "file", TOO_LARGE)
    try:
        return raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        return Problem(shown, line, "file", f"invalid UTF-8 at byte {error.start}: save the "
                                            "file as UTF-8")


# How MkDocs finds the front matter of an ordinary page (mkdocs.utils.meta).
_PAGE_META = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)


def _page_body(text: str) -> tuple[str, int]:
    """The part of an ordinary page that MkDocs renders as Markdown, and its first line.

    MkDocs reads a page's front matter itself, with a YAML loader that expands
    aliases: it is read here first with the loader of entries, which refuses
    them (raises _Refused). Front matter that is not a mapping stays Markdown.
    """
    text = text.replace("\r\n", "\n")
    match = _PAGE_META.match(text)
    if not match:
        return text, 1
    try:
        loader = _Loader(match.group(1))  # reads the text, and may refuse it, at once
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except _Refused as refused:
        raise _Refused(refused.line + 1, refused.message) from None
    except yaml.YAMLError:
        return text, 1
    if not isinstance(node, yaml.MappingNode):
        return text, 1
    return text[match.end():], text.count("\n", 0, match.end()) + 1


def _page(shown: str, rel: str, text: str) -> Page:
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    title = None
    for line in text.splitlines():
        if line.startswith("# "):
            title = line[2:].strip()
            break
    return Page(shown, rel, text, title)
