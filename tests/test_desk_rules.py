"""The desk's rules that the window asks and the service enforces: allowed steps for every
status × role, the due-date preview, the apology's suggested date, the address, who takes a
dossier, the register after a birth or death registration, "result ready" and its officer."""

from __future__ import annotations

import datetime as dt
import weakref

import pytest
from sqlalchemy import func, select

from app import procedures, resident_lists, residents, users
from app.desk import assign, civil, reception, steps
from app.desk import lifecycle as L
from app.desk import queries as Q
from app.desk.types import DossierInput, EventKind, Paper, Step
from app.errors import DomainError, NotFound
from app.resident_lists import full_address
from app.residents import ResidentInput
from db.models import (
    AuditEntry,
    CivilEvent,
    Dossier,
    DossierEvent,
    DossierStatus,
    Resident,
    Role,
)
from tests.test_desk_service import as_user as sign_in
from tests.test_desk_service import counts, officer_id, prepare, proc

S = DossierStatus
DAY = dt.datetime(2026, 11, 30, 9, 0)  # a Monday before "today" (the clock is real)


@pytest.fixture
def ctx():
    from app.database import open_memory

    c = prepare(open_memory())
    users.create_user(c, "chutich", "Nguyễn Văn Thắng", Role.CHAIRMAN, "123456")
    users.create_user(c, "diachinh", "Bùi Quang Minh", Role.OFFICER, "123456")
    return c


_SIGNED_IN: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def as_user(ctx, username):
    """Signed in once per database (scrypt takes a while; the tests sign in hundreds of times)."""
    per_db = _SIGNED_IN.setdefault(ctx.engine, {})
    if username not in per_db:
        per_db[username] = sign_in(ctx, username)
    return per_db[username]


def receive(ctx, code="1.001022", **kw):
    data = DossierInput(proc(ctx, code), kw.pop("name", "Lê Văn Tám"),
                        received_at=kw.pop("when", DAY), **kw)
    return reception.receive(as_user(ctx, "motcua"), data)


def in_status(ctx, status: DossierStatus, code="1.001022"):
    """A new dossier brought to `status` through the service, as the desk would."""
    clerk = as_user(ctx, "motcua")
    d = receive(ctx, code)
    if status == S.IN_PROGRESS:
        L.hand_over(clerk, d.id, officer_id(ctx))
    elif status == S.SUPPLEMENT:
        L.request_supplement(clerk, d.id, [{"name": "Tờ khai"}], "Thiếu tờ khai")
    elif status in (S.READY, S.RETURNED):
        L.mark_ready(clerk, d.id)
        if status == S.RETURNED:
            L.return_result(clerk, d.id, returned_to="Lê Văn Tám")
    elif status == S.REFUSED:
        L.refuse(clerk, d.id, "Không đủ điều kiện")
    elif status == S.WITHDRAWN:
        L.withdraw(clerk, d.id, "Công dân xin rút")
    row = Q.get_dossier(ctx, d.id)
    assert row.status == status
    return row


CALLS = {
    Step.HAND_OVER: lambda c, d, ctx: L.hand_over(c, d.id, officer_id(ctx)),
    Step.SUPPLEMENT: lambda c, d, ctx: L.request_supplement(c, d.id, [{"name": "Ảnh"}], "Thiếu"),
    Step.SUPPLEMENT_RECEIVED: lambda c, d, ctx: L.supplement_received(c, d.id),
    Step.READY: lambda c, d, ctx: L.mark_ready(c, d.id),
    Step.RETURN: lambda c, d, ctx: L.return_result(c, d.id, returned_to="Lê Văn Tám"),
    Step.REFUSE: lambda c, d, ctx: L.refuse(c, d.id, "Không đủ điều kiện"),
    Step.WITHDRAW: lambda c, d, ctx: L.withdraw(c, d.id, "Xin rút"),
    Step.APOLOGY: lambda c, d, ctx: L.apologise(
        c, d.id, "Chờ xác minh", L.suggest_new_due(ctx, d.id) + dt.timedelta(days=3)),
    Step.CORRECT: lambda c, d, ctx: L.correct(c, d.id, "Ghi nhầm", returned_to="Lê Văn Tâm"),
}
USERS = {Role.CLERK: "motcua", Role.OFFICER: "tuphap", Role.CHAIRMAN: "chutich",
         Role.ADMIN: "quantri"}


