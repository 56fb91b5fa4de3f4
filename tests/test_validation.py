"""`chronicle check` and the MkDocs build on bad content: the exact lines users read.

Each folder of tests/content/ is one case, named for it. It holds only the
files that differ from the fixture chronicle (tests/fixtures/chronicle/); a
test copies the fixture chronicle into a temporary ``content/`` folder, lays
the case's files over it and runs the real ``chronicle check`` entry point
there, so that every message starts with ``content/``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from tests.conftest import CONTENT, FIXTURE, ROOT, build_with_mkdocs

CASES_DIR = ROOT / "tests" / "content"

# Every line `chronicle check content` prints for each case, in order.
CASES: dict[str, list[str]] = {
    "yaml_syntax_error": [
        (
            "content/events/2024/2024-09-01-yaml-syntax-error.md:7: front matter: YAML syntax "
            "error: did not find expected ',' or ']'"
        ),
    ],
    "front_matter_missing": [
        (
            "content/events/2024/2024-09-01-front-matter-missing.md:1: front matter: missing: the "
            "file must start with a line '---', then the YAML front matter, then a line '---'"
        ),
    ],
    "front_matter_not_closed": [
        (
            "content/events/2024/2024-09-01-front-matter-not-closed.md:1: front matter: not "
            "closed: add a line '---' after the front matter"
        ),
    ],
    "front_matter_not_a_mapping": [
        (
            "content/events/2024/2024-09-01-front-matter-not-a-mapping.md:2: front matter: must "
            "be a mapping of fields (key: value lines)"
        ),
    ],
    "missing_required_field": [
        "content/events/2024/2024-09-01-missing-required-field.md:2: summary: is required",
    ],
    "wrong_type": [
        "content/events/2024/2024-09-01-wrong-type.md:6: actors: must be a list, not text",
    ],
    "bad_date": [
        (
            "content/events/2024/2024-09-01-bad-date.md:4: date: '2024-09-31' is not a date: use "
            "YYYY-MM-DD, YYYY-MM or YYYY, or 'before' or 'after' one of them"
        ),
    ],
    "event_end_before_start": [
        (
            "content/events/2024/2024-09-01-end-before-start.md:5: end: 2024-08-30 is before the "
            "date 2024-09-01"
        ),
    ],
    "event_bounded_date_with_end": [
        (
            "content/events/2024/2024-09-bounded-with-end.md:5: end: the date 'before "
            "2024-09-01' is only a bound: an event known only to have happened before or after "
            "a date takes no end"
        ),
    ],
    "event_bounded_date_bad": [
        (
            "content/events/2024/2024-09-bounded-bad.md:4: date: 'until 2024-09' is not a date: "
            "use YYYY-MM-DD, YYYY-MM or YYYY, or 'before' or 'after' one of them"
        ),
        (
            "content/events/2024/2024-09-bounded-bad.md:14: claims[0].date: 'before 2024-09' is "
            "not a date: use YYYY-MM-DD, YYYY-MM or YYYY"
        ),
    ],
    "event_unknown_actor": [
        (
            "content/events/2024/2024-09-01-unknown-actor.md:8: actors[1]: unknown actor 'rebel' "
            "(did you mean 'rebels'?)"
        ),
    ],
    "event_unknown_actor_far": [
        (
            "content/events/2024/2024-09-01-unknown-actor-far.md:6: actors[1]: unknown actor "
            "'mediators'"
        ),
    ],
    "event_unknown_location": [
        (
            "content/events/2024/2024-09-01-unknown-location.md:7: locations[0]: unknown location "
            "'northtown' (did you mean 'north-town'?)"
        ),
    ],
    "event_unknown_source": [
        (
            "content/events/2024/2024-09-01-unknown-source.md:8: sources[1]: unknown source "
            "'wire-reprot' (did you mean 'wire-report'?)"
        ),
    ],
    "claim_source_not_in_event": [
        (
            "content/events/2024/2024-09-01-claim-source-not-in-event.md:13: claims[0].source: "
            "'wire-report' is not in this event's sources"
        ),
    ],
    "footnote_unknown_source": [
        (
            "content/events/2024/2024-09-01-footnote-unknown-source.md:12: body: footnote cites "
            "unknown source 'local-papr' (did you mean 'local-paper'?)"
        ),
    ],
    "footnote_source_not_in_event": [
        (
            "content/events/2024/2024-09-01-footnote-source-not-in-event.md:10: body: footnote "
            "cites source 'wire-report', which is not in this event's sources"
        ),
    ],
    "duplicate_id": [
        (
            "content/events/2025/2024-08-agreement.md:1: id: duplicate id '2024-08-agreement', "
            "also used by content/events/2024/2024-08-agreement.md"
        ),
    ],
    "source_url_not_http": [
        (
            "content/sources/radio-bulletin.md:7: url: 'ftp://radio.example.org/bulletin': only "
            "http and https links are allowed"
        ),
    ],
    "source_url_with_space": [
        (
            "content/sources/radio-bulletin.md:7: url: 'https://radio.example.org/evening "
            "bulletin' is not a valid link: spaces, quotes and angle brackets must be "
            "percent-encoded"
        ),
    ],
    "redirect_from_not_an_id": [
        (
            "content/events/2024/2024-09-01-redirect-from-not-an-id.md:10: redirect_from[0]: "
            "'Talks_Resume' is not an id: use lowercase letters, digits and hyphens"
        ),
    ],
    "event_id_is_a_year": [
        (
            "content/events/2024/2024.md:1: id: '2024' is not a valid id for an event: "
            "events/2024/ is the page of the events of a year; name the file with its date "
            "and a few words, e.g. 2024-07-25-battle-of-north-town"
        ),
    ],
    "event_redirect_from_a_year": [
        (
            "content/events/2024/2024-09-01-talks-resume.md:10: redirect_from[0]: '2024' cannot "
            "be an old id: events/2024/ is the page of the events of a year"
        ),
    ],
    "source_accessed_without_a_link": [
        (
            "content/sources/radio-bulletin.md:7: accessed: says when a link was opened: "
            "give url or archive_url too"
        ),
    ],
    "id_not_lowercase_hyphenated": [
        (
            "content/actors/Rebel_Front_2.md:1: id: 'Rebel_Front_2' is not a valid id: name the "
            "file with lowercase letters, digits and hyphens (and not 'index')"
        ),
    ],
    "actor_in_subfolder": [
        (
            "content/actors/allies/army-allies-2.md:1: file: actors must be files directly in "
            "actors/"
        ),
    ],
    "unknown_field": [
        (
            "content/events/2024/2024-09-01-unknown-field.md:6: sub_typ: unknown field (did you "
            "mean 'sub_type'?)"
        ),
    ],
    "event_sides_not_among_actors": [
        (
            "content/events/2024/2024-09-01-sides-not-among-actors.md:8: assoc_actor_1[1]: "
            "'militia' is not in this event's actors"
        ),
        (
            "content/events/2024/2024-09-01-sides-not-among-actors.md:9: actor2: 'rebels' is "
            "on both sides"
        ),
        (
            "content/events/2024/2024-09-01-sides-not-among-actors.md:10: assoc_actor_2[0]: "
            "'army-allies' is on both sides"
        ),
    ],
    "event_associated_actors_without_a_side": [
        (
            "content/events/2024/2024-09-01-associated-without-a-side.md:7: assoc_actor_2: "
            "associated actors need the main actor of their side (actor2)"
        ),
    ],
    "bad_choice": [
        (
            "content/events/2024/2024-09-01-bad-choice.md:5: type: 'battle' is not one of: "
            "battles, explosions-remote-violence, violence-against-civilians, protests, riots, "
            "strategic-developments (did you mean 'battles'?)"
        ),
    ],
    "location_precision_without_coordinates": [
        (
            "content/locations/dry-well.md:5: geo_precision: says how precise lat and lon are: "
            "give them too"
        ),
    ],
    "location_lat_without_lon": [
        "content/locations/south-well.md:5: lat: give both lat and lon, or neither",
    ],
    "bad_figure": [
        (
            "content/events/2024/2024-09-01-bad-figure.md:13: claims[0].figure: 'about 10' is not "
            "a figure: use 6, 80+ (at least), <100 (at most), 25-82 (a range), dozens, tens or "
            "hundreds"
        ),
        (
            "content/events/2024/2024-09-01-bad-figure.md:19: claims[1].figure: range 5-2 runs "
            "backwards: write 2-5"
        ),
    ],
    "supersedes_errors": [
        (
            "content/events/2024/2024-09-01-supersedes-errors.md:22: claims[1].supersedes: claim "
            "'army-count' is by 'army'; a claim can only revise its claimant's own earlier claim"
        ),
        (
            "content/events/2024/2024-09-01-supersedes-errors.md:29: claims[2].supersedes: no "
            "claim 'army-cout' in this event (did you mean 'army-count'?)"
        ),
        (
            "content/events/2024/2024-09-01-supersedes-errors.md:36: claims[3].supersedes: a claim "
            "cannot supersede itself"
        ),
    ],
    "supersedes_later_claim": [
        (
            "content/events/2024/2024-09-01-supersedes-later-claim.md:15: claims[0].supersedes: "
            "claim 1 comes after this one; a claim can only revise an earlier claim"
        ),
    ],
    # The file's own problems only: the events naming 'army' are not told it is unknown.
    "invalid_actor_referenced_elsewhere": [
        "content/actors/army.md:2: nam: unknown field (did you mean 'name'?)",
        "content/actors/army.md:2: name: is required",
    ],
    # Several bad files at once, and several problems in one file: every line, sorted.
    "several_bad_files": [
        (
            "content/actors/militia.md:4: affiliated_with[1]: unknown actor 'armi' (did you mean "
            "'army'?)"
        ),
        (
            "content/actors/town-guard.md:3: kind: 'milita' is not one of: state forces, rebel "
            "group, political militia, identity militia, rioters, protesters, civilians, "
            "external/other forces, government body, person, media"
        ),
        "content/events/2024/2024-09-01-several-problems.md:2: summary: is required",
        (
            "content/events/2024/2024-09-01-several-problems.md:4: end: 2024-08 is before the "
            "date 2024-09-01"
        ),
        (
            "content/events/2024/2024-09-01-several-problems.md:9: sumary: unknown field (did you "
            "mean 'summary'?)"
        ),
        (
            "content/events/2024/2024-09-02-unknown-claimant.md:11: claims[0].by: unknown actor "
            "'rebel' (did you mean 'rebels'?)"
        ),
        "content/locations/south-well.md:3: lon: give both lat and lon, or neither",
        (
            "content/sources/radio-bulletin.md:6: archive_url: 'javascript:alert(1)': only http "
            "and https links are allowed"
        ),
    ],
}

# Cases that are valid: content the validator must accept.
VALID_CASES = ("valid_end_known_to_the_month", "location_off_its_country")

WARNING_LINE = re.compile(r"^[^:\s]+\.md:\d+: [^:]+: warning: .+$")


def make_content(tmp_path: Path, case: str | None = None) -> Path:
    """The fixture chronicle with a case's files laid over it, as tmp_path/content."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    if case is not None:
        shutil.copytree(CASES_DIR / case, content, dirs_exist_ok=True)
    return content


