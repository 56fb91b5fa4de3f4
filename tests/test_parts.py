"""Claims that give their figure's parts: the sum, the inconsistency, and where it shows
(claims box, disputed page, `chronicle check`), on hand-made claims and the real content."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import frontmatter
import pytest
import yaml

from generator import scaffold
from generator.content import claims as engine
from generator.content.index import build_chronicle
from generator.content.model import ContentError, Figure, Part
from tests.conftest import CONTENT, FIXTURE
from tests.htmltree import parse
from tests.test_claims import claim, event

TINZAOUATEN = "2024-07-battle-of-tinzaouaten"


def with_parts(figure: object, *parts: tuple[object, str], by: str = "rebels"):
    base = claim("Dead", by, figure, "fighters and soldiers killed")
    return base.__class__(
        **{**base.__dict__, "parts": tuple(Part(Figure.parse(f), of) for f, of in parts)}
    )


@pytest.mark.parametrize(
    ("figure", "parts", "total", "inconsistent"),
    [
        ("121", [("84", "Wagner"), ("47", "soldiers")], "131", True),
        ("131", [("84", "Wagner"), ("47", "soldiers")], "131", False),
        ("120-140", [("84", "Wagner"), ("47", "soldiers")], "131", False),
        ("100+", [("84", "Wagner"), ("47", "soldiers")], "131", False),
        ("<100", [("84", "Wagner"), ("47", "soldiers")], "131", True),
        ("121", [("80+", "Wagner"), ("47", "soldiers")], "127+", True),
        ("130", [("80+", "Wagner"), ("47", "soldiers")], "127+", False),
        ("121", [("70-90", "Wagner"), ("40", "soldiers")], "110-130", False),
        ("200", [("dozens", "Wagner"), ("47", "soldiers")], "71+", False),
    ],
)
def test_the_parts_sum_and_whether_they_match_the_figure(figure, parts, total, inconsistent):
    c = with_parts(figure, *parts)
    assert engine.parts_sum(c).text == total
    assert engine.inconsistent(c) is inconsistent


def test_a_claim_without_parts_is_never_inconsistent():
    c = claim("Dead", "rebels", "121", "killed")
    assert engine.parts_sum(c) is None
    assert not engine.inconsistent(c)


def test_parts_are_compared_as_figures_of_their_own_claimant():
    """84 Wagner dead as a part of the rebels' toll disputes the army's 10 Wagner dead."""
    e = event(
        with_parts("121", ("84", "Wagner fighters killed"), ("47", "soldiers killed")),
        claim("Dead", "army", "10", "Wagner fighters killed"),
    )
    (topic,) = engine.topics(e)
    (group,) = topic.disputed_groups
    assert group.of == "Wagner fighters killed"
    assert group.spread == "10\u201384"
    assert engine.inconsistent_claims(e) == (e.claims[0],)


def copy_fixture(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(FIXTURE, root)
    return root


def add_parts(root: Path, parts: object) -> Path:
    path = root / "events" / "2024" / "2024-07-30-river-post-attack.md"
    post = frontmatter.load(path)
    post.metadata["claims"][0]["parts"] = parts
    path.write_text(frontmatter.dumps(post, sort_keys=False) + "\n", encoding="utf-8")
    return path


def test_a_part_needs_a_figure_and_whom_it_counts(tmp_path):
    root = copy_fixture(tmp_path)
    add_parts(root, [{"figure": 4}, {"of": "soldiers killed"}, {"figure": "many", "of": "x"}])
    with pytest.raises(ContentError) as caught:
        build_chronicle(root, display="content")
    messages = [(p.field, p.message) for p in caught.value.problems]
    assert ("claims[0].parts[0].of", "is required") in messages
    assert ("claims[0].parts[1].figure", "is required") in messages
    assert (
        "claims[0].parts[2].figure",
        (
            "'many' is not a figure: use 6, 80+ (at least), <100 (at most), 25-82 (a range), "
            "dozens, tens or hundreds"
        ),
    ) in messages


def test_parts_must_be_a_list_of_mappings(tmp_path):
    root = copy_fixture(tmp_path)
    add_parts(root, "84 and 47")
    with pytest.raises(ContentError) as caught:
        build_chronicle(root, display="content")
    assert [(p.field, p.message) for p in caught.value.problems] == [
        ("claims[0].parts", "must be a list, not text")
    ]


# The real content: the Tinzaouaten toll as the report gives it.


def tinzaouaten_claim() -> dict:
    (path,) = (CONTENT / "events").rglob(f"{TINZAOUATEN}.md")
    claims = frontmatter.load(path).metadata["claims"]
    (with_parts_claim,) = [c for c in claims if c.get("parts")]
    return with_parts_claim


@pytest.mark.mali_chronicle
def test_the_tinzaouaten_toll_is_recorded_with_its_parts():
    c = tinzaouaten_claim()
    assert (c["by"], c["figure"]) == ("csp-dpa", 121)
    assert [(p["figure"], p["of"]) for p in c["parts"]] == [
        (84, "Wagner fighters killed"),
        (47, "soldiers killed"),
    ]


@pytest.mark.mali_chronicle
def test_chronicle_check_warns_of_the_parts_with_their_line():
    chronicle = build_chronicle(CONTENT, display="content")
    (warning,) = [w for w in chronicle.warnings if w.field.endswith(".parts")]
    assert warning.path == f"content/events/2024/{TINZAOUATEN}.md"
    lines = (CONTENT / "events" / "2024" / f"{TINZAOUATEN}.md").read_text().splitlines()
    assert lines[warning.line - 1].strip() == "parts:"
    assert str(warning).endswith(
        ": warning: the parts sum to 131 but the figure is 121; "
        "the site shows the claim as internally inconsistent"
    )


@pytest.mark.mali_chronicle
def test_the_claims_box_says_the_parts_do_not_add_up(real_site):
    page = parse(real_site / "events" / TINZAOUATEN / "index.html")
    (row,) = [r for r in page.all("tr") if r.all("span", "parts")]
    cell = row.one("td", "figure-cell")
    assert cell.words == (
        "121 Wagner fighters and soldiers killed , given as 84 Wagner fighters killed + "
        "47 soldiers killed the parts sum to 131"
    )
    assert cell.one("strong", "parts-inconsistent").words == "the parts sum to 131"


@pytest.mark.mali_chronicle
def test_the_disputed_page_lists_the_event_as_internally_inconsistent(real_site):
    page = parse(real_site / "disputed" / "index.html")
    (heading,) = [h for h in page.all("h2") if h.attrs.get("id") == "inconsistent"]
    assert heading.words.startswith("Internally inconsistent")
    (item,) = page.one("ul", "inconsistent-list").all("li")
    link = item.all("a")[0]
    assert link.attrs["href"] == f"../events/{TINZAOUATEN}/#claim-11"
    assert "the parts sum to 131" in item.words


def test_chronicle_new_shows_the_parts_of_a_claim_with_their_fields():
    text = scaffold.render_entry("event", "x", {}, datetime.date(2024, 7, 25), None, "x.md")
    (line,) = [line for line in text.splitlines() if "parts:" in line]
    assert line == "#     # parts: [{figure: TODO, of: TODO}]"
    assert yaml.safe_load(line.split("# ", 2)[2]) == {"parts": [{"figure": "TODO", "of": "TODO"}]}
