"""Office hours and the daily cut-off, read from settings (used by every deadline)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from app import settings
from app.errors import DomainError
from app.i18n import _
from app.l10n import format_time
from app.validators import parse_clock, parse_span


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


def office_hours(session: Any) -> OfficeHours:
    """Office sessions and the cut-off time from settings."""
    morning = parse_span(settings.get(session, "office_morning"), _("giờ làm việc buổi sáng"))
    afternoon = parse_span(settings.get(session, "office_afternoon"), _("giờ làm việc buổi chiều"))
    if morning[1] > afternoon[0]:
        raise DomainError(_("Cài đặt giờ làm việc: buổi sáng phải kết thúc trước buổi chiều."))
    cutoff = parse_clock(settings.get(session, "cutoff_time"), _("giờ chốt nhận hồ sơ"))
    return OfficeHours(morning, afternoon, cutoff)
