"""The top of the article report: the header with the article's metadata, and the key findings."""

from __future__ import annotations

from pathlib import Path

from IPython.display import HTML

from presslens.analysis.structure import article_summary
from presslens.languages import ANALYSED_LANGUAGES, language_name
from presslens.report.article.build import Report
from presslens.report.html import render_html


def show_header(report: Report) -> HTML:
    """Title, outlet, date, url, counts and the lexicons used."""
    meta = report.article.metadata
    summary = article_summary(report.article, facts=report.analysis.facts)
    facts = [
        ("Outlet", meta.outlet or "not given"),
        ("Published", meta.published.isoformat() if meta.published else "not given"),
        ("Authors", ", ".join(meta.authors) or "not given"),
        ("URL", meta.url or "not given"),
        ("Language", language_fact(meta.language)),
        ("Size", f"{summary['words']} body words, {summary['sentences']} body sentences (list items included), "
                 f"{summary['headings']} headings, {len(report.article.sections)} sections"),
        ("Lexicons", "; ".join(f"{role}: {Path(path).name}" for role, path in report.lexicons.paths.items())),
    ]
    return HTML(render_html("header.html.j2", title=meta.title, facts=facts))


def language_fact(code: str | None) -> str:
    """The header's language line: the language's English name and code, and how to read the measures when the lexicons do not cover it."""
    if code is None:
        named = "not known"
    else:
        named = f"{language_name(code)} ({code})" if language_name(code) != code else code
    if code in ANALYSED_LANGUAGES:
        return named
    covered = ", ".join(language_name(c) for c in sorted(ANALYSED_LANGUAGES))
    return (f"{named}; the topic, stakeholder and claim lexicons are written for {covered} only, so the sections "
            "that use them measure this article with those lists: read them as incomplete")


def show_findings(report: Report) -> HTML:
    """The key findings, each linking to the section that supports it."""
    return HTML(render_html("findings.html.j2", findings=[(f.text, f.anchor) for f in report.findings]))
