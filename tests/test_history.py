"""Accountability: each entry's history from git, the Changes page and its feed, the
readers' links to the repository, and `chronicle diff`, on a repository of real commits."""

from __future__ import annotations

import html
import json
import os
import shutil
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import pytest

from generator.content import git as git_module
from generator.content import history as history_module
from generator.content.changes import describe
from generator.content.history import read_history, with_pending
from generator.content.index import build_chronicle
from generator.site.outputs import site_outputs
from tests.conftest import FIXTURE, ROOT, build_with_mkdocs
from tests.htmltree import Node, _Builder
from tests.test_cli import run

EVENT = "events/2024/2024-08-05-convoy-ambush.md"
MOVED = "events/2024-08-05-convoy-ambush.md"
CONVOY = """\
---
title: Ambush of a convoy near North Town
summary: Rebels ambushed an army convoy near North Town.
date: {date}
type: battles
actors: [rebels, army]
locations: [north-town]
sources: [wire-report{more_sources}]
claims:
  - about: Soldiers killed
    by: army
    id: army-first-toll
    says: The army said {figure} soldiers were killed.
    figure: {figure}
    source: wire-report
{later}---
Rebels ambushed the convoy[^wire-report].
"""
LATER = """\
  - about: Soldiers killed
    by: army
    says: The army later said 9 soldiers were killed.
    figure: 9
    source: army-statement
    date: 2024-08-07
    supersedes: army-first-toll
"""
NOTE = "the army's statement gave 7 soldiers killed, not 6"
# (message, committer date, what the commit does)
COMMITS = (
    ("Add the fixture chronicle", "2024-08-01T09:00:00+00:00"),
    ("Add the convoy ambush", "2024-08-06T10:30:00+00:00"),
    (f"Fix the convoy ambush's toll\n\nCorrection: {NOTE}", "2024-08-08T11:00:00+00:00"),
    ("The army's later toll of the convoy ambush", "2024-08-09T12:00:00+00:00"),
    ("Convoy ambush: its date known to the day; moved out of its year folder",
     "2024-08-10T13:00:00+00:00"),
)  # fmt: skip


def git(repo: Path, *args: str, when: str = "2024-08-01T09:00:00+00:00") -> str:
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when,
           "GIT_AUTHOR_NAME": "A Contributor", "GIT_AUTHOR_EMAIL": "a@example.org",
           "GIT_COMMITTER_NAME": "A Contributor", "GIT_COMMITTER_EMAIL": "a@example.org"}  # fmt: skip
    done = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True,
                          check=True)  # fmt: skip
    return done.stdout


def commit(repo: Path, index: int) -> str:
    message, when = COMMITS[index]
    git(repo, "add", "-A", when=when)
    git(repo, "commit", "-q", "-m", message, when=when)
    return git(repo, "rev-parse", "HEAD").strip()


def convoy(figure: int = 6, later: bool = False, date: str = "2024-08") -> str:
    return CONVOY.format(
        figure=figure,
        date=date,
        later=LATER if later else "",
        more_sources=", army-statement" if later else "",
    )


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> tuple[Path, list[str]]:
    """A repository with real commits: the fixture chronicle; an event added; its figure
    changed from 6 to 7 with a correction trailer; a claim superseding it; the file
    renamed, its date narrowed."""
    top = tmp_path_factory.mktemp("history") / "repo"
    content = top / "content"
    shutil.copytree(FIXTURE, content)
    git(top, "init", "-q", "-b", "main")
    shas = [commit(top, 0)]
    (content / EVENT).write_text(convoy(6), encoding="utf-8")
    shas.append(commit(top, 1))
    (content / EVENT).write_text(convoy(7), encoding="utf-8")
    shas.append(commit(top, 2))
    (content / EVENT).write_text(convoy(7, later=True), encoding="utf-8")
    shas.append(commit(top, 3))
    git(top, "mv", f"content/{EVENT}", f"content/{MOVED}")
    (content / MOVED).write_text(convoy(7, later=True, date="2024-08-05"), encoding="utf-8")
    shas.append(commit(top, 4))
    return top, shas


def built(content: Path, repo_url: str | None = "https://github.com/example/chronicle"):
    chronicle = build_chronicle(content)
    history = read_history(content, repo_url, "edit/main/content/")
    from dataclasses import replace

    return site_outputs(replace(chronicle, history=history), site_name="Test chronicle")


def page(outputs, path: str) -> str:
    return next(p.markdown for p in outputs.pages if p.path == path)


def parse(markdown: str) -> Node:
    builder = _Builder()
    builder.feed(markdown)
    builder.close()
    return builder.stack[0]


