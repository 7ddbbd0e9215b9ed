"""pipeline.legacy: TCVN3 / VNI detection and conversion."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from pipeline import patterns
from pipeline.legacy import _encode, _is_syllable, convert_legacy

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "documents"


@pytest.mark.parametrize(
    "legacy, expected, encoding",
    [
        # the two strings as they appear when legacy files are opened without the font
        ("Céng hßa X· héi chñ nghÜa ViÖt Nam", "Cộng hòa Xã hội chủ nghĩa Việt Nam", "tcvn3"),
        ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam", "vni"),
        # hand-typed: the motto line and a heading, each in both encodings
        ("§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc", "tcvn3"),
        ("Ñoäc laäp - Töï do - Haïnh phuùc", "Độc lập - Tự do - Hạnh phúc", "vni"),
        (
            "KÕ ho¹ch tæ chøc TuÇn lÔ h­ëng øng häc tËp suèt ®êi",
            "Kế hoạch tổ chức Tuần lễ hưởng ứng học tập suốt đời",
            "tcvn3",
        ),
        (
            "Keá hoaïch toå chöùc Tuaàn leã höôûng öùng hoïc taäp suoát ñôøi",
            "Kế hoạch tổ chức Tuần lễ hưởng ứng học tập suốt đời",
            "vni",
        ),
        # capitals: VNI has them; TCVN3 capitals come from .VnTimeH using lower-case codes
        ("UÛY BAN NHAÂN DAÂN TÆNH", "ỦY BAN NHÂN DÂN TỈNH", "vni"),
        ("CéNG HßA X· HéI CHñ NGHÜA VIÖT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "tcvn3"),
    ],
)
def test_convert_hand_written(legacy: str, expected: str, encoding: str) -> None:
    assert convert_legacy(legacy) == (expected, encoding)


@pytest.mark.parametrize(
    "text",
    [
        "Cộng hòa xã hội chủ nghĩa Việt Nam, bé ngã",  # Unicode Vietnamese: untouched
        "Le café était très bon à Paris, señor",  # French/Spanish Latin-1 letters
        "The quick brown fox jumps over the lazy dog.",
        "Số: 747/CV-PGDĐT-GDTX ngày 03/10/2022",
        "",
    ],
)
def test_no_false_positive(text: str) -> None:
    assert convert_legacy(text) == (text, None)


def _corpus_files() -> list[Path]:
    return sorted(CORPUS.glob("*/*.txt"))


@pytest.mark.parametrize("path", _corpus_files(), ids=lambda p: p.name)
def test_corpus_untouched(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert convert_legacy(text) == (text, None)


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
@pytest.mark.parametrize("path", _corpus_files(), ids=lambda p: p.name)
def test_round_trip_corpus(path: Path, encoding: str) -> None:
    # A real legacy file cannot hold the Latin-1 characters that are codes of its table
    # (one seed has "Ð" for "Đ" and "·" as a bullet), so replace those first.
    text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8")).replace("Ð", "Đ")
    table = next(e["map"] for e in patterns.table("legacy_charsets") if e["id"] == encoding)
    codes = {c for v in table.values() for c in v if not c.isascii()}
    text = "".join("-" if c in codes and c not in table else c for c in text)
    encoded = _encode(text, encoding)
    assert encoded != text
    decoded, got = convert_legacy(encoded)
    assert got == encoding
    if encoding == "vni":
        assert decoded == text
    else:  # TCVN3 cannot hold upper-case toned letters in mixed-case words ("Ủy" → "ủy")
        assert len(decoded) == len(text)
        assert decoded.lower() == text.lower()
        wrong_case = sum(1 for a, b in zip(decoded, text, strict=True) if a != b)
        assert wrong_case <= 0.01 * len(text)


def test_mixed_document_converts_only_legacy_lines() -> None:
    text = "Ủy ban nhân dân tỉnh\nKÕ ho¹ch thùc hiÖn n¨m 2024\nTổ chức thực hiện"
    out, enc = convert_legacy(text)
    assert enc == "tcvn3"
    assert out.split("\n") == ["Ủy ban nhân dân tỉnh", "Kế hoạch thực hiện năm 2024", "Tổ chức thực hiện"]


@pytest.mark.parametrize(
    "word, ok", [("nghiêng", True), ("khuya", True), ("cé", False), ("ka", False), ("xaừ", False)]
)
def test_syllable_check(word: str, ok: bool) -> None:
    assert _is_syllable(word) is ok


def test_tables_are_complete_and_one_to_one() -> None:
    tables = {e["id"]: e["map"] for e in patterns.table("legacy_charsets")}
    assert set(tables) == {"tcvn3", "vni"}
    lower = "àảãáạăằẳẵắặâầẩẫấậèẻẽéẹêềểễếệìỉĩíịòỏõóọôồổỗốộơờởỡớợùủũúụưừửữứựỳỷỹýỵđ"
    for name, table in tables.items():
        assert set(lower) <= set(table), name
        assert len(set(table.values())) == len(table), name  # decoding is unambiguous
        assert all(unicodedata.normalize("NFC", k) == k for k in table)
    assert all(len(v) == 1 and 0xA0 <= ord(v) <= 0xFF for v in tables["tcvn3"].values())


@pytest.mark.parametrize(
    "text",
    [
        # seed 004 (text-layer PDF rendition): a Unicode Nơi nhận list with "·" bullets
        "Nơi nhận:\n· Sở GD&ĐT TP.HCM; HKH TP;\n· Trung tâm GDNN- GDTX;\n· Lưu: VT.",
        # written: Latin-1-only lines of a Unicode document that decode to near-syllables
        "Kế hoạch số 12/KH-UBND\n· Trung tâm GDTX tỉnh;\n· Phòng Nội vụ;",
    ],
)
def test_unicode_document_with_latin1_only_lines_is_not_converted(text):
    assert convert_legacy(text) == (text, None)
