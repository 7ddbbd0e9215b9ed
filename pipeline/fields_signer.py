"""Signer of a document (the signature block). Helper of :mod:`pipeline.extract`.

The signature block is read as a column of capitals ending at the signer's name::

    TM. ỦY BAN NHÂN DÂN          ← authority lines (TM./KT./TL./TUQ.), all kept, in order
    KT. CHỦ TỊCH
    PHÓ CHỦ TỊCH                 ← the signer's own position (+ the unit it heads, if written)
    Nguyễn Văn A                 ← the name

Flattened crawls put it on one line; two-column OCR interleaves it with the Nơi nhận
bullets ("- Ban Bí thư Trung ương Đảng; KT. THỦ TƯỚNG"), so of a bullet line only the
part after its last ";" belongs to the signature column.
"""

from __future__ import annotations

import re
import unicodedata

from . import patterns
from .fields_common import Doc, body_rx, is_caps, lexicon, recipients_start, rx, signature_start

# one reading of the signature column for both; a joint document's lead column (fields_recipients)
from .fields_recipients import lead_signature_column, signature_main_end, signature_side
from .records import Signer

_BLOCK = 400  # a signature block is at most this long…
_COLUMN = 1500  # …unless it runs beside the recipients' bullets
_VOWELS = r"[aăâeêioôơuưyà-ỹ]"  # a crawl fragment ("Đặ ng") is consonants only
_UNIT_HEADS = ("tổng cục", "chi cục", "trung tâm", "văn phòng", "vụ", "cục", "sở", "viện", "ban", "phòng")


# ------------------------------------------------------------------ the block as a column


def _column(t: str, start: int, stop: int) -> list[tuple[int, int]]:
    """Spans of signature text from ``start``: table cells / lines; of a line of the
    recipients (a bullet line, a line of a flattened list "b/c); - Tổng cục …", or the
    wrapped end of an item, "Hà Nội (để b/c);") only what follows its last ";" (the
    right-hand column of a two-column scan), nothing when that is itself a bullet item
    ("…; - Lưu: VT."); with no ";" before it, the side column that starts at a capital
    authority / position or a name after the item ("- Sở A Q. CHỦ TỊCH", "- Lưu: VT.
    Lê Đức Thịnh")."""
    out: list[tuple[int, int]] = []
    plain = 0
    pos = start
    bullet, inline = body_rx("recipient_bullet"), body_rx("recipient_inline_bullet")
    while pos < stop:
        nl = t.find("\n", pos, stop)
        le = stop if nl == -1 else nl
        line = t[pos:le]
        if pos > start and (bullet.match(line) or inline.search(line) or line.rstrip().endswith(";")):
            semi = line.rfind(";")
            b = bullet.match(line)
            side = signature_side(b.group("item").rstrip().rstrip(";")) if b else None
            if semi != -1 and line[semi + 1 :].strip() and not bullet.match(line[semi + 1 :]):
                out.append((pos + semi + 1, le))
            elif side is not None and b:
                out.append((pos + b.start("item") + side[0], pos + b.start("item") + side[1]))
        else:
            plain += le - pos
            for cell in re.finditer(r"[^|]+", line):
                out.append((pos + cell.start(), pos + cell.end()))
        if plain > _BLOCK:
            break
        pos = le + 1
    return out


def _tokens(t: str, spans: list[tuple[int, int]]) -> list[tuple[str, int, int, int]]:
    """Words (markdown marks and <br> dropped) with their offsets and span index."""
    out = []
    for k, (s, e) in enumerate(spans):
        text = re.sub(r"<br\s*/?>", lambda b: " " * len(b.group()), t[s:e], flags=re.IGNORECASE)
        text = body_rx("signed_marker").sub(lambda b: " " * len(b.group()), text)
        for m in re.finditer(r"[^\s*#]+", text):
            word = m.group()
            if not is_caps(word):  # "Dũng." → "Dũng"; "KT." keeps its dot
                word = word.rstrip(".,;:!")
            if word:
                out.append((word, s + m.start(), s + m.start() + len(word), k))
    return out


def _span_text(toks: list[tuple[str, int, int, int]], k: int) -> str:
    return " ".join(w for w, _s, _e, j in toks if j == k)


def _is_noise(s: str) -> bool:
    """OCR dirt of the signature column ("Ga „"); a lone "KT." is not."""
    return bool(body_rx("signature_noise").match(s)) and not body_rx("signer_mark").match(s)


