"""The pages: a validated chronicle rendered to Markdown, one Jinja2 template per page kind.

No MkDocs here: ``render_pages`` returns plain :class:`OutPage` values (a
path, its URL and its Markdown) that any engine can publish. Every string
from front matter reaches the Markdown escaped: the templates run with
autoescape, structured parts are HTML blocks (where Markdown is inert), and
headings go through the ``md`` filter. Contributors' bodies arrive as HTML,
rendered once, checked and sanitised by ``bodies.render.render_body``: the templates
embed that HTML verbatim in an HTML block, and nothing rewrites a page after
its template has rendered it. The final HTML of every page is sanitised by
``html.sanitize`` as a second line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from ..bodies.render import CITATION, citation_order
from ..content.analysis import WIDE, analysis_of
from ..content.changes import Change
from ..content.history import Record, Revision
from ..content.index import Index
from ..content.model import MONTHS, Chronicle, Entry, Event, Page, PartialDate, page_url
from ..content.phrases import Phrase
from ..content.schema import FOLDERS, KINDS
from . import chart, data, feeds, geo, i18n, labels
from .licences import licence_of
from .markup import (
    PlainDumper,
    date_html,
    date_words,
    front_matter,
    md_escape,
    relative,
    without_headings,
)
from .search import BOOST
from .urls import commit_url, edit_url, issue_url, permanent_url, safe_repo_url, source_url, url_of

# The default page templates and theme files, package data of the generator. A chronicle's
# own templates folder (the plugin's ``templates`` setting) overrides them template by
# template: a file there replaces the packaged one of the same name.
PACKAGED = Path(__file__).resolve().parent / "templates"
THEME = Path(__file__).resolve().parent / "theme"
TEMPLATES = PACKAGED  # no folder of the chronicle's own: the packaged templates alone


def template_dirs(templates: Path | None = None) -> list[Path]:
    """Where templates are looked up, first found wins: the chronicle's own folder (when it
    exists), then the packaged templates."""
    own = Path(templates).resolve() if templates is not None else None
    if own is None or own == PACKAGED or not own.is_dir():
        return [PACKAGED]
    return [own, PACKAGED]


TERM_KINDS = ("actor", "location", "source")
INDEX_DESCRIPTIONS = {
    "actor": "The armed forces, groups, governments, missions, media and people of the "
    "chronicle, each with the events it took part in and the claims it made.",
    "location": "The towns, camps and regions of the chronicle, each with its events.",
    "source": "The reports the chronicle rests on, by publisher, with the claims each reports.",
    "chronicle.md": "Every event of the chronicle in date order, grouped by year and month.",
    "events/index.md": "The chronicle's events by year, each year on its own page.",
    "disputed.md": "The topics on which the claimants disagree: the spread of their figures "
    "and who claims what.",
    "schema/index.md": "The JSON Schemas of the chronicle's content files.",
    "data.md": "The chronicle as open data: JSON, CSV with ACLED-style columns, GeoJSON, "
    "an iCalendar file and an Atom feed, every field documented.",
}
LATEST = 10
MAP_CONTEXT = 25  # how many other places a location page's map shows around it
# A list of more events than this (a term's events, the chronicle, the disputed
# topics) is split into a page per year, so that no page grows without end.
LIST_LIMIT = 200


@dataclass(frozen=True)
class OutPage:
    """One page to publish: ``path`` is its Markdown path in the site's docs."""

    path: str  # e.g. "events/2024-07-25-battle-of-north-town.md"
    markdown: str
    source: str | None = None  # the content file it enriches, or None when generated
    # The headings of the contributor's text, which is HTML in the Markdown: an engine
    # adds them to the page's table of contents (body.toc_tokens).
    headings: tuple = ()

    @property
    def url(self) -> str:
        return page_url(self.path)


def _plain(text: str) -> str:
    """A translated label (Markup, its values escaped) as plain text again; maps and
    charts escape what they write."""
    return str(text.unescape()) if isinstance(text, Markup) else text


