"""Accuracy against hand labels: the label files (:mod:`.labels`), the scores (:mod:`.scores`) and the
other languages' fixtures (:mod:`.languages`).

Everything the tests and ``benchmarks/bench_accuracy.py`` use is importable from here.
"""

from presslens.analysis.evaluation.labels import (
    CLAIM_FLAGS,
    DIGEST_LENGTH,
    ArticleLabels,
    QuotationLabel,
    SentenceLabel,
    extra_labelled_articles,
    labelled_articles,
    load_extra_article,
    load_extra_labels,
    load_labels,
    load_split,
    load_topic_labels,
    segmentation_problems,
    sentence_digest,
    topic_labelled_articles,
)
from presslens.analysis.evaluation.languages import FIXTURE_FLAGS, FixtureScore, score_language_fixture
from presslens.analysis.evaluation.scores import (
    MISMATCH_COLUMNS,
    SCORE_COLUMNS,
    SPEAKER_COLUMNS,
    Evaluation,
    Output,
    evaluate,
    presslens_output,
    score,
    speaker_matches,
)

__all__ = [
    "CLAIM_FLAGS", "DIGEST_LENGTH", "FIXTURE_FLAGS", "MISMATCH_COLUMNS", "SCORE_COLUMNS", "SPEAKER_COLUMNS",
    "ArticleLabels", "Evaluation", "FixtureScore", "Output", "QuotationLabel", "SentenceLabel", "evaluate",
    "extra_labelled_articles", "labelled_articles", "load_extra_article", "load_extra_labels", "load_labels",
    "load_split", "load_topic_labels", "presslens_output", "score", "score_language_fixture",
    "segmentation_problems", "sentence_digest", "speaker_matches", "topic_labelled_articles",
]
