"""Score one predicted record (``Plan.to_dict()``) against one gold record.

    >>> counts = score(pred, gold)          # {field: {"n":…, "correct":…} or {"tp","fp","fn",…}}

Counts add up over documents (:func:`merge`) and turn into rates with :func:`rates`.
The matching rules are documented in docs/evaluation.md; in short:

* scalars: ``accuracy``. Numbers: exact after removing spaces, case-insensitive. Dates,
  codes, levels, years: exact. Names, titles, themes, places, signer fields, budget:
  fuzzy ratio ≥ :data:`FUZZY_THRESHOLD` after :func:`_norm_text`. ``null`` gold is right
  only when the prediction is ``null`` too; a ``null`` prediction for a non-null gold
  is wrong.
* lists: precision / recall / F1 with greedy one-to-one matching on a key, plus
  sub-field accuracy over matched pairs (``legal_basis.date``, ``assignments.role``…).
* an error row (``status: error``) scores 0 on every gold field.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Any

from rapidfuzz import fuzz

__all__ = ["score", "merge", "rates"]

FUZZY_THRESHOLD = 0.9

# Keys of a gold file that are bookkeeping, not fields.
META_KEYS = {
    "file",
    "doc_id",
    "source",
    "status",
    "error",
    "evidence",
    "warnings",
    "pages",
    "sections",
    "language",
}

# Scalar fields and the matcher each uses: "number" | "exact" | "fuzzy".
SCALARS: dict[str, str] = {
    "doc_type": "code",
    "number": "number",
    "issued_place": "fuzzy",
    "issued_date": "exact",
    "issuer.name": "fuzzy",
    "issuer.level": "exact",
    "issuer.admin_code": "exact",
    "title": "fuzzy",
    "year": "exact",
    "theme": "fuzzy",
    "period.start": "exact",
    "period.end": "exact",
    "signer.name": "fuzzy",
    "signer.title": "fuzzy",
    "signer.authority": "fuzzy",
    "budget": "fuzzy",
}

# Sub-fields of list items scored over matched pairs, and their matcher.
SUBFIELDS: dict[str, dict[str, str]] = {
    "legal_basis": {"date": "exact", "issuer": "fuzzy", "role": "exact", "kind": "fuzzy", "title": "fuzzy"},
    "references": {"date": "exact", "issuer": "fuzzy", "role": "exact", "kind": "fuzzy", "title": "fuzzy"},
    "events": {"time": "exact", "place": "fuzzy"},
    "deadlines": {"action": "fuzzy", "to": "fuzzy"},
    "assignments": {"role": "exact"},
    "activities": {"category": "exact", "section": "fuzzy"},
    "parents": {},
    "recipients": {},
}
LISTS = list(SUBFIELDS)

_QUOTES_PUNCT = "\"'“”‘’«»„`.,;:!?()[]{}-–—*_/\\ "
_SPACES = re.compile(r"\s+")


# ------------------------------------------------------------------ normalizers


def _norm_text(value: Any) -> str:
    """NFC, lowercase, collapsed spaces, quotes/punctuation stripped at both ends."""
    text = unicodedata.normalize("NFC", str(value)).lower()
    text = _SPACES.sub(" ", text).strip(_QUOTES_PUNCT)
    return text


def _norm_number(value: Any) -> str:
    return _SPACES.sub("", unicodedata.normalize("NFC", str(value))).casefold()


def _ratio(a: Any, b: Any) -> float:
    return fuzz.ratio(_norm_text(a), _norm_text(b)) / 100.0


def _same(kind: str, pred: Any, gold: Any) -> bool:
    """Does ``pred`` match ``gold`` under matcher ``kind``? null only matches null."""
    if gold is None or pred is None:
        return gold is None and pred is None
    if kind in ("number", "code"):
        return _norm_number(pred) == _norm_number(gold)
    if kind == "fuzzy":
        return _ratio(pred, gold) >= FUZZY_THRESHOLD
    return str(pred).strip() == str(gold).strip()


# --------------------------------------------------------------------- access


def _get(record: dict[str, Any], path: str) -> tuple[bool, Any]:
    """(present, value) of a dotted path."""
    node: Any = record
    for part in path.split("."):
        if not isinstance(node, dict) or part not in node:
            return False, None
        node = node[part]
    return True, node


def gold_fields(gold: dict[str, Any]) -> list[str]:
    """Field paths scored for this gold record (scalars, then lists, in gold order)."""
    fields = [p for p in SCALARS if _get(gold, p)[0]]
    fields += [k for k in gold if k in SUBFIELDS]
    fields += [
        k
        for k in gold
        if k not in META_KEYS
        and k not in SUBFIELDS
        and not k.startswith("_")
        and isinstance(gold[k], (str, int, float, type(None)))
        and k not in SCALARS
    ]
    return fields


# ------------------------------------------------------------------- list keys


def _citation_key(pred: dict[str, Any], gold: dict[str, Any]) -> float:
    """Match score of two citations: by number when gold has one, else kind + date."""
    if gold.get("number") is not None:
        return 1.0 if pred.get("number") and _same("number", pred["number"], gold["number"]) else 0.0
    if pred.get("number") is not None and "number" in gold:
        return 0.0
    if pred.get("date") != gold.get("date"):  # both null: a law cited by its name alone
        return 0.0
    return 1.0 if _same("fuzzy", pred.get("kind"), gold.get("kind")) else 0.0


def _event_key(pred: dict[str, Any], gold: dict[str, Any]) -> float:
    if pred.get("date") != gold.get("date"):
        return 0.0
    r = _ratio(pred.get("name") or "", gold.get("name") or "")
    return r if r >= FUZZY_THRESHOLD else 0.0


def _deadline_key(pred: dict[str, Any], gold: dict[str, Any]) -> float:
    if pred.get("date") != gold.get("date"):
        return 0.0
    # several deadlines on one day: prefer the closest action text
    return 0.5 + 0.5 * _ratio(pred.get("action") or "", gold.get("action") or "")


def _field_key(name: str) -> Callable[[dict[str, Any], dict[str, Any]], float]:
    def key(pred: dict[str, Any], gold: dict[str, Any]) -> float:
        r = _ratio(pred.get(name) or "", gold.get(name) or "")
        return r if r >= FUZZY_THRESHOLD else 0.0

    return key


def _string_key(exact: bool) -> Callable[[Any, Any], float]:
    def key(pred: Any, gold: Any) -> float:
        if exact:
            return 1.0 if _norm_number(pred) == _norm_number(gold) else 0.0
        r = _ratio(pred, gold)
        return r if r >= FUZZY_THRESHOLD else 0.0

    return key


_KEYS: dict[str, Callable[[Any, Any], float]] = {
    "legal_basis": _citation_key,
    "references": _citation_key,
    "events": _event_key,
    "deadlines": _deadline_key,
    "assignments": _field_key("agency"),
    "activities": _field_key("text"),
    "parents": _string_key(exact=True),
    "recipients": _string_key(exact=False),
}


def _match(preds: list[Any], golds: list[Any], key: Callable[[Any, Any], float]) -> list[tuple[int, int]]:
    """Greedy one-to-one matching: best-scoring pairs first, ties in document order."""
    pairs = []
    for gi, g in enumerate(golds):
        for pi, p in enumerate(preds):
            s = key(p, g)
            if s > 0:
                pairs.append((-s, gi, pi))
    pairs.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        out.append((gi, pi))
    return sorted(out)


# ---------------------------------------------------------------------- score


def _scalar_counts(ok: bool, pred: Any, gold: Any) -> dict[str, Any]:
    return {"n": 1, "correct": int(ok), "pred": pred, "gold": gold}


def _list_counts(name: str, preds: list[Any], golds: list[Any]) -> dict[str, dict[str, Any]]:
    matched = _match(preds, golds, _KEYS[name])
    tp = len(matched)
    out: dict[str, dict[str, Any]] = {
        name: {
            "tp": tp,
            "fp": len(preds) - tp,
            "fn": len(golds) - tp,
            "docs": 1,
            "docs_exact": int(tp == len(preds) == len(golds)),
            "missed": [golds[i] for i in sorted(set(range(len(golds))) - {g for g, _ in matched})],
            "spurious": [preds[i] for i in sorted(set(range(len(preds))) - {p for _, p in matched})],
        }
    }
    for sub, kind in SUBFIELDS[name].items():
        n = correct = 0
        for gi, pi in matched:
            g, p = golds[gi], preds[pi]
            if not isinstance(g, dict) or sub not in g:
                continue
            n += 1
            correct += int(_same(kind, p.get(sub) if isinstance(p, dict) else None, g[sub]))
        if n:
            out[f"{name}.{sub}"] = {"n": n, "correct": correct}
    return out


def _error_counts(gold: dict[str, Any]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for path in gold_fields(gold):
        value = _get(gold, path)[1]
        if path in SUBFIELDS:
            golds = value or []
            out[path] = {
                "tp": 0,
                "fp": 0,
                "fn": len(golds),
                "docs": 1,
                "docs_exact": 0,
                "missed": golds,
                "spurious": [],
            }
        else:
            out[path] = _scalar_counts(False, None, value)
    return out


def score(pred: dict[str, Any] | None, gold: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Per-field counts for one document. ``pred`` None or an error row scores 0 everywhere."""
    if pred is None or pred.get("status") == "error":
        return _error_counts(gold)
    out: dict[str, dict[str, Any]] = {}
    for path in gold_fields(gold):
        gold_value = _get(gold, path)[1]
        pred_value = _get(pred, path)[1]
        if path in SUBFIELDS:
            out.update(_list_counts(path, list(pred_value or []), list(gold_value or [])))
        else:
            ok = _same(SCALARS.get(path, "fuzzy"), pred_value, gold_value)
            out[path] = _scalar_counts(ok, pred_value, gold_value)
    return out


