"""Accuracy against hand labels: how far presslens agrees with a careful reader, per measure.

Hand labels (``tests/fixtures/eval/<article>.yaml``, defined in that folder's README) give, for
each body sentence of an article, its claim flags and topics, and for the article its direct
quotations with their speakers and each stakeholder's mention count. This module loads them,
checks that they still name the sentences presslens segments (each sentence carries a digest of
its text), runs :func:`presslens.analysis.engine.analyze_article` and scores the output:

* **claim flags** (``attributed``, ``anonymous``, ``speculative``, ``prescriptive``) and
  **topics**: precision, recall and F1 over (sentence, flag) and (sentence, topic) pairs, pooled
  over the articles; topics also micro-averaged over all topics.
* **mentions**: the exact-count rate, the share of (article, stakeholder) pairs, over every
  stakeholder that the labels or presslens count at least once, whose count presslens gets
  exactly; the pairs it misses are listed.
* **speakers**: the share of labelled quotations whose speaker presslens gets right (the matching
  rule is in :func:`speaker_matches`); a quotation presslens does not find counts as wrong.

It scores; it never changes a rule or a lexicon, and it reads no article text into the labels.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from presslens.analysis.engine import ArticleAnalysis, Lexicons, analyze_article
from presslens.analysis.evaluation.labels import CLAIM_FLAGS, ArticleLabels, QuotationLabel, segmentation_problems
from presslens.errors import PresslensError
from presslens.model import Article

SCORE_COLUMNS = ["labelled", "found", "agreed", "precision", "recall", "f1"]
MISMATCH_COLUMNS = ["article", "stakeholder", "labelled", "found"]
SPEAKER_COLUMNS = ["article", "sentence", "labelled", "speaker_text", "stakeholder", "correct"]
#: First words of a speaker phrase that does not name anyone ("he", "a senior EU diplomat").
UNNAMED_STARTS = {"a", "an", "the", "another", "one", "some", "this", "that", "these", "those",
                  "he", "she", "it", "they", "we", "i", "his", "her", "its", "their"}


@dataclass(frozen=True)
class Output:
    """What presslens says about one article, in the labels' terms."""

    claims: dict[str, frozenset[str]]
    topics: dict[str, frozenset[str]]
    quotations: list[dict[str, Any]]
    mentions: dict[str, int]
    names: dict[str, str] = field(default_factory=dict, repr=False)


def presslens_output(analysis: ArticleAnalysis, lexicons: Lexicons) -> Output:
    """Read the claim flags, topics, quotations and mention counts out of one analysis.

    Topics are the topics whose terms the sentence holds (the topic hits, as presslens tags
    sentences); quotations are the speaker links, in text order.
    """
    body = [s.id for s in analysis.article.body_sentences]
    claims = {sid: frozenset() for sid in body}
    for row in analysis.claims.itertuples(index=False):
        claims[row.sentence] = frozenset(flag for flag, column in CLAIM_FLAGS.items() if bool(getattr(row, column)))
    topics: dict[str, set[str]] = {sid: set() for sid in body}
    for hit in analysis.topics.records["hits"]:
        if hit["sentence"] in topics:
            topics[hit["sentence"]].add(hit["topic"])
    quotations = sorted(analysis.stakeholders.records["quotations"], key=lambda q: q["quote_start"])
    mentions = {row["id"]: int(row["mentions"]) for row in analysis.stakeholders.records["summary"] if row["mentions"]}
    names = {entry.id: entry.name for entry in lexicons.stakeholders.stakeholders}
    return Output({k: frozenset(v) for k, v in claims.items()}, {k: frozenset(v) for k, v in topics.items()},
                  quotations, mentions, names)


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and value != value)


