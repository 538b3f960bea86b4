"""Plain-text ingest: the seed's structure exactly, and the outline rules on small texts."""

from __future__ import annotations

from collections import Counter

from presslens.ingest import ingest_text
from presslens.ingest.metadata import MetadataFields, slugify
from presslens.model import content_id
from presslens.model import Article


def parse(text: str, **meta: object) -> Article:
    return ingest_text(text, MetadataFields(source_path="memory.txt", **meta))


def test_seed_structure_exactly(seed: Article) -> None:
    kinds = Counter(s.kind for s in seed.sentences)
    assert kinds == {"sentence": 33, "list_item": 12, "heading": 4}
    assert len(seed.body_sentences) == 45
    assert seed.title_sentence is None
    lead, *headed = seed.sections
    assert lead.heading is None
    assert [b.kind for b in lead.blocks] == ["paragraph"]
    assert len(headed) == 4 and all(s.heading for s in headed)
    assert [seed.sentence_text(s.heading) for s in headed] == [
        "Zelensky and Trump to Discuss Strategic Cooperation Amid Ongoing Ukraine Conflict",
        "Key Issues on the Agenda for NATO Sidelines Meeting",
        "Implications of the Meeting for NATO and International Security",
        "Recommendations for Diplomatic Engagement and Conflict Resolution Efforts",
    ]
    lists = [b for s in seed.sections for b in s.blocks if b.kind == "list"]
    assert [len(b.items) for b in lists] == [3, 3, 3, 3]
    labelled = [[i.label for i in b.items if i.label] for b in lists]
    assert [len(x) for x in labelled] == [3, 0, 3, 0]
    assert labelled[0] == ["Strengthening military assistance", "Energy security coordination", "Enhanced diplomatic initiatives"]
    assert [seed.sentence_text(b.lead_in) for b in lists] == [
        "Key topics reportedly set for deliberation include:",
        "Key agenda items likely include:",
        "A few key potential outcomes include:",
        "Key recommendations include:",
    ]


def test_seed_offsets_and_text(seed: Article) -> None:
    first = seed.body_sentences[0]
    assert seed.sentence_text(first).startswith("Ukrainian President Volodymyr Zelensky and former U.S. President Donald Trump")
    assert seed.sentence_text(seed.body_sentences[-1]).endswith("regional stability.")
    for s in seed.sentences:
        span = seed.text[s.start : s.end]
        assert span == span.strip() and span
    # the labelled item's label offsets point at the label
    item = seed.sections[1].blocks[2].items[1]
    assert seed.text[item.label_start : item.label_end] == item.label == "Energy security coordination"


def test_seed_metadata(seed: Article) -> None:
    meta = seed.metadata
    assert meta.slug == "zelensky-trump-nato-summit"
    assert meta.title == "Zelensky and Trump to Discuss Strategic Cooperation Amid Ongoing Ukraine Conflict"
    assert meta.title_source == "first_heading"
    assert meta.source_path == "data/raw/zelensky-trump-nato-summit.txt"
    assert len(meta.source_sha256) == 64
    assert meta.id == content_id(seed.text)


def test_first_line_headline_becomes_the_title() -> None:
    article = parse("Labour plans maternity pay rise\n\nMaternity pay is to rise. Ministers agreed.\n")
    assert article.metadata.title == "Labour plans maternity pay rise"
    assert article.metadata.title_source == "first_line"
    assert article.by_id[article.title_sentence].kind == "title"
    assert [s.kind for s in article.sentences] == ["title", "sentence", "sentence"]
    assert article.sections[0].heading is None


def test_title_option_wins_but_keeps_the_headline_sentence() -> None:
    article = parse("Short headline here\nBody text follows. Yes.", title="Given title")
    assert article.metadata.title == "Given title"
    assert article.metadata.title_source == "option"
    assert article.title_sentence is not None


def test_title_falls_back_to_file_name() -> None:
    article = parse("Only one paragraph of prose, which ends properly.")
    assert article.metadata.title == "Memory"
    assert article.metadata.title_source == "file_name"


def test_bullets_numbered_lists_and_labels() -> None:
    text = (
        "Plans were set out:\n"
        "1. First step: do this.\n"
        "2) Second step without a label\n"
        "Then prose resumes.\n"
        "* starred item\n"
        "• bullet item\n"
    )
    article = parse(text)
    blocks = article.sections[0].blocks
    assert [b.kind for b in blocks] == ["paragraph", "list", "paragraph", "list"]
    assert blocks[1].ordered and not blocks[3].ordered
    assert blocks[1].items[0].label == "First step"
    assert blocks[1].items[1].label is None
    assert article.sentence_text(blocks[1].lead_in) == "Plans were set out:"
    assert blocks[3].lead_in is None
    assert [article.sentence_text(i.sentences[0]) for i in blocks[3].items] == ["starred item", "bullet item"]


def test_long_text_before_a_colon_is_not_a_label() -> None:
    article = parse("Intro.\n- This is a rather long clause that goes on and on for many words: then more.\n")
    assert article.sections[0].blocks[1].items[0].label is None