def texts(markdown: str, tag: str | None, cls: str | None = None) -> list[str]:
    """The words of every element with this tag and/or class."""
    return [" ".join(node.text.split()) for node in parse(markdown).all(tag, cls)]


def links(markdown: str, cls: str) -> list[str]:
    return [a.attrs["href"] for a in parse(markdown).all("a", cls)]


def test_the_event_page_shows_each_change_in_the_chronicles_words_newest_first(repo):
    top, shas = repo
    markdown = page(built(top / "content"), "events/2024-08-05-convoy-ambush.md")
    revisions = texts(markdown, "li", "revision")
    assert [r.split(" ")[0:3] for r in revisions] == [
        ["10", "August", "2024"],
        ["9", "August", "2024"],
        ["8", "August", "2024"],
        ["6", "August", "2024"],
    ]
    changes = [
        [" ".join(li.text.split()) for li in r.all("li")]
        for r in parse(markdown).all("li", "revision")
    ]
    assert changes == [
        [
            f"File moved from {EVENT} to {MOVED}",
            "Date narrowed from August 2024 to 5 August 2024",
        ],
        [
            (
                "Claim by army on \u201cSoldiers killed\u201d (7) superseded by claim by army "
                "on \u201cSoldiers killed\u201d (9)"
            ),
            "Source added: army-statement",
        ],
        [
            "Claim by army on \u201cSoldiers killed\u201d (7): figure changed from 6 to 7",
            "Claim by army on \u201cSoldiers killed\u201d (7): what it says reworded",
        ],
        ["Event added"],
    ]
    kinds = texts(markdown, "span", "revision-kind")
    assert kinds == ["Update", "Update", "Correction", "New"]
    assert texts(markdown, None, "correction-note") == [f"Correction: {NOTE}"]
    assert texts(markdown, "p", "history-dates") == [
        "First published 6 August 2024; last changed 10 August 2024."
    ]
    commits = links(markdown, "revision-commit")
    assert commits == [f"https://github.com/example/chronicle/commit/{s}" for s in shas[:0:-1]]


def test_the_changes_page_and_its_feed_list_the_correction(repo):
    top, shas = repo
    outputs = built(top / "content", repo_url=None)
    markdown = page(outputs, "changes.md")
    rows = texts(markdown, "li", "change")
    # The fixture's eleven entries, then the convoy's four changes, newest first.
    assert len(rows) == 11 + 4
    assert rows[0].startswith(
        "10 August 2024 Update to an event Ambush of a convoy near North Town:"
    )
    corrections = texts(markdown, "li", "change-correction")
    assert corrections == [
        (
            "8 August 2024 Correction to an event Ambush of a convoy near North Town: "
            "claim by army on \u201cSoldiers killed\u201d (7): figure changed from 6 to 7; "
            "claim by army on \u201cSoldiers killed\u201d (7): what it says reworded. "
            f"Correction: {NOTE}"
        )
    ]
    assert "15 changes, 1 correction." in texts(markdown, "p")[0]
    assert links(markdown, "revision-commit") == []  # no repo_url: no commit links
    feed = ElementTree.fromstring(outputs.files["corrections.xml"])
    ns = {"a": "http://www.w3.org/2005/Atom"}
    [entry] = feed.findall("a:entry", ns)
    assert entry.find("a:title", ns).text == "Correction: Ambush of a convoy near North Town"
    assert entry.find("a:published", ns).text == "2024-08-08T11:00:00Z"
    assert feed.find("a:updated", ns).text == "2024-08-08T11:00:00Z"
    link = entry.find("a:link", ns).get("href")
    assert link == "/events/2024-08-05-convoy-ambush/#history"
    assert entry.find("a:id", ns).text == (
        f"urn:conflict-chronicle:test-chronicle:changes:{shas[2][:12]}-event-2024-08-05-convoy-ambush"
    )
    content = entry.find("a:content", ns)
    assert content.get("type") == "html"
    assert html.unescape(content.text).endswith(f"<p>Correction: {NOTE}</p>")


def test_two_builds_of_the_same_commit_are_byte_identical(repo):
    top, _ = repo
    first, second = built(top / "content"), built(top / "content")
    assert [(p.path, p.markdown) for p in first.pages] == [
        (p.path, p.markdown) for p in second.pages
    ]
    assert dict(first.files) == dict(second.files)