def check(cwd: Path, *args: str):
    """Run `chronicle check ARGS` in ``cwd`` through the click entry point."""
    here = Path.cwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(main, ["check", *args])
    finally:
        os.chdir(here)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    return result


def errors_summary(count: int) -> str:
    return f"{count} error{'s' if count != 1 else ''}, 0 warnings"


def test_every_case_folder_has_its_expected_lines():
    folders = sorted(p.name for p in CASES_DIR.iterdir() if p.is_dir())
    assert folders == sorted([*CASES, *VALID_CASES])


@pytest.mark.parametrize("case", sorted(CASES))
def test_check_prints_the_exact_problem_lines(case, tmp_path):
    make_content(tmp_path, case)
    result = check(tmp_path, "content")
    lines = result.stdout.splitlines()
    assert lines == CASES[case]
    assert lines == sorted(lines, key=lambda line: (line.split(":")[0], int(line.split(":")[1])))
    assert result.stderr.strip() == errors_summary(len(CASES[case]))
    assert result.exit_code == 1


@pytest.mark.parametrize("case", VALID_CASES)
def test_check_accepts_valid_edge_cases(case, tmp_path):
    make_content(tmp_path, case)
    result = check(tmp_path, "content")
    lines = result.stdout.splitlines()
    assert all(WARNING_LINE.match(line) for line in lines), lines
    assert result.exit_code == 0


