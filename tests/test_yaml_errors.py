"""The YAML-error family reads the same whichever layer of PyYAML meets the problem first.

libyaml (bundled with PyYAML 6.0.4 and later) stops at 1,000 levels of nesting
on its own, before the project's loader counts levels; older releases let the
loader (or Python's recursion limit) refuse it. Either way the contributor reads
the project's message, at the line where the nesting is.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.content.document import NO_ALIASES, TOO_DEEP
from generator.content.index import build_chronicle
from generator.content.model import ContentError

HEAD = "---\ntitle: Nested\n"
TAIL = (
    "date: 2024-10-07\ntype: battles\nactors: [army]\nlocations: [north-town]\n"
    "sources: [wire-report]\n---\n\nBody.\n"
)


def _flow(depth: int) -> str:
    return "summary: " + "[" * depth + "]" * depth + "\n"


def _block(depth: int) -> str:
    return "summary:\n  " + "- " * depth + "x\n"


def _problems(tmp_path: Path, front_matter: str) -> list[str]:
    event = tmp_path / "content" / "events" / "nested.md"
    event.parent.mkdir(parents=True)
    event.write_text(HEAD + front_matter + TAIL, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        build_chronicle(tmp_path / "content", display="content")
    return [str(p) for p in caught.value.problems if p.path.endswith("nested.md")]


@pytest.mark.parametrize(
    ("front_matter", "line"),
    [
        (_flow(6), 3),
        (_flow(999), 3),
        (_flow(1_000), 3),
        (_flow(1_001), 3),
        (_flow(20_000), 3),
        (_block(6), 4),
        (_block(1_001), 4),
        (_block(20_000), 4),
    ],
    ids=[
        "flow-6",
        "flow-999",
        "flow-1000",
        "flow-1001",
        "flow-20000",
        "block-6",
        "block-1001",
        "block-20000",
    ],
)
def test_nesting_too_deep_gives_the_project_message_at_its_line(tmp_path, front_matter, line):
    assert _problems(tmp_path, front_matter) == [
        f"content/events/nested.md:{line}: front matter: {TOO_DEEP}"
    ]


def test_nesting_message_text():
    assert TOO_DEEP == "front matter is nested deeper than the schema allows"


def test_too_many_aliases_gives_the_project_message(tmp_path):
    laughs = 'a: &a ["lol","lol"]\nb: &b [*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b]\nsummary: *c\n'
    assert _problems(tmp_path, laughs) == [
        "content/events/nested.md:4: front matter: YAML anchors and aliases are not allowed"
    ]
    assert NO_ALIASES == "YAML anchors and aliases are not allowed"


def test_yaml_syntax_error_names_the_problem_and_its_line(tmp_path):
    problem = "YAML syntax error: did not find expected ',' or ']'"
    assert _problems(tmp_path, "summary: [unclosed\n") == [
        f"content/events/nested.md:4: front matter: {problem}"
    ]
