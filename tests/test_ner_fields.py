"""The NER layer's share of extraction: which layer fills which name, and when."""

import pytest

from pipeline import ner_fields
from pipeline.fields_header import Doc
from pipeline.normalize import normalize
from pipeline.records import Citation, Plan, Segmentation, SourceInfo


class _Ent:
    def __init__(self, text, start, label):
        self.text, self.start_char, self.end_char, self.label_ = text, start, start + len(text), label


class _FakeNlp:
    """Tags every known name as an entity, wherever it stands (a stand-in for the model)."""

    NAMES = {
        "Chính phủ": "ORG",
        "Bộ Tư pháp": "ORG",
        "Sở Nội vụ tỉnh Hà Giang": "ORG",
        "Nguyễn Văn An": "PER",
    }

    def __call__(self, text):
        class _Doc:
            ents = []

        doc = _Doc()
        for name, label in self.NAMES.items():
            pos = text.find(name)
            if pos >= 0:
                doc.ents.append(_Ent(name, pos, label))
        doc.ents.sort(key=lambda e: e.start_char)
        return doc


def _citation(text):
    t = normalize(text)
    return Citation(
        kind=None, number=None, date=None, issuer=None, role="basis", evidence=t.evidence(0, len(t.text))
    ), t


@pytest.mark.parametrize(
    "phrase,expected",
    [
        # docs/012: "của" introduces an act's name, not its issuer → nothing
        ("Luật Sửa đổi, bổ sung một số Điều của Luật Tổ chức Chính phủ ngày 22/11/2019", None),
        # docs/012: issuer right after "của"
        ("Quyết định số 1566/QĐ-BTP ngày 13/7/2020 của Bộ Tư pháp", "Bộ Tư pháp"),
        # second phrasing
        ("Công văn số 12/SNV ngày 02/3/2023 của Sở Nội vụ tỉnh Hà Giang về việc", "Sở Nội vụ tỉnh Hà Giang"),
    ],
)
def test_citation_issuer_is_the_org_right_after_cua(phrase, expected):
    citation, text = _citation(phrase)
    doc = Doc(text=text, seg=Segmentation())
    ner_fields._citation_issuer(citation, _FakeNlp(), replace=False, doc=doc, key="legal_basis[0].issuer")
    assert citation.issuer == expected


def test_combined_keeps_rule_values_and_ner_replaces_them():
    citation, text = _citation("Quyết định số 5/QĐ-BTP ngày 1/7/2020 của Bộ Tư pháp")
    citation.issuer = "Rule value"
    doc = Doc(text=text, seg=Segmentation())
    ner_fields._citation_issuer(citation, _FakeNlp(), replace=False, doc=doc, key="k")
    assert citation.issuer == "Rule value"
    ner_fields._citation_issuer(citation, _FakeNlp(), replace=True, doc=doc, key="k")
    assert citation.issuer == "Bộ Tư pháp"


def test_rules_layer_setting_leaves_the_plan_untouched(monkeypatch):
    plan = Plan(doc_id="x", source=SourceInfo(path="x", format="txt"))
    monkeypatch.setenv("KEHOACH_LAYERS", "rules")
    doc = Doc(text=normalize("KT. CHỦ TỊCH\nNguyễn Văn An"), seg=Segmentation())
    ner_fields.apply_ner(plan, doc)
    assert plan.signer.name is None
    assert ner_fields.layer_setting() == "rules"
    monkeypatch.setenv("KEHOACH_LAYERS", "bogus")
    assert ner_fields.layer_setting() == "combined"
