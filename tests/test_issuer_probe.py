"""Issuer causes found on unseen documents (probe set): a unit-head syllable inside a word,
two whole unit names stacked in a header, and mass-organisation abbreviations.

Rows marked "probe" are phrasings of the unseen probe documents; the others are written
for other provinces, levels and bodies. Header rows run through every layout live in
tests/test_issuer_unseen.py; here are the unit-name rules and the lexicon they rely on.
"""

import pytest

from pipeline import patterns
from pipeline import unit_names as un
from pipeline.extract import extract
from pipeline.fields_common import lexicon
from pipeline.records import PageText, RawDocument, SourceInfo


@pytest.mark.parametrize(
    "raw,name,level",
    [
        # probe doc12 header read on one line: "VỤ" of "DỊCH VỤ" is no ministry department
        ("SỞ LAO ĐỘNG - TB&XH LÂM ĐỒNG TRUNG TÂM DỊCH VỤ VIỆC LÀM", "Trung tâm Dịch vụ việc làm", "province"),
        # written: the same word under a district, and other unit-head syllables ending a word
        ("UBND HUYỆN GIA BÌNH TRUNG TÂM DỊCH VỤ NÔNG NGHIỆP", "Trung tâm Dịch vụ nông nghiệp", "district"),
        ("SỞ NGOẠI VỤ TỈNH LÀO CAI", "Sở Ngoại vụ tỉnh Lào Cai", "province"),
        ("CHI CỤC QUẢN LÝ THỊ TRƯỜNG TỈNH BẾN TRE", "Chi cục Quản lý thị trường tỉnh Bến Tre", "province"),
        ("TRUNG TÂM Y TẾ DỰ PHÒNG TỈNH NGHỆ AN", "Trung tâm Y tế dự phòng tỉnh Nghệ An", "province"),
        # a real lower department after a word ending in "vụ" is still split off
        ("BỘ NỘI VỤ VỤ TỔ CHỨC - BIÊN CHẾ", "Vụ Tổ chức - Biên chế", "central"),
    ],
)
def test_head_syllable_inside_a_word_starts_no_unit(raw, name, level):
    got_name, got_level, _ = un.format_unit(raw, "")
    assert (got_name, got_level) == (name, level)


@pytest.mark.parametrize(
    "raw,name,code",
    [
        # probe doc05, doc07 (both header lines joined)
        (
            "HỘI KHUYẾN HỌC TỈNH QUẢNG NAM HỘI KHUYẾN HỌC HUYỆN THĂNG BÌNH",
            "Hội Khuyến học huyện Thăng Bình",
            "513",
        ),
        (
            "HỘI LHPN QUẬN LIÊN CHIỂU HỘI LHPN PHƯỜNG HÒA KHÁNH BẮC",
            "Hội Liên hiệp Phụ nữ phường Hòa Khánh Bắc",
            "20197",
        ),
        # written
        (
            "HỘI CỰU CHIẾN BINH TỈNH NGHỆ AN HỘI CỰU CHIẾN BINH HUYỆN NAM ĐÀN",
            "Hội Cựu chiến binh huyện Nam Đàn",
            "430",
        ),
        ("ĐẢNG BỘ TỈNH NGHỆ AN ĐẢNG BỘ HUYỆN NAM ĐÀN", "Đảng bộ huyện Nam Đàn", "430"),
    ],
)
def test_two_whole_unit_names_give_the_lower(raw, name, code):
    got_name, _, unit = un.format_unit(raw, "")
    assert (got_name, unit.code if unit else None) == (name, code)


@pytest.mark.parametrize(
    "raw,name",
    [
        # probe doc07 preamble "của Ban Thường vụ Hội LHPN quận Liên Chiểu": one body, not two
        ("Ban Thường vụ Hội LHPN quận Liên Chiểu", "Ban Thường vụ Hội Liên hiệp Phụ nữ quận Liên Chiểu"),
        # probe doc05 preamble; written
        ("Ban Thường vụ Hội Khuyến học huyện Thăng Bình", "Ban Thường vụ Hội Khuyến học huyện Thăng Bình"),
        ("BAN CHẤP HÀNH HỘI NÔNG DÂN TỈNH BẮC NINH", "Ban Chấp hành Hội Nông dân tỉnh Bắc Ninh"),
        # the parent line has no locality: nothing to split on
        ("HỘI KHUYẾN HỌC VIỆT NAM", "Hội Khuyến học Việt Nam"),
    ],
)
def test_a_body_of_a_mass_organisation_is_not_split(raw, name):
    assert un.format_unit(raw, "")[0] == name


