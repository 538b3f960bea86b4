"""The article report's topic section: ranking stability, the headline gap and the sentences behind each topic.

The topic charts themselves are in :mod:`presslens.report.charts.topics`.
"""

from __future__ import annotations

from IPython.display import HTML

from presslens.report.article.build import Report
from presslens.report.article.fragments import joined_html, note_html
from presslens.report.notebook import Table, show_table


def show_topic_stability(report: Report) -> HTML:
    """How stable the ranking is under the sensitivity variants, in one sentence."""
    return note_html(f"Ranking stability: {report.analysis.topics.stability_summary()}")


def show_headline_gap(report: Report) -> Table:
    """Topics that the title and headings stress more (or less) than the body."""
    gap = report.analysis.topics.headline_gap
    table = gap[(gap["display_share"] > 0) | (gap["share"] > 0)].copy()
    table["display_share"] = table["display_share"].map("{:.0%}".format)
    table["share"] = table["share"].map("{:.0%}".format)
    table["gap"] = table["gap"].map("{:+.0%}".format)
    return show_table(
        table[["label", "display_share", "share", "gap"]].rename(
            columns={"label": "Topic", "display_share": "Share of title and heading words", "share": "Share of body words", "gap": "Gap"}
        ),
        caption="Headline gap: what the title and headings stress against the body",
    )


def show_topic_evidence(report: Report, *, per_topic: int = 4, print_per_topic: int = 2) -> HTML:
    """For each tagged topic, the sentences behind it (first ``per_topic``, in print the first
    ``print_per_topic``) with matched terms."""
    evidence = report.analysis.topics.evidence
    emphasis = report.analysis.topics.emphasis
    parts = []
    for row in emphasis[emphasis["sentences"] > 0].itertuples():
        rows = evidence[(evidence["topic"] == row.topic) & (evidence["kind"].isin(["sentence", "list_item"]))]
        shown = rows.head(per_topic)
        table = shown[["sentence", "section_label", "text", "terms"]].rename(
            columns={"sentence": "Sentence", "section_label": "Section", "text": "Text", "terms": "Matched terms"}
        )
        more = f" (first {per_topic} of {len(rows)}; all in topic_evidence.csv)" if len(rows) > per_topic else ""
        parts.append(Table(table, f"{row.label}: {len(rows)} sentences{more}", print_rows=print_per_topic,
                           print_note=f"{len(rows) - print_per_topic} more rows in topic_evidence.csv"))
    return joined_html(*parts, css_class="pl-evidence")
