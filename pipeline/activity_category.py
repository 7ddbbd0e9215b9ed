"""The category of an activity (``models/rules/activity_taxonomy.yaml``): the category of
the keyword in the item's leading verb phrase, else the one its keywords name most. Helper
of :mod:`pipeline.fields_body`."""

from __future__ import annotations

import re
from functools import cache

from . import patterns


@cache
def _keyword_rx() -> tuple[re.Pattern[str], dict[str, str], dict[str, int]]:
    """One alternation of every taxonomy keyword, longest first; keyword → category; and
    category → its place in the table (ties go to the earlier entry)."""
    table = patterns.table("activity_taxonomy")
    owner = {k: e["id"] for e in table for k in e.get("keywords") or []}
    alt = "|".join(re.escape(k) for k in sorted(owner, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alt})(?!\w)"), owner, {e["id"]: i for i, e in enumerate(table)}


_CLOSE_QUOTES = ("”", '"', "’")
_QUOTED_LIST = re.compile(r",\s*[“\"‘]")  # ", “" between two quoted names
_CLOSE_RX = re.compile(r"[”\"’]")


def categorize(text: str) -> str:
    """The category of the first keyword when it lies in the item's leading verb phrase
    (before the first ",", ";", ":" or "."): the gold's "category of the leading action". When
    the verb's object is a list of quoted names, the phrase runs to the list's end and the
    category named most often in it decides. Otherwise the category whose keywords hit most;
    the first hit, when it lies in the first clause (before ";" or "."), counts 3 more. A
    keyword inside a longer one counts for the longer ("thư viện điện tử" is not "thư viện").
    Ties go to the earlier table entry; no hit → khac."""
    keywords, owner, order = _keyword_rx()
    low = text.lower()
    hits = list(keywords.finditer(low))
    phrase = re.search(r"[,;:.](?:\s|$)", low)
    if phrase and low[phrase.start()] == "," and len(low[: phrase.start()].split()) <= 2:
        # a bare verb shares the object of the next one ("Trưng bày, giới thiệu sách mới …"):
        # the leading phrase runs on to the next stop, its most specific (longest) keyword decides
        nxt = re.compile(r"[,;:.](?:\s|$)").search(low, phrase.end())
        inside = [m for m in hits if m.start() < (nxt.start() if nxt else len(low))]
        if inside:
            return owner[max(inside, key=lambda m: (len(m.group()), -m.start())).group()]
    end = phrase.start() if phrase else len(low)
    if phrase and _QUOTED_LIST.match(low, phrase.start()) and low[:end].rstrip().endswith(_CLOSE_QUOTES):
        # the object is a list of quoted names ("xây dựng “tủ sách góc lớp”, “thư viện lưu
        # động”, “thư viện linh hoạt”"): the leading phrase runs to the list's end and the
        # category named most often in it decides, the first named on a tie
        while (m := _QUOTED_LIST.match(low, end)) and low[:end].rstrip().endswith(_CLOSE_QUOTES):
            stop = _CLOSE_RX.search(low, m.end())
            end = stop.end() if stop else len(low)
        named = [owner[m.group()] for m in hits if m.start() < end]
        if named:
            return max(dict.fromkeys(named), key=named.count)
    if hits and hits[0].start() < end:
        return owner[hits[0].group()]  # the leading verb phrase names it: "Huy động …, tủ sách"
    lead = re.search(r"[;.](?:\s|$)", low)
    lead_end = lead.start() if lead else len(low)
    scores: dict[str, int] = {}
    for i, m in enumerate(hits):
        cat = owner[m.group()]
        scores[cat] = scores.get(cat, 0) + 1 + 3 * (i == 0 and m.start() < lead_end)
    best = max(scores.items(), key=lambda kv: (kv[1], -order[kv[0]]), default=("khac", 0))
    return best[0]
