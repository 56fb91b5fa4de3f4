"""What a change to an entry does, in the chronicle's terms: compared as model values.

``describe(old, new)`` compares two versions of one entry (``model.Event``,
``Actor``, ``Location`` or ``Source``, either of them None for an entry added
or removed) and returns the changes a reader of the chronicle cares about: a
claim added, a claim's figure changed from 6 to 7, a claim superseded or
withdrawn, a source added, the date narrowed, the summary reworded... never a
line of YAML. Each :class:`Change` says whether it corrects what was
published (a figure, a date, an attribution changed, a claim withdrawn: see
``CORRECTIONS``) or adds to it.

Claims are matched between the versions by their ``id``, then by who said
what about what in which source, then by who said it about what, then by
position; a claim left over in the old version was withdrawn, one left over in
the new version was added. No git and no I/O here: ``history.py`` reads the
versions, ``review.py`` compares whole chronicles.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from .model import Claim, Entry, Event, PartialDate

# The kinds of change that correct what was published (the rest add to it).
CORRECTIONS = frozenset(
    {
        "figure-changed",
        "figure-removed",
        "date-changed",
        "end-changed",
        "attribution-changed",
        "claim-withdrawn",
        "source-removed",
        "entry-removed",
        "coordinates-changed",
        "about-changed",
    }
)


@dataclass(frozen=True, order=True)
class Change:
    """One change to an entry: its kind (e.g. ``figure-changed``) and a sentence saying it."""

    kind: str
    text: str

    @property
    def correction(self) -> bool:
        return self.kind in CORRECTIONS


def _quote(text: str | None) -> str:
    return f"\u201c{text}\u201d" if text else "(none)"


def claim_label(claim: Claim) -> str:
    """'claim by army on “killed” (6)': who said it about what."""
    figure = f" ({claim.figure.label})" if claim.figure is not None else ""
    return f"claim by {claim.by} on {_quote(claim.about)}{figure}"


def _date_change(name: str, old: PartialDate | None, new: PartialDate | None) -> Change | None:
    if old == new:
        return None
    if old is None:
        return Change(f"{name}-changed", f"{name} set to {new.label}")
    if new is None:
        return Change(f"{name}-changed", f"{name} {old.label} removed")
    # Narrowed: the new date lies within what the old one covered, more precisely.
    within = old.year == new.year and (not old.month or old.month == new.month) and not old.day
    if within and new.precision != old.precision:
        return Change(f"{name}-narrowed", f"{name} narrowed from {old.label} to {new.label}")
    return Change(f"{name}-changed", f"{name} changed from {old.label} to {new.label}")


def match_claims(old: tuple[Claim, ...], new: tuple[Claim, ...]) -> list[tuple[Claim, Claim]]:
    """Pairs of (old claim, new claim) that are the same claim in two versions."""
    pairs: list[tuple[Claim, Claim]] = []
    left, right = list(old), list(new)
    keys = (
        lambda c: c.id,
        lambda c: (c.about, c.by, c.source, c.of),
        lambda c: (c.about, c.by, c.source),
        lambda c: (c.about, c.by),
    )
    for key in keys:
        for a in list(left):
            k = key(a)
            if k is None:
                continue
            b = next((b for b in right if key(b) == k), None)
            if b is not None:
                pairs.append((a, b))
                left.remove(a)
                right.remove(b)
    return pairs


def _claim_changes(old: Claim, new: Claim, label: str) -> list[Change]:
    out: list[Change] = []
    if old.figure != new.figure:
        if new.figure is None:
            out.append(Change("figure-removed", f"{label}: its figure {old.figure.label} removed"))
        elif old.figure is None:
            out.append(Change("figure-added", f"{label}: figure {new.figure.label} given"))
        else:
            out.append(
                Change(
                    "figure-changed",
                    f"{label}: figure changed from {old.figure.label} to {new.figure.label}",
                )
            )
    if old.by != new.by:
        out.append(Change("attribution-changed", f"{label}: attributed to {new.by}, not {old.by}"))
    if old.source != new.source:
        out.append(
            Change(
                "attribution-changed", f"{label}: its source is now {new.source}, not {old.source}"
            )
        )
    if old.about != new.about:
        out.append(Change("about-changed", f"{label}: now about {new.about}, not {old.about}"))
    if old.of != new.of:
        out.append(
            Change("claim-reworded", f"{label}: counts {_quote(new.of)}, not {_quote(old.of)}")
        )
    if old.parts != new.parts:
        shown = ", ".join(f"{p.figure.label} {p.of}" for p in new.parts) or "none"
        out.append(Change("parts-changed", f"{label}: its parts are now {shown}"))
    if old.date != new.date:
        when = new.date.label if new.date else "no date"
        out.append(Change("claim-date-changed", f"{label}: dated {when}"))
    if old.says != new.says:
        out.append(Change("claim-reworded", f"{label}: what it says reworded"))
    return out


def _earlier(event: Event, claim: Claim) -> Claim | None:
    """The claim that ``claim`` supersedes: by index once cross-checked, else by its id."""
    target = claim.supersedes
    if isinstance(target, int) and not isinstance(target, bool):
        return event.claims[target] if 0 <= target < len(event.claims) else None
    return next((c for c in event.claims if c.id is not None and c.id == target), None)


def _claims(old: Event, new: Event) -> list[Change]:
    out: list[Change] = []
    pairs = match_claims(old.claims, new.claims)
    matched_old = {a.index for a, _ in pairs}
    matched_new = {b.index: a for a, b in pairs}
    for a, b in sorted(pairs, key=lambda p: p[1].index):
        out += _claim_changes(a, b, claim_label(b))
    for claim in new.claims:
        if claim.index in matched_new:
            before = matched_new[claim.index]
            was = before.supersedes is not None
            earlier = _earlier(new, claim)
            if earlier is not None and not was:
                out.append(
                    Change(
                        "claim-superseded",
                        f"{claim_label(earlier)} superseded by {claim_label(claim)}",
                    )
                )
            continue
        earlier = _earlier(new, claim) if claim.supersedes is not None else None
        if earlier is not None:
            out.append(
                Change(
                    "claim-superseded",
                    f"{claim_label(earlier)} superseded by {claim_label(claim)}",
                )
            )
        else:
            out.append(Change("claim-added", f"claim added: {claim_label(claim)}"))
    for claim in old.claims:
        if claim.index not in matched_old:
            out.append(Change("claim-withdrawn", f"claim withdrawn: {claim_label(claim)}"))
    return out


def _listed(name: str, old: tuple, new: tuple, kind: str) -> list[Change]:
    out = [Change(f"{kind}-added", f"{name} added: {i}") for i in new if i not in old]
    out += [Change(f"{kind}-removed", f"{name} removed: {i}") for i in old if i not in new]
    return out


# Fields compared by their own rules, or not shown to readers as changes.
_SPECIAL = {"id", "path", "src", "body", "html", "headings", "claims", "date", "end", "summary",
            "sources", "actors", "locations", "lat", "lon", "title", "assessment"}  # fmt: skip


def describe(old: Entry | None, new: Entry | None) -> tuple[Change, ...]:
    """The changes from one version of an entry to the next (None: not there)."""
    if old is None and new is None:
        return ()
    if old is None:
        return (Change("entry-added", f"{new.kind} added"),)
    if new is None:
        return (Change("entry-removed", f"{old.kind} removed"),)
    out: list[Change] = []
    if old.kind != new.kind:
        return (Change("entry-added", f"{new.kind} added"),)
    if getattr(old, "title", None) != getattr(new, "title", None):
        out.append(Change("title-changed", f"title changed to {_quote(new.title)}"))
    for name in ("date", "end"):
        found = _date_change(name, getattr(old, name, None), getattr(new, name, None))
        if found:
            out.append(found)
    if getattr(old, "summary", None) != getattr(new, "summary", None):
        out.append(Change("summary-reworded", "summary reworded"))
    if isinstance(old, Event) and isinstance(new, Event):
        out += _claims(old, new)
        out += _listed("source", old.sources, new.sources, "source")
        out += _listed("actor", old.actors, new.actors, "actor")
        out += _listed("location", old.locations, new.locations, "location")
    if (getattr(old, "lat", None), getattr(old, "lon", None)) != (
        getattr(new, "lat", None),
        getattr(new, "lon", None),
    ):
        out.append(Change("coordinates-changed", f"coordinates changed to {new.lat}, {new.lon}"))
    if getattr(old, "assessment", ()) != getattr(new, "assessment", ()):
        out.append(Change("assessment-changed", "the chronicle's assessment revised"))
    for f in fields(new):
        if f.name in _SPECIAL:
            continue
        before, after = getattr(old, f.name, None), getattr(new, f.name, None)
        if before != after:
            name = f.name.removesuffix("_of").replace("_", " ")
            if isinstance(after, tuple) and isinstance(before, tuple):
                out += _listed(name, before, after, "field")
            elif after is None or after == "":
                out.append(Change("field-changed", f"{name} removed"))
            else:
                shown = after if not isinstance(after, tuple) else ", ".join(map(str, after))
                out.append(Change("field-changed", f"{name} changed to {_quote(str(shown))}"))
    if old.body.strip() != new.body.strip():
        out.append(Change("text-rewritten", "text rewritten"))
    return tuple(out)
