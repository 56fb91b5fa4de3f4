"""The stages of generator/: imports run one way only, from a stage to those below it.

engines → site → content → bodies → content.model / content.schema / content.vocabulary
(generator/__init__.py). Within bodies: render → check → rules. The claims
engine is called from the index stage alone (content.analysis, content.crosscheck).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "generator"

# Rank of each stage: a module may import modules of its own rank or below.
# The bottom: the values and the declaration, which import nothing of the generator but
# the vocabulary the declaration is built from, which imports nothing at all.
BOTTOM = {"generator.content.model", "generator.content.schema"}
VOCABULARY = "generator.content.vocabulary"
RANKS = (
    ("generator.bodies.rules", 1),
    ("generator.bodies.check", 2),
    ("generator.bodies", 3),
    ("generator.content", 4),
    ("generator.site", 5),
    ("generator.engines", 6),
    ("generator", 7),  # cli, scaffold
)
# The claims engine: the topics, groups and records, and the death tolls.
CLAIMS_ENGINE = {"generator.content.claims", "generator.content.tolls"}
CALLERS_OF_THE_ENGINE = {"generator.content.analysis", "generator.content.crosscheck"}


def rank(module: str) -> int:
    if module == VOCABULARY:
        return -1
    if module in BOTTOM:
        return 0
    for prefix, number in RANKS:
        if module == prefix or module.startswith(prefix + "."):
            return number
    raise AssertionError(f"{module}: in no stage")


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports_of(module: str, source: str, is_package: bool = False) -> list[tuple[int, str]]:
    """(line, module) of every generator module this source imports at run time.

    Imports under ``if TYPE_CHECKING:`` name types alone and are left out.
    """
    package = module if is_package else module.rpartition(".")[0]
    found: list[tuple[int, str]] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.extend((node.lineno, a.name) for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if (
                node.module is None
                or target == "generator"
                or target.endswith((".content", ".bodies", ".site", ".engines"))
            ):
                # `from . import x`: each name may be a module of that package.
                found.extend((node.lineno, f"{target}.{a.name}") for a in node.names)
            else:
                found.append((node.lineno, target))
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(source))
    return [(line, name) for line, name in found if name.split(".")[0] == "generator"]


def upward_imports(module: str, source: str, is_package: bool = False) -> list[str]:
    """Every import of this source that runs up the stages, as 'module:line: imports X'."""
    out = []
    for line, target in imports_of(module, source, is_package):
        bottom = rank(module) <= 0 and target != module and rank(target) >= rank(module)
        if rank(target) > rank(module) or bottom:
            out.append(f"{module}:{line}: imports {target}")
    return out


def modules() -> list[tuple[str, Path]]:
    return sorted((module_name(p), p) for p in PACKAGE.rglob("*.py") if "data" not in p.parts)


def test_no_import_runs_up_the_stages():
    problems = []
    for name, path in modules():
        source = path.read_text(encoding="utf-8")
        problems += upward_imports(name, source, path.name == "__init__.py")
    assert problems == []


def test_every_module_is_in_a_stage_and_every_stage_is_a_package():
    names = [name for name, _ in modules()]
    for name in names:
        rank(name)
    for stage in ("content", "bodies", "site", "engines"):
        assert f"generator.{stage}" in names, f"generator/{stage}/__init__.py is missing"
        doc = ast.get_docstring(ast.parse((PACKAGE / stage / "__init__.py").read_text()))
        assert doc and "import" in doc, f"generator/{stage}: its docstring says what it imports"


def test_the_claims_engine_is_called_from_the_index_stage_alone():
    callers = set()
    for name, path in modules():
        source = path.read_text(encoding="utf-8")
        imported = imports_of(name, source, path.name == "__init__.py")
        if name not in CLAIMS_ENGINE and any(t in CLAIMS_ENGINE for _, t in imported):
            callers.add(name)
    assert callers == CALLERS_OF_THE_ENGINE


@pytest.mark.parametrize(
    ("module", "source", "found"),
    [
        (
            "generator.content.load",
            "from ..site import render\n",
            ["imports generator.site.render"],
        ),
        ("generator.content.load", "from ..site.render import Renderer\n", ["generator.site"]),
        ("generator.bodies.rules", "from .check import check_html\n", ["generator.bodies.check"]),
        ("generator.content.model", "from .claims import topics\n", ["generator.content.claims"]),
        ("generator.site.render", "def f():\n    from ..engines import plugin\n", ["engines"]),
        ("generator.site.render", "from ..content.model import Event\n", []),
        ("generator.content.schema", "from .vocabulary import ID_RE\n", []),
        ("generator.content.schema", "from .model import Event\n", ["generator.content.model"]),
        ("generator.content.vocabulary", "from .schema import Field\n", ["content.schema"]),
        ("generator.engines.plugin", "from ..site import render\nimport generator.cli\n", ["cli"]),
        (
            "generator.content.model",
            "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .analysis import A\n",
            [],
        ),
    ],
)
def test_the_walk_finds_an_import_that_runs_up(module, source, found):
    problems = upward_imports(module, source)
    assert len(problems) == len(found)
    for problem, part in zip(problems, found):
        assert part in problem
