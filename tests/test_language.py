"""The article's language: codes, where it comes from, detection accuracy, and unanalysed languages.

Detection is measured on ``fixtures/languages/detection.yaml``: 24 short news-style texts
written for presslens, four in each of English, German, French, Spanish, Ukrainian and
Russian, a headline-length one among them. ``benchmarks/bench_language.py`` prints the same
accuracy for shorter cuts of them and the detector's speed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from presslens.cli import main
from presslens.ingest import ingest_file, load_any
from presslens.ingest.language import detect_language
from presslens.languages import ANALYSED_LANGUAGES, language_code, unanalysed_language_note

FIXTURES = Path(__file__).parent / "fixtures" / "languages"
DETECTION = yaml.safe_load((FIXTURES / "detection.yaml").read_text(encoding="utf-8"))["texts"]

UKRAINIAN = (
    "Переговори в Гаазі\n\nЛідери зустрілися в середу в Гаазі, щоб обговорити протиповітряну оборону. "
    "За словами джерела, зустріч була конструктивною.\n\nРечник повідомив, що нові переговори заплановані на наступний місяць.\n"
)


@pytest.mark.parametrize(
    ("tag", "code"),
    [("en", "en"), ("en-GB", "en"), ("EN", "en"), ("de_DE", "de"), ("fra", "fr"), ("ukr", "uk"),
     ("pt-BR", "pt"), (" ru ", "ru"), ("x-default", None), ("english", None), ("", None), (None, None), ("tlh", None)],
)
def test_language_code(tag: str | None, code: str | None):
    assert language_code(tag) == code


def test_detection_on_the_fixtures(capsys: pytest.CaptureFixture[str]):
    wrong = [(case["language"], detect_language(case["text"]), case["text"][:40]) for case in DETECTION
             if detect_language(case["text"]) != case["language"]]
    with capsys.disabled():
        print(f"\nlanguage detection: {len(DETECTION) - len(wrong)}/{len(DETECTION)} right; wrong: {wrong}")
    assert {case["language"] for case in DETECTION} == {"en", "de", "fr", "es", "uk", "ru"}
    assert not wrong


def test_detection_needs_letters():
    assert detect_language("2024 — 12:30, 5 %") is None


def test_declared_language_wins_over_detection_and_option_over_both(tmp_path: Path):
    record = tmp_path / "record.json"
    # the text is Ukrainian; the record says Russian: the record is believed
    record.write_text(json.dumps({"title": "Переговори", "text": UKRAINIAN, "language": "ru-RU"}, ensure_ascii=False), encoding="utf-8")
    assert ingest_file(record)[0].metadata.language == "ru"
    assert ingest_file(record, language="uk")[0].metadata.language == "uk"
    plain = tmp_path / "article.txt"
    plain.write_text(UKRAINIAN, encoding="utf-8")
    assert load_any(plain).metadata.language == "uk"
    page = tmp_path / "page.html"
    body = "".join(f"<p>{p}</p>" for p in UKRAINIAN.split("\n\n")[1:] * 3)
    page.write_text(f'<html lang="de-AT"><head><title>Test</title></head><body><article><h1>Переговори</h1>{body}</article></body></html>',
                    encoding="utf-8")
    assert load_any(page).metadata.language == "de"
    front_matter = tmp_path / "article.md"
    front_matter.write_text(f"---\nlanguage: fr\n---\n# Переговори\n\n{UKRAINIAN}", encoding="utf-8")
    assert load_any(front_matter).metadata.language == "fr"


def test_language_chooses_the_sentence_rules(tmp_path: Path):
    text = "Die Gespräche, z. B. über Luftabwehr, dauerten bis zum 12. Juni. Dann reiste er ab.\n"
    path = tmp_path / "bericht.txt"
    path.write_text(f"Gespräche in Den Haag\n\n{text}", encoding="utf-8")
    german = load_any(path)
    assert german.metadata.language == "de"
    assert [german.sentence_text(s) for s in german.body_sentences] == [
        "Die Gespräche, z. B. über Luftabwehr, dauerten bis zum 12. Juni.", "Dann reiste er ab."]
    as_english = load_any(path, language="en")
    assert len(as_english.body_sentences) > 2  # the English rules know neither "z. B." nor "12. Juni"


POLISH = "Spotkanie w Hadze\n\nPrezydent Ukrainy spotkał się w Hadze z prezydentem USA. Rozmowy trwały godzinę. Potem wrócił do Kijowa.\n"


def test_analyze_an_unanalysed_language(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    path = tmp_path / "pl.txt"
    path.write_text(POLISH, encoding="utf-8")
    assert main(["analyze", str(path), "--json"]) == 0
    captured = capsys.readouterr()
    result = json.loads(captured.out)
    assert result["article"]["language"] == "pl" and result["article"]["sentences"] == 3
    assert set(result["skipped"]) >= {"topics", "stakeholders", "claims", "role_check"}
    assert "topics" not in result
    assert "in pl (pl)" in captured.err and "skipped" in captured.err
    assert main(["analyze", str(path)]) == 0
    captured = capsys.readouterr()
    assert "3 body sentences" in captured.out and "skipped (no lexicons for it)" in captured.out


def test_analyze_english_has_no_note(seed_path: Path, capsys: pytest.CaptureFixture[str]):
    assert main(["analyze", str(seed_path), "--json"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["article"]["language"] == "en"
    assert "note" not in captured.err


def test_language_option_is_checked(capsys: pytest.CaptureFixture[str]):
    with pytest.raises(SystemExit):
        main(["analyze", "--language", "english"])
    assert "is not a language code" in capsys.readouterr().err


def test_note_names_the_language():
    assert unanalysed_language_note("en") is None and "en" in ANALYSED_LANGUAGES
    assert {"de", "fr", "es", "uk", "ru"} <= ANALYSED_LANGUAGES
    assert unanalysed_language_note("de") is None and unanalysed_language_note("uk") is None
    assert "in it (it)" in unanalysed_language_note("it")
    assert "could identify" in unanalysed_language_note(None)
    assert "empty or wrong" in unanalysed_language_note("pl", skipped=False)


def test_function_words_decide_clear_texts_without_the_model():
    """The pre-check never contradicts the fixtures, and a plain English article loads no model."""
    import yaml

    from presslens.ingest import language
    from presslens.paths import DEFAULT_ARTICLE

    fixtures = yaml.safe_load((Path(__file__).parent / "fixtures" / "languages" / "detection.yaml").read_text(encoding="utf-8"))
    decided = [(e["language"], language.function_word_language(e["text"])) for e in fixtures["texts"]]
    assert all(found == expected for expected, found in decided if found is not None)
    assert sum(found is not None for _, found in decided) >= len(decided) // 2
    assert language.function_word_language("Talks resume after a night of strikes") is None  # a headline: the model decides
    language._identifier.cache_clear()
    assert language.detect_language(DEFAULT_ARTICLE.read_text(encoding="utf-8")) == "en"
    assert language._identifier.cache_info().currsize == 0
    mixed = "Він сказав, що це важливо, і що переговори тривають. " * 3 + "Он сказал, что это было важно."
    assert language.function_word_language(mixed) is None  # Ukrainian and Russian letters both: the model decides
