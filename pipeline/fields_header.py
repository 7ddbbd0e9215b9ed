"""Header fields of a document: number, place and date, type, title (issuer: fields_issuer).

Helpers of :mod:`pipeline.extract` (its public verb is ``extract``). Every function takes
the :class:`Doc` being filled and writes values plus evidence into it; the cue regexes
are in ``models/rules/fields.yaml`` and the agency lexicon in ``models/rules/agencies.yaml``.
"""

from __future__ import annotations

import re

from . import patterns
from .fields_common import (
    Doc,
    clean,
    doc_types,
    first_heading,
    is_upper_line,
    iso,
    lexicon,
    rejoin_groups,
    respell,
    rx,
    trim_span,
)

_HEADER_SPAN = 5000  # characters from the top where header fields are looked for
_SUBJECT_WRAP_LINES = 2  # a V/v subject wrapped in a narrow header cell goes on this many lines…
_SUBJECT_WRAP_WIDTH = 90  # …each no longer than this (a body paragraph is not its tail)


# ------------------------------------------------------------------ number


def extract_number(doc: Doc) -> tuple[str | None, str | None]:
    """(own number or None, its type-code part) from the header "Số: 167 /KH-UBND"."""
    zone = doc.t[: min(_HEADER_SPAN, doc.main_end)]
    for m in rx("own_number").finditer(zone):
        rest = re.sub(r"\s+", "", m.group("rest"))
        code = rest.lstrip("/-")
        code = re.sub(r"^\d{4}/", "", code)
        if not m.group("num"):
            doc.ev("number", m.start(), m.end(), "own_number.blank")
            return None, code
        number = re.sub(r"\s+", "", m.group("num")) + rest
        try:
            from .doc_numbers import parse_number

            number = parse_number(number) or number
        except ImportError:
            pass
        doc.ev("number", m.start("num"), m.end("rest"), "own_number")
        return number, code
    m = rx("own_number_unreadable").search(zone)
    if m:  # OCR garbled the (often handwritten) digits: keep the type code, never the digits
        doc.ev("number", m.start("rest"), m.end("rest"), "own_number.unreadable")
        doc.warnings.append("number: digits unreadable in the header")
        return None, re.sub(r"\s+", "", m.group("code"))
    return None, None


# ------------------------------------------------------------------ place and date


def extract_place_date(doc: Doc) -> tuple[str | None, str | None]:
    zone = doc.t[: min(_HEADER_SPAN, doc.main_end)]
    lines = list(rx("place_date").finditer(zone)) + list(rx("place_date_numeric").finditer(zone))
    for m in sorted(lines, key=lambda m: m.start()):  # "ngày 22 tháng 9 năm 2023" or "ngày 25/4/2022"
        found = _place_in(m)
        if found is None:
            continue
        place, p_start, p_end = found
        if re.search(r"(?:^|[\n|])[ \t*#]*la[ \t]+$", doc.t[max(0, p_start - 8) : p_start]):
            place, p_start = f"Ia {place}", p_start - 3  # OCR reads the "I" of "Ia Grai" as "l"
        doc.ev("issued_place", p_start, p_end, "place_date")
        year = m.group("y") or _lone_year(doc.t, m, len(zone))
        date = iso(year, m.group("m"), m.group("d"))
        if date:
            doc.ev("issued_date", p_start, m.end(), "place_date")
        elif m.group("d") is None or m.group("m") is None:
            doc.warnings.append("issued_date: blank or unreadable in the header")
        return place, date or _banner_date(doc)
    elided = rx("place_date_elided").search(zone)  # "…, ngày 05 tháng 3 năm 2023": no place
    date = iso(elided.group("y"), elided.group("m"), elided.group("d")) if elided else None
    if date and elided:
        doc.ev("issued_date", elided.start("d"), elided.end(), "place_date_elided")
        return None, date
    return None, _banner_date(doc)


