"""Metadata for folders: the headline rule (no subhead as title), manifests with export
column names, file-name patterns, and the ten real articles with and without a manifest.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from presslens.errors import PresslensError
from presslens.ingest import ingest_file, ingest_text
from presslens.ingest.outline import MetadataFields
from presslens.model import Article


def parse(text: str, **meta: object) -> Article:
    return ingest_text(text, MetadataFields(source_path="memory.txt", **meta))


# --- the headline rule -------------------------------------------------------------------

def test_a_subhead_after_the_lead_is_not_the_title() -> None:
    article = parse(
        "In a joint statement, the ministries accused U.S. forces of blocking a return.\n\n"
        "The Pentagon rejected the accusations as false.\n\n"
        "The al-Tanf base\n\n"
        "The U.S. will keep its base in al-Tanf.\n"
    )
    assert article.metadata.title_source == "file_name" and article.metadata.title == "Memory"
    assert [article.sentence_text(s) for s in article.sentences if s.kind == "heading"] == ["The al-Tanf base"]


def test_a_sentence_case_heading_right_after_the_lead_is_a_subhead() -> None:
    article = parse('Morrison said he was not concerned about the call.\n\n"My fears have been realized"\n\nHe said so on Tuesday.\n')
    assert article.metadata.title_source == "file_name"


def test_a_headline_capitalised_heading_after_a_standfirst_is_the_title() -> None:
    article = parse("Leaders meet on Wednesday, officials said.\n\nLeaders to Discuss Strategic Cooperation Amid Conflict\n\nThe talks begin.\n")
    assert article.metadata.title_source == "first_heading"
    assert article.metadata.title == "Leaders to Discuss Strategic Cooperation Amid Conflict"
