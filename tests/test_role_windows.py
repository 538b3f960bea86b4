"""The role check without a date: the windows in which each title is right, and where they meet."""

from __future__ import annotations

import re
from datetime import date

import pytest

from presslens.analysis import analyze_article, load_lexicons
from presslens.analysis.findings import STAKEHOLDERS_ANCHOR, key_findings, role_window_finding, stakeholder_findings
from presslens.analysis.stakeholders import (
    ROLE_WINDOW_COLUMNS,
    Registry,
    Role,
    analyze_stakeholders,
    binding_titles,
    common_windows,
    conflicting_titles,
    windows_phrase,
)
from presslens.analysis.stakeholders.windows import intersect_windows, office_terms, title_windows
from presslens.ingest import ingest_text
from presslens.ingest.metadata import MetadataFields
from presslens.model import Article

NO_QUOTES: list[dict] = []
PRESIDENT = "President of the United States"

TRUMP = {
    "id": "donald_trump", "name": "Donald Trump", "type": "person", "aliases": ["Donald Trump", "Trump"],
    "titles": ["former U.S. President", "former President", "President", "Mr."],
    "roles": [{"title": PRESIDENT, "from": "2017-01-20", "to": "2021-01-20"}, {"title": PRESIDENT, "from": "2025-01-20"}],
}
BIDEN = {
    "id": "joe_biden", "name": "Joe Biden", "type": "person", "aliases": ["Joe Biden", "Biden"],
    "titles": ["Vice President", "former Vice President", "President"],
    "roles": [{"title": "Vice President of the United States", "from": "2009-01-20", "to": "2017-01-20"},
              {"title": PRESIDENT, "from": "2021-01-20", "to": "2025-01-20"}],
}
ZELENSKY = {
    "id": "volodymyr_zelensky", "name": "Volodymyr Zelensky", "type": "person", "aliases": ["Volodymyr Zelensky", "Zelensky"],
    "titles": ["Ukrainian President", "former President"],
    "roles": [{"title": "President of Ukraine", "from": "2019-05-20"}],
}
CARTER = {"id": "jimmy_carter", "name": "Jimmy Carter", "type": "person", "aliases": ["Jimmy Carter", "Carter"],
          "titles": ["Mr."]}


def article(text: str) -> Article:
    return ingest_text(text, MetadataFields(source_path="test.txt"))


def stakeholders(text: str, *entries: dict, published: date | None = None):
    return analyze_stakeholders(article(text), Registry.from_entries(list(entries)), published=published, quotations=NO_QUOTES)


def role(start: str, end: str | None = None, title: str = PRESIDENT) -> Role:
    return Role.model_validate({"title": title, "from": start, "to": end})


# -- windows of one title ---------------------------------------------------------------------


def test_current_title_fits_within_terms_and_former_title_between_them():
    terms = office_terms([role("2025-01-20"), role("2017-01-20", "2021-01-20")], PRESIDENT)
    assert terms == [(date(2017, 1, 20), date(2021, 1, 20)), (date(2025, 1, 20), None)]
    assert title_windows("President", terms) == terms
    assert title_windows("former President", terms) == [(date(2021, 1, 20), date(2025, 1, 20))]


def test_a_former_title_after_the_last_term_stays_open_and_fits_no_date_during_an_open_term():
    closed = office_terms([role("2014-06-07", "2019-05-20")], PRESIDENT)
    assert title_windows("former President", closed) == [(date(2019, 5, 20), None)]
    assert title_windows("President", closed) == [(date(2014, 6, 7), date(2019, 5, 20))]
    open_ended = office_terms([role("2019-05-20")], PRESIDENT)
    assert title_windows("former President", open_ended) == []
    assert title_windows("ex-President", open_ended) == []
    assert title_windows("President", open_ended) == [(date(2019, 5, 20), None)]


def test_terms_that_touch_are_one_term_and_other_offices_are_left_out():
    roles = [role("2000-05-07", "2008-05-07"), role("2008-05-07", "2010-01-01"),
             role("2012-05-07"), role("2008-05-08", "2012-05-07", title="Prime Minister")]
    terms = office_terms(roles, PRESIDENT)
    assert terms == [(date(2000, 5, 7), date(2010, 1, 1)), (date(2012, 5, 7), None)]
    assert title_windows("former President", terms) == [(date(2010, 1, 1), date(2012, 5, 7))]


def test_windows_in_words():
    assert windows_phrase([(date(2021, 1, 20), date(2025, 1, 20))]) == "between 2021-01-20 and 2025-01-20"
    assert windows_phrase([(date(2017, 1, 20), date(2021, 1, 20)), (date(2025, 1, 20), None)]) == (
        "between 2017-01-20 and 2021-01-20 or from 2025-01-20 on"
    )
    assert windows_phrase([]) == "at no date"


