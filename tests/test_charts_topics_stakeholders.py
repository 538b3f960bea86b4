"""Chart builders for topics and stakeholders return Figures with the expected traces and colours."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from presslens.report.charts.stakeholders import (
    STAKEHOLDER_TYPE_COLOURS,
    co_mention_network,
    mention_bars,
    mention_positions,
)
from presslens.report.charts.topics import TOPIC_COLOURS, topic_colour_map, topic_emphasis_bars, topic_flow, topic_section_heatmap
from presslens.analysis.stakeholders import analyze_stakeholders, load_registry
from presslens.analysis.topics import analyze_topics, load_taxonomy


@pytest.fixture(scope="module")
def topics(seed):
    return analyze_topics(seed, load_taxonomy())


@pytest.fixture(scope="module")
def people(seed):
    return analyze_stakeholders(seed, load_registry())


def test_topic_colours_are_distinct_and_stable():
    assert len(set(TOPIC_COLOURS.values())) == len(TOPIC_COLOURS)
    ids = list(TOPIC_COLOURS) + ["new_a", "new_b"]
    colours = topic_colour_map(ids)
    assert len(set(colours.values())) == len(ids)
    assert colours["diplomacy"] == TOPIC_COLOURS["diplomacy"]
    assert topic_colour_map(["new_a", "new_b"]) == {k: colours[k] for k in ("new_a", "new_b")}


def test_topic_emphasis_bars(topics):
    fig = topic_emphasis_bars(topics.emphasis)
    assert isinstance(fig, go.Figure)
    assert [t.name for t in fig.data] == ["Share of body words", "Weighted share (title, headings, lead count more)"]
    assert len(fig.data[0].y) == len(topics.emphasis)
    assert fig.data[1].marker.color[-1] == TOPIC_COLOURS["diplomacy"]  # top topic, drawn last
    assert fig.layout.xaxis.title.text == "Share of the article's words"


def test_topic_section_heatmap(topics):
    fig = topic_section_heatmap(topics.by_section)
    assert [type(t).__name__ for t in fig.data] == ["Heatmap"]
    assert len(fig.data[0].x) == 5 and len(fig.data[0].y) == 10


def test_topic_flow(topics):
    fig = topic_flow(topics.evidence)
    assert {t.name for t in fig.data} == set(topics.evidence["label"])
    by_name = {t.name: t for t in fig.data}
    assert by_name["Diplomacy"].marker.color == TOPIC_COLOURS["diplomacy"]
    assert fig.layout.xaxis.title.text.startswith("Position in the article")


def test_mention_bars(people):
    fig = mention_bars(people.summary)
    assert [t.name for t in fig.data] == ["People", "Countries", "Organisations"]
    assert fig.data[0].marker.color == STAKEHOLDER_TYPE_COLOURS["person"]
    assert sum(sum(t.x) for t in fig.data) == people.summary["mentions"].sum()


def test_mention_positions(people):
    fig = mention_positions(people.mentions)
    assert [t.name for t in fig.data] == ["People", "Countries", "Organisations"]
    assert sum(len(t.x) for t in fig.data) == len(people.mentions)


def test_co_mention_network(people):
    fig = co_mention_network(people.co_mentions, people.summary)
    lines = [t for t in fig.data if t.mode == "lines"]
    nodes = [t for t in fig.data if t.mode == "markers+text"]
    assert len(lines) == len(people.co_mentions)
    assert sum(len(t.x) for t in nodes) == len(set(people.co_mentions["a"]) | set(people.co_mentions["b"]))
    assert {t.name for t in nodes} <= set(["People", "Countries", "Organisations"])


def test_co_mention_network_draws_at_most_limit_nodes() -> None:
    import pandas as pd

    from presslens.report.charts.stakeholders import co_mention_network

    ids = [f"s{i}" for i in range(20)]
    summary = pd.DataFrame({"id": ids, "name": [f"Name {i}" for i in range(20)], "type": "person", "mentions": range(40, 20, -1)})
    pairs = pd.DataFrame({"a": ids[:-1], "b": ids[1:], "sentences": 1})
    fig = co_mention_network(pairs, summary, limit=5)
    nodes = [t for t in fig.data if t.mode == "markers+text"]
    assert sum(len(t.x) for t in nodes) == 5
    assert {name for t in nodes for name in t.text} == {f"Name {i}" for i in range(5)}
    assert len([t for t in fig.data if t.mode == "lines"]) == 4


def test_long_titles_and_labels_wrap_for_a_phone_and_markup_survives():
    from presslens.report.charts import CATEGORY_LINE, base_layout, wrap_label

    assert wrap_label("Military support and defence", 24) == "Military support and<br>defence"
    assert wrap_label("Diplomacy", 24) == "Diplomacy"
    assert wrap_label("Title<br><sup>4 of 6 articles shown: those furthest</sup>", 20) == \
        "Title<br><sup>4 of 6 articles<br>shown: those<br>furthest</sup>"
    fig = go.Figure(go.Bar(y=["Intelligence, cyber and information", "Sanctions"], x=[3, 1], orientation="h"))
    base_layout(fig, title="Where each topic appears (larger markers: title, headings, lead)")
    assert all(len(line) <= 36 for line in fig.layout.title.text.split("<br>"))
    assert list(fig.layout.yaxis.ticktext) == ["Intelligence, cyber and<br>information", "Sanctions"]
    assert list(fig.data[0].y) == ["Intelligence, cyber and information", "Sanctions"]  # the data keeps the label
    assert all(len(line) <= CATEGORY_LINE for t in fig.layout.yaxis.ticktext for line in t.split("<br>"))


def _luminance(colour: str) -> float:
    channels = [int(colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_no_topic_colour_vanishes_on_jupyterlabs_dark_background():
    """Every topic colour keeps a 2.5:1 contrast against JupyterLab's dark theme (#111111), as on white."""
    dark = _luminance("#111111")
    for topic, colour in topic_colour_map(TOPIC_COLOURS).items():
        assert (_luminance(colour) + 0.05) / (dark + 0.05) >= 2.5, (topic, colour)


def test_charts_have_transparent_backgrounds_so_they_follow_the_page():
    from presslens.report.charts import base_layout

    fig = base_layout(go.Figure(go.Bar(x=[1], y=["a"], orientation="h")), title="t")
    template = fig.layout.template.layout
    assert template.paper_bgcolor == "rgba(0,0,0,0)" and template.plot_bgcolor == "rgba(0,0,0,0)"
