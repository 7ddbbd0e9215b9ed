"""Decode the bytes of a text file (``.txt``, ``.md``) or web page (``.html``) into pages.

Encodings: a BOM (UTF-8, UTF-16, UTF-32), UTF-16 without BOM, UTF-8, then 8-bit text:
TCVN3 / VNI (read as Latin-1 and converted, :mod:`pipeline.legacy`) against Windows-1258,
best plausibility wins, and charset-normalizer's guess last. Binary data named as text is
``text_undecodable``. Called by :func:`pipeline.ingest.ingest`.
"""

from __future__ import annotations

import re
import unicodedata

from .html_text import html_text
from .legacy import _plausibility, convert_legacy
from .records import PageText, PipelineError

BAD_CHARS = re.compile(r"[\ufffd\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ue000-\uf8ff]")  # junk in decoded text
VI_LETTERS = re.compile(r"[ăâđêôơưĂÂĐÊÔƠƯ\u1ea0-\u1ef9àáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ]", re.IGNORECASE)
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")  # not in text of any 8-bit code page


def read_text(data: bytes, fmt: str) -> tuple[list[PageText], str, list[str]]:
    """Pages, encoding and warnings of a ``txt``/``md`` file's bytes (one page per form
    feed) or an ``html`` page's (its visible text, one page); ``text_undecodable`` when the
    bytes are binary data, not text."""
    if fmt == "html":
        markup, encoding, warnings = _decoded_text(data)
        return [PageText(index=0, text=html_text(markup), method="text")], encoding, warnings
    text, encoding, warnings = _decoded_text(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    parts = text.split("\f")
    if len(parts) > 1 and not parts[-1].strip():
        parts.pop()
    return [PageText(index=i, text=t, method="text") for i, t in enumerate(parts)], encoding, warnings


def _decoded_text(data: bytes) -> tuple[str, str, list[str]]:
    """The decoded text; ``text_undecodable`` when it is binary data, not text: more than
    10% control, private-use or undecodable characters, or (read through an 8-bit code page,
    which maps any byte to some letter) more than 3% control bytes, which no code page's
    text holds. A binary file named ``.txt`` is an error row, not a page of mojibake."""
    text, encoding, warnings = _decode(data)
    stripped = "".join(text.split())
    bad = len(BAD_CHARS.findall(stripped)) / max(len(stripped), 1)
    sample = data[:65536]
    controls = 0.0 if encoding.startswith("utf") else len(_CONTROL_BYTES.findall(sample)) / len(sample)
    if bad > 0.1 or controls > 0.03:
        why = f"{bad:.0%} control or undecodable characters" if bad > 0.1 else f"{controls:.0%} control bytes"
        raise PipelineError("text_undecodable", f"content is binary, not text ({why})")
    return text, encoding, warnings


def _decode(data: bytes) -> tuple[str, str, list[str]]:
    for bom, codec, name in (
        (b"\xef\xbb\xbf", "utf-8-sig", "utf-8-sig"),
        (b"\xff\xfe\x00\x00", "utf-32", "utf-32"),
        (b"\xff\xfe", "utf-16", "utf-16"),
        (b"\xfe\xff", "utf-16", "utf-16"),
    ):
        if data.startswith(bom):
            return _legacy(data.decode(codec, errors="replace"), name, [])
    utf16 = _bomless_utf16(data)
    if utf16:
        try:
            return _legacy(data.decode(utf16), "utf-16", ["encoding: UTF-16 without BOM"])
        except UnicodeDecodeError:
            pass
    try:
        return _legacy(data.decode("utf-8"), "utf-8", [])
    except UnicodeDecodeError:
        pass
    # 8-bit: TCVN3 / VNI (read as Latin-1) against Windows-1258, best plausibility wins.
    latin = data.decode("latin-1")
    legacy_text, legacy_enc = convert_legacy(latin)
    cp1258 = data.decode("cp1258", errors="replace")
    if legacy_enc and _plausibility(legacy_text) >= _plausibility(cp1258):
        return legacy_text, legacy_enc, [f"legacy_encoding: {legacy_enc} converted to Unicode"]
    if VI_LETTERS.search(unicodedata.normalize("NFC", cp1258)) and _plausibility(cp1258) >= 0.5:
        return cp1258, "cp1258", []
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None:
        return str(best), best.encoding, [f"encoding_guess: {best.encoding}"]
    return latin, "latin-1", ["encoding_guess: latin-1"]


def _bomless_utf16(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 4 or len(data) % 2:
        return None
    pairs = len(sample) // 2
    even = sum(1 for i in range(0, 2 * pairs, 2) if sample[i] == 0) / pairs
    odd = sum(1 for i in range(1, 2 * pairs, 2) if sample[i] == 0) / pairs
    if odd > 0.3 and even < 0.05:
        return "utf-16-le"
    if even > 0.3 and odd < 0.05:
        return "utf-16-be"
    return None


def _legacy(text: str, encoding: str, warnings: list[str]) -> tuple[str, str, list[str]]:
    converted, legacy = convert_legacy(text)
    if legacy:
        return converted, legacy, [*warnings, f"legacy_encoding: {legacy} converted to Unicode"]
    return text, encoding, warnings
