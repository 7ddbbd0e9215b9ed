"""The issuing body of a document: header issuer lines (:mod:`pipeline.issuer_header`), or
the preamble / signature when the header was lost; the name formatted by
:func:`pipeline.unit_names.format_unit` (conventions there); a locality the name lacks
("Ủy ban nhân dân tỉnh") completed from the place line or the text. Helper of
:mod:`pipeline.extract`.
"""

from __future__ import annotations

import re
from typing import Any

from .admin import resolve_unit
from .fields_common import Doc, first_heading, lexicon, rx
from .issuer_header import header_issuer_lines as _header_issuer_raw
from .records import Issuer
from .unit_names import _locality_display, format_unit
from .unit_stack import _wfold


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
            return unit, f"{base} {_locality_display(word, unit, cand, context)}", level or unit.level
    return None, name, level or (words.get(kind) if kind else None)
