"""Saved web pages: the article's body and metadata, without navigation, ads or comments.

The bytes are read as UTF-8 when they are valid UTF-8 (pages that declare Latin-1 but
are UTF-8 are common; the reverse is almost impossible by chance), else with the charset
the page declares (byte-order mark, ``<meta charset>`` or ``<meta http-equiv=
"Content-Type">``, XML declaration), else as windows-1252, as browsers do.
trafilatura finds the article body and returns it as XML (``head``, ``p``, ``list/item``,
``quote``, ``table``), which is mapped to headings, paragraphs and list items. Metadata
comes from the page itself: the JSON-LD article object (headline, authors, language)
first, then trafilatura's reading of Open Graph and meta tags (title, authors, date,
site name, canonical URL); options given on the command line override both.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import lxml.html
from lxml import etree

from presslens.errors import PresslensError
from presslens.ingest.metadata import MetadataFields
from presslens.ingest.outline import Element, OutlineBuilder
from presslens.model import count_words

#: How far into the page a charset declaration is looked for (the HTML standard says 1024
#: bytes; real pages put long comments and scripts first, so look further).
CHARSET_SCAN_BYTES = 8192

#: Charsets that browsers treat as windows-1252, whatever the page says.
_WINDOWS_1252_ALIASES = {"iso8859-1", "latin-1", "ascii", "us-ascii", "iso-8859-1", "latin1", "cp819", "l1"}

_META_CHARSET_RE = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.IGNORECASE)
_XML_ENCODING_RE = re.compile(rb"""^\s*<\?xml[^>]{0,100}?encoding\s*=\s*["']([A-Za-z0-9_.\-]+)""")

#: A page whose body has fewer words than this (title excluded) holds no article: what
#: trafilatura finds there is a menu or a teaser.
MIN_BODY_WORDS = 20

#: Bylines that are page furniture, not people (login widgets, CMS defaults).
NOT_AUTHORS = frozenset({"username", "admin", "administrator", "staff", "editor", "webmaster", "user"})

_ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle", "blogposting", "opinionnewsarticle", "backgroundnewsarticle", "report"}
_SPACE_RE = re.compile(r"\s+")


@dataclass(frozen=True)
class ExtractionOptions:
    """trafilatura options for finding the article body.

    The defaults (favour recall, no fallback extractors, keep tables) gave the best mean
    F1 on the 181 pages of the Scrapinghub article extraction benchmark of the option
    sets tried; ``benchmarks/bench_extraction.py --compare`` measures them all, and the
    README lists the figures.

    Attributes:
        favor_precision: Prefer leaving out doubtful passages.
        favor_recall: Prefer keeping doubtful passages.
        include_tables: Keep tables in the body (each row becomes a paragraph).
        fallback: Let trafilatura compare its result with readability and jusText.
    """

    favor_precision: bool = False
    favor_recall: bool = True
    include_tables: bool = True
    fallback: bool = False


DEFAULT_EXTRACTION = ExtractionOptions()


def _codec_name(label: str) -> str | None:
    label = label.strip().lower()
    if label in _WINDOWS_1252_ALIASES:
        return "cp1252"
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    # a page that says UTF-16 in an ASCII-compatible <meta> cannot be UTF-16
    return "utf-8" if name.startswith("utf-16") or name.startswith("utf-32") else name


def declared_charset(data: bytes) -> str | None:
    """The codec named by a page's byte-order mark, ``<meta>`` charset or XML declaration.

    Args:
        data: The page's bytes.

    Returns:
        A Python codec name, or None when the page declares nothing usable.
    """
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    head = data[:CHARSET_SCAN_BYTES]
    for pattern in (_XML_ENCODING_RE, _META_CHARSET_RE):
        match = pattern.search(head)
        if match:
            name = _codec_name(match.group(1).decode("ascii"))
            if name:
                return name
    return None


