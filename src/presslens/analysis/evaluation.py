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

import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from presslens.analysis.engine import ArticleAnalysis, Lexicons, analyze_article
from presslens.errors import PresslensError
from presslens.model import Article

#: Claim flags as the labels name them, and the claim-profile column each one is read from.
CLAIM_FLAGS = {
    "attributed": "attributed",
    "anonymous": "anonymous_source",
    "speculative": "speculative",
    "prescriptive": "prescriptive",
}
#: Hex digits of the SHA-1 that name a sentence's text in the labels.
DIGEST_LENGTH = 10
SCORE_COLUMNS = ["labelled", "found", "agreed", "precision", "recall", "f1"]
MISMATCH_COLUMNS = ["article", "stakeholder", "labelled", "found"]
SPEAKER_COLUMNS = ["article", "sentence", "labelled", "speaker_text", "stakeholder", "correct"]
#: First words of a speaker phrase that does not name anyone ("he", "a senior EU diplomat").
UNNAMED_STARTS = {"a", "an", "the", "another", "one", "some", "this", "that", "these", "those",
                  "he", "she", "it", "they", "we", "i", "his", "her", "its", "their"}


def sentence_digest(text: str) -> str:
    """The first :data:`DIGEST_LENGTH` hex digits of the SHA-1 of ``text`` (UTF-8)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:DIGEST_LENGTH]


@dataclass(frozen=True)
class SentenceLabel:
    """A reader's labels for one body sentence."""

    digest: str
    claims: frozenset[str]
    topics: frozenset[str]


@dataclass(frozen=True)
class QuotationLabel:
    """One direct quotation: the sentence it starts in and the speaker a reader resolves."""

    sentence: str
    digest: str
    speaker: str | None
    stakeholder: str | None


@dataclass(frozen=True)
class ArticleLabels:
    """The hand labels of one article (one YAML file)."""

    article: str
    sentences: dict[str, SentenceLabel]
    quotations: list[QuotationLabel]
    mentions: dict[str, int]
    path: Path | None = None


def _fail(path: Path, problem: str) -> PresslensError:
    return PresslensError(path, problem)


