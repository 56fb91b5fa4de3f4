"""``chronicle diff``: what a change between two commits does to the chronicle.

The content folder is read at each commit (``git archive``, unpacked in a
scratch folder) and built with the project's own loader and cross-check
(``index.build_chronicle``); the two chronicles are compared as model values
(``changes.describe``) and through their analyses (``analysis.py``):

- entries added, removed and changed, each change in the chronicle's terms;
- claims added, withdrawn, revised (a figure, an attribution...) and superseded;
- topics that become disputed, or stop being disputed;
- spreads of disputed figures that widen (the ratio of their ends grows);
- claims whose parts no longer add up to their figure;
- warnings that are new, and errors at the later commit (which a build refuses).

``Review`` renders as text, Markdown (for a pull request's summary or comment)
and JSON.
"""

from __future__ import annotations

import io
import json
import subprocess
import tarfile
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .analysis import analysis_of
from .changes import Change, claim_label, describe
from .git import git as _git
from .index import build_chronicle
from .model import Chronicle, ContentError, Entry, Event
from .validate import old_versions

CLAIM_KINDS = {
    "claim-added": "added",
    "claim-withdrawn": "withdrawn",
    "claim-superseded": "superseded",
    "figure-changed": "revised",
    "figure-added": "revised",
    "figure-removed": "revised",
    "attribution-changed": "revised",
    "about-changed": "revised",
    "parts-changed": "revised",
    "claim-date-changed": "revised",
    "claim-reworded": "revised",
}


class ReviewError(Exception):
    """A reason the two commits cannot be compared, for the user to read."""


@dataclass(frozen=True)
class EntryChange:
    kind: str
    id: str
    name: str
    changes: tuple[Change, ...] = ()


@dataclass
class Review:
    """What the change from ``base`` to ``head`` does to the chronicle."""

    base: str
    head: str
    added: list[EntryChange] = field(default_factory=list)
    removed: list[EntryChange] = field(default_factory=list)
    changed: list[EntryChange] = field(default_factory=list)
    claims: dict[str, list[dict[str, str]]] = field(
        default_factory=lambda: {"added": [], "withdrawn": [], "revised": [], "superseded": []}
    )
    newly_disputed: list[str] = field(default_factory=list)
    no_longer_disputed: list[str] = field(default_factory=list)
    widened: list[str] = field(default_factory=list)
    inconsistent: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed or self.errors or self.warnings)

    def as_json(self) -> str:
        # A change is its kind and its English text; its Phrase is for the pages.
        data = asdict(self, dict_factory=lambda items: {k: v for k, v in items if k != "phrase"})
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"

    def sections(self) -> list[tuple[str, list[str]]]:
        def entries(items: list[EntryChange]) -> list[str]:
            return [f"{e.kind} {e.id}: {e.name}" for e in items]

        def changed(items: list[EntryChange]) -> list[str]:
            return [f"{e.kind} {e.id}: {'; '.join(c.text for c in e.changes)}" for e in items]

        def claims(kind: str) -> list[str]:
            return [f"{c['event']}: {c['claim']}" for c in self.claims[kind]]

        return [
            ("Errors (the build refuses the content)", self.errors),
            ("Entries added", entries(self.added)),
            ("Entries removed", entries(self.removed)),
            ("Entries changed", changed(self.changed)),
            ("Claims added", claims("added")),
            ("Claims withdrawn", claims("withdrawn")),
            ("Claims revised", claims("revised")),
            ("Claims superseded", claims("superseded")),
            ("Topics now disputed", self.newly_disputed),
            ("Topics no longer disputed", self.no_longer_disputed),
            ("Spreads widened", self.widened),
            ("Parts that no longer add up", self.inconsistent),
            ("New warnings", self.warnings),
        ]

    def as_text(self) -> str:
        lines = [f"chronicle diff {self.base[:12]}..{self.head[:12]}"]
        if self.empty:
            lines.append("no change to the chronicle's content")
        for title, items in self.sections():
            if items:
                lines += ["", f"{title} ({len(items)}):", *(f"  - {item}" for item in items)]
        return "\n".join(lines) + "\n"

    def as_markdown(self) -> str:
        def md(text: str) -> str:
            # Contributors' text: inert in Markdown (no HTML, links, mentions or emphasis).
            out = text.replace("\\", "\\\\")
            for char in "`*_[]<>#|@!~":
                out = out.replace(char, "\\" + char)
            return out

        counts = (f"{len(self.added)} added, {len(self.removed)} removed, "
                  f"{len(self.changed)} changed")  # fmt: skip
        lines = [
            "## What this change does to the chronicle",
            "",
            f"Compared `{self.base[:12]}` with `{self.head[:12]}`: entries {counts}.",
        ]
        if self.empty:
            lines += ["", "No change to the chronicle's content."]
        for title, items in self.sections():
            if items:
                lines += ["", f"### {title} ({len(items)})", ""]
                lines += [f"- {md(item)}" for item in items]
        return "\n".join(lines) + "\n"


def _entries(chronicle: Chronicle) -> dict[tuple[str, str], Entry]:
    out: dict[tuple[str, str], Entry] = {("event", e.id): e for e in chronicle.events}
    for kind in ("actor", "location", "source"):
        out.update(((kind, ident), e) for ident, e in chronicle.terms(kind).items())
    return out


def _disputed(chronicle: Chronicle, event: Event) -> dict[str, object]:
    return {t.about: t for t in analysis_of(chronicle).of(event).topics}


def _group_key(of: str | None) -> str:
    return " ".join((of or "").lower().split())