def test_intersection_keeps_the_dates_in_both():
    two_terms = [(date(2017, 1, 20), date(2021, 1, 20)), (date(2025, 1, 20), None)]
    assert intersect_windows(two_terms, [(date(2019, 5, 20), None)]) == [
        (date(2019, 5, 20), date(2021, 1, 20)), (date(2025, 1, 20), None)
    ]
    assert intersect_windows(two_terms, [(date(2021, 1, 20), date(2025, 1, 20))]) == []


# -- the table --------------------------------------------------------------------------------


def test_role_windows_table_has_one_row_per_title_and_window():
    result = stakeholders(
        "Headline\n\nFormer U.S. President Donald Trump met Ukrainian President Volodymyr Zelensky. "
        "President Trump spoke. Later former U.S. President Trump left. Mr. Trump was tired.",
        TRUMP, ZELENSKY,
    )
    table = result.role_windows
    assert list(table.columns) == ROLE_WINDOW_COLUMNS
    rows = [tuple(r) for r in table[["title", "office", "start", "end", "first_sentence"]].itertuples(index=False)]
    assert rows == [
        # the capitalised form opening the sentence is the registered title; "Mr." names no office
        ("former U.S. President", PRESIDENT, date(2021, 1, 20), date(2025, 1, 20), "s2"),
        ("Ukrainian President", "President of Ukraine", date(2019, 5, 20), None, "s2"),
        ("President", PRESIDENT, date(2017, 1, 20), date(2021, 1, 20), "s3"),
        ("President", PRESIDENT, date(2025, 1, 20), None, "s3"),
    ]
    assert [t.title for t in result.title_windows] == ["former U.S. President", "Ukrainian President", "President"]
    # the table does not depend on a date
    dated = stakeholders("Headline\n\nFormer U.S. President Donald Trump spoke.", TRUMP, published=date(2025, 6, 25))
    assert len(dated.role_windows) == 1 and len(dated.role_flags) == 1


def test_a_title_that_fits_no_date_has_one_row_without_dates():
    result = stakeholders("Headline\n\nformer President Volodymyr Zelensky spoke.", ZELENSKY)
    rows = result.role_windows.to_dict("records")
    assert [(r["title"], r["start"], r["end"]) for r in rows] == [("former President", None, None)]
    assert result.title_windows[0].windows == ()


# -- where the titles meet, and the finding ---------------------------------------------------


def test_titles_that_leave_a_window_date_the_article():
    titles = stakeholders(
        "Headline\n\nformer U.S. President Donald Trump met Ukrainian President Volodymyr Zelensky.", TRUMP, ZELENSKY
    ).title_windows
    assert common_windows(titles) == [(date(2021, 1, 20), date(2025, 1, 20))]
    assert conflicting_titles(titles) == []
    assert [t.title for t in binding_titles(titles)] == ["former U.S. President"]
    finding = role_window_finding(titles)
    assert finding is not None and finding.anchor == STAKEHOLDERS_ANCHOR
    assert finding.text == (
        "The article gives no date, so its titles date it: “former U.S. President” fits Donald Trump only for "
        "articles dated between 2021-01-20 and 2025-01-20, and only then do both titles the registry can date fit."
    )


def test_two_titles_that_narrow_the_window_together_are_both_named():
    titles = stakeholders(
        "Headline\n\nPresident Donald Trump met Joe Biden. Later, former Vice President Biden spoke.", TRUMP, BIDEN,
    ).title_windows
    # President Trump: 2017-2021 or 2025-; former Vice President Biden: from 2017-01-20 on
    assert common_windows(titles) == [(date(2017, 1, 20), date(2021, 1, 20)), (date(2025, 1, 20), None)]
    assert [t.title for t in binding_titles(titles)] == ["President"]
    with_zelensky = stakeholders(
        "Headline\n\nPresident Donald Trump met Ukrainian President Volodymyr Zelensky.", TRUMP, ZELENSKY
    ).title_windows
    assert [t.title for t in binding_titles(with_zelensky)] == ["President", "Ukrainian President"]
    text = role_window_finding(with_zelensky).text
    assert text.endswith(
        "“President” fits Donald Trump only for articles dated between 2017-01-20 and 2021-01-20 or from 2025-01-20 on; "
        "“Ukrainian President” fits Volodymyr Zelensky only for articles dated from 2019-05-20 on; both titles the "
        "registry can date fit together only for articles dated between 2019-05-20 and 2021-01-20 or from 2025-01-20 on."
    )


def test_titles_that_leave_no_date_contradict_each_other():
    titles = stakeholders(
        "Headline\n\nformer U.S. President Donald Trump met Vice President Joe Biden and Ukrainian President Zelensky.",
        TRUMP, BIDEN, ZELENSKY,
    ).title_windows
    assert common_windows(titles) == []
    assert [t.title for t in conflicting_titles(titles)] == ["former U.S. President", "Vice President"]
    assert binding_titles(titles) == []
    assert role_window_finding(titles).text == (
        "The article gives no date, and its titles contradict each other: no date fits both "
        "“former U.S. President” (Donald Trump, between 2021-01-20 and 2025-01-20) and "
        "“Vice President” (Joe Biden, between 2009-01-20 and 2017-01-20)."
    )


