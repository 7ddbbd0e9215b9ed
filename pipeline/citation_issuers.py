"""Which body issued a cited document, read from the text around the citation.

One verb, ``issuer_of``, tries the phrasings in a fixed order and returns the first:

1. after the number: "Công văn số 747/… ngày 03/10/2022 của Phòng Giáo dục …" (or
   "do …"), person titles before the body dropped;
2. a narrative before it: "Ngày 26/4/2013, Thủ tướng Chính phủ đã ban hành Quyết định …";
3. between the type word and the number: "Quyết định của Thủ tướng Chính phủ số …";
4. before it: "… của Ủy ban nhân dân tỉnh tại Công văn số …", the passive "… được Chủ
   tịch UBND tỉnh công bố tại các Quyết định: Số …", or a list "ý kiến của các Bộ:
   Tài chính (Công văn số …), …".

Each name is reduced to the body (``_body_name``): titles and the Party term dropped,
abbreviations expanded (``issuers.yaml``), a known name misspelt only in its accents
snapped to it. Patterns are in ``citations.yaml``; the vocabulary shared with
``citations`` (rule table, type words, phrase clean-up) comes from ``doc_numbers``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from . import patterns
from .doc_numbers import _clean, _entry, _fold_ws, _kinds, _rx, _template
from .fields_common import mask_name_commas

__all__ = ["issuer_of"]

# what stands between a citation's number and its own "của …": a date at most
_TAIL_OF_PREVIOUS = re.compile(
    r"[\s,]*(?:(?:ban\s+hành\s+)?ngày[\s\d/.\-]*(?:tháng[\s\d]*năm[\s\d]*)?)?[\s,]*"
)


# ----------------------------------------------------------------------- tables


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
def _title_prefix() -> re.Pattern[str]:
    """Person titles before a body, possibly stacked: "Bộ trưởng, Chủ nhiệm " (then a capital)."""
    words = sorted(_entry("official_titles")["words"], key=len, reverse=True)
    alt = "|".join(r"\s+".join(map(re.escape, w.split())) for w in words)
    return re.compile(r"(?:(?:" + alt + r")\s*,?\s+)+(?=[A-ZĐÂĂÊÔƠƯỦ])")


# ----------------------------------------------------------------------- verb


def issuer_of(
    text: str, start: int, end: int, lo: int, hi: int, pre: str | None = None
) -> tuple[str | None, int]:
    """The issuer of the citation whose phrase is ``text[start:end]`` (type word to number
    and date), and the end of the phrase.

    ``lo`` is where the previous citation ends and ``hi`` where the next one starts: an
    issuer is looked for between them. ``pre`` is an issuer already read between the type
    word and the number. The returned end is past the issuer when it is written after the
    number ("… của Bộ Tài chính"), so greater than ``end`` exactly then; otherwise ``end``.
    """
    after = _issuer_after(text, end, hi)
    if after:
        return after
    issuer = _narrative_issuer(text, start, lo)
    if issuer is None and pre:
        issuer = _body_name(pre)
    if issuer is None:
        issuer = _pre_issuer(text, start, lo)
    return issuer, end


# ----------------------------------------------------------------------- phrases


def _issuer_after(text: str, pos: int, hi: int) -> tuple[str, int] | None:
    window = text[pos : min(hi, pos + 240)] + " "
    lead = _rx("issuer_lead").match(window)
    if not lead:
        return None
    body = window[lead.end() :]
    skip = _title_prefix().match(body)
    skipped = skip.end() if skip else 0
    body = body[skipped:]
    joint = _rx("joint_issuer").match(body)
    if joint:  # "Liên Bộ: Lao động …, Tài chính, Y tế"
        return f"Liên Bộ {_clean(joint.group('list'))}", pos + lead.end() + skipped + joint.end()
    # commas that do not end a name: "Bộ Văn hóa, Thể thao và Du lịch", "phòng, chống"
    stop = _rx("issuer_stop").search(_mask_commas(body))
    cut = stop.start() if stop else len(body)
    raw = re.sub(r"[\s,;:.\-–]+(?:và|hoặc)?[\s\-–]*$", "", body[:cut])
    if len(raw) > 160 or not raw or not (raw[0].isupper() or raw[:2].isupper()):
        return None
    if any(_fold_ws(raw).lower().startswith(k) for k in _kinds()):  # "của Pháp lệnh …"
        return None
    name = _body_name(_clean(raw))
    return name, pos + lead.end() + skipped + len(raw.rstrip())


def _mask_commas(body: str) -> str:
    """``body`` with the commas that do not end a name hidden (same length): those inside a
    known name ("Bộ Văn hóa, Thể thao và Du lịch"), a fixed pair ("phòng, chống") or a list
    of place names after a plural level word ("các xã Đồng Vương, Canh Nậu")."""
    masked = mask_name_commas(body)
    for rx in [_rx("issuer_comma_phrase"), _rx("issuer_place_list")]:
        for mt in rx.finditer(body):
            masked = masked[: mt.start()] + mt.group(0).replace(",", "\x00") + masked[mt.end() :]
    return masked


def _narrative_issuer(text: str, start: int, lo: int) -> str | None:
    """ "Ngày 26/4/2013, Thủ tướng Chính phủ đã ban hành Quyết định số …": the body that
    the sentence before the citation says issued it (``citations`` reads its date)."""
    window = text[max(lo, start - 220) : start]
    mt = _rx("pre_narrative").search(window)
    if not mt:
        return None
    issuer = _clean(mt.group("issuer"))
    if any(issuer.lower().startswith(k) for k in _kinds()):
        return None
    return _body_name(issuer) if issuer else None


def _pre_issuer(text: str, start: int, lo: int) -> str | None:
    window = text[max(lo, start - 200) : start]
    mt = _rx("pre_issuer").search(window)
    if not mt:
        return _passive_issuer(text, start, lo) or _paren_issuer(text, start)
    if lo > 0 and lo >= start - 200 and _TAIL_OF_PREVIOUS.fullmatch(window[: mt.start()]):
        # "Nghị định số 31/… ngày … của Chính phủ (văn bản hợp nhất số …)": the body is the
        # previous citation's issuer, not the bracketed one's
        return None
    raw = mt.group("issuer")
    stop = _rx("issuer_stop").search(_mask_commas(raw) + " ")
    raw = raw[: stop.start()] if stop else raw
    name = _clean(raw)
    if not name[:1].isupper() or any(name.lower().startswith(k) for k in _kinds()):
        return None
    return _body_name(name)


def _passive_issuer(text: str, start: int, lo: int) -> str | None:
    """ "… được Chủ tịch UBND tỉnh công bố tại các Quyết định: Số …": the agent."""
    mt = _template("pre_passive").search(text[max(lo, start - 240) : start])
    return _body_name(_clean(mt.group("issuer"))) if mt else None


def _paren_issuer(text: str, start: int) -> str | None:
    """ "ý kiến của các Bộ: Tài chính (Công văn số …), …": the body named before the bracket."""
    lo = max(0, start - 500)
    window = text[lo:start]
    heads = list(_rx("paren_list_head").finditer(window))
    if not heads:
        return None
    head = heads[-1]
    tail = window[head.start() :]
    if re.search(r"[;.]\s", tail):
        return None
    item = _rx("paren_list_item").search(tail)
    if not item:
        return None
    name = _clean(item.group("name"))
    units = _entry("unit_head_words")["words"]
    word = _fold_ws(head.group("head"))
    if word in ("Bộ", "Sở") and not any(name.startswith(u + " ") for u in units):
        name = f"{word} {name}"
    return _body_name(name)


# ----------------------------------------------------------------------- names


def _body_name(name: str) -> str:
    """The issuing body of an issuer phrase: person titles dropped ("Bộ trưởng Bộ Tài
    chính" → "Bộ Tài chính", "Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ" → "Văn phòng Chính
    phủ"), the Party term dropped ("Bộ Chính trị khóa X"), abbreviations expanded, and a
    name that differs from a known one only by its accents ("Chỉnh phủ") snapped to it."""
    titles = _entry("official_titles")
    words = sorted(titles["words"], key=len, reverse=True)
    for _ in range(3):  # "Bộ trưởng, Chủ nhiệm …"
        for title in words:
            rest = name[len(title) :].lstrip(" ,")
            if (
                name.startswith(title)
                and name[len(title) : len(title) + 1] in (" ", ",")
                and rest[:1].isupper()
            ):
                head = (titles.get("becomes") or {}).get(title)
                name = f"{head} {rest}" if head and not rest.startswith(head) else rest
                break
        else:
            break
    name = _rx("issuer_term_suffix").sub("", name)
    name = _trim_to_known(_expand(name))
    key = _fold(name)
    for known in _central_names():
        if _fold(known) == key:
            return known
    return name


def _fold(s: str) -> str:
    s = unicodedata.normalize("NFD", s.replace("Đ", "D").replace("đ", "d"))
    return "".join(ch for ch in s if not unicodedata.combining(ch)).casefold()


def _trim_to_known(name: str) -> str:
    """Cut "Thủ tướng Chính phủ đủ điều kiện …" back to the known name it starts with."""
    for known in _central_names():
        rest = name[len(known) :]
        if name.startswith(known) and rest[:1] == " " and rest[1:2].islower():
            return known
    return name


def _expand(name: str) -> str:
    for rx, field in _sector_abbr():  # first: "Phòng LĐTBXH" is not "Phòng Bộ Lao động …"
        name = rx.sub(lambda m, field=field: f"{m.group(1)} {field}", name)
    for rx, expansion in _text_abbr():
        name = rx.sub(expansion, name)
    return name


@cache
def _sector_abbr() -> list[tuple[re.Pattern[str], str]]:
    """A ministry's sector abbreviation after "Bộ", "Sở" or "Phòng": departments mirror their
    ministry ("Sở VHTTDL", "Phòng LĐTBXH" → "Sở Văn hóa, Thể thao và Du lịch", "Phòng Lao động -
    Thương binh và Xã hội"). The sector is read from the ministry's own abbreviations in
    ``issuers.yaml`` ("BVHTTDL", "Bộ VHTT&DL"); codes of fewer than three letters are left."""
    pairs: dict[str, str] = {}
    for e in patterns.table("issuers"):
        full = e["expansion"]
        if e.get("ambiguous") or not full.startswith("Bộ "):
            continue
        for a in e["abbr"]:
            core = a[3:] if a.startswith("Bộ ") else a[1:] if a[:1] == "B" and a[1:].isupper() else ""
            core = core.strip()
            if len(re.sub(r"[^\w]", "", core)) >= 3:
                pairs[core] = full[3:]
                pairs.setdefault(core.replace("&", ""), full[3:])
    heads = r"(Bộ|Sở|Phòng)"
    return [
        (re.compile(r"(?<![^\W_])" + heads + r"\s+" + re.escape(c) + r"(?![^\W_])(?![&/\-])"), f)
        for c, f in sorted(pairs.items(), key=lambda p: len(p[0]), reverse=True)
    ]
