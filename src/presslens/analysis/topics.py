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
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
from pydantic import Field, field_validator, model_validator

from presslens.lexicons import ID_PATTERN, LexiconModel, lexicon_sha256, load_lexicon
from presslens.analysis.matching import PhraseMatcher
from presslens.model import Article, Sentence, count_words
from presslens.paths import DEFAULT_TOPICS
from presslens.analysis.structure import section_label

#: Positional prominence of a sentence in ``weighted_share``.
POSITION_WEIGHTS: dict[str, float] = {"title": 3.0, "heading": 2.0, "lead": 1.5, "body": 1.0}

#: How many top topics :func:`ranking_stability` compares.
TOP_N = 3


class TopicEntry(LexiconModel):
    """One topic of the taxonomy."""

    id: str = Field(pattern=ID_PATTERN)
    label: str = Field(min_length=1)
    description: str = Field(min_length=1)
    terms: list[str] = Field(min_length=1)

    @field_validator("terms")
    @classmethod
    def _terms_are_words(cls, terms: list[str]) -> list[str]:
        seen: set[str] = set()
        for n, term in enumerate(terms):
            if not any(ch.isalnum() for ch in term):
                raise ValueError(f"term {n} ({term!r}) has no letter or digit")
            key = " ".join(term.lower().split())
            if key in seen:
                raise ValueError(f"term {n} ({term!r}) is listed twice")
            seen.add(key)
        return terms


class TaxonomyFile(LexiconModel):
    """The whole taxonomy file: ``topics:`` and a list of :class:`TopicEntry`."""

    topics: list[TopicEntry] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_ids(self) -> TaxonomyFile:
        first: dict[str, int] = {}
        for n, topic in enumerate(self.topics):
            if topic.id in first:
                raise ValueError(f"topics[{n}] (id {topic.id!r}): id is used more than once (first at topics[{first[topic.id]}])")
            first[topic.id] = n
        return self