def test_a_title_that_fits_no_date_is_the_contradiction():
    titles = stakeholders("Headline\n\nformer President Volodymyr Zelensky met Donald Trump.", ZELENSKY, TRUMP).title_windows
    assert role_window_finding(titles).text == (
        "The article gives no date, and “former President” fits Volodymyr Zelensky at no date "
        "(no term as President of Ukraine has ended)."
    )


def test_no_dated_title_keeps_the_note_that_titles_were_not_checked(lexicons):
    result = stakeholders("Headline\n\nMr. Trump met Jimmy Carter. Trump spoke.", TRUMP, CARTER)
    assert result.role_windows.empty and list(result.role_windows.columns) == ROLE_WINDOW_COLUMNS
    assert role_window_finding(result.title_windows) is None
    analysis = analyze_article(article("Headline\n\nMr. Trump met Joe Biden in Kyiv. Mr. Trump spoke."), lexicons)
    texts = [f.text for f in stakeholder_findings(analysis)]
    assert any(t.startswith("The article has no publication date, so the titles it uses were not checked") for t in texts)
    assert not any(t.startswith("The article gives no date") for t in texts)


# -- the seed ---------------------------------------------------------------------------------

SEED_FINDING = (
    "The article gives no date, so its titles date it: “former U.S. President” fits Donald Trump only for articles "
    "dated between 2021-01-20 and 2025-01-20, and only then do all 4 titles the registry can date fit."
)


@pytest.fixture(scope="module")
def lexicons():
    return load_lexicons()


def test_seed_findings_date_the_article_by_its_titles(seed: Article, lexicons) -> None:
    texts = [f.text for f in key_findings(analyze_article(seed, lexicons))]
    assert SEED_FINDING in texts
    assert not any("were not checked" in t for t in texts)


def test_with_a_date_the_seed_shows_the_flag_not_the_window(seed: Article, lexicons) -> None:
    texts = [f.text for f in key_findings(analyze_article(seed, lexicons, published=date(2025, 6, 25)))]
    assert SEED_FINDING not in texts and not any(t.startswith("The article gives no date") for t in texts)
    assert any(t.startswith("Donald Trump is called “former U.S. President” but held") for t in texts)


# -- the report -------------------------------------------------------------------------------


def _report(published: str = ""):
    from presslens.paths import DEFAULT_ARTICLE, DEFAULT_CLAIM_CUES, DEFAULT_STAKEHOLDERS, DEFAULT_TOPICS
    from presslens.report import article as rn

    return rn.build_report(str(DEFAULT_ARTICLE), topics=str(DEFAULT_TOPICS), stakeholders=str(DEFAULT_STAKEHOLDERS),
                           claim_cues=str(DEFAULT_CLAIM_CUES), published=published)


def _text(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def test_seed_report_without_a_date_shows_the_windows(tmp_path) -> None:
    import pandas as pd

    from presslens.report import article as rn

    report = _report()
    findings = rn.show_findings(report).data
    assert SEED_FINDING in _text(findings)
    assert 'between <span class="pl-date">2021-01-20</span> and <span class="pl-date">2025-01-20</span>' in findings
    section = _text(rn.show_role_flags(report).data)
    assert SEED_FINDING in section and "Role check without a date: when each title is right" in section
    assert "between 2021-01-20 and 2025-01-20" in section and "from 2019-05-20 on" in section
    rn.save_report_tables(report, str(tmp_path))
    saved = pd.read_csv(tmp_path / "role_windows.csv", keep_default_na=False)
    assert list(saved.columns) == ROLE_WINDOW_COLUMNS
    trump = saved[saved["title"] == "former U.S. President"].iloc[0]
    assert (trump["start"], trump["end"]) == ("2021-01-20", "2025-01-20")
    assert saved[saved["title"] == "Ukrainian President"].iloc[0]["end"] == ""


def test_seed_report_with_a_date_shows_the_flags() -> None:
    from presslens.report import article as rn

    report = _report("2025-06-25")
    assert SEED_FINDING not in _text(rn.show_findings(report).data)
    section = rn.show_role_flags(report)._repr_html_()
    assert "Role check against the article" in section and "2025-06-25" in section
    assert "when each title is right" not in section and "but held President of the United States" in section
    assert len(report.tables["role_windows"]) == 4  # the table stays, whatever the date


def test_dates_in_findings_and_notes_do_not_wrap_and_text_stays_escaped() -> None:
    from presslens.report.html import unbroken_dates

    assert unbroken_dates("<b>“x” 2021-01-20</b> 20210120") == (
        '&lt;b&gt;“x” <span class="pl-date">2021-01-20</span>&lt;/b&gt; 20210120'
    )
