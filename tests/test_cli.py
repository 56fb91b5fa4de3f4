"""The `chronicle` command through its entry points: `check` formats, `new`, `--help`.

`tests/cli/mistakes/` is a content folder with errors, `tests/cli/warnings/`
a valid one with one of each warning. Scaffolding runs on a copy of the
fixture chronicle in a temporary folder.
"""

from __future__ import annotations

import datetime
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.cli import format_problems, main
from generator.content.model import Problem
from generator.content.schema import KINDS
from tests.conftest import FIXTURE, ROOT, SITE_URL

MISTAKES = "tests/cli/mistakes"
WARNINGS = "tests/cli/warnings"
CLASH = f"{MISTAKES}/events/2024/2024-07-25-clash.md"
RAID = f"{MISTAKES}/events/2024/2024-07-26-raid.md"
PATROL = f"{MISTAKES}/events/2024/2024-07-27-patrol.md"
CHOICES = (
    "battles, explosions-remote-violence, violence-against-civilians, protests, riots, "
    "strategic-developments"
)


def run(args: list[str], cwd: Path) -> Result:
    """`chronicle ARGS` run in ``cwd`` through the click entry point; never a traceback."""
    here = Path.cwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(main, args)
    finally:
        os.chdir(here)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    return result


def copy_fixture(tmp_path: Path) -> Path:
    """The fixture chronicle as tmp_path/content, with the project's mkdocs.yml beside it."""
    shutil.copytree(FIXTURE, tmp_path / "content")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path / "content"


def days_since(before: datetime.date) -> set[str]:
    """The dates from ``before`` to today: a run that straddles midnight may use either."""
    return {before.isoformat(), datetime.date.today().isoformat()}


# --- check: the same problems as text, GitHub annotations and JSON -------------------------

MISTAKE_ROWS = [
    (CLASH, 2, "titel", "unknown field (did you mean 'title'?)"),
    (CLASH, 2, "title", "is required"),
    (CLASH, 5, "end", "2024-07-20 is before the date 2024-07-25"),
    (CLASH, 6, "type", f"'battle' is not one of: {CHOICES} (did you mean 'battles'?)"),
    (RAID, 6, "actors[0]", "unknown actor 'armi' (did you mean 'army'?)"),
]

WARNING_ROWS = [
    (f"{WARNINGS}/actors/press-office.md", 2, "id", "no event names this actor"),
    (f"{WARNINGS}/events/2024/2024-07-25-clash.md", 8, "sources", "rests on a single source"),
    (
        f"{WARNINGS}/events/2024/2024-07-25-clash.md",
        10,
        "claims[0].date",
        "claim has no date: say when it was made",
    ),
    (
        f"{WARNINGS}/events/2024/2024-07-25-clash.md",
        21,
        "claims[1].parts",
        (
            "the parts sum to 11 but the figure is 12; "
            "the site shows the claim as internally inconsistent"
        ),
    ),
    (f"{WARNINGS}/locations/north-town.md", 2, "lat", "has no coordinates (lat, lon)"),
    (f"{WARNINGS}/sources/army-statement.md", 2, "url", "has neither url nor archive_url"),
]


def test_check_text_prints_path_line_field_message():
    result = run(["check", MISTAKES], ROOT)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{CLASH}:2: titel: unknown field (did you mean 'title'?)",
        f"{CLASH}:2: title: is required",
        f"{CLASH}:5: end: 2024-07-20 is before the date 2024-07-25",
        f"{CLASH}:6: type: 'battle' is not one of: {CHOICES} (did you mean 'battles'?)",
        f"{RAID}:6: actors[0]: unknown actor 'armi' (did you mean 'army'?)",
    ]
    assert result.stderr == "5 errors, 0 warnings\n"


def test_check_github_prints_workflow_commands():
    result = run(["check", "--format", "github", MISTAKES], ROOT)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"::error file={CLASH},line=2,title=titel::unknown field (did you mean 'title'?)",
        f"::error file={CLASH},line=2,title=title::is required",
        f"::error file={CLASH},line=5,title=end::2024-07-20 is before the date 2024-07-25",
        (
            f"::error file={CLASH},line=6,title=type::'battle' is not one of: {CHOICES} (did you "
            "mean 'battles'?)"
        ),
        (
            f"::error file={RAID},line=6,title=actors[0]::unknown actor 'armi' (did you mean "
            "'army'?)"
        ),
    ]


