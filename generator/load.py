"""Stage 1: read every file of the content folder and validate each on its own.

The result is a list of entries (events, actors, locations, sources and
ordinary pages) plus every problem found, each with its file and line.
Reading a file is ``document.py``; checking its fields, ``validate.py``.
Cross-references between files are checked in ``index.py``.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import yaml

from . import safety
from .cache import FileCache
from .document import _Loader, _Refused, parse_document
from .model import Entry, Page, Problem
from .schema import FOLDERS, ID_RE, KIND_OF_FOLDER
from .validate import Validator, build_entry, placeholder_lines

MAX_FILE_BYTES = 1_000_000
TOO_LARGE = f"is larger than 1 MB ({MAX_FILE_BYTES:,} bytes): split it into several entries"
RESERVED_IDS = {"index"}


def _files(root: Path) -> list[Path]:
    """Every file MkDocs would publish from ``root``, in a fixed order.

    Hidden files and folders (a leading dot) are skipped, as MkDocs skips them;
    symlinked folders are listed so that they can be refused, not dropped.
    """
    found = []
    for folder, dirs, names in os.walk(root, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(
            Path(folder) / name
            for name in sorted(names)
            if not name.startswith(".") or name.endswith(".md")
        )
        found.extend(Path(folder) / d for d in dirs if (Path(folder) / d).is_symlink())
    return sorted(found, key=lambda p: p.relative_to(root).as_posix())


def load(
    root: Path, display: str | None = None, cache: FileCache | None = None
) -> tuple[list, list[Problem], dict]:
    """Read and validate every Markdown file under ``root``.

    Returns the entries and ordinary pages, every problem, and for each file
    the line of each front-matter key (``("body",)`` for the body's first
    line). ``display`` is how ``root`` is written in messages (default: as
    given). With a ``cache`` (cache.py), a file whose bytes were validated
    before by the same code is not validated again.
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
        raw = _read_bytes(file, shown)
        if isinstance(raw, Problem):
            problems.append(raw)
            continue
        result = cache.get((shown, rel), raw) if cache is not None else None
        if result is None:
            result = load_file(shown, rel, raw)
            if cache is not None:
                cache.put((shown, rel), raw, result)
        entry, found, at = result
        if entry is not None:
            entries.append(entry)
        problems.extend(found)
        if at is not None:
            lines[shown] = at
    if cache is not None:
        cache.save()
    return entries, problems, lines


def load_file(shown: str, rel: str, raw: bytes) -> tuple[Entry | Page | None, list, dict | None]:
    """Validate one file on its own: its entry (None if invalid), problems and key lines."""
    text = _decode(raw, shown)
    if isinstance(text, Problem):
        return None, [text], None
    parts = rel.split("/")
    kind = KIND_OF_FOLDER.get(parts[0]) if len(parts) > 1 else None
    if kind is None:
        page = _page(shown, rel, text)
        try:
            body, body_line = _page_body(text)
        except _Refused as refused:
            return page, [Problem(shown, refused.line, "front matter", refused.message)], None
        return page, safety.check_body(body, shown, body_line), None
    try:
        doc = parse_document(text)
    except _Refused as refused:
        return None, [Problem(shown, refused.line, "front matter", refused.message)], None
    entry_id = parts[-1][:-3]
    at = {**doc.lines, ("body",): doc.body_line}
    v = Validator(shown, doc.lines)
    if kind != "event" and len(parts) > 2:
        v.problems.append(
            Problem(shown, 1, "file", f"{FOLDERS[kind]} must be files directly in {FOLDERS[kind]}/")
        )
    elif not ID_RE.match(entry_id) or entry_id in RESERVED_IDS:
        v.problems.append(
            Problem(
                shown,
                1,
                "id",
                f"{entry_id!r} is not a valid id: name "
                "the file with lowercase letters, digits and hyphens "
                "(and not 'index')",
            )
        )
    entry = build_entry(kind, entry_id, shown, rel, doc, v)
    found = [
        *v.problems,
        *safety.check_body(doc.body, shown, doc.body_line),
        *placeholder_lines(doc.body, shown, doc.body_line),
    ]
    return (entry if entry is not None and not v.problems else None), found, at


def _check_file(file: Path, real_root: Path, shown: str) -> Problem | None:
    """Refuse what must not be read: links leading out, folders, odd files, big files."""

    def refuse(message: str) -> Problem:
        return Problem(shown, 1, "file", message)

    try:
        info = os.lstat(file)
        if stat.S_ISLNK(info.st_mode):
            # Only a link can lead out: the walk does not enter linked folders.
            real = file.resolve(strict=True)
            info = real.stat()
            if real != real_root and real_root not in real.parents:
                return refuse("resolves outside the content folder")
    except (OSError, RuntimeError):
        return refuse("cannot be read (a broken link?)")
    if stat.S_ISDIR(info.st_mode):
        return refuse("a linked folder is not followed: copy the files in")
    if not stat.S_ISREG(info.st_mode):
        return refuse("is not a regular file")
    if file.name.startswith("."):
        return refuse("a hidden file is not published: remove the leading dot")
    if not file.name.endswith(".md"):
        return refuse(
            "only Markdown files ending in .md may be in the content folder "
            "(MkDocs would publish any other file as it is)"
        )
    if info.st_size > MAX_FILE_BYTES:
        return refuse(TOO_LARGE)
    return None


def _read_bytes(file: Path, shown: str) -> bytes | Problem:
    try:
        with open(file, "rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        return Problem(shown, 1, "file", f"cannot be read: {error.strerror or error}")
    if len(raw) > MAX_FILE_BYTES:  # grew after the size check
        return Problem(shown, 1, "file", TOO_LARGE)
    return raw


def _decode(raw: bytes, shown: str) -> str | Problem:
    """The file as text: UTF-8, with or without a byte-order mark; CRLF is kept for later."""
    try:
        return raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        return Problem(
            shown, line, "file", f"invalid UTF-8 at byte {error.start}: save the file as UTF-8"
        )


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
    return text[match.end() :], text.count("\n", 0, match.end()) + 1


def _page(shown: str, rel: str, text: str) -> Page:
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    title = None
    for line in text.splitlines():
        if line.startswith("# "):
            title = line[2:].strip()
            break
    return Page(shown, rel, text, title)
