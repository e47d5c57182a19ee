"""The holiday calendar service: seeding from the package, admin edits, validation, rights."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import func, select

from app import calendar as cal
from app.auth import CurrentUser
from app.database import open_memory
from app.errors import DomainError, NotFound, PermissionDenied
from app.workdays import load_calendar
from db.models import AuditEntry, CalendarDay, CalendarYear, DayKind, Role

D = dt.date
CLERK = CurrentUser(1, "clerk", "Clerk", Role.CLERK)


@pytest.fixture
def ctx():
    return open_memory()


def _counts(ctx) -> tuple[int, int, int]:
    with ctx.read() as s:
        return (
            s.scalar(select(func.count()).select_from(CalendarDay)),
            s.scalar(select(func.count()).select_from(CalendarYear)),
            s.scalar(select(func.count()).select_from(AuditEntry)),
        )


def _audit(ctx, action: str) -> list[AuditEntry]:
    with ctx.read() as s:
        stmt = select(AuditEntry).where(AuditEntry.action == action, AuditEntry.entity == "calendar_day")
        return list(s.scalars(stmt))


def test_seed_year_from_package(ctx):
    with ctx.write() as s:
        added = cal.seed_year(s, 2025)
    days = {d.date: d for d in cal.list_days(ctx, 2025)}
    assert added == len(days) == 14
    assert days[D(2025, 1, 29)].name == "Tết Nguyên Đán"
    assert days[D(2025, 5, 2)].kind == DayKind.OFF
    makeup = days[D(2025, 4, 26)]
    assert makeup.kind == DayKind.WORK and makeup.source == "package"
    assert makeup.name == "Làm bù cho ngày nghỉ 02/05/2025"
    assert all(d.source == "package" for d in days.values())


def test_swap_into_another_year_is_seeded_once(ctx):
    # 2015: Friday 02/01/2015 off in exchange for Saturday 27/12/2014 worked
    cal.ensure_years(ctx, [2014, 2015])
    days = {d.date: d for d in cal.list_days(ctx, 2014)}
    assert days[D(2014, 12, 27)].kind == DayKind.WORK
    # 2018: Monday 31/12/2018 off in exchange for Saturday 05/01/2019; 2019 seeded after
    cal.ensure_years(ctx, [2018])
    cal.ensure_years(ctx, [2019])
    assert [d.kind for d in cal.list_days(ctx, 2019) if d.date == D(2019, 1, 5)] == [DayKind.WORK]


def test_seeded_once_only(ctx):
    assert cal.ensure_years(ctx, [2026, 2027]) == [2026, 2027]
    before = _counts(ctx)
    assert cal.ensure_years(ctx, [2026, 2027]) == []
    assert _counts(ctx) == before
    with ctx.read() as s:
        seeds = list(s.scalars(select(AuditEntry).where(AuditEntry.action == "seed")))
    assert sorted(e.entity_id for e in seeds) == [2026, 2027]
    # the office removes a package day: seeding again never brings it back
    cal.remove_day(ctx, D(2026, 11, 24))
    cal.ensure_years(ctx, [2026])
    with ctx.write() as s:
        assert cal.seed_year(s, 2026) == 0
    assert D(2026, 11, 24) not in {d.date for d in cal.list_days(ctx, 2026)}
    assert load_calendar(ctx, 2026).is_working_day(D(2026, 11, 24))


def test_list_days_seeds_and_sorts(ctx):
    days = cal.list_days(ctx, 2026)
    assert [d.date for d in days] == sorted(d.date for d in days)
    assert [d.date for d in days if "Tết Nguyên Đán" in d.name] == [
        D(2026, 2, 16), D(2026, 2, 17), D(2026, 2, 18), D(2026, 2, 19), D(2026, 2, 20)
    ]


def test_admin_adds_day_off_with_audit(ctx):
    info = cal.add_day(ctx, D(2026, 3, 12), DayKind.OFF, "  Nghỉ  hoán đổi theo văn bản  ")
    assert info == cal.DayInfo(D(2026, 3, 12), DayKind.OFF, "Nghỉ hoán đổi theo văn bản", "admin")
    assert info in cal.list_days(ctx, 2026)
    (entry,) = _audit(ctx, "create")
    assert entry.username == "he-thong"
    assert json.loads(entry.changes)["day"] == [None, "2026-03-12"]
    assert not load_calendar(ctx, 2026).is_working_day(D(2026, 3, 12))


def test_admin_adds_make_up_saturday(ctx):
    cal.add_day(ctx, D(2026, 3, 14), "work", "Làm bù cho ngày nghỉ 12/03/2026")
    assert load_calendar(ctx, 2026).is_working_day(D(2026, 3, 14))


def test_admin_removes_and_renames_with_audit(ctx):
    cal.remove_day(ctx, D(2026, 4, 27))  # Giỗ Tổ day in lieu
    (removed,) = _audit(ctx, "delete")
    assert json.loads(removed.changes)["name"] == ["Ngày Giỗ Tổ Hùng Vương (nghỉ bù)", None]
    assert load_calendar(ctx, 2026).is_working_day(D(2026, 4, 27))

    info = cal.rename_day(ctx, D(2026, 4, 30), "Ngày Giải phóng miền Nam, thống nhất đất nước")
    assert info.name == "Ngày Giải phóng miền Nam, thống nhất đất nước"
    (renamed,) = _audit(ctx, "update")
    assert json.loads(renamed.changes) == {
        "name": ["Ngày Chiến thắng", "Ngày Giải phóng miền Nam, thống nhất đất nước"]
    }


BAD_EDITS = [
    ("work-on-weekday", lambda c: cal.add_day(c, D(2026, 3, 13), DayKind.WORK, "Làm bù"),
     "phải là Thứ Bảy hoặc Chủ nhật"),
    ("off-on-weekend", lambda c: cal.add_day(c, D(2026, 3, 14), DayKind.OFF, "Nghỉ"),
     "vốn đã là ngày nghỉ cuối tuần"),
    ("duplicate", lambda c: cal.add_day(c, D(2026, 2, 16), DayKind.OFF, "Nghỉ Tết"),
     "đã có trong lịch"),
    ("duplicate-unseeded-year", lambda c: cal.add_day(c, D(2027, 2, 5), DayKind.OFF, "Nghỉ"),
     "đã có trong lịch"),
    ("no-name", lambda c: cal.add_day(c, D(2026, 3, 12), DayKind.OFF, "   "),
     "Vui lòng nhập tên"),
    ("long-name", lambda c: cal.add_day(c, D(2026, 3, 12), DayKind.OFF, "x" * 201),
     "quá dài"),
    ("bad-kind", lambda c: cal.add_day(c, D(2026, 3, 12), "holiday", "Nghỉ"),
     "Loại ngày không hợp lệ"),
    ("year-range", lambda c: cal.add_day(c, D(2150, 3, 12), DayKind.OFF, "Nghỉ"),
     "ngoài phạm vi"),
    ("remove-missing", lambda c: cal.remove_day(c, D(2026, 3, 12)), "không có trong lịch"),
    ("rename-missing", lambda c: cal.rename_day(c, D(2026, 3, 12), "Tên"), "không có trong lịch"),
    ("rename-empty", lambda c: cal.rename_day(c, D(2026, 2, 16), ""), "Vui lòng nhập tên"),
]


@pytest.mark.parametrize("edit,message", [b[1:] for b in BAD_EDITS], ids=[b[0] for b in BAD_EDITS])
def test_validation_leaves_database_unchanged(ctx, edit, message):
    cal.ensure_years(ctx, [2026])
    before = _counts(ctx)
    with pytest.raises(DomainError, match=message):
        edit(ctx)
    assert _counts(ctx) == before
    with ctx.read() as s:
        assert s.get(CalendarYear, 2027) is None  # seeding inside the failed edit rolled back


def test_remove_missing_is_not_found(ctx):
    with pytest.raises(NotFound):
        cal.remove_day(ctx, D(2026, 3, 12))


@pytest.mark.parametrize(
    "edit",
    [
        lambda c: cal.add_day(c, D(2026, 3, 12), DayKind.OFF, "Nghỉ"),
        lambda c: cal.remove_day(c, D(2026, 2, 16)),
        lambda c: cal.rename_day(c, D(2026, 2, 16), "Tên khác"),
    ],
    ids=["add", "remove", "rename"],
)
def test_clerk_may_not_edit(ctx, edit):
    cal.ensure_years(ctx, [2026])
    before = _counts(ctx)
    with pytest.raises(PermissionDenied, match="không có quyền sửa lịch ngày nghỉ"):
        edit(ctx.as_user(CLERK))
    assert _counts(ctx) == before


def test_clerk_may_read_and_seed(ctx):
    clerk = ctx.as_user(CLERK)
    assert cal.list_days(clerk, 2026)
    assert load_calendar(clerk, 2027).reason(D(2027, 2, 10)) == "Mùng năm Tết Nguyên Đán"
