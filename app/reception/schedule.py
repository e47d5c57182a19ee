"""The reception schedule (lịch tiếp công dân): the chairman receives citizens at least one day
a week (Luật Tiếp công dân 2013, Điều 15), on a regular weekday, and holds extra sessions when
needed; each day is marked held (or not) with a note. A week of the office calendar (Monday to
Sunday) with a working day and no reception day held is flagged for the chairman.

A regular day planned on a day off (a holiday, a day swapped off) moves to the next working
day of the same week (or the last one before it); a week without one is skipped and said so.
"""

from __future__ import annotations

import calendar as month_calendar
import datetime as dt
import re

from sqlalchemy import func, select

from app import audit
from app.auth import Permission
from app.context import AppContext
from app.errors import DomainError, NotFound
from app.i18n import _
from app.l10n import format_date, today
from app.labels import label
from app.reception.types import DAY, DEFAULT_HOURS, DayRow, PlanResult, Week
from app.text import nfc
from app.workdays import WorkCalendar, load_calendar
from db.models import ReceptionDay, ReceptionKind, ReceptionVisit, Role, User

_ONE = dt.timedelta(days=1)
MAX_DAYS = 400  # one action plans a year at most
WEEKDAYS = range(0, 6)  # Monday … Saturday: the office may receive on a Saturday morning


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def month_span(year: int, month: int) -> tuple[dt.date, dt.date]:
    if not 1 <= month <= 12 or not 2000 <= year <= 2100:
        raise DomainError(_("Tháng {month}/{year} không hợp lệ.").format(month=month, year=year))
    last = month_calendar.monthrange(year, month)[1]
    return dt.date(year, month, 1), dt.date(year, month, last)


def parse_month(text: str) -> tuple[int, int]:
    """'05/2026', '5/2026' or '2026-05' → (2026, 5)."""
    raw = nfc(text).strip()
    m = re.fullmatch(r"(\d{1,2})\s*[/.-]\s*(\d{4})", raw) or None
    if m:
        month, year = int(m.group(1)), int(m.group(2))
    else:
        m = re.fullmatch(r"(\d{4})-(\d{1,2})", raw)
        if not m:
            raise DomainError(_("Tháng “{value}” không đúng dạng tháng/năm (ví dụ 05/2026).")
                              .format(value=raw))
        year, month = int(m.group(1)), int(m.group(2))
    month_span(year, month)
    return year, month


def parse_hours(text: str) -> str:
    """'7:30 - 11:30', '7h30-11h30' → '07:30-11:30'; the start before the end."""
    raw = nfc(text).strip() or DEFAULT_HOURS
    m = re.fullmatch(r"(\d{1,2})[:hg](\d{2})\s*[-–]\s*(\d{1,2})[:hg](\d{2})", raw)
    if m:
        h1, m1, h2, m2 = (int(x) for x in m.groups())
        if h1 < 24 and h2 < 24 and m1 < 60 and m2 < 60 and (h1, m1) < (h2, m2):
            return f"{h1:02d}:{m1:02d}-{h2:02d}:{m2:02d}"
    raise DomainError(_("Giờ tiếp “{value}” không hợp lệ; ghi giờ bắt đầu và kết thúc, ví dụ "
                        "07:30-11:30.").format(value=raw))


def _host(s, host_id: int | None) -> User | None:
    """The host given, or the commune's chairman (the first active account with that role)."""
    if host_id is not None:
        u = s.get(User, host_id)
        if u is None or not u.active:
            raise DomainError(_("Người chủ trì buổi tiếp phải là một tài khoản đang làm việc."))
        return u
    return s.scalars(select(User).where(User.role == Role.CHAIRMAN, User.active.is_(True))
                     .order_by(User.id).limit(1)).first()


def _rows(s, stmt) -> list[DayRow]:
    counts = (select(ReceptionVisit.day_id, func.count().label("n"))
              .group_by(ReceptionVisit.day_id).subquery())
    stmt = (stmt.add_columns(User.full_name, counts.c.n)
            .outerjoin(User, User.id == ReceptionDay.host_id)
            .outerjoin(counts, counts.c.day_id == ReceptionDay.id)
            .order_by(ReceptionDay.day, ReceptionDay.id))
    return [DayRow(d.id, d.day, d.kind, d.host_id, host or "", d.place, d.hours, d.held, d.note,
                   n or 0) for d, host, n in s.execute(stmt)]


def days(ctx: AppContext, start: dt.date, end: dt.date) -> list[DayRow]:
    """The reception days from `start` to `end`, in order, with their visits counted."""
    with ctx.read() as s:
        return _rows(s, select(ReceptionDay).where(ReceptionDay.day >= start,
                                                   ReceptionDay.day <= end))


