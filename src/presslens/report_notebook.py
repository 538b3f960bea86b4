"""What the article report notebook calls: one import gives every table, chart and display.

The notebook ``notebooks/article_report.ipynb`` holds parameters, narrative and one call
per cell; the work happens here and in the modules this re-exports.
"""

from __future__ import annotations

import html

from IPython.display import HTML, display

from presslens import charts  # noqa: F401  (used by the notebook as rn.charts)
from presslens.ingest import load_any
from presslens.model import Article
from presslens.notebook import (  # noqa: F401  (re-exported for the notebook)
    save_table,
    show_article_layout,
    show_figure,
    show_metadata,
    show_table,
)
from presslens.paths import resolve_path
from presslens.structure import article_summary, block_table, section_table, sentence_table  # noqa: F401

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


def load_report_article(path: str) -> Article:
    """Load the article a report is about, from structured JSON or a raw file.

    Args:
        path: The notebook's ``article`` parameter; relative paths start at the project root.
    """
    return load_any(resolve_path(path))


def show_header(article: Article) -> None:
    """Show the report's title line and the article's metadata and size."""
    summary = article_summary(article)
    display(
        HTML(
            f'<h1 class="pl-report-title">{html.escape(article.metadata.title)}</h1>'
            f'<p class="pl-counts">{summary["words"]} body words, {summary["sentences"]} body sentences '
            f'(list items included), {summary["headings"]} headings, {len(article.sections)} sections.</p>'
        )
    )
    show_metadata(article)
