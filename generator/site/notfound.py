"""The words of the theme's 404 page (``theme/404.html``), in the interface's language.

The theme's templates are rendered by the engine (MkDocs, ProperDocs, Zensical) in its own
template environment, which has none of the chronicle's catalogs: the 404 page reads its
words from ``config.extra.chronicle_404``, which the chronicle plugin sets
(``engines/plugin.py``) and ``chronicle pages`` writes into the pregenerated folder's
``mkdocs.yml`` (``engines/export.py``). Without them (an engine that runs neither), the page
is the theme's own plain 404.
"""

from __future__ import annotations

from .i18n import N_, Words

EXTRA_KEY = "chronicle_404"
WORDS = {
    "title": N_("Page not found"),
    "text": N_(
        "There is no page at this address. It may have been mistyped, or the entry it "
        "showed may have been renamed or removed: search the chronicle, or start again "
        "from one of its pages."
    ),
    "search": N_("Search the chronicle"),
    "links": N_("Main pages"),
    "home": N_("Home page"),
    "chronicle": N_("The chronicle, every event in date order"),
    "events": N_("Events by year"),
    "disputed": N_("Disputed topics"),
    "actors": N_("Actors"),
    "places": N_("Places"),
    "sources": N_("Sources"),
}


def not_found_words(language: str | None) -> dict[str, str]:
    """The 404 page's words in ``language`` (English where its catalog lacks one)."""
    words = Words(language)
    return {key: words.gettext(message) for key, message in WORDS.items()}
