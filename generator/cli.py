"""The ``chronicle`` command: check content, print schemas, scaffold entries, write pages."""

from __future__ import annotations

import json
import os
from pathlib import Path

import click

from . import scaffold
from .content import overlap as overlap_of
from .content.index import build_chronicle
from .content.json_schema import json_schema
from .content.model import ContentError, Problem
from .content.schema import FOLDERS, KINDS
from .engines import export
from .starting_cli import init, new


def _is_content_root(folder: Path) -> bool:
    return any((folder / name).is_dir() for name in FOLDERS.values())


def _content_root(paths: tuple[str, ...], content: str | None) -> tuple[Path, list[Path]]:
    """The content folder to load, and the files whose problems to report."""
    if content:
        return Path(content), [Path(p) for p in paths]
    if not paths:
        return Path("content"), []
    if len(paths) == 1 and Path(paths[0]).is_dir() and _is_content_root(Path(paths[0])):
        return Path(paths[0]), []
    # Files or subfolders given: load the content folder that holds them, report on them alone.
    first = Path(paths[0]).resolve()
    for parent in first.parents:
        if _is_content_root(parent):
            return Path(os.path.relpath(parent)), [Path(p) for p in paths]
    return Path("content"), [Path(p) for p in paths]


def _selected(problem: Problem, only: list[Path]) -> bool:
    if not only:
        return True
    here = Path(problem.path).resolve()
    return any(here == p.resolve() or p.resolve() in here.parents for p in only)


def format_problems(problems: list[Problem], style: str) -> str:
    """Problems as text lines, GitHub workflow commands, or a JSON list."""
    if style == "json":
        rows = [
            {
                "path": p.path,
                "line": p.line,
                "field": p.field,
                "message": p.message,
                "severity": p.severity,
            }
            for p in problems
        ]
        return json.dumps(rows, indent=2, ensure_ascii=False)
    if style == "github":

        def esc(text: str, prop: bool = False) -> str:
            text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
            return text.replace(":", "%3A").replace(",", "%2C") if prop else text

        return "\n".join(
            f"::{p.severity} file={esc(p.path, True)},line={p.line},"
            f"title={esc(p.field, True)}::{esc(p.message)}"
            for p in problems
        )
    return "\n".join(str(p) for p in problems)


