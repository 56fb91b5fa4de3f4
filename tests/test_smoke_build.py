from tests.conftest import FIXTURE


def test_fixture_site_has_a_page_per_event(fixture_site):
    stems = sorted(p.stem for p in (FIXTURE / "events").rglob("*.md"))
    built = sorted(
        p.parent.name
        for p in (fixture_site / "events").glob("*/index.html")
        # an old id's redirect page, and the page of 2024's events
        if p.parent.name not in ("river-post-raid", "2024")
    )
    assert built == stems
