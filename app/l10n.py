"""Numbers, money, dates and times written the Vietnamese way, for screens and paper.

- Dates on official papers (Nghị định 30/2020, Phụ lục I): "Quang Trung, ngày 05 tháng 11
  năm 2023"; the day takes a leading zero below 10, the month only for January and February
  ("ngày 05 tháng 01 năm 2020", "ngày 29 tháng 6 năm 2019").
- Numbers through Babel's `vi` locale: "706,48", "1.348"; money in whole đồng: "20.000 đồng",
  and in words: "Hai mươi nghìn đồng".
- Clock times: "14 giờ 30 phút" (two digits each, as the one-stop forms write them).

The fixed words go through gettext (`_`), so a catalog can refine them; the spelling of
numbers in words is Vietnamese grammar and is not translated.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from babel.numbers import format_decimal

from app.i18n import N_
from app.i18n import paper_text as _  # Vietnamese conventions: used on official papers

LOCALE = "vi"
VN_TZ = dt.timezone(dt.timedelta(hours=7))  # Vietnam: UTC+7 all year, no daylight saving

# Monday = 0, as in date.weekday()
WEEKDAYS = (N_("Thứ Hai"), N_("Thứ Ba"), N_("Thứ Tư"), N_("Thứ Năm"), N_("Thứ Sáu"),
            N_("Thứ Bảy"), N_("Chủ nhật"))


def today() -> dt.date:
    """Today's date on the office's wall clock (UTC+7), whatever the computer's time zone."""
    return dt.datetime.now(VN_TZ).date()


# ---- numbers ------------------------------------------------------------------------------

def format_number(value: int | float | Decimal, decimals: int | None = None) -> str:
    """'1.348', '706,48' (Babel, locale vi); `decimals` fixes the number of decimals."""
    if decimals is not None:
        pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
        return format_decimal(value, format=pattern, locale=LOCALE)
    return format_decimal(value, locale=LOCALE)


def format_money(amount: int) -> str:
    """Whole đồng: '20.000 đồng'."""
    return _("{amount} đồng").format(amount=format_number(int(amount), 0))


_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_GROUPS = ("", "nghìn", "triệu")  # then "tỷ", which repeats: nghìn tỷ, triệu tỷ, tỷ tỷ
_BILLION = 1_000_000_000


def _three(n: int, full: bool, odd: str) -> list[str]:
    """Words of 0 < n < 1000; `full` reads a zero hundreds digit ('không trăm linh năm')."""
    hundreds, tens, units = n // 100, n // 10 % 10, n % 10
    words: list[str] = []
    if hundreds or full:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units:
            words += [odd, _DIGITS[units]] if words else [_DIGITS[units]]
    elif tens == 1:
        words.append("mười")
        if units:
            words.append("lăm" if units == 5 else _DIGITS[units])
    else:
        words += [_DIGITS[tens], "mươi"]
        if units == 1:
            words.append("mốt")
        elif units == 5:
            words.append("lăm")
        elif units:
            words.append(_DIGITS[units])
    return words


def _below_billion(n: int, full: bool, odd: str) -> list[str]:
    groups = [n // 1_000_000, n // 1000 % 1000, n % 1000]
    words: list[str] = []
    for i, group in enumerate(groups):
        if group == 0:
            continue
        words += _three(group, full or bool(words), odd)
        if _GROUPS[2 - i]:
            words.append(_GROUPS[2 - i])
    return words


def _words(n: int, full: bool, odd: str) -> list[str]:
    if n >= _BILLION:
        high, low = divmod(n, _BILLION)
        words = [*_words(high, full, odd), "tỷ"]
        return words + (_below_billion(low, True, odd) if low else [])
    return _below_billion(n, full, odd)


def number_in_words(n: int, *, odd: str = "linh") -> str:
    """Vietnamese words of a whole number, lower case.

    1.005 → 'một nghìn không trăm linh năm', 21 → 'hai mươi mốt', 15 → 'mười lăm',
    2.000.000.005 → 'hai tỷ không trăm linh năm'. `odd` is the word for a zero tens digit
    after the hundreds: 'linh' (the written standard, northern) or 'lẻ' (southern usage).
    """
    n = int(n)
    if n < 0:
        return "âm " + number_in_words(-n, odd=odd)
    if n == 0:
        return _DIGITS[0]
    return " ".join(_words(n, False, odd))


def money_in_words(amount: int) -> str:
    """'Hai mươi nghìn đồng' (capitalised, as forms write 'Bằng chữ: …')."""
    text = _("{words} đồng").format(words=number_in_words(amount))
    return text[:1].upper() + text[1:]


# ---- dates and times ----------------------------------------------------------------------

def weekday_name(day: dt.date) -> str:
    """'Thứ Sáu' for a Friday, 'Chủ nhật' for a Sunday."""
    return _(WEEKDAYS[day.weekday()])


def day_month_year(day: dt.date) -> tuple[str, str, str]:
    """The three numbers as Nghị định 30/2020 writes them: ('05', '11', '2023'), ('29', '6',
    '2019'), ('05', '01', '2020')."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{day.day:02d}", month, str(day.year)


def long_date(day: dt.date) -> str:
    """'ngày 05 tháng 11 năm 2023'."""
    d, m, y = day_month_year(day)
    return _("ngày {day} tháng {month} năm {year}").format(day=d, month=m, year=y)


def place_date(place: str, day: dt.date) -> str:
    """'Quang Trung, ngày 05 tháng 11 năm 2023': the place-and-date line of a paper."""
    return _("{place}, {date}").format(place=place, date=long_date(day))


def short_date(day: dt.date) -> str:
    """'13/02/2026'."""
    return f"{day:%d/%m/%Y}"


def short_moment(moment: dt.datetime | None) -> str:
    """'08:30 05/11/2025': short enough for a table cell; "" for no moment."""
    return f"{moment:%H:%M %d/%m/%Y}" if moment else ""


def format_date(day: dt.date) -> str:
    """'Thứ Sáu, 13/02/2026'."""
    return _("{weekday}, {date}").format(weekday=weekday_name(day), date=short_date(day))


def format_time(moment: dt.time | dt.datetime) -> str:
    """'14 giờ 30 phút', '07 giờ 05 phút'."""
    return _("{hour} giờ {minute} phút").format(hour=f"{moment.hour:02d}",
                                                minute=f"{moment.minute:02d}")


def format_datetime(moment: dt.datetime) -> str:
    """'10 giờ 00 phút, Thứ Sáu, 13/02/2026'."""
    return _("{time}, {date}").format(time=format_time(moment), date=format_date(moment.date()))


def time_and_long_date(moment: dt.datetime) -> str:
    """'14 giờ 30 phút, ngày 05 tháng 11 năm 2023' (received at / due at on the slips)."""
    return _("{time}, {date}").format(time=format_time(moment), date=long_date(moment.date()))
