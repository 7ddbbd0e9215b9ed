"""Aligned text: a string plus, for each character, the offset of the original character
it came from, and edits that keep that map (helper of :mod:`pipeline.normalize`).

    >>> al = _apply(_Aligned.of("Số: 167 /KH"), [(7, 9, "/")])
    >>> al.text, al.src[8]
    ('Số: 167/KH', 9)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher

__all__ = ["Edit", "Repl", "_Aligned", "_apply", "_sub"]


@dataclass
class _Aligned:
    """Text plus ``src``: for each char the offset of its original char; one extra end entry."""

    text: str
    src: list[int]

    @classmethod
    def of(cls, text: str) -> _Aligned:
        return cls(text, list(range(len(text) + 1)))


Edit = tuple[int, int, str]  # replace text[start:end] by the string


def _map_replacement(old: str, new: str, old_src: list[int]) -> list[int]:
    """Source offsets for ``new`` replacing ``old`` (whose offsets are ``old_src``, len(old)+1)."""
    if not old:
        return [old_src[0]] * len(new)
    if len(old) == len(new):  # same-length substitution (ó→ố, Ð→Đ): position by position
        return old_src[: len(new)]
    out: list[int] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "equal":
            out.extend(old_src[i1:i2])
        elif op in ("replace", "insert"):
            if i2 > i1:
                out.extend(old_src[min(i1 + k, i2 - 1)] for k in range(j2 - j1))
            else:  # pure insertion: attach to the char before (or the first one)
                out.extend([old_src[max(i1 - 1, 0)]] * (j2 - j1))
    return out


def _apply(al: _Aligned, edits: list[Edit]) -> _Aligned:
    """Apply sorted, non-overlapping edits, keeping the offset map."""
    if not edits:
        return al
    parts: list[str] = []
    src: list[int] = []
    pos = 0
    for start, end, repl in edits:
        if start < pos:  # overlapping edit: skip it rather than corrupt the map
            continue
        parts.append(al.text[pos:start])
        src.extend(al.src[pos:start])
        parts.append(repl)
        src.extend(_map_replacement(al.text[start:end], repl, al.src[start : end + 1]))
        pos = end
    parts.append(al.text[pos:])
    src.extend(al.src[pos:])  # includes the end sentinel
    return _Aligned("".join(parts), src)


Repl = str | Callable[[re.Match[str]], str]


def _sub(al: _Aligned, pattern: re.Pattern[str] | str, repl: Repl) -> _Aligned:
    """``re.sub`` on aligned text: each replacement maps to the span it matched."""
    rx = re.compile(pattern) if isinstance(pattern, str) else pattern
    edits: list[Edit] = []
    for m in rx.finditer(al.text):
        new = repl(m) if callable(repl) else m.expand(repl)
        if new != m.group(0):
            edits.append((m.start(), m.end(), new))
    return _apply(al, edits)
