"""Dates known only to the month or the year stay so in the feed and the calendar.

The fixture chronicle has an event of August 2024 (2024-08-agreement); a copy of it gets
an event known only to the year. The feed's entries give each date as it is known, never
a first of the month or of January; the calendar gives each as an all-day entry spanning
the whole month or year, its description saying how precisely the date is known.
"""

from __future__ import annotations

import html
import re
import shutil
import xml.etree.ElementTree as ET

import pytest

from generator.content.index import build_chronicle
from generator.site import feeds
from tests.conftest import FIXTURE

ATOM = {"a": "http://www.w3.org/2005/Atom"}

YEAR_EVENT = """---
title: Talks at some time in 2023
summary: Talks were held.
date: 2023
type: strategic-developments
actors: [army-allies]
locations: [north-town]
sources: [local-paper]
---
They talked[^local-paper].
"""


@pytest.fixture(scope="module")
def chronicle(tmp_path_factory):
    content = tmp_path_factory.mktemp("partial") / "content"
    shutil.copytree(FIXTURE, content)
    (content / "events" / "2023").mkdir(exist_ok=True)
    (content / "events" / "2023" / "2023-talks.md").write_text(YEAR_EVENT, encoding="utf-8")
    return build_chronicle(content)


def entries(feed: str) -> dict[str, str]:
    """{event title: every text a feed reader shows of its entry}."""
    root = ET.fromstring(feed)
    out = {}
    for entry in root.findall("a:entry", ATOM):
        title = entry.find("a:title", ATOM).text
        shown = [title, entry.find("a:summary", ATOM).text]
        shown.append(html.unescape(re.sub(r"<[^>]+>", " ", entry.find("a:content", ATOM).text)))
        out[title] = " ".join(shown)
    return out


def vevents(calendar: str) -> dict[str, dict[str, str]]:
    """{SUMMARY: {property: value}} of each VEVENT, lines unfolded and texts unescaped."""
    text = calendar.replace("\r\n ", "")
    out = {}
    for block in text.split("BEGIN:VEVENT")[1:]:
        props = {}
        for line in block.split("\r\n"):
            name, _, value = line.partition(":")
            props[name] = value.replace("\\n", "\n").replace("\\,", ",").replace("\\;", ";")
        out[props["SUMMARY"]] = props
    return out


def test_the_feed_gives_a_month_or_a_year_as_it_is_known_never_an_invented_day(chronicle):
    shown = entries(feeds.atom_feed(chronicle))
    month = shown["Ceasefire talks"]
    assert "August 2024 (known to the month)" in month
    assert not re.search(r"\b1 August 2024|2024-08-01", month)
    year = shown["Talks at some time in 2023"]
    assert "2023 (known to the year)" in year
    assert not re.search(r"\b1 January 2023|2023-01-01|January", year)
    # An event known to the day says nothing of its precision; a span of days of one
    # month is compacted.
    battle = shown["Battle of North Town"]
    assert "25–27 July 2024 ·" in battle and "known to the" not in battle


def test_the_feed_in_french_gives_the_month_and_its_precision_in_french(chronicle):
    shown = entries(feeds.atom_feed(chronicle, language="fr"))
    assert "août 2024 (connue au mois près)" in shown["Ceasefire talks"]
    assert "2023 (connue à l’année près)" in shown["Talks at some time in 2023"]
    assert "25–27 juillet 2024" in shown["Battle of North Town"]


def test_the_calendar_spans_the_whole_month_or_year_and_says_how_precisely_it_is_known(
    chronicle,
):
    events = vevents(feeds.events_ics(chronicle))
    month = events["Ceasefire talks"]
    assert (month["DTSTART;VALUE=DATE"], month["DTEND;VALUE=DATE"]) == ("20240801", "20240901")
    assert "Date: August 2024 (known to the month)" in month["DESCRIPTION"]
    year = events["Talks at some time in 2023"]
    assert (year["DTSTART;VALUE=DATE"], year["DTEND;VALUE=DATE"]) == ("20230101", "20240101")
    assert "Date: 2023 (known to the year)" in year["DESCRIPTION"]
    assert "January" not in year["DESCRIPTION"]
    day = events["Battle of North Town"]
    assert (day["DTSTART;VALUE=DATE"], day["DTEND;VALUE=DATE"]) == ("20240725", "20240728")
    assert "Date: 25–27 July 2024\n" in day["DESCRIPTION"]
