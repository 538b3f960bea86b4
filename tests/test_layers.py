"""The package's layers: imports go down only, and no module reaches into another's private helpers.

Walks every module of ``src/presslens`` with :mod:`ast` (imports inside functions and
``TYPE_CHECKING`` blocks included) and checks them against the layer order the README and
the folders show: the foundation modules, then ``ingest``, ``analysis``, ``corpus``,
``report`` and the ``cli`` on top. Inside ``analysis`` the measures stand on the sentence
facts and the matcher, and do not import each other, except through the quotation finder
that claims and stakeholders both read.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "presslens"

#: Top-level layers, lowest first.
LAYERS = ["foundation", "ingest", "analysis", "corpus", "report", "cli"]
FOUNDATION = {"presslens", "presslens.errors", "presslens.paths", "presslens.textio", "presslens.model",
              "presslens.lexicons", "presslens.vocabulary", "presslens.languages"}

#: Levels inside the analysis layer, lowest first; modules of one level do not import each other
#: (a subpackage's own modules excepted).
ANALYSIS_LEVELS = [
    {"facts", "matching", "similarity", "claim_lexicon", "records"},
    {"structure"},
    {"quotes", "repetition"},
    {"topics", "stakeholders", "claims"},
    {"engine"},
    {"findings", "evaluation"},
    {"(package)"},
]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def layer_of(module: str) -> str:
    if module in FOUNDATION:
        return "foundation"
    second = module.split(".")[1]
    if second in LAYERS:
        return second
    raise AssertionError(f"{module} belongs to no layer; add it to tests/test_layers.py")


def analysis_unit(module: str) -> str:
    parts = module.split(".")
    return parts[2] if len(parts) > 2 else "(package)"


def analysis_level(module: str) -> int:
    unit = analysis_unit(module)
    for level, units in enumerate(ANALYSIS_LEVELS):
        if unit in units:
            return level
    raise AssertionError(f"{module} has no level in the analysis layer; add it to tests/test_layers.py")


def imports(path: Path) -> list[tuple[str, list[str], int]]:
    """(module imported, names imported from it, line) for every presslens import in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("presslens"):
            found.append((node.module, [a.name for a in node.names], node.lineno))
        elif isinstance(node, ast.Import):
            found.extend((a.name, [], node.lineno) for a in node.names if a.name.startswith("presslens"))
    return found


def resolve(module: str, name: str) -> str:
    """``from presslens.report import charts`` imports the module presslens.report.charts."""
    candidate = f"{module}.{name}"
    path = SRC.joinpath(*candidate.split("."))
    return candidate if path.with_suffix(".py").exists() or (path / "__init__.py").exists() else module


MODULES = sorted(PACKAGE.rglob("*.py"))


def test_every_module_has_a_layer_and_a_docstring():
    assert len(MODULES) > 30
    for path in MODULES:
        name = module_name(path)
        layer_of(name)
        if layer_of(name) == "analysis":
            analysis_level(name)
        assert ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))), f"{name} has no docstring"


@pytest.mark.parametrize("path", MODULES, ids=[module_name(p) for p in MODULES])
def test_imports_go_down(path: Path):
    here = module_name(path)
    here_layer = LAYERS.index(layer_of(here))
    for module, names, line in imports(path):
        targets = [resolve(module, n) for n in names] or [module]
        for target in targets:
            there_layer = LAYERS.index(layer_of(target))
            assert there_layer <= here_layer, (
                f"{here} (line {line}) imports {target}: {LAYERS[here_layer]} may not import {LAYERS[there_layer]}"
            )
            if layer_of(here) == layer_of(target) == "analysis":
                same_unit = analysis_unit(here) == analysis_unit(target)
                if not same_unit:
                    assert analysis_level(target) < analysis_level(here), (
                        f"{here} (line {line}) imports {target}: analysis modules import only lower levels "
                        f"{ANALYSIS_LEVELS}"
                    )


@pytest.mark.parametrize("path", MODULES, ids=[module_name(p) for p in MODULES])
def test_no_private_names_across_modules(path: Path):
    here = module_name(path)
    for module, names, line in imports(path):
        if module == here or module.startswith(here + "."):
            continue
        private = [n for n in names if n.startswith("_") and n != "__version__"]
        assert not private, f"{here} (line {line}) imports private {private} from {module}"


def test_checker_catches_an_upward_import(tmp_path: Path):
    """The check itself fails on an import that goes up (so the tests above can fail)."""
    with pytest.raises(AssertionError):
        assert LAYERS.index(layer_of("presslens.report.render")) <= LAYERS.index(layer_of("presslens.analysis.topics"))
    with pytest.raises(AssertionError):
        assert analysis_level("presslens.analysis.engine") < analysis_level("presslens.analysis.topics")