class Renderer:
    """Renders every page of a chronicle with one Jinja2 template per page kind."""

    def __init__(
        self,
        chronicle: Chronicle,
        templates: Path = TEMPLATES,
        site_url: str = "",
        site_name: str = "",
        list_limit: int = LIST_LIMIT,
        language: str = "en",
        licence: str | None = None,
    ):
        self.chronicle = chronicle
        self.licence = licence_of(licence)  # the content's (licences.py), or None
        # The interface's language (theme.language): the catalog of the chronicle's own
        # words (site/i18n.py) and Babel's locale of dates and names.
        self.language = i18n.normalise(language)
        self.locale = i18n.locale(self.language)
        self.translations = i18n.translations(self.language)
        self.words = i18n.Words(self.language)
        gettext = self.translations.gettext
        self.list_limit = list_limit
        self.site_url = site_url or ""
        self.site_name = site_name or "The chronicle"
        self.index = Index(chronicle)
        self.env = Environment(
            loader=FileSystemLoader([str(p) for p in template_dirs(templates)]),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            extensions=["jinja2.ext.i18n"],
        )
        self.env.install_gettext_translations(self.translations, newstyle=True)
        page = self.locale.language
        self.env.filters.update(
            # A translated heading is Markup with its values escaped: made plain text again.
            md=lambda text: md_escape(text.unescape() if isinstance(text, Markup) else text),
            date=lambda date, end=None: date_html(date, end, self.locale, gettext),
            event_type=lambda code: gettext(labels.event_type(code)),
            country=lambda code: labels.country(code, self.locale),
            language=lambda code: labels.language(code, self.locale),
            lang=lambda text, code=None: labels.lang_attributes(text, code, page),
            foreign=lambda text, code=None: labels.foreign(text, code, page),
            rtl=labels.right_to_left,
            bidi=lambda text: labels.isolate(text, page),
            day=lambda iso: date_words(PartialDate.parse(iso), self.locale),
            capitalize_first=lambda text: text[:1].upper() + text[1:],
            said=self.said,
        )
        # Every event's claims analysed once, by the content stage (content/analysis.py).
        self.analysis = analysis_of(chronicle)
        self._url = ""
        self.env.globals.update(
            chronicle=chronicle,
            index=self.index,
            analysis=self.analysis.of,
            topics=self.topics_of,
            revised=self.revised,
            href=self.href,
            confidence=lambda event: self.analysis.of(event).confidence,
            rank=lambda event, claim: self.analysis.of(event).rank(claim),
            record=self.analysis.record,
            place_map=self.place_map,
            timeline=self.timeline,
            site_name=self.site_name,
            site_url=self.site_url,
            permalink=self.permalink,
            cite_date=self.cite_date,
            url_of=url_of,
            schema_kinds=tuple(KINDS),
            month_names=self.month_names(),
            language=self.language,
            direction=i18n.direction(self.language),
            map_context=MAP_CONTEXT,
            history=self.history_of,
            entry_links=self.entry_links,
            commit_link=self.commit_link,
            entry_of_record=self.entry_of_record,
            change_anchor=change_anchor,
            wide_ratio=self.words.number(WIDE),
            words=self.words,
        )
        self._by_src: dict[str, Entry] | None = None

    def cite_date(self, event: Event) -> Markup:
        """An event's date (or dates) in words, as the suggested citation gives it: days of
        one month compacted ('25–27 July 2024'), else each date in full."""
        words = self.words
        if event.end is None or event.end == event.date or words.compact(event.date, event.end):
            return escape(words.date(event.date, event.end))
        return escape(words.date(event.date)) + Markup(" &ndash; ") + escape(words.date(event.end))

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

    def changes_pages(self) -> list[OutPage]:
        """The Changes page; split into a page per year when it lists many changes."""
        history = self.chronicle.history
        records = history.records if history is not None else ()
        note = history.note if history is not None else "its history was not read"
        years: dict[int, list[Record]] = {}
        for record in records:
            years.setdefault(int(record.revision.date[:4]), []).append(record)
        split = len(records) > self.list_limit
        counts = {year: len(items) for year, items in years.items()} if split else {}
        context = {"note": note, "total": len(records), "years": counts,
                   "corrections": sum(r.revision.correction for r in records)}  # fmt: skip
        description = "Every change to the chronicle's entries, newest first: new entries, "
        description += "updates and corrections, each dated by its commit."
        shown = records[:LATEST] if split else records
        out = [OutPage("changes.md", self._render("changes.md.j2", "changes.md", description,
                                                  records=shown, year=None, **context))]  # fmt: skip
        for year, items in years.items() if split else ():
            path = f"changes/{year}.md"
            text = self._render("changes.md.j2", path, f"The chronicle's changes in {year}.",
                                records=items, year=year, **context)  # fmt: skip
            out.append(OutPage(path, text))
        return out

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

    def href(self, target: str) -> str:
        """A link from the page being rendered to a directory URL."""
        return relative(self._url, target)

    def _render(
        self, template: str, path: str, description: str | None = None, boost: float = 1, **context
    ) -> str:
        """A page's Markdown: its front matter, then exactly what its template writes.

        Nothing rewrites the template's text afterwards.
        """
        self._url = page_url(path)
        text = self.env.get_template(template).render(page_path=path, **context)
        if description is None:
            return text
        return front_matter(description, boost) + text

    def event(self, event: Event) -> OutPage:
        path = f"events/{event.id}.md"
        sources = citation_order(event.body, event.sources)
        number = {s: i + 1 for i, s in enumerate(sources)}
        previous, following = self.index.neighbours(event)
        markdown = self._render(
            "event.md.j2",
            path,
            labels.description(event),
            BOOST["event"],
            event=event,
            body=Markup(event.html),
            sources=sources,
            number=number,
            previous=previous,
            next=following,
        )
        return OutPage(path, markdown, event.src, event.headings)

    def term(self, entry: Entry, only: set[int] | None = None) -> list[OutPage]:
        """The term's page, and a page for each year of its events when they are many.

        ``only``: render the pages of these years alone (the term's page always).
        """
        path = f"{FOLDERS[entry.kind]}/{entry.id}.md"
        cited = list(dict.fromkeys(m.group(1) for m in CITATION.finditer(entry.body)))
        events = tuple(reversed(self.index.events_of(entry.kind, entry.id)))
        years = by_year(events) if len(events) > self.list_limit else {}
        markdown = self._render(
            f"{entry.kind}.md.j2",
            path,
            labels.description(entry, len(events)),
            BOOST.get(entry.kind, 1),
            entry=entry,
            body=Markup(entry.html),
            cited=[self.chronicle.sources[s] for s in cited],
            events=events,
            years={year: len(items) for year, items in years.items()},
            latest=events[:LATEST],
        )
        out = [OutPage(path, markdown, entry.src, entry.headings)]
        claims = self.index.claims_of(entry.kind, entry.id) if years else ()
        for year, items in years.items():
            if only is not None and year not in only:
                continue
            year_path = f"{FOLDERS[entry.kind]}/{entry.id}/{year}.md"
            text = self._render(
                "term_year.md.j2", year_path, f"{entry.name}: its events of {year}.",
                entry=entry, year=year, events=items,
                years=tuple(years), claims=[(e, c) for e, c in claims if e.date.year == year],
            )  # fmt: skip
            out.append(OutPage(year_path, text))
        return out

    def terms(self, kind: str) -> OutPage:
        path = f"{FOLDERS[kind]}/index.md"
        terms = tuple(self.chronicle.terms(kind).values())
        return OutPage(
            path,
            self._render("terms.md.j2", path, INDEX_DESCRIPTIONS[kind], kind=kind, terms=terms),
        )

    def chronicle_pages(self, only: set[int] | None = None) -> list[OutPage]:
        """The chronicle; split into a page per year when it holds many events.

        ``only``: render the pages of these years alone (the main page always).
        """
        events = self.chronicle.events
        years = by_year(events) if len(events) > self.list_limit else {}
        out = [OutPage("chronicle.md", self._render("chronicle.md.j2", "chronicle.md",
                                                    INDEX_DESCRIPTIONS["chronicle.md"],
                                                    years=years))]  # fmt: skip
        out += [self.chronicle_year(year, items) for year, items in years.items()
                if only is None or year in only]  # fmt: skip
        return out

    def chronicle_year(self, year: int, events: tuple[Event, ...]) -> OutPage:
        path = f"chronicle/{year}.md"
        years = tuple(by_year(self.chronicle.events))
        return OutPage(path, self._render("chronicle_year.md.j2", path,
                                          f"Every event of the chronicle in {year}, by month.",
                                          year=year, events=events, years=years))  # fmt: skip

    def events_pages(self, only: set[int] | None = None) -> list[OutPage]:
        """The index of events by year (events/) and a page for each year (events/2024/).

        ``only``: render the pages of these years alone (the index always).
        """
        years = by_year(self.chronicle.events)
        disputed = {year: sum(self.analysis.of(e).disputed for e in items)
                    for year, items in years.items()}  # fmt: skip
        path = "events/index.md"
        out = [OutPage(path, self._render("events.md.j2", path, INDEX_DESCRIPTIONS[path],
                                          years=years, disputed=disputed))]  # fmt: skip
        order = tuple(years)
        for i, (year, items) in enumerate(years.items()):
            if only is not None and year not in only:
                continue
            year_path = f"events/{year}.md"
            text = self._render(
                "events_year.md.j2", year_path,
                f"The chronicle's events of {year}: their dates, places and confidence.",
                year=year, events=items, years=order,
                previous=order[i - 1] if i > 0 else None,
                next=order[i + 1] if i + 1 < len(order) else None,
            )  # fmt: skip
            out.append(OutPage(year_path, text))
        return out

    def disputed_rows(self) -> list[tuple[Event, object]]:
        """Every topic the disputed page lists (contradictions and wide spreads), by event."""
        return [(e, t) for e in self.chronicle.events for t in self.analysis.of(e).listed]

    def disputed_pages(self) -> list[OutPage]:
        """The disputed page; split into a page per year when it has many rows."""
        rows = self.disputed_rows()
        years: dict[int, list] = {}
        if len(rows) > self.list_limit:
            for event, topic in rows:
                years.setdefault(event.date.year, []).append((event, topic))
        out = [OutPage("disputed.md", self._render("disputed.md.j2", "disputed.md",
                                                   INDEX_DESCRIPTIONS["disputed.md"], rows=rows,
                                                   years=years, year=None))]  # fmt: skip
        for year, items in years.items():
            path = f"disputed/{year}.md"
            text = self._render(
                "disputed.md.j2",
                path,
                f"The disputed topics of {year}.",
                rows=items,
                years=years,
                year=year,
            )
            out.append(OutPage(path, text))
        return out

    def urls_showing(self, event: Event) -> list[str]:
        """The URL of every page that lists or names the event, its own first."""
        urls = [url_of(event)]
        kinds = (("actor", event.actors), ("location", event.locations),
                 ("source", event.sources),
                 ("actor", [c.by for c in event.claims if c.by_actor]))  # fmt: skip
        for kind, ids in kinds:
            for ident in ids:
                count = len(self.index.events_of(kind, ident))
                base = url_of(self.chronicle.terms(kind)[ident])
                urls.append(f"{base}{event.date.year}/" if count > self.list_limit else base)
        big = len(self.chronicle.events) > self.list_limit
        urls.append(f"chronicle/{event.date.year}/" if big else "chronicle/")
        urls.append(f"events/{event.date.year}/")
        if self.analysis.of(event).listed:
            big = len(self.disputed_rows()) > self.list_limit
            urls.append(f"disputed/{event.date.year}/" if big else "disputed/")
        return list(dict.fromkeys(urls))

    def page(self, page: Page) -> OutPage:
        """An ordinary page: front matter written here, its checked body as HTML."""
        meta = {"title": page.title}
        # Its own description, else its first sentences; the home page keeps the site's.
        description = page.description
        if not description and page.src != "index.md":
            description = labels.shorten(labels.plain(without_headings(page.body)))
        if description:
            meta["description"] = description
        if page.hide:
            meta["hide"] = list(page.hide)
        front = yaml.dump(meta, Dumper=PlainDumper, allow_unicode=True, sort_keys=True, width=10**6)
        markdown = self._render(
            "page.md.j2", page.src, page=page, front_matter=Markup(front), body=Markup(page.html)
        )
        if page.src == "index.md":
            latest = tuple(reversed(self.chronicle.events[-LATEST:]))
            markdown += "\n" + self._render("home.md.j2", "index.md", latest=latest)
        return OutPage(page.src, markdown, page.src, page.headings)

    def pages(self) -> list[OutPage]:
        c = self.chronicle
        out = [self.event(e) for e in c.events]
        for kind in TERM_KINDS:
            for entry in c.terms(kind).values():
                out += self.term(entry)
            out.append(self.terms(kind))
        out += self.chronicle_pages()
        out += self.events_pages()
        out += self.disputed_pages()
        out += self.changes_pages()
        out.append(
            OutPage(
                "schema/index.md",
                self._render(
                    "schema.md.j2", "schema/index.md", INDEX_DESCRIPTIONS["schema/index.md"]
                ),
            )
        )
        out.append(
            OutPage(
                "data.md",
                self._render(
                    "data.md.j2",
                    "data.md",
                    INDEX_DESCRIPTIONS["data.md"],
                    event_columns=self.meanings(data.EVENT_COLUMNS),
                    claim_columns=self.meanings(data.CLAIM_COLUMNS),
                    licence=self.licence,
                    feed_size=feeds.FEED_SIZE,
                ),
            )
        )
        out += [self.page(p) for p in c.pages]
        return sorted(out, key=lambda p: p.path)


