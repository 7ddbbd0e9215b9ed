"""Names of issuing bodies as documents write them, expanded and cased, with their level and
GSO unit: :func:`format_unit` ("UBND TỈNH QUẢNG NAM / SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH" →
"Sở Văn hóa, Thể thao và Du lịch", province, 49). Used for the issuer of a document
(:mod:`pipeline.fields_issuer`) and by the NER layer. The agency lexicon is
``models/rules/agencies.yaml``.

Convention for a header of two unit lines, the parent body above the issuing unit
("UBND TỈNH QUẢNG NAM / SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH", "BỘ TÀI CHÍNH / TỔNG CỤC THUẾ"),
in any layout (lines one under the other, table cells "… | CỘNG HÒA …", motto read first):

- name: the LOWER unit as written, expanded and cased ("Sở Văn hóa, Thể thao và Du lịch",
  "Phòng Giáo dục và Đào tạo"); no locality is added, except to a bare committee word
  ("ĐẢNG BỘ TỈNH BẮC NINH / TỈNH ỦY" → "Tỉnh ủy Bắc Ninh") and a bare "VĂN PHÒNG"
  ("Văn phòng Ủy ban nhân dân tỉnh …"), which name nothing on their own;
- level: that of the locality the parent line names (Sở under a tỉnh → province, Phòng
  under a huyện/quận → district); without one, the level the unit's head implies;
- admin_code / admin_path: the GSO unit of that locality (:func:`pipeline.admin.resolve_unit`);
  a provincial parent may name its province without "tỉnh" ("SỞ LAO ĐỘNG - TB&XH LÂM ĐỒNG").

When both lines are whole unit names, each with its locality ("HỘI KHUYẾN HỌC TỈNH QUẢNG NAM
/ HỘI KHUYẾN HỌC HUYỆN THĂNG BÌNH", "ỦY BAN MTTQ VN TỈNH … / ỦY BAN MTTQ VN HUYỆN …"), the
lower one is the issuer, with its own locality and level — also for heads that otherwise
never start a lower unit (Hội, Ban, Đảng bộ). A unit-head syllable that ends a word of the
name ("DỊCH VỤ", "NỘI VỤ", "CƠ SỞ", "MÔI TRƯỜNG"; ``models/rules/issuer_words.yaml``) starts
no unit. Abbreviations are expanded from agencies.yaml and the ``expand_in_text`` entries of
issuers.yaml ("HỘI LHPN" → "Hội Liên hiệp Phụ nữ", "LĐLĐ", "HỘI CCB", "UBMTTQ VN").
The header lines themselves are found by :mod:`pipeline.issuer_header`.

Casing (Decree 30/2020, appendix II): the head and each field of activity take a capital
on their first syllable, "và" stays lower ("Bộ Giáo dục và Đào tạo"); every syllable of a
place or personal name is capitalised ("huyện Châu Thành", "Trường Đại học Sư phạm Hà
Nội", "… Việt Nam"); consonant-only acronyms ("THPT") stay. Party and Youth Union
committees ("TỈNH ỦY BẮC NINH", "BCH TỈNH ĐOÀN ĐỒNG THÁP") take level and code from the
locality their committee word implies.
"""

from __future__ import annotations

import contextlib
import re
from functools import cache, lru_cache
from typing import Any

from . import patterns
from .admin import resolve_unit
from .fields_common import expand_abbreviations, is_upper_line, lexicon, rejoin_split_letters, respell
from .unit_stack import _committees, _locality_rx, _wfold, lowest_unit


def _is_acronym(word: str) -> bool:
    """ "THPT", "GDTX": capitals without a vowel are no Vietnamese syllable."""
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and word.isupper() and not any(_wfold(c) in "aeiouy" for c in letters)


def _case_words(words: list[str]) -> str:
    out: list[str] = []
    cap_next = True
    for w in words:
        if _is_acronym(w):
            out.append(w)
        else:
            out.append(w[:1].upper() + w[1:].lower() if cap_next else w.lower())
        cap_next = w in ("-", ",", "–") or w.endswith(",") or w.lower() == "và"
    return " ".join(out)


_CONNECTORS = ("va", "-", "–", "&", ",")


_PEOPLES_BODY = re.compile(
    r"(?<![\wÀ-ỹ])((?:Ủy\s+ban|Hội\s+đồng)\s+nhân\s+dân\s+)(\S+)(?:(\s+)(\S+))?", re.IGNORECASE
)


