"""Chart builders: each takes tables and returns a ``plotly.graph_objects.Figure``.

This package holds the shared palette and layout and the structure charts; topic,
stakeholder and claim charts live in the sub-modules ``topics``, ``stakeholders`` and
``claims``.

Builders never show figures and never read files; the notebook decides what to show.
Colours come from one colour-blind-safe palette (Okabe and Ito, 2008) so that the same
thing has the same colour in every chart of a report.
"""

from __future__ import annotations

import html
import re
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from presslens.report.html import FONT_STACK

#: Okabe-Ito palette, safe for the common forms of colour blindness.
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]

BLOCK_KIND_COLOURS = {"paragraph": OKABE_ITO[0], "list": OKABE_ITO[1]}
BLOCK_KIND_NAMES = {"paragraph": "Paragraphs", "list": "Bullet lists"}

_FONT = FONT_STACK


#: Trace fields that carry data (article text, metadata, lexicon labels), never our markup.
_DATA_FIELDS = ("x", "y", "text", "hovertext", "customdata", "name", "labels", "ids")


def plain(value: Any) -> Any:
    """Escape ``<``, ``>`` and ``&`` in every string of ``value`` (lists and arrays included).

    plotly renders a subset of HTML in labels and hover text, links included: a heading or
    outlet written ``<a href="https://evil.example">Outlet</a>`` would become a live link. An
    escaped label shows the characters as written.
    """
    if isinstance(value, str):
        return html.escape(value, quote=False)
    if isinstance(value, np.ndarray) and value.dtype == object:
        return np.vectorize(plain, otypes=[object])(value) if value.size else value
    if isinstance(value, (list, tuple)):
        return type(value)(plain(v) for v in value)
    return value


def escape_data(fig: go.Figure) -> go.Figure:
    """Escape every data string of a figure's traces and its category axes (see :func:`plain`).

    Titles, hover templates and notes are the builders' own markup and stay as they are.
    """
    for trace in fig.data:
        for name in _DATA_FIELDS:
            if name in trace and trace[name] is not None:
                trace[name] = plain(trace[name])
    for axis in ("xaxis", "yaxis"):
        layout_axis = fig.layout[axis]
        for name in ("categoryarray", "ticktext"):
            if layout_axis[name] is not None:
                layout_axis[name] = plain(layout_axis[name])
    return fig


#: The layout keys of plotly's ``plotly_white`` that a 2-D chart reads; the rest (polar, ternary,
#: 3-D scenes, maps, colour axes) would only be copied into every figure and its JSON.
_TEMPLATE_LAYOUT_KEYS = ("autotypenumbers", "colorway", "font", "hovermode", "hoverlabel", "paper_bgcolor", "plot_bgcolor",
                         "colorscale", "xaxis", "yaxis", "shapedefaults", "annotationdefaults", "title")
#: The trace types the charts draw (tests/test_plotly_bundle.py checks the bundle has them).
_TEMPLATE_TRACES = ("bar", "heatmap", "scatter")
HOUSE_TEMPLATE = "presslens"


def _register_house_template() -> None:
    """``plotly_white`` cut to what bar, heatmap and scatter charts use, registered as ``presslens``.

    Applying the full template deep-copies its defaults for some 40 trace types into every
    figure (a third of the time a report spends building charts) and writes them into each
    chart's JSON (about 7 KB a chart, twice over in the executed notebook); the charts look
    the same with the cut one. Its backgrounds are transparent, so a chart follows the page:
    white in the report, dark in JupyterLab's dark theme.
    """
    if HOUSE_TEMPLATE in pio.templates:
        return
    white = pio.templates["plotly_white"].to_plotly_json()
    layout = {key: white["layout"][key] for key in _TEMPLATE_LAYOUT_KEYS if key in white["layout"]}
    # transparent: white on the white report page, and JupyterLab's dark theme shows through
    # (its text colour comes from fragments.css)
    layout.update(paper_bgcolor="rgba(0,0,0,0)", plot_bgcolor="rgba(0,0,0,0)")
    pio.templates[HOUSE_TEMPLATE] = go.layout.Template(
        layout=layout,
        data={trace: white["data"][trace] for trace in _TEMPLATE_TRACES if trace in white["data"]},
    )


#: Longest line, in characters, of a chart title, an axis title and a category label: at a phone's
#: 390 px a chart is about 370 px wide, and longer lines were cut at its edges. An axis title is
#: centred on the plot area, which long category labels narrow to about 230 px there: 38
#: characters ran off the screen, 32 fit (28 wrapped short titles into three lines on a desktop).
TITLE_LINE = 36
AXIS_TITLE_LINE = 32
CATEGORY_LINE = 24


_TAG = re.compile(r"(<[^>]*>)")


