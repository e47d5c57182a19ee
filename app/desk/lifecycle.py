"""What happens to a dossier after reception; every step is one unit of work with an event.

received → in progress (hand-overs) → supplement requested (the clock stops) → … → result
ready → returned; or refused, or withdrawn. A returned, refused or withdrawn dossier is
locked: only an administrator corrects it, with a reason, and the audit keeps both versions.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import audit
from app.auth import Permission
from app.context import AppContext
from app.desk.clock import now
from app.desk.queries import code_key, get_dossier, record_event
from app.desk.types import CLOSED_STATUSES, DOSSIER, STATUS_LABELS, DossierRow
from app.errors import DomainError, NotFound
from app.i18n import _
from app.resident_lists import RESIDENT
from app.text import fold, nfc
from app.validators import parse_date
from app.workdays import load_calendar
from db.models import (
    ApologySlip,
    CivilEvent,
    CivilEventRecord,
    Dossier,
    DossierStatus,
    Outcome,
    Procedure,
    Resident,
    Satisfaction,
    User,
)

S = DossierStatus
DOC_KINDS = ("original", "certified_copy", "copy")


def _load(s: Session, key: int | str) -> Dossier:
    from sqlalchemy import select

    if isinstance(key, int) or str(key).isdigit():
        d = s.get(Dossier, int(key))
    else:
        d = s.scalar(select(Dossier).where(Dossier.code == code_key(str(key))))
    if d is None:
        raise NotFound(_("Không tìm thấy hồ sơ “{key}”.").format(key=key))
    return d


def _expect(d: Dossier, allowed: tuple[DossierStatus, ...], action: str) -> None:
    if d.status in CLOSED_STATUSES:
        raise DomainError(_("Hồ sơ {code} đã kết thúc ({status}); không thể {action}. Chỉ quản "
                            "trị hệ thống được sửa hồ sơ đã kết thúc, kèm lý do.")
                          .format(code=d.code, status=_(STATUS_LABELS[d.status]), action=action))
    if d.status not in allowed:
        raise DomainError(_("Hồ sơ {code} đang ở trạng thái “{status}”; không thể {action}.")
                          .format(code=d.code, status=_(STATUS_LABELS[d.status]), action=action))


def _when(at: dt.datetime | None, d: Dossier) -> dt.datetime:
    moment = at or now()
    if moment > now() + dt.timedelta(minutes=1):
        raise DomainError(_("Thời điểm ghi nhận ở tương lai; vui lòng kiểm tra lại."))
    if moment < d.received_at:
        raise DomainError(_("Thời điểm ghi nhận trước lúc tiếp nhận hồ sơ ({when}).")
                          .format(when=d.received_at.strftime("%H:%M %d/%m/%Y")))
    return moment


def _step(ctx: AppContext, key, perm: Permission, allowed, action: str, apply) -> DossierRow:
    ctx.require(perm)
    with ctx.write() as s:
        d = _load(s, key)
        _expect(d, allowed, action)
        before = audit.snapshot(d)
        apply(s, d)
        audit.record(s, ctx.actor, "update", DOSSIER, d.id, audit.diff(before, audit.snapshot(d)))
        dossier_id = d.id
    return get_dossier(ctx, dossier_id)


def hand_over(ctx: AppContext, key, to_user_id: int, note: str = "",
              at: dt.datetime | None = None) -> DossierRow:
    """Give the dossier to an officer (Phiếu kiểm soát: who, when, to whom)."""
    def apply(s: Session, d: Dossier) -> None:
        officer = s.get(User, to_user_id)
        if officer is None or not officer.active:
            raise DomainError(_("Vui lòng chọn cán bộ đang làm việc để chuyển hồ sơ."))
        moment = _when(at, d)
        d.handler_id, d.status = officer.id, S.IN_PROGRESS
        record_event(s, ctx, d.id, "handed_over", at=moment, to_user=officer.id, note=nfc(note))
    return _step(ctx, key, Permission.PROCESS_DOSSIERS, (S.RECEIVED, S.IN_PROGRESS),
                 _("chuyển xử lý"), apply)


def request_supplement(ctx: AppContext, key, documents: list[dict[str, str]], reason: str,
                       contact: str = "", at: dt.datetime | None = None) -> DossierRow:
    """Mẫu 02: which documents and why; the clock stops until the supplement arrives."""
    docs = [{"name": nfc(x.get("name")), "kind": x.get("kind") or "original"}
            for x in documents if nfc(x.get("name"))]
    if not docs:
        raise DomainError(_("Vui lòng ghi ít nhất một giấy tờ cần bổ sung."))
    if any(x["kind"] not in DOC_KINDS for x in docs):
        raise DomainError(_("Hình thức giấy tờ phải là bản chính, bản sao chứng thực hoặc bản chụp."))
    if not nfc(reason):
        raise DomainError(_("Vui lòng ghi lý do yêu cầu bổ sung."))

    def apply(s: Session, d: Dossier) -> None:
        moment = _when(at, d)
        d.status, d.paused_at = S.SUPPLEMENT, moment
        record_event(s, ctx, d.id, "supplement_requested", at=moment, data={
            "documents": docs, "reason": nfc(reason), "contact": nfc(contact)})
    return _step(ctx, key, Permission.PROCESS_DOSSIERS, (S.RECEIVED, S.IN_PROGRESS),
                 _("yêu cầu bổ sung"), apply)


def supplement_received(ctx: AppContext, key, at: dt.datetime | None = None
                        ) -> tuple[DossierRow, list[str]]:
    """The clock restarts: the working days left when it stopped are counted again from now.

    Returns the dossier and the explanation of the new due date-time.
    """
    lines: list[str] = []

    def apply(s: Session, d: Dossier) -> None:
        from app.l10n import format_datetime

        moment = _when(at, d)
        cal = load_calendar(ctx, d.paused_at.year, moment.year + 1)
        left = max(cal.working_days_between(d.paused_at.date(), d.legal_due_at.date()), 0)
        start = moment.date() if cal.is_working_day(moment.date()) else cal.next_working_day(
            moment.date())
        new_day = cal.add_working_days(start, left) if left else start
        shift = dt.datetime.combine(new_day, d.legal_due_at.time()) - d.legal_due_at
        d.legal_due_at += shift
        d.due_at += shift
        d.status = S.IN_PROGRESS if d.handler_id else S.RECEIVED
        lines.extend([
            _("Thời hạn dừng từ {paused} đến khi nhận đủ hồ sơ bổ sung lúc {resumed}.").format(
                paused=format_datetime(d.paused_at), resumed=format_datetime(moment)),
            _("Còn {left} ngày làm việc chưa dùng, tính tiếp từ ngày nhận bổ sung.").format(
                left=left),
            _("Hẹn trả kết quả mới: {due}.").format(due=format_datetime(d.due_at)),
        ])
        record_event(s, ctx, d.id, "supplement_received", at=moment, note=" ".join(lines),
                     data={"working_days_left": left, "new_due_at": d.due_at.isoformat()})
        d.paused_at = None
    row = _step(ctx, key, Permission.PROCESS_DOSSIERS, (S.SUPPLEMENT,),
                _("ghi nhận hồ sơ bổ sung"), apply)
    return row, lines


def mark_ready(ctx: AppContext, key, note: str = "", at: dt.datetime | None = None) -> DossierRow:
    def apply(s: Session, d: Dossier) -> None:
        moment = _when(at, d)
        d.status, d.ready_at = S.READY, moment
        record_event(s, ctx, d.id, "result_ready", at=moment, note=nfc(note))
    return _step(ctx, key, Permission.PROCESS_DOSSIERS, (S.RECEIVED, S.IN_PROGRESS),
                 _("ghi nhận có kết quả"), apply)


def outcome_of(finished: dt.datetime, legal_due: dt.datetime) -> Outcome:
    """Early: returned on an earlier day than due; on time: by the due date-time; else late."""
    if finished.date() < legal_due.date():
        return Outcome.EARLY
    return Outcome.ON_TIME if finished <= legal_due else Outcome.LATE


def return_result(ctx: AppContext, key, *, returned_to: str, method: str = "",
                  satisfaction: Satisfaction | str | None = None, satisfaction_note: str = "",
                  fee_paid: int | None = None, event_person: str = "",
                  event_date: dt.date | str | None = None,
                  at: dt.datetime | None = None) -> DossierRow:
    """Hand the result over; the outcome counts against the legal date even after an apology.

    A birth, marriage or death dossier records the event for the letters tab (`event_person`:
    the child, "Husband & Wife", the deceased). For a death, `event_date` is the day of death:
    the deceased, found in the applicant's household, is then marked dead in the register."""
    if not nfc(returned_to):
        raise DomainError(_("Vui lòng ghi tên người nhận kết quả."))
    sat = Satisfaction(satisfaction) if satisfaction else None
    died = parse_date(event_date, _("Ngày mất")) if isinstance(event_date, str) else event_date

    def apply(s: Session, d: Dossier) -> None:
        moment = _when(at, d)
        if fee_paid is not None and fee_paid < 0:
            raise DomainError(_("Số tiền thu không được âm."))
        d.status, d.finished_at = S.RETURNED, moment
        d.outcome = outcome_of(moment, d.legal_due_at)
        d.returned_to, d.return_method = nfc(returned_to), nfc(method) or _("Trực tiếp")
        d.satisfaction, d.satisfaction_note = sat, nfc(satisfaction_note)
        d.fee_paid = d.fee_due if fee_paid is None else fee_paid
        record_event(s, ctx, d.id, "returned", at=moment, note=d.returned_to,
                     data={"outcome": d.outcome.value, "fee_paid": d.fee_paid})
        proc = s.get(Procedure, d.procedure_id)
        if proc.civil_event:
            person = nfc(event_person) or d.applicant_name
            death = proc.civil_event == CivilEvent.DEATH
            if death and died is not None and died > moment.date():
                raise DomainError(_("Ngày mất không thể sau ngày trả kết quả."))
            subject = _member(s, d.household_id, person) if death else None
            s.add(CivilEventRecord(kind=proc.civil_event.value, dossier_id=d.id,
                                   event_on=moment.date(), person_name=person,
                                   resident_id=d.applicant_resident_id,
                                   household_id=d.household_id, subject_resident_id=subject,
                                   occurred_on=died if death else None))
            if subject is not None and died is not None:
                _record_death(s, ctx, subject, died)
    return _step(ctx, key, Permission.RECEIVE_DOSSIERS, (S.READY,), _("trả kết quả khi chưa có kết quả"),
                 apply)


