"""Topic charts: emphasis bars, topic × section heatmap, topic flow along the article.

Each builder takes tables of :class:`presslens.analysis.topics.TopicAnalysis` and returns a plotly
Figure. A topic has the same colour in every chart: :data:`TOPIC_COLOURS` fixes the
colours of the shipped taxonomy and :func:`topic_colour_map` extends them to any
taxonomy (pass ``topic_colour_map(taxonomy.ids)`` to every builder for a custom one).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd
import plotly.graph_objects as go

from presslens.report.charts import OKABE_ITO, base_layout

#: Paul Tol's "bright" and "muted" qualitative schemes, colour-blind safe, used after
#: Okabe-Ito runs out.
TOL_BRIGHT = ["#4477AA", "#EE6677", "#228833", "#CCBB44", "#66CCEE", "#AA3377", "#BBBBBB"]
TOL_MUTED = ["#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255", "#AA4499"]
TOPIC_PALETTE = OKABE_ITO + TOL_BRIGHT + TOL_MUTED

#: Colours of the shipped taxonomy's topics.
TOPIC_COLOURS: dict[str, str] = {
    "diplomacy": OKABE_ITO[0],
    "military_support": OKABE_ITO[5],
    "energy_security": OKABE_ITO[1],
    "sanctions": OKABE_ITO[3],
    "humanitarian": OKABE_ITO[2],
    "economy_reconstruction": OKABE_ITO[6],
    "intelligence_cyber": TOL_MUTED[4],  # not Okabe-Ito's black, which vanishes on a dark background
    "sovereignty": OKABE_ITO[4],
    "peace_process": TOL_BRIGHT[5],
    "domestic_politics": TOL_BRIGHT[6],
}


def topic_colour_map(topic_ids: Iterable[str]) -> dict[str, str]:
    """Colours for topics: the fixed ones for known ids, the rest of the palette in order.

    Args:
        topic_ids: Every topic id, in taxonomy order, so that a topic keeps its colour
            across charts that show different subsets.
    """
    used = set(TOPIC_COLOURS.values())
    spare = [c for c in TOPIC_PALETTE if c not in used]
    colours: dict[str, str] = {}
    for topic in dict.fromkeys(topic_ids):
        if topic in TOPIC_COLOURS:
            colours[topic] = TOPIC_COLOURS[topic]
        else:
            colours[topic] = spare[len([t for t in colours if t not in TOPIC_COLOURS]) % len(spare)]
    return colours


def _colours(colours: Mapping[str, str] | None, topics: Iterable[str]) -> Mapping[str, str]:
    return colours if colours is not None else topic_colour_map(sorted(set(topics)))


def topic_emphasis_bars(emphasis: pd.DataFrame, *, colours: Mapping[str, str] | None = None) -> go.Figure:
    """Horizontal bars per topic: share of body words (light) and weighted share (solid).

    Args:
        emphasis: ``TopicAnalysis.emphasis`` (ranked).
        colours: Topic colours; :func:`topic_colour_map` of the topics shown when None.
    """
    colours = _colours(colours, emphasis["topic"])
    table = emphasis.sort_values("weighted_share", ascending=True, kind="stable")
    topic_colours = [colours[t] for t in table["topic"]]
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            y=table["label"], x=table["share"], name="Share of body words", orientation="h",
            marker={"color": topic_colours, "opacity": 0.45},
            hovertemplate="%{y}<br>%{x:.1%} of body words<extra></extra>",
        )
    )
    fig.add_trace(
        go.Bar(
            y=table["label"], x=table["weighted_share"], name="Weighted share (title, headings, lead count more)",
            orientation="h", marker={"color": topic_colours},
            hovertemplate="%{y}<br>weighted share %{x:.1%}<extra></extra>",
        )
    )
    fig.update_layout(barmode="group")
    fig.update_xaxes(title_text="Share of the article's words", tickformat=".0%", rangemode="tozero")
    fig.update_yaxes(title_text=None, automargin=True)
    return base_layout(fig, title="Topic emphasis", height=160 + 36 * len(table))


def topic_section_heatmap(by_section: pd.DataFrame) -> go.Figure:
    """Heatmap: for each topic and section, the share of the section's body words tagged.

    Args:
        by_section: ``TopicAnalysis.by_section``.
    """
    sections = by_section.drop_duplicates("section").sort_values("section")
    topics = by_section.drop_duplicates("topic")
    # numbered columns stay readable for any number of sections; the hover shows the heading
    x = [f"§{row.section + 1}" for row in sections.itertuples()]
    full = [f"{row.section + 1}. {row.section_label}" for row in sections.itertuples()]
    grid = by_section.pivot(index="topic", columns="section", values="share_of_section").reindex(
        index=topics["topic"], columns=sections["section"]
    )
    fig = go.Figure(
        go.Heatmap(
            z=grid.to_numpy(), x=x, y=list(topics["label"]), colorscale="Blues", zmin=0, zmax=1,
            customdata=[full] * len(topics),
            colorbar={"title": {"text": "Share of the<br>section's words"}, "tickformat": ".0%", "thickness": 12},
            hovertemplate="%{y}<br>%{customdata}<br>%{z:.0%} of the section's body words<extra></extra>",
            xgap=2, ygap=2,
        )
    )
    fig.update_xaxes(title_text="Section number (see Structure)", automargin=True, tickangle=0)
    fig.update_yaxes(title_text=None, autorange="reversed", automargin=True)
    return base_layout(fig, title="Topics by section", height=200 + 34 * len(topics))


def topic_flow(evidence: pd.DataFrame, *, colours: Mapping[str, str] | None = None) -> go.Figure:
    """Where each topic appears along the article: one marker per tagged sentence.

    Args:
        evidence: ``TopicAnalysis.evidence`` (``position`` is the sentence's middle, 0..1).
        colours: Topic colours; :func:`topic_colour_map` of the topics shown when None.
    """
    colours = _colours(colours, evidence["topic"])
    fig = go.Figure()
    for topic, group in evidence.groupby("topic", sort=False):
        fig.add_trace(
            go.Scatter(
                x=group["position"], y=group["label"], mode="markers", name=str(group["label"].iloc[0]),
                marker={"color": colours[topic], "size": 6 + 4 * group["weight"], "line": {"width": 0}},
                customdata=group[["sentence", "terms"]].to_numpy(),
                hovertemplate="%{y}, sentence %{customdata[0]}<br>terms: %{customdata[1]}<extra></extra>",
            )
        )
    fig.update_xaxes(title_text="Position in the article", range=[0, 1], tickformat=".0%")
    fig.update_yaxes(title_text=None, automargin=True)
    fig.update_layout(showlegend=False)
    return base_layout(fig, title="Where each topic appears (larger markers: title, headings, lead)",
                       height=160 + 32 * evidence["topic"].nunique())
