"""The article report's data: the analysis run once, and every table of the report by the name of its CSV.

:func:`build_report` loads the article and the lexicons and runs the analysis engine once;
:class:`Report` holds the result, and :func:`save_report_tables` writes its tables beside
the report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path

import pandas as pd

from presslens.analysis import ArticleAnalysis, Lexicons, analyze_article, load_lexicons
from presslens.analysis.claims import claims_by_label, claims_by_section
from presslens.analysis.findings import Finding, key_findings
from presslens.analysis.structure import block_table, section_table
from presslens.errors import PresslensError
from presslens.ingest import load_any
from presslens.model import Article
from presslens.paths import resolve_path
from presslens.report.charts import topics as topic_charts
from presslens.report.findings import findings_markdown, findings_table
from presslens.report.notebook import save_table


@dataclass
class Report:
    """One article's analysis plus what the report needs to say where it came from."""

    analysis: ArticleAnalysis
    lexicons: Lexicons
    parameters: dict[str, object] = field(default_factory=dict)

    @property
    def article(self) -> Article:
        return self.analysis.article

    @property
    def topic_colours(self) -> dict[str, str]:
        """One colour per topic of the taxonomy, in taxonomy order, for every chart."""
        return topic_charts.topic_colour_map(t.id for t in self.lexicons.topics.topics)

    @cached_property
    def findings(self) -> list[Finding]:
        """The key findings, computed once (the findings list, findings.csv and findings.md show them)."""
        return key_findings(self.analysis)

    @cached_property
    def tables(self) -> dict[str, pd.DataFrame]:
        """Every table of the report as a DataFrame, by the name of the CSV the report saves."""
        return report_tables(self)

    def __repr__(self) -> str:
        meta = self.article.metadata
        return (f"<Report {meta.title!r}: {len(self.article.body_sentences)} body sentences, "
                f"{len(self.tables)} tables in .tables; the analysis in .analysis>")


def _parse_date(value: str | date | None) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise PresslensError("published", f"{value!r} is not a date in the form YYYY-MM-DD") from None


def build_report(
    article: str, *, topics: str, stakeholders: str, claim_cues: str, published: str = "", output_dir: str = "",
    title: str = "", outlet: str = "", url: str = "",
) -> Report:
    """Load the article and lexicons and run the analysis engine once.

    ``title``, ``outlet``, ``published`` and ``url`` mean what the command line's ``--title``,
    ``--outlet``, ``--published`` and ``--url`` mean: they replace the article's own metadata
    (the title becomes the title sentence; the date shows in the header and dates the role
    check). Empty keeps the article's own.

    Args:
        article: The notebook's ``article`` parameter (structured JSON or raw file).
        topics: Taxonomy YAML path.
        stakeholders: Registry YAML path.
        claim_cues: Claim cue YAML path.
        published: ``YYYY-MM-DD``, or empty for the article's own date.
        output_dir: The report folder, when the report is being rendered (recorded in the
            provenance; paths inside it are shown relative to it).
        title: The article's title, or empty for its own.
        outlet: The publishing outlet, or empty for the article's own.
        url: The article's address, or empty for its own.
    """
    lexicons = load_lexicons(topics=topics, stakeholders=stakeholders, claim_cues=claim_cues)
    date_given = _parse_date(published)
    overrides = {"title": title or None, "outlet": outlet or None, "url": url or None, "published": date_given}
    doc = load_any(resolve_path(article), **overrides)
    analysis = analyze_article(doc, lexicons, published=date_given)
    parameters = {"article": article, "topics": topics, "stakeholders": stakeholders, "claim_cues": claim_cues,
                  "published": published, "title": title, "outlet": outlet, "url": url, "output_dir": output_dir}
    return Report(analysis=analysis, lexicons=lexicons, parameters=parameters)


def report_tables(report: Report) -> dict[str, pd.DataFrame]:
    """Every table behind a chart or table of the report, by CSV name."""
    a = report.analysis
    profiles = a.claims
    return {
        "findings": findings_table(report.findings),
        "sections": section_table(a.article, facts=a.facts),
        "blocks": block_table(a.article, facts=a.facts),
        "sentences": a.sentences,
        "topic_emphasis": a.topics.emphasis,
        "topic_sections": a.topics.by_section,
        "topic_evidence": a.topics.evidence,
        "topic_hits": a.topics.hits,
        "topic_headline_gap": a.topics.headline_gap,
        "topic_sensitivity": a.topics.sensitivity,
        "topic_stability": a.topics.stability,
        "stakeholders": a.stakeholders.summary,
        "stakeholder_mentions": a.stakeholders.mentions,
        "co_mentions": a.stakeholders.co_mentions,
        "voice": a.stakeholders.voice,
        "quotation_speakers": a.stakeholders.quotations,
        "role_flags": a.stakeholders.role_flags,
        "role_windows": a.stakeholders.role_windows,
        "discovered_names": a.stakeholders.discovered,
        "claims": profiles,
        "claims_by_section": claims_by_section(profiles),
        "claims_by_topic": claims_by_label(profiles, a.sentence_labels("topic")),
        "claims_by_stakeholder": claims_by_label(profiles, a.sentence_labels("stakeholder")),
        "claim_sources": a.claim_sources,
        "repetition_pairs": a.repetition.pairs,
        "repetition_by_section": a.repetition.by_section,
    }


def save_report_tables(report: Report, output_dir: str) -> None:
    """Write every table of ``report.tables`` as ``<output_dir>/<name>.csv``, and ``findings.md``.

    Nothing is written when no folder is given (exploring interactively).
    """
    if not output_dir:
        return
    for name, table in report.tables.items():
        save_table(table, name, output_dir)
    (Path(output_dir) / "findings.md").write_text(findings_markdown(report.article.metadata, report.tables["findings"]),
                                                  encoding="utf-8")
