"""Look-alike names: a small, documented folding of Unicode confusables.

A free-text claimant (``by: A local official``) that looks like an actor's name
or alias but is not its id (``"FAMА"`` with a Cyrillic А, ``"Fama"``) is
probably the actor typed by hand, or someone passing for it: ``crosscheck``
warns, and a reviewer decides. Invisible and direction-changing characters are
refused outright in names (``validate.py``); this catches the visible ones.

``skeleton`` folds a text so that look-alikes fold to the same string, after
Unicode's TR39 skeletons, restricted to the scripts where they matter most
here: NFKC (full-width and compatibility forms: ``ＦＡＭａ``, ``ﬁ``), case
folding, accents removed (NFD, combining marks dropped), the Cyrillic and Greek
letters drawn like Latin ones (from Unicode's confusables.txt) mapped to them,
the digits ``0`` and ``1`` to ``o`` and ``l``, ``rn`` to ``m``, and blanks,
dashes and dots ignored. It is a warning's test, never a refusal, so it errs
towards folding more.
"""

from __future__ import annotations

import re
import unicodedata

# Cyrillic and Greek letters (after case folding) drawn as a Latin letter, from
# Unicode's confusables.txt; and the digits drawn like letters.
_LATIN = {
    # Cyrillic
    "а": "a", "в": "b", "г": "r", "д": "d", "е": "e", "ё": "e", "з": "3", "и": "u",
    "й": "u", "к": "k", "л": "n", "м": "m", "н": "h", "о": "o", "п": "n", "р": "p",
    "с": "c", "т": "t", "у": "y", "х": "x", "ц": "u", "ч": "4", "ш": "w", "ъ": "b",
    "ь": "b", "ѕ": "s", "і": "l", "ї": "l", "ј": "j", "ԁ": "d", "ԛ": "q", "ԝ": "w",
    "ӏ": "l", "һ": "h", "ү": "y", "ɡ": "g", "ո": "n", "ս": "u",
    # Greek
    "α": "a", "β": "b", "γ": "y", "δ": "d", "ε": "e", "ζ": "z", "η": "n", "ι": "l",
    "κ": "k", "μ": "u", "ν": "v", "ο": "o", "ρ": "p", "σ": "o", "ς": "c", "τ": "t",
    "υ": "u", "χ": "x", "ω": "w",
    # Digits and the letters they pass for
    "0": "o", "1": "l", "i": "l", "|": "l",
}  # fmt: skip
_IGNORED = re.compile(r"[\s\-\u2010-\u2015._'\u2019]+")


def skeleton(text: str) -> str:
    """The text folded so that look-alike names give the same string."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    folded = "".join(
        c for c in unicodedata.normalize("NFD", folded) if not unicodedata.combining(c)
    )
    folded = "".join(_LATIN.get(c, c) for c in folded)
    return _IGNORED.sub("", folded).replace("rn", "m")


def lookalike(text: str, names: dict[str, str]) -> str | None:
    """The key of ``names`` (skeleton -> actor id) that ``text`` looks like, if any."""
    return names.get(skeleton(text)) if text else None
