"""The dossier life cycle through app.desk: reception, clocks, return, locks, concurrency."""

import datetime as dt
import json
import threading

import pytest
from sqlalchemy import func, select

from app import catalogue_io, procedures, resident_lists, residents, settings, users, villages
from app.database import open_database, open_memory
from app.desk import lifecycle as L
from app.desk import queries as Q
from app.desk import reception
from app.desk.types import DossierInput
from app.errors import DomainError, PermissionDenied
from db.models import (
    AuditEntry,
    CivilEvent,
    Dossier,
    DossierEvent,
    DossierStatus,
    Outcome,
    Role,
)

PROFILE = {"commune_name": "Quang Trung", "province": "Thanh Hóa", "place_name": "Quang Trung",
           "agency_id": "000.17.22.H56", "chairman_name": "Nguyễn Văn Thắng"}


def prepare(ctx):
    settings.save_profile(ctx, PROFILE)
    with ctx.write() as s:
        catalogue_io.load_starter(s, ctx.user)
    users.create_user(ctx, "motcua", "Trần Thị Thu Hà", Role.CLERK, "123456")
    users.create_user(ctx, "tuphap", "Hoàng Thị Lan", Role.OFFICER, "123456")
    users.create_user(ctx, "quantri", "Phạm Văn Toàn", Role.ADMIN, "123456")
    vid = villages.create_village(ctx, "Thôn Đoài")
    residents.create_household(ctx, vid, "Xóm 1", residents.ResidentInput(
        "Nguyễn Văn Thắng", "Nam", "12/03/1970", "038070001234", "0912345678"), code="QT-0001")
    return ctx


@pytest.fixture
def ctx():
    return prepare(open_memory())


def as_user(ctx, username):
    return ctx.as_user(users.authenticate(ctx, username, "123456"))


def proc(ctx, code):
    return procedures.search_procedure_ids(ctx, code)[0]


def officer_id(ctx):
    return next(u.id for u in users.list_users(ctx) if u.username == "tuphap")


def counts(ctx):
    with ctx.read() as s:
        return tuple(s.scalar(select(func.count()).select_from(m))
                     for m in (Dossier, DossierEvent, AuditEntry, CivilEvent))


def receive(ctx, code="1.001022", when=dt.datetime(2026, 2, 13, 10, 0), **kw):
    data = DossierInput(proc(ctx, code), kw.pop("name", "Lê Văn Tám"), received_at=when, **kw)
    return reception.receive(as_user(ctx, "motcua"), data)


def test_reception_codes_ledger_and_due_date(ctx):
    a = receive(ctx)
    b = receive(ctx, when=dt.datetime(2026, 2, 13, 11, 0))
    c = receive(ctx, when=dt.datetime(2026, 2, 23, 8, 0))
    assert [a.code, b.code, c.code] == ["000.17.22.H56-260213-0001", "000.17.22.H56-260213-0002",
                                        "000.17.22.H56-260223-0001"]
    assert [a.ledger_line, b.ledger_line, c.ledger_line] == [1, 2, 3]
    assert a.due_at == dt.datetime(2026, 2, 25, 10, 0)  # 3 working days over Tết
    assert a.status == DossierStatus.RECEIVED and a.received_by == "Trần Thị Thu Hà"
    assert Q.lookup(ctx, a.code.lower()) == [a.id]
    assert Q.lookup(ctx, "le van tam") == [c.id, b.id, a.id]


def test_applicant_from_the_register(ctx):
    [rid] = resident_lists.search_resident_ids(ctx, "nguyen van thang")
    row = reception.receive(as_user(ctx, "motcua"), DossierInput(
        proc(ctx, "1.001193"), applicant_resident_id=rid, received_at=dt.datetime(2026, 3, 2, 9)))
    assert (row.applicant_name, row.applicant_phone) == ("Nguyễn Văn Thắng", "0912345678")
    assert "Thôn Đoài" in row.applicant_address
    assert Q.lookup(ctx, "0912345678") == [row.id]


def test_cutoff_after_15_for_same_day_procedures(ctx):
    early = receive(ctx, "1.001193", when=dt.datetime(2026, 3, 2, 14, 59))
    late = receive(ctx, "1.001193", when=dt.datetime(2026, 3, 2, 15, 1))
    assert early.due_at.date() == dt.date(2026, 3, 2)
    assert late.due_at.date() == dt.date(2026, 3, 3)