def _place_in(m: re.Match[str]) -> tuple[str, int, int] | None:
    """The longest plausible place at the end of the match's place group, with its span.

    Flattened headers put the trích yếu or the number before the place ("… Luật DN 2014
    Hà Nội, ngày …"): the place is the longest plausible suffix. Syllables split by a
    crawl ("Qu ả ng Ngãi") are rejoined.
    """
    spans = [(w.start(), w.end()) for w in re.finditer(r"[^\s*#|]+", m.group("place"))]
    tokens = [m.group("place")[a:b] for a, b in spans]
    groups = rejoin_groups(tokens)
    words = ["".join(tokens[j] for j in g) for g in groups]
    base = m.start("place")
    for k in range(len(words)):
        place = " ".join(words[k:])
        start = base + spans[groups[k][0]][0]
        if start > 0 and m.string[start - 1] in "-/":
            continue  # the tail of a number's type code ("Số: 115/NQ-CP Hà Nội, ngày")
        if _plausible_place(place):
            return place, start, base + spans[-1][1]
    return None


def _lone_year(t: str, m: re.Match[str], zone_end: int) -> str | None:
    """The year of a place-date line that ends at "năm" ("Quảng Ngãi, ngày 08 tháng 5 năm"),
    read on a line of its own within three lines of it (OCR of a wrapped header cell puts
    "2020" above or below); None when there is no such line, or more than one."""
    if not (m.group("d") and m.group("m")):
        return None
    lo = m.start()
    for _ in range(4):  # the match's own line start, then three lines up
        lo = max(0, t.rfind("\n", 0, max(0, lo - 1)))
    hi = m.end()
    for _ in range(3):
        nxt = t.find("\n", hi + 1)
        hi = zone_end if nxt == -1 else min(nxt, zone_end)
    years = rx("lone_year_line").findall(t, lo, hi)
    return years[0] if len(years) == 1 else None


def _plausible_place(place: str) -> bool:
    words = place.split()
    if not 1 <= len(words) <= 6 or place.lower().startswith(("ngày", "số", "kính")):
        return False
    for i, w in enumerate(words):
        # a number ends a few communes' names ("Sơn Kim 1") and names a quận / phường; a
        # year ("Luật DN 2014 Hà Nội") or a number opening the place is no place
        numbered = i > 0 and (
            words[i - 1].lower() in ("quận", "phường") or (i == len(words) - 1 and len(w) <= 2)
        )
        if w[0].isdigit() and not (numbered and w.isdigit()):
            return False
        if not (w[0].isupper() or w[0].isdigit() or w in ("trấn", "phố", "xã")):
            return False
    return True


def _banner_date(doc: Doc) -> str | None:
    m = rx("signing_banner").search(doc.t)
    if not m:
        return None
    date = iso(m.group("y"), m.group("m"), m.group("d"))
    if date:
        doc.ev("issued_date", m.start(), m.end(), "signing_banner")
        doc.warnings.append("issued_date: taken from the digital-signature banner")
    return date


# ------------------------------------------------------------------ type and title


def _header_end(doc: Doc) -> int:
    """Where the preamble starts: its first cue line ("Căn cứ …", "Thực hiện …"), except
    the line right under the type word, which is the title even when it starts with the
    same verb ("KẾ HOẠCH" / "Triển khai thực hiện chuyển đổi số …")."""
    zone_end = min(_HEADER_SPAN, doc.main_end)
    for m in rx("preamble_start").finditer(doc.t, 0, zone_end):
        if not _under_type_word(doc.t, m.start()):
            return m.start()
    return zone_end


def _under_type_word(t: str, pos: int) -> bool:
    """The last non-blank line before ``pos`` is a type word alone ("KẾ HOẠCH", "# QUYẾT ĐỊNH")."""
    before = t[:pos].rstrip()
    line = before[before.rfind("\n") + 1 :].strip(" \t#*|:")
    key = re.sub(r"\s+", " ", line).casefold()
    joint = rx("joint_type_word").search(key)  # "KẾ HOẠCH LIÊN TỊCH"
    return is_upper_line(line) and (
        key in _type_words() or bool(joint and key[: joint.start()] in _type_words())
    )


