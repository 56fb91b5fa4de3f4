"""End to end: disputes, spreads, ranks and records in the built site.

The real content is built once (the ``real_site`` fixture). What the pages
should say is worked out here from the content files' front matter alone,
read with python-frontmatter, by the rules written in content/about.md, so
that a mistake in the engine and the same mistake in the test are unlikely
to meet. The sorting of the disputed page is checked on its own build of
the fixture chronicle with tests/claims_cases/disputes_to_sort/ laid over it.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import frontmatter
import pytest

from tests.conftest import CONTENT, FIXTURE, ROOT, build_with_mkdocs
from tests.htmltree import Node, parse

MOPTI = "2024-11-21-mopti-checkpoint-ambush"
TINZAOUATEN = "2024-07-battle-of-tinzaouaten"
ACHARANE = "2023-09-acharane-camp-attack"


def article(site: Path, url: str) -> Node:
    return parse(site / url / "index.html").one("article")


# The rules of content/about.md, worked out from the front matter alone.

WORDS = {"tens": 20, "dozens": 24, "hundreds": 200}
OPEN = float("inf")


def interval(figure: object) -> tuple[int, float]:
    text = str(figure)
    if text in WORDS:
        return WORDS[text], OPEN
    if text.endswith("+"):
        return int(text[:-1]), OPEN
    if text.startswith("<"):
        return 0, int(text[1:])
    low, _, high = text.partition("-")
    return int(low), int(high or low)


def estimate(figure: object) -> float:
    low, high = interval(figure)
    return low if high == OPEN else (low + high) / 2


def fold(text: object) -> str:
    return " ".join(str(text or "").casefold().split())


def meet(a: dict, b: dict) -> bool:
    (la, ha), (lb, hb) = interval(a["figure"]), interval(b["figure"])
    return la <= hb and lb <= ha


def ratio(figures: list) -> float:
    high = max(low if high == OPEN else high for low, high in map(interval, figures))
    lows = [interval(f)[0] for f in figures]
    low = min(lows)
    if all(str(f).startswith("<") for f in figures if interval(f)[0] == low):
        low = min(interval(f)[1] for f in figures if str(f).startswith("<"))
    return high / max(low, 1)


@dataclass
class ExpectedTopic:
    event: str
    about: str  # as first written
    claims: list[dict]  # current claims
    groups: list[list[dict]]  # current claims with figures, by `of`
    disputed_groups: list[list[dict]]
    disputed: bool
    span_ratio: float  # the range of all its figures: highest over lowest

    @property
    def wide(self) -> bool:
        """Figures that do not conflict, yet span twice or more (content/about.md)."""
        return not self.disputed and self.span_ratio >= 2

    @property
    def listed(self) -> bool:
        return self.disputed or self.wide


def span_ratio(figures: list) -> float:
    """The highest bound over the lowest lower bound ("<N" figures only when all are)."""
    if len(figures) < 2:
        return 0.0
    bounded = [f for f in figures if not str(f).startswith("<")] or figures
    low = min(interval(f)[0] for f in bounded)
    high = max(low if high == OPEN else high for low, high in map(interval, figures))
    return high / max(low, 1)


def expected_topics(ident: str, meta: dict) -> list[ExpectedTopic]:
    claims = meta.get("claims") or []
    ids = {c["id"]: i for i, c in enumerate(claims) if "id" in c}
    revised = {ids.get(c["supersedes"], c["supersedes"]) for c in claims if "supersedes" in c}
    by_about: dict[str, list[tuple[int, dict]]] = {}
    for i, c in enumerate(claims):
        by_about.setdefault(fold(c["about"]), []).append((i, c))
    out = []
    for pairs in by_about.values():
        current = [c for i, c in pairs if i not in revised]
        by_of: dict[str, list[dict]] = {}
        for c in current:
            if "figure" in c:
                by_of.setdefault(fold(c.get("of")), []).append(c)
            for part in c.get("parts", []):  # a part is compared as a figure of its own
                by_of.setdefault(fold(part["of"]), []).append({**c, **part})
        groups = list(by_of.values())
        disputed_groups = [
            g
            for g in groups
            if any(fold(a["by"]) != fold(b["by"]) and not meet(a, b) for a in g for b in g)
        ]
        accounts = (
            any("figure" not in c for c in current) and len({fold(c["by"]) for c in current}) >= 2
        )
        out.append(
            ExpectedTopic(
                ident,
                pairs[0][1]["about"],
                current,
                groups,
                disputed_groups,
                bool(disputed_groups) or accounts,
                span_ratio([c["figure"] for c in current if "figure" in c]),
            )
        )
    return out


def date_key(text: object) -> tuple[int, ...]:
    """(year, month, day, bound): "before X" sorts just before X, "after X" just after."""
    words = str(text).split()
    bound = {"before": -1, "after": 1}.get(words[0], 0) if len(words) > 1 else 0
    parts = [int(p) for p in words[-1].split("-")]
    return tuple(parts + [0] * (3 - len(parts)) + [bound])


@cache
def content() -> dict:
    """Front matter of every real entry, by kind and id; events in chronicle order."""
    out: dict[str, dict] = {}
    for kind in ("events", "actors", "sources"):
        found = {
            p.stem: frontmatter.load(p).metadata for p in sorted((CONTENT / kind).rglob("*.md"))
        }
        if kind == "events":
            found = dict(
                sorted(
                    found.items(),
                    key=lambda kv: (
                        date_key(kv[1]["date"]),
                        date_key(kv[1].get("end", kv[1]["date"])),
                        kv[0],
                    ),
                )
            )
        out[kind] = found
    return out


def all_topics() -> list[ExpectedTopic]:
    return [t for ident, meta in content()["events"].items() for t in expected_topics(ident, meta)]


def expected_record(pairs: list[tuple[str, dict]]) -> str:
    """The record line of (event id, claim) pairs, by the rule in about.md."""
    ranks: dict[tuple, set[str]] = {}
    topics = {(t.event, fold(t.about)): t for t in all_topics()}
    for ident, c in pairs:
        topic = topics[(ident, fold(c["about"]))]
        group = next((g for g in topic.disputed_groups if any(x is c for x in g)), None)
        if group is None:
            continue
        values = [estimate(x["figure"]) for x in group]
        mine = estimate(c["figure"])
        rank = "highest" if mine >= max(values) else "lowest" if mine <= min(values) else "between"
        ranks.setdefault((ident, fold(c["about"]), fold(c.get("of"))), set()).add(rank)
    if not ranks:
        return "No figure in a disputed topic."
    high = sum("highest" in r for r in ranks.values())
    low = sum("lowest" in r for r in ranks.values())
    return (
        f"Highest figure in {high} of {len(ranks)} disputed topic"
        f"{'s' if len(ranks) != 1 else ''}; lowest in {low}."
    )


def expected_confidence(ident: str) -> str:
    meta = content()["events"][ident]
    if any(t.disputed for t in expected_topics(ident, meta)):
        return "disputed"
    publishers = {fold(content()["sources"][s]["publisher"]) for s in meta["sources"]}
    return "corroborated" if len(publishers) >= 2 else "single source"


def disputed_rows(site: Path) -> list[Node]:
    return article(site, "disputed").one("table", "disputed-table").all("tr", "disputed-row")


def row_event(row: Node) -> str:
    return row.all("td")[1].one("a").attrs["href"].split("/")[-2]


# The disputed page.


@pytest.mark.mali_chronicle
def test_the_disputed_page_lists_exactly_the_events_whose_claims_disagree(real_site):
    expected = [
        (t.event, fold(t.about), "contradiction" if t.disputed else "wide spread, no contradiction")
        for t in all_topics()
        if t.listed
    ]
    shown = [
        (row_event(row), fold(row.all("td")[2].words), row.all("td")[3].words)
        for row in disputed_rows(real_site)
    ]
    assert shown == expected  # the same topics, in date order, each labelled for which it is
    disputed = [(e, a) for e, a, kind in expected if kind == "contradiction"]
    events = {event for event, _ in disputed}
    assert {MOPTI, TINZAOUATEN} <= events
    wide = len(expected) - len(disputed)
    assert wide >= 1
    summary = article(real_site, "disputed").one("p", "disputed-count").words
    assert summary == (
        f"{len(disputed)} disputed topics in {len(events)} events; "
        f"{wide} topic{'s' if wide != 1 else ''} with a wide spread."
    )


def test_disputed_rows_carry_their_order_date_and_ratio(real_site):
    rows = disputed_rows(real_site)
    expected = [t for t in all_topics() if t.listed]
    assert [row.attrs["data-order"] for row in rows] == [str(i + 1) for i in range(len(rows))]
    for row, topic in zip(rows, expected, strict=True):
        # The date, or the limit of a date known only as "before X" or "after X".
        assert row.attrs["data-date"] == str(content()["events"][topic.event]["date"]).split()[-1]
        value = max((ratio([c["figure"] for c in g]) for g in topic.disputed_groups), default=0.0)
        if not topic.disputed:  # a wide spread sorts by its range
            value = topic.span_ratio
        assert row.attrs["data-kind"] == ("contradiction" if topic.disputed else "wide-spread")
        assert row.attrs["data-ratio"] == f"{value:.3f}", topic.about
    dates = [date_key(row.attrs["data-date"]) for row in rows]
    assert dates == sorted(dates)


@pytest.mark.mali_chronicle
def test_the_mopti_ambush_row_shows_six_against_seven(real_site):
    (row,) = [row for row in disputed_rows(real_site) if row_event(row) == MOPTI]
    cells = [td.words for td in row.all("td")]
    assert cells[2] == "Wagner fighters killed in the Mopti ambush"
    assert cells[3] == "contradiction"
    assert cells[4] == "6\u20137 Wagner fighters killed (\u00d71.2)"
    assert cells[5] == "Bloomberg ; Reuters"
    assert row.attrs["data-ratio"] == "1.167"
    assert row.all("td")[1].one("span", "confidence").words == "disputed"


@pytest.mark.mali_chronicle
def test_the_tinzaouaten_casualties_are_listed_as_a_wide_spread(real_site):
    (topic,) = [
        t
        for t in all_topics()
        if t.event == TINZAOUATEN and fold(t.about) == "casualties in the tinzaouaten fighting"
    ]
    assert not topic.disputed and topic.wide
    (row,) = [
        row
        for row in disputed_rows(real_site)
        if row_event(row) == TINZAOUATEN and fold(row.all("td")[2].words) == fold(topic.about)
    ]
    assert row.all("td")[3].words == "wide spread, no contradiction"
    spread = row.all("td")[4]
    assert spread.one("span", "spread").words == "15+\u2013121"
    counted = list(dict.fromkeys(c["of"] for c in topic.claims if "figure" in c))
    assert spread.words == (f"15+\u2013121 (\u00d7{topic.span_ratio:.1f}) " + "; ".join(counted))


@pytest.mark.mali_chronicle
def test_the_mopti_fact_list_gives_the_range_of_claimed_deaths(real_site):
    meta = content()["events"][MOPTI]
    best: dict[str, int] = {}
    for claim in meta["claims"]:
        if "figure" in claim and "killed" in str(claim.get("of", claim["about"])):
            best[claim["by"]] = max(best.get(claim["by"], 0), interval(claim["figure"])[0])
    low, high = min(best.values()), max(best.values())
    assert (low, high) == (6, 7)
    facts = article(real_site, f"events/{MOPTI}").one("dd", "fatalities")
    assert facts.words == (
        f"from {low} to {high} (the lowest and the highest death tolls claimed: see the claims )"
    )
    assert facts.one("a").attrs["href"] == "#claims"


def test_the_disputed_page_is_reachable_from_home_and_nav(real_site):
    home = parse(real_site / "index.html")
    assert [a.attrs["href"] for a in home.all("a", "md-nav__link") if a.words == "Disputed"] == [
        "disputed/"
    ]
    counts = home.one("ul", "counts")
    assert [a.attrs["href"] for a in counts.all("a") if "disputed topics" in a.words] == [
        "disputed/"
    ]


def test_the_home_page_counts_events_claims_and_disputed_topics(real_site):
    items = [li.words for li in article(real_site, "").one("ul", "counts").all("li")]
    events = content()["events"]
    claims = sum(len(meta.get("claims") or []) for meta in events.values())
    disputed = sum(t.disputed for t in all_topics())
    assert items[:3] == [f"{len(events)} events", f"{claims} claims", f"{disputed} disputed topics"]


# Event pages.


def topic_boxes(site: Path, ident: str) -> dict[str, Node]:
    box = article(site, f"events/{ident}").one("section", "claims-box")
    return {
        fold(div.one("h3", "claims-about").words.removesuffix(" disputed")): div
        for div in box.all("div", "claims-topic")
    }


def test_every_topic_of_every_event_is_marked_as_the_rules_say(real_site):
    for topic in all_topics():
        div = topic_boxes(real_site, topic.event)[fold(topic.about)]
        assert ("disputed" in div.classes) is topic.disputed, (topic.event, topic.about)
        assert bool(div.all("span", "disputed-mark")) is topic.disputed


@pytest.mark.mali_chronicle
def test_the_mopti_box_shows_the_spread_and_claimants(real_site):
    div = topic_boxes(real_site, MOPTI)["wagner fighters killed in the mopti ambush"]
    assert "disputed" in div.classes
    assert div.one("p", "claims-spread").words == (
        "Wagner fighters killed: figures range 6\u20137 across 2 claimants."
    )


@pytest.mark.parametrize(
    "about",
    [
        "What happened to the army helicopter",
        "How the army and Wagner left Tinzaouaten",
        "Control of Tinzaouaten after the fighting",
    ],
)
@pytest.mark.mali_chronicle
def test_the_tinzaouaten_accounts_are_disputed(real_site, about):
    div = topic_boxes(real_site, TINZAOUATEN)[fold(about)]
    assert "disputed" in div.classes
    claimants = {
        fold(c["by"])
        for t in expected_topics(TINZAOUATEN, content()["events"][TINZAOUATEN])
        if fold(t.about) == fold(about)
        for c in t.claims
    }
    assert div.one("p", "claims-spread").words == (
        f"{len(claimants)} claimants give different accounts."
    )


@pytest.mark.mali_chronicle
def test_the_agreeing_tinzaouaten_figures_are_not_disputed(real_site):
    """84 Wagner dead (the rebels) and "more than 80" (Rusich) overlap: not disputed."""
    (casualties,) = [
        t
        for t in expected_topics(TINZAOUATEN, content()["events"][TINZAOUATEN])
        if fold(t.about) == "casualties in the tinzaouaten fighting"
    ]
    (wagner,) = [g for g in casualties.groups if fold(g[0]["of"]) == "wagner fighters killed"]
    assert sorted((c["by"], str(c["figure"])) for c in wagner) == [
        ("csp-dpa", "84"),
        ("rusich", "80+"),
    ]
    assert not casualties.disputed
    div = topic_boxes(real_site, TINZAOUATEN)["casualties in the tinzaouaten fighting"]
    assert "disputed" not in div.classes
    # Why there is no conflict, in words that fit the case: different things counted,
    # lower bounds ("15+", "dozens"), and an upper limit ("<100").
    assert div.one("p", "claims-agree").words == (
        "No figures conflict: they count different things, which are not compared; some are "
        'lower bounds ("at least" or "dozens"), which a higher figure does not contradict; '
        "some are ranges or upper limits, which overlap the others."
    )


VAGUE = {"tens": 20, "dozens": 24, "hundreds": 200}


def _bounds(text: str) -> tuple[int, float]:
    """A figure's lower and upper bounds, read from its text as content/about.md defines."""
    if text in VAGUE:
        return VAGUE[text], float("inf")
    if text.endswith("+"):
        return int(text[:-1]), float("inf")
    if text.startswith("<"):
        return 0, int(text[1:])
    low, _, high = text.partition("-")
    return int(low), int(high or low)


