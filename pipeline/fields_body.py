"""Body fields of a plan: theme, period, events, deadlines, activities, assignments, budget.

Helpers of :mod:`pipeline.extract`. Headings are read with the ``heading_line`` rule (one
numbering tree per document: Roman → 1. → 1.1. → a)), so these fields do not depend on
how the segmenter labels sections; annexes are excluded through ``Doc.main_end``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from . import patterns
from .activity_category import categorize
from .dates import find_dates
from .fields_common import Doc, body_rx, clean, expand_abbreviations, rx, trim_span
from .fields_tables import table_rows
from .records import Activity, Assignment

_SENTENCE_MIN = 40  # characters: shorter headings name a section ("1. Công tác tuyên truyền")
_BULLET = re.compile(r"^[ \t]*[-+•·–]{1,2}[ \t]+")  # OCR doubles a dash ("-- Tổ chức …")


@dataclass
class Heading:
    start: int  # line start
    line_end: int
    label: str
    title: str
    depth: int
    end: int = 0  # end of its whole subtree
    own_end: int = 0  # end of its own text (first child heading)
    parent: int | None = None
    title_start: int = 0


def _depth(label: str) -> int:
    label = label.rstrip(".)")
    if re.fullmatch(r"[IVXL]+", label) or label.startswith("Điều"):
        return 0
    if re.fullmatch(r"[a-zđ]", label):
        return 5
    return label.count(".") + 1


def headings(doc: Doc) -> list[Heading]:
    t, end = doc.t, _body_end(doc)
    out: list[Heading] = []
    for m in rx("heading_line").finditer(t, 0, end):
        title = clean(m.group("title")) or ""
        if len(title) < 2:
            continue
        if m.group("label").isdigit() and title[:1].islower():
            continue  # "3 nhà trường tổ chức …": a wrapped line starting with a number
        if not (title[:1].isalpha() or title[:1] in "\"“‘'(["):
            continue  # "01 - 07/10/2022", "3 | 4": a date range or table cells, not a heading
        label = m.group("label")
        h = Heading(m.start(), m.end(), label, title, _depth(label), title_start=m.start("title"))
        out.append(_with_caps_wrap(t, h, end))
    for i, h in enumerate(out):
        h.end = next((o.start for o in out[i + 1 :] if o.depth <= h.depth), end)
        h.own_end = out[i + 1].start if i + 1 < len(out) else end
        h.own_end = min(h.own_end, h.end)
        for j in range(i - 1, -1, -1):
            if out[j].depth < h.depth:
                h.parent = j
                break
    return out


def _with_caps_wrap(t: str, h: Heading, end: int) -> Heading:
    """An all-caps heading wrapped over two lines ("III. NỘI DUNG VÀ CÁC HOẠT ĐỘNG" /
    "CỤ THỂ CỦA TUẦN LỄ"): the next line, all caps too and neither numbered nor a bullet,
    is the rest of its title, not its first item."""
    if not _all_caps(h.title):
        return h
    nl = t.find("\n", h.line_end + 1, end)
    nxt = t[h.line_end + 1 : nl if nl != -1 else end]
    line = nxt.strip(" \t*#")
    if (
        not line
        or len(line) > 80
        or not _all_caps(line)
        or rx("heading_line").match(nxt)
        or _BULLET.match(nxt)
        or not t.startswith("\n", h.line_end)
    ):
        return h
    stop = h.line_end + 1 + len(nxt.rstrip(" \t*"))
    return replace(h, line_end=stop, title=clean(f"{h.title} {line}") or h.title)


def _all_caps(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def _body_end(doc: Doc) -> int:
    m = rx("closing_start").search(doc.t, 0, doc.main_end)
    return m.start() if m else doc.main_end


def _chain(hs: list[Heading], i: int) -> list[Heading]:
    out, k = [], i
    while k is not None:
        out.append(hs[k])
        k = hs[k].parent
    return out


# ------------------------------------------------------------------ activities


def _items(t: str, lo: int, hi: int, attributes: bool = False) -> list[tuple[int, int]]:
    """List items (bullets, with their continuation lines) or, if none, paragraphs; with
    ``attributes``, lines giving an activity's attributes ("+ Số lượng: …") are left out."""
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", t[lo:hi])]
    lines = [(lo + s, lo + e) for s, e in lines if t[lo + s : lo + e].strip(" \t*#")]
    bullets = any(_BULLET.match(t[s:e]) for s, e in lines)
    out: list[list[int]] = []
    # after a "… các khẩu hiệu:" line, its list (one bullet mark) holds slogans, not activities
    slogans: str | None = None  # "" = announced, mark not seen yet; else the slogans' mark
    for s, e in lines:
        text = t[s:e]
        body = _BULLET.sub("", text).strip(" *")
        if rx("event_detail_line").match(text) or rx("activity_scope_line").match(text) or not body:
            continue
        if (
            _only_deadline(body)
            or rx("activity_period_line").match(text)
            or rx("activity_annex_pointer").match(text)
        ):
            continue
        if attributes and (
            rx("activity_attribute_line").match(text)
            or rx("activity_flat_table_line").match(text)
            or rx("activity_table_cell_line").match(text)
        ):
            continue
        mark = text.lstrip()[:1] if _BULLET.match(text) else None
        if mark and slogans is not None and slogans in ("", mark):
            slogans = mark
            continue
        if bullets and not mark:
            announces = bool(rx("slogan_intro").search(body))
            if out and body[:1].islower() and s - out[-1][1] < 4 and slogans is None:
                out[-1][1] = e
            elif announces:
                out.append([s + (len(text) - len(text.lstrip(" \t*"))), e])
            slogans = "" if announces else None
            continue
        slogans = None
        if not bullets and body.endswith(":"):
            continue
        if (
            not bullets
            and out
            and body[:1].islower()
            and not t[out[-1][0] : out[-1][1]].rstrip().endswith((".", ":", ";"))
        ):
            # a sentence broken over a page or a blank line ("… năm 2020" / "và nguồn kinh phí …")
            out[-1][1] = e
            continue
        out.append([s + (len(text) - len(text.lstrip(" \t-+•·–*"))), e])
    return [(s, e) for s, e in out]


