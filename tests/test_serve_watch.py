"""`mkdocs serve` sees a save and rebuilds once (generator/engines/watching.py).

A real `mkdocs serve` on a small synthetic chronicle, with the folders watched
natively (the default) or polled as MkDocs does by itself: an edit of an
event is served after one rebuild, which the browser learns of by MkDocs's
livereload request, and the rebuild's own reading of the content starts no
other.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from bench.run import _free_port
from bench.synthetic import generate
from generator.engines import watching

from .conftest import ROOT
from .test_incremental import _config

NEW_TITLE = "A retitled event at the well"


def _get(url: str, timeout: float = 5) -> str:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.read().decode("utf-8")


def _wait_for(url: str, server: subprocess.Popen, seconds: float = 300) -> str:
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        assert server.poll() is None, server.stderr.read()
        try:
            return _get(url)
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"{url} not served in {seconds} s")


@pytest.mark.parametrize("watcher", ["native", "polling"])
def test_a_saved_event_is_served_after_one_rebuild(tmp_path, watcher):
    content = generate(tmp_path / "content", 40)
    config = _config(tmp_path)
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "      list_limit:", f"      watcher: {watcher}\n      list_limit:"
        ),
        encoding="utf-8",
    )
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "CHRONICLE_SITE_URL"}
    env["CHRONICLE_CACHE_DIR"] = str(tmp_path / "cache")
    log = tmp_path / "serve.log"
    with log.open("w", encoding="utf-8") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a", f"127.0.0.1:{port}"],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, text=True,
        )  # fmt: skip
        try:
            event_file = sorted((content / "events").rglob("*.md"))[10]
            url = f"http://127.0.0.1:{port}/events/{event_file.stem}/"
            page = _wait_for(url, server)
            while "Watching paths for changes" not in log.read_text(encoding="utf-8"):
                time.sleep(0.2)
            time.sleep(1)  # the polling observer's first listing is taken once it has started
            epoch = re.search(r"livereload\((\d+),", page).group(1)
            text = event_file.read_text(encoding="utf-8")
            event_file.write_text(
                re.sub(r"^title: .*$", f"title: {NEW_TITLE}", text, count=1, flags=re.MULTILINE),
                encoding="utf-8",
            )
            # What the page's livereload script waits on: it answers once the rebuild is out.
            newer = _get(f"http://127.0.0.1:{port}/livereload/{epoch}/1", timeout=120)
            assert int(newer) > int(epoch)
            assert NEW_TITLE in _get(url)
            time.sleep(3)  # a rebuild that set off another would show it by now
            served = log.read_text(encoding="utf-8")
            assert served.count("Detected file changes") == 1, served[-3000:]
            assert served.count("Reloading browsers") == 1, served[-3000:]
        finally:
            server.terminate()
            server.wait(timeout=60)


def test_the_native_observer_reports_changes_only(tmp_path):
    """Reading a file (as every build reads the content) is no change."""
    seen = []

    class Handler:
        def dispatch(self, event):
            seen.append((type(event).__name__, Path(event.src_path).name))

    observer = watching.ChangesObserver()
    folder = tmp_path / "watched"
    folder.mkdir()
    (folder / "read.md").write_text("a", encoding="utf-8")
    observer.schedule(Handler(), str(folder), recursive=True)
    observer.start()
    try:
        (folder / "read.md").read_text(encoding="utf-8")
        (folder / "new.md").write_text("b", encoding="utf-8")
        start = time.monotonic()
        while not any(name == "new.md" for _, name in seen) and time.monotonic() - start < 10:
            time.sleep(0.05)
    finally:
        observer.stop()
        observer.join()
    assert ("FileCreatedEvent", "new.md") in seen
    assert not [e for e in seen if e[1] == "read.md"]
    assert {kind for kind, _ in seen} <= {e.__name__ for e in watching.CHANGES}


def _server(tmp_path: Path):
    """MkDocs's server, not serving, watching a folder and a file."""
    from mkdocs.livereload import LiveReloadServer

    folder, config = tmp_path / "content", tmp_path / "mkdocs.yml"
    folder.mkdir()
    config.write_text("site_name: x\n", encoding="utf-8")
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    server.watch(str(folder))
    server.watch(str(config))
    return server, folder, config


def test_folders_move_to_the_native_observer_and_files_stay_polled(tmp_path):
    from watchdog.observers.polling import PollingObserver

    server, folder, config = _server(tmp_path)
    native = watching.watch_folders_natively(server)
    try:
        assert isinstance(native, watching.ChangesObserver)
        assert [e.watch.raw_path for e in native.emitters] == [str(folder)]
        assert isinstance(server.observer, PollingObserver)
        server.observer.start()
        polled = sorted(e.watch.raw_path for e in server.observer.emitters)
        assert polled == [str(config)]
    finally:
        native.stop()
        server.observer.stop()


def test_a_native_observer_that_cannot_start_leaves_the_folders_polled(tmp_path, monkeypatch):
    def refuse(self):
        raise OSError(28, "inotify watch limit reached")

    monkeypatch.setattr(watching.ChangesObserver, "start", refuse)
    server, folder, config = _server(tmp_path)
    assert watching.watch_folders_natively(server) is None
    server.observer.start()
    try:
        polled = sorted(e.watch.raw_path for e in server.observer.emitters)
        assert polled == sorted([str(folder), str(config)])
    finally:
        server.observer.stop()