def _level_word_tones(name: str) -> str:
    """A locality word that lost its tone marks right after "Ủy ban nhân dân" / "Hội đồng
    nhân dân", where only a locality word can stand ("ỦY BAN NHÂN DÂN PHƯƠNG Y LA": bold
    capitals OCR'd without their marks), written again with them: "PHƯỜNG Y LA". The name
    after it is matched accent-folded by :func:`pipeline.admin.resolve_unit`."""
    levels = {_wfold(e["word"]): e["word"] for e in lexicon("locality")}

    def restore(m: re.Match[str]) -> str:
        head, first, gap, second = m.groups()
        two = f"{first}{gap}{second}" if second else ""
        # "thi tran" (two words) before "thi"; the second word kept when only the first is one
        for written, tail in ((two, ""), (first, f"{gap}{second}" if second else "")):
            level = levels.get(" ".join(_wfold(w) for w in written.split())) if written else None
            if level:
                return head + (level.upper() if written.isupper() else level) + tail
        return m.group()

    return _PEOPLES_BODY.sub(restore, name)


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


@cache
def _body_in_name(canonical: str) -> re.Pattern[str]:
    """A known body's name inside a longer name, any case (compiled once per lexicon entry)."""
    return re.compile(rf"(?<=\s){re.escape(canonical)}(?![\wÀ-ỹ])", re.IGNORECASE)


def format_unit(raw: str, context: str = "") -> tuple[str, str | None, Any]:
    """(display name, level, resolved admin unit) for a unit name in any case.

    Of several stacked units the lowest is named; when it names no locality of its own,
    level and unit are those of the locality of the line above (see the module docstring).
    """
    full = expand_abbreviations(_expand_issuer_abbr(respell(_restore_known(rejoin_split_letters(raw)))))
    full = _level_word_tones(full)
    # "ỦY BAN MTTQ VIỆT NAM" → "… Mặt trận Tổ quốc Việt Nam VIỆT NAM": the country once
    full = re.sub(r"(?<![\wÀ-ỹ])(Việt Nam)\s+Việt Nam(?![\wÀ-ỹ])", r"\1", full, flags=re.IGNORECASE)
    full, name = lowest_unit(full)
    display, level, unit = _format_one(name, context)
    parent = full[: len(full) - len(name)].strip()
    if parent and unit is None:
        found = _locality_in(parent, context, first_only=False) or _trailing_locality(parent, context)
        if found is not None and found[0] is not None:
            unit, level = found[0], found[0].level
            low = display.casefold()
            if any(low == c or low.endswith(" " + c) for c in _committees()):  # "Tỉnh ủy" → "… Bắc Ninh"
                display = f"{display} {_unit_name(unit, context)}"
    local = {e["canonical"] for e in lexicon("head") if e.get("parent_locality")}
    if parent and display in local:  # "UBND HUYỆN KỲ ANH / BAN CHỈ HUY QUÂN SỰ"
        found = _parent_locality(parent, context)
        if found is not None:
            return f"{display} {found[1]}", found[2], found[0]
    bare = {e["canonical"] for e in lexicon("head") if e.get("alone") and not e.get("locality")}
    if parent and (level is None or display in bare):  # "Văn phòng" names nothing alone
        up_name, up_level, _ = _format_one(parent, context)
        level = level or up_level  # "BỘ Y TẾ / CỤC QUẢN LÝ DƯỢC": the ministry's level
        display = f"{display} {up_name}" if display in bare else display  # "Văn phòng Bộ Tài chính"
    return display, level, unit


def _parent_locality(parent: str, context: str) -> tuple[Any, str, str | None] | None:
    """(unit or None, "huyện Kỳ Anh", level) of the locality the parent line names; an
    unresolved name ("xã Phú Lộc", several of that name) is kept as written."""
    levels = {e["word"]: e.get("level") or None for e in lexicon("locality")}
    last = None
    for m in _locality_rx().finditer(parent):
        word = m.group("w").lower()
        if word not in levels or parent[: m.start()].strip().casefold().endswith("và"):
            continue
        unit = resolve_unit(m.group("n"), word, context)
        if unit is not None:
            return unit, _locality_display(word, unit, m.group("n"), context), unit.level
        last = (None, _locality_display(word, None, m.group("n"), context), levels[word])
    return last


@cache
def _issuer_abbr() -> list[tuple[re.Pattern[str], str]]:
    """Abbreviations of ``issuers.yaml`` that may be expanded inside a written name
    ("HỘI LHPN", "ỦY BAN MTTQ VN", "LĐLĐ"), longest first."""
    pairs: list[tuple[str, str]] = []
    with contextlib.suppress(FileNotFoundError):  # table of the citations stage
        pairs = [
            (a, e["expansion"])
            for e in patterns.table("issuers")
            if e.get("expand_in_text")
            for a in e["abbr"]
        ]
    pairs.sort(key=lambda p: len(p[0]), reverse=True)
    return [(re.compile(rf"(?<![\wÀ-ỹ&]){re.escape(a)}(?![\wÀ-ỹ&])"), exp) for a, exp in pairs]