def _find_name(
    toks: list[tuple[str, int, int, int]], after: int, every: list[tuple[str, int, int, int]]
) -> tuple[int, int, str, int] | None:
    """First run of 2–6 capitalised words after token ``after`` (crawl fragments such as
    "Đặ ng" joined): (start, end, name, index of its first token). ``every`` holds the
    tokens before OCR dirt was dropped: a wrapped last name ("Lâm") is short like dirt."""
    word = body_rx("person_name_word")
    i = after
    while i < len(toks):
        w, s, e, k = toks[i]
        if not word.match(w) or is_caps(w) and len(w) > 1:
            i += 1
            continue
        parts, j, end = [w], i + 1, e
        while j < len(toks) and toks[j][3] == k:
            nxt = toks[j][0]
            if word.match(nxt) and not (is_caps(nxt) and len(nxt) > 1):
                parts.append(nxt)
            elif _middle_initial(toks, j):
                parts.append(nxt)  # "Vũ T. Minh Ngọc"
            elif (
                nxt.isalpha()
                and nxt.islower()
                and not re.search(_VOWELS, nxt)
                and (j + 1 >= len(toks) or toks[j + 1][3] != k or word.match(toks[j + 1][0]))
            ):
                parts[-1] += nxt  # crawl spacing inside a syllable
            else:
                break
            end = toks[j][2]
            j += 1
        ends_span = j >= len(toks) or toks[j][3] != k
        tail = _name_tail(every, k) if ends_span and len(parts) <= 3 else []
        if tail:  # "Nguyễn Sinh" / "Hùng": the name wrapped in a narrow signature cell
            parts += [w for w, *_ in tail]
            end = tail[-1][2]
        if 2 <= len(parts) <= 6:
            return s, end, " ".join(parts), i
        i = j
    return None


def _middle_initial(toks: list[tuple[str, int, int, int]], j: int) -> bool:
    """Token ``j`` is a middle name's initial ("T." in "Nguyễn T. Hồng Nhung"): followed,
    on the same line, by a name word in lower case."""
    if not rx("name_middle_initial").match(toks[j][0]) or j + 1 >= len(toks) or toks[j + 1][3] != toks[j][3]:
        return False
    nxt = toks[j + 1][0]
    return bool(body_rx("person_name_word").match(nxt)) and not is_caps(nxt)


def _name_initial(toks: list[tuple[str, int, int, int]], i: int) -> bool:
    """Token ``i`` is the lone capital a name starts with ("Y Thuận Niê"), not a capital of
    the position: the next token, on the same line, is a name word in lower case."""
    if not body_rx("name_initial").match(toks[i][0]) or i + 1 >= len(toks) or toks[i + 1][3] != toks[i][3]:
        return False
    nxt = toks[i + 1][0]
    return bool(body_rx("person_name_word").match(nxt)) and not is_caps(nxt)


def _name_tail(every: list[tuple[str, int, int, int]], k: int) -> list[tuple[str, int, int, int]]:
    """The last word(s) of a name wrapped onto their own line: the tokens of span ``k + 1``
    when that whole span is one or two capitalised words."""
    nxt = [x for x in every if x[3] == k + 1]
    line = " ".join(w for w, *_ in nxt)
    return nxt if nxt and patterns.regex("segment", "name_tail").match(line) else []


# ------------------------------------------------------------------ signer


def extract_signer(doc: Doc) -> Signer:
    start = signature_start(doc)
    if start is None:
        return Signer()
    start = _slash_authority_above(doc.t, start)
    stop = min(signature_main_end(doc), start + _COLUMN)
    t = lead_signature_column(doc, start, stop)
    every = _repair_positions(_tokens(t, _column(t, start, stop)))
    # the caps column: tokens up to the first that is not in capitals
    toks = [x for x in every if not _is_noise(_span_text(every, x[3]))]
    first_pos = None
    caps_end = len(toks)
    for i, (w, *_rest) in enumerate(toks):
        if not is_caps(w) or _name_initial(toks, i):
            caps_end = i
            break
    caps_text = _caps_text(toks[:caps_end])
    after = _past_rank(toks, caps_end)
    for m in list(body_rx("signer_authority").finditer(caps_text)) + list(
        body_rx("signer_position").finditer(caps_text)
    ):
        first_pos = m.start() if first_pos is None else min(first_pos, m.start())
    signer = Signer()
    # the name comes after a position or authority
    name = _find_name(toks, after, every) if first_pos is not None else None
    if name and name[3] == after:
        lead = _caps_text([x for x in toks[: name[3]] if is_caps(x[0])])
        if body_rx("signer_authority").search(lead) or body_rx("signer_position").search(lead):
            caps_text = lead
            signer.name = name[2]
            doc.ev("signer.name", name[0], name[1], "signer.name")
    title, authority = _parse_caps(caps_text)
    bare_end = title is not None and _bare_closing(doc, start, toks, caps_end)
    if (
        not signer.name
        and not authority
        and not (title and _unread_name(doc, start, toks, caps_end))
        and not bare_end
    ):
        return Signer()  # a bare position in capitals ("THỦ TƯỚNG CHÍNH PHỦ" enacting line)
    block_end = name[1] if signer.name and name else (toks[caps_end - 1][2] if caps_end else start)
    if title:
        signer.title = title[0]
        _ev_in(doc, "signer.title", start, block_end, title[1])
    if authority:
        signer.authority = authority[0]
        _ev_in(doc, "signer.authority", start, block_end, authority[1])
    return signer


