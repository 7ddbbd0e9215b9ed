"""pipeline.ocr: one Tesseract call per page, TSV layout, timeouts that kill, error codes."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from pipeline import ocr as ocr_module
from pipeline.ocr import ocr_page
from pipeline.ocr_layout import layout as _layout
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
    text, conf, _ = _layout(tsv)
    assert text == "ỦY BAN NHÂN DÂN\nSố: 15/KH-UBND\n\nPhòng chống"
    assert conf == pytest.approx((96.5 + 95.5 + 94.0 + 92.0 + 90.0 + 88.0 + 80.0 + 70.0) / 8, abs=0.01)


def test_layout_nfc_and_empty() -> None:
    decomposed = "Ke\u0302\u0301 hoa\u0323ch"  # NFD "Kế hoạch"
    text, conf, breaks = _layout(_tsv([(1, 1, 1, 90.0, decomposed)]))
    assert text == "Kế hoạch" and conf == 90.0 and breaks.ends == breaks.wraps == []
    assert _layout(_HEADER + "\n")[:2] == ("", None)
    assert _layout("")[:2] == ("", None)


def _boxed(rows: list[tuple], conf: dict[str, float] | None = None) -> str:
    """TSV word rows with boxes: (block, par, line, left, top, width, word), height 40,
    confidence 95 unless ``conf`` gives another for that word."""
    out = [_HEADER]
    for k, (block, par, line, left, top, width, word) in enumerate(rows):
        c = (conf or {}).get(word, 95.0)
        out.append(f"5\t1\t{block}\t{par}\t{line}\t{k}\t{left}\t{top}\t{width}\t40\t{c:f}\t{word}")
    return "\n".join(out) + "\n"


def _words(block: int, par: int, line: int, left: int, top: int, text: str) -> list[tuple]:
    """One row per word, 28 px per character plus a 25 px space, as on a 300 dpi page."""
    rows = []
    for word in text.split():
        rows.append((block, par, line, left, top, 28 * len(word), word))
        left += 28 * len(word) + 25
    return rows


# the header of a real decision rendered as a scan (corpus/renditions/scan/023.pdf):
# Tesseract returned the issuer cell as block 4, after the body, and the number and the
# place-date of the second row as one line
_HEADER_023 = (
    _words(1, 7, 1, 1290, 736, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT")
    + _words(1, 7, 2, 1325, 815, "NAM Độc lập - Tự do - Hạnh phúc")
    + _words(2, 1, 1, 540, 950, "Số: 378/QĐ-UBND")
    + _words(2, 1, 1, 1270, 955, "Hà Giang, ngày 18 tháng 3 năm 2022")
    + _words(2, 1, 2, 315, 1033, "QUYẾT ĐỊNH")
    + _words(2, 1, 2, 2150, 1030, "|")  # a speck read as a bar: not a column
    + _words(3, 1, 1, 315, 1130, "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015")
    + _words(4, 1, 1, 325, 760, "ỦY BAN NHÂN DÂN TỈNH HÀ GIANG")
)


def test_layout_two_column_header_left_then_right() -> None:
    text, *_ = _layout(_boxed(_HEADER_023))
    lines = [ln for ln in text.split("\n") if ln]
    # row by row (white across both columns ends a row), left cell then right cell
    assert lines[:5] == [
        "ỦY BAN NHÂN DÂN TỈNH HÀ GIANG",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT",
        "NAM Độc lập - Tự do - Hạnh phúc",
        "Số: 378/QĐ-UBND",
        "Hà Giang, ngày 18 tháng 3 năm 2022",
    ]
    assert lines[5] == "QUYẾT ĐỊNH"  # a left-only line below the columns stays after them
    assert lines[-1].startswith("Căn cứ Luật")
    # the cells are set apart by two blank lines so that no later step glues them
    assert "TỈNH HÀ GIANG\n\n\nCỘNG HÒA" in text and "UBND\n\n\nHà Giang" in text


def test_layout_closing_list_then_signature() -> None:
    # own phrasing: a closing whose recipient list and signature share baselines, the
    # name alone under the signature space; both columns in one Tesseract block
    rows = (
        _words(5, 1, 1, 300, 3000, "Nơi nhận:")
        + _words(5, 1, 1, 1500, 3000, "KT. CHỦ TỊCH")
        + _words(5, 1, 2, 300, 3060, "- Sở Tài chính;")
        + _words(5, 1, 2, 1500, 3060, "PHÓ CHỦ TỊCH")
        + _words(5, 1, 3, 300, 3120, "- Lưu: VT, KGVX.")
        + _words(5, 1, 4, 1550, 3280, "Trần Văn Bình")
    )
    text, *_ = _layout(_boxed(rows))
    lines = [ln for ln in text.split("\n") if ln]
    assert lines == [
        "Nơi nhận:",
        "- Sở Tài chính;",
        "- Lưu: VT, KGVX.",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Trần Văn Bình",
    ]


def test_layout_drops_rule_lines_and_lone_unreadable_marks() -> None:
    # the rule line under the issuer of a real plan rendered as a scan (renditions/scan
    # E08.pdf: "_—=====", confidence 0) and a stamp read as "TT#rữ)" (pdf/nq_115_ba_vi.pdf)
    rows = (
        _words(1, 1, 1, 1300, 160, "TT#rữ)")
        + _words(1, 1, 2, 400, 340, "ỦY BAN NHÂN DÂN")
        + _words(1, 1, 2, 1300, 340, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
        + _words(1, 1, 3, 450, 400, "TỈNH GIA LAI")
        + _words(1, 1, 3, 1350, 400, "Độc lập - Tự do - Hạnh phúc")
        + _words(1, 1, 4, 450, 460, "_—=====")
        # own phrasing: a lone low-confidence mark, and a low-confidence word in a real line
        + _words(1, 2, 1, 300, 700, "Kế hoạch thực hiện năm 2025 Vĩnh")
        + _words(1, 2, 2, 1800, 760, "Knuiônge")
    )
    conf = {"TT#rữ)": 40.0, "_—=====": 0.0, "Knuiônge": 0.0, "Vĩnh": 5.0}
    text, *_ = _layout(_boxed(rows, conf))
    assert [ln for ln in text.split("\n") if ln] == [
        "ỦY BAN NHÂN DÂN",
        "TỈNH GIA LAI",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Kế hoạch thực hiện năm 2025 Vĩnh",
    ]


def test_layout_one_column_keeps_lines_and_wide_words() -> None:
    # own phrasing: body lines, one with a wider space, and a three-cell table row
    rows = (
        _words(1, 1, 1, 300, 1000, "1. Tổ chức hội nghị tổng kết năm học")
        + _words(1, 1, 2, 300, 1060, "Thời gian:")
        + _words(1, 1, 2, 640, 1060, "tháng 6")  # a 60 px gap: same segment
        + _words(1, 2, 1, 300, 1200, "STT")
        + _words(1, 2, 1, 700, 1200, "Nội dung")
        + _words(1, 2, 1, 1500, 1200, "Thời gian")
    )
    text, *_ = _layout(_boxed(rows))
    assert text.split("\n") == [
        "1. Tổ chức hội nghị tổng kết năm học",
        "Thời gian: tháng 6",
        "",
        "STT",
        "Nội dung",
        "Thời gian",
    ]


# ------------------------------------------------------------------------ real Tesseract


def test_ocr_page_reads_vietnamese_image() -> None:
    # own phrasing, printed with a Vietnamese font
    text, conf, _ = ocr_page(_image(["KẾ HOẠCH", "Số: 27/KH-UBND ngày 3 tháng 5"]), 30, "page 1")
    assert "KẾ HOẠCH" in text and "27/KH-UBND" in text
    assert text.index("KẾ HOẠCH") < text.index("27/KH-UBND")
    assert conf is not None and 60 < conf <= 100


def test_ocr_page_rgb_and_blank() -> None:
    rgb = _image(["Tờ trình số 8/TTr-UBND"]).convert("RGB")
    text, *_ = ocr_page(rgb, 30)
    assert "8/TTr-UBND" in text
    assert ocr_page(Image.new("L", (800, 600), 255), 30)[:2] == ("", None)
    assert ocr_page(Image.new("RGB", (800, 600), (0, 0, 0)), 30)[:2] == ("", None)


def test_ocr_page_renders_pdf_page() -> None:
    import pypdfium2 as pdfium

    # first page of a real signed scan (corpus/documents/pdf, no text layer)
    pdf = pdfium.PdfDocument(str(CORPUS / "pdf" / "nq_115_ba_vi.pdf"))
    text, conf, _ = ocr_page(pdf[0], 60, "page 1")
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


# ------------------------------------------------------------------ turned pages

_TURNED_LINES = [
    "ỦY BAN NHÂN DÂN HUYỆN ĐÔNG ANH",
    "Số: 45/KH-UBND ngày 12 tháng 9 năm 2024",
    "KẾ HOẠCH tổ chức Tuần lễ hưởng ứng học tập suốt đời",
    "Căn cứ Công văn số 4567/BGDĐT-GDTX của Bộ Giáo dục",
    "và Đào tạo về việc tổ chức Tuần lễ năm 2024;",
    "Ủy ban nhân dân huyện ban hành Kế hoạch như sau:",
    "1. Tổ chức Lễ khai mạc vào ngày 01 tháng 10 năm 2024.",
    "2. Treo băng rôn, khẩu hiệu tại trụ sở các xã, thị trấn.",
]


@pytest.mark.slow
@pytest.mark.parametrize("angle", [90, 180, 270])
def test_page_scanned_sideways_or_upside_down_is_read_upright(angle: int) -> None:
    page = _image(_TURNED_LINES, size=(1500, 700)).rotate(angle, expand=True, fillcolor=255)
    text, conf, _ = ocr_page(page, 60, "page 1")
    assert "45/KH-UBND" in text and "4567/BGDĐT-GDTX" in text
    assert text.index("ỦY BAN") < text.index("45/KH-UBND") < text.index("Lễ khai mạc")
    assert conf is not None and conf > 80


def test_turned_page_shape_from_word_boxes() -> None:
    rows = [_HEADER]
    for k, (w, h, conf) in enumerate([(30, 120, 91.0), (28, 90, 88.0), (12, 14, 60.0), (25, 150, 95.0)]):
        rows.append(f"5\t1\t1\t1\t{k}\t{k}\t0\t0\t{w}\t{h}\t{conf}\t{'word' if w > 20 else 'a'}")
    words, conf, tall = ocr_module._shape("\n".join(rows))
    assert words == 4 and conf == pytest.approx(83.5) and tall == 1.0  # "a" is too short to count
    assert (
        ocr_module._shape(_tsv([(1, 1, 1, 95.0, "Kế"), (1, 1, 1, 95.0, "hoạch")]))[2] == 0.0
    )  # square boxes


def test_orientation_unavailable_leaves_the_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # a Tesseract without the osd data fails on --psm 0: the page is read as it lies
    calls = []

    def fake(src, timeout, where, psm=3):
        calls.append(psm)
        if psm == 0:
            raise PipelineError("ocr_failed", "Failed loading language 'osd'")
        return _tsv(
            [
                (1, 1, 1, 40.0, w)
                for w in ["một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười"] * 3
            ]
        )

    monkeypatch.setattr(ocr_module, "_tesseract", fake)
    text, conf, _ = ocr_page(_image(["Kế hoạch"]), 30)
    assert calls == [3, 0] and conf == 40.0 and text.startswith("một hai ba")
