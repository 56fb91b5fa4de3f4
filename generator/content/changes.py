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

from dataclasses import dataclass, field, fields

from .model import Claim, Entry, Event, PartialDate
from .phrases import N_, Phrase, phrase

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
    """One change to an entry: its kind (e.g. ``figure-changed``), the English sentence
    saying it (``text``, as ``chronicle diff`` prints it) and the same as a :class:`Phrase`,
    which the pages say in the interface's language."""

    kind: str
    text: str
    phrase: Phrase | None = field(default=None, compare=False, repr=False)

    @classmethod
    def of(cls, kind: str, message: str, **values: object) -> Change:
        said = phrase(message, **values)
        return cls(kind, said.text, said)

    @property
    def correction(self) -> bool:
        return self.kind in CORRECTIONS


def _quote(text: str | None) -> Phrase:
    return phrase(N_("\u201c%(text)s\u201d"), text=text) if text else phrase(N_("(none)"))


def _claim_label(claim: Claim) -> Phrase:
    about = _quote(claim.about)
    if claim.figure is None:
        return phrase(N_("claim by %(by)s on %(about)s"), by=claim.by, about=about)
    return phrase(
        N_("claim by %(by)s on %(about)s (%(figure)s)"),
        by=claim.by,
        about=about,
        figure=claim.figure.label,
    )


def claim_label(claim: Claim) -> str:
    """'claim by army on “killed” (6)': who said it about what."""
    return _claim_label(claim).text


# Each date's changes, by the date's field (an event's or a source's date, an event's end).
_DATE_MESSAGES = {
    "date": (
        N_("date set to %(new)s"),
        N_("date %(old)s removed"),
        N_("date narrowed from %(old)s to %(new)s"),
        N_("date changed from %(old)s to %(new)s"),
    ),
    "end": (
        N_("end set to %(new)s"),
        N_("end %(old)s removed"),
        N_("end narrowed from %(old)s to %(new)s"),
        N_("end changed from %(old)s to %(new)s"),
    ),
}


def _date_change(name: str, old: PartialDate | None, new: PartialDate | None) -> Change | None:
    if old == new:
        return None
    set_to, removed, narrowed, changed = _DATE_MESSAGES[name]
    if old is None:
        return Change.of(f"{name}-changed", set_to, new=new)
    if new is None:
        return Change.of(f"{name}-changed", removed, old=old)
    # Narrowed: the new date lies within what the old one covered, more precisely.
    within = old.year == new.year and (not old.month or old.month == new.month) and not old.day
    if within and new.precision != old.precision:
        return Change.of(f"{name}-narrowed", narrowed, old=old, new=new)
    return Change.of(f"{name}-changed", changed, old=old, new=new)


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


def _claim_changes(old: Claim, new: Claim, label: Phrase) -> list[Change]:
    out: list[Change] = []
    if old.figure != new.figure:
        if new.figure is None:
            message = N_("%(claim)s: its figure %(old)s removed")
            out.append(Change.of("figure-removed", message, claim=label, old=old.figure.label))
        elif old.figure is None:
            message = N_("%(claim)s: figure %(new)s given")
            out.append(Change.of("figure-added", message, claim=label, new=new.figure.label))
        else:
            message = N_("%(claim)s: figure changed from %(old)s to %(new)s")
            old_figure, new_figure = old.figure.label, new.figure.label
            out.append(
                Change.of("figure-changed", message, claim=label, old=old_figure, new=new_figure)
            )
    if old.by != new.by:
        message = N_("%(claim)s: attributed to %(new)s, not %(old)s")
        out.append(Change.of("attribution-changed", message, claim=label, new=new.by, old=old.by))
    if old.source != new.source:
        message = N_("%(claim)s: its source is now %(new)s, not %(old)s")
        out.append(
            Change.of("attribution-changed", message, claim=label, new=new.source, old=old.source)
        )
    if old.about != new.about:
        message = N_("%(claim)s: now about %(new)s, not %(old)s")
        out.append(Change.of("about-changed", message, claim=label, new=new.about, old=old.about))
    if old.of != new.of:
        message = N_("%(claim)s: counts %(new)s, not %(old)s")
        out.append(
            Change.of(
                "claim-reworded", message, claim=label, new=_quote(new.of), old=_quote(old.of)
            )
        )
    if old.parts != new.parts:
        if new.parts:
            shown = ", ".join(f"{p.figure.label} {p.of}" for p in new.parts)
            message = N_("%(claim)s: its parts are now %(parts)s")
            out.append(Change.of("parts-changed", message, claim=label, parts=shown))
        else:
            message = N_("%(claim)s: its parts are now none")
            out.append(Change.of("parts-changed", message, claim=label))
    if old.date != new.date:
        if new.date:
            message = N_("%(claim)s: dated %(date)s")
            out.append(Change.of("claim-date-changed", message, claim=label, date=new.date))
        else:
            message = N_("%(claim)s: dated no date")
            out.append(Change.of("claim-date-changed", message, claim=label))
    if old.says != new.says:
        message = N_("%(claim)s: what it says reworded")
        out.append(Change.of("claim-reworded", message, claim=label))
    return out


