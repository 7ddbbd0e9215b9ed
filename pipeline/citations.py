"""Citations of other documents: number, kind, date, issuer, title and role.

Patterns live in ``models/rules/citations.yaml``; type words and codes in
``doc_types.yaml``; issuer abbreviations in ``issuers.yaml``. Numbers are parsed by
``doc_numbers`` (``parse_number`` is re-exported here), issuers read by
``citation_issuers``; this module finds the citation phrases, their dates, titles and
roles, the preamble they sit in, and keeps each number once::

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
from .citation_issuers import issuer_of
from .dates import find_dates
from .doc_numbers import (
    _T,
    _clean,
    _entry,
    _fold_ws,
    _kind_from_code,
    _kinds,
    _rx,
    _template,
    kind_of,
    parse_number,
)
from .records import Citation, Segmentation, Text

__all__ = ["find_citations", "parse_number"]

_PREAMBLE_MAX = 6000
_PREAMBLE_GAP = 400  # a cue paragraph this close after the segmented preamble joins it
_MAIN_KINDS = ("title", "preamble", "heading", "closing", "signature")
_ROLE_RANK = {"parent": 3, "proposal": 2, "basis": 2, "reference": 0}  # which mention of a number wins
_GENERIC_KIND = "Văn bản"  # "Văn bản số 91/TTr-SGDĐT": the code names the type
_LETTER_KIND = "Công văn"  # "văn bản số 1407/UBND-NNMT": no type code → a công văn (gold NOTES)


# ----------------------------------------------------------------------- tables


@cache
def _roles() -> list[dict[str, Any]]:
    out = []
    lead = _entry("clause_lead")["regex"]
    for e in patterns.table(_T):
        if "role" in e and "cue" in e:
            flags = re.IGNORECASE
            cue = e["cue"]
            rx = re.compile("^" + lead + cue if e.get("position") == "start" else r"(?<!\w)" + cue, flags)
            out.append({**e, "rx": rx})
    return out


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
    pre: str | None = None  # issuer written between the type word and the number


def _hits(text: str, lo: int, hi: int) -> list[_Hit]:
    found: list[_Hit] = []
    for rule_id in ("cite_typed", "cite_kind_issuer", "cite_law", "cite_continued"):
        for mt in _template(rule_id).finditer(text, lo, hi):
            g = mt.groupdict()
            kind = kind_of(g["kind"]) if g.get("kind") else None
            number = parse_number(g["num"]) if g.get("num") else None
            name = _fold_ws(g["name"]) if g.get("name") else None
            if rule_id == "cite_law" and not _good_law_name(name or ""):
                continue
            if rule_id == "cite_kind_issuer" and not _good_pre_issuer(g["pre"]):
                continue
            start = mt.start("so") if rule_id == "cite_continued" else mt.start("kind")
            num_end = mt.end("num") if g.get("num") else mt.end()
            pre = _clean(g["pre"]) if g.get("pre") else None
            found.append(_Hit(start, num_end, rule_id, kind, number, num_end, name, pre))
    found.sort(key=lambda h: (h.start, -(h.end - h.start)))
    chosen: list[_Hit] = []
    for h in found:
        if chosen and h.start < chosen[-1].end:
            continue
        chosen.append(h)
    return chosen


def _good_pre_issuer(pre: str) -> bool:
    """ "Quyết định của Thủ tướng Chính phủ số …": a body name, not a phrase naming
    another document ("Nghị quyết Đại hội … của Đảng … Quyết định số …")."""
    pre = _fold_ws(pre)
    if not pre[:1].isupper():
        return False
    low = " " + pre.lower() + " "
    return not any(f" {w} " in low for w in _kinds())


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


@dataclass
class _Found:
    hit: _Hit
    cite: Citation
    end: int  # end of the phrase (number, date, issuer written after it)
    after: bool  # the issuer was written after the number ("… của …")
    title_end: int  # end of its title ("về việc …"), at least ``end``
    sibling: bool  # named inside the previous citation's title after "và" (a list, not nested)


# ----------------------------------------------------------------------- regions


def _excluded(seg: Segmentation, n: int) -> list[tuple[int, int]]:
    """Spans never cited from: the header, annexes, and the portal prelude before the
    document ("noise": a crawler's related-documents list or heading)."""
    lead = _leading_annex(seg)
    spans = [
        (s.start, s.end)
        for s in seg.sections
        if (s.annex or s.kind in ("annex", "header", "noise")) and not (lead and lead[0] <= s.start < lead[1])
    ]
    a = seg.annex_start()
    if a is not None and not (lead and a == lead[0]):
        spans.append((a, n))
    return spans


def _leading_annex(seg: Segmentation) -> tuple[int, int] | None:
    """An "annex" that opens before any part of the main document (title, preamble,
    heading, closing, signature) is the document itself behind a portal panel, not an
    attachment: its span, so that it is read as the main text."""
    annexes = sorted(s.start for s in seg.sections if s.kind == "annex")
    if not annexes:
        return None
    main = [s.start for s in seg.sections if not s.annex and s.kind in _MAIN_KINDS]
    if main and min(main) < annexes[0]:
        return None
    end = annexes[1] if len(annexes) > 1 else max(s.end for s in seg.sections)
    return annexes[0], end


def _preamble(text: str, seg: Segmentation) -> tuple[int, int] | None:
    lead = _leading_annex(seg)
    pre = [
        s
        for s in seg.of_kind("preamble")
        if not s.annex or (lead and lead[0] <= s.start < lead[1])  # an annex template has its own
    ]
    fb = _fallback_preamble(text)
    if not pre:
        return fb
    lo, hi = min(s.start for s in pre), max(s.end for s in pre)
    if fb and lo <= fb[0] <= hi + _PREAMBLE_GAP and not (fb[0] >= hi and _announces_body(text[lo:hi])):
        hi = max(hi, fb[1])  # "Kính gửi: …" then the "Xét đề nghị …" paragraph
    return lo, hi


def _announces_body(pre: str) -> bool:
    """The preamble ends with a lead-in to the body ("…, Tổng cục Thuế có ý kiến như sau:"):
    "Căn cứ …" paragraphs after it are the answer's reasoning, not the letter's basis. An
    addressee line ("Kính gửi:") does not end it."""
    last = pre.rstrip().rsplit("\n", 1)[-1].strip()
    return last.endswith(":") and not _rx("addressee_line").match(last)


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
        if line and _rx("preamble_stop_heading").match(text, pos):
            break
        if line:
            prev = text[start:end].rstrip()
            if end > start and not cue_line.match(text, pos) and prev[-1:] in ".:":
                break
            end = line_end
            if line.endswith(":"):
                break
        pos = line_end + 1
    return (start, end) if end > start else None


def _clause_cue(text: str, pre: tuple[int, int], at: int, at_end: int) -> dict[str, Any] | None:
    """Role cues governing the citation at [at, at_end) of the preamble: "start" cues that
    open its clause (matched through the citation: "Xét Tờ trình số …") and "anywhere"
    cues before it in the clause, nearest first."""
    lo = pre[0]
    seps = sorted(
        [(m.start(), m.end(), m.group(0)[:1]) for m in _rx("clause_separator").finditer(text, lo, at)]
        + [(m.start(), m.end(), " ") for m in _rx("clause_verb_start").finditer(text, lo, at)]
    )
    bounds = [lo] + [e for _, e, _ in seps]
    kinds = ["start"] + [k for _, _, k in seps]
    for i in range(len(bounds) - 1, -1, -1):
        clause = text[bounds[i] : at]
        anywhere = []
        for r in _roles():
            if r.get("position") == "anywhere":
                hits = list(r["rx"].finditer(clause))
                if hits:
                    anywhere.append((hits[-1].start(), r))
        anywhere.sort(key=lambda p: -p[0])  # nearest cue first; table order breaks ties
        starts = [
            r for r in _roles() if r.get("position") == "start" and r["rx"].match(text[bounds[i] : at_end])
        ]
        if anywhere or starts:
            return {"anywhere": [r for _, r in anywhere], "start": starts}
        # continue the previous clause after ";", a wrapped line or a line announcing a
        # list with ":" ("Căn cứ các Quyết định của Bộ trưởng …:" / "Số 1025/…; số 547/…");
        # stop after "."
        if kinds[i] == "\n":
            before = text[lo : bounds[i] - 1].rstrip()
            if before[-1:] == ".":
                return None
        elif kinds[i] == "." or kinds[i] in ("start", " "):
            return None
    return None


def _role(cues: dict[str, Any] | None, kind: str | None) -> str:
    """Role from the clause's cues; a preamble clause with no cue at all ("Ngày 15/11/2010
    Liên Bộ … ban hành Thông tư …, Bộ hướng dẫn …") narrates the act: a reference."""
    if not cues:
        return "reference"
    for group in ("anywhere", "start"):
        for r in cues[group]:
            allowed = r.get("kinds")
            if allowed is None or (kind or "") in allowed:
                return str(r["role"])
    return "basis"


# ----------------------------------------------------------------------- verb


def find_citations(text: Text, seg: Segmentation) -> list[Citation]:
    """Every document cited in the preamble and body of ``text`` (not annexes, not the
    document's own number), each distinct number once, with kind, number, date, issuer,
    title, role and evidence."""
    s = text.text
    n = len(s)
    if not s:
        return []
    excluded = _excluded(seg, n)
    pre = _preamble(s, seg)
    # a "Số: …" line is the document's own number in the header, which a scan's reading
    # order or a crawler may put after the first preamble-like line
    own = _own_numbers(s, max(pre[0], min(n, 1500)) if pre else min(n, 1500))
    found: list[_Found] = []
    prev: tuple[_Hit, Citation, int] | None = None  # last top-level hit, its citation, title end
    hits = _hits(s, 0, n)
    for i, h in enumerate(hits):
        nxt = hits[i + 1].start if i + 1 < len(hits) else n
        if any(a <= h.start < b for a, b in excluded):
            continue
        if h.rule != "cite_law" and h.number is None:
            continue
        if h.number in own or _rx("alias_lead").search(s[max(0, h.start - 40) : h.start]):
            continue
        end = h.num_end
        date = title = None
        d = _date_after(s, end, n)
        if d:
            date, end = d
        lo = hits[i - 1].end if i else 0
        issuer, iss_end = issuer_of(s, h.start, end, lo, nxt, h.pre)
        after = iss_end > end  # the issuer is written after the number ("… của …")
        end = iss_end
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
            kind = _kind_from_code(h.number) or (_LETTER_KIND if kind == _GENERIC_KIND else None)
        if date is None:
            date = _narrative_date(s, h.start, lo)
        in_title = prev is not None and h.start < prev[2]
        sibling = (
            in_title
            and _rx("sibling_lead").search(s[max(0, h.start - 12) : h.start]) is not None
            and (after or date is not None)
        )
        role = "reference"
        if pre and pre[0] <= h.start < pre[1]:
            nested = in_title and prev is not None and prev[0].start >= pre[0] and not sibling
            inherited = "reference" if prev is not None and prev[1].role == "reference" else "basis"
            role = inherited if nested else _role(_clause_cue(s, pre, h.start, h.num_end), kind)
        cite = Citation(
            kind=kind,
            number=h.number,
            date=date,
            issuer=issuer,
            role=role,
            evidence=text.evidence(h.start, end, rule=h.rule),
            title=title,
        )
        found.append(_Found(h, cite, end, after, max(t_end, end), sibling))
        if not in_title or sibling:
            prev = (h, cite, max(t_end, end))
    _share_list_issuers(s, found)
    return _distinct(f.cite for f in found)


def _share_list_issuers(s: str, found: list[_Found]) -> None:
    """A list of citations joined only by ",", ";" or "và" shares one issuer: the one that
    closes it ("số 1407/… ngày …, số 1446/… ngày … và Báo cáo số 139/… của UBND Thành phố")
    or the one that opens it ("của Cục Thuế tỉnh … tại Công văn số … và Công văn số …").
    A citation's title ("… ngày … về việc …; số 547/…") lies inside the list, not between
    its items. An opening issuer also passes to a document of the same kind that its
    title's "và" adds ("tại Công văn số 1752/… về việc … và Công văn số 262/…")."""
    joined = []
    for k in range(len(found) - 1):
        nxt = found[k + 1].hit.start
        end = found[k].title_end if found[k].title_end <= nxt else found[k].end
        joined.append(bool(_rx("list_joint").fullmatch(s[end:nxt])))
    for k in range(len(found) - 2, -1, -1):  # closing issuer, back to front
        cur, nxt = found[k], found[k + 1]
        if joined[k] and cur.cite.issuer is None and nxt.cite.issuer and nxt.after:
            cur.cite.issuer = nxt.cite.issuer
            cur.after = True
    for k in range(len(found) - 1):  # opening issuer ("của X tại …"), front to back
        cur, nxt = found[k], found[k + 1]
        added = nxt.sibling and nxt.cite.kind == cur.cite.kind
        if (joined[k] or added) and nxt.cite.issuer is None and cur.cite.issuer and not cur.after:
            nxt.cite.issuer = cur.cite.issuer


def _distinct(cites) -> list[Citation]:
    """Each number once: a document re-cited later (a preamble act named again in Điều 1,
    a body citation repeated) keeps its first mention, completed with the date and issuer
    of later ones — unless a later mention has a stronger role (the act a title names,
    then "Thực hiện …" in the preamble: the preamble's parent wins, in the first's place).
    Body citations without a number ("Luật Doanh nghiệp") are dropped."""
    out: list[Citation] = []
    seen: dict[str, int] = {}
    for c in cites:
        if c.number is None:
            if c.role != "reference":
                out.append(c)
            continue
        key = c.number.casefold()
        at = seen.get(key)
        if at is None:
            seen[key] = len(out)
            out.append(c)
            continue
        first = out[at]
        if _ROLE_RANK.get(c.role, 0) > _ROLE_RANK.get(first.role, 0):
            first, c = c, first
            out[at] = first
        first.date = first.date or c.date
        first.issuer = first.issuer or c.issuer
        first.title = first.title or c.title
    return out


def _narrative_date(s: str, start: int, lo: int) -> str | None:
    """ "Ngày 26/4/2013, Thủ tướng Chính phủ đã ban hành Quyết định số …": the date written
    before the citation (``citation_issuers`` reads the issuer)."""
    window = s[max(lo, start - 220) : start]
    mt = _rx("pre_narrative").search(window)
    if not mt:
        return None
    dates = [d for d in find_dates(mt.group("date")) if d.kind == "date" and d.date]
    return dates[0].date if dates else None


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
