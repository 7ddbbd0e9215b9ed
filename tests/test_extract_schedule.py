"""Schedule fields (pipeline/fields_schedule.py): theme forms, period written as start/end,
events beyond the listed ceremonies, deadline action/addressee.

Each row: a real corpus phrasing (source commented) where one exists, and a phrasing
written for another province / agency / year.
"""

import pytest

from pipeline import fields_deadlines as fd
from pipeline import fields_schedule as fs
from pipeline.fields_common import Doc
from pipeline.records import Segmentation, Text


def _doc(s: str) -> Doc:
    return Doc(text=Text.of(s), seg=Segmentation())


# ------------------------------------------------------------------ theme


@pytest.mark.parametrize(
    "text,theme",
    [
        # seed 001: quoted theme after "Chủ đề …:" (still found with the new forms around)
        (
            "1. Chủ đề:\nChủ đề của Tuần lễ HƯHTSĐ năm 2022: “Thúc đẩy chuyển đổi số phục vụ cho học tập suốt đời sau dịch Covid-19”\n",
            "Thúc đẩy chuyển đổi số phục vụ cho học tập suốt đời sau dịch Covid-19",
        ),
        # written: heading with its colon, straight-quoted theme on the next line
        (
            '1. Chủ đề Hội thi:\n"Mỗi cuốn sách - Một ước mơ"\n2. Đối tượng: học sinh.\n',
            "Mỗi cuốn sách - Một ước mơ",
        ),
        # written: the same with curly quotes and another year's contest
        ("2. Chủ đề Ngày hội:\n“Đọc sách - Mở cánh cửa tri thức”\n", "Đọc sách - Mở cánh cửa tri thức"),
        # written: unquoted theme alone on the line after the heading
        (
            "1. Chủ đề Tháng hành động vì trẻ em năm 2024:\nChung tay tạo dựng môi trường sống an toàn cho trẻ em\n2. Thời gian: …\n",
            "Chung tay tạo dựng môi trường sống an toàn cho trẻ em",
        ),
        # written: "Chủ đề <event> năm … là “…”" (with and without a colon)
        (
            "Chủ đề Ngày Pháp luật năm 2024 là “Đổi mới tư duy, nâng cao hiệu quả xây dựng và thi hành pháp luật”.",
            "Đổi mới tư duy, nâng cao hiệu quả xây dựng và thi hành pháp luật",
        ),
        (
            "Chủ đề Tháng Thanh niên năm 2026 là: “Tuổi trẻ tiên phong chuyển đổi số”.",
            "Tuổi trẻ tiên phong chuyển đổi số",
        ),
        # written: unquoted inline theme closed by ", cụ thể như sau"
        (
            "Ủy ban nhân dân xã xây dựng Kế hoạch tổ chức Tuần lễ, với chủ đề: Học tập suốt đời trong kỷ nguyên số - "
            "Mỗi người dân là một công dân học tập, cụ thể như sau:",
            "Học tập suốt đời trong kỷ nguyên số - Mỗi người dân là một công dân học tập",
        ),
        (
            "Ban Chỉ đạo huyện xây dựng Kế hoạch với chủ đề Lắng nghe, thấu hiểu và đồng hành cùng thanh thiếu niên "
            "phòng, chống ma túy, cụ thể như sau:",
            "Lắng nghe, thấu hiểu và đồng hành cùng thanh thiếu niên phòng, chống ma túy",
        ),
        # written (probe 5, a Phòng GD&ĐT plan): an all-caps "I. CHỦ ĐỀ" heading, a blank line,
        # then the quoted theme alone
        (
            'I. CHỦ ĐỀ\n\n"Thúc đẩy chuyển đổi số phục vụ cho học tập suốt đời sau đại dịch COVID-19"\n\nII. THỜI GIAN\n',
            "Thúc đẩy chuyển đổi số phục vụ cho học tập suốt đời sau đại dịch COVID-19",
        ),
        # seed 001 layout (blank lines between the PDF's lines), the heading with its colon
        (
            "1. Chủ đề:\n\n“Thúc đẩy chuyển đổi số phục vụ cho học tập suốt đời sau dịch Covid-19”\n",
            "Thúc đẩy chuyển đổi số phục vụ cho học tập suốt đời sau dịch Covid-19",
        ),
        # compliance probe round 7 (a Phòng's plan): the caps heading with its unquoted theme
        (
            "I. CHỦ ĐỀ: Phát triển văn hóa đọc thúc đẩy học tập suốt đời\n\nII. THỜI GIAN\n",
            "Phát triển văn hóa đọc thúc đẩy học tập suốt đời",
        ),
        # written: the same in a sub-heading naming the week
        (
            "2. CHỦ ĐỀ CỦA TUẦN LỄ: Học tập suốt đời trong kỷ nguyên số.\n3. THỜI GIAN\n",
            "Học tập suốt đời trong kỷ nguyên số",
        ),
    ],
)
def test_theme_forms(text, theme):
    doc = _doc(text)
    assert fs.extract_theme(doc) == theme
    ev = doc.evidence["theme"]
    assert text[ev.start : ev.end] == ev.text


@pytest.mark.parametrize(
    "text",
    [
        # written: a heading followed by a numbered line is no theme
        "1. Chủ đề:\n2. Thời gian: từ ngày 01/10/2025.\n",
        # written: an unquoted theme with no closing "như sau" is too uncertain
        "Kế hoạch với chủ đề chuyển đổi số được triển khai rộng rãi trong năm.",
    ],
)
def test_theme_uncertain_is_null(text):
    assert fs.extract_theme(_doc(text)) is None


