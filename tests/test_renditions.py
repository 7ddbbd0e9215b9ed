"""scripts/make_renditions.py on one small hand-made gold document (no OCR)."""

from __future__ import annotations

import importlib.util
import io
import json
import unicodedata
from pathlib import Path

import pytest
from rapidfuzz import fuzz

_SPEC = importlib.util.spec_from_file_location(
    "make_renditions", Path(__file__).resolve().parent.parent / "scripts" / "make_renditions.py"
)
mr = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(mr)

# Header and preamble as in corpus/documents/docs/011.txt (markdown table from the crawler).
SOURCE = """*Source: https://example.org/van-ban/quyet-dinh-49*

# Ban hành quy chế quản lý kinh phí

| ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH -------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc --------------- |
|---|---|
| Số: 49/2012/QĐ-UBND | Thành phố Hồ Chí Minh, ngày 23 tháng 10 năm 2012 |

**QUYẾT ĐỊNH**

BAN HÀNH QUY CHẾ QUẢN LÝ KINH PHÍ CHI THỰC HIỆN CHÍNH SÁCH ƯU ĐÃI NGƯỜI CÓ CÔNG VỚI CÁCH MẠNG

Căn cứ Nghị định số 54/2006/NĐ-CP ngày 26 tháng 5 năm 2006 của Chính phủ hướng dẫn thi hành một số điều của Pháp lệnh Ưu đãi người có công với cách mạng;

Xét đề nghị của Giám đốc Sở Lao động - Thương binh và Xã hội tại Tờ trình số 4965/LĐTBXH-KH ngày 23 tháng 5 năm 2012,

Điều 1. Ban hành kèm theo Quyết định này Quy chế quản lý kinh phí. Đội ngũ cán bộ được đào tạo.
"""


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    root = tmp_path_factory.mktemp("corpus")
    (root / "documents").mkdir()
    (root / "documents" / "qd49.md").write_text(SOURCE, encoding="utf-8")
    (root / "documents" / "scan.pdf").write_bytes(b"%PDF-1.4 placeholder")
    gold = root / "gold"
    gold.mkdir()
    (gold / "qd49.json").write_text(json.dumps({"file": "documents/qd49.md", "number": "49/2012/QĐ-UBND"}))
    (gold / "scan.json").write_text(json.dumps({"file": "documents/scan.pdf"}))
    out = root / "renditions"
    rows = mr.make_renditions(gold, out, seed=1234, kinds=["textpdf", "docx", "messy", "scan"])
    return out, rows


def test_files_and_index(rendered):
    out, rows = rendered
    index = json.loads((out / "index.json").read_text(encoding="utf-8"))
    assert index == rows
    kinds = {(r["gold"], r["kind"]) for r in index}
    assert kinds == {("qd49", k) for k in ("textpdf", "docx", "messy", "scan")} | {("scan", "original")}
    for r in index:
        assert (out / r["path"]).is_file(), r


