"""Shared helpers of the field extractors: the :class:`Doc` being filled, cue regexes,
lexicon look-ups, cleaning, and the rejoining of crawl-split letters.

Used by :mod:`pipeline.fields_header`, :mod:`pipeline.fields_issuer`,
:mod:`pipeline.fields_body`, :mod:`pipeline.fields_signer` and
:mod:`pipeline.fields_recipients`.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from . import patterns
from .records import Segmentation, Text

_UPPER_RATIO = 0.8


@dataclass
class Doc:
    """The document being extracted: normalized text, sections, evidence, warnings."""

    text: Text
    seg: Segmentation
    evidence: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    original: str | None = None  # the original pages joined (fields_body builds it once)

    @property
    def t(self) -> str:
        return self.text.text

    @property
    def main_end(self) -> int:
        """End of the document proper: where the first annex starts (or the text's end)."""
        if not self.seg:
            return len(self.t)
        starts = [s.start for s in self.seg.sections if s.kind == "annex"]
        return min(starts) if starts else len(self.t)

    def ev(self, key: str, start: int, end: int, rule: str) -> None:
        start, end = trim_span(self.t, start, end)
        if end > start:
            self.evidence[key] = self.text.evidence(start, end, rule=rule)


def rx(rule_id: str) -> re.Pattern[str]:
    return patterns.regex("fields", rule_id)


def trim_span(t: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) past whitespace, markdown marks and trailing punctuation."""
    while start < end and (t[start].isspace() or t[start] in "*#|"):
        start += 1
    while end > start and (t[end - 1].isspace() or t[end - 1] in "*#|;,:"):
        end -= 1
    return start, end


def clean(s: str | None) -> str | None:
    """Collapse whitespace, drop markdown marks and trailing separators."""
    if s is None:
        return None
    s = re.sub(r"\*\*|__|^#+\s*", " ", s)
    s = re.sub(r"\s+", " ", s).strip(" \t*#|;,:")
    return s or None


def lexicon(kind: str) -> list[dict[str, Any]]:
    return [e for e in patterns.table("agencies") if e.get("kind") == kind]


@cache
def doc_types() -> list[dict[str, Any]]:
    try:
        return patterns.table("doc_types")
    except FileNotFoundError:  # table written by the citations stage
        return []


@cache
def _abbr_rules() -> list[tuple[re.Pattern[str], str]]:
    """One compiled pattern per abbreviation, in table order, longest first within an entry
    (compiled once: the ``re`` module's own cache is too small for them all)."""
    return [
        # not inside a dotted compound: "TP" is not expanded in "TP.HCM" ("TP." is)
        (re.compile(rf"(?<![\wÀ-ỹ&]){re.escape(abbr)}(?![\wÀ-ỹ&])(?!\.\w)"), entry["expansion"] + " ")
        for entry in lexicon("abbr")
        for abbr in sorted(entry["abbr"], key=len, reverse=True)
    ]


def expand_abbreviations(s: str) -> str:
    for rx_abbr, expansion in _abbr_rules():
        s = rx_abbr.sub(expansion, s)
    return re.sub(r"[ \t]+", " ", s).strip()


@cache
def _name_commas_rx(flags: int) -> re.Pattern[str] | None:
    """The known names that hold a comma (``issuers.yaml`` expansions: "Bộ Văn hóa, Thể thao
    và Du lịch", "Văn hóa, Thể thao và Du lịch"), longest first, as one pattern."""
    names = {e["expansion"] for e in patterns.table("issuers") if "," in e.get("expansion", "")}
    alt = "|".join(r"\s+".join(map(re.escape, n.split())) for n in sorted(names, key=len, reverse=True))
    return re.compile(alt, flags) if alt else None


def mask_name_commas(s: str, ignore_case: bool = False) -> str:
    """``s`` with the commas inside known names replaced by NUL (same length), so that a
    comma-cut reader (a cited issuer, a deadline's addressee) reads the name whole."""
    name_rx = _name_commas_rx(re.IGNORECASE if ignore_case else 0)
    return name_rx.sub(lambda m: m.group().replace(",", "\x00"), s) if name_rx else s


def is_upper_line(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) / len(letters) >= _UPPER_RATIO


def iso(y: Any, m: Any, d: Any) -> str | None:
    if not all(isinstance(x, int) or (isinstance(x, str) and x.isdigit()) for x in (y, m, d)):
        return None  # blank, or an unreadable (OCR) slot: never guess a digit
    try:
        return _dt.date(int(y), int(m), int(d)).isoformat()
    except (TypeError, ValueError):
        return None


def _starts_with_vowel(token: str) -> bool:
    base = unicodedata.normalize("NFD", token[:1].lower())[:1]
    return base in "aeiouy"


def _ends_with_vowel(token: str) -> bool:
    base = unicodedata.normalize("NFD", token[-1:].lower())[:1]
    return base in "aeiouy"


def rejoin_groups(tokens: list[str]) -> list[list[int]]:
    """Token indices grouped into syllables a crawl split letter by letter.

    "B Ộ" → "BỘ", "Qu ả ng" → "Quảng": a token that is only an initial consonant is
    joined to a following vowel-led token, and a token that is only a final consonant to
    a preceding vowel-ended fragment that was itself joined or is only vowels. Neither
    kind of token is a Vietnamese word on its own. Used on issuer lines and places only:
    recipients keep the crawl spacing as written.
    """
    onset, coda = rx("syllable_onset_only"), rx("syllable_coda_only")
    groups: list[list[int]] = []
    for i, tok in enumerate(tokens):
        if groups:
            prev = "".join(tokens[j] for j in groups[-1])
            vowels_only = all(_starts_with_vowel(c) for c in prev if c.isalpha())
            if (
                (onset.match(prev) and tok[:1].isalpha() and _starts_with_vowel(tok))
                or (coda.match(tok) and _ends_with_vowel(prev) and (len(groups[-1]) > 1 or vowels_only))
                or (len(groups[-1]) > 1 and (prev[-1:] + tok).lower() in ("ng", "nh", "ch"))
            ):
                groups[-1].append(i)
                continue
        groups.append([i])
    return groups


def rejoin_split_letters(s: str) -> str:
    """``s`` with crawl-split syllables rejoined (see :func:`rejoin_groups`)."""
    tokens = s.split()
    return " ".join("".join(tokens[j] for j in g) for g in rejoin_groups(tokens))


def respell(s: str) -> str:
    """Old-style tone placement in unit heads ("Uỷ ban", "UỶ BAN") → canonical ("Ủy ban")."""
    for entry in lexicon("spelling"):
        for written in entry["written"]:
            pat = rf"(?<![\wÀ-ỹ]){re.escape(written)}(?![\wÀ-ỹ])"
            s = re.sub(
                pat,
                lambda m, c=entry["canonical"]: c.upper() if m.group().isupper() else c,
                s,
                flags=re.IGNORECASE,
            )
    return s


def first_heading(doc: Doc) -> int | None:
    m = rx("heading_line").search(doc.t)
    return m.start() if m else None


# ------------------------------------------------------------------ the closing block
# Shared by pipeline.fields_signer and pipeline.fields_recipients: where the Nơi nhận list
# and the signature block start.

_TAIL = 4000  # when there is no "Nơi nhận", the signature is looked for in the last characters
_BEFORE_RECIPIENTS = 200  # a signature may sit just above "Nơi nhận" (OCR of two columns)
_ENACTING_LINE = 160  # an enacting-authority line is at most this long
_BODY_KINDS = ("preamble", "body", "heading", "closing", "recipients")


def body_rx(rule_id: str) -> re.Pattern[str]:
    """A regex of ``models/rules/body.yaml`` (body and closing-block rules)."""
    return patterns.regex("body", rule_id)


def is_caps(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return all(c.isupper() for c in letters)


def recipients_start(doc: Doc) -> re.Match[str] | None:
    found = None
    for m in rx("recipients_start").finditer(doc.t, 0, doc.main_end):
        found = m  # the last one before the annexes
    return found


def _body_floor(doc: Doc) -> int:
    """The signature follows the body: never inside the header or the title."""
    if not doc.seg or not doc.seg.sections:
        return 0
    starts = [s.start for s in doc.seg.sections if s.kind in _BODY_KINDS and not s.annex]
    if starts:
        return min(starts)
    ends = [s.end for s in doc.seg.sections if s.kind in ("header", "title")]
    return max(ends) if ends else 0


def _at_line_start(t: str, pos: int) -> bool:
    """Nothing but markup, or the end of a sentence / item / cell, before ``pos`` on its line."""
    before = t[t.rfind("\n", 0, pos) + 1 : pos].rstrip(" \t*#")
    return not before or before[-1] in "|;:.)"


def signature_start(doc: Doc) -> int | None:
    """Offset of the signature block (authority or position in capitals), if any."""
    t, end = doc.t, doc.main_end
    floor = _body_floor(doc)
    rec = recipients_start(doc)
    lo = max(0, rec.start() - _BEFORE_RECIPIENTS) if rec else max(0, end - _TAIL)
    sig = [s for s in (doc.seg.of_kind("signature") if doc.seg else []) if not s.annex and s.start >= floor]
    if sig:
        lo = min(lo, sig[0].start)
    lo = max(lo, floor)
    best = None
    for name in ("signer_authority", "signer_position"):
        for m in body_rx(name).finditer(t, lo, end):
            flat = rec is not None and m.start() > rec.end() and t[m.start() - 2 : m.start() - 1].islower()
            if _enacting_line(t, m.start()):
                continue  # "CHỦ TỊCH ỦY BAN NHÂN DÂN …" above "Căn cứ": who enacts, not who signs
            # beside Nơi nhận items that end in a comma ("- Ban Tổ chức Tỉnh ủy (b/c), PHÓ BÍ THƯ"),
            # but not on the archive line ("- Lưu: VT, TM.": TM. is the staff office's code)
            side = (
                rec is not None
                and m.start() > rec.end()
                and t[: m.start()].rstrip(" \t").endswith(",")
                and not rx("recipient_archive").match(
                    t[t.rfind("\n", 0, m.start()) + 1 : m.start()].strip(" \t-+*•·|#")
                )
            )
            if _at_line_start(t, m.start()) or flat or side or (sig and m.start() == sig[0].start):
                if best is None or m.start() < best:
                    best = m.start()
                break
    if best is None and rec is not None:
        best = _folded_position(t, rec.end(), end)
    return best


def _enacting_line(t: str, pos: int) -> bool:
    """The position at ``pos`` heads a decision's enacting-authority line: the next line (or
    the rest of a flattened line) opens the preamble ("Căn cứ …", "Xét đề nghị …"). The
    signature block follows the body, never the title."""
    eol = t.find("\n", pos)
    rest = t[pos : len(t) if eol == -1 else eol]
    cue = body_rx("preamble_cue").search(rest, 0, _ENACTING_LINE)
    if cue:  # a flattened line: only capitals (the position and its body) before the cue
        return is_caps(rest[: cue.start()])
    nxt = re.match(r"(?:[ \t]*\n)*[ \t*#]*([^\n]*)", t[eol + 1 :]) if eol != -1 else None
    return bool(nxt and body_rx("preamble_cue").match(nxt.group(1)))


def _strip_marks(s: str) -> str:
    """``s`` with its diacritics dropped and Đ/đ read as D/d, same length (offsets stay valid)."""
    out = []
    for c in s:
        base = unicodedata.normalize("NFD", c)[0]
        out.append("D" if c == "Đ" else "d" if c == "đ" else base)
    return "".join(out)


@cache
def _folded_rx(rule_id: str) -> re.Pattern[str]:
    return re.compile(_strip_marks(body_rx(rule_id).pattern))


def folded_positions(s: str) -> list[re.Match[str]]:
    """Secondary key: the signer positions of ``s`` matched on its accent-folded copy (same
    offsets), for capitals OCR or an old font read without diacritics ("PHO CHU TICH",
    "PHO GIAM ĐỌC"); only matches whose original text is in capitals."""
    return [
        m for m in _folded_rx("signer_position").finditer(_strip_marks(s)) if is_caps(s[m.start() : m.end()])
    ]


def _folded_position(t: str, lo: int, hi: int) -> int | None:
    """Secondary key, below the Nơi nhận cue only: a position in capitals OCR read without
    its diacritics ("PHO GIAM ĐỌC", "GIAM ĐÔC") at a line start, matched on a folded copy."""
    for m in _folded_rx("signer_position").finditer(_strip_marks(t[lo:hi])):
        if _at_line_start(t, lo + m.start()) and is_caps(t[lo + m.start() : lo + m.end()]):
            return lo + m.start()
    return None