# ------------------------------------------------------------------ period


@pytest.mark.parametrize(
    "text,start,end",
    [
        # written: start and end days stated apart
        (
            "2. Thời gian\nTuần lễ diễn ra trong 07 ngày, bắt đầu từ ngày 02/10/2023 và kết thúc vào ngày 08/10/2023.",
            "2023-10-02",
            "2023-10-08",
        ),
        ("Thời gian thực hiện: bắt đầu ngày 15/3/2025, kết thúc ngày 30/4/2025.", "2025-03-15", "2025-04-30"),
        # seed 003: the ordinary range still wins
        (
            "**3. Thời gian tổ chức Tuần lễ:** Từ ngày 02/10/2023 đến ngày 08/10/2023, trong đó Lễ khai mạc",
            "2023-10-02",
            "2023-10-08",
        ),
    ],
)
def test_period_start_end(text, start, end):
    p = fs.extract_period(_doc(text))
    assert (p.start, p.end) == (start, end)


# ------------------------------------------------------------------ events


def _events(text: str) -> dict:
    return {e.name: (e.date, e.time, e.place) for e in fs.extract_events(_doc(text))}


@pytest.mark.parametrize(
    "text,expected",
    [
        # written: a numbered heading naming the event, "Thời gian:/Địa điểm:" lines under it
        (
            "III. NỘI DUNG\n1. Hoạt động tuyên truyền\nTuyên truyền trên Trang thông tin điện tử.\n"
            "2. Lễ hưởng ứng Ngày Pháp luật năm 2024\nThời gian: 14 giờ 00 phút, thứ Sáu, ngày 08/11/2024.\n"
            "Địa điểm: Hội trường Trung tâm Chính trị quận.\nThành phần: Lãnh đạo quận.\n3. Các hoạt động khác\n",
            {
                "Lễ hưởng ứng Ngày Pháp luật năm 2024": (
                    "2024-11-08",
                    "14:00",
                    "Hội trường Trung tâm Chính trị quận",
                )
            },
        ),
        # written: both detail items on one line, the heading not a "Lễ"
        (
            "III. NỘI DUNG\n1. Khai mạc Tuần lễ\nThời gian: 7 giờ, thứ Tư, 01/10/2025. Địa điểm: Hội trường UBND xã.\n"
            "2. Hoạt động tuyên truyền\n",
            {"Khai mạc Tuần lễ": ("2025-10-01", "07:00", "Hội trường UBND xã")},
        ),
        # written: "Tổ chức vào/lúc … ngày … tại …" under the heading
        (
            "III. NỘI DUNG\n1. Lễ phát động Tháng hành động vì trẻ em\nTổ chức lúc 07h30' ngày 01/6/2024 (thứ Bảy) tại Nhà văn hóa "
            "thôn Thọ Vinh, kết hợp vui Tết Thiếu nhi.\n2. Các hoạt động truyền thông\n4. Tổng kết Tháng hành động\n"
            "Tổ chức vào ngày 28/6/2024, biểu dương, khen thưởng các tập thể.\nIV. TỔ CHỨC THỰC HIỆN\n",
            {
                "Lễ phát động Tháng hành động vì trẻ em": (
                    "2024-06-01",
                    "07:30",
                    "Nhà văn hóa thôn Thọ Vinh",
                ),
                "Tổng kết Tháng hành động": ("2024-06-28", None, None),
            },
        ),
        # seed 001 II.2.1–2.2: a heading that is the ceremony's name keeps that name
        (
            "2. Hình thức tổ chức\n2.1. Lễ khai mạc.\n*Thời gian: Lễ khai mạc: Tổ chức 7h ngày 06/10/2022, Lễ tổng kết ngày "
            "12/10/2022.\n * Địa điểm: Trường THCS Hà Thượng.\n2.2. Lễ tổng kết.\nLễ tổng kết được tổ chức nhằm đánh giá:\n"
            " * Thời gian: 15 giờ 12/10/2022.\n*  Địa điểm: Văn phòng nhà trường.\n",
            {
                "Lễ khai mạc": ("2022-10-06", "07:00", "Trường THCS Hà Thượng"),
                "Lễ tổng kết": ("2022-10-12", "15:00", "Văn phòng nhà trường"),
            },
        ),
    ],
)
def test_events_from_headings(text, expected):
    got = _events(text)
    for name, value in expected.items():
        assert got.get(name) == value
    assert set(got) == set(expected)


