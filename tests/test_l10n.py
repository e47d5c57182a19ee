"""Vietnamese numbers, money, dates and times (app.l10n)."""

import datetime as dt
import re

import pytest

from app import l10n
from app.l10n import number_in_words

WORDS = {
    0: "không",
    5: "năm",
    10: "mười",
    11: "mười một",
    14: "mười bốn",
    15: "mười lăm",
    20: "hai mươi",
    21: "hai mươi mốt",
    24: "hai mươi bốn",
    25: "hai mươi lăm",
    55: "năm mươi lăm",
    100: "một trăm",
    101: "một trăm linh một",
    105: "một trăm linh năm",
    110: "một trăm mười",
    111: "một trăm mười một",
    115: "một trăm mười lăm",
    121: "một trăm hai mươi mốt",
    1_000: "một nghìn",
    1_005: "một nghìn không trăm linh năm",
    1_010: "một nghìn không trăm mười",
    1_021: "một nghìn không trăm hai mươi mốt",
    1_348: "một nghìn ba trăm bốn mươi tám",
    10_000: "mười nghìn",
    20_000: "hai mươi nghìn",
    105_000: "một trăm linh năm nghìn",
    1_000_000: "một triệu",
    1_000_005: "một triệu không trăm linh năm",
    1_050_000: "một triệu không trăm năm mươi nghìn",
    1_250_000: "một triệu hai trăm năm mươi nghìn",
    15_000_000: "mười lăm triệu",
    1_000_000_000: "một tỷ",
    2_000_000_005: "hai tỷ không trăm linh năm",
    2_001_000_000: "hai tỷ không trăm linh một triệu",
    1_000_000_000_000: "một nghìn tỷ",
}


@pytest.mark.parametrize(("n", "words"), sorted(WORDS.items()))
def test_number_in_words(n, words):
    assert number_in_words(n) == words


def test_southern_odd_word_and_negative():
    assert number_in_words(105, odd="lẻ") == "một trăm lẻ năm"
    assert number_in_words(-21) == "âm hai mươi mốt"


def test_number_words_follow_the_spelling_rules_everywhere():
    wrong = re.compile(r"mươi một\b|mười năm\b|mươi năm\b|linh lăm|linh mốt|mười mốt|^một mươi"
                       r"|không trăm không|  |^ | $")
    for n in [*range(0, 2100), *range(10_000, 10_200), 1_000_001, 21_000_021, 999_999_999]:
        words = number_in_words(n)
        assert not wrong.search(words), (n, words)


def test_money_and_numbers():
    assert l10n.format_money(20000) == "20.000 đồng"
    assert l10n.format_money(0) == "0 đồng"
    assert l10n.money_in_words(20000) == "Hai mươi nghìn đồng"
    assert l10n.money_in_words(1_250_000) == "Một triệu hai trăm năm mươi nghìn đồng"
    assert l10n.format_number(706.48) == "706,48"
    assert l10n.format_number(1348) == "1.348"
    assert l10n.format_number(4906) == "4.906"
    assert l10n.format_number(2.5, decimals=2) == "2,50"


@pytest.mark.parametrize(("day", "text"), [
    (dt.date(2023, 11, 5), "ngày 05 tháng 11 năm 2023"),
    (dt.date(2020, 1, 5), "ngày 05 tháng 01 năm 2020"),
    (dt.date(2024, 2, 29), "ngày 29 tháng 02 năm 2024"),
    (dt.date(2019, 6, 29), "ngày 29 tháng 6 năm 2019"),
    (dt.date(2023, 3, 1), "ngày 01 tháng 3 năm 2023"),
    (dt.date(2023, 12, 31), "ngày 31 tháng 12 năm 2023"),
])
def test_long_dates_follow_decree_30(day, text):
    assert l10n.long_date(day) == text


def test_place_date_and_times():
    assert l10n.place_date("Quang Trung", dt.date(2023, 11, 5)) == \
        "Quang Trung, ngày 05 tháng 11 năm 2023"
    assert l10n.format_time(dt.time(14, 30)) == "14 giờ 30 phút"
    assert l10n.format_time(dt.datetime(2026, 2, 13, 7, 5)) == "07 giờ 05 phút"
    assert l10n.time_and_long_date(dt.datetime(2023, 11, 5, 14, 30)) == \
        "14 giờ 30 phút, ngày 05 tháng 11 năm 2023"
    assert l10n.short_date(dt.date(2026, 2, 3)) == "03/02/2026"


def test_weekday_dates_and_clock_times_as_an_office_says_them():
    day = dt.date(2026, 2, 13)
    assert l10n.format_date(day) == "Thứ Sáu, 13/02/2026"
    assert l10n.weekday_name(dt.date(2026, 2, 15)) == "Chủ nhật"
    assert l10n.format_time(dt.time(10, 0)) == "10 giờ 00 phút"
    assert l10n.format_datetime(dt.datetime(2026, 2, 13, 10, 0)) == \
        "10 giờ 00 phút, Thứ Sáu, 13/02/2026"
    assert l10n.WEEKDAYS[0] == "Thứ Hai"


def test_today_is_vietnam_wall_clock():
    now_vn = dt.datetime.now(dt.timezone(dt.timedelta(hours=7))).date()
    assert l10n.today() in {now_vn, now_vn - dt.timedelta(days=1)}  # midnight race
