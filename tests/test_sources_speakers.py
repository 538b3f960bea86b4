"""Sources and speakers on wire-style copy (issue 12): institutions, datelines, clause fragments, appositives.

Every text here is written for the project, in the style of the wire stories the issue quotes.
"""

from __future__ import annotations

import pandas as pd
import pytest

from presslens.analysis import analyze_article, load_lexicons
from presslens.ingest import ingest_text
from presslens.ingest.metadata import MetadataFields
from presslens.model import Article


@pytest.fixture(scope="module")
def lexicons():
    return load_lexicons()


def article(text: str) -> Article:
    return ingest_text(text, MetadataFields(source_path="memory.txt", title="Test article"))


def sources_of(text: str, lexicons) -> list[tuple[str, str]]:
    result = analyze_article(article(text), lexicons)
    table = result.claim_sources
    return list(zip(table["source"], table["kind"], strict=True))


@pytest.mark.parametrize(
    "text, source",
    [
        ("The Kremlin said the talks would resume next week.", "The Kremlin"),
        ("The Pentagon said it had moved two more brigades to the border.", "The Pentagon"),
        ("The White House said the president would travel on Friday.", "The White House"),
        ("Downing Street said the prime minister had spoken to the chancellor.", "Downing Street"),
        ("The State Department said the embassy would stay open.", "The State Department"),
        ("Moscow said the decision was illegal and would be answered.", "Moscow"),
        ("The ministry said it would respond within days.", "The ministry"),
    ],
)
def test_named_institutions_are_named_sources(text, source, lexicons):
    assert sources_of(text + "\n", lexicons) == [(source, "named")]


def test_officials_stay_anonymous(lexicons):
    assert sources_of("Officials said the talks would resume.\n", lexicons) == [("Officials", "anonymous")]
    assert sources_of("A senior EU diplomat said the package was ready.\n", lexicons) == [("A senior EU diplomat", "anonymous")]


def test_a_dateline_is_not_part_of_the_source(lexicons):
    text = "MOSCOW, April 6 (Reuters) - The Kremlin said on Monday that no meeting had been arranged.\n"
    assert sources_of(text, lexicons) == [("The Kremlin", "named")]


def test_a_clause_fragment_is_not_a_source(lexicons):
    text = "The government vowed to root out people it called dangerous nationalists.\n"
    assert sources_of(text, lexicons) == []


def test_a_subordinate_conjunction_is_not_a_source(lexicons):
    text = "When asked about the sanctions, the minister said nothing had been decided.\n"
    assert [source for source, _ in sources_of(text, lexicons)] == ["the minister"]


def test_the_same_source_is_listed_once(lexicons):
    text = "Kallas said the bloc was united, and Kallas said it again on Friday.\n"
    result = analyze_article(article(text), lexicons)
    assert result.claims.loc[0, "sources"] == "Kallas"


def speakers(text: str, lexicons) -> list[tuple[str, str | None]]:
    result = analyze_article(article(text), lexicons)
    table = result.quotations
    return list(zip(table["speaker_text"], table["speaker_name"], strict=True))


def test_an_appositive_keeps_the_name(lexicons):
    text = "“We are ready to talk at any level,” said the EU's foreign policy chief Kaja Kallas.\n"
    assert speakers(text, lexicons) == [("the EU's foreign policy chief Kaja Kallas", "Kaja Kallas")]


def test_a_pronoun_resolves_to_a_person_the_registry_does_not_know(lexicons):
    text = (
        "White House press secretary Karoline Leavitt spoke to reporters on Tuesday.\n\n"
        "“We will not negotiate over the phone,” she said.\n"
    )
    assert speakers(text, lexicons) == [("she", "Karoline Leavitt")]


def test_a_pronoun_resolves_to_a_registry_person(lexicons):
    text = (
        "Volodymyr Zelensky arrived in The Hague on Tuesday.\n\n"
        "“We need air defence now, not next year,” he said.\n"
    )
    result = analyze_article(article(text), lexicons)
    row = result.quotations.iloc[0]
    assert (row.speaker_text, row.speaker_name, row.link) == ("he", "Volodymyr Zelensky", "pronoun")


def test_a_pronoun_resolves_to_a_person_named_several_sentences_back(lexicons):
    text = (
        "“The harbour wall will hold this winter,” Marta Lindqvist told the council.\n\n"
        "The council asked for a second survey of the wall.\n\n"
        "Engineers will inspect the foundations in March.\n\n"
        "The ferry company has asked for a delay.\n\n"
        "“Every month of delay costs the town money,” she warned.\n"
    )
    assert speakers(text, lexicons)[-1] == ("she", "Marta Lindqvist")


