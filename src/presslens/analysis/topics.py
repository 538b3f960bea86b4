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

import bisect
import math
import re
from collections.abc import Collection
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, NamedTuple

import pandas as pd
from pydantic import ConfigDict, Field, field_validator, model_validator

from presslens.analysis.facts import POSITION_WEIGHTS, SentenceFacts, sentence_facts
from presslens.analysis.matching import PhraseMatcher
from presslens.analysis.records import records_frame
from presslens.languages import LANGUAGE_NAMES
from presslens.lexicons import ID_PATTERN, LexiconModel, check_phrase_length, lexicon_sha256, load_lexicon
from presslens.model import Article
from presslens.paths import DEFAULT_TOPICS

__all__ = ["POSITION_WEIGHTS", "TOP_N", "Taxonomy", "TopicAnalysis", "analyze_topics", "load_taxonomy", "topics_json"]

#: How many top topics :func:`ranking_stability` compares.
TOP_N = 3


class TopicTerm(LexiconModel):
    """A term that counts only in context: ``with`` (the sentence also holds one of these
    words), ``without`` (the sentence holds none of these phrases), ``article_with`` (the
    article holds one of these words somewhere) and ``office`` (a title of office, which does
    not count written right before a person's name)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    term: str
    with_: list[str] = Field(default=[], alias="with")
    without: list[str] = []
    article_with: list[str] = []
    office: bool = False

    @model_validator(mode="after")
    def _has_context(self) -> TopicTerm:
        if not self.with_ and not self.without and not self.article_with and not self.office:
            raise ValueError(f"term {self.term!r}: give 'with', 'without', 'article_with' or 'office' "
                             "(or write the term as a plain string)")
        for word in [*self.with_, *self.without, *self.article_with]:
            if not any(ch.isalnum() for ch in word):
                raise ValueError(f"term {self.term!r}: context {word!r} has no letter or digit")
        return self


#: What follows an office written as a person's title: a capitalised name ("Prime Minister
#: Benjamin Netanyahu", "Ambassador Sondland") or another proper name ("Air Force One").
NAME_AFTER = re.compile(r"[ \t]+(?:[A-Z][a-z]|[A-Z]\.)")


class TermContext(NamedTuple):
    """A term's compiled context: the sentence must match ``needs`` (when set) and not ``bars``
    (when set), the article must match ``article_needs`` (when set), and an ``office`` does not
    count right before a name."""

    needs: re.Pattern[str] | None
    bars: re.Pattern[str] | None
    article_needs: re.Pattern[str] | None = None
    office: bool = False

    def allows(self, sentence: str) -> bool:
        """Whether the term counts in a sentence with this text (the sentence-wide part of the context)."""
        if self.needs is not None and self.needs.search(sentence) is None:
            return False
        return self.bars is None or self.bars.search(sentence) is None

    def allows_article(self, text: str) -> bool:
        """Whether the term counts in an article with this text."""
        return self.article_needs is None or self.article_needs.search(text) is not None

    def allows_at(self, text: str, end: int) -> bool:
        """Whether the match ending at ``end`` counts where it stands (an office before a name does not)."""
        return not self.office or NAME_AFTER.match(text, end) is None


def _words_pattern(words: list[str], *, plurals: bool) -> re.Pattern[str] | None:
    if not words:
        return None
    parts = []
    for word in words:
        body = r"\s+".join(re.escape(w) for w in word.rstrip("*").split())
        if word.endswith("*"):
            parts.append(body + r"\w*")  # a stem: "negotiat*" finds "negotiation", "negotiators"
        else:
            parts.append(body + (r"(?:s|es)?" if plurals else ""))
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)


def term_context(term: str | TopicTerm) -> TermContext | None:
    """The compiled context of a term (None for a plain term, which counts everywhere)."""
    if isinstance(term, str):
        return None
    return TermContext(_words_pattern(term.with_, plurals=True), _words_pattern(term.without, plurals=False),
                       _words_pattern(term.article_with, plurals=True), term.office)


def term_text(term: str | TopicTerm) -> str:
    """The phrase a term matches."""
    return term if isinstance(term, str) else term.term


def _check_terms(terms: list[str], what: str) -> None:
    """Each term has a letter or digit, a sane length, and is listed once (case and spacing ignored).

    Raises:
        ValueError: Naming ``what`` and the term's place, e.g. "de term 3".
    """
    seen: set[str] = set()
    for n, term in enumerate(terms):
        check_phrase_length(term, f"{what} {n}")
        if not any(ch.isalnum() for ch in term):
            raise ValueError(f"{what} {n} ({term!r}) has no letter or digit")
        key = " ".join(term.lower().split())
        if key in seen:
            raise ValueError(f"{what} {n} ({term!r}) is listed twice")
        seen.add(key)


class TopicEntry(LexiconModel):
    """One topic of the taxonomy."""

    id: str = Field(pattern=ID_PATTERN)
    label: str = Field(min_length=1)
    description: str = Field(min_length=1)
    terms: list[str | TopicTerm] = Field(min_length=1)
    languages: dict[str, list[str]] = {}

    @field_validator("languages")
    @classmethod
    def _language_terms(cls, languages: dict[str, list[str]]) -> dict[str, list[str]]:
        for code, terms in languages.items():
            if code == "en" or code not in LANGUAGE_NAMES:
                raise ValueError(f"{code!r} is not a language presslens analyses besides English "
                                 f"(use one of {', '.join(sorted(c for c in LANGUAGE_NAMES if c != 'en'))})")
            _check_terms(terms, f"{code} term")
            for n, term in enumerate(terms):
                if "*" in term.replace("* ", " ").rstrip("*"):
                    raise ValueError(f"{code} term {n} ({term!r}): '*' may only end a word")
        return languages

    @field_validator("terms")
    @classmethod
    def _terms_are_words(cls, terms: list[str | TopicTerm]) -> list[str | TopicTerm]:
        _check_terms([term_text(entry) for entry in terms], "term")
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
    language: str = "en"
    matcher: PhraseMatcher = field(init=False, repr=False, compare=False)
    phrase_topics: tuple[tuple[str, str], ...] = field(init=False, repr=False, compare=False)

    phrase_contexts: tuple[TermContext | None, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        pairs = tuple((t.id, term_text(term)) for t in self.topics for term in t.terms)
        object.__setattr__(self, "phrase_topics", pairs)
        object.__setattr__(self, "phrase_contexts", tuple(term_context(term) for t in self.topics for term in t.terms))
        # The regular English plural is for English terms; other languages write their forms as stems ("Sanktion*").
        english = self.language == "en"
        matcher = PhraseMatcher([term for _, term in pairs], case_sensitive=False, inflect=english, hyphen_as_space=True)
        object.__setattr__(self, "matcher", matcher)
        object.__setattr__(self, "_languages", {})

    def for_language(self, code: str | None) -> Taxonomy:
        """The taxonomy an article in language ``code`` is read with (made once per language).

        The topics and their ids stay; their terms are the ones the file gives for ``code``
        under ``languages`` (a topic without any there matches nothing). English, and a
        language no topic names, get this taxonomy itself.
        """
        if code is None or code == "en" or self.language != "en":
            return self
        cached = self._languages.get(code)  # type: ignore[attr-defined]
        if cached is None:
            if not any(code in t.languages for t in self.topics):
                cached = self
            else:
                topics = tuple(t.model_copy(update={"terms": list(t.languages.get(code, [])), "languages": {}})
                               for t in self.topics)
                cached = Taxonomy(topics, source=self.source, sha256=self.sha256, language=code)
            self._languages[code] = cached  # type: ignore[attr-defined]
        return cached

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

HIT_COLUMNS = ["sentence", "topic", "term", "matched", "start", "end"]
EMPHASIS_COLUMNS = ["rank", "topic", "label", "share", "weighted_share", "sentences", "words", "hits", "in_title",
                    "headings", "first_sentence", "first_position"]
SECTION_COLUMNS = ["topic", "label", "section", "section_label", "sentences", "words", "section_words", "share_of_section"]
EVIDENCE_COLUMNS = ["topic", "label", "sentence", "kind", "section", "section_label", "position", "weight", "text", "terms"]
GAP_COLUMNS = ["topic", "label", "display_share", "share", "gap", "in_title", "headings"]
SENSITIVITY_COLUMNS = ["topic", "label", "weighted_share", "share", "weighted_share_paragraphs", "weighted_share_deduplicated",
                       "share_paragraphs", "share_deduplicated", "rank", "rank_unweighted", "rank_paragraphs", "rank_deduplicated"]
STABILITY_COLUMNS = ["variant", "kendall_tau", "top3_shared", "topics"]


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


def _ranks(values: list[float]) -> list[int]:
    """Rank 1 = largest; ties share the best rank (pandas ``rank(method="min", ascending=False)``)."""
    ascending = sorted(values)
    n = len(values)
    return [1 + n - bisect.bisect_right(ascending, v) for v in values]


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


def _top(values: dict[str, float], n: int) -> set[str]:
    positive = [(topic, value) for topic, value in values.items() if value > 0]
    return {topic for topic, _ in sorted(positive, key=lambda tv: (-tv[1], tv[0]))[:n]}


#: The sensitivity variants compared with the main ranking, and the column each reads.
VARIANTS = {"unweighted": "share", "paragraphs": "weighted_share_paragraphs", "deduplicated": "weighted_share_deduplicated"}


def _stability_records(sensitivity: list[dict[str, Any]], *, top_n: int = TOP_N) -> list[dict[str, Any]]:
    base = {r["topic"]: r["weighted_share"] for r in sensitivity}
    rows = []
    for name, column in VARIANTS.items():
        other = {r["topic"]: r[column] for r in sensitivity}
        active = [t for t in base if base[t] > 0 or other[t] > 0]
        tau = kendall_tau([base[t] for t in active], [other[t] for t in active]) if len(active) >= 2 else float("nan")
        rows.append({"variant": name, "kendall_tau": round(tau, 4) if not math.isnan(tau) else tau,
                     "top3_shared": len(_top(base, top_n) & _top(other, top_n)), "topics": len(active)})
    return rows


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
    return records_frame(_stability_records(sensitivity.to_dict("records"), top_n=top_n), STABILITY_COLUMNS)


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

    weighted_ranks = _ranks([r["weighted_share"] for r in emphasis])
    for row, rank in zip(emphasis, weighted_ranks, strict=True):
        row["rank"] = rank
    emphasis.sort(key=lambda r: (-r["weighted_share"], -r["share"], r["topic"]))

    for column, rank_column in [("weighted_share", "rank"), ("share", "rank_unweighted"),
                                ("weighted_share_paragraphs", "rank_paragraphs"),
                                ("weighted_share_deduplicated", "rank_deduplicated")]:
        for row, rank in zip(sensitivity, _ranks([r[column] for r in sensitivity]), strict=True):
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
        "headline_gap": gaps, "sensitivity": sensitivity, "stability": _stability_records(sensitivity),
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
