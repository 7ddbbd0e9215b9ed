"""Recipients of a document (the Nơi nhận list). Helper of :mod:`pipeline.extract`.

One entry per item as written: bullets, or items of a list a crawl flattened onto one line
("- Như trên; - UBND các huyện; …"), also when a text layer or OCR wrapped that line again
(blank lines between its paragraphs included). Beside a two-column signature, the part of
an item that belongs to the signature column is cut off, and capital lines of the signature
that OCR read between two paragraphs of a flattened list are skipped.

Readings of the signature column shared with :mod:`pipeline.fields_signer`: the part of a
list item that belongs to it (:func:`signature_side`), and, for a joint document signed by
two bodies side by side, the lead body's column (:func:`lead_signature_column`).
"""

from __future__ import annotations

import bisect
import re

from .fields_common import (
    Doc,
    body_rx,
    clean,
    folded_positions,
    is_caps,
    recipients_start,
    rx,
    signature_start,
)
from .issuer_header import _words, header_issuer_lines  # _words: accent-folded words, a match key

_WRAP = 60  # a signature row this long may have been hard-wrapped (messy text)

# ------------------------------------------------------------------ recipients


def _list_line(line: str) -> bool:
    """A line of the Nơi nhận list: it starts with a bullet or holds an item boundary of a
    flattened list ("Chuyền; (để b/c); - Thứ trưởng …")."""
    return bool(body_rx("recipient_bullet").match(line) or body_rx("recipient_inline_bullet").search(line))


def _bullet_run_end(t: str, lo: int, hi: int) -> int:
    """End of the last list line of the Nơi nhận list; capital signature lines in between
    (a two-column scan) do not end it."""
    run_end, first = lo, True
    for line in re.finditer(r"[^\n]*", t[lo:hi]):
        text = line.group().strip(" \t|")
        if not text:
            continue
        if _list_line(line.group()):
            run_end = lo + line.end()
        elif not first and not is_caps(text) and not _signature_line(text) and not text.endswith(";"):
            break  # (a line ending in ";" is the wrapped end of an item: "Hà Nội (để b/c);")
        first = False
    return run_end


def _signature_line(text: str) -> bool:
    """A line of the signature column that is not in capitals: the "(Đã ký)" stand-in or
    the signer's name (a DOCX table row "- Sở A; | Trần Thị B" split into its cells)."""
    return bool(body_rx("signed_marker").fullmatch(text) or body_rx("signer_name_line").match(text))


def _signature_tail(item: str) -> tuple[int, int] | None:
    """The span of the signature column's text in a bullet item of a two-column closing
    block (OCR, a text layer, a side-by-side .txt), or None:

    * after the last ";" when what follows is signature text ("…; KT. THỦ TƯỚNG",
      "…; (Đã ký)", "…; Đã ký", "…; Đỗ Văn Ước"); a bullet there ("…; - Các") starts the
      next item, wrapped, not the signature;
    * otherwise :func:`signature_side`.
    """
    semi = item.rfind(";")
    if semi != -1 and not body_rx("recipient_bullet").match(item[semi + 1 :]):
        rest = item[semi + 1 :].strip()
        side = None if rest else signature_side(item[:semi])
        if side is not None:
            return side  # the capitals sit inside the item: "- Sở A Q. CHỦ TỊCH Hà Nội;"
        if (
            not rest
            or body_rx("signature_noise").match(rest)
            or body_rx("signer_authority").match(rest)
            or body_rx("signer_position").match(rest)
            or any(m.start() == 0 for m in folded_positions(rest))  # OCR without accents: "PHO CHU TICH"
            or _signature_line(rest)
        ):
            return semi + 1, len(item)
    return signature_side(item)


def signature_side(item: str) -> tuple[int, int] | None:
    """The span of the signature column's text inside a list item that no ";" ends before it:

    * an authority or position in capitals (also one read without its accents, "PHO CHU
      TICH") after the item's own words in lower case, with the capitals that follow it,
      and a name or "Đã ký" after them up to the end ("- Sở Nông nghiệp và Môi trường Q.
      CHỦ TỊCH"); lower-case words after the capitals are the item going on, joined by a
      wrap ("… Q. CHỦ TỊCH Hà Nội (để b/c);");
    * a name after the last ". " ("- Lưu: VT, NVY. Lê Đức Thịnh").
    """
    folded = folded_positions(item)  # a position read without its accents ("PHO CHU TICH")
    for m in (body_rx("signer_authority").search(item), body_rx("signer_position").search(item), *folded[:1]):
        if m and m.start() > 0 and re.search(r"[a-zđà-ỹ]", item[: m.start()]):
            end = m.start()
            for w in re.finditer(r"\S+", item[m.start() :]):
                if not is_caps(w.group()):
                    break
                end = m.start() + w.end()
            tail = item[end:].strip()
            return (m.start(), len(item)) if not tail or _signature_line(tail) else (m.start(), end)
    dot = item.rfind(". ")
    if dot != -1 and body_rx("signer_name_line").match(item[dot + 1 :].strip()):
        return dot + 1, len(item)
    return None