@pytest.mark.parametrize(
    "raw,name",
    [
        ("HỘI CCB XÃ HÀ THƯỢNG", "Hội Cựu chiến binh xã Hà Thượng"),  # written
        ("HCCB HUYỆN ĐẠI TỪ", "Hội Cựu chiến binh huyện Đại Từ"),  # written
        ("HỘI ND TỈNH BẮC NINH", "Hội Nông dân tỉnh Bắc Ninh"),  # written
        ("HKH XÃ HÀ THƯỢNG", "Hội Khuyến học xã Hà Thượng"),  # written after seed 001 "Hội KH"
        ("LĐLĐ HUYỆN BẢO THẮNG", "Liên đoàn Lao động huyện Bảo Thắng"),  # written
        ("UBMTTQ VN HUYỆN NAM ĐÀN", "Ủy ban Mặt trận Tổ quốc Việt Nam huyện Nam Đàn"),  # written
        ("ỦY BAN MTTQ VN TỈNH LÀO CAI", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Lào Cai"),  # written
        ("HỘI LHPN HUYỆN GIA BÌNH", "Hội Liên hiệp Phụ nữ huyện Gia Bình"),  # written (probe doc07 style)
    ],
)
def test_mass_organisation_abbreviations_expanded(raw, name):
    assert un.format_unit(raw, "")[0] == name


def test_compound_words_end_in_a_unit_head():
    heads = {e["canonical"].casefold() for e in lexicon("head")}
    for entry in patterns.table("issuer_words"):
        assert entry["kind"] in ("compound", "branch") and entry.get("source"), entry["id"]
        if entry["kind"] == "branch":  # "chi nhánh": starts a lower row, is no unit head itself
            assert entry["word"] not in heads, entry["id"]
            continue
        first, last = entry["word"].split()
        assert last in heads, f"{entry['id']}: '{last}' is no unit head of agencies.yaml"


def _plan(header: str, preamble: str) -> RawDocument:
    text = (
        f"{header}\n\nKẾ HOẠCH\nTổ chức Tháng hành động năm 2024\n\n{preamble}\n\n"
        "I. MỤC ĐÍCH, YÊU CẦU\n- Nâng cao nhận thức.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\n"
        "TM. BAN THƯỜNG VỤ\nCHỦ TỊCH\n\nNguyễn Thị Lan\n"
    )
    return RawDocument("probe", SourceInfo(path="x.txt", format="txt"), [PageText(0, text, "text")])


@pytest.mark.parametrize(
    "header,preamble,number,issuer,basis",
    [
        # probe doc07 (header and the preamble's parent body)
        (
            "HỘI LHPN QUẬN LIÊN CHIỂU                 CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "HỘI LHPN PHƯỜNG HÒA KHÁNH BẮC                   Độc lập - Tự do - Hạnh phúc\n\n"
            "Số: 07/KH-PN                                  Hòa Khánh Bắc, ngày 25 tháng 4 năm 2022",
            "Thực hiện Hướng dẫn số 15/HD-PN ngày 12/4/2022 của Ban Thường vụ Hội LHPN quận Liên Chiểu"
            " về tổ chức các hoạt động năm 2022;",
            "07/KH-PN",
            "Hội Liên hiệp Phụ nữ phường Hòa Khánh Bắc",
            "Ban Thường vụ Hội Liên hiệp Phụ nữ quận Liên Chiểu",
        ),
        # written: Hội Khuyến học, own code "…/KH-HKH" kept as written
        (
            "HỘI KHUYẾN HỌC TỈNH NGHỆ AN        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "HỘI KHUYẾN HỌC HUYỆN NAM ĐÀN              Độc lập - Tự do - Hạnh phúc\n"
            "Số: 9/KH-HKH                          Nam Đàn, ngày 3 tháng 5 năm 2024",
            "Thực hiện Công văn số 45/HKH-VP ngày 02/4/2024 của LĐLĐ tỉnh Nghệ An về việc phối hợp;",
            "9/KH-HKH",
            "Hội Khuyến học huyện Nam Đàn",
            "Liên đoàn Lao động tỉnh Nghệ An",
        ),
    ],
)
def test_probe_plan_of_a_mass_organisation(header, preamble, number, issuer, basis):
    plan = extract(_plan(header, preamble), layers="rules")
    assert plan.number == number
    assert plan.issuer.name == issuer
    assert [c.issuer for c in plan.legal_basis] == [basis]


@pytest.mark.parametrize(
    ("raw", "name", "code"),
    [
        # written (probe of unseen citations): "TP" without its dot, "TX." / "TX"
        ("ỦY BAN NHÂN DÂN TP ĐỒNG HỚI", "Ủy ban nhân dân thành phố Đồng Hới", "450"),
        ("UBND TX. SƠN TÂY", "Ủy ban nhân dân thị xã Sơn Tây", "269"),
        ("UBND TX SƠN TÂY", "Ủy ban nhân dân thị xã Sơn Tây", "269"),
        # seed 004 shape: "TP.HCM" is a dotted compound, not "TP" + ".HCM"
        ("SỞ GD&ĐT TP.HCM", "Sở Giáo dục và Đào tạo TP.HCM", None),
    ],
)
def test_city_and_town_abbreviations(raw, name, code):
    display, _level, unit = un.format_unit(raw, "")
    assert display == name
    assert (unit.code if unit is not None else None) == code