def test_a_place_off_its_country_or_far_from_every_outline_is_a_warning(tmp_path):
    make_content(tmp_path, "location_off_its_country")
    result = check(tmp_path, "content", "--no-cache")
    lines = [line for line in result.stdout.splitlines() if ": lat: " in line]
    assert lines == [
        (
            "content/locations/abeche-given-sudan.md:4: lat: warning: 13.83, 20.83 lies in "
            "Chad (TD), not in Sudan (SD), the place's country: check lat, lon and country"
        ),
        (
            "content/locations/at-sea.md:3: lat: warning: -30, -20 lies far from every "
            "country's outline: check lat and lon"
        ),
        (
            "content/locations/lost-in-the-pacific.md:4: lat: warning: 0.5, -150 lies far from "
            "every country's outline, not in Sudan (SD): check lat and lon"
        ),
        "content/locations/river-post.md:2: lat: warning: has no coordinates (lat, lon)",
    ]  # on-the-border.md, a few kilometres over the simplified border, is no warning
    assert result.exit_code == 0


def test_fixture_chronicle_is_valid():
    result = check(ROOT, str(FIXTURE.relative_to(ROOT)))
    lines = result.stdout.splitlines()
    assert all(WARNING_LINE.match(line) for line in lines), lines
    assert result.stderr.strip() == f"content is valid ({len(lines)} warnings)"
    assert result.exit_code == 0


