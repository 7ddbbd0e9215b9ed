"""pipeline.ingest: every format, encodings, per-page text/OCR decisions."""

from __future__ import annotations

import hashlib
import io
import shutil
import unicodedata
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from pipeline.ingest import ingest
from pipeline.legacy import _encode

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "documents"
# Lines of seed 001 (corpus/documents/seeds/001_ae2414051edf08b0.txt)
SEED_LINES = [
    "KẾ HOẠCH",
    "Tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2022",
    "Thực hiện Công văn số 747/CV-PGDĐT-GDTX ngày 03/10/2022 của",
    "Phòng Giáo dục và Đào tạo huyện Đại Từ về việc tổ chức Tuần lễ hưởng ứng học",
]
# A second phrasing written for these tests
OWN_LINES = ["ỦY BAN NHÂN DÂN XÃ AN BÌNH", "Số: 15/KH-UBND", "Kế hoạch phòng chống thiên tai năm 2025"]


def _page_image(lines: list[str], size: tuple[int, int] = (1240, 700)) -> Image.Image:
    img = Image.new("L", size, 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT, 34)
    for i, line in enumerate(lines):
        draw.text((60, 60 + 60 * i), line, fill=0, font=font)
    return img


def _text_pdf(path: Path, pages: list[list[str]]) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("dejavu", fname=FONT)
    pdf.set_font("dejavu", size=12)
    for lines in pages:
        pdf.add_page()
        for line in lines:
            pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def _mixed_pdf(path: Path, text_lines: list[str], image: Image.Image) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("dejavu", fname=FONT)
    pdf.set_font("dejavu", size=12)
    pdf.add_page()
    for line in text_lines:
        pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    pdf.add_page()
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    pdf.image(buf, x=0, y=0, w=210)
    pdf.output(str(path))
    return path


# ------------------------------------------------------------------------- text files


@pytest.mark.parametrize(
    "codec, bom, encoding",
    [
        ("utf-8", b"", "utf-8"),
        ("utf-8", b"\xef\xbb\xbf", "utf-8-sig"),
        ("utf-16-le", b"\xff\xfe", "utf-16"),
        ("utf-16-be", b"\xfe\xff", "utf-16"),
        ("utf-16-le", b"", "utf-16"),  # BOM-less
        ("utf-16-be", b"", "utf-16"),
    ],
)
def test_unicode_encodings(tmp_path: Path, codec: str, bom: bytes, encoding: str) -> None:
    text = "\n".join(SEED_LINES + OWN_LINES)
    f = tmp_path / "doc.txt"
    f.write_bytes(bom + text.encode(codec))
    raw = ingest(f)
    assert raw.source.encoding == encoding
    assert raw.pages[0].text == text
    assert raw.language == "vi" and raw.source.format == "txt"


def test_cp1258_keeps_combining_marks(tmp_path: Path) -> None:
    import unicodedata

    text = "\n".join(SEED_LINES + OWN_LINES)
    f = tmp_path / "cp.txt"
    f.write_bytes(_cp1258(text))
    raw = ingest(f)
    assert raw.source.encoding == "cp1258"
    assert unicodedata.normalize("NFC", raw.pages[0].text) == text
    assert "\u0301" in raw.pages[0].text or "\u0300" in raw.pages[0].text  # decoded as is, not NFC


def _cp1258(text: str) -> bytes:
    """Encode like Windows does: base letter (with shape marks) + combining tone mark."""
    import unicodedata

    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        d = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in d if c in "\u0300\u0301\u0303\u0309\u0323")
        base = unicodedata.normalize("NFC", "".join(c for c in d if c not in tones))
        out += base.encode("cp1258") + tones.encode("cp1258")
    return bytes(out)


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_legacy_8bit_files(tmp_path: Path, encoding: str) -> None:
    text = "\n".join(SEED_LINES[1:] + OWN_LINES[2:])  # mixed-case lines
    f = tmp_path / f"{encoding}.txt"
    f.write_bytes(_encode(text, encoding).encode("latin-1"))
    raw = ingest(f)
    assert raw.source.encoding == encoding
    assert raw.pages[0].text == text
    assert any(w.startswith("legacy_encoding") for w in raw.warnings)