def get_day(ctx: AppContext, day_id: int) -> DayRow:
    with ctx.read() as s:
        found = _rows(s, select(ReceptionDay).where(ReceptionDay.id == day_id))
    if not found:
        raise NotFound(_("Không tìm thấy buổi tiếp công dân này."))
    return found[0]


def worked_in_week(cal: WorkCalendar, day: dt.date) -> dt.date | None:
    """`day` if worked, else the next working day of the same week, else the last one before
    it (a Friday off: the Thursday); None when the week has no working day."""
    monday = monday_of(day)
    later = [monday + dt.timedelta(days=i) for i in range(day.weekday(), 7)]
    earlier = [monday + dt.timedelta(days=i) for i in range(day.weekday() - 1, -1, -1)]
    return next((d for d in [*later, *earlier] if cal.is_working_day(d)), None)


def plan_regular(ctx: AppContext, start: dt.date, end: dt.date, weekday: int, *,
                 hours: str = DEFAULT_HOURS, place: str = "", host_id: int | None = None,
                 note: str = "") -> PlanResult:
    """The regular day of every week from `start` to `end` (a month, a year) on `weekday`
    (0 Monday … 5 Saturday), in one unit of work. A week that already has a regular day keeps
    it; a day off moves to the next working day of its week."""
    ctx.require(Permission.PLAN_RECEPTION)
    if weekday not in WEEKDAYS:
        raise DomainError(_("Vui lòng chọn ngày tiếp định kỳ từ Thứ Hai đến Thứ Bảy."))
    if end < start:
        raise DomainError(_("Ngày cuối ({end}) trước ngày đầu ({start}).").format(
            start=format_date(start), end=format_date(end)))
    if (end - start).days > MAX_DAYS:
        raise DomainError(_("Mỗi lần chỉ lập lịch tối đa một năm."))
    span = parse_hours(hours)
    cal = load_calendar(ctx, start.year, end.year)  # before the write: loading may seed a year
    wanted: list[tuple[dt.date, dt.date]] = []  # (the weekday, the day it is held on)
    skipped: list[dt.date] = []
    day = start + dt.timedelta(days=(weekday - start.weekday()) % 7)
    while day <= end:
        held_on = worked_in_week(cal, day)
        if held_on is None or not start <= held_on <= end:
            skipped.append(day)
        else:
            wanted.append((day, held_on))
        day += dt.timedelta(days=7)
    created_ids: list[int] = []
    moved: list[tuple[dt.date, dt.date]] = []
    with ctx.write() as s:
        host = _host(s, host_id)
        taken = {monday_of(d) for d in s.scalars(
            select(ReceptionDay.day).where(ReceptionDay.kind == ReceptionKind.REGULAR,
                                           ReceptionDay.day >= monday_of(start),
                                           ReceptionDay.day <= end + dt.timedelta(days=6)))}
        for planned, held_on in wanted:
            if monday_of(held_on) in taken:
                skipped.append(planned)
                continue
            row = ReceptionDay(day=held_on, kind=ReceptionKind.REGULAR,
                               host_id=host.id if host else None, place=nfc(place).strip(),
                               hours=span, held=False, note=nfc(note).strip())
            s.add(row)
            s.flush()
            created_ids.append(row.id)
            taken.add(monday_of(held_on))
            if held_on != planned:
                moved.append((planned, held_on))
        if created_ids:
            audit.record(s, ctx.user, "plan", DAY, None, {
                "from": start.isoformat(), "to": end.isoformat(), "weekday": weekday,
                "hours": span, "days": len(created_ids)})
    with ctx.read() as s:
        created = _rows(s, select(ReceptionDay).where(ReceptionDay.id.in_(created_ids)))
    return PlanResult(created, moved, sorted(skipped))


def plan_month(ctx: AppContext, year: int, month: int, weekday: int, **kw) -> PlanResult:
    start, end = month_span(year, month)
    return plan_regular(ctx, start, end, weekday, **kw)


def plan_year(ctx: AppContext, year: int, weekday: int, **kw) -> PlanResult:
    return plan_regular(ctx, dt.date(year, 1, 1), dt.date(year, 12, 31), weekday, **kw)


