"""Topic emphasis: which topics of a taxonomy an article stresses, measured and traceable.

A taxonomy (``data/lexicons/topics.yaml``) lists topics with terms. Every sentence is
tagged with the topics whose terms it contains (one sentence may carry several topics),
using the shared engine in :mod:`presslens.analysis.matching` (case-insensitive, plurals,
leftmost-longest across the whole taxonomy). From the tags come the measures defined in
``data/README.md``: ``share`` (body words in tagged sentences), ``weighted_share`` (the
same with title, headings and lead counting more), where a topic first appears, how it
spreads over sections, the headline gap, and how stable the ranking is when the unit is
the paragraph instead of the sentence or when restated sentences count once. Each
number can be traced to the sentences in ``TopicAnalysis.evidence`` and the hits in
``TopicAnalysis.hits``.
"""

from __future__ import annotations

import math
from collections.abc import Collection
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import pandas as pd

from presslens.analysis.facts import SentenceFacts, sentence_facts
from presslens.analysis.records import records_frame
from presslens.analysis.topics.stability import STABILITY_COLUMNS, TOP_N, ranks, stability_records
from presslens.analysis.topics.taxonomy import Taxonomy
from presslens.model import Article


HIT_COLUMNS = ["sentence", "topic", "term", "matched", "start", "end"]
EMPHASIS_COLUMNS = ["rank", "topic", "label", "share", "weighted_share", "sentences", "words", "hits", "in_title",
                    "headings", "first_sentence", "first_position"]
SECTION_COLUMNS = ["topic", "label", "section", "section_label", "sentences", "words", "section_words", "share_of_section"]
EVIDENCE_COLUMNS = ["topic", "label", "sentence", "kind", "section", "section_label", "position", "weight", "text", "terms"]
GAP_COLUMNS = ["topic", "label", "display_share", "share", "gap", "in_title", "headings"]
SENSITIVITY_COLUMNS = ["topic", "label", "weighted_share", "share", "weighted_share_paragraphs", "weighted_share_deduplicated",
                       "share_paragraphs", "share_deduplicated", "rank", "rank_unweighted", "rank_paragraphs", "rank_deduplicated"]


@dataclass(frozen=True)
class TopicAnalysis:
    """All topic tables of one article (columns in ``data/README.md``).

    The measures are computed as plain records when the analysis runs; each table below is
    made into a DataFrame the first time it is read.

    Attributes:
        records: The rows of every table by name (``hits``, ``emphasis``, ``by_section``,
            ``evidence``, ``headline_gap``, ``sensitivity``, ``stability``), in table order.
        facts: The sentence facts the measures were computed from.
    """

    records: dict[str, list[dict[str, Any]]]
    facts: SentenceFacts = field(repr=False)

    @cached_property
    def hits(self) -> pd.DataFrame:
        """One row per matched term: ``sentence``, ``topic``, ``term``, ``matched``, ``start``, ``end``."""
        return records_frame(self.records["hits"], HIT_COLUMNS)

    @cached_property
    def emphasis(self) -> pd.DataFrame:
        """One row per topic, ranked: ``rank``, ``topic``, ``label``, ``share``, ``weighted_share``,
        ``sentences``, ``words``, ``hits``, ``in_title``, ``headings``, ``first_sentence``, ``first_position``."""
        return records_frame(self.records["emphasis"], EMPHASIS_COLUMNS)

    @cached_property
    def by_section(self) -> pd.DataFrame:
        """One row per topic and section: ``topic``, ``label``, ``section``, ``section_label``,
        ``sentences``, ``words``, ``section_words``, ``share_of_section``."""
        return records_frame(self.records["by_section"], SECTION_COLUMNS)

    @cached_property
    def evidence(self) -> pd.DataFrame:
        """One row per tagged sentence and topic: ``topic``, ``label``, ``sentence``, ``kind``,
        ``section``, ``section_label``, ``position``, ``weight``, ``text``, ``terms``."""
        return records_frame(self.records["evidence"], EVIDENCE_COLUMNS, {"section": "Int64"})

    @cached_property
    def headline_gap(self) -> pd.DataFrame:
        """One row per topic: ``topic``, ``label``, ``display_share``, ``share``, ``gap``, ``in_title``, ``headings``."""
        return records_frame(self.records["headline_gap"], GAP_COLUMNS)

    @cached_property
    def sensitivity(self) -> pd.DataFrame:
        """One row per topic: the shares and ranks under each variant."""
        return records_frame(self.records["sensitivity"], SENSITIVITY_COLUMNS)

    @cached_property
    def stability(self) -> pd.DataFrame:
        """One row per variant: ``variant``, ``kendall_tau``, ``top3_shared``, ``topics``."""
        return records_frame(self.records["stability"], STABILITY_COLUMNS)

    @cached_property
    def units(self) -> pd.DataFrame:
        """One row per sentence with its role, weight and unit (paragraph) id."""
        return self.facts.roles_table()

    def ranking_stability(self) -> pd.DataFrame:
        """How much the ranking moves under each variant; see :func:`ranking_stability`."""
        return self.stability

    def stability_summary(self) -> str:
        """One sentence summarising ranking stability, for reports."""
        parts = []
        for row in self.records["stability"]:
            tau = row["kendall_tau"]
            tau_text = "undefined" if math.isnan(tau) else f"{tau:.2f}"
            parts.append(f"{row['variant']}: Kendall tau {tau_text}, {row['top3_shared']} of the top {TOP_N} unchanged")
        return "; ".join(parts) + "."


