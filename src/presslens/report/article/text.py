"""The article's own text in the report: the sections table, and the annotated article with its legend and badges.

Topic terms are shaded and stakeholder mentions underlined (:class:`Highlight`); claim
categories and restatements are badges on their sentences (:class:`SentenceMark`).
"""

from __future__ import annotations

from IPython.display import HTML
from markupsafe import Markup

from presslens.analysis.structure import section_table
from presslens.report.annotate import Highlight, SentenceMark, annotated_article_html
from presslens.report.article.build import Report
from presslens.report.article.fragments import joined_html
from presslens.report.charts.claims import CATEGORY_COLOURS
from presslens.report.charts.stakeholders import STAKEHOLDER_TYPE_COLOURS, STAKEHOLDER_TYPE_NAMES
from presslens.report.html import render_html
from presslens.report.notebook import Table, show_table

#: Column headings in words for the sections table.
SECTION_COLUMNS = {
    "section": "#",
    "heading": "Heading",
    "paragraphs": "Paragraphs",
    "lists": "Lists",
    "items": "List items",
    "sentences": "Body sentences",
    "words": "Body words",
}

#: Badges in the annotated article: claim categories and repetition.
CLAIM_MARKS = {
    "named_source": SentenceMark("A", "attributed to a named source", CATEGORY_COLOURS["named_source"]),
    "anonymous_source": SentenceMark("An", "attributed to an anonymous source", CATEGORY_COLOURS["anonymous_source"]),
    "speculative": SentenceMark("S", "speculative", CATEGORY_COLOURS["speculative"]),
    "prescriptive": SentenceMark("P", "prescriptive", CATEGORY_COLOURS["prescriptive"]),
}
REPEATED_MARK = SentenceMark("R", "restates an earlier sentence", "#555555")


def show_sections(report: Report) -> Table:
    """The sections table."""
    table = section_table(report.article, facts=report.analysis.facts)
    table["section"] = [f"§{k + 1}" for k in table["section"]]
    return show_table(table.rename(columns=SECTION_COLUMNS), caption="Sections of the article")


def annotation_legend_html(report: Report) -> Markup:
    """The legend of the annotated article: topic colours, stakeholder types, badges."""
    topics = report.analysis.topics.emphasis
    colours = report.topic_colours
    present = set(report.analysis.stakeholders.summary["type"]) if not report.analysis.stakeholders.summary.empty else set()
    return render_html(
        "legend.html.j2",
        topics=[(row.label, colours[row.topic]) for row in topics[topics["sentences"] > 0].itertuples()],
        types=[(STAKEHOLDER_TYPE_NAMES[t], colour) for t, colour in STAKEHOLDER_TYPE_COLOURS.items() if t in present],
        marks=[*CLAIM_MARKS.values(), REPEATED_MARK],
    )


def annotation_highlights(report: Report) -> list[Highlight]:
    """Topic terms and stakeholder mentions as highlights, with tooltips."""
    a = report.analysis
    colours = report.topic_colours
    labels = {t.id: t.label for t in report.lexicons.topics.topics}
    highlights = [
        Highlight(int(h.start), int(h.end), "topic", h.topic, f"Topic: {labels.get(h.topic, h.topic)} (term: {h.term})", colours[h.topic])
        for h in a.topics.hits.itertuples()
    ]
    for m in a.stakeholders.mentions.itertuples():
        title = f", title: {m.title}" if isinstance(m.title, str) and m.title else ""
        highlights.append(
            Highlight(
                int(m.start), int(m.end), "mention", m.stakeholder,
                f"Stakeholder: {m.name} ({STAKEHOLDER_TYPE_NAMES.get(m.type, m.type)}{title})",
                STAKEHOLDER_TYPE_COLOURS.get(m.type, "#000000"),
            )
        )
    return highlights


def annotation_marks(report: Report) -> dict[str, list[SentenceMark]]:
    """Per-sentence badges: claim flags and repetition."""
    marks: dict[str, list[SentenceMark]] = {}
    for row in report.analysis.claims.itertuples():
        for flag, mark in CLAIM_MARKS.items():
            if getattr(row, flag):
                marks.setdefault(row.sentence, []).append(mark)
    for sid in report.analysis.repetition.repeated_sentences:
        marks.setdefault(sid, []).append(REPEATED_MARK)
    return marks


def show_annotated_article(report: Report) -> HTML:
    """The full text with structure, highlights, claim badges and repetition marks."""
    return joined_html(
        annotation_legend_html(report),
        annotated_article_html(report.article, annotation_highlights(report), annotation_marks(report)),
    )
