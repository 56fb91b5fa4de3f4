"""Rebuilding after an edit: re-read only what changed, render only the pages it reaches.

A :class:`Preview` lives as long as ``mkdocs serve`` (or any engine's
watch loop) and keeps, between builds of one content folder, each file's own
validation (``load.load_file``), the chronicle and every rendered page.
``update`` looks at every file's size and modification time:

- when only events were edited (none added, removed or renamed) and neither
  the templates nor any other file changed, it validates the edited files
  again, cross-checks the whole content anew (``crosscheck.cross_check``: every
  reference, every warning), and renders the pages an edited event can reach:
  its own page and those of its neighbours before and after the edit (they
  show its title), the pages of every actor, location and source it named
  before or after the edit (for a term split by year, its page and the pages
  of the event's years, or of every year when the edit moved the event to
  another year), the chronicle (likewise), the disputed pages (when the event
  has a disputed or widely spread topic before or after the edit), the index
  page of a taxonomy whose terms the edit changed (the sources' one also when
  the claims changed: it ranks them by publisher) and the home page;
- anything else (a term or an ordinary page edited, a file added or removed,
  a template changed) renders every page, as a full build does.

Either way a page counts as changed only when its Markdown differs from the
previous build's. The pages it returns are then exactly what a full render of
the same content gives (tests/test_incremental.py compares them).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..content.cache import FileCache
from ..content.cache import enabled as cache_enabled
from ..content.crosscheck import EventChecks, cross_check
from ..content.history import History, with_pending
from ..content.index import Index
from ..content.load import URLS, _check_file, _read_bytes, load, load_file, text_anchor_problems
from ..content.model import Chronicle, ContentError, Event, Problem
from ..content.schema import FOLDERS
from ..site.render import PACKAGED, TEMPLATES, TERM_KINDS, THEME, OutPage, Renderer


@dataclass
class Update:
    """What one build publishes: every page, which of them changed, which went away."""

    chronicle: Chronicle
    pages: list[OutPage]
    changed: set[str]  # paths of the pages whose Markdown differs from the last build's
    removed: set[str]  # paths of the pages the last build had and this one has not
    full: bool  # every page was rendered


@dataclass
class _State:
    stats: dict[str, tuple[int, int]]  # rel -> (mtime_ns, size)
    results: dict[str, tuple]  # rel -> (shown, load_file's (entry, problems, lines, anchors))
    urls: dict[str, str]
    templates: tuple
    list_limit: int | None
    chronicle: Chronicle
    renderer: Renderer
    pages: dict[str, OutPage] = field(default_factory=dict)


def _stats(root: Path) -> dict[str, tuple[int, int]]:
    """(mtime, size) of every file load.load reads (as load._files lists them), by path."""
    out = {}
    top = str(root)
    for folder, dirs, names in os.walk(top, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        prefix = os.path.relpath(folder, top).replace(os.sep, "/")
        prefix = "" if prefix == "." else prefix + "/"
        wanted = [n for n in names if not n.startswith(".") or n.endswith(".md")]
        wanted += [d for d in dirs if os.path.islink(os.path.join(folder, d))]
        for name in wanted:
            try:
                info = os.lstat(os.path.join(folder, name))
            except OSError:
                continue
            out[prefix + name] = (info.st_mtime_ns, info.st_size)
    return out


def template_stats(templates: Path, *more: Path) -> tuple:
    """(path, mtime, size) of every file under folders of templates (those that exist)."""
    return tuple(
        (p.as_posix(), p.stat().st_mtime_ns, p.stat().st_size)
        for folder in (templates, *more)
        if Path(folder).is_dir()
        for p in sorted(Path(folder).rglob("*"))
        if p.is_file()
    )


def _terms_of(event: Event) -> set[tuple[str, str]]:
    return {
        *(("actor", i) for i in event.actors),
        *(("location", i) for i in event.locations),
        *(("source", i) for i in event.sources),
        *(("actor", c.by) for c in event.claims if c.by_actor),
    }


class Preview:
    """The state of one content folder between builds (see the module's documentation)."""

    def __init__(
        self,
        root: Path,
        display: str | None = None,
        templates: Path = TEMPLATES,
        site_url: str = "",
        site_name: str = "",
        language: str = "en",
        licence: str | None = None,
    ):
        self.site_url, self.site_name = site_url, site_name
        self.language, self.licence = language, licence
        self.root = Path(root)
        self.display = display
        self.templates = Path(templates)
        self.state: _State | None = None
        self.checks = EventChecks()  # each event's cross-check, kept between builds
        # Each entry's history from git, read once (history.read_history): each
        # rebuild adds the changes not yet committed (history.with_pending).
        self.history: History | None = None

    def _shown(self, rel: str) -> str:
        prefix = self.display if self.display is not None else str(self.root)
        return f"{prefix.rstrip('/')}/{rel}" if prefix not in ("", ".") else rel

    def _load_all(self) -> tuple[dict, dict]:
        """Read and validate every file with load.load (and its cache), keeping each result."""
        results: dict[str, tuple] = {}
        cache = FileCache(self.root) if cache_enabled() else None
        load(self.root, self.display, cache, keep=results)
        urls = results.pop(URLS)
        return results, urls

    def _load_one(self, file: Path, rel: str, urls: dict, real_root: Path) -> tuple:
        shown = self._shown(rel)
        problem = _check_file(file, real_root, shown)
        if problem is None:
            raw = _read_bytes(file, shown)
            if not isinstance(raw, Problem):
                return shown, load_file(shown, rel, raw, urls)
            problem = raw
        return shown, (None, [problem], None, ())

    def _cross_check(self, results: dict[str, tuple]) -> Chronicle:
        """crosscheck.cross_check over the files' results, in the order load.load gives them."""
        entries, problems, lines = [], [], {}
        for shown, (entry, found, at, _anchors) in results.values():
            problems.extend(found)
            if at is not None:
                lines[shown] = at
            if entry is not None:
                entries.append(entry)
        problems.extend(
            text_anchor_problems([(rel, shown, r) for rel, (shown, r) in results.items()])
        )
        return cross_check(entries, problems, lines, self.checks)

    def update(self, list_limit: int | None = None) -> Update:
        """Check the content and render what changed since the last call; raise ContentError."""
        stats = _stats(self.root)
        # The chronicle's own templates, the packaged ones and the packaged assets.
        templates = template_stats(self.templates, PACKAGED, THEME)
        old = self.state
        edited = [] if old is None else [r for r, s in stats.items() if old.stats.get(r) != s]
        quick = (
            old is not None
            and stats.keys() == old.stats.keys()
            and templates == old.templates
            and list_limit == old.list_limit
            and all(rel.startswith("events/") for rel in edited)
        )
        if quick:
            results = dict(old.results)
            real_root = self.root.resolve()
            for rel in edited:
                results[rel] = self._load_one(self.root / rel, rel, old.urls, real_root)
            urls = old.urls
        else:
            results, urls = self._load_all()
        try:
            chronicle = self._cross_check(results)
        except ContentError:
            self.state = None  # the next build starts again from the files
            raise
        if self.history is not None:
            chronicle = replace(chronicle, history=with_pending(self.history, self.root, chronicle))
        kwargs = {} if list_limit is None else {"list_limit": list_limit}
        kwargs["language"] = self.language
        kwargs["licence"] = self.licence
        renderer = Renderer(chronicle, self.templates, self.site_url, self.site_name, **kwargs)
        if quick:
            before = {e.src: e for e in old.chronicle.events}
            after = {e.src: e for e in chronicle.events}
            touched = [(before.get(rel), after.get(rel)) for rel in edited]
            rendered = self._reached(renderer, old.renderer.index, chronicle, touched)
            pages = dict(old.pages)
            pages.update({p.path: p for p in rendered})
        else:
            pages = {p.path: p for p in renderer.pages()}
        previous = old.pages if old is not None else {}
        changed = {path for path, page in pages.items() if previous.get(path) != page}
        removed = set(previous) - set(pages)
        self.state = _State(stats, results, urls, templates, list_limit, chronicle, renderer, pages)
        ordered = [pages[path] for path in sorted(pages)]
        return Update(chronicle, ordered, changed, removed, full=not quick)

    @staticmethod
    def _reached(
        renderer: Renderer,
        before: Index,
        new: Chronicle,
        touched: list[tuple[Event | None, Event | None]],
    ) -> list[OutPage]:
        """Every page an edit of these events can change, rendered anew."""
        events: dict[str, Event] = {}
        terms: dict[tuple[str, str], set[int]] = {}
        years: set[int] = set()
        old = before.chronicle
        for chronicle, event in [(old, b) for b, _ in touched] + [(new, a) for _, a in touched]:
            if event is None:
                continue
            years.add(event.date.year)
            for key in _terms_of(event):
                terms.setdefault(key, set()).add(event.date.year)
            i = next(i for i, e in enumerate(chronicle.events) if e.id == event.id)
            for j in (i - 1, i, i + 1):
                if 0 <= j < len(chronicle.events):
                    events[chronicle.events[j].id] = chronicle.events[j]
        # An event moved to another year can add or empty a year, which every page of
        # the years links to: then all of them are rendered.
        moved = any(b is not None and a is not None and b.date.year != a.date.year
                    for b, a in touched)  # fmt: skip
        current = {e.id: e for e in new.events}
        out = [renderer.event(current[i]) for i in sorted(events) if i in current]
        for (kind, ident), in_years in sorted(terms.items()):
            entry = new.terms(kind).get(ident)
            if entry is None:
                continue
            # A term that gained or lost an event may cross the list limit: all its pages.
            same = len(before.events_of(kind, ident)) == len(renderer.index.events_of(kind, ident))
            out += renderer.term(entry, only=in_years if same and not moved else None)
        # An index page counts each term's events; the sources' one also ranks the
        # claims their publishers report.
        for kind in TERM_KINDS:
            field = FOLDERS[kind]
            if any(
                b is None or a is None or getattr(b, field) != getattr(a, field)
                or (kind != "location" and b.claims != a.claims)
                for b, a in touched
            ):  # fmt: skip
                out.append(renderer.terms(kind))
        # Each location page's map sizes the busiest other places by their events.
        if any(b is None or a is None or b.locations != a.locations for b, a in touched):
            done = {p.path for p in out}
            for entry in new.locations.values():
                out += [p for p in renderer.term(entry) if p.path not in done]
        out += renderer.chronicle_pages(only=None if moved else years)
        out += renderer.events_pages(only=None if moved else years)
        # The disputed pages list disputed topics, wide spreads and claims whose parts do
        # not add up: an event with none, before and after the edit, is on none of them.
        analysed = [chronicle.analysis.of(event)
                    for chronicle, event in [(old, b) for b, _ in touched] + [(new, a) for _, a in touched]
                    if event is not None]  # fmt: skip
        if any(a.listed or a.inconsistent for a in analysed):
            out += renderer.disputed_pages()
        out += [renderer.page(p) for p in new.pages if p.src == "index.md"]
        return out
