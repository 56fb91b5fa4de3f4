"""Reading: every file of the content folder read and validated on its own.

The result is a list of entries (events, actors, locations, sources and
ordinary pages) plus every problem found, each with its file and line.
Reading a file is ``document.py``; checking its fields, ``validate.py``.
Cross-references between files are checked in ``crosscheck.py``.
"""

from __future__ import annotations

import html
import os
import posixpath
import re
import stat
from dataclasses import replace
from pathlib import Path

from ..bodies.render import CITATION, Context, anchor_problems, citation_order, render_body
from .cache import FileCache
from .document import _Refused, parse_document
from .model import Entry, Page, Problem, page_url
from .schema import FOLDERS, KIND_OF_FOLDER, PAGE_FIELDS
from .vocabulary import ID_RE
from .validate import Validator, build_entry, placeholder_lines

MAX_FILE_BYTES = 1_000_000
TOO_LARGE = f"is larger than 1 MB ({MAX_FILE_BYTES:,} bytes): split it into several entries"
RESERVED_IDS = {"index"}
# events/2024/ is the page of that year's events (site/render.py): no event takes a year's id.
YEAR_ID = re.compile(r"[0-9]{4}")
YEAR_ID_MESSAGE = (
    "{ident!r} is not a valid id for an event: events/{ident}/ is the page of the events "
    "of a year; name the file with its date and a few words, e.g. 2024-07-25-battle-of-north-town"
)
URLS = "\0urls"  # a key of load's ``keep`` that is no file's path
# The pages the chronicle generates, as Markdown paths of the site.
GENERATED_PAGES = ("chronicle.md", "disputed.md", "changes.md", "data.md", "actors/index.md",
                   "locations/index.md", "sources/index.md", "schema/index.md",
                   "events/index.md")  # fmt: skip


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
    root: Path,
    display: str | None = None,
    cache: FileCache | None = None,
    keep: dict | None = None,
) -> tuple[list, list[Problem], dict]:
    """Read and validate every Markdown file under ``root``.

    Returns the entries and ordinary pages, every problem, and for each file
    the line of each front-matter key (``("body",)`` for the body's first
    line). ``display`` is how ``root`` is written in messages (default: as
    given). With a ``cache`` (cache.py), a file whose bytes were validated
    before by the same code, among the same files, is not validated again.
    ``keep`` receives each file's result by its relative path, as
    ``(shown, load_file's result)``, and under the key ``URLS`` the URLs of
    the site's pages that bodies were checked against (engines/incremental.py builds
    again from them).
    """
    root = Path(root)
    prefix = display if display is not None else str(root)
    real_root = root.resolve()
    entries: list[Entry | Page] = []
    problems: list[Problem] = []
    lines: dict[str, dict] = {}
    files = _files(root)
    urls = page_urls(root, files)
    done: list[tuple[str, str, tuple]] = []  # (rel, shown, load_file's result) of each file
    if cache is not None:
        # A body's links are checked against every page of the site: its result
        # holds only among the same files.
        cache.depend_on(sorted(urls.items()))
    for file in files:
        rel = file.relative_to(root).as_posix()
        shown = f"{prefix.rstrip('/')}/{rel}" if prefix not in ("", ".") else rel
        problem = _check_file(file, real_root, shown)
        if problem:
            problems.append(problem)
            if keep is not None:
                keep[rel] = (shown, (None, [problem], None, ()))
            continue
        result = None
        if cache is not None:
            info = os.stat(file)
            seen = (info.st_mtime_ns, info.st_size)
            result = cache.unchanged((shown, rel), seen)
        if result is None:
            raw = _read_bytes(file, shown)
            if isinstance(raw, Problem):
                problems.append(raw)
                if keep is not None:
                    keep[rel] = (shown, (None, [raw], None, ()))
                continue
            result = cache.get((shown, rel), raw, seen) if cache is not None else None
            if result is None:
                result = load_file(shown, rel, raw, urls)
                if cache is not None:
                    cache.put((shown, rel), raw, seen, result)
        if keep is not None:
            keep[rel] = (shown, result)
        done.append((rel, shown, result))
        entry, found, at, _anchors = result
        problems.extend(found)
        if at is not None:
            lines[shown] = at
        if entry is not None:
            entries.append(entry)
    problems.extend(text_anchor_problems(done))
    if cache is not None:
        cache.save()
    if keep is not None:
        keep[URLS] = urls
    return entries, problems, lines


def load_file(
    shown: str, rel: str, raw: bytes, urls: dict[str, str]
) -> tuple[Entry | Page | None, list[Problem], dict | None, tuple]:
    """Validate one file on its own: its entry (None if invalid), problems, key lines and
    the links of its text to anchors of contributor text (checked across files by
    ``text_anchor_problems``)."""
    text = _decode(raw, shown)
    if isinstance(text, Problem):
        return None, [text], None, ()
    parts = rel.split("/")
    kind = KIND_OF_FOLDER.get(parts[0]) if len(parts) > 1 else None
    if kind is None:
        return _page(shown, rel, text, urls)
    try:
        doc = parse_document(text)
    except _Refused as refused:
        return None, [Problem(shown, refused.line, "front matter", refused.message)], None, ()
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
    elif kind == "event" and YEAR_ID.fullmatch(entry_id):
        v.problems.append(Problem(shown, 1, "id", YEAR_ID_MESSAGE.format(ident=entry_id)))
    entry = build_entry(kind, entry_id, shown, rel, doc, v)
    url = f"{FOLDERS[kind]}/{entry_id}/"
    body = render_body(doc.body, shown, doc.body_line, _context(url, rel, entry, doc.body, urls))
    found = [*v.problems, *body.problems, *placeholder_lines(doc.body, shown, doc.body_line)]
    if entry is not None and not v.problems:
        return replace(entry, html=body.html, headings=body.headings), found, at, body.anchors
    return None, found, at, ()


