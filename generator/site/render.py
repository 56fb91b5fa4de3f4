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

from pathlib import Path

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from ..bodies.render import CITATION, citation_order
from ..content.analysis import WIDE, analysis_of
from ..content.index import Index
from ..content.model import Chronicle, Entry, Event, Page, PartialDate, page_url
from ..content.schema import FOLDERS, KINDS
from . import data, descriptions, feeds, i18n, labels
from .context import TERM_KINDS, TemplateHelpers
from .licences import licence_of
from .listings import Listings, by_year, change_anchor
from .markup import (
    PlainDumper,
    date_html,
    date_words,
    front_matter,
    md_escape,
    relative,
    without_headings,
)
from .pages import LATEST, LIST_LIMIT, MAP_CONTEXT, OutPage
from .search import BOOST
from .urls import url_of

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


class Renderer(TemplateHelpers, Listings):
    """Renders every page of a chronicle with one Jinja2 template per page kind: an entry's
    page and an ordinary page here, the pages that list events (``listings.Listings``),
    with the helpers the templates call (``context.TemplateHelpers``)."""

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

    def href(self, target: str) -> str:
        """A link from the page being rendered to a directory URL."""
        return relative(self._url, target)

    def describe(self, key: str) -> str:
        """A listing page's description, in the interface's language (descriptions.py)."""
        return descriptions.of_page(key, self.words)

    def describe_year(self, kind: str, year: int) -> str:
        """The description of a listing's page of one year (descriptions.py)."""
        return descriptions.of_year(kind, year, self.words)

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
            descriptions.of_entry(event, 0, self.words),
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
            descriptions.of_entry(entry, len(events), self.words),
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
                "term_year.md.j2", year_path,
                descriptions.of_year("term", year, self.words, entry.name),
                entry=entry, year=year, events=items,
                years=tuple(years), claims=[(e, c) for e, c in claims if e.date.year == year],
            )  # fmt: skip
            out.append(OutPage(year_path, text))
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
                self._render("schema.md.j2", "schema/index.md", self.describe("schema/index.md")),
            )
        )
        out.append(
            OutPage(
                "data.md",
                self._render(
                    "data.md.j2",
                    "data.md",
                    self.describe("data.md"),
                    event_columns=self.meanings(data.EVENT_COLUMNS),
                    claim_columns=self.meanings(data.CLAIM_COLUMNS),
                    licence=self.licence,
                    feed_size=feeds.FEED_SIZE,
                ),
            )
        )
        out += [self.page(p) for p in c.pages]
        return sorted(out, key=lambda p: p.path)


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