def extract_recipients(doc: Doc) -> list[str]:
    m = recipients_start(doc)
    if not m:
        return []
    t = doc.t
    hard_end = min(doc.main_end, m.end() + 3000)
    sig = signature_start(doc)
    end = sig if sig is not None and sig > m.end() else hard_end
    two_column = False
    if sig is not None and sig > m.end():
        run_end = _bullet_run_end(t, m.end(), hard_end)
        if run_end > sig:  # bullets go on beside / below the signature
            end, two_column = run_end, True
    zone_start = m.end()
    zone, closed = _skip_signature_lines(t[zone_start:end]) if two_column else (t[zone_start:end], set())
    view = t[:zone_start] + zone + t[end:]  # same offsets as ``t``
    items: list[tuple[int, int]] = []
    found = list(body_rx("recipient_bullet").finditer(zone))
    if found and len(found) >= 2 or (found and "\n" in zone.strip()):
        for s, e in _bullet_items(zone, closed):
            items.extend(_split_flat(zone[s:e], zone_start + s))
    else:  # flattened: "Nơi nhận: - Như trên; - UBND tỉnh Hà Tĩnh; - Lưu: VT."
        line = zone.split("\n\n")[0]
        for part in re.finditer(r"(?:^|\s)[-·•]\s+(?P<item>.+?)(?=(?<=[;,.)])\s[-·•]\s|$|\|)", line):
            items.append((zone_start + part.start("item"), zone_start + part.end("item")))
    out: list[str] = []
    for s, e in items:
        while s < e and t[s] in "-·•+*–—~¬ \t":
            s += 1
        value = clean(re.sub(r"\s*\|.*$", "", view[s:e]))
        if not value:
            continue
        value = value.rstrip(" ;,.")
        if not value or rx("recipient_archive").match(value):
            continue
        doc.ev(f"recipients[{len(out)}]", s, s + len(t[s:e].split("|")[0]), "recipients")
        out.append(value)
    return out


def _skip_signature_lines(zone: str) -> tuple[str, set[int]]:
    """``zone`` with the signature column blanked (same length), and the starts of the lines
    whose item ended where the signature column starts.

    Beside a two-column signature the Nơi nhận lines carry the signature's text: the tail of
    a bullet line (:func:`_signature_tail`), and lines of their own — the "(Đã ký)"
    stand-in or the signer's name after a finished item (a DOCX table row split into its
    cells), and a capital line OCR read between two paragraphs of a flattened list ("…; (để
    _" / "TL. BỘ TRƯỞNG CỤC TRƯỞNG …" / "b/c); - Tổng cục …"), blanked when the next
    non-blank line goes on with that list (no bullet at its start, an item boundary inside).
    """
    lines = zone.split("\n")
    out = list(lines)
    closed: set[int] = set()
    offset, last_item = 0, ""
    for i, line in enumerate(lines):
        text = line.strip(" \t|")
        b = body_rx("recipient_bullet").match(line)
        if b:
            cut = _signature_tail(b.group("item"))
            if cut is not None:
                lo, hi = b.start("item") + cut[0], b.start("item") + cut[1]
                out[i] = line[:lo] + " " * (hi - lo) + line[hi:]
                kept = out[i].strip(" \t|-·•+*–—~¬")
                if not kept or (hi >= len(line.rstrip()) and kept.endswith((";", "."))):
                    closed.add(offset)
            last_item = out[i].strip()
        elif text and is_caps(text):
            nxt = next((x for x in lines[i + 1 :] if x.strip(" \t|") and not is_caps(x.strip(" \t|"))), "")
            if not body_rx("recipient_bullet").match(nxt) and body_rx("recipient_inline_bullet").search(nxt):
                out[i] = " " * len(line)
        elif text and (
            body_rx("signed_marker").fullmatch(text)
            or (body_rx("signer_name_line").match(text) and last_item.endswith((";", ".")))
        ):
            out[i] = " " * len(line)
        elif text:
            last_item = text
        offset += len(line) + 1
    return "\n".join(out), closed


def _bullet_items(zone: str, closed: set[int]) -> list[tuple[int, int]]:
    """Spans (in ``zone``) of the bullet items, each with its wrapped continuation lines.

    A line that starts with a bullet starts an item; a line that does not is the wrapped
    rest of the item above ("- Bộ Lao động -" / "TB và XH; (báo cáo)", a hard wrap or a
    PDF text layer), unless it is in capitals (the signature column of a two-column scan),
    follows a blank line after a finished item (but a line that goes on with a flattened
    list, "(để báo cáo) - Ban …", is never a new paragraph), or the item was finished where
    the signature column starts (its line is in ``closed``).
    """
    bullet = body_rx("recipient_bullet")
    spans: list[list[int]] = []  # [start, end, open]
    prev_end = 0
    for line in re.finditer(r"[^\n]+", zone):
        text = line.group().strip(" \t|")
        if not text:
            continue
        b = bullet.match(line.group())
        if b:
            start = line.start() + b.start("item")
            end = line.start() + len(line.group().rstrip())
            spans.append([start, max(start, end), line.start() not in closed])
        elif spans and spans[-1][2] and not is_caps(text):
            gap = zone.count("\n", prev_end, line.start())
            finished = zone[spans[-1][0] : spans[-1][1]].rstrip().endswith((".", ";"))
            if gap > 1 and finished and not body_rx("recipient_inline_bullet").search(text):
                spans[-1][2] = False
            else:
                spans[-1][1] = line.end()
        elif spans:
            spans[-1][2] = False
        prev_end = line.end()
    return [(s, e) for s, e, _open in spans]