@dataclass(frozen=True)
class Taxonomy:
    """A validated taxonomy with its compiled matcher.

    Attributes:
        topics: The topics in file order.
        source: The file it was read from (for provenance and messages).
        sha256: The file's sha256, or None when built in memory.
    """

    topics: tuple[TopicEntry, ...]
    source: str = "(in memory)"
    sha256: str | None = None
    matcher: PhraseMatcher = field(init=False, repr=False, compare=False)
    phrase_topics: tuple[tuple[str, str], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        pairs = tuple((t.id, term) for t in self.topics for term in t.terms)
        object.__setattr__(self, "phrase_topics", pairs)
        matcher = PhraseMatcher([term for _, term in pairs], case_sensitive=False, inflect=True, hyphen_as_space=True)
        object.__setattr__(self, "matcher", matcher)

    @property
    def ids(self) -> list[str]:
        """Topic ids in file order."""
        return [t.id for t in self.topics]

    @property
    def labels(self) -> dict[str, str]:
        """Topic labels by id."""
        return {t.id: t.label for t in self.topics}

    @classmethod
    def from_entries(cls, entries: list[dict[str, Any]]) -> Taxonomy:
        """Build a taxonomy from plain dicts (tests, notebooks), with the file's validation."""
        parsed = TaxonomyFile.model_validate({"topics": entries})
        return cls(tuple(parsed.topics))


def load_taxonomy(path: Path = DEFAULT_TOPICS) -> Taxonomy:
    """Read and validate a topic taxonomy.

    Args:
        path: The YAML file; the shipped geopolitics and security taxonomy by default.

    Returns:
        The taxonomy, ready for :func:`analyze_topics`.

    Raises:
        PresslensError: Naming the file, the entry and the problem (duplicate id, empty
            terms, unknown key, invalid YAML).
    """
    parsed = load_lexicon(path, TaxonomyFile)
    return Taxonomy(tuple(parsed.topics), source=str(path), sha256=lexicon_sha256(path))


# -- the analysis --------------------------------------------------------------------------


@dataclass(frozen=True)
class TopicAnalysis:
    """All topic tables of one article (columns in ``data/README.md``).

    Attributes:
        hits: One row per matched term: ``sentence``, ``topic``, ``term``, ``matched``,
            ``start``, ``end``.
        emphasis: One row per topic, ranked: ``rank``, ``topic``, ``label``, ``share``,
            ``weighted_share``, ``sentences``, ``words``, ``hits``, ``in_title``,
            ``headings``, ``first_sentence``, ``first_position``.
        by_section: One row per topic and section: ``topic``, ``label``, ``section``,
            ``section_label``, ``sentences``, ``words``, ``section_words``,
            ``share_of_section``.
        evidence: One row per tagged sentence and topic: ``topic``, ``label``,
            ``sentence``, ``kind``, ``section``, ``section_label``, ``position``,
            ``weight``, ``text``, ``terms``.
        headline_gap: One row per topic: ``topic``, ``label``, ``display_share``,
            ``share``, ``gap``, ``in_title``, ``headings``.
        sensitivity: One row per topic: the shares and ranks under each variant.
        stability: One row per variant: ``variant``, ``kendall_tau``, ``top3_shared``.
        units: One row per sentence with its role, weight and unit (paragraph) id.
    """

    hits: pd.DataFrame
    emphasis: pd.DataFrame
    by_section: pd.DataFrame
    evidence: pd.DataFrame
    headline_gap: pd.DataFrame
    sensitivity: pd.DataFrame
    stability: pd.DataFrame
    units: pd.DataFrame

    def ranking_stability(self) -> pd.DataFrame:
        """How much the ranking moves under each variant; see :func:`ranking_stability`."""
        return self.stability

    def stability_summary(self) -> str:
        """One sentence summarising ranking stability, for reports."""
        parts = []
        for row in self.stability.itertuples():
            tau = "undefined" if pd.isna(row.kendall_tau) else f"{row.kendall_tau:.2f}"
            parts.append(f"{row.variant}: Kendall tau {tau}, {row.top3_shared} of the top {TOP_N} unchanged")
        return "; ".join(parts) + "."


def title_sentence_id(article: Article) -> str | None:
    """The id of the sentence that is the article's title, if the text contains it.

    An explicit title sentence wins; when the title was taken from the first heading
    (``title_source == "first_heading"``), that heading is the title.
    """
    if article.title_sentence:
        return article.title_sentence
    if article.metadata.title_source == "first_heading" and article.headings:
        return article.headings[0].id
    return None


def sentence_roles(article: Article) -> pd.DataFrame:
    """One row per sentence with its prominence role and unit (see :func:`sentence_role_rows`)."""
    return pd.DataFrame(sentence_role_rows(article)).astype({"section": "Int64"})


def sentence_role_rows(article: Article) -> list[dict[str, Any]]:
    """One dict per sentence with its prominence role and unit.

    Columns: ``sentence``, ``kind``, ``section``, ``section_label``, ``role`` (title,
    heading, lead, body), ``weight`` (:data:`POSITION_WEIGHTS`), ``words``, ``position``
    (0..1, the sentence's middle along the text), ``unit`` (the paragraph or list item the
    body sentence belongs to; the sentence itself for title and headings), ``is_body``.

    The lead is the first paragraph of the body: the first block of kind paragraph that
    holds body sentences.
    """
    title_id = title_sentence_id(article)
    unit_of: dict[str, str] = {}
    lead: set[str] = set()
    for k, section in enumerate(article.sections):
        for b, block in enumerate(section.blocks):
            if block.kind == "paragraph":
                for sid in block.sentences:
                    unit_of[sid] = f"p{k}.{b}"
                if not lead:
                    lead.update(block.sentences)
            else:
                for i, item in enumerate(block.items):
                    for sid in item.sentences:
                        unit_of[sid] = f"p{k}.{b}.{i}"
    length = len(article.text)
    labels = {k: section_label(article, k) for k in range(len(article.sections))}
    rows = []
    for s in article.sentences:
        if s.id == title_id or s.kind == "title":
            role = "title"
        elif s.kind == "heading":
            role = "heading"
        elif s.id in lead:
            role = "lead"
        else:
            role = "body"
        rows.append(
            {
                "sentence": s.id,
                "kind": s.kind,
                "section": s.section,
                "section_label": labels[s.section] if s.section is not None else "(title)",
                "role": role,
                "weight": POSITION_WEIGHTS[role],
                "words": count_words(article.sentence_text(s)),
                "position": round((s.start + s.end) / 2 / length, 4),
                "unit": unit_of.get(s.id, s.id),
                "is_body": s.kind in ("sentence", "list_item"),
            }
        )
    return rows


def find_topic_hits(article: Article, taxonomy: Taxonomy) -> pd.DataFrame:
    """Every term match, sentence by sentence (title and headings included).

    Returns:
        Columns ``sentence``, ``topic``, ``term`` (as in the taxonomy), ``matched`` (as
        written in the text), ``start``, ``end`` (offsets into ``article.text``).
    """
    rows = []
    text = article.text
    pairs = taxonomy.phrase_topics
    for s in article.sentences:
        for match in taxonomy.matcher.finditer(text, s.start, s.end):
            seen: set[str] = set()
            for index in match.phrases:
                topic, term = pairs[index]
                if topic in seen:
                    continue
                seen.add(topic)
                rows.append(
                    {"sentence": s.id, "topic": topic, "term": term, "matched": text[match.start : match.end],
                     "start": match.start, "end": match.end}
                )
    hits = pd.DataFrame(rows, columns=["sentence", "topic", "term", "matched", "start", "end"])
    check_hits(article, hits)
    return hits


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


def _weighted_share(tagged: set[str], roles: list[dict[str, Any]], *, unit_tagging: bool = False,
                    excluded: Collection[str] = ()) -> float:
    """Σ weight × words of tagged sentences / Σ weight × words of all sentences."""
    rows = [r for r in roles if r["sentence"] not in excluded]
    if unit_tagging:
        units = {r["unit"] for r in rows if r["sentence"] in tagged}
        selected = [r for r in rows if r["unit"] in units]
    else:
        selected = [r for r in rows if r["sentence"] in tagged]
    total = sum(r["weight"] * r["words"] for r in rows)
    return sum(r["weight"] * r["words"] for r in selected) / total if total else 0.0


def _body_share(tagged: set[str], roles: list[dict[str, Any]], *, unit_tagging: bool = False,
                excluded: Collection[str] = ()) -> float:
    """Words of tagged body sentences (or units) / words of all body sentences."""
    body = [r for r in roles if r["is_body"] and r["sentence"] not in excluded]
    if unit_tagging:
        units = {r["unit"] for r in body if r["sentence"] in tagged}
        selected = [r for r in body if r["unit"] in units]
    else:
        selected = [r for r in body if r["sentence"] in tagged]
    total = sum(r["words"] for r in body)
    return sum(r["words"] for r in selected) / total if total else 0.0


def _ranks(values: pd.Series) -> pd.Series:
    """Rank 1 = largest; ties share the best rank."""
    return values.rank(method="min", ascending=False).astype(int)


def kendall_tau(x: list[float], y: list[float]) -> float:
    """Kendall's tau-b between two score lists (ties handled); NaN when undefined.

    Args:
        x: Scores of the items under one ranking.
        y: Scores of the same items, in the same order, under the other ranking.
    """
    x = [float(v) for v in x]
    y = [float(v) for v in y]
    n = len(x)
    concordant = discordant = ties_x = ties_y = 0
    for i in range(n):
        for j in range(i + 1, n):
            dx = (x[i] > x[j]) - (x[i] < x[j])
            dy = (y[i] > y[j]) - (y[i] < y[j])
            if dx == 0 and dy == 0:
                continue
            if dx == 0:
                ties_x += 1
            elif dy == 0:
                ties_y += 1
            elif dx == dy:
                concordant += 1
            else:
                discordant += 1
    denominator = math.sqrt((concordant + discordant + ties_x) * (concordant + discordant + ties_y))
    return (concordant - discordant) / denominator if denominator else float("nan")


def _top(values: pd.Series, n: int) -> set[str]:
    positive = values[values > 0]
    order = sorted(positive.index, key=lambda topic: (-positive[topic], topic))
    return set(order[:n])


def ranking_stability(sensitivity: pd.DataFrame, *, top_n: int = TOP_N) -> pd.DataFrame:
    """Compare the main ranking (``weighted_share``) with each variant.

    Only topics with a non-zero value under the main ranking or the variant take part.

    Args:
        sensitivity: The ``sensitivity`` table of a :class:`TopicAnalysis`.
        top_n: How many top topics to compare for the overlap.

    Returns:
        One row per variant (``unweighted``, ``paragraphs``, ``deduplicated``):
        ``variant``, ``kendall_tau`` (tau-b, -1..1, NaN when fewer than two topics take
        part or all are tied), ``top3_shared`` (how many of the main top ``top_n`` are in
        the variant's top ``top_n``), ``topics`` (how many topics took part).
    """
    base = sensitivity.set_index("topic")["weighted_share"]
    variants = {
        "unweighted": "share",
        "paragraphs": "weighted_share_paragraphs",
        "deduplicated": "weighted_share_deduplicated",
    }
    rows = []
    for name, column in variants.items():
        other = sensitivity.set_index("topic")[column]
        active = [t for t in base.index if base[t] > 0 or other[t] > 0]
        tau = kendall_tau([base[t] for t in active], [other[t] for t in active]) if len(active) >= 2 else float("nan")
        rows.append(
            {"variant": name, "kendall_tau": round(tau, 4) if not math.isnan(tau) else tau,
             "top3_shared": len(_top(base, top_n) & _top(other, top_n)), "topics": len(active)}
        )
    return pd.DataFrame(rows)


def analyze_topics(article: Article, taxonomy: Taxonomy, *, repeated_sentences: Collection[str] = ()) -> TopicAnalysis:
    """Tag sentences with topics and measure each topic's emphasis.

    Args:
        article: The structured article.
        taxonomy: The topic taxonomy (:func:`load_taxonomy`).
        repeated_sentences: Ids of sentences that restate earlier ones; they are left
            out of the ``deduplicated`` sensitivity variant (and nowhere else).

    Returns:
        A :class:`TopicAnalysis`; every share is checked to be within 0..1 and every hit
        to lie inside its sentence.

    Raises:
        ValueError: If ``repeated_sentences`` names a sentence the article does not have.
    """
    unknown = [sid for sid in repeated_sentences if sid not in article.by_id]
    if unknown:
        raise ValueError(f"repeated_sentences names unknown sentence id {unknown[0]!r}")
    roles = sentence_role_rows(article)
    hits = find_topic_hits(article, taxonomy)
    role_by_id = {r["sentence"]: r for r in roles}
    length = len(article.text)
    labels = taxonomy.labels
    body = [r for r in roles if r["is_body"]]
    body_words = sum(r["words"] for r in body)
    display = [r for r in roles if r["role"] in ("title", "heading")]
    display_words = sum(r["words"] for r in display)
    repeated = set(repeated_sentences)
    section_names = [section_label(article, k) for k in range(len(article.sections))]
    section_words = [0] * len(article.sections)
    for r in body:
        section_words[r["section"]] += r["words"]
    hit_rows = hits.to_dict("records")
    tagged_by_topic: dict[str, set[str]] = {t: set() for t in taxonomy.ids}
    first_hit: dict[str, dict[str, Any]] = {}
    hit_count: Counter[str] = Counter()
    for h in hit_rows:
        tagged_by_topic[h["topic"]].add(h["sentence"])
        first_hit.setdefault(h["topic"], h)
        hit_count[h["topic"]] += 1

    emphasis_rows, gap_rows, sensitivity_rows, section_rows = [], [], [], []
    for topic in taxonomy.ids:
        tagged = tagged_by_topic[topic]
        tagged_body = [r for r in body if r["sentence"] in tagged]
        tagged_display = [r for r in display if r["sentence"] in tagged]
        share = _body_share(tagged, roles)
        weighted = _weighted_share(tagged, roles)
        first = first_hit.get(topic)
        in_title = any(r["role"] == "title" for r in tagged_display)
        headings = sum(r["role"] == "heading" for r in tagged_display)
        emphasis_rows.append(
            {
                "topic": topic,
                "label": labels[topic],
                "share": round(share, 4),
                "weighted_share": round(weighted, 4),
                "sentences": len(tagged_body),
                "words": sum(r["words"] for r in tagged_body),
                "hits": hit_count[topic],
                "in_title": in_title,
                "headings": headings,
                "first_sentence": first["sentence"] if first is not None else None,
                "first_position": round(first["start"] / length, 4) if first is not None else None,
            }
        )
        display_share = sum(r["words"] for r in tagged_display) / display_words if display_words else float("nan")
        gap_rows.append(
            {
                "topic": topic,
                "label": labels[topic],
                "display_share": round(display_share, 4) if display_words else display_share,
                "share": round(share, 4),
                "gap": round(display_share - share, 4) if display_words else float("nan"),
                "in_title": in_title,
                "headings": headings,
            }
        )
        sensitivity_rows.append(
            {
                "topic": topic,
                "label": labels[topic],
                "weighted_share": round(weighted, 4),
                "share": round(share, 4),
                "weighted_share_paragraphs": round(_weighted_share(tagged, roles, unit_tagging=True), 4),
                "weighted_share_deduplicated": round(_weighted_share(tagged, roles, excluded=repeated), 4),
                "share_paragraphs": round(_body_share(tagged, roles, unit_tagging=True), 4),
                "share_deduplicated": round(_body_share(tagged, roles, excluded=repeated), 4),
            }
        )
        for k, name in enumerate(section_names):
            in_section = [r for r in tagged_body if r["section"] == k]
            tagged_words = sum(r["words"] for r in in_section)
            section_rows.append(
                {
                    "topic": topic,
                    "label": labels[topic],
                    "section": k,
                    "section_label": name,
                    "sentences": len(in_section),
                    "words": tagged_words,
                    "section_words": section_words[k],
                    "share_of_section": round(tagged_words / section_words[k], 4) if section_words[k] else 0.0,
                }
            )

    emphasis = pd.DataFrame(emphasis_rows)
    emphasis = emphasis.sort_values(["weighted_share", "share", "topic"], ascending=[False, False, True], kind="stable")
    emphasis.insert(0, "rank", _ranks(emphasis["weighted_share"]).to_numpy())
    emphasis = emphasis.reset_index(drop=True)

    sensitivity = pd.DataFrame(sensitivity_rows)
    for column, rank_column in [
        ("weighted_share", "rank"),
        ("share", "rank_unweighted"),
        ("weighted_share_paragraphs", "rank_paragraphs"),
        ("weighted_share_deduplicated", "rank_deduplicated"),
    ]:
        sensitivity[rank_column] = _ranks(sensitivity[column])
    sensitivity = sensitivity.sort_values(["rank", "topic"], kind="stable").reset_index(drop=True)

    evidence_rows: dict[tuple[str, str], dict[str, Any]] = {}
    for h in hit_rows:
        key = (h["topic"], h["sentence"])
        if key in evidence_rows:
            if h["matched"] not in evidence_rows[key]["terms"]:
                evidence_rows[key]["terms"].append(h["matched"])
            continue
        role = role_by_id[h["sentence"]]
        evidence_rows[key] = {
            "topic": h["topic"],
            "label": labels[h["topic"]],
            "sentence": h["sentence"],
            "kind": role["kind"],
            "section": role["section"],
            "section_label": role["section_label"],
            "position": role["position"],
            "weight": role["weight"],
            "text": article.sentence_text(h["sentence"]),
            "terms": [h["matched"]],
        }
    topic_order = {t: n for n, t in enumerate(taxonomy.ids)}
    ordered = sorted(evidence_rows.values(), key=lambda r: (topic_order[r["topic"]], r["position"]))
    evidence = pd.DataFrame(
        [{**r, "terms": "; ".join(r["terms"])} for r in ordered],
        columns=["topic", "label", "sentence", "kind", "section", "section_label", "position", "weight", "text", "terms"],
    ).astype({"section": "Int64"})

    headline_gap = pd.DataFrame(gap_rows).sort_values(["gap", "topic"], ascending=[False, True], kind="stable")
    by_section = pd.DataFrame(section_rows)

    check_shares(emphasis, ["share", "weighted_share", "first_position"])
    check_shares(headline_gap, ["display_share", "share"])
    check_shares(by_section, ["share_of_section"])
    check_shares(sensitivity, [c for c in sensitivity.columns if "share" in c])
    if int(emphasis["words"].max() or 0) > body_words:
        raise ValueError("a topic has more tagged words than the article has body words")

    return TopicAnalysis(
        hits=hits,
        emphasis=emphasis,
        by_section=by_section,
        evidence=evidence,
        headline_gap=headline_gap.reset_index(drop=True),
        sensitivity=sensitivity,
        stability=ranking_stability(sensitivity),
        units=pd.DataFrame(roles).astype({"section": "Int64"}),
    )


def topics_json(analysis: TopicAnalysis) -> list[dict[str, Any]]:
    """The ``topics`` list of ``presslens analyze --json``.

    Returns:
        ``[{"id", "label", "share", "weighted_share", "sentences"}]`` sorted by
        ``weighted_share``, largest first; ``sentences`` counts tagged body sentences.
        Topics that no sentence carries are included with zeros.
    """
    return [
        {
            "id": row.topic,
            "label": row.label,
            "share": float(row.share),
            "weighted_share": float(row.weighted_share),
            "sentences": int(row.sentences),
        }
        for row in analysis.emphasis.itertuples()
    ]