@pytest.mark.mali_chronicle
def test_the_tinzaouaten_casualty_topic_shows_its_range_and_what_the_figures_count(real_site):
    claims = [
        c
        for c in content()["events"][TINZAOUATEN]["claims"]
        if fold(c["about"]) == "casualties in the tinzaouaten fighting" and "figure" in c
    ]
    texts = [str(c["figure"]) for c in claims]
    assert len(texts) == 7
    # The low end: the lowest lower bound among figures that state one (not "<100").
    low = min((t for t in texts if not t.startswith("<")), key=lambda t: _bounds(t)[0])
    high = max(texts, key=lambda t: _bounds(t)[1] if _bounds(t)[1] != float("inf") else 0)
    assert (low, high) == ("15+", "121")
    counted = list(dict.fromkeys(c["of"] for c in claims))
    claimants = len({c["by"] for c in claims})
    div = topic_boxes(real_site, TINZAOUATEN)["casualties in the tinzaouaten fighting"]
    assert div.one("p", "claims-range").words == (
        f"Figures from {low} to {high} across {claimants} claimants, counting: "
        + "; ".join(counted)
        + "."
    )


def test_an_event_with_agreeing_figures_is_not_disputed(fixture_site):
    """The real content has no event whose only figures agree, so the fixture's River Post
    attack (6 against 5 to 8, from two claimants) stands in for it."""
    ident = "2024-07-30-river-post-attack"
    page = article(fixture_site, f"events/{ident}")
    assert page.one("span", "confidence").words == "corroborated"
    assert "disputed" not in page.one("div", "claims-topic").classes
    topic = page.one("div", "claims-topic")
    assert topic.one("p", "claims-agree").words == (
        "No figures conflict: some are ranges or upper limits, which overlap the others."
    )
    assert topic.one("p", "claims-range").words == "Figures from 5 to 8 across 2 claimants."
    assert ident not in {row_event(row) for row in disputed_rows(fixture_site)}