def _split_flat(item: str, offset: int) -> list[tuple[int, int]]:
    """A bullet line that holds several flattened items " - a; - b" → their spans."""
    parts, pos = [], 0
    for m in body_rx("recipient_inline_bullet").finditer(item):
        parts.append((offset + pos, offset + m.start()))
        pos = m.end()
    parts.append((offset + pos, offset + len(item)))
    return parts


# ------------------------------------------------------------------ joint documents


def signature_main_end(doc: Doc) -> int:
    """End of the document proper for the signature: the first annex that starts a line (an
    "annex" opened in the middle of a line is the right half of a collapsed joint signature
    row, "TM. BAN THƯỜNG VỤ HỘI … KT. GIÁM ĐỐC SỞ Y TẾ")."""
    t = doc.t
    starts = [s.start for s in (doc.seg.sections if doc.seg else []) if s.kind == "annex"]
    return min((s for s in starts if s == 0 or t[s - 1] == "\n"), default=len(t))


def lead_signature_column(doc: Doc, start: int, stop: int) -> str:
    """The text with the signature column of a joint document's other body blanked out.

    Two bodies sign side by side ("TM. BAN THƯỜNG VỤ HỘI KHUYẾN HỌC      KT. TRƯỞNG PHÒNG",
    names "Trần Văn Lực      Hà Thị Minh Nguyệt"); normalizing collapsed the gap, the
    original line still has it. The signer is the lead body's, the one named first in the
    header ("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO - HỘI KHUYẾN HỌC HUYỆN …"): the column whose words
    name it (or its head word, "TRƯỞNG PHÒNG"), else the left one. Offsets are kept."""
    t, src = doc.t, doc.text.src
    orig = doc.original if doc.original is not None else doc.text.PAGE_SEP.join(doc.text.originals)
    cols: list[list[tuple[int, int]]] = [[], []]
    right_x, wrapped = None, False
    pos = start
    while pos < stop:
        le = t.find("\n", pos, stop)
        le = stop if le == -1 else le
        if le > pos and t[pos:le].strip():
            o_s, o_e = src[pos], src[le - 1] + 1
            o_line = orig.rfind("\n", 0, o_s) + 1
            gaps = [
                g for g in re.finditer(r"[ \t]{3,}|\t", orig[o_s:o_e]) if orig[o_s : o_s + g.start()].strip()
            ]
            if right_x is None:  # the first line: two authorities, a wide gap between
                mark = body_rx("signer_mark")
                if len(gaps) != 1 or not (
                    mark.match(orig[o_s:o_e]) and mark.match(orig[o_s + gaps[0].end() : o_e])
                ):
                    return t
                right_x = o_s + gaps[0].end() - o_line
            x = o_s - o_line
            if gaps:
                cut = bisect.bisect_left(src, o_s + gaps[-1].end(), pos, le)
                cols[0].append((pos, cut))
                cols[1].append((cut, le))
            elif x == 0 and wrapped:  # the hard-wrapped tail of the row above ("SỞ Y" / "TẾ")
                cols[1].append((pos, le))
            else:  # one column's line alone: its indentation says which
                cols[x >= right_x - 4].append((pos, le))
            wrapped = bool(gaps) and o_e - o_line >= _WRAP
        pos = le + 1
    lead = _lead_index([" ".join(t[a:b] for a, b in c) for c in cols], header_issuer_lines(doc))
    chars = list(t)
    for a, b in cols[1 - lead]:
        chars[a:b] = [" "] * (b - a)
    return "".join(chars)


def _lead_index(columns: list[str], header: tuple[str, int, int] | None) -> int:
    """0 or 1: the column that names the first body of the header best against the others."""
    bodies = re.split(r"\s+[-–]\s+", header[0]) if header else []
    if len(bodies) < 2:
        return 0

    def named(col: str, body: str) -> int:  # how many leading words of ``body`` ``col`` writes
        cw, bw = _words(col), _words(body)
        k = 0
        while k < len(bw) and any(cw[i : i + k + 1] == bw[: k + 1] for i in range(len(cw))):
            k += 1
        return k

    score = [named(c, bodies[0]) - max(named(c, b) for b in bodies[1:]) for c in columns]
    return 1 if score[1] > score[0] else 0
