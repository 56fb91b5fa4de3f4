"""Write a new entry file from the schema declaration (``chronicle new``).

Every field of the kind in :data:`generator.schema.KINDS` is written with a
comment saying what it takes: required fields as ``key: value``, optional
ones commented out. Values not given are the placeholder ``TODO``, which the
validator refuses until it is replaced; a date not given is the one an event
id starts with (2024-07-25-...), else today. The first line of the front
matter names the published JSON Schema, for editors with a YAML language
server.
"""

from __future__ import annotations

import datetime
import os
import re
import textwrap
from pathlib import Path

import yaml

from .content.load import RESERVED_IDS, YEAR_ID, YEAR_ID_MESSAGE
from .content.model import PartialDate
from .content.schema import FOLDERS, KINDS, Field
from .content.validate import PLACEHOLDER, parse_date, suggest
from .content.vocabulary import ID_RE

WIDTH = 96

BODIES = {
    "event": "Say what happened, in neutral words, attributing every contested fact to "
    "its claimant. End each sentence with the footnote of its source, as "
    "CONTRIBUTING.md shows.",
    "actor": "Say in a few neutral sentences who the actor is.",
    "location": "Say in a sentence or two where the place is.",
    "source": "Say in a sentence or two what the source reports and how it is known.",
}


