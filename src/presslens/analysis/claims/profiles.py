"""Claim profiles: one row per body sentence saying how it makes its claim, and the sources it names.

The tables built on them are in :mod:`presslens.analysis.claims.tables`.

See :mod:`presslens.analysis.claims` for what the categories mean and how they combine.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property

import pandas as pd

from presslens.analysis.claims.cues import CUE_SETS, ClaimCues, CompiledCue, before_noun, before_verb, compile_cues, cue_index
from presslens.analysis.claims.sources import SourceWords, is_source_phrase, phrase_after, source_kind, subject_before
from presslens.analysis.facts import SentenceFact, SentenceFacts, sentence_facts
from presslens.analysis.matching import searchable_lower
from presslens.analysis.quotes import quotation_records
from presslens.analysis.records import records_frame
from presslens.lexicons import once_per_lexicon
from presslens.model import Article

#: Display categories in precedence order, with the words charts and tables use.
CATEGORIES = ("named_source", "anonymous_source", "prescriptive", "speculative", "unsupported")
CATEGORY_LABELS = {
    "named_source": "Attributed to a named source",
    "anonymous_source": "Attributed to an anonymous source",
    "prescriptive": "Prescriptive (the writer's advice)",
    "speculative": "Speculative (hedged or predictive)",
    "unsupported": "Unsupported assertion",
}
#: The boolean flags of a profile, as counted in summaries and cross-tabulations.
FLAGS = ("attributed", "named_source", "anonymous_source", "speculative", "prescriptive", "unsupported")


@dataclass
class _Profile:
    speculative: list[str] = field(default_factory=list)
    prescriptive: list[str] = field(default_factory=list)
    sources: list[tuple[str, str, bool]] = field(default_factory=list)  # phrase, kind, inherited
    cues: list[str] = field(default_factory=list)


_NOTHING = _Profile()  # the profile of a sentence with nothing to show (never changed)


class _Stretches:
    """The stretches of a sentence one cue set has taken: disjoint spans kept in order, so that
    "does a new match overlap one?" is a bisection, not a scan (a long sentence stays linear)."""

    __slots__ = ("ends", "starts")

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        k = bisect.bisect_left(self.starts, end)  # disjoint and in order: the last one starting before
        return k > 0 and self.ends[k - 1] > start  # ``end`` reaches furthest

    def add(self, start: int, end: int) -> None:
        k = bisect.bisect_left(self.starts, start)
        self.starts.insert(k, start)
        self.ends.insert(k, end)

    def first(self) -> int | None:
        return self.starts[0] if self.starts else None


def _inside(spans: list[tuple[int, int]], offset: int) -> bool:
    return any(a <= offset < b for a, b in spans)


SOURCE_COLUMNS = ["source", "kind", "sentence", "inherited"]


@dataclass(frozen=True)
class ClaimAnalysis:
    """The claim profiles of one article and the sources they name.

    Attributes:
        records: ``profiles`` (one row per body sentence, keys :data:`PROFILE_COLUMNS`) and
            ``sources`` (one row per source phrase found in a sentence, keys
            :data:`SOURCE_COLUMNS`), both in text order.
    """

    records: dict[str, list[dict[str, object]]] = field(repr=False)

    @cached_property
    def profiles(self) -> pd.DataFrame:
        """One row per body sentence: see :func:`claim_profiles`."""
        rows = self.records["profiles"]
        return records_frame(rows, PROFILE_COLUMNS)

    @cached_property
    def sources(self) -> pd.DataFrame:
        """One row per source phrase: see :func:`attributed_sources`."""
        return pd.DataFrame(self.records["sources"], columns=SOURCE_COLUMNS)


def claim_profiles(
    article: Article, cues: ClaimCues, *, quotations: pd.DataFrame | None = None, context_rules: bool = True
) -> pd.DataFrame:
    """Profile every body sentence: attributed (named or anonymous), speculative, prescriptive.

    Args:
        article: The structured article.
        cues: The cue lexicon from :func:`load_claim_cues`.
        quotations: The table of :func:`presslens.analysis.quotes.find_quotations`; computed when
            not given.
        context_rules: When False, speculative and prescriptive cues are matched as bare
            word lists (any case, any context, also inside reported speech): the baseline
            the hand-labelled evaluation compares the context rules with.

    Returns:
        One row per body sentence in text order, with columns ``sentence`` (id),
        ``section``, ``section_label``, ``kind``, ``attributed``, ``named_source``,
        ``anonymous_source``, ``speculative``, ``prescriptive``, ``unsupported`` (booleans),
        ``category`` (one of :data:`CATEGORIES`, see the module docstring), ``cues`` (the
        matched cue texts, ``"; "``-separated, each as ``set:id:text``), ``sources`` (the
        source phrases found, ``"; "``-separated) and ``text``.
    """
    rows = None if quotations is None else quotations.to_dict("records")
    return analyze_claims(article, cues, quotations=rows, context_rules=context_rules).profiles


_TOKENS = re.compile(r"\w+")
_SAID_TO = re.compile(r"\s+to\s")


def analyze_claims(
    article: Article,
    cues: ClaimCues,
    *,
    quotations: list[dict[str, object]] | None = None,
    context_rules: bool = True,
    facts: SentenceFacts | None = None,
) -> ClaimAnalysis:
    """Profile every body sentence and list the sources found; see :func:`claim_profiles`.

    Args:
        article: The structured article.
        cues: The cue lexicon.
        quotations: Quotation rows of :func:`presslens.analysis.quotes.quotation_records`;
            found here when None. A row's ``speaker_name`` (the speaker as resolved by
            :func:`presslens.analysis.stakeholders.voice.link_records`), when present, is
            shown with the written form: "Karoline Leavitt (she)".
        context_rules: See :func:`claim_profiles`.
        facts: The article's sentence facts, when the caller has them already.
    """
    if quotations is None:
        quotations = quotation_records(article, cues)
    cues = cues.for_language(article.metadata.language)
    facts = facts if facts is not None else sentence_facts(article)
    compiled = compile_cues(cues, context_rules=context_rules)
    anonymous_markers = _anonymous_markers(cues, compiled)
    nouns = _source_nouns(cues)
    text = article.text
    lowered = searchable_lower(text)
    body = facts.body
    order = {f.id: n for n, f in enumerate(body)}
    quote_spans = [(int(q["quote_start"]), int(q["quote_end"])) for q in quotations]  # type: ignore[call-overload]
    profiles: dict[str, _Profile] = {}  # made when a sentence has something to show
    by_key = cue_index(compiled)

    for s in body:
        words = set(_TOKENS.findall(s.text.lower()))
        candidates = sorted(n for w in words & by_key.keys() for n in by_key[w] if compiled[n].words <= words)
        if not candidates:
            continue
        profile = profiles.setdefault(s.id, _Profile())
        taken = {name: _Stretches() for name in CUE_SETS}
        pending_prescriptions: list[tuple[int, str, str]] = []
        for n in candidates:
            cue = compiled[n]
            for m in cue.pattern.finditer(text, s.start, s.end):
                if _inside(quote_spans, m.start()):
                    continue
                if taken[cue.set_name].overlaps(m.start(), m.end()):
                    continue  # one cue per stretch of words: "it is essential" not also "is essential to"
                found = m.group()
                if cue.context == "before_verb" and not before_verb(text, m.end()):
                    continue
                if cue.context == "before_noun" and not before_noun(text, m.end()):
                    continue
                if cue.set_name == "anonymous":
                    # a formula that is an anonymous source by itself ("de source diplomatique")
                    profile.sources.append((found, "anonymous", False))
                    profile.cues.append(f"anonymous:{cue.id}:{found}")
                    taken["anonymous"].add(m.start(), m.end())
                    continue
                if cue.set_name == "reporting" and cue.context == "agentless":
                    # "has been accused of": a claim on the authority of someone the text does not name
                    profile.sources.append((found, "anonymous", False))
                    profile.cues.append(f"reporting:{cue.id}:{found}")
                    taken["reporting"].add(m.start(), m.end())
                    continue
                if cue.set_name == "reporting":
                    source = _reporting_source(text, m, s, cue.context, found, nouns, lowered)
                    if source is None:
                        continue
                    profile.sources.append((source, source_kind(source, anonymous_markers, nouns), False))
                    profile.cues.append(f"reporting:{cue.id}:{found}")
                    taken["reporting"].add(m.start(), m.end())
                    continue
                taken[cue.set_name].add(m.start(), m.end())
                if cue.set_name == "prescriptive" and context_rules:
                    pending_prescriptions.append((m.start(), found, f"prescriptive:{cue.id}:{found}"))
                    continue
                getattr(profile, cue.set_name).append(found)
                profile.cues.append(f"{cue.set_name}:{cue.id}:{found}")
        # A demand after a reporting verb is the source's ("It said the ban should apply"), not the writer's.
        first_report = taken["reporting"].first()
        for start, found, label in pending_prescriptions:
            if first_report is not None and start > first_report:
                continue
            profile.prescriptive.append(found)
            profile.cues.append(label)

    for q in quotations:
        speaker = q["speaker_text"]
        if speaker is None or q["sentence"] not in order or q["end_sentence"] not in order:
            continue
        resolved = q.get("speaker_name")
        if resolved and resolved != speaker:
            speaker = f"{resolved} ({speaker})"  # the person as resolved, the words as written
        for s in body[order[q["sentence"]] : order[q["end_sentence"]] + 1]:  # type: ignore[index]
            profile = profiles.setdefault(s.id, _Profile())
            if all(str(speaker) not in src[0] for src in profile.sources):
                profile.sources.append((str(speaker), source_kind(str(speaker), anonymous_markers, nouns), False))
                profile.cues.append(f"quotation:{q['attribution']}:{q['verb']}")

    for section in article.sections:
        for block in section.blocks:
            if block.kind != "list" or block.lead_in is None or block.lead_in not in profiles:
                continue  # no lead-in, or one that is not a body sentence or shows nothing
            lead = profiles[block.lead_in]
            for item in block.items:
                for sid in item.sentences:
                    profile = profiles.setdefault(sid, _Profile())
                    profile.speculative.extend(lead.speculative)
                    profile.prescriptive.extend(lead.prescriptive)
                    profile.sources.extend((p, k, True) for p, k, _ in lead.sources)
                    profile.cues.extend(f"lead-in:{c}" for c in lead.cues)

    rows: list[dict[str, object]] = []
    sources: list[dict[str, object]] = []
    for s in body:
        profile = profiles.get(s.id, _NOTHING)
        named = any(k == "named" for _, k, _ in profile.sources)
        anonymous = any(k == "anonymous" for _, k, _ in profile.sources)
        attributed = named or anonymous
        speculative = bool(profile.speculative)
        prescriptive = bool(profile.prescriptive)
        rows.append({
            "sentence": s.id, "section": s.section, "section_label": s.section_label, "kind": s.kind,
            "attributed": attributed, "named_source": named, "anonymous_source": anonymous,
            "speculative": speculative, "prescriptive": prescriptive,
            "unsupported": not (attributed or speculative or prescriptive),
            "category": _category(named, anonymous, prescriptive, speculative),
            "cues": "; ".join(profile.cues), "sources": "; ".join(dict.fromkeys(p for p, _, _ in profile.sources)),
            "text": s.text,
        })
        for phrase, kind, inherited in dict.fromkeys(profile.sources):
            sources.append({"source": phrase, "kind": kind, "sentence": s.id, "inherited": inherited})
    return ClaimAnalysis(records={"profiles": rows, "sources": sources})


_CLAUSE_MARKS = (",", "”", '"', "“", "»", "«")


def _ends_with_mark(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]``, without trailing spaces and dashes, ends in a comma or quotation mark.

    Read from the last stretch before ``end``, so that a long sentence stays linear.
    """
    lo = max(start, end - 64)
    tail = text[lo:end].rstrip(" —–-")
    if not tail and lo > start:
        tail = text[start:end].rstrip(" —–-")
    return tail.endswith(_CLAUSE_MARKS)