def _slash_authority_above(t: str, start: int) -> int:
    """The start of an authority line written with a slash ("T/M BAN THƯỜNG VỤ" / "PHÓ BÍ
    THƯ") right above the position the block was found at, else ``start``."""
    line_start = t.rfind("\n", 0, start) + 1
    prev_end = len(t[:line_start].rstrip())
    prev_start = t.rfind("\n", 0, prev_end) + 1
    prev = t[prev_start:prev_end]
    beside = bool(t[line_start:start].strip(" \t*#|"))
    # beside the Nơi nhận list: "Nơi nhận: T/M BAN THƯỜNG VỤ" / "- Ban …, PHÓ BÍ THƯ"
    if beside and not t[line_start:start].rstrip().endswith(","):
        return start
    words = list(re.finditer(r"\S+", prev))
    for i, w in enumerate(words):
        opens = i == 0 or not beside or words[i - 1].group().endswith(":")
        if opens and rx("slash_authority").match(w.group()) and is_caps(prev[w.start() :]):
            return prev_start + w.start()
    return start


def _past_rank(toks: list[tuple[str, int, int, int]], i: int) -> int:
    """Index of the first name token when the name at ``i`` opens with a military / police
    rank on its line ("Thượng tá Lê Văn Hùng"), else ``i``."""
    same_line = i + 2 < len(toks) and toks[i][3] == toks[i + 1][3] == toks[i + 2][3]
    if same_line and rx("signer_rank").match(f"{toks[i][0]} {toks[i + 1][0]}"):
        return i + 2
    return i


def _bare_closing(doc: Doc, start: int, toks: list[tuple[str, int, int, int]], caps_end: int) -> bool:
    """A bare position below the Nơi nhận list with nothing after it in the column (an
    unsigned draft, "GIÁM ĐỐC" ending the file): the signer's title, the name unwritten."""
    rec = recipients_start(doc)
    return rec is not None and start > rec.end() and caps_end >= len(toks)


def _unread_name(doc: Doc, start: int, toks: list[tuple[str, int, int, int]], caps_end: int) -> bool:
    """A bare position below the Nơi nhận list, followed on its line by a name OCR misread
    ("THỦ TƯỚNG Nguyễn gần Dùng"): 2–6 words, the first and last capitalised. The position
    is the signer's title; the name is left unread."""
    rec = recipients_start(doc)
    if rec is None or start < rec.end() or caps_end >= len(toks):
        return False
    k = toks[caps_end][3]
    words = [w for w, _s, _e, j in toks[caps_end:] if j == k]
    word = body_rx("person_name_word")
    return (
        2 <= len(words) <= 6
        and all(w.isalpha() for w in words)
        and bool(word.match(words[0]) and word.match(words[-1]))
    )


def _repair_positions(toks: list[tuple[str, int, int, int]]) -> list[tuple[str, int, int, int]]:
    """OCR misreadings of a position word in the signature's capitals: "BỘ TRƯỜNG" (read
    after one of the entry's ``after`` words), "PHO CHỦ TỊCH" (read before one of its
    ``before`` words)."""
    fixes = [e for e in patterns.table("body") if e.get("kind") == "ocr_position"]
    out = list(toks)
    for i in range(len(out)):
        w, s, e, k = out[i]
        slash = rx("slash_authority").match(w)
        if slash:  # "T/M" → "TM."
            out[i] = (f"{slash.group('a')}{slash.group('b')}.", s, e, k)
            continue
        prev = out[i - 1][0] if i else None
        nxt = toks[i + 1][0] if i + 1 < len(toks) else None
        for fix in fixes:
            if w == fix["written"] and (prev in fix["after"] or nxt in fix.get("before", ())):
                out[i] = (fix["canonical"], s, e, k)
    return _refold_positions(out)


