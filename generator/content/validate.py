"""Validating one file's front matter against the schema declaration.

``Validator`` checks a mapping against a tuple of ``schema.Field`` and
collects problems with their lines; ``build_entry`` turns a valid mapping
into a model entry. References to other files are checked in ``crosscheck.py``.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from .document import Document
from .model import (
    Actor,
    Assessment,
    Claim,
    Entry,
    Event,
    Figure,
    Location,
    Part,
    PartialDate,
    Problem,
    Source,
)
from .schema import KINDS, Field
from .vocabulary import ACTOR_KINDS, BOUNDED_DATE_PATTERN, ID_PATTERN, ID_RE, MAX_TEXT, NAME_FIELDS, RENAMED_ACTOR_KINDS, URL_RE, YEAR_MAX, YEAR_MIN, python_pattern

# The actor kinds of earlier versions of the schema, as today's kinds: what the history
# and ``chronicle diff`` read an earlier version with (``old_versions``). "other" had no
# single replacement; ACLED's catch-all stands for it when an old version is compared.
OLD_ACTOR_KINDS = {**RENAMED_ACTOR_KINDS, "other": "external/other forces"}
_OLD_VERSIONS: ContextVar[bool] = ContextVar("old_versions", default=False)


@contextmanager
def old_versions() -> Iterator[None]:
    """Within it, content is read as an earlier version of it: values the schema has since
    renamed are taken as their new names, so that the history and ``chronicle diff`` can
    compare a version written before a rename. Content being checked is never read so."""
    token = _OLD_VERSIONS.set(True)
    try:
        yield
    finally:
        _OLD_VERSIONS.reset(token)


# What ``chronicle new`` writes where a value is still to be given; refused until replaced.
PLACEHOLDER = "TODO"
_PLACEHOLDER_LINE = re.compile(rf"^[ \t]*{PLACEHOLDER}\b", re.MULTILINE)


def suggest(word: str, options) -> str:
    """' (did you mean 'x'?)' when an option is close to the word, else ''."""
    close = difflib.get_close_matches(word, sorted(options), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _type_name(value: object) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if value is None:
        return "empty"
    return "text"


# Refused in every text field (YAML escapes such as "\\r" or "\\x1b" can write them):
# C0 controls but tab and line feed, DEL, C1 controls, the line and paragraph
# separators, lone surrogates, and Unicode's non-characters (U+FDD0 to U+FDEF and
# the last two code points of each plane).
_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufdd0-\ufdef"
    + "".join(chr(plane * 0x10000 + 0xFFFE) + chr(plane * 0x10000 + 0xFFFF) for plane in range(17))
    + "]"
)
# Refused in names, titles and claimants (schema.NAME_FIELDS): the bidi embeddings,
# overrides and isolates (U+202A to U+202E, U+2066 to U+2069), which reorder what
# follows, and the characters that show nothing (zero-width space, word joiner,
# byte-order mark, soft hyphen, invisible operators, fillers, tag characters...),
# which make one name look like another. The joiners and marks scripts need
# (ZWNJ U+200C, ZWJ U+200D, LRM U+200E, RLM U+200F, ALM U+061C) stay allowed.
_INVISIBLE = re.compile(
    "[\u00ad\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb"
    "\U0001d173-\U0001d17a\U000e0000-\U000e007f]"
)


def _character(char: str) -> str:
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" ({name})" if name else "")


def _characters(value: str, name: bool) -> None:
    """Refuse control characters and non-characters, and in names invisible ones."""
    found = _CONTROL.search(value)
    if found:
        char = found.group(0)
        what = {"Cn": "non-character", "Cs": "lone surrogate"}.get(
            unicodedata.category(char), "control character"
        )
        raise ValueError(f"holds the {what} {_character(char)}: remove it")
    found = _INVISIBLE.search(value) if name else None
    if found:
        raise ValueError(
            f"holds the invisible character {_character(found.group(0))}: names, titles and "
            "claimants may not hold invisible or direction-changing characters, which make "
            "one name look like another: remove it"
        )


def _text(value: object, name: bool = False) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"must be text, not {_type_name(value)}")
    if len(value) > MAX_TEXT:
        raise ValueError(f"is longer than {MAX_TEXT} characters")
    _characters(value, name)
    return unicodedata.normalize("NFC", value.strip())


def parse_date(text: str, bounded: bool = False) -> PartialDate:
    """A date of the content: YYYY-MM-DD, YYYY-MM or YYYY, in the years the schema accepts.

    With ``bounded`` (an event's or a source's date), 'before DATE' or 'after DATE' too.
    """
    try:
        date = PartialDate.parse(text, bounded=bounded)
    except ValueError:
        forms = "YYYY-MM-DD, YYYY-MM or YYYY"
        if bounded:
            forms += ", or 'before' or 'after' one of them"
        raise ValueError(f"{text!r} is not a date: use {forms}") from None
    if not YEAR_MIN <= date.year <= YEAR_MAX:
        raise ValueError(f"{text!r}: the year must be from {YEAR_MIN} to {YEAR_MAX}")
    return date


def _is_placeholder(value: object) -> bool:
    if isinstance(value, list):
        return any(_is_placeholder(item) for item in value)
    return isinstance(value, str) and value.strip() == PLACEHOLDER


def placeholder_lines(body: str, shown: str, first_line: int) -> list[Problem]:
    return [
        Problem(
            shown,
            first_line + body.count("\n", 0, m.start()),
            "body",
            f"fill in the placeholder {PLACEHOLDER}: replace the line with the text",
        )
        for m in _PLACEHOLDER_LINE.finditer(body)
    ]


def _id(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError(f"must be an id, not {_type_name(value)}")  # noqa: TRY004 (a message)
    if not ID_RE.match(value):
        raise ValueError(f"{value!r} is not an id: use lowercase letters, digits and hyphens")
    return value


class Validator:
    """Checks one mapping against a tuple of field declarations."""

    def __init__(self, path: str, lines: dict[tuple, int]):
        self.path, self.lines, self.problems = path, lines, []

    def line(self, key: tuple) -> int:
        while key and key not in self.lines:
            key = key[:-1]
        return self.lines.get(key, 1)

    def error(self, key: tuple, message: str) -> None:
        label = ""
        for part in key:
            label += f"[{part}]" if isinstance(part, int) else (f".{part}" if label else part)
        self.problems.append(Problem(self.path, self.line(key), label or "front matter", message))

    def record(self, fields: tuple[Field, ...], data: object, key: tuple = ()) -> dict | None:
        if not isinstance(data, dict):
            self.error(key, f"must be a mapping of fields, not {_type_name(data)}")
            return None
        declared = {f.name: f for f in fields}
        for name in data:
            if name not in declared:
                self.error(key + (name,), "unknown field" + suggest(name, declared))
        clean: dict = {}
        for f in fields:
            if f.name not in data:
                if f.required:
                    self.error(key + (f.name,), "is required")
                continue
            value = data[f.name]
            if value is None or value == "" or value == []:
                if f.required:
                    self.error(key + (f.name,), "must not be empty")
                continue
            if _is_placeholder(value):
                among = f" One of: {', '.join(f.choices)}." if f.choices else ""
                self.error(
                    key + (f.name,), f"fill in the placeholder {PLACEHOLDER}: {f.help}{among}"
                )
                continue
            try:
                clean[f.name] = self.value(f, value, key + (f.name,))
            except ValueError as error:
                self.error(key + (f.name,), str(error))
        return clean

    def value(self, f: Field, value: object, key: tuple):
        kind = f.type
        if kind in ("text", "longtext", "claimant"):
            text = _text(value, f.name in NAME_FIELDS)
            if f.pattern and not python_pattern(f.pattern).match(text):
                raise ValueError(f"{text!r} is not valid here: {f.help}")
            return text
        if kind == "date":
            if isinstance(value, int) and not isinstance(value, bool):
                value = str(value)
            if not isinstance(value, str):
                raise ValueError(f"must be a date, not {_type_name(value)}")
            return parse_date(value.strip(), bounded=f.pattern == BOUNDED_DATE_PATTERN)
        if kind == "id":
            return _id(value)
        if kind in ("ids", "texts"):
            if isinstance(value, str) and kind == "texts" or not isinstance(value, list):
                raise ValueError(f"must be a list, not {_type_name(value)}")
            if f.required and not value:
                raise ValueError("must list at least one")
            items = []
            for i, item in enumerate(value):
                try:
                    is_id = kind == "ids" or f.pattern == ID_PATTERN
                    items.append(
                        _id(item)
                        if is_id
                        else self.value(
                            Field(f.name, "text", f.help, pattern=f.pattern), item, key + (i,)
                        )
                    )
                except ValueError as error:
                    self.error(key + (i,), str(error))
            return tuple(dict.fromkeys(items))
        if kind == "url":
            if not isinstance(value, str):
                raise ValueError(f"must be a link, not {_type_name(value)}")
            if not URL_RE.match(value.strip()):
                if re.match(r"https?://", value.strip()):
                    raise ValueError(
                        f"{value.strip()!r} is not a valid link: spaces, quotes "
                        "and angle brackets must be percent-encoded"
                    )
                raise ValueError(f"{value.strip()!r}: only http and https links are allowed")
            return value.strip()
        if kind == "choice":
            if f.choices == ACTOR_KINDS and _OLD_VERSIONS.get() and value in OLD_ACTOR_KINDS:
                return OLD_ACTOR_KINDS[value]  # an earlier version, read in today's terms
            if not isinstance(value, str) or value not in f.choices:
                shown = value if isinstance(value, str) else _type_name(value)
                hint = suggest(shown, f.choices) if isinstance(value, str) else ""
                if f.choices == ACTOR_KINDS and shown in RENAMED_ACTOR_KINDS:
                    hint = f" (the kinds follow ACLED's now: use {RENAMED_ACTOR_KINDS[shown]!r})"
                raise ValueError(f"{shown!r} is not one of: {', '.join(f.choices)}{hint}")
            return value
        if kind == "number":
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise ValueError(f"must be a number, not {_type_name(value)}")
            if not f.minimum <= value <= f.maximum:
                raise ValueError(f"{value} is outside {f.minimum:g} to {f.maximum:g}")
            return float(value)
        if kind == "figure":
            return Figure.parse(value)
        if kind == "supersedes":
            if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
                return value
            return _id(value)
        if kind == "records":
            if not isinstance(value, list):
                raise ValueError(f"must be a list, not {_type_name(value)}")
            if f.max_items and len(value) > f.max_items:
                raise ValueError(f"has {len(value)} items; at most {f.max_items} are allowed")
            return [self.record(f.fields, item, key + (i,)) for i, item in enumerate(value)]
        raise AssertionError(kind)  # pragma: no cover


def _before(a: PartialDate, b: PartialDate) -> bool:
    """Whether ``a`` is surely before ``b``: compared at the coarser of their precisions."""
    depth = min(a.iso.count("-"), b.iso.count("-")) + 1
    return (a.year, a.month, a.day)[:depth] < (b.year, b.month, b.day)[:depth]


def build_entry(
    kind: str, entry_id: str, shown: str, rel: str, doc: Document, v: Validator
) -> Entry | None:
    data = v.record(KINDS[kind], doc.data)
    if data is not None:  # checks across fields, reported with the file's other problems
        if kind == "event" and "end" in data and "date" in data and data["date"].bound:
            v.error(
                ("end",),
                f"the date '{data['date']}' is only a bound: an event known only to "
                "have happened before or after a date takes no end",
            )
        elif kind == "event" and "end" in data and "date" in data:
            if _before(data["end"], data["date"]):
                v.error(("end",), f"{data['end']} is before the date {data['date']}")
        given = {name for name in ("lat", "lon") if doc.data.get(name) not in (None, "")}
        if kind == "location" and len(given) == 1:  # not when one was given but is invalid
            v.error((given.pop(),), "give both lat and lon, or neither")
        elif kind == "location" and not given and "geo_precision" in data:
            v.error(("geo_precision",), "says how precise lat and lon are: give them too")
        if kind == "source" and "accessed" in data and not ({"url", "archive_url"} & set(data)):
            v.error(("accessed",), "says when a link was opened: give url or archive_url too")
    if data is None or v.problems:
        return None
    common = {"id": entry_id, "path": shown, "src": rel, "body": doc.body}
    if kind == "event":
        claims = tuple(
            Claim(
                about=c["about"],
                by=c["by"],
                by_actor=bool(ID_RE.match(c["by"])),
                says=c["says"],
                source=c["source"],
                figure=c.get("figure"),
                of=c.get("of"),
                date=c.get("date"),
                id=c.get("id"),
                supersedes=c.get("supersedes"),
                parts=tuple(Part(p["figure"], p["of"]) for p in c.get("parts", ())),
                index=i,
                line=v.line(("claims", i)),
            )
            for i, c in enumerate(data.get("claims", ()))
        )
        assessment = []
        for i, a in enumerate(data.get("assessment", ())):
            if "figure" not in a and "says" not in a:
                v.error(("assessment", i), "needs a figure or says")
            assessment.append(
                Assessment(a["about"], a["note"], a["sources"], a.get("figure"), a.get("says"))
            )
        data.update(claims=claims, assessment=tuple(assessment))
        return Event(**common, **data)
    if "kind" in data:
        data["kind_of"] = data.pop("kind")
    return {"actor": Actor, "location": Location, "source": Source}[kind](**common, **data)
