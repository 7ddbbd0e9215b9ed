"""Deadlines of a document: a date after a deadline cue ("trước ngày", "chậm nhất là
ngày", "Thời hạn …:"), with the action due by then and its addressee ("báo cáo kết quả
về Phòng Giáo dục và Đào tạo trước ngày 18/10/2022"). Helper of :mod:`pipeline.extract`.
"""

from __future__ import annotations

import re

from .dates import find_dates
from .fields_common import Doc, body_rx, clean, expand_abbreviations, mask_name_commas, rx
from .records import Deadline

_CUE_WINDOW = 30  # characters before a date looked at for a deadline cue
_BARE_VERB_WORDS = 2  # "tổng hợp": a verb with no object of its own


def _sent_object(sentence: str) -> tuple[int, int] | None:
    """Span of what is sent when the sending verb comes after its object and before the
    addressee ("Bài dự thi gửi về Văn phòng …", "Phối hợp lập danh sách …, gửi về UBND
    phường …"): the clause before the verb, from its first verb (``deadline_clause_verb``,
    so an agency subject is left out) or, with none, with the verb kept ("Bài dự thi gửi")."""
    sent = list(body_rx("deadline_sent").finditer(sentence))
    if not sent:
        return None
    m = sent[-1]
    lo = max(sentence.rfind(":", 0, m.start()), sentence.rfind(";", 0, m.start())) + 1
    lo = max(lo, re.compile(r"[\s\-+*•·–.,]*(?:(?:\d{1,2}\.)+|[a-zđ]\))?\s*").match(sentence, lo).end())
    before = sentence[lo : m.start()]
    body = before.rstrip(" ,")
    body = body_rx("deadline_trailing_joiner").sub("", body)
    if not body.strip():
        return None
    verb = body_rx("deadline_clause_verb").search(body)
    result = verb and body_rx("deadline_result_noun").search(body[: verb.start()])
    if verb and result:  # "Kết quả thực hiện gửi về …": the results are what is sent
        return lo + result.start(), lo + len(body)
    if verb:
        end = len(body)
        for to in body_rx("deadline_to").finditer(body, verb.end()):
            if body_rx("deadline_to_preposition").match(to.group()):
                end = (
                    to.start()
                )  # "báo cáo … cho Ủy ban nhân dân huyện, gửi về …": the addressee is not the action
                break
        return lo + verb.start(), lo + len(body[:end].rstrip(" ,"))
    if before.rstrip().endswith(",") or len(body.split()) < 2:
        return None  # "…, gửi về": a clause without a verb is no action
    return lo + len(before) - len(before.lstrip()), m.end()


def _after_result_noun(sentence: str, m: re.Match[str]) -> re.Match[str]:
    """ "Kết quả thực hiện tổng hợp, báo cáo …": a verb right after "kết quả" names the
    results ("the results of implementing"), so the action is the next verb inside the match."""
    if not body_rx("deadline_result_noun").search(sentence[: m.start()]):
        return m
    inner = body_rx("deadline_action").search(sentence, m.start() + 1, m.end())
    return inner if inner and re.search(r"\s$", sentence[: inner.start()]) else m


