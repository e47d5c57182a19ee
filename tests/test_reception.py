"""Citizen reception through app.reception: the schedule (a month and a year planned at once,
a holiday moved within its week, extra sessions, a day held), visits ending answered, guided or
with a petition registered in the same unit of work, a returning citizen recognised, the weeks
with no reception day held, bad input that writes nothing, and a denouncer's identity masked."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from app import users
from app.errors import DomainError, NotFound, PermissionDenied
from app.petitions import queries as petition_queries
from app.reception import queries, schedule, visits
from app.reception.types import Filters, VisitInput
from db.models import (
    AuditEntry,
    Petition,
    PetitionChannel,
    ReceptionDay,
    ReceptionKind,
    ReceptionVisit,
    Role,
    VisitHandling,
)

D = dt.date
T = dt.datetime
H = VisitHandling


@pytest.fixture
def office(ctx):
    users.create_user(ctx, "tuphap", "Hoàng Thị Lan", Role.OFFICER, "matkhau123")
    users.create_user(ctx, "diachinh", "Bùi Quang Minh", Role.OFFICER, "matkhau123")
    users.create_user(ctx, "chutich", "Nguyễn Văn Chủ", Role.CHAIRMAN, "matkhau123")
    return {name: ctx.as_user(users.authenticate(ctx, name, "matkhau123"))
            for name in ("canbo", "tuphap", "diachinh", "chutich", "admin")}


def _counts(ctx):
    with ctx.read() as s:
        return tuple(s.scalar(select(func.count()).select_from(m))
                     for m in (ReceptionDay, ReceptionVisit, Petition, AuditEntry))


def _resident(ctx, name):
    from app.resident_lists import search_resident_ids

    return search_resident_ids(ctx, name)[0]


FRIDAY = T(2026, 3, 6, 8, 30)


def _visit(ctx, handling=H.ANSWERED, at=FRIDAY, **kw):
    data = dict(kind=kw.pop("kind", "recommendation"),
                content=kw.pop("content", "Đề nghị sửa đường bê tông liên thôn bị sụt lún"),
                handling=handling, field=kw.pop("field", "other"), visited_at=at,
                citizen_name=kw.pop("name", "Lê Văn Tám"),
                answer=kw.pop("answer", "Xã đã đưa vào kế hoạch sửa chữa quý II."))
    data.update(kw)
    return visits.record_visit(ctx, VisitInput(**data))


# -- the schedule ----------------------------------------------------------------------------

def test_a_month_planned_at_once_moves_a_holiday_within_its_week(office):
    clerk = office["canbo"]
    # April 2026: Thursday 30/04 is a holiday (Giải phóng miền Nam); Friday 01/05 too
    result = schedule.plan_month(clerk, 2026, 4, 3, hours="7h30 - 11h30")  # Thursdays
    days = [d.day for d in result.created]
    assert days == [D(2026, 4, 2), D(2026, 4, 9), D(2026, 4, 16), D(2026, 4, 23),
                    D(2026, 4, 29)]
    assert result.moved == [(D(2026, 4, 30), D(2026, 4, 29))]  # the Wednesday before
    assert {d.hours for d in result.created} == {"07:30-11:30"}
    assert {d.host for d in result.created} == {"Nguyễn Văn Chủ"}  # the chairman by default
    assert all(d.kind == ReceptionKind.REGULAR and not d.held for d in result.created)
    # planned again: every week already has its day
    again = schedule.plan_month(clerk, 2026, 4, 3)
    assert again.created == [] and len(again.skipped) == 5


def test_a_year_planned_at_once_has_a_day_every_week(office):
    result = schedule.plan_year(office["chutich"], 2027, 4)  # Fridays
    weeks = {schedule.monday_of(d.day) for d in result.created}
    assert len(result.created) == len(weeks) == 52
    assert result.skipped == [D(2027, 1, 1)]  # New Year, and its week began in 2026
    # Tết 2027: Friday 05/02 is off, the day goes back to Wednesday 03/02 of the same week;
    # Friday 30/04 (a holiday) to Thursday 29/04
    assert (D(2027, 2, 5), D(2027, 2, 3)) in result.moved
    assert (D(2027, 4, 30), D(2027, 4, 29)) in result.moved
    assert all(schedule.monday_of(a) == schedule.monday_of(b) for a, b in result.moved)


def test_extra_sessions_and_a_day_held(office):
    clerk = office["canbo"]
    extra = schedule.add_session(clerk, D(2026, 3, 10), hours="14:00-17:00",
                                 note="Tiếp đoàn hộ dân thôn Đồng Lạc về dự án đường")
    assert extra.kind == ReceptionKind.EXTRA and extra.hours == "14:00-17:00"
    with pytest.raises(DomainError, match="đã có buổi tiếp"):
        schedule.add_session(clerk, D(2026, 3, 10), hours="14:00-17:00")
    held = schedule.mark_held(clerk, extra.id, True, "Chủ tịch chủ trì")
    assert held.held and held.note == "Chủ tịch chủ trì"
    not_held = schedule.mark_held(clerk, extra.id, False, "Chủ tịch đi họp huyện")
    assert not not_held.held
    with pytest.raises(DomainError, match="lý do"):
        schedule.mark_held(clerk, extra.id, False, "")
    future = schedule.add_session(clerk, D.today() + dt.timedelta(days=30))
    with pytest.raises(DomainError, match="chưa đến"):
        schedule.mark_held(clerk, future.id, True)
    schedule.remove_day(clerk, future.id)
    with pytest.raises(NotFound):
        schedule.get_day(clerk, future.id)
    assert schedule.held_count(clerk, D(2026, 1, 1), D(2026, 12, 31)) == \
        {"regular": 0, "extra": 0, "all": 0}


def test_planning_needs_the_permission_and_good_hours(office):
    with pytest.raises(PermissionDenied):
        schedule.plan_month(office["tuphap"], 2026, 5, 4)  # an officer does not plan
    before = _counts(office["canbo"])
    for hours in ("11:30-07:30", "sáng", "25:00-26:00"):
        with pytest.raises(DomainError, match="Giờ tiếp"):
            schedule.plan_month(office["canbo"], 2026, 5, 4, hours=hours)
    with pytest.raises(DomainError, match="Thứ Hai đến Thứ Bảy"):
        schedule.plan_month(office["canbo"], 2026, 5, 6)
    with pytest.raises(DomainError, match="tháng/năm"):
        schedule.parse_month("tháng năm")
    assert schedule.parse_month("5/2026") == (2026, 5) == schedule.parse_month("2026-05")
    assert _counts(office["canbo"]) == before


def test_the_weeks_with_no_reception_day_held(office):
    clerk = office["canbo"]
    schedule.plan_month(clerk, 2026, 3, 4)  # Fridays 6, 13, 20, 27 March
    days = {d.day: d for d in schedule.days(clerk, D(2026, 3, 1), D(2026, 3, 31))}
    for day in (D(2026, 3, 6), D(2026, 3, 20), D(2026, 3, 27)):
        schedule.mark_held(clerk, days[day].id)
    # 13/03 not held; 02/03–08/03 held; an extra session held on Tuesday 10/03 covers nothing
    # else: the week of 09/03 is flagged
    weeks = schedule.weeks_without_held_day(clerk, D(2026, 3, 2), D(2026, 3, 31))
    assert [w.monday for w in weeks] == [D(2026, 3, 9)]
    extra = schedule.add_session(clerk, D(2026, 3, 10))
    schedule.mark_held(clerk, extra.id)
    assert schedule.weeks_without_held_day(clerk, D(2026, 3, 2), D(2026, 3, 31)) == []
    # the week still running (Monday 30/03 … Sunday 05/04) is not flagged before it ends, nor
    # the week of 09/03 in a period that begins on its Tuesday
    assert schedule.weeks_without_held_day(clerk, D(2026, 3, 30), D(2026, 4, 1)) == []
    schedule.mark_held(clerk, extra.id, False, "Hoãn")
    assert schedule.weeks_without_held_day(clerk, D(2026, 3, 10), D(2026, 3, 31)) == []
    assert len(schedule.weeks_without_held_day(clerk, D(2026, 3, 9), D(2026, 3, 31))) == 1
    assert schedule.held_count(clerk, D(2026, 3, 1), D(2026, 3, 31)) == \
        {"regular": 3, "extra": 0, "all": 3}


def test_a_week_with_no_working_day_is_not_flagged(ctx):
    from app.workdays import load_calendar

    cal = load_calendar(ctx, 2025)
    # Tết 2025: 25/01 – 02/02; the week of Monday 27/01 has no working day
    assert not any(cal.is_working_day(D(2025, 1, 27) + dt.timedelta(days=i)) for i in range(7))
    weeks = {w.monday for w in schedule.weeks_without_held_day(ctx, D(2025, 1, 20),
                                                               D(2025, 2, 9))}
    assert weeks == {D(2025, 1, 20), D(2025, 2, 3)}


# -- visits ----------------------------------------------------------------------------------

def test_a_visit_answered_on_the_spot_lands_on_its_reception_day(office):
    clerk = office["canbo"]
    schedule.plan_month(clerk, 2026, 3, 4)
    row = _visit(clerk, name="Lê Văn Tám", citizen_address="Xóm 4, Đồng Lạc",
                 citizen_phone="0912 000 111")
    assert (row.handling, row.petition_id, row.received_by) == (H.ANSWERED, None, "Lê Thị Lan")
    assert row.citizen_phone == "0912000111"
    day = schedule.days(clerk, D(2026, 3, 6), D(2026, 3, 6))[0]
    assert row.day_id == day.id and day.visits == 1
    # found again without diacritics, by name or by content
    for text in ("le van tam", "sut lun", "0912000111"):
        assert queries.search_ids(clerk, Filters(text=text)) == [row.id]
    assert queries.search_ids(clerk, Filters(handling=H.GUIDED)) == []
    assert queries.search_ids(clerk, Filters(start=D(2026, 3, 7))) == []


def test_a_visit_from_the_register_is_guided(office, ctx):
    clerk = office["canbo"]
    resident = _resident(ctx, "Đặng Thị Hà")
    row = _visit(clerk, H.GUIDED, citizen_resident_id=resident, kind="feedback",
                 content="Hỏi thủ tục đăng ký thường trú cho con",
                 answer="Hướng dẫn nộp hồ sơ tại Bộ phận một cửa, mang theo giấy khai sinh.")
    assert row.citizen_name == "Đặng Thị Hà"
    assert "Phú Thọ" in row.citizen_address  # the household's address with its village
    assert row.answer.startswith("Hướng dẫn")


def test_a_visit_that_brings_a_petition_registers_it_in_the_same_unit_of_work(office):
    clerk = office["canbo"]
    group = _visit(clerk, H.PETITION, kind="complaint", field="land", group_size=7,
                   name="Trần Văn Bình", subject="Khiếu nại việc thu hồi đất làm đường",
                   content="Bảy hộ thôn Đồng Lạc khiếu nại mức bồi thường khi thu hồi đất",
                   received_by=office["chutich"].user.user_id, answer="ignored")
    assert group.petition_reference == "01/2026" and group.group_size == 7
    assert group.received_by == "Nguyễn Văn Chủ" and group.answer == ""
    p = petition_queries.get_petition(clerk, group.petition_id)
    assert (p.channel, p.kind, p.signatories, p.received_on) == (
        PetitionChannel.RECEPTION, "complaint", 7, D(2026, 3, 6))
    assert p.subject == "Khiếu nại việc thu hồi đất làm đường"
    assert p.petitioner_name == "Trần Văn Bình"
    assert queries.visits_of_petition(clerk, p.id) == [group.id]


@pytest.mark.parametrize("change, message", [
    ({"at": T.now() + dt.timedelta(days=2)}, "tương lai"),
    ({"content": "   "}, "nội dung công dân trình bày"),
    ({"group_size": 0}, "Số người"),
    ({"handling": H.PETITION, "subject": ""}, "trích yếu"),
    ({"answer": ""}, "đã trả lời"),
    ({"handling": H.GUIDED, "answer": ""}, "đã hướng dẫn"),
    ({"name": ""}, "họ tên công dân"),
    ({"kind": "gossip"}, "loại nội dung"),
    ({"previous_visit_id": 999}, "lượt tiếp trước"),
    ({"received_by": 999}, "tài khoản đang làm việc"),
    ({"handling": H.PETITION, "subject": "Đơn", "kind": "complaint",
      "citizen_phone": "12"}, "điện thoại"),
])
def test_bad_input_is_refused_and_writes_nothing(office, change, message):
    clerk = office["canbo"]
    before = _counts(clerk)
    with pytest.raises(DomainError, match=message):
        _visit(clerk, **change)
    assert _counts(clerk) == before


# -- a returning citizen ---------------------------------------------------------------------

def test_a_returning_citizen_is_recognised_the_same_matter_first(office, ctx):
    clerk = office["canbo"]
    resident = _resident(ctx, "Nguyễn Văn Thắng")
    road = _visit(clerk, citizen_resident_id=resident, at=T(2026, 2, 6, 8, 0),
                  content="Đề nghị sửa đường bê tông xóm 1 bị sụt lún")
    light = _visit(clerk, citizen_resident_id=resident, at=T(2026, 2, 20, 8, 0),
                   content="Đề nghị lắp đèn chiếu sáng ngõ xóm")
    petition = _visit(clerk, H.PETITION, citizen_resident_id=resident, at=T(2026, 2, 27, 9, 0),
                      kind="recommendation", subject="Kiến nghị sửa đường bê tông xóm 1",
                      content="Đường bê tông xóm 1 sụt lún, đề nghị sửa")
    other = _visit(clerk, name="Phạm Thị Mai", content="Đề nghị sửa đường bê tông")
    found = queries.earlier(clerk, resident_id=resident, name="Nguyễn Văn Thắng",
                            content="đuong be tong xom 1 van chua sua")
    assert [v.id for v in found.visits][:2] == [petition.id, road.id]  # same matter first
    assert found.same_visits == {petition.id, road.id}
    assert [v.id for v in found.visits] == [petition.id, road.id, light.id]
    assert other.id not in {v.id for v in found.visits}
    assert found.petition_ids == [petition.petition_id]
    assert found.same_petitions == {petition.petition_id}
    # the new visit links to the one before
    again = _visit(clerk, citizen_resident_id=resident, at=T(2026, 3, 6, 8, 0),
                   content="Đường bê tông xóm 1 vẫn chưa sửa", previous_visit_id=petition.id)
    assert again.previous_visit_id == petition.id
    # a name typed in is recognised too, diacritics or not
    typed = queries.earlier(clerk, name="pham thi mai")
    assert [v.id for v in typed.visits] == [other.id]
    assert queries.earlier(clerk, name="  ").empty


# -- a denouncer's identity ------------------------------------------------------------------

def test_a_denunciation_visit_keeps_its_visitor_hidden(office):
    clerk, lan, minh, chairman = (office[k] for k in ("canbo", "tuphap", "diachinh", "chutich"))
    row = _visit(clerk, H.PETITION, kind="denunciation", field="conduct",
                 name="Vũ Văn Kín", citizen_address="Xóm 2, Phú Thọ", citizen_phone="0987654321",
                 subject="Tố cáo cán bộ địa chính nhận tiền",
                 content="Tố cáo cán bộ địa chính nhận tiền khi đo đạc đất")
    assert row.identity_hidden and row.citizen_name != "Vũ Văn Kín"
    assert (row.citizen_address, row.citizen_phone) == ("***", "***")
    from app.petitions import service

    service.accept(lan, row.petition_id, handler_id=lan.user.user_id, on=D(2026, 3, 6))
    for reader in (clerk, lan, minh, chairman, office["admin"]):
        listed = queries.get_visits(reader, queries.search_ids(reader))
        assert all("Kín" not in v.citizen_name for v in listed)
        assert queries.search_ids(reader, Filters(text="vu van kin")) == []
        assert queries.earlier(reader, name="Vũ Văn Kín").empty
    for reader in (clerk, minh, office["admin"]):
        assert queries.get_visit(reader, row.id, reveal=True).identity_hidden
    for reader in (lan, chairman):
        seen = queries.get_visit(reader, row.id, reveal=True)
        assert (seen.citizen_name, seen.citizen_phone) == ("Vũ Văn Kín", "0987654321")
    with chairman.read() as s:
        readings = s.scalars(select(AuditEntry).where(AuditEntry.action == "read_identity",
                                                      AuditEntry.entity == "reception_visit"))
        assert {a.username for a in readings} == {"tuphap", "chutich"}
        # the audit entry of the visit itself names no one
        created = s.scalars(select(AuditEntry).where(AuditEntry.entity == "reception_visit",
                                                     AuditEntry.action == "create")).one()
        assert "Kín" not in created.changes


def test_a_denunciation_answered_on_the_spot_is_seen_by_the_chairman_only(office):
    row = _visit(office["canbo"], kind="denunciation", name="Vũ Văn Kín",
                 content="Tố cáo hàng xóm lấn chiếm đất công",
                 answer="Đã giải thích: việc lấn chiếm do UBND xã kiểm tra, xử lý.")
    assert queries.get_visit(office["tuphap"], row.id, reveal=True).identity_hidden
    assert not queries.get_visit(office["chutich"], row.id, reveal=True).identity_hidden
