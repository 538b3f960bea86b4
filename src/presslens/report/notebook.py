"""Display helpers for the report notebooks: figures and tables as objects that display themselves.

Notebooks stay thin: a cell calls one of these with data from the package, and the object it
returns shows itself as the cell's value (no ``display()`` in cells; an analyst can also keep
it: ``FigureView.figure`` is the plotly figure). HTML comes from the autoescaped templates of
:mod:`presslens.report.html`, so a title such as ``<script>alert(1)</script>`` is shown, never
run.
"""

from __future__ import annotations

import json
import math
from collections.abc import Collection
from numbers import Integral, Real
from pathlib import Path
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from IPython.display import HTML, display
from markupsafe import Markup

from presslens.paths import TEMPLATES_DIR
from presslens.report.html import render_html
from presslens.textio import spreadsheet_safe

#: The styles of the report's HTML fragments, shared by the report page and JupyterLab.
FRAGMENTS_CSS = TEMPLATES_DIR / "presslens_report" / "fragments.css"

#: Plotly figure config used everywhere: no mode bar, charts follow the page width.
FIGURE_CONFIG = {"displayModeBar": False, "responsive": True}


def setup_notebook() -> None:
    """Configure a report notebook. Call once, in the first code cell.

    Adds the presslens fragment styles (``fragments.css``) to the page, so tables, the
    legend and the annotated article look in JupyterLab as in the report, in its light and
    dark themes. The notebook carries no plotly.js: JupyterLab draws each chart from its plotly MIME
    part with its own plotly, and the exported report inlines the partial bundle once,
    in its head (``templates/presslens_report``). (plotly's own ``notebook`` renderer
    would add plotly.js and a MathJax script from a CDN to every figure.)
    """
    pd.set_option("display.max_colwidth", 200)
    # the fragments' styles (tables left-aligned, legend keys spaced, dark-theme chart text);
    # the exported report has them in its page already, JupyterLab gets them here
    display(HTML(f"<style>{FRAGMENTS_CSS.read_text(encoding='utf-8')}</style>"), metadata={"presslens": "styles"})


class FigureView:
    """A chart that displays itself: the plotly MIME type for JupyterLab, an HTML div for exported reports.

    The HTML part relies on the plotly.js the report template inlines. ``.figure``
    is the plotly figure, for the analyst to change or save.
    """

    def __init__(self, figure: go.Figure):
        self.figure = figure

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        spec = json.loads(pio.to_json(self.figure, validate=False))
        spec["config"] = FIGURE_CONFIG
        div = pio.to_html(self.figure, include_plotlyjs=False, include_mathjax=False, full_html=False,
                          config=FIGURE_CONFIG, default_width="100%")
        width = chart_min_width(self.figure)
        if width:
            div = str(render_html("wide_chart.html.j2", chart=Markup(div), min_width=width))
        return {"application/vnd.plotly.v1+json": spec, "text/html": div}

    def __repr__(self) -> str:
        title = self.figure.layout.title.text or "untitled"
        return f"<chart: {title}>"


#: Width a heatmap needs to label each column legibly: its row labels and colour bar, and per column.
_HEATMAP_FIXED, _HEATMAP_COLUMN = 260, 36


def chart_min_width(fig: go.Figure) -> int | None:
    """The narrowest width, in px, at which a heatmap still labels every column apart; None for other charts or when a phone's 390 px suffice.

    A narrower screen scrolls the chart sideways in its own box (``report.css``) instead of
    piling its column labels on top of each other.
    """
    heatmaps = [t for t in fig.data if isinstance(t, go.Heatmap) and t.x is not None]
    if not heatmaps:
        return None
    width = _HEATMAP_FIXED + _HEATMAP_COLUMN * max(len(t.x) for t in heatmaps)
    return width if width > 390 else None


def show_figure(fig: go.Figure, *, when: bool = True) -> FigureView | None:
    """A figure as an object that displays itself (the last line of a cell shows it).

    Args:
        fig: The figure.
        when: False shows nothing (a section whose charts apply to some corpora only,
            such as the comparison by language, which says so in a note instead).
    """
    return FigureView(fig) if when else None


