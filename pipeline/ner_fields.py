"""The NER layer's part in extraction: names read from spaCy entities.

Helpers of :mod:`pipeline.extract`. The rule layer fills every field first; then, by the
configured layer set (``KEHOACH_LAYERS`` = ``rules`` | ``ner`` | ``combined``, default
``combined``), the entity layer either replaces the name fields it covers (``ner``, to
measure it alone) or fills only those the rules left empty (``combined``: rules win, the
``prefer_rules`` merge policy of :mod:`pipeline.nlp`).

Fields covered: ``signer.name`` (last PER of the signature block), ``issuer.name`` (first
ORG of the header block) and each citation's ``issuer`` (the ORG after "của" in the
citation phrase). Only these small regions go through spaCy, so the cost is a few
hundred characters per document.
"""

from __future__ import annotations

import os
import re

from .records import Citation, Plan

LAYERS = ("rules", "ner", "combined")
_HEADER_CHARS = 600
_SIGNATURE_CHARS = 400


def layer_setting() -> str:
    value = os.environ.get("KEHOACH_LAYERS", "combined").strip().lower()
    return value if value in LAYERS else "combined"


def apply_ner(plan: Plan, doc, layers: str | None = None) -> None:
    """Fill (combined) or replace (ner) the name fields from entities; rules: nothing."""
    layers = layers or layer_setting()
    if layers == "rules":
        return
    from .nlp import NER_DIR, load_nlp

    if not (NER_DIR / "meta.json").exists():
        doc.warnings.append("ner_skipped: no trained model in models/ner (run `make train`)")
        return
    nlp = load_nlp("ner")
    replace = layers == "ner"
    _signer(plan, doc, nlp, replace)
    _issuer(plan, doc, nlp, replace)
    for key, items in (("legal_basis", plan.legal_basis), ("references", plan.references)):
        for i, citation in enumerate(items):
            _citation_issuer(citation, nlp, replace, doc, f"{key}[{i}].issuer")


def _entities(nlp, text: str, label: str):
    return [e for e in nlp(text).ents if e.label_ == label]


def _signer(plan: Plan, doc, nlp, replace: bool) -> None:
    if plan.signer.name and not replace:
        return
    from .fields_common import signature_start

    start = signature_start(doc)
    if start is None:
        start = max(0, doc.main_end - _SIGNATURE_CHARS)
    end = min(doc.main_end, start + _SIGNATURE_CHARS)
    people = _entities(nlp, doc.t[start:end], "PER")
    plan.signer.name = people[-1].text if people else None
    if people:
        ent = people[-1]
        doc.evidence["signer.name"] = doc.text.evidence(
            start + ent.start_char, start + ent.end_char, rule="ner"
        )


def _issuer(plan: Plan, doc, nlp, replace: bool) -> None:
    if plan.issuer.name and not replace:
        return
    from .unit_names import format_unit

    region = doc.t[:_HEADER_CHARS]
    orgs = _entities(nlp, region, "ORG")
    if not orgs:
        if replace:
            plan.issuer.name = None
        return
    ent = orgs[0]
    name, level, unit = format_unit(ent.text, doc.t[: doc.main_end])
    plan.issuer.name = name
    plan.issuer.level = plan.issuer.level or level
    if unit is not None and not plan.issuer.admin_code:
        plan.issuer.admin_code, plan.issuer.admin_path = unit.code, list(unit.path)
    doc.evidence["issuer.name"] = doc.text.evidence(ent.start_char, ent.end_char, rule="ner")


_CUA = re.compile(r"\bcủa\s+", re.IGNORECASE)


def _citation_issuer(citation: Citation, nlp, replace: bool, doc, key: str) -> None:
    if citation.evidence is None or (citation.issuer and not replace):
        return
    from .normalize import normalize
    from .unit_names import format_unit

    phrase = normalize(citation.evidence.text).text
    # the issuer is the ORG right after "của" ("… của Bộ Tư pháp"), not an ORG inside a
    # cited act's name ("… của Luật Tổ chức Chính phủ")
    after_cua = {m.end() for m in _CUA.finditer(phrase)}
    orgs = [e for e in _entities(nlp, phrase, "ORG") if e.start_char in after_cua]
    if not orgs:
        if replace:
            citation.issuer = None
        return
    citation.issuer = format_unit(orgs[0].text, doc.t[: doc.main_end])[0]
