"""Wire-service datelines at the start of an article's body.

News copy often opens with a dateline: the place the story was filed from, sometimes a
date, and the wire agency, then a dash: ``WASHINGTON (AP) —``, ``HANOI, Vietnam (AP) —``,
``MOSCOW, April 28 (RIA Novosti) –``, ``LONDON (Reuters) -`` or, without an agency,
``LONDON —``. The place and agency are metadata (``dateline``, ``agency``); the dateline
itself stays in the canonical text, so the first sentence still reads as published.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from presslens.vocabulary import MONTH_ABBREVIATIONS, month_pattern

_MONTH = rf"(?:{'|'.join(MONTH_ABBREVIATIONS)})\.?|{month_pattern()}"
#: A place in capitals ("WASHINGTON", "NEW YORK", "ST. PETERSBURG"), optionally followed by
#: a region or country in ordinary case ("HANOI, Vietnam", "PORTLAND, Ore.").
_PLACE = r"(?P<place>[A-Z][A-Z.'’\-]+(?:\s[A-Z][A-Z.'’\-]+){0,3}(?:,\s[A-Z][A-Za-z.'’\-]+(?:\s[A-Z][A-Za-z.'’\-]+){0,2})?)"
_DATE = rf"(?:,\s(?:{_MONTH})\s\d{{1,2}}(?:,\s\d{{4}})?)"
#: The story itself starts like a sentence.
_SENTENCE_START = r"(?=[\"“‘'(]?[A-Z0-9])"
_AGENCY = r"\((?P<agency>[A-Z][A-Za-z0-9.&’'\- ]{0,40})\)"

#: Place, optional date, agency in brackets, then any dash.
_WITH_AGENCY_RE = re.compile(rf"{_PLACE}{_DATE}?\s{_AGENCY}\s*[—–-]{{1,2}}\s+{_SENTENCE_START}")
#: Place and optional date, then an em or en dash (a hyphen alone is too common in prose).
_WITHOUT_AGENCY_RE = re.compile(rf"{_PLACE}{_DATE}?\s[—–]{{1,2}}\s+{_SENTENCE_START}")


@dataclass(frozen=True)
class Dateline:
    """A recognised dateline.

    Attributes:
        place: Where the story was filed ("WASHINGTON", "HANOI, Vietnam").
        agency: The wire agency ("AP", "RIA Novosti"), or None when the dateline names none.
        end: Offset just past the dateline (its dash and the following space) in the text.
    """

    place: str
    agency: str | None
    end: int


def find_dateline(text: str, start: int = 0) -> Dateline | None:
    """Recognise a dateline at ``text[start:]``.

    Args:
        text: The canonical text.
        start: Where the body's first paragraph begins.

    Returns:
        The dateline, or None when the paragraph does not open with one.
    """
    match = _WITH_AGENCY_RE.match(text, start) or _WITHOUT_AGENCY_RE.match(text, start)
    if match is None:
        return None
    place = match.group("place")
    # a place is mostly capitals; "The (Guardian) -" or a capitalised sentence is not a dateline
    head = place.split(",")[0]
    agency = match.groupdict().get("agency")
    # without an agency, a short capitalised word ("US — The ...") is more likely prose
    if any(c.islower() for c in head) or sum(c.isupper() for c in head) < (2 if agency else 3):
        return None
    return Dateline(place=place.strip(), agency=agency.strip() if agency else None, end=match.end())
