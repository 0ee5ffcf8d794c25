"""Turn fetched bytes into text the way Chinese government sites need it.

Usage::

    text, encoding = decode_body(body, response_headers.get("content-type"))

Order of evidence (first one that decodes cleanly wins):

1. a byte-order mark (it cannot lie: a BOM is the file saying what it is);
2. the ``charset`` parameter of the HTTP ``Content-Type`` header;
3. ``<meta charset>``, ``<meta http-equiv="Content-Type" content="...; charset=...">`` or an
   ``<?xml encoding="..."?>`` declaration within the first 4 KB;
4. detection: strict UTF-8 first (valid multi-byte UTF-8 is almost never an accident), then
   charset-normalizer, with a bias towards GB18030 because that is what legacy
   government sites use when they say nothing;
5. UTF-8 with replacement characters, only when it is not mostly garbage.

``gb2312``, ``gbk``, ``x-gbk``, ``cp936`` are decoded as ``gb18030``: sites that declare
gb2312 routinely use characters (生僻字 in personal names, 镕, 堃, …) only GBK/GB18030 have.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from ingest.fetch.types import DecodeError

#: How far into the document to look for a declared charset (HTML spec says 1024; real
#: sites put long comments and scripts first, so be generous).
META_SCAN_BYTES = 4096

#: A declared charset is still trusted when at most this share of characters fail to
#: decode: a page truncated mid-character or with one stray byte is still that encoding.
_TOLERATED_ERROR_RATIO = 0.001
_TOLERATED_ERRORS_MIN = 2

#: Above this share of replacement/control characters the "text" is garbage.
_GARBAGE_RATIO = 0.1

_ALIASES = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "ms936": "gb18030",
    "windows-936": "gb18030",
    "csgb2312": "gb18030",
    "gb_2312-80": "gb18030",
    "gb2312-80": "gb18030",
    "euc-cn": "gb18030",
    "x-euc-cn": "gb18030",
    "hz-gb-2312": "hz",
    "big5-hkscs": "big5hkscs",
    "ascii": "utf-8",
    "us-ascii": "utf-8",
    "utf8": "utf-8",
    "unicode-1-1-utf-8": "utf-8",
    # Browsers decode "iso-8859-1" as windows-1252; so do we.
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
}

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    # UTF-32 before UTF-16: the UTF-32 LE BOM starts with the UTF-16 LE one.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([^"';,\s]+)""", re.IGNORECASE)
_META_CHARSET = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE
)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9_\-:.]+)""")

_CHINESE_FAMILY = {"gb18030", "big5", "big5hkscs", "hz"}


def normalize_charset(label: str | None) -> str | None:
    """Map a charset label to a Python codec name we decode with, or None if unknown.

    >>> normalize_charset("GB2312")
    'gb18030'
    >>> normalize_charset("no-such-thing") is None
    True
    """
    if not label:
        return None
    name = label.strip().strip("\"'").lower()
    name = _ALIASES.get(name, name)
    try:
        canonical = codecs.lookup(name).name
    except LookupError:
        return None
    # codecs.lookup("gbk").name is "gbk": fold the GB family once more after lookup.
    return _ALIASES.get(canonical, canonical)


def charset_from_content_type(content_type: str | None) -> str | None:
    """The raw ``charset`` parameter of a Content-Type header, if any."""
    if not content_type:
        return None
    match = _HEADER_CHARSET.search(content_type)
    return match.group(1) if match else None


def sniff_declared_charset(body: bytes) -> str | None:
    """The charset declared inside the document (meta tag or XML declaration), if any."""
    head = body[:META_SCAN_BYTES]
    match = _XML_DECL.match(head) or _META_CHARSET.search(head)
    if not match:
        return None
    return match.group(1).decode("ascii", errors="replace")


def _decode_tolerant(body: bytes, encoding: str) -> str | None:
    """Decode, accepting a tiny number of bad bytes; None when the encoding clearly fails."""
    try:
        return body.decode(encoding)
    except UnicodeDecodeError:
        pass
    except LookupError:
        return None
    text = body.decode(encoding, errors="replace")
    errors = text.count("\ufffd")
    if errors <= max(_TOLERATED_ERRORS_MIN, int(len(text) * _TOLERATED_ERROR_RATIO)):
        return text
    return None


def _cjk_share(text: str) -> float:
    """Share of non-ASCII characters that are CJK ideographs, CJK punctuation or fullwidth."""
    non_ascii = [c for c in text if ord(c) > 0x7F]
    if not non_ascii:
        return 0.0
    cjk = sum(
        1
        for c in non_ascii
        if 0x4E00 <= ord(c) <= 0x9FFF
        or 0x3400 <= ord(c) <= 0x4DBF
        or 0x20000 <= ord(c) <= 0x3134F
        or 0x3000 <= ord(c) <= 0x303F
        or 0xFF00 <= ord(c) <= 0xFFEF
    )
    return cjk / len(non_ascii)


def _garbage_share(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(
        1 for c in text if c == "\ufffd" or (ord(c) < 0x20 and c not in "\t\n\r\f") or c == "\x7f"
    )
    return bad / len(text)


def _detect(body: bytes) -> tuple[str, str] | None:
    try:
        return body.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(body).best()
    detected = normalize_charset(best.encoding) if best is not None else None
    if detected in _CHINESE_FAMILY or (detected or "").startswith("utf"):
        assert detected is not None
        text = _decode_tolerant(body, detected)
        if text is not None:
            return text, detected
    # Short GBK snippets are often "detected" as Korean or Japanese codepages. Our sources
    # are Chinese government sites, so GB18030 that decodes cleanly into Chinese wins.
    gb_text = _decode_tolerant(body, "gb18030")
    if gb_text is not None and _cjk_share(gb_text) >= 0.8:
        return gb_text, "gb18030"
    if detected is not None:
        text = _decode_tolerant(body, detected)
        if text is not None:
            return text, detected
    return None


def decode_body(body: bytes, content_type: str | None) -> tuple[str, str]:
    """Decode ``body`` to ``(text, python_codec_name)``.

    Raises :class:`DecodeError` (with an empty URL; the fetcher fills it in) when no
    plausible encoding yields text that is not mostly garbage.

    >>> decode_body("政府".encode("gbk"), "text/html; charset=gb2312")
    ('政府', 'gb18030')
    """
    for bom, encoding in _BOMS:
        if body.startswith(bom):
            return body[len(bom) :].decode(encoding, errors="replace"), encoding

    header = normalize_charset(charset_from_content_type(content_type))
    if not body:
        return "", header or "utf-8"
    if header is not None:
        text = _decode_tolerant(body, header)
        if text is not None:
            return text, header

    declared = normalize_charset(sniff_declared_charset(body))
    if declared is not None and declared.startswith("utf-16"):
        # A document whose <meta> we could read as ASCII is not UTF-16 (HTML spec rule).
        declared = "utf-8"
    if declared is not None:
        text = _decode_tolerant(body, declared)
        if text is not None:
            return text, declared

    detected = _detect(body)
    if detected is not None and _garbage_share(detected[0]) <= _GARBAGE_RATIO:
        return detected

    text = body.decode("utf-8", errors="replace")
    if _garbage_share(text) > _GARBAGE_RATIO:
        raise DecodeError("", "body is not text in any plausible encoding")
    return text, "utf-8"