def test_check_json_prints_a_list_of_problems():
    result = run(["check", "--format", "json", MISTAKES], ROOT)
    assert result.exit_code == 1
    assert json.loads(result.stdout) == [
        {"path": path, "line": line, "field": field, "message": message, "severity": "error"}
        for path, line, field, message in MISTAKE_ROWS
    ]


def test_warnings_in_each_format_never_fail():
    text = run(["check", WARNINGS], ROOT)
    github = run(["check", "--format", "github", WARNINGS], ROOT)
    as_json = run(["check", "--format", "json", WARNINGS], ROOT)
    assert (text.exit_code, github.exit_code, as_json.exit_code) == (0, 0, 0)
    assert text.stdout.splitlines() == [
        f"{path}:{line}: {field}: warning: {message}" for path, line, field, message in WARNING_ROWS
    ]
    assert text.stderr == "content is valid (6 warnings)\n"
    assert github.stdout.splitlines() == [
        f"::warning file={path},line={line},title={field}::{message}"
        for path, line, field, message in WARNING_ROWS
    ]
    assert json.loads(as_json.stdout) == [
        {"path": path, "line": line, "field": field, "message": message, "severity": "warning"}
        for path, line, field, message in WARNING_ROWS
    ]


def test_warnings_never_fail_the_strict_build(fixture_site):
    result = run(["check", "--format", "json", str(FIXTURE.relative_to(ROOT))], ROOT)
    warned = {p["message"] for p in json.loads(result.stdout) if p["severity"] == "warning"}
    assert warned >= {
        "rests on a single source",
        "claim has no date: say when it was made",
        "has neither url nor archive_url",
        "has no coordinates (lat, lon)",
    }
    assert result.exit_code == 0
    # ...and the fixture chronicle was built with `mkdocs build --strict`.
    assert (fixture_site / "events" / "2024-08-agreement" / "index.html").is_file()


def test_check_json_without_problems_is_an_empty_list():
    result = run(["check", "--format", "json", f"{WARNINGS}/actors/army.md"], ROOT)
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []


def test_github_format_escapes_what_would_end_a_property_or_a_line():
    problem = Problem("content/a,b:c.md", 3, "claims[0].says", "50% said:\nyes, no")
    assert format_problems([problem], "github") == (
        "::error file=content/a%2Cb%3Ac.md,line=3,title=claims[0].says::50%25 said:%0Ayes, no"
    )


def test_checking_one_file_validates_its_references_against_the_whole_folder():
    # The patrol names the actor 'army', which is in another file: no error. The clash's
    # and the raid's errors are not shown, and the summary says so.
    result = run(["check", PATROL], ROOT)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "content is valid",
        (
            f"5 errors in other files of {MISTAKES} not shown (an entry with errors reads as "
            f"unknown where it is named): run chronicle check {MISTAKES}"
        ),
    ]


def test_checking_one_file_shows_its_unknown_references():
    result = run(["check", "--format", "github", RAID], ROOT)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        (
            f"::error file={RAID},line=6,title=actors[0]::unknown actor 'armi' (did you mean "
            "'army'?)"
        ),
    ]


def test_checking_a_subfolder_checks_its_files_as_entries():
    result = run(["check", "--format", "json", f"{MISTAKES}/events/2024"], ROOT)
    assert result.exit_code == 1
    assert [(p["path"], p["field"]) for p in json.loads(result.stdout)] == [
        (path, field) for path, _, field, _ in MISTAKE_ROWS
    ]


# --- help ------------------------------------------------------------------------------


def test_console_script_lists_its_commands():
    done = subprocess.run(
        ["chronicle", "--help"], cwd=ROOT, capture_output=True, text=True, check=False, timeout=60
    )
    assert done.returncode == 0, done.stderr
    commands = re.findall(r"^  (\w+) ", done.stdout.split("Commands:")[1], re.MULTILINE)
    assert commands == ["check", "diff", "init", "new", "overlap", "pages", "schema"]


def test_new_help_lists_every_kind():
    result = run(["new", "--help"], ROOT)
    assert result.exit_code == 0
    commands = re.findall(r"^  (\w+) ", result.stdout.split("Commands:")[1], re.MULTILINE)
    assert sorted(commands) == sorted(KINDS)


@pytest.mark.parametrize(
    ("kind", "options"),
    [
        ("event", ["--title", "--date", "--actor", "--location", "--source", "--content"]),
        ("actor", ["--name", "--content"]),
        ("location", ["--name", "--content"]),
        ("source", ["--publisher", "--title", "--date", "--url", "--content"]),
    ],
)
def test_each_new_command_has_help(kind, options):
    result = run(["new", kind, "--help"], ROOT)
    assert result.exit_code == 0
    assert re.match(rf"Usage: .* new {kind} \[OPTIONS\] ID\n", result.stdout)
    shown = re.findall(r"^  (--[\w-]+)", result.stdout, re.MULTILINE)
    assert sorted(shown) == sorted([*options, "--config", "--help"])


