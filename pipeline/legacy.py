"""Legacy Vietnamese font encodings (TCVN3/ABC and VNI Windows) → Unicode.

Archives still hold text typed with 8-bit "font encodings": the bytes are Latin-1
characters that a special font (``.VnTime``, ``VNI-Times``) draws as Vietnamese letters.
Read as ordinary text they look like ``Céng hßa X· héi`` (TCVN3) or ``Coäng hoøa xaõ``
(VNI). The code charts are data (``models/rules/legacy_charsets.yaml``).

Detection scores each candidate decoding by how much of its text is made of plausible
Vietnamese syllables, and converts only when a decoding is clearly better than the text
as given. Lines that already hold Unicode-only Vietnamese letters are never touched, so
a document mixing Unicode and legacy paragraphs is converted line by line.

    >>> convert_legacy("Céng hßa X· héi chñ nghÜa ViÖt Nam")
    ('Cộng hòa Xã hội chủ nghĩa Việt Nam', 'tcvn3')
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from . import patterns

ENCODINGS = ("tcvn3", "vni")

# Minimum share of syllable-like words for a decoding to be accepted, and the margin by
# which it must beat the text as given.
_MIN_SCORE = 0.5
_MARGIN = 0.1
_MIN_CHANGED = 2
_MIXED_MIN_SCORE = 0.85  # plausibility needed to convert lines of a Unicode document

_WORD = re.compile(r"[^\W\d_]+")
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
    r"(?P<v>[aăâeêioôơuưy]{1,3})"
    r"(?:ch|ng|nh|[cmnpt])?"
)
# Vowel clusters (tone removed) that a Vietnamese syllable can hold.
_NUCLEI = frozenset(
    [
        "a",
        "ă",
        "â",
        "e",
        "ê",
        "i",
        "o",
        "ô",
        "ơ",
        "u",
        "ư",
        "y",
        "ai",
        "ao",
        "au",
        "ay",
        "âu",
        "ây",
        "eo",
        "êu",
        "ia",
        "iê",
        "iu",
        "oa",
        "oă",
        "oe",
        "oi",
        "ôi",
        "ơi",
        "oo",
        "ua",
        "uâ",
        "uê",
        "ui",
        "uô",
        "uơ",
        "ưa",
        "ưi",
        "ưu",
        "ươ",
        "uy",
        "yê",
        "iêu",
        "oai",
        "oay",
        "oeo",
        "uây",
        "uôi",
        "ươi",
        "ươu",
        "uyê",
        "uya",
        "yêu",
    ]
)
# Letters that exist only outside Latin-1: a line holding them is already Unicode.
_UNICODE_VI = re.compile(r"[\u0102\u0103\u0110\u0111\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]")


@cache
def _tables() -> dict[str, dict[str, str]]:
    """encoding id → {legacy sequence: Unicode letter} (decoding direction)."""
    out = {}
    for entry in patterns.table("legacy_charsets"):
        out[entry["id"]] = {legacy: uni for uni, legacy in entry["map"].items()}
    return out


@cache
def _decoder(encoding: str) -> re.Pattern[str]:
    keys = sorted(_tables()[encoding], key=len, reverse=True)
    return re.compile("|".join(re.escape(k) for k in keys))


def _decode(text: str, encoding: str) -> str:
    table = _tables()[encoding]
    out = _decoder(encoding).sub(lambda m: table[m.group(0)], text)
    if encoding == "tcvn3":
        out = _restore_caps(text, out)
    return out


def _restore_caps(before: str, after: str) -> str:
    """TCVN3 has no upper-case toned letters (the ``.VnTimeH`` font draws the lower-case
    codes as capitals). In a word whose ASCII letters are all capitals (``CéNG``),
    upper-case the converted letters too (``CỘNG``); in a line of such words, short
    words (``X·``) follow their neighbours."""
    if len(before) != len(after):
        return after
    out, pos = [], 0
    for line in after.split("\n"):
        src = before[pos : pos + len(line)]
        pos += len(line) + 1
        words = list(_WORD.finditer(line))
        caps = []
        for m in words:
            letters = [c for c in src[m.start() : m.end()] if c.isascii() and c.isalpha()]
            caps.append(None if len(letters) < 2 else all(c.isupper() for c in letters))
        decided = [c for c in caps if c is not None]
        line_caps = bool(decided) and all(decided)
        chars = list(line)
        for m, cap in zip(words, caps, strict=True):
            first = src[m.start() : m.end()][:1]
            short_caps = cap is None and line_caps and not (first.isascii() and first.islower())
            if cap or short_caps:
                chars[m.start() : m.end()] = m.group(0).upper()
        out.append("".join(chars))
    return "\n".join(out)


def _encode(text: str, encoding: str) -> str:
    """Unicode → legacy characters (used by tests for round trips). Upper-case toned
    letters that TCVN3 lacks are written with the lower-case code, as ``.VnTimeH`` does."""
    table = {uni: legacy for legacy, uni in _tables()[encoding].items()}
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in table:
            out.append(table[ch])
        elif ch.lower() in table and ch.lower() != ch:
            out.append(table[ch.lower()])
        else:
            out.append(ch)
    return "".join(out)


def _is_syllable(word: str) -> bool:
    """Could ``word`` be one Vietnamese syllable (at most one tone, valid onset/rhyme)?"""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = sum(1 for c in decomposed if c in _TONES)
    if tones > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    m = _SYLLABLE.fullmatch(bare)
    if not m:
        return False
    # Orthography: c/q never before e, ê, i, y; k only before them.
    onset = bare[: m.start("v")]
    nucleus = m.group("v")
    if nucleus not in _NUCLEI:
        return False
    if onset == "c" and nucleus[0] in "eêiy":
        return False
    return not (onset == "k" and nucleus[0] not in "eêiy")


def _plausibility(text: str) -> float:
    """Share of the words of ``text`` that are plausible Vietnamese syllables (0-1)."""
    words = _WORD.findall(text)
    if not words:
        return 0.0
    return sum(1 for w in words if _is_syllable(w)) / len(words)


def _candidate_lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if not _UNICODE_VI.search(line)]


def convert_legacy(text: str) -> tuple[str, str | None]:
    """Detect TCVN3 or VNI text and convert it to Unicode.

    Returns ``(text, encoding)``; ``encoding`` is ``"tcvn3"``, ``"vni"`` or ``None``
    when no legacy encoding was detected (then ``text`` is returned unchanged).
    """
    sample = "\n".join(_candidate_lines(text))
    if not sample.strip():
        return text, None
    # In a Unicode document, Latin-1-only lines ("· Trung tâm GDNN- GDTX;") are legacy text
    # only when decoding makes nearly every word a Vietnamese syllable.
    floor = _MIXED_MIN_SCORE if _UNICODE_VI.search(text) else _MIN_SCORE
    base = _plausibility(sample)
    best: tuple[float, str] | None = None
    for encoding in ENCODINGS:
        decoded = _decode(sample, encoding)
        changed = sum(1 for a, b in zip(sample, decoded, strict=False) if a != b) + abs(
            len(sample) - len(decoded)
        )
        if changed < _MIN_CHANGED:
            continue
        score = _plausibility(decoded)
        if score >= floor and score >= base + _MARGIN and (best is None or score > best[0]):
            best = (score, encoding)
    if best is None:
        return text, None
    encoding = best[1]
    lines = []
    for line in text.split("\n"):
        if not _UNICODE_VI.search(line):
            decoded = _decode(line, encoding)
            if decoded != line and _plausibility(decoded) >= _plausibility(line):
                line = decoded
        lines.append(line)
    return "\n".join(lines), encoding