def test_reader_view_strips_markdown():
    blocks = mr.read_blocks(SOURCE)
    text = "\n".join(b if k == "para" else " ".join(c for row in b for c in row) for k, b in blocks)
    assert "**" not in text and "# " not in text and "|" not in text and "---|" not in text
    assert blocks[2][0] == "header" and blocks[2][1][1][0] == "Số: 49/2012/QĐ-UBND"
    # a second phrasing: header cells separated by lone '|' lines (excerpts/E05 layout)
    e05 = "ỦY BAN NHÂN DÂN\nTỈNH VĨNH PHÚC\n|\nCỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM\n|\nSố: 137/KH-UBND\n|\nVĩnh Phúc, ngày\n21 tháng 8 năm 2019\n|\nKẾ HOẠCH\n"
    blocks = mr.read_blocks(e05)
    assert blocks[0] == (
        "header",
        [
            ["ỦY BAN NHÂN DÂN TỈNH VĨNH PHÚC", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
            ["Số: 137/KH-UBND", "Vĩnh Phúc, ngày 21 tháng 8 năm 2019"],
        ],
    )
    assert blocks[1] == ("para", "KẾ HOẠCH")
    # a third: issuer and motto flattened onto consecutive lines (docs/007)
    flat = "VĂN PHÒNG CHÍNH PHỦ -------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc\nKính gửi: Bộ Tài chính.\n"
    assert mr.read_blocks(flat)[0][0] == "header"


def test_docx_has_header_table(rendered):
    import docx

    out, _ = rendered
    d = docx.Document(str(out / "docx" / "qd49.docx"))
    assert len(d.tables) == 1
    cells = [c.text for row in d.tables[0].rows for c in row.cells]
    assert cells[0].startswith("ỦY BAN NHÂN DÂN") and cells[1].startswith("CỘNG HÒA")
    assert any(p.text == "QUYẾT ĐỊNH" for p in d.paragraphs)


def test_textpdf_has_text_like_source(rendered):
    import pypdfium2 as pdfium

    out, _ = rendered
    doc = pdfium.PdfDocument(str(out / "textpdf" / "qd49.pdf"))
    text = "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    text = unicodedata.normalize("NFC", text)
    for needle in ("49/2012/QĐ-UBND", "Nghị định số 54/2006/NĐ-CP", "Đội ngũ"):
        assert needle.replace(" ", "") in text.replace(" ", "").replace("\n", "").replace("\r", "")
    reader = "\n".join(b for k, b in mr.read_blocks(SOURCE) if k == "para")
    assert fuzz.partial_ratio(" ".join(reader.split()), " ".join(text.split())) > 90


def test_scan_has_no_text_layer(rendered):
    import pypdfium2 as pdfium

    out, _ = rendered
    scan = pdfium.PdfDocument(str(out / "scan" / "qd49.pdf"))
    text = pdfium.PdfDocument(str(out / "textpdf" / "qd49.pdf"))
    assert len(scan) == len(text) >= 1
    assert all(not scan[i].get_textpage().get_text_range().strip() for i in range(len(scan)))
    w, h = scan[0].get_size()
    assert abs(w - 595) < 3 and abs(h - 842) < 3  # A4 in points at 300 dpi


def test_messy_is_nfd_eth_crlf_wrapped(rendered):
    out, _ = rendered
    raw = (out / "messy" / "qd49.txt").read_bytes()
    text = raw.decode("utf-8")
    assert "\u00d0" in text and "\u00f0" in text and "Đ" not in text and "đ" not in text
    assert text != unicodedata.normalize("NFC", text)  # decomposed
    assert "\r\n" in text and "\n" not in text.replace("\r\n", "")
    assert (
        max(len(unicodedata.normalize("NFC", ln)) for ln in text.split("\r\n")) <= 110
    )  # URL line stays whole
    back = unicodedata.normalize("NFC", text.replace("\u00d0", "Đ").replace("\u00f0", "đ"))
    assert " ".join(back.split()) == " ".join(SOURCE.split())


def test_rerun_is_identical(rendered, tmp_path):
    out, rows = rendered
    again = tmp_path / "again"
    gold = out.parent / "gold"
    mr.make_renditions(gold, again, seed=1234, kinds=["textpdf", "docx", "messy", "scan"])
    for r in rows:
        if r["kind"] != "original":
            assert (again / r["path"]).read_bytes() == (out / r["path"]).read_bytes(), r["path"]
    other = tmp_path / "other"
    mr.make_renditions(gold, other, seed=99, kinds=["scan"])
    assert (other / "scan" / "qd49.pdf").read_bytes() != (out / "scan" / "qd49.pdf").read_bytes()


def test_subset_run_keeps_other_kinds(rendered, tmp_path):
    out, _ = rendered
    gold = out.parent / "gold"
    target = tmp_path / "r"
    mr.make_renditions(gold, target, kinds=["messy", "docx"])
    rows = mr.make_renditions(gold, target, kinds=["messy"])
    assert {r["kind"] for r in rows} == {"messy", "docx", "original"}
    assert io.BytesIO((target / "docx" / "qd49.docx").read_bytes()).getbuffer().nbytes > 0
