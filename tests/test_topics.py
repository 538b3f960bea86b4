"""Topic emphasis: taxonomy validation, tagging, measures, invariants and the seed results."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from presslens.errors import PresslensError
from presslens.ingest import ingest_text
from presslens.ingest.metadata import MetadataFields
from presslens.analysis.topics import (
    POSITION_WEIGHTS,
    Taxonomy,
    analyze_topics,
    check_hits,
    check_shares,
    kendall_tau,
    load_taxonomy,
    topics_json,
)

REQUIRED_IDS = {
    "diplomacy", "military_support", "energy_security", "sanctions", "humanitarian",
    "economy_reconstruction", "intelligence_cyber", "sovereignty", "peace_process", "domestic_politics",
}


@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
    return load_taxonomy()


@pytest.fixture(scope="module")
def seed_topics(seed, taxonomy):
    return analyze_topics(seed, taxonomy)


def article(text: str):
    return ingest_text(text, MetadataFields(title=None, source_path="test.txt"))


# -- the shipped taxonomy -----------------------------------------------------------------


def test_default_taxonomy_has_the_required_topics_with_descriptions(taxonomy):
    assert REQUIRED_IDS <= set(taxonomy.ids)
    for topic in taxonomy.topics:
        assert topic.description.strip()
        assert len(topic.terms) >= 10, topic.id


# -- validation ---------------------------------------------------------------------------


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "topics.yaml"
    path.write_text(body, encoding="utf-8")
    return path


GOOD = """topics:
  - id: energy_security
    label: Energy security
    description: Energy.
    terms: ["energy security", "pipeline"]
