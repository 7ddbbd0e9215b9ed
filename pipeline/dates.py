"""Vietnamese dates: single dates, ranges sharing month/year, times, weekdays, deadlines.

The grammar lives in ``models/rules/dates.yaml`` (see the roles documented there); this
module only assembles the pieces::

    >>> [m.date for m in find_dates("Thực hiện Công văn số 747 ngày 03/10/2022 của …")]
    ['2022-10-03']
    >>> parse_date("ngày 22 tháng 9 năm 2023")
    '2023-09-22'

Blank draft dates ("ngày     tháng     năm 2024") and impossible ones (31/02) give a
mention whose ``date`` is ``None`` — never a guess. ``dateparser`` is only a fallback in
:func:`parse_date` for forms the grammar does not know.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from functools import cache

from . import patterns
from .records import DateMention

__all__ = ["find_dates", "parse_date"]

_TABLE = "dates"
_WINDOW = 60  # characters looked at before / after a date for cues, times, weekdays
_MIN_YEAR, _MAX_YEAR = 1900, 2100


@dataclass
class _Atom:
    start: int
    end: int
    rule: str
    d: int | None = None
    m: int | None = None
    y: int | None = None
    d2: int | None = None  # day_range only
    ngay: bool = False
    blank: bool = False


@cache
def _rules() -> dict[str, list[tuple[str, re.Pattern[str]]]]:
    out: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
    for entry in patterns.table(_TABLE):
        out.setdefault(entry["role"], []).append((entry["id"], patterns.compile_entry(entry)))
    return out


@cache
def _weekday_values() -> dict[str, int]:
    for entry in patterns.table(_TABLE):
        if entry.get("role") == "weekday":
            return {re.sub(r"\s+", " ", str(k)).lower(): int(v) for k, v in entry["weekdays"].items()}
    return {}


_OCR_DIGITS = str.maketrans("lIO", "110")  # only the OCR rule (date_words_ocr) lets these in


def _int(value: str | None) -> int | None:
    return int(value.translate(_OCR_DIGITS)) if value else None


def _iso(y: int | None, m: int | None, d: int | None) -> str | None:
    if y is None or m is None or d is None or not _MIN_YEAR <= y <= _MAX_YEAR:
        return None
    try:
        return _dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def _atoms(text: str, start: int, end: int) -> list[_Atom]:
    found: list[_Atom] = []
    rules = _rules()
    for role in ("atom", "day_range", "blank", "day_only"):
        for rule_id, rx in rules.get(role, []):
            for mt in rx.finditer(text, start, end):
                g = mt.groupdict()
                found.append(
                    _Atom(
                        start=mt.start(),
                        end=mt.end(),
                        rule=rule_id,
                        d=_int(g.get("d")),
                        m=_int(g.get("m")),
                        y=_int(g.get("y")),
                        d2=_int(g.get("d2")),
                        ngay=bool(g.get("ngay")),
                        blank=role == "blank",
                    )
                )
    # Longest match wins an overlap; then the earliest.
    found.sort(key=lambda a: (-(a.end - a.start), a.start))
    chosen: list[_Atom] = []
    for atom in found:
        if all(atom.end <= c.start or atom.start >= c.end for c in chosen):
            chosen.append(atom)
    return sorted(chosen, key=lambda a: a.start)


def _complete(atom: _Atom) -> bool:
    """A date that can stand alone (has a year, or is a blank draft date)."""
    if atom.blank:
        return True
    return atom.y is not None and atom.m is not None and atom.d is not None


def _connects(text: str, left: _Atom, right: _Atom) -> bool:
    gap = text[left.end : right.start]
    return any(rx.fullmatch(gap) for _, rx in _rules().get("connector", []))


def _before(text: str, pos: int, role: str, lo: int) -> re.Match[str] | None:
    """An end-anchored rule of ``role`` matching the text just before ``pos``."""
    window_start = max(lo, pos - _WINDOW)
    window = text[window_start:pos]
    for _, rx in _rules().get(role, []):
        mt = rx.search(window)
        if mt:
            return mt
    return None


def _time_before(text: str, pos: int, lo: int) -> tuple[int, str] | None:
    """A time ending just before ``pos`` (only separators/"vào lúc" between)."""
    window_start = max(lo, pos - _WINDOW)
    window = text[window_start:pos]
    for _, rx in _rules().get("time", []):
        last = None
        for mt in rx.finditer(window):
            last = mt
        if last and re.fullmatch(r"[\s,:]*(?:ngày\s*)?", window[last.end() :], re.IGNORECASE):
            hhmm = _hhmm(last)
            if hhmm:
                begin = window_start + last.start()
                lead = re.search(r"(?:vào\s+)?lúc\s*$", text[max(lo, begin - 12) : begin], re.IGNORECASE)
                if lead:
                    begin -= len(lead.group(0))
                return begin, hhmm
    return None


def _time_after(text: str, pos: int, hi: int) -> tuple[int, str] | None:
    window = text[pos : min(hi, pos + _WINDOW)]
    for _, cue in _rules().get("time_suffix", []):
        cm = cue.match(window)
        if not cm:
            continue
        for _, rx in _rules().get("time", []):
            mt = rx.match(window, cm.end())
            if mt and _hhmm(mt):
                return pos + mt.end(), _hhmm(mt) or ""
    return None


def _hhmm(mt: re.Match[str]) -> str | None:
    h, mi = int(mt.group("h")), int(mt.group("mi") or 0)
    part = (mt.group("part") or "").lower()
    if part in ("chiều", "tối") and h < 12:
        h += 12
    if h > 23 or mi > 59:
        return None
    return f"{h:02d}:{mi:02d}"


def _weekday_of(word: str) -> int | None:
    key = re.sub(r"\s+", " ", word.lower()).replace("thứ ", "").replace("thứ", "").strip()
    return _weekday_values().get(key)


def _weekday_before(text: str, pos: int, lo: int) -> tuple[int, int] | None:
    window_start = max(lo, pos - 30)
    window = text[window_start:pos]
    for _, rx in _rules().get("weekday", []):
        last = None
        for mt in rx.finditer(window):
            last = mt
        if last and re.fullmatch(r"[\s,(]*", window[last.end() :]):
            wd = _weekday_of(last.group("wd"))
            if wd:
                return window_start + last.start(), wd
    return None


def _weekday_after(text: str, pos: int, hi: int) -> tuple[int, int] | None:
    window = text[pos : min(hi, pos + 30)]
    for _, rx in _rules().get("weekday", []):
        lead = re.match(r"[\s,]*\(?\s*", window)
        mt = rx.match(window, lead.end() if lead else 0)
        if mt:
            wd = _weekday_of(mt.group("wd"))
            end = mt.end()
            if lead and "(" in lead.group(0) and window[end : end + 1] == ")":
                end += 1
            if wd:
                return pos + end, wd
    return None


def _dated(atom: _Atom) -> tuple[int | None, int | None, int | None]:
    return atom.y, atom.m, atom.d


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[DateMention]:
    """Every date, date range, time-stamped date and deadline in ``text[start:end]``.

    Offsets of the returned mentions index ``text``. A range whose first end lacks the
    month or year takes them from the second ("từ 01/10 đến 07/10/2024").
    """
    if not text:
        return []
    end = len(text) if end is None else min(end, len(text))
    start = max(0, start)
    atoms = _atoms(text, start, end)
    out: list[DateMention] = []
    i = 0
    while i < len(atoms):
        a = atoms[i]
        nxt = atoms[i + 1] if i + 1 < len(atoms) else None
        s, e = a.start, a.end
        time: str | None = None
        weekday: int | None = None
        kind = "date"
        date: str | None
        end_date: str | None = None
        # time / weekday written before the (first) date
        for _ in range(2):  # "7g30 thứ Năm, ngày …" or "thứ Năm, 7g30 ngày …"
            tb = _time_before(text, s, start) if time is None else None
            if tb:
                s, time = tb
            wb = _weekday_before(text, s, start) if weekday is None else None
            if wb:
                s, weekday = wb
        if a.d2 is not None:  # "01-07/10/2024"
            kind = "range"
            date, end_date = _iso(a.y, a.m, a.d), _iso(a.y, a.m, a.d2)
            i += 1
        elif nxt is not None and _complete(nxt) and not a.blank and _connects(text, a, nxt):
            kind = "range"
            y, m, d = _dated(a)
            if nxt.blank:
                date = end_date = None
            else:
                y2, m2, d2 = nxt.y, nxt.m, nxt.d
                carried = y is None
                m = m if m is not None else m2
                y = y if y is not None else y2
                date, end_date = _iso(y, m, d), _iso(y2, m2, d2)
                if carried and date and end_date and date > end_date and y is not None:
                    date = _iso(y - 1, m, d)  # "từ 28/12 đến 03/01/2025"
            e = nxt.end
            i += 2
        else:
            i += 1
            if not _complete(a) or (a.rule == "date_words" and not a.ngay and a.y is None):
                continue
            date = None if a.blank else _iso(a.y, a.m, a.d)
        # weekday / time written after the date
        wa = _weekday_after(text, e, end)
        if wa and weekday is None:
            e, weekday = wa
        ta = _time_after(text, e, end)
        if ta and time is None:
            e, time = ta
        # "từ" opening a range, deadline cues
        if kind == "range":
            ro = _before(text, s, "range_open", start)
            if ro:
                s -= len(ro.group(0))
        else:
            dl = _before(text, s, "deadline", start)
            if dl:
                s -= len(dl.group(0))
                kind = "deadline"
        out.append(
            DateMention(
                start=s,
                end=e,
                kind=kind,
                date=date,
                end_date=end_date,
                time=time,
                weekday=weekday,
                raw=text[s:e],
            )
        )
    return out


def parse_date(s: str | None) -> str | None:
    """ISO date of the first complete date in ``s`` ("ngày 03/10/2022" → "2022-10-03").

    Returns None for blank draft dates and impossible dates. Falls back on ``dateparser``
    (Vietnamese, day-first, all of day/month/year required) for forms the grammar misses.
    """
    if not s or not s.strip():
        return None
    mentions = find_dates(s)
    if mentions:
        return mentions[0].date
    if not re.search(r"\d", s):
        return None
    return _dateparser_fallback(s)


def _dateparser_fallback(s: str) -> str | None:
    try:
        import dateparser
    except ImportError:  # optional heavy dependency
        return None
    try:
        parsed = dateparser.parse(
            s,
            languages=["vi"],
            settings={
                "DATE_ORDER": "DMY",
                "STRICT_PARSING": True,
                "REQUIRE_PARTS": ["day", "month", "year"],
                "PREFER_DAY_OF_MONTH": "first",
            },
        )
    except Exception:  # dateparser raises assorted errors on odd input
        return None
    if parsed is None or not _MIN_YEAR <= parsed.year <= _MAX_YEAR:
        return None
    return parsed.date().isoformat()
