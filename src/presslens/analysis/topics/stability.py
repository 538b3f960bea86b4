"""How stable a topic ranking is: ranks, Kendall's tau-b, and the ranking under each sensitivity variant.

The main ranking is by ``weighted_share``; each variant (:data:`VARIANTS`) ranks by another
column of the sensitivity table (unweighted, paragraphs as the unit, restatements counted once),
and :func:`stability_records` says how far it moves.
"""

from __future__ import annotations

import bisect
import math
from typing import Any

import pandas as pd

from presslens.analysis.records import records_frame

#: How many top topics :func:`ranking_stability` compares.
TOP_N = 3
STABILITY_COLUMNS = ["variant", "kendall_tau", "top3_shared", "topics"]


def ranks(values: list[float]) -> list[int]:
    """Rank 1 = largest; ties share the best rank (pandas ``rank(method="min", ascending=False)``)."""
    ascending = sorted(values)
    n = len(values)
    return [1 + n - bisect.bisect_right(ascending, v) for v in values]


def kendall_tau(x: list[float], y: list[float]) -> float:
    """Kendall's tau-b between two score lists (ties handled); NaN when undefined.

    Args:
        x: Scores of the items under one ranking.
        y: Scores of the same items, in the same order, under the other ranking.
    """
    x = [float(v) for v in x]
    y = [float(v) for v in y]
    n = len(x)
    concordant = discordant = ties_x = ties_y = 0
    for i in range(n):
        for j in range(i + 1, n):
            dx = (x[i] > x[j]) - (x[i] < x[j])
            dy = (y[i] > y[j]) - (y[i] < y[j])
            if dx == 0 and dy == 0:
                continue
            if dx == 0:
                ties_x += 1
            elif dy == 0:
                ties_y += 1
            elif dx == dy:
                concordant += 1
            else:
                discordant += 1
    denominator = math.sqrt((concordant + discordant + ties_x) * (concordant + discordant + ties_y))
    return (concordant - discordant) / denominator if denominator else float("nan")


def _top(values: dict[str, float], n: int) -> set[str]:
    positive = [(topic, value) for topic, value in values.items() if value > 0]
    return {topic for topic, _ in sorted(positive, key=lambda tv: (-tv[1], tv[0]))[:n]}


#: The sensitivity variants compared with the main ranking, and the column each reads.
VARIANTS = {"unweighted": "share", "paragraphs": "weighted_share_paragraphs", "deduplicated": "weighted_share_deduplicated"}


def stability_records(sensitivity: list[dict[str, Any]], *, top_n: int = TOP_N) -> list[dict[str, Any]]:
    base = {r["topic"]: r["weighted_share"] for r in sensitivity}
    rows = []
    for name, column in VARIANTS.items():
        other = {r["topic"]: r[column] for r in sensitivity}
        active = [t for t in base if base[t] > 0 or other[t] > 0]
        tau = kendall_tau([base[t] for t in active], [other[t] for t in active]) if len(active) >= 2 else float("nan")
        rows.append({"variant": name, "kendall_tau": round(tau, 4) if not math.isnan(tau) else tau,
                     "top3_shared": len(_top(base, top_n) & _top(other, top_n)), "topics": len(active)})
    return rows


def ranking_stability(sensitivity: pd.DataFrame, *, top_n: int = TOP_N) -> pd.DataFrame:
    """Compare the main ranking (``weighted_share``) with each variant.

    Only topics with a non-zero value under the main ranking or the variant take part.

    Args:
        sensitivity: The ``sensitivity`` table of a :class:`TopicAnalysis`.
        top_n: How many top topics to compare for the overlap.

    Returns:
        One row per variant (``unweighted``, ``paragraphs``, ``deduplicated``):
        ``variant``, ``kendall_tau`` (tau-b, -1..1, NaN when fewer than two topics take
        part or all are tied), ``top3_shared`` (how many of the main top ``top_n`` are in
        the variant's top ``top_n``), ``topics`` (how many topics took part).
    """
    return records_frame(stability_records(sensitivity.to_dict("records"), top_n=top_n), STABILITY_COLUMNS)
