"""The interface's language: the chronicle's own words from gettext message catalogs.

Every word the generator writes itself (headings, the claims box, confidence labels,
date words, the labels of event types) is an English message id, marked in the templates
with Jinja2's ``i18n`` extension (``_()``, ``ngettext()``) and here with ``N_``. Each
language is a catalog ``locales/<lang>/LC_MESSAGES/chronicle.po`` managed with Babel
(``pybabel extract -F babel.cfg``, ``update``, then translated); the catalog is compiled
in memory when a site is built (``babel.messages.mofile``), so no binary file is
committed and an edited catalog is used at once. English is the source language: a
message a catalog lacks (or marks fuzzy) is shown in English. A catalog that does not
parse stops the build with ``path:line: catalog: message``.

The language is MkDocs's ``theme.language`` (``en``, ``fr``, ``ar``); the content itself is
written in the chronicle's language, which the interface follows.
"""

from __future__ import annotations

import gettext as _gettext
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import TranslationError
from babel.messages.checkers import python_format
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from babel.numbers import format_decimal
from babel.support import Translations

from ..content.changes import Change
from ..content.model import ContentError, PartialDate, Problem
from ..content.phrases import Phrase
from .markup import date_text, within_a_month

if TYPE_CHECKING:
    from ..content.claims import Record

LOCALES = Path(__file__).resolve().parent / "locales"
DOMAIN = "chronicle"
SOURCE_LANGUAGE = "en"


def N_(message: str) -> str:
    """Marks a message for extraction where it is defined; it is translated where shown."""
    return message


def catalog_path(language: str) -> Path:
    """Where the catalog of a language lives (it may not exist)."""
    return LOCALES / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def languages() -> list[str]:
    """The languages with a catalog, English (the source language) first."""
    found = sorted(p.parent.parent.name for p in LOCALES.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    return [SOURCE_LANGUAGE] + [code for code in found if code != SOURCE_LANGUAGE]


def normalise(language: str | None) -> str:
    """``theme.language`` as a catalog's code: 'fr', 'pt_BR'; '' and None are English."""
    code = (language or SOURCE_LANGUAGE).replace("-", "_")
    if catalog_path(code).is_file():
        return code
    return code.split("_")[0]


def translations(language: str | None) -> _gettext.NullTranslations:
    """The compiled catalog of a language; English (no translation) when it has none.

    Raises ContentError, naming the catalog's file and line, when the catalog is broken.
    """
    code = normalise(language)
    path = catalog_path(code)
    if code == SOURCE_LANGUAGE or not path.is_file():
        return _gettext.NullTranslations()
    stat = path.stat()
    return _compiled(str(path), stat.st_mtime_ns, stat.st_size)


@cache
def _compiled(path: str, mtime: int, size: int) -> Translations:
    shown = _shown(Path(path))
    try:
        with open(path, "rb") as handle:
            catalog = read_po(handle, abort_invalid=True)
    except PoFileError as error:
        line = (getattr(error, "lineno", 0) or 0) + 1  # Babel counts lines from 0
        raise ContentError([Problem(shown, line, "catalog", _reason(error))]) from None
    except (UnicodeDecodeError, ValueError) as error:
        raise ContentError([Problem(shown, 0, "catalog", f"cannot be read: {error}")]) from None
    problems = []
    for message in catalog:
        if not message.id or message.fuzzy or not message.string:
            continue
        for _msg, err in _format_errors(message):
            problems.append(Problem(shown, message.lineno, "catalog", f"{message.id!r}: {err}"))
    if problems:
        raise ContentError(problems)
    buffer = BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


def _format_errors(message) -> list:
    """The placeholders of a translation that its message id does not have (or lacks)."""
    try:
        python_format(None, message)
    except TranslationError as error:
        return [(message, str(error))]
    return []


def _reason(error: PoFileError) -> str:
    text = str(error)
    # Babel words it "<reason> on <line>"; the line is already in the prefix.
    return text.rsplit(" on ", 1)[0] if " on " in text else text


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


@cache
def locale(language: str | None) -> Locale:
    """Babel's locale of the interface language (English when Babel does not know it)."""
    try:
        return Locale.parse(normalise(language))
    except (ValueError, UnknownLocaleError):
        return Locale.parse(SOURCE_LANGUAGE)


def direction(language: str | None) -> str:
    """'rtl' for a language written right to left (Arabic), else 'ltr'."""
    return "rtl" if locale(language).character_order == "right-to-left" else "ltr"


class Words:
    """The interface's words for the code that writes HTML itself (maps, charts): the
    catalog's ``gettext``/``ngettext`` (values given by name, ``num`` the count) and the
    locale of names and dates. ``Words()`` is English."""

    def __init__(self, language: str | None = SOURCE_LANGUAGE):
        self.language = normalise(language)
        self.locale = locale(self.language)
        self.translations = translations(self.language)
        self.direction = direction(self.language)

    def gettext(self, message: str, **values: object) -> str:
        text = self.translations.gettext(message)
        return text % values if values else text

    def ngettext(self, singular: str, plural: str, n: int, **values: object) -> str:
        """The form for ``n``; ``num`` is ``n`` unless given (as the locale writes it)."""
        return self.translations.ngettext(singular, plural, n) % {"num": n, **values}

    def number(self, n: int) -> str:
        """A count as readers of the language write it ('1 234' in French); English as
        the pages have always shown it."""
        if self.locale.language == SOURCE_LANGUAGE:
            return str(n)
        return format_decimal(n, locale=self.locale)

    def month(self, year: int, month: int) -> str:
        """'July 2024', 'juillet 2024'; month 0: '2023, month not known'."""
        if not month:
            return self.gettext("%(year)s, month not known", year=year)
        if self.locale.language == SOURCE_LANGUAGE:
            from ..content.model import MONTHS

            return f"{MONTHS[month - 1]} {year}"
        name = self.locale.months["stand-alone"]["wide"][month]
        return f"{name[:1].upper()}{name[1:]} {year}"

    def date(self, date: PartialDate, end: PartialDate | None = None) -> str:
        """A date, or a span of dates, in words: '25–27 juillet 2024', 'avant 2020'."""
        return date_text(date, end, self.locale, self.translations.gettext)

    def compact(self, date: PartialDate, end: PartialDate | None) -> bool:
        """Whether the span is written compacted: days of one month."""
        return within_a_month(date, end, self.locale) is not None

    def say(self, phrase: Phrase) -> str:
        """Words of the content stage (content/changes.py's Phrase) in the language."""
        return phrase.say(self.translations.gettext, self.date)

    def change(self, change: Change) -> str:
        """A change to an entry (content/changes.py), as the language says it."""
        return self.say(change.phrase) if change.phrase is not None else change.text

    def record(self, record: Record) -> str:
        """A claimant's (or a source's) record in disputed topics (content/claims.py)."""
        if not record.disputed:
            return self.gettext("No figure in a disputed topic.")
        return self.ngettext(
            "Highest figure in %(highest)s of %(num)d disputed topic; lowest in %(lowest)s.",
            "Highest figure in %(highest)s of %(num)d disputed topics; lowest in %(lowest)s.",
            record.disputed,
            highest=record.highest,
            lowest=record.lowest,
        )


ENGLISH = Words()
