"""The pages that list events: the index of each taxonomy (actors, locations, sources),
the chronicle (timeline), the events by year, the disputed topics and the Changes page,
each split into a page per year when it lists more than the list limit.

``Listings`` is a part of ``render.Renderer``: its methods render with the renderer's
templates (``_render``) and read its chronicle, analysis and list limit.
"""

from __future__ import annotations

from ..content.history import Record
from ..content.model import Event
from ..content.schema import FOLDERS
from .pages import LATEST, OutPage


def change_anchor(record: Record) -> str:
    """The anchor of a change on the Changes page: its commit, the entry's kind and id."""
    return f"change-{record.revision.commit[:12]}-{record.kind}-{record.id}"


def by_year(events: tuple[Event, ...]) -> dict[int, tuple[Event, ...]]:
    """Events grouped by year, in the order given (the years in order of first appearance)."""
    found: dict[int, list[Event]] = {}
    for event in events:
        found.setdefault(event.date.year, []).append(event)
    return {year: tuple(items) for year, items in found.items()}


class Listings:
    """The listing pages of a renderer (module docstring)."""

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
        description = self.describe("changes.md")
        shown = records[:LATEST] if split else records
        out = [OutPage("changes.md", self._render("changes.md.j2", "changes.md", description,
                                                  records=shown, year=None, **context))]  # fmt: skip
        for year, items in years.items() if split else ():
            path = f"changes/{year}.md"
            text = self._render("changes.md.j2", path, self.describe_year("changes", year),
                                records=items, year=year, **context)  # fmt: skip
            out.append(OutPage(path, text))
        return out

    def terms(self, kind: str) -> OutPage:
        path = f"{FOLDERS[kind]}/index.md"
        terms = tuple(self.chronicle.terms(kind).values())
        return OutPage(
            path,
            self._render("terms.md.j2", path, self.describe(kind), kind=kind, terms=terms),
        )

    def chronicle_pages(self, only: set[int] | None = None) -> list[OutPage]:
        """The chronicle; split into a page per year when it holds many events.

        ``only``: render the pages of these years alone (the main page always).
        """
        events = self.chronicle.events
        years = by_year(events) if len(events) > self.list_limit else {}
        out = [OutPage("chronicle.md", self._render("chronicle.md.j2", "chronicle.md",
                                                    self.describe("chronicle.md"),
                                                    years=years))]  # fmt: skip
        out += [self.chronicle_year(year, items) for year, items in years.items()
                if only is None or year in only]  # fmt: skip
        return out

    def chronicle_year(self, year: int, events: tuple[Event, ...]) -> OutPage:
        path = f"chronicle/{year}.md"
        years = tuple(by_year(self.chronicle.events))
        return OutPage(path, self._render("chronicle_year.md.j2", path,
                                          self.describe_year("chronicle", year),
                                          year=year, events=events, years=years))  # fmt: skip

    def events_pages(self, only: set[int] | None = None) -> list[OutPage]:
        """The index of events by year (events/) and a page for each year (events/2024/).

        ``only``: render the pages of these years alone (the index always).
        """
        years = by_year(self.chronicle.events)
        disputed = {year: sum(self.analysis.of(e).disputed for e in items)
                    for year, items in years.items()}  # fmt: skip
        path = "events/index.md"
        out = [OutPage(path, self._render("events.md.j2", path, self.describe(path),
                                          years=years, disputed=disputed))]  # fmt: skip
        order = tuple(years)
        for i, (year, items) in enumerate(years.items()):
            if only is not None and year not in only:
                continue
            year_path = f"events/{year}.md"
            text = self._render(
                "events_year.md.j2", year_path,
                self.describe_year("events", year),
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
                                                   self.describe("disputed.md"), rows=rows,
                                                   years=years, year=None))]  # fmt: skip
        for year, items in years.items():
            path = f"disputed/{year}.md"
            text = self._render(
                "disputed.md.j2",
                path,
                self.describe_year("disputed", year),
                rows=items,
                years=years,
                year=year,
            )
            out.append(OutPage(path, text))
        return out
