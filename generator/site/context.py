"""The helpers the page templates call: dates in words, maps and charts, an entry's
history and links, what the content stage describes, said in the interface's language.

``TemplateHelpers`` is a part of ``render.Renderer``: its methods read the renderer's
chronicle, its index and analysis, its words (``i18n.Words``), its site's address and
its list limit, and are handed to the templates as globals (documented in _macros.j2).
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from ..content.changes import Change
from ..content.history import Record, Revision
from ..content.model import MONTHS, Entry, Event
from ..content.phrases import Phrase
from . import chart, geo
from .urls import commit_url, edit_url, issue_url, permanent_url, safe_repo_url, source_url, url_of

TERM_KINDS = ("actor", "location", "source")

_BACKQUOTED = re.compile(r"`([^`<>]+)`")


def _plain(text: str) -> str:
    """A translated label (Markup, its values escaped) as plain text again; maps and
    charts escape what they write."""
    return str(text.unescape()) if isinstance(text, Markup) else text


class TemplateHelpers:
    """The template globals of a renderer (module docstring)."""

    def cite_date(self, event: Event) -> Markup:
        """An event's date (or dates) in words, as the suggested citation gives it: days of
        one month compacted ('25–27 July 2024'), else each date in full."""
        return escape(self.words.date(event.date, event.end))

    def meanings(self, columns: tuple[tuple[str, str], ...]) -> list[tuple[str, Markup]]:
        """The data files' columns with their meanings in the interface's language (the
        files themselves stay as they are: machine-readable, English); a value of the
        files, in backquotes in the message (`Battles`), shown as code."""
        words = self.words.gettext
        return [
            (name, Markup(_BACKQUOTED.sub(r"<code>\1</code>", str(escape(words(text))))))
            for name, text in columns
        ]

    def said(self, value: Change | Phrase | object) -> str:
        """What the content stage describes, in the interface's language: a change to an
        entry (content/changes.py), a Phrase, or a claimant's record (content/claims.py)."""
        if isinstance(value, Change):
            return self.words.change(value)
        if isinstance(value, Phrase):
            return self.words.say(value)
        return self.words.record(value)

    def month_names(self) -> tuple[str, ...]:
        """The months' names in the interface's language, as a heading starts them."""
        if self.locale.language == "en":
            return tuple(MONTHS)
        names = self.locale.months["stand-alone"]["wide"]
        return tuple(names[m][:1].upper() + names[m][1:] for m in range(1, 13))

    def history_of(self, entry: Entry) -> tuple[Revision, ...]:
        """The entry's revisions from git, newest first (none without a history)."""
        history = self.chronicle.history
        return history.of(entry.src) if history is not None else ()

    def commit_link(self, commit: str) -> str | None:
        history = self.chronicle.history
        return commit_url(history.repo_url, commit) if history is not None else None

    def entry_links(self, entry: Entry) -> dict[str, str | None]:
        """Where readers answer back: the entry's edit page, its source at the commit
        built and a new issue naming it, on the repository's host; {} without repo_url."""
        history = self.chronicle.history
        if history is None or safe_repo_url(history.repo_url) is None:
            return {}
        path = history.folder + entry.src
        page = self.permalink(entry)
        body = (
            f"Entry: `{entry.id}` ({entry.kind})\nPage: {page}\nFile: `{path}`\n\n"
            "What is wrong, and the source that shows it (a link, its date, who says so):\n"
        )
        return {
            "edit": edit_url(history.repo_url, history.edit_uri, entry.src),
            "source": source_url(history.repo_url, history.head, path),
            "report": issue_url(history.repo_url, f"Error in {entry.kind} {entry.id}", body),
        }

    def entry_of_record(self, record: Record) -> Entry | None:
        """The entry a change was made to, as it is now (None when it was removed)."""
        if self._by_src is None:
            c = self.chronicle
            self._by_src = {e.src: e for e in c.events}
            self._by_src.update((e.src, e) for k in TERM_KINDS for e in c.terms(k).values())
        return self._by_src.get(record.current) if record.current else None

    def permalink(self, entry: Entry) -> str:
        """The entry's permanent URL: absolute when the site has a site_url."""
        return permanent_url(self.site_url, url_of(entry))

    def place_map(
        self,
        href,
        only: tuple[str, ...] | None = None,
        highlight: tuple[str, ...] = (),
        label: str = "",
        caption: str = "",
        others: int | None = None,
        compact: bool = False,
    ) -> Markup:
        """The map of every location (or of the ids in ``only``), linked from this page.

        With ``others``, the highlighted places are shown among at most that many
        other places (the busiest), named only by their tooltips, and places without
        coordinates are not listed, and the map shows their neighbourhood; the map's
        name ("Map of Sudan and Chad") comes first in its accessible name and caption,
        ``label`` and ``caption`` after it; a compact map has no country names (geo.map_svg).
        """
        terms = self.chronicle.locations
        locations = terms.values() if only is None else [terms[i] for i in only]
        places = geo.places_of(
            locations,
            lambda ident: len(self.index.events_of("location", ident)),
            lambda loc: href(url_of(loc)),
            highlight,
        )
        if others is not None:
            return geo.map_html(
                geo.around(places, others),
                _plain(label),
                _plain(caption),
                list_unlocated=False,
                names_of_all=False,
                neighbourhood=True,
                words=self.words,
            )
        return geo.map_html(
            places, _plain(label), _plain(caption), compact=compact, words=self.words
        )

    def timeline(self, href, events, label: str) -> Markup:
        """The chart of events per month by type, its bars linking into the chronicle."""
        split = len(self.chronicle.events) > self.list_limit  # a page per year: chronicle/2024/
        return chart.chart_html(
            tuple(events),
            (lambda year: href(f"chronicle/{year}/")) if split else href("chronicle/"),
            _plain(label),
            self.words,
        )

    def topics_of(self, event: Event) -> tuple:
        return self.analysis.of(event).topics

    def revised(self, event: Event) -> frozenset[int]:
        """The indexes of the event's claims that a later claim supersedes."""
        return self.analysis.of(event).revised