def test_form_feed_splits_pages_and_md(tmp_path: Path) -> None:
    f = tmp_path / "two.md"
    f.write_text(f"# {OWN_LINES[2]}\n{SEED_LINES[1]}\r\n\f{SEED_LINES[3]}\n\f", encoding="utf-8")
    raw = ingest(f)
    assert raw.source.format == "md" and raw.source.pages == 2
    assert [p.index for p in raw.pages] == [0, 1]
    assert raw.pages[1].text.strip() == SEED_LINES[3]
    assert "\r" not in raw.pages[0].text
    assert raw.doc_id == hashlib.sha256(f.read_bytes()).hexdigest()[:16]


def test_corpus_text_file_one_page() -> None:
    f = CORPUS / "seeds" / "001_ae2414051edf08b0.txt"
    raw = ingest(f)
    assert raw.source.pages == 1 and raw.source.size == f.stat().st_size
    assert raw.pages[0].text == f.read_text(encoding="utf-8").replace("\r\n", "\n")
    assert raw.language == "vi" and raw.warnings == []


def test_not_vietnamese_is_a_warning(tmp_path: Path) -> None:
    f = tmp_path / "en.txt"
    f.write_text(
        "This is the annual plan of the committee for the year, and it is in English.", encoding="utf-8"
    )
    raw = ingest(f)
    assert raw.language == "en"
    assert any(w.startswith("not_vietnamese:") for w in raw.warnings)


@pytest.mark.parametrize(
    "form",
    [
        lambda s: unicodedata.normalize("NFD", s),  # a file written on macOS (decomposed)
        lambda s: (
            unicodedata.normalize("NFD", s).replace("Đ", "\u00d0").replace("đ", "\u00f0")
        ),  # Ð/ð for Đ/đ
    ],
)
def test_decomposed_vietnamese_is_vietnamese(tmp_path: Path, form) -> None:
    f = tmp_path / "nfd.txt"
    f.write_text(form("\n".join(SEED_LINES) * 3), encoding="utf-8")
    raw = ingest(f)
    assert raw.language == "vi" and not any(w.startswith("not_vietnamese") for w in raw.warnings)


# ------------------------------------------------------------------------------ docx