def test_every_event_shows_its_confidence_label_on_its_page_and_in_listings(real_site):
    for ident in content()["events"]:
        page = article(real_site, f"events/{ident}")
        assert page.one("dl", "facts").one("span", "confidence").words == (
            expected_confidence(ident)
        ), ident
    listed = 0
    for path in sorted(real_site.rglob("index.html")):
        for item in parse(path).all("li", "event-item"):
            ident = item.one("a").attrs["href"].rstrip("/").split("/")[-1]
            label = item.one("span", "confidence").words
            assert label == expected_confidence(ident), (path, ident)
            listed += 1
    # The chronicle lists every event; home, actors, locations and sources list them again.
    assert listed > 2 * len(content()["events"])


@pytest.mark.mali_chronicle
def test_a_superseded_claim_is_struck_through_beside_the_newer_one(real_site):
    claims = content()["events"][ACHARANE]["claims"]
    (newer,) = [i for i, c in enumerate(claims) if "supersedes" in c]
    (older,) = [i for i, c in enumerate(claims) if c.get("id") == claims[newer]["supersedes"]]
    box = article(real_site, f"events/{ACHARANE}").one("section", "claims-box")
    rows = {row.attrs.get("id"): row for row in box.all("tr")}
    old_row, new_row = rows[f"claim-{older + 1}"], rows[f"claim-{newer + 1}"]
    assert "superseded" in old_row.classes
    assert old_row.one("td", "says").one("del").words == claims[older]["says"]
    assert old_row.one("td", "says").one("small").one("a").attrs["href"] == (f"#claim-{newer + 1}")
    assert "superseded" not in new_row.classes
    assert not new_row.all("del")


