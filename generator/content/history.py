"""Each entry's history, read from git in one pass and described in the chronicle's terms.

``read_history(root)`` runs ``git log`` once over the content folder (every
commit but merges, oldest first, with the blobs before and after each change
and renames followed: ``--raw -M``), then reads every blob it names through
one ``git cat-file --batch`` process, parses each version once with the
project's own reader and validator (kept between runs by its blob's hash, as
load's cache keeps files: the next build parses only the new versions) (``document.parse_document``,
``validate.build_entry``) and compares consecutive versions as model values
(``changes.describe``). The cost is one log and one blob stream whatever the
number of files, never a ``git log`` per file (bench/history.py measures it).

Why ``git`` itself and not a library: the history is one log pass and one
blob stream, which git's own plumbing gives directly and fastest (its
packfiles, its rename detection, shallow-clone detection); GitPython shells
out to the same commands, pygit2 needs libgit2 wheels, and dulwich, pure
Python, would walk trees and detect renames in Python, slower by far at
10,000 files. git is already on every machine that has the repository.

Dates come from the commits (the committer's time, shown in UTC), never from
the clock, so the same commit always gives the same history. Without git, in
a folder that is not in a repository, in a shallow clone (whose history is
cut) or a repository without commits, the history is empty and
``History.note`` says why, once, for the log. A contributor marks a commit as
a correction with a trailer ``Correction: what was wrong``; its text is kept
with each of the commit's changes. Under ``mkdocs serve``, ``with_pending``
adds to the files being edited their change not yet committed.
"""

from __future__ import annotations

import datetime
import gc
import hashlib
import os
import pickle
import subprocess
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType

from .cache import _code_version, cache_dir
from .cache import enabled as cache_enabled
from .changes import Change, describe
from .document import _Refused, parse_document
from .model import Chronicle, Entry
from .schema import ID_RE, KIND_OF_FOLDER
from .validate import Validator, build_entry

TRAILER = "Correction"
_FORMAT = f"%x1e%H%x1f%ct%x1f%(trailers:key={TRAILER},valueonly,separator=%x1d,unfold)"
NO_GIT = "git is not installed"
NOT_A_REPOSITORY = "the content folder is not in a git repository"
SHALLOW = "the repository is a shallow clone (fetch its whole history: git fetch --unshallow)"
NO_COMMITS = "the repository has no commits yet"


@dataclass(frozen=True)
class Revision:
    """One commit's change to one entry (or its change not yet committed)."""

    commit: str  # the full hash; "" for a change not yet committed
    time: int  # the commit's time, seconds since the epoch (0 when not committed)
    src: str  # the file's path under the content folder at that commit
    changes: tuple[Change, ...]
    note: str | None = None  # the commit's "Correction:" trailer
    pending: bool = False

    @property
    def date(self) -> str:
        """The commit's date in UTC, ``YYYY-MM-DD``."""
        return datetime.datetime.fromtimestamp(self.time, datetime.UTC).date().isoformat()

    @property
    def stamp(self) -> str:
        """The commit's time in UTC, as RFC 3339."""
        moment = datetime.datetime.fromtimestamp(self.time, datetime.UTC)
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ")

    @property
    def added(self) -> bool:
        return any(c.kind == "entry-added" for c in self.changes)

    @property
    def correction(self) -> bool:
        """A correction of what was published: marked so, or changing a figure, a date..."""
        if self.added:
            return False
        return self.note is not None or any(c.correction for c in self.changes)


@dataclass(frozen=True)
class Record:
    """A revision with the entry it changed, for the list of the chronicle's changes."""

    revision: Revision
    kind: str  # event, actor, location, source
    id: str
    name: str  # the entry's title or name in that version
    current: str | None  # its file now (after renames), None when it was removed since


@dataclass(frozen=True)
class History:
    """Every entry's revisions, newest first, by its file under the content folder."""

    revisions: Mapping[str, tuple[Revision, ...]] = field(default_factory=dict)
    records: tuple[Record, ...] = ()  # every revision of every entry, newest first
    head: str | None = None  # the commit built
    folder: str = ""  # the content folder's path in the repository ("content/")
    note: str | None = None  # why there is no history, for the log
    uncommitted: tuple[str, ...] = ()  # files with changes not yet committed
    repo_url: str | None = None  # the repository's address on its host (http or https)
    edit_uri: str | None = None  # MkDocs's: the path from repo_url to the folder's edit page

    def of(self, src: str) -> tuple[Revision, ...]:
        return self.revisions.get(src, ())

    def committed(self, src: str) -> tuple[Revision, ...]:
        return tuple(r for r in self.of(src) if not r.pending)


def _git(root: Path, *args: str, stdin: bytes | None = None) -> bytes:
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


