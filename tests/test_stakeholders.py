"""Stakeholder mentions: registry validation, the matching rules, measures, voice, role check,
discovery, the seed counts and hand-counted real articles."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import re
import pandas as pd
import pytest

from presslens.errors import PresslensError
from presslens.ingest import ingest_text
from presslens.ingest.metadata import MetadataFields
from presslens.analysis.stakeholders import (
    Registry,
    TitleEntry,
    analyze_stakeholders,
    check_mentions,
    co_mentions_json,
    link_quotations,
    load_registry,
    stakeholders_json,
    title_office,
)

FIXTURES = Path(__file__).parent / "fixtures" / "registries"
NO_QUOTES = pd.DataFrame(columns=["sentence", "quote_start", "quote_end", "speaker_text", "speaker_start", "speaker_end"])

REQUIRED_IDS = {
    "volodymyr_zelensky", "donald_trump", "nato", "ukraine", "united_states", "russia", "european_union", "osce",
    "vladimir_putin", "joe_biden", "barack_obama", "angela_merkel", "federica_mogherini", "benjamin_netanyahu",
    "rudy_giuliani", "gordon_sondland", "kurt_volker", "john_kerry", "china", "israel", "iran", "syria", "sudan",
    "crimea", "us_congress", "united_nations", "kremlin",
}


def article(text: str, **meta):
    return ingest_text(text, MetadataFields(source_path="test.txt", **meta))


def registry(*entries: dict) -> Registry:
    return Registry.from_entries(list(entries))


TRUMP = {
    "id": "donald_trump", "name": "Donald Trump", "type": "person",
    "aliases": ["Donald Trump", "President Trump", "Trump"], "exclude": ["Never Trumpers", "Trump administration"],
    "titles": ["former U.S. President", "U.S. President", "former President", "President"],
    "roles": [
        {"title": "President of the United States", "from": "2017-01-20", "to": "2021-01-20"},
        {"title": "President of the United States", "from": "2025-01-20"},
    ],
}
BIDEN = {"id": "joe_biden", "name": "Joe Biden", "type": "person", "aliases": ["Joe Biden", "Biden"]}
HUNTER = {"id": "hunter_biden", "name": "Hunter Biden", "type": "person", "aliases": ["Hunter Biden"]}
US = {"id": "united_states", "name": "United States", "type": "country", "aliases": ["United States", "U.S."]}
UKRAINE = {"id": "ukraine", "name": "Ukraine", "type": "country", "aliases": ["Ukraine"]}
EU = {"id": "european_union", "name": "European Union", "type": "organization", "aliases": ["EU"]}
MOGHERINI = {"id": "federica_mogherini", "name": "Federica Mogherini", "type": "person", "aliases": ["Mogherini"]}


def counts(analysis) -> dict[str, int]:
    return dict(zip(analysis.summary["id"], analysis.summary["mentions"]))


# -- the shipped registry -------------------------------------------------------------------


def test_default_registry_has_the_required_stakeholders():
    reg = load_registry()
    assert REQUIRED_IDS <= set(reg.by_id)
    zelensky = reg.by_id["volodymyr_zelensky"].aliases
    assert {"Zelenskiy", "Zelenskyy", "Vladimir Zelensky", "Volodymyr Zelensky"} <= set(zelensky)
    assert reg.by_id["donald_trump"].roles


# -- validation -----------------------------------------------------------------------------


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "stakeholders.yaml"
    path.write_text(body, encoding="utf-8")
    return path


GOOD = """stakeholders:
  - id: nato
    name: NATO
    type: organization
    aliases: [NATO]
