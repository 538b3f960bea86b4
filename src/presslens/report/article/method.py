"""The end of the article report: how each measure is defined, and where every input came from."""

from __future__ import annotations

import pandas as pd

from presslens.report.article.build import Report
from presslens.report.notebook import Table, show_table
from presslens.report.provenance import provenance_table

METHOD = [
    ("Body words and sentences", "Words are runs of letters or digits (joined by inner apostrophes, hyphens or dots); body sentences are prose sentences and list items, not the title or headings."),
    ("Topic share", "Body words in sentences that contain a term of the topic, over all body words. A sentence may carry several topics."),
    ("Weighted share", "The same with each sentence's words weighted by position: title 3, headings 2, lead paragraph 1.5, the rest 1 (see data/README.md)."),
    ("Headline gap", "A topic's share of title and heading words minus its share of body words."),
    ("Ranking stability", "The topic ranking recomputed with paragraphs as the unit, unweighted, and with restating sentences counted once; Kendall tau against the main ranking."),
    ("Mentions", "Registry aliases matched case-sensitively at word boundaries, leftmost-longest, never overlapping; a title before an alias is part of the mention."),
    ("Role check", "Titles used in the text compared with the registry's dated roles on the publication date. Without a date, the dates at which each title is right (a “former” title between the end of one term and the start of the next, any other within a term) and the dates at which all are."),
    ("Claim profile", "Per body sentence: attributed (a named or anonymous source), speculative (hedged or predictive), prescriptive (the writer's advice); unsupported when none applies. List items inherit their lead-in's flags."),
    ("Repetition", "Cosine similarity of TF-IDF vectors of content-word stems between each sentence and every earlier one; at or above the threshold the later sentence restates the earlier."),
]


def show_method(report: Report) -> Table:
    """Short definitions of every measure."""
    return show_table(pd.DataFrame(METHOD, columns=["Measure", "Definition"]), caption="How each measure is defined")


def show_provenance(report: Report) -> Table:
    """Input and lexicon sha256, parameters, package versions and rendering time."""
    table = provenance_table(report.article, lexicons=report.lexicons.paths, parameters=report.parameters)
    return show_table(table.rename(columns={"group": "Kind", "name": "Item", "value": "Value"}), caption="Provenance")
