"""Calendar words every layer shares: month and weekday names and the abbreviations news copy uses.

Defined once here so that the sentence splitter, the dateline parser, the claim rules and name
discovery agree on what a month is. The word lists that are lexicon data (reporting verbs,
source nouns, cue phrases) live in the YAML lexicons instead.
"""

from __future__ import annotations

#: Month names in calendar order.
MONTHS: tuple[str, ...] = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
#: Abbreviated month names as news copy writes them, before the optional full stop ("Sept." included).
MONTH_ABBREVIATIONS: tuple[str, ...] = ("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec")
#: Weekday names, Monday first.
WEEKDAYS: tuple[str, ...] = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def month_pattern() -> str:
    """A regex alternation of full month names (no group, no boundaries)."""
    return "|".join(MONTHS)