def _earlier(event: Event, claim: Claim) -> Claim | None:
    """The claim that ``claim`` supersedes: by index once cross-checked, else by its id."""
    target = claim.supersedes
    if isinstance(target, int) and not isinstance(target, bool):
        return event.claims[target] if 0 <= target < len(event.claims) else None
    return next((c for c in event.claims if c.id is not None and c.id == target), None)


def _superseded(earlier: Claim, claim: Claim) -> Change:
    message = N_("%(old)s superseded by %(new)s")
    return Change.of(
        "claim-superseded", message, old=_claim_label(earlier), new=_claim_label(claim)
    )


def _claims(old: Event, new: Event) -> list[Change]:
    out: list[Change] = []
    pairs = match_claims(old.claims, new.claims)
    matched_old = {a.index for a, _ in pairs}
    matched_new = {b.index: a for a, b in pairs}
    for a, b in sorted(pairs, key=lambda p: p[1].index):
        out += _claim_changes(a, b, _claim_label(b))
    for claim in new.claims:
        if claim.index in matched_new:
            before = matched_new[claim.index]
            was = before.supersedes is not None
            earlier = _earlier(new, claim)
            if earlier is not None and not was:
                out.append(_superseded(earlier, claim))
            continue
        earlier = _earlier(new, claim) if claim.supersedes is not None else None
        if earlier is not None:
            out.append(_superseded(earlier, claim))
        else:
            message = N_("claim added: %(claim)s")
            out.append(Change.of("claim-added", message, claim=_claim_label(claim)))
    for claim in old.claims:
        if claim.index not in matched_old:
            message = N_("claim withdrawn: %(claim)s")
            out.append(Change.of("claim-withdrawn", message, claim=_claim_label(claim)))
    return out


# What an entry's lists gain and lose: an event's sources, actors and locations; any
# other field that is a list ("%(field)s added: ...").
_LIST_MESSAGES = {
    "source": (N_("source added: %(item)s"), N_("source removed: %(item)s")),
    "actor": (N_("actor added: %(item)s"), N_("actor removed: %(item)s")),
    "location": (N_("location added: %(item)s"), N_("location removed: %(item)s")),
}
_FIELD_LIST_MESSAGES = (N_("%(field)s added: %(item)s"), N_("%(field)s removed: %(item)s"))


def _listed(name: str, old: tuple, new: tuple, kind: str) -> list[Change]:
    values = {} if name in _LIST_MESSAGES else {"field": _field_name(name)}
    added, removed = _LIST_MESSAGES.get(name, _FIELD_LIST_MESSAGES)
    out = [Change.of(f"{kind}-added", added, item=i, **values) for i in new if i not in old]
    out += [Change.of(f"{kind}-removed", removed, item=i, **values) for i in old if i not in new]
    return out


