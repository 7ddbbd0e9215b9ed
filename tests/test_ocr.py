"""pipeline.ocr: one Tesseract call per page, TSV layout, timeouts that kill, error codes."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from pipeline.ocr import _layout, ocr_page
from pipeline.records import PipelineError

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "documents"
_HEADER = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"


def _tsv(rows: list[tuple[int, int, int, float, str]]) -> str:
    """TSV as Tesseract writes it: (block, par, line, conf, word) word rows plus a line row."""
    out = [_HEADER, "1\t1\t0\t0\t0\t0\t0\t0\t100\t100\t-1\t"]
    for k, (block, par, line, conf, word) in enumerate(rows):
        out.append(f"4\t1\t{block}\t{par}\t{line}\t0\t0\t0\t10\t10\t-1\t")
        out.append(f"5\t1\t{block}\t{par}\t{line}\t{k}\t0\t0\t10\t10\t{conf:f}\t{word}")
    return "\n".join(out) + "\n"


def _image(lines: list[str], size: tuple[int, int] = (1400, 500)) -> Image.Image:
    img = Image.new("L", size, 255)
    draw, font = ImageDraw.Draw(img), ImageFont.truetype(FONT, 36)
    for i, line in enumerate(lines):
        draw.text((60, 60 + 70 * i), line, fill=0, font=font)
    return img


def _fake_tesseract(tmp_path: Path, body: str) -> Path:
    """A `tesseract` shell script on a PATH of its own."""
    bindir = tmp_path / "bin"
    bindir.mkdir()
    exe = bindir / "tesseract"
    exe.write_text("#!/bin/sh\n" + body + "\n", encoding="utf-8")
    exe.chmod(exe.stat().st_mode | stat.S_IXUSR)
    return bindir


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    status = Path(f"/proc/{pid}/stat")
    return not (status.exists() and status.read_text().split(")")[-1].split()[0] == "Z")


# ------------------------------------------------------------------------- TSV layout


def test_layout_lines_paragraphs_and_confidence() -> None:
    tsv = _tsv(
        [
            # the header lines of a real plan (corpus seeds), as Tesseract returns them
            (1, 1, 1, 96.5, "ỦY"),
            (1, 1, 1, 95.5, "BAN"),
            (1, 1, 1, 94.0, "NHÂN"),
            (1, 1, 1, 92.0, "DÂN"),
            (1, 1, 2, 90.0, "Số:"),
            (1, 1, 2, 88.0, "15/KH-UBND"),
            # a second paragraph, own phrasing
            (1, 2, 1, 80.0, "Phòng"),
            (1, 2, 1, 70.0, "chống"),
            (1, 2, 1, -1.0, ""),  # no-word row: skipped, not averaged
            (1, 2, 1, 95.0, " "),  # blank word: skipped
        ]
    )
    text, conf = _layout(tsv)
    assert text == "ỦY BAN NHÂN DÂN\nSố: 15/KH-UBND\n\nPhòng chống"
    assert conf == pytest.approx((96.5 + 95.5 + 94.0 + 92.0 + 90.0 + 88.0 + 80.0 + 70.0) / 8, abs=0.01)


def test_layout_nfc_and_empty() -> None:
    decomposed = "Ke\u0302\u0301 hoa\u0323ch"  # NFD "Kế hoạch"
    text, conf = _layout(_tsv([(1, 1, 1, 90.0, decomposed)]))
    assert text == "Kế hoạch" and conf == 90.0
    assert _layout(_HEADER + "\n") == ("", None)
    assert _layout("") == ("", None)


# ------------------------------------------------------------------------ real Tesseract


def test_ocr_page_reads_vietnamese_image() -> None:
    # own phrasing, printed with a Vietnamese font
    text, conf = ocr_page(_image(["KẾ HOẠCH", "Số: 27/KH-UBND ngày 3 tháng 5"]), 30, "page 1")
    assert "KẾ HOẠCH" in text and "27/KH-UBND" in text
    assert text.index("KẾ HOẠCH") < text.index("27/KH-UBND")
    assert conf is not None and 60 < conf <= 100


def test_ocr_page_rgb_and_blank() -> None:
    rgb = _image(["Tờ trình số 8/TTr-UBND"]).convert("RGB")
    text, _ = ocr_page(rgb, 30)
    assert "8/TTr-UBND" in text
    assert ocr_page(Image.new("L", (800, 600), 255), 30) == ("", None)
    assert ocr_page(Image.new("RGB", (800, 600), (0, 0, 0)), 30) == ("", None)


def test_ocr_page_renders_pdf_page() -> None:
    import pypdfium2 as pdfium

    # first page of a real signed scan (corpus/documents/pdf, no text layer)
    pdf = pdfium.PdfDocument(str(CORPUS / "pdf" / "nq_115_ba_vi.pdf"))
    text, conf = ocr_page(pdf[0], 60, "page 1")
    head = "\n".join(text.split("\n")[:8])
    assert "CHÍNH PHỦ" in head and "NGHỊ QUYẾT" in head
    assert conf is not None and conf > 70


# -------------------------------------------------------------------- timeouts, errors


def test_timeout_kills_a_hung_tesseract(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pids = tmp_path / "pids"
    # a tesseract that hangs, with a child that hangs too (both must be killed)
    bindir = _fake_tesseract(tmp_path, f"sleep 300 &\necho $$ $! > {pids}\nwait")
    monkeypatch.setenv("PATH", f"{bindir}{os.pathsep}{os.environ['PATH']}")
    t0 = time.monotonic()
    with pytest.raises(PipelineError) as info:
        ocr_page(_image(["Kế hoạch"]), 0.5, "page 2")
    assert time.monotonic() - t0 < 5
    assert info.value.code == "ocr_timeout"
    assert info.value.message == "OCR of page 2 took longer than 0.5s"
    shell, child = (int(x) for x in pids.read_text().split())
    deadline = time.monotonic() + 3
    while (_alive(shell) or _alive(child)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(shell) and not _alive(child)


def test_real_tesseract_timeout() -> None:
    img = _image(["Kế hoạch số 12/KH-UBND " * 2] * 5, size=(2000, 800))
    with pytest.raises(PipelineError) as info:
        ocr_page(img, 0.01, "frame 1")
    assert info.value.code == "ocr_timeout"


def test_tesseract_failure_is_ocr_failed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    body = "echo \"Failed loading language 'vie'\" >&2\necho 'Tesseract couldn't load any languages!' >&2\nexit 1"
    monkeypatch.setenv("PATH", str(_fake_tesseract(tmp_path, body)))
    with pytest.raises(PipelineError) as info:
        ocr_page(_image(["Kế hoạch"]), 10, "page 1")
    assert info.value.code == "ocr_failed"
    assert info.value.message.startswith("page 1: Failed loading language 'vie'")


def test_missing_tesseract_is_ocr_unavailable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # an empty directory
    with pytest.raises(PipelineError) as info:
        ocr_page(_image(["Kế hoạch"]), 10)
    assert info.value.code == "ocr_unavailable"