def test_readers_links_name_the_entry_only_with_a_repo_url(repo):
    top, shas = repo
    with_host = page(built(top / "content"), "events/2024-08-05-convoy-ambush.md")
    assert links(with_host, "entry-edit") == [
        "https://github.com/example/chronicle/edit/main/content/" + MOVED
    ]
    assert links(with_host, "entry-source") == [
        f"https://github.com/example/chronicle/blob/{shas[-1]}/content/{MOVED}"
    ]
    [href] = links(with_host, "entry-report")
    assert href.startswith("https://github.com/example/chronicle/issues/new?title=Error+in+event+")
    assert "2024-08-05-convoy-ambush" in href
    assert "%2Fevents%2F2024-08-05-convoy-ambush%2F" in href  # the entry's URL
    assert links(page(built(top / "content"), "actors/army.md"), "entry-report")
    for markdown in (
        page(built(top / "content", repo_url=None), "events/2024-08-05-convoy-ambush.md"),
        page(built(top / "content", repo_url="javascript:alert(1)"), "actors/army.md"),
    ):
        for cls in ("entry-edit", "entry-source", "entry-report"):
            assert links(markdown, cls) == []


def test_a_file_not_yet_committed_shows_its_change_under_serve(repo, tmp_path):
    top, _ = repo
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(top), str(clone)], check=True)
    (clone / "content" / MOVED).write_text(convoy(8, later=True, date="2024-08-05"))
    history = read_history(clone / "content")
    assert history.uncommitted == (MOVED,)
    assert [r.pending for r in history.of(MOVED)] == [False] * 4  # a build: its commits
    chronicle = build_chronicle(clone / "content")
    pending = with_pending(history, clone / "content", chronicle)
    first = pending.of(MOVED)[0]
    assert first.pending
    assert [c.text for c in first.changes] == [
        "claim by army on \u201cSoldiers killed\u201d (8): figure changed from 7 to 8",
        "claim by army on \u201cSoldiers killed\u201d (8): what it says reworded",
    ]
    from dataclasses import replace

    outputs = site_outputs(replace(chronicle, history=pending))
    markdown = page(outputs, "events/2024-08-05-convoy-ambush.md")
    [pending_item] = parse(markdown).all("li", "revision-pending")
    assert pending_item.one("span", "revision-date").words == "not yet committed"
    assert texts(markdown, "p", "history-dates") == [
        "First published 6 August 2024; last changed 10 August 2024."
    ]


def test_git_is_read_in_one_log_and_one_blob_stream(repo, monkeypatch, tmp_path):
    top, _ = repo
    monkeypatch.setenv("CHRONICLE_CACHE_DIR", str(tmp_path / "cache"))
    calls = []
    real = git_module.git

    def counting(root, *args, **kwargs):
        calls.append(args[0])
        return real(root, *args, **kwargs)

    monkeypatch.setattr(git_module, "git", counting)
    first = read_history(top / "content")
    assert calls.count("log") == 1
    assert calls.count("cat-file") == 1
    # Read again: the versions come from the cache, no blob is read.
    calls.clear()
    again = read_history(top / "content")
    assert calls.count("log") == 1
    assert calls.count("cat-file") == 0
    assert again == first


def test_describe_compares_model_values():
    chronicle = build_chronicle(FIXTURE)
    event = chronicle.events[-1]
    from dataclasses import replace

    moved = replace(event, title="Another title", locations=(*event.locations, "nowhere"))
    assert [c.text for c in describe(event, moved)] == [
        "title changed to \u201cAnother title\u201d",
        "location added: nowhere",
    ]
    assert describe(event, event) == ()
    assert [(c.kind, c.correction) for c in describe(event, None)] == [("entry-removed", True)]


@pytest.mark.parametrize(
    ("case", "note"),
    [
        ("shallow", ("built without the entries' history: the repository is a shallow clone "
                     "(fetch its whole history: git fetch --unshallow)")),
        ("no_git", ("built without the entries' history: the content folder is not in a git "
                    "repository")),
    ],
)  # fmt: skip
def test_a_shallow_clone_or_a_folder_without_git_builds_with_one_log_line(
    repo, tmp_path, case, note
):
    top, _ = repo
    if case == "shallow":
        folder = tmp_path / "shallow"
        subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{top}", str(folder)],
                       check=True)  # fmt: skip
    else:
        folder = tmp_path / "plain"
        shutil.copytree(top / "content", folder / "content")
    site = tmp_path / "site"
    done = build_with_mkdocs(folder / "content", site)
    assert done.returncode == 0, done.stderr
    lines = [line for line in done.stderr.splitlines() if "history" in line]
    assert len(lines) == 1, done.stderr
    assert lines[0].endswith(note)
    html = (site / "events" / "2024-08-05-convoy-ambush" / "index.html").read_text()
    assert 'class="revision' not in html
    changes = (site / "changes" / "index.html").read_text()
    assert "This build of the chronicle has no history" in changes