def wrap_label(text: str, width: int) -> str:
    """``text`` broken into lines of at most ``width`` characters at spaces, joined by ``<br>``.

    plotly does not wrap text itself. The text may hold plotly's own markup (``<br>``,
    ``<sup>``, ``<b>``): tags are kept and not counted, and a ``<br>`` already there starts a
    new line. A word longer than ``width`` keeps a line of its own.
    """
    out: list[str] = []
    line = 0
    for part in _TAG.split(str(text)):
        if _TAG.fullmatch(part):
            out.append(part)
            if part.replace(" ", "").lower() in ("<br>", "<br/>"):
                line = 0
            continue
        for index, word in enumerate(part.split(" ")):
            if index:  # a space stood before this word
                if line and line + 1 + len(word) > width:
                    out.append("<br>")
                    line = 0
                else:
                    out.append(" ")
                    line += 1
            out.append(word)
            line += len(word)
    return "".join(out)


def _category_values(fig: go.Figure, axis: str) -> list[str]:
    """The distinct text values the traces put on ``axis`` ("x" or "y"), in first-seen order."""
    values: dict[str, None] = {}
    for trace in fig.data:
        for value in (trace[axis] if axis in trace and trace[axis] is not None else ()):
            if isinstance(value, str):
                values.setdefault(value, None)
    return list(values)


def _wrap_text(fig: go.Figure) -> None:
    """Wrap the chart title, the axis titles and long category labels (see :data:`TITLE_LINE`)."""
    if fig.layout.title.text:
        fig.layout.title.text = wrap_label(fig.layout.title.text, TITLE_LINE)
    for axis in ("x", "y"):
        layout_axis = fig.layout[f"{axis}axis"]
        if layout_axis.title.text:
            layout_axis.title.text = wrap_label(layout_axis.title.text, AXIS_TITLE_LINE)
        if layout_axis.ticktext is not None or layout_axis.tickvals is not None:
            continue  # the builder labels this axis itself
        categories = _category_values(fig, axis)
        if any(len(c) > CATEGORY_LINE for c in categories):
            layout_axis.update(tickmode="array", tickvals=categories, ticktext=[wrap_label(c, CATEGORY_LINE) for c in categories])


def base_layout(fig: go.Figure, *, title: str, height: int = 380) -> go.Figure:
    """Apply the house layout: readable title, white background, margins that print well.

    Every data string of the figure is escaped here (:func:`escape_data`), so article text
    and metadata can never become markup in a chart.
    """
    escape_data(fig)
    _register_house_template()
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left"},
        template=HOUSE_TEMPLATE,
        font={"family": _FONT, "size": 13},
        height=height,
        margin={"l": 10, "r": 10, "t": 60, "b": 40},
        legend={"orientation": "h", "yref": "container", "yanchor": "bottom", "y": 0, "xanchor": "left", "x": 0},
    )
    _wrap_text(fig)
    return fig


def short_label(label: str, limit: int = 48) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def section_stacked_bars(
    table: pd.DataFrame,
    *,
    part_column: str,
    value_column: str,
    parts: dict[str, tuple[str, str]],
    unit: str,
    x_title: str,
    title: str,
) -> go.Figure:
    """Horizontal stacked bars, one per section, split into parts (block kinds, claim categories).

    Args:
        table: Rows with ``section``, ``section_label``, the part and the value.
        part_column: The column naming the part of each row.
        value_column: The column with the bar lengths.
        parts: For each part, in stacking order: its name in the legend and its colour.
        unit: What the values count, for the hover text ("words", "sentences").
        x_title: The value axis title.
        title: The chart title.
    """
    order = table.drop_duplicates("section").sort_values("section")
    labels = [f"{row.section + 1}. {short_label(row.section_label, 2 * CATEGORY_LINE - 8)}" for row in order.itertuples()]
    fig = go.Figure()
    for part, (name, colour) in parts.items():
        values = table[table[part_column] == part].groupby("section")[value_column].sum()
        fig.add_trace(
            go.Bar(
                y=labels,
                x=[int(values.get(k, 0)) for k in order["section"]],
                name=name,
                orientation="h",
                marker_color=colour,
                hovertemplate="%{y}<br>%{x} " + unit + ": " + name.lower() + "<extra></extra>",
            )
        )
    fig.update_layout(barmode="stack")
    fig.update_yaxes(autorange="reversed", title_text=None, automargin=True)
    fig.update_xaxes(title_text=x_title)
    return base_layout(fig, title=title, height=160 + 40 * len(labels))


def words_by_section(blocks: pd.DataFrame) -> go.Figure:
    """Horizontal stacked bars: body words per section, split into paragraphs and lists.

    Args:
        blocks: The table from :func:`presslens.analysis.structure.block_table`.
    """
    return section_stacked_bars(
        blocks,
        part_column="kind",
        value_column="words",
        parts={kind: (BLOCK_KIND_NAMES[kind], BLOCK_KIND_COLOURS[kind]) for kind in ("paragraph", "list")},
        unit="words",
        x_title="Words in the section's body text",
        title="Words per section, by block kind",
    )