def test_docx_paragraphs_and_header_table_in_order(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "ỦY BAN NHÂN DÂN"
    table.cell(0, 0).add_paragraph("XÃ HÀ THƯỢNG")
    table.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    table.cell(0, 1).add_paragraph("Độc lập - Tự do - Hạnh phúc")
    table.cell(1, 0).text = "Số: 12/KH-UBND"
    table.cell(1, 1).text = "Hà Thượng, ngày 05 tháng 10 năm 2022"
    d.add_paragraph(SEED_LINES[0])
    d.add_paragraph(SEED_LINES[1])
    body = d.add_table(rows=1, cols=3)
    for i, v in enumerate(["1", "Tuyên truyền", "UBND xã"]):
        body.cell(0, i).text = v
    d.add_paragraph(OWN_LINES[2])
    f = tmp_path / "kh.docx"
    d.save(str(f))
    raw = ingest(f)
    lines = [ln for ln in raw.pages[0].text.split("\n") if ln.strip()]
    assert lines == [
        "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "XÃ HÀ THƯỢNG | Độc lập - Tự do - Hạnh phúc",
        "Số: 12/KH-UBND | Hà Thượng, ngày 05 tháng 10 năm 2022",
        SEED_LINES[0],
        SEED_LINES[1],
        "1 | Tuyên truyền | UBND xã",
        OWN_LINES[2],
    ]
    assert raw.source.format == "docx" and raw.source.method == "text" and raw.language == "vi"


def test_docx_legacy_font_text_converted(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_paragraph(_encode(SEED_LINES[1], "tcvn3"))
    d.add_paragraph(OWN_LINES[2])  # a Unicode paragraph in the same file
    f = tmp_path / "old.docx"
    d.save(str(f))
    raw = ingest(f)
    assert raw.pages[0].text.split("\n") == [SEED_LINES[1], OWN_LINES[2]]
    assert any("tcvn3" in w for w in raw.warnings)


# ------------------------------------------------------------------------------- pdf


def test_text_pdf_pages(tmp_path: Path) -> None:
    f = _text_pdf(tmp_path / "t.pdf", [SEED_LINES, OWN_LINES])
    raw = ingest(f)
    assert raw.source.format == "pdf" and raw.source.method == "text" and raw.source.pages == 2
    assert [p.method for p in raw.pages] == ["text", "text"]
    assert SEED_LINES[2] in raw.pages[0].text
    assert OWN_LINES[1] in raw.pages[1].text
    assert raw.pages[0].confidence is None


@pytest.mark.slow
def test_scanned_pdf_goes_through_ocr(tmp_path: Path) -> None:
    f = tmp_path / "scan.pdf"
    _page_image(OWN_LINES).save(f, format="PDF", resolution=150)
    raw = ingest(f)
    page = raw.pages[0]
    assert raw.source.method == "ocr" and page.method == "ocr"
    assert page.confidence is not None and 50 < page.confidence <= 100
    assert "Số: 15/KH-UBND" in page.text
    assert "phòng chống thiên tai" in page.text


@pytest.mark.slow
def test_mixed_pdf_page_by_page(tmp_path: Path) -> None:
    f = _mixed_pdf(tmp_path / "mixed.pdf", SEED_LINES, _page_image(OWN_LINES, size=(1240, 1754)))
    raw = ingest(f)
    assert [p.method for p in raw.pages] == ["text", "ocr"]
    assert raw.source.method == "mixed"
    assert SEED_LINES[1] in raw.pages[0].text
    assert "15/KH-UBND" in raw.pages[1].text


@pytest.mark.slow
def test_multipage_tiff_one_page_per_frame(tmp_path: Path) -> None:
    f = tmp_path / "scan.tif"
    first, second = _page_image(SEED_LINES[:2]), _page_image(OWN_LINES[:2])
    first.save(f, save_all=True, append_images=[second], compression="tiff_lzw", dpi=(150, 150))
    raw = ingest(f)
    assert raw.source.format == "image" and raw.source.pages == 2
    assert [p.method for p in raw.pages] == ["ocr", "ocr"]
    assert "KẾ HOẠCH" in raw.pages[0].text
    assert "XÃ AN BÌNH" in raw.pages[1].text


@pytest.mark.slow
@pytest.mark.parametrize("ext", [".png", ".jpg", ".jfif", ".bmp", ".gif", ".webp"])
def test_single_images(tmp_path: Path, ext: str) -> None:
    f = tmp_path / f"p{ext}"
    _page_image(OWN_LINES[1:2]).save(f, format={".jfif": "JPEG", ".webp": "WEBP"}.get(ext))
    raw = ingest(f)
    assert "15/KH-UBND" in raw.pages[0].text


@pytest.mark.slow
@pytest.mark.parametrize(
    "name, expected",
    [
        # what a reader sees in the header lines of the two real scans (page 1)
        (
            "nq_115_ba_vi.pdf",
            [
                "CHÍNH PHỦ",
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "/NQ-CP",
                "NGHỊ QUYẾT",
                "Vườn quốc gia Ba Vì",
            ],
        ),
        (
            "tt_21_bct_fuel.pdf",
            ["BỘ CÔNG THƯƠNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "/2026/TT-BCT", "Hà Nội, ngày"],
        ),
    ],
)
def test_real_scans_header_readable(name: str, expected: list[str]) -> None:
    raw = ingest(CORPUS / "pdf" / name)
    assert raw.source.method == "ocr" and raw.source.pages == 2 and raw.language == "vi"
    # the header block: its first ten non-blank lines (column layout leaves blank lines)
    header = "\n".join([line for line in raw.pages[0].text.split("\n") if line.strip()][:10])
    for piece in expected:
        assert piece in header, piece
    assert all(p.confidence and p.confidence > 70 for p in raw.pages)


def test_extension_lies_pdf_named_txt(tmp_path: Path) -> None:
    f = _text_pdf(tmp_path / "t.pdf", [SEED_LINES])
    liar = tmp_path / "really_pdf.txt"
    liar.write_bytes(f.read_bytes())
    raw = ingest(liar)
    assert raw.source.format == "pdf"
    assert any(w.startswith("extension_mismatch") for w in raw.warnings)
    assert SEED_LINES[1] in raw.pages[0].text


# ------------------------------------------------------------------- web pages, lying text

PAGE = """<!DOCTYPE html>
<html><head><title>Cổng thông tin</title><style>p {margin: 0}</style>
<script>var x = "<p>not shown</p>";</script></head>
<body><div class="header"><p>ỦY BAN NHÂN DÂN<br>HUYỆN ĐÔNG ANH</p></div>
<p>Số:   12/KH-UBND</p>
<p>Kế hoạch   tổ chức
Tuần lễ&nbsp;hưởng ứng học tập suốt đời</p>
<table><tr><th>STT</th><th>Nội dung</th><th>Thời gian</th></tr>
<tr><td>1</td><td>Lễ khai mạc</td><td>01/10/2024</td></tr>
<tr><td>2</td><td><p>Ngày hội</p><p>đọc sách</p></td><td></td></tr></table>
</body></html>"""


def test_html_page_visible_text_in_lines(tmp_path: Path) -> None:
    f = tmp_path / "page.html"
    f.write_text(PAGE, encoding="utf-8")
    raw = ingest(f)
    text = raw.pages[0].text
    assert raw.source.format == "html" and not raw.warnings
    lines = [line for line in text.split("\n") if line]
    assert lines[:4] == [
        "ỦY BAN NHÂN DÂN",
        "HUYỆN ĐÔNG ANH",
        "Số: 12/KH-UBND",
        "Kế hoạch tổ chức Tuần lễ hưởng ứng học tập suốt đời",
    ]
    assert "STT | Nội dung | Thời gian" in lines
    assert "1 | Lễ khai mạc | 01/10/2024" in lines
    assert "2 | Ngày hội đọc sách |" in lines  # a cell's paragraphs joined, the empty cell kept
    assert "not shown" not in text and "Cổng thông tin" not in text and "margin" not in text


@pytest.mark.parametrize("name", ["saved.pdf", "saved.txt", "saved.docx", "saved.htm"])
def test_web_page_under_another_extension(tmp_path: Path, name: str) -> None:
    f = tmp_path / name
    f.write_text(
        "\ufeff  <!-- saved from url -->\n<HTML><body><p>Số: 5/TB-UBND</p></body></HTML>", encoding="utf-8"
    )
    raw = ingest(f)
    assert raw.source.format == "html"
    assert raw.pages[0].text.strip() == "Số: 5/TB-UBND"
    assert any(w.startswith("extension_mismatch") for w in raw.warnings) == (not name.endswith(".htm"))


@pytest.mark.parametrize(
    ("name", "codec"), [("plan.pdf", "utf-8"), ("plan.docx", "utf-8"), ("scan.png", "utf-16")]
)
def test_text_under_another_extension_is_read_as_text(tmp_path: Path, name: str, codec: str) -> None:
    f = tmp_path / name
    f.write_text("\n".join(SEED_LINES), encoding=codec)
    raw = ingest(f)
    assert raw.source.format == "txt"
    assert f"extension_mismatch: {f.suffix} file holds text content, read as txt" in raw.warnings
    assert SEED_LINES[1] in raw.pages[0].text


def test_html_rendition_extracts_like_the_text(tmp_path: Path) -> None:
    from html import escape

    from pipeline.extract import extract

    src = (
        Path(__file__).resolve().parent.parent / "corpus" / "documents" / "seeds" / "003_6c6551002ead6284.txt"
    )
    text = src.read_text(encoding="utf-8")
    paragraphs = "".join(f"<p>{escape(block)}</p>\n" for block in text.split("\n") if block.strip())
    f = tmp_path / "003.html"
    f.write_text(f"<!doctype html><html><body>{paragraphs}</body></html>", encoding="utf-8")
    a, b = extract(ingest(src)), extract(ingest(f))
    assert (b.number, b.issued_date, b.issuer.name, b.parents) == (
        a.number,
        a.issued_date,
        a.issuer.name,
        a.parents,
    )
    assert [c.number for c in b.legal_basis] == [c.number for c in a.legal_basis]


def test_docx_tracked_changes_content_controls_and_fields(tmp_path: Path) -> None:
    """Runs python-docx's Paragraph.text leaves out: a tracked insertion, an inline content
    control, a smart tag and a simple field are read; a tracked deletion is not."""
    import docx
    from lxml import etree

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    document = docx.Document()
    for head, runs in [
        # a number typed in with track changes on, over a deleted draft number
        (
            "Số: ",
            '<w:ins w:id="1" w:author="a"><w:r><w:t>125</w:t></w:r></w:ins>'
            '<w:del w:id="2" w:author="a"><w:r><w:delText>99</w:delText></w:r></w:del>'
            "<w:sdt><w:sdtContent><w:r><w:t>/KH-UBND</w:t></w:r></w:sdtContent></w:sdt>",
        ),
        # a template's place name in a smart tag, a page number in a field
        (
            "",
            '<w:smartTag w:uri="urn:x" w:element="place"><w:r><w:t>Hà Giang</w:t></w:r></w:smartTag>'
            "<w:r><w:t>, ngày 05 tháng 3 năm 2023 - trang </w:t></w:r>"
            '<w:fldSimple w:instr="PAGE"><w:r><w:t>2</w:t></w:r></w:fldSimple>',
        ),
    ]:
        paragraph = document.add_paragraph(head)
        for el in etree.fromstring(f'<w:root xmlns:w="{w}">{runs}</w:root>'):
            paragraph._p.append(el)
    f = tmp_path / "tracked.docx"
    document.save(f)
    lines = ingest(f).pages[0].text.split("\n")
    assert lines[:2] == ["Số: 125/KH-UBND", "Hà Giang, ngày 05 tháng 3 năm 2023 - trang 2"]


# ------------------------------------------------------------------------ huge inputs


def test_huge_text_is_read_up_to_the_budget(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pipeline import ingest as ingest_module

    monkeypatch.setattr(ingest_module, "MAX_TEXT_CHARS", 1000)
    f = tmp_path / "register.txt"
    f.write_text("\f".join("\n".join(SEED_LINES) + f"\nTrang {i}" for i in range(40)), encoding="utf-8")
    raw = ingest(f)
    kept = sum(len(page.text) for page in raw.pages)
    assert 900 <= kept <= 1000 and len(raw.pages) < 40
    assert raw.pages[-1].text.endswith("\n")  # the last page kept is cut at a line end
    total = len(f.read_text(encoding="utf-8").replace("\f", ""))  # form feeds part pages
    assert [w for w in raw.warnings if w.startswith("truncated:")] == [
        f"truncated: the text has {total} characters; fields are read from the first {kept}"
    ]


def test_pdf_pages_beyond_the_limit_are_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pipeline import ingest as ingest_module

    monkeypatch.setattr(ingest_module, "MAX_PAGES", 2)
    f = _text_pdf(tmp_path / "book.pdf", [SEED_LINES, SEED_LINES, SEED_LINES])
    raw = ingest(f)
    assert len(raw.pages) == 2
    assert "truncated: read 2 of 3 pages" in raw.warnings


# ------------------------------------------------------------------------- Word 97 .doc

# tests/data/plan_word97.doc: a short commune plan written for this test (own text, not a
# corpus document), saved as "MS Word 97" by LibreOffice 7.4 from a DOCX with a header table
WORD97 = Path(__file__).resolve().parent / "data" / "plan_word97.doc"


def _doc_fields(raw) -> tuple:
    from pipeline.extract import extract

    plan = extract(raw)
    return plan.number, plan.issued_date, plan.issuer.name, plan.parents, plan.signer.name


@pytest.mark.skipif(shutil.which("antiword") is None, reason="antiword not installed (make installs it)")
def test_word97_doc_through_antiword() -> None:
    raw = ingest(WORD97)
    assert raw.source.format == "doc" and not raw.warnings
    assert "Tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2017" in raw.pages[0].text
    assert _doc_fields(raw) == (
        "27/KH-UBND",
        "2017-09-15",
        "Ủy ban nhân dân xã Hợp Thành",
        ["88/KH-UBND"],
        "Nguyễn Văn Đức",
    )


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed (optional)")
def test_word97_doc_through_libreoffice(monkeypatch: pytest.MonkeyPatch) -> None:
    from pipeline import office

    which = shutil.which
    monkeypatch.setattr(office.shutil, "which", lambda name: None if name == "antiword" else which(name))
    raw = ingest(WORD97)
    assert _doc_fields(raw)[:3] == ("27/KH-UBND", "2017-09-15", "Ủy ban nhân dân xã Hợp Thành")
