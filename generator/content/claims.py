"""The claims engine: topics, disputes, spreads, confidence and claimant records.

Rules (written for readers in content/about.md, which must say the same):

- Claims with the same ``about`` (compared without regard to case, accents
  written alike and runs of spaces) form a topic.
- A superseded claim (one that a later claim by the same claimant
  ``supersedes``) is shown but never counted. The others are current.
- Inside a topic, current claims with a figure are compared only with claims
  counting the same thing (the same ``of``, compared like ``about``; no
  ``of`` is a kind of its own): each such set is a group. A group is
  disputed when two current claims by different claimants have figures
  whose intervals do not overlap. Figures of one claimant never dispute
  each other.
- A claim without a figure is an account. A topic holding a current account
  is disputed as soon as its current claims come from two or more
  claimants: an account cannot be measured against anything, so a second
  claimant on the same question is a second version.
- A topic is disputed when any of its groups is, or by the account rule.
- Every topic with two figures or more shows its range, whatever they
  count: from the lowest lower bound (an "at most" figure only when all
  are) to the highest bound, each as written, with what the figures
  count; a topic that is not disputed says why (different things counted,
  lower bounds, overlapping ranges).
- A topic that is not disputed but whose range is wide (its high end at
  least ``WIDE`` times its low end, by the numbers as the ratio below reads
  them) is a *wide spread*: listed on the disputed page beside the
  contradictions, labelled as such.
- A group's spread runs from the lowest lower bound to the highest bound,
  each end written as the claimant wrote it where that is not a plain
  number (``<10``, ``dozens``), with "+" when some figure is open-ended.
  Its ratio is the high end over the low end (the numbers shown, the low
  one at least 1); the disputed page sorts by it.
- In a disputed group each claim is the ``highest``, the ``lowest`` or
  ``between``, ranked by ``Figure.estimate`` (an exact number itself, a
  range's midpoint, an open figure's lower bound, ``<N`` as N/2).
- A claim may give its figure's parts (``parts``: 84 soldiers and 37
  allied fighters of 121 dead). Each part takes part in the comparisons as a
  figure of its own claimant counting its own ``of``. The parts' sum runs
  from the sum of their lower bounds to the sum of their upper bounds
  (open-ended when one is); a claim is internally inconsistent when that
  sum and its figure do not overlap.
- An event is ``disputed`` when any topic is; else ``corroborated`` when it
  rests on two or more sources from different publishers; else
  ``single source``.
- An event's fatalities (``tolls.py``) run from the lowest to the highest of
  the claimed death tolls.

The engine computes; ``analysis.py`` calls it once for each event and keeps
the results, which every output reads.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import cached_property

from .model import VAGUE_WORDS, Chronicle, Claim, Event, Figure

CONFIDENCE = ("single source", "corroborated", "disputed")


def _key(text: str | None) -> str:
    return " ".join(unicodedata.normalize("NFC", text or "").casefold().split())


def claimant_key(claim: Claim) -> str:
    """Who made a claim, so that two spellings of one free-text claimant are one."""
    return claim.by if claim.by_actor else _key(claim.by)


# A topic whose figures do not conflict but span this ratio or more is a wide spread.
WIDE = 2


def _at_most(figure: Figure) -> bool:
    return figure.text.startswith("<")


@dataclass(frozen=True)
class Group:
    """The current claims with a figure of one topic that count the same thing."""

    of: str | None
    claims: tuple[Claim, ...]

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
    def _low(self) -> tuple[int, str]:
        """The low end: its number and how it is written."""
        figures = [c.figure for c in self.claims]
        low = min(f.low for f in figures)
        at_low = [f for f in figures if f.low == low]
        if any(f.text not in VAGUE_WORDS and not _at_most(f) for f in at_low):
            return low, str(low)
        words = [f.text for f in at_low if f.text in VAGUE_WORDS]
        if words:
            return low, min(words)
        # Only "at most" figures reach this low: they state no lower bound.
        bound = min(f.high for f in at_low)
        return bound, f"<{bound}"

    @cached_property
    def _high(self) -> tuple[int, str]:
        """The high end: its number and how it is written."""
        figures = [c.figure for c in self.claims]
        high = max(f.low if f.high is None else f.high for f in figures)
        open_ended = any(f.high is None for f in figures)
        words = [f.text for f in figures if f.text in VAGUE_WORDS and f.low == high]
        if words:
            return high, min(words)
        return high, f"{high}+" if open_ended else str(high)

    @cached_property
    def spread(self) -> str:
        """'6–7', '15–121+', '<10–40', '6–dozens': the range the claims cover."""
        texts = {c.figure.text for c in self.claims}
        if len(texts) == 1:
            return self.claims[0].figure.label
        low, high = self._low[1], self._high[1]
        return low if low == high else f"{low}\u2013{high}"

    @cached_property
    def ratio(self) -> float:
        """The spread's high end over its low end (at least 1), to sort disputes by size."""
        return self._high[0] / max(self._low[0], 1)

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
    superseded_by: Mapping[int, Claim]  # index of a superseded claim -> the claim revising it

    @cached_property
    def current(self) -> tuple[Claim, ...]:
        return tuple(c for c in self.claims if c.index not in self.superseded_by)

    @cached_property
    def accounts(self) -> tuple[Claim, ...]:
        """Current claims without a figure."""
        return tuple(c for c in self.current if c.figure is None)

    @cached_property
    def numeric(self) -> bool:
        """Whether any current claim gives a figure."""
        return any(c.figure is not None for c in self.current)

    @cached_property
    def groups(self) -> tuple[Group, ...]:
        by_of: dict[str, list[Claim]] = {}
        for claim in self.current:
            if claim.figure is not None:
                by_of.setdefault(_key(claim.of), []).append(claim)
            for part in claim.parts:
                as_claim = replace(claim, figure=part.figure, of=part.of, parts=())
                by_of.setdefault(_key(part.of), []).append(as_claim)
        return tuple(Group(claims[0].of, tuple(claims)) for claims in by_of.values())

    @cached_property
    def claimants(self) -> int:
        return len({claimant_key(c) for c in self.current})

    @cached_property
    def disputed_groups(self) -> tuple[Group, ...]:
        return tuple(g for g in self.groups if g.disputed)

    @cached_property
    def accounts_disputed(self) -> bool:
        return bool(self.accounts) and self.claimants >= 2

    @cached_property
    def disputed(self) -> bool:
        return bool(self.disputed_groups) or self.accounts_disputed

    @cached_property
    def ratio(self) -> float:
        """The largest ratio of its disputed groups, 0 when none is disputed."""
        return max((g.ratio for g in self.disputed_groups), default=0.0)

    def group_of(self, claim: Claim) -> Group | None:
        return next((g for g in self.groups if claim in g.claims), None)

    @cached_property
    def figured(self) -> tuple[Claim, ...]:
        """Current claims with a figure."""
        return tuple(c for c in self.current if c.figure is not None)

    @cached_property
    def counted(self) -> tuple[str, ...]:
        """What the current figures count, each ``of`` once (as first written), in order."""
        seen: dict[str, str] = {}
        for claim in self.figured:
            if claim.of:
                seen.setdefault(_key(claim.of), claim.of)
        return tuple(seen.values())

    @cached_property
    def span(self) -> tuple[str, str] | None:
        """The two ends of the range of every current figure of the topic, whatever it
        counts, each as written: ("15+", "121"); None with fewer than two figures. An "at
        most" figure (<100) sets the low end only when every figure is one."""
        figures = [c.figure for c in self.figured]
        if len(figures) < 2:
            return None
        bounded = [f for f in figures if not _at_most(f)] or figures
        low = min(bounded, key=lambda f: (f.low, f.text))
        high = max(figures, key=lambda f: (f.low if f.high is None else f.high, f.text))
        low_text = low.text.split("-")[0] if "-" in low.text else low.text
        high_text = high.text.split("-")[-1] if "-" in high.text else high.text
        return low_text, high_text

    @cached_property
    def span_ratio(self) -> float:
        """The range's high end over its low end (the low end at least 1), as a group's
        ratio reads them; 0 with fewer than two figures."""
        figures = [c.figure for c in self.figured]
        if len(figures) < 2:
            return 0.0
        bounded = [f for f in figures if not _at_most(f)] or figures
        low = min(f.low for f in bounded)
        high = max(f.low if f.high is None else f.high for f in figures)
        return high / max(low, 1)

    @cached_property
    def wide(self) -> bool:
        """A wide spread: not disputed, yet its highest figure at least WIDE times its lowest."""
        return not self.disputed and self.span_ratio >= WIDE

    @cached_property
    def range_shown(self) -> bool:
        """Whether the topic's range is shown: for every topic with two figures or more,
        except one disputed group alone, whose spread already says it."""
        return self.span is not None and not (self.disputed_groups and len(self.groups) == 1)

    @cached_property
    def figure_claimants(self) -> int:
        """How many claimants give the topic's current figures."""
        return len({claimant_key(c) for c in self.figured})

    @cached_property
    def agreement(self) -> tuple[str, ...]:
        """Why the figures of two or more claimants do not conflict, as reasons that fit
        the case, in this order: ``different`` (they count different things, which are not
        compared), ``lower-bounds`` (a higher figure does not contradict an "at least"),
        ``ranges`` (ranges or upper limits overlap the others); ``overlap`` when none of
        these applies. The site words each reason in the reader's language."""
        figures = [c.figure for c in self.figured]
        reasons = []
        if len(self.groups) > 1:
            reasons.append("different")
        if any(f.high is None for f in figures):
            reasons.append("lower-bounds")
        if any(_at_most(f) or (f.high is not None and f.high != f.low) for f in figures):
            reasons.append("ranges")
        return tuple(reasons) or ("overlap",)


