"""Display helpers for the report notebooks: figures, tables and article text as safe HTML.

Notebooks stay thin: a cell calls one of these with data from the package. Everything
that shows article text goes through :func:`html.escape`, so a title such as
``<script>alert(1)</script>`` is shown, never run.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from plotly.offline import get_plotlyjs
from IPython.display import HTML, display

from presslens.model import Article
from presslens.report.annotate import article_layout_html

#: Plotly figure config used everywhere: no mode bar, charts follow the page width.
FIGURE_CONFIG = {"displayModeBar": False, "responsive": True}


def setup_notebook() -> None:
    """Configure a report notebook. Call once, in the first code cell.

    Emits plotly.js inline, exactly once, so exported HTML draws every chart without
    network access. (plotly's own ``notebook`` renderer would add a MathJax script from
    a CDN to every figure, and inside a papermill kernel plotly picks a MIME-type-only
    renderer that nbconvert cannot turn into a chart.)
    """
    pd.set_option("display.max_colwidth", 200)
    display(HTML(f'<script type="text/javascript">{get_plotlyjs()}</script>'), metadata={"presslens": "plotly.js"})


def show_figure(fig: go.Figure) -> None:
    """Show a figure: the plotly MIME type for JupyterLab, and an HTML div for exported reports.

    The HTML part relies on the plotly.js that :func:`setup_notebook` embedded.
    """
    figure = json.loads(pio.to_json(fig, validate=False))
    figure["config"] = FIGURE_CONFIG
    div = pio.to_html(
        fig, include_plotlyjs=False, include_mathjax=False, full_html=False, config=FIGURE_CONFIG, default_width="100%"
    )
    display({"application/vnd.plotly.v1+json": figure, "text/html": div}, raw=True)


def save_table(table: pd.DataFrame, name: str, output_dir: str | Path | None) -> Path | None:
    """Write the data behind a chart as ``<output_dir>/<name>.csv`` (nothing if no folder).

    Args:
        table: The table to write.
        name: The file name without extension, e.g. ``words_by_section``.
        output_dir: The report folder; empty or None when exploring interactively.

    Returns:
        The CSV path, or None when no folder was given.
    """
    if not output_dir:
        return None
    path = Path(output_dir) / f"{name}.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    table.to_csv(path, index=False)
    return path


def table_html(table: pd.DataFrame, *, caption: str | None = None, css_class: str = "pl-table") -> str:
    """Render a table as escaped HTML without the index."""
    # pandas shows a line break inside a cell as a literal "\n"; in a table it is just a space
    text_columns = [c for c in table.columns if table[c].dtype == object or pd.api.types.is_string_dtype(table[c])]
    if text_columns:
        table = table.assign(**{c: table[c].map(lambda v: " ".join(v.split()) if isinstance(v, str) else v) for c in text_columns})
    body = table.to_html(index=False, escape=True, border=0, classes=css_class, na_rep="")
    if caption:
        body = body.replace(">", f"><caption>{html.escape(caption)}</caption>", 1)
    return body


def show_table(table: pd.DataFrame, *, caption: str | None = None) -> None:
    """Display a table as escaped HTML (no index, no truncation of the columns shown)."""
    display(HTML(table_html(table, caption=caption)))


def metadata_html(article: Article) -> str:
    """The article's metadata as an escaped HTML definition list."""
    meta = article.metadata
    fields = [
        ("Title", meta.title),
        ("Outlet", meta.outlet or "not given"),
        ("Published", meta.published.isoformat() if meta.published else "not given"),
        ("Authors", ", ".join(meta.authors) or "not given"),
        ("URL", meta.url or "not given"),
        ("Source file", meta.source_path or "not given"),
        ("Source sha256", meta.source_sha256 or "not given"),
        ("Article id", meta.id),
    ]
    rows = "".join(f"<dt>{html.escape(k)}</dt><dd>{html.escape(str(v))}</dd>" for k, v in fields)
    return f'<dl class="pl-meta">{rows}</dl>'


def show_metadata(article: Article) -> None:
    """Display the article's metadata."""
    display(HTML(metadata_html(article)))


def show_article_layout(article: Article) -> None:
    """Display the article laid out with its structure."""
    display(HTML(article_layout_html(article)))


def show_html(fragment: str) -> None:
    """Display an HTML fragment built by the package (callers escape any article text)."""
    display(HTML(fragment))


def escape(text: str) -> str:
    """HTML-escape text for a fragment shown with :func:`show_html`."""
    return html.escape(text)
