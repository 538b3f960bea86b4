"""Topics: the taxonomy (:mod:`.taxonomy`), the emphasis measures (:mod:`.emphasis`) and ranking stability (:mod:`.stability`).

Everything a caller uses is importable from here: ``from presslens.analysis.topics import
analyze_topics, load_taxonomy``.
"""

from presslens.analysis.facts import POSITION_WEIGHTS
from presslens.analysis.topics.emphasis import (
    EMPHASIS_COLUMNS,
    EVIDENCE_COLUMNS,
    GAP_COLUMNS,
    HIT_COLUMNS,
    SECTION_COLUMNS,
    SENSITIVITY_COLUMNS,
    TopicAnalysis,
    analyze_topics,
    check_hits,
    check_shares,
    find_topic_hits,
    topics_json,
)
from presslens.analysis.topics.stability import STABILITY_COLUMNS, TOP_N, VARIANTS, kendall_tau, ranking_stability
from presslens.analysis.topics.taxonomy import Taxonomy, TermContext, TopicEntry, TopicTerm, load_taxonomy, term_context, term_text

__all__ = [
    "EMPHASIS_COLUMNS", "EVIDENCE_COLUMNS", "GAP_COLUMNS", "HIT_COLUMNS", "POSITION_WEIGHTS", "SECTION_COLUMNS",
    "SENSITIVITY_COLUMNS", "STABILITY_COLUMNS", "TOP_N", "VARIANTS", "Taxonomy", "TermContext", "TopicAnalysis",
    "TopicEntry", "TopicTerm", "analyze_topics", "check_hits", "check_shares", "find_topic_hits", "kendall_tau",
    "load_taxonomy", "ranking_stability", "term_context", "term_text", "topics_json",
]
