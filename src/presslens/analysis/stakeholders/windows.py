"""Title windows: the dates at which each title the article uses is right, for articles without a date.

Without a publication date the role check (:mod:`.roles`) has nothing to compare with, but the
registry's dated roles still say when each title would be right: "former U.S. President" fits
Donald Trump only between his two terms, "Ukrainian President" fits Volodymyr Zelensky from
2019-05-20 on. :func:`role_windows` makes that a table, one row per title and window;
:func:`common_windows` intersects the windows of all titles, and :func:`conflicting_titles` names
the titles that leave no date at which all are right. Dates follow :class:`~.registry.Role`:
``start`` inclusive, ``end`` exclusive, ``end`` None for a window still open.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from presslens.analysis.records import records_frame
from presslens.analysis.stakeholders.registry import Registry, Role
from presslens.analysis.stakeholders.roles import declared_title, is_former, title_office

#: A run of dates: ``(start, end)``, start inclusive, end exclusive, end None when open.
Window = tuple[date, date | None]

ROLE_WINDOW_COLUMNS = ["stakeholder", "name", "title", "office", "start", "end", "first_sentence"]


@dataclass(frozen=True)
class TitleWindows:
    """One title of the :func:`role_windows` table with all its windows (none: it fits no date)."""

    stakeholder: str
    name: str
    title: str
    office: str
    windows: tuple[Window, ...]
    first_sentence: str


def office_terms(roles: list[Role], office: str) -> list[Window]:
    """The terms in ``office``, in date order, with overlapping or touching terms joined."""
    return _joined(sorted(((r.start, r.end) for r in roles if r.title == office), key=lambda w: w[0]))


def title_windows(title: str, terms: list[Window], *, former: bool = False) -> list[Window]:
    """The windows in which ``title`` is right, given the terms of the office it names.

    A "former" title (by its words, or declared ``former`` in the registry) fits from the end
    of each term to the start of the next (open after the last term); any other title fits
    within the terms.
    """
    if not (former or is_former(title)):
        return list(terms)
    return [(end, terms[k + 1][0] if k + 1 < len(terms) else None)
            for k, (_, end) in enumerate(terms) if end is not None]


def role_window_records(mentions: list[dict[str, Any]], registry: Registry) -> list[dict[str, Any]]:
    """:func:`role_windows` on mention rows."""
    rows: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    for m in mentions:
        if not m["title"]:
            continue
        entry = registry.by_id[m["stakeholder"]]
        title = declared_title(m["title"], entry)
        office = title_office(title, entry)
        if office is None or (m["stakeholder"], title.title) in seen:
            continue
        terms = office_terms(entry.roles, office)
        if not terms:  # an office the registry does not date
            continue
        seen.add((m["stakeholder"], title.title))
        row = {"stakeholder": m["stakeholder"], "name": entry.name, "title": title.title, "office": office,
               "first_sentence": m["sentence"]}
        windows = title_windows(title.title, terms, former=title.former)
        rows.extend({**row, "start": start, "end": end} for start, end in windows)
        if not windows:
            rows.append({**row, "start": None, "end": None})
    return rows


def role_windows(mentions: pd.DataFrame, registry: Registry) -> pd.DataFrame:
    """The dates at which each title the article gives a registered stakeholder is right.

    Titles count once per stakeholder, in the order of their first mention, spelled as the
    registry spells them; titles that name no office the registry dates (see
    :func:`~.roles.title_office`) are left out.

    Args:
        mentions: The mentions table.
        registry: The registry with dated roles.

    Returns:
        Columns :data:`ROLE_WINDOW_COLUMNS`, one row per title and window; a title that fits
        no date has one row with ``start`` and ``end`` empty.
    """
    return role_windows_frame(role_window_records(mentions.to_dict("records"), registry))


def role_windows_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """The :func:`role_windows` table from its rows."""
    return records_frame(rows, ROLE_WINDOW_COLUMNS)


def titles_of(table: pd.DataFrame) -> list[TitleWindows]:
    """The rows of a :func:`role_windows` table gathered by title, in table order."""
    titles: dict[tuple[str, str], TitleWindows] = {}
    for row in table.to_dict("records"):
        key = (row["stakeholder"], row["title"])
        window = () if pd.isna(row["start"]) else ((row["start"], None if pd.isna(row["end"]) else row["end"]),)
        known = titles.get(key)
        titles[key] = TitleWindows(row["stakeholder"], row["name"], row["title"], row["office"],
                                   (known.windows if known else ()) + window,
                                   known.first_sentence if known else row["first_sentence"])
    return list(titles.values())


def intersect_windows(a: list[Window] | tuple[Window, ...], b: list[Window] | tuple[Window, ...]) -> list[Window]:
    """The dates in both ``a`` and ``b``, as windows in date order."""
    both = []
    for a_start, a_end in a:
        for b_start, b_end in b:
            start = max(a_start, b_start)
            ends = [e for e in (a_end, b_end) if e is not None]
            end = min(ends) if ends else None
            if end is None or start < end:
                both.append((start, end))
    return _joined(sorted(both, key=lambda w: w[0]))


def _joined(windows: list[Window]) -> list[Window]:
    """Sorted windows with touching ones joined, so that equal dates compare equal."""
    joined: list[Window] = []
    for start, end in windows:
        if joined and (joined[-1][1] is None or start <= joined[-1][1]):
            last_start, last_end = joined[-1]
            joined[-1] = (last_start, None if end is None or last_end is None else max(end, last_end))
        else:
            joined.append((start, end))
    return joined


#: Every date: the windows of no title at all.
ALWAYS: list[Window] = [(date.min, None)]


def common_windows(titles: list[TitleWindows]) -> list[Window]:
    """The windows in which every title is right (empty: the titles contradict each other)."""
    common = ALWAYS
    for title in titles:
        common = intersect_windows(common, title.windows)
    return common


def conflicting_titles(titles: list[TitleWindows]) -> list[TitleWindows]:
    """The fewest titles that leave no common date: one that fits no date, else a pair, else all.

    Empty when the titles do have a common date.
    """
    if common_windows(titles):
        return []
    for title in titles:
        if not title.windows:
            return [title]
    for k, first in enumerate(titles):
        for second in titles[k + 1:]:
            if not intersect_windows(first.windows, second.windows):
                return [first, second]
    return list(titles)


def _span(windows: tuple[Window, ...]) -> float:
    return sum(float("inf") if end is None else (end - start).days for start, end in windows)


def binding_titles(titles: list[TitleWindows]) -> list[TitleWindows]:
    """The titles that narrow the common windows down, narrowest first (empty when they conflict).

    Titles are taken from the narrowest (fewest days) and kept when they narrow what the
    earlier ones leave, until the common windows are reached.
    """
    common = common_windows(titles)
    if not common:
        return []
    kept: list[TitleWindows] = []
    left = ALWAYS
    for title in sorted(titles, key=lambda t: _span(t.windows)):
        if left == common:
            break
        narrower = intersect_windows(left, title.windows)
        if narrower != left:
            kept.append(title)
            left = narrower
    return kept


def windows_phrase(windows: list[Window] | tuple[Window, ...]) -> str:
    """Windows in words: "between 2017-01-20 and 2021-01-20 or from 2025-01-20 on" ("at no date" when none)."""
    if not windows:
        return "at no date"
    return " or ".join(f"between {start} and {end}" if end is not None else f"from {start} on" for start, end in windows)