def find_topic_hits(article: Article, taxonomy: Taxonomy) -> pd.DataFrame:
    """Every term match, sentence by sentence (title and headings included).

    Returns:
        Columns ``sentence``, ``topic``, ``term`` (as in the taxonomy), ``matched`` (as
        written in the text), ``start``, ``end`` (offsets into ``article.text``).
    """
    hits = pd.DataFrame(_hit_records(article, taxonomy), columns=HIT_COLUMNS)
    check_hits(article, hits)
    return hits


def _hit_records(article: Article, taxonomy: Taxonomy) -> list[dict[str, Any]]:
    taxonomy = taxonomy.for_language(article.metadata.language)
    rows = []
    text = article.text
    pairs = taxonomy.phrase_topics
    contexts = taxonomy.phrase_contexts
    scan = taxonomy.matcher.scanner(text)
    in_article: dict[int, bool] = {}  # an article-wide context is judged once per article
    for s in article.sentences:
        allowed: dict[int, bool] = {}  # a context's verdict holds for the whole sentence: judge it once
        for match in scan(s.start, s.end):
            seen: set[str] = set()
            for index in match.phrases:
                topic, term = pairs[index]
                context = contexts[index]
                if context is not None:
                    verdict = allowed.get(id(context))
                    if verdict is None:
                        verdict = context.allows(text[s.start : s.end])
                        if verdict and context.article_needs is not None:
                            if id(context) not in in_article:
                                in_article[id(context)] = context.allows_article(text)
                            verdict = in_article[id(context)]
                        allowed[id(context)] = verdict
                    if not verdict or not context.allows_at(text, match.end):
                        continue
                if topic in seen:
                    continue
                seen.add(topic)
                rows.append({"sentence": s.id, "topic": topic, "term": term, "matched": text[match.start : match.end],
                             "start": match.start, "end": match.end})
    return rows


def check_hits(article: Article, hits: pd.DataFrame) -> None:
    """Check that every hit lies inside its sentence and spells its text.

    Raises:
        ValueError: Naming the first hit that breaks the invariant.
    """
    for row in hits.itertuples():
        s = article.by_id.get(row.sentence)
        if s is None:
            raise ValueError(f"hit {row.Index} refers to unknown sentence {row.sentence!r}")
        if not (s.start <= row.start < row.end <= s.end):
            raise ValueError(f"hit {row.Index} ({row.topic}, {row.start}..{row.end}) is outside sentence {s.id} ({s.start}..{s.end})")
        if article.text[row.start : row.end] != row.matched:
            raise ValueError(f"hit {row.Index} ({row.topic}) does not spell the text at {row.start}..{row.end}")


def check_shares(table: pd.DataFrame, columns: list[str]) -> None:
    """Check that every share column is within 0..1 (NaN allowed where documented).

    Raises:
        ValueError: Naming the column and the first value out of range.
    """
    for column in columns:
        values = table[column].dropna()
        bad = values[(values < 0) | (values > 1 + 1e-9)]
        if len(bad):
            raise ValueError(f"{column} must be within 0..1; found {float(bad.iloc[0])} in row {bad.index[0]}")