def test_headings_need_no_final_punctuation_and_few_words() -> None:
    text = "Lead paragraph here.\nA Heading\nBody one.\nThis line ends with a colon:\n- item\nAnother Heading\nBody two."
    article = parse(text)
    assert [article.sentence_text(s) for s in article.headings] == ["A Heading", "Another Heading"]


def test_hard_wrapped_paragraphs_are_joined() -> None:
    text = (
        "The talks in Brussels went on late into the night as officials from\n"
        "both sides tried to agree on the wording of a joint statement about\n"
        "the ceasefire. Diplomats said progress had been made on several\n"
        "points, though differences remained over the monitoring mission.\n"
        "\n"
        "A second round is planned for next week in Vienna, where the OSCE\n"
        "will host the delegations and present proposals on verification\n"
        "and the exchange of prisoners held by both parties to the conflict.\n"
    )
    article = parse(text)
    assert [b.kind for b in article.sections[0].blocks] == ["paragraph", "paragraph"]
    assert len(article.body_sentences) == 3
    assert "\n" in article.sentence_text(article.body_sentences[0])


def test_slugs_are_safe() -> None:
    assert slugify("../../etc/passwd") == "etc-passwd"
    assert slugify("Ünïcödé Title: <script>") == "ncd-title-script"
    assert slugify("///") == "article"
    assert len(slugify("x" * 500)) <= 80


def test_content_id_ignores_whitespace_layout() -> None:
    assert content_id("A  b\nc") == content_id("A b c")
    assert content_id("A b c") != content_id("A b d")


def test_outline_without_body_text_is_refused() -> None:
    import pytest

    from presslens.errors import PresslensError
    from presslens.ingest.build import build_article
    from presslens.ingest.outline import Element

    with pytest.raises(PresslensError, match="x.txt: no article text found"):
        build_article("Title", [Element("title", 0, 5)], MetadataFields(source_path="x.txt"))


def test_invisible_characters_do_not_split_words() -> None:
    article = parse("Talks Resume\nNetan\u00adyahu met the U.S.\u200b envoy. Zero\u2060width too.\n")
    assert "\u00ad" not in article.text and "\u200b" not in article.text and "\u2060" not in article.text
    assert article.sentence_text(article.body_sentences[0]) == "Netanyahu met the U.S. envoy."
    assert [article.sentence_text(s) for s in article.sentences] == ["Talks Resume", "Netanyahu met the U.S. envoy.", "Zerowidth too."]


def test_a_title_given_as_an_option_replaces_the_title_sentence(tmp_path):
    """--title is the headline: the title sentence is it, not the file's first line (issue 14)."""
    from presslens.ingest import load_any

    source = tmp_path / "talks.txt"
    source.write_text("Talks resume in Kyiv\n\nOfficials resumed talks in Kyiv on Monday. Zelensky said they would go on.\n", encoding="utf-8")
    plain = load_any(source)
    given = load_any(source, title="EU and  Ukraine resume talks")
    assert [plain.text[s.start:s.end] for s in plain.sentences][:2] == ["Talks resume in Kyiv", "Officials resumed talks in Kyiv on Monday."]
    assert given.metadata.title == "EU and Ukraine resume talks" and given.metadata.title_source == "option"
    assert [(s.kind, given.text[s.start:s.end]) for s in given.sentences] == [
        ("title", "EU and Ukraine resume talks"),
        ("sentence", "Officials resumed talks in Kyiv on Monday."),
        ("sentence", "Zelensky said they would go on."),
    ]
    assert "Talks resume in Kyiv" not in given.text
    bare = tmp_path / "bare.txt"  # no headline line: the title is put before the body
    bare.write_text("Officials resumed talks in Kyiv on Monday. Zelensky said they would go on.\n", encoding="utf-8")
    titled = load_any(bare, title="Talks go on")
    assert [s.kind for s in titled.sentences] == ["title", "sentence", "sentence"]
    assert titled.text.startswith("Talks go on\n\nOfficials resumed")


def test_a_line_with_a_sentence_end_inside_is_prose_and_a_capitals_line_after_a_colon_stands_apart():
    from presslens.ingest import ingest_text
    from presslens.ingest.metadata import MetadataFields

    text = ("Annual review\n\nThe board met twice. It approved the plan.\n\nCopyright 2024 Example Press. All rights reserved\n\n"
            "Dear readers:\nTHE EDITORS OF THE ANNUAL REVIEW\n\nU.S. President Meets Allies\n\nThe talks went on.\n")
    article = ingest_text(text, MetadataFields())
    kinds = [(s.kind, article.text[s.start:s.end]) for s in article.sentences]
    assert ("sentence", "Copyright 2024 Example Press.") in kinds and ("sentence", "All rights reserved") in kinds
    assert ("sentence", "Dear readers:") in kinds  # the capitals line under it is an element of its own
    assert any(t == "THE EDITORS OF THE ANNUAL REVIEW" for _, t in kinds)
    assert ("heading", "U.S. President Meets Allies") in kinds  # an abbreviation ends no sentence
