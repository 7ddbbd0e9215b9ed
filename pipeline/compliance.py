"""Compliance checks: ``check(plans, links, registry=None) -> list[Finding]``.

Rules are data (``models/rules/compliance.yaml``, entries of kind ``rule``: id, severity,
message_vi, message_en, params). Each rule is a small function registered here under the same
id; it returns ``(values, evidence)`` pairs, one per violation, and ``values`` fill the
message templates. docs/compliance.md lists the rules and why each severity was chosen.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from . import patterns
from .link import Links
from .records import Citation, Evidence, Finding, Plan
from .registry import Registry, load_registry

Hit = tuple[dict[str, Any], Any]  # (message values, evidence)


@dataclass
class _Context:
    links: Links
    registry: Registry
    by_id: dict[str, Plan]


_RULES: dict[str, Callable[[Plan, _Context, dict[str, Any]], Iterator[Hit]]] = {}


def _rule(rule_id: str) -> Callable:
    def register(fn: Callable) -> Callable:
        _RULES[rule_id] = fn
        return fn

    return register


def check(plans: list[Plan], links: Links, registry: Registry | None = None) -> list[Finding]:
    """Run every rule of compliance.yaml on every ok plan; findings sorted by doc_id, rule order."""
    reg = registry or links.registry or load_registry()
    ctx = _Context(links=links, registry=reg, by_id={p.doc_id: p for p in plans if p.status == "ok"})
    rules = [e for e in patterns.table("compliance") if e.get("kind", "rule") == "rule"]
    unknown = [e["id"] for e in rules if e["id"] not in _RULES]
    if unknown:
        raise KeyError(f"compliance rules without a function: {unknown}")
    findings: list[Finding] = []
    for plan in sorted(ctx.by_id.values(), key=lambda p: p.doc_id):
        for entry in rules:
            for values, evidence in _RULES[entry["id"]](plan, ctx, entry.get("params") or {}):
                values = {k: ("?" if v is None else v) for k, v in values.items()}
                findings.append(
                    Finding(
                        doc_id=plan.doc_id,
                        rule=entry["id"],
                        severity=entry["severity"],
                        message_vi=entry["message_vi"].format(**values),
                        message_en=entry["message_en"].format(**values),
                        evidence=_evidence(evidence),
                    )
                )
    return findings


# --------------------------------------------------------------------- helpers


def _evidence(value: Any) -> Evidence | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, Evidence):
        return value
    if isinstance(value, dict) and {"page", "start", "end", "text"} <= value.keys():
        return Evidence(value["page"], value["start"], value["end"], value["text"], value.get("rule"))
    return None


def _ev(plan: Plan, *keys: str) -> Any:
    for key in keys:
        if plan.evidence.get(key):
            return plan.evidence[key]
    return None


def _year(iso: str | None) -> int | None:
    return int(iso[:4]) if iso and iso[:4].isdigit() else None


def _parent_citations(plan: Plan, ctx: _Context) -> Iterator[tuple[int, Citation]]:
    for i, c in enumerate(Links.citations_of(plan)):
        if ctx.links.is_parent(plan, c):
            yield i, c


def _programme_year(plan: Plan) -> int | None:
    """The year whose directive a yearly plan implements: the year its activity runs (period
    start), else the plan's year, else the issue year. A title copied from last year's plan
    ("… năm 2022" over a 2023 week) is title_year_mismatch's business, not a theme, week or
    parent-year finding as well."""
    return _year(plan.period.start) or plan.year or _year(plan.issued_date)


def _in_programme(plan: Plan, ctx: _Context) -> bool:
    return ctx.registry.in_programme(plan.title, plan.theme)


def _folded_in(text: str | None, words: list[str]) -> bool:
    folded = Registry.fold(text)
    return any(Registry.fold(w) in folded for w in words)


# ----------------------------------------------------------------------- rules


@_rule("no_parent")
def _no_parent(plan: Plan, ctx: _Context, params: dict[str, Any]) -> Iterator[Hit]:
    types = {Registry.fold(t) for t in params.get("doc_types", [])}
    if Registry.fold(plan.doc_type) in types and not any(_parent_citations(plan, ctx)):
        yield {}, _ev(plan, "title", "doc_type")


@_rule("parent_unresolved")
def _parent_unresolved(plan: Plan, ctx: _Context, params: dict[str, Any]) -> Iterator[Hit]:
    for i, c in _parent_citations(plan, ctx):
        res = ctx.links.resolutions.get((plan.doc_id, i))
        if res is not None and res.target is None:
            yield {"number": c.number or "(không số)", "reason": res.reason}, c.evidence


@_rule("parent_wrong_level")
def _parent_wrong_level(plan: Plan, ctx: _Context, params: dict[str, Any]) -> Iterator[Hit]:
    types = {Registry.fold(t) for t in params.get("doc_types", [])}
    if types and Registry.fold(plan.doc_type) not in types:
        return
    level = ctx.links.levels.get(plan.doc_id)
    own = Registry.rank(level)
    if not own:  # unknown, or central: nothing above it in the four-level scheme
        return
    parents = []
    for i, c in _parent_citations(plan, ctx):
        res = ctx.links.resolutions.get((plan.doc_id, i))
        rank = Registry.rank(res.level if res else None)
        same_body = Registry.fold(c.issuer) == Registry.fold(plan.issuer.name)  # its own earlier plan
        if rank is not None and not same_body:
            parents.append((rank, res.level if res else None, c))
    # an agency (Sở, Phòng) may implement the People's Committee of its own level; a unit
    # under an agency (a school under its Phòng) that agency or its People's Committee
    kind = Registry.body_kind(plan.issuer.name)
    above = {"agency": ("council",), "unit": ("council", "agency")}.get(kind or "", ())

    def own_level_superior(rank: int, c: Citation) -> bool:
        return rank == own and Registry.body_kind(c.issuer) in above

    # from the date the district level was abolished (two-level local government) the level
    # directly above a commune is the province
    two_level = params.get("two_level_from")
    when = plan.issued_date or plan.period.start
    skip_ok = 1 if two_level and when and when >= str(two_level) and level == "commune" else 0

    def direct(rank: int) -> bool:
        return own - 1 - skip_ok <= rank <= own - 1

    has_direct = any(direct(rank) or own_level_superior(rank, c) for rank, _, c in parents)
    for rank, p_level, c in parents:
        if (rank >= own and not own_level_superior(rank, c)) or (rank < own - 1 - skip_ok and not has_direct):
            yield {"number": c.number, "parent_level": p_level, "level": level}, c.evidence


@_rule("parent_other_year")
def _parent_other_year(plan: Plan, ctx: _Context, params: dict[str, Any]) -> Iterator[Hit]:
    programme = _in_programme(plan, ctx)
    year = _programme_year(plan) if programme else plan.year or _year(plan.issued_date)
    if year is None or (params.get("programme_only") and not programme):
        return
    for i, c in _parent_citations(plan, ctx):
        res = ctx.links.resolutions.get((plan.doc_id, i))
        if res is not None and res.year is not None and res.year != year:
            yield {"number": c.number, "parent_year": res.year, "year": year}, c.evidence


@_rule("theme_mismatch")
def _theme_mismatch(plan: Plan, ctx: _Context, params: dict[str, Any]) -> Iterator[Hit]:
    if not plan.theme or not _in_programme(plan, ctx):
        return
    year = _programme_year(plan)
    score = ctx.registry.theme_score(plan.theme, year, params.get("min_coverage", 0.8))
    if score is not None and score < params.get("threshold", 90):
        official = ctx.registry.official_theme(year)
        yield (
            {"theme": plan.theme, "official": official, "year": year, "score": score},
            _ev(plan, "theme"),
        )


@_rule("week_mismatch")
def _week_mismatch(plan: Plan, ctx: _Context, params: dict[str, Any]) -> Iterator[Hit]:
    entry = ctx.registry.for_year(_programme_year(plan))
    start, end = plan.period.start, plan.period.end
    if entry is None or not entry.week_start or not start or not _in_programme(plan, ctx):
        return
    if start != entry.week_start or (end and entry.week_end and end != entry.week_end):
        values = {"start": start, "end": end, "week_start": entry.week_start, "week_end": entry.week_end}
        yield values, _ev(plan, "period")


@_rule("opening_outside_period")
def _opening_outside(plan: Plan, ctx: _Context, params: dict[str, Any]) -> Iterator[Hit]:
    start, end = plan.period.start, plan.period.end
    if not start or not end:
        return
    for i, event in enumerate(plan.events):
        if (
            event.date
            and _folded_in(event.name, params.get("opening_names", []))
            and not start <= event.date <= end
        ):
            yield (
                {"event": event.name, "date": event.date, "start": start, "end": end},
                _ev(plan, f"events[{i}].date", f"events[{i}].name", f"events[{i}]", "period"),
            )


def _report_deadlines(plan: Plan, words: list[str]) -> list[tuple[str, int]]:
    """(date, index) of the plan's reporting deadlines, earliest first."""
    return sorted(
        (d.date, i)
        for i, d in enumerate(plan.deadlines)
        if d.date and (not d.action or _folded_in(d.action, words))
    )


