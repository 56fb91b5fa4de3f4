"""Figures: every accepted form, every refused one, and the lines `chronicle check` prints.

The `chronicle check` cases live in tests/claims_cases/<case>/: the files laid
over a copy of the fixture chronicle (tests/fixtures/chronicle/).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.content.model import Figure
from generator.content.vocabulary import FIGURE_PATTERN
from tests.conftest import FIXTURE, ROOT

CASES = ROOT / "tests" / "claims_cases"
FORMS = "use 6, 80+ (at least), <100 (at most), 25-82 (a range), dozens, tens or hundreds"


@pytest.mark.parametrize(
    ("value", "text", "low", "high", "label"),
    [
        (6, "6", 6, 6, "6"),
        ("6", "6", 6, 6, "6"),
        (" 6 ", "6", 6, 6, "6"),
        ("007", "7", 7, 7, "7"),
        (0, "0", 0, 0, "0"),
        (999_999_999, "999999999", 999_999_999, 999_999_999, "999999999"),
        ("80+", "80+", 80, None, "80+"),
        ("<100", "<100", 0, 100, "<100"),
        ("25-82", "25-82", 25, 82, "25\u201382"),
        ("5-5", "5-5", 5, 5, "5\u20135"),
        ("dozens", "dozens", 24, None, "dozens"),
        ("tens", "tens", 20, None, "tens"),
        ("hundreds", "hundreds", 200, None, "hundreds"),
    ],
)
def test_accepted_forms(value, text, low, high, label):
    figure = Figure.parse(value)
    assert (figure.text, figure.low, figure.high, figure.label) == (text, low, high, label)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("about 6", f"'about 6' is not a figure: {FORMS}"),
        ("Dozens", f"'Dozens' is not a figure: {FORMS}"),
        ("a dozen", f"'a dozen' is not a figure: {FORMS}"),
        ("80 +", f"'80 +' is not a figure: {FORMS}"),
        ("+80", f"'+80' is not a figure: {FORMS}"),
        (">80", f"'>80' is not a figure: {FORMS}"),
        ("<=100", f"'<=100' is not a figure: {FORMS}"),
        ("-5", f"'-5' is not a figure: {FORMS}"),
        (-5, f"'-5' is not a figure: {FORMS}"),
        ("25 - 82", f"'25 - 82' is not a figure: {FORMS}"),
        ("25-82+", f"'25-82+' is not a figure: {FORMS}"),
        ("1,000", f"'1,000' is not a figure: {FORMS}"),
        ("\u0666", f"'\u0666' is not a figure: {FORMS}"),  # an Arabic-Indic digit
        ("\uff16", f"'\uff16' is not a figure: {FORMS}"),  # a full-width digit
        ("x" * 60, f"'{'x' * 40}' is not a figure: {FORMS}"),
        ("82-25", "range 82-25 runs backwards: write 25-82"),
        (6.5, f"6.5 is not a figure: {FORMS}"),
        (True, f"true is not a figure: {FORMS}"),
        ([6, 7], f"must be a figure, not a list: {FORMS}"),
        ({"n": 6}, f"must be a figure, not a mapping: {FORMS}"),
        (1_000_000_000, "is larger than 999,999,999, the largest figure accepted"),
        (10**5000, "is larger than 999,999,999, the largest figure accepted"),
        (
            "1" * 5000,
            (f"'{'1' * 40}' has a number larger than 999,999,999, the largest figure accepted"),
        ),
        (
            "1000000000-2",
            ("'1000000000-2' has a number larger than 999,999,999, the largest figure accepted"),
        ),
    ],
    ids=lambda v: "huge int" if isinstance(v, int) and v > 10**12 else repr(v)[:20],
)
def test_refused_forms_name_what_is_accepted(value, message):
    with pytest.raises(ValueError) as refused:
        Figure.parse(value)
    assert str(refused.value) == message


@pytest.mark.parametrize("text", ["6", "80+", "<100", "25-82", "dozens", "tens", "hundreds"])
def test_the_json_schema_pattern_accepts_the_accepted_forms(text):
    assert re.match(FIGURE_PATTERN, text)


@pytest.mark.parametrize("text", ["about 6", "Dozens", "80 +", "-5", "<=100", "25-82+", "1,000"])
def test_the_json_schema_pattern_refuses_the_refused_forms(text):
    assert not re.match(FIGURE_PATTERN, text)


def _check(tmp_path: Path, case: str, monkeypatch) -> tuple[int, list[str], str]:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    shutil.copytree(CASES / case, content, dirs_exist_ok=True)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "content"])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout.splitlines(), result.stderr.strip()


REFUSED = "content/events/2024/2024-09-01-figure-forms-refused.md"


def test_check_prints_every_refused_figure_with_its_line(tmp_path, monkeypatch):
    code, lines, summary = _check(tmp_path, "figure_forms_refused", monkeypatch)
    assert lines == [
        f"{REFUSED}:13: claims[0].figure: 'about 6' is not a figure: {FORMS}",
        f"{REFUSED}:20: claims[1].figure: 'Dozens' is not a figure: {FORMS}",
        f"{REFUSED}:27: claims[2].figure: '80 +' is not a figure: {FORMS}",
        f"{REFUSED}:34: claims[3].figure: '-5' is not a figure: {FORMS}",
        f"{REFUSED}:41: claims[4].figure: 6.5 is not a figure: {FORMS}",
        f"{REFUSED}:48: claims[5].figure: range 82-25 runs backwards: write 25-82",
        f"{REFUSED}:55: claims[6].figure: must be a figure, not a list: {FORMS}",
        f"{REFUSED}:62: claims[7].figure: true is not a figure: {FORMS}",
        (
            f"{REFUSED}:69: claims[8].figure: is larger than 999,999,999, the largest figure "
            "accepted"
        ),
        f"{REFUSED}:76: claims[9].figure: '<=100' is not a figure: {FORMS}",
        f"{REFUSED}:83: claims[10].figure: '\u0666' is not a figure: {FORMS}",
        f"{REFUSED}:90: claims[11].figure: must be a figure, not a mapping: {FORMS}",
    ]
    assert summary == "12 errors, 0 warnings"
    assert code == 1


def test_check_refuses_a_number_too_long_to_read(tmp_path, monkeypatch):
    code, lines, summary = _check(tmp_path, "figure_number_too_long", monkeypatch)
    assert lines == [
        (
            "content/events/2024/2024-09-01-figure-number-too-long.md:13: "
            "front matter: a number is too long"
        )
    ]
    assert summary == "1 error, 0 warnings"
    assert code == 1


def test_check_accepts_every_accepted_form(tmp_path, monkeypatch):
    code, lines, summary = _check(tmp_path, "figure_forms_accepted", monkeypatch)
    assert not [
        line for line in lines if "figure-forms-accepted" in line and "warning:" not in line
    ]
    assert summary.startswith("content is valid")
    assert code == 0
