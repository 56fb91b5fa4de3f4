"""Rewrite the golden files in tests/golden/ from the fixture chronicle.

Run from the repository root after an intended change to the output::

    python -m tests.regenerate_golden

The golden files are what the core generates for tests/fixtures/chronicle/:
every page's Markdown at its page path (``events/<id>.md``, ``actors/index.md``...),
the redirect pages at their old URLs, and the output of ``chronicle schema``
as ``chronicle-schema.json``. ``tests/test_golden.py`` compares them exactly.
"""

from __future__ import annotations

import shutil

from click.testing import CliRunner

from generator.cli import main as chronicle
from generator.content.index import build_chronicle
from generator.site.outputs import redirect_files
from generator.site.render import render_pages
from tests.conftest import FIXTURE, ROOT  # also sets the tests' CHRONICLE_SITE_URL

GOLDEN = ROOT / "tests" / "golden"
SCHEMA_FILE = "chronicle-schema.json"


def generated() -> dict[str, str]:
    """Every golden file's expected text, by its path under tests/golden/."""
    chronicle_ = build_chronicle(FIXTURE, display="tests/fixtures/chronicle")
    out = {page.path: page.markdown for page in render_pages(chronicle_)}
    out.update(redirect_files(chronicle_))
    result = CliRunner().invoke(chronicle, ["schema"])
    if result.exit_code != 0:
        raise RuntimeError(f"chronicle schema failed:\n{result.output}")
    out[SCHEMA_FILE] = result.stdout
    return dict(sorted(out.items()))


def stored() -> dict[str, str]:
    """The golden files on disk, by their path under tests/golden/."""
    if not GOLDEN.is_dir():
        return {}
    return {
        p.relative_to(GOLDEN).as_posix(): p.read_bytes().decode("utf-8")
        for p in sorted(GOLDEN.rglob("*"))
        if p.is_file()
    }


def write(files: dict[str, str]) -> None:
    """Replace tests/golden/ with exactly these files."""
    if GOLDEN.exists():
        shutil.rmtree(GOLDEN)
    for path, text in files.items():
        target = GOLDEN / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text.encode("utf-8"))


def main() -> None:
    files = generated()
    before = stored()
    write(files)
    changed = sorted(p for p in files.keys() | before.keys() if files.get(p) != before.get(p))
    print(f"wrote {len(files)} golden files to {GOLDEN.relative_to(ROOT)}/; {len(changed)} changed")
    for path in changed:
        print(f"  {path}")


if __name__ == "__main__":
    main()
