"""Working days and deadlines on real Vietnamese calendars (holidays package, VN)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app import calendar as holiday_calendar
from app import settings as app_settings
from app.commands import workdays as workdays_cmd
from app.database import open_memory
from app.errors import DomainError
from app.l10n import format_date, format_datetime, format_time
from app.office_hours import OfficeHours
from app.workdays import WorkCalendar, compute_due, load_calendar
from db.models import DayKind, TimeUnit

D, T = dt.date, dt.datetime
WD, WH = TimeUnit.WORKING_DAYS, TimeUnit.WORKING_HOURS
SD, CD = TimeUnit.SAME_DAY, TimeUnit.CALENDAR_DAYS


@pytest.fixture(scope="module")
def cal() -> WorkCalendar:
    return load_calendar(open_memory(), 2024, 2028)


@pytest.fixture
def ctx():
    return open_memory()


DUE_CASES = [
    # Tết Bính Ngọ 2026: Mon 16 – Fri 20/02, with the weekends either side
    ("tet-2026", T(2026, 2, 13, 10, 0), 3, WD, False, T(2026, 2, 25, 10, 0)),
    ("tet-2026-1", T(2026, 2, 13, 10, 0), 1, WD, False, T(2026, 2, 23, 10, 0)),
    # Tết Đinh Mùi 2027: Thu 04 – Wed 10/02
    ("tet-2027", T(2027, 2, 3, 9, 0), 1, WD, False, T(2027, 2, 11, 9, 0)),
    ("tet-2027-2", T(2027, 2, 3, 9, 0), 2, WD, False, T(2027, 2, 12, 9, 0)),
    # Giỗ Tổ 2027 on Friday 16/04
    ("gio-to-2027", T(2027, 4, 15, 14, 0), 1, WD, False, T(2027, 4, 19, 14, 0)),
    # Giỗ Tổ 2026 on Sunday 26/04, day in lieu Monday 27/04; then 30/04 and 01/05
    ("gio-to-2026", T(2026, 4, 24, 9, 0), 1, WD, False, T(2026, 4, 28, 9, 0)),
    ("gio-to-2026-3", T(2026, 4, 24, 9, 0), 3, WD, False, T(2026, 5, 4, 9, 0)),
    # Quốc khánh with its adjacent day: 2025 Mon 01 + Tue 02/09, 2027 Thu 02 + Fri 03/09
    ("2-9-2025", T(2025, 8, 29, 10, 0), 1, WD, False, T(2025, 9, 3, 10, 0)),
    ("2-9-2027", T(2027, 9, 1, 10, 0), 1, WD, False, T(2027, 9, 6, 10, 0)),
    # 2025 swap: Saturday 26/04 worked, Friday 02/05 off
    ("make-up-sat-2025", T(2025, 4, 25, 10, 0), 1, WD, False, T(2025, 4, 26, 10, 0)),
    ("swap-off-2025", T(2025, 4, 29, 10, 0), 1, WD, False, T(2025, 5, 5, 10, 0)),
    # the 15:00 cut-off, same day
    ("sameday-14:59", T(2026, 3, 11, 14, 59), 0, SD, True, T(2026, 3, 11, 17, 0)),
    ("sameday-15:01", T(2026, 3, 11, 15, 1), 0, SD, True, T(2026, 3, 12, 17, 0)),
    ("sameday-15:01-no-cutoff", T(2026, 3, 11, 15, 1), 0, SD, False, T(2026, 3, 11, 17, 0)),
    ("sameday-fri-15:01", T(2026, 3, 13, 15, 1), 0, SD, True, T(2026, 3, 16, 17, 0)),
    ("sameday-after-closing", T(2026, 3, 11, 17, 30), 0, SD, False, T(2026, 3, 12, 17, 0)),
    # the cut-off with working days: a late filing counts from the next morning
    ("days-14:59", T(2026, 3, 11, 14, 59), 1, WD, True, T(2026, 3, 12, 14, 59)),
    ("days-15:01", T(2026, 3, 11, 15, 1), 1, WD, True, T(2026, 3, 13, 7, 30)),
    ("days-15:01-no-cutoff", T(2026, 3, 11, 15, 1), 1, WD, False, T(2026, 3, 12, 15, 1)),
    # filing on a Sunday (or a Saturday) counts from Monday's opening
    ("sunday", T(2026, 3, 8, 9, 0), 1, WD, False, T(2026, 3, 10, 7, 30)),
    ("saturday", T(2026, 3, 7, 9, 0), 2, WD, False, T(2026, 3, 11, 7, 30)),
    ("sunday-sameday", T(2026, 3, 8, 9, 0), 0, SD, False, T(2026, 3, 9, 17, 0)),
    ("tet-day-filing", T(2026, 2, 17, 9, 0), 1, WD, False, T(2026, 2, 24, 7, 30)),
    # clock time put into office hours
    ("lunch", T(2026, 3, 11, 12, 15), 1, WD, False, T(2026, 3, 12, 13, 30)),
    ("evening", T(2026, 3, 11, 19, 45), 1, WD, False, T(2026, 3, 12, 17, 0)),
    ("early", T(2026, 3, 11, 6, 10), 1, WD, False, T(2026, 3, 12, 7, 30)),
    # working hours: across lunch, across a weekend, from lunch, ending at 11:30
    ("hours-lunch", T(2026, 3, 11, 10, 0), 4, WH, False, T(2026, 3, 11, 16, 0)),
    ("hours-weekend", T(2026, 3, 13, 15, 0), 8, WH, False, T(2026, 3, 16, 15, 30)),
    ("hours-from-lunch", T(2026, 3, 11, 12, 0), 2, WH, False, T(2026, 3, 11, 15, 30)),
    ("hours-to-11:30", T(2026, 3, 11, 9, 30), 2, WH, False, T(2026, 3, 11, 11, 30)),
    ("hours-evening", T(2026, 3, 13, 18, 0), 1, WH, False, T(2026, 3, 16, 8, 30)),
    ("hours-tet", T(2026, 2, 13, 16, 0), 2, WH, False, T(2026, 2, 23, 8, 30)),
    ("hours-cutoff", T(2026, 3, 11, 15, 30), 1, WH, True, T(2026, 3, 12, 8, 30)),
    # calendar days: landing on a day off moves to the next working day
    ("calendar-30-4", T(2026, 4, 20, 10, 0), 10, CD, False, T(2026, 5, 4, 10, 0)),
    ("calendar-tet-2027", T(2027, 1, 25, 9, 0), 15, CD, False, T(2027, 2, 11, 9, 0)),
    ("calendar-plain", T(2026, 3, 2, 9, 0), 3, CD, False, T(2026, 3, 5, 9, 0)),
    ("calendar-weekend", T(2026, 3, 2, 9, 0), 5, CD, False, T(2026, 3, 9, 9, 0)),
]


@pytest.mark.parametrize(
    "received,value,unit,cutoff,expected",
    [c[1:] for c in DUE_CASES],
    ids=[c[0] for c in DUE_CASES],
)
def test_due(cal, received, value, unit, cutoff, expected):
    result = cal.due(received, value, unit, cutoff)
    assert result.due == expected
    assert cal.is_working_day(result.due.date())
    assert result.explanation[-1] == f"Hẹn trả kết quả: {format_datetime(result.due)}."


def test_tet_2026_details(cal):
    r = cal.due(T(2026, 2, 13, 10, 0), 3, WD)
    assert r.start_day == D(2026, 2, 13)
    assert r.counted == [D(2026, 2, 23), D(2026, 2, 24), D(2026, 2, 25)]
    assert [d for d, _ in r.skipped] == [D(2026, 2, d) for d in range(14, 23)]
    reasons = dict(r.skipped)
    assert reasons[D(2026, 2, 14)] == "Thứ Bảy – nghỉ cuối tuần"
    assert reasons[D(2026, 2, 15)] == "Chủ nhật – nghỉ cuối tuần"
    assert reasons[D(2026, 2, 17)] == "Tết Nguyên Đán"
    assert "– Thứ Hai, 16/02/2026: Giao thừa Tết Nguyên Đán" in r.explanation
    assert r.explanation[0] == "Hồ sơ được tiếp nhận lúc 10 giờ 00 phút, Thứ Sáu, 13/02/2026."


@pytest.mark.parametrize(
    "day,working,reason",
    [
        (D(2026, 2, 13), True, None),
        (D(2026, 2, 14), False, "Thứ Bảy – nghỉ cuối tuần"),
        (D(2026, 2, 16), False, "Giao thừa Tết Nguyên Đán"),
        (D(2026, 4, 26), False, "Chủ nhật – nghỉ cuối tuần; Ngày Giỗ Tổ Hùng Vương"),
        (D(2026, 4, 27), False, "Ngày Giỗ Tổ Hùng Vương (nghỉ bù)"),
        (D(2025, 2, 1), False, "Thứ Bảy – nghỉ cuối tuần; Mùng bốn Tết Nguyên Đán"),
        (D(2025, 4, 26), True, None),  # make-up Saturday
        (D(2025, 5, 2), False, "Ngày nghỉ (thay cho ngày 26/04/2025)"),
        (D(2025, 9, 1), False, "Quốc khánh"),
        (D(2027, 9, 3), False, "Quốc khánh"),
        (D(2027, 4, 16), False, "Ngày Giỗ Tổ Hùng Vương"),
    ],
)
def test_working_day_and_reason(cal, day, working, reason):
    assert cal.is_working_day(day) is working
    assert cal.reason(day) == reason


@pytest.mark.parametrize(
    "start,n,expected",
    [
        (D(2026, 2, 13), 1, D(2026, 2, 23)),
        (D(2026, 2, 13), 0, D(2026, 2, 13)),
        (D(2026, 2, 23), -1, D(2026, 2, 13)),
        (D(2025, 4, 25), 1, D(2025, 4, 26)),
        (D(2025, 4, 29), 2, D(2025, 5, 6)),
        (D(2026, 12, 31), 1, D(2027, 1, 4)),
    ],
)
def test_add_working_days(cal, start, n, expected):
    assert cal.add_working_days(start, n) == expected


@pytest.mark.parametrize(
    "a,b,count",
    [
        (D(2026, 2, 13), D(2026, 2, 25), 3),
        (D(2026, 2, 13), D(2026, 2, 13), 0),
        (D(2026, 2, 25), D(2026, 2, 13), -3),
        (D(2025, 4, 25), D(2025, 5, 5), 4),  # Sat 26/04 worked, Mon 28, Tue 29; 30/04–04/05 off
    ],
)
def test_working_days_between(cal, a, b, count):
    assert cal.working_days_between(a, b) == count


@pytest.mark.parametrize(
    "day,expected",
    [(D(2026, 2, 13), D(2026, 2, 23)), (D(2026, 3, 8), D(2026, 3, 9)), (D(2025, 4, 25), D(2025, 4, 26))],
)
def test_next_working_day(cal, day, expected):
    assert cal.next_working_day(day) == expected


def test_sunday_filing_explains_shift(cal):
    r = cal.due(T(2026, 3, 8, 9, 0), 1, WD)
    assert r.start_day == D(2026, 3, 9) and r.start == T(2026, 3, 9, 7, 30)
    assert r.skipped == [(D(2026, 3, 8), "Chủ nhật – nghỉ cuối tuần")]
    assert any("Ngày nộp là ngày nghỉ (nghỉ cuối tuần)" in line for line in r.explanation)


def test_cutoff_explained(cal):
    r = cal.due(T(2026, 3, 13, 15, 1), 1, WD, cutoff=True)
    assert r.start == T(2026, 3, 16, 7, 30)
    assert [d for d, _ in r.skipped] == [D(2026, 3, 14), D(2026, 3, 15)]
    assert any(line.startswith("Hồ sơ nộp sau 15 giờ 00 phút") for line in r.explanation)


def test_working_hours_counts_days_and_skips(cal):
    r = cal.due(T(2026, 3, 13, 15, 0), 8, WH)
    assert r.counted == [D(2026, 3, 13), D(2026, 3, 16)]
    assert [d for d, _ in r.skipped] == [D(2026, 3, 14), D(2026, 3, 15)]


def test_calendar_days_explains_move(cal):
    r = cal.due(T(2026, 4, 20, 10, 0), 10, CD)
    assert len(r.counted) == 10 and r.counted[-1] == D(2026, 4, 30)
    assert [d for d, _ in r.skipped] == [D(2026, 5, 1), D(2026, 5, 2), D(2026, 5, 3)]
    assert not set(r.counted) & {d for d, _ in r.skipped}
    assert any("Ngày thứ 10 là Thứ Năm, 30/04/2026" in line for line in r.explanation)


@pytest.mark.parametrize(
    "value,unit,message",
    [
        (3, TimeUnit.UNKNOWN, "chưa được cấu hình thời hạn"),
        (0, WD, "số nguyên dương"),
        (-2, CD, "số nguyên dương"),
        (True, WH, "số nguyên dương"),
        (5000, WD, "quá dài"),
        (1, "weeks", "không hợp lệ"),
    ],
)
def test_bad_input(cal, value, unit, message):
    with pytest.raises(DomainError, match=message):
        cal.due(T(2026, 3, 11, 9, 0), value, unit)


def test_aware_datetime_is_vietnam_time(cal):
    utc = dt.datetime(2026, 2, 13, 3, 0, tzinfo=dt.UTC)  # 10:00 in Hà Nội
    assert cal.due(utc, 3, WD).due == T(2026, 2, 25, 10, 0)


def test_pure_calendar_without_database():
    cal = WorkCalendar({D(2026, 3, 11): "Ngày nghỉ thử"}, {}, hours=OfficeHours())
    assert cal.add_working_days(D(2026, 3, 10), 1) == D(2026, 3, 12)


def test_years_load_lazily(ctx):
    cal = load_calendar(ctx, 2026)
    assert cal.add_working_days(D(2026, 12, 31), 1) == D(2027, 1, 4)  # 01/01/2027 Friday
    assert cal.reason(D(2027, 2, 8)) == "Mùng ba Tết Nguyên Đán"


def test_admin_edits_and_settings_are_used(ctx):
    holiday_calendar.add_day(ctx, D(2026, 3, 12), DayKind.OFF, "Nghỉ hoán đổi theo văn bản của tỉnh")
    with ctx.write() as s:
        app_settings.put(s, "office_morning", "08:00-12:00")
    r = compute_due(ctx, T(2026, 3, 11, 6, 0), 1, WD)
    assert r.due == T(2026, 3, 13, 8, 0)
    assert (D(2026, 3, 12), "Nghỉ hoán đổi theo văn bản của tỉnh") in r.skipped


def test_bad_office_hours_setting(ctx):
    with ctx.write() as s:
        app_settings.put(s, "office_afternoon", "17:00-13:30")
    with pytest.raises(DomainError, match="giờ bắt đầu phải trước giờ kết thúc"):
        load_calendar(ctx, 2026)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("13/02/2026 10:00", T(2026, 2, 13, 10, 0)),
        ("13/02/2026 10:00:00", T(2026, 2, 13, 10, 0)),
        ("2026-02-13T10:00", T(2026, 2, 13, 10, 0)),
        ("2026-02-13 10:00", T(2026, 2, 13, 10, 0)),
        ("13/02/2026", T(2026, 2, 13, 8, 0)),
        ("2026-02-13", T(2026, 2, 13, 8, 0)),
    ],
)
def test_parse_start(text, expected):
    assert workdays_cmd.parse_start(text) == expected


@pytest.mark.parametrize("text", ["", "31/02/2026", "13-02-2026 10:00", "hôm nay"])
def test_parse_start_rejects(text):
    with pytest.raises(DomainError, match="không hợp lệ"):
        workdays_cmd.parse_start(text)


def _cli(argv: list[str], db: str) -> int:
    """The command on a database of its own (the holiday calendar is read from it)."""
    from app.database import open_database

    if not Path(db).exists():
        open_database(Path(db)).engine.dispose()
    parser = argparse.ArgumentParser()
    workdays_cmd.add_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["workdays", *argv])
    args.db = db
    return workdays_cmd.run(args)


def test_cli_acceptance(tmp_path, capsys):
    assert _cli(["13/02/2026 10:00", "3"], str(tmp_path / "x.sqlite3")) == 0
    out = capsys.readouterr().out
    assert out.startswith("Hạn trả kết quả: 10 giờ 00 phút, Thứ Tư, 25/02/2026\n")
    for d in (14, 15, 16, 17, 18, 19, 20, 21, 22):
        assert f"{format_date(D(2026, 2, d))}:" in out


def test_cli_json(tmp_path, capsys):
    db = str(tmp_path / "x.sqlite3")
    assert _cli(["2026-03-13 15:01", "0", "--unit", "sameday", "--cutoff", "--json"], db) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["due"] == "2026-03-16T17:00:00"
    assert data["start_day"] == "2026-03-16"
    assert [s["date"] for s in data["skipped"]] == ["2026-03-14", "2026-03-15"]
    assert data["skipped"][0]["reason"] == "Thứ Bảy – nghỉ cuối tuần"


@pytest.mark.parametrize(
    "argv,message",
    [(["13/02/2026", "ba"], "Thời hạn"), (["13/02/2026", "3", "--unit", "weeks"], "Đơn vị")],
)
def test_cli_bad_input(tmp_path, argv, message):
    with pytest.raises(DomainError, match=message):
        _cli(argv, str(tmp_path / "x.sqlite3"))


def test_formatting():
    assert format_date(D(2026, 2, 13)) == "Thứ Sáu, 13/02/2026"
    assert format_date(D(2026, 2, 15)) == "Chủ nhật, 15/02/2026"
    assert format_time(dt.time(10, 0)) == "10 giờ 00 phút"
    assert format_time(dt.time(7, 5)) == "07 giờ 05 phút"


# -- properties ------------------------------------------------------------------------------

RECEIVED = st.datetimes(min_value=T(2024, 1, 1), max_value=T(2027, 12, 31, 23, 59))
SETTINGS = settings(max_examples=300, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


def _in_office_hours(cal: WorkCalendar, moment: dt.datetime) -> bool:
    h, t = cal.hours, moment.time()
    return h.morning[0] <= t <= h.morning[1] or h.afternoon[0] <= t <= h.afternoon[1]


@SETTINGS
@given(received=RECEIVED, n=st.integers(1, 40), cutoff=st.booleans())
def test_property_working_days(cal, received, n, cutoff):
    r = cal.due(received, n, WD, cutoff)
    assert cal.is_working_day(r.due.date())
    assert r.due > received and r.due.date() > received.date()
    assert len(r.counted) == n and all(cal.is_working_day(d) for d in r.counted)
    assert cal.working_days_between(r.start_day, r.due.date()) == n
    assert cal.is_working_day(r.start_day)
    assert _in_office_hours(cal, r.due)
    assert all(not cal.is_working_day(d) for d, _ in r.skipped)


@SETTINGS
@given(received=RECEIVED, n=st.integers(1, 30), cutoff=st.booleans())
def test_property_working_hours(cal, received, n, cutoff):
    r = cal.due(received, n, WH, cutoff)
    assert r.due > received
    assert cal.is_working_day(r.due.date()) and _in_office_hours(cal, r.due)
    # the office minutes between the start and the due moment are exactly n hours
    minutes, moment = 0, r.start
    for day in r.counted:
        for a, b in (cal.hours.morning, cal.hours.afternoon):
            lo = max(T.combine(day, a), moment)
            hi = min(T.combine(day, b), r.due)
            if hi > lo:
                minutes += (hi - lo) / dt.timedelta(minutes=1)
    assert minutes == n * 60


@SETTINGS
@given(received=RECEIVED, n=st.integers(1, 60))
def test_property_calendar_days(cal, received, n):
    r = cal.due(received, n, CD)
    assert cal.is_working_day(r.due.date())
    assert r.due.date() >= r.start_day + dt.timedelta(days=n)
    assert all(not cal.is_working_day(d) for d in
               (r.start_day + dt.timedelta(days=n) + dt.timedelta(days=i)
                for i in range((r.due.date() - r.start_day).days - n)))
