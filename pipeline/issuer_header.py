"""Where the issuer stands in a document's header: the upper-case unit lines before the
national (or Party / Youth Union) motto, in any layout — lines one under the other, table
cells "… | CỘNG HÒA …", the text layer of a PDF (issuer and motto on one line), or the OCR
column order (motto read first). Helper of :mod:`pipeline.fields_issuer`, which names the unit.
"""

from __future__ import annotations

import re
import unicodedata

from . import patterns
from .fields_common import (
    Doc,
    expand_abbreviations,
    is_upper_line,
    lexicon,
    rejoin_split_letters,
    respell,
    rx,
)
from .fields_header import _HEADER_SPAN

__all__ = ["header_issuer_lines"]


def header_issuer_lines(doc: Doc) -> tuple[str, int, int] | None:
    """Upper-case unit lines just before the national motto, with their span.

    When the header was read column by column (OCR of a scan) the issuer cell ends with
    its own "Số: …" line and comes before the motto cell, or after it: the upper-case
    lines just before the first own-number line are taken instead. When the issuer's first
    line shares its row with the motto ("UBND TỈNH … | CỘNG HÒA …"), the issuer-column
    part of the next rows, down to the "Số:" line, is the lower unit.
    """
    t = doc.t
    span = min(_HEADER_SPAN, doc.main_end)
    motto = rx("national_motto").search(t, 0, span)
    found = _issuer_lines_before(t, motto.start()) if motto else None
    if found and motto:
        found = _with_rows_below(t, found, motto.start(), span)
    if found is None:
        number = rx("own_number").search(t, 0, span)
        if number:
            line_start = t.rfind("\n", 0, number.start()) + 1
            found = _issuer_lines_before(t, line_start, skip_dates=True)
            if found and not _starts_with_head(found[0]):
                found = None  # OCR dirt of a stamp or a cut motto, not a unit name
    return found


def _is_motto(s: str) -> bool:
    return bool(rx("national_motto").search(s) or patterns.regex("agencies", "org_motto").search(s.strip()))


def _starts_with_head(raw: str, localities: bool = False) -> bool:
    """Whether ``raw`` starts with a unit-type word ("BỘ", "UBND", "SỞ" …) or a known name
    (or, with ``localities``, a locality word: "TỈNH NGHỆ AN" continuing "ỦY BAN NHÂN DÂN")."""
    low = expand_abbreviations(respell(rejoin_split_letters(raw))).casefold()
    names = [e["canonical"].casefold() for e in lexicon("head") + lexicon("canonical")]
    names += [e["word"] for e in lexicon("locality")] if localities else []
    return any(low.startswith(h) and (len(low) == len(h) or not low[len(h)].isalpha()) for h in names)


def _is_branch(raw: str) -> bool:
    """ "CHI NHÁNH TỈNH ĐẮK LẮK": a branch of the body above (``issuer_words.yaml``, kind branch)."""
    low = raw.casefold()
    return any(
        low.startswith(e["word"] + " ") for e in patterns.table("issuer_words") if e["kind"] == "branch"
    )


def _issuer_cell(raw: str, cut: bool) -> tuple[int, str]:
    """(offset, text) of the issuer cell of a table row: the last filled cell of a row cut
    at the motto, else the first filled cell that is not a motto."""
    cells = raw.split("|")
    filled = [i for i, c in enumerate(cells) if re.search(r"\w", c) and (cut or not _is_motto(c))]
    if not filled:
        return 0, ""
    k = filled[-1] if cut else filled[0]
    return sum(len(c) + 1 for c in cells[:k]), cells[k]


def _org_motto_cut(line: str) -> bool:
    """``line`` ends with a Party / Youth Union name whose last word was wrapped away."""
    org = patterns.regex("agencies", "org_motto").search(line)
    return org is not None and _words(org.group())[-1] in ("chi", "viet")