def test_a_few_cells_of_the_table_read_as_the_office_works(ctx):
    clerk, officer = as_user(ctx, "motcua").user, as_user(ctx, "tuphap").user
    chairman, admin = as_user(ctx, "chutich").user, as_user(ctx, "quantri").user
    assert steps.allowed_steps(clerk, S.READY) == {Step.RETURN, Step.WITHDRAW, Step.APOLOGY}
    assert steps.allowed_steps(officer, S.READY) == {Step.APOLOGY}  # the desk returns results
    assert steps.allowed_steps(clerk, S.SUPPLEMENT) == {
        Step.SUPPLEMENT_RECEIVED, Step.REFUSE, Step.WITHDRAW}
    assert steps.allowed_steps(chairman, S.RETURNED) == set()
    assert steps.allowed_steps(admin, S.RETURNED) == {Step.CORRECT}
    assert Step.CORRECT not in steps.allowed_steps(admin, S.READY)


@pytest.mark.parametrize("status", list(DossierStatus))
@pytest.mark.parametrize("role", list(USERS))
def test_allowed_steps_are_exactly_what_the_service_accepts(ctx, role, status):
    """For one status and one role: every step the window would enable succeeds, every
    other is refused with a message and writes nothing."""
    actor_ctx = as_user(ctx, USERS[role])
    allowed = steps.allowed_steps(actor_ctx.user, status)
    shared = in_status(ctx, status)
    for step in Step:
        if step in allowed:
            fresh = in_status(ctx, status)
            CALLS[step](actor_ctx, fresh, ctx)  # raises if the service disagrees
        else:
            before = counts(ctx)
            with pytest.raises(DomainError):
                CALLS[step](actor_ctx, shared, ctx)
            assert counts(ctx) == before, step
            assert Q.get_dossier(ctx, shared.id).status == status


def test_the_papers_follow_what_happened(ctx):
    d = in_status(ctx, S.SUPPLEMENT)
    kinds = [e.kind for e in Q.events(ctx, d.id)]
    assert steps.papers(d.status, kinds, d.apologies) == {Paper.SLIP, Paper.CONTROL,
                                                          Paper.SUPPLEMENT}
    refused = in_status(ctx, S.REFUSED)
    assert Paper.REFUSAL in steps.papers(refused.status, [], 0)
    assert Paper.APOLOGY in steps.papers(S.READY, [], 1)


def test_preview_due_is_the_due_date_reception_gives(ctx):
    pid = proc(ctx, "1.001022")
    preview = reception.preview_due(ctx, pid, DAY)
    assert preview.due == receive(ctx).due_at
    assert preview.explanation  # the lines the form shows under the date
    with pytest.raises(DomainError):
        reception.preview_due(ctx, 999_999, DAY)


def test_the_suggested_new_date_skips_days_off(ctx):
    d = receive(ctx, when=dt.datetime(2026, 11, 30, 9, 0))
    # due Thursday 03/12 at 09:00 (3 working days); today (real clock) is after it, so the
    # suggestion is the next working day after now, at 09:00, and never a weekend
    new = L.suggest_new_due(ctx, d.id, at=dt.datetime(2026, 12, 4, 16, 0))  # a Friday
    assert new == dt.datetime(2026, 12, 7, 9, 0)  # Monday
    early = L.suggest_new_due(ctx, d.id, at=dt.datetime(2026, 12, 1, 8, 0))
    assert early == dt.datetime(2026, 12, 4, 9, 0)  # the working day after the appointment


def test_one_address_function():
    assert full_address("Xóm 1", "Thôn Đoài") == "Xóm 1, Thôn Đoài"
    assert full_address("Xóm 1, Đoài", "Thôn Đoài") == "Xóm 1, Đoài"  # already named
    assert full_address("xom 1, thon doai", "Thôn Đoài") == "xom 1, thon doai"
    assert full_address("", "Thôn Đoài") == "Thôn Đoài"


def test_reception_writes_the_address_the_same_way(ctx):
    [rid] = resident_lists.search_resident_ids(ctx, "nguyen van thang")
    person = resident_lists.get_resident(ctx, rid)
    row = reception.receive(as_user(ctx, "motcua"), DossierInput(
        proc(ctx, "1.001022"), applicant_resident_id=rid, received_at=DAY))
    assert row.applicant_address == person.full_address == "Xóm 1, Thôn Đoài"


def test_not_found_quotes_what_was_typed(ctx):
    with pytest.raises(NotFound, match="“000.17.22.H56-991231-0042”"):
        Q.get_dossier(ctx, " 000.17.22.H56-991231-0042 ")
    with pytest.raises(NotFound, match="“12345”"):
        Q.get_dossier(ctx, "12345")


# -- who takes a dossier ------------------------------------------------------------------------

