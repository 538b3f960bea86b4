"""``presslens analyze``: every measure of one article, as a summary or as one JSON object.

An article in a language the lexicons do not cover gets its structure only, and a note
saying which measures were skipped.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date

from presslens.cli.parser import metadata_overrides


#: What ``analyze`` leaves out for an article in a language the lexicons do not cover.
LEXICON_MEASURES = ("topics", "stakeholders", "claims", "repetition", "role_check", "findings")


def cmd_analyze(args: argparse.Namespace) -> int:
    from presslens.analysis import analyze_article, load_lexicons
    from presslens.ingest import load_any

    from presslens.analysis.findings import key_findings
    from presslens.analysis.stakeholders import ROLE_WINDOW_COLUMNS, windows_phrase

    from presslens.languages import unanalysed_language_note

    lexicons = load_lexicons(topics=args.topics, stakeholders=args.stakeholders, claim_cues=args.claim_cues)
    article = load_any(args.path, **metadata_overrides(args))
    note = unanalysed_language_note(article.metadata.language)
    if note is not None:
        print(f"presslens: note: {args.path}: {note}", file=sys.stderr)
    analysis = analyze_article(article, lexicons)
    result = analysis.to_json()
    result["article"]["language"] = article.metadata.language
    result["findings"] = [{"text": f.text, "section": f.anchor} for f in key_findings(analysis)]
    flags = analysis.stakeholders.records["role_flags"]
    result["role_check"] = {
        "published": analysis.published.isoformat() if analysis.published else None,
        "flags": [{k: flag[k] for k in ("stakeholder", "name", "title", "office", "sentence", "in_quotation", "reason")}
                  for flag in flags],
        "windows": [{k: (row[k].isoformat() if isinstance(row[k], date) else row[k]) for k in ROLE_WINDOW_COLUMNS}
                    for row in analysis.stakeholders.records["role_windows"]],
    }
    if note is not None:
        result = {"article": result["article"], "skipped": list(LEXICON_MEASURES), "skipped_reason": note}
    if args.json:
        sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
        return 0
    summary = result["article"]
    print(f"{summary['title']}")
    print(f"  id {summary['id']}, slug {summary['slug']}")
    print(f"  {summary['words']} body words, {summary['sentences']} body sentences (list items included), {summary['headings']} headings")
    for k, section in enumerate(summary["sections"]):
        print(f"  section {k}: {section['heading'] or '(lead)'}: {section['sentences']} sentences, {section['words']} words")
    for item in summary["lists"]:
        print(f"  list in section {item['section']}: {item['items']} items, {item['labelled']} labelled")
    if note is not None:
        print(f"  language {summary['language'] or 'unknown'}: {', '.join(LEXICON_MEASURES)} skipped (no lexicons for it)")
        return 0
    print("topics (weighted share of body words, share):")
    for topic in result["topics"]:
        if topic["sentences"]:
            print(f"  {topic['label']}: {topic['weighted_share']:.0%}, {topic['share']:.0%} in {topic['sentences']} sentences")
    print("stakeholders (mentions):")
    for person in result["stakeholders"]:
        print(f"  {person['name']} ({person['type']}): {person['mentions']}")
    claims = result["claims"]
    print(
        f"claims: of {claims['sentences']} body sentences, {claims['attributed']} attributed ({claims['anonymous']} anonymously), "
        f"{claims['speculative']} speculative, {claims['prescriptive']} prescriptive, {claims['unsupported']} unsupported"
    )
    print(f"repetition: {result['repetition']['repeated_share']:.0%} of body words restate earlier sentences")
    check = result["role_check"]
    if check["published"] is None:
        titles = analysis.stakeholders.title_windows
        if not titles:
            print("role check: skipped (no publication date; give --published YYYY-MM-DD)")
        else:
            print("role check without a publication date (give --published YYYY-MM-DD to check one): titles are right")
            for title in titles:
                when = f"for articles dated {windows_phrase(title.windows)}" if title.windows else "at no date"
                print(f"  {title.name}, “{title.title}” ({title.office}): {when}")
    else:
        print(f"role check on {check['published']}: {len(check['flags'])} title{'s' * (len(check['flags']) != 1)} "
              "contradict the registry's dated roles")
        for flag in check["flags"]:
            quoted = " (in a quotation)" if flag["in_quotation"] else ""
            print(f"  {flag['sentence']}: {flag['name']} {flag['reason']}{quoted}")
    print("key findings:")
    for finding in result["findings"]:
        print(f"  - {finding['text']}")
    return 0