@pytest.mark.parametrize(
    "text,expected",
    [
        # written: "X diễn ra vào <time> ngày <date> tại <place>", a place in lower case
        (
            "- Cuộc thi vòng chung kết diễn ra vào 14 giờ 00 ngày 25/4/2025 tại phòng đa năng.",
            {"Cuộc thi vòng chung kết": ("2025-04-25", "14:00", "phòng đa năng")},
        ),
        # written: the event opens the sentence; the place is the numbered line after it
        (
            "1. Thời gian: 02 ngày, từ ngày 12 - 13/9/2024. Khai giảng lớp tập huấn vào 7 giờ 30 phút ngày 12/9/2024.\n"
            "2. Địa điểm: Hội trường tầng 3, Trung tâm Chính trị huyện.\n",
            {
                "Khai giảng lớp tập huấn": (
                    "2024-09-12",
                    "07:30",
                    "Hội trường tầng 3, Trung tâm Chính trị huyện",
                )
            },
        ),
        # written: a round with its own bracket, "X: <time>, ngày <date> tại <place>"
        (
            "- Vòng sơ khảo (cấp trường): từ ngày 10/3/2025 đến ngày 28/3/2025.\n"
            "- Vòng chung khảo (cấp thành phố): 08 giờ 00, Chủ nhật, ngày 20/4/2025 tại Thư viện thành phố.\n",
            {"Vòng chung khảo (cấp thành phố)": ("2025-04-20", "08:00", "Thư viện thành phố")},
        ),
        # written: a quoted title with a comma, after "Tổ chức"
        (
            '2. Tổ chức Hội thảo "Đọc, học và sáng tạo" vào 8 giờ 00 ngày 05/10/2023 tại Trường THPT số 1.',
            {'Hội thảo "Đọc, học và sáng tạo"': ("2023-10-05", "08:00", "Trường THPT số 1")},
        ),
        # written: after "trọng tâm là", start time written after the date
        (
            "Các hoạt động được tổ chức trong tháng 4/2025, trọng tâm là Ngày hội đọc sách vào thứ Hai, ngày 21/4/2025, "
            "từ 7h15 đến 9h00, tại sân trường.",
            {"Ngày hội đọc sách": ("2025-04-21", "07:15", "sân trường")},
        ),
        # written: a place with a comma inside its bracket is kept whole
        (
            "Lễ khai mạc cấp tỉnh tổ chức lúc 8 giờ 00, thứ Tư ngày 01 tháng 10 năm 2025 tại Trung tâm Hội nghị tỉnh "
            "(số 01 Trần Phú, thành phố Quy Nhơn).",
            {
                "Lễ khai mạc": (
                    "2025-10-01",
                    "08:00",
                    "Trung tâm Hội nghị tỉnh (số 01 Trần Phú, thành phố Quy Nhơn)",
                )
            },
        ),
    ],
)
def test_events_from_sentences(text, expected):
    assert _events(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # seed 004: loudspeaker cars on a date are activities
        "Thực hiện 01 xe loa tuyên truyền trên các tuyến đường chính vào ngày 03 tháng 10 năm 2024 do Thành phố tổ chức tại Quận 1.",
        # written: a contest run over a range is a period, not an event
        "Hội thi được tổ chức từ ngày 10/3/2025 đến ngày 21/4/2025.",
        # written: a deadline is not an event
        "Tổng kết, báo cáo kết quả về Sở trước ngày 30/6/2025.",
        # written: an event noun inside a report's title is not an event ("Báo cáo tổng kết ngày …")
        "Căn cứ Báo cáo tổng kết ngày 20/12/2024 của Sở Nội vụ.",
        # written: a heading naming an event but no date under it
        "2. Cuộc thi “Giới thiệu sách hay”\n- Mỗi lớp chọn 01 học sinh.\n3. Tủ sách lớp học\n",
    ],
)
def test_not_events(text):
    assert fs.extract_events(_doc(text)) == []


def test_event_heading_name_beats_short_mention_same_day():
    # written: the heading's full name and a later short "Lễ khai mạc" mention are one event
    text = (
        "III. NỘI DUNG\n1. Lễ khai mạc Ngày hội đọc sách\n- Thời gian: 7 giờ 30 phút, thứ Sáu, ngày 19/4/2024.\n"
        "- Địa điểm: Quảng trường Trung tâm huyện.\n2. Các hoạt động hưởng ứng\n- Lễ khai mạc ngày 19/4/2024 có "
        "sự tham gia của học sinh.\n"
    )
    events = fs.extract_events(_doc(text))
    assert [(e.name, e.date, e.time) for e in events] == [
        ("Lễ khai mạc Ngày hội đọc sách", "2024-04-19", "07:30")
    ]


# ------------------------------------------------------------------ deadlines


