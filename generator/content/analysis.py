"""Every event's claims analysed once: what the pages, the feed, the downloads and the preview read.

A chronicle carries one :class:`Analysis` (``Chronicle.analysis``, made by
``crosscheck.cross_check``). For each event it holds an :class:`EventAnalysis`:
its topics (with their groups, spreads and disputes), the claims that later
claims supersede, the claims whose parts do not add up and their parts' sums,
its range of claimed death tolls and its confidence label, each by the rules
of the claims engine (``claims.py``), which nothing outside this stage calls.

An event's analysis is computed the first time an output asks for it, then
kept for as long as the chronicle lives. Under ``mkdocs serve`` the next
chronicle is handed the last one's analysis (``kept``): an event the
cross-check kept as it was (the same object) keeps its claims' analysis, and
only its confidence, which rests on the sources' publishers, is taken anew.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import cached_property
from types import MappingProxyType

from . import claims, tolls
from .model import Chronicle, Claim, Event, Figure, Source

# A topic whose figures do not conflict is a wide spread from this ratio on (claims.WIDE).
WIDE = claims.WIDE


@dataclass(frozen=True)
class EventAnalysis:
    """One event's claims, analysed."""

    topics: tuple[claims.Topic, ...]  # in order of first mention
    superseded: Mapping[int, Claim]  # index of a superseded claim -> the claim revising it
    inconsistent: tuple[Claim, ...]  # claims whose parts do not add up to their figure
    sums: Mapping[int, Figure]  # index of a claim with parts -> the sum of its parts
    fatalities: tuple[int | None, int | None]  # the claimed death tolls' (low, high)
    confidence: str  # one of claims.CONFIDENCE

    @cached_property
    def disputed(self) -> bool:
        return any(t.disputed for t in self.topics)

    @cached_property
    def disputed_topics(self) -> tuple[claims.Topic, ...]:
        return tuple(t for t in self.topics if t.disputed)

    @cached_property
    def wide_topics(self) -> tuple[claims.Topic, ...]:
        """Topics whose figures do not conflict but span widely (claims.WIDE)."""
        return tuple(t for t in self.topics if t.wide)

    @cached_property
    def listed(self) -> tuple[claims.Topic, ...]:
        """The topics the disputed page lists: contradictions and wide spreads, in order."""
        return tuple(t for t in self.topics if t.disputed or t.wide)

    @cached_property
    def revised(self) -> frozenset[int]:
        """The indexes of the claims that a later claim supersedes."""
        return frozenset(self.superseded)

    def rank(self, claim: Claim) -> str | None:
        """The claim's rank in its disputed group ('highest', 'lowest', 'between'), or None."""
        return claims.rank_among(self.topics, claim)

    def parts_sum(self, claim: Claim) -> Figure | None:
        """The sum of the claim's parts, or None when it gives none."""
        return self.sums.get(claim.index)

    def is_inconsistent(self, claim: Claim) -> bool:
        return any(c.index == claim.index for c in self.inconsistent)


def _publishers(event: Event, sources: Mapping[str, Source]) -> list[str]:
    return [sources[s].publisher for s in event.sources if s in sources]


def analyse(event: Event, sources: Mapping[str, Source]) -> EventAnalysis:
    """The analysis of one event's claims, by the claims engine's rules."""
    topics = claims.topics(event)
    disputed = any(t.disputed for t in topics)
    sums = {c.index: total for c in event.claims if (total := claims.parts_sum(c)) is not None}
    return EventAnalysis(
        topics=topics,
        superseded=MappingProxyType(claims.superseded(event)),
        inconsistent=claims.inconsistent_claims(event),
        sums=MappingProxyType(sums),
        fatalities=tolls.fatalities(event, lambda _: topics),
        confidence=claims.confidence_of(disputed, _publishers(event, sources)),
    )


class Analysis:
    """The analysis of every event of one chronicle, each computed once (module docstring)."""

    def __init__(
        self,
        events: Iterable[Event],
        sources: Mapping[str, Source],
        kept: Analysis | None = None,
    ) -> None:
        self._sources = sources
        self._done: dict[str, tuple[Event, EventAnalysis]] = {}
        if kept is not None:
            for event in events:
                found = kept._done.get(event.id)
                if found is not None and found[0] is event:
                    confidence = claims.confidence_of(
                        found[1].disputed, _publishers(event, sources)
                    )
                    self._done[event.id] = (event, replace(found[1], confidence=confidence))

    def of(self, event: Event) -> EventAnalysis:
        """The event's analysis (an event of this chronicle)."""
        found = self._done.get(event.id)
        if found is None or found[0] is not event:
            found = self._done[event.id] = (event, analyse(event, self._sources))
        return found[1]

    def record(self, pairs: Iterable[tuple[Event, Claim]]) -> claims.Record:
        """How the figures of these (event, claim) pairs rank in their disputed groups."""
        return claims.record(pairs, lambda event: self.of(event).topics)


def analysis_of(chronicle: Chronicle) -> Analysis:
    """The chronicle's analysis; made and kept on it once for a chronicle put together by hand."""
    if chronicle.analysis is None:
        # Chronicle is frozen; its analysis field is outside comparison and repr.
        object.__setattr__(chronicle, "analysis", Analysis(chronicle.events, chronicle.sources))
    return chronicle.analysis
