"""Each entry's history, read from git in one pass and described in the chronicle's terms.

``read_history(root)`` runs ``git log`` once over the content folder (every
commit but merges, oldest first, with the blobs before and after each change
and renames followed: ``--raw -M``), then reads every blob it names through
one ``git cat-file --batch`` process, parses each version once with the
project's own reader and validator (kept between runs by its blob's hash, as
load's cache keeps files: the next build parses only the new versions; all of
it in ``git.py``) and compares consecutive versions as model values
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
import os
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType

from .changes import Change, describe
from .git import blobs, git, kind_and_id, log, parse_version, unavailable, versions
from .model import Chronicle, Entry
from .phrases import N_


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


@dataclass
class _Lineage:
    """One file followed through its renames."""

    path: str  # its path now, under the content folder
    revisions: list[Revision] = field(default_factory=list)
    last: Entry | None = None  # its last version that validated
    gone: bool = False


def read_history(
    root: Path, repo_url: str | None = None, edit_uri: str | None = None, base: Path | None = None
) -> History:
    """The history of every entry under the content folder ``root`` (module docstring).

    ``repo_url`` and ``edit_uri`` are kept for the pages' links; ``base`` is the folder
    the content folder's path is given from when there is no repository (mkdocs.yml's).
    """
    root = Path(root).resolve()
    note = unavailable(root)
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
    prefix = git(root, "rev-parse", "--show-prefix").decode().strip()
    head = git(root, "rev-parse", "HEAD").decode().strip()
    commits = log(root)
    wanted: dict[str, str] = {}  # blob hash -> a path it was at, to parse it as
    for _sha, _time, _note, files in commits:
        for _status, old, new, old_path, new_path in files:
            for blob, path in ((old, old_path), (new, new_path)):
                if set(blob) != {"0"} and path.startswith(prefix):
                    wanted.setdefault(blob, path[len(prefix) :])
    parsed = versions(root, wanted)
    return _histories(commits, parsed, prefix, head, repo_url, edit_uri, root)


def _histories(commits, parsed, prefix, head, repo_url, edit_uri, root) -> History:
    lineages: dict[str, _Lineage] = {}  # by path now
    all_lineages: list[_Lineage] = []
    done: list[tuple[_Lineage, Revision, Entry | None]] = []
    for sha, time, note, files in commits:
        for status, _old, new, old_path, new_path in files:
            inside_old, inside_new = old_path.startswith(prefix), new_path.startswith(prefix)
            old_rel, new_rel = old_path[len(prefix) :], new_path[len(prefix) :]
            if not inside_new or kind_and_id(new_rel) is None:
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
                moved = N_("file moved from %(old)s to %(new)s")
                changes.insert(0, Change.of("file-moved", moved, old=old_rel, new=new_rel))
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
    out = git(root, "status", "--porcelain=v1", "-z", "--untracked-files=all", "--", ".")
    prefix = git(root, "rev-parse", "--show-prefix").decode().strip()
    top = git(root, "rev-parse", "--show-toplevel").decode().strip()
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
        if kind_and_id(rel) is not None:
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
        before = blobs(root, names)
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