def _names(value: Any, path: Path, where: str) -> frozenset[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _fail(path, f"{where} must be a list of names")
    return frozenset(value)


def _read_labels(path: Path, required: set[str], missing: str) -> dict[str, Any]:
    """A label file's YAML mapping, with the keys ``required`` (else ``missing`` is the error)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise _fail(path, f"cannot read labels ({exc.__class__.__name__})") from None
    if not isinstance(data, dict) or not required <= set(data):
        raise _fail(path, missing)
    return data


def _quotation_labels(entries: list[Any] | None, sentences: dict[str, SentenceLabel], path: Path) -> list[QuotationLabel]:
    """The ``quotations`` of a label file, each in a labelled sentence."""
    quotations = []
    for n, entry in enumerate(entries or []):
        if not isinstance(entry, dict) or entry.get("sentence") not in sentences:
            raise _fail(path, f"quotation {n + 1}: needs the id of a labelled sentence")
        quotations.append(QuotationLabel(entry["sentence"], str(entry.get("sha1")), entry.get("speaker"), entry.get("stakeholder")))
    return quotations


def load_labels(path: Path) -> ArticleLabels:
    """Read and validate one label file.

    Args:
        path: A YAML file with ``article``, ``sentences``, ``quotations`` and ``mentions``.

    Raises:
        PresslensError: Naming the file and the entry that is malformed.
    """
    data = _read_labels(path, {"article", "sentences", "quotations", "mentions"},
                        "labels need article, sentences, quotations and mentions")
    sentences: dict[str, SentenceLabel] = {}
    for sid, entry in (data["sentences"] or {}).items():
        if not isinstance(entry, dict) or not isinstance(entry.get("sha1"), str):
            raise _fail(path, f"sentence {sid}: needs sha1, claims and topics")
        claims = _names(entry.get("claims"), path, f"sentence {sid} claims")
        if claims - set(CLAIM_FLAGS):
            raise _fail(path, f"sentence {sid}: unknown claim flag {sorted(claims - set(CLAIM_FLAGS))[0]!r}")
        if "anonymous" in claims and "attributed" not in claims:
            raise _fail(path, f"sentence {sid}: anonymous without attributed")
        sentences[sid] = SentenceLabel(entry["sha1"], claims, _names(entry.get("topics"), path, f"sentence {sid} topics"))
    quotations = _quotation_labels(data["quotations"], sentences, path)
    mentions = data["mentions"] or {}
    if not all(isinstance(v, int) and v > 0 for v in mentions.values()):
        raise _fail(path, "mentions must map stakeholder ids to positive counts")
    return ArticleLabels(str(data["article"]), sentences, quotations, dict(mentions), path)


def segmentation_problems(article: Article, labels: ArticleLabels) -> list[str]:
    """Where the labels no longer fit the article's sentences (empty when they fit).

    Every body sentence must be labelled, no other sentence may be, and each label's digest
    must be the digest of its sentence's text.
    """
    problems = []
    body = [s.id for s in article.body_sentences]
    if set(body) != set(labels.sentences):
        problems.append(f"{labels.article}: labelled sentences {sorted(set(labels.sentences) ^ set(body))} "
                        "differ from the body sentences")
    for sid, label in labels.sentences.items():
        if sid in article.by_id and sentence_digest(article.sentence_text(sid)) != label.digest:
            problems.append(f"{labels.article} {sid}: text changed (segmentation moved)")
    for quote in labels.quotations:
        if quote.sentence in article.by_id and sentence_digest(article.sentence_text(quote.sentence)) != quote.digest:
            problems.append(f"{labels.article} quotation in {quote.sentence}: text changed")
    return problems


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


def _score(labelled: int, found: int, agreed: int) -> dict[str, float]:
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
        rows[category] = _score(labelled, found, agreed)
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
    topics.loc["micro"] = _score(int(micro["labelled"]), int(micro["found"]), int(micro["agreed"]))
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


def load_split(path: Path) -> dict[str, list[str]]:
    """The ``tuning`` and ``held_out`` article names of a split file.

    Raises:
        PresslensError: When the file lacks a half or names an article twice.
    """
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise _fail(path, f"cannot read the split ({exc.__class__.__name__})") from None
    if not isinstance(data, dict) or not all(isinstance(data.get(h), list) for h in ("tuning", "held_out")):
        raise _fail(path, "the split needs lists tuning and held_out")
    if set(data["tuning"]) & set(data["held_out"]):
        raise _fail(path, "an article is in both halves")
    return {"tuning": list(data["tuning"]), "held_out": list(data["held_out"])}


def labelled_articles(names: Iterable[str], *, labels_dir: Path, articles_dir: Path) -> list[tuple[Article, ArticleLabels]]:
    """Load each named article (``articles_dir/<name>.txt``) with its labels (``labels_dir/<name>.yaml``)."""
    from presslens.ingest import load_any

    return [(load_any(articles_dir / f"{name}.txt"), load_labels(labels_dir / f"{name}.yaml")) for name in names]


# -- the extra tuning set (tests/fixtures/eval_extra): speakers and anonymous sources only ---------


def load_extra_labels(path: Path) -> tuple[str, ArticleLabels]:
    """Read one label file of the extra tuning set: where its article is, and its labels.

    The file names its article by ``source``, a path under the real-world corpus folder
    (``bbc/politics/018.txt``) or a JSON Lines file and record id
    (``ukraine_crisis_2014_news_bias.jsonl#article_22``); each body sentence has ``sha1`` and
    ``anonymous`` (true or false), and ``quotations`` are as in :func:`load_labels`. The labels
    come back as :class:`ArticleLabels` whose claim flags are ``anonymous`` or none, with no
    topics and no mentions: only speakers and the anonymous flag are labelled.

    Raises:
        PresslensError: Naming the file and the entry that is malformed.
    """
    data = _read_labels(path, {"article", "source", "sentences", "quotations"},
                        "extra labels need article, source, sentences and quotations")
    sentences: dict[str, SentenceLabel] = {}
    for sid, entry in (data["sentences"] or {}).items():
        if not isinstance(entry, dict) or not isinstance(entry.get("sha1"), str) or not isinstance(entry.get("anonymous"), bool):
            raise _fail(path, f"sentence {sid}: needs sha1 and anonymous (true or false)")
        sentences[sid] = SentenceLabel(entry["sha1"], frozenset({"anonymous"} if entry["anonymous"] else ()), frozenset())
    quotations = _quotation_labels(data["quotations"], sentences, path)
    return str(data["source"]), ArticleLabels(str(data["article"]), sentences, quotations, {}, path)


def load_extra_article(source: str, corpus_dir: Path) -> Article:
    """The article an extra label file names by ``source`` (see :func:`load_extra_labels`).

    A JSON Lines record (``file.jsonl#id``, with ``headline`` and ``text``) is ingested as its
    headline, a blank line and its text; an entry of a JSON object keyed by id
    (``../html_bench/scrapinghub-aeb/ground-truth.json#<id>``, with ``url`` and ``articleBody``,
    which has no headline) as its body alone, with its URL for title; any other
    source is a file ingested as it is.

    Raises:
        PresslensError: When the JSON Lines or JSON file has no record with that id.
    """
    from presslens.ingest import ingest_text, load_any
    from presslens.ingest.metadata import MetadataFields

    if "#" not in source:
        return load_any(corpus_dir / source)
    name, record_id = source.split("#", 1)
    path = corpus_dir / name
    if path.suffix == ".json":
        entry = json.loads(path.read_text(encoding="utf-8")).get(record_id)
        if entry is None:
            raise PresslensError(path, f"no record with id {record_id!r}")
        return ingest_text(entry["articleBody"],
                           MetadataFields(source_path=source, title=entry["url"], url=entry["url"]))
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record.get("id") == record_id:
                return ingest_text(f"{record['headline']}\n\n{record['text']}",
                                   MetadataFields(source_path=source, title=record["headline"]))
    raise PresslensError(path, f"no record with id {record_id!r}")


def extra_labelled_articles(labels_dir: Path, corpus_dir: Path) -> list[tuple[Article, ArticleLabels]]:
    """Every article of the extra tuning set with its labels, in file-name order."""
    items = []
    for path in sorted(labels_dir.glob("*.yaml")):
        source, labels = load_extra_labels(path)
        items.append((load_extra_article(source, corpus_dir), labels))
    return items


# -- the hand-counted fixtures of other languages (tests/fixtures/languages) -------------------------

#: The claim flags the language fixtures label, a subset of :data:`CLAIM_FLAGS`.
FIXTURE_FLAGS = ("attributed", "anonymous", "speculative", "prescriptive")


@dataclass(frozen=True)
class FixtureScore:
    """How presslens agrees with one hand-counted language fixture.

    Attributes:
        language: The fixture's language code.
        mentions: (stakeholder, expected, found) for every stakeholder either side counts.
        role_flags: (expected, found) lists of (stakeholder, title) pairs.
        claims: Per flag, (expected, found, agreed) counts of sentences.
    """

    language: str
    mentions: list[tuple[str, int, int]]
    role_flags: tuple[list[tuple[str, str]], list[tuple[str, str]]]
    claims: dict[str, tuple[int, int, int]]

    @property
    def mentions_exact(self) -> bool:
        """Whether every stakeholder's count is exactly the hand count."""
        return all(expected == found for _, expected, found in self.mentions)


def score_language_fixture(labels_path: Path, article: Article, lexicons: Lexicons) -> FixtureScore:
    """Score presslens on one language fixture: mention counts, role flags and claim flags per sentence.

    Args:
        labels_path: The fixture's YAML (``language``, ``published``, ``mentions``,
            ``role_flags``, ``claims``: one entry per body sentence with the words it
            ``start``s with and its ``flags``).
        article: The fixture's article, loaded.
        lexicons: The lexicons to analyse it with.

    Raises:
        PresslensError: When the labels name a sentence the article does not have, or miss one.
    """
    labels = yaml.safe_load(labels_path.read_text(encoding="utf-8"))
    if article.metadata.language != labels["language"]:
        raise _fail(labels_path, f"the article reads as {article.metadata.language!r}, the labels say {labels['language']!r}")
    analysis = analyze_article(article, lexicons, published=labels["published"])
    found_mentions: dict[str, int] = {r["id"]: int(r["mentions"]) for r in analysis.stakeholders.records["summary"]}
    expected_mentions: dict[str, int] = dict(labels.get("mentions") or {})
    mentions = [(sid, expected_mentions.get(sid, 0), found_mentions.get(sid, 0))
                for sid in sorted(expected_mentions.keys() | found_mentions.keys())]
    expected_flags = [(f["stakeholder"], f["title"]) for f in labels.get("role_flags") or []]
    found_flags = [(f["stakeholder"], " ".join(f["title"].split())) for f in analysis.stakeholders.records["role_flags"]]
    profiles = analysis.claim_analysis.records["profiles"]
    entries = labels.get("claims") or []
    if len(entries) != len(profiles):
        raise _fail(labels_path, f"labels {len(entries)} body sentences, presslens finds {len(profiles)}")
    counts = {flag: [0, 0, 0] for flag in FIXTURE_FLAGS}
    for entry, row in zip(entries, profiles, strict=True):
        if not str(row["text"]).startswith(entry["start"]):
            raise _fail(labels_path, f"sentence {row['sentence']} starts {str(row['text'])[:30]!r}, not {entry['start']!r}")
        for flag in FIXTURE_FLAGS:
            expected, found = flag in entry["flags"], bool(row[CLAIM_FLAGS[flag]])
            counts[flag][0] += expected
            counts[flag][1] += found
            counts[flag][2] += expected and found
    return FixtureScore(labels["language"], mentions, (expected_flags, found_flags),
                        {flag: (c[0], c[1], c[2]) for flag, c in counts.items()})


# -- the topic tuning set (tests/fixtures/eval_topics): topics only ------------------------------------


def load_topic_labels(path: Path) -> tuple[str, ArticleLabels]:
    """Read one label file of the topic tuning set: where its article is, and its labels.

    The file names its article by ``source`` as :func:`load_extra_labels` does; each body
    sentence has ``sha1`` and ``topics`` (a list of topic ids, possibly empty). The labels come
    back as :class:`ArticleLabels` with no claim flags, quotations or mentions: only topics are
    labelled.

    Raises:
        PresslensError: Naming the file and the entry that is malformed.
    """
    data = _read_labels(path, {"article", "source", "sentences"}, "topic labels need article, source and sentences")
    sentences: dict[str, SentenceLabel] = {}
    for sid, entry in (data["sentences"] or {}).items():
        if not isinstance(entry, dict) or not isinstance(entry.get("sha1"), str):
            raise _fail(path, f"sentence {sid}: needs sha1 and topics")
        sentences[sid] = SentenceLabel(entry["sha1"], frozenset(), _names(entry.get("topics"), path, f"sentence {sid} topics"))
    return str(data["source"]), ArticleLabels(str(data["article"]), sentences, [], {}, path)


def topic_labelled_articles(labels_dir: Path, corpus_dir: Path) -> list[tuple[Article, ArticleLabels]]:
    """Every article of the topic tuning set with its labels, in file-name order."""
    items = []
    for path in sorted(labels_dir.glob("*.yaml")):
        source, labels = load_topic_labels(path)
        items.append((load_extra_article(source, corpus_dir), labels))
    return items
