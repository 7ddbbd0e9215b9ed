"""find_dates / parse_date: tables of real phrasings (source commented) + written variants."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from pipeline import patterns
from pipeline.dates import find_dates, parse_date

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "documents"

# (text, kind, date, end_date, time, weekday, raw)
SINGLE = [
    # seed 003 header
    ("Long An, ngày 22 tháng 9 năm 2023", "date", "2023-09-22", None, None, None, "ngày 22 tháng 9 năm 2023"),
    # written: no leading zero, upper case
    ("NGÀY 3 THÁNG 8 NĂM 2020", "date", "2020-08-03", None, None, None, "NGÀY 3 THÁNG 8 NĂM 2020"),
    # seed 001 preamble
    (
        "Công văn số 747/CV-PGDĐT-GDTX ngày 03/10/2022 của",
        "date",
        "2022-10-03",
        None,
        None,
        None,
        "ngày 03/10/2022",
    ),
    # seed 001 body
    (
        "Quyết định số 1373/QĐ-TTg ngày \n\n30/7/2021 của",
        "date",
        "2021-07-30",
        None,
        None,
        None,
        "ngày \n\n30/7/2021",
    ),
    # written: dashes and dots
    ("vào 3-10-2024 tại", "date", "2024-10-03", None, None, None, "3-10-2024"),
    ("ký ngày 03.10.2022.", "date", "2022-10-03", None, None, None, "ngày 03.10.2022"),
    # corpus docs/019 title (upper case)
    ("SAU NGÀY 30 THÁNG 4 NĂM 1975 ĐÃ", "date", "1975-04-30", None, None, None, "NGÀY 30 THÁNG 4 NĂM 1975"),
]

RANGES = [
    # written: the weekday of the first end between the two ends
    ("Từ ngày 02/10/2023 (thứ Hai) đến hết ngày 08/10/2023 (Chủ nhật)", "2023-10-02", "2023-10-08", None),
    ("từ ngày 30/9/2024, thứ 2 đến ngày 06/10/2024", "2024-09-30", "2024-10-06", None),
    # seed 004 body
    (
        "Từ ngày 03 tháng 10 đến ngày 09 tháng 10 năm 2024",
        "2024-10-03",
        "2024-10-09",
        "Từ ngày 03 tháng 10 đến ngày 09 tháng 10 năm 2024",
    ),
    # written: the first end lacks month and year
    ("từ ngày 01 đến ngày 07 tháng 10 năm 2024", "2024-10-01", "2024-10-07", None),
    # corpus excerpt E01
    ("từ ngày 01/10/2020 đến ngày 07/10/2020", "2020-10-01", "2020-10-07", None),
    # seed 003
    ("Từ ngày 02/10/2023 đến ngày 08/10/2023", "2023-10-02", "2023-10-08", None),
    # seed 001 (line break inside)
    (
        "từ ngày 06/10/2022 \nđến ngày 12/10/2022;",
        "2022-10-06",
        "2022-10-12",
        "từ ngày 06/10/2022 \nđến ngày 12/10/2022",
    ),
    # seed 004 ("đến hết", double space)
    (
        "từ ngày 03 tháng 10 năm 2024 đến hết ngày 09 tháng  10 năm 2024",
        "2024-10-03",
        "2024-10-09",
        None,
    ),
    # written: day range sharing month/year
    ("(từ 01-07/10/2024)", "2024-10-01", "2024-10-07", "từ 01-07/10/2024"),
    ("diễn ra ngày 2 - 8 tháng 10 năm 2023", "2023-10-02", "2023-10-08", "ngày 2 - 8 tháng 10 năm 2023"),
    # written: year carried over from the end
    ("từ 01/10 đến 07/10/2024", "2024-10-01", "2024-10-07", None),
    # written: across the new year, the start falls in the previous year
    ("từ 28/12 đến 03/01/2025", "2024-12-28", "2025-01-03", None),
    # corpus docs/043
    (
        "trong thời gian từ ngày 15 tháng 7 năm 1950 đến ngày 30 tháng 4 năm 1975",
        "1950-07-15",
        "1975-04-30",
        None,
    ),
]

TIMES = [
    # seed 001: time before, weekday after
    (
        "Lễ khai mạc: 7h00 ngày 06/10/2022 (thứ 5)(thời gian",
        "2022-10-06",
        "07:00",
        5,
        "7h00 ngày 06/10/2022 (thứ 5)",
    ),
    # seed 001
    ("Tổ chức 7h ngày 06/10/2022, Lễ", "2022-10-06", "07:00", None, "7h ngày 06/10/2022"),
    # seed 004
    (
        "+ Thời gian: 8 giờ 00, ngày 03 tháng 10 năm 2024.",
        "2024-10-03",
        "08:00",
        None,
        "8 giờ 00, ngày 03 tháng 10 năm 2024",
    ),
    # seed 001
    ("* Thời gian: 15 giờ 12/10/2022.", "2022-10-12", "15:00", None, "15 giờ 12/10/2022"),
    # corpus excerpt E11
    ("vào lúc 8 giờ 00 ngày 17/7/2024", "2024-07-17", "08:00", None, "vào lúc 8 giờ 00 ngày 17/7/2024"),
    # written: time after the date, afternoon
    (
        "ngày 06/10/2022, lúc 2 giờ 30 chiều.",
        "2022-10-06",
        "14:30",
        None,
        "ngày 06/10/2022, lúc 2 giờ 30 chiều",
    ),
    # written: weekday before, in words
    ("vào thứ Hai, ngày 07/10/2024", "2024-10-07", None, 2, "thứ Hai, ngày 07/10/2024"),
    ("Chủ nhật 06/10/2024", "2024-10-06", None, 8, "Chủ nhật 06/10/2024"),
    ("7g30 thứ Năm, ngày 10/10/2024", "2024-10-10", "07:30", 5, None),
]

DEADLINES = [
    # seed 001
    ("nộp về trước ngày 18/10/2022.", "2022-10-18", None, "trước ngày 18/10/2022"),
    # seed 004
    ("chậm nhất là ngày 11 tháng 10 năm 2024", "2024-10-11", None, None),
    ("chậm nhất ngày 11 tháng 10 năm 2024", "2024-10-11", None, None),
    # seed 004: time and deadline together
    (
        "tại Quận 1 trước 6 giờ 30 ngày 03 tháng 10 năm 2024.",
        "2024-10-03",
        "06:30",
        "trước 6 giờ 30 ngày 03 tháng 10 năm 2024",
    ),
    # written
    ("Hạn chót: 15/10/2024", "2024-10-15", None, "Hạn chót: 15/10/2024"),
    ("không muộn hơn ngày 20/10/2024", "2024-10-20", None, None),
]


@pytest.mark.parametrize(("text", "kind", "date", "end_date", "time", "weekday", "raw"), SINGLE)
def test_single_dates(text, kind, date, end_date, time, weekday, raw):
    (m,) = find_dates(text)
    assert (m.kind, m.date, m.end_date, m.time, m.weekday) == (kind, date, end_date, time, weekday)
    assert m.raw == raw == text[m.start : m.end]


@pytest.mark.parametrize(("text", "date", "end_date", "raw"), RANGES)
def test_ranges(text, date, end_date, raw):
    (m,) = find_dates(text)
    assert (m.kind, m.date, m.end_date) == ("range", date, end_date)
    assert m.raw == text[m.start : m.end] == (raw or text)


@pytest.mark.parametrize(("text", "date", "time", "weekday", "raw"), TIMES)
def test_times_and_weekdays(text, date, time, weekday, raw):
    (m,) = find_dates(text)
    assert (m.date, m.time, m.weekday) == (date, time, weekday)
    if raw:
        assert m.raw == raw


@pytest.mark.parametrize(("text", "date", "time", "raw"), DEADLINES)
def test_deadlines(text, date, time, raw):
    (m,) = find_dates(text)
    assert (m.kind, m.date, m.time) == ("deadline", date, time)
    assert m.raw == (raw or text)


@pytest.mark.parametrize(
    ("text", "raw"),
    [
        # seed 004 annex
        ("Kế hoạch số              /KH-UBND ngày     tháng    năm 2024", "ngày     tháng    năm 2024"),
        # seed 004 annex (month filled in)
        ("Kế hoạch số         /KH-UBND ngày     tháng 9 năm 2024 của", "ngày     tháng 9 năm 2024"),
        # written: dotted blanks
        ("ngày ..... tháng ..... năm 2023", "ngày ..... tháng ..... năm 2023"),
    ],
)
def test_blank_draft_dates_are_never_guessed(text, raw):
    (m,) = find_dates(text)
    assert (m.kind, m.date, m.raw) == ("date", None, raw)


@pytest.mark.parametrize("text", ["ngày 31/02/2024", "ngày 30 tháng 2 năm 2023", "ngày 12/13/2024"])
def test_invalid_dates_give_none(text):
    (m,) = find_dates(text)
    assert m.date is None and m.raw == text


@pytest.mark.parametrize(
    "text",
    [
        "Nghị định số 30/2020/NĐ-CP",  # document number, not a date
        "giai đoạn 2021-2030",
        "5.000.000 đồng",
        "trong 3 tháng 6 tháng đầu năm",
        "ngày 20/11 hằng năm",  # no year: not a standalone date
        "ghi rõ ngày tháng năm sinh",
    ],
)
def test_non_dates(text):
    assert find_dates(text) == []


def test_offsets_respect_start_end():
    text = "ngày 01/01/2020 và ngày 02/02/2021 và ngày 03/03/2022"
    got = find_dates(text, start=10, end=40)
    assert [m.date for m in got] == ["2021-02-02"]
    assert all(text[m.start : m.end] == m.raw for m in got)


@pytest.mark.parametrize(
    ("s", "iso"),
    [
        ("ngày 22 tháng 9 năm 2023", "2023-09-22"),  # seed 003
        ("ngày 03/10/2022", "2022-10-03"),  # seed 001
        ("  ngày 3 tháng 8 năm 2020 ", "2020-08-03"),  # docs/012 (Bình Thuận)
        ("ngày       tháng       năm 2024", None),  # seed 004 annex
        ("31/02/2024", None),
        ("", None),
        ("không có ngày", None),
        ("22 Tháng Chín 2023", "2023-09-22"),  # dateparser fallback (month in words)
    ],
)
def test_parse_date(s, iso):
    assert parse_date(s) == iso


def test_rule_table_examples_match():
    entries = patterns.table("dates")
    ids = [e["id"] for e in entries]
    assert len(ids) == len(set(ids))
    for entry in entries:
        assert entry.get("role"), entry["id"]
        rx = patterns.compile_entry(entry)
        assert len(entry.get("examples", [])) >= 2, entry["id"]
        for example in entry["examples"]:
            assert unicodedata.is_normalized("NFC", example)
            assert rx.search(example), (entry["id"], example)


def _corpus_files() -> list[Path]:
    return sorted(p for p in CORPUS.rglob("*.txt"))


def test_whole_corpus_never_raises_and_offsets_hold():
    files = _corpus_files()
    assert files
    total = 0
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        for m in find_dates(text):
            assert text[m.start : m.end] == m.raw
            assert m.kind in {"date", "range", "deadline"}
            total += 1
    assert total > 100


# OCR look-alikes in a written-out date: "l"/"I" for 1, "O" for 0, only with "ngày … tháng …
# năm YYYY" written out; an impossible result is still no date
@pytest.mark.parametrize(
    ("text", "date"),
    [
        # pdf/nq_115_ba_vi (OCR of the signed scan)
        ("Căn cứ Luật Tổ chức chính quyên địa phương ngày l6 tháng 6 năm 2025;", "2025-06-16"),
        ("ban hành ngày 2O tháng 0l năm 2025 của", "2025-01-20"),  # written
        ("Ngày I5 tháng 4 năm 2024", "2024-04-15"),  # written
        ("ngày lO tháng l3 năm 2025", None),  # written: month 13
        ("ngày ll tháng 11 năm 2020", None),  # written: no digit in the day, not read
    ],
)
def test_ocr_digit_lookalikes_in_written_dates(text, date):
    got = [d.date for d in find_dates(text) if d.kind == "date" and d.date]
    assert got == ([date] if date else [])


def test_ocr_lookalikes_need_the_word_ngay():
    # written: without "ngày" the look-alike is not read as a digit
    assert "2025-06-16" not in [d.date for d in find_dates("Tổ chức l6 tháng 6 năm 2025")]
