"""Chart builders: each takes tables and returns a ``plotly.graph_objects.Figure``.

This package holds the shared palette and layout and the structure charts; topic,
stakeholder and claim charts live in the sub-modules ``topics``, ``stakeholders`` and
``claims``.

Builders never show figures and never read files; the notebook decides what to show.
Colours come from one colour-blind-safe palette (Okabe and Ito, 2008) so that the same
thing has the same colour in every chart of a report.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

#: Okabe-Ito palette, safe for the common forms of colour blindness.
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]

BLOCK_KIND_COLOURS = {"paragraph": OKABE_ITO[0], "list": OKABE_ITO[1]}
BLOCK_KIND_NAMES = {"paragraph": "Paragraphs", "list": "Bullet lists"}

_FONT = "Helvetica, Arial, sans-serif"


def base_layout(fig: go.Figure, *, title: str, height: int = 380) -> go.Figure:
    """Apply the house layout: readable title, white background, margins that print well."""
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left"},
        template="plotly_white",
        font={"family": _FONT, "size": 13},
        height=height,
        margin={"l": 10, "r": 10, "t": 60, "b": 40},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "xanchor": "right", "x": 1},
    )
    return fig


def _short(label: str, limit: int = 48) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def words_by_section(blocks: pd.DataFrame) -> go.Figure:
    """Horizontal stacked bars: body words per section, split into paragraphs and lists.

    Args:
        blocks: The table from :func:`presslens.structure.block_table`.
    """
    fig = go.Figure()
    order = blocks.drop_duplicates("section").sort_values("section")
    labels = [f"{row.section + 1}. {_short(row.section_label)}" for row in order.itertuples()]
    for kind in ("paragraph", "list"):
        part = blocks[blocks["kind"] == kind].groupby("section")["words"].sum()
        fig.add_trace(
            go.Bar(
                y=labels,
                x=[int(part.get(k, 0)) for k in order["section"]],
                name=BLOCK_KIND_NAMES[kind],
                orientation="h",
                marker_color=BLOCK_KIND_COLOURS[kind],
                hovertemplate="%{y}<br>%{x} words in " + BLOCK_KIND_NAMES[kind].lower() + "<extra></extra>",
            )
        )
    fig.update_layout(barmode="stack")
    fig.update_yaxes(autorange="reversed", title_text=None, automargin=True)
    fig.update_xaxes(title_text="Words in the section's body text")
    return base_layout(fig, title="Words per section, by block kind", height=140 + 40 * len(labels))
