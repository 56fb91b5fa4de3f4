"""A cache of each content file's own validation, like ruff's and mypy's caches.

Reading and validating one file (its front matter, its fields, the safety
checks of its body) depends only on its bytes, its path and the generator's
code. ``load`` keeps each file's result under its path, with a hash of its
bytes; the next run reuses a result when the bytes are the same, and a cache
written by any other code (the generator's source files, or the versions of
the libraries its checks use) is not read at all. References between files
are always checked anew, over the whole content.

The cache lives in the user's cache folder (``$XDG_CACHE_HOME`` or
``~/.cache``, then ``conflict-chronicle/``), or in ``$CHRONICLE_CACHE_DIR``;
never in the repository, where a contribution could plant one (it holds
pickles). ``chronicle check --no-cache`` and ``CHRONICLE_CACHE=0`` run
without it; the results are the same either way.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import tempfile
from importlib import metadata
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]  # the whole generator: its classes are pickled
LIBRARIES = ("Markdown", "PyYAML", "nh3")


def _code_version() -> str:
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(PACKAGE.rglob("*.py")):
        name = path.relative_to(PACKAGE).as_posix()
        digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    for name in LIBRARIES:
        try:
            digest.update(f"{name}={metadata.version(name)}\0".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=\0".encode())
    return digest.hexdigest()


def cache_dir() -> Path:
    """Where caches are kept (see the module's documentation)."""
    if os.environ.get("CHRONICLE_CACHE_DIR"):
        return Path(os.environ["CHRONICLE_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "conflict-chronicle"


def enabled() -> bool:
    return os.environ.get("CHRONICLE_CACHE", "1") not in ("0", "false", "no")


def read_pickle(path: Path, version: str) -> dict:
    """What ``write_pickle`` stored at ``path`` for this code ``version``, else {}."""
    try:
        with open(path, "rb") as handle:
            gc.disable()  # unpickling many small objects: no collections meanwhile
            try:
                data = pickle.load(handle)
            finally:
                gc.enable()
        if isinstance(data, dict) and data.get("version") == version:
            return data["data"]
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError,
            KeyError, TypeError, ValueError):  # fmt: skip
        pass
    return {}


def write_pickle(path: Path, version: str, data: dict) -> None:
    """Store ``data`` at ``path`` for this code ``version``, whole or not at all."""
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix="." + path.stem + "-")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump({"version": version, "data": data}, handle, protocol=5)
        os.replace(tmp, path)
    except OSError:  # a cache that cannot be written only costs time
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


class FileCache:
    """Per-file results for one content folder, read once and written back once."""

    def __init__(self, root: Path, folder: Path | None = None):
        self.version = _code_version()
        name = hashlib.blake2b(str(Path(root).resolve()).encode(), digest_size=12).hexdigest()
        self.path = (folder or cache_dir()) / f"files-{name}.pickle"
        self.old: dict | None = None  # read at the first look-up
        self.new: dict = {}
        self.changed = False

    def depend_on(self, value: object) -> None:
        """Make every result depend on ``value`` too (its repr), as on the code."""
        digest = hashlib.blake2b(self.version.encode(), digest_size=16)
        digest.update(repr(value).encode())
        self.version = digest.hexdigest()

    def _read(self) -> dict:
        return read_pickle(self.path, self.version)

    @staticmethod
    def digest(raw: bytes) -> bytes:
        return hashlib.blake2b(raw, digest_size=20).digest()

    def _stored(self, key: tuple[str, str]):
        if self.old is None:
            self.old = self._read()
        return self.old.get(key)

    def unchanged(self, key: tuple[str, str], stat: tuple[int, int]):
        """The result stored for this path when the file's (mtime, size) is as then, or None.

        As mypy and ruff do, a file whose modification time and size are those
        seen when it was validated is not read again.
        """
        found = self._stored(key)
        if found is not None and found[1] == stat:
            self.new[key] = found
            return found[2]
        return None

    def get(self, key: tuple[str, str], raw: bytes, stat: tuple[int, int]):
        """The result stored for this path and these bytes, or None."""
        found = self._stored(key)
        if found is not None and found[0] == self.digest(raw):
            self.new[key] = (found[0], stat, found[2])
            self.changed = self.changed or found[1] != stat
            return found[2]
        return None

    def put(self, key: tuple[str, str], raw: bytes, stat: tuple[int, int], result) -> None:
        self.new[key] = (self.digest(raw), stat, result)
        self.changed = True

    def save(self) -> None:
        """Write the results of this run (only the files read now) when anything changed."""
        if not self.changed and self.new.keys() == (self.old or {}).keys():
            return
        write_pickle(self.path, self.version, self.new)
