"""The plotly.js partial bundle the reports embed (issue 13): its release, its licence, its trace types.

The bundle is ``plotly.js-cartesian-dist-min`` from npm, the same plotly.js release as the
one the plotly Python package ships, so a chart drawn in JupyterLab (by plotly's own
plotly.js) and in the report (by the bundle) is drawn by the same code. A chart with a trace
type the bundle lacks would be an empty box in the report: these tests catch it before a
reader does, statically over every chart module and on the charts of a rendered report.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import nbformat
import plotly
import plotly.graph_objects as go
import pytest

from presslens.paths import PLOTLY_JS, PLOTLY_JS_DIR

REPORT_PACKAGE = Path(__file__).resolve().parents[1] / "src" / "presslens" / "report"


def bundle_trace_types() -> set[str]:
    """The trace types the bundle registers (each trace module declares ``moduleType:"trace",name:"..."``)."""
    return set(re.findall(r'moduleType:"trace",name:"(\w+)"', PLOTLY_JS.read_text(encoding="utf-8")))


def traces_built_in_source() -> dict[str, set[str]]:
    """Trace type -> modules of presslens.report that build it with ``go.<Trace>(...)``."""
    found: dict[str, set[str]] = {}
    for path in REPORT_PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name):
                cls = getattr(go, node.func.attr, None) if node.func.value.id == "go" else None
                if isinstance(cls, type) and issubclass(cls, plotly.basedatatypes.BaseTraceType):
                    found.setdefault(cls().type, set()).add(path.name)
    return found


def test_the_bundle_is_the_release_plotly_python_ships():
    ours = json.loads((PLOTLY_JS_DIR / "package.json").read_text(encoding="utf-8"))
    theirs = (Path(plotly.__file__).parent / "package_data" / "plotly.min.js").read_text(encoding="utf-8")[:300]
    assert ours["name"] == "plotly.js-cartesian-dist-min"
    assert f"plotly.js v{ours['version']}" in theirs, "update with scripts/update-plotly-js.sh"
    assert re.match(rf"/\*\*\n\* plotly\.js \(cartesian - minified\) v{re.escape(ours['version'])}\n", PLOTLY_JS.read_text(encoding="utf-8"))
    assert "MIT" in (PLOTLY_JS_DIR / "LICENSE").read_text(encoding="utf-8") or "Permission is hereby granted" in (
        PLOTLY_JS_DIR / "LICENSE"
    ).read_text(encoding="utf-8")


def test_the_bundle_is_small_and_has_the_trace_types_presslens_draws():
    assert PLOTLY_JS.stat().st_size < 1_600_000
    assert {"bar", "heatmap", "scatter"} <= bundle_trace_types()


def test_the_trace_scan_can_fail():
    # the scan sees a trace the bundle lacks (a sankey), so the test below is not vacuous
    assert "sankey" not in bundle_trace_types()
    assert go.Sankey().type == "sankey"
    found = traces_built_in_source()
    assert {"bar", "heatmap", "scatter"} <= set(found), found


def test_every_chart_module_uses_only_trace_types_the_bundle_has():
    missing = {kind: sorted(files) for kind, files in traces_built_in_source().items() if kind not in bundle_trace_types()}
    assert not missing, f"trace types the plotly.js bundle lacks: {missing}"


def trace_types_in_notebook(path: Path) -> set[str]:
    notebook = nbformat.read(path, as_version=4)
    return {
        trace.get("type", "scatter")
        for cell in notebook.cells
        for output in cell.get("outputs", [])
        for trace in output.get("data", {}).get("application/vnd.plotly.v1+json", {}).get("data", [])
    }


@pytest.mark.slow
def test_the_rendered_report_draws_only_bundled_trace_types(rendered_seed):
    used = trace_types_in_notebook(rendered_seed.files["ipynb"])
    assert used and used <= bundle_trace_types(), used
