"""Where each entry is published: its site URL, and its permanent address.

Shared by the pages (render.py), the feed (feeds.py) and the downloads
(data.py), so that every file names an entry by the same address.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

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


def chronicle_key(site_url: str, site_name: str = "") -> str:
    """What tells this chronicle from any other in the ids of its feed and calendar: its
    site's host and path ('example.org/sudan'), else its name in lowercase letters, digits
    and hyphens ('sudan-war-chronicle'), else 'chronicle'."""
    if site_url:
        parts = urlsplit(site_url)
        return ((parts.hostname or "") + parts.path.rstrip("/")) or "chronicle"
    ascii_name = unicodedata.normalize("NFKD", site_name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return slug or "chronicle"
