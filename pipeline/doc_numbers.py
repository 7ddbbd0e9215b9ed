"""Vietnamese document numbers and type words, as written in and around citations.

Numbers follow Nghị định 30/2020/NĐ-CP ("222/KH-UBND", "30/2020/NĐ-CP", "49-KL/TW");
``parse_number`` normalizes one, repairing a type code misread by OCR when the repair
gives a single known code::

    >>> parse_number("3210/QĐ - U B ND")
    '3210/QĐ-UBND'

This module also owns the vocabulary the citation modules build on (private, imported
by ``citation_issuers`` and ``citations``): the ``citations`` rule table (``_entry``,
``_rx``), type words and codes from ``doc_types.yaml`` (``_kinds``, ``_kind_from_code``),
the citation-phrase templates with those words and the number pattern filled in
(``_template``), and the clean-up of a phrase read from the text (``_clean``).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from . import patterns

__all__ = ["parse_number"]

_T = "citations"
_ETH = str.maketrans({"\u00d0": "Đ", "\u00f0": "đ"})
# U+FFFE: the hyphen PDFium reports where a line ends in "-" and the next line goes on
# ("96/KH-⏎UBND" in a PDF text layer); U+00AD: a soft hyphen
_DASHES = str.maketrans({"–": "-", "‐": "-", "—": "-", "\ufffe": "-", "\u00ad": "-"})


# ----------------------------------------------------------------------- tables


def _entry(rule_id: str) -> dict[str, Any]:
    for e in patterns.table(_T):
        if e["id"] == rule_id:
            return e
    raise KeyError(rule_id)


def _rx(rule_id: str) -> re.Pattern[str]:
    return patterns.regex(_T, rule_id)


@cache
def _number_body() -> str:
    return _entry("doc_number")["regex"].replace("(?P<num>", "(?:", 1)


@cache
def _kinds() -> dict[str, str]:
    """Folded type word or alias → canonical word."""
    out: dict[str, str] = {}
    for e in patterns.table("doc_types"):
        for w in [e["word"], *(e.get("aliases") or [])]:
            out[_fold_ws(w).lower()] = e["word"]
    return out


@cache
def _code_kinds() -> dict[str, str]:
    return {e["code"]: e["word"] for e in patterns.table("doc_types") if e.get("code")}


@cache
def _kind_abbrs() -> dict[str, str]:
    """A type word's abbreviation as written before "số" ("CV số 3589/…", "QĐ số …") →
    canonical word. Case-sensitive, and only ever followed by "số"."""
    return {a: e["word"] for e in patterns.table("doc_types") for a in e.get("abbr") or []}


def kind_of(written: str) -> str | None:
    """The canonical type word of a written one ("quyết  định", "QĐ") or None."""
    return _kinds().get(_fold_ws(written).lower()) or _kind_abbrs().get(_fold_ws(written))


@cache
def _template(rule_id: str) -> re.Pattern[str]:
    words = sorted(_kinds(), key=len, reverse=True)
    kinds = "(?i:" + "|".join(r"\s+".join(map(re.escape, w.split())) for w in words) + ")"
    abbrs = sorted(_kind_abbrs(), key=len, reverse=True)
    if abbrs:  # "CV số 3589/BGDĐT-GDTX": an abbreviation counts only before "số"
        kinds = f"(?:{kinds}|(?:{'|'.join(map(re.escape, abbrs))})(?=\\s*(?i:số)\\b))"
    tpl = patterns.expand(_entry(rule_id)["template"])
    return re.compile(tpl.replace("{kinds}", kinds).replace("{number}", _number_body()))


# ----------------------------------------------------------------------- text


def _fold_ws(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def _clean(s: str) -> str:
    s = _fold_ws(s.translate(_ETH))
    return s.replace("Uỷ", "Ủy").replace("uỷ", "ủy")


# ----------------------------------------------------------------------- numbers


def parse_number(s: str | None) -> str | None:
    """Normalized document number in ``s`` (spaces removed, Ð→Đ, dashes unified).

    "167 /KH-UBND" → "167/KH-UBND"; "3210/QĐ - U B ND" → "3210/QĐ-UBND";
    "Số           /KH-UBND" (an unfilled draft) → None.
    """
    if not s:
        return None
    mt = _rx("doc_number").search(s)
    if not mt:
        return None
    number = re.sub(r"\s+", "", mt.group("num")).translate(_ETH).translate(_DASHES)
    head = re.match(r"[\d/\-]+", number)
    cut = head.end() if head else 0
    return number[:cut] + _rx("number_code_token").sub(lambda t: _repair_code(t.group()), number[cut:])


@cache
def _known_codes() -> frozenset[str]:
    """Type codes (doc_types.yaml) and issuer abbreviations (issuers.yaml) as written in numbers."""
    token = _rx("number_code_token")
    known = set(_code_kinds())
    known.update(a for e in patterns.table("issuers") for a in e["abbr"] if token.fullmatch(a))
    return frozenset(known)


@cache
def _repair_code(token: str) -> str:
    """``token``, or the one known code the ``code_repairs`` confusions turn it into."""
    known = _known_codes()
    if token in known:
        return token
    rule = _entry("code_repairs")
    frontier = {token}
    for _ in range(rule["max_edits"]):
        nxt: set[str] = set()
        for t in frontier:
            for c in rule["confusions"]:
                w, m = c["written"], c["meant"]
                nxt.update(t[:i] + m + t[i + len(w) :] for i in range(len(t)) if t.startswith(w, i))
        hits = nxt & known
        if hits:
            return next(iter(hits)) if len(hits) == 1 else token
        frontier = nxt
    return token


def _codes(number: str) -> list[str]:
    body = re.sub(r"^[\d/\-]+", "", number)
    return _rx("number_code_token").findall(body)


def _kind_from_code(number: str) -> str | None:
    """The type word a normalized number's first code names ("91/TTr-SGDĐT" → "Tờ trình")."""
    codes = _codes(number)
    return _code_kinds().get(codes[0]) if codes else None
