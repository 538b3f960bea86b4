"""The hand-counted fixtures of other languages (``tests/fixtures/languages/``): claim flags per sentence, scored."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from presslens.analysis.engine import Lexicons, analyze_article
from presslens.analysis.evaluation.labels import CLAIM_FLAGS, label_error
from presslens.model import Article

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
        raise label_error(labels_path, f"the article reads as {article.metadata.language!r}, the labels say {labels['language']!r}")
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
        raise label_error(labels_path, f"labels {len(entries)} body sentences, presslens finds {len(profiles)}")
    counts = {flag: [0, 0, 0] for flag in FIXTURE_FLAGS}
    for entry, row in zip(entries, profiles, strict=True):
        if not str(row["text"]).startswith(entry["start"]):
            raise label_error(labels_path, f"sentence {row['sentence']} starts {str(row['text'])[:30]!r}, not {entry['start']!r}")
        for flag in FIXTURE_FLAGS:
            expected, found = flag in entry["flags"], bool(row[CLAIM_FLAGS[flag]])
            counts[flag][0] += expected
            counts[flag][1] += found
            counts[flag][2] += expected and found
    return FixtureScore(labels["language"], mentions, (expected_flags, found_flags),
                        {flag: (c[0], c[1], c[2]) for flag, c in counts.items()})
