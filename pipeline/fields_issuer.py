"""The issuing body of a document: header issuer lines, or the preamble / signature when
the header was lost; names expanded and cased, level and GSO code resolved.

Helpers of :mod:`pipeline.extract`; the agency lexicon is ``models/rules/agencies.yaml``.
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from functools import cache
from typing import Any

from . import patterns
from .admin import resolve_unit
from .fields_common import (
    Doc,
    expand_abbreviations,
    first_heading,
    is_upper_line,
    lexicon,
    rejoin_split_letters,
    respell,
    rx,
)
from .fields_header import _HEADER_SPAN
from .records import Issuer

# ------------------------------------------------------------------ issuer


def _header_issuer_raw(doc: Doc) -> tuple[str, int, int] | None:
    """Upper-case unit lines just before the national motto, with their span.

    When the header was read column by column (OCR of a scan) the issuer cell ends with
    its own "Số: …" line and comes before the motto cell, or after it: the upper-case
    lines just before the first own-number line are taken instead.
    """
    t = doc.t
    motto = rx("national_motto").search(t, 0, min(_HEADER_SPAN, doc.main_end))
    found = _issuer_lines_before(t, motto.start()) if motto else None
    if found is None:
        number = rx("own_number").search(t, 0, min(_HEADER_SPAN, doc.main_end))
        if number:
            line_start = t.rfind("\n", 0, number.start()) + 1
            found = _issuer_lines_before(t, line_start)
            if found and not _starts_with_head(found[0]):
                found = None  # OCR dirt of a stamp or a cut motto, not a unit name
    return found


def _starts_with_head(raw: str) -> bool:
    """Whether ``raw`` starts with a unit-type word ("BỘ", "ỦY BAN NHÂN DÂN", "SỞ" …)."""
    low = respell(rejoin_split_letters(raw)).casefold()
    return any(
        low.startswith(h) and (len(low) == len(h) or not low[len(h)].isalpha())
        for h in (e["canonical"].casefold() for e in lexicon("head"))
    )


def _issuer_lines_before(t: str, stop: int) -> tuple[str, int, int] | None:
    """Up to four upper-case unit lines ending just before offset ``stop``."""
    lo = max(0, stop - 400)
    chunk = t[lo:stop]
    parts: list[tuple[int, int]] = []
    offset = lo + len(chunk)
    for raw in reversed(chunk.split("\n")):
        offset -= len(raw)
        cell_start = offset
        if "|" in raw:  # table cells: the issuer is the cell just before the motto's cell
            cells = raw.split("|")
            nonempty = [i for i, c in enumerate(cells) if re.search(r"\w", c)]
            if nonempty:
                k = nonempty[-1]
                cell_start = offset + sum(len(c) + 1 for c in cells[:k])
                raw = cells[k]
        body = re.sub(r"[-_]{2,}", " ", raw).strip(" \t*#")
        offset -= 1  # the newline
        if not body or not re.search(r"[^\W\d_]{2}", body):  # blank or OCR specks
            continue
        if not is_upper_line(body) or rx("own_number").search(body):
            break
        if rx("national_motto").search(body):
            break
        parts.append((cell_start, cell_start + len(raw)))
        if len(parts) >= 4:
            break
    if not parts:
        return None
    start, end = min(p[0] for p in parts), max(p[1] for p in parts)
    text = " ".join(re.sub(r"[-_]{2,}", " ", t[s:e]) for s, e in sorted(parts))
    return re.sub(r"\s+", " ", text).strip(" |*#"), start, end


def _split_units(name: str) -> str:
    """The lowest unit of a multi-line issuer: "Bộ Tài chính Tổng cục Thuế" → "Tổng cục Thuế"."""
    # a lower unit is never one of these (nor the Government itself)
    heads = [
        e["canonical"].casefold()
        for e in lexicon("head")
        if e["canonical"] not in ("Hội", "Đài", "Bộ", "Ban", "Chính phủ", "Thủ tướng Chính phủ")
    ]
    all_heads = [e["canonical"].casefold() for e in lexicon("head")]
    low = name.casefold()
    cased = name != name.upper()  # in a mixed-case name a unit head is capitalized ("Sở Nội vụ")
    spans = [
        (m.start(), m.end(), h)
        for h in all_heads
        for m in re.finditer(rf"(?<![\wÀ-ỹ]){re.escape(h)}(?![\wÀ-ỹ])", low)
    ]
    best = 0
    for s, e, h in spans:
        inside = any(s2 <= s and e <= e2 and (e2 - s2) > (e - s) for s2, e2, _ in spans)
        before = low[:s].strip()
        if (
            h in heads
            and not inside
            and s > 0
            and (not cased or name[s].isupper())
            and len(before.split()) >= 2
            and not before.endswith(("và", "-", ","))
            and low[e:].strip()  # a unit head names something: "… NỘI VỤ", "… MÔI TRƯỜNG" end a name
        ):
            best = max(best, s)
    return name[best:].strip()


def _case_words(words: list[str]) -> str:
    out: list[str] = []
    cap_next = True
    for w in words:
        out.append(w[:1].upper() + w[1:].lower() if cap_next else w.lower())
        cap_next = w in ("-", ",", "–") or w.endswith(",") or w.lower() == "và"
    return " ".join(out)


_CONNECTORS = ("va", "-", "–", "&", ",")


def _wfold(word: str) -> str:
    """Accent-folded lower-case copy of one word (secondary match key only)."""
    s = unicodedata.normalize("NFD", word.lower().replace("đ", "d").replace("ð", "d"))
    return "".join(c for c in s if unicodedata.category(c) != "Mn")


@cache
def _known_names() -> list[tuple[str, tuple[str, ...]]]:
    """Full agency names of the issuer and agency tables, with their folded words."""
    names: set[str] = set()
    with contextlib.suppress(FileNotFoundError):  # table of the citations stage
        names |= {str(e["expansion"]) for e in patterns.table("issuers") if not e.get("ambiguous")}
    names |= {str(e["canonical"]) for e in lexicon("canonical")}
    out = [(n, tuple(_wfold(w) for w in n.split())) for n in sorted(names)]
    return [(n, k) for n, k in out if len(k) >= 3]


def _restore_known(raw: str) -> str:
    """A known agency name in ``raw`` read without its accents ("TÔNG CỤC THUE") or cut
    after a connector ("BỘ LAO ĐỘNG - THƯƠNG BINH VÀ", "… VÀ X") written out in full."""
    tokens = raw.split()
    folded = [_wfold(w) for w in tokens]
    upper = is_upper_line(raw)

    def cased(name: str) -> list[str]:
        return name.upper().split() if upper else name.split()

    for name, key in _known_names():
        n = len(key)
        for i in range(len(folded) - n + 1):
            if tuple(folded[i : i + n]) == key and [w.casefold() for w in tokens[i : i + n]] != [
                w.casefold() for w in name.split()
            ]:
                tokens[i : i + n] = cased(name)
    folded = [_wfold(w) for w in tokens]
    cut = bool(folded) and (
        folded[-1] in _CONNECTORS or (len(folded) > 1 and folded[-2] in _CONNECTORS and len(folded[-1]) <= 2)
    )
    if not cut:
        return " ".join(tokens)
    for i in range(max(0, len(folded) - 12), len(folded) - 2):
        tail = folded[i:]
        hits = [
            name
            for name, key in _known_names()
            if len(key) > len(tail)
            and key[: len(tail) - 1] == tuple(tail[:-1])
            and key[len(tail) - 1].startswith(tail[-1])
        ]
        if len(set(hits)) == 1:
            return " ".join(tokens[:i] + cased(hits[0]))
    return " ".join(tokens)


def format_unit(raw: str, context: str = "") -> tuple[str, str | None, Any]:
    """(display name, level, resolved admin unit) for a unit name in any case."""
    name = _split_units(expand_abbreviations(respell(_restore_known(rejoin_split_letters(raw)))))
    low = name.casefold()
    head = ""
    head_level: str | None = None
    for entry in sorted(lexicon("head"), key=lambda e: -len(e["canonical"])):
        c = entry["canonical"]
        if low.startswith(c.casefold()) and (len(low) == len(c) or not low[len(c)].isalpha()):
            head, head_level = c, entry.get("level") or None
            break
    rest = name[len(head) :].strip()
    unit, loc_text, rest_specific = None, "", rest
    words = "|".join(re.escape(e["word"]) for e in lexicon("locality"))
    for m in re.finditer(rf"(?<![\wÀ-ỹ])(?P<w>{words})\s+(?P<n>\S.*)$", rest, flags=re.IGNORECASE):
        if rest[: m.start()].strip().casefold().endswith("và"):
            continue
        word = m.group("w").lower()
        cand = resolve_unit(m.group("n"), word, context)
        if cand is None and m.start() > 0:
            continue
        unit, rest_specific = cand, rest[: m.start()].strip()
        loc_text = _locality_display(word, cand, m.group("n"))
        break
    bare = {e["word"] for e in lexicon("locality")}
    if rest_specific.casefold() in bare:
        specific = rest_specific.lower()
    else:
        specific = _case_words(rest_specific.split()) if rest_specific else ""
    if head and specific and specific.casefold() not in bare:
        specific = specific[:1].upper() + specific[1:] if head != "Ủy ban nhân dân" else specific
    display = " ".join(x for x in (head, specific, loc_text) if x)
    if not head:
        display = _case_words(display.split()) if is_upper_line(display) else display
    canonical_level = None
    for entry in lexicon("canonical"):
        c = entry["canonical"]
        if display.casefold().startswith(c.casefold()):
            display = c + display[len(c) :]
            canonical_level = canonical_level or entry.get("level")
    level = head_level or canonical_level
    if level is None and unit is not None:
        level = unit.level
    elif level is None and loc_text:
        word = loc_text.split()[0].lower()
        level = {e["word"]: e.get("level") or None for e in lexicon("locality")}.get(word)
    return display, level, unit


def _locality_display(word: str, unit: Any, raw_name: str) -> str:
    if unit is None:
        return f"{word.lower()} {_case_words(raw_name.split())}"
    name = unit.name
    if name.isdigit():
        return f"{word.capitalize()} {name}"
    if word.lower() == "thành phố" and unit.level == "province":
        return f"Thành phố {name}"
    return f"{word.lower()} {name}"


def extract_issuer(doc: Doc, place: str | None) -> Issuer:
    t = doc.t
    context = t[: doc.main_end]
    found = _header_issuer_raw(doc)
    rule = "issuer.header"
    if found:
        raw, start, end = found
    else:
        pre_end = min(len(t), doc.main_end, first_heading(doc) or len(t))
        m = rx("preamble_issuer").search(t, 0, pre_end)
        if m:
            raw, start, end = m.group("unit") + m.group("rest"), m.start("unit"), m.end("rest")
            rule = "issuer.preamble"
        else:
            m = rx("signature_issuer").search(t, 0, doc.main_end)
            if not m:
                return Issuer()
            raw, start, end = m.group("unit"), m.start("unit"), m.end("unit")
            rule = "issuer.signature"
    name, level, unit = format_unit(raw, context)
    if unit is None and place:
        name = _drop_cut_locality(name, place)
    if unit is None and _needs_locality(name):
        unit, name, level = _complete_locality(doc, name, level, place, context)
    doc.ev("issuer.name", start, end, rule)
    issuer = Issuer(name=name, level=level)
    if unit is not None:
        issuer.admin_code, issuer.admin_path = unit.code, list(unit.path)
    return issuer


def _drop_cut_locality(name: str, place: str) -> str:
    """ "… tỉnh Tuyên" whose locality name was cut at a line end and which the place line
    ("Tuyên Quang, ngày …") continues: the cut name is dropped so the place completes it."""
    words = "|".join(re.escape(e["word"]) for e in lexicon("locality"))
    m = re.search(rf"(?<![\wÀ-ỹ])(?:{words})\s+(?P<n>[^\W\d_][\w \-–]*)$", name, flags=re.IGNORECASE)
    if not m:
        return name
    cut, full = _wfold(m.group("n")).split(), _wfold(place).split()
    if len(full) > len(cut) and full[: len(cut) - 1] == cut[:-1] and full[len(cut) - 1].startswith(cut[-1]):
        return name[: m.start("n")].strip()
    return name


def _needs_locality(name: str) -> bool:
    """ "Ủy ban nhân dân tỉnh" / "Ủy ban nhân dân" with no locality name after it."""
    low = name.casefold()
    words = [e["word"] for e in lexicon("locality")]
    return low in ("ủy ban nhân dân", "hội đồng nhân dân") or any(low.endswith(" " + w) for w in words)


def _complete_locality(
    doc: Doc, name: str, level: str | None, place: str | None, context: str
) -> tuple[Any, str, str | None]:
    words = {e["word"]: e.get("level") or None for e in lexicon("locality")}
    kind = next((w for w in words if name.casefold().endswith(" " + w)), None)
    candidates: list[str] = [place] if place else []
    for m in rx("locality").finditer(context):
        if kind is None or m.group("kind").lower() == kind:
            candidates.append(m.group("name"))
    for cand in candidates:
        unit = resolve_unit(cand, kind, context)
        if unit is not None and (kind is not None or unit.level == "province"):
            base = name[: -len(kind)].strip() if kind else name
            word = kind or ("thành phố" if unit.kind == "thanh-pho" else "tỉnh")
            return unit, f"{base} {_locality_display(word, unit, cand)}", level or unit.level
    return None, name, level or (words.get(kind) if kind else None)
