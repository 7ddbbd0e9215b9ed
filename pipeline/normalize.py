"""Normalize: clean a document's text while keeping a map back to the original.

Cleaning is a list of small named steps. Each step is a public ``str -> str`` function of
this module (``nfc("...")``), usable and tested alone, and each is built on a private
*aligned* version that carries, for every character, the offset of the original character
it came from. :func:`normalize` chains the aligned versions, so the returned
:class:`~pipeline.records.Text` can turn any normalized span back into the original page
text (``Text.evidence``).

    >>> t = normalize("Số: 167 /KH-UBND")
    >>> t.text
    'Số: 167/KH-UBND'
    >>> t.evidence(4, 15).text
    '167 /KH-UBND'

Rules live in ``models/rules/normalize.yaml``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from contextvars import ContextVar
from functools import cache

from pipeline import patterns
from pipeline.aligned import Edit, _Aligned, _apply, _sub
from pipeline.line_joins import _rules, join_edits  # the normalize table's entries of a kind
from pipeline.page_furniture import page_furniture
from pipeline.records import RawDocument, Text

__all__ = [
    "DEFAULT_STEPS",
    "eth_to_dstroke",
    "fix_number_spacing",
    "fix_ocr_confusions",
    "join_fixed_phrases",
    "page_breaks",
    "join_wrapped_lines",
    "nfc",
    "normalize",
    "normalize_whitespace",
    "split_table_cells",
    "strip_docx_artifacts",
    "strip_page_furniture",
    "strip_markdown",
    "unescape_literals",
]

DEFAULT_STEPS: list[str] = [
    "nfc",
    "unescape_literals",
    "normalize_whitespace",
    "eth_to_dstroke",
    "strip_docx_artifacts",
    "strip_page_furniture",
    "strip_markdown",
    "split_table_cells",
    "normalize_whitespace",
    "fix_ocr_confusions",
    "fix_number_spacing",
    "join_fixed_phrases",
    "page_breaks",
    "join_wrapped_lines",
]

_TABLE = "normalize"


# --------------------------------------------------------------------------- steps

_STEPS: dict[str, Callable[[_Aligned], _Aligned]] = {}


def _step(fn: Callable[[_Aligned], _Aligned]) -> Callable[[_Aligned], _Aligned]:
    _STEPS[fn.__name__.lstrip("_")] = fn
    return fn


_COMBINING = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_CLUSTER = re.compile(f"(?s).[{_COMBINING}]+")


@_step
def _nfc(al: _Aligned) -> _Aligned:
    if unicodedata.is_normalized("NFC", al.text):
        return al
    al = _sub(al, _CLUSTER, lambda m: unicodedata.normalize("NFC", m.group(0)))
    if unicodedata.is_normalized("NFC", al.text):
        return al
    return _sub(al, re.compile("(?s)."), lambda m: unicodedata.normalize("NFC", m.group(0)))


_UNESCAPE = {"\\r\\n": "\n", "\\n": "\n", "\\r": "\n", "\\t": "\t"}


@_step
def _unescape_literals(al: _Aligned) -> _Aligned:
    entry = next(e for e in patterns.table(_TABLE) if e["id"] == "literal_escape")
    escape = patterns.compile_entry(entry)
    unsafe = patterns.regex(_TABLE, "escape_unsafe_word")
    edits: list[Edit] = []
    for m in escape.finditer(al.text):
        word = re.search(r"\S*\Z", al.text[: m.start()]), re.match(r"\S*", al.text[m.start() :])
        run = (word[0].group(0) if word[0] else "") + (word[1].group(0) if word[1] else "")
        if not unsafe.search(run):
            edits.append((m.start(), m.end(), _UNESCAPE[m.group(0)]))
    return _apply(al, edits) if len(edits) >= entry.get("min_count", 3) else al


_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile("[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_LINE_BREAKS = re.compile("\r\n?|[\v\u2028\u2029\u0085]")


@_step
def _normalize_whitespace(al: _Aligned) -> _Aligned:
    # PDFium reports a hyphen that ends a line of a text layer as U+FFFE and drops the
    # line break ("số 12/QĐ-⏎UBND" → "12/QĐ\ufffeUBND"); Vietnamese does not hyphenate
    # words, so it is the hyphen that was written
    al = _sub(al, re.compile("\ufffe"), "-")
    al = _sub(al, _LINE_BREAKS, "\n")
    al = _sub(al, _ZERO_WIDTH, "")
    al = _sub(al, _SPACES, " ")
    al = _sub(al, re.compile(" {2,}"), " ")
    al = _sub(al, re.compile(" +(?=[\n\f])| +$"), "")
    al = _sub(al, re.compile("(?:^|(?<=[\n\f])) +"), "")
    al = _sub(al, re.compile("\n*\f\n*"), "\f")
    al = _sub(al, re.compile("\n{4,}"), "\n\n\n")
    return _sub(al, re.compile("^\n+|\n+$"), "")


@_step
def _strip_page_furniture(al: _Aligned) -> _Aligned:
    drops, notes = page_furniture(al.text)
    if not drops:
        return al
    text, src, pos = [], [], 0
    for start, end in drops:
        text.append(al.text[pos:start])
        src.extend(al.src[pos:start])
        pos = end
    text.append(al.text[pos:])
    src.extend(al.src[pos:-1])
    for k, (start, end) in enumerate(notes):  # footnotes move to the end, each block a paragraph
        sep = "\n" if k and al.text[notes[k - 1][1] : start] == "\n" else "\n\n"
        text.append(sep + al.text[start:end])
        src.extend([al.src[start]] * len(sep) + al.src[start:end])
    return _Aligned("".join(text), [*src, al.src[-1]])


@_step
def _page_breaks(al: _Aligned) -> _Aligned:
    # A page break is a line break for everything downstream (line-anchored cues such as a
    # heading at the top of a page); a paragraph running on over the break is then joined
    # by join_wrapped_lines like any other wrap. Offsets still say which page a span is on.
    return _sub(al, re.compile("\f"), "\n")


# Ð/ð next to a letter, before "/c" ("Ð/c" = "Đ/c", đồng chí, in Nơi nhận lists) or as a
# list label ("ð) Thanh niên xung phong …", the item after "d)"); the
# abbreviation and the label have no letter beside the Ð, and Vietnamese has no eth.
_ETH = re.compile("[ÐðƉɖ](?=[^\\W\\d_]|/[cC]\\b)|(?<=[^\\W\\d_])[ÐðƉɖ]|(?<![^\\s(])[ÐðƉɖ](?=\\)\\s)")
_ETH_MAP = {"Ð": "Đ", "Ɖ": "Đ", "ð": "đ", "ɖ": "đ"}


@_step
def _eth_to_dstroke(al: _Aligned) -> _Aligned:
    return _sub(al, _ETH, lambda m: _ETH_MAP[m.group(0)])


@_step
def _strip_docx_artifacts(al: _Aligned) -> _Aligned:
    for entry in _rules("artifact"):
        al = _sub(al, patterns.compile_entry(entry), "")
    return al


_MD_TABLE_SEP_ROW = re.compile(r"(?m)^(?=[^\n]*\|)(?=[^\n]*---)[ |:-]+$")
_MD_TABLE_ROW = re.compile(r"(?m)^ *\|.*$|^.*\| *$")
_MD_CELL_SEP = re.compile(r"(?: *\|)+ *")
_MD_HEADING = re.compile(r"(?m)^ {0,3}#{1,6}[ \t]+")
_MD_BOLD = re.compile(r"\*\*\*?")
_MD_EMPH = re.compile(r"(?<![*\w])\*(?=[^\s*])([^*\n]*?[^\s*])\*(?![*\w])")
_MD_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_MD_LINK = re.compile(r"\[([^\]\n]+)\]\((?:https?://|/)[^)\s]*\)")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>])")
_HTML_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)


def _table_row_edits(al: _Aligned) -> list[Edit]:
    edits: list[Edit] = []
    for row in _MD_TABLE_ROW.finditer(al.text):
        line_start, line_end = row.start(), row.end()
        for sep in _MD_CELL_SEP.finditer(al.text, line_start, line_end):
            # cells and rows end with two blank lines so that join_wrapped_lines never glues them
            repl = "" if sep.start() == line_start else "\n\n" if sep.end() == line_end else "\n\n\n"
            edits.append((sep.start(), sep.end(), repl))
    return edits


@_step
def _strip_markdown(al: _Aligned) -> _Aligned:
    al = _sub(al, _MD_TABLE_SEP_ROW, "")
    al = _apply(al, _table_row_edits(al))
    al = _sub(al, _HTML_BR, "\n")
    al = _sub(al, _MD_HEADING, "")
    al = _sub(al, _MD_IMAGE, "")
    al = _sub(al, _MD_LINK, r"\1")
    al = _sub(al, _MD_BOLD, "")
    al = _sub(al, _MD_EMPH, r"\1")
    return _sub(al, _MD_ESCAPE, r"\1")


@_step
def _split_table_cells(al: _Aligned) -> _Aligned:
    return _sub(al, patterns.regex(_TABLE, "table_cell_separator"), "\n\n\n")


@cache
def _ocr_lexicon() -> tuple[re.Pattern[str], dict[str, str]]:
    mapping: dict[str, str] = {}
    for entry in _rules("ocr"):
        for wrong in entry["wrong"]:
            mapping[wrong] = entry["right"]
    alternation = "|".join(re.escape(w) for w in sorted(mapping, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)"), mapping


@_step
def _fix_ocr_confusions(al: _Aligned) -> _Aligned:
    rx, mapping = _ocr_lexicon()
    al = _sub(al, rx, lambda m: mapping[m.group(0)])
    for entry in _rules("ocr_regex"):
        al = _sub(al, patterns.compile_entry(entry), entry["replace"])
    for entry in _rules("ocr_case"):
        al = _sub(al, patterns.compile_entry(entry), lambda m: m.group(0).lower())
    return al


def _code_edit(m: re.Match[str]) -> Edit | None:
    """Collapse spaces inside a document-number code: 'QĐ - U B ND' → 'QĐ-UBND'.

    Spaces around hyphens go; a run of 3+ fragments separated by single spaces with a lone
    letter among them is spaced-out letters ("U B ND") and is glued; anything else ends the code.
    """
    pieces = re.split(r"( *- *| )", m.group(0))
    frags, seps = pieces[0::2], pieces[1::2]
    out, consumed, k = frags[0], len(frags[0]), 0
    while k < len(seps):
        if "-" in seps[k]:
            out += "-" + frags[k + 1]
            consumed += len(seps[k]) + len(frags[k + 1])
            k += 1
            continue
        run = k  # fragments k .. run+1 chained by single spaces
        while run < len(seps) and "-" not in seps[run]:
            run += 1
        group = frags[k : run + 1]
        if len(group) < 3 or not any(len(f) == 1 for f in group):
            break
        out += "".join(group[1:])
        consumed += sum(len(s) for s in seps[k:run]) + sum(len(f) for f in group[1:])
        k = run
    if out == m.group(0)[:consumed]:
        return None
    return (m.start(), m.start() + consumed, out)


@_step
def _fix_number_spacing(al: _Aligned) -> _Aligned:
    linebreak = patterns.regex(_TABLE, "number_code_linebreak")
    al = _apply(al, [(m.start(1), m.end(1), "") for m in linebreak.finditer(al.text)])
    al = _sub(al, patterns.regex(_TABLE, "number_slash_space"), "/")
    code = patterns.regex(_TABLE, "number_code")
    return _apply(al, [e for m in code.finditer(al.text) if (e := _code_edit(m))])


@_step
def _join_fixed_phrases(al: _Aligned) -> _Aligned:
    for entry in _rules("fixed_phrase"):
        al = _sub(al, patterns.compile_entry(entry), lambda m: re.sub(r"\s+", " ", m.group(0)))
    return al


# ---------------------------------------------------------------- join_wrapped_lines

# line breaks (offsets into the original) that the page layout shows to end a paragraph (a
# PDF line that stopped short of the margin) and to run on (a full line of a justified PDF
# page); pipeline.pdf_lines finds them, normalize() sets them for one call
_LAYOUT_BREAKS: ContextVar[tuple[frozenset[int], frozenset[int]]] = ContextVar(
    "layout_breaks", default=(frozenset(), frozenset())
)
_PRINTED_LINE = 150  # characters: no line of a printed A4 page is longer


@_step
def _join_wrapped_lines(al: _Aligned) -> _Aligned:
    ends, wraps = _LAYOUT_BREAKS.get()
    return _apply(al, join_edits(al.text, al.src, ends, wraps))


# --------------------------------------------------------------------------- public


def _public(name: str, doc: str) -> Callable[[str], str]:
    def run(text: str) -> str:
        return _STEPS[name](_Aligned.of(text)).text

    run.__name__ = name
    run.__doc__ = doc
    return run


nfc = _public("nfc", "Unicode NFC (composed Vietnamese letters).")
unescape_literals = _public(
    "unescape_literals",
    "Literal '\\r\\n', '\\n', '\\t' (backslash + letter, left by crawlers) → real line breaks/tabs, "
    "when a document holds several of them outside path/regex-like words ('C:\\new', '\\d+\\n').",
)
normalize_whitespace = _public(
    "normalize_whitespace",
    "CRLF→LF, tabs/NBSP→space, drop zero-width chars, PDFium's line-end hyphen U+FFFE → '-', "
    "collapse runs of spaces, trim lines; keeps line breaks (at most two blank lines).",
)
eth_to_dstroke = _public(
    "eth_to_dstroke",
    "Ð/ð (U+00D0/U+00F0, also Ɖ/ɖ) next to a letter, before '/c' or as the list label 'ð)' → Đ/đ: "
    "'MỤC ÐÍCH' → 'MỤC ĐÍCH'.",
)
strip_docx_artifacts = _public(
    "strip_docx_artifacts", "Delete Word/pandoc artifacts: '[bookmark: _GoBack]', '[]{#_Hlk1 .anchor}'."
)
strip_markdown = _public(
    "strip_markdown",
    "Remove markdown markers (#, **, *emphasis*, links, escapes); table rows become one cell "
    "per line, separator rows are dropped.",
)
split_table_cells = _public(
    "split_table_cells",
    "A table row flattened to one line ('Số: 12/QĐ-UBND | Hà Nội, ngày …', DOCX text) → one "
    "block per cell, set apart by two blank lines.",
)
fix_ocr_confusions = _public(
    "fix_ocr_confusions",
    "Fix known OCR confusions of administrative words: 'Só:' → 'Số:', 'QUYÉT' → 'QUYẾT'.",
)
fix_number_spacing = _public(
    "fix_number_spacing",
    "Remove spaces/line breaks inside document numbers: '167 /KH-UBND' → '167/KH-UBND', "
    "'3210/QĐ - U B ND' → '3210/QĐ-UBND', 'TT-\\nBNNMT' → 'TT-BNNMT'.",
)
join_fixed_phrases = _public(
    "join_fixed_phrases",
    "Rejoin fixed wording split by a hard wrap: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT\\nNAM' → one line.",
)
strip_page_furniture = _public(
    "strip_page_furniture",
    "Drop page furniture: page numbers ('- 2 -', 'Trang 2/5', a bare '2' at a page's edge), "
    "digital-signature stamps ('Ký bởi: …', 'Thời gian ký: …'), running headers/footers (a line at "
    "the edge of two pages or more); footnotes at a page foot move to the end of the text.",
)
page_breaks = _public(
    "page_breaks",
    "Page breaks (form feeds between pages) become line breaks: '…số.\\f5. Tổ chức' → '…số.\\n5. Tổ chức'.",
)
join_wrapped_lines = _public(
    "join_wrapped_lines",
    "Join hard-wrapped lines of one paragraph; never glue headings, list items, block starts "
    "(Căn cứ, Nơi nhận, KT. ...), all-caps lines or lines after a sentence end.",
)


def normalize(raw_or_str: RawDocument | str, steps: list[str] | None = None) -> Text:
    """Clean ``raw_or_str`` (a RawDocument, pages joined by ``Text.PAGE_SEP``, or one string).

    ``steps`` names the steps to run in order (default :data:`DEFAULT_STEPS`); the result
    keeps, for each character, its offset in the original (``Text.src``).
    """
    pages = [] if isinstance(raw_or_str, str) else raw_or_str.pages
    originals = [raw_or_str] if isinstance(raw_or_str, str) else [page.text for page in pages]
    al = _Aligned.of(Text.PAGE_SEP.join(originals))
    ends, wraps, base = set(), set(), 0
    # a word processor's line is a paragraph, each break ends one (a capitalised next line is
    # no wrap), unless the file holds a page's lines one per paragraph ("PDF to Word"): then
    # no line is longer than a printed line
    paragraphs = (
        not isinstance(raw_or_str, str)
        and raw_or_str.source.format in ("docx", "doc")
        and any(len(line) > _PRINTED_LINE for page in pages for line in page.text.split("\n"))
    )
    for page in pages:  # line breaks the reader classified, as offsets into the joined original
        ends.update(base + b for b in page.breaks)
        wraps.update(base + b for b in page.wraps)
        if paragraphs:
            ends.update(base + m.start() for m in re.finditer("\n", page.text))
        base += len(page.text) + len(Text.PAGE_SEP)
    token = _LAYOUT_BREAKS.set((frozenset(ends), frozenset(wraps)))
    try:
        for name in DEFAULT_STEPS if steps is None else steps:
            if name not in _STEPS:
                raise ValueError(f"unknown normalize step {name!r}; known: {sorted(_STEPS)}")
            al = _STEPS[name](al)
    finally:
        _LAYOUT_BREAKS.reset(token)
    return Text(text=al.text, src=al.src, originals=originals)