def speaker_matches(label: QuotationLabel, found: dict[str, Any] | None, names: dict[str, str]) -> bool:
    """Whether presslens's speaker for a quotation is the speaker a reader resolves.

    The rule: for a named speaker, presslens is right when the stakeholder it links is the
    labelled one, or when the speaker's surname (the last word of the labelled name) occurs as
    a word, case-sensitively, in presslens's speaker text, in the name of the stakeholder it
    links, or in a resolved name (``speaker_name``) if the quotation record carries one. "she" for
    Karoline Leavitt is wrong; "Esper" or "U.S. Defense Secretary Mark Esper" for Mark Esper is
    right. For a speaker the text does not name (label null), presslens is right when it links no
    stakeholder, resolves no name, and its speaker text is absent or not a name (it starts with
    a pronoun or determiner: "he", "a senior EU diplomat"). A quotation presslens does not find
    (``found`` None) is wrong.
    """
    if found is None:
        return False
    linked = None if _missing(found.get("stakeholder")) else str(found["stakeholder"])
    text = None if _missing(found.get("speaker_text")) else str(found["speaker_text"])
    resolved = None if _missing(found.get("speaker_name")) else str(found["speaker_name"])
    if label.speaker is None:
        if linked is not None or resolved is not None:
            return False
        return text is None or text.split()[0].lower() in UNNAMED_STARTS or text == text.lower()
    if label.stakeholder is not None and linked == label.stakeholder:
        return True
    surname = re.compile(rf"(?<![\w]){re.escape(label.speaker.split()[-1])}(?![\w])")
    candidates = [text, names.get(linked) if linked else None, resolved]
    return any(c is not None and surname.search(c) for c in candidates)


def prf(labelled: int, found: int, agreed: int) -> dict[str, float]:
    return {
        "labelled": labelled, "found": found, "agreed": agreed,
        "precision": agreed / found if found else float("nan"),
        "recall": agreed / labelled if labelled else float("nan"),
        "f1": 2 * agreed / (labelled + found) if labelled + found else float("nan"),
    }


def _pair_table(pairs: Sequence[tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]],
                categories: Sequence[str]) -> pd.DataFrame:
    rows = {}
    for category in categories:
        labelled = found = agreed = 0
        for expected, got in pairs:
            for sid, names in expected.items():
                want, have = category in names, category in got.get(sid, frozenset())
                labelled += want
                found += have
                agreed += want and have
        rows[category] = prf(labelled, found, agreed)
    return pd.DataFrame.from_dict(rows, orient="index", columns=SCORE_COLUMNS)


@dataclass(frozen=True)
class Evaluation:
    """The scores of presslens against the labels of a set of articles.

    Attributes:
        articles: The articles scored, by name.
        claims: One row per claim flag: ``labelled``, ``found``, ``agreed``, ``precision``,
            ``recall``, ``f1`` (NaN where undefined: no labels and nothing found).
        topics: One row per topic and a last row ``micro`` pooling every topic.
        mentions: One row per (article, stakeholder) pair whose count differs.
        mention_pairs: How many (article, stakeholder) pairs were compared.
        speakers: One row per labelled quotation with ``correct``.
        quotations_found: How many quotations presslens found in these articles.
    """

    articles: list[str]
    claims: pd.DataFrame
    topics: pd.DataFrame
    mentions: pd.DataFrame
    mention_pairs: int
    speakers: pd.DataFrame
    quotations_found: int

    @property
    def mention_exact_rate(self) -> float:
        """Share of (article, stakeholder) pairs whose mention count presslens gets exactly."""
        return 1 - len(self.mentions) / self.mention_pairs if self.mention_pairs else float("nan")

    @property
    def speaker_accuracy(self) -> float:
        """Share of labelled quotations whose speaker presslens gets right."""
        return float(self.speakers["correct"].mean()) if len(self.speakers) else float("nan")

    @property
    def topic_micro_f1(self) -> float:
        """F1 over all (sentence, topic) pairs."""
        return float(self.topics.loc["micro", "f1"])

    def summary(self) -> dict[str, float]:
        """The headline figures: F1 per claim flag, topic micro-F1, exact mentions, speakers."""
        figures = {f"claims {flag} F1": float(self.claims.loc[flag, "f1"]) for flag in self.claims.index}
        figures["topics micro F1"] = self.topic_micro_f1
        figures["mentions exact rate"] = self.mention_exact_rate
        figures["speaker accuracy"] = self.speaker_accuracy
        return figures


