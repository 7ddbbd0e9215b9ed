"""Schedule fields of a plan: theme, period, the one year a title names, events and
deadlines. Helpers of :mod:`pipeline.extract`; headings come from
:mod:`pipeline.fields_body` (one numbering tree per document).

Events are named happenings with a date (corpus/gold/NOTES.md): a ceremony the text
names (``event_name``: kept short, "Lễ khai mạc"), a numbered heading naming an event
whose body says when it is held ("2. Lễ hưởng ứng Ngày Pháp luật" + "Thời gian: …"), or
a sentence "<event> diễn ra vào <time> ngày <date> tại <place>". Deadlines (read by
:mod:`pipeline.fields_deadlines`, re-exported here) and periods (date ranges) are never
events.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field

from .dates import find_dates
from .fields_body import headings
from .fields_common import Doc, body_rx, clean, is_upper_line, rx
from .fields_tables import table_rows
from .records import DateMention, Event, Period

_PERIOD_WINDOW = 400
_NAME_MAX = 160  # characters of an event name found in a sentence
_NAME_WORDS = 14  # words of an event name outside its quotes
_CUE_WINDOW = 30  # characters before a date looked at for a deadline cue

# ------------------------------------------------------------------ theme / period


def extract_theme(doc: Doc) -> str | None:
    best = None
    rules = ("theme_quoted", "theme_with", "theme_heading", "theme_next_line", "theme_inline_unquoted")
    for rule in rules:
        m = rx(rule).search(doc.t, 0, doc.main_end)
        if m and (best is None or m.start() < best[1].start()):
            best = (rule, m)
    if best is None:
        return None
    rule, m = best
    doc.ev("theme", m.start("theme"), m.end("theme"), rule)
    return clean(m.group("theme").rstrip(". "))


def _open_close(t: str, lo: int, hi: int) -> tuple[int, int, str, str] | None:
    """ "bắt đầu từ ngày A … kết thúc vào ngày B" → (start, end, A, B)."""
    for m in rx("period_open_close").finditer(t, lo, hi):
        a = [d for d in find_dates(t, m.start("a"), m.end("a")) if d.date and d.kind != "range"]
        b = [d for d in find_dates(t, m.start("b"), m.end("b")) if d.date and d.kind != "range"]
        if a and b and a[0].date <= b[0].date:
            return m.start(), b[0].end, a[0].date, b[0].date
    return None


def _cue_line(t: str, pos: int, hi: int) -> int:
    """End of the line the cue at ``pos`` opens; a heading ("II. THỜI GIAN") opens the next."""
    m = re.compile(r"[\s:*.]*").match(t, pos, hi)
    nl = t.find("\n", m.end() if m else pos, hi)
    if nl != -1 and not re.search(r"\d", t[pos:nl]):
        # the cue's line holds no date ("II. THỜI GIAN, HÌNH THỨC"): the next line gives it
        nxt = re.compile(r"\n\s*").match(t, nl, hi)
        after = t.find("\n", nxt.end() if nxt else nl, hi)
        return hi if after == -1 else after
    return hi if nl == -1 else nl


def _month_period(t: str, lo: int, hi: int) -> tuple[int, int, str, str] | None:
    """A period written with months: "từ ngày 17/02/2024 … đến hết tháng 3/2024", "Từ
    tháng 6 đến hết tháng 8 năm 2020", "trong tháng 4/2025" → (start, end, first, last day)."""
    to = rx("period_month_end").search(t, lo, hi)
    if to:
        y2, m2 = int(to.group("y")), int(to.group("m"))
        first = next((d for d in find_dates(t, lo, to.start()) if d.date and d.kind == "date"), None)
        fm = rx("period_month_from").search(t, lo, to.start())
        if first and 1 <= m2 <= 12:
            return first.start, to.end(), first.date, _month_end(y2, m2)
        if fm and 1 <= int(fm.group("m")) <= 12 and 1 <= m2 <= 12:
            y1 = int(fm.group("y") or y2)
            return fm.start(), to.end(), f"{y1:04d}-{int(fm.group('m')):02d}-01", _month_end(y2, m2)
        return None
    whole = rx("period_whole_month").search(t, lo, hi)
    if whole and 1 <= int(whole.group("m")) <= 12:
        y, m = int(whole.group("y")), int(whole.group("m"))
        return whole.start(), whole.end(), f"{y:04d}-{m:02d}-01", _month_end(y, m)
    return None


def _month_end(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}-{calendar.monthrange(y, m)[1]:02d}"