def _expand_issuer_abbr(s: str) -> str:
    for pat, expansion in _issuer_abbr():
        s = pat.sub(expansion, s)
    return s


def _trailing_locality(parent: str, context: str = "") -> tuple[Any, str, int] | None:
    """The province or district a provincial or district parent body ends with, written
    without its locality word ("SỞ LAO ĐỘNG - TB&XH LÂM ĐỒNG", "SỞ Y TẾ HÀ NỘI", "PHÒNG
    GD&ĐT NGHI LỘC"), as :func:`_locality_in` gives it: a unit of the body's own level."""
    level = _format_one(parent, "")[1]
    if level not in ("province", "district"):
        return None  # "ĐẠI HỌC QUỐC GIA HÀ NỘI": a name, not a province's body
    return _trailing_unit(parent, level, context)


def _trailing_unit(text: str, level: str, context: str) -> tuple[Any, str, int] | None:
    """(unit, its display, where its name starts) when the last 2–4 words of ``text`` name
    a unit of ``level`` ("province" or "district") without a locality word."""
    words = text.split()
    for k in (4, 3, 2):
        if len(words) <= k + 1:
            continue
        name, at = " ".join(words[-k:]), len(" ".join(words[:-k])) + 1
        if level == "province":
            unit = resolve_unit(name)
            if unit is not None and (unit.level == "province" or unit.kind == "thanh-pho"):
                return unit, _spelled(unit.name, context), at
            continue
        for kind in ("huyện", "quận", "thị xã", "thành phố"):
            unit = resolve_unit(name, kind, context)
            if unit is not None and unit.level == "district":
                return unit, _spelled(unit.name, context), at
    return None


def _unit_name(unit: Any, context: str = "") -> str:
    """A resolved unit's name as it follows a committee word: "Bắc Ninh", "Quận 1"; spelt
    as the document spells it ("Hòa Bình" where the registry writes "Hoà Bình")."""
    if unit.name.isdigit():
        return _locality_display(unit.path[-1].split()[0], unit, "")
    return _spelled(unit.name, context)


def _locality_in(rest: str, context: str, first_only: bool = True) -> tuple[Any, str, int] | None:
    """(unit or None, display text, offset) of the locality phrase in ``rest``: a locality
    word ("tỉnh Quảng Nam") or a committee word ("Tỉnh đoàn Đồng Tháp") and a name.
    An unresolved name is accepted only at the start of ``rest``, and only if ``first_only``."""
    for m in _locality_rx().finditer(rest):
        if rest[: m.start()].strip().casefold().endswith("và"):
            continue
        word = m.group("w").lower()
        committee = _committees().get(word.casefold())
        cand = resolve_unit(m.group("n"), committee["locality"] if committee else word, context)
        if cand is None and (m.start() > 0 or not first_only):
            continue
        if committee:
            shown = _unit_name(cand, context) if cand is not None else _case_place(m.group("n"))
            return cand, f"{committee['canonical']} {shown}", m.start()
        return cand, _locality_display(word, cand, m.group("n"), context), m.start()
    return None


def _case_place(raw: str) -> str:
    """A place or personal name read in capitals: every syllable capitalised."""
    return " ".join(w if w.isdigit() else w[:1].upper() + w[1:].lower() for w in raw.split())


def _case_proper(specific: str, upper: bool) -> str:
    """Proper names inside a unit's name ("… Việt Nam", "… Hồ Chí Minh"), and, for a name
    read in capitals, a trailing province or city name ("Sư phạm hà nội" → "Sư phạm Hà Nội")."""
    for e in lexicon("proper"):
        c = e["canonical"]
        specific = re.sub(rf"(?<![\wÀ-ỹ]){re.escape(c)}(?![\wÀ-ỹ])", c, specific, flags=re.IGNORECASE)
    words = specific.split()
    if upper:
        for k in (4, 3, 2):
            if len(words) > k:
                unit = resolve_unit(" ".join(words[-k:]))
                if unit is not None and (unit.level == "province" or unit.kind == "thanh-pho"):
                    return " ".join(words[:-k] + [unit.name])
    return specific


