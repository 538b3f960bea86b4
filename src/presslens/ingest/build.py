"""From an outline of a canonical text to a validated :class:`~presslens.model.Article`.

This module turns the outline (:mod:`~presslens.ingest.outline`) into sections, blocks
and sentences in one place, so all formats share the sentence splitter, the list
lead-in and label rules, the ids and the metadata rules.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from presslens.errors import PresslensError
from presslens.ingest.dateline import find_dateline
from presslens.ingest.headline import FALLBACK_TITLE_SOURCES, choose_title, has_headline, headline_heading, with_title
from presslens.ingest.language import article_language
from presslens.ingest.metadata import MetadataFields, slugify
from presslens.ingest.outline import Element, drop_invisible
from presslens.ingest.segment import split_sentences
from presslens.model import Article, article_from_dict, content_id

#: A list item's label is the text before its first colon when that text is short
#: (at most this many words) and does not itself end a sentence.
MAX_LABEL_WORDS = 8

#: A dateline is looked for at the start of this many of the body's first paragraphs.
DATELINE_PARAGRAPHS = 2

_LABEL_RE = re.compile(r"^([^:.!?]{1,80}?):\s+\S")


def _label(text: str, start: int, end: int) -> tuple[str, int, int] | None:
    match = _LABEL_RE.match(text[start:end])
    if not match:
        return None
    label = match.group(1).strip()
    if not label or len(label.split()) > MAX_LABEL_WORDS:
        return None
    label_start = start + text[start:end].index(label)
    return label, label_start, label_start + len(label)


def build_article(text: str, elements: list[Element], meta: MetadataFields) -> Article:
    """Build and validate an article from its canonical text and outline.

    Invisible formatting characters are dropped first (:func:`drop_invisible`).

    Args:
        text: The canonical text; all offsets point into it.
        elements: The outline, in text order.
        meta: Metadata collected so far; title, id and slug are completed here.

    Returns:
        The validated article.

    Raises:
        PresslensError: If the outline holds no body text, naming the source.
    """
    source = meta.source_path or "<input>"
    text, elements = drop_invisible(text, elements)
    if meta.title_source in FALLBACK_TITLE_SOURCES and has_headline(text, elements):
        meta = MetadataFields(**{**meta.__dict__, "title": None, "title_source": None})  # the text's own headline wins
    if meta.title_source in ("option", "manifest") and meta.title and meta.title.strip():
        text, elements = with_title(text, elements, " ".join(meta.title.split()))
    if not any(e.kind in ("paragraph", "item") for e in elements):
        raise PresslensError(source, "no article text found (only a title or headings)")
    language = article_language(meta.language, text)

    sentences: list[dict[str, Any]] = []
    sections: list[dict[str, Any]] = []
    title_sentence: str | None = None

    def add_sentence(kind: str, start: int, end: int, section: int | None, block: int | None) -> str:
        sid = f"s{len(sentences) + 1}"
        sentences.append({"id": sid, "kind": kind, "section": section, "block": block, "start": start, "end": end})
        return sid

    def current_section() -> dict[str, Any]:
        if not sections:
            sections.append({"heading": None, "blocks": []})
        return sections[-1]

    previous_list: tuple[int, int] | None = None  # (section index, list_id) of the open list
    for element in elements:
        if element.kind == "title":
            if title_sentence is not None or sentences:
                raise PresslensError(source, "the title must come first and only once")
            title_sentence = add_sentence("title", element.start, element.end, None, None)
            continue
        if element.kind == "heading":
            sections.append({"heading": None, "blocks": []})
            sections[-1]["heading"] = add_sentence("heading", element.start, element.end, len(sections) - 1, None)
            previous_list = None
            continue
        section = current_section()
        k = len(sections) - 1
        if element.kind == "paragraph":
            block_index = len(section["blocks"])
            ids = [add_sentence("sentence", a, b, k, block_index) for a, b in split_sentences(text, element.start, element.end, language=language)]
            section["blocks"].append({"kind": "paragraph", "sentences": ids})
            previous_list = None
            continue
        # a list item: open a new list unless it continues the previous one
        if previous_list != (k, element.list_id):
            lead_in = None
            if section["blocks"] and section["blocks"][-1]["kind"] == "paragraph":
                last = sentences[int(section["blocks"][-1]["sentences"][-1][1:]) - 1]
                if text[last["start"] : last["end"]].endswith(":"):
                    lead_in = last["id"]
            section["blocks"].append({"kind": "list", "items": [], "ordered": element.ordered, "lead_in": lead_in})
            previous_list = (k, element.list_id)
        block_index = len(section["blocks"]) - 1
        ids = [add_sentence("list_item", a, b, k, block_index) for a, b in split_sentences(text, element.start, element.end, language=language)]
        item: dict[str, Any] = {"sentences": ids}
        label = _label(text, element.start, element.end)
        if label:
            item["label"], item["label_start"], item["label_end"] = label
        section["blocks"][-1]["items"].append(item)

    title, title_source = choose_title(text, sentences, title_sentence, headline_heading(text, elements), meta)
    dateline, agency = meta.dateline, meta.agency
    if dateline is None and agency is None:
        # the body's first paragraph, or the second after a wire slug line or kicker
        for paragraph in [e for e in elements if e.kind == "paragraph"][:DATELINE_PARAGRAPHS]:
            found = find_dateline(text, paragraph.start)
            if found is not None:
                dateline, agency = found.place, found.agency
                break
    source_for_slug = meta.slug or (Path(meta.source_path).name.split(".")[0] if meta.source_path else title)
    metadata = {
        "id": meta.id or content_id(text),
        "slug": slugify(source_for_slug),
        "title": title,
        "outlet": meta.outlet,
        "published": meta.published,
        "url": meta.url,
        "authors": meta.authors,
        "language": language,
        "dateline": dateline,
        "agency": agency,
        "source_path": meta.source_path,
        "source_sha256": meta.source_sha256,
        "source_format": meta.source_format,
        "title_source": title_source,
    }
    data = {
        "metadata": metadata,
        "text": text,
        "title_sentence": title_sentence,
        "sentences": sentences,
        "sections": sections,
    }
    return article_from_dict(data, source)
