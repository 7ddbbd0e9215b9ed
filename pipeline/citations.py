"""Citations of other documents: number, kind, date, issuer, title and role.

Numbers follow Nghị định 30/2020/NĐ-CP ("222/KH-UBND", "30/2020/NĐ-CP", "49-KL/TW").
Patterns live in ``models/rules/citations.yaml``; type words and codes in
``doc_types.yaml``; issuer abbreviations in ``issuers.yaml``::

    >>> parse_number("3210/QĐ - U B ND")
    '3210/QĐ-UBND'
    >>> [c.number for c in find_citations(text, seg)]      # preamble + body, no annex
    ['747/CV-PGDĐT-GDTX', '1373/QĐ-TTg']

Roles come from the clause a citation sits in (cue table in citations.yaml): ``parent``
("Thực hiện Công văn …"), ``proposal`` ("… đề nghị của … tại Tờ trình số …"), ``basis``
(other "Căn cứ …"), ``reference`` (anything outside the preamble).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from . import patterns
from .dates import find_dates
from .records import Citation, Segmentation, Text

__all__ = ["find_citations", "parse_number"]

_T = "citations"
_ETH = str.maketrans({"\u00d0": "Đ", "\u00f0": "đ"})
_DASHES = str.maketrans({"–": "-", "‐": "-", "—": "-"})
_PREAMBLE_MAX = 6000
_GENERIC_KIND = "Văn bản"  # "Văn bản số 91/TTr-SGDĐT": the code names the type


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
def _template(rule_id: str) -> re.Pattern[str]:
    words = sorted(_kinds(), key=len, reverse=True)
    kinds = "(?i:" + "|".join(r"\s+".join(map(re.escape, w.split())) for w in words) + ")"
    tpl = _entry(rule_id)["template"]
    return re.compile(tpl.replace("{kinds}", kinds).replace("{number}", _number_body()))


@cache
def _issuer_codes() -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for e in patterns.table("issuers"):
        for a in e["abbr"]:
            out[a] = e
    return out


@cache
def _text_abbr() -> list[tuple[re.Pattern[str], str]]:
    pairs = [
        (a, e["expansion"]) for e in patterns.table("issuers") if e.get("expand_in_text") for a in e["abbr"]
    ]
    pairs.sort(key=lambda p: len(p[0]), reverse=True)
    return [
        (re.compile(r"(?<![^\W_])(?<![/\-])" + re.escape(a) + r"(?![^\W_])(?![/\-])"), exp)
        for a, exp in pairs
    ]


@cache
def _central_names() -> list[str]:
    """Unambiguous full names, longest first ("Thủ tướng Chính phủ", "Bộ Tài chính")."""
    names = {e["expansion"] for e in patterns.table("issuers") if not e.get("ambiguous")}
    return sorted(names, key=len, reverse=True)


@cache
def _comma_names() -> list[str]:
    return [e["expansion"] for e in patterns.table("issuers") if "," in e["expansion"]]


@cache
def _roles() -> list[dict[str, Any]]:
    out = []
    for e in patterns.table(_T):
        if "role" in e and "cue" in e:
            flags = re.IGNORECASE
            cue = e["cue"]
            rx = re.compile(
                r"^[\s\-+*•#]*" + cue if e.get("position") == "start" else r"(?<!\w)" + cue, flags
            )
            out.append({**e, "rx": rx})
    return out


# ----------------------------------------------------------------------- numbers


def _fold_ws(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def _clean(s: str) -> str:
    s = _fold_ws(s.translate(_ETH))
    return s.replace("Uỷ", "Ủy").replace("uỷ", "ủy")


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
    return re.sub(r"\s+", "", mt.group("num")).translate(_ETH).translate(_DASHES)


def _codes(number: str) -> list[str]:
    body = re.sub(r"^[\d/\-]+", "", number)
    return _rx("number_code_token").findall(body)


def _kind_from_code(number: str) -> str | None:
    codes = _codes(number)
    return _code_kinds().get(codes[0]) if codes else None


def _issuer_from_code(number: str) -> str | None:
    codes = _codes(number)
    if codes and codes[0] in _code_kinds():
        codes = codes[1:]
    if not codes:
        return None
    e = _issuer_codes().get(codes[0]) or _issuer_codes().get(re.sub(r"\d+$", "", codes[0]))
    if not e or e.get("ambiguous"):
        return None
    return str(e["expansion"])


# ----------------------------------------------------------------------- phrases


@dataclass
class _Hit:
    start: int
    end: int  # end of the citation phrase (number, date, issuer)
    rule: str
    kind: str | None
    number: str | None
    num_end: int
    name: str | None = None  # law name


def _hits(text: str, lo: int, hi: int) -> list[_Hit]:
    found: list[_Hit] = []
    for rule_id in ("cite_typed", "cite_law", "cite_continued"):
        for mt in _template(rule_id).finditer(text, lo, hi):
            g = mt.groupdict()
            kind = _kinds().get(_fold_ws(g["kind"]).lower()) if g.get("kind") else None
            number = parse_number(g["num"]) if g.get("num") else None
            name = _fold_ws(g["name"]) if g.get("name") else None
            if rule_id == "cite_law" and not _good_law_name(name or ""):
                continue
            start = mt.start("so") if rule_id == "cite_continued" else mt.start("kind")
            num_end = mt.end("num") if g.get("num") else mt.end()
            found.append(_Hit(start, num_end, rule_id, kind, number, num_end, name))
    found.sort(key=lambda h: (h.start, -(h.end - h.start)))
    chosen: list[_Hit] = []
    for h in found:
        if chosen and h.start < chosen[-1].end:
            continue
        chosen.append(h)
    return chosen


def _good_law_name(name: str) -> bool:
    if not name or not (name[0].isupper() or name.lower().startswith("sửa đổi")):
        return False
    other = [w for w in _kinds() if w not in ("luật", "bộ luật", "pháp lệnh")]
    low = name.lower()
    return not any(low.endswith(" " + w) for w in other)  # "… và Nghị định" + "số …"


def _date_after(text: str, pos: int, hi: int) -> tuple[str | None, int] | None:
    lead = _rx("date_lead").match(text[pos:hi])
    if not lead:
        return None
    at = pos + lead.end()
    for m in find_dates(text, at, min(hi, at + 80)):
        if m.start == at and m.kind == "date":
            return m.date, m.end
        break
    return None


def _issuer_after(text: str, pos: int, hi: int) -> tuple[str, int] | None:
    window = text[pos : min(hi, pos + 240)] + " "
    lead = _rx("issuer_lead").match(window)
    if not lead:
        return None
    body = window[lead.end() :]
    masked = body
    for name in _comma_names():  # keep "Bộ Văn hóa, Thể thao và Du lịch" whole
        for mt in re.finditer(re.escape(name).replace(r"\ ", r"\s+"), body):
            masked = masked[: mt.start()] + mt.group(0).replace(",", "\x00") + masked[mt.end() :]
    stop = _rx("issuer_stop").search(masked)
    cut = stop.start() if stop else len(body)
    raw = re.sub(r"[\s,;:.\-–]+(?:và|hoặc)?[\s\-–]*$", "", body[:cut])
    if len(raw) > 160 or not raw or not (raw[0].isupper() or raw[:2].isupper()):
        return None
    if any(_fold_ws(raw).lower().startswith(k) for k in _kinds()):  # "của Pháp lệnh …"
        return None
    name = _trim_to_known(_expand(_clean(raw)))
    return name, pos + lead.end() + len(raw.rstrip())


def _trim_to_known(name: str) -> str:
    """Cut "Thủ tướng Chính phủ đủ điều kiện …" back to the known name it starts with."""
    for known in _central_names():
        rest = name[len(known) :]
        if name.startswith(known) and rest[:1] == " " and rest[1:2].islower():
            return known
    return name


def _expand(name: str) -> str:
    for rx, expansion in _text_abbr():
        name = rx.sub(expansion, name)
    return name


def _pre_issuer(text: str, start: int, lo: int) -> str | None:
    window = text[max(lo, start - 200) : start]
    mt = _rx("pre_issuer").search(window)
    if not mt:
        return None
    name = _clean(mt.group("issuer"))
    titles = _entry("official_titles")
    for title in sorted(titles["words"], key=len, reverse=True):
        rest = name[len(title) + 1 :]
        if name.startswith(title + " ") and rest[:1].isupper():
            head = (titles.get("becomes") or {}).get(title)
            name = f"{head} {rest}" if head else rest
            break
    if not name[:1].isupper() or any(name.lower().startswith(k) for k in _kinds()):
        return None
    return _trim_to_known(_expand(name))


def _title_after(text: str, pos: int, hi: int) -> tuple[str, int, int] | None:
    window = text[pos : min(hi, pos + 400)]
    lead = _rx("title_lead").match(window) or _rx("title_verb_lead").match(window)
    if not lead:
        return None
    rest = window[lead.end() :]
    stop = _rx("title_stop").search(rest)
    raw = rest[: stop.start()] if stop else rest[:300]
    title = _clean(raw)
    if not title:
        return None
    t_start = pos + lead.end()
    return title, t_start, t_start + len(raw)


# ----------------------------------------------------------------------- regions


def _excluded(seg: Segmentation, n: int) -> list[tuple[int, int]]:
    spans = [(s.start, s.end) for s in seg.sections if s.annex or s.kind in ("annex", "header")]
    a = seg.annex_start()
    if a is not None:
        spans.append((a, n))
    return spans


def _preamble(text: str, seg: Segmentation) -> tuple[int, int] | None:
    pre = [s for s in seg.of_kind("preamble") if not s.annex]  # an annex template has its own
    if pre:
        return min(s.start for s in pre), max(s.end for s in pre)
    return _fallback_preamble(text)


def _fallback_preamble(text: str) -> tuple[int, int] | None:
    """First run of cue lines ("Căn cứ …", "Thực hiện …") before any numbered heading."""
    mt = _rx("preamble_cue_line").search(text)
    if not mt:
        return None
    head = _rx("preamble_stop_heading").search(text)
    if head and head.start() < mt.start():
        return None
    start = mt.start()
    pos, end = start, start
    cue_line = _rx("preamble_cue_line")
    while pos < len(text) and pos - start < _PREAMBLE_MAX:
        nl = text.find("\n", pos)
        line_end = len(text) if nl < 0 else nl
        line = text[pos:line_end].strip()
        if line:
            prev = text[start:end].rstrip()
            if end > start and not cue_line.match(text, pos) and prev[-1:] in ".:":
                break
            end = line_end
            if line.endswith(":"):
                break
        pos = line_end + 1
    return (start, end) if end > start else None


def _clause_cue(text: str, pre: tuple[int, int], at: int) -> tuple[dict[str, Any] | None, int]:
    """Role cue governing position ``at`` in the preamble, and the clause start."""
    lo = pre[0]
    seps = list(_rx("clause_separator").finditer(text[lo:at]))
    bounds = [lo] + [lo + m.end() for m in seps]
    kinds = ["start"] + [m.group(0)[0] for m in seps]
    for i in range(len(bounds) - 1, -1, -1):
        clause = text[bounds[i] : at]
        anywhere = [r for r in _roles() if r.get("position") == "anywhere" and r["rx"].search(clause)]
        starts = [r for r in _roles() if r.get("position") == "start" and r["rx"].match(clause)]
        if anywhere or starts:
            return {"anywhere": anywhere, "start": starts}, bounds[i]
        # continue the previous clause after ";" or a wrapped line; stop after "." / ":"
        if kinds[i] == "\n":
            before = text[lo : bounds[i] - 1].rstrip()
            if before[-1:] in ".:":
                return None, bounds[i]
        elif kinds[i] in ".:" or kinds[i] == "start":
            return None, bounds[i]
    return None, lo


def _role(cues: dict[str, Any] | None, kind: str | None) -> str:
    if not cues:
        return "basis"
    for group in ("anywhere", "start"):
        for r in cues[group]:
            allowed = r.get("kinds")
            if allowed is None or (kind or "") in allowed:
                return str(r["role"])
    return "basis"


# ----------------------------------------------------------------------- verb


def find_citations(text: Text, seg: Segmentation) -> list[Citation]:
    """Every document cited in the preamble and body of ``text`` (not annexes, not the
    document's own number), with kind, number, date, issuer, title, role and evidence."""
    s = text.text
    n = len(s)
    if not s:
        return []
    excluded = _excluded(seg, n)
    pre = _preamble(s, seg)
    own = _own_numbers(s, pre[0] if pre else min(n, 1500))
    out: list[Citation] = []
    prev: tuple[_Hit, Citation, int] | None = None  # last hit, its citation, title end
    hits = _hits(s, 0, n)
    for i, h in enumerate(hits):
        nxt = hits[i + 1].start if i + 1 < len(hits) else n
        if any(a <= h.start < b for a, b in excluded):
            continue
        if h.rule != "cite_law" and h.number is None:
            continue
        if h.number in own:
            continue
        end = h.num_end
        date = issuer = title = None
        d = _date_after(s, end, n)
        if d:
            date, end = d
        iss = _issuer_after(s, end, nxt)
        if iss:
            issuer, end = iss
        t = _title_after(s, end, n)
        t_end = end
        if t:
            title, _, t_end = t
        elif h.name:
            title = _clean(h.name)
        kind = h.kind
        if h.rule == "cite_continued":
            same_list = prev and "\n" not in s[prev[2] : h.start] and h.start - prev[2] < 200
            kind = _kind_from_code(h.number or "") or (prev[1].kind if prev and same_list else None)
        if (kind is None or kind == _GENERIC_KIND) and h.number:
            kind = _kind_from_code(h.number) or kind
        if issuer is None:
            issuer = _pre_issuer(s, h.start, hits[i - 1].end if i else 0)
        if issuer is None and h.number:
            issuer = _issuer_from_code(h.number)
        role = "reference"
        if pre and pre[0] <= h.start < pre[1]:
            nested = prev is not None and prev[0].start >= pre[0] and h.start < prev[2]
            cues, _ = _clause_cue(s, pre, h.start)
            role = "basis" if nested else _role(cues, kind)
        cite = Citation(
            kind=kind,
            number=h.number,
            date=date,
            issuer=issuer,
            role=role,
            evidence=text.evidence(h.start, end, rule=h.rule),
            title=title,
        )
        out.append(cite)
        if not (prev and h.start < prev[2]):
            prev = (h, cite, max(t_end, end))
    return out


def _own_numbers(s: str, limit: int) -> set[str]:
    """Numbers written as the document's own ("Số: 167 /KH-UBND") before ``limit``."""
    own = set()
    for mt in _rx("doc_number").finditer(s, 0, limit):
        line_start = s.rfind("\n", 0, mt.start()) + 1
        if _rx("own_number_line").match(s[line_start : mt.start()]):
            number = parse_number(mt.group("num"))
            if number:
                own.add(number)
    return own