def add_session(ctx: AppContext, day: dt.date, *, kind: ReceptionKind | str = ReceptionKind.EXTRA,
                hours: str = DEFAULT_HOURS, place: str = "", host_id: int | None = None,
                note: str = "") -> DayRow:
    """One session on the schedule: an extra one (đột xuất), or a regular day set by hand."""
    ctx.require(Permission.PLAN_RECEPTION)
    try:
        kind = ReceptionKind(kind)
    except ValueError:
        raise DomainError(_("Loại buổi tiếp không hợp lệ.")) from None
    if not isinstance(day, dt.date):
        raise DomainError(_("Vui lòng ghi ngày tiếp công dân."))
    span = parse_hours(hours)
    with ctx.write() as s:
        host = _host(s, host_id)
        same = s.scalar(select(ReceptionDay.id).where(ReceptionDay.day == day,
                                                      ReceptionDay.hours == span))
        if same is not None:
            raise DomainError(_("Ngày {day} đã có buổi tiếp công dân giờ {hours}.").format(
                day=format_date(day), hours=span))
        row = ReceptionDay(day=day, kind=kind, host_id=host.id if host else None,
                           place=nfc(place).strip(), hours=span, held=False,
                           note=nfc(note).strip())
        s.add(row)
        s.flush()
        audit.record(s, ctx.user, "create", DAY, row.id, {
            "day": day.isoformat(), "kind": kind.value, "hours": span,
            "host": host.full_name if host else None})
        day_id = row.id
    return get_day(ctx, day_id)


def mark_held(ctx: AppContext, day_id: int, held: bool = True, note: str = "") -> DayRow:
    """The day was held (or not, with the reason in the note). A day still to come cannot
    have been held."""
    ctx.require(Permission.PLAN_RECEPTION)
    text = nfc(note).strip()
    with ctx.write() as s:
        row = s.get(ReceptionDay, day_id)
        if row is None:
            raise NotFound(_("Không tìm thấy buổi tiếp công dân này."))
        if held and row.day > today():
            raise DomainError(_("Buổi tiếp ngày {day} chưa đến: chưa thể ghi là đã tổ chức.")
                              .format(day=format_date(row.day)))
        if not held and not text:
            raise DomainError(_("Vui lòng ghi lý do không tổ chức buổi tiếp công dân."))
        before = audit.snapshot(row, ["held", "note"])
        row.held, row.note = bool(held), text
        audit.record(s, ctx.user, "update", DAY, row.id,
                     audit.diff(before, audit.snapshot(row, ["held", "note"])))
    return get_day(ctx, day_id)


def remove_day(ctx: AppContext, day_id: int) -> None:
    """Take a day planned by mistake off the schedule: never one held or with visits."""
    ctx.require(Permission.PLAN_RECEPTION)
    with ctx.write() as s:
        row = s.get(ReceptionDay, day_id)
        if row is None:
            raise NotFound(_("Không tìm thấy buổi tiếp công dân này."))
        used = s.scalar(select(func.count()).select_from(ReceptionVisit)
                        .where(ReceptionVisit.day_id == day_id))
        if row.held or used:
            raise DomainError(_("Buổi tiếp ngày {day} đã tổ chức hoặc đã có lượt tiếp: không "
                                "xóa khỏi lịch được.").format(day=format_date(row.day)))
        audit.record(s, ctx.user, "delete", DAY, row.id, {
            "day": row.day.isoformat(), "kind": label(row.kind, paper=True)})
        s.delete(row)


# -- the weeks with no reception day held --------------------------------------------------

def weeks_without_held_day(ctx: AppContext, start: dt.date | None = None,
                           end: dt.date | None = None) -> list[Week]:
    """The weeks (Monday to Sunday) that began on or after `start` (1 January of this year)
    and ended by `end` (today), had a working day, and no reception day held: for the
    chairman's attention. A week still running is not flagged yet, nor one that began before
    the period."""
    end = min(end or today(), today())
    start = start or dt.date(end.year, 1, 1)
    first = monday_of(start) + (dt.timedelta(days=7) if start.weekday() else dt.timedelta())
    last_sunday = monday_of(end) - _ONE
    if end.weekday() == 6:  # today is a Sunday: this week ends today
        last_sunday = end
    if last_sunday < first:
        return []
    cal = load_calendar(ctx, first.year, last_sunday.year)
    with ctx.read() as s:
        held = {monday_of(d) for d in s.scalars(
            select(ReceptionDay.day).where(ReceptionDay.held.is_(True),
                                           ReceptionDay.day >= first,
                                           ReceptionDay.day <= last_sunday))}
    out: list[Week] = []
    monday = first
    while monday <= last_sunday:
        worked = any(cal.is_working_day(monday + dt.timedelta(days=i)) for i in range(7))
        if worked and monday not in held:
            out.append(Week(monday))
        monday += dt.timedelta(days=7)
    return out


def held_count(ctx: AppContext, start: dt.date, end: dt.date) -> dict[str, int]:
    """Reception days held in the period: regular, extra and in all."""
    with ctx.read() as s:
        rows = dict(s.execute(select(ReceptionDay.kind, func.count())
                              .where(ReceptionDay.held.is_(True), ReceptionDay.day >= start,
                                     ReceptionDay.day <= end)
                              .group_by(ReceptionDay.kind)).all())
    regular = rows.get(ReceptionKind.REGULAR, 0)
    extra = rows.get(ReceptionKind.EXTRA, 0)
    return {"regular": regular, "extra": extra, "all": regular + extra}
