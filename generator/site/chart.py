"""The timeline chart: events per month by type, a build-time SVG.

Each month from the first event's to the last one's has a slot; a month with
events gets a bar stacked by event type, and the bar links to that month in
the chronicle (the ``y2024-m07`` anchors of chronicle.md.j2). Events known
only to the year get a slot of their own before January ("2023, month not
known"), so none is dropped. A table under the chart gives the same counts
as text (the chart's accessible equivalent; the SVG itself is hidden from
screen readers apart from its links' names).
"""

from __future__ import annotations

import html
import math
from collections import Counter
from collections.abc import Callable, Sequence

from markupsafe import Markup

from ..content.model import Event
from ..content.vocabulary import EVENT_TYPE_LABELS, EVENT_TYPES
from .i18n import ENGLISH, Words

WIDTH = 600
BAR_AREA = 110  # the height of the tallest bar
# The scale's numbers sit left of LEFT, the years' below the axis: room for them at the
# size a phone shows them (chronicle.css draws the SVG's text larger as it narrows).
TOP, BOTTOM, LEFT = 16, 34, 40
TICK_BASELINE = 22  # below the axis
YEAR_WIDTH = 52  # a year's width in chart units, at the largest size a 340px phone shows it


def month_anchor(year: int, month: int) -> str:
    """The chronicle's anchor of a month (month 0: the year's events with no month)."""
    return f"y{year}-m{month:02d}"


def month_label(year: int, month: int, words: Words = ENGLISH) -> str:
    return words.month(year, month)


def type_label(event_type: str, words: Words = ENGLISH) -> str:
    """'explosions-remote-violence' -> 'Explosions/Remote violence' (ACLED's names, translated)."""
    return words.gettext(EVENT_TYPE_LABELS.get(event_type, event_type))


def slots(events: Sequence[Event]) -> list[tuple[int, int]]:
    """Every (year, month) from the first event to the last, month 0 where needed."""
    if not events:
        return []
    keys = {(e.date.year, e.date.month) for e in events}
    year, month = min((y, max(m, 1)) for y, m in keys)
    last = max((y, max(m, 1)) for y, m in keys)
    out = []
    while (year, month) <= last:
        if month == 1 and (year, 0) in keys:
            out.append((year, 0))
        out.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def _events(n: int, words: Words) -> str:
    return words.ngettext("%(num)s event", "%(num)s events", n, num=words.number(n))