"""


def test_valid_file_loads(tmp_path):
    taxonomy = load_taxonomy(write(tmp_path, GOOD))
    assert taxonomy.ids == ["energy_security"]
    assert taxonomy.sha256 and len(taxonomy.sha256) == 64


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (GOOD + GOOD.removeprefix("topics:\n"), r"topics\[1\] \(id 'energy_security'\): id is used more than once"),
        (GOOD.replace('["energy security", "pipeline"]', "[]"), r"topics\[0\] \(id 'energy_security'\): terms: .*at least 1"),
        (GOOD.replace("    label:", "    colour: red\n    label:"), r"topics\[0\] \(id 'energy_security'\): colour: unknown key"),
        (GOOD.replace("id: energy_security", "id: Energy Security"), r"topics\[0\] \(id 'Energy Security'\): id: .*pattern"),
        (GOOD.replace('"pipeline"', '"Pipeline", "pipeline"'), r"terms: term 2 \('pipeline'\) is listed twice"),
        (GOOD.replace('"pipeline"', '"--"'), r"has no letter or digit"),
        ("topics: [\n  - id: x\n", r"is not valid YAML at line"),
    ],
)
def test_invalid_file_names_file_entry_and_problem(tmp_path, body, message):
    path = write(tmp_path, body)
    with pytest.raises(PresslensError, match=message) as caught:
        load_taxonomy(path)
    assert str(path) in str(caught.value)


# -- tagging ------------------------------------------------------------------------------


def small_taxonomy() -> Taxonomy:
    return Taxonomy.from_entries(
        [
            {"id": "energy_security", "label": "Energy", "description": "d", "terms": ["energy security", "gas supplies", "pipeline"]},
            {"id": "sanctions", "label": "Sanctions", "description": "d", "terms": ["sanction", "embargo"]},
        ]
    )


def test_terms_match_plurals_possessives_case_and_spacing():
    text = (
        "Pipeline politics\n\n"
        "New pipelines and the pipeline's owners matter. "
        "Gas\u00a0supplies and ENERGY  SECURITY were discussed. The embargo's end came with new sanctions."
    )
    analysis = analyze_topics(article(text), small_taxonomy())
    matched = list(analysis.hits["matched"])
    assert matched == ["Pipeline", "pipelines", "pipeline", "Gas\u00a0supplies", "ENERGY  SECURITY", "embargo", "sanctions"]
    assert set(analysis.hits["term"]) == {"pipeline", "gas supplies", "energy security", "embargo", "sanction"}


def test_a_sentence_can_carry_several_topics():
    analysis = analyze_topics(article("Headline here\n\nThe pipeline embargo began."), small_taxonomy())
    tagged = analysis.hits.groupby("sentence")["topic"].apply(set)
    assert any(topics == {"energy_security", "sanctions"} for topics in tagged)


def test_share_and_weighted_share_follow_their_definitions():
    text = "Pipeline row deepens\n\nOne two three four pipeline. Five six seven eight nine ten.\n\nEleven twelve embargo thirteen."
    doc = article(text)
    analysis = analyze_topics(doc, small_taxonomy())
    emphasis = analysis.emphasis.set_index("topic")
    # Body words: 5 + 6 (lead paragraph) + 4 = 15.
    assert emphasis.loc["energy_security", "share"] == round(5 / 15, 4)
    assert emphasis.loc["sanctions", "share"] == round(4 / 15, 4)
    roles = analysis.units.set_index("sentence")
    weights = roles["weight"] * roles["words"]
    title_id = roles.index[roles["role"] == "title"][0]
    lead_first = roles.index[roles["role"] == "lead"][0]
    expected = (weights[title_id] + weights[lead_first]) / weights.sum()
    assert emphasis.loc["energy_security", "weighted_share"] == round(expected, 4)
    assert roles.loc[title_id, "weight"] == POSITION_WEIGHTS["title"]
    assert emphasis.loc["energy_security", "in_title"]
    assert emphasis.loc["energy_security", "first_sentence"] == title_id


def test_topic_in_headline_outranks_one_buried_at_the_end():
    text = "Pipeline row deepens\n\nA quiet start. " + "Filler words here. " * 5 + "\n\nAt the end an embargo arrives."
    emphasis = analyze_topics(article(text), small_taxonomy()).emphasis
    assert list(emphasis["topic"][:2]) == ["energy_security", "sanctions"]
    share = emphasis.set_index("topic")["share"]
    assert share["sanctions"] > 0 and share["energy_security"] == 0


def test_repeated_sentences_only_change_the_deduplicated_variant():
    doc = article("Title line\n\nThe pipeline opened. The pipeline opened again. An embargo followed.")
    second = doc.body_sentences[1].id
    plain = analyze_topics(doc, small_taxonomy())
    dedup = analyze_topics(doc, small_taxonomy(), repeated_sentences=[second])
    pd.testing.assert_frame_equal(plain.emphasis, dedup.emphasis)
    a = plain.sensitivity.set_index("topic")
    b = dedup.sensitivity.set_index("topic")
    assert b.loc["energy_security", "share_deduplicated"] < a.loc["energy_security", "share_deduplicated"]
    with pytest.raises(ValueError, match="unknown sentence id 's99'"):
        analyze_topics(doc, small_taxonomy(), repeated_sentences=["s99"])


def test_kendall_tau():
    assert kendall_tau([3, 2, 1], [30, 20, 10]) == 1
    assert kendall_tau([3, 2, 1], [10, 20, 30]) == -1
    assert kendall_tau([1, 1], [1, 1]) != kendall_tau([1, 1], [1, 1])  # NaN when undefined


# -- invariants ---------------------------------------------------------------------------


def test_hit_outside_its_sentence_is_refused(seed, seed_topics):
    bad = seed_topics.hits.copy()
    bad.loc[0, "sentence"] = "s49"
    with pytest.raises(ValueError, match="outside sentence s49"):
        check_hits(seed, bad)
    misspelt = seed_topics.hits.copy()
    misspelt.loc[0, "matched"] = "nonsense"
    with pytest.raises(ValueError, match="does not spell the text"):
        check_hits(seed, misspelt)


def test_share_out_of_range_is_refused():
    with pytest.raises(ValueError, match="share must be within 0..1; found 1.5"):
        check_shares(pd.DataFrame({"share": [0.2, 1.5]}), ["share"])


def test_seed_tables_keep_their_invariants(seed, seed_topics):
    for row in seed_topics.hits.itertuples():
        s = seed.by_id[row.sentence]
        assert s.start <= row.start < row.end <= s.end
    for table, columns in [(seed_topics.emphasis, ["share", "weighted_share"]), (seed_topics.by_section, ["share_of_section"])]:
        assert table[columns].min().min() >= 0 and table[columns].max().max() <= 1
    body_sentences = {s.id for s in seed.body_sentences}
    counted = seed_topics.evidence[seed_topics.evidence["sentence"].isin(body_sentences)].groupby("topic").size()
    emphasis = seed_topics.emphasis.set_index("topic")
    for topic, n in counted.items():
        assert emphasis.loc[topic, "sentences"] == n
    by_section = seed_topics.by_section.groupby("topic")["words"].sum()
    assert (by_section == emphasis["words"].reindex(by_section.index)).all()


# -- the seed -----------------------------------------------------------------------------


def test_seed_top_two_are_diplomacy_and_military_support(seed_topics):
    assert set(seed_topics.emphasis["topic"][:2]) == {"diplomacy", "military_support"}
    assert list(seed_topics.emphasis["rank"][:2]) == [1, 2]


@pytest.mark.parametrize(("topic", "minimum"), [("energy_security", 2), ("sanctions", 2), ("humanitarian", 2), ("sovereignty", 3)])
def test_seed_topic_sentence_counts(seed_topics, topic, minimum):
    assert seed_topics.emphasis.set_index("topic").loc[topic, "sentences"] >= minimum


def test_seed_first_appearance_and_sections(seed_topics):
    row = seed_topics.emphasis.set_index("topic").loc["diplomacy"]
    assert row["first_sentence"] == "s1"
    assert 0 <= row["first_position"] < 0.05
    assert len(seed_topics.by_section) == 10 * 5


def test_seed_headline_gap_and_stability(seed_topics):
    gap = seed_topics.headline_gap.set_index("topic")
    assert gap.loc["military_support", "gap"] < 0 < gap.loc["diplomacy", "gap"]
    stability = seed_topics.ranking_stability()
    assert list(stability["variant"]) == ["unweighted", "paragraphs", "deduplicated"]
    assert stability.set_index("variant").loc["deduplicated", "kendall_tau"] == 1
    assert "Kendall tau" in seed_topics.stability_summary()


def test_topics_json_shape(seed_topics):
    rows = topics_json(seed_topics)
    assert [set(r) for r in rows] == [{"id", "label", "share", "weighted_share", "sentences"}] * len(rows)
    shares = [r["weighted_share"] for r in rows]
    assert shares == sorted(shares, reverse=True)
    assert rows[0]["id"] in {"diplomacy", "military_support"}


@pytest.mark.realworld
def test_taxonomy_works_on_real_articles(realworld, taxonomy):
    from presslens.ingest import load_any

    expected_top = {
        "nytimes_2017-01-13_us-to-lift-sudan-sanctions.txt": "sanctions",
        "cbc_2014-04-29_cf18s-head-to-romania-nato-mission.txt": "military_support",
        "cbsnews_2019-11-19_volker-morrison-impeachment-testimony.txt": "domestic_politics",
    }
    for name, top in expected_top.items():
        analysis = analyze_topics(load_any(realworld / "articles" / name), taxonomy)
        assert analysis.emphasis["topic"].iloc[0] == top, name


# -- terms with a context (issue 12) -------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, topic, expected",
    [
        ("Russia wants sanctions relief before any talks.", "humanitarian", False),
        ("Food and medical relief reached the city.", "humanitarian", True),
        ("The European Parliament voted on the package.", "domestic_politics", False),
        ("The parliament in Kyiv voted on the budget.", "domestic_politics", True),
        ("The Ministry of Economy published the figures.", "economy_reconstruction", False),
        ("The economy shrank by two percent.", "economy_reconstruction", True),
        ("Both sides said a deal to end the fighting was close.", "peace_process", True),
        ("The company signed a deal with a supplier.", "peace_process", False),
        ("Public spending rose in the budget.", "economy_reconstruction", True),
        ("The witness gave testimony about the shelling of the village.", "domestic_politics", False),
        ("Her testimony to the impeachment inquiry lasted six hours.", "domestic_politics", True),
        ("Police opened an investigation into the fire.", "domestic_politics", False),
        ("The government collapsed after a week.", "domestic_politics", True),
        ("The government published the figures.", "domestic_politics", False),
        # an office written as a title before a name names the person, not the topic
        ("Prime Minister Jane Roe opened a new school.", "domestic_politics", False),
        ("The prime minister lost a confidence vote.", "domestic_politics", True),
        ("Ambassador Roe opened a new school.", "diplomacy", False),
        ("The ambassador was recalled for consultations.", "diplomacy", True),
        ("The reporters flew aboard Air Force One.", "military_support", False),
    ],
)
def test_terms_in_context(sentence, topic, expected):
    from presslens.ingest import ingest_text
    from presslens.ingest.metadata import MetadataFields

    a = ingest_text(sentence + "\n", MetadataFields(source_path="memory.txt", title="Test"))
    tagged = set(analyze_topics(a, load_taxonomy()).hits["topic"])
    assert (topic in tagged) is expected


def test_a_context_term_needs_a_context():
    with pytest.raises(ValueError, match="with"):
        Taxonomy.from_entries([{"id": "x", "label": "X", "description": "d", "terms": [{"term": "relief"}]}])
    taxonomy = Taxonomy.from_entries(
        [{"id": "x", "label": "X", "description": "d", "terms": ["aid", {"term": "relief", "with": ["negotiat*"]}]}]
    )
    assert taxonomy.phrase_topics == (("x", "aid"), ("x", "relief"))
    context = taxonomy.phrase_contexts[1]
    assert context.allows("relief after negotiations") and not context.allows("relief came")


def test_office_and_article_contexts():
    taxonomy = Taxonomy.from_entries([{"id": "x", "label": "X", "description": "d", "terms": [
        {"term": "envoy", "office": True}, {"term": "testified", "article_with": ["impeachment"]}]}])
    envoy, testified = taxonomy.phrase_contexts
    assert envoy.allows_at("The envoy left.", 9) and not envoy.allows_at("Envoy Roe left.", 5)
    assert testified.allows_article("The impeachment inquiry heard her. She testified.")
    assert not testified.allows_article("The court heard her. She testified.")