def _only_deadline(line: str) -> bool:
    """The line only says where and by when something is sent ("Bài dự thi gửi về Thư viện
    nhà trường trước ngày 25/3/2022."): a deadline, not an activity. What is sent stands
    before the sending verb and holds no verb of its own."""
    sent = body_rx("deadline_sent").search(line)
    if not sent or not rx("deadline_cue").search(line[sent.end() :].split("ngày")[0] + " ngày "):
        return False
    return not body_rx("deadline_clause_verb").search(line[: sent.start()])


def _table_items(doc: Doc, lo: int, hi: int) -> list[tuple[int, int]]:
    """The activity cell of each row of a table of activities; [] when there is none."""
    _, rows, col = table_rows(doc, lo, hi)
    if col is None:
        return []
    return [r[col] for r in rows if r[col] and doc.t[r[col][0] : r[col][1]].strip(" *|")]


def _dates_the_activities(t: str, s: int, e: int) -> bool:
    """A passive sentence with a date ("Ngày hội được tổ chức … trong tháng 11/2023"): it says
    when, in a section that names time; an action with a date ("Tổ chức Ngày hội … ngày
    21/4") stays an activity."""
    return bool(rx("activity_passive_when").search(t, s, e)) and any(d.date for d in find_dates(t, s, e))


def _not_activity(title: str, sentence: bool = False) -> bool:
    """The heading names no activity section ("Tổ chức thực hiện", "Thời gian"). With
    ``sentence`` (an item written as a sub-heading, "a) Đài Truyền thanh xã phát thanh …
    trong suốt thời gian diễn ra Tuần lễ."), only the words it opens with count."""
    if sentence:
        return bool(rx("section_not_activity").match(title) or rx("section_time_or_theme").match(title))
    if rx("section_not_activity").search(rx("section_time_or_theme").sub("", title)):
        return True  # "Tổ chức thực hiện", "Phân công nhiệm vụ", "Kinh phí" …
    return bool(rx("section_time_or_theme").search(title)) and not rx("section_activity").search(title)