def _action(sentence: str) -> tuple[int, int] | None:
    """Span of the reported action: what is sent when the object comes before the sending
    verb (:func:`_sent_object`); else the last action followed by its addressee ("báo cáo
    kết quả về Ban …", "báo cáo Bộ …"), else the last one; widened over the bare verbs
    coordinated before it ("tổng hợp, báo cáo kết quả"), and over the clause before a bare
    reported verb ("tổng hợp kết quả, báo cáo Hiệu trưởng")."""
    sent = _sent_object(sentence)
    if sent:
        return sent
    found = [
        _after_result_noun(sentence, m)
        for m in body_rx("deadline_action").finditer(sentence)
        if not body_rx("deadline_time_label").search(sentence[: m.start()])  # a label
    ]
    if not found:
        return None
    addressed, to = body_rx("deadline_action_addressed"), body_rx("deadline_to")
    spans: list[tuple[int, int]] = []
    kept: list[re.Match[str]] = []
    for m in found:
        inner = next((o for o in to.finditer(sentence, m.start()) if o.start("to") < m.end()), None)
        end = inner.start("to") if inner and inner.start("to") > m.start() else m.end()
        if body_rx("deadline_bare_send").fullmatch(sentence[m.start() : end]):
            continue  # "gửi Phòng …" names the addressee, not an action
        spans.append((m.start(), end))
        kept.append(m)
    found = kept
    if not found:
        return None
    picked = len(found) - 1  # after the bare sends are left out: an index into ``spans``
    for i in range(len(found) - 1, -1, -1):
        if addressed.match(sentence, found[i].end()) or spans[i][1] < found[i].end():
            picked = i
            break
    first = picked
    while (
        first > 0
        and len(sentence[spans[first - 1][0] : spans[first - 1][1]].split()) <= _BARE_VERB_WORDS
        and body_rx("deadline_verb_joiner").fullmatch(sentence[found[first - 1].end() : found[first].start()])
    ):
        first -= 1  # only bare verbs: "tổng hợp, báo cáo …", not "triển khai tại địa phương, báo cáo …"
    if (
        first == picked
        and first > 0
        and len(sentence[spans[first][0] : spans[first][1]].split()) <= _BARE_VERB_WORDS
        and re.fullmatch(r"\s*,\s*", sentence[spans[first - 1][1] : found[first].start()])
    ):
        first -= 1  # a bare verb reports what the clause before it did: "tổng hợp kết quả, báo cáo"
    return spans[first][0], spans[picked][1]


def _action_text(sentence: str, span: tuple[int, int]) -> str | None:
    text = clean(sentence[span[0] : span[1]]) or ""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        text = text[0].lower() + text[1:]  # a sentence-initial verb ("Gửi danh sách …")
    return text or None


def extract_deadlines(doc: Doc, issued: str | None = None) -> list[Deadline]:
    """The document's own deadlines. One dated before ``issued`` (the document's date) is
    an old deadline the text recalls ("… báo cáo trước ngày 30/11/2012. Đến nay …")."""
    t, end = doc.t, doc.main_end
    out: list[Deadline] = []
    seen: set[tuple[int, str | None]] = set()
    cue, line_cue = rx("deadline_cue"), rx("deadline_line_cue")
    for dm in find_dates(t, 0, end):
        line_lo = t.rfind("\n", 0, dm.start) + 1
        is_deadline = (
            dm.kind == "deadline"
            or bool(cue.search(t[max(0, dm.start - _CUE_WINDOW) : dm.start]))
            or bool(line_cue.search(t[line_lo : dm.start]))
        )
        if not is_deadline or dm.date is None or (issued and dm.date < issued):
            continue
        if any(abs(dm.start - s) < 20 and d == dm.date for s, d in seen):
            continue
        seen.add((dm.start, dm.date))
        lo = max(t.rfind(". ", 0, dm.start), t.rfind("\n", 0, dm.start), t.rfind(";", 0, dm.start), 0)
        sentence = t[lo : dm.start]
        action = _action(sentence)
        # commas inside a known name ("Sở Văn hóa, Thể thao và Du lịch") do not end the addressee
        tos = list(body_rx("deadline_to").finditer(mask_name_commas(sentence, ignore_case=True)))
        if not action and not tos:
            continue  # a bare time limit ("tập trung trước 6 giờ 30") is not a deadline
        n = len(out)
        deadline = Deadline(date=dm.date)
        if action:
            deadline.action = _action_text(sentence, action)
        if tos:
            to = clean(tos[-1].group("to").replace("\x00", ","))
            deadline.to = expand_abbreviations(to) if to else None
        doc.ev(f"deadlines[{n}]", lo, dm.end, "deadlines")
        out.append(deadline)
    return out