def _claim_key(claim) -> tuple:
    return (claim.about, claim.by, claim.source)


def compare(base: Chronicle, head: Chronicle, names: tuple[str, str] = ("", "")) -> Review:
    """The review of the change from one chronicle to another (module docstring)."""
    review = Review(*names)
    before, after = _entries(base), _entries(head)
    for key in sorted(after.keys() - before.keys()):
        review.added.append(EntryChange(key[0], key[1], after[key].name))
    for key in sorted(before.keys() - after.keys()):
        review.removed.append(EntryChange(key[0], key[1], before[key].name))
    for key in sorted(after.keys() & before.keys()):
        found = describe(before[key], after[key])
        if found:
            review.changed.append(EntryChange(key[0], key[1], after[key].name, found))
            for change in found:
                if change.kind in CLAIM_KINDS:
                    text = change.text.removeprefix("claim added: ")
                    text = text.removeprefix("claim withdrawn: ")
                    review.claims[CLAIM_KINDS[change.kind]].append({"event": key[1], "claim": text})
    for key in sorted(after.keys() - before.keys()):
        if key[0] == "event":
            review.claims["added"] += [{"event": key[1], "claim": claim_label(c)}
                                       for c in after[key].claims]  # fmt: skip
    old_events = {e.id: e for e in base.events}
    for event in head.events:
        old = old_events.get(event.id)
        now = _disputed(head, event)
        then = _disputed(base, old) if old is not None else {}
        for about, topic in now.items():
            was = then.get(about)
            if topic.disputed and not (was is not None and was.disputed):
                spreads = ", ".join(g.spread for g in topic.disputed_groups) or "accounts differ"
                review.newly_disputed.append(f"{event.id}: \u201c{about}\u201d ({spreads})")
            if topic.disputed and was is not None and was.disputed:
                groups = {_group_key(g.of): g for g in was.disputed_groups}
                for group in topic.disputed_groups:
                    earlier = groups.get(_group_key(group.of))
                    if earlier is not None and group.ratio > earlier.ratio:
                        review.widened.append(
                            f"{event.id}: \u201c{about}\u201d from {earlier.spread} "
                            f"to {group.spread}"
                        )
        for about, topic in then.items():
            if topic.disputed and not (about in now and now[about].disputed):
                review.no_longer_disputed.append(f"{event.id}: \u201c{about}\u201d")
        bad_now = analysis_of(head).of(event).inconsistent
        bad_then = analysis_of(base).of(old).inconsistent if old is not None else ()
        was_bad = {_claim_key(c) for c in bad_then}
        for claim in bad_now:
            if _claim_key(claim) not in was_bad:
                total = analysis_of(head).of(event).parts_sum(claim)
                review.inconsistent.append(
                    f"{event.id}: claim by {claim.by} on \u201c{claim.about}\u201d: "
                    f"{claim.figure.label if claim.figure else 'no figure'}, "
                    f"its parts add up to {total.label if total else 'nothing'}"
                )
    seen = {(w.path, w.field, w.message) for w in base.warnings}
    review.warnings = [str(w) for w in head.warnings if (w.path, w.field, w.message) not in seen]
    return review


def _revision(root: Path, name: str) -> str:
    try:
        return _git(root, "rev-parse", "--verify", "-q", name + "^{commit}").decode().strip()
    except FileNotFoundError:
        raise ReviewError("git is not installed") from None
    except subprocess.CalledProcessError:
        raise ReviewError(f"{name}: no such commit here") from None


def chronicle_at(root: Path, commit: str) -> Chronicle:
    """The content folder ``root`` as it was at ``commit``, built; raise ContentError."""
    prefix = _git(root, "rev-parse", "--show-prefix").decode().strip()
    try:  # run in the folder, git archives the folder alone, its paths from the folder
        archive = _git(root, "archive", "--format=tar", commit, "--", ".")
    except subprocess.CalledProcessError:  # the folder did not exist then
        return Chronicle((), {}, {}, {})
    with tempfile.TemporaryDirectory(prefix="chronicle-diff-") as scratch:
        _extract(archive, Path(scratch))
        with old_versions():  # read in today's terms: values renamed since, as renamed
            return build_chronicle(Path(scratch), display=prefix.rstrip("/") or ".")


def _extract(archive: bytes, folder: Path) -> None:
    """The folders and regular files of a tar archive, written under ``folder`` alone.

    Links, devices and any path leaving the folder are left out, as tarfile's
    ``data`` filter would (Python 3.11.4 and later) on every Python supported.
    """
    top = folder.resolve()
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        for member in tar.getmembers():
            target = (top / member.name).resolve()
            if not (member.isdir() or member.isfile()) or not target.is_relative_to(top):
                continue
            if member.isdir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            source = tar.extractfile(member)
            if source is not None:
                target.write_bytes(source.read())


def review(root: Path, base: str, head: str = "HEAD") -> Review:
    """What the change from commit ``base`` to commit ``head`` does to the content
    folder ``root``; raise ReviewError when either commit cannot be read."""
    root = Path(root).resolve()
    base_sha, head_sha = _revision(root, base), _revision(root, head)
    try:
        before = chronicle_at(root, base_sha)
    except ContentError:
        before = Chronicle((), {}, {}, {})  # compared with nothing: every entry is new
    try:
        after = chronicle_at(root, head_sha)
    except ContentError as error:
        found = Review(base_sha, head_sha)
        found.errors = [str(p) for p in error.problems if p.severity == "error"]
        return found
    return compare(before, after, (base_sha, head_sha))
