"""Which line breaks of a text are wraps inside a paragraph (joined by a space) and which
end one: the hard wraps of 70-column text, PDF text layers, OCR pages and DOCX files
converted from PDF. Used by :func:`pipeline.normalize.normalize` (step
``join_wrapped_lines``); rules come from the ``normalize`` table (kinds ``block_start``,
``list_item``, ``continuation``, ``line_block``, ``sentence_opener``, ``reference_start``,
``type_word_line``).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from pipeline import patterns
from pipeline.aligned import Edit

_TERMINAL = (".", ":", ";", "!", "?")
_FIT = 0.8  # of the wrap width: proportional PDF fonts make line lengths in characters vary


@cache
def _join_rules() -> tuple[list[re.Pattern[str]], frozenset[str]]:
    starts = [patterns.compile_entry(e) for e in _rules("block_start") + _rules("list_item")]
    words = frozenset(w for e in _rules("continuation") for w in e["words"])
    return starts, words


@cache
def _rules_rx(kind: str) -> re.Pattern[str]:
    """The one regex entry of ``kind`` in the rule table."""
    (entry,) = _rules(kind)
    return patterns.compile_entry(entry)


def _caps_run(a: str, b: str) -> bool:
    """``a`` and ``b`` are lines in capitals and ``a`` leaves its phrase open (no end
    punctuation); ``b`` is no numbered heading or list item."""
    starts, _ = _join_rules()
    return (
        _is_caps(a)
        and _is_caps(b)
        and not a.endswith((*_TERMINAL, ","))
        and not any(rx.search(b) for rx in starts)
    )


def _type_word_line(line: str) -> bool:
    return bool(_rules_rx("type_word_line").match(line))


@cache
def _openers() -> re.Pattern[str]:
    words = sorted((w for e in _rules("sentence_opener") for w in e["words"]), key=len, reverse=True)
    return re.compile(rf"(?:{'|'.join(map(re.escape, words))})(?![^\W\d_])")


def _is_caps(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 3 and sum(c.isupper() for c in letters) >= 0.7 * len(letters)


def _starts_block(line: str) -> bool:
    starts, _ = _join_rules()
    return _is_caps(line) or any(rx.search(line) for rx in starts)


def _ends_open(line: str) -> bool:
    """The line ends with a word that cannot end a paragraph ('của', 'ngày', 'và' ...)."""
    _, words = _join_rules()
    tokens = line.split()
    return bool(tokens) and tokens[-1].lower() in words


def _self_contained(line: str) -> bool:
    """Header/recipient/signature lines and all-caps lines: never continued by a capital."""
    return _is_caps(line) or any(patterns.compile_entry(e).search(line) for e in _rules("line_block"))


def _wrap_width(lines: list[str]) -> int:
    lengths = sorted(len(s) for s in lines if s)
    return lengths[int(0.9 * (len(lengths) - 1))] if lengths else 0


def _double_spaced(text: str) -> bool:
    """Hard-wrapped PDF text with a blank line after every wrapped line (seed 001)."""
    gaps = re.findall(r"[^\n]\n\n(?!\n)(.)", text)
    lower = sum(1 for c in gaps if c.islower())
    return lower >= 3 and lower >= 0.25 * len(gaps)


_WORD = re.compile(r"[^\W\d_]+")
_LIST_MARK = re.compile(r"\s*[-+*•·–—−]\s")
_HEADING = re.compile(r"\s*(?:\d{1,3}(?:\.\d{1,3})*\.?|[IVXLC]{1,6}\.|[a-zđ]\))\s+\w")


def _case_counts(text: str) -> Counter[tuple[str, bool]]:
    """How often each word and each two-word phrase (lower-cased key) is written in lower
    case and with a capital *inside* a sentence of this document: after a letter, a digit
    or a comma on the same line, never at a line start or after sentence punctuation."""
    counts: Counter[tuple[str, bool]] = Counter()
    words = list(_WORD.finditer(text))
    for i, m in enumerate(words):
        before = text[max(0, m.start() - 3) : m.start()].rstrip(" ")
        if not before or not (before[-1].isalnum() or before[-1] == ","):
            continue
        w = m.group()
        title = w[0].isupper() and not w.isupper()
        if not title and not w.islower():
            continue
        counts[(w.lower(), title)] += 1
        nxt = words[i + 1] if i + 1 < len(words) else None
        if nxt is not None and text[m.end() : nxt.start()] == " ":
            counts[(f"{w} {nxt.group()}".lower(), title)] += 1
    return counts


class _CaseCounts:
    """:func:`_case_counts` of a text, counted on first use only (few texts need it)."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._counts: Counter[tuple[str, bool]] | None = None

    def get(self) -> Counter[tuple[str, bool]]:
        if self._counts is None:
            self._counts = _case_counts(self._text)
        return self._counts