def _member(s: Session, household_id: int | None, name: str) -> int | None:
    """The one member of the household with this name (the deceased of a death registration)."""
    if household_id is None:
        return None
    ids = list(s.scalars(select(Resident.id).where(Resident.household_id == household_id,
                                                   Resident.name_key == fold(name)).limit(2)))
    return ids[0] if len(ids) == 1 else None


def _record_death(s: Session, ctx: AppContext, resident_id: int, died: dt.date) -> None:
    """The register follows the death registration: date of death, no longer living here."""
    person = s.get(Resident, resident_id)
    if person.death_date == died and not person.active:
        return
    before = audit.snapshot(person, ["death_date", "active"])
    person.death_date, person.active = died, False
    audit.record(s, ctx.actor, "update", RESIDENT, person.id,
                 audit.diff(before, audit.snapshot(person, ["death_date", "active"])))


def refuse(ctx: AppContext, key, reason: str, at: dt.datetime | None = None) -> DossierRow:
    """Mẫu 03: the dossier cannot be resolved; the reason is printed for the citizen."""
    if not nfc(reason):
        raise DomainError(_("Vui lòng ghi lý do từ chối."))

    def apply(s: Session, d: Dossier) -> None:
        moment = _when(at, d)
        d.status, d.finished_at, d.reason = S.REFUSED, moment, nfc(reason)
        record_event(s, ctx, d.id, "refused", at=moment, note=d.reason)
    return _step(ctx, key, Permission.PROCESS_DOSSIERS, (S.RECEIVED, S.IN_PROGRESS, S.SUPPLEMENT),
                 _("từ chối"), apply)


