"""The claims engine: topics, disputes, spreads, confidence and claimant records.

Rules (written for readers in content/about.md):

- Claims with the same ``about`` (compared without regard to case) form a
  topic. Inside a topic, claims with a figure are compared only with claims
  counting the same thing (the same ``of``): each such set is a group.
- A superseded claim (one that a later claim by the same claimant
  ``supersedes``) is shown but never counted.
- A group is disputed when two current claims by different claimants have
  figures whose intervals do not overlap. Its spread runs from the lowest
  lower bound to the highest bound, with "+" when a claim is open-ended.
- A topic without any figure is disputed when two or more claimants give
  accounts under it.
- An event is ``disputed`` when any topic is; ``corroborated`` when it rests
  on two or more sources from different publishers; else ``single source``.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cached_property

from .model import Chronicle, Claim, Event


def claimant_key(claim: Claim) -> str:
    """Who made a claim, so that two spellings of one free-text claimant are one."""
    return claim.by if claim.by_actor else unicodedata.normalize("NFC", claim.by).casefold()


def _key(text: str | None) -> str:
    return " ".join(unicodedata.normalize("NFC", text or "").casefold().split())


@dataclass(frozen=True)
class Group:
    """The claims of one topic that count the same thing (the same ``of``)."""

    of: str | None
    claims: tuple[Claim, ...]  # current claims with a figure

    @cached_property
    def claimants(self) -> int:
        return len({claimant_key(c) for c in self.claims})

    @cached_property
    def disputed(self) -> bool:
        return any(
            claimant_key(a) != claimant_key(b) and not a.figure.overlaps(b.figure)
            for i, a in enumerate(self.claims)
            for b in self.claims[i + 1 :]
        )

    @cached_property
    def spread(self) -> str:
        """'6–7', '15–84+': the lowest lower bound to the highest bound."""
        figures = [c.figure for c in self.claims]
        low = min(f.low for f in figures)
        high = max(f.high if f.high is not None else f.low for f in figures)
        text = str(low) if low == high else f"{low}\u2013{high}"
        return text + ("+" if any(f.high is None for f in figures) else "")

    @cached_property
    def ratio(self) -> float:
        """Highest estimate over lowest (at least 1), to sort disputes by size."""
        estimates = [c.figure.estimate for c in self.claims]
        return max(estimates) / max(min(estimates), 1.0)

    def rank(self, claim: Claim) -> str:
        """Whether a claim's figure is the 'highest', the 'lowest' or 'between'."""
        estimates = [c.figure.estimate for c in self.claims]
        if claim.figure.estimate >= max(estimates):
            return "highest"
        if claim.figure.estimate <= min(estimates):
            return "lowest"
        return "between"


@dataclass(frozen=True)
class Topic:
    """Every claim under one ``about``, in the order the event lists them."""

    about: str
    claims: tuple[Claim, ...]
    superseded_by: dict  # index of a superseded claim -> the claim that revises it

    @cached_property
    def current(self) -> tuple[Claim, ...]:
        return tuple(c for c in self.claims if c.index not in self.superseded_by)

    @cached_property
    def numeric(self) -> bool:
        return any(c.figure for c in self.claims)

    @cached_property
    def groups(self) -> tuple[Group, ...]:
        by_of: dict[str, list[Claim]] = {}
        for claim in self.current:
            if claim.figure:
                by_of.setdefault(_key(claim.of), []).append(claim)
        return tuple(Group(claims[0].of, tuple(claims)) for claims in by_of.values())

    @cached_property
    def claimants(self) -> int:
        return len({claimant_key(c) for c in self.current})

    @cached_property
    def disputed(self) -> bool:
        if self.numeric:
            return any(g.disputed for g in self.groups)
        return self.claimants >= 2

    @cached_property
    def disputed_groups(self) -> tuple[Group, ...]:
        return tuple(g for g in self.groups if g.disputed)

    def group_of(self, claim: Claim) -> Group | None:
        return next((g for g in self.groups if claim in g.claims), None)


def topics(event: Event) -> tuple[Topic, ...]:
    """The event's claims gathered by topic, in order of first mention."""
    superseded = {c.supersedes: c for c in event.claims if c.supersedes is not None}
    by_about: dict[str, list[Claim]] = {}
    for claim in event.claims:
        by_about.setdefault(_key(claim.about), []).append(claim)
    return tuple(
        Topic(claims[0].about, tuple(claims),
              {i: c for i, c in superseded.items() if i in {x.index for x in claims}})
        for claims in by_about.values()
    )


CONFIDENCE = ("single source", "corroborated", "disputed")


def confidence(event: Event, chronicle: Chronicle) -> str:
    """The event's confidence label, by the rule in the module docstring."""
    if any(t.disputed for t in topics(event)):
        return "disputed"
    publishers = {_key(chronicle.sources[s].publisher) for s in event.sources}
    return "corroborated" if len(publishers) >= 2 else "single source"


@dataclass(frozen=True)
class Record:
    """How a claimant's (or a source's) figures compare in disputed groups."""

    highest: int
    lowest: int
    disputed: int  # disputed groups in which it gave a current figure

    @property
    def line(self) -> str:
        if not self.disputed:
            return "No figure of it stands in a disputed topic."
        return (f"Highest figure in {self.highest} of {self.disputed} disputed "
                f"topic{'s' if self.disputed != 1 else ''}; lowest in {self.lowest}.")


def rank_in_event(event: Event, claim: Claim) -> str | None:
    """The claim's rank in its disputed group, or None when not in one."""
    for topic in topics(event):
        group = topic.group_of(claim)
        if group is not None:
            return group.rank(claim) if group.disputed else None
    return None


def record(pairs) -> Record:
    """The record of a set of (event, claim) pairs, each disputed group counted once."""
    seen: dict[tuple, str] = {}
    for event, claim in pairs:
        rank = rank_in_event(event, claim)
        if rank is None:
            continue
        group_key = (event.id, _key(claim.about), _key(claim.of))
        # Where one claimant gives two figures in one group, keep its extreme ones.
        previous = seen.get(group_key)
        seen[group_key] = rank if previous in (None, rank) else "both"
    ranks = list(seen.values())
    return Record(
        highest=sum(r in ("highest", "both") for r in ranks),
        lowest=sum(r in ("lowest", "both") for r in ranks),
        disputed=len(ranks),
    )

