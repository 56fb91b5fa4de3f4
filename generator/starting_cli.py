"""``chronicle init`` and ``chronicle new``: a new chronicle, and a new entry to fill in.

The command line of the scaffolding (``starting.py``, ``scaffold.py``); ``cli.py``
adds both commands to ``chronicle``.
"""

from __future__ import annotations

import datetime
import os
from pathlib import Path

import click

from . import scaffold, starting


@click.command()
@click.argument("folder", type=click.Path(file_okay=False))
@click.option("--name", help="The site's name, e.g. 'Sudan war chronicle'.")
@click.option("--description", help="One sentence saying what the chronicle covers.")
@click.option(
    "--language",
    default="en",
    show_default=True,
    help="The interface's language (theme.language): en, fr or ar, or any language with a "
    "catalog. The nav and the scheme toggles are written in it.",
)
def init(folder: str, name: str | None, description: str | None, language: str) -> None:
    """Write a new chronicle into FOLDER (new or empty), ready to build.

    FOLDER gets mkdocs.yml (the chronicle plugin and the theme configured, with
    the site's name and description), content/ (a home page, an About page
    explaining the method, and one example event with its actor, place and
    sources, showing a disputed claim), CONTRIBUTING.md, requirements.txt (this
    generator), the Check and Deploy workflows of GitHub Actions and a
    .gitignore. Run in a terminal without --name or --description, it asks for
    them. Then, in FOLDER: `chronicle check` and `mkdocs serve`.
    """
    interactive = click.get_text_stream("stdin").isatty()
    if name is None:
        if not interactive:
            click.echo("error: --name: give the chronicle's name", err=True)
            raise SystemExit(2)
        name = click.prompt("The chronicle's name (e.g. Sudan war chronicle)")
    if description is None:
        description = click.prompt("One sentence on what it covers") if interactive else ""
    try:
        written = starting.init_chronicle(Path(folder), name, description, language)
    except starting.InitError as error:
        click.echo(f"error: {error}", err=True)
        raise SystemExit(1) from None
    click.echo(
        f"wrote {folder}: {len(written)} files. Next: cd {folder} && chronicle check && "
        "mkdocs serve",
        err=True,
    )


@click.group()
def new() -> None:
    """Write a new entry file, with every field of the schema, to fill in.

    The file is placed by its id (events/<year>/<id>.md, actors/<id>.md...),
    never over an existing file. Each field comes with a comment saying what
    it takes; values still to give read TODO, and `chronicle check` refuses
    the file until every TODO is replaced.
    """


def _common(command):
    command = click.option(
        "--config",
        type=click.Path(dir_okay=False),
        default=None,
        help="The MkDocs configuration whose site_url locates the "
        "published schema. Default: mkdocs.yml beside the content "
        "folder.",
    )(command)
    command = click.option(
        "--content",
        type=click.Path(file_okay=False),
        default="content",
        show_default=True,
        help="The content folder.",
    )(command)
    return click.argument("ident", metavar="ID")(command)


def _write(kind: str, ident: str, content: str, config: str | None, values: dict) -> None:
    root = Path(content)
    config_path = Path(config) if config else root.resolve().parent / "mkdocs.yml"
    values = {k: v for k, v in values.items() if v not in (None, ())}
    values = {k: list(v) if isinstance(v, tuple) else v for k, v in values.items()}
    url = scaffold.schema_url(scaffold.site_url(config_path), kind)
    try:
        path = scaffold.new_entry(
            root, kind, ident, values, today=datetime.date.today(), schema=url
        )
    except scaffold.ScaffoldError as error:
        for problem in error.problems:
            click.echo(f"error: {problem}", err=True)
        click.echo(
            f"nothing written ({len(error.problems)} problem"
            f"{'s' if len(error.problems) != 1 else ''})",
            err=True,
        )
        raise SystemExit(1) from None
    shown = os.path.relpath(path)
    click.echo(f"wrote {shown}: replace every TODO, then run: chronicle check {shown}")


@new.command("event")
@_common
@click.option("--title", help="A short neutral title.")
@click.option(
    "--date",
    help="When it happened: YYYY-MM-DD, YYYY-MM or YYYY (default: the "
    "date the id starts with, else today).",
)
@click.option(
    "--actor",
    "actors",
    multiple=True,
    metavar="ID",
    help="An actor involved (an id of content/actors/); repeat for each.",
)
@click.option(
    "--location",
    "locations",
    multiple=True,
    metavar="ID",
    help="Where it happened (an id of content/locations/); repeat for each.",
)
@click.option(
    "--source",
    "sources",
    multiple=True,
    metavar="ID",
    help="A source it rests on (an id of content/sources/); repeat for each.",
)
def new_event(ident: str, content: str, config: str | None, **values) -> None:
    """Write content/events/<year>/ID.md, a new event.

    ID names the event, by convention its date then a few words:
    2024-07-25-battle-of-north-town. The year folder is the year the id
    starts with (else the date's). Actors, locations and sources must exist.
    """
    _write("event", ident, content, config, values)


@new.command("actor")
@_common
@click.option("--name", help="The actor's usual name.")
def new_actor(ident: str, content: str, config: str | None, **values) -> None:
    """Write content/actors/ID.md, a new actor.

    ID is a short name in lowercase letters, digits and hyphens: army, rebel-front.
    """
    _write("actor", ident, content, config, values)


@new.command("location")
@_common
@click.option("--name", help="The place's usual name.")
def new_location(ident: str, content: str, config: str | None, **values) -> None:
    """Write content/locations/ID.md, a new place.

    ID is its name in lowercase letters, digits and hyphens: north-town.
    """
    _write("location", ident, content, config, values)


@new.command("source")
@_common
@click.option("--publisher", help="Who published it.")
@click.option("--title", help="The title in its own language.")
@click.option("--date", help="When it was published: YYYY-MM-DD, YYYY-MM or YYYY (default: today).")
@click.option("--url", help="Where it is published (http or https).")
def new_source(ident: str, content: str, config: str | None, **values) -> None:
    """Write content/sources/ID.md, a new source.

    ID is its publisher, date and subject: wire-agency-2024-07-north-town.
    """
    _write("source", ident, content, config, values)
