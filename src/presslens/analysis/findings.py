"""Key findings: five to eight plain-language sentences, generated from an analysis, with numbers.

Each finding carries the anchor of the report section that supports it, so a reader can
check any number. Findings are built only from the analysis tables; nothing is
hard-coded for a particular article, and a finding whose data is absent (no quotations,
no title the registry can date) says so instead of disappearing silently. Without a
publication date the role check becomes the dates at which the article's titles are right.
"""

from __future__ import annotations

from dataclasses import dataclass

from presslens.analysis.engine import ArticleAnalysis
from presslens.analysis.claims import claim_summary, claims_by_label
from presslens.analysis.stakeholders import (
    TitleWindows,
    binding_titles,
    common_windows,
    conflicting_titles,
    windows_phrase,
)

#: Report section anchors (nbconvert and JupyterLab make them from the headings).
TOPICS_ANCHOR = "Topic-emphasis"
STAKEHOLDERS_ANCHOR = "Stakeholders"
CLAIMS_ANCHOR = "How-claims-are-made"
ARTICLE_ANCHOR = "Annotated-article"


@dataclass(frozen=True)
class Finding:
    """One finding: the sentence (plain text) and the section anchor that supports it."""

    text: str
    anchor: str


def _pct(value: float) -> str:
    return f"{value:.0%}"


def _count(n: int, singular: str, plural: str | None = None) -> str:
    return f"{n} {singular if n == 1 else (plural or singular + 's')}"


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _fits(title: TitleWindows) -> str:
    if not title.windows:
        return f"“{title.title}” fits {title.name} at no date (no term as {title.office} has ended)"
    return f"“{title.title}” fits {title.name} only for articles dated {windows_phrase(title.windows)}"


def _all_titles(n: int) -> str:
    return "both titles" if n == 2 else f"all {n} titles"


def role_window_finding(titles: list[TitleWindows]) -> Finding | None:
    """For an article without a date: when its titles would be right, or that they contradict each other.

    Built from :attr:`StakeholderAnalysis.title_windows`; None when no title can be dated.
    """
    if not titles:
        return None
    prefix = "The article gives no date"
    conflict = conflicting_titles(titles)
    if len(conflict) == 1:
        return Finding(f"{prefix}, and {_fits(conflict[0])}.", STAKEHOLDERS_ANCHOR)
    if conflict:
        named = [f"“{t.title}” ({t.name}, {windows_phrase(t.windows)})" for t in conflict]
        which = "both" if len(conflict) == 2 else "all of"
        return Finding(
            f"{prefix}, and its titles contradict each other: no date fits {which} {_join(named)}.", STAKEHOLDERS_ANCHOR
        )
    binding = binding_titles(titles)
    text = f"{prefix}, so its titles date it: " + "; ".join(_fits(t) for t in binding)
    if len(titles) > 1 and len(binding) == 1:
        text += f", and only then do {_all_titles(len(titles))} the registry can date fit"
    elif len(binding) > 1:
        text += f"; {_all_titles(len(titles))} the registry can date fit together only for articles dated " \
                f"{windows_phrase(common_windows(titles))}"
    return Finding(text + ".", STAKEHOLDERS_ANCHOR)


def topic_findings(analysis: ArticleAnalysis) -> list[Finding]:
    """The leading topics, the thinly covered ones, and the headline gap."""
    emphasis = analysis.topics.emphasis
    body = len(analysis.article.body_sentences)
    present = emphasis[emphasis["sentences"] > 0]
    if present.empty:
        return [Finding("No topic of the taxonomy is mentioned in the body.", TOPICS_ANCHOR)]
    findings = []
    top = present.iloc[0]
    text = (
        f"{top.label} gets the most emphasis ({_pct(top.share)} of body words, {_pct(top.weighted_share)} weighted by position, "
        f"in {top.sentences} of {body} sentences)"
    )
    if len(present) > 1:
        second = present.iloc[1]
        text += f"; {second.label} follows ({_pct(second.share)}, {_pct(second.weighted_share)} weighted)"
    findings.append(Finding(text + ".", TOPICS_ANCHOR))
    gap = analysis.topics.headline_gap
    stressed = gap[gap["gap"] > 0.05].sort_values("gap", ascending=False)
    if not stressed.empty:
        row = stressed.iloc[0]
        findings.append(
            Finding(
                f"The title and headings stress {row.label.lower()} ({_pct(row.display_share)} of their words) "
                f"more than the body does ({_pct(row.share)}).",
                TOPICS_ANCHOR,
            )
        )
    thin = present[present["sentences"] <= max(2, round(body * 0.05))]
    if not thin.empty:
        names = [f"{row.label.lower()} ({row.sentences})" for row in thin.itertuples()]
        findings.append(Finding(f"Thinly covered: {_join(names)} sentences of {body}.", TOPICS_ANCHOR))
    return findings


