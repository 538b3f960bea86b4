"""Direct quotations in an article and, when the text says so, who spoke them.

A quotation is text between double quotation marks, curly (“…”) or straight ("…"), of at
least four words; shorter quoted spans are scare quotes or quoted terms (so-called
"peace plan", a "disgrace") and are left out, except a short quote that ends in its own
punctuation and is attributed right after the closing mark (“No,” he said.). Marks are
paired inside one paragraph (or list item, heading or title); a quotation still open at
the end of its paragraph runs to the paragraph's end, as news style opens every paragraph
of a long quote anew. Single quotation marks are not openers: in running text they are
too easily confused with apostrophes, and they mostly mark quotes inside quotes.

The speaker is found by rule, in this order of preference:

1. ``after``: right after the closing mark, "SPEAKER VERB" or "VERB SPEAKER" (“…,” Holmes
   testified / “…,” said the official / “…,” Morrison, Vindman's superior, said);
2. ``tail``: later in the sentence where the quotation ends, after a comma
   (“… the interests” mutually shared by Ukraine and the U.S., he warned.);
3. ``before``: the nearest "SPEAKER VERB" earlier in the sentence where the quotation
   starts (Esper said, “…” / Holmes said: “…” / He added that he viewed the delay “as …”), or
   else the subject of a relative clause that reports (Roe’s Harbour party, which won by saying
   that the wall was “…” / Ana Pires, who said the ferry was “…”);
4. ``continued``: a quotation that opens the sentence right after an attributed quotation
   in the same paragraph continues it (“…,” Volker said. “As you know, …”), and so does one
   later in the same sentence or inside the next sentence when no reporting verb comes before it
   there (Roe said the levy was “…,” but “…” / “…,” Roe said. Her rival “has never …”);
   A quotation left open at the end of its paragraph takes the speaker of the quotation that
   reopens it at the start of the next paragraph (also ``continued``);
5. ``none``: no speaker found; speaker columns are null.

A speaker is a pronoun (he, she, they, we, I, it), a run of capitalised words ("Defense
Secretary Mark Esper"), or a short noun phrase with a determiner ending in a word for a
source ("the official", "a senior EU diplomat"). An appositive after a name (", Vindman's
superior,") is not part of ``speaker_text``, but a name after a described speaker is ("the EU's
foreign policy chief Kaja Kallas"), and so is a name in apposition after a described speaker at
the end of the sentence ("said another witness in the inquiry, former adviser Jane Roe"). Pronouns are resolved to people in
:mod:`presslens.analysis.stakeholders.voice`, not here.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

import pandas as pd

from presslens.analysis.claim_lexicon import ClaimCues
from presslens.analysis.quotes.speakers import (
    SpeakerPatterns,
    default_cues,
    speaker_patterns,
    trim_speaker,
    with_apposed_name,
)
from presslens.analysis.records import records_frame
from presslens.languages import DOUBLE_QUOTES
from presslens.model import Article, count_words

#: Quotations shorter than this many words are scare quotes unless attributed right away.
MIN_QUOTE_WORDS = 4

_OPEN = "“"
_CLOSE = "”"
_STRAIGHT = '"'

#: Each language's double quotation marks read as the English curly ones, one character for one.
_MARK_TABLES: dict[str, dict[int, str]] = {
    code: str.maketrans({o: _OPEN for o, _ in pairs} | {c: _CLOSE for _, c in pairs})
    for code, pairs in DOUBLE_QUOTES.items() if code != "en"
}

COLUMNS = [
    "sentence", "end_sentence", "quote_start", "quote_end", "quote", "words", "closed",
    "speaker_text", "speaker_start", "speaker_end", "verb", "attribution",
]


@dataclass(frozen=True)
class _Span:
    start: int  # first character inside the marks
    end: int  # one past the last character inside the marks
    mark_end: int  # one past the closing mark (== end when unclosed)
    closed: bool


def _regions(article: Article) -> list[tuple[int, int]]:
    """Paragraph-like spans of the text inside which quotation marks are paired."""
    by_id = article.by_id
    regions: list[tuple[int, int]] = []
    for sentence in article.sentences:
        if sentence.kind in ("title", "heading"):
            regions.append((sentence.start, sentence.end))
    for section in article.sections:
        for block in section.blocks:
            if block.kind == "paragraph":
                first, last = by_id[block.sentences[0]], by_id[block.sentences[-1]]
                regions.append((first.start, last.end))
            for item in block.items:
                first, last = by_id[item.sentences[0]], by_id[item.sentences[-1]]
                regions.append((first.start, last.end))
    return sorted(regions)


def _mark_direction(text: str, pos: int) -> str:
    """Whether the straight mark at ``pos`` opens or closes, judged from its neighbours."""
    before = text[pos - 1] if pos > 0 else " "
    after = text[pos + 1] if pos + 1 < len(text) else " "
    if (before.isspace() or before in "([—–-") and not after.isspace():
        return "open"
    if not before.isspace() and (after.isspace() or after in ",.;:?!)—–-"):
        return "close"
    return "toggle"


_MARKS = re.compile(f"[{_OPEN}{_CLOSE}{_STRAIGHT}]")


def _quote_spans(text: str, start: int, end: int) -> list[_Span]:
    """Pair quotation marks in ``text[start:end]``.

    An opening mark met while a quotation is open ends that quotation unclosed just before
    it: this is how news style opens each paragraph of a long quotation anew, and how such
    quotations look once paragraph breaks are lost.
    """
    spans: list[_Span] = []
    open_at: int | None = None
    for mark in _MARKS.finditer(text, start, end):
        pos = mark.start()
        ch = text[pos]
        direction = {"“": "open", "”": "close"}.get(ch) or _mark_direction(text, pos)
        if direction == "toggle":
            direction = "open" if open_at is None else "close"
        if direction == "open":
            if open_at is not None:
                spans.append(_Span(open_at, pos, pos, False))
            open_at = pos + 1
        elif open_at is not None:
            spans.append(_Span(open_at, pos, pos + 1, True))
            open_at = None
        # a closing mark with nothing open is a stray mark: ignored
    if open_at is not None and open_at < end:
        spans.append(_Span(open_at, end, end, False))
    return spans


def _reporting_clause_before(text: str, ordered: list, index: int,
                             patterns: SpeakerPatterns) -> tuple[tuple[str, int, int], int, str] | None:
    """The speaker of a reporting clause in the sentence before ``ordered[index]``, with its offset and verb.

    Indirect speech ("Mr Fox said being able to close premises ... did not make an impact.") or
    speech with a quoted term ("Jim Parton ... said the new proposals “lacked compulsion”."): the
    last "SPEAKER VERB" or "VERB SPEAKER" before any quotation mark of that sentence is the
    clause. None when there is no such sentence or clause.
    """
    if index == 0:
        return None
    sentence = ordered[index - 1]
    if sentence.kind in ("title", "heading"):
        return None
    body = text[sentence.start : sentence.end]
    mark = _MARKS.search(body)
    if mark is not None:
        body = body[: mark.start()]  # only a clause before any quoted words of its own
    # "He told BBC's Breakfast ..." names its speaker before the verb; "..., said the Chancellor." after it
    found = list(patterns.speaker_verb.finditer(body)) or list(patterns.verb_speaker.finditer(body))
    if not found:
        return None
    m = found[-1]
    s_text, s0, s1 = trim_speaker(m)
    return (s_text, sentence.start + s0, sentence.start + s1), sentence.start + m.start(), m.group("verb")


def _sentence_at(starts: list[int], ids: list[str], offset: int) -> str:
    """Id of the sentence containing ``offset`` (or the last one starting before it)."""
    return ids[max(bisect.bisect_right(starts, offset) - 1, 0)]


def find_quotations(article: Article, cues: ClaimCues | None = None) -> pd.DataFrame:
    """:func:`quotation_records` as a table (columns :data:`COLUMNS`), checked against the text."""
    rows = quotation_records(article, cues)
    table = records_frame(rows, COLUMNS, {"quote_start": "int64", "quote_end": "int64", "words": "int64", "closed": "bool",
                          "speaker_start": "Int64", "speaker_end": "Int64"})
    _check_quotations(article, table)
    return table


def quotation_records(article: Article, cues: ClaimCues | None = None) -> list[dict[str, object]]:
    """Find direct quotations and attribute them to speakers where the text does.

    Args:
        article: The structured article.
        cues: The claim cue lexicon whose ``reporting`` phrases and ``source_nouns`` define
            reporting verbs and source words (the default ``claims.yaml`` when None).

    Returns:
        One row per quotation in text order, with columns ``sentence`` (id of the sentence
        where the quotation starts), ``end_sentence`` (where it ends), ``quote_start`` and
        ``quote_end`` (offsets of the quoted words, marks excluded, so
        ``article.text[quote_start:quote_end] == quote``), ``quote``, ``words``,
        ``closed`` (False when the quotation runs to the end of its paragraph without a
        closing mark), ``speaker_text``, ``speaker_start``, ``speaker_end`` (null when
        unattributed), ``verb`` (the reporting verb, lower case; null when unattributed)
        and ``attribution`` (``after``, ``tail``, ``before``, ``continued`` or ``none``;
        see the module docstring).
    """
    language = article.metadata.language
    patterns = speaker_patterns((cues if cues is not None else default_cues()).for_language(language))
    # The language's own quotation marks are read as the English curly ones (one character for one,
    # so offsets hold); the quotation itself is taken from the article's text as written.
    text = article.text.translate(_MARK_TABLES.get(article.metadata.language or "en", {}))
    # Two single marks typed for a double one ("voters,’’ Will Moy said", wire copy): read as one
    # double mark and a space, so offsets hold.
    text = text.replace("’’", "” ").replace("‘‘", " “")
    ordered = sorted(article.sentences, key=lambda s: s.start)
    starts = [s.start for s in ordered]
    ids = [s.id for s in ordered]
    position = {sid: n for n, sid in enumerate(ids)}
    by_id = article.by_id
    rows: list[dict[str, object]] = []
    last_of_previous_region: dict[str, object] | None = None
    for region_start, region_end in _regions(article):
        previous: dict[str, object] | None = None
        for span in _quote_spans(text, region_start, region_end):
            quote = text[span.start : span.end].strip()
            if not quote:
                continue
            lead = len(text[span.start : span.end]) - len(text[span.start : span.end].lstrip())
            q_start = span.start + lead
            q_end = q_start + len(quote)
            first_id = _sentence_at(starts, ids, q_start)
            last_id = _sentence_at(starts, ids, max(q_end - 1, q_start))
            end_sentence = by_id[last_id]
            start_sentence = by_id[first_id]
            speaker: tuple[str, int, int] | None = None
            verb: str | None = None
            how = "none"
            # 1. right after the closing mark
            after = text[span.mark_end : min(region_end, span.mark_end + 160)]
            # a quotation that ends in a full stop ends its sentence: a capitalised word after it
            # starts the next sentence, whose subject speaks that sentence, not this quotation
            ends_sentence = quote.endswith(".") and re.match(r"\s*[A-Z]", after) is not None
            if span.closed and not ends_sentence:
                for pattern in (patterns.after_verb_speaker, patterns.after_speaker_verb, patterns.after_titled_verb):
                    m = pattern.match(after)
                    if m and not re.search(r"[.?!;]\s", after[: m.start("speaker")]):
                        s_text, s0, s1 = trim_speaker(m)
                        speaker = with_apposed_name(text, (s_text, span.mark_end + s0, span.mark_end + s1), end_sentence.end)
                        verb, how = m.group("verb"), "after"
                        break
            # 2. later in the sentence where the quotation ends, after a comma
            if speaker is None and span.closed and not ends_sentence:
                rest = text[span.mark_end : max(end_sentence.end, span.mark_end)]
                cut = min([i for i in (rest.find(_OPEN), rest.find(_STRAIGHT)) if i >= 0], default=len(rest))
                rest = rest[:cut]
                tail_matches = sorted([*patterns.speaker_verb.finditer(rest), *patterns.verb_speaker.finditer(rest)], key=lambda m: m.start())
                for m in tail_matches:
                    if rest[: m.start()].rstrip().endswith(","):
                        s_text, s0, s1 = trim_speaker(m)
                        speaker = with_apposed_name(text, (s_text, span.mark_end + s0, span.mark_end + s1), end_sentence.end)
                        verb, how = m.group("verb"), "tail"
                        break
            # 3. earlier in the sentence where the quotation starts
            if speaker is None:
                before_start = start_sentence.start
                if previous is not None and int(previous["_mark_end"]) > before_start:  # type: ignore[call-overload]
                    before_start = int(previous["_mark_end"])  # type: ignore[call-overload]
                before = text[before_start : max(q_start - 1, before_start)]
                found = list(patterns.speaker_verb.finditer(before))
                if not found:
                    # the subject of a relative clause that reports: "Roe’s Harbour party, which won
                    # by saying that the wall was “…”"
                    found = list(patterns.relative.finditer(before.rstrip()))
                if found:
                    m = found[-1]
                    s_text, s0, s1 = trim_speaker(m)
                    speaker, verb, how = (s_text, before_start + s0, before_start + s1), m.group("verb"), "before"
            # 4. continuing the previous quotation of the paragraph, or of the paragraph before
            #    when this quotation opens its paragraph
            opens_sentence = not text[start_sentence.start : q_start].strip(_OPEN + _STRAIGHT + " ")
            if speaker is None and opens_sentence:
                earlier = previous
                if previous is None and not text[region_start:q_start].strip(_OPEN + _STRAIGHT + " "):
                    # across paragraphs only for a full sentence, not a pull-quote or subhead
                    earlier = last_of_previous_region if quote[-1] in ".?!…" else None
                reported = _reporting_clause_before(text, ordered, position[first_id], patterns)
                if reported is not None and (earlier is None or int(earlier["_mark_end"]) < reported[1]):  # type: ignore[call-overload]
                    # the sentence before reports the same speaker in indirect speech ("Mr Fox said
                    # ... . “If it's 12.30 ...”"): the quotation goes on in that speaker's words
                    speaker, verb, how = reported[0], reported[2], "continued"
                elif earlier is not None and earlier["speaker_text"] is not None:
                    earlier_end = int(earlier["_mark_end"])  # type: ignore[call-overload]
                    if q_start - earlier_end < 200:
                        speaker = (
                            str(earlier["speaker_text"]),
                            int(earlier["speaker_start"]),  # type: ignore[call-overload]
                            int(earlier["speaker_end"]),  # type: ignore[call-overload]
                        )
                        verb, how = str(earlier["verb"]), "continued"
            elif speaker is None and previous is not None and previous["speaker_text"] is not None:
                # inside a sentence with no reporting verb of its own, in the sentence where the
                # paragraph's previous quotation ends or the next one: still that speaker's words
                # (“…,” Roe said. Her rival “has never visited the site.”)
                lead_in = text[max(start_sentence.start, int(previous["_mark_end"])) : q_start]  # type: ignore[call-overload]
                gap = position[first_id] - position[str(previous["end_sentence"])]
                if gap in (0, 1) and not patterns.verb.search(lead_in):
                    speaker = (
                        str(previous["speaker_text"]),
                        int(previous["speaker_start"]),  # type: ignore[call-overload]
                        int(previous["speaker_end"]),  # type: ignore[call-overload]
                    )
                    verb, how = str(previous["verb"]), "continued"
            words = count_words(quote)
            ends_in_punctuation = quote[-1] in ",.?!"
            if words < MIN_QUOTE_WORDS and not (how == "after" and ends_in_punctuation):
                continue
            # 5. a quotation left open at the end of its paragraph, the next paragraph reopening it:
            #    the speaker named for the reopened part spoke the open part too
            open_before = previous if previous is not None else last_of_previous_region
            if (speaker is not None and open_before is not None and not open_before["closed"]
                    and open_before["speaker_text"] is None
                    and not text[int(open_before["quote_end"]) : q_start].strip(_OPEN + _STRAIGHT + " \n\u00a0")):  # type: ignore[call-overload]
                open_before.update(speaker_text=speaker[0], speaker_start=speaker[1], speaker_end=speaker[2],
                                   verb=verb.lower() if verb else None, attribution="continued")
            row: dict[str, object] = {
                "sentence": first_id,
                "end_sentence": last_id,
                "quote_start": q_start,
                "quote_end": q_end,
                "quote": article.text[q_start:q_end],
                "words": words,
                "closed": span.closed,
                "speaker_text": speaker[0] if speaker else None,
                "speaker_start": speaker[1] if speaker else None,
                "speaker_end": speaker[2] if speaker else None,
                "verb": verb.lower() if verb else None,
                "attribution": how,
                "_mark_end": span.mark_end,
            }
            rows.append(row)
            previous = row
        last_of_previous_region = previous
    rows.sort(key=lambda r: r["quote_start"])  # type: ignore[arg-type, return-value]
    for row in rows:
        del row["_mark_end"]
    return rows


def _check_quotations(article: Article, table: pd.DataFrame) -> None:
    """Invariants: offsets inside the text, quote text matches offsets, speakers match offsets."""
    for row in table.itertuples():
        if not 0 <= row.quote_start < row.quote_end <= len(article.text):
            raise ValueError(f"quotation at {row.quote_start}..{row.quote_end} lies outside the text")
        if article.text[row.quote_start : row.quote_end] != row.quote:
            raise ValueError(f"quotation text does not match offsets {row.quote_start}..{row.quote_end}")
        if not pd.isna(row.speaker_text) and article.text[int(row.speaker_start) : int(row.speaker_end)] != row.speaker_text:
            raise ValueError(f"speaker text does not match offsets {row.speaker_start}..{row.speaker_end}")