def _sentence_heading(t: str, h: Heading) -> bool:
    """The heading is a whole action sentence ("a) Cấp phát tờ rơi, tài liệu … khu công
    nghiệp."): longer than a section name, not announcing a list (":"), and with nothing
    under it but its own lower-case continuation lines or a deadline line. A section would
    hold its items, so a leaf with nothing under it is an item even when its final dot is
    left out ("a) Quyên góp sách giáo khoa cũ tặng học sinh có hoàn cảnh khó khăn")."""
    body = "\n".join(
        x for x in t[h.line_end : h.own_end].strip().split("\n") if not _only_deadline(x)
    ).strip()
    title = h.title.rstrip(" *")
    if title.endswith(":") or (body and not body[:1].islower()):
        return False
    return len(title) >= _SENTENCE_MIN


def _with_bracket(t: str, h: Heading) -> Heading:
    """The heading with the lines that close a bracket its line left open ("1. Phát động …
    (Thời gian thực hiện: ngày 04/10/2021;" / "Đơn vị chủ trì: Văn phòng xã).", a line
    break a PDF kept): they are its text, not its body."""
    if h.title.count("(") <= h.title.count(")"):
        return h
    close = t.find(")", h.line_end, h.own_end)
    if close == -1 or "\n\n" in t[h.line_end : close]:
        return h
    nl = t.find("\n", close, h.own_end)
    end = h.own_end if nl == -1 else nl
    return replace(h, line_end=end, title=clean(t[h.title_start : end]) or h.title)


def extract_activities(doc: Doc) -> list[Activity]:
    t = doc.t
    hs = headings(doc)
    act = rx("section_activity")
    out: list[Activity] = []
    for i, h in enumerate(hs):
        h = _with_bracket(t, h)
        chain = [h, *_chain(hs, i)[1:]]
        # a heading that names both an activity word and a time or theme word ("II. THỜI
        # GIAN, HÌNH THỨC TỔ CHỨC") leaves it to its children; "PHÂN CÔNG NHIỆM VỤ" stays out
        sentence = (
            h.own_end == h.end and len(h.title) >= _SENTENCE_MIN and not h.title.rstrip(" *").endswith(":")
        )
        if not any(act.search(c.title) for c in chain) or any(
            _not_activity(c.title, sentence and c is h) for c in chain
        ):
            continue
        label = h.label or h.title  # schema: the section's numbering as written, else its title
        items = _table_items(doc, h.line_end, h.own_end) or _items(t, h.line_end, h.own_end, True)
        if rx("section_time_or_theme").search(h.title):
            # "II. THỜI GIAN, HÌNH THỨC" with no sub-headings: a paragraph that dates the
            # activities ("Ngày hội được tổ chức … trong tháng 11/2023 …") says when, not what
            items = [(s, e) for s, e in items if not _dates_the_activities(t, s, e)]
        context = chain
        body = t[h.line_end : h.own_end].strip()
        says_when = (
            rx("event_detail_line").search(t, h.line_end, h.own_end)
            or rx("activity_attribute_line").search(t, h.line_end, h.own_end)
            or rx("activity_when_line").match(body)
        )
        if h.own_end == h.end and says_when and (not items or rx("activity_when_line").match(body)):
            # a leaf heading whose body only gives time/place/participants names the activity
            # ("2.1. Lễ khai mạc." + "* Thời gian: …", "3. Lễ tổng kết" + "Tổ chức vào 14 giờ …");
            # its body says what it is for
            s, e = trim_span(t, h.title_start, h.line_end)
            items = [(s, len(t[s:e].rstrip(". ")) + s)]
            purpose = rx("activity_place_phrase").sub("", t[h.line_end : h.own_end])  # not its place
            context = [
                Heading(h.line_end, h.own_end, "", clean(purpose) or "", 0),
                *chain[1:],
            ]
        elif (not items or body[:1].islower()) and h.own_end == h.end and _sentence_heading(t, h):
            # an item written as a sub-heading: "a) Tổ chức tuyên truyền trên Đài …", "1. Các
            # cơ sở giáo dục tổ chức …" — a whole action sentence with nothing under it; its
            # label is the item's mark, so the section is the heading above
            rest = [x for x in t[h.line_end : h.own_end].split("\n") if x.strip() and not _only_deadline(x)]
            items = [trim_span(t, h.title_start, h.own_end if rest else h.line_end)]
            parent = chain[1] if len(chain) > 1 else None
            if parent is not None:
                label = parent.label or parent.title
        for item in items:
            s, e = item
            # a table cell a page break split: its span is the first piece, its text the whole
            text = clean(getattr(item, "text", None) or t[s:e])
            if not text:
                continue
            doc.ev(f"activities[{len(out)}]", s, e, "activities")
            category = categorize(text)
            if category == "khac":  # slogans etc.: the section says what they are for
                category = next((c for c in (categorize(x.title) for x in context) if c != "khac"), "khac")
            out.append(Activity(text=text, category=category, section=clean(label)))
    return out


