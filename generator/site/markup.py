"""Markup helpers of the generated pages: links, escaped text, dates and front matter.

Pure functions over strings, shared by the renderer and the outputs: a relative
link between two pages, text made inert in Markdown and HTML alike, a date as
``<time>``, and the YAML front matter of a generated page.
"""

from __future__ import annotations

import datetime
import html
import json
import re
from collections.abc import Callable

import yaml
from babel import Locale
from babel.dates import format_date
from markupsafe import Markup

from ..content.model import PartialDate


def relative(from_url: str, to_url: str) -> str:
    """A relative link between two directory URLs ('' is the home page)."""
    anchor = ""
    if "#" in to_url:
        to_url, anchor = to_url.split("#", 1)
        anchor = "#" + anchor
    here = [p for p in from_url.split("/") if p]
    there = [p for p in to_url.split("/") if p]
    common = 0
    for a, b in zip(here, there, strict=False):
        if a != b:
            break
        common += 1
    parts = [".."] * (len(here) - common) + there[common:]
    return ("/".join(parts) + "/" if parts else "./") + anchor


_MD_ESCAPE = re.compile(r"([\\`*_{}\[\]()#+\-.!>])")


def md_escape(text: str) -> Markup:
    """Text made inert in Markdown and HTML alike (for headings)."""
    # One line, or a line break would end the heading; quote=False, or Markdown
    # would show an escaped quote (&#x27;) literally in <title>.
    text = " ".join(str(text).split())
    return Markup(_MD_ESCAPE.sub(r"\\\1", html.escape(text, quote=False)))


# The forms of a date in Babel's patterns, by its precision.
DATE_PATTERNS = {"day": "d MMMM y", "month": "MMMM y", "year": "y"}


def date_words(date: PartialDate, locale: Locale | None = None) -> str:
    """The date (or its bound) in words in the locale's language: '25 juillet 2024'."""
    if locale is None or locale.language == "en":
        return date.plain_label
    when = datetime.date(date.year, date.month or 1, date.day or 1)
    return format_date(when, DATE_PATTERNS[date.precision], locale=locale)


def within_a_month(
    date: PartialDate, end: PartialDate | None, locale: Locale | None
) -> tuple[str, str, str] | None:
    """Days of one month as the locale compacts them: ('25', '–', '27 juillet 2024'), the
    first day's words, what stands between and the end's words; None for any other span.

    English writes '25–27 July 2024'; another language takes its pattern from the Unicode
    CLDR's interval formats (Babel's ``interval_formats``), its month written in full.
    """
    if end is None or date.bound or end.bound or not (date.day and end.day):
        return None
    if (date.year, date.month) != (end.year, end.month) or date.day == end.day:
        return None
    if locale is None or locale.language == "en":
        return str(date.day), "\u2013", end.plain_label
    try:
        first, second = locale.interval_formats["yMMMd"]["d"]
    except (KeyError, TypeError, ValueError):
        return None
    pattern, between = _INTERVAL_SPLIT.fullmatch(first).groups()
    if "MMMM" not in second:
        second = second.replace("MMM", "MMMM")
    start, stop = (datetime.date(d.year, d.month, d.day) for d in (date, end))
    return (
        format_date(start, pattern, locale=locale),
        between,
        format_date(stop, second, locale=locale),
    )


# A CLDR interval's first part: the pattern, then the separator ('d', '–'; 'd MMM', ' – ').
_INTERVAL_SPLIT = re.compile(r"(.*?[A-Za-z'])([^A-Za-z']*)", re.DOTALL)


def _bounded(date: PartialDate, text: str, gettext: Callable[[str], str] | None) -> str:
    """A date's words, or 'before'/'after' them when it is only a limit (the catalog's
    words when there is a catalog)."""
    if not date.bound:
        return text
    if gettext is None:
        return f"{date.bound_word} {text}"
    message = gettext("before %(date)s") if date.bound < 0 else gettext("after %(date)s")
    return message.replace("%(date)s", text)


def date_html(
    date: PartialDate,
    end: PartialDate | None = None,
    locale: Locale | None = None,
    gettext: Callable[[str], str] | None = None,
) -> Markup:
    """A date (or a span of dates) as ``<time>``, in the locale's language.

    A bounded date reads 'before <time>' ('avant', 'قبل'), the word from the catalog. Days
    of one month are compacted as the locale writes them: '25–27 July 2024', each day its
    own ``<time>``.
    """

    def one(d: PartialDate) -> str:
        return _bounded(d, f'<time datetime="{d.iso}">{date_words(d, locale)}</time>', gettext)

    compact = within_a_month(date, end, locale)
    if compact is not None:
        first, between, last = compact
        text = (
            f'<time datetime="{date.iso}">{first}</time>{between}'
            f'<time datetime="{end.iso}">{last}</time>'
        )
    elif end is None or end == date:
        text = one(date)
    else:
        text = f"{one(date)} \u2013 {one(end)}"
    return Markup(text)


def date_text(
    date: PartialDate,
    end: PartialDate | None = None,
    locale: Locale | None = None,
    gettext: Callable[[str], str] | None = None,
) -> str:
    """A date (or a span of dates) in words, as ``date_html`` gives it, without markup: for
    the citation, the feed and the calendar."""

    def one(d: PartialDate) -> str:
        return _bounded(d, date_words(d, locale), gettext)

    compact = within_a_month(date, end, locale)
    if compact is not None:
        return "".join(compact)
    if end is None or end == date:
        return one(date)
    return f"{one(date)} \u2013 {one(end)}"


def front_matter(description: str, boost: float = 1) -> str:
    """The YAML front matter of a generated page: its description and its search weight.

    ``description`` is the page's meta description (and Open Graph description);
    ``search: boost`` is mkdocs-material's per-page weight in the search ranking.
    Strings are written as JSON, which YAML reads as they are.
    """
    # YAML takes U+0085, U+2028 and U+2029 for line breaks: written as escapes, they stay.
    text = json.dumps(description, ensure_ascii=False)
    text = text.translate({0x85: "\\u0085", 0x2028: "\\u2028", 0x2029: "\\u2029"})
    lines = ["---", f"description: {text}"]
    if boost != 1:
        lines += ["search:", f"  boost: {boost}"]
    return "\n".join([*lines, "---", ""])


_HEADING_LINE = re.compile(r"^ {0,3}#{1,6}(?:\s.*)?$|^ {0,3}(?:=+|-+)\s*$", re.MULTILINE)


def without_headings(markdown: str) -> str:
    return _HEADING_LINE.sub("", markdown)


class PlainDumper(yaml.SafeDumper):
    """Plain YAML: every value written out, never an anchor or an alias."""

    def ignore_aliases(self, data) -> bool:
        return True
