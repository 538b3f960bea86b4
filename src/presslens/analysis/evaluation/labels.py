"""Hand labels for the accuracy evaluation: their files, checked, and the articles they describe.

Four sets of labels, each defined in its folder's README: the ten evaluation articles
(``tests/fixtures/eval/``, split into a tuning and a held-out half by ``split.yaml``), the extra
tuning set for speakers and anonymous sources (``eval_extra/``) and the topic tuning set
(``eval_topics/``). A sentence is named by its id and a digest of its text, so
:func:`segmentation_problems` can tell when the segmentation moved. No article text is stored.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

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


def label_error(path: Path, problem: str) -> PresslensError:
    return PresslensError(path, problem)


def name_set(value: Any, path: Path, where: str) -> frozenset[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise label_error(path, f"{where} must be a list of names")
    return frozenset(value)


def read_label_file(path: Path, required: set[str], missing: str) -> dict[str, Any]:
    """A label file's YAML mapping, with the keys ``required`` (else ``missing`` is the error)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise label_error(path, f"cannot read labels ({exc.__class__.__name__})") from None
    if not isinstance(data, dict) or not required <= set(data):
        raise label_error(path, missing)
    return data


def quotation_labels(entries: list[Any] | None, sentences: dict[str, SentenceLabel], path: Path) -> list[QuotationLabel]:
    """The ``quotations`` of a label file, each in a labelled sentence."""
    quotations = []
    for n, entry in enumerate(entries or []):
        if not isinstance(entry, dict) or entry.get("sentence") not in sentences:
            raise label_error(path, f"quotation {n + 1}: needs the id of a labelled sentence")
        quotations.append(QuotationLabel(entry["sentence"], str(entry.get("sha1")), entry.get("speaker"), entry.get("stakeholder")))
    return quotations


def load_labels(path: Path) -> ArticleLabels:
    """Read and validate one label file.

    Args:
        path: A YAML file with ``article``, ``sentences``, ``quotations`` and ``mentions``.

    Raises:
        PresslensError: Naming the file and the entry that is malformed.
    """
    data = read_label_file(path, {"article", "sentences", "quotations", "mentions"},
                        "labels need article, sentences, quotations and mentions")
    sentences: dict[str, SentenceLabel] = {}
    for sid, entry in (data["sentences"] or {}).items():
        if not isinstance(entry, dict) or not isinstance(entry.get("sha1"), str):
            raise label_error(path, f"sentence {sid}: needs sha1, claims and topics")
        claims = name_set(entry.get("claims"), path, f"sentence {sid} claims")
        if claims - set(CLAIM_FLAGS):
            raise label_error(path, f"sentence {sid}: unknown claim flag {sorted(claims - set(CLAIM_FLAGS))[0]!r}")
        if "anonymous" in claims and "attributed" not in claims:
            raise label_error(path, f"sentence {sid}: anonymous without attributed")
        sentences[sid] = SentenceLabel(entry["sha1"], claims, name_set(entry.get("topics"), path, f"sentence {sid} topics"))
    quotations = quotation_labels(data["quotations"], sentences, path)
    mentions = data["mentions"] or {}
    if not all(isinstance(v, int) and v > 0 for v in mentions.values()):
        raise label_error(path, "mentions must map stakeholder ids to positive counts")
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


def load_split(path: Path) -> dict[str, list[str]]:
    """The ``tuning`` and ``held_out`` article names of a split file.

    Raises:
        PresslensError: When the file lacks a half or names an article twice.
    """
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise label_error(path, f"cannot read the split ({exc.__class__.__name__})") from None
    if not isinstance(data, dict) or not all(isinstance(data.get(h), list) for h in ("tuning", "held_out")):
        raise label_error(path, "the split needs lists tuning and held_out")
    if set(data["tuning"]) & set(data["held_out"]):
        raise label_error(path, "an article is in both halves")
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
    data = read_label_file(path, {"article", "source", "sentences", "quotations"},
                        "extra labels need article, source, sentences and quotations")
    sentences: dict[str, SentenceLabel] = {}
    for sid, entry in (data["sentences"] or {}).items():
        if not isinstance(entry, dict) or not isinstance(entry.get("sha1"), str) or not isinstance(entry.get("anonymous"), bool):
            raise label_error(path, f"sentence {sid}: needs sha1 and anonymous (true or false)")
        sentences[sid] = SentenceLabel(entry["sha1"], frozenset({"anonymous"} if entry["anonymous"] else ()), frozenset())
    quotations = quotation_labels(data["quotations"], sentences, path)
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
    data = read_label_file(path, {"article", "source", "sentences"}, "topic labels need article, source and sentences")
    sentences: dict[str, SentenceLabel] = {}
    for sid, entry in (data["sentences"] or {}).items():
        if not isinstance(entry, dict) or not isinstance(entry.get("sha1"), str):
            raise label_error(path, f"sentence {sid}: needs sha1 and topics")
        sentences[sid] = SentenceLabel(entry["sha1"], frozenset(), name_set(entry.get("topics"), path, f"sentence {sid} topics"))
    return str(data["source"]), ArticleLabels(str(data["article"]), sentences, [], {}, path)


def topic_labelled_articles(labels_dir: Path, corpus_dir: Path) -> list[tuple[Article, ArticleLabels]]:
    """Every article of the topic tuning set with its labels, in file-name order."""
    items = []
    for path in sorted(labels_dir.glob("*.yaml")):
        source, labels = load_topic_labels(path)
        items.append((load_extra_article(source, corpus_dir), labels))
    return items
