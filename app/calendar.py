"""The holiday calendar: days off and make-up working days, seeded from `holidays`, edited by admin.

Only days that differ from the usual week are stored: a day off (lễ, Tết, nghỉ bù, a weekday
given off by a swap) or a make-up working day (a Saturday or Sunday worked in exchange).
A year is seeded from the `holidays` package once, the first time any service needs it; the
year is then recorded in `calendar_years`, so the office's later edits are never overwritten.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass

import holidays
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from app import audit
from app.auth import SYSTEM, Permission
from app.context import AppContext
from app.errors import DomainError, NotFound
from app.i18n import _
from app.l10n import weekday_name
from app.labels import label
from app.text import nfc
from db.models import CalendarDay, CalendarYear, DayKind, DaySource

# the range the `holidays` package computes lunar holidays for
MIN_YEAR = 1901
MAX_YEAR = 2100
NAME_MAX = 200

# "Ngày nghỉ (thay cho ngày 26/04/2025)": a weekday off in exchange for a weekend day worked
_SWAP = re.compile(r"thay cho ngày (\d{1,2})/(\d{1,2})/(\d{4})")

# marked with N_, translated with _() where shown

@dataclass(frozen=True)
class DayInfo:
    """One row of the holiday table, as plain data for the UI."""

    date: dt.date
    kind: DayKind
    name: str
    source: str  # a DaySource value


def _info(row: CalendarDay) -> DayInfo:
    return DayInfo(date=row.day, kind=DayKind(row.kind), name=row.name, source=row.source)


def check_year(year: int) -> int:
    if not isinstance(year, int) or not MIN_YEAR <= year <= MAX_YEAR:
        raise DomainError(
            _("Năm {year} nằm ngoài phạm vi lịch nghỉ được hỗ trợ (từ {low} đến {high}).").format(
                year=year, low=MIN_YEAR, high=MAX_YEAR)
        )
    return year


def makeup_name(swapped_off: dt.date) -> str:
    return f"Làm bù cho ngày nghỉ {swapped_off:%d/%m/%Y}"


def package_days(year: int) -> list[tuple[dt.date, DayKind, str]]:
    """The days off of `year` from the `holidays` package, plus the make-up days of its swaps."""
    found = holidays.country_holidays("VN", years=year, language="vi")
    days: list[tuple[dt.date, DayKind, str]] = []
    for day, name in sorted(found.items()):
        days.append((day, DayKind.OFF, nfc(name)))
        match = _SWAP.search(nfc(name))
        if match:
            d, m, y = (int(g) for g in match.groups())
            try:
                worked = dt.date(y, m, d)
            except ValueError:
                continue
            days.append((worked, DayKind.WORK, makeup_name(day)))
    return days


def seed_year(session: Session, year: int) -> int:
    """Seed `year` from the package unless it was seeded before. Returns the days added.

    A date already in the table (entered by the office, or a make-up day that belongs to a
    neighbouring year's swap) is left as it is.
    """
    check_year(year)
    if session.get(CalendarYear, year) is not None:
        return 0
    wanted = package_days(year)
    dates = [d for d, _, _ in wanted]
    existing = set(session.scalars(select(CalendarDay.day).where(CalendarDay.day.in_(dates))))
    added = 0
    for day, kind, name in wanted:
        if day in existing:
            continue
        existing.add(day)
        session.add(CalendarDay(day=day, kind=kind, name=name[:NAME_MAX], source=DaySource.PACKAGE.value))
        added += 1
    session.add(CalendarYear(year=year))
    session.flush()
    return added


def _seeded_years(session: Session, years: set[int]) -> set[int]:
    stmt = select(CalendarYear.year).where(CalendarYear.year.in_(years))
    return set(session.scalars(stmt))


def _ensure_in(session: Session, years: set[int]) -> list[int]:
    missing = sorted(years - _seeded_years(session, years))
    for year in missing:
        added = seed_year(session, year)
        # public data filled in by the program, whoever's screen happened to need the year
        audit.record(session, SYSTEM, "seed", "calendar_year", year, {"days": [None, added]})
    return missing


def ensure_years(ctx: AppContext, years: Iterable[int]) -> list[int]:
    """Seed every year of `years` not seeded yet, in one transaction. Returns the years seeded.

    Seeding is the system filling in public data, so it needs no permission; it is still
    written to the audit log (action "seed", by the system account).
    """
    wanted = {check_year(y) for y in years}
    if not wanted:
        return []
    with ctx.read() as s:
        if _seeded_years(s, wanted) == wanted:
            return []
    for attempt in range(3):
        try:
            with ctx.write() as s:
                return _ensure_in(s, wanted)
        except (IntegrityError, OperationalError):
            # another desk seeded the same year at the same moment: its rows are as good
            if attempt == 2:
                raise
            time.sleep(0.05)
    return []


def list_days(ctx: AppContext, year: int) -> list[DayInfo]:
    """The days off and make-up days of `year`, in date order (seeding the year if needed)."""
    ensure_years(ctx, [year])
    stmt = (
        select(CalendarDay)
        .where(CalendarDay.day >= dt.date(year, 1, 1), CalendarDay.day <= dt.date(year, 12, 31))
        .order_by(CalendarDay.day)
    )
    with ctx.read() as s:
        return [_info(r) for r in s.scalars(stmt)]


def _clean_name(name: str | None) -> str:
    text = nfc(name)
    if not text:
        raise DomainError(_("Vui lòng nhập tên ngày nghỉ hoặc lý do làm bù."), field="name")
    if len(text) > NAME_MAX:
        raise DomainError(_("Tên ngày quá dài (tối đa {max_len} ký tự).").format(max_len=NAME_MAX),
                          field="name")
    return text


def _check_kind_fits(day: dt.date, kind: DayKind) -> None:
    weekend = day.weekday() >= 5
    if kind == DayKind.WORK and not weekend:
        raise DomainError(
            _("Ngày làm bù phải là Thứ Bảy hoặc Chủ nhật; ngày {date} là {weekday}.").format(
                date=f"{day:%d/%m/%Y}", weekday=weekday_name(day)),
            field="day",
        )
    if kind == DayKind.OFF and weekend:
        raise DomainError(
            _("Ngày {date} là {weekday}, vốn đã là ngày nghỉ cuối tuần; nếu được nghỉ bù, vui "
              "lòng nhập ngày làm việc được nghỉ thay.").format(
                date=f"{day:%d/%m/%Y}", weekday=weekday_name(day)),
            field="day",
        )


def _row(session: Session, day: dt.date) -> CalendarDay | None:
    return session.scalars(select(CalendarDay).where(CalendarDay.day == day)).first()


def _fields(row: CalendarDay) -> dict[str, object]:
    return audit.snapshot(row, ["day", "kind", "name", "source"])


def add_day(ctx: AppContext, day: dt.date, kind: DayKind | str, name: str) -> DayInfo:
    """Add a day off (a weekday) or a make-up working day (a Saturday or Sunday)."""
    ctx.require(Permission.EDIT_CALENDAR)
    if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
        raise DomainError(_("Vui lòng chọn ngày."), field="day")
    try:
        kind = DayKind(kind)
    except ValueError:
        raise DomainError(_("Loại ngày không hợp lệ: chọn ngày nghỉ hoặc ngày làm bù.")) from None
    check_year(day.year)
    text = _clean_name(name)
    _check_kind_fits(day, kind)
    with ctx.write() as s:
        # seed first, so that the duplicate check sees the package's days of that year
        _ensure_in(s, {day.year})
        old = _row(s, day)
        if old is not None:
            raise DomainError(
                _("Ngày {date} đã có trong lịch ({kind}: {name}).").format(
                    date=f"{day:%d/%m/%Y}", kind=label(old.kind, DayKind), name=old.name),
                field="day",
            )
        row = CalendarDay(day=day, kind=kind, name=text, source=DaySource.ADMIN.value)
        s.add(row)
        s.flush()
        audit.record(s, ctx.user, "create", "calendar_day", row.id,
                     {k: [None, v] for k, v in _fields(row).items()})
        return _info(row)


def remove_day(ctx: AppContext, day: dt.date) -> None:
    """Remove a day from the table: the date goes back to its usual weekday or weekend."""
    ctx.require(Permission.EDIT_CALENDAR)
    check_year(day.year)
    with ctx.write() as s:
        _ensure_in(s, {day.year})
        row = _row(s, day)
        if row is None:
            raise NotFound(_("Ngày {date} không có trong lịch ngày nghỉ, ngày làm bù.").format(
                date=f"{day:%d/%m/%Y}"))
        before = _fields(row)
        row_id = row.id
        s.delete(row)
        audit.record(s, ctx.user, "delete", "calendar_day", row_id,
                     {k: [v, None] for k, v in before.items()})


def rename_day(ctx: AppContext, day: dt.date, name: str) -> DayInfo:
    """Change the name shown for a day off or make-up day."""
    ctx.require(Permission.EDIT_CALENDAR)
    check_year(day.year)
    text = _clean_name(name)
    with ctx.write() as s:
        _ensure_in(s, {day.year})
        row = _row(s, day)
        if row is None:
            raise NotFound(_("Ngày {date} không có trong lịch ngày nghỉ, ngày làm bù.").format(
                date=f"{day:%d/%m/%Y}"))
        before = _fields(row)
        row.name = text
        changes = audit.diff(before, _fields(row))
        if changes:
            audit.record(s, ctx.user, "update", "calendar_day", row.id, changes)
        return _info(row)


def read_days(ctx: AppContext, start: dt.date, end: dt.date) -> list[DayInfo]:
    """Rows between two dates inclusive, without seeding (the working-day service seeds)."""
    stmt = (
        select(CalendarDay)
        .where(CalendarDay.day >= start, CalendarDay.day <= end)
        .order_by(CalendarDay.day)
    )
    with ctx.read() as s:
        return [_info(r) for r in s.scalars(stmt)]
