"""Measure one stage in a fresh process and print its figures as JSON.

    python -m bench.measure check|render|build CONTENT_DIR [SITE_DIR]

`check` loads, validates and indexes; `render` adds rendering every page's
Markdown; `build` runs the whole `mkdocs build --strict` with the project's
mkdocs.yml. Prints seconds (wall) and peak memory (MB, max RSS).
"""

from __future__ import annotations

import json
import logging
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(stage: str, content: str, site: str | None = None) -> dict:
    from generator.index import build_chronicle
    from generator.render import render_pages

    start = time.perf_counter()
    if stage == "check":
        chronicle = build_chronicle(Path(content))
        count = len(chronicle.events)
    elif stage == "render":
        count = len(render_pages(build_chronicle(Path(content))))
    elif stage == "build":
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        logging.disable(logging.WARNING)
        os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
        config = load_config(
            config_file=str(ROOT / "mkdocs.yml"), docs_dir=content, site_dir=site, strict=True
        )
        config.plugins.on_startup(command="build", dirty=False)
        build(config)
        count = sum(1 for _ in Path(site).rglob("index.html"))
    else:
        raise SystemExit(f"unknown stage {stage}")
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"stage": stage, "seconds": round(seconds, 2), "peak_mb": round(peak, 1), "count": count}


if __name__ == "__main__":
    print(json.dumps(main(*sys.argv[1:])))
