"""Plan body fields, probe round 6 (plans of a Hội Khuyến học, a Trung tâm học tập cộng
đồng, a Thư viện tỉnh, a Đoàn trường, a Phòng Văn hóa – Thông tin, a Hội LHPN, a Sở Lao
động, a commune's Ngày hội Đại đoàn kết, a disaster-prevention plan).

Each row: the probe's phrasing (commented "probe 6") and a second phrasing written for
another agency / province / year. The probe documents are written, not from the corpus.
"""

import pytest

from pipeline import fields_body as fb
from pipeline import fields_deadlines as fd
from pipeline import fields_schedule as fs
from pipeline.activity_category import categorize
from pipeline.fields_common import Doc
from pipeline.records import Segmentation, Text


def _doc(s: str) -> Doc:
    return Doc(text=Text.of(s), seg=Segmentation())


def _events(text: str) -> dict:
    return {e.name: (e.date, e.time, e.place) for e in fs.extract_events(_doc(text))}


# ------------------------------------------------------------------ period / year


@pytest.mark.parametrize(
    "text,start,end",
    [
        # probe 6 (a school youth union): the jubilee's span in the title is no period
        (
            "KẾ HOẠCH\nTổ chức các hoạt động kỷ niệm 88 năm Ngày thành lập\n"
            "Đoàn TNCS Hồ Chí Minh (26/3/1931 - 26/3/2019)\n\nI. MỤC ĐÍCH\nGiáo dục truyền thống.\n"
            "c) Lễ kỷ niệm\nThời gian: vào hồi 14 giờ ngày 26/3/2019.\n",
            None,
            None,
        ),
        # probe 6 (a Phòng Văn hóa – Thông tin): several jubilees in the contents
        (
            "II. NỘI DUNG TUYÊN TRUYỀN\nTuyên truyền kỷ niệm 90 năm Ngày thành lập Đảng Cộng sản Việt Nam "
            "(03/02/1930 - 03/02/2020), 130 năm Ngày sinh Chủ tịch Hồ Chí Minh (19/5/1890 - 19/5/2020).\n",
            None,
            None,
        ),
        # written (a provincial National Day plan): the real range after the jubilee wins
        (
            "Kỷ niệm 80 năm Cách mạng Tháng Tám và Quốc khánh (02/9/1945 - 02/9/2025)\n"
            "II. THỜI GIAN\nTừ ngày 20/8/2025 đến ngày 05/9/2025.\n",
            "2025-08-20",
            "2025-09-05",
        ),
    ],
)
def test_jubilee_span_is_no_period(text, start, end):
    p = fs.extract_period(_doc(text))
    assert (p.start, p.end) == (start, end)


@pytest.mark.parametrize(
    "title,year",
    [
        # probe 6 (a school youth union)
        (
            "Tổ chức các hoạt động kỷ niệm 88 năm Ngày thành lập Đoàn TNCS Hồ Chí Minh (26/3/1931 - 26/3/2019)",
            2019,
        ),
        # written (a district farmers' union)
        ("Tổ chức kỷ niệm 95 năm Ngày thành lập Hội Nông dân Việt Nam (14/10/1930 - 14/10/2025)", 2025),
        # probe 6 (a commune): "năm 2023" is named, the jubilee agrees
        ("Tổ chức Ngày hội Đại đoàn kết toàn dân tộc ở khu dân cư năm 2023 (18/11/1930 - 18/11/2023)", 2023),
        # written: an ordinary range is not a jubilee
        ("Tổ chức tuần lễ từ 01/10/2024 đến 07/10/2024", None),
    ],
)
def test_year_of_a_jubilee_title(title, year):
    assert fs.single_year(title) == year


@pytest.mark.parametrize(
    "text,start,end",
    [
        # probe 6 (a commune): the heading names time and form, the next line the month
        (
            "II. THỜI GIAN, HÌNH THỨC\nNgày hội được tổ chức đồng loạt ở 06 thôn trong tháng 11/2023 "
            "(trước ngày 18/11/2023).\n",
            "2023-11-01",
            "2023-11-30",
        ),
        # written (a district library)
        (
            "III. THỜI GIAN VÀ ĐỊA ĐIỂM\nCác hoạt động diễn ra trong tháng 4/2022 tại các trường học.\n",
            "2022-04-01",
            "2022-04-30",
        ),
    ],
)
def test_period_on_the_line_after_a_time_heading(text, start, end):
    p = fs.extract_period(_doc(text))
    assert (p.start, p.end) == (start, end)