class ScaffoldError(Exception):
    """Raised with every reason the file cannot be written, nothing being written."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


class _SiteUrlLoader(yaml.SafeLoader):
    """A safe loader that reads ``!ENV [NAME, default]`` as MkDocs does."""


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node) -> object:
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        items = [loader.construct_object(child) for child in node.value]
        names, default = (items[:-1], items[-1]) if len(items) > 1 else (items, None)
    for name in names:
        if str(name) in os.environ:
            return os.environ[str(name)]
    return default


_SiteUrlLoader.add_constructor("!ENV", _env_tag)


def site_url(config: Path) -> str | None:
    """The ``site_url`` of a mkdocs.yml (``!ENV`` resolved), or None when there is none."""
    try:
        text = config.read_text(encoding="utf-8")
    except OSError:
        return None
    # Only the site_url line: mkdocs.yml may hold other tags (!!python/name) a safe loader refuses.
    match = re.search(r"^site_url:.*$", text, re.MULTILINE)
    if not match:
        return None
    try:
        url = yaml.load(match.group(0), Loader=_SiteUrlLoader)["site_url"]
    except yaml.YAMLError:
        return None
    if not url or not isinstance(url, str):
        return None
    return url if url.endswith("/") else url + "/"


def schema_url(base: str | None, kind: str) -> str | None:
    """Where the JSON Schema of ``kind`` is published under a site URL."""
    return f"{base}schema/{kind}.json" if base else None


def existing_ids(content: Path, kind: str) -> dict[str, Path]:
    """The ids of the entries of one kind, from their file names."""
    folder = content / FOLDERS[kind]
    files = folder.rglob("*.md") if kind == "event" else folder.glob("*.md")
    return {f.stem: f for f in sorted(files)}


def _shown(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive
        return str(path)


def entry_path(
    content: Path, kind: str, ident: str, date: str | None, today: datetime.date
) -> Path:
    """``events/<year>/<id>.md`` (the year the id starts with, else the date's), or
    ``<folder>/<id>.md``."""
    if kind != "event":
        return content / FOLDERS[kind] / f"{ident}.md"
    match = re.match(r"(\d{4})(?:-|$)", ident)
    year = match.group(1) if match else (date or today.isoformat())[:4]
    return content / "events" / year / f"{ident}.md"


def date_of_id(ident: str) -> str | None:
    """The date an event id starts with: 2024-07-25-x gives 2024-07-25, 2024-x gives 2024."""
    match = re.match(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?=-|$)", ident)
    parts = [g for g in match.groups() if g] if match else []
    while parts:
        try:
            return PartialDate.parse("-".join(parts)).iso
        except ValueError:
            parts.pop()
    return None


def _scalar(value: object) -> str:
    """A value as YAML on one line, quoted only where it must be."""
    text = yaml.safe_dump(
        value, default_flow_style=True, allow_unicode=True, width=float("inf"), sort_keys=False
    ).strip()
    return text.removesuffix("\n...").removesuffix("...").strip()


def _comment(text: str, indent: str) -> list[str]:
    return textwrap.wrap(
        text,
        WIDTH - len(indent),
        initial_indent=f"{indent}# ",
        subsequent_indent=f"{indent}#   ",
        break_on_hyphens=False,
        break_long_words=False,
    )


def _help(f: Field) -> str:
    optional = "" if f.help.startswith("Optional") else "Optional. "
    text = f"{'Required. ' if f.required else optional}{f.help}"
    if f.choices:
        text += f" One of: {', '.join(f.choices)}."
    return text


def _default(f: Field, day: str) -> object:
    if f.type == "date":
        return day
    if f.type in ("ids", "texts"):
        return [PLACEHOLDER]
    return PLACEHOLDER


def _record_lines(f: Field, day: str) -> list[str]:
    """A commented-out list of one record, each field with its comment."""
    lines = [f"# {f.name}:"]
    first = f.fields[0].required
    if not first:
        lines.append("#   -")
    for sub in f.fields:
        lines += [f"#   {line}" for line in _comment(_help(sub), "  ")]
        lead = "  - " if first else "    "
        first = False
        entry = f"{sub.name}: {_scalar(_default(sub, day))}"
        if sub.type == "records":  # a record inside a record: its fields on one line
            inner = ", ".join(f"{x.name}: {_scalar(_default(x, day))}" for x in sub.fields)
            entry = f"{sub.name}: [{{{inner}}}]"
        lines.append(f"# {lead}{entry}" if sub.required else f"# {lead}# {entry}")
    return lines


def _field_lines(f: Field, values: dict, day: str) -> list[str]:
    lines = _comment(_help(f), "")
    if f.type == "records":
        return lines + _record_lines(f, day)
    value = values.get(f.name)
    if value is not None:
        return lines + [f"{f.name}: {_scalar(value)}"]
    entry = f"{f.name}: {_scalar(_default(f, day))}"
    return lines + [entry if f.required else f"# {entry}"]


def render_entry(
    kind: str,
    ident: str,
    values: dict[str, object],
    today: datetime.date,
    schema: str | None,
    shown: str,
) -> str:
    """The text of a new entry: front matter with every field of ``kind``, then a body."""
    lines = ["---"]
    if schema:
        lines.append(f"# yaml-language-server: $schema={schema}")
    lines += _comment(
        f"A new {kind}: replace every {PLACEHOLDER} below, the body's too, then run:", ""
    )
    lines.append(f"#   chronicle check {shown}")
    lines += _comment(
        'Optional fields are commented out: to use one, delete the "# " at the start of its lines.',
        "",
    )
    # Dates not given: the entry's own date where it has one, else today.
    day = str(values.get("date") or today.isoformat())
    for f in KINDS[kind]:
        lines.append("")
        lines += _field_lines(f, values, day)
    lines += ["---", f"{PLACEHOLDER}: {BODIES[kind]}", ""]
    return "\n".join(lines)


def _check_values(kind: str, values: dict[str, object], content: Path) -> list[str]:
    problems = []
    for f in (f for f in KINDS[kind] if f.name in values):  # in the schema's order
        value = values[f.name]
        option = f"--{f.name.rstrip('s')}" if f.type == "ids" else f"--{f.name}"
        if f.type == "date":
            try:
                parse_date(str(value))
            except ValueError as error:
                problems.append(f"{option}: {error}")
        elif f.type in ("text", "longtext"):
            if not str(value).strip() or "\n" in str(value):
                problems.append(f"{option}: must be text on one line")
        elif f.type in ("ids", "id") and f.ref:
            known = existing_ids(content, f.ref)
            for ident in value if isinstance(value, (list, tuple)) else [value]:
                if ident not in known:
                    problems.append(
                        f"{option}: unknown {f.ref} {ident!r}"
                        f"{suggest(ident, known)}; the {FOLDERS[f.ref]} are "
                        f"files in {_shown(content / FOLDERS[f.ref])}/"
                    )
        elif f.type == "url" and not re.match(f.pattern or "", str(value)):
            problems.append(f"{option}: {value!r}: only http and https links are allowed")
    return problems


def new_entry(
    content: Path,
    kind: str,
    ident: str,
    values: dict[str, object],
    *,
    today: datetime.date,
    schema: str | None = None,
) -> Path:
    """Write a new ``kind`` entry; raise ScaffoldError with every problem, writing nothing.

    ``values`` maps field names to values given (references are checked
    against the files of ``content``); every other field is scaffolded.
    """
    problems = []
    if not ID_RE.match(ident) or ident in RESERVED_IDS:
        problems.append(
            f"{ident!r} is not a valid id: use lowercase letters, digits and "
            "hyphens (and not 'index'), e.g. 2024-07-25-battle-of-north-town"
        )
    elif kind == "event" and YEAR_ID.fullmatch(ident):
        problems.append(YEAR_ID_MESSAGE.format(ident=ident))
    elif not content.is_dir():
        problems.append(
            f"{_shown(content)} is not a folder: run this from the repository "
            "root, or give --content"
        )
    else:
        if kind == "event" and "date" not in values and date_of_id(ident):
            values = {**values, "date": date_of_id(ident)}
        date = values.get("date")
        path = entry_path(content, kind, ident, str(date) if date else None, today)
        year = re.match(r"(\d{4})(?:-|$)", ident)
        if kind == "event" and year and date and not str(date).startswith(year.group(1)):
            problems.append(
                f"--date: {date} is not in {year.group(1)}, the year the id "
                "starts with: name the event after its date"
            )
        if path.exists():
            problems.append(f"{_shown(path)} already exists: edit it, or choose another id")
        elif ident in (taken := existing_ids(content, kind)):
            problems.append(f"the id {ident!r} is already used by {_shown(taken[ident])}")
        problems += _check_values(kind, values, content)
    if problems:
        raise ScaffoldError(problems)
    text = render_entry(kind, ident, values, today, schema, _shown(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8", newline="\n") as out:
        out.write(text)
    return path
