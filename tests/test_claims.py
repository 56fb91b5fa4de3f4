"""The claims engine on hand-made events: overlap, groups, disputes, spreads, ranks,
records and confidence labels (the rules written in content/about.md)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.content import claims as engine
from generator.content.model import Chronicle, Claim, Event, Figure, Source
from generator.content.vocabulary import ID_RE


def claim(
    about: str,
    by: str,
    figure: object = None,
    of: str | None = None,
    *,
    id: str | None = None,
    supersedes: int | str | None = None,
    source: str = "wire",
) -> Claim:
    return Claim(
        about=about,
        by=by,
        by_actor=bool(ID_RE.match(by)),
        says=f"{by} on {about}",
        source=source,
        figure=None if figure is None else Figure.parse(figure),
        of=of,
        id=id,
        supersedes=supersedes,
    )


def event(*claims: Claim, ident: str = "e", sources: tuple[str, ...] = ("wire",)) -> Event:
    numbered = tuple(Claim(**{**c.__dict__, "index": i}) for i, c in enumerate(claims))
    return Event(
        id=ident,
        path=f"content/events/{ident}.md",
        src=f"events/{ident}.md",
        body="",
        sources=sources,
        claims=numbered,
    )


def only_topic(e: Event) -> engine.Topic:
    (topic,) = engine.topics(e)
    return topic


# Overlap of two figures' intervals.

OVERLAPS = [
    ("6", "6", True),
    ("6", "7", False),
    ("84", "80+", True),
    ("79", "80+", False),
    ("80+", "1000", True),
    ("80+", "15+", True),
    ("<10", "10", True),
    ("<10", "11", False),
    ("<10", "12+", False),
    ("<10", "<100", True),
    ("<100", "0", True),
    ("25-82", "82", True),
    ("25-82", "83", False),
    ("25-82", "20-25", True),
    ("25-82", "5-24", False),
    ("25-82", "30-40", True),
    ("25-82", "<25", True),
    ("dozens", "24", True),
    ("dozens", "23", False),
    ("dozens", "80+", True),
    ("tens", "20", True),
    ("tens", "19", False),
    ("hundreds", "199", False),
    ("hundreds", "<100", False),
    ("hundreds", "150-250", True),
]


@pytest.mark.parametrize(("a", "b", "expected"), OVERLAPS)
def test_overlap_is_symmetric_and_inclusive(a, b, expected):
    assert Figure.parse(a).overlaps(Figure.parse(b)) is expected
    assert Figure.parse(b).overlaps(Figure.parse(a)) is expected


figures = st.one_of(
    st.integers(0, 60).map(str),
    st.integers(0, 60).map(lambda n: f"{n}+"),
    st.integers(0, 60).map(lambda n: f"<{n}"),
    st.tuples(st.integers(0, 60), st.integers(0, 60)).map(lambda p: f"{min(p)}-{max(p)}"),
    st.sampled_from(["tens", "dozens", "hundreds"]),
)


def _points(figure: Figure) -> set[int]:
    return set(range(figure.low, (figure.high if figure.high is not None else 300) + 1))


@given(figures, figures)
def test_overlap_means_a_number_both_figures_allow(a, b):
    fa, fb = Figure.parse(a), Figure.parse(b)
    assert fa.overlaps(fb) == bool(_points(fa) & _points(fb))


@given(
    st.lists(
        st.tuples(st.sampled_from(["army", "rebels", "A local official"]), figures),
        min_size=1,
        max_size=6,
    )
)
def test_a_group_is_disputed_exactly_when_two_claimants_cannot_both_be_right(pairs):
    e = event(*(claim("Killed", by, fig, "soldiers") for by, fig in pairs))
    (group,) = only_topic(e).groups
    expected = any(
        by_a != by_b and not (_points(Figure.parse(fa)) & _points(Figure.parse(fb)))
        for by_a, fa in pairs
        for by_b, fb in pairs
    )
    assert group.disputed is expected
    assert group.claimants == len({by for by, _ in pairs})
    if group.disputed:
        assert group.ratio >= 1


# Disputes between figures.


def test_six_against_seven_is_disputed_with_its_spread():
    topic = only_topic(
        event(
            claim("Killed", "bloomberg", 6, "Wagner fighters killed"),
            claim("Killed", "reuters", 7, "Wagner fighters killed"),
        )
    )
    (group,) = topic.groups
    assert (topic.disputed, group.disputed, group.spread, group.claimants) == (
        True,
        True,
        "6\u20137",
        2,
    )
    assert group.ratio == pytest.approx(7 / 6)
    assert topic.ratio == pytest.approx(7 / 6)
    assert topic.disputed_groups == (group,)


def test_overlapping_ranges_are_not_disputed():
    topic = only_topic(
        event(
            claim("Killed", "army", "25-82", "soldiers"),
            claim("Killed", "rebels", "30-40", "soldiers"),
            claim("Killed", "A local official", 40, "soldiers"),
        )
    )
    assert not topic.disputed
    assert topic.disputed_groups == ()
    assert topic.ratio == 0.0


def test_ranges_that_do_not_meet_are_disputed():
    topic = only_topic(
        event(
            claim("Killed", "army", "5-8", "soldiers"),
            claim("Killed", "rebels", "10-12", "soldiers"),
        )
    )
    (group,) = topic.groups
    assert group.disputed
    assert group.spread == "5\u201312"
    assert group.ratio == pytest.approx(12 / 5)


def test_an_open_figure_agrees_with_any_figure_above_its_bound():
    topic = only_topic(
        event(
            claim("Killed", "csp-dpa", 84, "Wagner fighters killed"),
            claim("Killed", "rusich", "80+", "Wagner fighters killed"),
        )
    )
    (group,) = topic.groups
    assert not topic.disputed
    assert group.spread == "80\u201384+"


def test_an_open_figure_disputes_a_figure_below_its_bound():
    topic = only_topic(
        event(claim("Killed", "army", 50, "soldiers"), claim("Killed", "rebels", "80+", "soldiers"))
    )
    (group,) = topic.groups
    assert group.disputed
    assert group.spread == "50\u201380+"
    assert group.ratio == pytest.approx(80 / 50)


def test_figures_counting_different_things_are_never_disputed():
    topic = only_topic(
        event(
            claim("Casualties", "csp-dpa", 84, "Wagner fighters killed"),
            claim("Casualties", "african-initiative", "25+", "Russians killed"),
            claim("Casualties", "csp-dpa", 47, "soldiers killed"),
            claim("Casualties", "A local politician", 3, "civilians killed"),
        )
    )
    assert not topic.disputed
    assert [g.of for g in topic.groups] == [
        "Wagner fighters killed",
        "Russians killed",
        "soldiers killed",
        "civilians killed",
    ]
    assert topic.claimants == 3


def test_of_is_compared_without_regard_to_case_or_spaces():
    topic = only_topic(
        event(
            claim("Killed", "army", 6, "Soldiers  killed"),
            claim("Killed", "rebels", 60, "soldiers killed"),
        )
    )
    (group,) = topic.groups
    assert group.disputed
    assert group.of == "Soldiers  killed"  # as first written


def test_a_figure_without_of_is_compared_only_with_figures_without_of():
    topic = only_topic(
        event(
            claim("Killed", "army", 6),
            claim("Killed", "rebels", 60, "soldiers killed"),
            claim("Killed", "A local official", 7),
        )
    )
    assert [(g.of, g.disputed) for g in topic.groups] == [(None, True), ("soldiers killed", False)]


def test_figures_of_one_claimant_never_dispute_each_other():
    topic = only_topic(
        event(
            claim("Killed", "rusich", "80+", "Wagner fighters killed"),
            claim("Killed", "rusich", 10, "Wagner fighters killed"),
        )
    )
    assert not topic.disputed


def test_two_spellings_of_one_free_text_claimant_are_one_claimant():
    topic = only_topic(
        event(
            claim("Killed", "A local official", 6, "soldiers"),
            claim("Killed", "a local  Official", 60, "soldiers"),
        )
    )
    assert topic.claimants == 1
    assert not topic.disputed


def test_topics_gather_claims_by_about_in_order_of_first_mention():
    e = event(
        claim("Soldiers killed", "army", 6),
        claim("Who holds the town", "army"),
        claim("soldiers  KILLED", "rebels", 9),
    )
    assert [(t.about, [c.index for c in t.claims]) for t in engine.topics(e)] == [
        ("Soldiers killed", [0, 2]),
        ("Who holds the town", [1]),
    ]


# Superseded claims.


def test_a_superseded_figure_is_not_counted():
    # Without the revision 5 and 7 would conflict; the army's current figure is 7.
    e = event(
        claim("Killed", "army", 5, id="first"),
        claim("Killed", "rebels", 7),
        claim("Killed", "army", 7, supersedes="first"),
    )
    topic = only_topic(e)
    assert [c.index for c in topic.current] == [1, 2]
    assert dict(topic.superseded_by) == {0: e.claims[2]}
    assert not topic.disputed
    assert engine.rank_in_event(e, e.claims[0]) is None


def test_a_revision_can_create_a_dispute():
    e = event(
        claim("Killed", "army", 7),
        claim("Killed", "rebels", 7),
        claim("Killed", "army", 9, supersedes=0),
    )
    (group,) = only_topic(e).groups
    assert group.disputed
    assert group.spread == "7\u20139"  # the superseded 7 of the army plays no part


def test_a_superseded_figure_is_left_out_of_the_spread():
    e = event(
        claim("Killed", "army", 100, id="old"),
        claim("Killed", "rebels", 7),
        claim("Killed", "army", 9, supersedes="old"),
    )
    (group,) = only_topic(e).groups
    assert group.spread == "7\u20139"
    assert group.claims == (e.claims[1], e.claims[2])


def test_a_superseded_account_no_longer_makes_a_second_version():
    e = event(
        claim("Outcome", "eternal-glory", id="deleted"),
        claim("Outcome", "eternal-glory", supersedes="deleted"),
    )
    topic = only_topic(e)
    assert topic.claimants == 1
    assert not topic.disputed


# Accounts: claims without figures.


def test_two_claimants_giving_accounts_are_disputed():
    topic = only_topic(event(claim("Helicopter", "fama"), claim("Helicopter", "csp-dpa")))
    assert topic.disputed and topic.accounts_disputed
    assert not topic.numeric
    assert topic.groups == ()
    assert topic.ratio == 0.0


def test_accounts_of_one_claimant_are_not_disputed():
    topic = only_topic(
        event(claim("Year of the coup", "Kyiv Post"), claim("Year of the coup", "kyiv post"))
    )
    assert not topic.disputed


def test_a_single_account_is_not_disputed():
    assert not only_topic(event(claim("Control of In Afarak", "fama"))).disputed


def test_an_account_beside_another_claimants_figure_is_disputed():
    topic = only_topic(
        event(claim("Soldiers killed", "army"), claim("Soldiers killed", "rebels", 40, "soldiers"))
    )
    assert topic.disputed and topic.accounts_disputed
    assert topic.disputed_groups == ()


def test_figures_of_one_claimant_beside_its_own_account_are_not_disputed():
    topic = only_topic(
        event(
            claim("Losses", "operation-z"), claim("Losses", "operation-z", 80, "militants killed")
        )
    )
    assert not topic.disputed


# Spreads: how each end is written.


@pytest.mark.parametrize(
    ("figures", "spread", "ratio"),
    [
        (["40", "<10", "12+"], "<10\u201340+", 4.0),
        (["<10", "40"], "<10\u201340", 4.0),
        (["6", "dozens"], "6\u2013dozens", 4.0),
        (["<100", "hundreds"], "<100\u2013hundreds", 2.0),
        (["5", "tens"], "5\u2013tens", 4.0),
        (["25-82", "100"], "25\u2013100", 4.0),
        (["121", "80+", "15"], "15\u2013121+", 121 / 15),
        (["0", "12"], "0\u201312", 12.0),
    ],
)
def test_spread_ends_are_written_as_claimed(figures, spread, ratio):
    claimants = ["army", "rebels", "A local official"]
    e = event(*(claim("Killed", by, fig, "soldiers") for by, fig in zip(claimants, figures)))
    (group,) = only_topic(e).groups
    assert group.disputed
    assert group.spread == spread
    assert group.ratio == pytest.approx(ratio)


def test_a_group_of_one_figure_shows_that_figure():
    (group,) = only_topic(event(claim("Size", "operation-z", "<100", "militants"))).groups
    assert group.spread == "<100"


# Ranks and records.


def test_ranks_in_a_disputed_group():
    e = event(
        claim("Killed", "army", "<10", "soldiers"),
        claim("Killed", "A local official", "12+", "soldiers"),
        claim("Killed", "rebels", 40, "soldiers"),
    )
    assert [engine.rank_in_event(e, c) for c in e.claims] == ["lowest", "between", "highest"]


def test_no_rank_outside_a_disputed_group():
    e = event(
        claim("Killed", "csp-dpa", 84, "Wagner fighters killed"),
        claim("Killed", "rusich", "80+", "Wagner fighters killed"),
        claim("Helicopter", "fama"),
        claim("Helicopter", "csp-dpa"),
    )
    assert [engine.rank_in_event(e, c) for c in e.claims] == [None, None, None, None]


def test_the_record_counts_each_disputed_group_once():
    mopti = event(
        claim("Killed", "bloomberg", 6, "Wagner fighters killed"),
        claim("Killed", "reuters", 7, "Wagner fighters killed"),
        ident="mopti",
    )
    town = event(
        claim("Killed", "reuters", 3, "soldiers"),
        claim("Killed", "reuters", 4, "soldiers"),  # two figures, one group
        claim("Killed", "army", 30, "soldiers"),
        claim("Killed", "reuters", 3, "civilians"),  # not disputed: not counted
        ident="town",
    )
    pairs = [(e, c) for e in (mopti, town) for c in e.claims if c.by == "reuters"]
    record = engine.record(pairs)
    assert (record.highest, record.lowest, record.disputed) == (1, 1, 2)
    assert record.line == "Highest figure in 1 of 2 disputed topics; lowest in 1."


def test_a_claimant_with_its_figures_between_and_highest_is_not_also_lowest():
    e = event(
        claim("Killed", "army", 5, "soldiers"),
        claim("Killed", "rebels", 20, "soldiers"),
        claim("Killed", "rebels", 50, "soldiers"),
        claim("Killed", "A local official", 30, "soldiers"),
    )
    ranks = [engine.rank_in_event(e, c) for c in e.claims]
    assert ranks == ["lowest", "between", "highest", "between"]
    record = engine.record([(e, c) for c in e.claims if c.by == "rebels"])
    assert (record.highest, record.lowest, record.disputed) == (1, 0, 1)
    assert record.line == "Highest figure in 1 of 1 disputed topic; lowest in 0."


def test_a_source_relaying_both_ends_counts_in_both():
    e = event(
        claim("Killed", "bloomberg", 6, "Wagner fighters killed"),
        claim("Killed", "reuters", 7, "Wagner fighters killed"),
    )
    record = engine.record([(e, c) for c in e.claims])
    assert record.line == "Highest figure in 1 of 1 disputed topic; lowest in 1."


def test_superseded_figures_are_left_out_of_the_record():
    e = event(
        claim("Killed", "army", 100, "soldiers", id="old"),
        claim("Killed", "rebels", 7, "soldiers"),
        claim("Killed", "army", 7, "soldiers", supersedes="old"),
    )
    record = engine.record([(e, c) for c in e.claims if c.by == "army"])
    assert (record.highest, record.lowest, record.disputed) == (0, 0, 0)
    assert record.line == "No figure in a disputed topic."


def test_accounts_alone_make_no_record():
    e = event(claim("Helicopter", "fama"), claim("Helicopter", "csp-dpa"))
    assert engine.record([(e, e.claims[0])]).line == "No figure in a disputed topic."


# Confidence labels.


def _source(ident: str, publisher: str) -> Source:
    return Source(
        id=ident,
        path=f"content/sources/{ident}.md",
        src=f"sources/{ident}.md",
        body="",
        publisher=publisher,
    )


CHRONICLE = Chronicle(
    events=(),
    actors={},
    locations={},
    sources={
        "wire": _source("wire", "Wire Agency"),
        "wire-2": _source("wire-2", "wire  agency"),
        "paper": _source("paper", "Local Paper"),
    },
)


@pytest.mark.parametrize(
    ("sources", "claims", "label"),
    [
        (("wire",), (), "single source"),
        (("wire", "wire-2"), (), "single source"),  # one publisher, written two ways
        (("wire", "paper"), (), "corroborated"),
        (
            ("wire", "paper"),
            (claim("Killed", "army", 5, "soldiers"), claim("Killed", "rebels", "4-6", "soldiers")),
            "corroborated",
        ),
        (("wire", "paper"), (claim("Killed", "army", 5), claim("Killed", "rebels", 7)), "disputed"),
        (("wire",), (claim("Town", "army"), claim("Town", "rebels")), "disputed"),
    ],
)
def test_confidence_labels(sources, claims, label):
    assert engine.confidence(event(*claims, sources=sources), CHRONICLE) == label
    assert label in engine.CONFIDENCE
