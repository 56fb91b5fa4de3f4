"""The repository under the content folder: its log in one pass, its blobs in one stream.

Plumbing for ``history.py`` and ``review.py`` (``chronicle diff``): ``log`` runs
``git log`` once over the content folder (every commit but merges, oldest
first, with the blobs before and after each change and renames followed:
``--raw -M``); ``versions`` reads every blob it names through one ``git
cat-file --batch`` process and parses each version once with the project's
own reader and validator (``parse_version``), kept between runs by its blob's
hash, as load's cache keeps files; ``unavailable`` says why there is no
history to read (no git, no repository, a shallow clone, no commits).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
from pathlib import Path

from .cache import _code_version, cache_dir, read_pickle, write_pickle
from .cache import enabled as cache_enabled
from .document import _Refused, parse_document
from .model import Entry
from .schema import KIND_OF_FOLDER
from .validate import Validator, build_entry, old_versions
from .vocabulary import ID_RE

TRAILER = "Correction"
_FORMAT = f"%x1e%H%x1f%ct%x1f%(trailers:key={TRAILER},valueonly,separator=%x1d,unfold)"
NO_GIT = "git is not installed"
NOT_A_REPOSITORY = "the content folder is not in a git repository"
SHALLOW = "the repository is a shallow clone (fetch its whole history: git fetch --unshallow)"
NO_COMMITS = "the repository has no commits yet"


def git(root: Path, *args: str, stdin: bytes | None = None) -> bytes:
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        env.pop(name, None)
    done = subprocess.run(
        ["git", "-c", "core.quotePath=false", *args],
        cwd=root,
        input=stdin,
        capture_output=True,
        env=env,
        check=True,
    )
    return done.stdout


def kind_and_id(rel: str) -> tuple[str, str] | None:
    parts = rel.split("/")
    kind = KIND_OF_FOLDER.get(parts[0]) if len(parts) > 1 else None
    if kind is None or not rel.endswith(".md"):
        return None
    if kind != "event" and len(parts) > 2:
        return None
    ident = parts[-1][:-3]
    return (kind, ident) if ID_RE.match(ident) else None


def parse_version(rel: str, raw: bytes) -> Entry | None:
    """One version of an entry's file as the model reads it, or None when it does not
    validate on its own (references to other files are not checked here)."""
    found = kind_and_id(rel)
    if found is None:
        return None
    kind, ident = found
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
        doc = parse_document(text)
    except (UnicodeDecodeError, _Refused):
        return None
    v = Validator(rel, doc.lines)
    try:
        with old_versions():  # values renamed since, read as renamed
            return build_entry(kind, ident, rel, rel, doc, v)
    except (KeyError, TypeError, ValueError):
        return None


def blobs(root: Path, names: list[str]) -> dict[str, bytes]:
    """The contents of these objects (hashes, or ``rev:path``), read by one git process."""
    if not names:
        return {}
    out = git(root, "cat-file", "--batch", stdin="".join(n + "\n" for n in names).encode())
    found: dict[str, bytes] = {}
    at = 0
    for name in names:
        end = out.index(b"\n", at)
        header = out[at:end].split()
        at = end + 1
        if len(header) < 3 or header[1] == b"missing":
            continue
        size = int(header[2])
        found[name] = out[at : at + size]
        at += size + 1
    return found


class _VersionCache:
    """Each version's parse by its blob (immutable: a blob's hash names its bytes) and path,
    kept between runs in the user's cache folder beside load's (cache.py), for the code
    that wrote it; ``CHRONICLE_CACHE=0`` runs without it."""

    def __init__(self, root: Path):
        self.version = _code_version()
        name = hashlib.blake2b(str(root).encode(), digest_size=12).hexdigest()
        self.path = cache_dir() / f"history-{name}.pickle"

    def read(self) -> dict:
        return read_pickle(self.path, self.version)

    def write(self, versions: dict) -> None:
        write_pickle(self.path, self.version, versions)


def versions(root: Path, wanted: dict[str, str]) -> dict[str, Entry | None]:
    """Each blob parsed as the file it was (``wanted``: blob -> path under the folder):
    the blobs not in the cache read in one stream, each parsed once."""
    cache = _VersionCache(root) if cache_enabled() else None
    kept = cache.read() if cache is not None else {}
    found = {blob: kept[(blob, rel)] for blob, rel in wanted.items() if (blob, rel) in kept}
    missing = [blob for blob in wanted if blob not in found]
    raw = blobs(root, missing)
    found.update((blob, parse_version(wanted[blob], raw[blob])) for blob in missing if blob in raw)
    if cache is not None and (missing or len(kept) != len(found)):
        cache.write({(blob, wanted[blob]): entry for blob, entry in found.items()})
    return found


def log(root: Path) -> list[tuple[str, int, str | None, list[tuple[str, str, str, str, str]]]]:
    """Every commit touching the folder, oldest first: (hash, time, correction note,
    [(status, old blob, new blob, old path, new path)]) with paths from the repository's top."""
    text = git(root, "log", "--no-merges", "--reverse", "--topo-order", "--raw", "--no-abbrev",
                "-M", "--no-color", f"--format={_FORMAT}", "--", ".").decode("utf-8", "replace")  # fmt: skip
    commits = []
    for chunk in text.split("\x1e")[1:]:
        head, _, rest = chunk.partition("\n")
        sha, time, trailers = (head.split("\x1f") + ["", ""])[:3]
        notes = [t.strip() for t in trailers.split("\x1d") if t.strip()]
        files = []
        for line in rest.splitlines():
            if not line.startswith(":"):
                continue
            meta, *paths = line.split("\t")
            _old_mode, _new_mode, old, new, status = meta[1:].split(" ")
            old_path = paths[0]
            new_path = paths[1] if len(paths) > 1 else paths[0]
            files.append((status[0], old, new, old_path, new_path))
        commits.append((sha, int(time), " ".join(notes) or None, files))
    return commits


def unavailable(root: Path) -> str | None:
    try:
        inside = git(root, "rev-parse", "--is-inside-work-tree").strip()
    except FileNotFoundError:
        return NO_GIT
    except subprocess.CalledProcessError:
        return NOT_A_REPOSITORY
    if inside != b"true":
        return NOT_A_REPOSITORY
    if git(root, "rev-parse", "--is-shallow-repository").strip() == b"true":
        return SHALLOW
    try:
        git(root, "rev-parse", "--verify", "-q", "HEAD")
    except subprocess.CalledProcessError:
        return NO_COMMITS
    return None
