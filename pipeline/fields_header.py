"""Header fields of a document: number, place and date, type, title, issuer.

Helpers of :mod:`pipeline.extract` (its public verb is ``extract``). Every function takes
the :class:`Doc` being filled and writes values plus evidence into it; the cue regexes
are in ``models/rules/fields.yaml`` and the agency lexicon in ``models/rules/agencies.yaml``.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from . import patterns
from .admin import resolve_unit
from .records import Issuer, Segmentation, Text

_HEADER_SPAN = 5000  # characters from the top where header fields are looked for
_UPPER_RATIO = 0.8
_PRELUDE_GAP = 400  # a header's motto sits this close to where a mistaken annex starts


# ------------------------------------------------------------------ shared helpers


@dataclass
class Doc:
    """The document being extracted: normalized text, sections, evidence, warnings."""

    text: Text
    seg: Segmentation
    evidence: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    @property
    def t(self) -> str:
        return self.text.text

    @property
    def main_end(self) -> int:
        """End of the document proper (annexes excluded).

        An "annex" that starts next to the first national motto of the text, with nothing
        signed before that motto, is the document itself under a crawler prelude (portal
        attribute panel, article, related-documents list): the document then ends at the
        next annex, if any.
        """
        if not self.seg:
            return len(self.t)
        starts = sorted(s.start for s in self.seg.sections if s.kind == "annex")
        while starts and self._prelude_before(starts[0]):
            later = [s for s in starts[1:] if s > starts[0] + _PRELUDE_GAP]
            starts = later
        return starts[0] if starts else len(self.t)

    def _prelude_before(self, start: int) -> bool:
        motto = patterns.regex("fields", "national_motto").search(self.t)
        if motto is None or abs(motto.start() - start) > _PRELUDE_GAP:
            return False
        # signed after the header and before the annex → a real attachment
        return not any(
            s.kind == "signature" and motto.start() < s.start and s.end <= start for s in self.seg.sections
        )

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
def _doc_types() -> list[dict[str, Any]]:
    try:
        return patterns.table("doc_types")
    except FileNotFoundError:  # table written by the citations stage
        return []


def expand_abbreviations(s: str) -> str:
    for entry in lexicon("abbr"):
        for abbr in sorted(entry["abbr"], key=len, reverse=True):
            s = re.sub(rf"(?<![\wÀ-ỹ&]){re.escape(abbr)}(?![\wÀ-ỹ&])", entry["expansion"] + " ", s)
    return re.sub(r"[ \t]+", " ", s).strip()


def _is_upper_line(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) / len(letters) >= _UPPER_RATIO


def _iso(y: Any, m: Any, d: Any) -> str | None:
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


def _rejoin_groups(tokens: list[str]) -> list[list[int]]:
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
    """``s`` with crawl-split syllables rejoined (see :func:`_rejoin_groups`)."""
    tokens = s.split()
    return " ".join("".join(tokens[j] for j in g) for g in _rejoin_groups(tokens))


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
            from .citations import parse_number

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
    for m in rx("place_date").finditer(zone):
        found = _place_in(m)
        if found is None:
            continue
        place, p_start, p_end = found
        doc.ev("issued_place", p_start, p_end, "place_date")
        date = _iso(m.group("y"), m.group("m"), m.group("d"))
        if date:
            doc.ev("issued_date", p_start, m.end(), "place_date")
        elif m.group("d") is None or m.group("m") is None:
            doc.warnings.append("issued_date: blank or unreadable in the header")
        return place, date or _banner_date(doc)
    return None, _banner_date(doc)


def _place_in(m: re.Match[str]) -> tuple[str, int, int] | None:
    """The longest plausible place at the end of the match's place group, with its span.

    Flattened headers put the trích yếu or the number before the place ("… Luật DN 2014
    Hà Nội, ngày …"): the place is the longest plausible suffix. Syllables split by a
    crawl ("Qu ả ng Ngãi") are rejoined.
    """
    spans = [(w.start(), w.end()) for w in re.finditer(r"[^\s*#|]+", m.group("place"))]
    tokens = [m.group("place")[a:b] for a, b in spans]
    groups = _rejoin_groups(tokens)
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


def _plausible_place(place: str) -> bool:
    words = place.split()
    if not 1 <= len(words) <= 6 or place.lower().startswith(("ngày", "số", "kính")):
        return False
    for i, w in enumerate(words):
        if w[0].isdigit() and (i == 0 or words[i - 1].lower() not in ("quận", "phường")):
            return False
        if not (w[0].isupper() or w[0].isdigit() or w in ("trấn", "phố", "xã")):
            return False
    return True


def _banner_date(doc: Doc) -> str | None:
    m = rx("signing_banner").search(doc.t)
    if not m:
        return None
    date = _iso(m.group("y"), m.group("m"), m.group("d"))
    if date:
        doc.ev("issued_date", m.start(), m.end(), "signing_banner")
        doc.warnings.append("issued_date: taken from the digital-signature banner")
    return date


# ------------------------------------------------------------------ type and title


def _header_end(doc: Doc) -> int:
    zone_end = min(_HEADER_SPAN, doc.main_end)
    m = rx("preamble_start").search(doc.t, 0, zone_end)
    return m.start() if m else zone_end


def _type_word_line(doc: Doc) -> tuple[int, int, str] | None:
    """(start, end, code or '') of the line holding the type word ("KẾ HOẠCH")."""
    words = {
        re.sub(r"\s+", " ", e["word"]).casefold(): e.get("code", "") for e in _doc_types() if e.get("word")
    }
    end = _header_end(doc)
    for m in re.finditer(r"(?m)^[ \t#*|]*(?P<w>[^\n|]{2,40}?)[ \t*|:]*$", doc.t[:end]):
        word = re.sub(r"\s+", " ", m.group("w")).strip(" *#")
        if not _is_upper_line(word) or len(word.split()) > 4 or rx("national_motto").search(word):
            continue
        key = word.casefold()
        if key in words:
            return m.start("w"), m.end("w"), words[key]
        if not words and key in ("kế hoạch", "quyết định", "nghị quyết", "thông tư", "báo cáo", "tờ trình"):
            return m.start("w"), m.end("w"), ""
    return None


def extract_doc_type(doc: Doc, number_code: str | None) -> str | None:
    line = _type_word_line(doc)
    if line and line[2]:
        doc.ev("doc_type", line[0], line[1], "doc_type.title_word")
        return line[2]
    codes = {e.get("code"): e for e in _doc_types() if e.get("code")}
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
    heading = _first_heading(doc)
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
        if not _is_upper_line(body) or len(body.split()) < 3:
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
    s = clean(_respell(s)) or ""
    if patterns.regex("body", "signer_position").match(s):
        return True
    low = s.casefold()
    return any(
        low.startswith(e["canonical"].casefold() + " ") or low == e["canonical"].casefold()
        for e in lexicon("head")
        if len(e["canonical"].split()) > 1
    )


def extract_title(doc: Doc) -> str | None:
    t = doc.t
    line = _type_word_line(doc)
    if line is None:
        subject = rx("subject_line").search(t[: min(_HEADER_SPAN, doc.main_end)])
        if subject:
            text = _subject_text(subject.group("subject"))
            doc.ev(
                "title", subject.start("subject"), subject.start("subject") + len(text), "title.subject_line"
            )
            return clean(text)
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
    stop = _header_end(doc)
    pos, first, last, lines = line[1], None, None, []
    for m in re.finditer(r"[^\n]*\n?", t[pos:stop]):
        raw = m.group().rstrip("\n")
        s, e = pos + m.start(), pos + m.start() + len(raw)
        body = clean(raw)
        if not m.group():
            break
        if body is None or re.fullmatch(r"[-_=.…\s]+", body or ""):
            if lines and body is None:
                nxt = re.search(r"\S", t[e:stop])
                if not nxt or not t[e + nxt.start()].islower():
                    break
            continue
        if re.match(r"\(Ban hành|\(Kèm theo", body) or (lines and len(lines) >= 6):
            break
        if lines and _is_upper_line(body) and not _is_upper_line(lines[-1]):
            break  # "ỦY BAN NHÂN DÂN ..." repeated before a decision's preamble
        first = s if first is None else first
        last = e
        lines.append(body)
    if not lines:
        return None
    doc.ev("title", first, last, "title.after_type_word")
    value = " ".join(lines)
    return clean(value)


# ------------------------------------------------------------------ issuer


def _header_issuer_raw(doc: Doc) -> tuple[str, int, int] | None:
    """Upper-case unit lines just before the national motto, with their span."""
    t = doc.t
    motto = rx("national_motto").search(t, 0, min(_HEADER_SPAN, doc.main_end))
    if not motto:
        return None
    lo = max(0, motto.start() - 400)
    chunk = t[lo : motto.start()]
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
        if not body:
            continue
        if not _is_upper_line(body) or rx("own_number").search(body):
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
    heads = [
        e["canonical"].casefold()
        for e in lexicon("head")
        if e["canonical"] not in ("Hội", "Đài", "Bộ", "Ban")
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
        ):
            best = max(best, s)
    return name[best:].strip()


def _respell(s: str) -> str:
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


def _case_words(words: list[str]) -> str:
    out: list[str] = []
    cap_next = True
    for w in words:
        out.append(w[:1].upper() + w[1:].lower() if cap_next else w.lower())
        cap_next = w in ("-", ",", "–") or w.endswith(",") or w.lower() == "và"
    return " ".join(out)


def format_unit(raw: str, context: str = "") -> tuple[str, str | None, Any]:
    """(display name, level, resolved admin unit) for a unit name in any case."""
    name = _split_units(expand_abbreviations(_respell(rejoin_split_letters(raw))))
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
        display = _case_words(display.split()) if _is_upper_line(display) else display
    for entry in lexicon("canonical"):
        c = entry["canonical"]
        if display.casefold().startswith(c.casefold()):
            display = c + display[len(c) :]
    level = head_level
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
        pre_end = min(len(t), doc.main_end, _first_heading(doc) or len(t))
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
    if unit is None and _needs_locality(name):
        unit, name, level = _complete_locality(doc, name, level, place, context)
    doc.ev("issuer.name", start, end, rule)
    issuer = Issuer(name=name, level=level)
    if unit is not None:
        issuer.admin_code, issuer.admin_path = unit.code, list(unit.path)
    return issuer


def _first_heading(doc: Doc) -> int | None:
    m = rx("heading_line").search(doc.t)
    return m.start() if m else None


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