@pytest.mark.parametrize(
    "text,expected",
    [
        # seed 004 (closing paragraph): the action named with its addressee, not "gửi tập tin … đến (thư điện tử)"
        (
            "đề nghị Thủ trưởng các cơ quan báo cáo kết quả thực hiện (theo mẫu) về Ủy ban nhân dân quận (thông qua "
            "Phòng Giáo dục và Đào tạo quận) bằng văn bản và đồng thời gửi tập tin theo đường công văn đến (thư điện tử) "
            "chậm nhất là ngày 11 tháng 10 năm 2024 để tổng hợp.",
            ("2024-10-11", "báo cáo kết quả thực hiện", "Ủy ban nhân dân quận"),
        ),
        # written: "gửi <object>" is the action; a time before the date
        (
            "- Gửi danh sách thí sinh và video bài dự thi về Phòng Giáo dục và Đào tạo (qua Bộ phận Tiểu học) trước 17 giờ 00 "
            "ngày 04/4/2025.",
            ("2025-04-04", "gửi danh sách thí sinh và video bài dự thi", "Phòng Giáo dục và Đào tạo"),
        ),
        (
            "Cử cán bộ tham gia; gửi danh sách học viên về Phòng Văn hóa và Thông tin chậm nhất ngày 06/9/2024.",
            ("2024-09-06", "gửi danh sách học viên", "Phòng Văn hóa và Thông tin"),
        ),
        # written: bare verbs coordinated before the reported action are kept
        (
            "Hướng dẫn các cơ sở triển khai; tổng hợp, báo cáo kết quả về Bộ Giáo dục và Đào tạo và UBND tỉnh trước ngày 15/10/2025.",
            ("2025-10-15", "tổng hợp, báo cáo kết quả", "Bộ Giáo dục và Đào tạo và Ủy ban nhân dân tỉnh"),
        ),
        # written: a verb with its own complement before the reported action is not
        (
            "UBND các xã xây dựng kế hoạch triển khai tại địa phương, báo cáo kết quả về Ban Chỉ đạo huyện (qua Công an "
            "huyện) trước ngày 05/7/2023.",
            ("2023-07-05", "báo cáo kết quả", "Ban Chỉ đạo huyện"),
        ),
        # written: "cho <position>" names the addressee
        (
            "Giáo viên chủ nhiệm nộp danh sách thí sinh dự thi cho Tổng phụ trách Đội trước ngày 18/4/2025.",
            ("2025-04-18", "nộp danh sách thí sinh dự thi", "Tổng phụ trách Đội"),
        ),
        # written: "gửi <addressee>" is not an action; the owner "của …" ends the action
        (
            "Công chức Văn hóa - Xã hội tổng hợp báo cáo kết quả gửi Phòng Văn hóa - Xã hội quận trước ngày 08/10/2025.",
            ("2025-10-08", "tổng hợp báo cáo kết quả", "Phòng Văn hóa - Xã hội quận"),
        ),
        (
            "- Gửi báo cáo tổng kết hoạt động đọc sách của nhà trường trước ngày 30/4/2025.",
            ("2025-04-30", "gửi báo cáo tổng kết hoạt động đọc sách", None),
        ),
        # written: "UBND" in the addressee is expanded
        (
            "4. UBND các phường: báo cáo kết quả thực hiện về UBND quận (qua Phòng Tư pháp) trước ngày 20/11/2024.",
            ("2024-11-20", "báo cáo kết quả thực hiện", "Ủy ban nhân dân quận"),
        ),
        # written: a "Thời hạn …:" line states the deadline without "trước"
        (
            "4. Thời hạn Sở tổng hợp báo cáo Bộ Giáo dục và Đào tạo: ngày 15/10/2023.",
            ("2023-10-15", "tổng hợp báo cáo", "Bộ Giáo dục và Đào tạo"),
        ),
        ("- Hạn nộp hồ sơ về Sở Nội vụ: ngày 20/12/2025.", ("2025-12-20", "nộp hồ sơ", "Sở Nội vụ")),
        # written (body probe round 6, a disaster-prevention plan): the addressee is "Cơ quan …"
        (
            "UBND các xã báo cáo kết quả diễn tập gửi về Cơ quan thường trực Ban Chỉ huy huyện trước ngày 15/5/2019.",
            ("2019-05-15", "báo cáo kết quả diễn tập", "Cơ quan thường trực Ban Chỉ huy huyện"),
        ),
        # written: a second phrasing, lower case, "báo cáo về cơ quan …"
        (
            "Các trường báo cáo về cơ quan thường trực Hội đồng thi đua trước ngày 10/11/2024.",
            ("2024-11-10", "báo cáo", "cơ quan thường trực Hội đồng thi đua"),
        ),
        # page probe round 7: a Hội Khuyến học reports to its central body; a Tỉnh đoàn plan
        (
            "Hội Khuyến học tỉnh tổng hợp kết quả báo cáo Trung ương Hội Khuyến học Việt Nam trước ngày 20/10/2017.",
            ("2017-10-20", "tổng hợp kết quả báo cáo", "Trung ương Hội Khuyến học Việt Nam"),
        ),
        (
            "Các cơ sở Đoàn gửi báo cáo về Huyện đoàn (qua Ban Tổ chức) trước ngày 27/4/2022.",
            ("2022-04-27", "gửi báo cáo", "Huyện đoàn"),
        ),
        # page probe round 7: the comma inside "Văn hóa, Thể thao và Du lịch" does not end it
        (
            "Phòng Văn hóa và Thông tin gửi báo cáo kết quả về Sở Văn hóa, Thể thao và Du lịch trước ngày 05/7/2026.",
            ("2026-07-05", "gửi báo cáo kết quả", "Sở Văn hóa, Thể thao và Du lịch"),
        ),
        # written: the ministry, a bracketed channel after it
        (
            "Sở báo cáo Bộ Văn hóa, Thể thao và Du lịch (qua Vụ Văn hóa dân tộc) trước ngày 30/11/2023.",
            ("2023-11-30", "báo cáo", "Bộ Văn hóa, Thể thao và Du lịch"),
        ),
        # page probe round 7 (a Sở's công văn): a bare "gửi về" before the date crashed the reader
        (
            "- Các trường xây dựng kế hoạch cụ thể, gửi về Sở Giáo dục và Đào tạo (qua Phòng Giáo dục Trung học) trước ngày 30/9/2024.",
            ("2024-09-30", "xây dựng kế hoạch cụ thể", "Sở Giáo dục và Đào tạo"),
        ),
    ],
)
def test_deadline_action_and_addressee(text, expected):
    got = fd.extract_deadlines(_doc(text))
    assert [(d.date, d.action, d.to) for d in got] == [expected]


