"""The timeline chart's layout for narrow screens (generator/site/chart.py): the legend says
what the bars of months not known are, and the years' numbers never overlap nor run past
the chart, however many years it spans, at the size a phone shows them."""

from __future__ import annotations

import re
from itertools import pairwise

import pytest

from generator.content.model import Event, PartialDate
from generator.site import chart
from generator.site.i18n import Words

UNKNOWN = "Dashed outline: events known only by their year, shown before its January"


def event(ident: str, date: str, kind: str = "battles") -> Event:
    return Event(id=ident, path="", src="", body="", date=PartialDate.parse(date), type=kind)


def years_written(markup: str) -> list[tuple[float, str, int]]:
    """(x, anchor, year) of each year's number, in order."""
    return [
        (float(x), anchor or "start", int(year))
        for x, anchor, year in re.findall(
            r'<text class="timeline-tick" x="([\d.]+)" y="\d+"(?: text-anchor="(\w+)")? '
            r'aria-hidden="true">(\d+)</text>',
            markup,
        )
    ]


def test_the_legend_explains_the_bars_of_months_not_known_only_when_there_are_some():
    with_year_only = str(chart.chart_html([event("a", "2023"), event("b", "2023-11")], "c/", "E"))
    assert with_year_only.count('class="timeline-bar timeline-month-unknown"') == 1
    assert (
        '<li><span class="timeline-key timeline-key-unknown" aria-hidden="true"></span>'
        f"{UNKNOWN}</li>"
    ) in with_year_only
    dated = str(chart.chart_html([event("a", "2023-02"), event("b", "2023-11")], "c/", "E"))
    assert "timeline-month-unknown" not in dated and UNKNOWN not in dated


def test_the_legend_line_is_translated():
    markup = str(chart.chart_html([event("a", "2023")], "c/", "E", Words("fr")))
    assert "timeline-key-unknown" in markup
    assert UNKNOWN not in markup


@pytest.mark.parametrize("first", [2024, 2019, 2008, 1995])
def test_the_years_numbers_keep_apart_and_inside_the_chart(first):
    events = [event("a", f"{first}-01-05"), event("b", "2026-01-10")]
    markup = str(chart.chart_html(events, "c/", "E"))
    ticks = markup.count('<line class="timeline-year"')
    assert ticks == 2026 - first + 1  # every year has its tick
    written = years_written(markup)
    assert written[0][2] == first
    if first == 2024:  # the last January's number is written back from its tick
        assert written[-1][1:] == ("end", 2026)
    spans = []
    for x, anchor, _year in written:
        start = x - chart.YEAR_WIDTH if anchor == "end" else x
        assert 0 <= start and start + chart.YEAR_WIDTH <= chart.WIDTH, (x, anchor)
        spans.append((start, start + chart.YEAR_WIDTH))
    for (_, end), (start, _) in pairwise(spans):
        assert start >= end, spans
    if 2026 - first > 20:  # a long chronicle: not every year is written
        assert len(written) < ticks


def test_a_right_to_left_chart_keeps_its_last_year_inside_too():
    events = [event("a", "2024-01-05"), event("b", "2026-01-10")]
    markup = str(chart.chart_html(events, "c/", "E", Words("ar")))
    written = years_written(markup)
    assert [year for _, _, year in written] == [2024, 2025, 2026]
    for x, anchor, _year in written[:-1]:  # written leftwards from their ticks
        assert anchor == "end" and x - chart.YEAR_WIDTH >= 0
    last_x, anchor, _year = written[-1]  # near the left edge: written rightwards
    assert anchor == "start" and 0 <= last_x < chart.YEAR_WIDTH
