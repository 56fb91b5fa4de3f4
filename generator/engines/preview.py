"""The error page of `mkdocs serve`: content that does not validate never hangs the preview.

When the content has problems, `mkdocs build` stops with them (nothing is
built). Under `mkdocs serve` the plugin instead builds a site with no pages:
every address is then answered by the theme's 404 page, which the override
``templates/overrides/404.html`` turns into the list of problems (each
``path:line: field: message``) while ``chronicle_problems`` is set. That page
asks the development server for the next build and reloads itself when it
is done, so the page the maintainer was looking at comes back once the
content is fixed.
"""

from __future__ import annotations

from mkdocs.structure.files import Files


def error_files(files: Files, config) -> Files:
    """The site's files without any page: only the theme's and the static files."""
    config["nav"] = None  # the configured nav names pages that are not built
    return Files([f for f in files if not f.is_documentation_page()])


def error_env(env, problems: list[str]):
    """The theme's Jinja2 environment, told which problems to show (none: an ordinary 404)."""
    env.globals["chronicle_problems"] = list(problems)
    return env
