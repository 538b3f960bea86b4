"""The comparison report's HTML fragments: its opening line and method notes, from Jinja2 templates.

The tables come from :mod:`presslens.corpus.compare`; this module only presents them,
through :func:`presslens.report.html.render_html` (autoescape on), so titles, outlets and
notes are escaped.
"""

from __future__ import annotations

from markupsafe import Markup

from presslens.corpus.compare import Corpus
from presslens.report.html import render_html


def overview_html(corpus: Corpus) -> Markup:
    """The report's opening line: how many articles from how many outlets are compared."""
    outlets = corpus.articles["outlet"].dropna().unique()
    return render_html("compare_overview.html.j2", articles=len(corpus.articles), outlets=len(outlets))


def note_html(note: str) -> Markup:
    """A method note as a paragraph."""
    return render_html("compare_note.html.j2", note=note)