def _deadlines_for_below(parent: Plan, ctx: _Context, words: list[str]) -> list[tuple[str, int]]:
    """The parent's reporting deadlines set for the bodies under it: without those addressed
    to a body above the parent ("Phòng GD&ĐT tổng hợp, tham mưu UBND huyện báo cáo UBND tỉnh
    trước ngày 22/10" is the district's own report, not the communes'), unless that leaves none."""
    own = Registry.rank(ctx.links.levels.get(parent.doc_id))
    deadlines = _report_deadlines(parent, words)
    if own is None:
        return deadlines

    def upward(i: int) -> bool:
        rank = Registry.rank(Registry.level_of(parent.deadlines[i].to))
        return rank is not None and rank < own

    below = [(d, i) for d, i in deadlines if not upward(i)]
    return below or deadlines


@_rule("deadline_after_parent")
def _deadline_after_parent(plan: Plan, ctx: _Context, params: dict[str, Any]) -> Iterator[Hit]:
    words = params.get("report_words", [])
    own = _report_deadlines(plan, words)
    if not own:
        return
    for edge in ctx.links.parents_of(plan.doc_id):
        parent = ctx.by_id.get(edge.parent) if edge.via == "archive" else None
        theirs = _deadlines_for_below(parent, ctx, words) if parent else []
        # a parent of an earlier year whose deadline had passed when the plan was issued is
        # another cycle (last year's plan, flagged by parent_other_year): comparing says
        # nothing. A late plan of the same cycle is still compared.
        issued = plan.issued_date or plan.period.start
        if theirs and issued and theirs[-1][0] < issued and _year(theirs[-1][0]) != _year(issued):
            continue
        if theirs and own[-1][0] > theirs[-1][0]:
            values = {"date": own[-1][0], "parent_date": theirs[-1][0], "number": edge.number}
            yield values, _ev(plan, f"deadlines[{own[-1][1]}]", "deadlines")