# --- new: scaffolding from the schema ---------------------------------------------------

EVENT_ID = "2024-08-02-clash-at-river-post"
EVENT_FILE = f"content/events/2024/{EVENT_ID}.md"


def new_event(tmp_path: Path, *extra: str) -> Result:
    return run(
        [
            "new",
            "event",
            EVENT_ID,
            "--title",
            "Clash at: River Post",
            "--actor",
            "army",
            "--actor",
            "rebels",
            "--location",
            "river-post",
            "--source",
            "wire-report",
            *extra,
        ],
        tmp_path,
    )


def front_lines(text: str) -> list[str]:
    return text.split("---\n")[1].splitlines()


def line_of(text: str, pattern: str) -> int:
    """The 1-based line of the first line matching ``pattern``."""
    return next(i for i, line in enumerate(text.splitlines(), 1) if re.match(pattern, line))


def test_new_event_writes_every_field_with_its_help(tmp_path):
    copy_fixture(tmp_path)
    result = new_event(tmp_path)
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"wrote {EVENT_FILE}: replace every TODO, then run: chronicle check {EVENT_FILE}\n"
    )
    text = (tmp_path / EVENT_FILE).read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == "---"
    assert lines[1] == f"# yaml-language-server: $schema={SITE_URL}schema/event.json"
    comments = " ".join(line.lstrip("# ") for line in front_lines(text) if "#" in line)
    comments = re.sub(r"\s+", " ", comments)
    for f in KINDS["event"]:
        if f.required and f.type != "records":
            assert re.search(rf"^{f.name}: ", text, re.MULTILINE), f.name
        else:
            assert re.search(rf"^# {f.name}:", text, re.MULTILINE), f.name
        assert f.help in comments, f.name
        for sub in f.fields:
            assert re.search(rf"^# (  - |    )(# )?{sub.name}: ", text, re.MULTILINE), sub.name
            assert sub.help in comments, sub.name
    assert "title: 'Clash at: River Post'" in lines
    assert "date: '2024-08-02'" in lines  # from the id
    assert "actors: [army, rebels]" in lines
    assert "locations: [river-post]" in lines
    assert "sources: [wire-report]" in lines
    assert "type: TODO" in lines
    assert f"One of: {CHOICES}." in comments


def test_a_new_event_is_refused_until_its_placeholders_are_filled(tmp_path):
    copy_fixture(tmp_path)
    assert new_event(tmp_path).exit_code == 0
    path = tmp_path / EVENT_FILE
    text = path.read_text(encoding="utf-8")
    refused = run(["check", EVENT_FILE], tmp_path)
    assert refused.exit_code == 1
    assert refused.stdout.splitlines() == [
        (
            f"{EVENT_FILE}:{line_of(text, 'summary:')}: summary: fill in the placeholder TODO: One "
            "sentence saying what happened."
        ),
        (
            f"{EVENT_FILE}:{line_of(text, 'type:')}: type: fill in the placeholder TODO: ACLED's "
            f"event type. One of: {CHOICES}."
        ),
        (
            f"{EVENT_FILE}:{line_of(text, 'TODO:')}: body: fill in the placeholder TODO: replace "
            "the line with the text"
        ),
    ]
    for github in run(["check", "--format", "github", EVENT_FILE], tmp_path).stdout.splitlines():
        assert github.startswith(f"::error file={EVENT_FILE},line=")

    text = text.replace("summary: TODO", "summary: The army and the rebels clashed.")
    text = text.replace("type: TODO", "type: battles")
    text = re.sub(
        r"^TODO: .*$", "The army and the rebels clashed.[^wire-report]", text, flags=re.MULTILINE
    )
    path.write_text(text, encoding="utf-8")
    accepted = run(["check", EVENT_FILE], tmp_path)
    assert accepted.exit_code == 0, accepted.output
    assert (
        accepted.stdout == f"{EVENT_FILE}:{line_of(text, 'sources:')}: sources: warning: "
        "rests on a single source\n"
    )