def _kind_and_id(rel: str) -> tuple[str, str] | None:
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
    found = _kind_and_id(rel)
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
        return build_entry(kind, ident, rel, rel, doc, v)
    except (KeyError, TypeError, ValueError):
        return None


def _blobs(root: Path, names: list[str]) -> dict[str, bytes]:
    """The contents of these objects (hashes, or ``rev:path``), read by one git process."""
    if not names:
        return {}
    out = _git(root, "cat-file", "--batch", stdin="".join(n + "\n" for n in names).encode())
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
        try:
            with open(self.path, "rb") as handle:
                gc.disable()
                try:
                    data = pickle.load(handle)
                finally:
                    gc.enable()
            if isinstance(data, dict) and data.get("version") == self.version:
                return data["versions"]
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError,
                KeyError, TypeError, ValueError):  # fmt: skip
            pass
        return {}

    def write(self, versions: dict) -> None:
        tmp = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".history-")
            with os.fdopen(fd, "wb") as handle:
                pickle.dump({"version": self.version, "versions": versions}, handle, protocol=5)
            os.replace(tmp, self.path)
        except OSError:  # a cache that cannot be written only costs time
            if tmp is not None:
                Path(tmp).unlink(missing_ok=True)


def _versions(root: Path, wanted: dict[str, str]) -> dict[str, Entry | None]:
    """Each blob parsed as the file it was (``wanted``: blob -> path under the folder):
    the blobs not in the cache read in one stream, each parsed once."""
    cache = _VersionCache(root) if cache_enabled() else None
    kept = cache.read() if cache is not None else {}
    found = {blob: kept[(blob, rel)] for blob, rel in wanted.items() if (blob, rel) in kept}
    missing = [blob for blob in wanted if blob not in found]
    raw = _blobs(root, missing)
    found.update((blob, parse_version(wanted[blob], raw[blob])) for blob in missing if blob in raw)
    if cache is not None and (missing or len(kept) != len(found)):
        cache.write({(blob, wanted[blob]): entry for blob, entry in found.items()})
    return found


@dataclass
class _Lineage:
    """One file followed through its renames."""

    path: str  # its path now, under the content folder
    revisions: list[Revision] = field(default_factory=list)
    last: Entry | None = None  # its last version that validated
    gone: bool = False


