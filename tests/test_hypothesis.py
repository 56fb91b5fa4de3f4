"""Property: whatever a contributor writes, the loader answers with a chronicle
or with content errors that each name a file, a line and a message.

Arbitrary front matter (structured YAML, raw text, and bytes) and bodies are
written into a copy of the fixture chronicle and loaded with
``build_chronicle``; a valid chronicle is also rendered. Any other exception
fails the test. The examples are bounded and have no deadline, so that a slow
machine only takes longer.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from generator.content.index import build_chronicle
from generator.content.model import Chronicle, ContentError
from generator.content.schema import KINDS
from generator.site.render import render_pages
from tests.conftest import FIXTURE

SETTINGS = settings(
    deadline=None,
    max_examples=50,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

FIELD_NAMES = sorted(
    {f.name for fields in KINDS.values() for f in fields}
    | {sub.name for fields in KINDS.values() for f in fields for sub in f.fields}
)
KNOWN_IDS = [
    "army",
    "rebels",
    "army-allies",
    "north-town",
    "river-post",
    "wire-report",
    "local-paper",
    "army-statement",
    "battles",
    "first-count",
]
PLACES = ["events/2024", "events", "actors", "locations", "sources", "", "notes"]
MARKUP = [
    "<script>",
    "</script>",
    "<span>",
    "</span>",
    "<b",
    "<s>",
    "[x](",
    "](javascript:",
    "data:",
    "`",
    "```",
    "~~~",
    "{: ",
    "#",
    "&lt;",
    "&#106;",
    "\n",
    "\n\n",
    "<!--",
    "-->",
    "[^wire-report]",
    "[^nope]",
    "    ",
    "\t",
    "|",
    "---",
    "<svg",
    " onclick=",
    "![i](",
    '<time datetime="2024">',
    "\u00e9",
    "e\u0301",
    "\u202e",
    "\x00",
    "\r\n",
]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-10, 10**12),
    st.floats(allow_nan=True),
    st.sampled_from(KNOWN_IDS),
    st.sampled_from(
        [
            "2024",
            "2024-07",
            "2024-07-25",
            "2024-02-30",
            "80+",
            "<100",
            "25-82",
            "dozens",
            "x" * 6000,
        ]
    ),
    st.text(max_size=40),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(
            st.one_of(st.sampled_from(FIELD_NAMES), st.text(max_size=8)), inner, max_size=5
        ),
    ),
    max_leaves=20,
)
front_matter = st.dictionaries(st.sampled_from(FIELD_NAMES), values, max_size=12)
markup_text = st.lists(st.one_of(st.sampled_from(MARKUP), st.text(max_size=12)), max_size=25).map(
    "".join
)
file_names = st.one_of(
    st.sampled_from(["new-entry", "army", "index", "Bad Name", "a--b"]),
    st.text(alphabet="abcz019-_.", min_size=1, max_size=12),
)


def _outcome(files: dict[str, bytes]) -> None:
    """Load the fixture plus ``files``; only a Chronicle or a ContentError may come out."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "content"
        shutil.copytree(FIXTURE, root)
        for rel, data in files.items():
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_bytes(data)
        try:
            chronicle = build_chronicle(root, display="content")
        except ContentError as error:
            event("content errors")
            assert error.problems
            for problem in error.problems:
                assert isinstance(problem.path, str) and problem.path.startswith("content/")
                assert isinstance(problem.line, int) and problem.line >= 1
                assert problem.field and problem.message.strip()
                assert str(problem).startswith(f"{problem.path}:{problem.line}: ")
            return
        event("a valid chronicle")
        assert isinstance(chronicle, Chronicle)
        assert render_pages(chronicle)


def _rel(place: str, name: str) -> str:
    return f"{place}/{name}.md" if place else f"{name}.md"


@SETTINGS
@given(place=st.sampled_from(PLACES), name=file_names, data=front_matter, body=markup_text)
def test_structured_front_matter(place, name, data, body):
    text = "---\n" + yaml.safe_dump(data, allow_unicode=True) + "---\n" + body
    _outcome({_rel(place, name): text.encode("utf-8", "surrogatepass")})


@SETTINGS
@given(
    place=st.sampled_from(PLACES),
    name=file_names,
    head=markup_text,
    body=markup_text,
    close=st.booleans(),
)
@example(place="", name="notes", head="\x1f", body="", close=True)  # YAML refuses it on reading
def test_raw_front_matter_text(place, name, head, body, close):
    text = "---\n" + head + ("\n---\n" if close else "\n") + body
    _outcome({_rel(place, name): text.encode("utf-8", "surrogatepass")})


