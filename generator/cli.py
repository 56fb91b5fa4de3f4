"""The ``chronicle`` command: check content, print schemas, scaffold entries."""

from __future__ import annotations

import json
import os
from pathlib import Path

import click

from .index import build_chronicle
from .model import ContentError, Problem
from .schema import KINDS, json_schema


def _content_root(paths: tuple[str, ...], content: str | None) -> tuple[Path, list[Path]]:
    """The content folder to load, and the files whose problems to report."""
    if content:
        return Path(content), [Path(p) for p in paths]
    if len(paths) == 1 and Path(paths[0]).is_dir():
        return Path(paths[0]), []
    if not paths:
        return Path("content"), []
    # Files given: load the content folder that holds them, report on them alone.
    first = Path(paths[0]).resolve()
    for parent in first.parents:
        if any((parent / folder).is_dir() for folder in ("events", "actors", "sources")):
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
        rows = [{"path": p.path, "line": p.line, "field": p.field, "message": p.message,
                 "severity": p.severity} for p in problems]
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
@click.option("--content", type=click.Path(exists=True, file_okay=False),
              help="The content folder (default: the folder given, or the one holding the "
                   "files given, or ./content).")
@click.option("--format", "style", type=click.Choice(["text", "github", "json"]),
              default="text", show_default=True, help="How to print problems.")
def check(paths: tuple[str, ...], content: str | None, style: str) -> None:
    """Validate the content and print every problem as path:line: field: message.

    PATHS may be the content folder, or some of its files: references are
    still checked against the whole content folder, and only the problems
    of the files given are printed. Exits 1 when there is any error.
    """
    root, only = _content_root(paths, content)
    try:
        chronicle = build_chronicle(root, display=os.path.relpath(root))
        problems = list(chronicle.warnings)
    except ContentError as error:
        problems = error.problems
    problems = [p for p in problems if _selected(p, only)]
    errors = [p for p in problems if p.severity == "error"]
    if problems or style == "json":
        click.echo(format_problems(problems, style))
    if style == "text":
        summary = (f"{len(errors)} error{'s' if len(errors) != 1 else ''}, "
                   f"{len(problems) - len(errors)} warning"
                   f"{'s' if len(problems) - len(errors) != 1 else ''}")
        click.echo(summary if problems else "content is valid", err=True)
    raise SystemExit(1 if errors else 0)


@main.command()
@click.argument("kind", required=False, type=click.Choice(list(KINDS)))
@click.option("--base-url", default="", help="Prefix of the schemas' $id (the site URL).")
def schema(kind: str | None, base_url: str) -> None:
    """Print the JSON Schema (draft 2020-12) of one kind of front matter, or of all."""
    if kind:
        out = json_schema(kind, base_url)
    else:
        out = {k: json_schema(k, base_url) for k in KINDS}
    click.echo(json.dumps(out, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
