"""Comparison charts: articles side by side (heatmaps), the corpus spread per topic, and time series.

Each builder takes a table from :mod:`presslens.corpus.compare` (e.g. ``Comparison.tables``) and returns a plotly Figure.
Heatmaps show at most ``max_rows`` articles, in the order given by ``rows`` (the caller
ranks them, e.g. by :func:`presslens.corpus.compare.topics.most_distinctive`); the title says when
rows were left out, so a 10,000-article corpus gives a readable chart and a small HTML
file. Topic and stakeholder colours are those of the single-article charts.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from presslens.report.charts import OKABE_ITO, base_layout
from presslens.report.charts.topics import topic_colour_map
from presslens.corpus.compare.claims import CLAIM_FLAGS
from presslens.corpus.compare.languages import language_label

_ROW_HEIGHT = 22


def _cap(rows: Sequence[str], max_rows: int, total: int, what: str) -> tuple[list[str], str]:
    shown = list(rows)[:max_rows]
    # on a line of its own, so a long title is not cut off at the right edge
    note = "" if len(shown) >= total else f"<br><sup>{len(shown)} of {total:,} articles shown: {what}</sup>"
    return shown, note


def _heatmap(grid: pd.DataFrame, *, title: str, colorscale: str | list, zmin: float, zmax: float, zmid: float | None = None,
             hover: str, text_format: str | None = None) -> go.Figure:
    fig = go.Figure(
        go.Heatmap(
            z=grid.to_numpy(), x=list(grid.columns), y=list(grid.index), colorscale=colorscale, zmin=zmin, zmax=zmax, zmid=zmid,
            hovertemplate=hover + "<extra></extra>", xgap=1, ygap=1,
            texttemplate=text_format, colorbar={"thickness": 12, "tickformat": ".0%"},
        )
    )
    base_layout(fig, title=title)
    # each row is as tall as its label's wrapped lines (11 px type), so labels never run into each other
    ticktext = fig.layout.yaxis.ticktext or [str(v) for v in grid.index]
    lines = max([1, *(str(t).count("<br>") + 1 for t in ticktext)])
    row = max(34 if len(grid) <= 12 else _ROW_HEIGHT, 13 * lines + 6)
    fig.update_layout(height=250 + row * len(grid))
    fig.update_yaxes(autorange="reversed", automargin=True, tickfont={"size": 11})
    # dtick 1: every column is labelled (plotly drops every other category label when they crowd)
    fig.update_xaxes(side="top", tickangle=-40, automargin=True, dtick=1)
    # the title sits at the very top, the slanted topic names below it
    fig.update_layout(margin={"t": 190}, title={"y": 1, "yref": "container", "yanchor": "top", "pad": {"t": 12}})
    return fig


def emphasis_heatmap(emphasis: pd.DataFrame, rows: Sequence[str], *, max_rows: int = 40) -> go.Figure:
    """Articles × topics, coloured by weighted share.

    Args:
        emphasis: :func:`presslens.corpus.compare.topics.topic_emphasis`.
        rows: Article labels in the order to show them.
        max_rows: Most articles shown.
    """
    total = emphasis["label"].nunique()
    shown, note = _cap(rows, max_rows, total, "those furthest from the corpus median")
    order = emphasis.groupby("topic_label")["weighted_share"].mean().sort_values(ascending=False).index
    grid = emphasis.pivot_table(index="label", columns="topic_label", values="weighted_share").reindex(index=shown, columns=order)
    return _heatmap(grid, title=f"Topic emphasis by article{note}", colorscale="Blues", zmin=0, zmax=max(0.05, float(grid.max().max())),
                    hover="%{y}<br>%{x}: %{z:.0%} of weighted words", text_format="%{z:.0%}" if len(shown) <= 12 else None)


def deviation_heatmap(emphasis: pd.DataFrame, rows: Sequence[str], *, max_rows: int = 40) -> go.Figure:
    """Articles × topics, coloured by the difference from the corpus median (red above, blue below)."""
    total = emphasis["label"].nunique()
    shown, note = _cap(rows, max_rows, total, "those furthest from the corpus median")
    order = emphasis.groupby("topic_label")["weighted_share"].mean().sort_values(ascending=False).index
    grid = emphasis.pivot_table(index="label", columns="topic_label", values="deviation").reindex(index=shown, columns=order)
    limit = max(0.05, float(grid.abs().max().max()))
    return _heatmap(grid, title=f"Emphasis against the corpus median, in share points{note}", colorscale="RdBu_r", zmin=-limit, zmax=limit, zmid=0,
                    hover="%{y}<br>%{x}: %{z:+.0%} against the median", text_format="%{z:+.0%}" if len(shown) <= 12 else None)


def topic_spread(summary: pd.DataFrame) -> go.Figure:
    """Per topic: median weighted share across articles (dot), the middle half of articles (bar) and the mean (ring).

    Args:
        summary: :func:`presslens.corpus.compare.topics.topic_summary`.
    """
    colours = topic_colour_map(summary["topic"])
    table = summary.sort_values("median")
    fig = go.Figure()
    fig.add_trace(go.Bar(
        y=table["topic_label"], x=table["q3"] - table["q1"], base=table["q1"], orientation="h", name="Middle half of articles",
        marker_color=[colours[t] for t in table["topic"]], opacity=0.35,
        hovertemplate="%{y}: middle half %{base:.0%} to %{x:.0%} wide<extra></extra>",
    ))
    fig.add_trace(go.Scatter(
        y=table["topic_label"], x=table["median"], mode="markers", name="Median", marker={"color": "#000000", "size": 9},
        customdata=table[["articles_mentioning"]], hovertemplate="%{y}: median %{x:.1%}; mentioned in %{customdata[0]} articles<extra></extra>",
    ))
    fig.add_trace(go.Scatter(
        y=table["topic_label"], x=table["mean"], mode="markers", name="Mean",
        marker={"color": "rgba(0,0,0,0)", "size": 9, "line": {"color": "#000000", "width": 1.5}}, hovertemplate="%{y}: mean %{x:.1%}<extra></extra>",
    ))
    base_layout(fig, title="How much each topic gets across the corpus (weighted share of words)", height=max(300, 120 + 32 * len(table)))
    fig.update_xaxes(tickformat=".0%", rangemode="tozero")
    fig.update_yaxes(automargin=True)
    return fig


def stakeholder_heatmap(shares: pd.DataFrame, rows: Sequence[str], *, max_rows: int = 40) -> go.Figure:
    """Articles × the most mentioned stakeholders, coloured by each one's share of the article's mentions.

    Args:
        shares: :func:`presslens.corpus.compare.stakeholders.stakeholder_shares`.
        rows: Article labels in the order to show them.
        max_rows: Most articles shown.
    """
    total = shares["label"].nunique()
    shown, note = _cap(rows, max_rows, total, "those with most mentions")
    columns = list(dict.fromkeys(shares["name"]))
    grid = shares.pivot_table(index="label", columns="name", values="share").reindex(index=shown, columns=columns)
    return _heatmap(grid, title=f"Share of each article's stakeholder mentions{note}", colorscale="Purples", zmin=0, zmax=max(0.05, float(grid.max().max())),
                    hover="%{y}<br>%{x}: %{z:.0%} of mentions", text_format="%{z:.0%}" if len(shown) <= 12 else None)


def claim_heatmap(profiles: pd.DataFrame, rows: Sequence[str], *, max_rows: int = 40) -> go.Figure:
    """Articles × claim categories, coloured by the share of body sentences in each (a sentence may count twice).

    Args:
        profiles: :func:`presslens.corpus.compare.claims.claim_profiles`.
        rows: Article labels in the order to show them.
        max_rows: Most articles shown.
    """
    total = len(profiles)
    shown, note = _cap(rows, max_rows, total, "those furthest from the corpus median")
    grid = profiles.set_index("label")[list(CLAIM_FLAGS)].rename(columns=CLAIM_FLAGS).reindex(index=shown)
    return _heatmap(grid, title=f"Claim profile: share of body sentences{note}", colorscale="Oranges", zmin=0, zmax=1,
                    hover="%{y}<br>%{x}: %{z:.0%} of body sentences", text_format="%{z:.0%}" if len(shown) <= 40 else None)


def _empty(title: str, message: str) -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(text=message, x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False, font={"size": 14})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return base_layout(fig, title=title, height=200)


_UNIT_WORDS = {"day": "day", "week": "week (from Monday)", "month": "month"}


def emphasis_timeline(table: pd.DataFrame, unit: str | None) -> go.Figure:
    """Mean weighted share of the leading topics per day, week or month.

    Args:
        table: From :func:`presslens.corpus.compare.timeline.emphasis_over_time`.
        unit: Its unit; None draws a note that the articles carry too few dates.
    """
    title = "Topic emphasis over time"
    if unit is None or table.empty:
        return _empty(title, "The articles carry fewer than two distinct publication dates, so there is no time series.")
    colours = topic_colour_map(sorted(table["topic"].unique()))
    fig = go.Figure()
    for topic, part in table.groupby("topic", sort=False):
        fig.add_trace(go.Scatter(
            x=part["period"], y=part["weighted_share"], mode="lines+markers", name=part["topic_label"].iloc[0],
            line={"color": colours[topic]}, customdata=part[["articles"]],
            hovertemplate=f"{part['topic_label'].iloc[0]}<br>%{{x|%Y-%m-%d}}: %{{y:.0%}} (mean of %{{customdata[0]}} articles)<extra></extra>",
        ))
    base_layout(fig, title=f"{title}: mean weighted share per {_UNIT_WORDS[unit]}", height=420)
    fig.update_yaxes(tickformat=".0%", rangemode="tozero")
    fig.update_layout(legend={"orientation": "h", "y": -0.2, "x": 0, "xanchor": "left", "yanchor": "top"}, margin={"b": 110})
    return fig


def mentions_timeline(table: pd.DataFrame, unit: str | None) -> go.Figure:
    """Mentions per article of the most mentioned stakeholders, per day, week or month.

    Args:
        table: From :func:`presslens.corpus.compare.timeline.mentions_over_time`.
        unit: Its unit; None draws a note instead.
    """
    title = "Stakeholder mentions over time"
    if unit is None or table.empty:
        return _empty(title, "The articles carry fewer than two distinct publication dates, so there is no time series.")
    palette = OKABE_ITO
    fig = go.Figure()
    for k, (stakeholder, part) in enumerate(table.groupby("stakeholder", sort=False)):
        fig.add_trace(go.Scatter(
            x=part["period"], y=part["mentions_per_article"], mode="lines+markers", name=part["name"].iloc[0],
            line={"color": palette[k % len(palette)]}, customdata=part[["articles"]],
            hovertemplate=f"{part['name'].iloc[0]}<br>%{{x|%Y-%m-%d}}: %{{y:.1f}} mentions per article (%{{customdata[0]}} articles)<extra></extra>",
        ))
    base_layout(fig, title=f"{title}: mentions per article per {_UNIT_WORDS[unit]}", height=420)
    fig.update_yaxes(rangemode="tozero")
    fig.update_layout(legend={"orientation": "h", "y": -0.2, "x": 0, "xanchor": "left", "yanchor": "top"}, margin={"b": 110})
    return fig


def shared_wording_bars(shared: pd.DataFrame, *, max_rows: int = 25) -> go.Figure:
    """Articles with most sentences shared with other articles.

    Args:
        shared: :func:`presslens.corpus.compare.wording.shared_share`.
        max_rows: Most articles shown.
    """
    title = "Sentences shared with other articles"
    if shared.empty:
        return _empty(title, "No sentence is shared by two or more articles.")
    shown = shared.head(max_rows)
    note = "" if len(shown) == len(shared) else f"<br><sup>{len(shown)} of {len(shared):,} articles with shared wording shown</sup>"
    fig = go.Figure(go.Bar(
        y=shown["label"], x=shown["shared_sentences"], orientation="h", marker_color=OKABE_ITO[0],
        customdata=shown[["sentences", "share"]],
        hovertemplate="%{y}<br>%{x} of %{customdata[0]} body sentences shared (%{customdata[1]:.0%})<extra></extra>",
    ))
    base_layout(fig, title=f"{title}{note}", height=max(240, 120 + _ROW_HEIGHT * len(shown)))
    fig.update_yaxes(autorange="reversed", automargin=True, tickfont={"size": 11})
    fig.update_xaxes(title="shared sentences", rangemode="tozero", tickformat="d", dtick=1 if shown["shared_sentences"].max() <= 10 else None)
    return fig


def _language_rows(table: pd.DataFrame) -> dict[str, str]:
    """Row label per language code, in the table's order: ``German (de), 2 articles``."""
    rows = {}
    for code, part in table.groupby("language", sort=False):
        articles = int(part["articles"].iloc[0])
        rows[code] = f"{language_label(code)}, {articles:,} article{'s' * (articles != 1)}"
    return rows