# ------------------------------------------------------------------ events


@pytest.mark.parametrize(
    "text,expected",
    [
        # probe 6 (a district Women's Union): "Họp mặt" heading + its time/place lines
        (
            "3. Họp mặt kỷ niệm\nThời gian: vào hồi 8 giờ 00 ngày 08/3/2018.\n"
            "Địa điểm: Hội trường Huyện ủy Châu Thành.\n",
            {"Họp mặt kỷ niệm": ("2018-03-08", "08:00", "Hội trường Huyện ủy Châu Thành")},
        ),
        # written (a Phòng GD&ĐT teachers' day)
        (
            "2. Họp mặt truyền thống ngành Giáo dục\nThời gian: 8 giờ ngày 20/11/2024.\n"
            "Địa điểm: Hội trường Trường THPT Nguyễn Du.\n",
            {
                "Họp mặt truyền thống ngành Giáo dục": (
                    "2024-11-20",
                    "08:00",
                    "Hội trường Trường THPT Nguyễn Du",
                )
            },
        ),
    ],
)
def test_gathering_heading_is_an_event(text, expected):
    assert _events(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        # probe 6 (a district disaster-prevention plan): "vào hồi", "phòng, chống", place before the date
        (
            "Tổ chức diễn tập phòng, chống lụt bão và tìm kiếm cứu nạn tại xã Hương Trạch "
            "vào hồi 7 giờ 30 phút ngày 25/6/2019.\n",
            {"Diễn tập phòng, chống lụt bão và tìm kiếm cứu nạn": ("2019-06-25", "07:30", "xã Hương Trạch")},
        ),
        # written (a school fire drill)
        (
            "- Tổ chức diễn tập phương án chữa cháy tại Trường Tiểu học Tân Phú vào hồi 14 giờ ngày 10/11/2022.\n",
            {"Diễn tập phương án chữa cháy": ("2022-11-10", "14:00", "Trường Tiểu học Tân Phú")},
        ),
    ],
)
def test_drill_sentence_is_an_event(text, expected):
    assert _events(text) == expected


@pytest.mark.parametrize(
    "text,name,place",
    [
        # probe 6 (a phường): the place stops before the purpose clause
        (
            "4. Lễ tổng kết\nTổ chức vào lúc 15 giờ ngày 11/10/2026 tại Hội trường Ủy ban nhân dân phường "
            "nhằm đánh giá kết quả, tuyên dương các tập thể, cá nhân có thành tích tiêu biểu.\n",
            "Lễ tổng kết",
            "Hội trường Ủy ban nhân dân phường",
        ),
        # written (a provincial children's month)
        (
            "Lễ phát động được tổ chức lúc 7 giờ 30 ngày 01/6/2024 tại Nhà Thiếu nhi tỉnh để kêu gọi "
            "cộng đồng chung tay vì trẻ em.\n",
            "Lễ phát động",
            "Nhà Thiếu nhi tỉnh",
        ),
    ],
)
def test_event_place_stops_before_purpose(text, name, place):
    got = _events(text)
    assert got[name][2] == place


# ------------------------------------------------------------------ activities


@pytest.mark.parametrize(
    "item,category",
    [
        # probe 6 (a commune learning centre) / written (a district farmers' union)
        (
            "Phối hợp với Hội Nông dân xã tổ chức 01 lớp chuyển giao khoa học kỹ thuật về trồng rau an toàn cho khoảng 50 hội viên",
            "tap_huan_lop_hoc",
        ),
        (
            "Mở 03 lớp chuyển giao tiến bộ kỹ thuật chăn nuôi bò sinh sản cho nông dân các xã",
            "tap_huan_lop_hoc",
        ),
        # probe 6 (a school youth union) / written (a commune sports day)
        ("Tổ chức giải bóng đá nam, kéo co nữ giữa các chi đoàn khối 10, 11", "cuoc_thi_giao_luu"),
        ("Tổ chức giải bóng chuyền hơi cho hội viên người cao tuổi các thôn", "cuoc_thi_giao_luu"),
        # probe 6 (a district Women's Union) / written (a Hội Chữ thập đỏ)
        (
            'Vận động các mạnh thường quân hỗ trợ "Mái ấm tình thương" cho 02 hội viên phụ nữ nghèo',
            "huy_dong_nguon_luc",
        ),
        ("Kêu gọi các mạnh thường quân trao tặng xe đạp cho học sinh vượt khó", "huy_dong_nguon_luc"),
        # the agency's name is not the activity: "Văn hóa - Thể thao" stays out of the keywords
        (
            "Phối hợp với Trung tâm Văn hóa - Thể thao và Truyền thông huyện đưa tin, bài về Tuần lễ trên sóng phát thanh",
            "tuyen_truyen",
        ),
    ],
)
def test_activity_category_probe6(item, category):
    assert categorize(item) == category


