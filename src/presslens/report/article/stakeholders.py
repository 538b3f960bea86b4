"""The article report's stakeholder section: titles, voice, the role check and names the registry lacks.

The stakeholder charts themselves are in :mod:`presslens.report.charts.stakeholders`.
"""

from __future__ import annotations

import pandas as pd
from IPython.display import HTML

from presslens.analysis.findings import role_window_finding
from presslens.analysis.stakeholders import windows_phrase
from presslens.report.article.build import Report
from presslens.report.article.fragments import joined_html, note_html
from presslens.report.charts.stakeholders import STAKEHOLDER_TYPE_NAMES
from presslens.report.notebook import Table, show_table


def show_stakeholder_titles(report: Report) -> Table | HTML:
    """The titles the article gives each stakeholder, as written, and where they are named."""
    summary = report.analysis.stakeholders.summary
    if summary.empty:
        return note_html("No stakeholder of the registry is named.")
    table = summary.assign(
        type=summary["type"].map(STAKEHOLDER_TYPE_NAMES).fillna(summary["type"]),
        share=summary["share"].map("{:.0%}".format),
        titles=summary["titles"].map(lambda t: ", ".join(t) if isinstance(t, (list, tuple)) else (t or "")),
        where=[
            ", ".join(w for w, flag in (("title", r.in_title), ("headings", r.in_headings), ("lead", r.in_lead)) if flag) or "body only"
            for r in summary.itertuples()
        ],
    )
    return show_table(
        table[["name", "type", "mentions", "share", "first_sentence", "where", "titles"]].rename(
            columns={
                "name": "Stakeholder", "type": "Type", "mentions": "Mentions", "share": "Share of mentions",
                "first_sentence": "First named in", "where": "Named in", "titles": "Titles used",
            }
        ),
        caption="Stakeholders, their titles and where they are named",
    )


def show_voice(report: Report) -> HTML:
    """Who speaks (is quoted) and who is only spoken about."""
    voice = report.analysis.stakeholders.voice
    quotations = report.analysis.stakeholders.quotations
    if voice.empty:
        return note_html("No stakeholder of the registry is named, and no one is quoted.")
    speaks = voice[voice["quotes"] > 0]
    note = (
        f"{len(quotations)} direct quotations found; {len(speaks)} of {len(voice)} named stakeholders are quoted."
        if len(quotations)
        else "No direct quotations: every stakeholder is spoken about, none speaks."
    )
    return joined_html(
        note_html(note),
        show_table(
            voice[["name", "mentions", "quotes"]].rename(columns={"name": "Stakeholder", "mentions": "Mentions", "quotes": "Quotations"}),
            caption="Voice: quotations against mentions",
        ),
    )


def show_role_flags(report: Report) -> Table | HTML:
    """Titles that contradict the registry's dated roles on the article's date; without a date,
    the dates at which each title is right (:func:`show_role_windows`)."""
    result = report.analysis.stakeholders
    if result.published is None:
        return show_role_windows(report)
    flags = result.role_flags
    if flags.empty:
        return note_html(f"No title contradicts the registry on {result.published.isoformat()}.")
    table = flags.assign(in_quotation=flags["in_quotation"].map({True: "quoted speaker", False: "the writer"}))
    return show_table(
        table[["name", "title", "sentence", "in_quotation", "reason", "text"]].rename(
            columns={
                "name": "Stakeholder", "title": "Title used", "sentence": "Sentence", "in_quotation": "Whose words",
                "reason": "Why flagged", "text": "Text",
            }
        ),
        caption=f"Role check against the article's date, {result.published.isoformat()}",
    )


def show_role_windows(report: Report) -> HTML:
    """When each title the registry can date is right, and when all are (role_windows.csv)."""
    titles = report.analysis.stakeholders.title_windows
    finding = role_window_finding(titles)
    if finding is None:
        return note_html("No publication date: titles were not checked against dated roles, and none names an office "
                     "the registry dates.")
    table = pd.DataFrame(
        [(t.name, t.title, t.office, windows_phrase(t.windows) if t.windows else "none: no term has ended", t.first_sentence)
         for t in titles],
        columns=["Stakeholder", "Title used", "Office", "Right for articles dated", "First used in"],
    )
    return joined_html(
        note_html(f"{finding.text} Give a publication date (--published, or the published parameter) to check "
              "each title against it."),
        show_table(table, caption="Role check without a date: when each title is right"),
    )


def show_discovered(report: Report, *, limit: int = 15) -> Table | HTML:
    """Names the registry does not know, with a YAML snippet to add each."""
    found = report.analysis.stakeholders.discovered
    if found.empty:
        return note_html("Every capitalised name in the article is in the registry.")
    table = found.head(limit)[["name", "count", "first_sentence", "yaml"]].rename(
        columns={"name": "Name", "count": "Times", "first_sentence": "First in", "yaml": "Registry entry to start from"}
    )
    # the YAML keeps its line breaks (in a <pre>)
    return Table(table, "Names not in the registry (check the guessed type before adding)", preformatted=["Registry entry to start from"])