def decode_html(data: bytes, source: object) -> tuple[str, str]:
    """Decode a web page's bytes.

    Bytes that are valid UTF-8 are read as UTF-8; otherwise the declared charset (see
    :func:`declared_charset`) is used, and without a declaration windows-1252, as browsers
    do. Bytes that are invalid even in that charset become U+FFFD.

    Args:
        data: The page's bytes.
        source: The file, for error messages.

    Returns:
        The text (line endings normalised) and the codec used, with ``+replace`` appended
        when some bytes had to be replaced.

    Raises:
        PresslensError: If the bytes look binary (NUL bytes without a UTF-16 byte-order mark).
    """
    declared = declared_charset(data)
    if declared != "utf-16" and b"\x00" in data[:CHARSET_SCAN_BYTES]:
        raise PresslensError(source, "looks like a binary file (contains NUL bytes), not an HTML page")
    if declared == "utf-16":
        candidates = ["utf-16"]
    else:
        # bytes that are valid UTF-8 are UTF-8 whatever the page says: legacy text almost
        # never forms valid UTF-8 by chance, while pages mislabelled as Latin-1 are common
        candidates = list(dict.fromkeys(["utf-8", declared or "cp1252"]))
    text, used = None, None
    for codec in candidates:
        try:
            text, used = data.decode(codec), codec
            break
        except UnicodeDecodeError:
            continue
    if text is None:
        used = candidates[-1]
        text = data.decode(used, errors="replace")
        used += "+replace"
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise PresslensError(source, "file is empty or contains only whitespace")
    return text, used


def _clean(text: str | None) -> str:
    return _SPACE_RE.sub(" ", text or "").strip()


def _text_with_breaks(element: etree._Element) -> str:
    """The element's text with ``<lb/>`` as a newline and all other whitespace collapsed."""
    pieces: list[str] = []

    def walk(node: etree._Element) -> None:
        pieces.append(_SPACE_RE.sub(" ", node.text or ""))
        for child in node:
            if child.tag == "lb":
                pieces.append("\n")
            elif child.tag not in ("list", "graphic"):
                walk(child)
            pieces.append(_SPACE_RE.sub(" ", child.tail or ""))

    walk(element)
    return "".join(pieces)


def _items(list_element: etree._Element) -> Iterator[str]:
    """Item texts of a list, nested lists flattened into it in reading order."""
    for item in list_element:
        if item.tag != "item":
            continue
        own = _clean(_text_with_breaks(item))
        if own:
            yield own
        for nested in item.iter("list"):
            if nested is not item:
                yield from (_clean(_text_with_breaks(i)) for i in nested.iter("item"))


def _write_blocks(container: etree._Element, builder: OutlineBuilder) -> None:
    for child in container:
        tag = child.tag
        if tag == "head":
            builder.add("heading", _clean(_text_with_breaks(child)))
        elif tag == "list":
            builder.start_list()
            ordered = (child.get("rend") or "").lower() == "ol"
            for item in _items(child):
                builder.add_item(item, ordered=ordered)
        elif tag == "quote" and any(c.tag in ("p", "list", "head", "quote") for c in child):
            _write_blocks(child, builder)
        elif tag == "table":
            for row in child.iter("row"):
                cells = [_clean(_text_with_breaks(c)) for c in row.iter("cell")]
                builder.add("paragraph", " | ".join(c for c in cells if c))
        elif tag in ("graphic", "lb"):
            pass
        else:  # p, quote, code and anything trafilatura adds later: prose
            for line in _text_with_breaks(child).split("\n"):
                builder.add("paragraph", _clean(line))
        if child.tail and child.tail.strip():
            builder.add("paragraph", _clean(child.tail))


def _json_ld_objects(tree: lxml.html.HtmlElement) -> Iterator[dict[str, Any]]:
    for script in tree.xpath('//script[contains(translate(@type, "LDJSON", "ldjson"), "ld+json")]'):
        try:
            data = json.loads(script.text or "")
        except json.JSONDecodeError:
            continue  # broken JSON-LD is common; trafilatura's meta-tag reading still applies
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                yield item
                if isinstance(item.get("@graph"), list):
                    stack.extend(item["@graph"])


def _article_json_ld(tree: lxml.html.HtmlElement) -> dict[str, Any]:
    for item in _json_ld_objects(tree):
        types = item.get("@type")
        types = types if isinstance(types, list) else [types]
        if any(isinstance(t, str) and t.lower() in _ARTICLE_TYPES for t in types) and item.get("headline"):
            return item
    return {}