# ------------------------------------------------------------------ assignments


def _role(tasks: list[str]) -> str:
    if not tasks:
        return "assignee"
    if any(rx("role_lead").match(x) for x in tasks[:2]):
        return "lead"
    support = sum(bool(rx("role_support").match(x)) for x in tasks)
    if rx("role_support").match(tasks[0]) or support * 2 > len(tasks):
        return "support"
    return "assignee"


def _agency(raw: str) -> str:
    """The agency an assignment line names; "" for a label that names none ("Kinh phí")."""
    if rx("assignment_not_agency").match(raw):
        return ""
    raw = rx("assignment_prefix").sub("", clean(raw) or "")
    raw = expand_abbreviations(_expand_body_abbreviations(raw))
    return (clean(raw.rstrip(". ")) or "").rstrip(".")


@cache
def _body_abbr_rules() -> list[tuple[re.Pattern[str], str]]:
    """The school-level abbreviations ("THCS") of ``body.yaml``, compiled once, longest first
    within an entry; the agency ones are :func:`expand_abbreviations`'s."""
    return [
        (re.compile(rf"(?<![\wÀ-ỹ&]){re.escape(abbr)}(?![\wÀ-ỹ&])"), entry["expansion"])
        for entry in patterns.table("body")
        if entry.get("kind") == "abbr"
        for abbr in sorted(entry["abbr"], key=len, reverse=True)
    ]


def _expand_body_abbreviations(s: str) -> str:
    for rx_abbr, expansion in _body_abbr_rules():
        s = rx_abbr.sub(expansion, s)
    return s


def extract_assignments(doc: Doc) -> list[Assignment]:
    t = doc.t
    hs = headings(doc)
    impl = next((i for i, h in enumerate(hs) if rx("section_implementation").search(h.title)), None)
    if impl is None:
        return []
    top = hs[impl]
    kids = [(i, h) for i, h in enumerate(hs) if i > impl and h.start < top.end]
    if kids:
        depth = min(h.depth for _, h in kids)
        kids = [(i, h) for i, h in kids if h.depth == depth]
    out: list[Assignment] = []
    for _, h in kids:
        head, _, inline = h.title.partition(":")
        said = None if inline else _assignment_sentence(h.title)
        if said:  # "1. Giao Trung tâm học tập cộng đồng xã chủ trì, phối hợp … ."
            head, inline = said
        tasks = [clean(inline)] if clean(inline) else []
        for s, e in _items(t, h.line_end, h.end):
            task = clean(t[s:e])
            if task and not rx("heading_line").match(t[s:e]):
                tasks.append(task)
        agency = _agency(head)
        if not agency:
            continue
        n = len(out)
        m = re.search(re.escape(head.strip()[:30]), t[h.start : h.line_end])
        if m:
            doc.ev(
                f"assignments[{n}].agency",
                h.start + m.start(),
                h.start + m.start() + len(head.strip()),
                "assignments",
            )
        out.append(
            Assignment(
                agency=expand_abbreviations(agency) if "UBND" in agency else agency,
                role=_role(tasks),
                tasks=tasks,
            )
        )
    if not kids:
        out = _inline_assignments(doc, top)
    return out


