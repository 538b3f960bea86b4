"""Benchmark: presslens against a careful reader, on the ten hand-labelled real articles.

Reads the hand labels in ``tests/fixtures/eval/`` (definitions in that folder's README) and the
articles in ``../shared/realworld/articles/``, and prints, for the tuning half and the held-out
half of ``tests/fixtures/eval/split.yaml`` apart, Markdown tables ready for the README: precision,
recall and F1 per claim flag and per topic (with the micro average), the exact-count rate of
stakeholder mentions with the pairs that differ, and speaker accuracy
(:mod:`presslens.analysis.evaluation` computes them). Skips when the articles are absent.
Run: ``make bench`` or ``.venv/bin/python benchmarks/run.py accuracy``. With ``--extra``
(``.venv/bin/python benchmarks/bench_accuracy.py --extra``) it prints only the extra tuning set of
``tests/fixtures/eval_extra/`` (anonymous sources and speakers), never the held-out half. With
``--topics-extra`` it prints only the topic tuning set of ``tests/fixtures/eval_topics/``: precision,
recall and F1 per topic.
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

import pandas as pd

from presslens.paths import REALWORLD_DIR

ARTICLES = REALWORLD_DIR / "articles"
LABELS = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "eval"
HALVES = {"tuning": "Tuning half (rules and lexicons may be fitted to these)",
          "held_out": "Held-out half (measured only, never tuned on)"}
CORPUS = REALWORLD_DIR / "corpus"
EXTRA_LABELS = LABELS.parent / "eval_extra"
TOPICS_LABELS = LABELS.parent / "eval_topics"
TOPICS_TITLE = "Topic tuning set (Ukraine-crisis and BBC politics articles; topics only)"
EXTRA_TITLE = "Extra tuning set (BBC politics, Ukraine-crisis and scrapinghub-aeb articles; speakers and anonymous sources only)"


def _cell(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{value:.2f}" if isinstance(value, float) else str(value)


def markdown_table(table: pd.DataFrame, *, index: str) -> str:
    """A pandas table as a Markdown table, its index as the first column."""
    header = [index, *map(str, table.columns)]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for name, *values in table.itertuples(name=None):
        lines.append("| " + " | ".join([str(name), *map(_cell, values)]) + " |")
    return "\n".join(lines)


def report(evaluation, title: str) -> str:
    """The Markdown section for one half."""
    speakers = evaluation.speakers
    wrong = speakers[~speakers["correct"]]
    parts = [
        f"### {title}",
        "",
        "Articles: " + ", ".join(f"`{a}`" for a in evaluation.articles) + ".",
        "",
        "**Claim flags** (per body sentence)",
        "",
        markdown_table(evaluation.claims, index="flag"),
        "",
        "**Topics** (per body sentence)",
        "",
        markdown_table(evaluation.topics, index="topic"),
        "",
        f"**Mentions**: exact count for {evaluation.mention_pairs - len(evaluation.mentions)} of "
        f"{evaluation.mention_pairs} (article, stakeholder) pairs, rate {_cell(evaluation.mention_exact_rate)}.",
        "",
        f"**Speakers**: {int(speakers['correct'].sum())} of {len(speakers)} labelled quotations right, "
        f"accuracy {_cell(evaluation.speaker_accuracy)} ({evaluation.quotations_found} quotations found by presslens).",
    ]
    if len(evaluation.mentions):
        parts += ["", "Mention counts that differ:", "", markdown_table(evaluation.mentions.set_index("article"), index="article")]
    if len(wrong):
        parts += ["", "Speakers missed:", "",
                  markdown_table(wrong.drop(columns="correct").set_index("article"), index="article")]
    return "\n".join(parts)


def extra_report(evaluation) -> str:
    """The Markdown section for the extra tuning set: the anonymous flag and speakers only."""
    speakers = evaluation.speakers
    wrong = speakers[~speakers["correct"]]
    parts = [
        f"### {EXTRA_TITLE}",
        "",
        f"{len(evaluation.articles)} articles (tests/fixtures/eval_extra/).",
        "",
        markdown_table(evaluation.claims.loc[["anonymous"]], index="flag"),
        "",
        f"**Speakers**: {int(speakers['correct'].sum())} of {len(speakers)} labelled quotations right, "
        f"accuracy {_cell(evaluation.speaker_accuracy)} ({evaluation.quotations_found} quotations found by presslens).",
    ]
    if len(wrong):
        parts += ["", "Speakers missed:", "",
                  markdown_table(wrong.drop(columns="correct").set_index("article"), index="article")]
    return "\n".join(parts)


def topics_report(evaluation) -> str:
    """The Markdown section for the topic tuning set: precision, recall and F1 per topic."""
    return "\n".join([
        f"### {TOPICS_TITLE}",
        "",
        f"{len(evaluation.articles)} articles (tests/fixtures/eval_topics/).",
        "",
        markdown_table(evaluation.topics, index="topic"),
    ])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--half", choices=list(HALVES), action="append", help="print only this half (repeatable)")
    parser.add_argument("--extra", action="store_true",
                        help="print only the extra tuning set (tests/fixtures/eval_extra/), never the held-out half")
    parser.add_argument("--topics-extra", action="store_true",
                        help="print only the topic tuning set (tests/fixtures/eval_topics/), never the held-out half")
    args = parser.parse_args(argv)
    if args.topics_extra or args.extra:
        if not CORPUS.is_dir():
            print(f"   skipped: real-world corpus not found at {CORPUS}")
            return 0
        from presslens.analysis.engine import load_lexicons
        from presslens.analysis.evaluation import evaluate, extra_labelled_articles, topic_labelled_articles

        if args.topics_extra:
            report, items = topics_report, topic_labelled_articles(TOPICS_LABELS, CORPUS)
        else:
            report, items = extra_report, extra_labelled_articles(EXTRA_LABELS, CORPUS)
        print(report(evaluate(items, load_lexicons())), end="\n\n", flush=True)
        return 0
    if not ARTICLES.is_dir():
        print(f"   skipped: real-world articles not found at {ARTICLES}")
        return 0
    from presslens.analysis.engine import load_lexicons
    from presslens.analysis.evaluation import evaluate, labelled_articles, load_split

    lexicons = load_lexicons()
    split = load_split(LABELS / "split.yaml")
    for half in args.half or list(HALVES):
        items = labelled_articles(split[half], labels_dir=LABELS, articles_dir=ARTICLES)
        print(report(evaluate(items, lexicons), HALVES[half]), end="\n\n", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