def test_dated_line_without_time_limit_is_no_deadline():
    # written: "Thời gian:" with a date is a schedule, not a deadline
    assert (
        fd.extract_deadlines(_doc("Thời gian: 7 giờ, thứ Tư, 01/10/2025. Địa điểm: Hội trường UBND xã."))
        == []
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # written (probe): a DOCX table of activities; a dated row whose activity is an event
        # noun is an event, a row with a date range is not
        (
            "III. CÁC HOẠT ĐỘNG CHÍNH\nSTT | Nội dung hoạt động | Thời gian | Địa điểm\n"
            "1 | Lễ khai mạc Tuần lễ hưởng ứng học tập suốt đời | 7h30, 01/10/2025 | Hội trường UBND phường\n"
            "2 | Tuyên truyền trên loa phát thanh phường | 01/10 - 05/10/2025 | Các tổ dân phố\n"
            "IV. TỔ CHỨC THỰC HIỆN\n",
            [
                (
                    "Lễ khai mạc Tuần lễ hưởng ứng học tập suốt đời",
                    "2025-10-01",
                    "07:30",
                    "Hội trường UBND phường",
                )
            ],
        ),
        # written: the time column second, no place column
        (
            "II. NỘI DUNG\nThời gian | Hoạt động | Đơn vị chủ trì\n"
            "8 giờ 00 ngày 21/4/2025 | Ngày hội đọc sách | Thư viện huyện\n"
            "Tháng 4/2025 | Thi kể chuyện theo sách | Huyện đoàn\n",
            [("Ngày hội đọc sách", "2025-04-21", "08:00", None)],
        ),
    ],
)
def test_events_from_a_table_of_activities(text, expected):
    from pipeline.normalize import normalize

    doc = Doc(text=normalize(text), seg=Segmentation())
    assert [(e.name, e.date, e.time, e.place) for e in fs.extract_events(doc)] == expected


# ------------------------------------------------------------------ probe round 3


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        # written (probe, a primary school's book day): a whole month
        (
            "II. THỜI GIAN, ĐỊA ĐIỂM\n- Thời gian: trong tháng 4/2019. Lễ khai mạc vào ngày 22/4/2019.\n",
            "2019-04-01",
            "2019-04-30",
        ),
        # written (probe, a town's children month): the month in words, a "1/6" that is no date
        (
            "2. Thời gian: Tháng hành động được triển khai trong tháng 6 năm 2026. Lễ phát động kết hợp "
            "Tết Thiếu nhi 1/6 vào sáng ngày 31/5/2026.\n",
            "2026-06-01",
            "2026-06-30",
        ),
        # written (probe, a district swimming plan): a span of months under a heading
        ("II. THỜI GIAN\nTừ tháng 6 đến hết tháng 8 năm 2020.\n", "2020-06-01", "2020-08-31"),
        # written (probe, a province's tree planting): a day to the end of a month, a lunar date between
        (
            "II. THỜI GIAN\nThời gian ra quân trồng cây từ ngày 17/02/2024 (tức ngày mùng 8 tháng Giêng "
            "năm Giáp Thìn) đến hết tháng 3/2024.\n",
            "2024-02-17",
            "2024-03-31",
        ),
        # seed 001: a range on the cue's line still wins over any month words
        (
            "1. Thời gian tổ chức.\nCác nhà trường tổ chức Tuần lễ từ ngày 06/10/2022 đến ngày 12/10/2022\n",
            "2022-10-06",
            "2022-10-12",
        ),
    ],
)
def test_period_written_with_months(text, start, end):
    p = fs.extract_period(_doc(text))
    assert (p.start, p.end) == (start, end)


