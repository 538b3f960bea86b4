"""Stakeholder charts: mentions by stakeholder, positions along the article, co-mention network.

Each builder takes tables of :class:`presslens.analysis.stakeholders.StakeholderAnalysis` and returns
a plotly Figure. Colour shows the stakeholder type, one colour per type in every chart
(:data:`STAKEHOLDER_TYPE_COLOURS`, from the Okabe-Ito palette).
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from presslens.report.charts import OKABE_ITO, base_layout

STAKEHOLDER_TYPE_COLOURS: dict[str, str] = {
    "person": OKABE_ITO[0],
    "country": OKABE_ITO[1],
    "organization": OKABE_ITO[2],
    "group": OKABE_ITO[3],
    "place": OKABE_ITO[5],
}
STAKEHOLDER_TYPE_NAMES: dict[str, str] = {
    "person": "People", "country": "Countries", "organization": "Organisations", "group": "Groups", "place": "Places",
}


def _types_in(table: pd.DataFrame) -> list[str]:
    present = set(table["type"])
    return [t for t in STAKEHOLDER_TYPE_COLOURS if t in present]


def mention_bars(summary: pd.DataFrame, *, limit: int = 20) -> go.Figure:
    """Horizontal bars: mentions per stakeholder, coloured by type.

    Args:
        summary: ``StakeholderAnalysis.summary``.
        limit: Show at most this many stakeholders (the most mentioned).
    """
    table = summary.head(limit)
    order = list(table["name"])
    fig = go.Figure()
    for kind in _types_in(table):
        part = table[table["type"] == kind]
        fig.add_trace(
            go.Bar(
                y=part["name"], x=part["mentions"], orientation="h", name=STAKEHOLDER_TYPE_NAMES[kind],
                marker_color=STAKEHOLDER_TYPE_COLOURS[kind],
                hovertemplate="%{y}<br>%{x} mentions<extra></extra>",
            )
        )
    fig.update_yaxes(categoryorder="array", categoryarray=order[::-1], title_text=None, automargin=True)
    fig.update_xaxes(title_text="Mentions (title, headings and body)", rangemode="tozero")
    return base_layout(fig, title="Who is named, and how often", height=160 + 28 * len(table))


def mention_positions(mentions: pd.DataFrame, *, limit: int = 20) -> go.Figure:
    """Where each stakeholder is named along the article: one marker per mention.

    Args:
        mentions: ``StakeholderAnalysis.mentions``.
        limit: Show at most this many stakeholders (the most mentioned).
    """
    top = mentions["name"].value_counts().head(limit).index
    table = mentions[mentions["name"].isin(top)]
    order = list(table.drop_duplicates("name")["name"])
    fig = go.Figure()
    for kind in _types_in(table):
        part = table[table["type"] == kind]
        fig.add_trace(
            go.Scatter(
                x=part["position"], y=part["name"], mode="markers", name=STAKEHOLDER_TYPE_NAMES[kind],
                marker={"color": STAKEHOLDER_TYPE_COLOURS[kind], "size": 9, "symbol": "line-ns-open", "line": {"width": 2}},
                customdata=part[["sentence", "alias", "title"]].to_numpy(),
                hovertemplate="%{y}, sentence %{customdata[0]}<br>%{customdata[2]} %{customdata[1]}<extra></extra>",
            )
        )
    fig.update_yaxes(categoryorder="array", categoryarray=order[::-1], title_text=None, automargin=True)
    fig.update_xaxes(title_text="Position in the article", range=[0, 1], tickformat=".0%")
    return base_layout(fig, title="Where each stakeholder is named", height=160 + 28 * len(order))


def co_mention_network(co_mentions: pd.DataFrame, summary: pd.DataFrame, *, limit: int = 14) -> go.Figure:
    """Network of stakeholders named in the same sentence, on a circle.

    Edges are lines whose width grows with the number of shared sentences; nodes are
    coloured by type and sized by mentions. Only the ``limit`` most mentioned stakeholders
    that share a sentence with another are drawn, so labels stay readable; the full list
    is in ``co_mentions.csv``.

    Args:
        co_mentions: ``StakeholderAnalysis.co_mentions``.
        summary: ``StakeholderAnalysis.summary`` (names, types, mentions).
        limit: Most stakeholders drawn.
    """
    linked = set(co_mentions["a"]) | set(co_mentions["b"])
    ids = [sid for sid in summary["id"] if sid in linked][:limit]
    co_mentions = co_mentions[co_mentions["a"].isin(ids) & co_mentions["b"].isin(ids)]
    nodes = summary.set_index("id").loc[ids] if ids else summary.iloc[0:0].set_index("id")
    # start at the top and go clockwise, most mentioned first
    angle = {sid: math.pi / 2 - 2 * math.pi * n / max(len(ids), 1) for n, sid in enumerate(ids)}
    xy = {sid: (math.cos(a), math.sin(a)) for sid, a in angle.items()}
    fig = go.Figure()
    strongest = int(co_mentions["sentences"].max()) if len(co_mentions) else 1
    for edge in co_mentions.itertuples():
        (x0, y0), (x1, y1) = xy[edge.a], xy[edge.b]
        fig.add_trace(
            go.Scatter(
                x=[x0, x1], y=[y0, y1], mode="lines", showlegend=False, hoverinfo="text",
                line={"color": "#999999", "width": 1 + 5 * edge.sentences / strongest},
                text=f"{nodes.loc[edge.a, 'name']} and {nodes.loc[edge.b, 'name']}: {edge.sentences} sentences",
            )
        )
    biggest = int(nodes["mentions"].max()) if len(nodes) else 1
    for kind in _types_in(nodes.reset_index()):
        part = nodes[nodes["type"] == kind]
        fig.add_trace(
            go.Scatter(
                x=[xy[s][0] for s in part.index], y=[xy[s][1] for s in part.index], mode="markers+text",
                name=STAKEHOLDER_TYPE_NAMES[kind], text=list(part["name"]), textposition=[_label_side(angle[s]) for s in part.index],
                marker={"color": STAKEHOLDER_TYPE_COLOURS[kind], "size": 12 + 24 * part["mentions"] / biggest},
                customdata=part["mentions"].to_numpy(), hovertemplate="%{text}<br>%{customdata} mentions<extra></extra>",
            )
        )
    fig.update_xaxes(visible=False, range=[-1.8, 1.8])
    fig.update_yaxes(visible=False, range=[-1.4, 1.4], scaleanchor="x")
    return base_layout(fig, title="Named together in a sentence", height=560)


def _label_side(angle: float) -> str:
    """Put a node's label outside the circle, centred on the node: above nodes in the upper half,
    below those in the lower half (a label beside a node on the right ran past the chart's edge
    on a phone)."""
    return "top center" if math.sin(angle) >= -1e-9 else "bottom center"