def test_hand_over_offers_only_officers_and_suggests_the_field_officer(ctx):
    birth = receive(ctx, "1.001193")  # Hộ tịch
    choices = assign.hand_over_choices(ctx, birth.id)
    assert {u.username for u in choices.officers} == {"tuphap", "diachinh"}
    assert choices.suggested_id is None  # nobody is responsible yet, nobody handled one
    diachinh = next(u.id for u in choices.officers if u.username == "diachinh")
    procedures.set_field_officer(ctx, "Hộ tịch", officer_id(ctx))
    choices = assign.hand_over_choices(ctx, birth.id)
    assert choices.suggested_id == officer_id(ctx)
    assert "lĩnh vực Hộ tịch" in choices.reason
    # the procedure's own officer comes first
    p = procedures.get_procedure(ctx, proc(ctx, "1.001193"))
    procedures.update_procedure(ctx, p.id, procedures.ProcedureInput(
        p.code, p.name, p.field, p.time_value, p.time_unit, p.cutoff_1500, p.fee_vnd, p.fee_text,
        p.online_level, p.civil_event, p.documents, p.time_text, p.legal_basis,
        officer_id=diachinh))
    assert assign.hand_over_choices(ctx, birth.id).suggested_id == diachinh


def test_the_last_officer_of_the_procedure_is_suggested_when_no_one_is_responsible(ctx):
    clerk = as_user(ctx, "motcua")
    first = receive(ctx, "1.001022")
    diachinh = next(u.id for u in users.list_officers(ctx) if u.full_name == "Bùi Quang Minh")
    L.hand_over(clerk, first.id, diachinh)
    second = receive(ctx, "1.001022")
    choices = assign.hand_over_choices(ctx, second.id)
    assert choices.suggested_id == diachinh and "gần đây nhất" in choices.reason


def test_a_dossier_is_never_handed_to_a_clerk_or_the_chairman(ctx):
    d = receive(ctx)
    clerk = as_user(ctx, "motcua")
    for username in ("motcua", "chutich", "quantri"):
        uid = next(u.id for u in users.list_users(ctx) if u.username == username)
        before = counts(ctx)
        with pytest.raises(DomainError, match="không phải công chức chuyên môn"):
            L.hand_over(clerk, d.id, uid)
        assert counts(ctx) == before
    with pytest.raises(DomainError, match="công chức chuyên môn"):
        procedures.set_field_officer(ctx, "Hộ tịch", next(
            u.id for u in users.list_users(ctx) if u.username == "motcua"))


# -- "result ready": the officer finished it, the clerk wrote it down ----------------------------

def test_result_ready_is_the_officers_with_the_clerk_as_recorder(ctx):
    clerk = as_user(ctx, "motcua")
    d = receive(ctx)
    L.hand_over(clerk, d.id, officer_id(ctx))
    L.mark_ready(clerk, d.id)
    ready = [e for e in Q.events(ctx, d.id) if e.kind == EventKind.RESULT_READY][0]
    assert ready.by == "Hoàng Thị Lan" and ready.recorded == "Trần Thị Thu Hà"
    received = Q.events(ctx, d.id)[0]
    assert received.kind == EventKind.RECEIVED and received.recorded == ""  # same person


# -- the register after a birth or a death ----------------------------------------------------------

def _household_members(ctx, household_id):
    with ctx.read() as s:
        return list(s.scalars(select(Resident.full_name).where(
            Resident.household_id == household_id).order_by(Resident.id)))


def _birth_ready(ctx):
    [rid] = resident_lists.search_resident_ids(ctx, "nguyen van thang")
    d = reception.receive(as_user(ctx, "motcua"), DossierInput(
        proc(ctx, "1.001193"), applicant_resident_id=rid, received_at=DAY))
    L.mark_ready(as_user(ctx, "motcua"), d.id)
    return d


def test_a_birth_returned_adds_the_child_to_the_household_once(ctx):
    d = _birth_ready(ctx)
    offer = civil.offer(ctx, d.id)
    assert offer.household_id == d.household_id and offer.child_relation == "Con"
    assert "Nguyễn Văn Thắng" in offer.household_label
    child = ResidentInput("Nguyễn Minh Khôi", "Nam", "20/11/2026", relation=offer.child_relation)
    done = L.return_result(as_user(ctx, "motcua"), d.id, returned_to="Nguyễn Văn Thắng",
                           newborn=child)
    assert _household_members(ctx, d.household_id) == ["Nguyễn Văn Thắng", "Nguyễn Minh Khôi"]
    assert done.registered_person == "Nguyễn Minh Khôi"
    with ctx.read() as s:
        ev = s.scalar(select(CivilEvent).where(CivilEvent.dossier_id == d.id))
        kid = s.scalar(select(Resident).where(Resident.full_name == "Nguyễn Minh Khôi"))
    assert ev.subject_resident_id == kid.id and kid.relation == "Con"
    assert kid.birth_date == dt.date(2026, 11, 20)
    with pytest.raises(DomainError):  # a second return: refused, nobody added twice
        L.return_result(as_user(ctx, "motcua"), d.id, returned_to="Nguyễn Văn Thắng",
                        newborn=child)
    assert _household_members(ctx, d.household_id).count("Nguyễn Minh Khôi") == 1