def _category(named: bool, anonymous: bool, prescriptive: bool, speculative: bool) -> str:
    """The display category by precedence (see the module docstring)."""
    if named:
        return "named_source"
    if anonymous:
        return "anonymous_source"
    if prescriptive:
        return "prescriptive"
    if speculative:
        return "speculative"
    return "unsupported"


def _reporting_source(text: str, m: re.Match[str], s: SentenceFact, context: str, found: str,
                      nouns: SourceWords, lowered: str | None = None) -> str | None:
    """The source of a reporting cue at ``m`` in sentence ``s``, or None when it has none.

    ``lowered``: the text lower-cased for searching (:func:`presslens.analysis.matching.searchable_lower`).
    """
    if context == "after_source":
        if not found.islower():
            return None
        if _SAID_TO.match(text, m.end(), m.end() + 5):
            return None  # "said to hold": hearsay without a source
        subject = subject_before(text, m.start(), s.start, found, lowered=lowered)
        if subject and is_source_phrase(subject, nouns):
            return subject
        if _ends_with_mark(text, s.start, m.start()):
            inverted = phrase_after(text, m.end(), s.end, vocabulary=nouns, max_words=8, appositive=True)
            if inverted and is_source_phrase(inverted, nouns):
                return inverted
        return None
    after = phrase_after(text, m.end(), s.end, vocabulary=nouns)
    return after if after and is_source_phrase(after, nouns) else None


