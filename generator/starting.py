"""``chronicle init``: a new chronicle, of any war, in a folder of its own.

The files come from ``generator/starter/`` (package data): ``mkdocs.yml`` with the
plugin and the theme configured, ``content/`` with a home page, an About page
explaining the method and one example event (its actor, place and two sources,
with a disputed claim), CONTRIBUTING.md, the Check and Deploy workflows and a
``.gitignore``. ``requirements.txt`` names the generator as it is installed here
(a Git URL and commit, when it was installed from one), so that the workflows
install the same. Nothing in them names any country, conflict or party; the
site's name and description are the user's. Only a new or empty folder is written.
"""

from __future__ import annotations

import json
from importlib import metadata
from pathlib import Path

from .site.i18n import N_, Words, languages
from .site.markup import md_escape

STARTER = Path(__file__).resolve().parent / "starter"
DISTRIBUTION = "conflict-chronicle"
# Package data cannot hold dotfiles; they are written under their real names.
RENAMED = {"gitignore": ".gitignore", "github": ".github"}


# The words of mkdocs.yml that readers see: the nav's titles and the scheme toggles' names,
# written in the chronicle's language from the interface's catalog.
MKDOCS_WORDS = {
    "@NAV_HOME@": N_("Home"),
    "@NAV_CHRONICLE@": N_("Chronicle"),
    "@NAV_EVENTS@": N_("Events by year"),
    "@NAV_DISPUTED@": N_("Disputed"),
    "@NAV_ACTORS@": N_("Actors"),
    "@NAV_LOCATIONS@": N_("Locations"),
    "@NAV_SOURCES@": N_("Sources"),
    "@NAV_ABOUT@": N_("About"),
    "@NAV_DATA@": N_("Data"),
    "@TO_DARK@": N_("Switch to dark mode"),
    "@TO_LIGHT@": N_("Switch to light mode"),
}


class InitError(Exception):
    """A reason not to write the chronicle, for the user to read."""


def generator_requirement() -> str:
    """How to install the generator that runs now: its Git URL and commit when it was
    installed from one (PEP 610's direct_url.json), else its name and version."""
    try:
        dist = metadata.distribution(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return DISTRIBUTION
    direct = dist.read_text("direct_url.json")
    if direct:
        info = json.loads(direct)
        vcs = info.get("vcs_info") or {}
        if vcs.get("vcs") == "git" and info.get("url", "").startswith("https://"):
            return f"{DISTRIBUTION} @ git+{info['url']}@{vcs.get('commit_id', '')}".rstrip("@")
    return f"{DISTRIBUTION}=={dist.version}"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def starter_files(name: str, description: str, language: str = "en") -> dict[str, str]:
    """Every file of a new chronicle, by its path in the folder; ``language``: the
    interface's (theme.language), in which mkdocs.yml's nav and toggles are written."""
    name, description = _one_line(name), _one_line(description)
    said = Words(language)
    code = language.replace("-", "_").split("_")[0]
    words = {
        "@LANGUAGE@": language,
        # The search stems the chronicle's language, and English for names.
        "@SEARCH_LANG@": json.dumps(list(dict.fromkeys([code, "en"]))),
        **{key: json.dumps(said.gettext(message), ensure_ascii=False)
           for key, message in MKDOCS_WORDS.items()},
    }  # fmt: skip
    words |= {
        # YAML strings as JSON writes them (a JSON string is a YAML string).
        "@NAME@": json.dumps(name, ensure_ascii=False),
        "@DESCRIPTION@": json.dumps(description, ensure_ascii=False),
        # Markdown: inert as Markdown and as HTML.
        "@NAME_MD@": str(md_escape(name)),
        "@DESCRIPTION_MD@": str(md_escape(description)),
    }
    out = {}
    for path in sorted(STARTER.rglob("*")):
        if not path.is_file() or path.name.startswith("."):
            continue
        rel = path.relative_to(STARTER).as_posix()
        first, _, rest = rel.partition("/")
        rel = RENAMED.get(first, first) + (f"/{rest}" if rest else "")
        text = path.read_text(encoding="utf-8")
        for key in sorted(words, key=len, reverse=True):
            text = text.replace(key, words[key])
        out[rel] = text
    out["requirements.txt"] = (
        "# The generator this chronicle is built with, installed by the workflows and by\n"
        "# `pip install -r requirements.txt` (written by chronicle init from the copy it ran\n"
        "# from: point it at a release or a Git commit of the generator to upgrade).\n"
        f"{generator_requirement()}\n"
    )
    return dict(sorted(out.items()))


def init_chronicle(folder: Path, name: str, description: str, language: str = "en") -> list[str]:
    """Write a new chronicle into ``folder`` (new or empty), its interface in ``language``
    (one of i18n.languages()); return the paths written."""
    if not name.strip():
        raise InitError("--name: the chronicle needs a name")
    if language not in languages():
        raise InitError(f"--language: {language!r} is not one of {', '.join(languages())}")
    if folder.exists() and not folder.is_dir():
        raise InitError(f"{folder}: exists and is not a folder")
    if folder.is_dir() and any(folder.iterdir()):
        raise InitError(f"{folder}: the folder is not empty: give a new or empty folder")
    files = starter_files(name, description or name, language)
    for rel, text in files.items():
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return list(files)
