"""Working days and deadlines: the one place every due date of the office is computed.

Rules (reference/documents.md §5; holidays: Bộ luật Lao động 2019, Điều 112):
- A working day is Monday–Friday unless the holiday table marks it a day off, or any day the
  table marks a make-up working day (a Saturday or Sunday worked in exchange for a day off).
- The day of receipt is not counted. A filing on a non-working day, or (where the procedure
  uses the cut-off) after the cut-off time, is treated as received at the start of the next
  working day (office opening time).
- Working days: the N-th working day after the start day, at the clock time of receipt put
  into office hours: before opening → opening time; in the lunch break → the afternoon
  opening (the office is closed, the result is handed over when it reopens); after closing →
  closing time of that day (the citizen can still come before the office closes).
- Same day: closing time of the day of receipt; a filing at or after closing time (or after
  the cut-off where it applies) is due at closing time of the next working day.
- Working hours: N hours of office time from the moment of receipt, skipping nights, the
  lunch break and non-working days; a filing outside office hours starts at the next opening.
- Calendar days: N calendar days after the start day, at the clock time of receipt put into
  office hours; a deadline falling on a non-working day moves to the next working day.
Times are Vietnam wall-clock time (UTC+7); an aware datetime is converted, results are naive.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from app import calendar as holiday_calendar
from app.context import AppContext
from app.errors import DomainError
from app.i18n import _
from app.l10n import format_date, format_time, weekday_name
from app.office_hours import OfficeHours, office_hours
from db.models import DayKind, TimeUnit

VN_TZ = dt.timezone(dt.timedelta(hours=7))

MAX_VALUE = 1000
_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class DueResult:
    """A computed deadline and how it was reached.

    start: the moment counting starts from (receipt, or the next opening when shifted);
    start_day: its date, the day 0 that is not counted (for working hours: the first day
    whose office time is used); counted: the working days counted (calendar days for the
    calendar-days unit, days with office time used for working hours); skipped: every
    non-working day passed over without being counted, with its reason.
    """

    received: dt.datetime
    value: int
    unit: TimeUnit
    cutoff: bool
    start: dt.datetime
    start_day: dt.date
    due: dt.datetime
    counted: list[dt.date] = field(default_factory=list)
    skipped: list[tuple[dt.date, str]] = field(default_factory=list)
    explanation: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        iso = {k: getattr(self, k).isoformat() for k in ("received", "start", "start_day", "due")}
        return {
            **iso, "value": self.value, "unit": self.unit.value, "cutoff": self.cutoff,
            "counted": [d.isoformat() for d in self.counted],
            "skipped": [{"date": d.isoformat(), "reason": r} for d, r in self.skipped],
            "explanation": list(self.explanation),
        }


class WorkCalendar:
    """Which days are worked. Years outside those loaded are fetched through `loader`."""

    def __init__(self, off: Mapping[dt.date, str] | None = None,
                 work: Mapping[dt.date, str] | None = None, *, years: Iterable[int] | None = None,
                 hours: OfficeHours | None = None,
                 loader: Callable[[int], Iterable[holiday_calendar.DayInfo]] | None = None) -> None:
        self.off: dict[dt.date, str] = dict(off or {})
        self.work: dict[dt.date, str] = dict(work or {})
        self.hours = hours or OfficeHours()
        self._years: set[int] | None = set(years) if years is not None else None
        self._loader = loader

    def _know(self, day: dt.date) -> None:
        if self._years is None or day.year in self._years:
            return
        if self._loader is None:
            raise DomainError(_("Chưa có lịch ngày nghỉ của năm {year}.").format(year=day.year))
        for info in self._loader(day.year):
            target = self.work if info.kind == DayKind.WORK else self.off
            target.setdefault(info.date, info.name)
        self._years.add(day.year)

    def is_working_day(self, day: dt.date) -> bool:
        self._know(day)
        if day in self.work:
            return True
        return day.weekday() < 5 and day not in self.off

    def reason(self, day: dt.date) -> str | None:
        """Why `day` is not worked ('Thứ Bảy – nghỉ cuối tuần', a holiday's name); None if worked."""
        if self.is_working_day(day):
            return None
        weekend = (_("{weekday} – nghỉ cuối tuần").format(weekday=weekday_name(day))
                   if day.weekday() >= 5 else "")
        name = self.off.get(day, "")
        return "; ".join(p for p in (weekend, name) if p)

    def short_reason(self, day: dt.date) -> str:
        """The reason as said after the date: 'nghỉ cuối tuần', 'Tết Nguyên Đán'."""
        name = self.off.get(day)
        if name and day.weekday() >= 5:
            return _("{name}, trùng ngày nghỉ cuối tuần").format(name=name)
        return name or _("nghỉ cuối tuần")

    def _next(self, day: dt.date, skipped: list[tuple[dt.date, str]] | None = None) -> dt.date:
        day += _DAY
        while not self.is_working_day(day):
            if skipped is not None:
                skipped.append((day, self.reason(day) or ""))
            day += _DAY
        return day

    def next_working_day(self, day: dt.date) -> dt.date:
        """The first working day strictly after `day`."""
        return self._next(day)

    def add_working_days(self, day: dt.date, n: int) -> dt.date:
        """The n-th working day after `day` (`day` itself not counted); n < 0 goes back."""
        step = _DAY if n >= 0 else -_DAY
        for _step in range(abs(n)):
            day += step
            while not self.is_working_day(day):
                day += step
        return day

    def working_days_between(self, a: dt.date, b: dt.date) -> int:
        """Working days after `a` up to and including `b`; negative when `b` is before `a`."""
        if b < a:
            return -self.working_days_between(b, a)
        count, day = 0, a + _DAY
        while day <= b:
            count += self.is_working_day(day)
            day += _DAY
        return count

    # -- deadlines -------------------------------------------------------------------------

    def due(self, received: dt.datetime, value: int, unit: TimeUnit | str,
            cutoff: bool = False) -> DueResult:
        """The deadline of a dossier received at `received` (see the module docstring)."""
        unit = _check(received, value, unit)
        if received.tzinfo is not None:
            received = received.astimezone(VN_TZ).replace(tzinfo=None)
        received = received.replace(microsecond=0)
        skipped: list[tuple[dt.date, str]] = []
        lines = [_("Hồ sơ được tiếp nhận lúc {time}, {date}.").format(
            time=format_time(received), date=format_date(received.date()))]
        # deadlines are kept to the minute, as the desk clock and the slip show them
        start = self._start(received.replace(second=0), cutoff, skipped, lines)
        compute = {
            TimeUnit.SAME_DAY: self._same_day,
            TimeUnit.WORKING_DAYS: self._working_days,
            TimeUnit.WORKING_HOURS: self._working_hours,
            TimeUnit.CALENDAR_DAYS: self._calendar_days,
        }[unit]
        start, due, counted = compute(start, value, cutoff, skipped, lines)
        _list_skipped(self, skipped, lines, calendar=unit == TimeUnit.CALENDAR_DAYS)
        _list_counted(counted, unit, lines)
        lines.append(_("Hẹn trả kết quả: {time}, {date}.").format(
            time=format_time(due), date=format_date(due.date())))
        return DueResult(received, value, unit, cutoff, start, start.date(), due,
                         counted, skipped, lines)

    def _start(self, received: dt.datetime, cutoff: bool, skipped: list, lines: list[str]
               ) -> dt.datetime:
        day = received.date()
        if not self.is_working_day(day):
            skipped.append((day, self.reason(day) or ""))
            nxt = self._next(day, skipped)
            lines.append(_("Ngày nộp là ngày nghỉ ({reason}) nên hồ sơ được tính là nhận vào đầu "
                           "ngày làm việc tiếp theo: {time}, {date}.").format(
                reason=self.short_reason(day), time=format_time(self.hours.opening),
                date=format_date(nxt)))
            return dt.datetime.combine(nxt, self.hours.opening)
        if cutoff and received.time() > self.hours.cutoff:
            nxt = self._next(day, skipped)
            lines.append(_("Hồ sơ nộp sau {cutoff} nên được tính là nhận vào đầu ngày làm việc "
                           "tiếp theo: {time}, {date}.").format(
                cutoff=format_time(self.hours.cutoff), time=format_time(self.hours.opening),
                date=format_date(nxt)))
            return dt.datetime.combine(nxt, self.hours.opening)
        return received

    def _same_day(self, start, value, cutoff, skipped, lines):
        day = start.date()
        closing = self.hours.closing
        rule = _("Thủ tục giải quyết trong ngày: trả kết quả trước {time} cùng ngày").format(
            time=format_time(closing))
        if cutoff:
            rule += _("; hồ sơ nộp sau {time} được trả trong ngày làm việc tiếp theo").format(
                time=format_time(self.hours.cutoff))
        lines.append(rule + ".")
        if start.time() >= closing:
            day = self._next(day, skipped)
            lines.append(_("Hồ sơ nộp khi đã hết giờ làm việc nên hẹn trả trong ngày làm việc "
                           "tiếp theo."))
        return start, dt.datetime.combine(day, closing), [day]

    def _working_days(self, start, value, cutoff, skipped, lines):
        lines.append(_("Thời hạn giải quyết là {value} ngày làm việc, tính từ ngày làm việc sau "
                       "ngày tiếp nhận; không tính Thứ Bảy, Chủ nhật và ngày nghỉ lễ, Tết.")
                     .format(value=value))
        day, counted = start.date(), []
        while len(counted) < value:
            day = self._next(day, skipped)
            counted.append(day)
        due = dt.datetime.combine(day, self.hours.clamp(start.time()))
        _note_clamp(start, due, lines)
        return start, due, counted

    def _calendar_days(self, start, value, cutoff, skipped, lines):
        lines.append(_("Thời hạn giải quyết là {value} ngày theo lịch (tính cả ngày nghỉ), bắt "
                       "đầu từ ngày sau ngày tiếp nhận; nếu ngày cuối cùng là ngày nghỉ thì hạn "
                       "chuyển sang ngày làm việc tiếp theo.").format(value=value))
        counted = [start.date() + _DAY * i for i in range(1, value + 1)]
        day = counted[-1]
        if not self.is_working_day(day):
            lines.append(_("Ngày thứ {value} là {date}, ngày nghỉ ({reason}), nên hạn chuyển "
                           "sang ngày làm việc tiếp theo.").format(
                value=value, date=format_date(day), reason=self.short_reason(day)))
            day = self._next(day, skipped)  # the last day itself was counted, not skipped
        due = dt.datetime.combine(day, self.hours.clamp(start.time()))
        _note_clamp(start, due, lines)
        return start, due, counted

    def _working_hours(self, start, value, cutoff, skipped, lines):
        h = self.hours
        lines.append(_("Thời hạn giải quyết là {value} giờ làm việc, chỉ tính trong giờ hành "
                       "chính ({hours}).").format(value=value, hours=h.describe()))
        cur, t = start, start.time()
        if t < h.opening:
            cur = dt.datetime.combine(cur.date(), h.opening)
        elif h.morning[1] < t < h.afternoon[0]:
            cur = dt.datetime.combine(cur.date(), h.afternoon[0])
        elif t >= h.closing:
            cur = dt.datetime.combine(self._next(cur.date(), skipped), h.opening)
        if cur != start:
            lines.append(_("Hồ sơ nộp ngoài giờ làm việc nên bắt đầu tính từ {time}, {date}.")
                         .format(time=format_time(cur), date=format_date(cur.date())))
        first, remaining, counted, day = cur, dt.timedelta(hours=value), [], cur.date()
        while True:
            for a, b in (h.morning, h.afternoon):
                begin = max(dt.datetime.combine(day, a), cur)
                end = dt.datetime.combine(day, b)
                if end <= begin:
                    continue
                if day not in counted:
                    counted.append(day)
                if remaining <= end - begin:
                    return first, begin + remaining, counted
                remaining -= end - begin
            day = self._next(day, skipped)
            cur = dt.datetime.combine(day, h.opening)


def _check(received: Any, value: Any, unit: TimeUnit | str) -> TimeUnit:
    try:
        unit = TimeUnit(unit)
    except ValueError:
        raise DomainError(_("Đơn vị thời hạn “{unit}” không hợp lệ.").format(unit=unit)) from None
    if unit == TimeUnit.UNKNOWN:
        raise DomainError(_("Thủ tục này chưa được cấu hình thời hạn giải quyết theo quy định, "
                            "nên chưa thể tính ngày hẹn trả kết quả. Vui lòng cập nhật danh mục "
                            "thủ tục hành chính."))
    if not isinstance(received, dt.datetime):
        raise DomainError(_("Vui lòng nhập ngày giờ tiếp nhận hồ sơ."))
    if unit != TimeUnit.SAME_DAY:
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise DomainError(_("Thời hạn giải quyết phải là số nguyên dương."))
        if value > MAX_VALUE:
            raise DomainError(_("Thời hạn giải quyết quá dài (tối đa {max_value}).").format(
                max_value=MAX_VALUE))
    return unit


def _note_clamp(start: dt.datetime, due: dt.datetime, lines: list[str]) -> None:
    if due.time() != start.time():
        lines.append(_("Giờ tiếp nhận nằm ngoài giờ làm việc nên giờ hẹn được đưa về {time}.")
                     .format(time=format_time(due)))


def _list_skipped(cal: WorkCalendar, skipped: list, lines: list[str], *, calendar: bool) -> None:
    if not skipped:
        return
    lines.append(_("Các ngày nghỉ được bỏ qua:") if calendar else _("Các ngày nghỉ không tính:"))
    lines.extend(f"– {format_date(d)}: {cal.short_reason(d)}" for d, _reason in skipped)


def _list_counted(counted: list[dt.date], unit: TimeUnit, lines: list[str]) -> None:
    if unit == TimeUnit.SAME_DAY or not counted:
        return
    label = {
        TimeUnit.WORKING_DAYS: _("Các ngày làm việc được tính"),
        TimeUnit.CALENDAR_DAYS: _("Các ngày được tính"),
        TimeUnit.WORKING_HOURS: _("Các ngày có giờ làm việc được tính"),
    }[unit]
    if len(counted) <= 10:
        lines.append(_("{label}: {days}.").format(
            label=label, days="; ".join(format_date(d) for d in counted)))
    else:
        lines.append(_("{label}: {count} ngày, từ {first} đến {last}.").format(
            label=label, count=len(counted), first=format_date(counted[0]),
            last=format_date(counted[-1])))


# -- building from the database -----------------------------------------------------------


def _year_loader(ctx: AppContext) -> Callable[[int], list[holiday_calendar.DayInfo]]:
    def load(year: int) -> list[holiday_calendar.DayInfo]:
        holiday_calendar.ensure_years(ctx, [year])
        return holiday_calendar.read_days(ctx, dt.date(year, 1, 1), dt.date(year, 12, 31))

    return load


def load_calendar(ctx: AppContext, start_year: int, end_year: int | None = None) -> WorkCalendar:
    """The working calendar from the database, seeding the years first; later years load lazily."""
    end_year = start_year if end_year is None else end_year
    if end_year < start_year:
        start_year, end_year = end_year, start_year
    years = range(start_year, end_year + 1)
    holiday_calendar.ensure_years(ctx, years)
    rows = holiday_calendar.read_days(ctx, dt.date(start_year, 1, 1), dt.date(end_year, 12, 31))
    with ctx.read() as s:
        hours = office_hours(s)
    off = {r.date: r.name for r in rows if r.kind == DayKind.OFF}
    work = {r.date: r.name for r in rows if r.kind == DayKind.WORK}
    return WorkCalendar(off, work, years=years, hours=hours, loader=_year_loader(ctx))


def compute_due(ctx: AppContext, received: dt.datetime, value: int, unit: TimeUnit | str,
                cutoff: bool = False) -> DueResult:
    """Load the calendar around `received` and compute its deadline."""
    if not isinstance(received, dt.datetime):
        raise DomainError(_("Vui lòng nhập ngày giờ tiếp nhận hồ sơ."))
    last = min(received.year + 1, holiday_calendar.MAX_YEAR)
    calendar = load_calendar(ctx, received.year, last)
    return calendar.due(received, value, unit, cutoff)