@pytest.mark.parametrize(
    "text,kept,dropped",
    [
        # probe 6 (a commune): a time-and-form section without sub-headings
        (
            "II. THỜI GIAN, HÌNH THỨC\nNgày hội được tổ chức đồng loạt ở 06 thôn trong tháng 11/2023 "
            "(trước ngày 18/11/2023). Xã chọn thôn Phú Thọ tổ chức điểm vào hồi 7 giờ 30 phút ngày 12/11/2023.\n"
            "III. NỘI DUNG\n- Tổ chức bữa cơm đoàn kết tại khu dân cư.\n",
            "Tổ chức bữa cơm đoàn kết tại khu dân cư.",
            "Ngày hội được tổ chức",
        ),
        # written (a school): the undated form paragraph stays
        (
            "2. Thời gian và hình thức\nCác lớp tổ chức theo hình thức trực tiếp kết hợp trực tuyến.\n"
            "Thời gian: từ ngày 05/10/2025 đến ngày 11/10/2025.\n",
            "Các lớp tổ chức theo hình thức trực tiếp kết hợp trực tuyến.",
            "từ ngày 05/10/2025",
        ),
        # written (a library): an action with its date stays an activity; its passive time line goes
        (
            "II. THỜI GIAN, NỘI DUNG\nTổ chức Ngày hội đọc sách vào ngày 21/4/2025 tại sân trường.\n"
            "Các hoạt động hưởng ứng được triển khai từ ngày 15/4/2025 đến ngày 25/4/2025 trên toàn tỉnh.\n",
            "Tổ chức Ngày hội đọc sách vào ngày 21/4/2025 tại sân trường.",
            "được triển khai",
        ),
    ],
)
def test_dated_paragraph_of_a_time_section_is_no_activity(text, kept, dropped):
    acts = [a.text for a in fb.extract_activities(_doc(text))]
    assert kept in acts
    assert not any(dropped in a for a in acts)


# ------------------------------------------------------------------ assignments


@pytest.mark.parametrize(
    "text,expected",
    [
        # probe 6 (a district Hội Khuyến học): the association's standing office
        (
            "V. TỔ CHỨC THỰC HIỆN\n1. Thường trực Hội Khuyến học huyện chủ trì, phối hợp với Phòng Giáo dục và "
            "Đào tạo huyện tổ chức Lễ khai mạc; theo dõi, đôn đốc việc thực hiện Kế hoạch.\n"
            "2. Giao Quỹ Bảo trợ trẻ em tỉnh chủ trì vận động nguồn lực, trao quà cho trẻ em.\n",
            [("Thường trực Hội Khuyến học huyện", "lead"), ("Quỹ Bảo trợ trẻ em tỉnh", "lead")],
        ),
        # probe 6 (a commune; a school youth union): a head of units, "quan tâm, tạo điều kiện"
        (
            "IV. TỔ CHỨC THỰC HIỆN\n- Trưởng các thôn phối hợp với Ban công tác Mặt trận chuẩn bị địa điểm, hậu cần.\n"
            "- Đề nghị Ban Giám hiệu nhà trường quan tâm, tạo điều kiện về thời gian, kinh phí.\n"
            "- Giao Văn phòng Hội huyện chuẩn bị cơ sở vật chất, khen thưởng phục vụ buổi Họp mặt.\n",
            [
                ("Trưởng các thôn", "support"),
                ("Ban Giám hiệu nhà trường", "assignee"),
                ("Văn phòng Hội huyện", "assignee"),
            ],
        ),
        # written (a provincial fund and a ward head)
        (
            "III. TỔ CHỨC THỰC HIỆN\n- Quỹ Khuyến học tỉnh phối hợp trao học bổng cho học sinh nghèo.\n"
            "- Thường trực Hội Cựu chiến binh phường tạo điều kiện cho hội viên tham gia.\n"
            "- Trưởng Công an xã chuẩn bị phương án bảo đảm an ninh trật tự.\n",
            [
                ("Quỹ Khuyến học tỉnh", "support"),
                ("Thường trực Hội Cựu chiến binh phường", "assignee"),
                ("Trưởng Công an xã", "assignee"),
            ],
        ),
    ],
)
def test_assignment_sentences_probe6(text, expected):
    got = [(a.agency, a.role) for a in fb.extract_assignments(_doc(text))]
    assert got == expected