def withdraw(ctx: AppContext, key, reason: str, at: dt.datetime | None = None) -> DossierRow:
    if not nfc(reason):
        raise DomainError(_("Vui lòng ghi lý do công dân rút hồ sơ."))

    def apply(s: Session, d: Dossier) -> None:
        moment = _when(at, d)
        d.status, d.finished_at, d.reason = S.WITHDRAWN, moment, nfc(reason)
        record_event(s, ctx, d.id, "withdrawn", at=moment, note=d.reason)
    return _step(ctx, key, Permission.RECEIVE_DOSSIERS,
                 (S.RECEIVED, S.IN_PROGRESS, S.SUPPLEMENT, S.READY), _("rút hồ sơ"), apply)


def apologise(ctx: AppContext, key, reason: str, new_due_at: dt.datetime,
              at: dt.datetime | None = None) -> DossierRow:
    """Mẫu 04: apology and a new appointment; the original lateness still counts."""
    if not nfc(reason):
        raise DomainError(_("Vui lòng ghi lý do chậm trả kết quả."))

    def apply(s: Session, d: Dossier) -> None:
        moment = _when(at, d)
        if new_due_at <= max(d.due_at, moment):
            raise DomainError(_("Ngày hẹn mới phải sau ngày hẹn cũ và sau thời điểm hiện tại."))
        s.add(ApologySlip(dossier_id=d.id, issued_at=moment, reason=nfc(reason),
                          old_due_at=d.due_at, new_due_at=new_due_at, by_user=ctx.actor.user_id))
        record_event(s, ctx, d.id, "apology", at=moment, note=nfc(reason),
                     data={"old_due_at": d.due_at.isoformat(),
                           "new_due_at": new_due_at.isoformat()})
        d.due_at = new_due_at
    return _step(ctx, key, Permission.PROCESS_DOSSIERS, (S.RECEIVED, S.IN_PROGRESS, S.READY),
                 _("hẹn lại ngày trả"), apply)


