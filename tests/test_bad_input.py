"""Every bad input gives PipelineError with its documented code, never another exception."""

from __future__ import annotations

import io
import os
import random
import re
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from pipeline import ingest as ingest_module
from pipeline import ocr as ocr_module
from pipeline import office as office_module
from pipeline import text_files as text_files_module
from pipeline.ingest import _EXT_FORMAT, ingest
from pipeline.records import PipelineError

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
ERRORS_MD = Path(__file__).resolve().parent.parent / "docs" / "errors.md"


def _code(path: Path, **kw) -> str:
    with pytest.raises(PipelineError) as info:
        ingest(path, **kw)
    assert info.value.message and "\n" not in info.value.message
    return info.value.code


def _pdf(path: Path, lines: list[str], **encryption) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("dejavu", fname=FONT)
    pdf.set_font("dejavu", size=12)
    pdf.add_page()
    for line in lines:
        pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    if encryption:
        pdf.set_encryption(**encryption)
    pdf.output(str(path))
    return path


def test_missing_file(tmp_path: Path) -> None:
    assert _code(tmp_path / "nope.txt") == "unreadable"


def test_directory_is_unreadable(tmp_path: Path) -> None:
    d = tmp_path / "folder.pdf"
    d.mkdir()
    assert _code(d) == "unreadable"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files without permission")
def test_no_permission(tmp_path: Path) -> None:
    f = tmp_path / "locked.txt"
    f.write_text("Kế hoạch", encoding="utf-8")
    f.chmod(0)
    assert _code(f) == "unreadable"


@pytest.mark.parametrize("ext", sorted(_EXT_FORMAT))
def test_empty_file(tmp_path: Path, ext: str) -> None:
    f = tmp_path / f"empty{ext}"
    f.write_bytes(b"")
    assert _code(f) == "empty_file"


@pytest.mark.parametrize("name", ["plan.xlsx", "plan.odt", "README", "scan.heic"])
def test_unsupported_format(tmp_path: Path, name: str) -> None:
    f = tmp_path / name
    f.write_bytes(b"Ke hoach")
    assert _code(f) == "unsupported_format"


def test_file_too_large(tmp_path: Path) -> None:
    f = tmp_path / "big.txt"
    f.write_text("Kế hoạch tổ chức\n" * 100, encoding="utf-8")
    assert _code(f, max_bytes=1000) == "file_too_large"
    assert ingest(f, max_bytes=10_000).pages  # same file under a larger limit reads


@pytest.mark.parametrize("content", ["   \n\n\t  \n", "\f\f\n"])
def test_empty_document(tmp_path: Path, content: str) -> None:
    f = tmp_path / "blank.txt"
    f.write_text(content, encoding="utf-8")
    assert _code(f) == "empty_document"


def test_blank_pdf_page_is_empty_document(tmp_path: Path) -> None:
    f = _pdf(tmp_path / "blank.pdf", [])
    assert _code(f) == "empty_document"


def test_pdf_encrypted(tmp_path: Path) -> None:
    f = _pdf(tmp_path / "enc.pdf", ["Kế hoạch số 12/KH-UBND"], owner_password="o", user_password="secret")
    assert _code(f) == "pdf_encrypted"


def test_pdf_no_pages_after_deleting_the_page(tmp_path: Path) -> None:
    import pypdfium2 as pdfium

    src = _pdf(tmp_path / "one.pdf", ["Kế hoạch"])
    pdf = pdfium.PdfDocument(str(src))
    pdf.del_page(0)
    f = tmp_path / "zero.pdf"
    pdf.save(str(f))
    assert _code(f) == "pdf_no_pages"


def test_pdf_no_pages_hand_written(tmp_path: Path) -> None:
    objs = [b"<</Type/Catalog/Pages 2 0 R>>", b"<</Type/Pages/Kids[]/Count 0>>"]
    out, offsets = b"%PDF-1.4\n", []
    for i, obj in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 3\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<</Size 3/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % xref
    f = tmp_path / "zero.pdf"
    f.write_bytes(out)
    assert _code(f) == "pdf_no_pages"


@pytest.mark.parametrize(
    "data", [b"%PDF-1.4\n" + b"\x00garbage" * 50, b"\x00\x9c\x01not a pdf \x02\x03" * 20]
)
def test_pdf_corrupt(tmp_path: Path, data: bytes) -> None:
    f = tmp_path / "bad.pdf"
    f.write_bytes(data)
    assert _code(f) == "pdf_corrupt"