def _opens_sentence(b: str, case: _CaseCounts) -> bool:
    """``b`` starts with a sentence opener of the rule table ("Tuyên truyền", "Các"), or with
    a capitalised word this document otherwise writes in lower case inside its sentences
    ("Đẩy mạnh"): a new sentence, not a wrapped name ("Ủy ban", "Nhân dân", "Quản lý dự
    án" are written with their capital mid-sentence)."""
    ws = _WORD.findall(b[:40])
    if not ws or not b.startswith(ws[0]) or ws[0].isupper() or not ws[0][0].isupper():
        return False
    if _openers().match(b):
        return True
    keys = [ws[0].lower()] + ([f"{ws[0]} {ws[1]}".lower()] if len(ws) > 1 else [])
    counts = case.get()
    if any(counts[(k, True)] for k in keys):
        return False
    lower = counts[(keys[0], False)]
    return lower >= 3 or (lower >= 2 and len(keys) > 1 and counts[(keys[1], False)] >= 1)


def _hyphen_wrap(a: str, b: str, head: str, a_len: int, width: int) -> bool:
    """A full line of a paragraph, then "- " and a lower-case word, or a capitalised word
    after a name ("Đài Phát thanh" / "- Truyền hình"): a wrap inside a compound written
    with a spaced hyphen ("chính trị - xã hội", "Lao động - Thương binh"), not a list item
    (an item follows a line that ends a sentence or an item of its own)."""
    if b[:2] not in ("- ", "– ") or not b[2:3].isalpha():
        return False
    tail, first = a.split()[-2:], _WORD.match(b, 2)
    # a name component ends "Lao động", "Phát thanh": a capital, then a lower-case syllable
    # (not a person's name "Ánh Tuyết", not an abbreviation "CT" opening the next item)
    compound = b[2].islower() or (
        first is not None
        and first.group().istitle()
        and not _openers().match(b[2:])
        and len(tail) == 2
        and tail[0].istitle()
        and tail[1].isalpha()
        and tail[1].islower()
    )
    return (
        compound
        and not a.endswith((*_TERMINAL, ","))
        and not _LIST_MARK.match(head)
        and width <= 120
        and a_len >= 0.6 * width
    )


def _inside_quote(logical: str, b: str) -> bool:
    """The logical line has a quotation opened in its last 200 characters and not closed
    ("Chủ đề: “Thúc đẩy … sau đại dịch" / "COVID-19”."): a line of it that does not end a
    sentence goes on, whatever the case of ``b``, unless ``b`` is a list item or opens a
    block."""
    starts, _ = _join_rules()
    if any(rx.search(b) for rx in starts):
        return False
    curly = logical.rfind("“")
    if curly > logical.rfind("”") and curly >= len(logical) - 200:
        return True
    straight = logical.rfind('"')
    return logical.count('"') % 2 == 1 and straight >= len(logical) - 200


