"""Accuracy against hand labels (presslens.analysis.evaluation): the harness, the labels, the held-out floors."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest
import yaml

from presslens.analysis.engine import load_lexicons
from presslens.analysis.evaluation import (
    CLAIM_FLAGS,
    ArticleLabels,
    Output,
    QuotationLabel,
    SentenceLabel,
    evaluate,
    labelled_articles,
    load_labels,
    load_split,
    score,
    segmentation_problems,
    sentence_digest,
    speaker_matches,
)
from presslens.errors import PresslensError
from presslens.ingest import ingest_text
from presslens.ingest.metadata import MetadataFields

LABELS = Path(__file__).parent / "fixtures" / "eval"
SPLIT = LABELS / "split.yaml"
TOPICS = ["diplomacy", "military_support", "sanctions", "economy_reconstruction"]

#: Floors on the held-out half (tests/fixtures/eval/split.yaml), measured on 2026-11-28 before any
#: tuning. Issue 12 asks for speaker accuracy >= 0.95, each claim flag's F1 >= 0.90, topic
#: micro-F1 >= 0.85 and every mention count exact. Where the measurement reached the target the
#: target is the floor; where it did not, the measured value rounded down is, so that a
#: regression fails. Raise a floor when presslens improves; never lower it, never move the split.
HELD_OUT_FLOORS = {
    "claims attributed F1": 0.93,  # target met (measured 0.92; 0.93 after the acc branch's lexicon work; 0.937 after the extra-set rules, floor raised to it)
    "claims anonymous F1": 0.81,  # target 0.90 (measured 0.727, then 0.762 with the issue-12 source rules, 0.818 with agentless accusations; unchanged by the second extra-set pass)
    "claims speculative F1": 0.94,  # target met (measured 0.75, then 0.947 with the added hedges; floor raised to it)
    "topics micro F1": 0.58,  # target 0.85 (measured 0.527, then 0.586 after the lexicon review on the tuning half; 0.586 again after the pass on the topic tuning set)
    "mentions exact rate": 0.90,  # target 1.0 (measured 0.90: 45 of 50; 0.88, 44 of 50, with the issue-12 mention rules; 0.90, 45 of 50, with the spk branch's proper-name and coordination rules)
    "speaker accuracy": 0.81,  # target 0.95 (measured 0.703, 26 of 37; 0.811, 30 of 37, with resolved speakers; unchanged by the extra-set rules and by the second pass on the widened extra set)
}


@pytest.fixture(scope="module")
def lexicons():
    return load_lexicons()


def label_files() -> list[Path]:
    return sorted(p for p in LABELS.glob("*.yaml") if p.name != "split.yaml")


# -- the labels -----------------------------------------------------------------------------------


def test_split_is_five_and_five_and_covers_every_label_file():
    split = load_split(SPLIT)
    assert len(split["tuning"]) == len(split["held_out"]) == 5
    assert not set(split["tuning"]) & set(split["held_out"])
    assert set(split["tuning"]) | set(split["held_out"]) == {p.stem for p in label_files()}


@pytest.mark.parametrize("path", label_files(), ids=lambda p: p.stem)
def test_label_files_are_valid_and_hold_no_article_text(path: Path, lexicons):
    labels = load_labels(path)
    assert labels.article == path.stem
    assert all(re.fullmatch(r"[0-9a-f]{10}", s.digest) for s in labels.sentences.values())
    assert all(re.fullmatch(r"[0-9a-f]{10}", q.digest) for q in labels.quotations)
    # every value is an id, a digest, a flag, a speaker's name or a count: no sentence text
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert set(raw) == {"article", "sentences", "quotations", "mentions"}
    assert all(set(entry) == {"sha1", "claims", "topics"} for entry in raw["sentences"].values())
    assert all(q["speaker"] is None or len(q["speaker"].split()) <= 4 for q in raw["quotations"])
    registry = {e.id for e in lexicons.stakeholders.stakeholders}
    assert set(labels.mentions) <= registry
    assert {q.stakeholder for q in labels.quotations} - {None} <= registry
    assert set().union(*(s.topics for s in labels.sentences.values())) <= set(lexicons.topics.ids)


@pytest.mark.realworld
@pytest.mark.parametrize("path", label_files(), ids=lambda p: p.stem)
def test_labels_match_the_current_segmentation(path: Path, realworld: Path):
    (article, labels), = labelled_articles([path.stem], labels_dir=LABELS, articles_dir=realworld / "articles")
    assert segmentation_problems(article, labels) == []


def test_load_labels_names_the_file_and_entry(tmp_path: Path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("article: x\nsentences:\n  s1: {sha1: abc, claims: [rumoured], topics: []}\nquotations: []\nmentions: {}\n")
    with pytest.raises(PresslensError, match=r"bad\.yaml: sentence s1: unknown claim flag 'rumoured'"):
        load_labels(bad)
    bad.write_text("article: x\nsentences: {}\n")
    with pytest.raises(PresslensError, match=r"bad\.yaml: labels need"):
        load_labels(bad)
    with pytest.raises(PresslensError, match=r"missing\.yaml: cannot read"):
        load_labels(tmp_path / "missing.yaml")


# -- the harness on a hand-made case --------------------------------------------------------------


def hand_made() -> tuple[ArticleLabels, Output]:
    """Three sentences, four quotations, three stakeholders; every expected number is worked out below."""
    labels = ArticleLabels(
        article="hand-made",
        sentences={
            "s1": SentenceLabel("0" * 10, frozenset({"attributed"}), frozenset({"diplomacy"})),
            "s2": SentenceLabel("1" * 10, frozenset({"attributed", "anonymous", "speculative"}),
                                frozenset({"sanctions", "economy_reconstruction"})),
            "s3": SentenceLabel("2" * 10, frozenset(), frozenset()),
        },
        quotations=[
            QuotationLabel("s1", "0" * 10, "Jane Doe", None),
            QuotationLabel("s2", "1" * 10, "Mark Esper", "mark_esper"),
            QuotationLabel("s2", "1" * 10, None, None),
            QuotationLabel("s3", "2" * 10, "John Roe", None),
        ],
        mentions={"ukraine": 2, "nato": 1},
    )
    output = Output(
        claims={"s1": frozenset({"attributed"}), "s2": frozenset({"attributed", "speculative"}),
                "s3": frozenset({"speculative"})},
        topics={"s1": frozenset({"diplomacy", "military_support"}), "s2": frozenset({"sanctions"}), "s3": frozenset()},
        quotations=[
            {"sentence": "s1", "quote_start": 5, "speaker_text": "Doe", "stakeholder": None},
            {"sentence": "s2", "quote_start": 50, "speaker_text": "he", "stakeholder": "mark_esper"},
            {"sentence": "s2", "quote_start": 80, "speaker_text": "a senior official", "stakeholder": None},
        ],
        mentions={"ukraine": 2, "russia": 1},
        names={"mark_esper": "Mark Esper"},
    )
    return labels, output


def test_harness_numbers_on_a_hand_made_case():
    result = score([hand_made()], topic_ids=TOPICS)
    claims = result.claims
    # attributed: labelled s1 s2, found s1 s2 -> 2/2/2
    assert claims.loc["attributed", ["labelled", "found", "agreed"]].tolist() == [2, 2, 2]
    assert claims.loc["attributed", "f1"] == 1.0
    # anonymous: labelled s2, found none -> recall 0, F1 0, precision undefined
    assert claims.loc["anonymous", ["labelled", "found", "agreed"]].tolist() == [1, 0, 0]
    assert claims.loc["anonymous", "recall"] == 0.0 and claims.loc["anonymous", "f1"] == 0.0
    assert math.isnan(claims.loc["anonymous", "precision"])
    # speculative: labelled s2, found s2 s3 -> precision 1/2, recall 1, F1 2/3
    assert claims.loc["speculative", "precision"] == 0.5
    assert claims.loc["speculative", "recall"] == 1.0
    assert claims.loc["speculative", "f1"] == pytest.approx(2 / 3)
    # prescriptive: nothing labelled, nothing found -> all undefined
    assert claims.loc["prescriptive", ["labelled", "found", "agreed"]].tolist() == [0, 0, 0]
    assert math.isnan(claims.loc["prescriptive", "f1"])
    assert list(claims.index) == list(CLAIM_FLAGS)
    # topics: diplomacy 1/1/1, military 0/1/0, sanctions 1/1/1, economy 1/0/0; micro 3/3/2
    topics = result.topics
    assert topics.loc["military_support", "precision"] == 0.0
    assert topics.loc["economy_reconstruction", "recall"] == 0.0
    assert topics.loc["micro", ["labelled", "found", "agreed"]].tolist() == [3, 3, 2]
    assert result.topic_micro_f1 == pytest.approx(2 / 3)
    # mentions: pairs nato, russia, ukraine; only ukraine exact
    assert result.mention_pairs == 3
    assert result.mention_exact_rate == pytest.approx(1 / 3)
    assert result.mentions[["stakeholder", "labelled", "found"]].values.tolist() == [["nato", 1, 0], ["russia", 0, 1]]
    # speakers: Doe right (surname), Esper right (linked), unnamed right, Roe's quotation not found
    assert result.speakers["correct"].tolist() == [True, True, True, False]
    assert result.speaker_accuracy == 0.75
    assert result.quotations_found == 3
    summary = result.summary()
    assert summary["claims speculative F1"] == pytest.approx(2 / 3)
    assert summary["speaker accuracy"] == 0.75


@pytest.mark.parametrize(
    ("label", "found", "right"),
    [
        (("Karoline Leavitt", None), {"speaker_text": "she", "stakeholder": None}, False),
        (("Karoline Leavitt", None), {"speaker_text": "she", "stakeholder": None, "speaker_name": "Karoline Leavitt"}, True),
        (("Mark Esper", "mark_esper"), {"speaker_text": "U.S. Defense Secretary Mark Esper", "stakeholder": None}, True),
        (("Mark Esper", None), {"speaker_text": "He", "stakeholder": "mark_esper"}, True),
        (("Mark Esper", "mark_esper"), {"speaker_text": "He", "stakeholder": "robert_gates"}, False),
        (("Kaja Kallas", None), {"speaker_text": "the EU's foreign policy chief", "stakeholder": None}, False),
        (("Omar Lamrani", None), {"speaker_text": "Stratfor", "stakeholder": None}, False),
        ((None, None), {"speaker_text": "A senior EU diplomat", "stakeholder": "european_union"}, False),
        ((None, None), {"speaker_text": "he", "stakeholder": None}, True),
        ((None, None), {"speaker_text": None, "stakeholder": None}, True),
        ((None, None), {"speaker_text": "Stratfor", "stakeholder": None}, False),
        (("Mark Esper", "mark_esper"), None, False),
    ],
)
def test_speaker_matching_rule(label, found, right):
    quotation = QuotationLabel("s1", "0" * 10, *label)
    assert speaker_matches(quotation, found, {"mark_esper": "Mark Esper", "robert_gates": "Robert Gates"}) is right


# -- the harness end to end, on a short article written for this test ----------------------------

OWN_TEXT = (
    "Talks on the border\n\n"
    "Defense Secretary Mark Esper met officials from Vietnam in Hanoi on Monday. "
    "“We will keep working with our partners in the region,” Esper said. "
    "Analysts said the visit could lead to new sanctions on shipping firms.\n"
)


def own_article():
    return ingest_text(OWN_TEXT, MetadataFields(source_path="own.txt", title="Talks on the border"))


def own_labels(article) -> ArticleLabels:
    digest = {s.id: sentence_digest(article.sentence_text(s)) for s in article.sentences}
    body = [s.id for s in article.body_sentences]
    assert len(body) == 3, [article.sentence_text(s) for s in article.body_sentences]
    first, second, third = body
    return ArticleLabels(
        article="own",
        sentences={
            first: SentenceLabel(digest[first], frozenset(), frozenset({"diplomacy"})),
            second: SentenceLabel(digest[second], frozenset({"attributed"}), frozenset({"diplomacy"})),
            third: SentenceLabel(digest[third], frozenset({"attributed", "anonymous", "speculative"}),
                                 frozenset({"sanctions"})),
        },
        quotations=[QuotationLabel(second, digest[second], "Mark Esper", "mark_esper")],
        mentions={"mark_esper": 2, "vietnam": 1},
    )


def test_evaluate_end_to_end_on_our_own_text(lexicons):
    article = own_article()
    result = evaluate([(article, own_labels(article))], lexicons)
    assert result.articles == ["own"]
    assert len(result.speakers) == 1 and result.speaker_accuracy == 1.0
    assert result.claims.loc["attributed", "labelled"] == 2
    assert result.topics.loc["micro", "labelled"] == 3
    assert 0.0 <= result.topic_micro_f1 <= 1.0


def test_evaluate_refuses_labels_whose_sentence_moved(lexicons):
    article = own_article()
    labels = own_labels(article)
    sid = next(iter(labels.sentences))
    moved = ArticleLabels(labels.article, {**labels.sentences, sid: SentenceLabel("f" * 10, frozenset(), frozenset())},
                          labels.quotations, labels.mentions)
    assert segmentation_problems(article, moved) == [f"own {sid}: text changed (segmentation moved)"]
    with pytest.raises(PresslensError, match="segmentation moved"):
        evaluate([(article, moved)], lexicons)


# -- the held-out half ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def held_out(realworld: Path, lexicons):
    names = load_split(SPLIT)["held_out"]
    return evaluate(labelled_articles(names, labels_dir=LABELS, articles_dir=realworld / "articles"), lexicons)


@pytest.mark.realworld
@pytest.mark.parametrize("figure", list(HELD_OUT_FLOORS))
def test_held_out_floors(held_out, figure: str):
    measured = held_out.summary()[figure]
    assert measured >= HELD_OUT_FLOORS[figure] - 1e-9, (figure, measured, held_out.mentions, held_out.speakers)


@pytest.mark.realworld
def test_held_out_has_no_false_prescriptive(held_out):
    # no held-out sentence is labelled prescriptive, so F1 is undefined there; a sentence
    # presslens calls prescriptive would be a false positive
    assert held_out.claims.loc["prescriptive", "labelled"] == 0
    assert held_out.claims.loc["prescriptive", "found"] == 0