def merge(total: dict[str, dict[str, Any]], counts: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Add one document's counts into ``total`` (in place; returns it)."""
    for path, c in counts.items():
        t = total.setdefault(path, {})
        for k, v in c.items():
            if isinstance(v, int) and not isinstance(v, bool):
                t[k] = t.get(k, 0) + v
    return total


def rates(counts: dict[str, Any]) -> dict[str, Any]:
    """Accuracy (scalars, sub-fields) or precision/recall/F1 (lists) from summed counts."""
    if "tp" in counts:
        tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
        p = tp / (tp + fp) if tp + fp else (1.0 if fn == 0 else 0.0)
        r = tp / (tp + fn) if tp + fn else (1.0 if fp == 0 else 0.0)
        f = 2 * p * r / (p + r) if p + r else 0.0
        if counts.get("docs") and counts.get("docs_exact", 0) < counts["docs"] and tp + fp + fn == 0:
            f = p = r = 0.0  # only error rows on empty gold lists
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), **_ints(counts)}
    n = counts.get("n", 0)
    return {"accuracy": round(counts.get("correct", 0) / n, 4) if n else None, **_ints(counts)}


def _ints(counts: dict[str, Any]) -> dict[str, int]:
    return {k: v for k, v in counts.items() if isinstance(v, int) and not isinstance(v, bool)}
