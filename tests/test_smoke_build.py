from tests.conftest import FIXTURE


def test_fixture_site_has_a_page_per_event(fixture_site):
    stems = sorted(p.stem for p in (FIXTURE / "events").rglob("*.md"))
    built = sorted(
        p.parent.name
        for p in (fixture_site / "events").glob("*/index.html")
        if p.parent.name != "river-post-raid"
    )
    assert built == stems