def _type_words() -> dict[str, str]:
    """Type word (spaces folded, case-folded) → its number code, or ''."""
    return {
        re.sub(r"\s+", " ", e["word"]).casefold(): e.get("code", "") for e in doc_types() if e.get("word")
    }


def _type_word_line(doc: Doc) -> tuple[int, int, str] | None:
    """(start, end, code or '') of the line holding the type word ("KẾ HOẠCH")."""
    words = _type_words()
    end = _header_end(doc)
    for m in re.finditer(r"(?m)^[ \t#*|]*(?P<w>[^\n|]{2,40}?)[ \t*|:]*$", doc.t[:end]):
        word = re.sub(r"\s+", " ", m.group("w")).strip(" *#")
        if not is_upper_line(word) or len(word.split()) > 4 or rx("national_motto").search(word):
            continue
        key = word.casefold()
        joint = rx("joint_type_word").search(key)  # "KẾ HOẠCH LIÊN TỊCH": a plan all the same
        if key not in words and joint and key[: joint.start()] in words:
            key = key[: joint.start()]
        if key in words:
            return m.start("w"), m.end("w"), words[key]
        if not words and key in ("kế hoạch", "quyết định", "nghị quyết", "thông tư", "báo cáo", "tờ trình"):
            return m.start("w"), m.end("w"), ""
    # a Party document's trích yếu in lower case, joined to its type word by a reflow
    # ("QUYẾT ĐỊNH thành lập Ban Chỉ đạo …")
    for m in rx("type_word_lower_title").finditer(doc.t, 0, end):
        key = re.sub(r"\s+", " ", m.group("w")).casefold()
        if key in words:
            return m.start("w"), m.end("w"), words[key]
    return None


def extract_doc_type(doc: Doc, number_code: str | None) -> str | None:
    line = _type_word_line(doc)
    if line and line[2]:
        doc.ev("doc_type", line[0], line[1], "doc_type.title_word")
        return line[2]
    codes = {e.get("code"): e for e in doc_types() if e.get("code")}
    if number_code:
        first = re.split(r"[-/]", number_code)[0]
        if first in codes:
            m = re.search(re.escape(number_code.split("-")[0]), doc.t[:_HEADER_SPAN])
            if m:
                doc.ev("doc_type", m.start(), m.end(), "doc_type.number_code")
            return first
    letter = next((c for c, e in codes.items() if e.get("word", "").casefold() == "công văn"), None)
    zone_end = min(_HEADER_SPAN, doc.main_end)
    subject = rx("subject_line").search(doc.t[:zone_end])
    if subject and letter:
        doc.ev("doc_type", subject.start(), subject.start() + 3, "doc_type.subject_line")
        return letter
    # no type word, no type code, no V/v line: a header addressed "Kính gửi:" is a letter
    heading = first_heading(doc)
    addressee = rx("addressee_line").search(
        doc.t, 0, min(zone_end, heading if heading is not None else zone_end)
    )
    if addressee and letter:
        doc.ev("doc_type", addressee.start("cue"), addressee.end("cue"), "doc_type.addressee")
        return letter
    return None


def _subject_text(subject: str) -> str:
    """The V/v line up to where a flattened header goes on.

    Crawled tables flatten the header into one line: "V/v … Luật DN 2014 Hà Nội, ngày 23
    tháng 5 năm 2019 Kính gửi: …". The subject ends at a table-cell break, at the place
    and date, or at the addressee / motto / preamble that follows it.
    """
    end = len(subject)
    cut = re.search(r"\s{2,}|\|", subject)
    if cut:
        end = cut.start()
    stop = rx("subject_stop").search(subject, 0, end)
    if stop:
        end = stop.start()
    for m in rx("place_date").finditer(subject, 0, end):
        found = _place_in(m)
        if found is not None:
            end = min(end, found[1])
            break
    return subject[:end].rstrip(" \t,;:")


