"""The petitions' legal clocks: one rule table (kind × complexity × remote area, seeded with the
law by migration 0006, amended by the administrator), and day deadlines from the office's
calendar (app.workdays), each with the lines that explain it.

Counting, as the laws on complaints and denunciations count: the day the clock starts (receipt,
acceptance) is not counted. Working days skip weekends, holidays and the days swapped off, and
count the make-up Saturdays. Calendar days run through everything, but a deadline that falls on
a day off moves to the next working day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from app import audit
from app.auth import Permission
from app.context import AppContext
from app.errors import DomainError
from app.i18n import _
from app.l10n import format_date
from app.labels import label
from app.petitions.types import Clock
from app.workdays import WorkCalendar, load_calendar
from db.models import Complexity, PetitionKind, PetitionRule, TimeUnit

UNITS = (TimeUnit.WORKING_DAYS, TimeUnit.CALENDAR_DAYS)
_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Rule:
    id: int
    kind: PetitionKind
    complexity: Complexity
    remote: bool
    classify_value: int
    classify_unit: TimeUnit
    resolve_value: int
    resolve_unit: TimeUnit
    extension_value: int
    max_extensions: int
    notify_value: int  # 0: no notice of acceptance is due
    notify_unit: TimeUnit
    basis: str


def _rule(r: PetitionRule) -> Rule:
    return Rule(r.id, r.kind, r.complexity, r.remote, r.classify_value, r.classify_unit,
                r.resolve_value, r.resolve_unit, r.extension_value, r.max_extensions,
                r.notify_value, r.notify_unit, r.basis)


def rules(ctx: AppContext) -> list[Rule]:
    """The whole table, as the administrator sees it."""
    stmt = select(PetitionRule).order_by(PetitionRule.kind, PetitionRule.complexity,
                                         PetitionRule.remote)
    with ctx.read() as s:
        return [_rule(r) for r in s.scalars(stmt)]


def rule_for(s, kind: PetitionKind, complexity: Complexity, remote: bool) -> Rule:
    row = s.scalar(select(PetitionRule).where(PetitionRule.kind == kind,
                                              PetitionRule.complexity == complexity,
                                              PetitionRule.remote.is_(bool(remote))))
    if row is None:
        raise DomainError(_("Bảng thời hạn giải quyết đơn thiếu dòng cho {kind} ({complexity}); "
                            "vui lòng nhờ quản trị bổ sung.").format(
            kind=label(kind), complexity=label(complexity).lower()))
    return _rule(row)


AMENDABLE = ("classify_value", "classify_unit", "resolve_value", "resolve_unit",
             "extension_value", "max_extensions", "notify_value", "notify_unit", "basis")


def amend_rule(ctx: AppContext, rule_id: int, **changes) -> Rule:
    """The administrator follows a change of the law. Cases already running keep the dates
    they were given; new ones follow the new row."""
    ctx.require(Permission.EDIT_CATALOGUE)
    unknown = set(changes) - set(AMENDABLE)
    if unknown:
        raise DomainError(_("Không sửa được các mục: {fields}.").format(
            fields=", ".join(sorted(unknown))))
    for name in ("classify_value", "resolve_value", "extension_value", "max_extensions",
                 "notify_value"):
        if name in changes:
            try:
                changes[name] = int(changes[name])
            except (TypeError, ValueError):
                raise DomainError(_("Số ngày phải là số nguyên.")) from None
            if not 0 <= changes[name] <= 365:
                raise DomainError(_("Số ngày phải từ 0 đến 365."))
    for name in ("classify_unit", "resolve_unit", "notify_unit"):
        if name in changes:
            try:
                changes[name] = TimeUnit(changes[name])
            except ValueError:
                raise DomainError(_("Đơn vị thời hạn không hợp lệ.")) from None
            if changes[name] not in UNITS:
                raise DomainError(_("Thời hạn giải quyết đơn tính theo ngày làm việc hoặc ngày."))
    if changes.get("classify_value") == 0 or changes.get("resolve_value") == 0:
        raise DomainError(_("Thời hạn phân loại và giải quyết phải lớn hơn 0 ngày."))
    with ctx.write() as s:
        row = s.get(PetitionRule, rule_id)
        if row is None:
            raise DomainError(_("Không tìm thấy dòng này của bảng thời hạn."))
        before = audit.snapshot(row, list(AMENDABLE))
        for name, value in changes.items():
            setattr(row, name, value)
        row.updated_by = ctx.user.user_id
        audit.record(s, ctx.user, "update", "petition_rule", row.id,
                     audit.diff(before, audit.snapshot(row, list(AMENDABLE))))
        return _rule(row)


# -- day deadlines --------------------------------------------------------------------------

def calendar_for(ctx: AppContext, start: dt.date) -> WorkCalendar:
    return load_calendar(ctx, start.year, start.year + 1)


def deadline(cal: WorkCalendar, start: dt.date, value: int, unit: TimeUnit,
             what: str) -> Clock:
    """`value` days of `unit` after `start` (not counted); `what` names the clock in the first
    line ("Phân loại đơn", "Giải quyết")."""
    lines = [_("{what}: {value} {unit} kể từ {start} (không tính ngày {start_short}).").format(
        what=what, value=value, unit=label(unit), start=format_date(start),
        start_short=f"{start:%d/%m}")]
    if unit == TimeUnit.WORKING_DAYS:
        due, skipped, makeup, day, left = start, [], [], start, value
        while left:
            day += _DAY
            if cal.is_working_day(day):
                left -= 1
                due = day
                if day.weekday() >= 5:
                    makeup.append(day)
            elif day in cal.off:  # a holiday or a day swapped off, not an ordinary weekend
                skipped.append(day)
        if skipped:
            lines.append(_("Các ngày nghỉ không tính: {days}.").format(days="; ".join(
                f"{format_date(d)} ({cal.short_reason(d)})" for d in skipped)))
        if makeup:
            lines.append(_("Ngày làm bù được tính: {days}.").format(
                days="; ".join(format_date(d) for d in makeup)))
    elif unit == TimeUnit.CALENDAR_DAYS:
        due = start + dt.timedelta(days=value)
        if not cal.is_working_day(due):
            moved = cal.next_working_day(due)
            lines.append(_("Ngày thứ {value} là {day}, ngày nghỉ ({why}): hạn chuyển sang ngày làm "
                           "việc tiếp theo.").format(value=value, day=format_date(due),
                                                     why=cal.short_reason(due)))
            due = moved
    else:
        raise DomainError(_("Thời hạn giải quyết đơn tính theo ngày làm việc hoặc ngày."))
    lines.append(_("Hạn: {due}.").format(due=format_date(due)))
    return Clock(due, tuple(lines))


def remaining_days(unit: TimeUnit, cal: WorkCalendar, paused_on: dt.date, due: dt.date) -> int:
    """Days of the clock not yet used when it stopped on `paused_on`."""
    if unit == TimeUnit.WORKING_DAYS:
        return max(cal.working_days_between(paused_on, due), 0)
    return max((due - paused_on).days, 0)
