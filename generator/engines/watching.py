"""`mkdocs serve` told of a save by the system's file events, not by polling.

MkDocs's server (``LiveReloadServer``) polls every path it watches every half
second (watchdog's ``PollingObserver``): for the content of a 10,000-event
chronicle, a listing of some 16,000 files twice a second. That took a quarter
of the server's time while a rebuild ran, and found a save up to half a
second late. ``watch_folders_natively`` moves the server's watched folders
(the content, the templates) to watchdog's native observer (inotify, FSEvents,
ReadDirectoryChangesW), which the system tells of a change as it happens.

- Files (mkdocs.yml) stay polled: an editor that saves by replacing a file
  would end a native watch of that file.
- Only changes count: creating, changing, moving or deleting a file. Native
  observers also report files opened and closed, which every build does to
  the content (a build would start the next).
- Where the native observer cannot start (no more inotify watches, say), or
  the plugin's ``watcher`` setting is ``polling`` (folders mounted from
  another machine or a container, which send no file events), MkDocs polls as
  it does by itself.
"""

from __future__ import annotations

import os

from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver
from watchdog.observers.polling import PollingObserver

CHANGES = (
    FileCreatedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileDeletedEvent,
    DirCreatedEvent,
    DirMovedEvent,
    DirDeletedEvent,
)


class ChangesObserver(Observer):  # type: ignore[misc, valid-type]
    """The system's native observer, reporting changes only (``CHANGES``)."""

    def schedule(self, event_handler, path, *, recursive=False, event_filter=None, **kwargs):
        return super().schedule(
            event_handler,
            path,
            recursive=recursive,
            event_filter=event_filter or list(CHANGES),
            **kwargs,
        )


def _move(server, folders: dict[str, int], observer: BaseObserver) -> None:
    for path, count in folders.items():
        for _ in range(count):
            server.unwatch(path)
    polling, server.observer = server.observer, observer
    try:
        for path, count in folders.items():
            for _ in range(count):
                server.watch(path)
    finally:
        server.observer = polling


def watch_folders_natively(server) -> BaseObserver | None:
    """Move the server's watched folders to a native observer, started; None if none.

    ``server`` is MkDocs's ``LiveReloadServer``, before it serves: its own
    observer is started by ``serve``, and polls what is left (files).
    """
    watched = getattr(server, "_watched_paths", None)
    if (
        Observer is PollingObserver  # no native observer on this system
        or not isinstance(watched, dict)
        or not isinstance(getattr(server, "observer", None), PollingObserver)
        or server.observer.is_alive()
    ):
        return None
    folders = {path: count for path, count in watched.items() if os.path.isdir(path)}
    if not folders:
        return None
    native = ChangesObserver()
    _move(server, folders, native)
    try:
        native.start()
    except OSError:  # e.g. the system's limit on inotify watches
        native.unschedule_all()
        for path in folders:  # their watches name the native observer: watch again
            server._watch_refs.pop(path, None)
            server._watched_paths.pop(path, None)
        for path, count in folders.items():
            for _ in range(count):
                server.watch(path)
        return None
    return native