def test_whole_month_far_from_a_period_cue_is_no_period():
    # written: "trong tháng 10/2024" in a task, no time cue → nothing guessed
    text = "III. NỘI DUNG\n- Các trường tổ chức tuyên truyền trong tháng 10/2024.\n"
    assert (fs.extract_period(_doc(text)).start, fs.extract_period(_doc(text)).end) == (None, None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # written (probe, a district teachers' contest): schedule lines "Tên: giờ ngày … tại …";
        # a comma inside the label does not cut it
        (
            "1. Thời gian: từ ngày 14/11/2022 đến ngày 25/11/2022, cụ thể:\n"
            "- Khai mạc: 7 giờ 30 phút ngày 14/11/2022 tại Hội trường Phòng Giáo dục và Đào tạo.\n"
            "- Bế mạc, trao giải: 14 giờ 00 ngày 25/11/2022 tại Trường THCS Thị trấn.\n",
            {
                "Khai mạc": ("2022-11-14", "07:30", "Hội trường Phòng Giáo dục và Đào tạo"),
                "Bế mạc, trao giải": ("2022-11-25", "14:00", "Trường THCS Thị trấn"),
            },
        ),
        # seed 001: "Lễ khai mạc: 7h00 ngày 06/10/2022" + "* Địa điểm:" line
        (
            "2.1. Lễ khai mạc.\n*Thời gian: 7h ngày 06/10/2022.\n* Địa điểm: Trường THCS Hà Thượng.\n",
            {"Lễ khai mạc": ("2022-10-06", "07:00", "Trường THCS Hà Thượng")},
        ),
    ],
)
def test_events_from_schedule_lines(text, expected):
    assert _events(text) == expected


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # written (probe, a school book day): the sentence's own "tại …" beats a general
        # "Địa điểm:" line below it
        (
            "- Thời gian: trong tháng 4/2019. Lễ khai mạc Ngày hội vào lúc 7 giờ 15 phút, thứ Hai ngày "
            "22/4/2019 tại sân trường Tiểu học Thanh Liên.\n- Địa điểm: tại trường và các lớp học.\n",
            "sân trường Tiểu học Thanh Liên",
        ),
        # written (probe, a province's tree planting): the city after a comma is part of the place
        (
            "3. Lễ phát động Tết trồng cây cấp tỉnh\nTổ chức vào lúc 7 giờ 30 phút, thứ Bảy ngày 17/02/2024 "
            "tại Khu công viên cây xanh phường Nam Thanh, thành phố Điện Biên Phủ.\n",
            "Khu công viên cây xanh phường Nam Thanh, thành phố Điện Biên Phủ",
        ),
        # written (after seed 004's "Nhà hát Bến Thành Quận 1"): a comma before no unit word cuts
        (
            "- Tham dự Lễ khai mạc Tuần lễ vào lúc 8 giờ 00 ngày 03/10/2024 tại Nhà hát Bến Thành, Quận 1.\n",
            "Nhà hát Bến Thành",
        ),
    ],
)
def test_event_place(text, place):
    assert [e.place for e in fs.extract_events(_doc(text))] == [place]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # written (probe, a district food-safety month): the row's activity opens with "Tổ chức"
        (
            "III. NỘI DUNG HOẠT ĐỘNG\n| TT | Nội dung hoạt động | Thời gian | Đơn vị chủ trì |\n|---|---|---|---|\n"
            "| 1 | Tổ chức Lễ phát động Tháng hành động vì an toàn thực phẩm năm 2021 | 8 giờ 00 ngày 16/4/2021 | Phòng Y tế |\n"
            "| 2 | Tuyên truyền trên Đài Truyền thanh huyện | Từ 15/4 - 15/5/2021 | Trung tâm Văn hóa |\n",
            [
                (
                    "Tổ chức Lễ phát động Tháng hành động vì an toàn thực phẩm năm 2021",
                    "2021-04-16",
                    "08:00",
                    None,
                )
            ],
        ),
        # written (probe, a school's week, messy rendition): markdown rows hard-wrapped, one
        # with an empty place cell
        (
            "3. Các hoạt động cụ thể\n| STT | Nội dung hoạt động | Thời gian | Địa điểm | Phụ trách |\n"
            "|---|---|---|---|---|\n| 1 | Lễ khai mạc Tuần lễ hưởng ứng học tập suốt đời | 7h00 ngày\n"
            "01/10/2025 | Sân trường | Đoàn trường |\n| 2 | Tuyên truyền về Tuần lễ trên bảng tin\n"
            "của nhà trường | 01/10 - 07/10/2025 | | Đoàn trường |\n| 3 | Tổng kết, khen thưởng | 10h00 ngày 07/10/2025 | Sân trường | Ban\n"
            "Giám hiệu |\n",
            [
                ("Lễ khai mạc Tuần lễ hưởng ứng học tập suốt đời", "2025-10-01", "07:00", "Sân trường"),
                ("Tổng kết, khen thưởng", "2025-10-07", "10:00", "Sân trường"),
            ],
        ),
    ],
)
def test_events_from_markdown_tables(text, expected):
    from pipeline.normalize import normalize

    doc = Doc(text=normalize(text), seg=Segmentation())
    assert [(e.name, e.date, e.time, e.place) for e in fs.extract_events(doc)] == expected


# ------------------------------------------------------------------ deadlines: what is sent (probe round 4)


@pytest.mark.parametrize(
    "text,expected",
    [
        # seed 001: "…, gửi về <addressee>": the clause before is what is sent; its framing
        # verb ("Tham mưu") and inner addressee ("cho Ủy Ban …") are not the action
        (
            "Tham mưu báo cáo tổng kết Tuần lễ cho Ủy Ban nhân dân huyện, gửi về phòng Giáo dục và Đào tạo trước ngày 18/10/2022.",
            ("2022-10-18", "báo cáo tổng kết Tuần lễ", "phòng Giáo dục và Đào tạo"),
        ),
        # docs/035: no comma before "gửi về"; the subject before the first verb is left out
        (
            "các tỉnh, thành phố trực thuộc Trung ương lập và phê duyệt đề án hỗ trợ trên địa bàn toàn tỉnh gửi về "
            "Bộ Xây dựng trước ngày 31/8/2013 để xem xét",
            ("2013-08-31", "lập và phê duyệt đề án hỗ trợ trên địa bàn toàn tỉnh", "Bộ Xây dựng"),
        ),
        # written (a xã plan): "Phối hợp lập danh sách …, gửi về UBND xã": not the "đăng ký" inside the object
        (
            '4. Các xóm\nPhối hợp lập danh sách hộ gia đình đăng ký danh hiệu "Gia đình học tập" năm 2021, gửi về UBND xã '
            "trước ngày 15/10/2021.",
            (
                "2021-10-15",
                'lập danh sách hộ gia đình đăng ký danh hiệu "Gia đình học tập" năm 2021',
                "Ủy ban nhân dân xã",
            ),
        ),
        # written (a phường plan, after "<agency>:"): the same with a comma in the object
        (
            "- Phối hợp lập danh sách hộ kinh doanh, nhà trọ trên địa bàn, gửi về Công an phường trước ngày 25/5/2023.",
            ("2023-05-25", "lập danh sách hộ kinh doanh, nhà trọ trên địa bàn", "Công an phường"),
        ),
        # written (a Huyện đoàn plan): the object stands first and has no verb: it is kept with the verb
        (
            "Đối tượng: đoàn viên, thanh niên. Bài dự thi gửi về Văn phòng Huyện đoàn trước ngày 25/4/2016.",
            ("2016-04-25", "bài dự thi gửi", "Văn phòng Huyện đoàn"),
        ),
        # written (a school plan): "nộp về", an addressee outside the agency list ("Thư viện")
        (
            "- Tranh dự thi của các lớp nộp về Thư viện nhà trường trước ngày 06/11/2017.",
            ("2017-11-06", "tranh dự thi của các lớp nộp", "Thư viện nhà trường"),
        ),
        # written: a bare reported verb takes the clause before it
        (
            "Tổng phụ trách Đội tổng hợp kết quả, báo cáo Hiệu trưởng trước ngày 06/4/2022 để gửi Phòng GD&ĐT.",
            ("2022-04-06", "tổng hợp kết quả, báo cáo", "Hiệu trưởng"),
        ),
    ],
)
def test_deadline_action_is_what_is_sent(text, expected):
    got = fd.extract_deadlines(_doc(text))
    assert [(d.date, d.action, d.to) for d in got] == [expected]


