"""`chronicle overlap DIR`: the runs of words the chronicle's prose shares with its sources.

Each folder of tests/overlap/ is one case, named for it: a small ``content/``
and the ``articles/`` it was written from. The command runs in the case's
folder, so that the lines it prints are the lines an editor reads.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.cli import main
from generator.content.overlap import (
    Prose,
    SourceText,
    Words,
    find_overlaps,
    fold,
    quoted_spans,
)
from tests.conftest import ROOT

CASES = ROOT / "tests" / "overlap"
HELICOPTER = "content/events/2024/2024-09-helicopter-down.md"
TOWN = "content/events/2024/2024-09-town-taken.md"


def overlap(case: str, *args: str) -> Result:
    here = Path.cwd()
    os.chdir(CASES / case)
    try:
        result = CliRunner().invoke(main, ["overlap", "articles", *args])
    finally:
        os.chdir(here)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    return result


def test_copied_sentences_are_listed_with_file_line_and_field_and_fail():
    result = overlap("copied_sentences")
    assert result.stdout.splitlines() == [
        (
            f"{HELICOPTER}:3: summary: 17 words, unquoted, shared with articles/wire.txt:2: "
            "\u201cTHE REBELS SAID, on Saturday, that they had shot down an army helicopter over "
            "the northern town\u201d"
        ),
        (
            f"{HELICOPTER}:12: claims[0].says: 11 words, unquoted, shared with articles/wire.txt:2: "
            "\u201cThey had shot down an army helicopter over the northern town\u201d"
        ),
        (
            f"{HELICOPTER}:16: body: 12 words, unquoted, shared with articles/ukrainian.txt:2: "
            "\u201c\u041f\u043e\u0432\u0441\u0442\u0430\u043d\u0446\u0456 \u0430\u043a\u0442\u0438"
            "\u0432\u043d\u043e \u0432\u0438\u043a\u043e\u0440\u0438\u0441\u0442\u043e\u0432\u0443"
            "\u044e\u0442\u044c \u0443\u0434\u0430\u0440\u043d\u0456 FPV-\u0434\u0440\u043e\u043d"
            "\u0438 \u0434\u043b\u044f \u043f\u0440\u0438\u043c\u0443\u0448\u0435\u043d\u043d\u044f "
            "\u0432\u0456\u0439\u0441\u044c\u043a\u043e\u0432\u0438\u0445 \u0437\u0430\u043b\u0438"
            "\u0448\u0430\u0442\u0438 \u0441\u0432\u043e\u0457 \u0431\u0430\u0437\u0438\u201d"
        ),
        (
            f"{HELICOPTER}:18: body: 16 words, unquoted, shared with articles/arabic.txt:1: "
            "\u201c\u0648\u0623\u0641\u0627\u062f \u0627\u0644\u062c\u064a\u0634\u064f \u0641\u064a "
            "\u0645\u0627\u0644\u064a \u0639\u0628\u0631 \u0645\u0648\u0627\u0642\u0639 \u0627\u0644"
            "\u062a\u0648\u0627\u0635\u0644 \u0627\u0644\u0627\u062c\u062a\u0645\u0627\u0639\u064a "
            "\u0623\u0646 \u0645\u064f\u0639\u0633\u0643\u0631\u0647 \u0641\u064a \u062f\u064a\u0648"
            "\u0631\u0627 \u062a\u0639\u0631\u0651\u0636 \u0645\u0646\u062a\u0635\u0641 \u0627\u0644"
            "\u0646\u0647\u0627\u0631 \u0644\u0647\u062c\u0648\u0645\u201d"
        ),
    ]
    assert result.stderr == (
        "4 runs of 8 or more words shared with 3 texts; "
        "4 with 10 or more words outside quotation marks\n"
    )
    assert result.exit_code == 1


def test_a_run_shorter_than_the_minimum_and_an_actors_other_names_are_not_listed():
    result = overlap("copied_sentences")
    # "a short line of five words" is shared with wire.txt but has 6 words; the
    # rebels' alias repeats the claim's copied words but is a name, not prose.
    assert "actors/rebels.md" not in result.stdout
    assert "short line" not in result.stdout


def test_the_limit_and_the_minimum_are_options():
    shorter = overlap("copied_sentences", "--min-words", "5")
    assert "content/actors/rebels.md:6: body: 6 words, unquoted, shared with " in shorter.stdout
    assert "articles/wire.txt:3: \u201ca short line of five words\u201d" in shorter.stdout
    longer = overlap("copied_sentences", "--fail-words", "18")
    assert longer.exit_code == 0
    assert longer.stderr.endswith("0 with 18 or more words outside quotation marks\n")


def test_quoted_runs_name_their_claimant_and_source_titles_are_marked():
    result = overlap("quoted_and_titles")
    assert result.stdout.splitlines() == [
        (
            f"{TOWN}:12: claims[0].says: 11 words, quoted, by front, shared with "
            "articles/statement.txt:2: \u201cOur fighters control the town and the whole region "
            "further south\u201d"
        ),
        (
            f"{TOWN}:15: claims[1].says: 14 words, partly quoted, 3 words outside quotation marks, "
            'shared with articles/statement.txt:3: \u201cThe army said "the area remained under '
            "surveillance and the situation was being monitored\u201d"
        ),
        (
            f"{TOWN}:17: body: 11 words, quoted, shared with articles/statement.txt:2: \u201cour "
            "fighters control the town and the whole region further south\u201d"
        ),
        (
            "content/sources/statement.md:4: title_en: 11 words, source title, shared with "
            "articles/statement.txt:2: \u201cOur fighters control the town and the whole region "
            "further south\u201d"
        ),
    ]
    assert result.exit_code == 0


def test_unquoted_lists_only_the_runs_in_the_chronicles_own_voice():
    result = overlap("quoted_and_titles", "--unquoted")
    assert [line.split(": ")[0] for line in result.stdout.splitlines()] == [f"{TOWN}:15"]


def test_json_lists_every_run_with_its_kind():
    rows = json.loads(overlap("quoted_and_titles", "--format", "json").stdout)
    assert [(r["field"], r["kind"], r["claimant"], r["unquoted_words"]) for r in rows] == [
        ("claims[0].says", "quoted, by front", "front", 0),
        ("claims[1].says", "partly quoted, 3 words outside quotation marks", None, 3),
        ("body", "quoted", None, 0),
        ("title_en", "source title", None, 0),
    ]
    assert rows[0] == {
        "path": TOWN,
        "line": 12,
        "field": "claims[0].says",
        "words": 11,
        "kind": "quoted, by front",
        "quoted": True,
        "claimant": "front",
        "source_title": False,
        "unquoted_words": 0,
        "text": "Our fighters control the town and the whole region further south",
        "source": "articles/statement.txt",
        "source_line": 2,
    }


def test_files_that_cannot_be_read_are_reported_and_fail():
    result = overlap("unreadable_files")
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        (
            "content/events/2024/2024-09-broken.md:3: front matter: YAML syntax error: did not find "
            "expected ',' or ']'"
        ),
        "articles/scan.pdf:1: file: is not UTF-8 text; not compared",
        (
            "0 runs of 8 or more words shared with 1 text; 0 with 10 or more words outside "
            "quotation marks"
        ),
    ]
    assert result.exit_code == 1


def test_a_missing_folder_is_a_usage_error():
    result = overlap("quoted_and_titles", "--content", "no-such-folder")
    assert result.exit_code == 2
    assert "'no-such-folder' does not exist" in result.stderr


@pytest.mark.parametrize(
    ("word", "folded"),
    [
        ("Tinzaou\u00e2ten", "tinzaouaten"),
        ("GO\u00cfTA", "goita"),
        ("\u0419\u043e\u0433\u043e", "\u0438\u043e\u0433\u043e"),  # Й folds to и, as its source's
        ("\u0645\u064f\u0639\u0633\u0643\u0631\u0647", "\u0645\u0639\u0633\u0643\u0631\u0647"),
        ("\u0647\u062c\u0645\u0627\u062a\u0640", "\u0647\u062c\u0645\u0627\u062a"),  # tatweel
    ],
)
def test_fold_drops_case_accents_and_diacritics(word, folded):
    assert fold(word) == folded


def test_words_ignore_punctuation_and_footnote_markers():
    words = Words.of("The army's \u00abpullback\u00bb,[^kyiv-post] between Friday.")
    assert words.folded == ("the", "army", "s", "pullback", "kyiv", "post", "between", "friday")


def test_quoted_spans_pair_each_kind_of_quotation_mark():
    text = 'a "b" \u201cc\u201d \u00abd\u00bb e'
    assert [text[a:b] for a, b in quoted_spans(text)] == ["b", "c", "d"]


def test_runs_are_maximal_and_found_once():
    source = SourceText("a.txt", Words.of("one two three four five six seven eight nine ten"))
    prose = Prose("x.md", 1, "summary", "zero one two three four five six seven eight nine")
    (run,) = find_overlaps([prose], [source], 3)
    assert (run.words, run.text, run.kind) == (
        9,
        "one two three four five six seven eight nine",
        "unquoted",
    )