# ------------------------------------------------------------------ scans


@pytest.mark.parametrize(
    "text,item",
    [
        # probe 6 (a disaster-prevention plan through a scan): OCR doubled the dash
        (
            "2. Công tác tuyên truyền, tập huấn\n- Tuyên truyền kiến thức phòng, tránh thiên tai.\n"
            "-- Tổ chức tập huấn cho lực lượng xung kích phòng, chống thiên tai cấp xã.\n",
            "Tổ chức tập huấn cho lực lượng xung kích phòng, chống thiên tai cấp xã.",
        ),
        # written (a school plan)
        (
            "III. NỘI DUNG HOẠT ĐỘNG\n- Treo băng rôn tại cổng trường.\n-- Tổ chức Ngày hội đọc sách cho học sinh.\n",
            "Tổ chức Ngày hội đọc sách cho học sinh.",
        ),
    ],
)
def test_ocr_double_dash_is_a_bullet(text, item):
    assert item in [a.text for a in fb.extract_activities(_doc(text))]


@pytest.mark.parametrize(
    "text,budget",
    [
        # probe 6 (a Phòng Văn hóa – Thông tin through a scan): the page broke the sentence
        (
            "V. KINH PHÍ\n\nTừ nguồn ngân sách huyện giao cho Phòng Văn hóa - Thông tin năm 2020\n\n\n"
            "và nguồn kinh phí của các xã, thị trấn.\nNơi nhận:\n",
            "Từ nguồn ngân sách huyện giao cho Phòng Văn hóa - Thông tin năm 2020 và nguồn kinh phí của các xã, thị trấn",
        ),
        # written (a commune plan)
        (
            "IV. KINH PHÍ\nTừ nguồn ngân sách xã năm 2024\n\nvà các nguồn xã hội hóa hợp pháp khác.\n",
            "Từ nguồn ngân sách xã năm 2024 và các nguồn xã hội hóa hợp pháp khác",
        ),
    ],
)
def test_budget_sentence_broken_by_a_page(text, budget):
    assert fb.extract_budget(_doc(text)) == budget


# ------------------------------------------------------------------ deadlines


@pytest.mark.parametrize(
    "text,action,to",
    [
        # probe 6 (a commune learning centre): "Kết quả thực hiện" is the results, not an action
        (
            "Kết quả thực hiện tổng hợp, báo cáo Ủy ban nhân dân xã chậm nhất ngày 12/10/2023.",
            "tổng hợp, báo cáo",
            "Ủy ban nhân dân xã",
        ),
        # written (a provincial health plan)
        (
            "Kết quả thực hiện Kế hoạch tổng hợp, báo cáo Sở Y tế trước ngày 15/12/2025.",
            "tổng hợp, báo cáo",
            "Sở Y tế",
        ),
        # written (a district plan): the results are what is sent
        (
            "Kết quả thực hiện gửi về Phòng Văn hóa - Thông tin trước ngày 30/6/2025.",
            "kết quả thực hiện",
            "Phòng Văn hóa - Thông tin",
        ),
        # written: "báo cáo kết quả thực hiện" keeps its verb
        (
            "Các đơn vị báo cáo kết quả thực hiện về Phòng Giáo dục trước ngày 10/10/2024.",
            "báo cáo kết quả thực hiện",
            "Phòng Giáo dục",
        ),
    ],
)
def test_deadline_action_after_ket_qua(text, action, to):
    got = fd.extract_deadlines(_doc(text))
    assert [(d.action, d.to) for d in got] == [(action, to)]
