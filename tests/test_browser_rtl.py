"""The Arabic interface in Chromium: the fixture chronicle built with ``theme.language: ar``
reads right to left (the document, the claims box, its tables, the disputed page, the
chart's scale), while Latin names and figures keep their own order.

Skipped, like tests/test_browser.py, where Chromium is missing outside CI. Screenshots
are kept as test artifacts (``rtl-*.png``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.test_browser import (  # noqa: F401 (the browser fixture)
    CHROMIUM_ARGS,
    DESKTOP,
    PHONE,
    browser,
    contexts,
    screenshot,
    served,
)
from tests.test_i18n import build_in

pytestmark = pytest.mark.browser
EVENT = "events/2024-07-25-battle-of-north-town/"


@pytest.fixture(scope="module")
def arabic_url(tmp_path_factory) -> Iterator[str]:
    site = build_in("ar", tmp_path_factory.mktemp("site-ar-browser"))
    with served(site) as url:
        yield url


@pytest.fixture
def open_arabic(browser, arabic_url):  # noqa: F811
    with contexts(browser) as visit:
        yield lambda path, viewport=DESKTOP: visit(arabic_url, path, viewport)


def direction(page, selector: str) -> str:
    return page.eval_on_selector(selector, "e => getComputedStyle(e).direction")


def test_the_arabic_event_page_and_its_claims_box_read_right_to_left(open_arabic):
    page = open_arabic(EVENT)
    shot: Path = screenshot(page, "rtl-event-desktop")
    assert shot.exists()
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert direction(page, "article") == "rtl"
    assert direction(page, ".claims-box") == "rtl"
    # The box's thick edge is at its start: the right.
    style = page.eval_on_selector(
        ".claims-box",
        "e => [getComputedStyle(e).borderRightWidth, getComputedStyle(e).borderLeftWidth]",
    )
    assert style == ["4px", "1px"]
    # The table's first column (the claimant) on the right, the source on the left.
    headers = page.locator(".claims-topic.disputed").first.locator("table thead th").all()
    assert [h.inner_text() for h in headers] == ["صاحب الادعاء", "يقول", "الرقم", "المصدر"]
    xs = [h.bounding_box()["x"] for h in headers]
    assert xs == sorted(xs, reverse=True)
    # A figure isolated inside the Arabic sentence keeps its order.
    assert page.locator(".claims-spread strong.spread bdi").first.inner_text() == "<10–40+"


def test_the_claim_cards_of_a_phone_put_the_claimant_on_the_right(open_arabic):
    page = open_arabic(EVENT, PHONE)
    screenshot(page, "rtl-event-phone")
    row = page.locator(".claims-topic.disputed tbody tr").first
    claimant = row.locator("td.claimant").bounding_box()
    source = row.locator("td.claim-source").bounding_box()
    assert claimant["x"] > source["x"]
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0


def test_the_arabic_disputed_table_and_chart_read_from_the_right(open_arabic):
    page = open_arabic("disputed/")
    screenshot(page, "rtl-disputed")
    assert direction(page, ".disputed-table") == "rtl"
    headers = page.locator(".disputed-table thead th").all()
    xs = [h.bounding_box()["x"] for h in headers]
    assert xs == sorted(xs, reverse=True)
    chart_page = open_arabic("chronicle/")
    screenshot(chart_page, "rtl-chronicle")
    bars = chart_page.locator("svg.timeline a.timeline-bar").all()
    assert len(bars) >= 2
    first, last = bars[0].bounding_box(), bars[-1].bounding_box()
    assert first["x"] > last["x"]  # the earliest month on the right
