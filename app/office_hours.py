"""Office hours and the daily cut-off, read from settings (used by every deadline)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from app import settings
from app.errors import DomainError
from app.i18n import _
from app.l10n import format_time


@dataclass(frozen=True)
class OfficeHours:
    morning: tuple[dt.time, dt.time] = (dt.time(7, 30), dt.time(11, 30))
    afternoon: tuple[dt.time, dt.time] = (dt.time(13, 30), dt.time(17, 0))
    cutoff: dt.time = dt.time(15, 0)

    @property
    def opening(self) -> dt.time:
        return self.morning[0]

    @property
    def closing(self) -> dt.time:
        return self.afternoon[1]

    def clamp(self, t: dt.time) -> dt.time:
        """Put a clock time into office hours (see the module docstring)."""
        if t < self.opening:
            return self.opening
        if self.morning[1] < t < self.afternoon[0]:
            return self.afternoon[0]
        if t > self.closing:
            return self.closing
        return t

    def describe(self) -> str:
        (a, b), (c, d) = self.morning, self.afternoon
        return _("buổi sáng từ {morning_start} đến {morning_end}, buổi chiều từ {afternoon_start} "
                 "đến {afternoon_end}").format(
            morning_start=format_time(a), morning_end=format_time(b),
            afternoon_start=format_time(c), afternoon_end=format_time(d))


def _parse_clock(text: str, label: str) -> dt.time:
    m = re.fullmatch(r"\s*(\d{1,2})[:hg](\d{2})\s*", text or "")
    if not m or int(m.group(1)) > 23 or int(m.group(2)) > 59:
        raise DomainError(_("Cài đặt {label} “{value}” không hợp lệ (ví dụ đúng: 07:30).").format(
            label=label, value=text))
    return dt.time(int(m.group(1)), int(m.group(2)))


def _parse_span(text: str, label: str) -> tuple[dt.time, dt.time]:
    parts = (text or "").split("-")
    if len(parts) != 2:
        raise DomainError(_("Cài đặt {label} “{value}” không hợp lệ (ví dụ đúng: 07:30-11:30).")
                          .format(label=label, value=text))
    start, end = (_parse_clock(p, label) for p in parts)
    if start >= end:
        raise DomainError(_("Cài đặt {label} “{value}”: giờ bắt đầu phải trước giờ kết thúc.").format(
            label=label, value=text))
    return start, end


def office_hours(session: Any) -> OfficeHours:
    """Office sessions and the cut-off time from settings."""
    morning = _parse_span(settings.get(session, "office_morning"), _("giờ làm việc buổi sáng"))
    afternoon = _parse_span(settings.get(session, "office_afternoon"), _("giờ làm việc buổi chiều"))
    if morning[1] > afternoon[0]:
        raise DomainError(_("Cài đặt giờ làm việc: buổi sáng phải kết thúc trước buổi chiều."))
    cutoff = _parse_clock(settings.get(session, "cutoff_time"), _("giờ chốt nhận hồ sơ"))
    return OfficeHours(morning, afternoon, cutoff)