def _anniversary(m: DateMention) -> bool:
    """A range whose two ends share day and month across years is a commemorated span, not
    a period ("kỷ niệm 88 năm Ngày thành lập Đoàn (26/3/1931 - 26/3/2019)")."""
    return bool(m.date and m.end_date and m.date[:4] != m.end_date[:4] and m.date[5:] == m.end_date[5:])


def _is_range(m: DateMention) -> bool:
    return m.kind == "range" and bool(m.date and m.end_date) and not _anniversary(m)


def _table_cells(doc: Doc) -> list[tuple[int, int]]:
    """Spans of the cells of the tables of activities under the headings."""
    cells: list[tuple[int, int]] = []
    for h in headings(doc):
        for r in table_rows(doc, h.line_end, h.own_end)[1]:
            cells += [(c[0], c[1]) for c in r if c is not None]
    return cells


def extract_period(doc: Doc) -> Period:
    t, end = doc.t, doc.main_end
    cues = list(rx("period_cue").finditer(t, 0, end))
    cues.sort(key=lambda m: (0 if "gian" in m.group().lower() else 1, m.start()))
    cells: list[tuple[int, int]] | None = None

    def plan_range(m: DateMention) -> bool:
        """A range that is not one row's: a range in a cell of a table of activities is
        when that row's activity runs ("Tổ chức giải bóng đá … | Từ ngày 06/5 đến ngày
        14/5/2017"), not the plan's period."""
        nonlocal cells
        if not _is_range(m):
            return False
        if cells is None:
            cells = _table_cells(doc)
        return not any(s <= m.start < e for s, e in cells)

    for cue in cues:
        hi = min(end, cue.end() + _PERIOD_WINDOW)
        line_end = _cue_line(t, cue.end(), hi)
        mentions = find_dates(t, cue.start(), hi)
        in_line = [d for d in mentions if d.end <= line_end]
        month = _month_period(t, cue.start(), line_end)
        # the cue's own line first: its range, else its months ("trong tháng 4/2025")
        if month and not any(_is_range(d) for d in in_line):
            doc.ev("period", month[0], month[1], "period.month")
            return Period(month[2], month[3])
        for mention in mentions:
            if plan_range(mention):
                doc.ev("period", mention.start, mention.end, "period.cue")
                return Period(mention.date, mention.end_date)
        pair = _open_close(t, cue.start(), hi)
        if pair:
            doc.ev("period", pair[0], pair[1], "period.open_close")
            return Period(pair[2], pair[3])
    for mention in find_dates(t, 0, end):
        if plan_range(mention):
            doc.ev("period", mention.start, mention.end, "period.first_range")
            return Period(mention.date, mention.end_date)
    return Period()


def single_year(title: str) -> int | None:
    """The one year a title names ("… năm 2024"); None for spans ("đến năm 2025",
    "giai đoạn 2021 - 2030") or when two different years are named."""
    years = {int(m.group("year")) for m in body_rx("year_single").finditer(title)}
    if not years:  # "kỷ niệm 88 năm Ngày thành lập Đoàn (26/3/1931 - 26/3/2019)": the jubilee's year
        years = {int(d.end_date[:4]) for d in find_dates(title) if d.kind == "range" and _anniversary(d)}
    return years.pop() if len(years) == 1 else None


# ------------------------------------------------------------------ events


@dataclass
class _Found:
    """One mention of an event: where its name is, and what was read around it."""

    name: str
    span: tuple[int, int]
    prio: int  # 0: a heading or the heading's own detail lines; 1: a sentence
    source: str  # "ceremony" | "heading" | "sentence"
    date: tuple[int, int, str, str | None] | None = None  # start, end, ISO, time
    place: tuple[int, int, str] | None = None
    extra: dict = field(default_factory=dict)


