"""The lowest unit of a stacked issuer header, for :mod:`pipeline.unit_names`.

A header names the parent body above the issuing unit ("BỘ TÀI CHÍNH / TỔNG CỤC THUẾ",
"UBND TỈNH QUẢNG NAM / SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH"), two whole bodies each with its
locality ("HỘI KHUYẾN HỌC TỈNH … / HỘI KHUYẾN HỌC HUYỆN …"), or a joint document's bodies
joined by a dash: :func:`lowest_unit` says which unit issues it (the convention is in
:mod:`pipeline.unit_names`). A unit-head syllable that ends a word of the name ("DỊCH VỤ",
"CƠ SỞ"; ``models/rules/issuer_words.yaml``) starts no unit.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Any

from . import patterns
from .fields_common import lexicon


def lowest_unit(full: str) -> tuple[str, str]:
    """(the header's names, a joint document's lead body kept; the lowest unit in them):
    "Bộ Tài chính Tổng cục Thuế" → (…, "Tổng cục Thuế")."""
    full = _joint_lead(full)
    return full, _split_units(full)


@cache
def _head_patterns() -> dict[str, re.Pattern[str]]:
    """Each unit head (casefolded) → its whole-word pattern, compiled once: there are more
    heads than ``re`` keeps compiled, so they were compiled again on every call."""
    heads = dict.fromkeys(e["canonical"].casefold() for e in lexicon("head"))  # table order
    return {h: re.compile(rf"(?<![\wÀ-ỹ]){re.escape(h)}(?![\wÀ-ỹ])") for h in heads}


def _split_units(name: str) -> str:
    """The lowest unit of a multi-line issuer: "Bộ Tài chính Tổng cục Thuế" → "Tổng cục Thuế"."""
    # a lower unit is never one of these (nor the Government itself)
    never = ("Hội", "Đài", "Bộ", "Ban", "Chính phủ", "Thủ tướng Chính phủ", "Đảng bộ")
    entries = {e["canonical"].casefold(): e for e in lexicon("head")}
    low = name.casefold()
    cased = name != name.upper()  # in a mixed-case name a unit head is capitalized ("Sở Nội vụ")
    spans = [
        (m.start(), m.end(), h)
        for h, head_rx in _head_patterns().items()
        for m in head_rx.finditer(low)
        # "DỊCH VỤ", "CƠ SỞ": no unit starts inside a word; a head of several words ("TRƯỜNG
        # THPT" after "ĐẮK NÔNG") is never the end of one
        if " " in h or not _in_compound(low[: m.start()], h)
    ]
    # a head inside a known body's name ("công an" in "Bộ Công an") starts no unit
    known = [m.span() for m in _known_names_rx().finditer(low)]
    spans = [(s, e, h) for s, e, h in spans if not any(k0 < s and e <= k1 for k0, k1 in known)]
    best = 0
    for s, e, h in spans:
        inside = any(s2 <= s and e <= e2 and (e2 - s2) > (e - s) for s2, e2, _ in spans)
        before = low[:s].strip()
        if before.endswith(("và", "-", ",")):
            continue
        if not inside and _two_complete_units(before, low[s:]):
            best = max(best, s)  # "HỘI … TỈNH X / HỘI … HUYỆN Y": the lower body
            continue
        # "Ban Chấp hành Tỉnh đoàn"; the same head repeated names the body above, then its
        # branch ("KHO BẠC NHÀ NƯỚC / KHO BẠC NHÀ NƯỚC TỈNH …")
        after_head = any(e2 < s and not low[e2:s].strip() and h2 != h for _, e2, h2 in spans)
        if (
            entries[h]["canonical"] not in never
            and not inside
            and not after_head
            and s > 0
            and (not cased or name[s].isupper())
            and len(before.split()) >= 2
            and not before.endswith(("và", "-", ","))
            # a unit head names something: "… NỘI VỤ", "… MÔI TRƯỜNG" end a name
            and (low[e:].strip() or entries[h].get("alone") or entries[h].get("complete"))
        ):
            best = max(best, s)
    return name[best:].strip()


@cache
def _compounds() -> frozenset[tuple[str, ...]]:
    """Folded two-syllable words ending in a unit-head syllable ("dich vu", "co so")."""
    return frozenset(
        tuple(_wfold(w) for w in e["word"].split())
        for e in patterns.table("issuer_words")
        if e["kind"] == "compound"
    )


def _in_compound(before: str, head: str) -> bool:
    """Whether the head ``head`` found after ``before`` is the end of a word ("dịch vụ")."""
    prev = before.split()[-1:]
    return bool(prev) and (_wfold(prev[0]), _wfold(head.split()[0])) in _compounds()


def _two_complete_units(before: str, lower: str) -> bool:
    """Both the text above a unit head and the unit from it on are whole unit names ending
    in a locality ("hội khuyến học tỉnh quảng nam" / "hội khuyến học huyện thăng bình"): the
    lower one is the issuer, even for a head that is otherwise never a lower unit ("Hội")."""

    def complete(text: str) -> bool:
        m = _locality_rx().search(text)
        return m is not None and m.start() > 0 and len(m.group("n").split()) <= 5

    return (complete(before) or _national(before)) and complete(lower)


def _joint_lead(full: str) -> str:
    """A joint document's header names its bodies joined by a dash, each whole with its
    locality ("ỦY BAN MTTQ VN XÃ A - ỦY BAN NHÂN DÂN XÃ A"): the first is the lead issuer.
    A dash inside one name ("Lao động - Thương binh và Xã hội") joins no two such names."""
    parts = re.split(r"\s+[-–]\s+", full)
    heads = [e["canonical"].casefold() for e in lexicon("head")]

    def whole(part: str) -> bool:
        low = part.casefold()
        m = _locality_rx().search(part)
        return m is not None and m.start() > 0 and any(low.startswith(h + " ") for h in heads)

    if len(parts) != 2:
        return full
    if all(whole(p) for p in parts):
        return parts[0]
    # "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO - HỘI KHUYẾN HỌC HUYỆN ĐẮK GLONG": two bodies sharing the
    # locality written once at the end; the first (not an office of the second, "VĂN PHÒNG
    # HĐND - UBND HUYỆN …") leads
    first = parts[0].casefold()
    lead_head = next((e for e in lexicon("head") if first.startswith(e["canonical"].casefold() + " ")), None)
    loc = _locality_rx().search(parts[1])
    if (
        lead_head
        and not lead_head.get("alone")
        and not _locality_rx().search(parts[0])
        and whole(parts[1])
        and loc
    ):
        return f"{parts[0]} {parts[1][loc.start() :]}"
    return full


def _national(text: str) -> bool:
    """A national organisation named above its local branch ("HỘI KHUYẾN HỌC VIỆT NAM /
    HỘI KHUYẾN HỌC TỈNH BẮC GIANG", "HỘI NÔNG DÂN VIỆT NAM / BCH HỘI NÔNG DÂN HUYỆN …"):
    a name of three words or more that ends with the country's name."""
    words = [_wfold(w) for w in text.split()]
    return len(words) >= 4 and words[-2:] == ["viet", "nam"]


def _wfold(word: str) -> str:
    """Accent-folded lower-case copy of one word (secondary match key only)."""
    s = unicodedata.normalize("NFD", word.lower().replace("đ", "d").replace("ð", "d"))
    return "".join(c for c in s if unicodedata.category(c) != "Mn")


@cache
def _committees() -> dict[str, dict[str, Any]]:
    """Committee words that carry their locality word ("tỉnh ủy" → tỉnh), by folded case."""
    return {e["canonical"].casefold(): e for e in lexicon("head") if e.get("locality")}


@cache
def _locality_rx() -> re.Pattern[str]:
    words = [e["word"] for e in lexicon("locality")] + list(_committees())
    alt = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    # a lookahead, so that every locality word is tried ("… xã hội chi nhánh tỉnh Gia Lai":
    # "xã" resolves nothing, "tỉnh Gia Lai" does)
    return re.compile(rf"(?<![\wÀ-ỹ])(?=(?P<w>{alt})\s+(?P<n>\S.*)$)", re.IGNORECASE)


@cache
def _known_names_rx() -> re.Pattern[str]:
    """Every known body's whole name (casefolded), longest first, as one pattern: compiled
    once (one pattern a name on every call overflowed ``re``'s cache)."""
    names = sorted({e["canonical"].casefold() for e in lexicon("canonical")}, key=len, reverse=True)
    return re.compile(rf"(?<![\wÀ-ỹ])(?:{'|'.join(re.escape(n) for n in names)})(?![\wÀ-ỹ])")
