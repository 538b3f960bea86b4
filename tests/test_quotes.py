"""Direct quotations and their speakers (presslens.analysis.quotes)."""

from __future__ import annotations

import pandas as pd
import pytest

from presslens.ingest import ingest_text
from presslens.ingest.metadata import MetadataFields
from presslens.model import Article
from presslens.analysis.quotes import COLUMNS, find_quotations


def article(text: str) -> Article:
    return ingest_text(text, MetadataFields(source_path="memory.txt", title="Test article"))


def only(table: pd.DataFrame) -> pd.Series:
    assert len(table) == 1, table[["quote", "speaker_text"]]
    return table.iloc[0]


def test_columns_and_offsets_point_at_the_words():
    a = article("The hearing went on.\n“I did not know others were conveying a different message,” Volker said.\n")
    table = find_quotations(a)
    assert list(table.columns) == COLUMNS
    row = only(table)
    assert a.text[row.quote_start : row.quote_end] == row.quote
    assert a.text[row.speaker_start : row.speaker_end] == "Volker"
    assert row.verb == "said" and row.attribution == "after"
    assert row.sentence == a.body_sentences[1].id


@pytest.mark.parametrize(
    "text, speaker, verb, how",
    [
        ("“We will not accept attempts to assert claims,” Esper said.", "Esper", "said", "after"),
        ("“We will not accept attempts to assert claims,” said the official.", "the official", "said", "after"),
        ('"We will not accept attempts to assert claims," Holmes testified.', "Holmes", "testified", "after"),
        ("“If he had concerns about the call, that’s something I would have expected,” Morrison, Vindman’s superior, said.",
         "Morrison", "said", "after"),
        ("“The United States is deeply concerned about rhetoric,” White House press secretary Josh Earnest told reporters.",
         "White House press secretary Josh Earnest", "told", "after"),
        ("Esper said, “We strongly oppose violations of international law by China.”", "Esper", "said", "before"),
        ("Holmes said: “I then heard President Trump ask about the investigation.”", "Holmes", "said", "before"),
        ("“Every day that the focus is elsewhere is a day lost” for both countries, he warned.", "he", "warned", "tail"),
        ("A senior EU diplomat told this website that “the mood has shifted a lot”.", "A senior EU diplomat", "told", "before"),
        ("The mayor wanted “a bridge built before the winter floods”, said a second planner at the council, deputy engineer Ana Pires.",
         "a second planner at the council, deputy engineer Ana Pires", "said", "tail"),
        ("She begged the council “not to close the only ferry route” before the winter.", "She", "begged", "before"),
        ("The mayor’s Harbour party, which won by saying that the old wall was “a danger to every family”, now governs.",
         "Harbour party", "saying", "before"),
        ("Ana Pires, who said the ferry was “never going to pay for itself” last year, resigned.", "Ana Pires", "said", "before"),
        ("“The river rose faster than anyone expected,” said one resident, Tomas Berg, who lost a barn.",
         "one resident, Tomas Berg", "said", "after"),
    ],
)
def test_speaker_patterns(text: str, speaker: str, verb: str, how: str):
    row = only(find_quotations(article(text + "\n")))
    assert (row.speaker_text, row.verb, row.attribution) == (speaker, verb, how)


def test_multi_sentence_quote_spans_sentences():
    a = article("“Both sides are going to want to turn it down. But it is also a structural problem,” Danin said.\n")
    row = only(find_quotations(a))
    assert row.quote.startswith("Both sides") and row.quote.endswith("problem,")
    assert row.sentence != row.end_sentence
    assert row.speaker_text == "Danin"


def test_next_sentence_quote_continues_the_speaker():
    a = article("“I opposed the hold as soon as I learned of it,” Volker said. “It was a policy problem we needed to fix.”\n")
    table = find_quotations(a)
    assert list(table["attribution"]) == ["after", "continued"]
    assert list(table["speaker_text"]) == ["Volker", "Volker"]


def test_a_second_quote_in_the_same_sentence_continues_the_speaker():
    a = article("Roe said the levy was meant “to pay for the new bridge,” but “not to punish the ferry owners.”\n")
    table = find_quotations(a)
    assert list(table["attribution"]) == ["before", "continued"]
    assert list(table["speaker_text"]) == ["Roe", "Roe"]


def test_a_quote_inside_the_next_sentence_without_a_verb_continues_the_speaker():
    a = article(
        "“The council has kept every promise it made,” Roe said at the hearing. "
        "Her rival Tom Berg “has never once visited the flooded farms.”\n"
    )
    assert list(find_quotations(a)["speaker_text"]) == ["Roe", "Roe"]