def _key(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip().lower()


def _sentence_window(t: str, pos: int, hi: int) -> int:
    """End of the sentence at ``pos``, extended over following "Thời gian:/Địa điểm:" lines."""
    m = re.compile(r"\.(?=\s)|\n|;").search(t, pos, hi)
    end = m.start() if m else hi
    nl = t.find("\n", end, hi)
    while nl != -1:
        nxt = re.compile(r"\n*").match(t, nl).end()
        detail = rx("event_detail_line").match(t, nxt)
        if not detail:
            break
        end = t.find("\n", nxt, hi)
        end = hi if end == -1 else end
        nl = end if end < hi else -1
    return end


def _is_deadline(t: str, dm: DateMention) -> bool:
    return dm.kind == "deadline" or bool(
        rx("deadline_cue").search(t[max(0, dm.start - _CUE_WINDOW) : dm.start])
    )


def _event_date(t: str, lo: int, hi: int) -> tuple[int, int, str, str | None] | None:
    """The first single date in [lo, hi) that is not a deadline, with its time."""
    for dm in find_dates(t, lo, hi):
        if dm.date and dm.kind == "date" and not _is_deadline(t, dm):
            return dm.start, dm.end, dm.date, dm.time or _time_after(t, dm.end, hi)
        if dm.kind == "range" or _is_deadline(t, dm):
            return None  # the first date of the stretch is a period or a time limit
    return None


def _time_after(t: str, pos: int, hi: int, anywhere: bool = False) -> str | None:
    """ "HH:MM" of a start time written right at ``pos`` ("…, từ 7h15 đến 9h00"), or with
    ``anywhere`` the first one in [pos, hi) (a table's time cell)."""
    time_rx = rx("event_time_after")
    m = time_rx.search(t, pos, hi) if anywhere else time_rx.match(t[pos:hi])
    if not m:
        return None
    h, mi = int(m.group("h")), int(m.group("mi") or 0)
    return f"{h:02d}:{mi:02d}" if h < 24 and mi < 60 else None


def _place(t: str, lo: int, hi: int) -> tuple[int, int, str] | None:
    """The first place named in [lo, hi): "Địa điểm: X" or "… tại X" (the event's own
    sentence names it before a general "Địa điểm:" line below)."""
    found = [m for m in (rx(rule).search(t, lo, hi) for rule in ("event_place", "event_place_at")) if m]
    if not found:
        return None
    m = min(found, key=lambda m: m.start())
    return m.start("place"), m.end("place"), m.group("place")


def _ceremony_mentions(doc: Doc, hs: list) -> list[_Found]:
    """Named ceremonies (``event_name``), read in their heading's text or their sentence."""
    t, end = doc.t, doc.main_end
    mentions = list(body_rx("event_name").finditer(t, 0, end))
    out: list[_Found] = []
    for k, m in enumerate(mentions):
        name = m.group("name")
        head = next((h for h in hs if h.start <= m.start() < h.line_end), None)
        if head is not None:
            hi, prio = head.own_end if head.own_end > head.line_end else head.end, 0
        else:
            nxt = next((o.start() for o in mentions[k + 1 :] if o.group("name").lower() != name.lower()), end)
            hi, prio = min(_sentence_window(t, m.end(), end), max(nxt, m.end())), 1
        found = _Found(name, (m.start(), m.end()), prio, "ceremony")
        for dm in find_dates(t, m.end(), hi):
            if dm.date:
                found.date = (dm.start, dm.end, dm.date, dm.time)
                break
        found.place = _place(t, m.end(), hi)
        out.append(found)
    return out


def _heading_events(doc: Doc, hs: list) -> list[_Found]:
    """ "2. Lễ hưởng ứng Ngày Pháp luật năm 2024" + "Thời gian: …" / "Tổ chức vào … ngày …"."""
    t = doc.t
    out: list[_Found] = []
    for h in hs:
        title = h.title.rstrip(" .:;")
        lead = body_rx("event_organize_lead").match(
            title
        )  # "5. Tổ chức Ngày hội chuyển đổi số …": the heading keeps its words
        if (
            is_upper_line(title)
            or not rx("event_head").match(title, lead.end() if lead else 0)
            or find_dates(title)
        ):
            continue
        if ":" in title or len(title) > _NAME_MAX:
            continue
        lo, hi = h.line_end, h.own_end if h.own_end > h.line_end else h.end
        found = _Found(title, (h.title_start, h.title_start + len(title)), 0, "heading")
        for line in re.finditer(r"[^\n]+", t[lo:hi]):
            ls, le = lo + line.start(), lo + line.end()
            if not (rx("event_detail_line").match(t, ls, le) or rx("event_organized_line").match(t, ls, le)):
                continue
            if found.date is None:
                found.date = _event_date(t, ls, le)
            if found.place is None:
                found.place = _place(t, ls, le)
        if found.date:
            out.append(found)
    return out


def _mask_quotes(s: str) -> str:
    """``s`` with quoted text blanked (same length), so its commas do not cut a name; so is
    the comma of "phòng, chống" ("Diễn tập phòng, chống lụt bão"), one compound verb."""
    s = re.sub(r"“[^”\n]*”|\"[^\"\n]*\"", lambda m: "_" * len(m.group()), s)
    return body_rx("event_compound_verb").sub(lambda m: m.group().replace(",", "_"), s)


def _sentence_events(doc: Doc) -> list[_Found]:
    """ "Cuộc thi vòng chung kết diễn ra vào 14 giờ 00 ngày 25/4/2025 tại phòng đa năng"."""
    t, end = doc.t, doc.main_end
    out: list[_Found] = []
    head_rx = rx("event_head")
    for dm in find_dates(t, 0, end):
        if not dm.date or dm.kind != "date" or _is_deadline(t, dm):
            continue
        lo = max(t.rfind("\n", 0, dm.start), t.rfind(". ", 0, dm.start), t.rfind(";", 0, dm.start))
        lo = max(lo, t.rfind("|", 0, dm.start), 0)
        before = t[lo : dm.start]
        conn = rx("event_connector").search(before)
        stretch = _mask_quotes(before[: conn.start()] if conn else before)
        cut = max(stretch.rfind(","), stretch.rfind(":"), stretch.rfind("("), stretch.rfind(")"))
        # a name may keep a bracket of its own ("Vòng chung khảo (cấp thành phố)")
        if cut >= 0 and stretch[cut] == ")" and "(" in stretch[:cut]:
            cut = max(
                stretch.rfind(",", 0, stretch.rfind("(", 0, cut)),
                stretch.rfind(":", 0, stretch.rfind("(", 0, cut)),
            )
        seg_lo = cut + 1
        head = None
        for hm in head_rx.finditer(stretch, seg_lo):
            lead = stretch[seg_lo : hm.start()]
            if re.fullmatch(r"[\s\-+*•·#\d.)]*", lead) or body_rx("event_name_lead_verb").search(lead):
                head = hm
            break
        if head is None and conn and ":" in conn.group() and ":" not in stretch:
            # a schedule line "- Bế mạc, trao giải: 14 giờ 00 ngày …": the whole label
            head = head_rx.match(stretch, re.match(r"[\s\-+*•·]*", stretch).end())
        if head is None:
            continue
        name = clean(before[head.start() : len(stretch)].rstrip(" ,:")) or ""
        seg_s, seg_e = lo + head.start(), lo + len(stretch)
        at = rx("event_place_at").search(t, seg_s, seg_e)
        place = None
        if at and at.start() > seg_s:  # "Tổ chức diễn tập … tại xã X vào hồi 7 giờ 30 …": its place
            place = (at.start("place"), at.end("place"), at.group("place"))
            name = clean(t[seg_s : at.start()].rstrip(" ,")) or ""
        words = len(re.sub(r"“[^”]*”|\"[^\"]*\"", " ", name).split())
        if not name or len(name) > _NAME_MAX or words > _NAME_WORDS:
            continue
        ceremony = body_rx("event_name").match(name)
        if ceremony:
            name = ceremony.group("name")  # named ceremonies keep their short name
        s = lo + head.start()
        found = _Found(name, (s, s + len(name)), 1, "sentence")
        found.date = (dm.start, dm.end, dm.date, dm.time or _time_after(t, dm.end, end))
        found.place = _place(t, dm.end, _sentence_window(t, dm.end, end)) or place
        out.append(found)
    return out


def _table_events(doc: Doc, hs: list) -> list[_Found]:
    """A table of activities with a "Thời gian" column: a row whose time cell (or day
    cell) holds one date is an event ("Lễ khai mạc … | 7h30, 01/10/2025 | Hội trường UBND
    phường"), unless it is paperwork due that day (:func:`_row_is_event`); a date range
    or a month is a period, not an event."""
    t, out = doc.t, []
    when_rx = body_rx("event_table_time_header")
    place_rx, day_rx = body_rx("event_table_place_header"), body_rx("event_table_day_header")
    for h in hs:
        names, rows, col = table_rows(doc, h.line_end, h.own_end)
        when = next((j for j, n in enumerate(names) if j != col and when_rx.match(n)), None)
        # a schedule's day column ("Ngày | Thời gian | Nội dung"): the date of a time cell
        # that gives only hours ("7h00 - 8h30"); without a time column it is the time cell
        day = next((j for j, n in enumerate(names) if j not in (col, when) and day_rx.match(n)), None)
        if when is None:
            when, day = day, None
        if col is None or when is None:
            continue
        where = next((j for j, n in enumerate(names) if place_rx.match(n)), None)
        for r in rows:
            if r[col] is None or r[when] is None:
                continue
            (s, e), (ws, we) = r[col], r[when]
            # a cell a page break split: its span is the first piece, its text the whole
            name = clean(getattr(r[col], "text", None) or t[s:e].strip(" *|")) or ""
            dates = [d for d in find_dates(t, ws, we) if d.date]
            by_day = not dates and day is not None and r[day] is not None
            if by_day:
                dates = [d for d in find_dates(t, *r[day]) if d.date]
            if len(dates) != 1 or dates[0].kind != "date" or not _row_is_event(t, name, dates[0]):
                continue
            d = dates[0]
            time = d.time or _time_after(t, ws, we, anywhere=True) or (_hour(t, ws, we) if by_day else None)
            span = (s, min(s + len(name), e))
            found = _Found(name, span, 0, "table", date=(d.start, d.end, d.date, time))
            if where is not None and r[where] is not None:
                ps, pe = r[where]
                found.place = (ps, pe, t[ps:pe].strip(" *|"))
            else:  # no place column: "7h30 ngày 01/10/2025, tại Hội trường UBND xã"
                found.place = _place(t, ws, we)
            out.append(found)
    return out


def _row_is_event(t: str, name: str, d: DateMention) -> bool:
    """A row of a table of activities whose time cell holds one day is a happening of that
    day (docs/schema.md: "a dated row of a table of activities" keeps its words), whatever
    its noun ("Khen thưởng tập thể … | 26/4/2023", "Tập huấn kỹ năng … | 15/6/2019"); not
    a time limit ("Trước ngày 15/10") nor a report or a plan to hand in by that day
    ("Tổng hợp, báo cáo kết quả về UBND huyện | 30/6/2019")."""
    lead = body_rx("event_organize_lead").match(name)  # "Tổ chức Lễ phát động …"
    if rx("event_head").match(name, lead.end() if lead else 0):
        return True
    return not _is_deadline(t, d) and not body_rx("event_table_paperwork").match(name)


def _hour(t: str, lo: int, hi: int) -> str | None:
    """ "HH:MM" of the first hour in a time cell that gives only hours ("7h00 - 8h30")."""
    m = body_rx("event_table_hour").search(t, lo, hi)
    if not m:
        return None
    h, mi = int(m.group("h")), int(m.group("mi") or 0)
    return f"{h:02d}:{mi:02d}" if h < 24 and mi < 60 else None


def _merge(items: list[_Found]) -> list[_Found]:
    """One event per name; then one per date when a name only lengthens another."""
    by_key: dict[str, list[_Found]] = {}
    for f in items:
        by_key.setdefault(_key(f.name), []).append(f)
    merged: list[_Found] = []
    for group in sorted(by_key.values(), key=lambda g: min(f.span[0] for f in g)):
        group.sort(key=lambda f: (f.prio, f.span[0]))
        dated = next((f for f in group if f.date), None)
        placed = next((f for f in group if f.place), None)
        if not dated and not placed:
            continue
        best = _Found(group[0].name, (dated or placed).span, group[0].prio, (dated or placed).source)
        best.date, best.place = (dated.date if dated else None), (placed.place if placed else None)
        if best.date and best.date[3] is None:
            same = (f.date[3] for f in group if f.date and f.date[2] == best.date[2] and f.date[3])
            best.date = (*best.date[:3], next(same, None))
        merged.append(best)
    keep: list[_Found] = []
    for f in merged:
        twin = next(
            (
                o
                for o in keep
                if o.date
                and f.date
                and o.date[2] == f.date[2]
                and (_key(o.name).startswith(_key(f.name)) or _key(f.name).startswith(_key(o.name)))
            ),
            None,
        )
        if twin is None:
            keep.append(f)
            continue
        # a heading's full name beats a short mention of it; otherwise the short name stays
        if (f.source == "heading") != (twin.source == "heading"):
            winner, loser = (f, twin) if f.source == "heading" else (twin, f)
        else:
            winner, loser = (twin, f) if len(twin.name) <= len(f.name) else (f, twin)
        winner.place = winner.place or loser.place
        if winner.date and winner.date[3] is None and loser.date and loser.date[3]:
            winner.date = (*winner.date[:3], loser.date[3])
        keep[keep.index(twin)] = winner
    return keep


def extract_events(doc: Doc) -> list[Event]:
    hs = headings(doc)
    found = (
        _ceremony_mentions(doc, hs)
        + _heading_events(doc, hs)
        + _sentence_events(doc)
        + _table_events(doc, hs)
    )
    events: list[Event] = []
    for n, f in enumerate(_merge(found)):
        ev = Event(name=f.name[:1].upper() + f.name[1:])
        doc.ev(f"events[{n}].name", *f.span, f"events.{f.source}")
        if f.date:
            s, e, ev.date, ev.time = f.date
            doc.ev(f"events[{n}].date", s, e, "events.date")
        if f.place:
            s, e, p = f.place
            ev.place = clean(p.rstrip(". "))
            doc.ev(f"events[{n}].place", s, e, "events.place")
        events.append(ev)
    return events
