"""Tables and findings built on claim profiles: the summary counts, cross-tabulations by section or label,
the plain-language findings, and the agreement with hand labels.

Each reads the ``profiles`` and ``sources`` tables of :class:`presslens.analysis.claims.profiles.ClaimAnalysis`.
"""

from __future__ import annotations

import pandas as pd

from presslens.analysis.claims.profiles import CATEGORIES, FLAGS, ClaimAnalysis


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


def attributed_sources(claims: ClaimAnalysis) -> pd.DataFrame:
    """One row per source phrase found in a sentence (the ``claim_sources`` table).

    Args:
        claims: From :func:`analyze_claims`.

    Returns:
        Columns ``source`` (the phrase as written), ``kind`` (``named`` or ``anonymous``),
        ``sentence`` (id), ``inherited`` (True when a list item takes the source from its
        lead-in), in text order.
    """
    return claims.sources


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


def claim_findings(claims: ClaimAnalysis, *, by_label: pd.DataFrame | None = None, about: str = "about") -> list[str]:
    """Short plain-language summary lines for the report.

    Args:
        claims: From :func:`analyze_claims`.
        by_label: An optional table from :func:`claims_by_label` (topics, stakeholders)
            whose lines are appended.
        about: Passed to :func:`label_findings` for ``by_label``.

    Returns:
        Lines: the overall counts, which sources are anonymous, the section with the most
        speculation and the one with the most prescription, then the label lines.
    """
    profiles = claims.profiles
    summary = claim_summary(profiles)
    n = summary["sentences"]
    if n == 0:
        return ["The article has no body sentences."]
    lines = [
        f"Of {n} body sentences, {summary['attributed']} name a source ({summary['anonymous']} of them an anonymous one), "
        f"{summary['speculative']} are speculative, {summary['prescriptive']} are prescriptive and "
        f"{summary['unsupported']} are assertions with none of these.",
    ]
    sources = claims.sources
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