ACTORS, LOCATIONS, SOURCES = (
    ["army", "rebels", "army-allies"],
    ["north-town", "river-post"],
    ["wire-report", "local-paper", "army-statement"],
)
words = st.one_of(markup_text, st.text(min_size=1, max_size=30)).filter(str.strip)
bodies = st.one_of(markup_text, st.text(max_size=200))


@st.composite
def nearly_valid_events(draw) -> dict:
    """Events that are mostly valid, so that rendering is exercised too."""
    sources = draw(st.lists(st.sampled_from(SOURCES), min_size=1, max_size=3, unique=True))
    claims = []
    for _ in range(draw(st.integers(0, 5))):
        claim = {
            "about": draw(st.sampled_from(["Losses", "losses ", "LOSSES", "Who won"]) | words),
            "by": draw(st.sampled_from(ACTORS) | words),
            "says": draw(words),
            "source": draw(st.sampled_from(sources)),
        }
        if draw(st.booleans()):
            claim["figure"] = draw(
                st.integers(0, 10**9) | st.sampled_from(["80+", "<10", "5-8", "dozens", "5-3"])
            )
            claim["of"] = draw(st.sampled_from(["soldiers", "Soldiers", "civilians"]) | words)
        if draw(st.booleans()):
            claim["id"] = draw(st.sampled_from(["first", "second"]))
        if draw(st.booleans()):
            claim["supersedes"] = draw(st.integers(0, 5) | st.sampled_from(["first", "second"]))
        claims.append(claim)
    event = {
        "title": draw(words),
        "summary": draw(words),
        "date": draw(st.sampled_from(["2024", "2024-07", "2024-07-25", "2024-09-30"])),
        "type": draw(st.sampled_from(["battles", "riots", "protests"])),
        "actors": draw(st.lists(st.sampled_from(ACTORS), min_size=1, max_size=3, unique=True)),
        "locations": draw(
            st.lists(st.sampled_from(LOCATIONS), min_size=1, max_size=2, unique=True)
        ),
        "sources": sources,
    }
    if claims:
        event["claims"] = claims
    if draw(st.booleans()):
        event["assessment"] = [
            {
                "about": draw(words),
                "says": draw(words),
                "note": draw(words),
                "sources": [draw(st.sampled_from(sources))],
            }
        ]
    if draw(st.booleans()):  # one field made arbitrary
        event[draw(st.sampled_from(sorted(event)))] = draw(values)
    return event


@SETTINGS
@given(data=nearly_valid_events(), body=bodies)
def test_nearly_valid_events(data, body):
    text = "---\n" + yaml.safe_dump(data, allow_unicode=True) + "---\n" + body
    _outcome({"events/2024/2024-09-01-generated.md": text.encode("utf-8", "surrogatepass")})


@SETTINGS
@given(place=st.sampled_from(PLACES), name=file_names, raw=st.binary(max_size=300))
def test_arbitrary_bytes(place, name, raw):
    _outcome({_rel(place, name): raw})


BODY_MARKUP = [*MARKUP, "<br>", "</li>", "</dd>", "# ", "\n# ", "## x {: #claims }", "- ", "\r"]
body_text = st.lists(
    st.one_of(st.sampled_from(BODY_MARKUP), st.text(max_size=12)), max_size=30
).map("".join)


@SETTINGS
@given(body_text)
@example("`<br># Live heading`")
@example("```\n<div hidden>\n```\n\n- a`</li>`\n# b")
def test_a_body_that_passes_is_published_exactly_as_checked(text):
    """Whatever the body, what passes the checks reaches the page unchanged."""
    import markdown

    from generator.bodies.render import Context, render_body
    from generator.site.html import sanitize

    cite = {"wire-report": (1, "#source-wire-report")}.get
    body = render_body(text, "f.md", 1, Context(url="events/x/", src="events/x.md", cite=cite))
    for problem in body.problems:
        assert problem.path == "f.md" and problem.line >= 1 and problem.message
    if body.problems:
        assert body.html == ""
        return
    assert sanitize(body.html) == body.html
    page = f'# Title\n\n<div class="entry-text">\n{body.html}\n</div>\n\n## Claims {{: #claims }}\n'
    site = markdown.Markdown(extensions=["toc", "tables", "fenced_code", "attr_list"])
    assert body.html in site.convert(page)