def test_pdf_truncated(tmp_path: Path) -> None:
    good = _pdf(tmp_path / "g.pdf", ["Kế hoạch số 12/KH-UBND"]).read_bytes()
    f = tmp_path / "cut.pdf"
    f.write_bytes(good[: len(good) // 3])
    assert _code(f) in {"pdf_corrupt", "empty_document"}


def test_docx_corrupt(tmp_path: Path) -> None:
    f = tmp_path / "junk.docx"
    f.write_bytes(b"\x13\x37junk bytes that are not a zip" * 10)
    assert _code(f) == "docx_corrupt"


def test_docx_zip_without_document(tmp_path: Path) -> None:
    f = tmp_path / "other.docx"
    with zipfile.ZipFile(f, "w") as zf:
        zf.writestr("hello.txt", "xin chào")
    assert _code(f) == "docx_corrupt"


def test_docx_bomb(tmp_path: Path) -> None:
    f = tmp_path / "bomb.docx"
    with zipfile.ZipFile(f, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("word/document.xml", "w") as member:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(20):  # 20 MB of zeros → ~20 KB compressed, ratio ~1000
                member.write(chunk)
    assert f.stat().st_size < 200_000
    assert _code(f) == "docx_bomb"


def test_doc_converter_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(office_module.shutil, "which", lambda name: None)
    f = tmp_path / "old.doc"
    f.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    assert _code(f) == "doc_converter_missing"


def test_image_too_large(tmp_path: Path) -> None:
    f = tmp_path / "huge.png"
    Image.new("1", (11000, 11000), 1).save(f)  # 121 Mpx, a few KB on disk
    assert _code(f) == "image_too_large"


def test_image_too_large_limit_is_a_setting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ingest_module, "MAX_IMAGE_PIXELS", 100 * 100)
    f = tmp_path / "frames.tif"
    Image.new("L", (50, 50), 255).save(f, save_all=True, append_images=[Image.new("L", (200, 200), 255)])
    assert _code(f) == "image_too_large"


@pytest.mark.parametrize("ext", [".png", ".jpg", ".tif"])
def test_image_corrupt(tmp_path: Path, ext: str) -> None:
    good = io.BytesIO()
    Image.new("L", (300, 200), 255).save(good, format={".png": "PNG", ".jpg": "JPEG", ".tif": "TIFF"}[ext])
    f = tmp_path / f"bad{ext}"
    f.write_bytes(good.getvalue()[:40])  # right magic, truncated body
    assert _code(f) == "image_corrupt"


def test_ocr_timeout(tmp_path: Path) -> None:
    from PIL import ImageDraw, ImageFont

    img = Image.new("L", (1600, 1000), 255)
    ImageDraw.Draw(img).text(
        (50, 50), "Kế hoạch số 12/KH-UBND " * 3, fill=0, font=ImageFont.truetype(FONT, 40)
    )
    f = tmp_path / "slow.png"
    img.save(f)
    assert _code(f, ocr_timeout=0.01) == "ocr_timeout"


def test_extension_lies_junk_named_pdf_png(tmp_path: Path) -> None:
    png = tmp_path / "really.pdf"
    Image.new("L", (200, 100), 255).save(png, format="PNG")  # a blank PNG named .pdf
    with pytest.raises(PipelineError) as info:
        ingest(png)
    assert info.value.code == "empty_document"  # read as an image (blank): not pdf_corrupt


@pytest.mark.parametrize("ext", sorted(_EXT_FORMAT))
def test_random_junk_only_pipeline_errors(tmp_path: Path, ext: str, monkeypatch: pytest.MonkeyPatch) -> None:
    which = office_module.shutil.which  # no .doc converter runs; tesseract still does
    monkeypatch.setattr(
        office_module.shutil, "which", lambda name: which(name) if name == "tesseract" else None
    )
    rng = random.Random(ext)
    magic = {".pdf": b"%PDF-1.7\n", ".png": b"\x89PNG\r\n\x1a\n", ".docx": b"PK\x03\x04", ".tif": b"II*\x00"}
    for i in range(6):
        data = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 3000)))
        if i % 2:
            data = magic.get(ext, b"") + data
        f = tmp_path / f"junk{i}{ext}"
        f.write_bytes(data)
        try:
            ingest(f, ocr_timeout=5)
        except PipelineError as exc:
            assert re.fullmatch(r"[a-z0-9_]+", exc.code)
        # a junk .txt may decode to some text: returning a document is fine too


def test_every_code_is_documented() -> None:
    source = "".join(
        Path(module.__file__).read_text(encoding="utf-8")
        for module in (ingest_module, ocr_module, office_module, text_files_module)
    )
    codes = set(re.findall(r'PipelineError\(\s*"([a-z0-9_]+)"', source)) | set(
        ingest_module._CORRUPT.values()
    )
    documented = set(
        re.findall(r"^\| `([a-z0-9_]+)` \|", ERRORS_MD.read_text(encoding="utf-8"), re.MULTILINE)
    )
    assert codes <= documented, codes - documented


# ------------------------------------------------------------- text that is not text


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("random.txt", random.Random(7).randbytes(4000)),  # binary named .txt
        ("utf32.txt", b"\xff\xfe\x00\x00weird"),  # a UTF-32 BOM over bytes that are not UTF-32
        ("page.html", b"\x00\x01\x02\x03" * 100),
    ],
)
def test_binary_text_file_is_undecodable(tmp_path: Path, name: str, data: bytes) -> None:
    f = tmp_path / name
    f.write_bytes(data)
    assert _code(f) == "text_undecodable"


def test_text_file_with_a_few_control_bytes_is_still_text(tmp_path: Path) -> None:
    f = tmp_path / "plan.txt"
    f.write_bytes("KẾ HOẠCH\x07 Tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2024\n".encode() * 5)
    assert "KẾ HOẠCH" in ingest(f).pages[0].text
