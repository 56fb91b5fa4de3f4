"""The claimed death tolls of an event: a part of the claims engine (``claims.py``).

An event's fatalities run from the lowest to the highest of the claimed death tolls: for
each claimant, its largest current figure counting the killed or dead (not "killed or
captured"); an open-ended figure counts as its lower bound. What a claim counts is read
from its ``of`` (else its topic), in the chronicle's language: English, French or Arabic.
``analysis.py`` calls it once for each event.
"""

from __future__ import annotations

import re

from .claims import claimant_key, topics
from .model import Claim, Event, Figure

_DEATHS = re.compile(
    r"\b(killed|dead|deaths|fatalities|tués?|tuées?|morts?|mortes?|décès"
    r"|قتلى|قتيلا|قتيل|وفيات|وفاة)\b",
    re.IGNORECASE,
)
_NOT_ONLY_DEATHS = re.compile(
    r"\b(or|and|ou|et) (captured|arrested|wounded|injured|missing|capturés?|capturées?"
    r"|arrêtés?|blessés?|blessées?|disparus?)\b|\b(أو|و) ?(أسرى|أسير|جرحى|مفقودين|معتقلين)",
    re.IGNORECASE,
)


def counts_deaths(claim: Claim) -> bool:
    """Whether a claim's figure counts the killed (not 'killed or captured')."""
    of = claim.of or claim.about
    return bool(_DEATHS.search(of)) and not _NOT_ONLY_DEATHS.search(of)


def fatalities(event: Event, topics_of=None) -> tuple[int | None, int | None]:
    """(low, high) of the claimed death tolls, by the rule in the module docstring."""
    best: dict[str, Figure] = {}
    for topic in (topics_of or topics)(event):
        for claim in topic.current:
            if claim.figure is None or not counts_deaths(claim):
                continue
            key = claimant_key(claim)
            if key not in best or claim.figure.estimate > best[key].estimate:
                best[key] = claim.figure
    if not best:
        return None, None
    low = min(f.low for f in best.values())
    high = max(f.low if f.high is None else f.high for f in best.values())
    return low, high
