"""What `mkdocs serve` shows while the content has errors: it never hangs, and
after a good build it keeps the last good site.

When the content has problems, `mkdocs build` stops with them (nothing is
built). Under `mkdocs serve` the plugin instead:

- after a build that succeeded, builds the last good chronicle again, every
  page of it with a banner at the top listing the problems (each
  ``path:line: field: message``, as text), the downloads included; the page
  reloads itself once the content builds again (``generator/site/theme/main.html``);
- before any build has succeeded, builds a site with no pages: every address
  is then answered by the theme's 404 page, which ``generator/site/theme/404.html``
  turns into the list of problems while ``chronicle_no_site`` is set. That page
  asks the development server for the next build and reloads itself when it is
  done, so the page the maintainer was looking at comes back once the content
  is fixed.

A file that ``chronicle new`` has just written, whose only problems are its
placeholders, is one line of the list (``problem_lines``).

The banner's and the error page's words are in the interface's language
(theme.language, site/i18n.py): ``error_env`` gives the theme's templates
``chronicle_words``, already translated; the problems themselves stay as
``chronicle check`` prints them.
"""

from __future__ import annotations

from collections.abc import Iterable

from mkdocs.structure.files import Files

from ..content.model import Problem
from ..content.validate import PLACEHOLDER
from ..site.i18n import Words

_PLACEHOLDER_MESSAGE = f"fill in the placeholder {PLACEHOLDER}"


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def problem_lines(problems: Iterable[Problem]) -> list[str]:
    """Each problem as a line, a new entry's unfilled placeholders as one line."""
    problems = sorted(problems)
    by_path: dict[str, list[Problem]] = {}
    for problem in problems:
        by_path.setdefault(problem.path, []).append(problem)
    new = {
        path
        for path, found in by_path.items()
        if all(p.message.startswith(_PLACEHOLDER_MESSAGE) for p in found)
    }
    lines, said = [], set()
    for problem in problems:
        if problem.path not in new:
            lines.append(str(problem))
        elif problem.path not in said:
            said.add(problem.path)
            fields = list(dict.fromkeys(p.field for p in by_path[problem.path]))
            lines.append(
                str(
                    Problem(
                        problem.path,
                        problem.line,
                        fields[0],
                        f"a new entry, not filled in yet: replace the placeholder "
                        f"{PLACEHOLDER} of {_and(fields)}",
                    )
                )
            )
    return lines


def error_files(files: Files, config) -> Files:
    """The site's files without any page: only the theme's and the static files."""
    config["nav"] = None  # the configured nav names pages that are not built
    return Files([f for f in files if not f.is_documentation_page()])


def preview_words(count: int, language: str = "en") -> dict[str, str]:
    """The words of the preview's banner and error page, and of the feeds' links in every
    page's head, in the interface's language (``count``: how many problems)."""
    words = Words(language)
    return {
        "problems": words.ngettext(
            "The content has %(num)d problem.", "The content has %(num)d problems.", count
        ),
        "last_good": words.gettext("This preview shows the last good build."),
        "fix_banner": words.ngettext(
            "Fix it: the page reloads by itself when the site builds again.",
            "Fix them: the page reloads by itself when the site builds again.",
            count,
        ),
        "not_built": words.gettext("The chronicle could not be built"),
        "fix_page": words.ngettext(
            "Fix it: this page reloads by itself when the site builds again.",
            "Fix them: this page reloads by itself when the site builds again.",
            count,
        ),
        "newest_events": words.gettext("newest events"),
        "corrections": words.gettext("corrections"),
    }


def error_env(env, problems: list[str], no_site: bool = False, language: str = "en"):
    """The theme's Jinja2 environment, told which problems to show (none: an ordinary
    site), whether the site is there (``no_site``: the 404 page is the error page), and
    the words to say them with (``chronicle_words``, in the interface's ``language``)."""
    env.globals["chronicle_problems"] = list(problems)
    env.globals["chronicle_no_site"] = no_site
    env.globals["chronicle_words"] = preview_words(len(problems), language)
    return env