def test_a_refused_return_adds_no_one(ctx):
    d = _birth_ready(ctx)
    clerk = as_user(ctx, "motcua")
    before = (counts(ctx), _household_members(ctx, d.household_id))
    with pytest.raises(DomainError):  # the fee cannot be negative: the whole step is refused
        L.return_result(clerk, d.id, returned_to="Nguyễn Văn Thắng",
                        fee_paid=-1, newborn=ResidentInput("Nguyễn Minh Khôi", "Nam", "2026"))
    with pytest.raises(DomainError, match="Ngày sinh"):
        L.return_result(clerk, d.id, returned_to="Nguyễn Văn Thắng",
                        newborn=ResidentInput("Nguyễn Minh Khôi", "Nam", "31/02/2026"))
    assert (counts(ctx), _household_members(ctx, d.household_id)) == before
    # returned without the offer (the clerk unticked it): the register is unchanged
    L.return_result(clerk, d.id, returned_to="Nguyễn Văn Thắng",
                    event_person="Nguyễn Minh Khôi")
    assert _household_members(ctx, d.household_id) == before[1]


def test_a_newborn_needs_a_birth_registration_and_a_household(ctx):
    d = receive(ctx, "1.001193")  # applicant typed in: no household
    L.mark_ready(as_user(ctx, "motcua"), d.id)
    assert civil.offer(ctx, d.id).household_id is None
    with pytest.raises(DomainError, match="Sổ nhân khẩu"):
        L.return_result(as_user(ctx, "motcua"), d.id, returned_to="Lê Văn Tám",
                        newborn=ResidentInput("Lê Văn Bé", "Nam", "2026"))
    other = in_status(ctx, S.READY)  # not a civil-status procedure
    with pytest.raises(DomainError, match="không phải đăng ký khai sinh"):
        L.return_result(as_user(ctx, "motcua"), other.id, returned_to="Lê Văn Tám",
                        newborn=ResidentInput("Lê Văn Bé", "Nam", "2026"))


def test_a_death_returned_marks_the_member_chosen(ctx):
    [head] = resident_lists.search_resident_ids(ctx, "nguyen van thang")
    hh = resident_lists.get_resident(ctx, head).household_id
    wife = residents.add_resident(ctx, hh, ResidentInput("Phạm Thị Mai", "Nữ", "1972",
                                                         relation="Vợ"))
    d = reception.receive(as_user(ctx, "motcua"), DossierInput(
        proc(ctx, "1.000656"), applicant_resident_id=head, received_at=DAY))
    L.mark_ready(as_user(ctx, "motcua"), d.id)
    offer = civil.offer(ctx, d.id)
    assert [m.full_name for m in offer.members] == ["Nguyễn Văn Thắng", "Phạm Thị Mai"]
    with pytest.raises(DomainError, match="ngày mất"):
        L.return_result(as_user(ctx, "motcua"), d.id, returned_to="Nguyễn Văn Thắng",
                        deceased_id=wife)
    done = L.return_result(as_user(ctx, "motcua"), d.id, returned_to="Nguyễn Văn Thắng",
                           deceased_id=wife, event_date=dt.date(2026, 11, 28))
    assert done.registered_person == "Phạm Thị Mai"
    with ctx.read() as s:
        mai = s.get(Resident, wife)
        audits = s.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.entity == "resident", AuditEntry.entity_id == wife))
    assert (mai.death_date, mai.active) == (dt.date(2026, 11, 28), False)
    assert audits == 2  # added, then marked dead
    assert [m.full_name for m in civil.offer(ctx, d.id).members] == ["Nguyễn Văn Thắng"]


def test_the_dossier_row_names_the_short_procedure_and_the_registered_person(ctx):
    d = receive(ctx, "2.000815")  # the 266-letter name of "chứng thực bản sao"
    assert d.procedure_short_name == "Chứng thực bản sao từ bản chính"
    birth = receive(ctx, "1.001193")
    assert birth.procedure_short_name == "Đăng ký khai sinh"  # the name less "Thủ tục"
    assert birth.registered_person == ""
    with ctx.read() as s:
        assert s.scalar(select(func.count()).select_from(Dossier)) == 2
        assert s.scalar(select(func.count()).select_from(DossierEvent)) == 2
