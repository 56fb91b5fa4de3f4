"""The downloads of a preview's rebuild, written after the pages by a child process.

The feed and the data files are made of the whole chronicle (seconds, for
thousands of events). In a preview's rebuild they are written once the pages
are out: a child process (a thread where there is no fork) writes each file in
full in a scratch folder beside the site, then all of them into place, so a
download is never served half-written. The next build stops it (and writes
them again); the end of ``mkdocs serve`` waits for it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import tempfile
import threading
from pathlib import Path

from ..content.model import Chronicle
from ..site.outputs import download_files


class DownloadsWriter:
    """Writes a chronicle's downloads into a site in the background (module docstring)."""

    def __init__(self) -> None:
        self.writing: threading.Thread | int | None = None  # its thread, or process id
        self.scratch = Path()

    def start(
        self,
        chronicle: Chronicle,
        site: Path,
        site_url: str,
        site_name: str,
        language: str = "en",
        licence: str | None = None,
    ) -> None:
        """Begin writing the feed and the data files of ``chronicle`` into ``site``."""
        self.stop()
        scratch = Path(tempfile.mkdtemp(prefix=".chronicle-downloads-", dir=site.parent))

        def write() -> None:
            parts = []
            files = download_files(chronicle, site_url, site_name, language, licence)
            for number, (path, content) in enumerate(files.items()):
                part = scratch / str(number)
                part.write_text(content, encoding="utf-8", newline="")
                parts.append((part, site / path))
            for part, target in parts:
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(part, target)

        self.scratch = scratch
        if not hasattr(os, "fork"):
            self.writing = threading.Thread(target=write, name="chronicle-downloads")
            self.writing.start()
            return
        pid = os.fork()
        if pid == 0:  # the child: write, and leave at once (nothing of the server's to run)
            code = 1
            try:
                write()
                code = 0
            finally:
                os._exit(code)
        self.writing = pid

    def wait(self, stop: bool = False) -> None:
        """Wait for the downloads being written, or (``stop``) stop their writing."""
        if self.writing is None:
            return
        if isinstance(self.writing, threading.Thread):
            self.writing.join()
        else:
            if stop:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(self.writing, signal.SIGKILL)
            os.waitpid(self.writing, 0)
        shutil.rmtree(self.scratch, ignore_errors=True)  # a stopped one's unfinished files
        self.writing = None

    def stop(self) -> None:
        self.wait(stop=True)