"""


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (GOOD + GOOD.removeprefix("stakeholders:\n"), r"stakeholders\[1\] \(id 'nato'\): id is used more than once"),
        (GOOD + GOOD.removeprefix("stakeholders:\n").replace("id: nato", "id: otan"),
         r"stakeholders\[1\] \(id 'otan'\): aliases: 'NATO' is already an alias of stakeholders\[0\]"),
        (GOOD.replace("aliases: [NATO]", "aliases: []"), r"stakeholders\[0\] \(id 'nato'\): aliases: .*at least 1"),
        (GOOD.replace("type: organization", "type: alliance"), r"stakeholders\[0\] \(id 'nato'\): type: "),
        (GOOD.replace("    name: NATO", "    nickname: x\n    name: NATO"), r"nickname: unknown key"),
        (GOOD + "    roles: [{title: X, from: 2020-01-01, to: 2019-01-01}]\n", r"roles.0: .*ends \(2019-01-01\) before it starts"),
        ("stakeholders:\n  - id: [\n", r"is not valid YAML at line"),
    ],
)
def test_invalid_registry_names_file_entry_and_problem(tmp_path, body, message):
    path = write(tmp_path, body)
    with pytest.raises(PresslensError, match=message) as caught:
        load_registry(path)
    assert str(path) in str(caught.value)


# -- matching rules -------------------------------------------------------------------------


def test_boundaries_possessives_and_hyphenated_compounds():
    doc = article("Headline\n\nEUobserver wrote that the Bidens met Biden. Trump’s and Trump's aides discussed "
                  "U.S.-Ukraine ties post-Mogherini, and the EU agreed.")
    analysis = analyze_stakeholders(doc, registry(TRUMP, BIDEN, US, UKRAINE, EU, MOGHERINI), quotations=NO_QUOTES)
    assert counts(analysis) == {"joe_biden": 1, "donald_trump": 2, "united_states": 1, "ukraine": 1,
                                "federica_mogherini": 1, "european_union": 1}


def test_leftmost_longest_exclusions_and_titles():
    doc = article("Headline\n\nHunter Biden sat with former U.S. President Donald Trump. The Trump administration and "
                  "the Never Trumpers disagreed with President Trump.")
    analysis = analyze_stakeholders(doc, registry(TRUMP, BIDEN, HUNTER, US), quotations=NO_QUOTES)
    assert counts(analysis) == {"hunter_biden": 1, "donald_trump": 2}
    trump = analysis.mentions[analysis.mentions["stakeholder"] == "donald_trump"]
    assert list(trump["title"]) == ["former U.S. President", "President"]
    assert list(trump["alias"]) == ["Donald Trump", "Trump"]
    first = trump.iloc[0]
    assert doc.text[first["start"] : first["end"]] == "former U.S. President Donald Trump"


def test_mentions_are_counted_in_title_headings_and_list_items():
    doc = article("Trump in Ukraine\n\nA lead sentence about Ukraine.\n\nWhat Trump wants\n\nThe points:\n- Ukraine first\n- Trump second")
    analysis = analyze_stakeholders(doc, registry(TRUMP, UKRAINE), quotations=NO_QUOTES)
    assert counts(analysis) == {"donald_trump": 3, "ukraine": 3}
    assert set(analysis.mentions["kind"]) == {"title", "heading", "sentence", "list_item"} - {"title"} | set(
        analysis.mentions["kind"]
    )
    row = analysis.summary.set_index("id").loc["donald_trump"]
    assert row["in_title"] and row["in_headings"] and not row["in_lead"]
    assert analysis.summary.set_index("id").loc["ukraine", "in_lead"]


def test_mention_outside_its_sentence_is_refused(seed):
    analysis = analyze_stakeholders(seed, load_registry(), quotations=NO_QUOTES)
    bad = analysis.mentions.copy()
    bad.loc[0, "sentence"] = "s49"
    with pytest.raises(ValueError, match="outside sentence s49"):
        check_mentions(seed, bad)
    wrong = analysis.mentions.copy()
    wrong.loc[0, "alias"] = "Somebody"
    with pytest.raises(ValueError, match="alias and title do not spell"):
        check_mentions(seed, wrong)


# -- voice ----------------------------------------------------------------------------------


def test_quotations_link_by_speaker_span_and_pronoun():
    text = "Headline\n\n“We will talk,” Trump said. Trump arrived late. “It went well,” he said. “No comment,” the aide said."
    doc = article(text)
    reg = registry(TRUMP)
    analysis = analyze_stakeholders(doc, reg, quotations=NO_QUOTES)
    sid = {doc.sentence_text(s): s.id for s in doc.sentences}

    def row(sentence_start: str, speaker: str):
        sentence = next(v for k, v in sid.items() if k.startswith(sentence_start))
        start = text.index(speaker, doc.by_id[sentence].start)
        return {"sentence": sentence, "quote_start": doc.by_id[sentence].start, "quote_end": doc.by_id[sentence].start + 5,
                "speaker_text": speaker, "speaker_start": start, "speaker_end": start + len(speaker)}

    quotes = pd.DataFrame([row("“We", "Trump"), row("“It", "he"), row("“No", "the aide")])
    quotes.loc[len(quotes)] = {**row("“No", "the aide"), "speaker_text": None, "speaker_start": None, "speaker_end": None}
    linked = link_quotations(doc, analysis.mentions, quotes)
    assert list(linked["link"]) == ["mention", "pronoun", "unknown", "none"]
    assert list(linked["stakeholder"][:2]) == ["donald_trump", "donald_trump"]
    voice = analyze_stakeholders(doc, reg, quotations=quotes).voice.set_index("stakeholder")
    assert voice.loc["donald_trump", "quotes"] == 2 and voice.loc["donald_trump", "speaks"]


def test_quotations_table_must_have_the_interface_columns(seed):
    analysis = analyze_stakeholders(seed, load_registry(), quotations=NO_QUOTES)
    with pytest.raises(ValueError, match="lacks column"):
        link_quotations(seed, analysis.mentions, pd.DataFrame({"sentence": []}))


def test_quotations_default_to_the_quotes_module(seed):
    analysis = analyze_stakeholders(seed, load_registry())
    assert list(analysis.voice.columns) == ["stakeholder", "name", "type", "quotes", "mentions", "speaks"]


# -- role check -----------------------------------------------------------------------------


def test_role_check_flags_contradicting_titles():
    doc = article("Headline\n\nformer U.S. President Donald Trump spoke. Later President Trump left.")
    reg = registry(TRUMP)
    in_office = analyze_stakeholders(doc, reg, published=date(2025, 6, 24), quotations=NO_QUOTES).role_flags
    assert list(in_office["title"]) == ["former U.S. President"]
    assert "held President of the United States on 2025-06-24" in in_office["reason"].iloc[0]
    out_of_office = analyze_stakeholders(doc, reg, published=date(2022, 3, 1), quotations=NO_QUOTES).role_flags
    assert list(out_of_office["title"]) == ["President"]
    assert out_of_office["text"].iloc[0] == "Later President Trump left."
    assert analyze_stakeholders(doc, reg, quotations=NO_QUOTES).role_flags.empty  # no date, no check


def test_role_check_uses_metadata_published():
    doc = article("Headline\n\nformer President Trump spoke.", published="2025-07-01")
    assert len(analyze_stakeholders(doc, registry(TRUMP), quotations=NO_QUOTES).role_flags) == 1


def test_title_office_prefers_the_longest_matching_office():
    biden = registry({
        "id": "joe_biden", "name": "Joe Biden", "type": "person", "aliases": ["Biden"],
        "roles": [{"title": "Vice President of the United States", "from": "2009-01-20", "to": "2017-01-20"},
                  {"title": "President of the United States", "from": "2021-01-20", "to": "2025-01-20"}],
    }).by_id["joe_biden"]
    assert title_office(TitleEntry(title="former Vice President"), biden) == "Vice President of the United States"
    assert title_office(TitleEntry(title="U.S. President"), biden) == "President of the United States"
    assert title_office(TitleEntry(title="Mr."), biden) is None
    assert title_office(TitleEntry(title="Veep", office="Vice President of the United States"), biden)


# -- discovery ------------------------------------------------------------------------------


def test_discovery_lists_unknown_names_with_yaml_but_not_sentence_openers():
    doc = article("Headline\n\nThe talks began. Meanwhile Kostiantyn Yelisieiev met the NSC and Trump. "
                  "Kostiantyn Yelisieiev left. Yesterday Trump spoke.")
    found = analyze_stakeholders(doc, registry(TRUMP), quotations=NO_QUOTES).discovered.set_index("name")
    assert found.loc["Kostiantyn Yelisieiev", "count"] == 2
    assert found.loc["NSC", "kind"] == "acronym"
    assert "Meanwhile Kostiantyn Yelisieiev" not in found.index and "The" not in " ".join(found.index)
    import yaml

    snippet = yaml.safe_load(found.loc["Kostiantyn Yelisieiev", "yaml"])
    assert snippet[0]["id"] == "kostiantyn_yelisieiev" and snippet[0]["aliases"] == ["Kostiantyn Yelisieiev"]
    Registry.from_entries(snippet)  # the snippet is a valid entry


# -- the seed -------------------------------------------------------------------------------

SEED_COUNTS = {"volodymyr_zelensky": 5, "donald_trump": 5, "nato": 13, "ukraine": 14, "united_states": 2,
               "russia": 1, "european_union": 1, "osce": 1}


@pytest.fixture(scope="module")
def seed_stakeholders(seed):
    return analyze_stakeholders(seed, load_registry())


def test_seed_mention_counts(seed_stakeholders):
    assert {k: v for k, v in counts(seed_stakeholders).items() if k in SEED_COUNTS} == SEED_COUNTS


def test_seed_zelensky_and_trump_are_co_mentioned_in_five_sentences(seed_stakeholders):
    pairs = {(r["a"], r["b"]): r["sentences"] for r in co_mentions_json(seed_stakeholders)}
    assert pairs[("donald_trump", "volodymyr_zelensky")] == 5


def test_seed_titles_and_shares(seed_stakeholders):
    summary = seed_stakeholders.summary.set_index("id")
    assert summary.loc["donald_trump", "titles"] == "former U.S. President; former President"
    assert abs(summary["share"].sum() - 1) < 0.01
    rows = stakeholders_json(seed_stakeholders)
    assert [set(r) for r in rows[:1]] == [{"id", "name", "type", "mentions", "first_sentence", "titles"}]
    assert [r["mentions"] for r in rows] == sorted((r["mentions"] for r in rows), reverse=True)
    assert next(r for r in rows if r["id"] == "donald_trump")["titles"] == ["former U.S. President", "former President"]


def test_seed_role_check_with_a_2025_date(seed):
    flags = analyze_stakeholders(seed, load_registry(), published=date(2025, 6, 24)).role_flags
    assert set(flags["stakeholder"]) == {"donald_trump"} and len(flags) == 4


# -- real articles, counted by hand ----------------------------------------------------------

REAL_COUNTS = {
    ("cnn_gates_tillerson.yaml", "cnn_2016-12-18_gates-on-tillerson-and-russia.txt"): {
        "robert_gates": 9, "rex_tillerson": 5, "vladimir_putin": 3, "russia": 2, "united_states": 2,
        "donald_trump": 1, "barack_obama": 1, "condoleezza_rice": 1,
    },
    ("chron_esper_china.yaml", "chron-ap_2019-11-20_esper-accuses-china.txt"): {
        # vietnam 6: "Diplomatic Academy of Vietnam" is a name inside another proper name (PROPER_NAME_HEADS)
        "vietnam": 6, "mark_esper": 6, "china": 3, "south_china_sea": 3, "united_states": 2,
        "beijing": 1, "john_mccain": 1, "hanoi": 2,  # the dateline "HANOI, Vietnam (AP) —" counts (issue 12)
    },
    ("euobserver_crimea.yaml", "euobserver_2014-12-17_eu-sanctions-putin-crimea-headache.txt"): {
        "european_union": 15, "crimea": 11, "russia": 8, "federica_mogherini": 4, "ukraine": 3,
        "vladimir_putin": 2, "european_council": 1, "angela_merkel": 1,
    },
}


@pytest.mark.realworld
@pytest.mark.parametrize(("registry_file", "article_file"), list(REAL_COUNTS))
def test_hand_counted_real_articles(realworld, registry_file, article_file):
    from presslens.ingest import load_any

    analysis = analyze_stakeholders(load_any(realworld / "articles" / article_file), load_registry(FIXTURES / registry_file))
    assert counts(analysis) == REAL_COUNTS[(registry_file, article_file)]


@pytest.mark.realworld
def test_real_article_details(realworld):
    from presslens.ingest import load_any

    cnn = analyze_stakeholders(load_any(realworld / "articles" / "cnn_2016-12-18_gates-on-tillerson-and-russia.txt"),
                               load_registry(FIXTURES / "cnn_gates_tillerson.yaml"), published=date(2016, 12, 18))
    pairs = {(r["a"], r["b"]): r["sentences"] for r in co_mentions_json(cnn)}
    assert pairs[("rex_tillerson", "robert_gates")] == 4 and pairs[("rex_tillerson", "vladimir_putin")] == 3
    assert cnn.summary.set_index("id").loc["robert_gates", "titles"] == "Former Defense Secretary"
    assert cnn.role_flags.empty  # "President-elect" names no office; "President Barack Obama" was in office
    esper = analyze_stakeholders(load_any(realworld / "articles" / "chron-ap_2019-11-20_esper-accuses-china.txt"),
                                 load_registry(FIXTURES / "chron_esper_china.yaml"))
    assert esper.voice.set_index("stakeholder").loc["mark_esper", "quotes"] == 3
    assert esper.summary.set_index("id").loc["john_mccain", "titles"] == "The late Sen."


def test_role_flags_inside_quotations_are_marked() -> None:
    from datetime import date

    from presslens.ingest import ingest_text
    from presslens.ingest.metadata import MetadataFields
    from presslens.analysis.stakeholders import analyze_stakeholders, load_registry

    text = (
        "Impeachment Hearing\n"
        "“I never discussed Vice President Biden with anyone,” Volker said.\n"
        "Former President Donald Trump spoke later.\n"
    )
    article = ingest_text(text, MetadataFields(source_path="hearing.txt"))
    flags = analyze_stakeholders(article, load_registry(), published=date(2019, 11, 19)).role_flags
    quoted = flags[flags["title"] == "Vice President"]
    assert list(quoted["in_quotation"]) == [True]
    writer = flags[flags["title"] == "Former President"]
    assert list(writer["in_quotation"]) == [False]
    assert "but held President of the United States on 2019-11-19" in writer["reason"].iloc[0]


def test_name_run_scan_finds_the_name_runs():
    """The capital-first forms of the name-run and acronym patterns find what the plain forms find, span for span."""
    import random

    from presslens.analysis.stakeholders.discovery import _ACRONYM, _NAME_RUN_SCAN, NAME_RUN

    acronym = re.compile(r"(?<![\w.\-’'])[A-Z]{2,6}(?![\w\-])")  # the plain form of _ACRONYM

    rng = random.Random(2)
    pieces = ["Hunter", "Biden", "of", "the", "U.S.", "Mr.", "St.", "O'Neill", "al-Assad", "Ministry", "and", "x", "NATO",
              "Ékaterina", "déjà", "Kyiv’s", "-", "'", "’", "(", "1990", "\u00a0", "  ", ".", "a"]
    for trial in range(300):
        text = "".join(rng.choice(pieces) + rng.choice([" ", "", "\u00a0"]) for _ in range(rng.randint(0, 25)))
        start = rng.randint(0, len(text))
        end = rng.randint(start, len(text))
        assert [m.span() for m in _NAME_RUN_SCAN.finditer(text, start, end)] == \
               [m.span() for m in NAME_RUN.finditer(text, start, end)], (trial, text)
        assert [m.span() for m in _ACRONYM.finditer(text, start, end)] == \
               [m.span() for m in acronym.finditer(text, start, end)], (trial, text)


def test_capitalised_word_scan_finds_the_plain_pattern_s_words():
    """voice's capital-first word pattern finds what its plain form finds, span for span."""
    import random

    from presslens.analysis.stakeholders.voice import _CAPITALISED_WORD

    plain = re.compile(r"(?<![\w’'\-])[A-Z][\w\-]*(?:['’][A-Z][\w\-]*)?")
    rng = random.Random(4)
    pieces = ["Boudreau", "O'Neill", "D’Arcy", "al-Assad", "x", "Mc", "NATO", "'", "’", "-", " ", "é", "É", "said", "1"]
    for trial in range(300):
        text = "".join(rng.choice(pieces) + rng.choice(["", " "]) for _ in range(rng.randint(0, 20)))
        start = rng.randint(0, len(text))
        assert [m.span() for m in _CAPITALISED_WORD.finditer(text, start)] == \
               [m.span() for m in plain.finditer(text, start)], (trial, text)
