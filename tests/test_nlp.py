"""The spaCy layer: underthesea tokenizer inside spaCy, rule patterns as data, merge policies."""

import unicodedata
from pathlib import Path

import pytest
from spacy.tokens import Doc, Span

from pipeline import nlp as nlpmod
from pipeline.patterns import table

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "documents"
TEXT_DOCS = sorted(p for p in CORPUS.rglob("*") if p.suffix in {".txt", ".md"})

NAUGHTY = [
    "",
    " ",
    "\n\n\t  \n",
    "Ủy ban nhân dân xã Hà Thượng",  # seed 001
    "Trung tâm Văn hoá - Thể thao quận",  # seed 004: underthesea rewrites "hoá" → "hóa"
    "Số: 167 /KH-UBND\n\nThái Nguyên, ngày 22 tháng 9 năm 2023",  # seed 003
    "KT. CHỦ TỊCH  \nPHÓ CHỦ TỊCH THƯỜNG TRỰC\n\n\n\n**Đặng Xuân Trường**",
    "Céng hßa X· héi chñ nghÜa ViÖt Nam",  # TCVN3 mojibake must not lose characters either
    "😀 \u200b zero\u00a0width «quoted» ‘x’",
    unicodedata.normalize("NFD", "Tuần lễ hưởng ứng học tập suốt đời"),
]


@pytest.fixture(scope="module")
def rules_nlp():
    return nlpmod.load_nlp("rules")


@pytest.mark.parametrize("text", NAUGHTY)
def test_tokenizer_loses_no_character(rules_nlp, text):
    doc = rules_nlp.make_doc(text)
    assert doc.text == text


@pytest.mark.parametrize("path", TEXT_DOCS, ids=lambda p: p.name)
def test_tokenizer_round_trips_every_corpus_document(rules_nlp, path):
    text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))[:6000]
    doc = rules_nlp.make_doc(text)
    assert doc.text == text
    # real words: multi-syllable tokens exist (underthesea, not whitespace splitting)
    if len(text) > 500:
        assert any(" " in t.text.strip() for t in doc)


@pytest.mark.parametrize("entry", list(table("entities")), ids=lambda e: e["id"])
def test_entity_rule_finds_its_examples(rules_nlp, entry):
    for example in entry["examples"]:
        doc = rules_nlp(example)
        ids = {e.ent_id_ for e in doc.ents}
        assert entry["id"] in ids, (
            f"{entry['id']} missed in {example!r}: {[(e.text, e.ent_id_) for e in doc.ents]}"
        )


@pytest.mark.parametrize(
    "text,expected",
    [
        # seed 003 preamble
        (
            "Thực hiện Công văn 4864/BGDĐT-GDTrX ngày 08/9/2023 của Bộ Giáo dục và Đào tạo về việc",
            "Bộ Giáo dục và Đào tạo",
        ),
        # second phrasing, another province
        (
            "sau khi xem xét đề nghị của Ủy ban nhân dân tỉnh Lạng Sơn tại Tờ trình",
            "Ủy ban nhân dân tỉnh Lạng Sơn",
        ),
        ("Giao Phòng Giáo dục và Đào tạo thị xã Sơn Tây chủ trì", "Phòng Giáo dục và Đào tạo thị xã Sơn Tây"),
    ],
)
def test_rule_layer_org_spans(rules_nlp, text, expected):
    assert expected in [e.text for e in rules_nlp(text).ents]


def test_without_a_model_ner_is_skipped_and_said(monkeypatch, tmp_path):
    monkeypatch.setattr(nlpmod, "NER_DIR", tmp_path / "none")
    nlpmod.load_nlp.cache_clear()
    try:
        nlp = nlpmod.load_nlp("combined")
        assert "ner" not in nlp.pipe_names
        assert any("ner" in s for s in nlp.meta["kehoach_skipped"])
        assert nlp("của Bộ Giáo dục và Đào tạo về").ents  # rules still work
    finally:
        nlpmod.load_nlp.cache_clear()


def _spans(doc, *ranges):
    return [Span(doc, a, b, label="ORG") for a, b in ranges]


def test_merge_policies_decide_overlaps(rules_nlp):
    doc = Doc(rules_nlp.vocab, words=list("abcdef"))
    rules = _spans(doc, (0, 2))
    ner = _spans(doc, (1, 4), (5, 6))
    assert [(s.start, s.end) for s in nlpmod.MERGE_POLICIES["prefer_rules"](rules, ner)] == [(0, 2), (5, 6)]
    assert [(s.start, s.end) for s in nlpmod.MERGE_POLICIES["prefer_ner"](rules, ner)] == [(1, 4), (5, 6)]
    assert [(s.start, s.end) for s in nlpmod.MERGE_POLICIES["longest"](rules, ner)] == [(1, 4), (5, 6)]


@pytest.mark.slow
def test_training_is_deterministic_and_loads(tmp_path, monkeypatch):
    from pipeline import train

    small = train._documents()[:3]
    monkeypatch.setattr(train, "_documents", lambda: small)
    train.train(tmp_path / "a", epochs=1)
    train.train(tmp_path / "b", epochs=1)
    assert (tmp_path / "a" / "ner" / "model").read_bytes() == (tmp_path / "b" / "ner" / "model").read_bytes()
    monkeypatch.setattr(nlpmod, "NER_DIR", tmp_path / "a")
    nlpmod.load_nlp.cache_clear()
    try:
        nlp = nlpmod.load_nlp("ner")
        assert "ner" in nlp.pipe_names
        doc = nlp("Giao Phòng Giáo dục và Đào tạo huyện chủ trì")
        assert doc.text.startswith("Giao")
    finally:
        nlpmod.load_nlp.cache_clear()
