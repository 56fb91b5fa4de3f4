"""The index stage: the content folder read, validated and cross-referenced, and its lookups.

``build_chronicle`` loads every file (``load.py``, with its cache) and
cross-checks them (``crosscheck.py``) into one immutable chronicle. ``Index``
derives the lookups the pages need: the events of each actor, location and
source (one mechanism for all three taxonomies), relations in both
directions, and claims by claimant.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .cache import FileCache
from .cache import enabled as cache_enabled
from .crosscheck import EventChecks, cross_check
from .load import load
from .model import Actor, Chronicle, Claim, Entry, Event
from .phrases import N_
from .schema import FOLDERS

__all__ = ["EventChecks", "Index", "build_chronicle", "cross_check"]


def build_chronicle(root: Path, display: str | None = None, cache: bool = False) -> Chronicle:
    """Load, validate and cross-reference the content folder; raise ContentError.

    With ``cache``, each file's own validation is kept between runs (cache.py),
    unless ``CHRONICLE_CACHE=0``.
    """
    files = FileCache(root) if cache and cache_enabled() else None
    entries, problems, lines = load(root, display, files)
    return cross_check(entries, problems, lines)


@dataclass(frozen=True)
class Index:
    """Derived lookups over a chronicle, computed once."""

    chronicle: Chronicle

    @cached_property
    def _events_by(self) -> dict[tuple[str, str], tuple[Event, ...]]:
        # The chronicle's events are in order, so each list is built in order.
        found: dict[tuple[str, str], list[Event]] = defaultdict(list)
        for event in self.chronicle.events:
            keys = dict.fromkeys(
                [
                    *(("actor", i) for i in event.actors),
                    *(("location", i) for i in event.locations),
                    *(("source", i) for i in event.sources),
                    *(("actor", c.by) for c in event.claims if c.by_actor),
                ]
            )
            for key in keys:
                found[key].append(event)
        return {key: tuple(v) for key, v in found.items()}

    def events_of(self, kind: str, ident: str) -> tuple[Event, ...]:
        """Every event naming this actor, location or source, oldest first."""
        return self._events_by.get((kind, ident), ())

    @cached_property
    def _claims_by(self) -> dict[tuple[str, str], tuple[tuple[Event, Claim], ...]]:
        found: dict[tuple[str, str], list] = defaultdict(list)
        for event in self.chronicle.events:
            for claim in event.claims:
                if claim.by_actor:
                    found[("actor", claim.by)].append((event, claim))
                found[("source", claim.source)].append((event, claim))
        return {key: tuple(v) for key, v in found.items()}

    def claims_of(self, kind: str, ident: str) -> tuple[tuple[Event, Claim], ...]:
        """Claims made by an actor, or resting on a source, in chronicle order."""
        return self._claims_by.get((kind, ident), ())

    def related(self, actor: Actor) -> list[tuple[str, tuple[Actor, ...]]]:
        """The actor's relations in both directions, as (relation, actors) pairs; the
        relation's name is an English message (phrases.N_), which the site translates."""
        actors = self.chronicle.actors
        others = [a for a in actors.values() if a.id != actor.id]
        relations = (
            (N_("Affiliated with"), [actors[i] for i in actor.affiliated_with]),
            (
                N_("Affiliates"),
                [
                    a
                    for a in others
                    if actor.id in a.affiliated_with and a.id not in actor.affiliated_with
                ],
            ),
            (N_("Successor of"), [actors[i] for i in actor.successor_of]),
            (N_("Succeeded by"), [a for a in others if actor.id in a.successor_of]),
        )
        return [(name, tuple(found)) for name, found in relations if found]

    def co_occurring(self, kind: str, ident: str, other: str) -> list[Entry]:
        """Terms of kind ``other`` that appear in the events of (kind, ident)."""
        terms = self.chronicle.terms(other)
        field = FOLDERS[other]
        seen = {i for e in self.events_of(kind, ident) for i in getattr(e, field)}
        return [terms[i] for i in sorted(seen)]

    @cached_property
    def _position(self) -> dict[str, int]:
        return {e.id: i for i, e in enumerate(self.chronicle.events)}

    def neighbours(self, event: Event) -> tuple[Event | None, Event | None]:
        events = self.chronicle.events
        i = self._position[event.id]
        return (events[i - 1] if i else None, events[i + 1] if i + 1 < len(events) else None)