def _should_join(
    a: str,
    b: str,
    a_len: int,
    width: int,
    counts: _CaseCounts | None = None,
    logical: str = "",
) -> bool:
    """Glue line ``b`` to the (logical) line ending with ``a``? ``logical``: that logical
    line's text so far (its first physical line first)."""
    if _hyphen_wrap(a, b, logical.split("\n", 1)[0] or a, a_len, width):
        return True  # "… các tổ chức chính trị" / "- xã hội tuyên truyền …"
    if logical and not a.endswith(_TERMINAL) and _inside_quote(logical, b):
        return True
    if b[0].islower():
        return not a.endswith((".", ":", "!", "?")) and not _starts_block(b) and not _type_word_line(a)
    if _ends_open(a) and _rules_rx("reference_start").match(b):
        return True  # "… theo quy định tại" / "Điều 5 Thông tư số 10/2024/TT-BGDĐT"
    if a.endswith(_TERMINAL) or _starts_block(b):
        return False
    if _ends_open(a):
        return True
    heading = a_len == len(a) and _HEADING.match(a) and not a.endswith(("-", "–", "&"))
    if counts is not None and heading and _opens_sentence(b, counts):
        return False  # a numbered heading's one line: "1. Công tác tuyên truyền (…)" / "Đẩy mạnh …"
    # a greedy wrap (text editor, PDF layout) breaks a line only when the next word does not
    # fit on it: a short line whose successor's first word would have fitted ended for real
    # (a heading "6. Giao Phòng … quận" above its first sentence "Xây dựng …")
    fits = len(a) + 1 + len(b.split()[0]) < _FIT * width
    return not _self_contained(a) and width <= 120 and a_len >= 0.6 * width and not fits


@cache
def _rules(kind: str) -> list[dict]:
    """Entries of kind ``kind`` of the ``normalize`` rule table (normalize's other steps use it too)."""
    return [e for e in patterns.table("normalize") if e.get("kind") == kind]


def join_edits(text: str, src: list[int], ends: frozenset[int], wraps: frozenset[int]) -> list[Edit]:
    """The edits that join the wrapped lines of ``text`` (a line break and any blank line
    between two lines of one paragraph → one space; two lines in capitals of a double-spaced
    page → next to each other). ``src`` maps each character to its offset in the original;
    ``ends``/``wraps`` are original offsets of line breaks the page layout shows to end a
    paragraph / to run on (pipeline.pdf_lines)."""
    double = _double_spaced(text)
    width = _wrap_width(re.split(r"[\n\f]", text))
    edits: list[Edit] = []
    # non-empty lines with their spans; \f (page break) is never crossed
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n\f]+", text)]
    counts = _CaseCounts(text)
    logical_len, lstart = 0, 0
    for (a_start, a_end), (b_start, b_end) in zip(lines, lines[1:], strict=False):
        gap = text[a_end:b_start]
        a, b = text[a_start:a_end], text[b_start:b_end]
        if logical_len == 0:
            lstart = a_start
        logical_len += a_end - a_start
        blanks = gap.count("\n") - 1
        ok = "\f" not in gap and (
            blanks == 0 or (blanks == 1 and (double or b[0].islower() or _ends_open(a)))
        )
        if ok and b[0].isupper() and src[a_end] in ends and not _ends_open(a):
            ok = False  # the line stopped short of the margin: "1. Công tác …)" / "Đẩy mạnh …"
        # a full line of a justified page that ends a sentence runs on into the next one
        # ("… quận học tập." / "Tuyên truyền, quảng bá …"); headings, titles, header lines
        # and list items keep their own lines
        layout_wrap = (
            blanks == 0
            and src[a_end] in wraps
            and a.endswith(".")
            and not _self_contained(a)
            and not _starts_block(b)
        )
        if ok and (layout_wrap or _should_join(a, b, logical_len, width, counts, text[lstart:a_end])):
            edits.append((a_end, b_start, " "))
            logical_len += 1
        else:
            if double and blanks == 1 and _caps_run(a, b):
                # a double-spaced page (OCR, seed 001) puts a blank line under every line: two
                # lines of one block in capitals (a wrapped title) stay next to each other
                edits.append((a_end, b_start, "\n"))
            logical_len = 0
    return edits
