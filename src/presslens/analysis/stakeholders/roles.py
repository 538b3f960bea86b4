"""The role check: titles the article gives that contradict the registry's dated offices.

"former U.S. President Donald Trump" on a day Trump holds the office, or "President Biden"
after his term, is flagged with the reason and the sentence. A flag is a prompt to check,
not a verdict; ``in_quotation`` tells the writer's words from a speaker's.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd

from presslens.analysis.stakeholders.registry import Registry, Role, StakeholderEntry, TitleEntry, title_spellings
from presslens.model import Article

#: Words that, leading a title, say the stakeholder no longer holds the office.
FORMER_QUALIFIERS = ("former", "ex-", "ex", "erstwhile")
#: Leading words ignored when finding the office a title names.
TITLE_QUALIFIERS = {"former", "ex-", "ex", "erstwhile", "then", "then-", "the", "late", "outgoing", "incoming"}


def title_office(title: TitleEntry, entry: StakeholderEntry) -> str | None:
    """The office a title names, among the stakeholder's roles, or None.

    An explicit ``office`` wins. Otherwise the leading qualifiers (former, ex-, the,
    late...) are dropped and the longest run of the title's last words that begins a
    role's title names it: "former U.S. President" names "President of the United States",
    "Vice President" names "Vice President of the United States" rather than "President
    of ...". Titles that begin no role ("Mr.", "President-elect") name no office.
    """
    if title.office:
        return title.office
    words = title.title.lower().split()
    while words and words[0] in TITLE_QUALIFIERS:
        words = words[1:]
    offices = list(dict.fromkeys(role.title for role in entry.roles))
    for k in range(len(words), 0, -1):
        suffix = words[-k:]
        for office in offices:
            if office.lower().split()[:k] == suffix:
                return office
    return None


def declared_title(said: str, entry: StakeholderEntry) -> TitleEntry:
    """The registry's entry for a title as the article writes it, or a bare entry when not declared.

    Runs of whitespace count as one space, and a capitalised form ("Former U.S. President",
    opening a sentence) is the registered "former U.S. President".
    """
    written = " ".join(said.split())
    for title in entry.title_entries:
        if written in title_spellings(title.title):
            return title
    return TitleEntry(title=written)


def is_former(title: str) -> bool:
    """Whether a title says the office is no longer held ("former President", "ex-minister")."""
    lower = title.lower()
    return lower.startswith(tuple(q + " " for q in FORMER_QUALIFIERS)) or lower.startswith("ex-")


def _period(roles: list[Role]) -> str:
    return ", ".join(f"{r.start} to {r.end}" if r.end else f"since {r.start}" for r in roles)


ROLE_FLAG_COLUMNS = ["stakeholder", "name", "title", "office", "sentence", "text", "published", "in_quotation", "reason"]


def check_roles(
    mentions: pd.DataFrame,
    registry: Registry,
    article: Article,
    published: date,
    *,
    quotations: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Flag titles that contradict the registry's dated roles on the publication date.

    A "former" title contradicts a role held that day, or an office never held before;
    another title naming an office contradicts not holding it that day. Titles that name
    no office (see :func:`title_office`) are not checked. A flag is a prompt to check,
    not a verdict: a title used about the past ("In 1997, President Bill Clinton") is
    flagged too, and so is a title inside a direct quotation, which is the speaker's
    courtesy rather than the writer's claim; ``in_quotation`` tells those apart.

    Args:
        mentions: The mentions table.
        registry: The registry with dated roles.
        article: The article.
        published: The date to check against.
        quotations: Direct quotations (``quote_start``, ``quote_end``), to mark flags inside them.

    Returns:
        Columns :data:`ROLE_FLAG_COLUMNS`.
    """
    quoted = [] if quotations is None else list(zip(quotations["quote_start"], quotations["quote_end"], strict=True))
    rows = role_flag_records(mentions.to_dict("records"), registry, article, published, quoted)
    return pd.DataFrame(rows, columns=ROLE_FLAG_COLUMNS)


def role_flag_records(mentions: list[dict[str, Any]], registry: Registry, article: Article, published: date,
                      quoted: list[tuple[int, int]]) -> list[dict[str, Any]]:
    """:func:`check_roles` on mention rows and the ``(start, end)`` spans of direct quotations."""
    entries = registry.by_id
    rows = []
    for m in mentions:
        if not m["title"]:
            continue
        entry = entries[m["stakeholder"]]
        if not entry.roles:
            continue
        said = m["title"]
        written = " ".join(said.split())
        title = declared_title(said, entry)
        office = title_office(title, entry)
        if office is None:
            continue
        held = [r for r in entry.roles if r.title == office]
        active = any(r.active_on(published) for r in held)
        reason = None
        if title.former or is_former(written):
            if active:
                reason = f"called “{said}” but held {office} on {published} ({_period(held)})"
            elif not any(r.start <= published for r in held):
                reason = f"called “{said}” but had not yet held {office} on {published} ({_period(held)})"
        elif not active:
            reason = f"called “{said}” but did not hold {office} on {published} ({_period(held) or 'never'})"
        if reason:
            rows.append(
                {
                    "stakeholder": m["stakeholder"],
                    "name": entry.name,
                    "title": m["title"],
                    "office": office,
                    "sentence": m["sentence"],
                    "text": article.sentence_text(m["sentence"]),
                    "published": published.isoformat(),
                    "in_quotation": any(start <= m["start"] < end for start, end in quoted),
                    "reason": reason,
                }
            )
    return rows