def _subject_wrap_end(doc: Doc, end: int) -> int:
    """End of a V/v subject hard-wrapped over the next line(s): "V/v quy định … tại Luật" /
    "Doanh nghiệp chưa được thực thi", up to the place-date, "Số", addressee or motto."""
    t = doc.t
    for _ in range(_SUBJECT_WRAP_LINES):
        if t[:end].rstrip().endswith((".", ";", ":")) or not t.startswith("\n", end):
            break
        m = re.match(r"[^\n]+", t[end + 1 :])
        line = m.group() if m else ""
        stops = ("number_line", "place_date", "addressee", "quoc_hieu", "motto", "preamble_start")
        if (
            not line.strip()
            or len(line) > _SUBJECT_WRAP_WIDTH
            or any(patterns.regex("segment", r).search(line) for r in stops)
            or rx("subject_stop").match(" " + line)
            or is_upper_line(line)
        ):
            break
        end += 1 + len(line.rstrip())
    return end


def _caps_block_after_date(doc: Doc) -> tuple[int, int] | None:
    """An all-capitals block between the place/date line and the preamble.

    Excerpts and crawls sometimes lose the type-word line ("KẾ HOẠCH"); the trích yếu is
    then the capitals block right after "…, ngày … tháng … năm …" that the preamble
    ("Thực hiện …", "Căn cứ …") closes.
    """
    zone_end = min(_HEADER_SPAN, doc.main_end)
    date = next((m for m in rx("place_date").finditer(doc.t, 0, zone_end) if _place_in(m)), None)
    if date is None:
        return None
    stop = rx("preamble_start").search(doc.t, date.end(), zone_end)
    if stop is None:
        return None
    first = last = None
    for m in re.finditer(r"[^\n]+", doc.t[date.end() : stop.start()]):
        body = clean(m.group())
        if body is None or re.fullmatch(r"[-_=.…\s]+", body):
            continue
        if not is_upper_line(body) or len(body.split()) < 3:
            return None
        first = date.end() + m.start() if first is None else first
        last = date.end() + m.end()
    if first is None or last is None or doc.t.count("\n", first, last) > 5:
        return None
    if _is_authority_line(doc.t[first:last]):
        return None
    return trim_span(doc.t, first, last)


def _is_authority_line(s: str) -> bool:
    """ "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …", "THỦ TƯỚNG CHÍNH PHỦ": the enacting authority of
    a decision, written between its title and its preamble — not a trích yếu."""
    s = clean(respell(s)) or ""
    if patterns.regex("body", "signer_position").match(s):
        return True
    low = s.casefold()
    return any(
        low.startswith(e["canonical"].casefold() + " ") or low == e["canonical"].casefold()
        for e in lexicon("head")
        if len(e["canonical"].split()) > 1
    )


def _caps_continuation(last: str, t: str, at: int) -> bool:
    """An all-caps title line after a blank line goes on in capitals: a scan's or a PDF's
    spacing split it ("… HỌC SINH TRONG GIÁO DỤC" / "" / "PHỔ THÔNG GIAI ĐOẠN 2019-2025 …"),
    unless the next line is the enacting authority or a numbered heading."""
    line_end = t.find("\n", at)
    nxt = clean(t[at : line_end if line_end >= 0 else len(t)]) or ""
    return (
        is_upper_line(last)
        and is_upper_line(nxt)
        and not last.endswith((".", ":", ";"))
        and not _is_authority_line(nxt)
        and not rx("heading_line").match(nxt)
    )


def _is_prose(line: str) -> bool:
    """ "Mùa khô … ở mức cao. Để chủ động …, Chủ tịch … chỉ thị:": a paragraph in mixed case
    that ends a sentence inside ("cao. Để", not "TP. Hồ Chí Minh") or ends with a colon —
    what a trích yếu never does."""
    if is_upper_line(line):
        return False
    return line.rstrip().endswith(":") or bool(rx("prose_sentence_break").search(line))


