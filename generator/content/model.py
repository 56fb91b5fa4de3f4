"""The chronicle's data model: immutable values, no I/O, no rendering.

Everything here is built once by ``load.py`` and ``crosscheck.py`` and then only
read: the renderer never sees raw front matter.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the type alone: the analysis stands on the model, not the other way
    from .analysis import Analysis
    from .history import History

MONTHS = (
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
)  # fmt: skip


# Line breaks and other control characters (C0, DEL, C1, the Unicode line and
# paragraph separators): in a log they would start a line of their own, such as
# a CI workflow command ("\n::error ...").
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the content, pointing at its file and line."""

    path: str
    line: int
    field: str
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        """One line of a log: a file name, key or value can never start a line of its own."""
        prefix = "" if self.severity == "error" else f"{self.severity}: "
        text = f"{self.path}:{self.line}: {self.field}: {prefix}{self.message}"
        return _CONTROL.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), text)


class ContentError(Exception):
    """Raised with every problem at once when the content does not validate."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


BOUNDS = {"before": -1, "after": 1}


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the day, the month or only the year, or only bounded by one.

    ``bound`` is 0 for a date that is known (to its precision), -1 for "before
    X" (no later than X: the sources give only an upper limit) and 1 for "after
    X" (no earlier than X). A bounded date sorts just before (or after) the
    dates equal to its bound.
    """

    year: int
    month: int = 0
    day: int = 0
    bound: int = 0

    @classmethod
    def parse(cls, text: str, bounded: bool = False) -> PartialDate:
        """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; raise ValueError otherwise.

        With ``bounded``, ``before DATE`` and ``after DATE`` are accepted too.
        """
        import datetime

        bound = 0
        if bounded and (m := re.fullmatch(r"(before|after) +(\S+)", text)):
            bound, text = BOUNDS[m[1]], m[2]
        m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", text)
        if not m:
            raise ValueError(text)
        year, month, day = (int(g) if g else 0 for g in m.groups())
        if m.group(2) and not 1 <= month <= 12:
            raise ValueError(text)
        if m.group(3):
            datetime.date(year, month, day)  # raises ValueError on 2024-02-30
        return cls(year, month, day, bound)

    @property
    def precision(self) -> str:
        """How precisely the date (or its bound) is known: day, month or year."""
        return "day" if self.day else "month" if self.month else "year"

    @property
    def bound_word(self) -> str:
        """'before', 'after', or '' for a date that is not only a bound."""
        return {-1: "before", 1: "after"}.get(self.bound, "")

    @property
    def iso(self) -> str:
        """The date (or its bound) in ISO 8601: the bound word is not part of it."""
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    @property
    def plain_label(self) -> str:
        """The date (or its bound) in words, without 'before' or 'after'."""
        if self.day:
            return f"{self.day} {MONTHS[self.month - 1]} {self.year}"
        if self.month:
            return f"{MONTHS[self.month - 1]} {self.year}"
        return str(self.year)

    @property
    def label(self) -> str:
        """Human form: '21 November 2024', 'November 2024', '2020' or 'before 2020'."""
        if self.bound:
            return f"{self.bound_word} {self.plain_label}"
        return self.plain_label

    def __str__(self) -> str:
        return f"{self.bound_word} {self.iso}" if self.bound else self.iso


VAGUE_WORDS = {"tens": 20, "dozens": 24, "hundreds": 200}
MAX_FIGURE = 999_999_999
FIGURE_FORMS = "6, 80+ (at least), <100 (at most), 25-82 (a range), dozens, tens or hundreds"


