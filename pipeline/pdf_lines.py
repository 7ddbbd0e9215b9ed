"""Where a PDF text layer's lines end their paragraph, read from the glyph boxes.

A PDF text layer breaks a paragraph into lines with no mark of which breaks are real.
``normalize.join_wrapped_lines`` guesses from line lengths in characters, which a
proportional font blurs: a heading one word short of the margin looks like a wrapped line
("1. Công tác tuyên truyền (đính kèm Phụ lục …)" above "Đẩy mạnh …"). The boxes say it
plainly. A line ended its paragraph when

- the first word of the next line would have fitted after it, before the right margin
  (a greedy line breaker only breaks when the next word does not fit), or
- the next line starts further right than the line (a first-line indent).

On a justified page (nearly every line that runs on into a lower-case word reaches the
margin) the converse holds too: a line that reaches the margin, followed by a line that is
not indented, runs on, even when it ends a sentence ("… quận học tập." / "Tuyên truyền …"),
because a justified paragraph's last line is not stretched and almost never fills it.

The right margin is a high percentile of the page's line ends, so one wide table row or a
right-aligned page number does not move it. ``normalize`` uses the ends only to keep a
line starting with a capital from being glued to the line before it, and the run-ons only
to glue a line that the text alone would have ended.
"""

from __future__ import annotations

from dataclasses import dataclass, field

_INDENT = 6.0  # points: a paragraph's first-line indent is 1 cm (28 pt) in Decree 30 layouts
_SLACK = 1.0  # points of rounding in glyph boxes
_MIN_LINES = 3  # fewer lines than this: no margin to speak of
_JUSTIFIED = 0.8  # share of run-on lines that reach the margin on a justified page


@dataclass
class _Line:
    start: int  # offset of its first char in the page text
    end: int  # offset of its line break
    left: float
    right: float
    first_word: float  # width of its first word
    space: float  # width of a space in its font (estimated from glyph heights)


@dataclass
class LineBreaks:
    """Offsets, in the page text, of line breaks that end a paragraph and of those that run on."""

    ends: list[int] = field(default_factory=list)
    wraps: list[int] = field(default_factory=list)


def line_breaks(textpage, raw: str) -> LineBreaks:
    """Classify the line breaks of ``raw`` (the text page's full text range) by the glyph
    boxes of ``textpage`` (the pypdfium2 text page it came from). Offsets are into the page
    text as ingest keeps it (``\r\n`` and ``\r`` made ``\n``). Empty when the text does not
    line up with the page's glyphs one to one."""
    if len(raw) != textpage.count_chars():
        return LineBreaks()
    index = _char_index(raw)
    text = "".join(raw[i] if raw[i] != "\r" else "\n" for i in index)
    lines = _lines(textpage, text, index)
    if len(lines) < _MIN_LINES:
        return LineBreaks()
    rights = sorted(line.right for line in lines)
    margin = rights[int(0.9 * (len(rights) - 1))]
    out = LineBreaks()
    pairs = [(a, b) for a, b in zip(lines, lines[1:], strict=False) if b.start == a.end + 1]
    for a, b in pairs:  # (a blank line between them already separates them)
        fits = a.right + a.space + b.first_word < margin - _SLACK
        if fits or b.left > a.left + _INDENT:
            out.ends.append(a.end)
    run_on = [a for a, b in pairs if text[b.start : b.start + 1].islower() and a.end not in out.ends]
    full = [a for a in run_on if a.right >= margin - 2 * _SLACK]
    if len(run_on) >= _MIN_LINES and len(full) >= _JUSTIFIED * len(run_on):
        ends = set(out.ends)
        out.wraps = [a.end for a, _ in pairs if a.end not in ends and a.right >= margin - 2 * _SLACK]
    return out


def _char_index(raw: str) -> list[int]:
    """For each char of the cleaned text, its index in ``raw`` ("\r\n" → its "\n")."""
    out, i = [], 0
    while i < len(raw):
        if raw[i] == "\r" and raw[i + 1 : i + 2] == "\n":
            i += 1
        out.append(i)
        i += 1
    return out


def _lines(textpage, text: str, index: list[int]) -> list[_Line]:
    out: list[_Line] = []
    start = 0
    for end in [*(i for i, c in enumerate(text) if c == "\n"), len(text)]:
        line = _measure(textpage, text, index, start, end)
        if line is not None:
            out.append(line)
        start = end + 1
    return out


def _measure(textpage, text: str, index: list[int], start: int, end: int) -> _Line | None:
    """The line's extent from the boxes of its first word and its last few glyphs only (a
    text line runs left to right; reading every glyph box would cost 3× the text itself)."""
    inked = [i for i in range(start, end) if not text[i].isspace()]
    if not inked:
        return None
    word_end = next((i for i in range(inked[0], end) if text[i].isspace()), end)
    word = [textpage.get_charbox(index[i]) for i in range(inked[0], word_end)]
    tail = [textpage.get_charbox(index[i]) for i in inked[-3:]]
    return _Line(
        start=start,
        end=end,
        left=word[0][0],
        right=max(box[2] for box in word + tail),
        first_word=max(box[2] for box in word) - word[0][0],
        space=0.25 * max(box[3] - box[1] for box in word + tail),
    )