def test_chronicle_diff_prints_each_change(repo):
    top, shas = repo
    content = str(top / "content")
    result = run(["diff", shas[1], shas[3], "--content", content], top)
    assert result.exit_code == 0, result.output
    assert result.output == (
        f"chronicle diff {shas[1][:12]}..{shas[3][:12]}\n"
        "\n"
        "Entries changed (1):\n"
        "  - event 2024-08-05-convoy-ambush: claim by army on \u201cSoldiers killed\u201d (7): "
        "figure changed from 6 to 7; claim by army on \u201cSoldiers killed\u201d (7): what it "
        "says reworded; claim by army on \u201cSoldiers killed\u201d (7) superseded "
        "by claim by army on \u201cSoldiers killed\u201d (9); source added: army-statement\n"
        "\n"
        "Claims revised (2):\n"
        "  - 2024-08-05-convoy-ambush: claim by army on \u201cSoldiers killed\u201d (7): "
        "figure changed from 6 to 7\n"
        "  - 2024-08-05-convoy-ambush: claim by army on \u201cSoldiers killed\u201d (7): "
        "what it says reworded\n"
        "\n"
        "Claims superseded (1):\n"
        "  - 2024-08-05-convoy-ambush: claim by army on \u201cSoldiers killed\u201d (7) "
        "superseded by claim by army on \u201cSoldiers killed\u201d (9)\n"
    )


def test_chronicle_diff_json_field_by_field(repo):
    top, shas = repo
    result = run(["diff", shas[0], shas[2], "--format", "json", "--content", "content"], top)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["base"] == shas[0]
    assert data["head"] == shas[2]
    assert data["added"] == [
        {"kind": "event", "id": "2024-08-05-convoy-ambush",
         "name": "Ambush of a convoy near North Town", "changes": []}
    ]  # fmt: skip
    assert data["removed"] == []
    assert data["changed"] == []
    assert data["claims"] == {
        "added": [{"event": "2024-08-05-convoy-ambush",
                   "claim": "claim by army on \u201cSoldiers killed\u201d (7)"}],
        "withdrawn": [], "revised": [], "superseded": [],
    }  # fmt: skip
    # The army's 7 against the police's 5-8 and the rebels' 6 elsewhere: no new dispute.
    assert data["newly_disputed"] == []
    assert data["no_longer_disputed"] == []
    assert data["widened"] == []
    assert data["inconsistent"] == []
    assert data["errors"] == []
    assert data["warnings"] == [
        "content/events/2024/2024-08-05-convoy-ambush.md:8: sources: warning: "
        + "rests on a single source",
        "content/events/2024/2024-08-05-convoy-ambush.md:10: claims[0].date: warning: "
        + "claim has no date: say when it was made",
    ]


def test_chronicle_diff_markdown_disputes_and_errors(repo, tmp_path):
    top, _ = repo
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(top), str(clone)], check=True)
    path = clone / "content" / "events" / "2024" / "2024-07-30-river-post-attack.md"
    text = path.read_text().replace("figure: 5-8", "figure: 40")
    path.write_text(text)
    git(clone, "commit", "-qam", "A police source's toll of 40")
    result = run(["diff", "HEAD~1", "--format", "markdown", "--content", "content"], clone)
    assert result.exit_code == 0, result.output
    assert (
        "### Topics now disputed (1)\n\n- 2024-07-30-river-post-attack: \u201cSoldiers killed\u201d (6\u201340)\n"
        in result.output
    )
    assert (
        "### Claims revised (1)\n\n- 2024-07-30-river-post-attack: claim by A police source on \u201cSoldiers killed\u201d (40): figure changed from 5\u20138 to 40\n"
        in result.output
    )
    path.write_text(text.replace("figure: 40", "figure: 90"))
    git(clone, "commit", "-qam", "A police source's toll of 90")
    result = run(["diff", "HEAD~1", "--content", "content"], clone)
    assert (
        "Spreads widened (1):\n  - 2024-07-30-river-post-attack: \u201cSoldiers killed\u201d from 6\u201340 to 6\u201390\n"
        in result.output
    )
    path.write_text(text.replace("figure: 40", "figure: many"))
    git(clone, "commit", "-qam", "A broken figure")
    result = run(["diff", "HEAD~1", "--content", "content"], clone)
    assert result.exit_code == 1
    assert (
        "Errors (the build refuses the content) (1):\n  - content/events/2024/2024-07-30-river-post-attack.md:"
        in result.output
    )
    assert "figure: 'many' is not a figure" in result.output
    result = run(["diff", "no-such-commit", "--content", "content"], clone)
    assert result.exit_code == 1
    assert result.output == "error: no-such-commit: no such commit here\n"


