"""Cross-referencing: every reference between files checked, into one immutable chronicle.

``cross_check`` checks every reference between entries (with a "did you mean"
suggestion), every output path against the others (``collisions``), resolves
superseded claims, adds a reviewer's warnings, and returns a
:class:`~generator.content.model.Chronicle` with the analysis of its claims
(``analysis.Analysis``); with any error it raises ``ContentError`` carrying
every problem at once. ``EventChecks`` keeps each event's check, and the last
analysis, between checks of one folder (a preview's rebuilds).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace

from ..bodies.render import CITATION
from .analysis import Analysis
from .claims import inconsistent, parts_sum
from .collisions import collisions
from .countries import off_country
from .load import GENERATED_PAGES, YEAR_ID
from .lookalike import lookalike, skeleton
from .model import Chronicle, ContentError, Entry, Event, Page, Problem, frozen, page_url
from .schema import FOLDERS, KIND_OF_FOLDER
from .validate import suggest


class EventChecks:
    """Each event's cross-check, kept between checks of one folder (a preview's rebuilds).

    An event's references are checked against the ids of the actors, locations
    and sources alone: an event file read again gives a new entry, checked
    anew; the others keep their result while those ids are the same.
    """

    def __init__(self) -> None:
        self.known: tuple | None = None
        self.done: dict[int, tuple[Event, Event, list[Problem]]] = {}
        self.analysis: Analysis | None = None  # the last chronicle's: kept events keep theirs

    def check(self, events, known: dict, lines: dict, problems: list[Problem]) -> list[Event]:
        signature = tuple(frozenset(known[k]) for k in ("actor", "location", "source"))
        if signature != self.known:
            self.known, self.done = signature, {}
        out, done = [], {}
        for event in events:
            kept = self.done.get(id(event))
            if kept is None or kept[0] is not event:
                found: list[Problem] = []
                kept = (event, _check_event(event, known, found, lines.get(event.path, {})), found)
            done[id(event)] = kept
            out.append(kept[1])
            problems.extend(kept[2])
        self.done = done
        return out


def cross_check(
    entries: list[Entry | Page],
    problems: list[Problem],
    lines: dict,
    checks: EventChecks | None = None,
) -> Chronicle:
    """Check references between entries; raise ContentError with every problem.

    ``checks``: the events' checks of the last call, for a folder checked again.
    """
    by_kind: dict[str, dict[str, Entry]] = {k: {} for k in FOLDERS}
    pages: list[Page] = []
    for entry in entries:
        if isinstance(entry, Page):
            pages.append(entry)
            continue
        same = by_kind[entry.kind]
        if entry.id in same:
            problems.append(
                Problem(
                    entry.path,
                    1,
                    "id",
                    f"duplicate id {entry.id!r}, also used by {same[entry.id].path}",
                )
            )
            continue
        same[entry.id] = entry
    problems.extend(collisions(entries, GENERATED_PAGES))
    problems.extend(_in_generated_folders(pages))
    # A file that did not validate is still there: its own problems are reported,
    # references to it are not reported again as unknown.
    broken = _broken_ids(entries, problems, lines)
    known = {k: {**dict.fromkeys(broken[k]), **v} for k, v in by_kind.items()}
    _check_redirects(by_kind, problems, lines)
    events = (checks or EventChecks()).check(by_kind["event"].values(), known, lines, problems)
    for actor in by_kind["actor"].values():
        for field in ("affiliated_with", "successor_of"):
            _ref_list(actor, "actor", field, known, problems, lines.get(actor.path, {}))
    for source in by_kind["source"].values():
        if source.by:
            line = lines.get(source.path, {}).get(("by",), 1)
            _check(source, "actor", source.by, "by", line, known, problems)
    for entry in [
        *by_kind["actor"].values(),
        *by_kind["location"].values(),
        *by_kind["source"].values(),
    ]:
        _check_citations(entry, known["source"], problems, lines.get(entry.path, {}))
    if any(p.severity == "error" for p in problems):
        raise ContentError(problems)
    problems.extend(_review_warnings(by_kind, lines))
    events = sorted(events, key=lambda e: e.sort_key)
    sources = frozen(sorted(by_kind["source"].items()))
    analysis = Analysis(events, sources, checks.analysis if checks else None)
    if checks is not None:
        checks.analysis = analysis
    return Chronicle(
        events=tuple(events),
        actors=frozen(sorted(by_kind["actor"].items())),
        locations=frozen(sorted(by_kind["location"].items())),
        sources=sources,
        pages=tuple(sorted(pages, key=lambda p: p.src)),
        warnings=tuple(sorted(p for p in problems if p.severity != "error")),
        analysis=analysis,
    )


GENERATED_FOLDERS = ("chronicle/", "disputed/")  # their pages of one year each


def _in_generated_folders(pages: list[Page]) -> list[Problem]:
    """Ordinary pages where the chronicle writes a page per year (chronicle/2019/)."""
    return [
        Problem(
            page.path,
            1,
            "file",
            f"{page.src.split('/')[0]}/ holds generated pages (one a year); "
            "move the file out of it",
        )
        for page in pages
        if page_url(page.src).startswith(GENERATED_FOLDERS)
        and page_url(page.src) not in GENERATED_FOLDERS  # chronicle/index.md: outputs.py
    ]


def _broken_ids(
    entries: list[Entry | Page], problems: list[Problem], lines: dict
) -> dict[str, set[str]]:
    """The ids, by kind, of entry files that exist but did not validate."""
    prefixes = {e.path[: len(e.path) - len(e.src)] for e in entries}
    found: dict[str, set[str]] = {k: set() for k in FOLDERS}
    for path in {*lines, *(p.path for p in problems)}:
        for prefix in prefixes:
            if path.startswith(prefix):
                parts = path[len(prefix) :].split("/")
                kind = KIND_OF_FOLDER.get(parts[0]) if len(parts) > 1 else None
                if kind and parts[-1].endswith(".md"):
                    found[kind].add(parts[-1][: -len(".md")])
                break
    return found


def _check_redirects(by_kind: dict, problems: list, lines: dict) -> None:
    """An old id must not be in use, nor claimed by two entries of one kind."""
    for entries in by_kind.values():
        taken: dict[str, Entry] = {}
        for entry in entries.values():
            for i, old in enumerate(entry.redirect_from):
                line = lines.get(entry.path, {}).get(("redirect_from", i), 1)
                other = entries.get(old) or taken.get(old)
                if entry.kind == "event" and YEAR_ID.fullmatch(old):
                    problems.append(
                        Problem(entry.path, line, f"redirect_from[{i}]",
                                f"{old!r} cannot be an old id: events/{old}/ is the page "
                                "of the events of a year")
                    )  # fmt: skip
                elif other is not None:
                    problems.append(
                        Problem(
                            entry.path,
                            line,
                            f"redirect_from[{i}]",
                            f"{old!r} is already the id or an old id of {other.path}",
                        )
                    )
                taken[old] = entry


def _check(
    entry: Entry, kind: str, ident: str, label: str, line: int, known: dict, problems: list
) -> None:
    if ident not in known[kind]:
        problems.append(
            Problem(
                entry.path, line, label, f"unknown {kind} {ident!r}{suggest(ident, known[kind])}"
            )
        )


def _ref_list(entry: Entry, kind: str, field: str, known: dict, problems: list, at: dict) -> None:
    """Check every id of a list field against the known ids of ``kind``."""
    for i, ident in enumerate(getattr(entry, field)):
        line = at.get((field, i), at.get((field,), 1))
        _check(entry, kind, ident, f"{field}[{i}]", line, known, problems)


def _check_citations(
    entry: Entry,
    allowed: Collection[str],
    problems: list,
    at: dict,
    listed: tuple[str, ...] | None = None,
) -> None:
    body_line = at.get(("body",), 1)
    for match in CITATION.finditer(entry.body):
        ident = match.group(1)
        line = body_line + entry.body.count("\n", 0, match.start())
        if ident not in allowed:
            problems.append(
                Problem(
                    entry.path,
                    line,
                    "body",
                    f"footnote cites unknown source {ident!r}{suggest(ident, allowed)}",
                )
            )
        elif listed is not None and ident not in listed:
            problems.append(
                Problem(
                    entry.path,
                    line,
                    "body",
                    f"footnote cites source {ident!r}, which is not in this event's sources",
                )
            )


def _check_sides(event: Event, problems: list, at: dict) -> None:
    """ACLED's two sides (actor1, assoc_actor_1, actor2, assoc_actor_2): actors of the event,
    each on one side only."""
    side_of: dict[str, str] = {}
    for field in ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2"):
        value = getattr(event, field)
        idents = (value,) if isinstance(value, str) else value or ()
        for i, ident in enumerate(idents):
            label = field if isinstance(value, str) else f"{field}[{i}]"
            line = at.get((field, i), at.get((field,), 1))
            side = field[-1]
            if ident not in event.actors:
                message = f"{ident!r} is not in this event's actors{suggest(ident, event.actors)}"
            elif side_of.setdefault(ident, side) != side:
                message = f"{ident!r} is on both sides"
            else:
                continue
            problems.append(Problem(event.path, line, label, message))
    if (event.assoc_actor_1 and not event.actor1) or (event.assoc_actor_2 and not event.actor2):
        field = "assoc_actor_1" if event.assoc_actor_1 and not event.actor1 else "assoc_actor_2"
        problems.append(
            Problem(
                event.path,
                at.get((field,), 1),
                field,
                f"associated actors need the main actor of their side (actor{field[-1]})",
            )
        )


def _check_event(event: Event, known: dict, problems: list, at: dict) -> Event:
    for field, kind in (("actors", "actor"), ("locations", "location"), ("sources", "source")):
        _ref_list(event, kind, field, known, problems, at)
    _check_sides(event, problems, at)
    claims = list(event.claims)
    ids = {}
    for c in claims:
        where = at.get(("claims", c.index), c.line)
        if c.by_actor:
            _check(
                event,
                "actor",
                c.by,
                f"claims[{c.index}].by",
                at.get(("claims", c.index, "by"), where),
                known,
                problems,
            )
        if c.source not in event.sources:
            problems.append(
                Problem(
                    event.path,
                    at.get(("claims", c.index, "source"), where),
                    f"claims[{c.index}].source",
                    f"{c.source!r} is not in this event's sources"
                    f"{suggest(c.source, event.sources)}",
                )
            )
        if c.id:
            if c.id in ids:
                problems.append(
                    Problem(
                        event.path,
                        at.get(("claims", c.index, "id"), where),
                        f"claims[{c.index}].id",
                        f"duplicate claim id {c.id!r}",
                    )
                )
            ids[c.id] = c.index
    for c in event.claims:
        if c.supersedes is None:
            continue
        field = f"claims[{c.index}].supersedes"
        line = at.get(("claims", c.index, "supersedes"), c.line)
        target = c.supersedes if isinstance(c.supersedes, int) else ids.get(c.supersedes)
        if target is None or target >= len(claims):
            problems.append(
                Problem(
                    event.path,
                    line,
                    field,
                    f"no claim {c.supersedes!r} in this event{suggest(str(c.supersedes), ids)}",
                )
            )
        elif target == c.index:
            problems.append(Problem(event.path, line, field, "a claim cannot supersede itself"))
        elif target > c.index:
            problems.append(
                Problem(
                    event.path,
                    line,
                    field,
                    f"claim {c.supersedes!r} comes "
                    "after this one; a claim can only revise an earlier claim",
                )
            )
        elif claims[target].by != c.by:
            problems.append(
                Problem(
                    event.path,
                    line,
                    field,
                    f"claim {c.supersedes!r} is by "
                    f"{claims[target].by!r}; a claim can only revise its "
                    "claimant's own earlier claim",
                )
            )
        else:
            claims[c.index] = replace(c, supersedes=target)
    for i, a in enumerate(event.assessment):
        for j, ident in enumerate(a.sources):
            if ident not in event.sources:
                problems.append(
                    Problem(
                        event.path,
                        at.get(("assessment", i, "sources", j), 1),
                        f"assessment[{i}].sources[{j}]",
                        f"{ident!r} is not in this event's sources{suggest(ident, event.sources)}",
                    )
                )
    _check_citations(event, known["source"], problems, at, event.sources)
    return replace(event, claims=tuple(claims))


def _review_warnings(by_kind: dict[str, dict[str, Entry]], lines: dict) -> list[Problem]:
    """What a reviewer would flag; warnings never fail the build."""
    out = []

    def warn(entry: Entry, key: tuple, field: str, message: str) -> None:
        line = lines.get(entry.path, {}).get(key, 1)
        out.append(Problem(entry.path, line, field, message, "warning"))

    # Every actor's id, name and aliases, folded (lookalike.py): a claimant in words
    # that folds to one of them is probably that actor typed by hand, or passing for it.
    names: dict[str, str] = {}
    for actor in sorted(by_kind["actor"].values(), key=lambda a: a.id):
        for name in (actor.id, actor.name, *actor.aliases):
            names.setdefault(skeleton(name), actor.id)
    used = set()
    for event in by_kind["event"].values():
        used.update(event.actors)
        for c in event.claims:
            actor = None if c.by_actor else lookalike(c.by, names)
            if actor:
                warn(
                    event,
                    ("claims", c.index, "by"),
                    f"claims[{c.index}].by",
                    f"{c.by!r} looks like the actor {by_kind['actor'][actor].name!r}: give "
                    f"its id {actor!r} if it is meant, or name the claimant so it cannot be "
                    "taken for it",
                )
        used.update(c.by for c in event.claims if c.by_actor)
        if len(event.sources) == 1:
            warn(event, ("sources",), "sources", "rests on a single source")
        for c in event.claims:
            if c.date is None:
                warn(
                    event,
                    ("claims", c.index),
                    f"claims[{c.index}].date",
                    "claim has no date: say when it was made",
                )
            if inconsistent(c):
                warn(
                    event,
                    ("claims", c.index, "parts"),
                    f"claims[{c.index}].parts",
                    f"the parts sum to {parts_sum(c).label} but the figure is "
                    f"{c.figure.label}; the site shows the claim as internally inconsistent",
                )
    for actor in by_kind["actor"].values():  # an actor only a source is by is still unused
        if actor.id not in used:
            warn(actor, (), "id", "no event names this actor")
    for source in by_kind["source"].values():
        if not source.url and not source.archive_url:
            warn(source, (), "url", "has neither url nor archive_url")
    for location in by_kind["location"].values():
        if location.lat is None:
            warn(location, (), "lat", "has no coordinates (lat, lon)")
        elif location.lon is not None:
            off = off_country(location.country, location.lon, location.lat)
            if off:
                warn(location, ("lat",), "lat", off)
    return out
