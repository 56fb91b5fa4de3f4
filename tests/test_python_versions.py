"""constraints.txt installs on every Python the project supports, and pip refuses an older one
with its own message, which names the Python needed: the README's install, `pip install -c
constraints.txt -e ".[test]"`, run as a dry run (pip resolves and reads metadata, installs
nothing) in a new virtual environment of each Python found on this machine.

The Pythons: the one running the tests, Debian's /usr/bin/python3 (3.11.2, the oldest
supported) and pyenv's newest 3.11, 3.12 and 3.13, each that is present; or exactly those
that CHRONICLE_TEST_PYTHONS lists (paths or commands, separated by spaces). In CI without
that list, at least two different versions must be found."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from tests.conftest import ROOT

REQUIRES_PYTHON = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
    "requires-python"
]
OLDEST = Version(re.fullmatch(r">=\s*(\d+\.\d+)", REQUIRES_PYTHON)[1])
UNSUPPORTED = f"{OLDEST.major}.{OLDEST.minor - 1}"
PYENV = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
TIMEOUT = 900  # seconds, for one dry run (they run side by side, four at a time)


def pyenv_python(minor: str) -> Path | None:
    """pyenv's newest release of ``minor`` ("3.12"), if it is installed."""
    found = [
        p for p in PYENV.glob(f"{minor}.*/bin/python3") if re.fullmatch(r"[\d.]+", p.parts[-3])
    ]
    return max(found, key=lambda p: Version(p.parts[-3]), default=None)


def version_of(python: str) -> str | None:
    try:
        result = subprocess.run(
            [python, "-c", "import platform; print(platform.python_version())"],
            capture_output=True,
            check=False,
            text=True,
            timeout=30,
        )
    except OSError:
        return None
    return result.stdout.strip() if result.returncode == 0 else None


@cache
def supported_pythons() -> dict[str, str]:
    """{full version: interpreter} of the supported Pythons to try, one per version."""
    listed = os.environ.get("CHRONICLE_TEST_PYTHONS", "").split()
    if listed:
        candidates = listed
    else:
        candidates = [sys.executable, "/usr/bin/python3"]
        candidates += [str(p) for m in ("3.11", "3.12", "3.13") if (p := pyenv_python(m))]
    found: dict[str, str] = {}
    for python in candidates:
        version = version_of(shutil.which(python) or python)
        if version is None:
            assert not listed, f"CHRONICLE_TEST_PYTHONS: {python} does not run"
            continue
        if Version(version) >= OLDEST:
            found.setdefault(version, python)
    return found


def unsupported_python() -> str | None:
    for python in (pyenv_python(UNSUPPORTED), Path(f"/usr/bin/python{UNSUPPORTED}")):
        if python is not None and python.exists() and version_of(str(python)):
            return str(python)
    return None


def dry_run(python: str, target: str, where: Path) -> tuple[subprocess.CompletedProcess, dict]:
    """pip's dry run of ``pip install -c constraints.txt -e TARGET`` in a new venv of ``python``."""
    venv = where / "venv"
    subprocess.run([python, "-m", "venv", str(venv)], check=True, timeout=300)
    report = where / "report.json"
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    result = subprocess.run(
        [
            *(str(venv / "bin" / "python"), "-m", "pip", "install", "--dry-run"),
            *("--ignore-installed", "--quiet", "--report", str(report)),
            *("-c", "constraints.txt", "-e", target),
        ],
        check=False,
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    return result, (json.loads(report.read_text()) if report.exists() else {})


@pytest.fixture(scope="module")
def dry_runs(tmp_path_factory):
    """Every dry run, side by side: {(version or "unsupported", target): (result, report)}."""
    jobs = {(v, ".[test]"): p for v, p in supported_pythons().items()}
    if unsupported := unsupported_python():
        jobs |= {("unsupported", t): unsupported for t in (".", ".[test]")}
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = {
            key: pool.submit(dry_run, python, key[1], tmp_path_factory.mktemp("dry-run"))
            for key, python in jobs.items()
        }
        return {key: future.result() for key, future in futures.items()}


def pins() -> list[Requirement]:
    lines = (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines()
    return [Requirement(line) for line in lines if line and not line.startswith((" ", "#"))]


def test_enough_pythons_are_found():
    found = supported_pythons()
    assert found, "no supported Python found"
    if os.environ.get("CI") and not os.environ.get("CHRONICLE_TEST_PYTHONS"):
        assert len(found) >= 2, f"CI tries at least two supported Pythons; found {found}"


@pytest.mark.parametrize("version", sorted(supported_pythons(), key=Version))
def test_the_constraints_install_on_each_supported_python(dry_runs, version):
    result, report = dry_runs[(version, ".[test]")]
    assert result.returncode == 0, result.stderr
    environment = report["environment"]
    assert environment["python_full_version"] == version
    # What pip would install is exactly what constraints.txt pins for this Python.
    pinned = {
        canonicalize_name(pin.name): pin.specifier
        for pin in pins()
        if pin.marker is None or pin.marker.evaluate(environment)
    }
    installed = {
        canonicalize_name(item["metadata"]["name"]): item["metadata"]["version"]
        for item in report["install"]
    }
    assert (
        installed.pop("conflict-chronicle")
        == tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
            "version"
        ]
    )
    for name, version_installed in installed.items():
        assert name in pinned, f"{name} {version_installed} is not pinned for Python {version}"
        assert pinned[name].contains(version_installed), (name, version_installed)


@pytest.mark.parametrize("target", [".", ".[test]"])
def test_an_unsupported_python_is_refused_with_the_python_needed(dry_runs, target):
    if ("unsupported", target) not in dry_runs:
        pytest.skip(f"no Python {UNSUPPORTED} on this machine")
    result, _report = dry_runs[("unsupported", target)]
    assert result.returncode != 0
    [refusal] = [line for line in result.stderr.splitlines() if line.startswith("ERROR:")]
    assert re.fullmatch(
        rf"ERROR: Package 'conflict-chronicle' requires a different Python: "
        rf"{re.escape(UNSUPPORTED)}\.\d+ not in '{re.escape(REQUIRES_PYTHON)}'",
        refusal,
    ), result.stderr


def test_the_pins_markers_name_only_the_python_version():
    """One file for every platform: a pin differs only by the Python it is for."""
    for pin in pins():
        assert len(pin.specifier) == 1 and next(iter(pin.specifier)).operator == "==", pin
        if pin.marker is not None:
            variables = re.findall(r"\b([a-z_]+) *[<>=!]", str(pin.marker))
            assert set(variables) <= {"python_full_version", "python_version"}, pin