@_rule("cited_after_plan")
def _cited_after_plan(plan: Plan, ctx: _Context, params: dict[str, Any]) -> Iterator[Hit]:
    if not plan.issued_date:
        return
    for c in Links.citations_of(plan):
        if c.date and c.date > plan.issued_date:
            yield {"number": c.number, "date": c.date, "issued": plan.issued_date}, c.evidence


@_rule("title_year_mismatch")
def _title_year_mismatch(plan: Plan, ctx: _Context, params: dict[str, Any]) -> Iterator[Hit]:
    types = {Registry.fold(t) for t in params.get("doc_types", [])}
    if types and Registry.fold(plan.doc_type) not in types:
        return
    rx = re.compile(params.get("title_year_regex", r"năm\s+((?:19|20)\d{2})\b"), re.IGNORECASE)
    title_years = sorted({int(y) for y in rx.findall(plan.title or "")})
    date_year = _year(plan.issued_date) or _year(plan.period.start)
    if title_years and date_year is not None and date_year not in title_years:
        values = {"title_year": ", ".join(map(str, title_years)), "date_year": date_year}
        yield values, _ev(plan, "title")


@_rule("draft_unnumbered")
def _draft_unnumbered(plan: Plan, ctx: _Context, params: dict[str, Any]) -> Iterator[Hit]:
    vi, en = [], []
    if not plan.number or not re.match(r"\s*\d", plan.number):
        vi.append("số")
        en.append("number")
    if not plan.issued_date:
        vi.append("ngày ban hành")
        en.append("date")
    if vi:
        yield (
            {"missing_vi": " và ".join(vi), "missing_en": " or ".join(en)},
            _ev(plan, "number", "issued_date"),
        )