def parts_sum(claim: Claim) -> Figure | None:
    """The sum of a claim's parts as a figure, or None when it gives none."""
    if not claim.parts:
        return None
    low = sum(p.figure.low for p in claim.parts)
    highs = [p.figure.high for p in claim.parts]
    high = None if None in highs else sum(highs)
    text = f"{low}+" if high is None else str(low) if low == high else f"{low}-{high}"
    return Figure(text, low, high)


def inconsistent(claim: Claim) -> bool:
    """Whether the claim's parts do not add up to its figure."""
    total = parts_sum(claim)
    return total is not None and claim.figure is not None and not total.overlaps(claim.figure)


def inconsistent_claims(event: Event) -> tuple[Claim, ...]:
    return tuple(c for c in event.claims if inconsistent(c))


def superseded(event: Event) -> dict[int, Claim]:
    """Index of each superseded claim -> the claim that revises it.

    ``supersedes`` is normally resolved to an index by ``crosscheck.py``; an id
    left unresolved is looked up here, and one that names no claim is ignored.
    """
    ids = {c.id: c.index for c in event.claims if c.id}
    out: dict[int, Claim] = {}
    for claim in event.claims:
        target = claim.supersedes
        if isinstance(target, str):
            target = ids.get(target)
        if isinstance(target, int) and target != claim.index:
            out[target] = claim
    return out