def _assignment_sentence(title: str) -> tuple[str, str] | None:
    """(agency, task) of a heading written as a whole sentence ("Đề nghị Hội Khuyến học xã
    phối hợp bình xét …; lập danh sách …."): long, and its task ends a sentence or holds a
    comma, so a name like "Ban Chỉ đạo xây dựng xã hội học tập huyện" stays whole."""
    m = rx("assignment_sentence").match(title)
    if not m or len(title) < _SENTENCE_MIN:
        return None
    task = title[m.end("agency") :].strip(" ,")
    if len(task.split()) < 3 or not (task.rstrip(" *").endswith((".", ";")) or "," in task):
        return None
    return title[: m.end("agency")], task


def _inline_assignments(doc: Doc, top: Heading) -> list[Assignment]:
    """Items under a heading without sub-headings: "- Sở Giáo dục và Đào tạo: chủ trì …"
    or a sentence "- Giao Sở Giáo dục và Đào tạo chủ trì …" (``assignment_sentence``)."""
    t, out = doc.t, []
    for s, e in _items(t, top.line_end, top.end):
        item = t[s:e]
        m = re.match(r"(?P<agency>[^:]{3,150}):\s*(?P<task>.+)", item)
        rule = "assignments.inline"
        if not m or not rx("assignment_inline_agency").match(m.group("agency")):
            m = rx("assignment_sentence").match(item)
            rule = "assignment_sentence"
            if not m:
                continue
            task = item[m.end("agency") :].lstrip(" ,")
        else:
            task = m.group("task")
        tasks = [clean(task) or ""]
        agency = _agency(m.group("agency"))
        if not agency:
            continue
        doc.ev(f"assignments[{len(out)}].agency", s + m.start("agency"), s + m.end("agency"), rule)
        out.append(Assignment(agency=agency, role=_role(tasks), tasks=tasks))
    return out


# ------------------------------------------------------------------ budget


def extract_budget(doc: Doc) -> str | None:
    """The source of the funds: the budget section's first item, an inline "Kinh phí: …"
    heading or a "Kinh phí …" sentence, narrowed to its "(từ) nguồn … / ngân sách …" part
    when it names one ("Kinh phí thực hiện: từ nguồn ngân sách huyện …" → "Từ nguồn ngân
    sách huyện …")."""
    t = doc.t
    span, rule = None, "budget.section"
    for h in headings(doc):
        # the heading's own name, not a task after its colon ("2. Phòng Tài chính: bố trí kinh phí …")
        if rx("section_budget").search(h.title.partition(":")[0]):
            items = _items(t, h.line_end, h.end)
            if items:
                # "IV. CƠ CẤU GIẢI THƯỞNG VÀ KINH PHÍ": the item that speaks of the funds
                funds = (
                    i
                    for i in items
                    if rx("section_budget").search(t, *i) or rx("budget_source").search(t, *i)
                )
                span = next(funds, items[0])
            elif clean(h.title.partition(":")[2]):
                span = (h.title_start + h.title.index(":") + 1, h.line_end)
            if span:
                break
    if span is None:
        m = rx("budget_sentence").search(t, 0, doc.main_end)
        if not m:
            return None
        span, rule = (m.start("budget"), m.end("budget")), "budget_sentence"
    s, e = span
    label = rx("budget_label").match(t[s:e])
    if label:  # "Nguồn kinh phí thực hiện: từ ngân sách quận …"
        s += label.end()
    src = rx("budget_source").search(t, s, e)
    if src:
        # "Kinh phí hoạt động của Hội và nguồn tài trợ của …": the "nguồn" a "và" adds is the
        # second source of a list whose first one opens the item; the whole list is the answer
        joined = rx("budget_list_and").search(t[s : src.start()]) and src.group()[:3].lower() != "từ "
        s, e = (s if joined else src.start()), src.end()
    s, e = trim_span(t, s, e)
    value = clean(t[s:e].rstrip(". "))
    if not value:
        return None
    doc.ev("budget", s, e, rule)
    return value[:1].upper() + value[1:]