@dataclass(frozen=True)
class Figure:
    """A claimed number as an interval: ``high`` is None when open-ended."""

    text: str
    low: int
    high: int | None

    @classmethod
    def parse(cls, value: object) -> Figure:
        """Parse one of the accepted forms; raise ValueError naming them otherwise.

        A value of the wrong type is a ValueError too: the validator reports
        ValueErrors as the field's problem.
        """
        if isinstance(value, (bool, float)):
            shown = str(value).lower() if isinstance(value, bool) else repr(value)
            raise ValueError(f"{shown} is not a figure: use {FIGURE_FORMS}")  # noqa: TRY004
        if not isinstance(value, (int, str)):
            kind = {list: "a list", dict: "a mapping"}.get(type(value), "empty")
            raise ValueError(f"must be a figure, not {kind}: use {FIGURE_FORMS}")  # noqa: TRY004
        if isinstance(value, int) and value > MAX_FIGURE:
            raise ValueError(f"is larger than {MAX_FIGURE:,}, the largest figure accepted")
        text = str(value).strip()
        if re.search(r"[0-9]{10}", text):  # ASCII digits only, as in the JSON Schema
            raise ValueError(
                f"{text[:40]!r} has a number larger than {MAX_FIGURE:,}, "
                "the largest figure accepted"
            )
        if text in VAGUE_WORDS:
            return cls(text, VAGUE_WORDS[text], None)
        if m := re.fullmatch(r"([0-9]+)", text):
            n = int(m[1])
            return cls(str(n), n, n)
        if m := re.fullmatch(r"([0-9]+)\+", text):
            return cls(text, int(m[1]), None)
        if m := re.fullmatch(r"<([0-9]+)", text):
            return cls(text, 0, int(m[1]))
        if m := re.fullmatch(r"([0-9]+)-([0-9]+)", text):
            low, high = int(m[1]), int(m[2])
            if low > high:
                raise ValueError(f"range {text} runs backwards: write {high}-{low}")
            return cls(text, low, high)
        raise ValueError(f"{text[:40]!r} is not a figure: use {FIGURE_FORMS}")

    @property
    def label(self) -> str:
        return self.text.replace("-", "\u2013")

    @property
    def estimate(self) -> float:
        """One number to rank figures by: the value, a range's middle, or a bound."""
        if self.high is None:
            return float(self.low)
        return (self.low + self.high) / 2

    def overlaps(self, other: Figure) -> bool:
        below = self.high is not None and self.high < other.low
        above = other.high is not None and other.high < self.low
        return not (below or above)


@dataclass(frozen=True)
class Part:
    """One part of a claim's figure: how many of whom."""

    figure: Figure
    of: str


@dataclass(frozen=True)
class Claim:
    about: str
    by: str  # an actor id when ``by_actor`` is true, else free text
    by_actor: bool
    says: str
    source: str
    figure: Figure | None = None
    of: str | None = None
    date: PartialDate | None = None
    id: str | None = None
    supersedes: int | None = None  # resolved to the index of the earlier claim
    parts: tuple[Part, ...] = ()
    index: int = 0  # position in the event's claims
    line: int = 1

    @property
    def anchor(self) -> str:
        return f"claim-{self.index + 1}"


@dataclass(frozen=True)
class Assessment:
    about: str
    note: str
    sources: tuple[str, ...]
    figure: Figure | None = None
    says: str | None = None


@dataclass(frozen=True)
class Entry:
    """What every content file has: its id, file, line numbers and body."""

    id: str
    path: str  # as shown in messages: the content folder as given, then the file
    src: str  # relative to the content folder, posix
    body: str  # the Markdown, as written
    html: str = ""  # the body as published: rendered, checked, sanitised (bodies/render.py)
    headings: tuple = ()  # its headings, for the table of contents (body.Heading)

    @property
    def kind(self) -> str:
        return type(self).__name__.lower()