def evaluate(items: Iterable[tuple[Article, ArticleLabels]], lexicons: Lexicons, *,
             topic_ids: Sequence[str] | None = None) -> Evaluation:
    """Analyse each labelled article and score presslens against its labels.

    Args:
        items: Each article with its labels.
        lexicons: The lexicons to analyse with (:func:`presslens.analysis.engine.load_lexicons`).
        topic_ids: The topics to score, in order; the taxonomy's topics when None.

    Raises:
        PresslensError: When labels no longer fit their article's segmentation.
    """
    outputs = []
    for article, labels in items:
        problems = segmentation_problems(article, labels)
        if problems:
            raise PresslensError(labels.path or labels.article, problems[0])
        outputs.append((labels, presslens_output(analyze_article(article, lexicons), lexicons)))
    return score(outputs, topic_ids=list(topic_ids or lexicons.topics.ids))


def score(items: Iterable[tuple[ArticleLabels, Output]], *, topic_ids: Sequence[str]) -> Evaluation:
    """Compare presslens's output with the labels, article by article, and pool the counts.

    Args:
        items: Each article's labels with what presslens says about it.
        topic_ids: The topics to score, in order.
    """
    claim_pairs, topic_pairs, mismatches, speakers = [], [], [], []
    names, pairs, found_quotes = [], 0, 0
    for labels, out in items:
        names.append(labels.article)
        claim_pairs.append(({s: l.claims for s, l in labels.sentences.items()}, out.claims))
        topic_pairs.append(({s: l.topics for s, l in labels.sentences.items()}, out.topics))
        for stakeholder in sorted(set(labels.mentions) | set(out.mentions)):
            pairs += 1
            want, have = labels.mentions.get(stakeholder, 0), out.mentions.get(stakeholder, 0)
            if want != have:
                mismatches.append({"article": labels.article, "stakeholder": stakeholder, "labelled": want, "found": have})
        found_quotes += len(out.quotations)
        by_sentence: dict[str, list[dict[str, Any]]] = {}
        for quote in out.quotations:
            by_sentence.setdefault(quote["sentence"], []).append(quote)
        seen: dict[str, int] = {}
        for label in labels.quotations:
            # the k-th labelled quotation of a sentence is matched with the k-th one presslens found there
            k = seen.get(label.sentence, 0)
            seen[label.sentence] = k + 1
            candidates = by_sentence.get(label.sentence, [])
            found = candidates[k] if k < len(candidates) else None
            speakers.append({
                "article": labels.article, "sentence": label.sentence, "labelled": label.speaker,
                "speaker_text": None if found is None else found.get("speaker_text"),
                "stakeholder": None if found is None else found.get("stakeholder"),
                "correct": speaker_matches(label, found, out.names),
            })
    topics = _pair_table(topic_pairs, topic_ids)
    micro = topics[["labelled", "found", "agreed"]].sum()
    topics.loc["micro"] = prf(int(micro["labelled"]), int(micro["found"]), int(micro["agreed"]))
    return Evaluation(
        articles=names,
        claims=_as_counts(_pair_table(claim_pairs, list(CLAIM_FLAGS))),
        topics=_as_counts(topics),
        mentions=pd.DataFrame(mismatches, columns=MISMATCH_COLUMNS),
        mention_pairs=pairs,
        speakers=pd.DataFrame(speakers, columns=SPEAKER_COLUMNS),
        quotations_found=found_quotes,
    )


def _as_counts(table: pd.DataFrame) -> pd.DataFrame:
    return table.astype({"labelled": int, "found": int, "agreed": int})
