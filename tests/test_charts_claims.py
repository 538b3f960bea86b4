"""Claim chart builders (presslens.report.charts.claims)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest

from presslens.report.charts import OKABE_ITO
from presslens.report.charts.claims import (
    CATEGORY_COLOURS,
    OKABE_ITO_GREY,
    claim_profile_by_section,
    claims_by_label_chart,
)
from presslens.analysis.claims import CATEGORIES, CATEGORY_LABELS, claim_profiles, claims_by_label, claims_by_section, load_claim_cues


@pytest.fixture(scope="module")
def profiles(seed):
    return claim_profiles(seed, load_claim_cues())


def test_category_colours_are_fixed_and_distinct():
    assert set(CATEGORY_COLOURS) == set(CATEGORIES)
    assert len(set(CATEGORY_COLOURS.values())) == len(CATEGORIES)
    assert set(CATEGORY_COLOURS.values()) <= {*OKABE_ITO, OKABE_ITO_GREY}


def test_claim_profile_by_section(profiles):
    fig = claim_profile_by_section(claims_by_section(profiles))
    assert isinstance(fig, go.Figure)
    assert [t.name for t in fig.data] == [CATEGORY_LABELS[c] for c in CATEGORIES]
    assert [t.marker.color for t in fig.data] == [CATEGORY_COLOURS[c] for c in CATEGORIES]
    assert sum(sum(t.x) for t in fig.data) == 45
    assert fig.layout.barmode == "stack"
    assert fig.layout.xaxis.title.text.startswith("Body sentences")
    assert len(fig.data[0].y) == 5 and fig.data[0].y[-1].startswith("5. Recommendations")


def test_claim_profile_by_section_needs_columns():
    with pytest.raises(ValueError, match="needs columns"):
        claim_profile_by_section(pd.DataFrame({"section": [0]}))


def test_claims_by_label_chart(profiles):
    labels = pd.DataFrame({"sentence": ["s1", "s7", "s39", "s41", "s21"], "label": ["meeting", "meeting", "diplomacy", "diplomacy", "sanctions"]})
    fig = claims_by_label_chart(claims_by_label(profiles, labels), label_title="Topic")
    assert isinstance(fig, go.Figure)
    assert fig.layout.title.text == "How claims are made, by topic"
    names = {t.name: t for t in fig.data}
    assert names["Anonymous source"].marker.color == CATEGORY_COLOURS["anonymous_source"]
    meeting = list(names["Named source"].y).index("meeting (2)")
    assert names["Named source"].x[meeting] == pytest.approx(0.5)
    assert names["Prescriptive"].x[list(names["Prescriptive"].y).index("diplomacy (2)")] == pytest.approx(1.0)
    assert fig.layout.xaxis.tickformat == ".0%"


def test_claims_by_label_chart_empty_table_gives_empty_bars():
    empty = pd.DataFrame(columns=["label", "sentences", "attributed", "named_source", "anonymous_source", "speculative", "prescriptive", "unsupported"])
    fig = claims_by_label_chart(empty)
    assert all(len(t.y) == 0 for t in fig.data)