@pytest.mark.mali_chronicle
def test_the_assessment_is_shown_apart_as_the_chronicles(real_site):
    box = article(real_site, f"events/{ACHARANE}").one("section", "claims-box")
    assessment = box.one("div", "claims-assessment")
    assert assessment.one("h3").words == "The chronicle's assessment"
    assert not assessment.all("div", "claims-topic")
    expected = content()["events"][ACHARANE]["assessment"][0]
    assert fold(expected["note"]) in fold(assessment.words)


# Records.


@pytest.mark.mali_chronicle
def test_every_actor_that_made_a_claim_shows_its_claims_and_record(real_site):
    made: dict[str, list[tuple[str, dict]]] = {}
    for ident, meta in content()["events"].items():
        for c in meta.get("claims") or []:
            if c["by"] in content()["actors"]:
                made.setdefault(c["by"], []).append((ident, c))
    assert {"bloomberg", "reuters", "csp-dpa", "fama", "rusich"} <= made.keys()
    for actor, pairs in made.items():
        page = article(real_site, f"actors/{actor}")
        heading = [h for h in page.all("h2") if h.attrs.get("id") == "claims-made"]
        assert [h.words.removesuffix(" \u00b6") for h in heading] == [
            f"Claims made by {content()['actors'][actor]['name']}"
        ], actor
        assert page.one("p", "claimant-record").words == expected_record(pairs), actor
        items = page.one("ul", "claims-made").all("li")
        assert len(items) == len(pairs), actor
        for item, (ident, c) in zip(items, pairs, strict=True):
            claims = content()["events"][ident]["claims"]
            index = next(i for i, x in enumerate(claims) if x is c)
            assert item.one("a").attrs["href"].endswith(f"events/{ident}/#claim-{index + 1}")