def _issuer_lines_before(t: str, stop: int, skip_dates: bool = False) -> tuple[str, int, int] | None:
    """Up to four upper-case unit lines ending just before offset ``stop`` (a "Số:" line,
    with ``skip_dates``, may have the right column's place and date line above it)."""
    lo = max(0, stop - 400)
    chunk = t[lo:stop]
    parts: list[tuple[int, int]] = []
    offset = lo + len(chunk)
    rows = chunk.split("\n")
    for i, raw in enumerate(reversed(rows)):
        above = rows[len(rows) - i - 2] if i + 1 < len(rows) else ""
        offset -= len(raw)
        cell_start = offset
        if "|" in raw:  # table cells
            shift, raw = _issuer_cell(raw, cut=i == 0)
            cell_start += shift
        org = patterns.regex("agencies", "org_motto").search(raw)
        if org:  # "ĐẢNG CỘNG SẢN VIỆT NAM": the right-hand column of a Party / Youth Union header
            raw = raw[: org.start()]
        body = re.sub(r"[-_]{2,}", " ", raw).strip(" \t*#|")
        offset -= 1  # the newline
        if not body or not re.search(r"[^\W\d_]{2}", body):  # blank or OCR specks
            continue
        if skip_dates and not parts and rx("place_date").search(body):
            continue
        if not parts and rx("own_number_cut").match(body):
            continue  # a blank draft's number split in two ("Số:" / "/TTr-TCKH"), under the unit
        if _words(body) == ["viet", "nam"] and _motto_cut(t):
            continue  # the end of "CỘNG HÒA … CHỦ NGHĨA / VIỆT NAM" read into the issuer column
        if _words(body) in (["minh"], ["nam"]) and _org_motto_cut(above):
            continue  # the end of "… ĐOÀN TNCS HỒ CHÍ" / "MINH" wrapped under the issuer
        if not is_upper_line(body) or rx("own_number").search(body) or _is_motto(body):
            break
        parts.append((cell_start, cell_start + len(raw)))
        if len(parts) >= 4:
            break
    return _joined(t, parts)


def _joined(t: str, parts: list[tuple[int, int]]) -> tuple[str, int, int] | None:
    if not parts:
        return None
    start, end = min(p[0] for p in parts), max(p[1] for p in parts)
    text = " ".join(re.sub(r"[-_]{2,}", " ", t[s:e]) for s, e in sorted(parts))
    return re.sub(r"\s+", " ", text).strip(" |*#"), start, end


def _with_rows_below(t: str, found: tuple[str, int, int], motto: int, span: int) -> tuple[str, int, int]:
    """``found`` with the issuer-column part of the rows under the motto's row, down to the
    "Số:" row ("SỞ … | Độc lập - Tự do …"). A plain upper-case line is kept only when the
    "Số:" row follows; a row holding a motto or table cells belongs to the header anyway."""
    parts: list[tuple[int, int, bool]] = []
    pos = t.find("\n", motto)
    numbered = False
    while 0 <= pos < span:
        nxt = t.find("\n", pos + 1)
        line_end = nxt if nxt != -1 else len(t)
        line, lstart = t[pos + 1 : line_end], pos + 1
        pos = nxt
        if rx("own_number").search(line):
            numbered = True
            break
        m = rx("national_motto").search(line)
        if m:
            frag, shift, column = line[: m.start()], 0, True
        elif "|" in line:
            (shift, frag), column = _issuer_cell(line, cut=False), True
        else:
            frag, shift, column = line, 0, False
        body = re.sub(r"[-_*]{2,}", " ", frag).strip(" \t*#|")
        if not re.search(r"[^\W\d_]{2}", body):
            continue
        if not is_upper_line(body) or _is_motto(body) or len(parts) >= 3:
            break
        if not parts and _completes_field(found[0], body):
            parts.append((lstart + shift, lstart + shift + len(frag), True))
            continue  # "SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN" / motto / "NÔNG THÔN" (OCR column order)
        if not parts and not (_starts_with_head(body, localities=True) or _is_branch(body)):
            break  # a title or a stamp, not a lower unit
        parts.append((lstart + shift, lstart + shift + len(frag), column))
    if not numbered:
        run = []
        for p in parts:
            if not p[2]:
                break
            run.append(p)
        parts = run
    if not parts:
        return found
    # the text found above (a skipped line inside its span stays out), then the rows below
    text = " ".join([found[0]] + [re.sub(r"[-_]{2,}", " ", t[s:e]) for s, e, _ in parts])
    return re.sub(r"\s+", " ", text).strip(" |*#"), found[1], max(found[2], max(e for _, e, _ in parts))


def _words(s: str) -> list[str]:
    """Accent-folded lower-case words of ``s`` (a secondary match key)."""
    s = unicodedata.normalize("NFD", s.lower().replace("đ", "d"))
    return re.findall(r"\w+", "".join(c for c in s if not unicodedata.combining(c)))


def _motto_cut(t: str) -> bool:
    """The header's national motto line stops before "VIỆT NAM" (a narrow column wrapped it)."""
    for m in rx("national_motto").finditer(t, 0, _HEADER_SPAN):
        eol = t.find("\n", m.end())
        rest = _words(t[m.end() : eol if eol != -1 else len(t)])
        if rest[:2] == ["chu", "nghia"] and "viet" not in rest:
            return True
    return False


def _completes_field(above: str, line: str) -> bool:
    """``line`` ("NÔNG THÔN") finishes the field-of-activity name (an abbreviation's expansion
    in agencies.yaml) that the issuer line ``above`` was cut in ("SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN")."""
    a, b = _words(above), _words(line)
    for entry in lexicon("abbr"):
        k = _words(entry["expansion"])
        for i in range(1, len(k)):
            if k[i:] == b and a[-i:] == k[:i]:
                return True
    return False