CORRECTABLE = ("returned_to", "return_method", "satisfaction", "satisfaction_note", "fee_paid",
               "reason", "applicant_name", "applicant_address", "applicant_phone")


def correct(ctx: AppContext, key, reason: str, **changes: Any) -> DossierRow:
    """An administrator corrects a locked dossier; the audit keeps the old and new values."""
    ctx.require(Permission.CORRECT_DOSSIERS)
    if not nfc(reason):
        raise DomainError(_("Vui lòng ghi lý do sửa hồ sơ đã kết thúc."))
    unknown = set(changes) - set(CORRECTABLE)
    if unknown:
        raise DomainError(_("Không sửa được các mục: {fields}.").format(fields=", ".join(unknown)))
    with ctx.write() as s:
        d = _load(s, key)
        if d.status not in CLOSED_STATUSES:
            raise DomainError(_("Hồ sơ chưa kết thúc; hãy xử lý theo quy trình bình thường."))
        before = audit.snapshot(d)
        for name, value in changes.items():
            if name == "satisfaction":
                value = Satisfaction(value) if value else None
            elif isinstance(value, str):
                value = nfc(value)
            setattr(d, name, value)
        after = audit.snapshot(d)
        audit.record(s, ctx.actor, "correct", DOSSIER, d.id,
                     {"reason": nfc(reason), "before": before, "after": after,
                      "changed": audit.diff(before, after)})
        record_event(s, ctx, d.id, "corrected", note=nfc(reason))
        dossier_id = d.id
    return get_dossier(ctx, dossier_id)
