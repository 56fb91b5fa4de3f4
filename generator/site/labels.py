"""Words for readers: labels of the codes kept in the content, and page descriptions.

The content keeps codes (ACLED event types, ISO 3166 country codes, ISO 639
language codes); the pages show their English names, taken from the Unicode
CLDR through Babel. Text in another language than the page's gets its
``lang`` and, when it is written right to left, ``dir="rtl"``: from the
source's language code where there is one, else from the script of the text.
No MkDocs and no Jinja2 here.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from babel import Locale, UnknownLocaleError
from markupsafe import Markup, escape

from ..content.vocabulary import EVENT_TYPE_LABELS
from .i18n import N_

PAGE_LANGUAGE = "en"
_ENGLISH = Locale.parse(PAGE_LANGUAGE)


def event_type(code: str) -> str:
    """'battles' -> 'Battles'; an unknown code is shown as it is."""
    return EVENT_TYPE_LABELS.get(code, code)


# The labels of the event types, for the catalogs (content/schema.py declares them):
# translated on the pages, as ACLED writes them in the downloads.
EVENT_TYPE_MESSAGES = (
    N_("Battles"),
    N_("Explosions/Remote violence"),
    N_("Violence against civilians"),
    N_("Protests"),
    N_("Riots"),
    N_("Strategic developments"),
)

# The words the templates translate from codes and values of the content stage: the
# confidence labels (content/claims.py), a figure's rank in a disputed group, the precision
# of a date and the kinds of entries in the Changes page.
VALUE_MESSAGES = (
    N_("single source"),
    N_("corroborated"),
    N_("disputed"),
    N_("highest figure in a disputed topic"),
    N_("lowest figure in a disputed topic"),
    N_("between figure in a disputed topic"),
    N_("known to the month"),
    N_("known to the year"),
    N_("event"),
    N_("actor"),
    N_("location"),
    N_("source"),
)

# The kinds of actors and of sources (content/vocabulary.py), translated on the pages; the
# downloads keep them as the content gives them.
KIND_MESSAGES = (
    N_("state forces"),
    N_("rebel group"),
    N_("political militia"),
    N_("identity militia"),
    N_("rioters"),
    N_("protesters"),
    N_("civilians"),
    N_("external/other forces"),
    N_("government body"),
    N_("person"),
    N_("media"),
    N_("news agency"),
    N_("newspaper"),
    N_("broadcaster"),
    N_("official statement"),
    N_("social media"),
    N_("messaging channel"),
    N_("other"),
)


def country(code: str, locale: Locale = _ENGLISH) -> str:
    """'SD' -> 'Sudan' (ISO 3166 alpha-2), in the locale's language; an unknown code as it is."""
    return locale.territories.get(code, code)


def language(code: str, locale: Locale = _ENGLISH) -> str:
    """'uk' -> 'Ukrainian' (ISO 639-1), in the locale's language; an unknown code as it is."""
    return locale.languages.get(code, code)


@cache
def right_to_left(code: str) -> bool:
    """Whether a language ('ar') is written right to left."""
    try:
        return Locale.parse(code).character_order == "right-to-left"
    except (ValueError, UnknownLocaleError):
        return False


# Scripts whose text can be given a language with confidence.
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_HEBREW = re.compile("[\u0590-\u05ff]")
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_UKRAINIAN_ONLY = re.compile("[іїєґІЇЄҐ]")
_RUSSIAN_ONLY = re.compile("[ыэъёЫЭЪЁ]|ск(?:ий|ая|ое)\\b")


def language_of(text: str) -> str | None:
    """The language of a name written in a script other than Latin, where the letters tell.

    Arabic script is taken as Arabic, Hebrew as Hebrew; Cyrillic as Ukrainian or
    Russian when a letter (or an ending) belongs to one of them only.
    """
    if _ARABIC.search(text):
        return "ar"
    if _HEBREW.search(text):
        return "he"
    if _CYRILLIC.search(text):
        if _UKRAINIAN_ONLY.search(text):
            return "uk"
        if _RUSSIAN_ONLY.search(text):
            return "ru"
    return None


def _first_strong_rtl(text: str) -> bool:
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


def lang_attributes(text: str = "", code: str | None = None, page: str = PAGE_LANGUAGE) -> Markup:
    """' lang="ar" dir="rtl"' for text in another language than the page's, else ''.

    ``code`` is the text's language when it is known (a source's ``language``);
    otherwise it is guessed from the script. ``dir="rtl"`` follows the language,
    or the first strongly directional letter of the text.
    """
    code = code or language_of(text)
    rtl = right_to_left(code) if code else _first_strong_rtl(text)
    out = ""
    if code and code != page:
        out += f' lang="{escape(code)}"'
    if rtl and not right_to_left(page):
        out += ' dir="rtl"'
    elif not rtl and right_to_left(page) and code:
        out += ' dir="ltr"'
    return Markup(out)


def foreign(text: str, code: str | None = None, page: str = PAGE_LANGUAGE) -> Markup:
    """The text escaped, in a ``<span lang dir>`` when it is in another language."""
    attributes = lang_attributes(text, code, page)
    if not attributes:
        return escape(text)
    return Markup(f"<span{attributes}>{escape(text)}</span>")


def isolate(text: object, page: str = PAGE_LANGUAGE) -> Markup:
    """Text escaped, isolated in ``<bdi>`` on a right-to-left page: a Latin name, an id or
    a figure ('<10–40+') keeps its own order among Arabic words."""
    if not right_to_left(page):
        return escape(text)
    return Markup(f"<bdi>{escape(text)}</bdi>")


# Page descriptions (meta description, Open Graph).

DESCRIPTION_LENGTH = 200
_CITATION = re.compile(r"\[\^[^\]\s]+\]")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKUP = re.compile(r"[*_`#>]+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'«“(\[])")


def plain(markdown: str) -> str:
    """The words of a Markdown text on one line: no citations, link targets or markup."""
    text = _CITATION.sub("", markdown)
    text = _LINK.sub(r"\1", text)
    text = re.sub(r"<[^>]*>", " ", text)
    text = _MARKUP.sub("", text)
    return " ".join(text.split())


def shorten(text: str, length: int = DESCRIPTION_LENGTH) -> str:
    """Whole sentences of ``text`` up to ``length`` characters; at least the first, cut at a word."""
    sentences = _SENTENCE_END.split(text)
    out = sentences[0]
    for sentence in sentences[1:]:
        if len(out) + 1 + len(sentence) > length:
            break
        out += " " + sentence
    if len(out) > length:
        out = out[: length - 1].rsplit(" ", 1)[0].rstrip(",;:") + "\u2026"
    return out