def test_an_optional_record_uncommented_but_not_filled_is_refused(tmp_path):
    copy_fixture(tmp_path)
    new_event(tmp_path)
    path = tmp_path / EVENT_FILE
    text = path.read_text(encoding="utf-8")
    text = text.replace("summary: TODO", "summary: The army and the rebels clashed.")
    text = text.replace("type: TODO", "type: battles")
    text = re.sub(r"^TODO: .*$", "A clash.[^wire-report]", text, flags=re.MULTILINE)
    # Uncomment the claims block as CONTRIBUTING.md says: delete the "# " of its lines.
    block = re.search(r"^# claims:\n(?:#.*\n)+?(?=\n)", text, re.MULTILINE)[0]
    text = text.replace(block, re.sub(r"^# ", "", block, flags=re.MULTILINE))
    path.write_text(text, encoding="utf-8")
    result = run(["check", "--format", "json", EVENT_FILE], tmp_path)
    assert result.exit_code == 1
    assert [(p["field"], p["line"]) for p in json.loads(result.stdout)] == [
        (f"claims[0].{name}", line_of(text, rf"\s+-? ?{name}: TODO"))
        for name in ("about", "by", "says", "source")
    ]


@pytest.mark.parametrize(
    ("kind", "ident", "options", "fill"),
    [
        (
            "actor",
            "town-guard",
            ["--name", "Town guard"],
            {"TODO: Say in a few neutral sentences who the actor is.": "A militia."},
        ),
        (
            "location",
            "south-well",
            ["--name", "South Well"],
            {"TODO: Say in a sentence or two where the place is.": "A well in the south."},
        ),
        (
            "source",
            "radio-2024-08-03-bulletin",
            [
                "--publisher",
                "Radio North",
                "--title",
                "Evening bulletin",
                "--date",
                "2024-08-03",
                "--url",
                "https://radio.example.org/2024-08-03",
            ],
            {
                "language: TODO": "language: fr",
                "TODO: Say in a sentence or two what the source reports and how it is known.": "An evening news bulletin.",
            },
        ),
    ],
)
def test_new_terms_are_refused_until_filled(tmp_path, kind, ident, options, fill):
    content = copy_fixture(tmp_path)
    result = run(["new", kind, ident, *options], tmp_path)
    assert result.exit_code == 0, result.output
    folder = {"actor": "actors", "location": "locations", "source": "sources"}[kind]
    shown = f"content/{folder}/{ident}.md"
    path = content / folder / f"{ident}.md"
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[1] == f"# yaml-language-server: $schema={SITE_URL}schema/{kind}.json"
    refused = run(["check", shown], tmp_path)
    assert refused.exit_code == 1
    assert [line.split(": ")[0] for line in refused.stdout.splitlines()] == [
        f"{shown}:{line_of(text, re.escape(todo))}" for todo in fill
    ]
    for todo, value in fill.items():
        text = text.replace(todo, value)
    path.write_text(text, encoding="utf-8")
    accepted = run(["check", "--format", "json", shown], tmp_path)
    assert accepted.exit_code == 0, accepted.output
    assert all(p["severity"] == "warning" for p in json.loads(accepted.stdout))


def test_new_source_dates_itself_today_and_new_event_without_a_date_too(tmp_path):
    content = copy_fixture(tmp_path)
    before = datetime.date.today()
    assert run(["new", "source", "radio-bulletin"], tmp_path).exit_code == 0
    assert run(["new", "event", "talks-resume"], tmp_path).exit_code == 0
    days = days_since(before)
    text = (content / "sources" / "radio-bulletin.md").read_text(encoding="utf-8")
    assert re.search(r"^date: '(.*)'$", text, re.MULTILINE)[1] in days
    [path] = (content / "events").rglob("talks-resume.md")
    assert path.parent.name in {d[:4] for d in days}
    text = path.read_text(encoding="utf-8")
    assert re.search(r"^date: '(.*)'$", text, re.MULTILINE)[1] in days


def test_new_event_takes_its_year_folder_from_the_date(tmp_path):
    content = copy_fixture(tmp_path)
    result = run(["new", "event", "talks-resume", "--date", "2023-05"], tmp_path)
    assert result.exit_code == 0, result.output
    text = (content / "events" / "2023" / "talks-resume.md").read_text(encoding="utf-8")
    assert "date: 2023-05" in text.splitlines()
    assert "# end: 2023-05" in text.splitlines()  # optional dates default to the event's


def test_new_refuses_to_overwrite(tmp_path):
    copy_fixture(tmp_path)
    path = tmp_path / EVENT_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("mine\n", encoding="utf-8")
    result = new_event(tmp_path)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: {EVENT_FILE} already exists: edit it, or choose another id",
        "nothing written (1 problem)",
    ]
    assert path.read_text(encoding="utf-8") == "mine\n"


