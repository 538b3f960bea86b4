"""The comparison report's HTML fragments: its opening line and method notes, from Jinja2 templates.

The tables come from :mod:`presslens.corpus.compare`; this module only presents them,
through :func:`presslens.report.html.render_html` (autoescape on), so titles, outlets and
notes are escaped.
"""

from __future__ import annotations

import pandas as pd
from markupsafe import Markup

from presslens.corpus.compare import Comparison, Corpus
from presslens.report.html import render_html
from presslens.report.notebook import table_html


def overview_html(corpus: Corpus) -> Markup:
    """The report's opening line: how many articles from how many outlets are compared."""
    outlets = corpus.articles["outlet"].dropna().unique()
    return render_html("compare_overview.html.j2", articles=len(corpus.articles), outlets=len(outlets))


def note_html(note: str) -> Markup:
    """A method note as a paragraph."""
    return render_html("compare_note.html.j2", note=note)


def language_html(comparison: Comparison) -> Markup:
    """The "By language" section's opening: what it compares, and the languages table when there are two or more."""
    table = None
    if comparison.by_language:
        table = table_html(language_display(comparison.tables["languages"]), caption="Articles by language")
    return render_html("compare_languages.html.j2", note=comparison.language_note, table=table)


def language_display(languages: pd.DataFrame) -> pd.DataFrame:
    """The languages table with readable headers (``languages.csv`` keeps the column names)."""
    table = languages.assign(lexicons=languages["lexicons"].map({True: "yes", False: "no (measured with the English lists)"}))
    return table[["language_name", "articles", "outlets", "words", "sentences", "lexicons"]].rename(columns={
        "language_name": "Language", "articles": "Articles", "outlets": "Outlets", "words": "Body words",
        "sentences": "Body sentences", "lexicons": "Lexicons for it",
    })