def chart_html(
    events: Sequence[Event],
    chronicle_url: str | Callable[[int], str],
    label: str,
    words: Words = ENGLISH,
) -> Markup:
    """The chart of ``events`` and its table; ``chronicle_url`` is the link of the chronicle
    page that lists a year's months (a function of the year where the chronicle is split)."""
    page_of = chronicle_url if callable(chronicle_url) else (lambda _year: chronicle_url)
    if not events:
        return Markup("")
    counts: dict[tuple[int, int], Counter] = {}
    for event in events:
        counts.setdefault((event.date.year, event.date.month), Counter())[event.type] += 1
    order = slots(events)
    tallest = max(sum(c.values()) for c in counts.values())
    step = (WIDTH - LEFT) / len(order)
    bar = min(max(step * 0.8, 1.0), 40.0)
    unit = BAR_AREA / tallest
    height = TOP + BAR_AREA + BOTTOM
    base = TOP + BAR_AREA
    # In a right-to-left language time runs from the right, the scale on the right.
    rtl = words.direction == "rtl"

    def at(x: float, width: float = 0.0) -> float:
        return WIDTH - x - width if rtl else x

    scale_anchor = "start" if rtl else "end"
    tick_anchor = ' text-anchor="end"' if rtl else ""
    out = [
        (
            f'<svg class="timeline" viewBox="0 0 {WIDTH} {height}" role="group" '
            f'aria-label="{html.escape(label)}">'
        ),
        (
            f'<line class="timeline-axis" x1="{at(LEFT):g}" y1="{base}" x2="{at(WIDTH):g}" '
            f'y2="{base}"></line>'
        ),
        (
            f'<text class="timeline-scale" x="{at(LEFT - 4):g}" y="{TOP + 8}" '
            f'text-anchor="{scale_anchor}" aria-hidden="true">{words.number(tallest)}</text>'
        ),
        (
            f'<text class="timeline-scale" x="{at(LEFT - 4):g}" y="{base}" '
            f'text-anchor="{scale_anchor}" aria-hidden="true">0</text>'
        ),
    ]
    # Every year has its tick; its number is written where the years have room for it
    # (every other year, or fewer, on a long chronicle), and the last one that would run
    # past the chart's end is written back from its tick, when that leaves room for the
    # year before.
    every = max(1, math.ceil((YEAR_WIDTH + 8) / (12 * step)))
    first_year, written_to = order[0][0], 0.0
    for i, (year, month) in enumerate(order):
        x = LEFT + i * step + (step - bar) / 2
        if i == 0 or order[i - 1][0] != year:
            out.append(
                f'<line class="timeline-year" x1="{at(x):.1f}" y1="{base}" x2="{at(x):.1f}" '
                f'y2="{base + 6}"></line>'
            )
            anchor, start = tick_anchor, x
            if x + YEAR_WIDTH > WIDTH:
                anchor = ' text-anchor="start"' if rtl else ' text-anchor="end"'
                start = x - YEAR_WIDTH
            if (year - first_year) % every == 0 and start >= written_to:
                written_to = start + YEAR_WIDTH + 8
                out.append(
                    f'<text class="timeline-tick" x="{at(x):.1f}" y="{base + TICK_BASELINE}"'
                    f'{anchor} aria-hidden="true">{year}</text>'
                )
        found = counts.get((year, month))
        if not found:
            continue
        total = sum(found.values())
        parts = ", ".join(f"{type_label(t, words)}: {found[t]}" for t in EVENT_TYPES if found[t])
        name = html.escape(f"{month_label(year, month, words)}: {_events(total, words)} ({parts})")
        href = html.escape(f"{page_of(year)}#{month_anchor(year, month)}")
        rects, y = [], float(base)
        for t in EVENT_TYPES:
            if found[t]:
                h = found[t] * unit
                y -= h
                rects.append(
                    f'<rect class="timeline-{t}" x="{at(x, bar):.1f}" y="{y:.1f}" '
                    f'width="{bar:.1f}" height="{h:.1f}"></rect>'
                )
        unknown = " timeline-month-unknown" if month == 0 else ""
        out.append(
            f'<a class="timeline-bar{unknown}" href="{href}" aria-label="{name}">'
            f"<title>{name}</title>{''.join(rects)}</a>"
        )
    out.append("</svg>")
    used = [t for t in EVENT_TYPES if any(c[t] for c in counts.values())]
    legend = "".join(
        f'<li><span class="timeline-key timeline-{t}" aria-hidden="true"></span>'
        f"{html.escape(type_label(t, words))}</li>"
        for t in used
    )
    if any(month == 0 for _year, month in counts):
        # The pale, dashed bars before a January (chronicle.css): said in words.
        unknown = words.gettext(
            "Dashed outline: events known only by their year, shown before its January"
        )
        legend += (
            '<li><span class="timeline-key timeline-key-unknown" aria-hidden="true"></span>'
            f"{html.escape(unknown)}</li>"
        )
    head = "".join(f'<th scope="col">{html.escape(type_label(t, words))}</th>' for t in used)
    rows = []
    for year, month in order:
        found = counts.get((year, month))
        if not found:
            continue
        href = html.escape(f"{page_of(year)}#{month_anchor(year, month)}")
        cells = "".join(f"<td>{found[t]}</td>" for t in used)
        rows.append(
            f'<tr><th scope="row"><a href="{href}">{html.escape(month_label(year, month, words))}</a></th>'
            f"{cells}<td>{sum(found.values())}</td></tr>"
        )
    same = html.escape(words.gettext("The same counts as a table"))
    month_word = html.escape(words.gettext("Month"))
    all_word = html.escape(words.gettext("All"))
    each_bar = html.escape(words.gettext("Each bar links to its month in the chronicle."))
    table = (
        f'<details class="timeline-table"><summary>{same}</summary>'
        f'<table><thead><tr><th scope="col">{month_word}</th>{head}'
        f'<th scope="col">{all_word}</th></tr>'
        f"</thead><tbody>{''.join(rows)}</tbody></table></details>"
    )
    return Markup(
        f'<figure class="timeline-figure" data-search-exclude>{"".join(out)}'
        f"<figcaption>{html.escape(label)}. {each_bar}"
        f'<ul class="timeline-legend">{legend}</ul></figcaption>{table}</figure>'
    )