def _language_grid(table: pd.DataFrame, column: str, value: str) -> pd.DataFrame:
    """Languages (rows, labelled with their article counts) × ``column`` (in first-seen order), of ``value``."""
    rows = _language_rows(table)
    order = list(dict.fromkeys(table[column]))
    return (table.assign(row=table["language"].map(rows))
            .pivot_table(index="row", columns=column, values=value)
            .reindex(index=list(rows.values()), columns=order))


def language_topic_heatmap(table: pd.DataFrame) -> go.Figure:
    """Languages × topics, coloured by the mean weighted share over each language's articles.

    Args:
        table: :func:`presslens.corpus.compare.languages.topics_by_language`.
    """
    grid = _language_grid(table, "topic_label", "mean_weighted_share")
    return _heatmap(grid, title="Topic emphasis by language: mean weighted share of the language's articles", colorscale="Blues", zmin=0,
                    zmax=max(0.05, float(grid.max().max())), hover="%{y}<br>%{x}: %{z:.0%} (mean weighted share)", text_format="%{z:.0%}")


def language_stakeholder_heatmap(table: pd.DataFrame) -> go.Figure:
    """Languages × stakeholders, coloured by each one's share of all stakeholder mentions in the language's articles.

    Args:
        table: :func:`presslens.corpus.compare.languages.stakeholders_by_language`.
    """
    grid = _language_grid(table, "name", "share")
    return _heatmap(grid, title="Whom each language's articles named: share of their stakeholder mentions", colorscale="Purples", zmin=0,
                    zmax=max(0.05, float(grid.max().max())), hover="%{y}<br>%{x}: %{z:.0%} of mentions", text_format="%{z:.0%}")


def language_claim_heatmap(table: pd.DataFrame) -> go.Figure:
    """Languages × claim flags, coloured by the share of the language's body sentences with the flag.

    Args:
        table: :func:`presslens.corpus.compare.languages.claims_by_language`.
    """
    grid = _language_grid(table, "flag_label", "share")
    return _heatmap(grid, title="How each language's articles sourced: share of body sentences", colorscale="Oranges", zmin=0, zmax=1,
                    hover="%{y}<br>%{x}: %{z:.0%} of body sentences", text_format="%{z:.0%}")