def test_actors_without_claims_have_no_claims_section(real_site):
    claimants = {c["by"] for meta in content()["events"].values() for c in meta.get("claims") or []}
    for actor in content()["actors"]:
        if actor not in claimants:
            assert not article(real_site, f"actors/{actor}").all("ul", "claims-made"), actor


@pytest.mark.mali_chronicle
def test_the_mopti_claimants_are_ranked(real_site):
    for actor, rank, line in (
        ("bloomberg", "lowest", "Highest figure in 0 of 1 disputed topic; lowest in 1."),
        ("reuters", "highest", "Highest figure in 1 of 1 disputed topic; lowest in 0."),
    ):
        page = article(real_site, f"actors/{actor}")
        assert page.one("p", "claimant-record").words == line
        (item,) = [
            li
            for li in page.one("ul", "claims-made").all("li")
            if MOPTI in li.one("a").attrs["href"]
        ]
        assert item.one("span", "rank").words == f"{rank} figure in a disputed topic"


def test_every_source_that_reports_claims_shows_its_record(real_site):
    reported: dict[str, list[tuple[str, dict]]] = {}
    for ident, meta in content()["events"].items():
        for c in meta.get("claims") or []:
            reported.setdefault(c["source"], []).append((ident, c))
    assert reported
    for source, pairs in reported.items():
        page = article(real_site, f"sources/{source}")
        assert page.one("p", "claimant-record").words == expected_record(pairs), source
        assert len(page.one("ul", "claims-reported").all("li")) == len(pairs), source


