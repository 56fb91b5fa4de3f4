"""Where each entry is published: its site URL, and its permanent address.

Shared by the pages (render.py), the feed (feeds.py) and the downloads
(data.py), so that every file names an entry by the same address.
"""

from __future__ import annotations

from ..content.model import Entry
from ..content.schema import FOLDERS


def url_of(entry: Entry) -> str:
    """The entry's URL relative to the site's root: 'events/ID/'."""
    return f"{FOLDERS[entry.kind]}/{entry.id}/"


def permanent_url(site_url: str, url: str) -> str:
    """A site URL made absolute with ``site_url`` ('/events/x/' without one)."""
    if site_url:
        return site_url.rstrip("/") + "/" + url
    return "/" + url