def test_full_life_cycle_with_a_supplement(ctx):
    d = receive(ctx)
    clerk = as_user(ctx, "motcua")
    L.hand_over(clerk, d.code, officer_id(ctx), at=dt.datetime(2026, 2, 13, 10, 30))
    officer = as_user(ctx, "tuphap")
    L.request_supplement(officer, d.code, [{"name": "Giấy chứng sinh", "kind": "original"}],
                         "Thiếu giấy chứng sinh", at=dt.datetime(2026, 2, 23, 9, 0))
    assert Q.attention(ctx, now=dt.datetime(2026, 2, 24, 9))["supplement"] == [d.id]
    row, lines = L.supplement_received(clerk, d.code, at=dt.datetime(2026, 2, 26, 8, 0))
    assert row.due_at == dt.datetime(2026, 3, 2, 10, 0)  # 2 working days were left
    assert any("Còn 2 ngày làm việc" in x for x in lines)
    L.mark_ready(officer, d.code, at=dt.datetime(2026, 2, 27, 8, 0))
    assert Q.attention(ctx, now=dt.datetime(2026, 2, 27, 9))["ready"] == [d.id]
    done = L.return_result(clerk, d.code, returned_to="Lê Văn Tám", satisfaction="satisfied",
                           at=dt.datetime(2026, 2, 27, 9, 0))
    assert (done.status, done.outcome) == (DossierStatus.RETURNED, Outcome.EARLY)
    kinds = [e.kind for e in Q.events(ctx, d.id)]
    assert kinds == ["received", "handed_over", "supplement_requested", "supplement_received",
                     "result_ready", "returned"]
    assert Q.events(ctx, d.id)[1].to == "Hoàng Thị Lan"
    with ctx.read() as s:
        audited = s.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.entity == "dossier", AuditEntry.entity_id == d.id))
    assert audited == 6  # every state change


def test_apology_keeps_the_original_lateness(ctx):
    d = receive(ctx)
    clerk = as_user(ctx, "motcua")
    L.hand_over(clerk, d.code, officer_id(ctx), at=dt.datetime(2026, 2, 13, 11))
    overdue = Q.attention(ctx, now=dt.datetime(2026, 2, 25, 16))["overdue"]
    assert overdue == [d.id]
    L.apologise(as_user(ctx, "tuphap"), d.code, "Chờ xác minh của cơ quan khác",
                dt.datetime(2026, 2, 27, 16), at=dt.datetime(2026, 2, 25, 16, 30))
    assert Q.get_dossier(ctx, d.id).apologies == 1
    assert Q.attention(ctx, now=dt.datetime(2026, 2, 26, 9))["overdue"] == []
    L.mark_ready(clerk, d.code, at=dt.datetime(2026, 2, 27, 9))
    done = L.return_result(clerk, d.code, returned_to="Lê Văn Tám", at=dt.datetime(2026, 2, 27, 10))
    assert done.outcome == Outcome.LATE  # the legal date was 25/02


def test_civil_event_recorded_on_return(ctx):
    d = receive(ctx, "1.001193", when=dt.datetime(2026, 3, 2, 9))
    clerk = as_user(ctx, "motcua")
    L.mark_ready(clerk, d.code, at=dt.datetime(2026, 3, 2, 9, 30))
    L.return_result(clerk, d.code, returned_to="Lê Văn Tám", event_person="Lê Minh Khôi",
                    at=dt.datetime(2026, 3, 2, 10))
    with ctx.read() as s:
        ev = s.scalars(select(CivilEvent)).one()
    assert (ev.kind, ev.person_name, ev.event_on) == ("birth", "Lê Minh Khôi", dt.date(2026, 3, 2))


@pytest.mark.parametrize("action,message", [
    (lambda c, d: L.return_result(c, d.code, returned_to="A"), "chưa có kết quả"),
    (lambda c, d: L.supplement_received(c, d.code), "không thể ghi nhận hồ sơ bổ sung"),
    (lambda c, d: L.request_supplement(c, d.code, [], "x"), "ít nhất một giấy tờ"),
    (lambda c, d: L.refuse(c, d.code, ""), "lý do từ chối"),
    (lambda c, d: L.hand_over(c, d.code, 9999), "chọn cán bộ"),
    (lambda c, d: L.mark_ready(c, d.code, at=dt.datetime(2026, 2, 12)), "trước lúc tiếp nhận"),
    (lambda c, d: L.apologise(c, d.code, "x", dt.datetime(2026, 2, 20)), "Ngày hẹn mới"),
])
def test_bad_steps_are_refused_and_nothing_written(ctx, action, message):
    d = receive(ctx)
    clerk = as_user(ctx, "motcua")  # signing in is audited too: do it before counting
    before = counts(ctx)
    with pytest.raises(DomainError, match=message):
        action(clerk, d)
    assert counts(ctx) == before


@pytest.mark.parametrize("kwargs,message", [
    (dict(name=""), "họ tên người nộp"),
    (dict(when=dt.datetime(2030, 1, 1, 9)), "tương lai"),
    (dict(applicant_phone="12345"), "điện thoại"),
    (dict(sets=0), "Số bộ"),
])
def test_bad_reception_is_refused(ctx, kwargs, message):
    clerk = as_user(ctx, "motcua")
    before = counts(ctx)
    data = DossierInput(proc(ctx, "1.001022"), kwargs.pop("name", "Lê Văn Tám"),
                        received_at=kwargs.pop("when", dt.datetime(2026, 2, 13, 10)), **kwargs)
    with pytest.raises(DomainError, match=message):
        reception.receive(clerk, data)
    with pytest.raises(DomainError, match="không có trong danh mục"):
        reception.receive(clerk, DossierInput(99999, "Lê Văn A"))
    assert counts(ctx) == before


