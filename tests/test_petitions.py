"""Petitions through app.petitions: every clock with worked dates (Tết 2027, the 2/9 holidays
of 2026 with their swapped day and make-up Saturday), a life cycle per kind, bad input that
writes nothing, a returning citizen's earlier cases, the counts of a period, and a denouncer's
identity kept from everyone but the handling officer and the chairman."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from app import users
from app.database import open_memory
from app.errors import DomainError, PermissionDenied
from app.petitions import clock, intake, privacy, queries, service, steps
from app.petitions.steps import Step
from app.petitions.types import PetitionInput
from app.workdays import load_calendar
from db.models import (
    AuditEntry,
    Petition,
    PetitionEvent,
    PetitionKind,
    PetitionStatus,
    Role,
    TimeUnit,
)
from tests.conftest import make_sample

S = PetitionStatus
D = dt.date


@pytest.fixture(scope="module")
def cal():
    ctx = open_memory()
    c = load_calendar(ctx, 2026, 2027)
    # the facts the worked dates below rest on (the holidays package and its swaps)
    assert all(not c.is_working_day(d) for d in (D(2027, 2, 4), D(2027, 2, 5), D(2027, 2, 8),
                                                  D(2027, 2, 9), D(2027, 2, 10)))
    assert not c.is_working_day(D(2026, 8, 31)) and not c.is_working_day(D(2026, 9, 2))
    assert c.is_working_day(D(2026, 8, 22))  # a Saturday worked for the Monday off
    ctx.engine.dispose()
    return c


@pytest.mark.parametrize("start, value, unit, due, said", [
    # 10 working days across Tết 2027: 29 Tết to mùng năm are not counted
    (D(2027, 1, 28), 10, TimeUnit.WORKING_DAYS, D(2027, 2, 18), "04/02/2027"),
    # 30 calendar days ending on Tết (Saturday 06/02/2027) move to the first working day
    (D(2027, 1, 7), 30, TimeUnit.CALENDAR_DAYS, D(2027, 2, 11), "ngày nghỉ"),
    # 10 working days over 2/9/2026: the make-up Saturday counts, 31/8–2/9 do not
    (D(2026, 8, 20), 10, TimeUnit.WORKING_DAYS, D(2026, 9, 7), "22/08/2026"),
    # a denunciation's notice: 5 working days from Friday 28/08/2026
    (D(2026, 8, 28), 5, TimeUnit.WORKING_DAYS, D(2026, 9, 9), "31/08/2026"),
    # 30 calendar days ending on a working day stay there
    (D(2026, 10, 5), 30, TimeUnit.CALENDAR_DAYS, D(2026, 11, 4), "Hạn: Thứ Tư, 04/11/2026"),
    # a deadline on a Sunday moves to Monday
    (D(2026, 11, 5), 30, TimeUnit.CALENDAR_DAYS, D(2026, 12, 7), "05/12/2026"),
])
def test_every_clock_with_worked_dates(cal, start, value, unit, due, said):
    result = clock.deadline(cal, start, value, unit, "Thử")
    assert result.due == due
    assert said in " ".join(result.explanation)


def test_the_rule_table_holds_the_law_and_follows_its_changes(ctx):
    rows = {(r.kind, r.complexity, r.remote): r for r in clock.rules(ctx)}
    assert len(rows) == 24
    c = rows[(PetitionKind.COMPLAINT, "normal", False)]
    assert (c.classify_value, c.classify_unit, c.resolve_value) == (10, "working_days", 30)
    assert rows[(PetitionKind.COMPLAINT, "complex", True)].resolve_value == 60
    assert rows[(PetitionKind.COMPLAINT, "normal", True)].resolve_value == 45
    d = rows[(PetitionKind.DENUNCIATION, "very_complex", False)]
    assert (d.max_extensions, d.extension_value, d.notify_value) == (2, 30, 5)
    assert rows[(PetitionKind.DENUNCIATION, "normal", False)].max_extensions == 0
    amended = clock.amend_rule(ctx, c.id, resolve_value=20, basis="Luật mới")
    assert amended.resolve_value == 20
    with pytest.raises(DomainError):
        clock.amend_rule(ctx, c.id, resolve_unit="working_hours")
    with pytest.raises(DomainError):
        clock.amend_rule(ctx, c.id, classify_value=0)


# -- a commune with a clerk, two officers and the chairman ----------------------------------

@pytest.fixture
def office(ctx):
    users.create_user(ctx, "tuphap", "Hoàng Thị Lan", Role.OFFICER, "matkhau123")
    users.create_user(ctx, "diachinh", "Bùi Quang Minh", Role.OFFICER, "matkhau123")
    users.create_user(ctx, "chutich", "Nguyễn Văn Chủ", Role.CHAIRMAN, "matkhau123")
    signed = {name: ctx.as_user(users.authenticate(ctx, name, "matkhau123"))
              for name in ("canbo", "tuphap", "diachinh", "chutich", "admin")}
    return signed


RECEIVED = D(2026, 11, 2)  # a Monday


def _petition(ctx, kind="complaint", on=RECEIVED, **kw):
    data = dict(subject=kw.pop("subject", "Tranh chấp ranh giới đất với hộ liền kề"),
                content=kw.pop("content", "Đề nghị UBND xã xem xét, giải quyết."),
                field=kw.pop("field", "land"), received_on=on,
                petitioner_name=kw.pop("name", "Lê Văn Tám"))
    data.update(kw)
    return intake.receive(ctx, PetitionInput(kind, **data))


def _counts(ctx):
    with ctx.read() as s:
        return tuple(s.scalar(select(func.count()).select_from(m))
                     for m in (Petition, PetitionEvent, AuditEntry))


def test_a_complaint_from_receipt_to_the_notified_result(office):
    clerk, lan = office["canbo"], office["tuphap"]
    row = _petition(clerk)
    assert (row.reference, row.status, row.classify_due) == ("01/2026", S.RECEIVED, D(2026, 11, 16))
    row = service.accept(lan, row.id, handler_id=lan.user.user_id, on=D(2026, 11, 5))
    assert (row.status, row.handler, row.due_on) == (S.ACCEPTED, "Hoàng Thị Lan", D(2026, 12, 7))
    with pytest.raises(DomainError, match="chỉ đơn tố cáo"):
        service.extend(lan, row.id, "QĐ 01", on=D(2026, 11, 20))  # complaints have no extension
    with pytest.raises(DomainError, match="không dùng cho đơn khiếu nại"):
        service.resolve(lan, row.id, "founded", "Kết luận", on=D(2026, 11, 25))
    row = service.resolve(lan, row.id, "partly_right", "Quyết định số 15/QĐ-UBND: đúng một phần",
                          on=D(2026, 11, 25))
    assert row.status == S.RESOLVED and row.outcome == "partly_right"
    row = service.notify(lan, row.id, "Gửi quyết định, giao tận tay", on=D(2026, 11, 26))
    assert row.status == S.CLOSED and row.notified_on == D(2026, 11, 26)
    kinds = [e.kind for e in queries.events(clerk, row.id)]
    assert kinds == ["received", "accepted", "resolved", "notified"]
    reopened = service.reopen(lan, row.id, "Công dân khiếu nại lại, có tình tiết mới",
                              on=D(2026, 12, 1))
    assert reopened.status == S.ACCEPTED and reopened.outcome is None


def test_a_denunciation_with_notice_extensions_and_a_pause(office):
    clerk, lan = office["canbo"], office["tuphap"]
    row = _petition(clerk, "denunciation", on=D(2026, 8, 20), field="conduct",
                    subject="Tố cáo cán bộ địa chính nhận tiền", name="Trần Văn Tố",
                    petitioner_phone="0912345678", complexity="complex")
    row = service.accept(lan, row.id, handler_id=lan.user.user_id, on=D(2026, 8, 28))
    assert row.accept_notice_due == D(2026, 9, 9) and row.due_on == D(2026, 9, 28)
    assert row.overdue(D(2026, 9, 10))  # the notice of acceptance is late
    row = service.notify_acceptance(lan, row.id, on=D(2026, 9, 3))
    assert not row.overdue(D(2026, 9, 10))
    row = service.extend(lan, row.id, "Quyết định số 20/QĐ-UBND ngày 25/09/2026",
                         on=D(2026, 9, 25))
    assert (row.extensions, row.due_on, row.legal_due_on) == (1, D(2026, 10, 28), D(2026, 9, 28))
    before = _counts(lan)
    with pytest.raises(DomainError, match="tối đa 1 lần"):  # complex: once only
        service.extend(lan, row.id, "Quyết định số 21/QĐ-UBND", on=D(2026, 10, 20))
    assert _counts(lan) == before
    row = service.pause(lan, row.id, "Chờ kết quả giám định chữ ký", on=D(2026, 10, 8))
    assert row.status == S.PAUSED and not row.overdue(D(2026, 12, 1))  # the clock stopped
    row = service.resume(lan, row.id, on=D(2026, 10, 19))
    assert row.due_on == D(2026, 11, 9)  # the 20 days left, counted again from 19/10 (a Sunday moves)
    row = service.resolve(lan, row.id, "unfounded", "Kết luận số 05/KL-UBND", on=D(2026, 11, 2))
    assert [e.kind for e in queries.events(lan, row.id)][-1] == "resolved"


@pytest.mark.parametrize("step, call", [
    ("forward", lambda c, pid: service.forward(c, pid, "Phòng Tài nguyên và Môi trường",
                                               on=D(2026, 11, 4))),
    ("guide", lambda c, pid: service.guide(c, pid, "Hướng dẫn gửi đơn đến Tòa án nhân dân",
                                           on=D(2026, 11, 4))),
    ("file", lambda c, pid: service.file(c, pid, "duplicate", "Trùng đơn 01/2026",
                                         on=D(2026, 11, 4))),
])
def test_classification_other_than_acceptance_ends_the_case(office, step, call):
    row = _petition(office["canbo"], "recommendation")
    done = call(office["tuphap"], row.id)
    assert done.status in (S.FORWARDED, S.GUIDED, S.FILED) and done.classified_on == D(2026, 11, 4)
    assert not steps.allowed_steps(office["tuphap"].user, done.status, done.kind) - {Step.REOPEN}


def test_a_recommendation_and_a_withdrawn_feedback(office):
    clerk, minh = office["canbo"], office["diachinh"]
    rec = _petition(clerk, "recommendation", field="environment", subject="Đề nghị nạo vét kênh")
    rec = service.accept(minh, rec.id, handler_id=minh.user.user_id, on=D(2026, 11, 3))
    rec = service.resolve(minh, rec.id, "answered", "Văn bản trả lời số 30/UBND",
                          on=D(2026, 11, 20))
    assert rec.status == S.RESOLVED
    fb = _petition(clerk, "feedback", field="order", subject="Phản ánh tiếng ồn quán karaoke")
    fb = service.withdraw(clerk, fb.id, "Hai bên đã tự hòa giải", on=D(2026, 11, 6))
    assert fb.status == S.WITHDRAWN


@pytest.mark.parametrize("call, message", [
    (lambda o, p: service.resolve(o["tuphap"], p, "right", "QĐ", on=D(2026, 11, 5)),
     "trạng thái"),  # a resolution before acceptance
    (lambda o, p: service.accept(o["tuphap"], p, handler_id=o["tuphap"].user.user_id,
                                 on=dt.date.today() + dt.timedelta(days=3)), "tương lai"),
    (lambda o, p: service.accept(o["tuphap"], p, handler_id=o["tuphap"].user.user_id,
                                 on=D(2026, 10, 1)), "trước ngày nhận đơn"),
    (lambda o, p: service.accept(o["tuphap"], p, handler_id=o["canbo"].user.user_id,
                                 on=D(2026, 11, 4)), "công chức"),
    (lambda o, p: service.notify(o["tuphap"], p, "Gửi văn bản", on=D(2026, 11, 4)),
     "trạng thái"),  # a petition closed without a result
    (lambda o, p: service.accept(o["canbo"], p, handler_id=o["tuphap"].user.user_id,
                                 on=D(2026, 11, 4)), "không có quyền"),
    (lambda o, p: service.file(o["tuphap"], p, "", on=D(2026, 11, 4)), "lý do lưu đơn"),
])
def test_bad_steps_are_refused_and_write_nothing(office, call, message):
    row = _petition(office["canbo"])
    before = _counts(office["canbo"])
    with pytest.raises(DomainError, match=message):
        call(office, row.id)
    assert _counts(office["canbo"]) == before
    assert queries.get_petition(office["canbo"], row.id).status == S.RECEIVED


def test_bad_petitions_are_refused_and_write_nothing(office):
    clerk = office["canbo"]
    before = _counts(clerk)
    for kw, message in ((dict(content="  "), "nội dung"), (dict(subject=""), "trích yếu"),
                        (dict(on=dt.date.today() + dt.timedelta(days=1)), "tương lai"),
                        (dict(channel="forwarded"), "cơ quan chuyển"),
                        (dict(name="", anonymous=False), "họ tên người gửi đơn")):
        with pytest.raises(DomainError, match=message):
            _petition(clerk, **kw)
    assert _counts(clerk) == before
    anonymous = _petition(clerk, "denunciation", name="", anonymous=True)
    with pytest.raises(DomainError, match="nặc danh"):
        service.accept(office["tuphap"], anonymous.id, handler_id=office["tuphap"].user.user_id,
                       on=D(2026, 11, 4))
    with pytest.raises(PermissionDenied):
        clock.amend_rule(clerk, 1, resolve_value=20)


def test_a_returning_citizen_sees_the_earlier_cases_first(office):
    clerk = office["canbo"]
    first = _petition(clerk, subject="Tranh chấp ranh giới đất với hộ ông Bình")
    other = _petition(clerk, "recommendation", subject="Đề nghị sửa đường thôn")
    found = queries.earlier_cases(clerk, name="le van tam", subject="ranh giới đất hộ Bình")
    assert found == [first.id]
    assert set(queries.earlier_cases(clerk, name="Lê Văn Tám")) == {first.id, other.id}
    repeat = _petition(clerk, subject="Tranh chấp ranh giới đất (lần 2)", duplicate_of_id=first.id)
    assert repeat.duplicate_of_id == first.id


def test_counts_of_a_period(office):
    clerk, lan = office["canbo"], office["tuphap"]
    old = _petition(clerk, on=D(2026, 9, 1))
    service.accept(lan, old.id, handler_id=lan.user.user_id, on=D(2026, 9, 3))
    done = _petition(clerk, "recommendation", on=D(2026, 10, 5))
    service.accept(lan, done.id, handler_id=lan.user.user_id, on=D(2026, 10, 6))
    service.resolve(lan, done.id, "answered", "Trả lời", on=D(2026, 10, 20))
    moved = _petition(clerk, "feedback", on=D(2026, 10, 7))
    service.forward(lan, moved.id, "Công an tỉnh", on=D(2026, 10, 9))
    c = queries.counts(clerk, D(2026, 10, 1), D(2026, 10, 31))
    assert c["all"]["received"] == 2 and c["all"]["carried_over"] == 1
    assert c["all"]["resolved_on_time"] == 1 and c["all"]["forwarded"] == 1
    # the complaint accepted on 03/09 was due on 05/10/2026 (30 days end on a Saturday)
    assert c["all"]["in_progress"] == 1 and c["all"]["overdue"] == 1
    assert c["complaint"]["carried_over"] == 1 and c["recommendation"]["received"] == 1
    september = queries.counts(clerk, D(2026, 9, 1), D(2026, 9, 30))
    assert september["all"]["in_progress"] == 1 and september["all"]["overdue"] == 0


def test_a_denouncers_identity_is_kept(office):
    clerk, lan, chairman = office["canbo"], office["tuphap"], office["chutich"]
    minh, admin = office["diachinh"], office["admin"]
    row = _petition(clerk, "denunciation", name="Trần Văn Tố", petitioner_phone="0912345678",
                    petitioner_cccd="038080001234", subject="Tố cáo thu tiền sai quy định",
                    field="conduct")
    service.accept(lan, row.id, handler_id=lan.user.user_id, on=D(2026, 11, 4))
    secrets = ("Trần Văn Tố", "0912345678", "038080001234")

    def shown(r) -> str:
        return " ".join(str(v) for v in r.__dict__.values())

    # lists, searches and the attention lists: masked for everyone, the handler included
    for who in (clerk, lan, chairman, minh, admin):
        rows = queries.get_petitions(who, queries.search_ids(who))
        assert rows and not any(s in shown(r) for r in rows for s in secrets)
        assert queries.search_ids(who, queries.Filters(text="tran van to")) == []
        assert queries.search_ids(who, queries.Filters(text="0912345678")) == []
    # the case's own window: the handler and the chairman only, each reading recorded
    assert queries.get_petition(lan, row.id, reveal=True).petitioner_name == "Trần Văn Tố"
    assert queries.get_petition(chairman, row.id, reveal=True).petitioner_phone == "0912345678"
    for who in (clerk, minh, admin):
        hidden = queries.get_petition(who, row.id, reveal=True)
        assert hidden.identity_hidden and not any(s in shown(hidden) for s in secrets)
    with clerk.read() as s:
        readers = sorted(s.scalars(select(AuditEntry.username).where(
            AuditEntry.action == privacy.IDENTITY_READ)))
        logged = " ".join(s.scalars(select(AuditEntry.changes)))
    assert readers == ["chutich", "tuphap"]
    assert not any(secret in logged for secret in secrets)  # not in the audit log either
    # a complaint's petitioner is no secret
    plain = _petition(clerk, name="Lê Văn Tám")
    assert queries.get_petitions(clerk, [plain.id])[0].petitioner_name == "Lê Văn Tám"


def test_petitions_start_their_numbers_again_each_year(office):
    clerk = office["canbo"]
    assert _petition(clerk, on=D(2025, 12, 30)).reference == "01/2025"
    assert _petition(clerk, on=D(2026, 1, 5)).reference == "01/2026"
    assert _petition(clerk, on=D(2026, 1, 6)).reference == "02/2026"
    assert queries.load.__module__ == "app.petitions.queries"


@pytest.fixture
def ctx():
    context = make_sample(open_memory())
    yield context
    context.engine.dispose()


def test_the_notice_of_acceptance_is_offered_once_and_explained(office):
    lan = office["tuphap"]
    row = _petition(office["canbo"], "denunciation", name="Trần Văn Tố", field="conduct")
    row = service.accept(lan, row.id, handler_id=lan.user.user_id, on=D(2026, 11, 4))
    assert Step.NOTIFY_ACCEPTANCE in steps.allowed_steps(lan.user, row.status, row.kind)
    row = service.notify_acceptance(lan, row.id, on=D(2026, 11, 5))
    assert Step.NOTIFY_ACCEPTANCE not in steps.allowed_steps(
        lan.user, row.status, row.kind, notice_given=row.accept_notified_on is not None)
    accepted = [e for e in queries.events(lan, row.id) if e.kind == "accepted"][0]
    assert "Thông báo thụ lý" in accepted.data["accept_notice_explanation"][0]
    assert {u.username for u in service.handlers(lan)} == {"tuphap", "diachinh", "chutich"}