def test_voice_and_sources_show_the_resolved_name(lexicons):
    text = (
        "White House press secretary Karoline Leavitt spoke to reporters on Tuesday.\n\n"
        "“We will not negotiate over the phone,” she said.\n"
    )
    result = analyze_article(article(text), lexicons)
    voice = result.stakeholders.voice
    assert "Karoline Leavitt" in set(voice["name"])
    assert voice.set_index("name").loc["Karoline Leavitt", "quotes"] == 1
    assert "Karoline Leavitt (she)" in set(result.claim_sources["source"])


def test_a_surname_is_the_full_name_given_earlier(lexicons):
    text = (
        "The former envoy Martin Halvorsen spoke at the conference on Monday.\n\n"
        "“The talks are not dead,” Halvorsen said.\n"
    )
    assert speakers(text, lexicons) == [("Halvorsen", "Martin Halvorsen")]
    voice = analyze_article(article(text), lexicons).stakeholders.voice
    assert list(voice.loc[voice["type"] == "unregistered", "name"]) == ["Martin Halvorsen"]


def test_a_pronoun_after_an_unnamed_speaker_stays_unnamed(lexicons):
    text = (
        "“The package is ready for the ministers to sign,” a senior EU diplomat said.\n\n"
        "“It will not be reopened,” he said.\n"
    )
    result = analyze_article(article(text), lexicons)
    rows = result.quotations
    assert rows.loc[1, "speaker_text"] == "he"
    assert pd.isna(rows.loc[1, "stakeholder"]) and pd.isna(rows.loc[1, "speaker_name"])


def mentions_of(text: str, lexicons) -> list[tuple[str, str, str]]:
    table = analyze_article(article(text), lexicons).stakeholders.mentions
    return list(zip(table["stakeholder"], table["alias"], table["title"], strict=True))


def test_a_short_form_counts_after_the_full_name(lexicons):
    text = (
        "The Commission has not yet published its proposal.\n\n"
        "The European Commission said on Monday it would act. The Commission gave no date.\n"
    )
    found = [m for m in mentions_of(text, lexicons) if m[0] == "european_commission"]
    assert [alias for _, alias, _ in found] == ["European Commission", "Commission"]


def test_an_all_caps_dateline_place_is_a_mention(lexicons):
    text = "MOSCOW (Reuters) - The Kremlin said on Monday that no meeting had been arranged.\n"
    found = mentions_of(text, lexicons)
    assert found[0][:2] == ("moscow", "MOSCOW")


def test_a_country_before_a_title_belongs_to_the_title(lexicons):
    text = "U.S. Secretary of State Marco Rubio met U.S. President Donald Trump on Friday.\n"
    found = mentions_of(text, lexicons)
    assert "united_states" not in {m[0] for m in found}
    titles = {m[0]: m[2] for m in found}
    assert titles.get("donald_trump") == "U.S. President"
    rubio = [m for m in found if m[1].endswith("Rubio")]
    assert rubio and rubio[0][2] == "U.S. Secretary of State"


def test_a_country_alone_still_counts(lexicons):
    found = mentions_of("The U.S. and Ukraine signed the minerals deal.\n", lexicons)
    assert "united_states" in {m[0] for m in found}


def test_a_country_before_the_title_of_an_unregistered_person_belongs_to_the_title(lexicons):
    found = mentions_of("U.S. Special Envoy Jane Holloway arrived in Kyiv.\n", lexicons)
    assert "united_states" not in {m[0] for m in found}


def test_a_name_inside_the_proper_name_of_a_body_is_not_a_mention(lexicons):
    found = mentions_of("The Federal Tax Service of the Russian Federation and the Bank of Ukraine met Russia.\n", lexicons)
    assert [m[0] for m in found] == ["russia"]


def test_a_first_name_coordinated_with_a_full_name_is_a_mention(lexicons):
    found = mentions_of("The hearing asked about Joe and Hunter Biden on Tuesday.\n", lexicons)
    assert [(m[0], m[1]) for m in found] == [("joe_biden", "Joe"), ("hunter_biden", "Hunter Biden")]
    # a first name that is no registry alias with that surname stays uncounted
    found = mentions_of("The hearing asked about Ann and Hunter Biden on Tuesday.\n", lexicons)
    assert [m[0] for m in found] == ["hunter_biden"]


