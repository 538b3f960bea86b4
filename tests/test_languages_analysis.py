"""Stakeholders, role check, topics and claims in German, French, Spanish, Russian and Ukrainian.

The fixtures (``tests/fixtures/languages/<lang>-*.txt``) are news articles written for presslens
about the seed's event, each hand-counted in the YAML beside it: mentions per stakeholder (through
inflection), the titles the role check must flag, and the claim flags of every body sentence.
Mentions and role flags must match exactly; claim flags are scored, and the per-language
precision and recall the README gives are checked here so that a change that moves them shows.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from presslens.analysis import analyze_article, load_lexicons
from presslens.analysis.evaluation import FIXTURE_FLAGS, score_language_fixture
from presslens.analysis.stakeholders.registry import inflected_forms, load_registry
from presslens.ingest import load_any

FIXTURES = Path(__file__).parent / "fixtures" / "languages"
LABELS = sorted(FIXTURES.glob("*-*.yaml"))
LANGUAGES = ("de", "fr", "es", "ru", "uk")

#: Claim flags on the fixtures, pooled over all four flags per language: (labelled, found, agreed).
#: The README's table ("Language") gives the same figures as precision and recall.
CLAIM_COUNTS = {
    "de": (14, 13, 13),
    "fr": (14, 16, 14),
    "es": (11, 10, 10),
    "ru": (10, 10, 10),
    "uk": (10, 10, 10),
}


@pytest.fixture(scope="module")
def lexicons():
    return load_lexicons()


def test_two_fixtures_per_language():
    for code in LANGUAGES:
        assert len([p for p in LABELS if p.name.startswith(f"{code}-")]) >= 2, code


@pytest.mark.parametrize("labels", LABELS, ids=[p.stem for p in LABELS])
def test_mentions_and_role_flags_are_exact(labels: Path, lexicons):
    score = score_language_fixture(labels, load_any(labels.with_suffix(".txt")), lexicons)
    assert [m for m in score.mentions if m[1] != m[2]] == []
    assert score.role_flags[0] == score.role_flags[1]


def test_claim_flags_per_language(lexicons):
    pooled = {code: [0, 0, 0] for code in LANGUAGES}
    for labels in LABELS:
        score = score_language_fixture(labels, load_any(labels.with_suffix(".txt")), lexicons)
        for flag in FIXTURE_FLAGS:
            for k in range(3):
                pooled[score.language][k] += score.claims[flag][k]
    assert {code: tuple(v) for code, v in pooled.items()} == CLAIM_COUNTS


def test_inflected_names_and_indeclinable_acronyms():
    registry = load_registry()
    ru = registry.for_language("ru").by_id
    uk = registry.for_language("uk").by_id
    assert {"Зеленского", "Зеленскому", "Путину", "Путиным"} <= set(ru["volodymyr_zelensky"].aliases) | set(ru["vladimir_putin"].aliases)
    assert {"Украины", "Украине"} <= set(ru["ukraine"].aliases) and {"України", "Україні"} <= set(uk["ukraine"].aliases)
    assert ru["nato"].aliases.count("НАТО") == 1 and not any(a.startswith("НАТОа") for a in ru["nato"].aliases)
    assert "США" in ru["united_states"].aliases and "СШАа" not in ru["united_states"].aliases
    assert "Selenskyjs" in registry.for_language("de").by_id["volodymyr_zelensky"].aliases
    # every word of a name goes into the same case
    assert "Владимира Путина" in inflected_forms("Владимир Путин", registry.inflection["ru"])
    assert "Владимира Путину" not in inflected_forms("Владимир Путин", registry.inflection["ru"])


def test_english_registry_is_untouched():
    registry = load_registry()
    assert registry.for_language("en") is registry and registry.for_language(None) is registry
    assert registry.for_language("it") is registry  # a language without names of its own reads as English


def test_former_title_flags_in_every_language(lexicons, tmp_path: Path):
    texts = {
        "de": "Treffen in Den Haag\n\nDer ehemalige US-Präsident Donald Trump traf am Mittwoch Wolodymyr Selenskyj in Den Haag.\n",
        "fr": "Rencontre à La Haye\n\nL'ancien président américain Donald Trump a rencontré mercredi Volodymyr Zelensky à La Haye.\n",
        "es": "Reunión en La Haya\n\nEl expresidente estadounidense Donald Trump se reunió el miércoles con Volodímir Zelenski.\n",
        "ru": "Встреча в Гааге\n\nЭкс-президент США Дональд Трамп в среду встретился с Владимиром Зеленским в Гааге.\n",
        "uk": "Зустріч у Гаазі\n\nКолишній президент США Дональд Трамп у середу зустрівся з Володимиром Зеленським у Гаазі.\n",
    }
    for code, text in texts.items():
        path = tmp_path / f"{code}.txt"
        path.write_text(text, encoding="utf-8")
        analysis = analyze_article(load_any(path, language=code), lexicons, published=__import__("datetime").date(2025, 6, 25))
        flags = analysis.stakeholders.records["role_flags"]
        assert [f["stakeholder"] for f in flags] == ["donald_trump"], code
        assert flags[0]["office"] == "President of the United States"
        named = {r["id"] for r in analysis.stakeholders.records["summary"]}
        assert {"donald_trump", "volodymyr_zelensky"} <= named, code


def test_topics_keep_their_ids(lexicons, tmp_path: Path):
    path = tmp_path / "ru.txt"
    path.write_text("Санкции\n\nЕвросоюз готовит новые санкции против России. Переговоры о прекращении огня продолжаются.\n",
                    encoding="utf-8")
    analysis = analyze_article(load_any(path, language="ru"), lexicons)
    found = {r["topic"] for r in analysis.topics.records["evidence"]}
    assert {"sanctions", "diplomacy", "peace_process"} <= found
    assert set(lexicons.topics.for_language("ru").ids) == set(lexicons.topics.ids)