def test_a_quote_in_the_next_sentence_with_its_own_verb_does_not_continue():
    a = article(
        "“The council has kept every promise it made,” Roe said at the hearing. "
        "Critics replied that the plan “will never pay for itself in our lifetime.”\n"
    )
    table = find_quotations(a)
    assert table.iloc[1]["speaker_text"] == "Critics" and table.iloc[1]["attribution"] == "before"


def test_next_paragraph_full_quote_continues_but_a_pull_quote_does_not():
    a = article(
        "“I opposed the hold as soon as I learned of it,” Volker said.\n\n"
        "“That could be an issue forced onto the agenda.”\n\n"
        "“Not some irregular channel”\n\n"
        "The hearing went on into the evening.\n"
    )
    table = find_quotations(a).set_index("quote")
    assert table.loc["That could be an issue forced onto the agenda.", "attribution"] == "continued"
    assert table.loc["Not some irregular channel", "attribution"] == "none"
    assert pd.isna(table.loc["Not some irregular channel", "speaker_text"])


def test_a_quote_left_open_takes_the_speaker_of_the_paragraph_that_reopens_it():
    a = article(
        "Roe spoke after the vote.\n\n"
        "“We will rebuild the harbour wall first. Then the school roof.\n\n"
        "“After that we will see what money is left,” Roe said.\n"
    )
    table = find_quotations(a)
    assert list(table["closed"]) == [False, True]
    assert list(table["speaker_text"]) == ["Roe", "Roe"]
    assert list(table["attribution"]) == ["continued", "after"]


def test_a_quote_left_open_before_a_plain_paragraph_keeps_no_speaker():
    a = article("“We will rebuild the harbour wall first and the school roof next.\n\nThe vote was close.\n")
    assert pd.isna(only(find_quotations(a)).speaker_text)


def test_scare_quotes_are_not_quotations():
    a = article("Moscow floated a so-called “peace plan” and called the talks a 'disgrace' on Monday.\n")
    assert find_quotations(a).empty


def test_short_quote_attributed_at_once_is_kept():
    row = only(find_quotations(article("“No,” he said, and left the room.\n")))
    assert (row.quote, row.speaker_text) == ("No,", "he")


def test_unattributed_quotation_has_null_speaker():
    row = only(find_quotations(article("The sign read “we will never forget what happened here today” in red.\n")))
    assert row.attribution == "none"
    assert pd.isna(row.speaker_text) and pd.isna(row.speaker_start) and pd.isna(row.verb)


def test_straight_quotes_reopened_without_closing_end_unclosed():
    # paragraph breaks lost: each paragraph of a long quotation opens anew
    a = article('"We are going to Romania and we will see what happens there. "We are not sure how long we stay," Blondin said.\n')
    table = find_quotations(a)
    assert list(table["closed"]) == [False, True]
    assert table.iloc[1]["speaker_text"] == "Blondin"


def test_seed_has_no_quotations(seed):
    assert find_quotations(seed).empty


def test_real_articles_offsets_and_speakers(realworld):
    path = realworld / "articles" / "wapo_2015-03-18_us-israel-relations-after-netanyahu-win.txt"
    from presslens.ingest import load_any

    a = load_any(path)
    table = find_quotations(a)
    for row in table.itertuples():
        assert a.text[row.quote_start : row.quote_end] == row.quote
    speakers = set(table["speaker_text"].dropna())
    assert {"Martin Indyk", "Robert M. Danin", "Danin", "Indyk"} <= speakers
    assert (table["attribution"] != "none").mean() >= 0.7


def test_reporting_verbs_and_source_nouns_come_from_the_claim_lexicon(tmp_path):
    """One vocabulary: quotations are attributed with claims.yaml's reporting phrases and source nouns."""
    import yaml

    from presslens.analysis import quotes
    from presslens.analysis.claim_lexicon import load_claim_cues
    from presslens.paths import DEFAULT_CLAIM_CUES

    assert not hasattr(quotes, "REPORTING_VERBS") and not hasattr(quotes, "SOURCE_NOUNS")
    a = article("“We will not accept attempts to assert claims,” the envoy quipped.\n")
    assert only(find_quotations(a)).attribution == "none"  # "quipped" is no reporting verb of claims.yaml
    data = yaml.safe_load(DEFAULT_CLAIM_CUES.read_text(encoding="utf-8"))
    data["reporting"][0]["phrases"].append("quipped")
    path = tmp_path / "claims.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    row = only(find_quotations(a, load_claim_cues(path)))
    assert (row.speaker_text, row.verb, row.attribution) == ("the envoy", "quipped", "after")
    data["source_nouns"].remove("envoy")
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    assert only(find_quotations(a, load_claim_cues(path))).speaker_text != "the envoy"


def test_citation_phrases_do_not_attribute_quotations():
    a = article("Mr Brown told reporters: “Of course I trust the prime minister.” Downing Street cited that comment later.\n")
    assert only(find_quotations(a)).speaker_text == "Mr Brown"
