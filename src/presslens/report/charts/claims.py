"""Claim charts: how each section makes its claims, and claim types by topic or stakeholder.

Each claim category has one fixed colour in every chart (:data:`CATEGORY_COLOURS`, from the
Okabe-Ito palette plus its grey), so "speculative" is orange wherever it appears. Repeated
content is shown as a table of pairs in the notebook, not as a chart.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from presslens.report.charts import OKABE_ITO, base_layout, short_label, section_stacked_bars
from presslens.analysis.claims import CATEGORIES, CATEGORY_LABELS

#: Grey of the Okabe-Ito palette as R ships it (``palette.colors("Okabe-Ito")``), for "nothing to flag".
OKABE_ITO_GREY = "#999999"

#: One colour per display category, the same in every chart.
CATEGORY_COLOURS = {
    "named_source": OKABE_ITO[0],  # blue
    "anonymous_source": OKABE_ITO[4],  # sky blue: a lighter shade of "attributed"
    "prescriptive": OKABE_ITO[3],  # reddish purple
    "speculative": OKABE_ITO[1],  # orange
    "unsupported": OKABE_ITO_GREY,
}

#: Flag columns of :func:`presslens.analysis.claims.claims_by_label` shown in the cross-tab, with their colours.
FLAG_COLOURS = {
    "named_source": CATEGORY_COLOURS["named_source"],
    "anonymous_source": CATEGORY_COLOURS["anonymous_source"],
    "prescriptive": CATEGORY_COLOURS["prescriptive"],
    "speculative": CATEGORY_COLOURS["speculative"],
    "unsupported": CATEGORY_COLOURS["unsupported"],
}
FLAG_LABELS = {
    "named_source": "Named source",
    "anonymous_source": "Anonymous source",
    "prescriptive": "Prescriptive",
    "speculative": "Speculative",
    "unsupported": "Unsupported assertion",
}


def claim_profile_by_section(by_section: pd.DataFrame) -> go.Figure:
    """Horizontal stacked bars: body sentences per section, split by display claim category.

    Args:
        by_section: The table from :func:`presslens.analysis.claims.claims_by_section` (``section``,
            ``section_label``, ``category``, ``sentences``).

    Returns:
        The figure; one trace per category in precedence order.
    """
    missing = {"section", "section_label", "category", "sentences"} - set(by_section.columns)
    if missing:
        raise ValueError(f"claim_profile_by_section needs columns {sorted(missing)}")
    return section_stacked_bars(
        by_section,
        part_column="category",
        value_column="sentences",
        parts={category: (CATEGORY_LABELS[category], CATEGORY_COLOURS[category]) for category in CATEGORIES},
        unit="sentences",
        x_title="Body sentences, by main claim category",
        title="How each section makes its claims",
    )


def claims_by_label_chart(by_label: pd.DataFrame, *, label_title: str = "Topic", top: int = 12) -> go.Figure:
    """Grouped horizontal bars: for each label, the share of its sentences in each claim category.

    Shares rather than counts, so a topic with three sentences compares with one with thirty;
    the sentence count is in the axis label. A sentence can be both attributed and
    speculative, so a label's shares can add up to more than 100%.

    Args:
        by_label: The table from :func:`presslens.analysis.claims.claims_by_label`.
        label_title: What the labels are ("Topic", "Stakeholder"), for the title and axis.
        top: Show at most this many labels, those with the most sentences.

    Returns:
        The figure; one trace per flag.
    """
    needed = {"label", "sentences", *FLAG_COLOURS}
    missing = needed - set(by_label.columns)
    if missing:
        raise ValueError(f"claims_by_label_chart needs columns {sorted(missing)}")
    shown = by_label.sort_values("sentences", ascending=False, kind="stable").head(top)
    names = [f"{short_label(str(row.label), 36)} ({int(row.sentences)})" for row in shown.itertuples()]
    fig = go.Figure()
    for flag, colour in FLAG_COLOURS.items():
        shares = (shown[flag] / shown["sentences"]).where(shown["sentences"] > 0, 0.0)
        fig.add_trace(
            go.Bar(
                y=names,
                x=list(shares),
                name=FLAG_LABELS[flag],
                orientation="h",
                marker_color=colour,
                customdata=list(shown[flag]),
                hovertemplate="%{y}<br>" + FLAG_LABELS[flag] + ": %{customdata} sentences (%{x:.0%})<extra></extra>",
            )
        )
    fig.update_layout(barmode="group")
    fig.update_yaxes(autorange="reversed", title_text=f"{label_title} (sentences)", automargin=True)
    fig.update_xaxes(title_text=f"Share of the {label_title.lower()}'s sentences", tickformat=".0%", range=[0, 1])
    return base_layout(fig, title=f"How claims are made, by {label_title.lower()}", height=160 + 60 * max(len(names), 1))