def _open_end(line: str) -> bool:
    """The line ends with a word that cannot end a trích yếu ("CỦA", "VÀ", "VỚI" …), so the
    next line continues it even when it reads like an authority ("… CỦA\nỦY BAN NHÂN DÂN")."""
    words = line.split()
    return bool(words) and bool(rx("title_open_end").fullmatch(words[-1].casefold()))


def _has_subject_word(line: str) -> bool:
    """ "CHÍNH PHỦ VỀ ĐẨY MẠNH …": a wrapped trích yếu that starts with an authority's name
    goes on with "về / của / đối với …", which an enacting-authority line never has."""
    return any(rx("title_subject_word").fullmatch(w) for w in line.casefold().split())


def _preamble_section(doc: Doc, lo: int, hi: int) -> int:
    """Where the segmenter opened the preamble after the type word, if before ``hi``: a
    paragraph such as "Ngày 05/01/2018, Ban Thường vụ … kết luận như sau:" that a DOCX or a
    text layer puts on the line right under the trích yếu, with no blank line between."""
    starts = [
        s.start
        for s in (doc.seg.of_kind("preamble") if doc.seg else [])
        if lo < s.start < hi
        and not is_upper_line(doc.t[s.start : s.end].split("\n")[0])
        and not _under_type_word(doc.t, s.start)
    ]  # a line in capitals ("CHÍNH PHỦ VỀ ĐẨY MẠNH …") is an all-caps title going on, and
    # the line right under the type word is the trích yếu even when it starts "Thực hiện …"
    return min(starts, default=hi)


def extract_title(doc: Doc) -> str | None:
    t = doc.t
    line = _type_word_line(doc)
    if line is None:
        subject = rx("subject_line").search(t[: min(_HEADER_SPAN, doc.main_end)])
        if subject:
            text = _subject_text(subject.group("subject"))
            end = subject.start("subject") + len(text)
            if end == subject.end("subject"):
                end = _subject_wrap_end(doc, end)
            doc.ev("title", subject.start("subject"), end, "title.subject_line")
            return clean(t[subject.start("subject") : end])
        block = _caps_block_after_date(doc)
        if block:
            doc.ev("title", block[0], block[1], "title.caps_after_date")
            return clean(" ".join(t[block[0] : block[1]].split()))
        titles = doc.seg.of_kind("title") if doc.seg else []
        if titles:
            s = titles[0]
            doc.ev("title", s.start, s.end, "title.segment")
            return clean(t[s.start : s.end])
        return None
    stop = _preamble_section(doc, line[1], _header_end(doc))
    pos, first, last, lines = line[1], None, None, []
    for m in re.finditer(r"[^\n]*\n?", t[pos:stop]):
        raw = m.group().rstrip("\n")
        s, e = pos + m.start(), pos + m.start() + len(raw)
        body = clean(raw)
        if not m.group():
            break
        if body is None or re.fullmatch(r"[-_=.…\s]+", body or ""):
            if lines and body is not None and re.fullmatch(r"[-_=]{3,}", body):
                break  # the rule drawn under the trích yếu
            if lines and body is None:
                nxt = re.search(r"\S", t[e:stop])
                if not nxt or not (
                    t[e + nxt.start()].islower() or _caps_continuation(lines[-1], t, e + nxt.start())
                ):
                    break
            continue
        if re.match(r"\(Ban hành|\(Kèm theo", body) or (lines and len(lines) >= 6):
            break
        if lines and is_upper_line(body) and not is_upper_line(lines[-1]):
            break  # "ỦY BAN NHÂN DÂN ..." repeated before a decision's preamble
        if lines and _is_prose(raw):
            break  # the opening paragraph, on the next line in a DOCX or a text layer
        if lines and _is_authority_line(body) and not _open_end(lines[-1]) and not _has_subject_word(body):
            break  # the same line in capitals right under an all-caps trích yếu (no blank line)
        first = s if first is None else first
        last = e
        lines.append(body)
    if not lines:
        return None
    doc.ev("title", first, last, "title.after_type_word")
    value = clean(" ".join(lines))
    return value[:1].upper() + value[1:] if value else None  # a Party trích yếu is in lower case