def _fold(s: str) -> str:
    """Accent-folded upper-case key ("ĐỌC" → "DOC"): a secondary match key only."""
    s = s.upper().replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))


def _folded_positions() -> dict[tuple[str, ...], list[str]]:
    """Folded word tuples of every position / collective of the lexicon (and its "PHÓ …"
    deputy) → the canonical words in capitals."""
    out: dict[tuple[str, ...], list[str]] = {}
    for entry in lexicon("position"):
        words = entry["canonical"].upper().split()
        for form in (words, ["PHÓ", *words]):
            out.setdefault(tuple(_fold(w) for w in form), form)
    return out


def _refold_positions(toks: list[tuple[str, int, int, int]]) -> list[tuple[str, int, int, int]]:
    """Capital words of the signature column whose diacritics OCR dropped ("KT. GIÁM ĐÔC" /
    "PHO GIAM ĐỌC"): a run of capital words on one line that, accent-folded, spells a
    position of the lexicon is given that position's canonical spelling. Only runs of two or
    more words, so a lone "TRUONG" (school or head) is never guessed."""
    table = _folded_positions()
    longest = max((len(k) for k in table), default=0)
    out = list(toks)
    i = 0
    while i < len(out):
        for n in range(min(longest, len(out) - i), 1, -1):
            run = out[i : i + n]
            if len({x[3] for x in run}) > 1 or not all(is_caps(x[0]) and x[0].isalpha() for x in run):
                continue
            canon = table.get(tuple(_fold(x[0]) for x in run))
            if canon is None:
                continue
            if [x[0].replace("UỶ", "ỦY") for x in run] != canon:
                out[i : i + n] = [(c, x[1], x[2], x[3]) for c, x in zip(canon, run, strict=True)]
            i += n - 1
            break
        i += 1
    return out


def _caps_text(toks: list[tuple[str, int, int, int]]) -> str:
    """Capital tokens joined by spaces, a newline where the line / cell changes.

    A line that starts with neither an authority mark (KT./TM.) nor a position is the
    wrapped rest of the line above ("TM. UỶ BAN NHÂN DÂN" / "TỈNH CHỦ TỊCH"): a space.
    """
    out, last = [], None
    for i, (w, _s, _e, k) in enumerate(toks):
        if last is not None and k != last:
            rest = " ".join(x[0] for x in toks[i : i + 4] if x[3] == k)
            stacked = body_rx("signer_authority").match(rest) or body_rx("signer_position").match(rest)
            out.append("\n" if stacked else " ")
        elif last is not None:
            out.append(" ")
        out.append(w)
        last = k
    return "".join(out)


def _parse_caps(caps: str) -> tuple[tuple[str, str] | None, tuple[str, str] | None]:
    """(title, its raw text), (authority, its raw text) of the capital lines."""
    marks = list(body_rx("signer_authority").finditer(caps))
    positions = _positions(caps)
    governed = [p for p in positions if any(re.fullmatch(r"\s*", caps[m.end() : p[0]]) for m in marks)]
    free = [p for p in positions if p not in governed and (not marks or p[0] > marks[-1].start())]
    title = None
    title_start = len(caps)
    if free:
        s, e = free[-1]
        unit = _unit(caps, e, len(caps))
        raw = caps[s : unit[1] if unit else e]
        title = (_case_title(caps[s:e], caps[unit[0] : unit[1]] if unit else None), raw)
        title_start = s
    parts, raws = [], []
    for i, m in enumerate(marks):
        hi = marks[i + 1].start() if i + 1 < len(marks) else title_start
        hi = min(hi, title_start) if m.start() < title_start else hi
        if m.start() >= title_start:
            break
        gov = next(
            (p for p in governed if p[0] >= m.end() and re.fullmatch(r"\s*", caps[m.end() : p[0]])), None
        )
        if gov:
            unit = _unit(caps, gov[1], hi)
            body = _case_title(caps[gov[0] : gov[1]], caps[unit[0] : unit[1]] if unit else None)
            raw_end = unit[1] if unit else gov[1]
        else:  # "TM. ỦY BAN NHÂN DÂN": the collective, up to the line's end
            seg = caps[m.end() : hi]
            line = seg.split("\n")[0] if seg.split("\n")[0].strip() else seg.strip().split("\n")[0]
            body = _case_org(line)
            raw_end = m.end() + seg.find(line) + len(line) if line else m.end()
        if not body:
            continue
        parts.append(f"{m.group('auth')}. {body}")
        raws.append(caps[m.start() : raw_end])
    if title is None and parts and parts[-1].startswith("Q. "):
        # "Q. GIÁM ĐỐC" is the signer's own acting position (quyền), not a delegation
        title = ("Quyền " + parts.pop()[3:], raws.pop())
    authority = (" ".join(parts), " ".join(raws)) if parts else None
    return title, authority


