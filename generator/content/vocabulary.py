"""The content's vocabulary: the patterns, the closed lists and the limits that the
schema's fields (``schema.py``) are declared with.

Ids, dates, URLs and figures are written to these patterns; event types, actor kinds,
ACLED's actor types, place precisions and source kinds are chosen from these lists. The
validator, the published JSON Schema and the pages read them through the schema or here.
"""

from __future__ import annotations

import re

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
# The years a date may have: a chronicle of armed conflicts, from the Middle Ages to the
# centuries ahead. Every date derived from them (the feed's, the calendar's, a month after
# an end date, the charts' and the year pages') is then a four-digit year that Python's
# dates, RFC 3339 (Atom) and RFC 5545 (iCalendar) can all write. YEAR_PATTERN matches
# exactly these years (tests/test_schema.py checks it); the published JSON Schema has both.
YEAR_MIN = 1000
YEAR_MAX = 2999
YEAR_PATTERN = r"[12]\d{3}"
DATE_PATTERN = r"^" + YEAR_PATTERN + r"(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$"
# An event's or a source's date may be only a limit: "before 2026-04-27", "after 2023-08".
BOUNDED_DATE_PATTERN = r"^(?:(?:before|after) +)?" + DATE_PATTERN[1:]
URL_PATTERN = r"^https?://[^\s<>\"']+$"
FIGURE_PATTERN = r"^(?:\d+|\d+\+|<\d+|\d+-\d+|dozens|tens|hundreds)$"
LANGUAGE_PATTERN = r"^[a-z]{2}$"
COUNTRY_PATTERN = r"^[A-Z]{2}$"


def python_pattern(pattern: str) -> re.Pattern:
    """A pattern of the JSON Schema (where '$' ends the text) as Python reads it.

    In Python '$' also matches before a final newline: "army\n" would pass as
    an id. The patterns are written once, for the JSON Schema, and compiled
    with '\\Z' here.
    """
    return re.compile(pattern[:-1] + r"\Z" if pattern.endswith("$") else pattern)


ID_RE = python_pattern(ID_PATTERN)
URL_RE = python_pattern(URL_PATTERN)

EVENT_TYPES = (
    "battles",
    "explosions-remote-violence",
    "violence-against-civilians",
    "protests",
    "riots",
    "strategic-developments",
)
# ACLED's names of its event types, as the pages show them.
EVENT_TYPE_LABELS = {
    "battles": "Battles",
    "explosions-remote-violence": "Explosions/Remote violence",
    "violence-against-civilians": "Violence against civilians",
    "protests": "Protests",
    "riots": "Riots",
    "strategic-developments": "Strategic developments",
}
# A neutral typology: ACLED's actor types, then the kinds of actor ACLED does not code as
# such (a person, a government body, the media). No side's words ("terrorists", "jihadists",
# "bandits"): what an actor calls itself or its enemies belongs in its page's text.
ACTOR_KINDS = (
    "state forces",
    "rebel group",
    "political militia",
    "identity militia",
    "rioters",
    "protesters",
    "civilians",
    "external/other forces",
    "government body",
    "person",
    "media",
)
# The kinds of earlier versions, and the kind that replaces each, so that a check of old
# content says what to write ("other" has no single replacement).
RENAMED_ACTOR_KINDS = {
    "state force": "state forces",
    "jihadist group": "rebel group",
    "private military company": "external/other forces",
    "foreign state": "government body",
    "international mission": "external/other forces",
    "militia": "political militia",
}
# ACLED's actor types (its inter1 and inter2 columns), in ACLED's order, which also orders
# the two types of its interaction column: "State forces-Rebel group".
ACLED_INTER = (
    "State forces",
    "Rebel group",
    "Political militia",
    "Identity militia",
    "Rioters",
    "Protesters",
    "Civilians",
    "External/Other forces",
)
# How precisely a place's coordinates locate it (ACLED's geo_precision 1, 2 and 3).
GEO_PRECISIONS = ("town", "region", "country")
SOURCE_KINDS = (
    "news agency",
    "newspaper",
    "broadcaster",
    "official statement",
    "social media",
    "messaging channel",
    "other",
)

MAX_CLAIMS = 200
MAX_TEXT = 5000

# The text fields that name or title something: a reader compares them by eye with
# other names (a claimant with an actor, a topic with a topic), so besides the control
# characters refused in every text field, they may hold no invisible or
# direction-changing character (validate.py). The joiners and marks that scripts need
# (U+200C, U+200D, U+200E, U+200F, U+061C) stay allowed.
NAME_FIELDS = frozenset(
    {"title", "title_en", "name", "aliases", "by", "about", "of", "publisher", "author",
     "region", "sub_type"}
)  # fmt: skip
