"""What the article report notebook calls: one import gives every table, chart and display.

Each ``show_*`` function returns an object that displays itself (an HTML fragment from an
autoescaped template, a table, a chart), so a notebook cell is one call and shows its value;
``Report.tables`` gives every table of the report as a DataFrame by its CSV name.

The notebook ``notebooks/article_report.ipynb`` holds parameters, narrative and one call
per cell; the work happens here and in the modules this re-exports. :func:`build_report`
runs the analysis engine once; every ``show_*`` function displays one part of the report
as escaped HTML (article text never reaches the page unescaped).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from datetime import date
from pathlib import Path

import pandas as pd
from IPython.display import HTML
from markupsafe import Markup

from presslens.report import charts  # noqa: F401  (the notebook uses rn.charts.*)
from presslens.analysis import ArticleAnalysis, Lexicons, analyze_article, load_lexicons
from presslens.report.annotate import Highlight, SentenceMark, annotated_article_html
from presslens.report.charts import claims as claim_charts  # noqa: F401
from presslens.report.charts import stakeholders as stakeholder_charts  # noqa: F401
from presslens.report.charts import topics as topic_charts
from presslens.report.charts.claims import CATEGORY_COLOURS
from presslens.report.charts.stakeholders import STAKEHOLDER_TYPE_COLOURS, STAKEHOLDER_TYPE_NAMES
from presslens.analysis.claims import claim_findings, claims_by_label, claims_by_section
from presslens.errors import PresslensError
from presslens.analysis.findings import Finding, key_findings, role_window_finding
from presslens.analysis.stakeholders import windows_phrase
from presslens.ingest import load_any
from presslens.model import Article
from presslens.languages import ANALYSED_LANGUAGES, language_name
from presslens.report.notebook import Table, save_table, show_figure, show_table  # noqa: F401  (show_figure: for the notebook)
from presslens.paths import resolve_path
from presslens.report.findings import findings_markdown, findings_table
from presslens.report.html import render_html
from presslens.report.provenance import provenance_table
from presslens.analysis.structure import article_summary, block_table, section_table

#: Column headings in words for the sections table.
SECTION_COLUMNS = {
    "section": "#",
    "heading": "Heading",
    "paragraphs": "Paragraphs",
    "lists": "Lists",
    "items": "List items",
    "sentences": "Body sentences",
    "words": "Body words",
}

#: Badges in the annotated article: claim categories and repetition.
CLAIM_MARKS = {
    "named_source": SentenceMark("A", "attributed to a named source", CATEGORY_COLOURS["named_source"]),
    "anonymous_source": SentenceMark("An", "attributed to an anonymous source", CATEGORY_COLOURS["anonymous_source"]),
    "speculative": SentenceMark("S", "speculative", CATEGORY_COLOURS["speculative"]),
    "prescriptive": SentenceMark("P", "prescriptive", CATEGORY_COLOURS["prescriptive"]),
}
REPEATED_MARK = SentenceMark("R", "restates an earlier sentence", "#555555")

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


# -- header and findings -----------------------------------------------------------------


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


def _note(text: str) -> HTML:
    return HTML(render_html("note.html.j2", text=text))


def _together(*parts: HTML | Table | Markup, css_class: str = "") -> HTML:
    return HTML(render_html("fragments.html.j2", parts=[Markup(p.data if isinstance(p, HTML) else p) for p in parts],
                            css_class=css_class))


# -- tables behind the charts ------------------------------------------------------------


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


# -- topics ------------------------------------------------------------------------------


def show_topic_stability(report: Report) -> HTML:
    """How stable the ranking is under the sensitivity variants, in one sentence."""
    return _note(f"Ranking stability: {report.analysis.topics.stability_summary()}")


def show_headline_gap(report: Report) -> Table:
    """Topics that the title and headings stress more (or less) than the body."""
    gap = report.analysis.topics.headline_gap
    table = gap[(gap["display_share"] > 0) | (gap["share"] > 0)].copy()
    table["display_share"] = table["display_share"].map("{:.0%}".format)
    table["share"] = table["share"].map("{:.0%}".format)
    table["gap"] = table["gap"].map("{:+.0%}".format)
    return show_table(
        table[["label", "display_share", "share", "gap"]].rename(
            columns={"label": "Topic", "display_share": "Share of title and heading words", "share": "Share of body words", "gap": "Gap"}
        ),
        caption="Headline gap: what the title and headings stress against the body",
    )


def show_topic_evidence(report: Report, *, per_topic: int = 4, print_per_topic: int = 2) -> HTML:
    """For each tagged topic, the sentences behind it (first ``per_topic``, in print the first
    ``print_per_topic``) with matched terms."""
    evidence = report.analysis.topics.evidence
    emphasis = report.analysis.topics.emphasis
    parts = []
    for row in emphasis[emphasis["sentences"] > 0].itertuples():
        rows = evidence[(evidence["topic"] == row.topic) & (evidence["kind"].isin(["sentence", "list_item"]))]
        shown = rows.head(per_topic)
        table = shown[["sentence", "section_label", "text", "terms"]].rename(
            columns={"sentence": "Sentence", "section_label": "Section", "text": "Text", "terms": "Matched terms"}
        )
        more = f" (first {per_topic} of {len(rows)}; all in topic_evidence.csv)" if len(rows) > per_topic else ""
        parts.append(Table(table, f"{row.label}: {len(rows)} sentences{more}", print_rows=print_per_topic,
                           print_note=f"{len(rows) - print_per_topic} more rows in topic_evidence.csv"))
    return _together(*parts, css_class="pl-evidence")


# -- stakeholders ------------------------------------------------------------------------


def show_stakeholder_titles(report: Report) -> Table | HTML:
    """The titles the article gives each stakeholder, as written, and where they are named."""
    summary = report.analysis.stakeholders.summary
    if summary.empty:
        return _note("No stakeholder of the registry is named.")
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
        return _note("No stakeholder of the registry is named, and no one is quoted.")
    speaks = voice[voice["quotes"] > 0]
    note = (
        f"{len(quotations)} direct quotations found; {len(speaks)} of {len(voice)} named stakeholders are quoted."
        if len(quotations)
        else "No direct quotations: every stakeholder is spoken about, none speaks."
    )
    return _together(
        _note(note),
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
        return _note(f"No title contradicts the registry on {result.published.isoformat()}.")
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
        return _note("No publication date: titles were not checked against dated roles, and none names an office "
                     "the registry dates.")
    table = pd.DataFrame(
        [(t.name, t.title, t.office, windows_phrase(t.windows) if t.windows else "none: no term has ended", t.first_sentence)
         for t in titles],
        columns=["Stakeholder", "Title used", "Office", "Right for articles dated", "First used in"],
    )
    return _together(
        _note(f"{finding.text} Give a publication date (--published, or the published parameter) to check "
              "each title against it."),
        show_table(table, caption="Role check without a date: when each title is right"),
    )


def show_discovered(report: Report, *, limit: int = 15) -> Table | HTML:
    """Names the registry does not know, with a YAML snippet to add each."""
    found = report.analysis.stakeholders.discovered
    if found.empty:
        return _note("Every capitalised name in the article is in the registry.")
    table = found.head(limit)[["name", "count", "first_sentence", "yaml"]].rename(
        columns={"name": "Name", "count": "Times", "first_sentence": "First in", "yaml": "Registry entry to start from"}
    )
    # the YAML keeps its line breaks (in a <pre>)
    return Table(table, "Names not in the registry (check the guessed type before adding)", preformatted=["Registry entry to start from"])


# -- claims ------------------------------------------------------------------------------


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
        return _note("No sentence names a source.")
    return show_table(
        sources.rename(columns={"source": "Source", "kind": "Named or anonymous", "sentence": "Sentence", "inherited": "From list lead-in"}),
        caption="Attributed sources",
    )


def show_repetition(report: Report, *, print_rows: int = 3) -> HTML:
    """Sentences that restate earlier ones, side by side (in print, the first ``print_rows``)."""
    rep = report.analysis.repetition
    pairs = rep.pairs[rep.pairs["unit"] == "sentence"]
    note = _note(
        f"{rep.repeated_share:.0%} of the body words are in {len(rep.repeated_sentences)} sentences that restate "
        f"earlier ones (cosine similarity of content words at least {rep.threshold:.2f})."
    )
    if pairs.empty:
        return note
    return _together(note, Table(
        pairs[["a", "a_text", "b", "b_text", "similarity"]].rename(
            columns={"a": "Earlier", "a_text": "Earlier sentence", "b": "Later", "b_text": "Later sentence", "similarity": "Similarity"}
        ),
        "Restatements, side by side",
        print_rows=print_rows,
        print_note=f"{len(pairs) - print_rows} more sentence pairs in repetition_pairs.csv",
    ))


# -- structure and the annotated article ---------------------------------------------------


def show_sections(report: Report) -> Table:
    """The sections table."""
    table = section_table(report.article, facts=report.analysis.facts)
    table["section"] = [f"§{k + 1}" for k in table["section"]]
    return show_table(table.rename(columns=SECTION_COLUMNS), caption="Sections of the article")


def annotation_legend_html(report: Report) -> Markup:
    """The legend of the annotated article: topic colours, stakeholder types, badges."""
    topics = report.analysis.topics.emphasis
    colours = report.topic_colours
    present = set(report.analysis.stakeholders.summary["type"]) if not report.analysis.stakeholders.summary.empty else set()
    return render_html(
        "legend.html.j2",
        topics=[(row.label, colours[row.topic]) for row in topics[topics["sentences"] > 0].itertuples()],
        types=[(STAKEHOLDER_TYPE_NAMES[t], colour) for t, colour in STAKEHOLDER_TYPE_COLOURS.items() if t in present],
        marks=[*CLAIM_MARKS.values(), REPEATED_MARK],
    )


def annotation_highlights(report: Report) -> list[Highlight]:
    """Topic terms and stakeholder mentions as highlights, with tooltips."""
    a = report.analysis
    colours = report.topic_colours
    labels = {t.id: t.label for t in report.lexicons.topics.topics}
    highlights = [
        Highlight(int(h.start), int(h.end), "topic", h.topic, f"Topic: {labels.get(h.topic, h.topic)} (term: {h.term})", colours[h.topic])
        for h in a.topics.hits.itertuples()
    ]
    for m in a.stakeholders.mentions.itertuples():
        title = f", title: {m.title}" if isinstance(m.title, str) and m.title else ""
        highlights.append(
            Highlight(
                int(m.start), int(m.end), "mention", m.stakeholder,
                f"Stakeholder: {m.name} ({STAKEHOLDER_TYPE_NAMES.get(m.type, m.type)}{title})",
                STAKEHOLDER_TYPE_COLOURS.get(m.type, "#000000"),
            )
        )
    return highlights


def annotation_marks(report: Report) -> dict[str, list[SentenceMark]]:
    """Per-sentence badges: claim flags and repetition."""
    marks: dict[str, list[SentenceMark]] = {}
    for row in report.analysis.claims.itertuples():
        for flag, mark in CLAIM_MARKS.items():
            if getattr(row, flag):
                marks.setdefault(row.sentence, []).append(mark)
    for sid in report.analysis.repetition.repeated_sentences:
        marks.setdefault(sid, []).append(REPEATED_MARK)
    return marks


def show_annotated_article(report: Report) -> HTML:
    """The full text with structure, highlights, claim badges and repetition marks."""
    return _together(
        annotation_legend_html(report),
        annotated_article_html(report.article, annotation_highlights(report), annotation_marks(report)),
    )


# -- method and provenance -----------------------------------------------------------------

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