@once_per_lexicon
def _source_nouns(cues: ClaimCues) -> SourceWords:
    """The lexicon's source nouns and institution nouns as sets (made once per lexicon)."""
    return SourceWords(frozenset(cues.source_nouns), frozenset(cues.institution_nouns))


@once_per_lexicon
def _anonymous_markers(cues: ClaimCues, compiled: list[CompiledCue]) -> re.Pattern[str]:
    """The ``anonymous`` cue set as one pattern (compiled once per lexicon)."""
    return re.compile("|".join(c.pattern.pattern for c in compiled if c.set_name == "anonymous"), re.IGNORECASE)


PROFILE_COLUMNS = [
    "sentence", "section", "section_label", "kind", "attributed", "named_source", "anonymous_source",
    "speculative", "prescriptive", "unsupported", "category", "cues", "sources", "text",
]


def check_profiles(profiles: pd.DataFrame) -> None:
    """Check the invariants of a profile table.

    Raises:
        ValueError: When sentence ids repeat, ``attributed`` is not ``named_source or
            anonymous_source``, ``unsupported`` is not "none of the other three", or
            ``category`` disagrees with the flags.
    """
    if list(profiles.columns) != PROFILE_COLUMNS:
        raise ValueError(f"claim profiles must have columns {PROFILE_COLUMNS}, not {list(profiles.columns)}")
    if profiles["sentence"].duplicated().any():
        raise ValueError("claim profiles: a sentence appears more than once")
    if profiles.empty:
        return
    if not (profiles["attributed"] == (profiles["named_source"] | profiles["anonymous_source"])).all():
        raise ValueError("claim profiles: attributed must equal named_source or anonymous_source")
    expected_unsupported = ~(profiles["attributed"] | profiles["speculative"] | profiles["prescriptive"])
    if not (profiles["unsupported"] == expected_unsupported).all():
        raise ValueError("claim profiles: unsupported must be true exactly when no other category applies")
    for row in profiles.itertuples():
        first = next(c for c in CATEGORIES if c == "unsupported" or getattr(row, c))
        if row.category != first:
            raise ValueError(f"claim profiles: sentence {row.sentence} has category {row.category!r}, flags say {first!r}")