def test_new_event_date_must_be_in_the_year_its_id_starts_with(tmp_path):
    content = copy_fixture(tmp_path)
    result = run(["new", "event", "2024-08-agreement", "--date", "2025"], tmp_path)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        (
            "error: --date: 2025 is not in 2024, the year the id starts with: name the event after "
            "its date"
        ),
        (
            "error: content/events/2024/2024-08-agreement.md already exists: edit it, or choose "
            "another id"
        ),
        "nothing written (2 problems)",
    ]
    assert not (content / "events" / "2025").exists()


def test_new_refuses_an_id_used_in_another_year(tmp_path):
    content = copy_fixture(tmp_path)
    (content / "events" / "2023").mkdir()
    shutil.copy(content / "events/2024/2024-08-agreement.md", content / "events/2023/talks.md")
    result = run(["new", "event", "talks", "--date", "2024-01"], tmp_path)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "error: the id 'talks' is already used by content/events/2023/talks.md",
        "nothing written (1 problem)",
    ]
    assert not (content / "events" / "2024" / "talks.md").exists()


def test_new_event_checks_that_its_references_exist(tmp_path):
    content = copy_fixture(tmp_path)
    before = sorted(p.relative_to(content) for p in content.rglob("*"))
    result = run(
        [
            "new",
            "event",
            EVENT_ID,
            "--actor",
            "army",
            "--actor",
            "rebel",
            "--location",
            "northtown",
            "--source",
            "wire-reprot",
            "--source",
            "bbc",
            "--date",
            "2024-13",
        ],
        tmp_path,
    )
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "error: --date: '2024-13' is not a date: use YYYY-MM-DD, YYYY-MM or YYYY",
        (
            "error: --actor: unknown actor 'rebel' (did you mean 'rebels'?); the actors are files "
            "in content/actors/"
        ),
        (
            "error: --location: unknown location 'northtown' (did you mean 'north-town'?); the "
            "locations are files in content/locations/"
        ),
        (
            "error: --source: unknown source 'wire-reprot' (did you mean 'wire-report'?); the "
            "sources are files in content/sources/"
        ),
        "error: --source: unknown source 'bbc'; the sources are files in content/sources/",
        "nothing written (5 problems)",
    ]
    assert sorted(p.relative_to(content) for p in content.rglob("*")) == before


@pytest.mark.parametrize("ident", ["Battle_of_X", "index", "2024-07-25-", "bataille-à-x"])
def test_new_refuses_an_invalid_id(tmp_path, ident):
    copy_fixture(tmp_path)
    result = run(["new", "actor", ident], tmp_path)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        (
            f"error: {ident!r} is not a valid id: use lowercase letters, digits and hyphens (and not "
            "'index'), e.g. 2024-07-25-battle-of-north-town"
        ),
        "nothing written (1 problem)",
    ]


def test_new_refuses_a_year_as_an_event_id(tmp_path):
    content = copy_fixture(tmp_path)
    before = sorted(p.relative_to(content) for p in content.rglob("*"))
    result = run(["new", "event", "2024"], tmp_path)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        (
            "error: '2024' is not a valid id for an event: events/2024/ is the page of the "
            "events of a year; name the file with its date and a few words, e.g. "
            "2024-07-25-battle-of-north-town"
        ),
        "nothing written (1 problem)",
    ]
    assert sorted(p.relative_to(content) for p in content.rglob("*")) == before
    # An actor may be called 2024: only events share the address of a year's page.
    assert run(["new", "actor", "2024"], tmp_path).exit_code == 0


def test_new_without_a_content_folder_says_where_to_run_it(tmp_path):
    result = run(["new", "actor", "army"], tmp_path)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "error: content is not a folder: run this from the repository root, or give --content",
        "nothing written (1 problem)",
    ]


def test_new_without_a_site_url_writes_no_schema_line(tmp_path):
    copy_fixture(tmp_path)
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    assert run(["new", "actor", "town-guard"], tmp_path).exit_code == 0
    text = (tmp_path / "content" / "actors" / "town-guard.md").read_text(encoding="utf-8")
    assert text.startswith("---\n# A new actor: replace every TODO below")
    assert "yaml-language-server" not in text


def test_new_through_the_console_script(tmp_path):
    copy_fixture(tmp_path)
    done = subprocess.run(
        ["chronicle", "new", "location", "south-well", "--name", "South Well"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == (
        "wrote content/locations/south-well.md: replace every TODO, then run: "
        "chronicle check content/locations/south-well.md\n"
    )
    assert "name: South Well" in (tmp_path / "content/locations/south-well.md").read_text()
