"""Dates known only by a limit: `before DATE` and `after DATE`.

An event (or a source) whose sources give only an upper or a lower limit is dated
by that limit. It is read, sorted, shown and published as such. The fixture
chronicle is copied and two events are added: one "before" and one "after" a
date that an existing event (2024-08-agreement, August 2024) also has.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from generator.content.index import build_chronicle
from generator.content.model import PartialDate
from generator.site import data, feeds
from generator.site.render import render_pages
from tests.conftest import FIXTURE

EVENT = """---
title: {title}
summary: Something happened.
date: {date}
date_note: Only a limit is known.
type: strategic-developments
actors: [army-allies]
locations: [north-town]
sources: [local-paper]
---
It happened[^local-paper].
"""


@pytest.fixture(scope="module")
def chronicle(tmp_path_factory):
    content = tmp_path_factory.mktemp("bounds") / "content"
    shutil.copytree(FIXTURE, content)
    folder = content / "events" / "2024"
    (folder / "talks-before.md").write_text(
        EVENT.format(title="Talks before August", date="before 2024-08"), encoding="utf-8"
    )
    (folder / "talks-after.md").write_text(
        EVENT.format(title="Talks after August", date="after 2024-08"), encoding="utf-8"
    )
    return build_chronicle(content)


@pytest.mark.parametrize(
    ("text", "date", "label", "shown"),
    [
        (
            "before 2026-04-27",
            PartialDate(2026, 4, 27, -1),
            "before 27 April 2026",
            "before 2026-04-27",
        ),
        ("after 2023-08", PartialDate(2023, 8, 0, 1), "after August 2023", "after 2023-08"),
        ("after  2023", PartialDate(2023, 0, 0, 1), "after 2023", "after 2023"),
        ("2024-07", PartialDate(2024, 7), "July 2024", "2024-07"),
    ],
)
def test_a_bounded_date_is_read_and_shown(text, date, label, shown):
    parsed = PartialDate.parse(text, bounded=True)
    assert (parsed, parsed.label, str(parsed)) == (date, label, shown)
    assert parsed.iso == shown.split()[-1]


@pytest.mark.parametrize("text", ["before 2024-13", "until 2024", "before", "2024 before"])
def test_what_is_not_a_bounded_date_is_refused(text):
    with pytest.raises(ValueError):
        PartialDate.parse(text, bounded=True)


def test_a_bound_is_a_date_only_where_the_field_allows_it():
    with pytest.raises(ValueError):
        PartialDate.parse("before 2024-08")


def test_a_bounded_event_sorts_next_to_its_limit(chronicle):
    ids = [e.id for e in chronicle.events]
    at = ids.index("2024-08-agreement")
    assert ids[at - 1 : at + 2] == ["talks-before", "2024-08-agreement", "talks-after"]


def test_the_event_page_says_the_date_is_only_a_limit(chronicle):
    pages = {p.path: p.markdown for p in render_pages(chronicle)}
    page = pages["events/talks-before.md"]
    assert (
        'before <time datetime="2024-08">August 2024</time> <span class="precision">(a limit: '
        "the sources give no closer date)</span>"
    ) in page
    assert "(known to the month)" not in page
    assert "(known to the month)" in pages["events/2024-08-agreement.md"]


def test_the_downloads_give_the_limit_and_its_direction(chronicle):
    rows = {r["event_id"]: r for r in csv.DictReader(io.StringIO(data.events_csv(chronicle)))}
    assert [
        (rows[i]["event_date"], rows[i]["date_precision"], rows[i]["date_bound"])
        for i in ("talks-before", "2024-08-agreement", "talks-after")
    ] == [
        ("2024-08-01", "month", "before"),
        ("2024-08-01", "month", ""),
        ("2024-08-01", "month", "after"),
    ]
    record = data.event_record(chronicle.events[0], chronicle)
    assert record["date_bound"] is None
    (before,) = [e for e in chronicle.events if e.id == "talks-before"]
    assert data.event_record(before, chronicle)["date_bound"] == "before"
    json.dumps(data.event_record(before, chronicle))  # still plain JSON


def test_the_calendar_says_the_date_is_only_a_limit(chronicle):
    ics = feeds.events_ics(chronicle).replace("\r\n ", "")
    assert "Date: after August 2024 (a limit: the sources give no closer date)" in ics.replace(
        "\\n", "\n"
    )


def test_the_real_chronicle_dates_what_its_sources_leave_open_by_a_limit():
    content = Path(__file__).resolve().parents[1] / "content"
    events = {e.id: e for e in build_chronicle(content).events}
    assert str(events["africa-corps-kidal-base-reported-lost"].date) == "before 2026-04-27"
    assert str(events["operation-z-reports-attack-repelled"].date) == "after 2023-08"
    assert str(events["2024-07-battle-of-tinzaouaten"].date) == "2024-07"
    assert events["2024-07-battle-of-tinzaouaten"].end is None