@pytest.mark.parametrize(
    "text",
    [
        # written (a xã plan of tasks): "Thời gian thực hiện: Trước ngày …" is a task's time, no action named
        "4. Số hóa hồ sơ thủ tục hành chính\n- Đơn vị chủ trì: Bộ phận Một cửa.\n- Thời gian thực hiện: Trước ngày 30/9/2024.\n",
        # written: the same label in another plan
        "- Thời gian hoàn thành: chậm nhất ngày 15/12/2025.\n",
    ],
)
def test_time_label_is_no_action(text):
    assert fd.extract_deadlines(_doc(text)) == []


# ------------------------------------------------------------------ events (probe round 4)


def test_table_event_place_read_from_its_time_cell():
    from pipeline.normalize import normalize

    # written (a xã plan, markdown table without a "Địa điểm" column)
    text = (
        "III. CÁC HOẠT ĐỘNG CỤ THỂ\n\n| TT | Nội dung hoạt động | Thời gian thực hiện | Đơn vị chủ trì |\n|---|---|---|---|\n"
        "| 1 | Lễ khai mạc Tuần lễ | 7h30 ngày 01/10/2025, tại Hội trường UBND xã | UBND xã |\n"
        "| 2 | Treo băng rôn, khẩu hiệu | 28/9 - 07/10/2025 | Các thôn |\n\nIV. KINH PHÍ\n"
    )
    events = fs.extract_events(Doc(text=normalize(text), seg=Segmentation()))
    assert [(e.name, e.date, e.time, e.place) for e in events] == [
        ("Lễ khai mạc Tuần lễ", "2025-10-01", "07:30", "Hội trường UBND xã")
    ]


@pytest.mark.parametrize(
    "text,expected",
    [
        # written (a xã plan of tasks): "5. Tổ chức Ngày hội …" + "- Thời gian thực hiện: Ngày …" + "- Địa điểm: …"
        (
            "II. NHIỆM VỤ CỤ THỂ\n5. Tổ chức Ngày hội chuyển đổi số xã năm 2024\n- Đơn vị chủ trì: Ban Chỉ đạo.\n"
            "- Thời gian thực hiện: Ngày 10/10/2024.\n- Địa điểm: Nhà văn hóa xã.\nIII. KINH PHÍ\n",
            ("Tổ chức Ngày hội chuyển đổi số xã năm 2024", "2024-10-10", "Nhà văn hóa xã"),
        ),
        # written: the same form in a school plan ("Thời gian tổ chức:")
        (
            "3. Tổ chức Hội thi kể chuyện theo sách\n- Thời gian tổ chức: 14 giờ ngày 22/4/2025.\n- Địa điểm: Thư viện trường.\n",
            ("Tổ chức Hội thi kể chuyện theo sách", "2025-04-22", "Thư viện trường"),
        ),
    ],
)
def test_heading_event_after_to_chuc(text, expected):
    events = fs.extract_events(_doc(text))
    assert [(e.name, e.date, e.place) for e in events] == [expected]


# ------------------------------------------------------------------ table rows (probe round 7)