@dataclass(frozen=True)
class Event(Entry):
    title: str = ""
    summary: str = ""
    date: PartialDate = PartialDate(1)
    end: PartialDate | None = None
    date_note: str | None = None
    type: str = ""
    sub_type: str | None = None
    actors: tuple[str, ...] = ()
    actor1: str | None = None
    assoc_actor_1: tuple[str, ...] = ()
    actor2: str | None = None
    assoc_actor_2: tuple[str, ...] = ()
    civilian_targeting: str | None = None
    locations: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    claims: tuple[Claim, ...] = ()
    assessment: tuple[Assessment, ...] = ()
    redirect_from: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return self.title

    @property
    def sort_key(self) -> tuple:
        # Plain integers: the dates' own order (year, month, day), compared in C.
        end = self.end or self.date
        return (self.date.year, self.date.month, self.date.day, self.date.bound,
                end.year, end.month, end.day, self.id)  # fmt: skip


@dataclass(frozen=True)
class Actor(Entry):
    name: str = ""
    aliases: tuple[str, ...] = ()
    kind_of: str | None = None
    inter: str | None = None
    affiliated_with: tuple[str, ...] = ()
    successor_of: tuple[str, ...] = ()
    redirect_from: tuple[str, ...] = ()


@dataclass(frozen=True)
class Location(Entry):
    name: str = ""
    aliases: tuple[str, ...] = ()
    region: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geo_precision: str | None = None
    redirect_from: tuple[str, ...] = ()


@dataclass(frozen=True)
class Source(Entry):
    publisher: str = ""
    title: str = ""
    title_en: str | None = None
    author: str | None = None
    date: PartialDate = PartialDate(1)
    date_note: str | None = None
    language: str = ""
    kind_of: str | None = None
    url: str | None = None
    archive_url: str | None = None
    accessed: PartialDate | None = None  # when a link was last opened and held the source
    by: str | None = None
    redirect_from: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return self.title


@dataclass(frozen=True)
class Page:
    """An ordinary Markdown page of content/ (index.md, about.md...)."""

    path: str  # as shown in messages
    src: str  # relative to the content folder, posix
    body: str  # the Markdown, as written
    title: str = ""  # the front matter's, else the first heading's, else the file name's
    html: str = ""  # the body as published: rendered, checked, sanitised (bodies/render.py)
    headings: tuple = ()  # its headings, for the table of contents (body.Heading)
    description: str | None = None
    hide: tuple[str, ...] = ()


def page_url(path: str) -> str:
    """The directory URL of a Markdown path: 'events/x.md' -> 'events/x/'.

    'index.md' and 'README.md' are their folder's page: 'about/index.md' -> 'about/'.
    """
    stem = path[: -len(".md")]
    for name in ("index", "README"):
        if stem == name or stem.endswith("/" + name):
            return stem[: -len(name)]
    return stem + "/"


def frozen(mapping: Mapping) -> Mapping:
    return MappingProxyType(dict(mapping))


@dataclass(frozen=True)
class Chronicle:
    """Every entry of the content, validated and cross-referenced."""

    events: tuple[Event, ...]  # oldest first
    actors: Mapping[str, Actor]
    locations: Mapping[str, Location]
    sources: Mapping[str, Source]
    pages: tuple[Page, ...] = ()
    warnings: tuple[Problem, ...] = field(default=())
    # Every event's claims analysed once (analysis.py): set by crosscheck.cross_check,
    # None only in a chronicle put together by hand.
    analysis: Analysis | None = field(default=None, compare=False, repr=False)
    # Each entry's history from git (history.read_history), set by the engine that
    # builds the site; None: the pages show no history.
    history: History | None = field(default=None, compare=False, repr=False)

    def newest_date(self) -> PartialDate | None:
        """The newest date of any event (or its end), claim or source."""
        dates = [d for e in self.events for d in (e.date, e.end) if d is not None]
        dates += [c.date for e in self.events for c in e.claims if c.date is not None]
        dates += [s.date for s in self.sources.values()]
        return max(dates, default=None)

    def terms(self, kind: str) -> Mapping[str, Entry]:
        return {"actor": self.actors, "location": self.locations, "source": self.sources}[kind]
