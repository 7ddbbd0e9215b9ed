"""Schedule fields of a plan: theme, period, the one year a title names, events and
deadlines. Helpers of :mod:`pipeline.extract`; headings come from
:mod:`pipeline.fields_body` (one numbering tree per document)."""

from __future__ import annotations

import re

from .dates import find_dates
from .fields_body import headings
from .fields_common import Doc, body_rx, clean, rx
from .records import Deadline, Event, Period

_PERIOD_WINDOW = 400


# ------------------------------------------------------------------ theme / period


def extract_theme(doc: Doc) -> str | None:
    best = None
    for rule in ("theme_quoted", "theme_with", "theme_heading"):
        m = rx(rule).search(doc.t, 0, doc.main_end)
        if m and (best is None or m.start() < best[1].start()):
            best = (rule, m)
    if best is None:
        return None
    rule, m = best
    doc.ev("theme", m.start("theme"), m.end("theme"), rule)
    return clean(m.group("theme").rstrip(". "))


def extract_period(doc: Doc) -> Period:
    t, end = doc.t, doc.main_end
    cues = list(rx("period_cue").finditer(t, 0, end))
    cues.sort(key=lambda m: (0 if "gian" in m.group().lower() else 1, m.start()))
    for cue in cues:
        for mention in find_dates(t, cue.start(), min(end, cue.end() + _PERIOD_WINDOW)):
            if mention.kind == "range" and mention.date and mention.end_date:
                doc.ev("period", mention.start, mention.end, "period.cue")
                return Period(mention.date, mention.end_date)
    for mention in find_dates(t, 0, end):
        if mention.kind == "range" and mention.date and mention.end_date:
            doc.ev("period", mention.start, mention.end, "period.first_range")
            return Period(mention.date, mention.end_date)
    return Period()


def single_year(title: str) -> int | None:
    """The one year a title names ("… năm 2024"); None for spans ("đến năm 2025",
    "giai đoạn 2021 - 2030") or when two different years are named."""
    years = {int(m.group("year")) for m in body_rx("year_single").finditer(title)}
    return years.pop() if len(years) == 1 else None


# ------------------------------------------------------------------ events


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


def extract_events(doc: Doc) -> list[Event]:
    t, end = doc.t, doc.main_end
    hs = headings(doc)
    mentions = list(body_rx("event_name").finditer(t, 0, end))
    found: dict[str, list[tuple[int, int, dict]]] = {}
    for k, m in enumerate(mentions):
        name = m.group("name")
        key = re.sub(r"\s+", " ", name).lower()
        head = next((h for h in hs if h.start <= m.start() < h.line_end), None)
        if head is not None:
            hi, prio = head.own_end if head.own_end > head.line_end else head.end, 0
        else:
            nxt = next((o.start() for o in mentions[k + 1 :] if o.group("name").lower() != name.lower()), end)
            hi, prio = min(_sentence_window(t, m.end(), end), max(nxt, m.end())), 1
        info: dict = {"name": (m.start(), m.end())}
        for dm in find_dates(t, m.end(), hi):
            if dm.date:
                info["date"] = (dm.start, dm.end, dm.date, dm.time)
                break
        place = rx("event_place").search(t, m.end(), hi)
        if place:
            info["place"] = (place.start("place"), place.end("place"), place.group("place"))
        else:
            at = re.compile(r"\btại\s+(?P<p>[A-ZĐ][^,;.\n]{2,80})").search(t, m.end(), hi)
            if at:
                info["place"] = (at.start("p"), at.end("p"), at.group("p"))
        found.setdefault(key, []).append((prio, m.start(), info))
    events: list[Event] = []
    for key, items in sorted(found.items(), key=lambda kv: min(i[1] for i in kv[1])):
        items.sort(key=lambda x: (x[0], x[1]))
        dated = next((i for _, _, i in items if "date" in i), None)
        placed = next((i for _, _, i in items if "place" in i), None)
        if not dated and not placed:
            continue
        ev = Event(name=key[:1].upper() + key[1:])
        n = len(events)
        src = dated or placed
        doc.ev(f"events[{n}].name", *src["name"], "events.name")
        if dated:
            s, e, ev.date, ev.time = dated["date"]
            if ev.time is None:
                ev.time = next(
                    (
                        i["date"][3]
                        for _, _, i in items
                        if "date" in i and i["date"][2] == ev.date and i["date"][3]
                    ),
                    None,
                )
            doc.ev(f"events[{n}].date", s, e, "events.date")
        if placed:
            s, e, p = placed["place"]
            ev.place = clean(p.rstrip(". "))
            doc.ev(f"events[{n}].place", s, e, "events.place")
        events.append(ev)
    return events


# ------------------------------------------------------------------ deadlines


def extract_deadlines(doc: Doc, issued: str | None = None) -> list[Deadline]:
    """The document's own deadlines. One dated before ``issued`` (the document's date) is
    an old deadline the text recalls ("… báo cáo trước ngày 30/11/2012. Đến nay …")."""
    t, end = doc.t, doc.main_end
    out: list[Deadline] = []
    seen: set[tuple[int, str | None]] = set()
    cue = rx("deadline_cue")
    for dm in find_dates(t, 0, end):
        is_deadline = dm.kind == "deadline" or bool(cue.search(t[max(0, dm.start - 30) : dm.start]))
        if not is_deadline or dm.date is None or (issued and dm.date < issued):
            continue
        if any(abs(dm.start - s) < 20 and d == dm.date for s, d in seen):
            continue
        seen.add((dm.start, dm.date))
        lo = max(t.rfind(". ", 0, dm.start), t.rfind("\n", 0, dm.start), t.rfind(";", 0, dm.start), 0)
        sentence = t[lo : dm.start]
        action = body_rx("deadline_action").search(sentence)
        tos = list(body_rx("deadline_to").finditer(sentence))
        if not action and not tos:
            continue  # a bare time limit ("tập trung trước 6 giờ 30") is not a deadline
        n = len(out)
        deadline = Deadline(date=dm.date)
        if action:
            deadline.action = clean(action.group("action"))
        if tos:
            deadline.to = clean(tos[-1].group("to"))
        doc.ev(f"deadlines[{n}]", lo, dm.end, "deadlines")
        out.append(deadline)
    return out