def test_the_sources_index_gives_each_publishers_record(real_site):
    by_publisher: dict[str, list[tuple[str, dict]]] = {}
    for ident, meta in content()["events"].items():
        for c in meta.get("claims") or []:
            publisher = content()["sources"][c["source"]]["publisher"]
            by_publisher.setdefault(publisher, []).append((ident, c))
    table = article(real_site, "sources").all("table")[0]
    rows = {tr.all("td")[0].words: tr for tr in table.all("tr") if tr.all("td")}
    publishers = {meta["publisher"] for meta in content()["sources"].values()}
    assert set(rows) == publishers
    for publisher in publishers:
        pairs = by_publisher.get(publisher, [])
        cells = rows[publisher].all("td")
        assert cells[2].words == str(len(pairs)), publisher
        assert cells[3].words == expected_record(pairs), publisher


# Sorting the disputed page.


@pytest.fixture(scope="module")
def sort_site(tmp_path_factory) -> Path:
    """The fixture chronicle with disputes of several spreads added, built on its own."""
    root = tmp_path_factory.mktemp("sort")
    docs = root / "content"
    shutil.copytree(FIXTURE, docs)
    shutil.copytree(ROOT / "tests" / "claims_cases" / "disputes_to_sort", docs, dirs_exist_ok=True)
    done = build_with_mkdocs(docs, root / "site")
    assert done.returncode == 0, done.stderr
    return root / "site"


# (event, ratio) of each row in date order: the fixture's battle of North Town first.
SORT_ROWS = [
    ("2024-07-25-battle-of-north-town", "4.000"),  # 40, <10 and 12+ soldiers
    ("2024-07-25-battle-of-north-town", "0.000"),  # who holds the town: accounts
    ("2024-09-01-ratio-five", "5.000"),
    ("2024-09-02-accounts-only", "0.000"),
    ("2024-09-02-ratio-one-and-a-half", "1.500"),
    ("2024-09-03-ratio-twenty", "20.000"),
]


def test_without_javascript_the_rows_are_in_date_order(sort_site):
    rows = disputed_rows(sort_site)
    assert [(row_event(r), r.attrs["data-ratio"]) for r in rows] == SORT_ROWS
    assert [r.attrs["data-order"] for r in rows] == ["1", "2", "3", "4", "5", "6"]
    assert rows[0].all("td")[3].words == "contradiction"
    assert rows[0].all("td")[4].words == "<10\u201340+ soldiers (\u00d74.0)"
    assert (
        article(sort_site, "disputed").one("div", "sort-controls").attrs.get("hidden") is not None
    )


@pytest.mark.browser
def test_the_script_sorts_by_ratio_and_back_to_date(sort_site):
    sync_api = pytest.importorskip("playwright.sync_api")
    chromium = "/usr/bin/chromium"
    if not Path(chromium).exists():
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing at /usr/bin/chromium (CI installs it)")
        pytest.skip("no Chromium")
    order = (
        "Array.from(document.querySelectorAll('.disputed-row')).map(r => Number(r.dataset.order))"
    )
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=chromium,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        try:
            page = browser.new_page()
            page.goto((sort_site / "disputed" / "index.html").as_uri())
            assert page.is_visible(".sort-controls")
            page.click("button[data-sort=ratio-desc]")
            assert page.evaluate(order) == [6, 3, 1, 5, 2, 4]  # accounts-only rows last
            page.click("button[data-sort=ratio-asc]")
            assert page.evaluate(order) == [5, 1, 3, 6, 2, 4]
            page.click("button[data-sort=date]")
            assert page.evaluate(order) == [1, 2, 3, 4, 5, 6]
        finally:
            browser.close()