def text_anchor_problems(results) -> list[Problem]:
    """Links of contributor text to ``#text-`` anchors, checked once every file's headings
    are known. ``results``: (rel, shown, load_file's result) of each file."""
    ids = {rel: _ids(r[0].headings) for rel, _shown, r in results if r[0] is not None}
    problems: list[Problem] = []
    for _rel, shown, (entry, _found, _at, anchors) in results:
        if entry is not None:
            problems.extend(anchor_problems(shown, anchors, ids))
    return problems


_CONTROL_IN_NAME = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


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
    if _CONTROL_IN_NAME.search(shown):
        return refuse("its name or folder has a line break or another control character: rename it")
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


def page_urls(root: Path, files: list[Path]) -> dict[str, str]:
    """The URL of every page of the site by its Markdown path, for links in bodies."""
    urls = {path: page_url(path) for path in GENERATED_PAGES}
    for file in files:
        rel = file.relative_to(root).as_posix()
        if not rel.endswith(".md"):
            continue
        parts = rel.split("/")
        kind = KIND_OF_FOLDER.get(parts[0]) if len(parts) > 1 else None
        urls[rel] = f"{FOLDERS[kind]}/{parts[-1][:-3]}/" if kind else page_url(rel)
    return urls


def _context(url: str, rel: str, entry, text: str, urls: dict) -> Context:
    """Where an entry's body is published, and where its citations lead."""
    if entry is not None and entry.kind == "event":
        number = {s: i + 1 for i, s in enumerate(citation_order(text, entry.sources))}

        def cite(ident: str) -> tuple[int, str] | None:
            return (number[ident], f"#source-{ident}") if ident in number else None

    else:
        cited = list(dict.fromkeys(m.group(1) for m in CITATION.finditer(text)))
        order = {s: i + 1 for i, s in enumerate(cited)}

        def cite(ident: str) -> tuple[int, str] | None:
            href = posixpath.relpath(f"sources/{ident}", url) + "/"
            return order[ident], href

    return Context(url=url, src=rel, cite=cite, pages=urls)


# MultiMarkdown metadata as MkDocs reads it (mkdocs.utils.meta): "Key: value" lines
# at the top of a page without front matter.
_MULTIMARKDOWN = re.compile(r"[ ]{0,3}[A-Za-z0-9_-]+:(?:\s|$)")


def _page(shown: str, rel: str, text: str, urls: dict) -> tuple[Page | None, list, dict, tuple]:
    """An ordinary page, read like an entry: the same reader, limits and body checks.

    Its front matter is optional; when given, only the keys of ``PAGE_FIELDS``
    are allowed.
    """
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    problems: list[Problem] = []
    data: dict = {}
    if text.startswith("---\n") or text.strip() == "---":
        try:
            doc = parse_document(text)
        except _Refused as refused:
            return None, [Problem(shown, refused.line, "front matter", refused.message)], {}, ()
        body, body_line, lines = doc.body, doc.body_line, doc.lines
        allowed = {f.name for f in PAGE_FIELDS}
        for key in doc.data:
            if key not in allowed:
                problems.append(
                    Problem(
                        shown,
                        doc.lines.get((key,), 1),
                        key,
                        "is not allowed in the front matter of a page; allowed: "
                        + ", ".join(sorted(allowed)),
                    )
                )
        v = Validator(shown, doc.lines)
        data = v.record(PAGE_FIELDS, {k: v for k, v in doc.data.items() if k in allowed}) or {}
        problems.extend(v.problems)
    else:
        body, body_line, lines = text, 1, {}
        if _MULTIMARKDOWN.match(text):
            problems.append(
                Problem(
                    shown,
                    1,
                    "front matter",
                    "a first line 'key: value' is MultiMarkdown metadata, which MkDocs "
                    "would read as the page's settings: put front matter between two "
                    "lines '---', or begin the page with other text",
                )
            )
    url = urls.get(rel, page_url(rel))
    rendered = render_body(body, shown, body_line, Context(url=url, src=rel, pages=urls))
    problems.extend(rendered.problems)
    if problems:
        return None, problems, lines, ()
    title = data.get("title") or _first_heading(rendered.headings) or _title_of_file(rel)
    page = Page(
        shown,
        rel,
        body,
        title,
        html=rendered.html,
        headings=rendered.headings,
        description=data.get("description"),
        hide=data.get("hide", ()),
    )
    return page, [], {**lines, ("body",): body_line}, rendered.anchors


def _ids(headings: tuple) -> set[str]:
    """Every id of a body's headings (body.Heading), at every level."""
    return {ident for _, ident, _, children in headings for ident in (ident, *_ids(children))}


def _first_heading(headings: tuple) -> str | None:
    """The text of the body's first <h1> (from its table of contents), or None."""
    for level, _ident, name, _children in headings:
        if level == 1:
            return " ".join(html.unescape(name).split()) or None
    return None


def _title_of_file(rel: str) -> str:
    """The title MkDocs would give a page from its file name (kept as text)."""
    stem = page_url(rel).rstrip("/").rsplit("/", 1)[-1] or "Home"
    title = stem.replace("-", " ").replace("_", " ")
    return title.capitalize() if title.lower() == title else title