def _check_record_shares(rows: list[dict[str, Any]], columns: list[str], table: str) -> None:
    """:func:`check_shares` on records (the analysis runs it on every article, so it stays cheap)."""
    for n, row in enumerate(rows):
        for column in columns:
            value = row[column]
            if value is not None and not (value != value) and not 0 <= value <= 1 + 1e-9:
                raise ValueError(f"{table}: {column} must be within 0..1; found {value} in row {n}")


def analyze_topics(
    article: Article,
    taxonomy: Taxonomy,
    *,
    repeated_sentences: Collection[str] = (),
    facts: SentenceFacts | None = None,
) -> TopicAnalysis:
    """Tag sentences with topics and measure each topic's emphasis.

    Args:
        article: The structured article.
        taxonomy: The topic taxonomy (:func:`load_taxonomy`).
        repeated_sentences: Ids of sentences that restate earlier ones; they are left
            out of the ``deduplicated`` sensitivity variant (and nowhere else).
        facts: The article's sentence facts, when the caller has them already.

    Returns:
        A :class:`TopicAnalysis`; every share is checked to be within 0..1.

    Raises:
        ValueError: If ``repeated_sentences`` names a sentence the article does not have.
    """
    taxonomy = taxonomy.for_language(article.metadata.language)
    facts = facts if facts is not None else sentence_facts(article)
    by_id = facts.by_id
    unknown = [sid for sid in repeated_sentences if sid not in by_id]
    if unknown:
        raise ValueError(f"repeated_sentences names unknown sentence id {unknown[0]!r}")
    repeated = set(repeated_sentences)
    hit_rows = _hit_records(article, taxonomy)
    length = len(article.text)
    labels = taxonomy.labels
    rows = facts.rows
    body_words = facts.body_words
    display_words = sum(f.words for f in rows if f.role in ("title", "heading"))
    total_weighted = sum(f.weight * f.words for f in rows)
    kept_weighted = sum(f.weight * f.words for f in rows if f.id not in repeated)
    kept_body_words = sum(f.words for f in facts.body if f.id not in repeated)
    by_unit: dict[str, list[Any]] = {}
    for f in rows:
        by_unit.setdefault(f.unit, []).append(f)

    tagged_by_topic: dict[str, set[str]] = {t: set() for t in taxonomy.ids}
    first_hit: dict[str, dict[str, Any]] = {}
    hit_count: dict[str, int] = dict.fromkeys(taxonomy.ids, 0)
    for h in hit_rows:
        tagged_by_topic[h["topic"]].add(h["sentence"])
        first_hit.setdefault(h["topic"], h)
        hit_count[h["topic"]] += 1

    def ratio(numerator: float, denominator: float) -> float:
        return numerator / denominator if denominator else 0.0

    emphasis, gaps, sensitivity, by_section = [], [], [], []
    for topic in taxonomy.ids:
        tagged = sorted((by_id[sid] for sid in tagged_by_topic[topic]), key=lambda f: f.index)
        tagged_body = [f for f in tagged if f.is_body]
        tagged_display = [f for f in tagged if f.role in ("title", "heading")]
        tagged_words = sum(f.words for f in tagged_body)
        share = ratio(tagged_words, body_words)
        weighted = ratio(sum(f.weight * f.words for f in tagged), total_weighted)
        units = {f.unit for f in tagged}
        in_units = [g for unit in units for g in by_unit[unit]]
        first = first_hit.get(topic)
        in_title = any(f.role == "title" for f in tagged_display)
        headings = sum(f.role == "heading" for f in tagged_display)
        emphasis.append({
            "topic": topic, "label": labels[topic], "share": round(share, 4), "weighted_share": round(weighted, 4),
            "sentences": len(tagged_body), "words": tagged_words, "hits": hit_count[topic], "in_title": in_title,
            "headings": headings, "first_sentence": first["sentence"] if first is not None else None,
            "first_position": round(first["start"] / length, 4) if first is not None else None,
        })
        display_share = sum(f.words for f in tagged_display) / display_words if display_words else float("nan")
        gaps.append({
            "topic": topic, "label": labels[topic],
            "display_share": round(display_share, 4) if display_words else display_share, "share": round(share, 4),
            "gap": round(display_share - share, 4) if display_words else float("nan"), "in_title": in_title,
            "headings": headings,
        })
        sensitivity.append({
            "topic": topic, "label": labels[topic], "weighted_share": round(weighted, 4), "share": round(share, 4),
            "weighted_share_paragraphs": round(ratio(sum(g.weight * g.words for g in in_units), total_weighted), 4),
            "weighted_share_deduplicated": round(
                ratio(sum(f.weight * f.words for f in tagged if f.id not in repeated), kept_weighted), 4),
            "share_paragraphs": round(ratio(sum(g.words for g in in_units if g.is_body), body_words), 4),
            "share_deduplicated": round(
                ratio(sum(f.words for f in tagged_body if f.id not in repeated), kept_body_words), 4),
        })
        section_sentences = [0] * len(facts.section_labels)
        section_tagged_words = [0] * len(facts.section_labels)
        for f in tagged_body:
            section_sentences[f.section] += 1
            section_tagged_words[f.section] += f.words
        for k, name in enumerate(facts.section_labels):
            words_k = facts.section_words[k]
            by_section.append({
                "topic": topic, "label": labels[topic], "section": k, "section_label": name,
                "sentences": section_sentences[k], "words": section_tagged_words[k], "section_words": words_k,
                "share_of_section": round(section_tagged_words[k] / words_k, 4) if words_k else 0.0,
            })

    weighted_ranks = ranks([r["weighted_share"] for r in emphasis])
    for row, rank in zip(emphasis, weighted_ranks, strict=True):
        row["rank"] = rank
    emphasis.sort(key=lambda r: (-r["weighted_share"], -r["share"], r["topic"]))

    for column, rank_column in [("weighted_share", "rank"), ("share", "rank_unweighted"),
                                ("weighted_share_paragraphs", "rank_paragraphs"),
                                ("weighted_share_deduplicated", "rank_deduplicated")]:
        for row, rank in zip(sensitivity, ranks([r[column] for r in sensitivity]), strict=True):
            row[rank_column] = rank
    sensitivity.sort(key=lambda r: (r["rank"], r["topic"]))

    evidence_rows: dict[tuple[str, str], dict[str, Any]] = {}
    for h in hit_rows:
        key = (h["topic"], h["sentence"])
        if key in evidence_rows:
            if h["matched"] not in evidence_rows[key]["terms"]:
                evidence_rows[key]["terms"].append(h["matched"])
            continue
        f = by_id[h["sentence"]]
        evidence_rows[key] = {
            "topic": h["topic"], "label": labels[h["topic"]], "sentence": h["sentence"], "kind": f.kind,
            "section": f.section, "section_label": f.section_label, "position": f.position, "weight": f.weight,
            "text": f.text, "terms": [h["matched"]],
        }
    topic_order = {t: n for n, t in enumerate(taxonomy.ids)}
    evidence = sorted(evidence_rows.values(), key=lambda r: (topic_order[r["topic"]], r["position"]))
    for row in evidence:
        row["terms"] = "; ".join(row["terms"])

    gaps.sort(key=lambda r: (r["gap"] != r["gap"], -r["gap"] if r["gap"] == r["gap"] else 0.0, r["topic"]))

    _check_record_shares(emphasis, ["share", "weighted_share", "first_position"], "topic emphasis")
    _check_record_shares(gaps, ["display_share", "share"], "headline gap")
    _check_record_shares(by_section, ["share_of_section"], "topic sections")
    _check_record_shares(sensitivity, [c for c in SENSITIVITY_COLUMNS if "share" in c], "topic sensitivity")
    if max((r["words"] for r in emphasis), default=0) > body_words:
        raise ValueError("a topic has more tagged words than the article has body words")

    records = {
        "hits": hit_rows, "emphasis": emphasis, "by_section": by_section, "evidence": evidence,
        "headline_gap": gaps, "sensitivity": sensitivity, "stability": stability_records(sensitivity),
    }
    return TopicAnalysis(records=records, facts=facts)


def topics_json(analysis: TopicAnalysis) -> list[dict[str, Any]]:
    """The ``topics`` list of ``presslens analyze --json``.

    Returns:
        ``[{"id", "label", "share", "weighted_share", "sentences"}]`` sorted by
        ``weighted_share``, largest first; ``sentences`` counts tagged body sentences.
        Topics that no sentence carries are included with zeros.
    """
    return [
        {"id": r["topic"], "label": r["label"], "share": float(r["share"]),
         "weighted_share": float(r["weighted_share"]), "sentences": int(r["sentences"])}
        for r in analysis.records["emphasis"]
    ]
