"""What a build says in MkDocs's log: the content's warnings, its errors, and the
entries' history it was built with.

The plugin calls these from its event handlers; each takes the logger it writes to, so
that they run (and are tested) without MkDocs's build.
"""

from __future__ import annotations

from logging import Logger
from pathlib import Path

from mkdocs.exceptions import PluginError

from ..content.history import History, read_history
from ..content.model import Chronicle, ContentError
from ..site.urls import safe_repo_url
from . import preview


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


def log_warnings(chronicle: Chronicle, log: Logger) -> None:
    """The content's warnings: each at debug level, their count as one line."""
    for warning in chronicle.warnings:
        log.debug(str(warning))
    if chronicle.warnings:
        log.info(
            f"the content has {_plural(len(chronicle.warnings), 'warning')} "
            "(listed by chronicle check, or by mkdocs with --verbose)"
        )


def report(error: ContentError, log: Logger, serving: bool, last_good: bool) -> list[str]:
    """Content with errors: each problem in the log. A build stops (PluginError); a
    preview goes on, and the lines its banner shows are returned (preview.py), over the
    last good site when there is one (``last_good``)."""
    for problem in error.problems:
        log.error(str(problem))
    count = len([p for p in error.problems if p.severity == "error"])
    summary = f"the content has {_plural(count, 'problem')}"
    if not serving:
        raise PluginError(f"{summary}; nothing was built") from None
    shown = "the last good site under them" if last_good else "them"
    log.error(f"{summary}; the preview shows {shown} until they are fixed")
    return preview.problem_lines(error.problems)


def history(config, log: Logger) -> History:
    """Each entry's history from git (content/history.py); why there is none, and the
    files not yet committed, each said once in the log."""
    repo_url = config.repo_url or None
    if repo_url and safe_repo_url(repo_url) is None:
        raise PluginError(f"chronicle: repo_url must be an http(s) address: {repo_url!r}")
    base = Path(config.config_file_path or ".").resolve().parent
    found = read_history(Path(config.docs_dir), repo_url, config.edit_uri or None, base)
    if found.note is not None:
        log.info(f"built without the entries' history: {found.note}")
    elif found.uncommitted:
        log.info(
            f"{_plural(len(found.uncommitted), 'content file')} with changes not yet "
            f"committed (first: {found.uncommitted[0]}): "
            "the history shows the last commit of each"
        )
    return found
