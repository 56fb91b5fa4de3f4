"""The atomic build: a site is replaced only by a whole, successful build.

``mkdocs build`` writes into a fresh folder beside the site; when the build
has finished without an error (and, with ``--strict``, without a warning) the
fresh folder takes the site's place in one rename, and the old one is
removed. A build that fails leaves the previous site exactly as it was.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from pathlib import Path

from mkdocs import utils


class AtomicBuild:
    """Builds into a fresh folder and swaps it into place (module docstring)."""

    def __init__(self, logger: str) -> None:
        self.logger = logger  # the engine's logger, on which --strict counts warnings
        self.final: str | None = None
        self.building: str | None = None
        self.warnings: utils.CountHandler | None = None

    def start(self, config) -> None:
        """Point ``config.site_dir`` at a fresh folder beside the site."""
        self.final = config.site_dir
        parent = Path(config.site_dir).resolve().parent
        parent.mkdir(parents=True, exist_ok=True)
        self.building = tempfile.mkdtemp(prefix=".site-building-", dir=parent)
        config.site_dir = self.building
        # MkDocs counts --strict warnings only after on_post_build: count them
        # too, so that a build it will abort is never swapped into place.
        self.warnings = utils.CountHandler()
        self.warnings.setLevel(logging.WARNING)
        logging.getLogger(self.logger).addHandler(self.warnings)

    def _stop_counting(self) -> None:
        if self.warnings is not None:
            logging.getLogger(self.logger).removeHandler(self.warnings)

    def finish(self, config) -> None:
        """The build is written: swap it into place, unless --strict will abort it."""
        if not self.building:
            return
        self._stop_counting()
        if config.strict and self.warnings.get_counts():
            return  # MkDocs aborts next; abandon() removes the new build
        final = Path(self.final)
        retired = None
        if final.exists():
            retired = Path(tempfile.mkdtemp(prefix=".site-old-", dir=final.parent))
            final.rename(retired / "site")
        os.rename(self.building, final)
        if retired is not None:
            shutil.rmtree(retired, ignore_errors=True)
        config.site_dir = str(final)
        self.building = None

    def abandon(self) -> None:
        """The build failed: remove what it wrote; the site stays as it was."""
        self._stop_counting()
        if self.building:
            shutil.rmtree(self.building, ignore_errors=True)
            self.building = None