def _positions(caps: str) -> list[tuple[int, int]]:
    """Position spans; "BỘ TRƯỞNG, CHỦ NHIỆM" (two joined by a comma) is one."""
    out: list[tuple[int, int]] = []
    for m in body_rx("signer_position").finditer(caps):
        if out and re.fullmatch(r"\s*,\s*", caps[out[-1][1] : m.start()]):
            out[-1] = (out[-1][0], m.end())
        else:
            out.append((m.start(), m.end()))
    return out


def _unit(caps: str, pos: int, hi: int) -> tuple[int, int] | None:
    """The unit written after a position on the same line, up to the next position."""
    line_end = caps.find("\n", pos)
    hi = min(hi, line_end) if line_end != -1 else hi
    m = body_rx("signer_unit").match(caps, pos, hi)
    if not m:
        return None
    end = m.end("unit")
    nxt = body_rx("signer_position").search(caps, m.start("unit") + 1, end)
    nxt_auth = body_rx("signer_authority").search(caps, m.start("unit") + 1, end)
    for n in (nxt, nxt_auth):
        if n and n.start() < end:
            end = n.start()
    s, e = m.start("unit"), end
    while e > s and caps[e - 1] in " ,.":
        e -= 1
    return (s, e) if e > s else None


def _case_title(position: str, unit: str | None) -> str:
    out = _case_position(position)
    return f"{out} {_case_unit(unit)}" if unit else out


def _case_unit(s: str) -> str:
    """ "VỤ KẾ HOẠCH - TÀI CHÍNH" → "Vụ Kế hoạch - Tài chính"."""
    low = re.sub(r"\s+", " ", s).strip().lower()
    head = next((h for h in _UNIT_HEADS if low.startswith(h + " ")), "")
    rest = low[len(head) :].strip()
    words = rest.split(" ")
    for i, w in enumerate(words):
        if i == 0 or words[i - 1] in ("-", "–", "và") or words[i - 1].endswith(","):
            words[i] = w[:1].upper() + w[1:]
    name = " ".join(words)
    return f"{head[:1].upper()}{head[1:]} {name}".strip()


def _case_org(s: str) -> str:
    return _case_position(s) if s.strip(" ,.") else ""


def _ev_in(doc: Doc, key: str, lo: int, hi: int, value: str) -> None:
    words = [re.escape(w) for w in value.split()]
    m = re.search(r"[^\w]*?".join(words), doc.t[lo:hi]) if words else None
    if m is None and words:  # a repaired OCR reading: match without accents
        folded = _fold_keep(doc.t[lo:hi])
        m = re.search(r"[^\w]*?".join(re.escape(_fold_keep(w)) for w in value.split()), folded)
    if m:
        doc.ev(key, lo + m.start(), lo + m.end(), key)


def _fold_keep(s: str) -> str:
    """Accent-folded copy of ``s`` with the same length (offsets stay valid)."""
    return "".join(unicodedata.normalize("NFD", c)[0] if c.isalpha() and c not in "đĐ" else c for c in s)


def _case_position(s: str) -> str:
    """ "PHÓ CHỦ TỊCH THƯỜNG TRỰC" → "Phó Chủ tịch Thường trực"."""
    s = re.sub(r"\s+", " ", s).strip(" ,.")
    low = s.casefold().replace("uỷ", "ủy")
    canon = {e["canonical"].casefold(): e["canonical"] for e in lexicon("position")}
    alternation = "|".join(re.escape(k) for k in sorted(canon, key=len, reverse=True))
    out = re.sub(rf"(?<![\wÀ-ỹ])(?:{alternation})(?![\wÀ-ỹ])", lambda m: canon[m.group()], low)
    return out[:1].upper() + out[1:]
