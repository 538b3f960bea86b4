"""The article report's claim section: the plain-language summary, the attributed sources and restatements.

The claim charts themselves are in :mod:`presslens.report.charts.claims`.
"""

from __future__ import annotations

from IPython.display import HTML

from presslens.analysis.claims import claim_findings
from presslens.report.article.build import Report
from presslens.report.article.fragments import joined_html, note_html
from presslens.report.html import render_html
from presslens.report.notebook import Table, show_table


def show_claim_summary(report: Report, *, topics: int = 4) -> HTML:
    """Plain-language lines on sourcing, speculation and prescription, then the ``topics``
    topics with the most sentences (all topics are in claims_by_topic.csv)."""
    by_topic = report.tables["claims_by_topic"].sort_values("sentences", ascending=False, kind="stable").head(topics)
    lines = claim_findings(report.analysis.claim_analysis, by_label=by_topic, about="about")
    return HTML(render_html("lines.html.j2", lines=lines, css_class="pl-claim-summary"))


def show_sources(report: Report) -> Table | HTML:
    """The sources the article attributes its claims to, named and anonymous."""
    sources = report.analysis.claim_sources
    if sources.empty:
        return note_html("No sentence names a source.")
    return show_table(
        sources.rename(columns={"source": "Source", "kind": "Named or anonymous", "sentence": "Sentence", "inherited": "From list lead-in"}),
        caption="Attributed sources",
    )


def show_repetition(report: Report, *, print_rows: int = 3) -> HTML:
    """Sentences that restate earlier ones, side by side (in print, the first ``print_rows``)."""
    rep = report.analysis.repetition
    pairs = rep.pairs[rep.pairs["unit"] == "sentence"]
    note = note_html(
        f"{rep.repeated_share:.0%} of the body words are in {len(rep.repeated_sentences)} sentences that restate "
        f"earlier ones (cosine similarity of content words at least {rep.threshold:.2f})."
    )
    if pairs.empty:
        return note
    return joined_html(note, Table(
        pairs[["a", "a_text", "b", "b_text", "similarity"]].rename(
            columns={"a": "Earlier", "a_text": "Earlier sentence", "b": "Later", "b_text": "Later sentence", "similarity": "Similarity"}
        ),
        "Restatements, side by side",
        print_rows=print_rows,
        print_note=f"{len(pairs) - print_rows} more sentence pairs in repetition_pairs.csv",
    ))