def test_a_hostile_trailer_and_repo_url_are_escaped():
    from dataclasses import replace

    from generator.content.changes import Change
    from generator.content.history import History, Record, Revision

    chronicle = build_chronicle(FIXTURE)
    event = chronicle.events[0]
    hostile = '<script>alert(1)</script>" onmouseover="x'
    revision = Revision("a" * 40, 1_722_500_000, event.src, (Change("figure-changed", hostile),),
                        note=hostile)  # fmt: skip
    history = History(
        {event.src: (revision,)},
        (Record(revision, "event", event.id, event.title, event.src),),
        head="b" * 40,
        folder="content/",
        repo_url='https://example.org/r"><script>x</script>',
        edit_uri="edit/main/content/",
    )
    outputs = site_outputs(replace(chronicle, history=history))
    for path in (f"events/{event.id}.md", "changes.md"):
        markdown = page(outputs, path)
        assert "<script>" not in markdown
        assert "&lt;script&gt;alert(1)&lt;/script&gt;&#34; onmouseover=&#34;x" in markdown
    feed = ElementTree.fromstring(outputs.files["corrections.xml"])
    ns = {"a": "http://www.w3.org/2005/Atom"}
    shown = feed.find("a:entry/a:content", ns).text  # the HTML a feed reader shows
    assert "<script>" not in shown
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in shown


def test_git_failing_midway_builds_without_history(repo, monkeypatch):
    top, _ = repo

    def broken(root):
        raise subprocess.CalledProcessError(128, ["git", "log"], b"", b"fatal: bad object\n")

    monkeypatch.setattr(history_module, "log", broken)
    found = read_history(top / "content", "https://example.org/r")
    assert found.note == "git could not read the history (fatal: bad object)"
    assert found.revisions == {}
    assert found.repo_url == "https://example.org/r"


def test_an_archive_writes_its_files_under_the_folder_alone(tmp_path):
    import io
    import tarfile

    from generator.content.review import _extract

    data = io.BytesIO()
    with tarfile.open(fileobj=data, mode="w") as tar:
        for name, kind, body in [
            ("events", tarfile.DIRTYPE, b""),
            ("events/a.md", tarfile.REGTYPE, b"kept"),
            ("../outside.md", tarfile.REGTYPE, b"escapes"),
            ("events/link.md", tarfile.SYMTYPE, b""),
        ]:
            info = tarfile.TarInfo(name)
            info.type = kind
            info.size = len(body)
            if kind == tarfile.SYMTYPE:
                info.linkname = "/etc/passwd"
            tar.addfile(info, io.BytesIO(body) if body else None)
    folder = tmp_path / "scratch"
    folder.mkdir()
    _extract(data.getvalue(), folder)
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == [
        "scratch",
        "scratch/events",
        "scratch/events/a.md",
    ]
    assert (folder / "events" / "a.md").read_bytes() == b"kept"


def test_an_old_version_is_read_with_the_kinds_renamed_since():
    """The history and chronicle diff read a version written before the actor kinds
    followed ACLED's in today's terms; content being checked gets the rename's hint."""
    from generator.content.git import parse_version
    from generator.content.validate import OLD_ACTOR_KINDS

    raw = (ROOT / "tests" / "cli" / "schema" / "actor_kind_renamed.md").read_bytes()
    old = parse_version("actors/desert-fighters.md", raw)
    assert old is not None and old.name == "Desert fighters"
    assert old.kind_of == OLD_ACTOR_KINDS["jihadist group"] == "rebel group"
    for before, after in OLD_ACTOR_KINDS.items():
        text = raw.decode().replace("jihadist group", before).encode()
        assert parse_version("actors/desert-fighters.md", text).kind_of == after, before


def test_chronicle_diff_json_gives_each_change_as_its_kind_and_its_english_text():
    from generator.content.changes import Change
    from generator.content.model import PartialDate
    from generator.content.review import EntryChange, Review

    change = Change.of("date-changed", "date changed from %(old)s to %(new)s",
                       old=PartialDate(2024, 7), new=PartialDate(2024, 8, 2))  # fmt: skip
    review = Review("a" * 40, "b" * 40, changed=[EntryChange("event", "e", "E", (change,))])
    data = json.loads(review.as_json())
    assert data["changed"][0]["changes"] == [
        {"kind": "date-changed", "text": "date changed from July 2024 to 2 August 2024"}
    ]