def topics(event: Event) -> tuple[Topic, ...]:
    """The event's claims gathered by topic, in order of first mention."""
    revised = superseded(event)
    by_about: dict[str, list[Claim]] = {}
    for claim in event.claims:
        by_about.setdefault(_key(claim.about), []).append(claim)
    out = []
    for claims in by_about.values():
        here = {c.index for c in claims}
        out.append(
            Topic(claims[0].about, tuple(claims), {i: c for i, c in revised.items() if i in here})
        )
    return tuple(out)


def is_disputed(event: Event, topics_of=topics) -> bool:
    return any(t.disputed for t in topics_of(event))


def confidence(event: Event, chronicle: Chronicle, topics_of=topics) -> str:
    """The event's confidence label, by the rule in the module docstring.

    ``topics_of`` (here and below) gives an event's topics: ``topics``, or a
    caller's own store of them (``analysis.Analysis`` keeps each event's).
    """
    publishers = [chronicle.sources[s].publisher for s in event.sources]
    return confidence_of(is_disputed(event, topics_of), publishers)


def confidence_of(disputed: bool, publishers: Iterable[str]) -> str:
    """The confidence label of an event, disputed or not, resting on sources by these publishers."""
    if disputed:
        return "disputed"
    return "corroborated" if len({_key(p) for p in publishers}) >= 2 else "single source"


@dataclass(frozen=True)
class Record:
    """How a claimant's (or a source's) figures compare in disputed groups."""

    highest: int
    lowest: int
    disputed: int  # disputed groups in which it gave a current figure

    @property
    def line(self) -> str:
        if not self.disputed:
            return "No figure in a disputed topic."
        return (
            f"Highest figure in {self.highest} of {self.disputed} disputed "
            f"topic{'s' if self.disputed != 1 else ''}; lowest in {self.lowest}."
        )


def rank_in_event(event: Event, claim: Claim, topics_of=topics) -> str | None:
    """The claim's rank in its disputed group, or None when it is in none."""
    return rank_among(topics_of(event), claim)


def rank_among(topics: Iterable[Topic], claim: Claim) -> str | None:
    """The claim's rank in its disputed group among an event's topics, or None."""
    for topic in topics:
        group = topic.group_of(claim)
        if group is not None:
            return group.rank(claim) if group.disputed else None
    return None


def record(pairs: Iterable[tuple[Event, Claim]], topics_of=topics) -> Record:
    """The record of (event, claim) pairs, each disputed group counted once.

    Where one claimant (or one source) gives several figures in one group, the
    group counts as highest if any of them is the highest, and as lowest if
    any is the lowest.
    """
    ranks: dict[tuple, set[str]] = {}
    for event, claim in pairs:
        rank = rank_in_event(event, claim, topics_of)
        if rank is not None:
            ranks.setdefault((event.id, _key(claim.about), _key(claim.of)), set()).add(rank)
    return Record(
        highest=sum("highest" in r for r in ranks.values()),
        lowest=sum("lowest" in r for r in ranks.values()),
        disputed=len(ranks),
    )
