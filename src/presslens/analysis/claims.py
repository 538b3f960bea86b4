"""How an article makes its claims: attributed, speculative, prescriptive or unsupported.

Topic shares say what an article covers; this module says, sentence by sentence, what is
reported on someone's authority, what is hedged or predicted, what is the writer's own advice
and what is simply asserted. Each body sentence (prose sentence or list item) gets a *claim
profile* from the cue lexicon ``data/lexicons/claims.yaml`` (loaded by :func:`load_claim_cues`,
validated like every lexicon) and from the direct quotations of :mod:`presslens.analysis.quotes`.

How the categories combine:

* ``attributed``: the sentence names a source of what it reports: a reporting verb with a
  source as subject ("Ukrainian officials announced"), an inverted one (", said the official"),
  a phrase such as "according to the ministry", or a direct quotation with a speaker. Each
  source phrase is *named* or *anonymous* (see :func:`source_kind`); ``named_source`` and
  ``anonymous_source`` say which kinds occur, so ``attributed == named_source | anonymous_source``.
  Decision on unnamed officials of a named body: "Ukrainian officials announced" is **named**
  (an institutional source: the text identifies the body that made the announcement), while
  bare "officials said", "sources close to the discussions" and an indefinite singular such
  as "a senior EU diplomat" (one person the text chooses not to identify) are **anonymous**.
* ``speculative``: a hedge or prediction cue outside direct quotations.
* ``prescriptive``: a recommendation or demand cue in the writer's voice: outside direct
  quotations and not after a reporting verb with a source ("It said the ban should apply"
  reports France's demand; the sentence is attributed, not prescriptive).
* The three flags are independent: "Sources indicate the talks could stall" is attributed
  and speculative. ``unsupported`` is true exactly when none of the three is.
* List items inherit the flags, cues and sources of their list's lead-in ("Key
  recommendations include:" makes each item prescriptive); their own cues add to them.
* ``category`` is one display category, by precedence: ``named_source`` (attributed, at
  least one named source), ``anonymous_source`` (attributed, only anonymous sources),
  ``prescriptive``, ``speculative``, ``unsupported``. Attribution comes first because a
  claim that rests on a source is the source's claim however it is hedged; advice comes
  before speculation because hedged advice ("could consider") is still advice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import pandas as pd
from pydantic import Field, field_validator, model_validator

from presslens.lexicons import ID_PATTERN, LexiconModel, load_lexicon
from presslens.model import Article
from presslens.paths import DEFAULT_CLAIM_CUES
from presslens.analysis.quotes import find_quotations
from presslens.analysis.structure import section_label

CueContext = Literal["any", "before_verb", "before_noun", "after_source", "before_source"]

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

_SETS = ("speculative", "prescriptive", "reporting", "anonymous")
_ALLOWED_CONTEXTS: dict[str, tuple[str, ...]] = {
    "speculative": ("any", "before_verb", "before_noun"),
    "prescriptive": ("any", "before_verb", "before_noun"),
    "reporting": ("after_source", "before_source"),
    "anonymous": ("any",),
}


class ClaimCue(LexiconModel):
    """One entry of a cue set: an id, the phrases that trigger it, and where they count."""

    id: str = Field(pattern=ID_PATTERN)
    phrases: list[str]
    context: CueContext = "any"
    match_case: bool = False
    note: str | None = None

    @field_validator("phrases")
    @classmethod
    def _phrases_not_empty(cls, phrases: list[str]) -> list[str]:
        if not phrases:
            raise ValueError("must not be empty")
        for phrase in phrases:
            if not isinstance(phrase, str) or not phrase.strip():
                raise ValueError("every phrase must be a non-empty string")
        seen: set[str] = set()
        for phrase in phrases:
            if phrase.lower() in seen:
                raise ValueError(f"phrase {phrase!r} is listed twice")
            seen.add(phrase.lower())
        return phrases


class ClaimCues(LexiconModel):
    """The whole ``claims.yaml``: four cue sets (see the file's header for their meaning)."""

    speculative: list[ClaimCue]
    prescriptive: list[ClaimCue]
    reporting: list[ClaimCue]
    anonymous: list[ClaimCue]

    @field_validator("speculative", "prescriptive", "reporting", "anonymous")
    @classmethod
    def _set_not_empty(cls, cues: list[ClaimCue]) -> list[ClaimCue]:
        if not cues:
            raise ValueError("must not be empty")
        return cues

    @model_validator(mode="after")
    def _ids_unique_and_contexts_allowed(self) -> ClaimCues:
        first_use: dict[str, str] = {}
        for name in _SETS:
            for n, cue in enumerate(getattr(self, name)):
                where = f"{name}[{n}] (id {cue.id!r})"
                if cue.id in first_use:
                    raise ValueError(f"{where}: id: duplicate id, already used by {first_use[cue.id]}")
                first_use[cue.id] = where
                if cue.context not in _ALLOWED_CONTEXTS[name]:
                    allowed = ", ".join(_ALLOWED_CONTEXTS[name])
                    raise ValueError(f"{where}: context: {cue.context!r} is not allowed here; use one of {allowed}")
        return self


def load_claim_cues(path: Path = DEFAULT_CLAIM_CUES) -> ClaimCues:
    """Load and validate the claim cue lexicon.

    Args:
        path: The YAML file; the default is ``data/lexicons/claims.yaml``.

    Returns:
        The validated cue sets.

    Raises:
        PresslensError: Naming the file, the entry, the field and the problem (unknown key,
            empty list, duplicate id, bad YAML, a context a cue set does not allow).
    """
    return load_lexicon(path, ClaimCues)


# -- matching cues in context -----------------------------------------------------------------

_WORD = re.compile(r"[A-Za-z](?:[\w’'\-]|\.(?=\w))*")
#: Words that cannot be the verb after a modal, nor the noun after an adjective.
FUNCTION_WORDS = frozenset(
    """a an the this that these those its their his her our my your some any no every each all both
    of in on at for with by from to into onto about as than between among over under after before during
    through against within without upon via per and or but nor so if because while whether
    i you he she it we they me him us them who whom which what there here""".split()
)
#: Adverbs allowed between a modal and its verb ("could also play", "may well emerge").
_MODAL_ADVERBS = frozenset("also not still well soon even never yet only eventually ultimately further then now already".split())
#: Auxiliaries and adverbs between a source and its reporting verb ("officials have said").
_SUBJECT_TRAILERS = frozenset(
    "has have had also later previously publicly repeatedly recently separately privately earlier first then".split()
)
_BE_FORMS = frozenset("is are was were be been being am".split())
_PRONOUN_SOURCES = frozenset("he she they we i".split())
#: Head words that make a noun phrase a possible source even without a proper name.
SOURCE_NOUNS = frozenset(
    """official officials source sources spokesman spokeswoman spokesperson spokespeople diplomat diplomats
    aide aides minister ministers ministry ministries government governments administration statement
    report reports analyst analysts expert experts officer officers adviser advisers advisor advisors
    lawmaker lawmakers senator senators lawyer lawyers attorney witness witnesses people person
    insiders insider agency agencies president leader leaders ambassador envoy commander general
    secretary representative representatives negotiator negotiators observers chief media press
    investigators prosecutors researchers study survey poll document documents memo letter residents
    correspondent reporters newspaper website committee council office department military army police
    kremlin pentagon""".split()
)
_CLAUSE_BREAK = re.compile(
    r"[,;:()“”\"—–]|\b(?:that|and|but|while|as|which|who|because|although|when|if|whether|since|until|so|than)\b"
)
#: Words that open a clause before its subject ("But Gates said", "Last week officials said").
_SUBJECT_OPENERS = re.compile(
    r"^(?:(?:but|and|yet|so|also|however|meanwhile|afterwards?|instead|then|still|now|later|earlier|separately)\s+"
    r"|(?:last|this|next|on|in|late|early)\s+(?:week|month|year|night|morning|evening|[A-Z][a-z]+day|"
    r"January|February|March|April|May|June|July|August|September|October|November|December)\s+)+",
    re.IGNORECASE,
)
#: A subject holding one of these is a clause, not a source ("aid might be freed if ...").
_CLAUSE_WORDS = frozenset("is are was were be been being am might may could would will should can do does did must".split())
#: Verbs with which "it" can be a source ("It said the ban should apply ...").
_IT_VERBS = frozenset("said says announced stated added told".split())


@dataclass(frozen=True)
class _CompiledCue:
    set_name: str
    id: str
    context: str
    pattern: re.Pattern[str]


def _compile(cues: ClaimCues, *, context_rules: bool = True) -> list[_CompiledCue]:
    compiled = []
    for name in _SETS:
        for cue in getattr(cues, name):
            bare = not context_rules and name in ("speculative", "prescriptive")
            context = "any" if bare else cue.context
            for phrase in cue.phrases:
                body = r"\s+".join(re.escape(w) for w in phrase.split())
                flags = 0 if cue.match_case and not bare else re.IGNORECASE
                compiled.append(_CompiledCue(name, cue.id, context, re.compile(rf"(?<![\w\-]){body}(?![\w\-])", flags)))
    return compiled


def _next_words(text: str, end: int, limit: int = 3) -> list[tuple[str, int]]:
    """Up to ``limit`` words right after ``end``, stopping at punctuation other than spaces."""
    words = []
    pos = end
    while len(words) < limit:
        m = re.match(r"\s+", text[pos:])
        if m is None:
            break
        pos += m.end()
        w = _WORD.match(text, pos)
        if w is None:
            break
        words.append((w.group(), w.start()))
        pos = w.end()
    return words


def _looks_like_verb(word: str) -> bool:
    return word.islower() and word.isalpha() and word not in FUNCTION_WORDS


def _before_verb(text: str, end: int) -> bool:
    """A modal as main verb: the next word, after allowed adverbs, can be a verb."""
    if end < len(text) and text[end] in "-’'":
        return False
    for word, _ in _next_words(text, end, limit=3):
        if word in _MODAL_ADVERBS:
            continue
        return _looks_like_verb(word)
    return False


def _before_noun(text: str, end: int) -> bool:
    """An adjective in front of its noun: the next word is a content word."""
    following = _next_words(text, end, limit=1)
    return bool(following) and following[0][0].lower() not in FUNCTION_WORDS and following[0][0].isalpha()


def _capitalised_tokens(phrase: str) -> list[str]:
    """Capitalised words of a phrase that are not ordinary words capitalised at a sentence start."""
    tokens = _WORD.findall(phrase)
    return [t for t in tokens if t[0].isupper() and t.lower() not in SOURCE_NOUNS and t.lower() not in FUNCTION_WORDS]


def is_source_phrase(phrase: str) -> bool:
    """Whether a noun phrase can be the source of a report: a pronoun, a name, or a source noun."""
    tokens = [t.lower() for t in _WORD.findall(phrase)]
    if not tokens:
        return False
    if len(tokens) == 1 and (tokens[0] in _PRONOUN_SOURCES or tokens[0] == "it"):
        return True
    return bool(_capitalised_tokens(phrase)) or any(t in SOURCE_NOUNS for t in tokens)


_INDEFINITE = frozenset("a an one another two three several some many".split())


def source_kind(phrase: str, anonymous_markers: re.Pattern[str]) -> Literal["named", "anonymous"]:
    """Classify a source phrase as named or anonymous.

    Anonymous: it opens with an indefinite determiner ("a senior EU diplomat", "one
    official"), or it contains an anonymity marker of the lexicon ("sources", "people
    familiar with", "unnamed") and no name; a role word alone ("officials said") is
    anonymous too. Named: a pronoun (taken to refer to someone the text named; pronouns
    are not resolved), or a phrase with a proper name or a capitalised body
    ("Ukrainian officials", "the Pentagon", "Holmes").

    Args:
        phrase: The source phrase as found in the text.
        anonymous_markers: The compiled ``anonymous`` cues of the lexicon.
    """
    tokens = [t.lower() for t in _WORD.findall(phrase)]
    if _has_person_name(phrase):
        return "named"
    if tokens and tokens[0] in _INDEFINITE:
        return "anonymous"
    if len(tokens) == 1 and (tokens[0] in _PRONOUN_SOURCES or tokens[0] == "it"):
        return "named"
    named = bool(_capitalised_tokens(phrase))
    strong_marker = re.search(r"(?i)\b(sources?|familiar|unnamed|anonym\w*|insiders?|not (?:be )?(?:named|identified|authori[sz]ed))\b", phrase)
    if strong_marker and not _has_person_name(phrase):
        return "anonymous"
    if named:
        return "named"
    return "anonymous" if anonymous_markers.search(phrase) or tokens else "named"


def _has_person_name(phrase: str) -> bool:
    """Two capitalised words in a row that are not a nationality or body: a rough person name."""
    caps = _capitalised_tokens(phrase)
    return len(caps) >= 2 and bool(re.search(r"\b[A-Z][a-z]+\s+[A-Z][a-z]+\b", phrase))


def _subject_before(text: str, start: int, sentence_start: int, verb: str) -> str | None:
    """The noun phrase in front of a reporting verb, back to the last clause break."""
    before = text[sentence_start:start]
    cut = 0
    for m in _CLAUSE_BREAK.finditer(before):
        cut = m.end()
    words = before[cut:].split()
    while words and words[-1].lower() in _SUBJECT_TRAILERS:
        words.pop()
    if not words or len(words) > 10 or any(w.lower() in _CLAUSE_WORDS for w in words) or words[-1].lower() == "to":
        return None
    subject = _SUBJECT_OPENERS.sub("", " ".join(words)).strip(" ,")
    if subject.lower() == "it":
        return subject if verb.lower() in _IT_VERBS else None
    return subject or None


def _phrase_after(text: str, end: int, sentence_end: int, *, max_words: int = 10, appositive: bool = False) -> str | None:
    """The words after ``end`` up to the next clause punctuation (the source of "according to X").

    With ``appositive``, a following ", ..." segment that holds a person's name is kept
    (", said another witness, former adviser Fiona Hill").
    """
    after = text[end:sentence_end]
    stop_re = re.compile(r"[,;:.?!()“”\"—]|\s(?:that|who|which)\s")
    stop = stop_re.search(after)
    chunk = after[: stop.start()] if stop else after
    if appositive and stop and after[stop.start()] == ",":
        rest = after[stop.end() :]
        nxt = stop_re.search(rest)
        extra = rest[: nxt.start()] if nxt else rest
        if _has_person_name(extra) and len(extra.split()) <= max_words:
            chunk = f"{chunk},{extra}"
    words = chunk.split()
    return " ".join(words[: max_words * 2 if appositive else max_words]) if words else None


@dataclass
class _Profile:
    speculative: list[str] = field(default_factory=list)
    prescriptive: list[str] = field(default_factory=list)
    sources: list[tuple[str, str, bool]] = field(default_factory=list)  # phrase, kind, inherited
    cues: list[str] = field(default_factory=list)


def _inside(spans: list[tuple[int, int]], offset: int) -> bool:
    return any(a <= offset < b for a, b in spans)


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
    if quotations is None:
        quotations = find_quotations(article)
    compiled = _compile(cues, context_rules=context_rules)
    anonymous_markers = re.compile(
        "|".join(c.pattern.pattern for c in compiled if c.set_name == "anonymous"), re.IGNORECASE
    )
    text = article.text
    body = article.body_sentences
    order = {s.id: n for n, s in enumerate(body)}
    quote_spans = [(int(q.quote_start), int(q.quote_end)) for q in quotations.itertuples()]
    profiles: dict[str, _Profile] = {s.id: _Profile() for s in body}

    for s in body:
        profile = profiles[s.id]
        taken: dict[str, list[tuple[int, int]]] = {name: [] for name in _SETS}
        pending_prescriptions: list[tuple[int, str, str]] = []
        for cue in compiled:
            if cue.set_name == "anonymous":
                continue
            for m in cue.pattern.finditer(text, s.start, s.end):
                if _inside(quote_spans, m.start()):
                    continue
                if any(a < m.end() and m.start() < b for a, b in taken[cue.set_name]):
                    continue  # one cue per stretch of words: "it is essential" not also "is essential to"
                found = m.group()
                if cue.context == "before_verb" and not _before_verb(text, m.end()):
                    continue
                if cue.context == "before_noun" and not _before_noun(text, m.end()):
                    continue
                if cue.set_name == "reporting":
                    source: str | None = None
                    if cue.context == "after_source":
                        if not found.islower():
                            continue
                        if re.match(r"\s+to\s", text[m.end() : m.end() + 5]):
                            continue  # "said to hold": hearsay without a source
                        subject = _subject_before(text, m.start(), s.start, found)
                        if subject and is_source_phrase(subject):
                            source = subject
                        elif text[s.start : m.start()].rstrip().endswith((",", "”", '"')):
                            inverted = _phrase_after(text, m.end(), s.end, max_words=8, appositive=True)
                            if inverted and is_source_phrase(inverted):
                                source = inverted
                    else:
                        after = _phrase_after(text, m.end(), s.end)
                        if after and is_source_phrase(after):
                            source = after
                    if source is None:
                        continue
                    profile.sources.append((source, source_kind(source, anonymous_markers), False))
                    profile.cues.append(f"reporting:{cue.id}:{found}")
                    taken["reporting"].append(m.span())
                    continue
                taken[cue.set_name].append(m.span())
                if cue.set_name == "prescriptive" and context_rules:
                    pending_prescriptions.append((m.start(), found, f"prescriptive:{cue.id}:{found}"))
                    continue
                getattr(profile, cue.set_name).append(found)
                profile.cues.append(f"{cue.set_name}:{cue.id}:{found}")
        # A demand after a reporting verb is the source's ("It said the ban should apply"), not the writer's.
        first_report = min((a for a, _ in taken["reporting"]), default=None)
        for start, found, label in pending_prescriptions:
            if first_report is not None and start > first_report:
                continue
            profile.prescriptive.append(found)
            profile.cues.append(label)

    for q in quotations.itertuples():
        if pd.isna(q.speaker_text) or q.sentence not in order or q.end_sentence not in order:
            continue
        for s in body[order[q.sentence] : order[q.end_sentence] + 1]:
            profile = profiles[s.id]
            if all(str(q.speaker_text) not in src[0] for src in profile.sources):
                profile.sources.append((str(q.speaker_text), source_kind(str(q.speaker_text), anonymous_markers), False))
                profile.cues.append(f"quotation:{q.attribution}:{q.verb}")

    for section in article.sections:
        for block in section.blocks:
            if block.kind != "list" or block.lead_in is None or block.lead_in not in profiles:
                continue
            lead = profiles[block.lead_in]
            for item in block.items:
                for sid in item.sentences:
                    profile = profiles[sid]
                    profile.speculative.extend(lead.speculative)
                    profile.prescriptive.extend(lead.prescriptive)
                    profile.sources.extend((p, k, True) for p, k, _ in lead.sources)
                    profile.cues.extend(f"lead-in:{c}" for c in lead.cues)

    rows = []
    for s in body:
        profile = profiles[s.id]
        named = any(k == "named" for _, k, _ in profile.sources)
        anonymous = any(k == "anonymous" for _, k, _ in profile.sources)
        attributed = named or anonymous
        speculative = bool(profile.speculative)
        prescriptive = bool(profile.prescriptive)
        unsupported = not (attributed or speculative or prescriptive)
        if named:
            category = "named_source"
        elif anonymous:
            category = "anonymous_source"
        elif prescriptive:
            category = "prescriptive"
        elif speculative:
            category = "speculative"
        else:
            category = "unsupported"
        rows.append(
            {
                "sentence": s.id,
                "section": s.section,
                "section_label": section_label(article, s.section) if s.section is not None else "(title)",
                "kind": s.kind,
                "attributed": attributed,
                "named_source": named,
                "anonymous_source": anonymous,
                "speculative": speculative,
                "prescriptive": prescriptive,
                "unsupported": unsupported,
                "category": category,
                "cues": "; ".join(profile.cues),
                "sources": "; ".join(dict.fromkeys(p for p, _, _ in profile.sources)),
                "_sources": list(dict.fromkeys(profile.sources)),
                "text": article.sentence_text(s),
            }
        )
    table = pd.DataFrame(rows)
    if table.empty:
        table = pd.DataFrame(columns=[*PROFILE_COLUMNS, "_sources"])
    table.attrs["source_details"] = {r["sentence"]: r["_sources"] for r in rows}
    table = table.drop(columns="_sources")
    check_profiles(table)
    return table


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


def claim_summary(profiles: pd.DataFrame) -> dict[str, int]:
    """The ``claims`` object of ``presslens analyze --json``: counts of body sentences.

    Keys: ``sentences``, ``attributed``, ``anonymous`` (attributed sentences with at least one
    anonymous source; a subset of ``attributed``), ``speculative``, ``prescriptive``,
    ``unsupported``. A sentence can count under several keys (see the module docstring).
    """
    return {
        "sentences": int(len(profiles)),
        "attributed": int(profiles["attributed"].sum()),
        "anonymous": int(profiles["anonymous_source"].sum()),
        "speculative": int(profiles["speculative"].sum()),
        "prescriptive": int(profiles["prescriptive"].sum()),
        "unsupported": int(profiles["unsupported"].sum()),
    }


def attributed_sources(profiles: pd.DataFrame) -> pd.DataFrame:
    """One row per source phrase found in a sentence.

    Args:
        profiles: The table from :func:`claim_profiles`.

    Returns:
        Columns ``source`` (the phrase as written), ``kind`` (``named`` or ``anonymous``),
        ``sentence`` (id), ``inherited`` (True when a list item takes the source from its
        lead-in), in text order.
    """
    if "source_details" not in profiles.attrs:
        raise ValueError(
            "attributed_sources needs the table returned by claim_profiles (its source details travel in "
            "DataFrame.attrs and are lost when the table is rebuilt or read back from CSV)"
        )
    details: dict[str, list[tuple[str, str, bool]]] = profiles.attrs["source_details"]
    rows = [
        {"source": phrase, "kind": kind, "sentence": sid, "inherited": inherited}
        for sid in profiles["sentence"]
        for phrase, kind, inherited in details.get(sid, [])
    ]
    return pd.DataFrame(rows, columns=["source", "kind", "sentence", "inherited"])


def claims_by_label(profiles: pd.DataFrame, labels: pd.DataFrame) -> pd.DataFrame:
    """Cross-tabulate claim flags by a sentence label (section, topic, stakeholder, ...).

    Args:
        profiles: The table from :func:`claim_profiles`.
        labels: Pairs of ``sentence`` (id) and ``label``; a sentence may carry several labels
            and a label several sentences. Sentences that are not body sentences are ignored.

    Returns:
        One row per label, in the order labels first appear: ``label``, ``sentences`` (body
        sentences with the label), then the count of those sentences per flag
        (``attributed``, ``named_source``, ``anonymous_source``, ``speculative``,
        ``prescriptive``, ``unsupported``).
    """
    missing = {"sentence", "label"} - set(labels.columns)
    if missing:
        raise ValueError(f"labels need columns 'sentence' and 'label'; missing {sorted(missing)}")
    pairs = labels[["sentence", "label"]].drop_duplicates()
    merged = pairs.merge(profiles[["sentence", *FLAGS]], on="sentence", how="inner")
    columns = ["label", "sentences", *FLAGS]
    if merged.empty:
        return pd.DataFrame(columns=columns)
    order = list(dict.fromkeys(merged["label"]))
    grouped = merged.groupby("label", sort=False).agg(sentences=("sentence", "size"), **{f: (f, "sum") for f in FLAGS})
    table = grouped.reindex(order).reset_index()
    return table[columns].astype({c: "int64" for c in columns[1:]})


#: How each count reads, for one sentence and for several.
_FLAG_PHRASES = {
    "attributed": ("names a source", "name a source"),
    "anonymous_source": ("rests on an anonymous source", "rest on an anonymous source"),
    "speculative": ("is speculative", "are speculative"),
    "prescriptive": ("is prescriptive", "are prescriptive"),
    "unsupported": ("is an unattributed assertion", "are unattributed assertions"),
}


def label_findings(by_label: pd.DataFrame, *, about: str = "about", flags: tuple[str, ...] = ("unsupported", "speculative", "attributed")) -> list[str]:
    """Plain-language lines from :func:`claims_by_label`, one per label.

    Args:
        by_label: The table from :func:`claims_by_label`.
        about: The words between "the sentences" and the label ("about" for topics,
            "mentioning" for stakeholders, "in" for sections).
        flags: Which counts to state in each line, in order.

    Returns:
        Lines such as "Of the 2 sentences about sanctions, 2 are unattributed assertions,
        0 are speculative and 0 name a source."
    """
    lines = []
    for row in by_label.itertuples():
        counts = [(int(getattr(row, f)), _FLAG_PHRASES[f]) for f in flags]
        parts = [f"{n} {phrases[0] if n == 1 else phrases[1]}" for n, phrases in counts]
        listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
        noun = "sentence" if row.sentences == 1 else "sentences"
        lines.append(f"Of the {int(row.sentences)} {noun} {about} {row.label}, {listed}.")
    return lines


def claim_findings(profiles: pd.DataFrame, *, by_label: pd.DataFrame | None = None, about: str = "about") -> list[str]:
    """Short plain-language summary lines for the report.

    Args:
        profiles: The table from :func:`claim_profiles`.
        by_label: An optional table from :func:`claims_by_label` (topics, stakeholders)
            whose lines are appended.
        about: Passed to :func:`label_findings` for ``by_label``.

    Returns:
        Lines: the overall counts, which sources are anonymous, the section with the most
        speculation and the one with the most prescription, then the label lines.
    """
    summary = claim_summary(profiles)
    n = summary["sentences"]
    if n == 0:
        return ["The article has no body sentences."]
    lines = [
        f"Of {n} body sentences, {summary['attributed']} name a source ({summary['anonymous']} of them an anonymous one), "
        f"{summary['speculative']} are speculative, {summary['prescriptive']} are prescriptive and "
        f"{summary['unsupported']} are assertions with none of these.",
    ]
    sources = attributed_sources(profiles)
    anonymous = sources[(sources["kind"] == "anonymous") & ~sources["inherited"]]
    if not anonymous.empty:
        quoted = ", ".join(f"“{s}” ({sid})" for s, sid in zip(anonymous["source"], anonymous["sentence"], strict=True))
        lines.append(f"Anonymous sources: {quoted}.")
    by_section = profiles.groupby(["section", "section_label"], sort=True)[["speculative", "prescriptive"]].agg(["sum", "size"])
    for flag, word in (("speculative", "speculative"), ("prescriptive", "prescriptive")):
        counts = by_section[(flag, "sum")]
        if counts.max() > 0:
            (section, label) = counts.idxmax()
            total = by_section.loc[(section, label), (flag, "size")]
            lines.append(f"Most {word} section: “{label}”, {int(counts.max())} of its {int(total)} sentences.")
    if by_label is not None:
        lines.extend(label_findings(by_label, about=about))
    return lines


def claims_by_section(profiles: pd.DataFrame) -> pd.DataFrame:
    """Counts of display categories per section, for the claim-profile chart.

    Returns:
        One row per section and category: ``section``, ``section_label``, ``category``,
        ``sentences`` (body sentences of that category in the section; zero rows included).
    """
    sections = profiles[["section", "section_label"]].drop_duplicates().sort_values("section")
    grid = sections.merge(pd.DataFrame({"category": list(CATEGORIES)}), how="cross")
    counts = profiles.groupby(["section", "category"]).size().rename("sentences").reset_index()
    table = grid.merge(counts, on=["section", "category"], how="left").fillna({"sentences": 0})
    return table.astype({"sentences": "int64"})[["section", "section_label", "category", "sentences"]]


#: Categories of hand labels, each read from the profile flag of the same meaning.
EVALUATED = {"attributed": "attributed", "anonymous": "anonymous_source", "speculative": "speculative", "prescriptive": "prescriptive"}


def label_agreement(profiles: pd.DataFrame, expected: dict[str, set[str]]) -> pd.DataFrame:
    """Compare claim profiles with hand labels, per category.

    Args:
        profiles: The table from :func:`claim_profiles`.
        expected: For each labelled sentence id, the set of categories a reader assigned
            (``attributed``, ``anonymous``, ``speculative``, ``prescriptive``; empty for an
            unsupported assertion). Sentences without labels are not scored.

    Returns:
        One row per category: ``category``, ``labelled`` (sentences a reader put in it),
        ``found`` (sentences the profiles put in it), ``agreed``, ``precision`` and
        ``recall`` (agreed over found and over labelled; 1.0 when the divisor is zero).
    """
    unknown = {c for cats in expected.values() for c in cats} - set(EVALUATED)
    if unknown:
        raise ValueError(f"unknown hand-label categories {sorted(unknown)}; use {sorted(EVALUATED)}")
    scored = profiles[profiles["sentence"].isin(expected)]
    rows = []
    for category, flag in EVALUATED.items():
        found = set(scored.loc[scored[flag], "sentence"])
        labelled = {sid for sid, cats in expected.items() if category in cats}
        agreed = found & labelled
        rows.append(
            {
                "category": category,
                "labelled": len(labelled),
                "found": len(found),
                "agreed": len(agreed),
                "precision": len(agreed) / len(found) if found else 1.0,
                "recall": len(agreed) / len(labelled) if labelled else 1.0,
            }
        )
    return pd.DataFrame(rows)
