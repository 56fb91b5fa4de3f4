"""Where each entry is published: its site URL, and its permanent address.

Shared by the pages (render.py), the feed (feeds.py) and the downloads
(data.py), so that every file names an entry by the same address.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote, urlencode, urlsplit

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


# --- The repository's host: commits, sources, edit pages and new issues -----------------


def _gitlab(repo_url: str) -> bool:
    return "gitlab" in (urlsplit(repo_url).hostname or "")


def safe_repo_url(repo_url: str | None) -> str | None:
    """``repo_url`` without its trailing slash, or None unless it is an http(s) address."""
    if not repo_url:
        return None
    parts = urlsplit(repo_url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return repo_url.strip().rstrip("/")


def commit_url(repo_url: str | None, commit: str) -> str | None:
    """The commit's page on the host (GitHub, Gitea/Forgejo, GitLab), or None."""
    base = safe_repo_url(repo_url)
    if base is None or not commit:
        return None
    return f"{base}/-/commit/{commit}" if _gitlab(base) else f"{base}/commit/{commit}"


def source_url(repo_url: str | None, commit: str | None, path: str) -> str | None:
    """The file as it is at ``commit`` on the host (a path from the repository's top)."""
    base = safe_repo_url(repo_url)
    if base is None or not commit:
        return None
    blob = "/-/blob/" if _gitlab(base) else "/blob/"
    return f"{base}{blob}{commit}/{quote(path)}"


def edit_url(repo_url: str | None, edit_uri: str | None, path: str) -> str | None:
    """The host's edit page of a file under the content folder (MkDocs's ``edit_uri``)."""
    base = safe_repo_url(repo_url)
    if base is None or not edit_uri:
        return None
    if urlsplit(edit_uri).scheme:
        return safe_repo_url(edit_uri.rstrip("/") + "/" + quote(path))
    return f"{base}/{edit_uri.strip('/')}/{quote(path)}"


def issue_url(repo_url: str | None, title: str, body: str) -> str | None:
    """A new issue on the host, its title and text filled in."""
    base = safe_repo_url(repo_url)
    if base is None:
        return None
    if _gitlab(base):
        query = urlencode({"issue[title]": title, "issue[description]": body})
        return f"{base}/-/issues/new?{query}"
    return f"{base}/issues/new?{urlencode({'title': title, 'body': body})}"