def test_a_first_name_alone_after_the_full_name_is_a_mention(lexicons):
    text = ("Gordon Sondland met the delegation in the morning. "
            "Aides later spoke of the Gordon problem in their notes. Gordon Brown was not there.\n")
    found = [(m[0], m[1]) for m in mentions_of(text, lexicons)]
    assert found.count(("gordon_sondland", "Gordon")) == 1
    assert ("gordon_sondland", "Gordon Sondland") in found


def test_a_first_name_before_the_full_name_or_opening_a_sentence_is_not_a_mention(lexicons):
    text = "The Gordon problem was new. Gordon Sondland arrived. Gordon left at noon.\n"
    assert [m[1] for m in mentions_of(text, lexicons) if m[0] == "gordon_sondland"] == ["Gordon Sondland"]


def test_bodies_sharing_a_plural_head_are_each_a_mention(lexicons):
    found = mentions_of("Today the Departments of Agriculture and State announced new export rules.\n", lexicons)
    assert [(m[0], m[1]) for m in found] == [("state_department", "State")]


def test_a_pronoun_takes_up_a_person_named_by_surname_alone_as_subject(lexicons):
    # "Halvorsen gave ..." names the subject by surname alone, after a quotation of another speaker
    text = (
        "Martin Halvorsen and Erik Dahl spoke after the match.\n\n"
        "“We were patient and we were rewarded,” Dahl said.\n\n"
        "Halvorsen gave his players a long talk on Tuesday.\n\n"
        "“You have beaten some really good teams this year,” he said he told them.\n"
    )
    assert speakers(text, lexicons)[-1] == ("he", "Martin Halvorsen")


def test_a_quotation_that_goes_on_keeps_the_speaker_it_continues(lexicons):
    text = (
        "Martin Halvorsen and Erik Dahl spoke after the match.\n\n"
        "Halvorsen gave his players a long talk on Tuesday.\n\n"
        "“You have beaten some really good teams this year,” he said.\n"
        "“You have been in every game for the last ten games.\n\n"
        "“I said the same thing when I took over the national side.”\n"
    )
    assert [name for _, name in speakers(text, lexicons)] == ["Martin Halvorsen"] * 3


def test_two_single_marks_typed_for_a_double_one_close_a_quotation(lexicons):
    text = "“It was an attempt to mislead voters,’’ Will Moy, chief executive of Full Fact, told the BBC.\n"
    assert speakers(text, lexicons) == [("Will Moy", "Will Moy")]


def test_an_inverted_present_tense_reporting_verb_names_the_speaker(lexicons):
    text = "“We are truly excited about the tour,” comments Tom Johnston in a statement.\n"
    assert speakers(text, lexicons) == [("Tom Johnston", "Tom Johnston")]


def test_a_list_of_titles_before_the_name_after_the_quotation(lexicons):
    text = "“Sales were below our expectations,” chairman, CEO and president Craig Menear said in the release.\n"
    assert speakers(text, lexicons)[0][1] == "Craig Menear"


def test_an_adverb_in_ly_between_speaker_and_verb(lexicons):
    text = "The judges sent Ally Brooke to the final.\n\n“Can I give it to James?” Brooke tearfully asked.\n"
    assert speakers(text, lexicons) == [("Brooke", "Ally Brooke")]


def test_it_stands_for_the_body_last_named_as_subject(lexicons):
    text = (
        "The Harbour Council issued a statement on Monday.\n\n"
        "It said that “the wall will be repaired before the winter storms.”\n"
    )
    assert speakers(text, lexicons) == [("It", "Harbour Council")]


def test_the_ministry_is_the_ministry_named_before(lexicons):
    text = (
        "The Fisheries Ministry published its figures on Monday.\n\n"
        "“The catch fell by a third in two years,” the ministry said.\n"
    )
    assert speakers(text, lexicons) == [("the ministry", "Fisheries Ministry")]


def test_a_determiner_and_a_place_in_a_compound_are_no_name(lexicons):
    text = "One Washington-based trade expert said the tariffs would have to go.\n"
    assert sources_of(text, lexicons) == [("One Washington-based trade expert", "anonymous")]
    assert sources_of("Lucy Hart said the tariffs would have to go.\n", lexicons) == [("Lucy Hart", "named")]


def test_some_alone_is_an_unnamed_source(lexicons):
    text = "Some said they felt cheated by the agents who had promised them work.\n"
    assert sources_of(text, lexicons) == [("Some", "anonymous")]
