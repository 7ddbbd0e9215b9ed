"""Fields of one document, each with its evidence: ``extract(raw) -> Plan``.

    >>> plan = extract(ingest("corpus/documents/seeds/003_6c6551002ead6284.txt"))
    >>> plan.number, plan.issued_date, plan.issuer.name
    ('167/KH-UBND', '2023-09-22', 'Ủy ban nhân dân tỉnh Thái Nguyên')

normalize → segment → one function per field (``fields_header``, ``fields_body``,
``fields_schedule``, ``fields_signer``, ``fields_recipients``). Each field function runs
on its own: one that fails leaves its field
empty and adds a warning, never an exception. Plan-only fields (theme, period, events,
activities, assignments, budget, year) are filled only when the document is a
plan (Kế hoạch); other documents get header, legal basis, signer, recipients and
deadlines.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from . import fields_body as body
from . import fields_header as header
from . import fields_recipients, fields_signer, patterns
from . import fields_schedule as schedule
from .fields_common import Doc, doc_types
from .fields_deadlines import extract_deadlines
from .fields_issuer import extract_issuer
from .ner_fields import apply_ner
from .records import Citation, Plan, RawDocument, Segmentation, Text
from .registry import Registry
from .unit_names import format_unit

_PLAN_WORD = "kế hoạch"


def _run(doc: Doc, name: str, fn: Callable[[], Any], default: Any) -> Any:
    try:
        return fn()
    except Exception as exc:  # one field must never sink the document
        doc.warnings.append(f"field_error:{name}: {type(exc).__name__}: {exc}")
        return default


def _segment(text: Text, warnings: list[str]) -> Segmentation:
    try:
        from .segment import segment

        return segment(text)
    except Exception as exc:
        warnings.append(f"segment_failed: {type(exc).__name__}: {exc}")
        return Segmentation()


def _citations(doc: Doc) -> list[Citation]:
    from .citations import find_citations

    return list(find_citations(doc.text, doc.seg))


def _plan_code() -> str | None:
    for entry in doc_types():
        if str(entry.get("word", "")).casefold() == _PLAN_WORD:
            return entry.get("code")
    return "KH"


def extract(raw: RawDocument, layers: str | None = None) -> Plan:
    """Every Plan field of ``raw`` with evidence into the original pages.

    ``layers``: "rules", "ner" or "combined" (default: ``KEHOACH_LAYERS`` or combined);
    see :mod:`pipeline.ner_fields`.
    """
    from .normalize import normalize

    plan = Plan(doc_id=raw.doc_id, source=raw.source, language=raw.language)
    plan.warnings.extend(raw.warnings)
    plan.pages = [{"page": p.index + 1, "method": p.method, "confidence": p.confidence} for p in raw.pages]
    text = normalize(raw)
    doc = Doc(text=text, seg=_segment(text, plan.warnings))
    plan.sections = list(doc.seg.sections)
    _fill(plan, doc)
    _run(doc, "ner", lambda: apply_ner(plan, doc, layers), None)
    plan.evidence = doc.evidence
    plan.warnings.extend(doc.warnings)
    return plan


def _fill(plan: Plan, doc: Doc) -> None:
    number, code = _run(doc, "number", lambda: header.extract_number(doc), (None, None))
    plan.number = number
    plan.doc_type = _run(doc, "doc_type", lambda: header.extract_doc_type(doc, code), None)
    plan.issued_place, plan.issued_date = _run(
        doc, "issued", lambda: header.extract_place_date(doc), (None, None)
    )
    plan.issuer = _run(doc, "issuer", lambda: extract_issuer(doc, plan.issued_place), plan.issuer)
    plan.title = _run(doc, "title", lambda: header.extract_title(doc), None)
    citations = _run(doc, "citations", lambda: _citations(doc), [])
    _run(doc, "parents", lambda: _promote_superior_directives(citations, plan), None)
    plan.legal_basis = [c for c in citations if c.role in ("parent", "proposal", "basis")]
    plan.references = [c for c in citations if c.role == "reference"]
    plan.parents = [c.number for c in citations if c.role == "parent" and c.number]
    for key, items in (("legal_basis", plan.legal_basis), ("references", plan.references)):
        for i, c in enumerate(items):
            if c.evidence is not None:
                doc.evidence[f"{key}[{i}]"] = c.evidence
    plan.signer = _run(doc, "signer", lambda: fields_signer.extract_signer(doc), plan.signer)
    plan.recipients = _run(doc, "recipients", lambda: fields_recipients.extract_recipients(doc), [])
    # every document may set deadlines (a công văn asking for a report by a date)
    plan.deadlines = _run(doc, "deadlines", lambda: extract_deadlines(doc, plan.issued_date), [])
    if plan.doc_type is None or plan.doc_type != _plan_code():
        return
    plan.theme = _run(doc, "theme", lambda: schedule.extract_theme(doc), None)
    plan.period = _run(doc, "period", lambda: schedule.extract_period(doc), plan.period)
    plan.events = _run(doc, "events", lambda: schedule.extract_events(doc), [])
    plan.activities = _run(doc, "activities", lambda: body.extract_activities(doc), [])
    plan.assignments = _run(doc, "assignments", lambda: body.extract_assignments(doc), [])
    plan.budget = _run(doc, "budget", lambda: body.extract_budget(doc), None)
    plan.year = _run(doc, "year", lambda: _year(doc, plan), None)


def _year(doc: Doc, plan: Plan) -> int | None:
    m = schedule.single_year(plan.title or "")
    if m:
        ev = doc.evidence.get("title")
        if ev is not None:
            doc.evidence["year"] = ev
        return m
    if plan.period.start:
        return int(plan.period.start[:4])
    return None


_LEVEL_RANK = {"central": 3, "province": 2, "district": 1, "commune": 0}
_PARTY_NUMBER = re.compile(r"^\d+-[A-ZĐ]+/")  # "49-KL/TW", "26-CT/TU"


def _promote_superior_directives(citations: list[Citation], plan: Plan) -> None:
    """ "Căn cứ" + a directive of a body above the plan's issuer is the plan's parent
    (rule ``superior_directive`` in models/rules/citations.yaml)."""
    rule = next((e for e in patterns.table("citations") if e.get("id") == "superior_directive"), None)
    own = _LEVEL_RANK.get(plan.issuer.level or "")
    if rule is None or own is None or plan.doc_type not in rule.get("doc_types", []):
        return
    unit = Registry.body_kind(plan.issuer.name) == "unit"
    for c in citations:
        if c.role != "basis" or c.kind not in rule["kinds"] or not c.issuer:
            continue
        # a Party document is basis for a state body; for a body numbering its own documents
        # the Party way (Party committees, the Youth Union) it is its superior's directive
        if c.number and _PARTY_NUMBER.match(c.number) and not _PARTY_NUMBER.match(plan.number or ""):
            continue
        # "UBND tỉnh" with no place name: the level marker table still knows its level
        level = _LEVEL_RANK.get(format_unit(c.issuer)[1] or Registry.level_of(c.issuer) or "")
        # a school or centre sits under the agency / committee of its own level
        above = unit and level == own and Registry.body_kind(c.issuer) in ("agency", "council")
        if level is not None and (level > own or above):
            c.role = "parent"