def _names(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return _names(value.get("name"))
    if isinstance(value, list):
        return [name for v in value for name in _names(v)]
    return []


def _authors(*candidates: list[str]) -> list[str]:
    for names in candidates:
        seen: dict[str, str] = {}
        for name in names:
            name = _clean(name)
            if name and name.casefold() not in NOT_AUTHORS:
                seen.setdefault(name.casefold(), name)
        if seen:
            return list(seen.values())
    return []


def _language(tree: lxml.html.HtmlElement, json_ld: dict[str, Any]) -> str | None:
    candidates = [
        *tree.xpath("/html/@lang"),
        *tree.xpath("/html/@xml:lang", namespaces={"xml": "http://www.w3.org/XML/1998/namespace"}),
        *tree.xpath('//meta[translate(@http-equiv, "CONTENTLAGU", "contentlagu")="content-language"]/@content'),
        *[v.replace("_", "-") for v in tree.xpath('//meta[@property="og:locale"]/@content')],
        *([json_ld["inLanguage"]] if isinstance(json_ld.get("inLanguage"), str) else []),
        *tree.xpath('//meta[@itemprop="inLanguage"]/@content'),
    ]
    for value in candidates:
        value = value.strip()
        if re.fullmatch(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*", value):
            return value
    return None


def _without_site_name(title: str, site: str | None) -> str:
    """Drop a " | CNN Politics" or " - BBC News" suffix that repeats the site's name."""
    match = re.match(r"^(.{10,}?)\s+[|–—-]\s+([^|–—]{2,60})$", title)
    if match and site and site.casefold() in match.group(2).casefold():
        return match.group(1)
    return title


def _same_words(a: str, b: str) -> bool:
    def words(text: str) -> list[str]:
        return re.findall(r"\w+", text.casefold())

    return words(a) == words(b)


def _parse(markup: str, source: object) -> lxml.html.HtmlElement:
    from trafilatura.utils import load_html  # trafilatura takes 0.1 s to import; plain text never needs it

    tree = load_html(markup)
    if tree is None:
        # trafilatura refuses fragments such as a saved <div>; lxml wraps them in a document
        try:
            tree = lxml.html.document_fromstring(markup)
        except (etree.ParserError, ValueError) as exc:
            raise PresslensError(source, f"could not be parsed as an HTML page ({exc})") from None
    return tree


def outline_html(
    markup: str, source: object, *, options: ExtractionOptions = DEFAULT_EXTRACTION
) -> tuple[str, list[Element], MetadataFields]:
    """Find the article in a web page: canonical text, outline and the page's metadata.

    Args:
        markup: The decoded page.
        source: The file, for error messages.
        options: How trafilatura looks for the body.

    Returns:
        The canonical text (title first, then the body's blocks), its outline, and the
        metadata read from the page (``source_format`` is ``html``).

    Raises:
        PresslensError: If the page cannot be parsed or holds no article text.
    """
    tree = _parse(markup, source)
    json_ld = _article_json_ld(tree)
    language = _language(tree, json_ld)
    extract = dict(
        with_metadata=True,
        include_comments=False,
        include_formatting=True,
        include_images=False,
        include_tables=options.include_tables,
        favor_precision=options.favor_precision,
        favor_recall=options.favor_recall,
        fast=not options.fallback,
    )
    import trafilatura

    document = trafilatura.bare_extraction(tree, **extract)
    if document is None and not options.favor_recall:
        # short articles fall under trafilatura's minimum length unless it favours recall
        document = trafilatura.bare_extraction(_parse(markup, source), **{**extract, "favor_recall": True})
    if document is None or document.body is None or not _clean(" ".join(document.body.itertext())):
        raise PresslensError(source, "no article text found in the page (navigation, ads and comments are left out)")

    site = _clean(document.sitename) or None
    headline = _clean(json_ld.get("headline")) if isinstance(json_ld.get("headline"), str) else ""
    title = headline or _without_site_name(_clean(document.title), site) or None

    builder = OutlineBuilder()
    body = list(document.body)
    first = body[0] if body else None
    first_text = _clean("".join(first.itertext())) if first is not None and first.tag == "head" else ""
    if first_text and (title is None or first.get("rend") == "h1" or _same_words(first_text, title)):
        # the body opens with the page's visible headline: that is the title sentence
        builder.add("title", first_text)
        document.body.remove(first)
    elif title:
        builder.add("title", title)
    _write_blocks(document.body, builder)
    body_words = sum(count_words(builder.text[e.start : e.end]) for e in builder.elements if e.kind != "title")
    if body_words < MIN_BODY_WORDS:
        raise PresslensError(
            source, f"no article text found in the page (only {body_words} words outside the title; navigation, ads and comments are left out)"
        )

    meta = MetadataFields(
        title=title,
        title_source="metadata" if title else None,
        outlet=site or (_clean(document.hostname) or None),
        published=document.date or None,
        url=_clean(document.url) or None,
        authors=_authors(_names(json_ld.get("author")), (document.author or "").split(";")),
        language=language,
        source_format="html",
    )
    return builder.text, builder.elements, meta