# The names of the fields compared one by one (below), as readers read them.
FIELD_NAMES = {
    "date note": N_("date note"),
    "type": N_("type"),
    "sub type": N_("sub type"),
    "actor1": N_("actor1"),
    "assoc actor 1": N_("assoc actor 1"),
    "actor2": N_("actor2"),
    "assoc actor 2": N_("assoc actor 2"),
    "civilian targeting": N_("civilian targeting"),
    "redirect from": N_("redirect from"),
    "name": N_("name"),
    "aliases": N_("aliases"),
    "kind": N_("kind"),
    "inter": N_("inter"),
    "affiliated with": N_("affiliated with"),
    "successor": N_("successor"),
    "region": N_("region"),
    "country": N_("country"),
    "geo precision": N_("geo precision"),
    "publisher": N_("publisher"),
    "title en": N_("title en"),
    "author": N_("author"),
    "language": N_("language"),
    "url": N_("url"),
    "archive url": N_("archive url"),
    "by": N_("by"),
}


def _field_name(name: str) -> Phrase | str:
    """A field's name, translated where it is known (a new field is shown as it is)."""
    return phrase(FIELD_NAMES[name]) if name in FIELD_NAMES else name


# Fields compared by their own rules, or not shown to readers as changes.
_SPECIAL = {"id", "path", "src", "body", "html", "headings", "claims", "date", "end", "summary",
            "sources", "actors", "locations", "lat", "lon", "title", "assessment"}  # fmt: skip


_ADDED = {
    "event": N_("event added"),
    "actor": N_("actor added"),
    "location": N_("location added"),
    "source": N_("source added"),
}
_REMOVED = {
    "event": N_("event removed"),
    "actor": N_("actor removed"),
    "location": N_("location removed"),
    "source": N_("source removed"),
}


def _entry(kind: str, messages: dict[str, str], entry: Entry) -> Change:
    return Change.of(kind, messages[entry.kind])


def describe(old: Entry | None, new: Entry | None) -> tuple[Change, ...]:
    """The changes from one version of an entry to the next (None: not there)."""
    if old is None and new is None:
        return ()
    if old is None:
        return (_entry("entry-added", _ADDED, new),)
    if new is None:
        return (_entry("entry-removed", _REMOVED, old),)
    out: list[Change] = []
    if old.kind != new.kind:
        return (_entry("entry-added", _ADDED, new),)
    if getattr(old, "title", None) != getattr(new, "title", None):
        out.append(Change.of("title-changed", N_("title changed to %(title)s"),
                             title=_quote(new.title)))  # fmt: skip
    for name in ("date", "end"):
        found = _date_change(name, getattr(old, name, None), getattr(new, name, None))
        if found:
            out.append(found)
    if getattr(old, "summary", None) != getattr(new, "summary", None):
        out.append(Change.of("summary-reworded", N_("summary reworded")))
    if isinstance(old, Event) and isinstance(new, Event):
        out += _claims(old, new)
        out += _listed("source", old.sources, new.sources, "source")
        out += _listed("actor", old.actors, new.actors, "actor")
        out += _listed("location", old.locations, new.locations, "location")
    if (getattr(old, "lat", None), getattr(old, "lon", None)) != (
        getattr(new, "lat", None),
        getattr(new, "lon", None),
    ):
        message = N_("coordinates changed to %(lat)s, %(lon)s")
        out.append(Change.of("coordinates-changed", message, lat=new.lat, lon=new.lon))
    if getattr(old, "assessment", ()) != getattr(new, "assessment", ()):
        message = N_("the chronicle's assessment revised")
        out.append(Change.of("assessment-changed", message))
    for f in fields(new):
        if f.name in _SPECIAL:
            continue
        before, after = getattr(old, f.name, None), getattr(new, f.name, None)
        if before != after:
            name = f.name.removesuffix("_of").replace("_", " ")
            if isinstance(after, tuple) and isinstance(before, tuple):
                out += _listed(name, before, after, "field")
            elif after is None or after == "":
                message = N_("%(field)s removed")
                out.append(Change.of("field-changed", message, field=_field_name(name)))
            else:
                shown = after if not isinstance(after, tuple) else ", ".join(map(str, after))
                message = N_("%(field)s changed to %(value)s")
                out.append(Change.of("field-changed", message, field=_field_name(name),
                                     value=_quote(str(shown))))  # fmt: skip
    if old.body.strip() != new.body.strip():
        out.append(Change.of("text-rewritten", N_("text rewritten")))
    return tuple(out)