def save_table(table: pd.DataFrame, name: str, output_dir: str | Path | None) -> Path | None:
    """Write the data behind a chart as ``<output_dir>/<name>.csv`` (nothing if no folder).

    Args:
        table: The table to write.
        name: The file name without extension, e.g. ``words_by_section``.
        output_dir: The report folder; empty or None when exploring interactively.

    Returns:
        The CSV path, or None when no folder was given.
    """
    if not output_dir:
        return None
    path = Path(output_dir) / f"{name}.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    spreadsheet_safe(table).to_csv(path, index=False)
    return path



class Table:
    """A table as the report shows it, that displays itself; ``.data`` is its DataFrame.

    Attributes:
        data: The rows and columns shown (headings in words, values as the reader sees them).
        caption: The line above the table.
        preformatted: Columns whose text keeps its line breaks (shown in ``<pre>``).
        print_rows: In print (the PDF), only the first rows are shown, with a line saying
            how many more there are and in which CSV (``print_note``); the HTML keeps them all.
        print_note: That line, e.g. "12 more rows in topic_evidence.csv".
    """

    def __init__(self, data: pd.DataFrame, caption: str | None = None, *, preformatted: Collection[str] = (),
                 print_rows: int | None = None, print_note: str | None = None):
        self.data = data
        self.caption = caption
        self.preformatted = tuple(preformatted)
        self.print_rows = print_rows
        self.print_note = print_note

    def __html__(self) -> str:
        return str(table_html(self.data, caption=self.caption, preformatted=self.preformatted,
                              print_rows=self.print_rows, print_note=self.print_note))

    def _repr_html_(self) -> str:
        return self.__html__()

    def __repr__(self) -> str:
        caption = f" {self.caption!r}" if self.caption else ""
        return f"<table{caption}: {len(self.data)} rows x {len(self.data.columns)} columns>"


def table_html(table: pd.DataFrame, *, caption: str | None = None, preformatted: Collection[str] = (),
               print_rows: int | None = None, print_note: str | None = None) -> Markup:
    """Render a table as escaped HTML without the index (``templates/html/table.html.j2``).

    Rows from ``print_rows`` on are marked to be left out of print, and ``print_note``
    (shown in print only) says where they are.
    """
    cut = print_rows is not None and len(table) > print_rows
    return render_html(
        "table.html.j2",
        columns=[str(c) for c in table.columns],
        rows=table_cells(table, preformatted=preformatted),
        pre=[c in preformatted for c in table.columns],
        caption=caption,
        print_rows=print_rows if cut else None,
        print_note=print_note if cut else None,
    )


def table_cells(table: pd.DataFrame, *, preformatted: Collection[str] = ()) -> list[list[str]]:
    """The table's values as text, row by row.

    Missing values are empty; the floats of a column share one number of decimals (enough for
    every value, at most six); line breaks in text read as spaces, except in ``preformatted``
    columns.
    """
    columns = []
    for name in table.columns:
        values = list(table[name])
        floats = [v for v in values if isinstance(v, Real) and not isinstance(v, Integral) and not math.isnan(v)]
        decimals = max([1, *(len(f"{v:.6f}".rstrip("0").split(".")[1]) for v in floats)])
        keep_breaks = name in preformatted

        def cell(v: Any) -> str:
            if v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and math.isnan(v)):
                return ""
            if isinstance(v, Integral):  # bool included
                return str(v)
            if isinstance(v, Real):
                return f"{v:.{decimals}f}"
            return str(v) if keep_breaks else " ".join(str(v).split())

        columns.append([cell(v) for v in values])
    return [list(row) for row in zip(*columns)]


def show_table(table: pd.DataFrame, *, caption: str | None = None) -> Table:
    """A table as escaped HTML that displays itself (no index, no truncation of the columns shown)."""
    return Table(table, caption)


def show_html(fragment: str) -> HTML:
    """An HTML fragment built by the package (from an autoescaped template) that displays itself."""
    return HTML(str(fragment))
