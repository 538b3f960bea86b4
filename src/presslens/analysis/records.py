"""Records to tables: the measures keep plain rows, and this makes the DataFrames users read.

Every analysis table is built the same way, from a list of row dicts and the table's column
order, so that an empty table still has its columns and a column of ints with a missing value
becomes what pandas makes of it everywhere (floats with NaN).
"""

from __future__ import annotations

from typing import Any

import pandas as pd


def records_frame(rows: list[dict[str, Any]], columns: list[str], dtypes: dict[str, str] | None = None) -> pd.DataFrame:
    """A DataFrame of ``rows`` with exactly ``columns``, in that order, cast to ``dtypes`` when given."""
    table = pd.DataFrame({c: [r[c] for r in rows] for c in columns}, columns=columns)
    return table.astype(dtypes) if dtypes else table