def _table_events(text: str) -> list[tuple]:
    from pipeline.normalize import normalize

    doc = Doc(text=normalize(text), seg=Segmentation())
    return [(e.name, e.date, e.time, e.place) for e in fs.extract_events(doc)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # probe round 6 (a Sở VHTTDL reading-day plan): a dated row whose activity is no
        # ceremony noun is still the day's happening; a range row is not
        (
            "III. NỘI DUNG\n| STT | Nội dung | Thời gian | Địa điểm |\n|---|---|---|---|\n"
            "| 1 | Trưng bày, triển lãm sách, báo | Từ ngày 18/4 đến ngày 30/4/2023 | Thư viện tỉnh |\n"
            "| 2 | Khen thưởng tập thể, cá nhân có thành tích tiêu biểu trong phát triển văn hóa đọc "
            "| 26/4/2023 | Hội trường Sở Văn hóa, Thể thao và Du lịch |\n",
            [
                (
                    "Khen thưởng tập thể, cá nhân có thành tích tiêu biểu trong phát triển văn hóa đọc",
                    "2023-04-26",
                    None,
                    "Hội trường Sở Văn hóa, Thể thao và Du lịch",
                )
            ],
        ),
        # probe round 6 (a xã children's month plan, no place column): "Tổ chức giao lưu …"
        (
            "III. NỘI DUNG\n| STT | Nội dung | Thời gian | Đơn vị thực hiện |\n|---|---|---|---|\n"
            "| 1 | Tổ chức giao lưu văn nghệ, trò chơi dân gian cho thiếu nhi | 19 giờ 00 ngày 08/6/2019 "
            "| Đoàn Thanh niên xã |\n| 2 | Vận động các doanh nghiệp ủng hộ Quỹ Bảo trợ trẻ em | Tháng 6/2019 "
            "| Hội Liên hiệp Phụ nữ xã |\n",
            [("Tổ chức giao lưu văn nghệ, trò chơi dân gian cho thiếu nhi", "2019-06-08", "19:00", None)],
        ),
        # written (a Hội Nông dân huyện plan): a training day is an event; a report due that
        # day and a plan to issue are paperwork, not events
        (
            "II. CÁC HOẠT ĐỘNG\nSTT | Nội dung công việc | Thời gian | Địa điểm\n"
            "1 | Tập huấn kỹ thuật canh tác lúa thích ứng biến đổi khí hậu | 14 giờ 00 ngày 12/3/2021 | Hội trường xã Tân Phú\n"
            "2 | Xây dựng kế hoạch tổ chức Hội thi nhà nông đua tài | 20/3/2021 | Hội Nông dân huyện\n"
            "3 | Tổng hợp, báo cáo kết quả về Hội Nông dân tỉnh | 30/6/2021 | Văn phòng\n"
            "III. TỔ CHỨC THỰC HIỆN\n",
            [
                (
                    "Tập huấn kỹ thuật canh tác lúa thích ứng biến đổi khí hậu",
                    "2021-03-12",
                    "14:00",
                    "Hội trường xã Tân Phú",
                )
            ],
        ),
    ],
)
def test_dated_table_row_is_an_event_whatever_its_noun(text, expected):
    assert _table_events(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # probe round 6 (a THPT school-week schedule) with its hours headed "Giờ": the day
        # column's date merged down its rows, the hour from the row's own cell
        (
            "III. LỊCH HOẠT ĐỘNG\n| Ngày | Giờ | Nội dung | Địa điểm |\n|---|---|---|---|\n"
            "| 05/9/2026 | 7h00 - 8h30 | Lễ khai giảng năm học 2026 - 2027 | Sân trường |\n"
            "| | 14h00 - 16h00 | Giao lưu văn nghệ chào đón học sinh lớp 10 | Hội trường |\n",
            [
                ("Lễ khai giảng năm học 2026 - 2027", "2026-09-05", "07:00", "Sân trường"),
                ("Giao lưu văn nghệ chào đón học sinh lớp 10", "2026-09-05", "14:00", "Hội trường"),
            ],
        ),
        # written (a xã Women's Union programme): a "Ngày" column and no time column
        (
            "II. NỘI DUNG\n| Ngày | Nội dung | Địa điểm |\n|---|---|---|\n"
            "| 08/3/2022 | Họp mặt kỷ niệm 112 năm Ngày Quốc tế Phụ nữ | Hội trường UBND xã |\n"
            "| 10/3/2022 | Thi nấu ăn giữa các chi hội | Nhà văn hóa thôn 3 |\n",
            [
                ("Họp mặt kỷ niệm 112 năm Ngày Quốc tế Phụ nữ", "2022-03-08", None, "Hội trường UBND xã"),
                ("Thi nấu ăn giữa các chi hội", "2022-03-10", None, "Nhà văn hóa thôn 3"),
            ],
        ),
    ],
)
def test_schedule_day_column_without_a_time_column(text, expected):
    assert _table_events(text) == expected


@pytest.mark.parametrize(
    ("text", "period"),
    [
        # probe round 6 (a district Liên đoàn Lao động plan that states no period): one
        # row's range is when that activity runs, not the plan's period
        (
            "III. CÁC HOẠT ĐỘNG\n\nLịch tổ chức các hoạt động (nội dung, thời gian, địa điểm, đơn vị thực hiện):\n\n"
            "| Gặp mặt, tặng quà đoàn viên công đoàn có hoàn cảnh khó khăn | 9 giờ 00 ngày 28/4/2017 | Hội trường |\n"
            "|---|---|---|\n"
            "| Tổ chức giải bóng đá nam công nhân lao động mở rộng | Từ ngày 06/5 đến ngày 14/5/2017 | Sân vận động huyện |\n"
            "| Tuyên truyền an toàn, vệ sinh lao động tại các doanh nghiệp | Tháng 5/2017 | Khu công nghiệp |\n\n"
            "IV. TỔ CHỨC THỰC HIỆN\n",
            (None, None),
        ),
        # written (a phường plan): the period stated in the text is kept; the row's is not it
        (
            "II. THỜI GIAN\nTừ ngày 01/11 đến ngày 30/11/2020.\nIII. NỘI DUNG\n"
            "| STT | Nội dung | Thời gian |\n|---|---|---|\n"
            "| 1 | Treo băng rôn, khẩu hiệu tại các tuyến đường | Từ ngày 05/11 đến ngày 20/11/2020 |\n",
            ("2020-11-01", "2020-11-30"),
        ),
    ],
)
def test_a_table_rows_range_is_not_the_plans_period(text, period):
    from pipeline.normalize import normalize

    p = fs.extract_period(Doc(text=normalize(text), seg=Segmentation()))
    assert (p.start, p.end) == period
