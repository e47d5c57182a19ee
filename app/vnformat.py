"""Dates and times written the way a Vietnamese office says them: "Thứ Sáu, 13/02/2026"."""

from __future__ import annotations

import datetime as dt

# Monday = 0, as in date.weekday()
WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")


def weekday_name(day: dt.date) -> str:
    """'Thứ Sáu' for a Friday, 'Chủ nhật' for a Sunday."""
    return WEEKDAYS[day.weekday()]


def format_date(day: dt.date) -> str:
    """'Thứ Sáu, 13/02/2026'."""
    return f"{weekday_name(day)}, {day:%d/%m/%Y}"


def format_time(moment: dt.time | dt.datetime) -> str:
    """'10 giờ 00 phút'."""
    return f"{moment.hour:02d} giờ {moment.minute:02d} phút"


def format_datetime(moment: dt.datetime) -> str:
    """'10 giờ 00 phút, Thứ Sáu, 13/02/2026'."""
    return f"{format_time(moment)}, {format_date(moment.date())}"