def _log(root: Path) -> list[tuple[str, int, str | None, list[tuple[str, str, str, str, str]]]]:
    """Every commit touching the folder, oldest first: (hash, time, correction note,
    [(status, old blob, new blob, old path, new path)]) with paths from the repository's top."""
    text = _git(root, "log", "--no-merges", "--reverse", "--topo-order", "--raw", "--no-abbrev",
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


def _unavailable(root: Path) -> str | None:
    try:
        inside = _git(root, "rev-parse", "--is-inside-work-tree").strip()
    except FileNotFoundError:
        return NO_GIT
    except subprocess.CalledProcessError:
        return NOT_A_REPOSITORY
    if inside != b"true":
        return NOT_A_REPOSITORY
    if _git(root, "rev-parse", "--is-shallow-repository").strip() == b"true":
        return SHALLOW
    try:
        _git(root, "rev-parse", "--verify", "-q", "HEAD")
    except subprocess.CalledProcessError:
        return NO_COMMITS
    return None


def read_history(
    root: Path, repo_url: str | None = None, edit_uri: str | None = None, base: Path | None = None
) -> History:
    """The history of every entry under the content folder ``root`` (module docstring).

    ``repo_url`` and ``edit_uri`` are kept for the pages' links; ``base`` is the folder
    the content folder's path is given from when there is no repository (mkdocs.yml's).
    """
    root = Path(root).resolve()
    note = _unavailable(root)
    if note is not None:
        folder = ""
        if base is not None:
            try:
                folder = root.relative_to(Path(base).resolve()).as_posix() + "/"
            except ValueError:
                folder = ""
        return History(note=note, folder=folder, repo_url=repo_url, edit_uri=edit_uri)
    try:
        return _read(root, repo_url, edit_uri)
    except (OSError, subprocess.CalledProcessError, UnicodeDecodeError, ValueError) as error:
        reason = getattr(error, "stderr", b"") or b""
        shown = reason.decode("utf-8", "replace").strip().splitlines()[:1] or [str(error)]
        note = f"git could not read the history ({shown[0]})"
        return History(note=note, repo_url=repo_url, edit_uri=edit_uri)


def _read(root: Path, repo_url: str | None, edit_uri: str | None) -> History:
    prefix = _git(root, "rev-parse", "--show-prefix").decode().strip()
    head = _git(root, "rev-parse", "HEAD").decode().strip()
    commits = _log(root)
    wanted: dict[str, str] = {}  # blob hash -> a path it was at, to parse it as
    for _sha, _time, _note, files in commits:
        for _status, old, new, old_path, new_path in files:
            for blob, path in ((old, old_path), (new, new_path)):
                if set(blob) != {"0"} and path.startswith(prefix):
                    wanted.setdefault(blob, path[len(prefix) :])
    parsed = _versions(root, wanted)
    return _histories(commits, parsed, prefix, head, repo_url, edit_uri, root)


def _histories(commits, parsed, prefix, head, repo_url, edit_uri, root) -> History:
    lineages: dict[str, _Lineage] = {}  # by path now
    all_lineages: list[_Lineage] = []
    done: list[tuple[_Lineage, Revision, Entry | None]] = []
    for sha, time, note, files in commits:
        for status, _old, new, old_path, new_path in files:
            inside_old, inside_new = old_path.startswith(prefix), new_path.startswith(prefix)
            old_rel, new_rel = old_path[len(prefix) :], new_path[len(prefix) :]
            if not inside_new or _kind_and_id(new_rel) is None:
                if inside_old and old_rel in lineages and status in "DR":
                    lineages.pop(old_rel).gone = True
                continue
            if status == "R" and inside_old and old_rel in lineages:
                line = lineages.pop(old_rel)
                line.path = new_rel
            elif status == "D":
                line = lineages.pop(new_rel, None)
                if line is None:
                    continue
                line.gone = True
            else:
                line = lineages.get(new_rel)
                if line is None or status == "A":
                    line = _Lineage(new_rel)
                    all_lineages.append(line)
            if not line.gone:
                lineages[new_rel] = line
            entry = None if status == "D" else parsed.get(new)
            if status != "D" and entry is None:
                continue  # a version that does not validate: described from the next good one
            changes = list(describe(line.last, entry))
            if status == "R" and old_rel != new_rel:
                changes.insert(0, Change("file-moved", f"file moved from {old_rel} to {new_rel}"))
            if entry is not None:
                line.last = entry
            if changes:
                revision = Revision(sha, time, new_rel, tuple(changes), note)
                line.revisions.append(revision)
                done.append((line, revision, entry or line.last))
    revisions = {
        line.path: tuple(reversed(line.revisions))
        for line in all_lineages
        if not line.gone and line.revisions
    }
    records = [
        Record(
            revision,
            entry.kind,
            entry.id,
            entry.name,
            None if line.gone else line.path,
        )
        for line, revision, entry in done
        if entry is not None
    ]
    records.reverse()
    uncommitted = _uncommitted(root)
    return History(
        MappingProxyType(revisions), tuple(records), head, prefix, None, uncommitted,
        repo_url, edit_uri,
    )  # fmt: skip


def _uncommitted(root: Path) -> tuple[str, ...]:
    """The content files with changes not yet committed (new files too), under the folder."""
    out = _git(root, "status", "--porcelain=v1", "-z", "--untracked-files=all", "--", ".")
    prefix = _git(root, "rev-parse", "--show-prefix").decode().strip()
    top = _git(root, "rev-parse", "--show-toplevel").decode().strip()
    found = []
    items = out.decode("utf-8", "replace").split("\0")
    skip = False
    for item in items:
        if skip or len(item) < 4:
            skip = False
            continue
        status, path = item[:2], item[3:]
        if "R" in status or "C" in status:
            skip = True  # the next item is the old path
        rel = os.path.relpath(Path(top) / path, Path(top) / prefix).replace(os.sep, "/")
        if _kind_and_id(rel) is not None:
            found.append(rel)
    return tuple(sorted(found))


def with_pending(history: History, root: Path, chronicle: Chronicle) -> History:
    """The history with, for each file edited and not yet committed, that change first
    ("not yet committed"): for ``mkdocs serve``."""
    if history.note is not None:
        return history
    root = Path(root).resolve()
    try:
        edited = _uncommitted(root)
        entries = {e.src: e for e in _entries(chronicle)}
        names = [f"HEAD:{history.folder}{rel}" for rel in edited]
        before = _blobs(root, names)
    except (OSError, subprocess.CalledProcessError):
        return history
    revisions = dict(history.revisions)
    for rel, name in zip(edited, names, strict=True):
        now = entries.get(rel)
        then = parse_version(rel, before[name]) if name in before else None
        if then is None and history.committed(rel):
            continue  # the committed version does not validate: nothing to compare with
        changes = describe(then, now)
        if changes:
            mark = Revision("", 0, rel, changes, None, pending=True)
            revisions[rel] = (mark, *history.committed(rel))
    return replace(history, revisions=MappingProxyType(revisions), uncommitted=edited)


def _entries(chronicle: Chronicle) -> list[Entry]:
    return [*chronicle.events, *(e for k in ("actor", "location", "source")
                                 for e in chronicle.terms(k).values())]  # fmt: skip