def stakeholder_findings(analysis: ArticleAnalysis) -> list[Finding]:
    """Who is named most, who appears together, who speaks, and title contradictions."""
    result = analysis.stakeholders
    summary = result.summary
    body = len(analysis.article.body_sentences)
    if summary.empty:
        return [Finding("No stakeholder of the registry is named.", STAKEHOLDERS_ANCHOR)]
    findings: list[Finding] = []
    leaders = [f"{row.name} ({row.mentions})" for row in summary.head(3).itertuples()]
    total = int(summary["mentions"].sum())
    findings.append(Finding(f"Most named: {_join(leaders)} of {total} stakeholder mentions.", STAKEHOLDERS_ANCHOR))
    flags = result.role_flags
    if result.published is not None and not flags.empty:
        # the writer's own words first: a title inside a quotation is the speaker's courtesy
        flags = flags.sort_values("in_quotation", kind="stable")
        row = flags.iloc[0]
        where = " (in a quotation)" if row["in_quotation"] else ""
        more = f"; {_count(len(flags) - 1, 'more title flag')} in the stakeholder section" if len(flags) > 1 else ""
        # the reason reads "called “X” but held / did not hold <office> on <date> (<terms>)"
        findings.append(Finding(f"{row['name']} is {row['reason']}{where}{more}.", STAKEHOLDERS_ANCHOR))
    undated = role_window_finding(result.title_windows) if result.published is None else None
    if undated is not None:
        findings.append(undated)
    if not result.co_mentions.empty:
        pair = result.co_mentions.iloc[0]
        names = dict(zip(summary["id"], summary["name"]))
        findings.append(
            Finding(
                f"{names.get(pair.a, pair.a)} and {names.get(pair.b, pair.b)} are named together in {pair.sentences} of {body} sentences.",
                STAKEHOLDERS_ANCHOR,
            )
        )
    speakers = result.voice[result.voice["quotes"] > 0] if not result.voice.empty else result.voice
    if speakers.empty:
        findings.append(Finding("No stakeholder is quoted directly: all are spoken about, none speaks.", STAKEHOLDERS_ANCHOR))
    else:
        quoted = [f"{row.name} ({_count(int(row.quotes), 'quotation')})" for row in speakers.itertuples()]
        findings.append(Finding(f"Quoted directly: {_join(quoted)}.", STAKEHOLDERS_ANCHOR))
    if result.published is None and undated is None:
        findings.append(
            Finding(
                "The article has no publication date, so the titles it uses were not checked against dated roles "
                "(give one with --published or the published parameter).",
                STAKEHOLDERS_ANCHOR,
            )
        )
    return findings


def claim_findings(analysis: ArticleAnalysis) -> list[Finding]:
    """How much is attributed, speculative, prescriptive, and how much repeats."""
    counts = claim_summary(analysis.claims)
    n = counts["sentences"]
    findings = []
    attributed = counts["attributed"]
    lead = "Only " if attributed <= n * 0.2 else ""
    text = f"{lead}{attributed} of {n} sentences attribute their claims to a source"
    if attributed:
        text += f" ({counts['anonymous']} of those to anonymous sources)"
    text += f"; {counts['speculative']} are speculative and {counts['prescriptive']} prescriptive."
    findings.append(Finding(text, CLAIMS_ANCHOR))
    repetition = analysis.repetition
    if repetition.repeated_sentences:
        findings.append(
            Finding(
                f"{_pct(repetition.repeated_share)} of the body words are in {_count(len(repetition.repeated_sentences), 'sentence')} "
                "that restate earlier ones.",
                CLAIMS_ANCHOR,
            )
        )
    by_topic = claims_by_label(analysis.claims, analysis.sentence_labels("topic"))
    if not by_topic.empty:
        unsourced = by_topic.assign(unsourced=by_topic["sentences"] - by_topic["attributed"])
        unsourced = unsourced[unsourced["sentences"] >= 2].sort_values(["unsourced", "sentences"], ascending=False)
        fully = unsourced[unsourced["unsourced"] == unsourced["sentences"]]
        if not fully.empty:
            row = fully.iloc[0]
            findings.append(
                Finding(
                    f"Of the sentences about {row.label.lower()}, {row.sentences} of {row.sentences} name no source.",
                    CLAIMS_ANCHOR,
                )
            )
    return findings


def key_findings(analysis: ArticleAnalysis, *, limit: int = 8) -> list[Finding]:
    """Five to eight findings: topics, stakeholders, claims (at most ``limit``).

    The sections take turns so that each is represented even when one has many findings.
    """
    groups = [topic_findings(analysis), stakeholder_findings(analysis), claim_findings(analysis)]
    ordered: list[Finding] = []
    while any(groups) and len(ordered) < limit:
        for group in groups:
            if group and len(ordered) < limit:
                ordered.append(group.pop(0))
    return ordered
