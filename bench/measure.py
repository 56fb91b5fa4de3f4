"""Run one stage of the benchmark in this process (bench/run.py times it from outside).

    python -m bench.measure build CONTENT_DIR SITE_DIR    the project's mkdocs build --strict
    python -m bench.measure floor DOCS_DIR SITE_DIR       the floor: same config, no chronicle
    python -m bench.measure serve CONTENT_DIR PORT        mkdocs serve on CONTENT_DIR
    python -m bench.measure pages CONTENT_DIR DOCS_DIR    write the floor's docs folder

`build` uses the project's mkdocs.yml with ``docs_dir`` pointed at the content.
`floor` uses the same file with the chronicle plugin removed (same theme
configuration, Markdown extensions, search settings and nav), building the
Markdown the chronicle renders, written to disk by `pages` (exactly what the
plugin hands MkDocs, page by page, plus the ordinary pages copied as they are).
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "mkdocs.yml"


def _plugins_without_chronicle() -> list:
    from mkdocs.utils.yaml import yaml_load  # reads !ENV, as MkDocs does

    plugins = yaml_load(CONFIG.read_text(encoding="utf-8"))["plugins"]
    return [p for p in plugins if (p if isinstance(p, str) else next(iter(p))) != "chronicle"]


def build(content: str, site: str, floor: bool = False) -> None:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    extra = {"plugins": _plugins_without_chronicle()} if floor else {}
    config = load_config(
        config_file=str(CONFIG), docs_dir=content, site_dir=site, strict=True, **extra
    )
    config.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build(config)
    finally:
        config.plugins.on_shutdown()


def write_pages(content: str, docs: str) -> int:
    """The floor's docs: every page the chronicle renders, and the ordinary pages."""
    from generator.content.index import build_chronicle
    from generator.site.render import render_pages

    content_dir, out = Path(content), Path(docs)
    if out.exists():
        shutil.rmtree(out)
    chronicle = build_chronicle(content_dir)
    pages = render_pages(chronicle)
    written = {p.path for p in pages}
    for page in pages:
        target = out / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.markdown, encoding="utf-8")
    for page in chronicle.pages:
        if page.src not in written:
            target = out / page.src
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(content_dir / page.src, target)
    return len(pages)


def serve(content: str, port: str) -> None:
    from mkdocs.commands.serve import serve as mkdocs_serve

    mkdocs_serve(
        config_file=str(CONFIG),
        docs_dir=content,
        dev_addr=f"127.0.0.1:{port}",
        build_type=None,  # plain `mkdocs serve`: MkDocs cleans the site on every rebuild
        livereload=True,
    )


def main(stage: str, first: str, second: str) -> None:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    logging.basicConfig(level=logging.ERROR if stage != "serve" else logging.INFO)
    if stage in ("build", "floor"):
        build(first, second, floor=stage == "floor")
    elif stage == "pages":
        print(write_pages(first, second))
    elif stage == "serve":
        serve(first, second)
    else:
        raise SystemExit(f"unknown stage {stage}")


if __name__ == "__main__":
    main(*sys.argv[1:])
