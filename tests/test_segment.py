"""segment: line rules on real + written phrasings, whole seeds, every corpus document."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.normalize import normalize
from pipeline.records import Section, Segmentation, Text
from pipeline.segment import segment

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "documents"
DOCS = sorted(CORPUS.glob("*/*.txt"))


def _seg(raw: str) -> tuple[Text, Segmentation]:
    t = normalize(raw)
    return t, segment(t)


def _seed(prefix: str) -> tuple[Text, Segmentation]:
    return _seg(next(CORPUS.glob(f"seeds/{prefix}_*.txt")).read_text(encoding="utf-8"))


def _texts(t: Text, seg: Segmentation, kind: str) -> list[str]:
    return [t.text[s.start : s.end] for s in seg.of_kind(kind)]


def _kind_of(t: Text, seg: Segmentation, needle: str) -> str:
    """Kind of the innermost section holding ``needle``."""
    at = t.text.index(needle)
    holding = [s for s in seg.sections if s.start <= at < s.end]
    assert holding, needle
    return min(holding, key=lambda s: s.end - s.start).kind


# ----------------------------------------------------------------------- small documents


@pytest.mark.parametrize(
    "raw,needle,kind",
    [
        # docs/007: crawler title line, flattened header (not the document header)
        ("Công văn 2739/VPCP-ĐMDN năm 2019 quy định về quản trị\nVĂN PHÒNG CHÍNH PHỦ -------\n"
         "Số: 2739/VPCP-ĐMDN V/v quy định về quản trị\nHà Nội, ngày 05 tháng 04 năm 2019 Kính gửi: Bộ Kế hoạch và Đầu tư.\n"
         "Báo Đấu thầu ngày 26 tháng 3 năm 2019 đưa tin.",
         "Công văn 2739", "noise"),
        ("VĂN PHÒNG CHÍNH PHỦ -------\nSố: 2739/VPCP-ĐMDN V/v quy định về quản trị\nHà Nội, ngày 05 tháng 04 năm 2019",
         "V/v quy định", "title"),
        ("VĂN PHÒNG CHÍNH PHỦ -------\nSố: 2739/VPCP-ĐMDN V/v quy định\nHà Nội, ngày 05 tháng 04 năm 2019 Kính gửi: Bộ X.\nNội dung.",
         "Kính gửi", "preamble"),
        # written: issuer and quốc hiệu on one line (pdftotext -layout)
        ("ỦY BAN NHÂN DÂN TỈNH BẮC KẠN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 12/KH-UBND\nKẾ HOẠCH\nVề việc A\n"
         "Căn cứ Luật X;\nI. MỤC TIÊU\nNội dung.", "CỘNG HÒA", "header"),
        # written: digital-signature banner above the header
        ("Người ký: Cổng Thông tin điện tử\nThời gian ký: 23.04.2026 16:35:42 +07:00\nCHÍNH PHỦ\n"
         "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 115/NQ-CP\nNGHỊ QUYẾT\nVề việc chuyển giao\nCăn cứ Luật A;\nQUYẾT NGHỊ:\nĐiều 1. Đồng ý.",
         "Người ký", "banner"),
        # written: a preamble right after the title whose citation has ", ngày" is not a place/date line
        ("UBND HUYỆN NAM ĐÀN\nSố: 12/KH-UBND\nKẾ HOẠCH\nTổ chức Tuần lễ\n"
         "Thực hiện Kế hoạch số 345/KH-UBND, ngày 05/9/2023 của UBND tỉnh, UBND huyện ban hành Kế hoạch:\nI. MỤC ĐÍCH",
         "Thực hiện Kế hoạch", "preamble"),
        ("UBND XÃ HÀ THƯỢNG\nSố: 5/KH-UBND\nKẾ HOẠCH\nTổ chức Tuần lễ\n"
         "Thực hiện chỉ đạo của UBND huyện, ngày 02/10/2022 UBND xã ban hành Kế hoạch:\nI. MỤC ĐÍCH",
         "Thực hiện chỉ đạo", "preamble"),
        # text-PDF rendition of docs/040 (page OCR'd): a recipients line of unit codes is not the signature
        ("Nội dung./.\nNơi nhận: - Như trên; - Thủ tướng CP, các PTTg; -\nCác Bộ: TC, NV; - VPCP: BTCN, các PCN, Trợ lý\n"
         "TTgCP, các Vụ: TCCV, KG V X, TH, TKBT, PL;TGĐĐ\nC ổng TTĐT; - Lưu: VT, KTTH (3 )\n\n\n"
         "KT. BỘ TRƯỞNG, CHỦ NHIỆM PHÓ CHỦ NHIỆM\nNguyễn Sỹ Hiệp", "TTgCP, các Vụ", "recipients"),
        ("Nội dung./.\nNơi nhận:\n- Như trên;\n- UBND, HĐND, MTTQ, LĐLĐ, HLHPN, HND; HCCB tỉnh;\n- Lưu: VT.\n"
         "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nLê Văn A", "TM. ỦY BAN", "signature"),  # written
        # docs/011: QĐ preamble ends with "QUYẾT ĐỊNH:"; Điều headings follow
        ("QUYẾT ĐỊNH\nBAN HÀNH QUY CHẾ A\nỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH\nCăn cứ Luật B;\nQUYẾT ĐỊNH:\n"
         "Điều 1. Nay ban hành Quy chế.\nĐiều 2. Hiệu lực.", "QUYẾT ĐỊNH:", "preamble"),
        # docs/007 flattened signature after the recipients list
        ("Nội dung./.\nNơi nhận:\n- Như trên;\n- Lưu: VT, ĐMDN (2b). Trung Anh BỘ TRƯỞNG, CHỦ NHIỆM Mai Tiến Dũng",
         "Mai Tiến Dũng", "signature"),
        # brief: flattened 'TM. ... KT. ...' signature; written recipients
        ("Văn bản./.\nNơi nhận:\n- Sở A;\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH Nguyễn Hữu Tháp",
         "Nguyễn Hữu Tháp", "signature"),
        ("Văn bản./.\nNơi nhận:\n- Sở A;\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH Nguyễn Hữu Tháp",
         "- Sở A;", "recipients"),
    ],
)  # fmt: skip
def test_small_documents(raw, needle, kind):
    t, seg = _seg(raw)
    assert _kind_of(t, seg, needle) == kind


@pytest.mark.parametrize(
    "line,label,title,level",
    [
        ("I. MỤC ĐÍCH YÊU CẦU", "I.", "MỤC ĐÍCH YÊU CẦU", 0),  # seeds/001
        ("2.1 Phát động tuần học tập suốt đời.", "2.1", "Phát động tuần học tập suốt đời", 0),  # seeds/001
        ("Điều 10. Xử lý vi phạm", "Điều 10.", "Xử lý vi phạm", 0),  # docs/011
        (
            "a) Chi cục Hải quan nơi đăng ký tờ khai (nơi đi):",
            "a)",
            "Chi cục Hải quan nơi đăng ký tờ khai (nơi đi)",
            0,
        ),  # docs/010
        ("3. Giao Ủy ban nhân dân tỉnh:", "3.", "Giao Ủy ban nhân dân tỉnh", 0),  # written
    ],
)
def test_heading_label_and_title(line, label, title, level):
    t, seg = _seg(f"{line}\n\nNội dung của mục.")
    heads = seg.of_kind("heading")
    assert [(h.label, h.title, h.level) for h in heads] == [(label, title, level)]


def test_heading_tree_nests_by_scheme():
    # written: roman > arabic > decimal > alpha, then back to roman
    raw = "I. MỤC TIÊU\n1. Chung\n1.1. Riêng\na) Điểm a\nb) Điểm b\n2. Khác\nII. NỘI DUNG\n1. Một"
    t, seg = _seg(raw)
    heads = seg.of_kind("heading")
    by_label = {}
    for h in heads:
        by_label.setdefault(h.label, []).append(h)
    assert [h.level for h in heads] == [0, 1, 2, 3, 3, 1, 0, 1]
    sections = seg.sections
    assert sections[heads[3].parent].label == "1.1."
    assert sections[heads[5].parent].label == "I."
    assert t.text[heads[0].start : heads[0].end].endswith("2. Khác")
    assert sections[heads[7].parent].label == "II."


# ----------------------------------------------------------------------- seeds


def test_seed_001_no_header_duplicate_roman():
    t, seg = _seed("001")
    assert not seg.of_kind("header")
    assert _texts(t, seg, "title")[0].startswith("KẾ HOẠCH")
    assert "Tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2022" in _texts(t, seg, "title")[0]
    assert "747/CV-PGDĐT-GDTX" in _texts(t, seg, "preamble")[0]
    labels = [h.label for h in seg.of_kind("heading") if h.level == 0]
    assert labels == ["I.", "II.", "III.", "III."]  # duplicate III. kept as written
    assert "Đặng Văn Thi" in _texts(t, seg, "signature")[0]
    assert "- Lưu: VT xã" in _texts(t, seg, "recipients")[0]
    assert _texts(t, seg, "closing")[0].startswith("Trên đây là")


def test_seed_003_markdown_headings():
    t, seg = _seed("003")
    assert "Số: 167/KH-UBND" in _texts(t, seg, "header")[0]
    heads = seg.of_kind("heading")
    five = next(h for h in heads if h.label == "5.")
    children = [h.label for h in heads if h.parent == seg.sections.index(five)]
    assert children == [f"5.{i}." for i in range(1, 8)]
    assert "Đặng Xuân Trường" in _texts(t, seg, "signature")[0]


def test_seed_004_preamble_and_annexes():
    t, seg = _seed("004")
    header = _texts(t, seg, "header")[0]
    assert "ỦY BAN NHÂN DÂN QUẬN 7" in header and "Số /KH-UBND" in header and "ngày tháng năm 2024" in header
    preamble = _texts(t, seg, "preamble")[0]
    assert "Thực hiện Kế hoạch số 5701" in preamble and "6228/KH-SGDĐT" in preamble
    assert "Châu Xuân Đại Thắng" in _texts(t, seg, "signature")[0]
    assert _texts(t, seg, "recipients")[0].count("·") == 16
    annexes = seg.of_kind("annex")
    assert [a.title.split()[0] for a in annexes] == ["PHỤ", "MẪU"]
    mau = annexes[1]
    assert "MẪU BÁO CÁO" in t.text[mau.start : mau.end]
    inner = t.text.index("Thực hiện Kế hoạch số /KH-UBND")
    assert mau.start < inner < mau.end
    holding = [s for s in seg.sections if s.start <= inner < s.end]
    assert all(s.annex for s in holding)
    assert any(s.kind == "preamble" for s in holding)
    # numbering restarts inside the annex; main body headings are not annex
    assert [h.label for h in seg.of_kind("heading") if h.annex and h.level == 0][:2] == ["1.", "2."]
    assert not any(h.annex for h in seg.of_kind("heading") if h.start < annexes[0].start)


# ----------------------------------------------------------------------- whole corpus


def _check_tree(t: Text, seg: Segmentation) -> None:
    n = len(t.text)
    children: dict[int | None, list[Section]] = {}
    for i, s in enumerate(seg.sections):
        assert 0 <= s.start <= s.end <= n, (i, s)
        if s.parent is not None:
            assert 0 <= s.parent < i
            p = seg.sections[s.parent]
            assert p.start <= s.start and s.end <= p.end, (i, s, p)
            assert s.annex == p.annex or p.kind == "annex"
        children.setdefault(s.parent, []).append(s)
    for sibs in children.values():
        sibs = sorted(sibs, key=lambda s: s.start)
        for a, b in zip(sibs, sibs[1:], strict=False):
            assert a.end <= b.start, (a, b)


@pytest.mark.parametrize("path", DOCS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_corpus_document(path):
    t, seg = _seg(path.read_text(encoding="utf-8"))
    assert seg.sections
    _check_tree(t, seg)


def test_empty_text():
    assert segment(normalize("")).sections == []


# ------------------------------------------------------- crawler prelude, first quốc hiệu, wraps

_PORTAL = (  # excerpts/E14: portal title + attribute panel above the document
    "Quyết định 131/QĐ-TTg 2022 Tăng cường ứng dụng công nghệ thông tin trong giáo dục\n\n"
    "Số hiệu: 131/QĐ-TTg Loại văn bản: Quyết định\nNơi ban hành: Thủ tướng Chính phủ Người ký: Vũ Đức Đam\n"
    "Ngày ban hành: 25/01/2022 Ngày hiệu lực: Đã biết\nNgày công báo: Đã biết Số công báo: Đã biết\n"
    "Tình trạng: Đã biết\n\nTHỦ TƯỚNG CHÍNH PHỦ\n-------\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "Độc lập - Tự do - Hạnh phúc\n---------------\n\nSố: 131/QĐ-TTg\n\nHà Nội, ngày 25 tháng 01 năm 2022\n\n"
    "QUYẾT ĐỊNH\n\nPHÊ DUYỆT ĐỀ ÁN A\n\nTHỦ TƯỚNG CHÍNH PHỦ\n\nCăn cứ Luật Tổ chức Chính phủ;\n\nQUYẾT ĐỊNH:\n\n"
    "Điều 1. Phê duyệt Đề án."
)
_ARTICLE = (  # written: a news article (more than 3 lines) above a công văn of another ministry
    "Bộ Y tế hướng dẫn phòng chống dịch mùa hè\n\nNgày 2/6/2023 Bộ Y tế đã ban hành công văn.\n\n"
    "Theo đó các địa phương cần chủ động.\n\nMời các bạn cùng tham khảo.\n\nTải văn bản\n\n"
    "BỘ Y TẾ\n\n_______\n\nSố: 3001/BYT-DP\n\nV/v phòng chống dịch mùa hè\n\n"
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nĐộc lập - Tự do - Hạnh phúc\n\n_______\n\n"
    "Hà Nội, ngày 2 tháng 6 năm 2023\n\nKính gửi: Sở Y tế các tỉnh.\n\n1. Chủ động giám sát.\n\n"
    "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nKT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nNguyễn Văn A\n\n"
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nMẪU BÁO CÁO\nTên đơn vị"
)


@pytest.mark.parametrize(
    "raw,needle,kind",
    [
        (_PORTAL, "Số hiệu: 131", "noise"),
        (_PORTAL, "THỦ TƯỚNG CHÍNH PHỦ\n-------", "header"),  # the issuer, not a signature
        (_PORTAL, "-------", "header"),  # not recipients
        (_PORTAL, "CỘNG HÒA XÃ HỘI", "header"),  # the first quốc hiệu is the header, not an annex
        (_PORTAL, "Căn cứ Luật", "preamble"),
        (_ARTICLE, "Theo đó các địa phương", "noise"),
        (_ARTICLE, "BỘ Y TẾ", "header"),
        (_ARTICLE, "CỘNG HÒA XÃ HỘI", "header"),  # after the V/v line: still the header
        (_ARTICLE, "Kính gửi", "preamble"),
        (_ARTICLE, "Tên đơn vị", "annex"),  # a second quốc hiệu after the signature: an attachment
    ],
)
def test_prelude_before_first_quoc_hieu(raw, needle, kind):
    t, seg = _seg(raw)
    if kind == "annex":  # an annex's text is segmented again inside it
        at = t.text.index(needle)
        assert any(s.kind == "annex" and s.start <= at < s.end for s in seg.sections)
    else:
        assert _kind_of(t, seg, needle) == kind
    assert not any(
        s.kind == "annex" and s.start < t.text.index("Căn cứ" if raw is _PORTAL else "Kính gửi")
        for s in seg.sections
    )


def test_first_quoc_hieu_in_body_is_not_an_annex():
    # written: body text with a heading before the header (no crawler prelude can be assumed)
    raw = ("I. GHI CHÚ\nVăn bản gửi kèm.\nNội dung một.\nNội dung hai.\nNội dung ba.\nNội dung bốn.\n"
           "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 5/TB-UBND\nNội dung năm.")  # fmt: skip
    t, seg = _seg(raw)
    assert not seg.of_kind("annex")
    assert _kind_of(t, seg, "CỘNG HÒA") == "header"


@pytest.mark.parametrize(
    "raw,needle,kind",
    [
        # textpdf rendition of docs/015: "Số | place-date" cells on one line, two-word place
        ("THỦ TƯỚNG CHÍNH PHỦ ------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc\n"
         "Số: 170/2008/QĐ-TTg Hà Nội, ngày 18 tháng 12 năm 2008\nQUYẾT ĐỊNH\nVỀ CHẾ ĐỘ A\nTHỦ TƯỚNG CHÍNH PHỦ\n"
         "Căn cứ Luật B;\nQUYẾT ĐỊNH:\nĐiều 1. Nội dung.", "Hà Nội, ngày 18", "header"),
        # written: another two-word place
        ("ỦY BAN NHÂN DÂN TỈNH X\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 7/KH-UBND Thái Nguyên, ngày 2 tháng 3 năm 2024\n"
         "KẾ HOẠCH\nVề việc A\nCăn cứ Luật B;", "Thái Nguyên, ngày 2", "header"),
        # textpdf rendition of docs/015: the signer's last name wrapped in a narrow cell
        ("Nội dung./.\nNơi nhận:\n- Như trên;\n- Lưu: VT.\nKT. THỦ TƯỚNG PHÓ THỦ TƯỚNG Nguyễn Sinh\nHùng",
         "Hùng", "signature"),
        # written
        ("Nội dung./.\nNơi nhận:\n- Như trên;\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nTrần Thị Thu\nHồng",
         "Hồng", "signature"),
    ],
)  # fmt: skip
def test_rendition_layouts(raw, needle, kind):
    t, seg = _seg(raw)
    assert _kind_of(t, seg, needle) == kind


@pytest.mark.parametrize(
    "raw,needle,kind",
    [
        # docs/012 as a text-PDF page: a "Căn cứ" clause wrapped before "Chính phủ"
        (
            "QUYẾT ĐỊNH\nVỀ VIỆC CÔNG BỐ DANH MỤC\nCăn cứ Thông tư số 02/2017/TT-VPCP ngày 31/10/2017 của Văn phòng\n\n"
            "Chính phủ hướng dẫn nghiệp vụ;\nCăn cứ Quyết định số 1217/QĐ-BT ngày 22/5/2020,\n\nQuyết định số 1329/QĐ-BTP"
            " ngày 01/6/2020 của Bộ Tư pháp;\nTheo đề nghị của Giám đốc Sở Tư pháp.\nQUYẾT ĐỊNH:\nĐiều 1. Công bố.\n",
            "Chính phủ hướng dẫn",
            "preamble",
        ),
        # docs/024 as a text-PDF page: "Căn cứ các Quyết định …:" and its list line
        (
            "QUYẾT ĐỊNH\nCÔNG BỐ DANH MỤC\nCăn cứ các Quyết định của Bộ trưởng Bộ Lao động - Thương binh và Xã hội:\n\n"
            "Số 1025/QĐ-LĐTBXH ngày 03/8/2016 về việc công bố; số 547/QĐ-LĐTBXH ngày 21/5/2020;\n\n"
            "Căn cứ Quyết định số 19/2020/QĐ-UBND;\nQUYẾT ĐỊNH:\nĐiều 1. Công bố.\n",
            "Số 1025/QĐ-LĐTBXH",
            "preamble",
        ),
        # written: a bulleted list under the clause
        (
            "KẾ HOẠCH\nTổ chức Ngày sách\nCăn cứ các văn bản sau:\n\n- Quyết định số 12/QĐ-UBND ngày 05/01/2021;\n\n"
            "- Kế hoạch số 7/KH-SGDĐT ngày 9/2/2021;\n\nI. MỤC ĐÍCH\n1. Mục đích\n",
            "Kế hoạch số 7/KH-SGDĐT",
            "preamble",
        ),
        # docs/027: a công văn's first paragraph after "Kính gửi: …" (no punctuation) is body
        (
            "V/v xây dựng Thông tư\nKính gửi: Bộ Lao động - Thương binh và Xã hội\n\nTại công văn số 8014/VPCP-KGVX"
            " ngày 09 tháng 10 năm 2012 của Văn phòng Chính phủ, Phó Thủ tướng đã giao.\n",
            "Tại công văn số",
            "body",
        ),
        # docs/038: the addressee list under "Kính gửi:" is not a preamble list
        (
            "V/v hướng dẫn\nKính gửi:\n\n- Sở Lao động - Thương binh và Xã hội các tỉnh.\n\n"
            "Ngày 09/4/2013, Chính phủ đã ban hành Nghị định số 31/2013/NĐ-CP, Bộ hướng dẫn như sau:\n1. Điều dưỡng\n",
            "Ngày 09/4/2013",
            "body",
        ),
    ],
)
def test_preamble_wrapped_clauses(raw, needle, kind):
    t, seg = _seg(raw)
    assert _kind_of(t, seg, needle) == kind


@pytest.mark.parametrize(
    "raw,annexes",
    [
        # docs/010 hard-wrapped: another document's appendix cited at a line start
        (
            "KẾ HOẠCH\nTổ chức\nI. NỘI DUNG\n- Khai báo theo mẫu Bản kê 21/BKTrC/GSQL ban hành kèm\n"
            "Phụ lục 5 Thông tư 38/2015/TT-BTC ngày 25/3/2015 của Bộ Tài chính.\nCông chức giám sát kiểm tra.\n",
            0,
        ),
        # written
        (
            "KẾ HOẠCH\nTổ chức\nI. NỘI DUNG\n- Báo cáo theo biểu tại\nPhụ lục số 2 kèm theo Quyết định số"
            " 15/2023/QĐ-UBND của UBND tỉnh.\n",
            0,
        ),
        # a real annex heading still opens an annex
        ("KẾ HOẠCH\nTổ chức\nI. NỘI DUNG\nNội dung.\nNguyễn Văn An\nPhụ lục I\nDANH SÁCH ĐƠN VỊ\n", 1),
    ],
)
def test_cited_appendix_is_not_an_annex(raw, annexes):
    t, seg = _seg(raw)
    assert len([s for s in seg.sections if s.kind == "annex" and s.parent is None]) == annexes


_SCAN_037 = (  # renditions/scan of docs/037: two-column OCR of the closing table (page 2)
    "Nội dung./.\nNơi nhận: - Như trên; - Bộ trưởng Phạm Thị Hải\n\n\nChuyền; (để b/c); - Thứ trưởng Bùi Hồng Lĩnh;"
    " (để _\n\n\nTL. BỘ TRƯỞNG CỤC TRƯỞNG CỤC NGƯỜI CÓ\n\n\nb/c); - Tổng cục Chính trị, QĐNDVN; - Tổng cục\n"
    "XDLLCAND, Bộ CA; - Lưu: VT.\n\n\nCÔNG Hoàng Công Thái"
)
_WRITTEN_FLAT = (  # written: another ministry, the list's last paragraph after the signature's capitals
    "Nội dung./.\nNơi nhận: - Như trên; - Sở Y tế các tỉnh, thành phố; - Cục\n\n\nKT. BỘ TRƯỞNG THỨ TRƯỞNG\n\n\n"
    "Quản lý Dược; - Vụ Pháp chế; - Tổng cục\nDân số, Bộ YT; - Lưu: VT, KCB.\n\n\nNguyễn Thị Liên Hương"
)
_DOCX_ROWS = (  # probe document (DOCX closing table read row by row); no such layout in the corpus
    "Yêu cầu các cơ quan thực hiện./.\nNơi nhận: | TL. CHỦ TỊCH\n- Như trên; | CHÁNH VĂN PHÒNG\n"
    "- TT Thị ủy, TT HĐND thị xã; | Đã ký\n- CT, PCT UBND thị xã; | Hồ Sỹ Nam\n- Lưu: VT."
)
_SIDE_TXT = (  # probe document (side-by-side .txt, a recipient ending in lower case beside the title)
    "Nội dung./.\n\nNơi nhận:                                  TM. ỦY BAN NHÂN DÂN\n"
    "- Sở Nông nghiệp và Môi trường                 Q. CHỦ TỊCH\n  Hà Nội (để b/c);\n"
    "- Các thôn;                                     Đỗ Văn Ước\n- Lưu: VT, KT.\n"
)


@pytest.mark.parametrize(
    "raw,needle,kind",
    [
        # a flattened-list line is a recipients line, not the signer's name …
        (_SCAN_037, "b/c); - Tổng cục", "recipients"),
        (_WRITTEN_FLAT, "Quản lý Dược; - Vụ", "recipients"),
        # … and never an annex: the name after it stays in the signature
        (_SCAN_037, "XDLLCAND", "recipients"),
        (_SCAN_037, "Hoàng Công Thái", "signature"),
        (_WRITTEN_FLAT, "Dân số, Bộ YT", "recipients"),
        (_WRITTEN_FLAT, "Nguyễn Thị Liên Hương", "signature"),
        # "Đã ký" (no brackets) is not the name: the name two rows below is
        (_DOCX_ROWS, "Hồ Sỹ Nam", "signature"),
        (_DOCX_ROWS, "- Lưu: VT.", "recipients"),
        # a bullet line ending in lower case is not the name; the acting title after it is no annex
        (_SIDE_TXT, "Q. CHỦ TỊCH", "signature"),
        (_SIDE_TXT, "Hà Nội (để b/c);", "recipients"),
    ],
)  # fmt: skip
def test_closing_list_lines_beside_the_signature(raw, needle, kind):
    t, seg = _seg(raw)
    assert _kind_of(t, seg, needle) == kind
    assert not seg.of_kind("annex")


@pytest.mark.parametrize(
    "line,is_name",
    [
        ("Y Thuận Niê", True),  # probe document doc06 (Ê Đê man's name)
        ("H’Hen Niê", True),  # probe variant (Ê Đê woman's name)
        ("Y Biêr Niê", True),  # written
        ("Y tế xã Hòa Phú", False),  # "Y tế": the next word is in lower case
        ("Nguyễn Văn Hùng", True),  # seeds
    ],
)
def test_person_name_line_with_y_and_h_prefix(line, is_name):
    from pipeline import patterns

    assert bool(patterns.regex("segment", "person_name").search(line)) is is_name


@pytest.mark.parametrize(
    "raw,needle,kind",
    [
        # probe round 2 doc21 (marked: probe phrasing; txt with two header columns side by side)
        ("ỦY BAN NHÂN DÂN                      CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
         "THÀNH PHỐ PLEIKU                             Độc lập - Tự do - Hạnh phúc\n"
         "    --------                                  ----------------------\n"
         "Số: 1247/QĐ-UBND                         Pleiku, ngày 08 tháng 4 năm 2019\n\n"
         "QUYẾT ĐỊNH\nVề việc thành lập Ban Tổ chức\n------------------\n"
         "CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ PLEIKU\n\nCăn cứ Luật Tổ chức chính quyền địa phương;\n"
         "QUYẾT ĐỊNH:\n\nĐiều 1. Thành lập Ban.", "CHỦ TỊCH ỦY BAN", "preamble"),
        # written: a Sở header, en dashes in the motto
        ("UBND TỈNH QUẢNG TRỊ         CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
         "SỞ Y TẾ         Độc lập – Tự do – Hạnh phúc\n-------      ---------------\n"
         "Số: 15/KH-SYT          Đông Hà, ngày 2 tháng 3 năm 2024\nKẾ HOẠCH\nPhòng chống dịch\n"
         "Căn cứ Luật B;", "Số: 15/KH-SYT", "header"),
    ],
)  # fmt: skip
def test_motto_beside_issuer_and_twin_rules(raw, needle, kind):
    t, seg = _seg(raw)
    assert _kind_of(t, seg, needle) == kind
    assert _kind_of(t, seg, "Độc lập") == "header"


@pytest.mark.parametrize(
    "raw,needle,kind",
    [
        # header probe round 3 h09 (probe phrasing): a Huyện ủy decision — the star under the
        # committee's name, "ĐẢNG CỘNG SẢN VIỆT NAM" in place of the quốc hiệu, a lower-case
        # trích yếu, clauses written "- Căn cứ …"
        ("ĐẢNG BỘ TỈNH HẢI DƯƠNG\nHUYỆN ỦY THANH MIỆN\n*\nĐẢNG CỘNG SẢN VIỆT NAM\n"
         "Thanh Miện, ngày 02 tháng 11 năm 2020\nSố 356-QĐ/HU\n\nQUYẾT ĐỊNH\n"
         "thành lập Ban Chỉ đạo tổng kết 15 năm thực hiện\nNghị quyết số 26-NQ/TW\n-----\n"
         "- Căn cứ Điều lệ Đảng Cộng sản Việt Nam;\n- Xét đề nghị của Ban Tổ chức Huyện ủy,\n\n"
         "Điều 1. Thành lập Ban Chỉ đạo.", "Thanh Miện, ngày", "header"),
        ("ĐẢNG BỘ TỈNH HẢI DƯƠNG\nHUYỆN ỦY THANH MIỆN\n*\nĐẢNG CỘNG SẢN VIỆT NAM\n"
         "Thanh Miện, ngày 02 tháng 11 năm 2020\nSố 356-QĐ/HU\n\nQUYẾT ĐỊNH\n"
         "thành lập Ban Chỉ đạo tổng kết 15 năm thực hiện\nNghị quyết số 26-NQ/TW\n-----\n"
         "- Căn cứ Điều lệ Đảng Cộng sản Việt Nam;\n- Xét đề nghị của Ban Tổ chức Huyện ủy,\n\n"
         "Điều 1. Thành lập Ban Chỉ đạo.", "thành lập Ban Chỉ đạo tổng kết", "title"),
        ("ĐẢNG BỘ TỈNH HẢI DƯƠNG\nHUYỆN ỦY THANH MIỆN\n*\nĐẢNG CỘNG SẢN VIỆT NAM\n"
         "Thanh Miện, ngày 02 tháng 11 năm 2020\nSố 356-QĐ/HU\n\nQUYẾT ĐỊNH\n"
         "thành lập Ban Chỉ đạo tổng kết 15 năm thực hiện\nNghị quyết số 26-NQ/TW\n-----\n"
         "- Căn cứ Điều lệ Đảng Cộng sản Việt Nam;\n- Xét đề nghị của Ban Tổ chức Huyện ủy,\n\n"
         "Điều 1. Thành lập Ban Chỉ đạo.", "Căn cứ Điều lệ Đảng", "preamble"),
        # written: a Tỉnh ủy notice with "* * *" under its name
        ("TỈNH ỦY BẮC NINH\n* * *\nĐẢNG CỘNG SẢN VIỆT NAM\nBắc Ninh, ngày 5 tháng 3 năm 2024\n"
         "Số 12-TB/TU\n\nTHÔNG BÁO\nkết luận của Thường trực Tỉnh ủy về công tác cán bộ\n\n"
         "1. Đồng ý chủ trương.", "Bắc Ninh, ngày", "header"),
        # written: a Youth Union plan under a news article (the prelude is noise only when the
        # Youth Union's name counts as the quốc hiệu the header gathers around)
        ("Tỉnh đoàn Nghệ An phát động Tháng Thanh niên\n\nNgày 12/9/2023 Tỉnh đoàn đã ban hành kế hoạch.\n\n"
         "Theo đó các cơ sở Đoàn cần chủ động.\n\nMời các bạn cùng tham khảo.\n\nTải văn bản\n\n"
         "BCH ĐOÀN TỈNH NGHỆ AN\n***\nĐOÀN TNCS HỒ CHÍ MINH\nNghệ An, ngày 12 tháng 9 năm 2023\n"
         "Số: 45-KH/TĐTN\n\nKẾ HOẠCH\nTổ chức Tháng Thanh niên\n\nCăn cứ Chương trình công tác;\n\nI. MỤC ĐÍCH",
         "Theo đó các cơ sở Đoàn", "noise"),
        # written: a joint plan's type word
        ("ỦY BAN NHÂN DÂN XÃ AN BÌNH - HỘI KHUYẾN HỌC XÃ AN BÌNH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
         "Số: 05/KHLT\n\nKẾ HOẠCH LIÊN TỊCH\nTổ chức Tuần lễ học tập suốt đời năm 2025\n\n"
         "Căn cứ Kế hoạch số 12/KH-UBND;\n\nI. MỤC ĐÍCH", "Tổ chức Tuần lễ học tập", "title"),
    ],
)  # fmt: skip
def test_party_and_joint_document_headers(raw, needle, kind):
    t, seg = _seg(raw)
    assert _kind_of(t, seg, needle) == kind


@pytest.mark.parametrize(
    "raw,needle,kind",
    [
        # text-PDF rendition of excerpts/E07: the caps trích yếu wraps right after "CỦA THỦ TƯỚNG"
        ("ỦY BAN NHÂN DÂN\nTỈNH BÌNH ĐỊNH\nSố: 161/KH-UBND\n\nKẾ HOẠCH\n"
         "THỰC HIỆN CHỈ THỊ SỐ 20/CT-TTg NGÀY 01/11/2022 CỦA THỦ TƯỚNG\n"
         "CHÍNH PHỦ VỀ ĐẨY MẠNH ĐỔI MỚI HOẠT ĐỘNG CỦA THƯ VIỆN\n"
         "Thực hiện Chỉ thị số 20/CT-TTg ngày 01/11/2022 của Thủ tướng Chính phủ;\n\nI. MỤC ĐÍCH",
         "CHÍNH PHỦ VỀ ĐẨY MẠNH", "title"),
        # written: a district plan citing its province
        ("ỦY BAN NHÂN DÂN\nHUYỆN ỨNG HÒA\nSố: 45/KH-UBND\n\nKẾ HOẠCH\n"
         "TRIỂN KHAI KẾ HOẠCH SỐ 210/KH-UBND CỦA ỦY BAN\nNHÂN DÂN THÀNH PHỐ VỀ CÔNG TÁC KHUYẾN HỌC\n"
         "Căn cứ Kế hoạch số 210/KH-UBND;\n\nI. MỤC ĐÍCH", "NHÂN DÂN THÀNH PHỐ VỀ", "title"),
        # written: a decision's enacting authority after a caps title is not the title
        ("ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\nSố: 12/QĐ-UBND\n\nQUYẾT ĐỊNH\nVỀ VIỆC BAN HÀNH QUY CHẾ LÀM VIỆC\n"
         "ỦY BAN NHÂN DÂN TỈNH LÀO CAI\nCăn cứ Luật Tổ chức chính quyền địa phương;\n\nQUYẾT ĐỊNH:\n\nĐiều 1. Ban hành.",
         "ỦY BAN NHÂN DÂN TỈNH LÀO CAI\nCăn", "preamble"),
    ],
)  # fmt: skip
def test_caps_title_wrapped_after_a_cited_body(raw, needle, kind):
    t, seg = _seg(raw)
    assert _kind_of(t, seg, needle) == kind


@pytest.mark.parametrize(
    "raw,needle",
    [
        # scan rendition of excerpts/E06: a speck read as a quote mark before the clause
        ("ỦY BAN NHÂN DÂN\nSố: 154/KH-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nVĩnh Phúc, ngày 17 tháng 5 năm 2023\n\n"
         '"Thực hiện Chỉ thị số 20/CT-TTg ngày 01/11/2022 của Thủ tướng Chính phủ, UBND tỉnh ban hành Kế hoạch:\n\n'
         "1. Mục đích:", "Thực hiện Chỉ thị"),
        # written: a curly quote before "Căn cứ"
        ("ỦY BAN NHÂN DÂN\nHUYỆN IA GRAI\nSố: 20/KH-UBND\n\nKẾ HOẠCH\nTổ chức Tuần lễ\n\n"
         "“Căn cứ Kế hoạch số 88/KH-UBND ngày 16/9/2025 của UBND tỉnh;\n\nI. MỤC ĐÍCH", "Căn cứ Kế hoạch"),
    ],
)  # fmt: skip
def test_preamble_after_a_stray_quote(raw, needle):
    t, seg = _seg(raw)
    assert _kind_of(t, seg, needle) == "preamble"
