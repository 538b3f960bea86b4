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

from presslens.analysis.claims.cues import ClaimCue, ClaimCues, compile_cues, load_claim_cues
from presslens.analysis.claims.profiles import (
    CATEGORIES,
    CATEGORY_LABELS,
    FLAGS,
    PROFILE_COLUMNS,
    SOURCE_COLUMNS,
    ClaimAnalysis,
    analyze_claims,
    check_profiles,
    claim_profiles,
)
from presslens.analysis.claims.sources import is_source_phrase, source_kind
from presslens.analysis.claims.tables import (
    EVALUATED,
    attributed_sources,
    claim_findings,
    claim_summary,
    claims_by_label,
    claims_by_section,
    label_agreement,
    label_findings,
)

__all__ = [
    "CATEGORIES", "CATEGORY_LABELS", "EVALUATED", "FLAGS", "PROFILE_COLUMNS", "SOURCE_COLUMNS", "ClaimAnalysis",
    "ClaimCue", "ClaimCues", "analyze_claims", "attributed_sources", "check_profiles", "claim_findings",
    "claim_profiles", "claim_summary", "claims_by_label", "claims_by_section", "compile_cues", "is_source_phrase",
    "label_agreement", "label_findings", "load_claim_cues", "source_kind",
]
