"""The interface's language in MkDocs: its catalog checked before a build, the search
plugin stemming it, and a right-to-left document.

The language is ``theme.language`` (site/i18n.py reads its catalog).
"""

from __future__ import annotations

import re

from mkdocs.exceptions import PluginError

from ..content.model import ContentError
from ..site import i18n


def interface_language(config) -> str:
    """``theme.language``, its catalog read now, so that a broken one stops the build
    before anything is written; the search plugin stems it too (``search_in``)."""
    language = str(config.theme.get("language") or "en")
    try:
        i18n.translations(language)
    except ContentError as error:
        raise PluginError(f"chronicle: the interface's catalog is broken:\n{error}") from None
    search_in(config, language)
    return language


def search_in(config, language: str) -> None:
    """The search plugin stems the interface's language too (French, Arabic words as their
    language wants), English kept for names: its ``lang`` gains the language, first."""
    search = config.plugins.get("material/search") or config.plugins.get("search")
    if search is None or not hasattr(search.config, "lang"):
        return
    code = language.replace("-", "_").split("_")[0]
    languages = list(search.config.lang or [])
    if code in languages:
        return
    search.config.lang = [code, *(languages or ["en"])]


_HTML_TAG = re.compile(r"<html\b(?![^>]*\sdir=)", re.IGNORECASE)


def with_direction(output: str, language: str) -> str:
    """A right-to-left interface (Arabic): ``dir="rtl"`` on ``<html>`` too, where the
    theme puts it on ``<body>`` alone, so that the whole document reads right to left."""
    if i18n.direction(language) != "rtl":
        return output
    return _HTML_TAG.sub('<html dir="rtl"', output, count=1)