def _format_one(name: str, context: str) -> tuple[str, str | None, Any]:
    """(display name, level, resolved admin unit) of one unit name."""
    low = name.casefold()
    head = ""
    head_entry: dict[str, Any] = {}
    for entry in sorted(lexicon("head"), key=lambda e: -len(e["canonical"])):
        c = entry["canonical"]
        if low.startswith(c.casefold()) and (len(low) == len(c) or not low[len(c)].isalpha()):
            head, head_entry = c, entry
            break
    head_level: str | None = head_entry.get("level") or None
    rest = name[len(head) :].strip()
    unit, loc_text, rest_specific = None, "", rest
    found = _locality_in(rest, context)
    if found is not None:
        unit, loc_text, at = found
        rest_specific = rest[:at].strip()
    elif head_entry.get("locality") and rest:  # "TỈNH ỦY BẮC NINH": the committee's locality
        unit = resolve_unit(rest, head_entry["locality"], context)
        loc_text, rest_specific = (_unit_name(unit, context) if unit is not None else _case_place(rest)), ""
    elif head_level in ("province", "district") and (trailing := _trailing_unit(name, head_level, context)):
        # "SỞ GD&ĐT THÁI NGUYÊN", "PHÒNG GD&ĐT NGHI LỘC": the province / district it serves,
        # named without its locality word
        unit, loc_text, at = trailing
        rest_specific = name[:at].strip()[len(head) :].strip()
    bare = {e["word"] for e in lexicon("locality")}
    if rest_specific.casefold() in bare:
        specific = rest_specific.lower()
    elif head_entry.get("proper_name"):  # "TRƯỜNG THPT CHU VĂN AN" → "Chu Văn An"
        specific = _case_place(rest_specific) if is_upper_line(rest_specific) else rest_specific
    else:
        specific = _case_words(rest_specific.split()) if rest_specific else ""
        specific = _case_proper(specific, is_upper_line(rest_specific))
    if head and specific and specific.casefold() not in bare:
        specific = specific[:1].upper() + specific[1:] if head != "Ủy ban nhân dân" else specific
    if head_entry.get("proper_name"):  # "TRƯỜNG THPT SỐ 2 BẢO YÊN" → "… số 2 Bảo Yên"
        specific = re.sub(r"^Số(?=\s+\d)", "số", specific)
    shown_head = head_entry.get("full", head)  # "Trường THCS" → "Trường Trung học cơ sở"
    display = " ".join(x for x in (shown_head, specific, loc_text) if x)
    if not head:
        display = _case_words(display.split()) if is_upper_line(display) else display
        display = _case_proper(display, False)
    canonical_level = None
    for entry in lexicon("canonical"):
        c = entry["canonical"]
        if display.casefold().startswith(c.casefold()):
            display = c + display[len(c) :]
            if unit is None or display.casefold() == c.casefold():
                canonical_level = canonical_level or entry.get("level")
        elif head and " " in c:  # "Ban Thường vụ Hội khuyến học …": a known body inside the name
            display = _body_in_name(c).sub(c, display)
    level = head_level or canonical_level
    if level is None and unit is not None:
        level = unit.level
    elif level is None and loc_text:
        word = loc_text.split()[0].lower()
        level = {e["word"]: e.get("level") or None for e in lexicon("locality")}.get(word)
    return display, level, unit


def _locality_display(word: str, unit: Any, raw_name: str, context: str = "") -> str:
    if unit is None:
        return f"{word.lower()} {_case_place(raw_name)}"
    name = _spelled(unit.name, context)
    if name.isdigit():
        return f"{word.capitalize()} {name}"
    if word.lower() == "thành phố" and unit.level == "province":
        return f"Thành phố {name}"
    return f"{word.lower()} {name}"


@lru_cache(maxsize=4)
def _fold_same_length(s: str) -> str:
    """Lower-case, accent-folded copy of ``s`` with the same length (offsets stay valid).
    Cached: every locality a document names folds the same document text again."""
    return "".join(_wfold(c)[:1] or c for c in s)


def _spelled(name: str, context: str) -> str:
    """A resolved unit's name as the document spells it most often ("Đắk Glong" where the
    registry writes "Đăk Glong"); the registry's spelling when the document never writes
    the name with the same letters (OCR dropped or misread its marks: "TUYẾN QUANG" once,
    "Tuyên Quang" in the body)."""
    words = name.split()
    if not context or not words or any(not w.isalpha() for w in words):
        return name
    folded = _fold_same_length(context)
    pat = r"(?<![\w])" + r"\s+".join(re.escape(_wfold(w)) for w in words) + r"(?![\w])"
    votes: dict[str, int] = {}
    for m in re.finditer(pat, folded):
        written = _case_place(context[m.start() : m.end()])
        if _wfold(written) == _wfold(name) and any(_wfold(c) != c.lower() for c in written if c.isalpha()):
            votes[written] = votes.get(written, 0) + 1
    if not votes:
        return name
    best = max(votes.values())
    if votes.get(name) == best:
        return name
    return next(w for w, n in votes.items() if n == best)