@click.group()
@click.version_option(package_name="conflict-chronicle")
def main() -> None:
    """Validate, scaffold and describe the content of a conflict chronicle."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@click.option(
    "--content",
    type=click.Path(exists=True, file_okay=False),
    help="The content folder (default: the folder given, or the one holding the "
    "files given, or ./content).",
)
@click.option(
    "--format",
    "style",
    type=click.Choice(["text", "github", "json"]),
    default="text",
    show_default=True,
    help="How to print problems.",
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Validate every file anew, without reading or writing the cache of "
    "files validated before (see generator/content/cache.py); the result is the same.",
)
def check(paths: tuple[str, ...], content: str | None, style: str, no_cache: bool) -> None:
    """Validate the content and print every problem as path:line: field: message.

    PATHS may be the content folder, or some of its files or folders:
    references are still checked against the whole content folder, and only
    the problems of the paths given are printed. `--format github` prints
    GitHub Actions annotations (::error file=...,line=...,title=...::...);
    `--format json` a list of {path, line, field, message, severity}.
    Exits 1 when there is any error; warnings never fail. Files validated
    before by the same code are not validated again (`--no-cache` to do so).
    """
    root, only = _content_root(paths, content)
    try:
        chronicle = build_chronicle(root, display=os.path.relpath(root), cache=not no_cache)
        problems = list(chronicle.warnings)
    except ContentError as error:
        problems = error.problems
    hidden = [p for p in problems if not _selected(p, only) and p.severity == "error"]
    problems = [p for p in problems if _selected(p, only)]
    errors = [p for p in problems if p.severity == "error"]
    if problems or style == "json":
        click.echo(format_problems(problems, style))
    if style == "text":
        warnings = len(problems) - len(errors)
        counted = f"{warnings} warning{'s' if warnings != 1 else ''}"
        if errors:
            summary = f"{len(errors)} error{'s' if len(errors) != 1 else ''}, {counted}"
        else:
            summary = "content is valid" + (f" ({counted})" if warnings else "")
        click.echo(summary, err=True)
        if hidden:
            click.echo(
                f"{len(hidden)} error{'s' if len(hidden) != 1 else ''} in other files "
                f"of {os.path.relpath(root)} not shown (an entry with errors reads as "
                "unknown where it is named): run chronicle check "
                f"{os.path.relpath(root)}",
                err=True,
            )
    raise SystemExit(1 if errors else 0)


@main.command()
@click.argument("folder", type=click.Path(exists=True, file_okay=False))
@click.option(
    "--content",
    default="content",
    show_default=True,
    type=click.Path(exists=True, file_okay=False),
    help="The content folder whose prose is compared.",
)
@click.option(
    "--min-words",
    default=overlap_of.MIN_WORDS,
    show_default=True,
    type=click.IntRange(2, 1000),
    help="The shortest run of shared words listed.",
)
@click.option(
    "--fail-words",
    default=overlap_of.FAIL_WORDS,
    show_default=True,
    type=click.IntRange(1, 1000),
    help="Exit 1 when a run has this many words or more outside quotation marks "
    "(source titles aside).",
)
@click.option(
    "--unquoted",
    is_flag=True,
    help="List only the runs with words outside quotation marks (no source titles).",
)
@click.option(
    "--format",
    "style",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Lines path:line: field: run, or a JSON list.",
)
def overlap(
    folder: str, content: str, min_words: int, fail_words: int, unquoted: bool, style: str
) -> None:
    """List the runs of words the chronicle's prose shares with the texts in FOLDER.

    FOLDER holds the texts of the articles the entries were written from, one
    UTF-8 text file each (any name, subfolders too). Every run of --min-words
    (8) or more consecutive words that a field or text of an entry shares with
    one of them is printed as

      path:line: field: N words, KIND, shared with FILE:LINE: "the run"

    Words are compared with case, punctuation and accents folded. KIND says
    whether the run stands inside quotation marks (in a claim's says, the
    claimant's: "quoted, by csp-dpa"), partly inside them, is a source's own
    title, or is "unquoted": the chronicle's own voice copying its source.

    Exits 1 when a run not in a source title has --fail-words (10) or more
    words outside quotation marks, or when a file cannot be read; 0 otherwise.
    """
    prose, problems = overlap_of.content_prose(Path(content))
    texts, unread = overlap_of.read_sources(Path(folder))
    runs = overlap_of.find_overlaps(prose, texts, min_words)
    failing = overlap_of.failing(runs, fail_words)
    shown = [r for r in runs if r.fails] if unquoted else runs
    if style == "json":
        rows = [
            {
                "path": r.prose.path,
                "line": r.line,
                "field": r.prose.field,
                "words": r.words,
                "kind": r.kind,
                "quoted": r.quoted,
                "claimant": r.prose.claimant if r.quoted else None,
                "source_title": r.prose.title,
                "unquoted_words": 0 if r.prose.title else r.unquoted,
                "text": r.text,
                "source": r.source,
                "source_line": r.source_line,
            }
            for r in shown
        ]
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
    else:
        for r in shown:
            click.echo(str(r))
    for p in [*problems, *unread]:
        click.echo(str(p), err=True)
    if style == "text":
        click.echo(
            f"{len(runs)} run{'s' if len(runs) != 1 else ''} of {min_words} or more words "
            f"shared with {len(texts)} text{'s' if len(texts) != 1 else ''}; "
            f"{len(failing)} with {fail_words} or more words outside quotation marks",
            err=True,
        )
    raise SystemExit(1 if failing or problems else 0)


@main.command()
@click.argument("kind", required=False, type=click.Choice(list(KINDS)))
@click.option(
    "--base-url",
    default=None,
    help="Prefix of the schemas' $id. Default: the site_url of --config, as the "
    "site publishes them.",
)
@click.option(
    "--config",
    type=click.Path(dir_okay=False),
    default="mkdocs.yml",
    show_default=True,
    help="The MkDocs configuration holding site_url.",
)
def schema(kind: str | None, base_url: str | None, config: str) -> None:
    """Print the JSON Schema (draft 2020-12) of one kind of front matter, or of all.

    The schemas are generated from the declaration the validator uses; the
    site publishes the same files under /schema/.
    """
    if base_url is None:
        base_url = scaffold.site_url(Path(config)) or ""
    if kind:
        out = json_schema(kind, base_url)
    else:
        out = {k: json_schema(k, base_url) for k in KINDS}
    click.echo(json.dumps(out, indent=2, ensure_ascii=False))


@main.command()
@click.argument("base")
@click.argument("head", default="HEAD")
@click.option(
    "--content",
    type=click.Path(file_okay=False),
    default="content",
    show_default=True,
    help="The content folder, in a git repository.",
)
@click.option(
    "--format",
    "style",
    type=click.Choice(["text", "markdown", "json"]),
    default="text",
    show_default=True,
    help="Plain text, Markdown (a pull request's summary or comment) or JSON.",
)
def diff(base: str, head: str, content: str, style: str) -> None:
    """What the change from commit BASE to commit HEAD does to the chronicle.

    Entries added, removed and changed; claims added, withdrawn, revised and
    superseded; topics that become disputed or stop being disputed; spreads
    that widen; parts that no longer add up; new warnings; errors at HEAD.
    Exits 1 when HEAD's content has errors or a commit cannot be read.
    """
    from .content.review import ReviewError, review

    if not Path(content).is_dir():
        click.echo(f"error: {content}: no such folder", err=True)
        raise SystemExit(1)
    try:
        found = review(Path(content), base, head)
    except ReviewError as error:
        click.echo(f"error: {error}", err=True)
        raise SystemExit(1) from None
    text = {"text": found.as_text, "markdown": found.as_markdown, "json": found.as_json}[style]()
    click.echo(text, nl=False)
    if found.errors:
        raise SystemExit(1)


@main.command()
@click.option(
    "--out",
    required=True,
    type=click.Path(file_okay=False),
    help="The folder to write: new, empty, or written by an earlier run (whose files it replaces).",
)
@click.option(
    "--config",
    type=click.Path(exists=True, dir_okay=False),
    default="mkdocs.yml",
    show_default=True,
    help="The project's MkDocs configuration, which the folder's mkdocs.yml is derived from.",
)
@click.option(
    "--content",
    type=click.Path(exists=True, file_okay=False),
    default=None,
    help="The content folder (default: the docs_dir of --config).",
)
def pages(out: str, config: str, content: str | None) -> None:
    """Write every page of the chronicle as Markdown, ready for any engine, into OUT.

    OUT/docs/ gets the pages the chronicle renders (events, actors, locations,
    sources, chronicle, indexes, disputed topics, schema) with exactly the
    Markdown the MkDocs plugin hands MkDocs, each as <its URL>/index.md; the
    ordinary pages of the content folder; and the static files (JSON Schemas,
    redirects, stylesheet and script). Markdown links to pages that moved are
    pointed at their new files, and front matter is written HTML-escaped.
    OUT/mkdocs.yml is --config with docs_dir: docs, site_dir: site, nav pointed
    at the new files, the theme's custom_dir copied to OUT/overrides/ and the
    chronicle plugin removed. Any engine that reads mkdocs.yml then builds the
    site from OUT alone: `zensical build -f OUT/mkdocs.yml`, or `mkdocs build -f
    OUT/mkdocs.yml`. OUT must be new, empty, or written by an earlier run, whose
    files are replaced. The same content writes the same files. Content with
    errors is reported as by `chronicle check` and nothing is written.
    """
    try:
        layout = export.plan(Path(config), Path(content) if content else None)
        export.check_target(Path(out), layout.content)
    except export.ExportError as error:
        click.echo(f"error: {error}", err=True)
        raise SystemExit(1) from None
    except ContentError as error:
        click.echo(format_problems(error.problems, "text"))
        errors = [p for p in error.problems if p.severity == "error"]
        click.echo(
            f"{len(errors)} error{'s' if len(errors) != 1 else ''}: nothing written", err=True
        )
        raise SystemExit(1) from None
    export.write(Path(out), layout.files)
    history = layout.chronicle.history
    if history is not None and history.note is not None:
        click.echo(f"built without the entries' history: {history.note}", err=True)
    docs = [p for p in layout.files if p.startswith(export.DOCS + "/")]
    config_out = os.path.join(out, export.CONFIG)
    click.echo(
        f"wrote {out}: {len(docs)} files in {export.DOCS}/, {len(layout.outputs.pages)} of them "
        f"pages the chronicle renders; build it with: mkdocs build -f {config_out} "
        f"(or zensical build -f {config_out})",
        err=True,
    )


main.add_command(init)
main.add_command(new)


if __name__ == "__main__":
    main()