def test_real_content_is_valid_with_the_console_script():
    done = subprocess.run(
        ["chronicle", "check", "content"],
        check=False,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    lines = done.stdout.splitlines()
    assert all(WARNING_LINE.match(line) and line.startswith("content/") for line in lines), lines
    summary = "content is valid" + (f" ({len(lines)} warnings)" if lines else "")
    assert done.stderr.strip() == summary
    assert done.returncode == 0


def test_console_script_prints_the_same_lines_without_traceback(tmp_path):
    make_content(tmp_path, "several_bad_files")
    done = subprocess.run(
        ["chronicle", "check", "content"],
        check=False,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.stdout.splitlines() == CASES["several_bad_files"]
    assert done.stderr.strip() == errors_summary(len(CASES["several_bad_files"]))
    assert "Traceback" not in done.stdout + done.stderr
    assert done.returncode == 1


def test_check_of_one_file_reports_that_file_only(tmp_path):
    make_content(tmp_path, "several_bad_files")
    result = check(tmp_path, "content/locations/south-well.md")
    assert result.stdout.splitlines() == [
        "content/locations/south-well.md:3: lon: give both lat and lon, or neither"
    ]
    assert result.exit_code == 1


ANSI = re.compile(r"\x1b\[[0-9;]*m")


def test_mkdocs_build_fails_with_the_same_lines_and_leaves_the_old_site(tmp_path):
    content = make_content(tmp_path, "several_bad_files")
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the previous build")
    # The build runs in ROOT, so its paths are relative to ROOT; so are check's here.
    expected = check(ROOT, str(content)).stdout.splitlines()
    shown = os.path.relpath(content, ROOT)
    assert expected == [
        line.replace("content/", f"{shown}/", 1) for line in CASES["several_bad_files"]
    ]

    done = build_with_mkdocs(content, site)
    output = ANSI.sub("", done.stdout + done.stderr)
    logged = [
        line.split("generator: ", 1)[1]
        for line in output.splitlines()
        if line.startswith("ERROR") and "generator: " in line
    ]
    assert logged == expected
    assert f"the content has {len(expected)} problems; nothing was built" in output
    assert "Traceback" not in output
    assert done.returncode == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "site"]
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert (site / "index.html").read_text() == "the previous build"


def test_mkdocs_build_of_bad_content_leaves_no_site(tmp_path):
    content = make_content(tmp_path, "bad_date")
    done = build_with_mkdocs(content, tmp_path / "site")
    assert done.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr
    assert "2024-09-01-bad-date.md:4: date: '2024-09-31' is not a date" in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content"]


def test_real_content_is_checked_by_default():
    """`chronicle check` with no argument checks ./content."""
    assert CONTENT.is_dir()
    result = check(ROOT)
    assert result.exit_code == 0
    assert result.stderr.startswith("content is valid")
