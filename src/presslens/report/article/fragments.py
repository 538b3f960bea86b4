"""HTML pieces the article report's sections share: a note, and several parts shown as one.

Both come from autoescaped templates (:func:`presslens.report.html.render_html`), so text in
a note is escaped.
"""

from __future__ import annotations

from IPython.display import HTML
from markupsafe import Markup

from presslens.report.html import render_html
from presslens.report.notebook import Table


def note_html(text: str) -> HTML:
    """A short note (a paragraph), for a section with nothing to chart or a one-line result."""
    return HTML(render_html("note.html.j2", text=text))


def joined_html(*parts: HTML | Table | Markup, css_class: str = "") -> HTML:
    """Several notes, tables and fragments shown as one cell's value, in order."""
    return HTML(render_html("fragments.html.j2", parts=[Markup(p.data if isinstance(p, HTML) else p) for p in parts],
                            css_class=css_class))