_BACKQUOTED = re.compile(r"`([^`<>]+)`")


def change_anchor(record: Record) -> str:
    """The anchor of a change on the Changes page: its commit, the entry's kind and id."""
    return f"change-{record.revision.commit[:12]}-{record.kind}-{record.id}"


def by_year(events: tuple[Event, ...]) -> dict[int, tuple[Event, ...]]:
    """Events grouped by year, in the order given (the years in order of first appearance)."""
    found: dict[int, list[Event]] = {}
    for event in events:
        found.setdefault(event.date.year, []).append(event)
    return {year: tuple(items) for year, items in found.items()}


def render_pages(
    chronicle: Chronicle,
    templates: Path = TEMPLATES,
    site_url: str = "",
    site_name: str = "",
    list_limit: int = LIST_LIMIT,
    language: str = "en",
    licence: str | None = None,
) -> list[OutPage]:
    """Every page of the site that the chronicle generates or enriches.

    ``site_url`` makes the permanent links of "Cite this entry" absolute;
    ``site_name`` names the chronicle in the suggested citation; a list of more
    than ``list_limit`` events is split into pages by year; ``licence``: the SPDX id of
    the content's licence, which the Data page states.
    """
    renderer = Renderer(chronicle, templates, site_url, site_name, list_limit, language, licence)
    return renderer.pages()
