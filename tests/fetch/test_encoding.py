"""decode_body: BOM, header, meta, detection, and the garbage guard."""

from __future__ import annotations

import codecs

import pytest

from ingest.fetch import DecodeError, decode_body
from ingest.fetch.encoding import normalize_charset

TEXT = "抚州市人民政府办公室关于印发政府工作报告重点工作分解方案的通知。朱镕基、王堃。"


@pytest.mark.parametrize(
    "label", ["gb2312", "GB2312", "gbk", "x-gbk", "cp936", "GB18030", "EUC-CN"]
)
def test_gb_family_decodes_as_gb18030(label: str):
    assert normalize_charset(label) == "gb18030"
    text, encoding = decode_body(TEXT.encode("gb18030"), f"text/html; charset={label}")
    assert (text, encoding) == (TEXT, "gb18030")


def test_quoted_header_charset():
    assert decode_body(TEXT.encode("gbk"), 'text/html; charset="GBK"') == (TEXT, "gb18030")


def test_unknown_header_charset_falls_back_to_meta():
    body = f'<meta charset="gbk"><p>{TEXT}</p>'.encode("gbk")
    text, encoding = decode_body(body, "text/html; charset=klingon")
    assert encoding == "gb18030" and TEXT in text


def test_wrong_header_charset_falls_back_instead_of_mojibake():
    # Server says utf-8 but the bytes are GBK (common misconfiguration).
    body = f'<meta charset="gb2312"><p>{TEXT}</p>'.encode("gbk")
    text, encoding = decode_body(body, "text/html; charset=utf-8")
    assert encoding == "gb18030" and TEXT in text


def test_xml_declaration_counts_as_declared():
    body = f'<?xml version="1.0" encoding="gb2312"?><datastore>{TEXT}</datastore>'.encode("gbk")
    assert decode_body(body, "text/xml")[1] == "gb18030"


@pytest.mark.parametrize(
    ("bom", "codec", "name"),
    [
        (codecs.BOM_UTF8, "utf-8", "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
    ],
)
def test_bom_wins_over_header_and_meta(bom: bytes, codec: str, name: str):
    html = f'<meta charset="gb2312"><p>{TEXT}</p>'
    assert decode_body(bom + html.encode(codec), "text/html; charset=gbk") == (html, name)


def test_a_stray_bad_byte_does_not_discard_the_declared_charset():
    body = TEXT.encode("gb18030") * 20 + b"\xff"  # one broken byte at the end
    text, encoding = decode_body(body, "text/html; charset=gb2312")
    assert encoding == "gb18030" and text.startswith(TEXT)


def test_plain_ascii_without_declaration_is_utf8():
    assert decode_body(b"<html>hello</html>", None) == ("<html>hello</html>", "utf-8")


def test_empty_body():
    assert decode_body(b"", "text/html; charset=gbk") == ("", "gb18030")
    assert decode_body(b"", None) == ("", "utf-8")


def test_binary_garbage_is_a_decode_error():
    noise = bytes(range(0, 32)) * 40 + b"\x00\xff\xfe" * 50
    with pytest.raises(DecodeError):
        decode_body(noise, None)