def test_supplement_on_a_returned_dossier_is_refused(ctx):
    d = receive(ctx)
    clerk = as_user(ctx, "motcua")
    L.mark_ready(clerk, d.code, at=dt.datetime(2026, 2, 16, 9))
    L.return_result(clerk, d.code, returned_to="Lê Văn Tám", at=dt.datetime(2026, 2, 16, 10))
    with pytest.raises(DomainError, match="đã kết thúc"):
        L.request_supplement(clerk, d.code, [{"name": "Tờ khai"}], "Thiếu")


def test_only_the_administrator_corrects_a_locked_dossier(ctx):
    d = receive(ctx)
    clerk = as_user(ctx, "motcua")
    L.mark_ready(clerk, d.code, at=dt.datetime(2026, 2, 16, 9))
    L.return_result(clerk, d.code, returned_to="Lê Văn Tám", at=dt.datetime(2026, 2, 16, 10))
    with pytest.raises(PermissionDenied):
        L.correct(clerk, d.code, "Ghi nhầm", returned_to="Lê Văn Chín")
    admin = as_user(ctx, "quantri")
    with pytest.raises(DomainError, match="lý do"):
        L.correct(admin, d.code, "", returned_to="Lê Văn Chín")
    row = L.correct(admin, d.code, "Ghi nhầm người nhận", returned_to="Lê Văn Chín")
    assert row.returned_to == "Lê Văn Chín"
    with ctx.read() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "correct")).one()
    changes = json.loads(entry.changes)
    assert changes["before"]["returned_to"] == "Lê Văn Tám"
    assert changes["after"]["returned_to"] == "Lê Văn Chín"


def test_chairman_cannot_receive(ctx):
    users.create_user(ctx, "chutich", "Nguyễn Văn Thắng", Role.CHAIRMAN, "123456")
    with pytest.raises(PermissionDenied):
        reception.receive(as_user(ctx, "chutich"), DossierInput(proc(ctx, "1.001022"), "Lê A"))


def test_two_desks_never_share_a_code(tmp_path, monkeypatch):
    monkeypatch.setenv("COMMUNE_DESK_DATA", str(tmp_path / "data"))
    first = prepare(open_database(tmp_path / "desk.sqlite3"))
    second = open_database(tmp_path / "desk.sqlite3")  # another PC on the same file
    pid = proc(first, "1.001022")
    errors: list[Exception] = []

    def desk(ctx, n):
        clerk = as_user(ctx, "motcua")
        try:
            for i in range(n):
                reception.receive(clerk, DossierInput(pid, "Lê Văn Tám",
                                                      received_at=dt.datetime(2026, 3, 2, 9, i)))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=desk, args=(c, 15)) for c in (first, second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    with first.read() as s:
        codes = list(s.scalars(select(Dossier.code)))
        lines = sorted(s.scalars(select(Dossier.ledger_line)))
    assert len(codes) == len(set(codes)) == 30
    assert lines == list(range(1, 31))
    assert sorted(c[-4:] for c in codes) == [f"{i:04d}" for i in range(1, 31)]


def test_command_line_lists_and_finds_dossiers(tmp_path, monkeypatch, capsys):
    from app.cli import main

    monkeypatch.setenv("COMMUNE_DESK_DATA", str(tmp_path / "data"))
    path = tmp_path / "cli.sqlite3"
    ctx = prepare(open_database(path))
    a = receive(ctx)
    b = receive(ctx, when=dt.datetime(2026, 3, 2, 9), name="Đặng Thị Hà")
    clerk = as_user(ctx, "motcua")
    L.mark_ready(clerk, b.code, at=dt.datetime(2026, 3, 2, 9, 30))
    assert main(["--db", str(path), "dossiers", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [d["code"] for d in listed] == [b.code, a.code]
    assert main(["--db", str(path), "dossiers", "--status", "ready", "--json"]) == 0
    assert [d["code"] for d in json.loads(capsys.readouterr().out)] == [b.code]
    assert main(["--db", str(path), "dossiers", "--from", "01/03/2026", "--to", "31/03/2026"]) == 0
    assert "Tổng số: 1 hồ sơ." in capsys.readouterr().out
    assert main(["--db", str(path), "search", "dang thi ha", "--json"]) == 0
    assert [d["code"] for d in json.loads(capsys.readouterr().out)["dossiers"]] == [b.code]
    assert main(["--db", str(path), "dossiers", "--from", "31/03/2026", "--to", "01/03/2026"]) == 1
