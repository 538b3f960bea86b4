"""What the article report notebook calls: one import gives every table, chart and display.

Each ``show_*`` function returns an object that displays itself (an HTML fragment from an
autoescaped template, a table, a chart), so a notebook cell is one call and shows its value;
``Report.tables`` gives every table of the report as a DataFrame by its CSV name.

The notebook ``notebooks/article_report.ipynb`` holds parameters, narrative and one call
per cell; the work happens in the modules of this package, which this one re-exports:
:func:`build_report` (:mod:`~presslens.report.article.build`) runs the analysis engine
once; every ``show_*`` function displays one part of the report as escaped HTML (article
text never reaches the page unescaped), one module per part: ``header``, ``topics``,
``stakeholders``, ``claims``, ``text`` (sections and the annotated article) and ``method``.
"""

from __future__ import annotations

from presslens.report import charts  # noqa: F401  (the notebook uses rn.charts.*)
from presslens.report.article.build import Report, build_report, report_tables, save_report_tables
from presslens.report.article.claims import show_claim_summary, show_repetition, show_sources
from presslens.report.article.header import language_fact, show_findings, show_header
from presslens.report.article.method import METHOD, show_method, show_provenance
from presslens.report.article.stakeholders import (
    show_discovered,
    show_role_flags,
    show_role_windows,
    show_stakeholder_titles,
    show_voice,
)
from presslens.report.article.text import (
    CLAIM_MARKS,
    REPEATED_MARK,
    SECTION_COLUMNS,
    annotation_highlights,
    annotation_legend_html,
    annotation_marks,
    show_annotated_article,
    show_sections,
)
from presslens.report.article.topics import show_headline_gap, show_topic_evidence, show_topic_stability
from presslens.report.charts import claims as claim_charts  # noqa: F401
from presslens.report.charts import stakeholders as stakeholder_charts  # noqa: F401
from presslens.report.charts import topics as topic_charts  # noqa: F401
from presslens.report.notebook import Table, save_table, show_figure, show_table  # noqa: F401  (show_figure: for the notebook)

__all__ = [
    "CLAIM_MARKS",
    "METHOD",
    "REPEATED_MARK",
    "Report",
    "SECTION_COLUMNS",
    "Table",
    "annotation_highlights",
    "annotation_legend_html",
    "annotation_marks",
    "build_report",
    "charts",
    "claim_charts",
    "language_fact",
    "report_tables",
    "save_report_tables",
    "save_table",
    "show_annotated_article",
    "show_claim_summary",
    "show_discovered",
    "show_figure",
    "show_findings",
    "show_header",
    "show_headline_gap",
    "show_method",
    "show_provenance",
    "show_repetition",
    "show_role_flags",
    "show_role_windows",
    "show_sections",
    "show_sources",
    "show_stakeholder_titles",
    "show_table",
    "show_topic_evidence",
    "show_topic_stability",
    "show_voice",
    "stakeholder_charts",
    "topic_charts",
]
