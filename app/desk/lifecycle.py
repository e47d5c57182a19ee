"""What happens to a dossier after reception; every step is one unit of work with an event.

received → in progress (hand-overs) → supplement requested (the clock stops) → … → result
ready → returned; or refused, or withdrawn. A returned, refused or withdrawn dossier is
locked: only an administrator corrects it, with a reason, and the audit keeps both versions.
Who may take which step in which status is app.desk.steps' table, enforced here.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.orm import Session

from app import audit
from app.context import AppContext
from app.desk import civil, steps
from app.desk.clock import now
from app.desk.queries import get_dossier, load_dossier, record_event
from app.desk.types import DOSSIER, DocKind, DossierRow, EventKind, Step
from app.errors import DomainError
from app.i18n import _
from app.l10n import format_datetime
from app.residents import ResidentInput
from app.text import nfc
from app.validators import parse_date
from app.workdays import load_calendar
from db.models import ApologySlip, Dossier, DossierStatus, Outcome, Role, Satisfaction, User

S = DossierStatus


def _when(at: dt.datetime | None, d: Dossier) -> dt.datetime:
    moment = at or now()
    if moment > now() + dt.timedelta(minutes=1):
        raise DomainError(_("Thời điểm ghi nhận ở tương lai; vui lòng kiểm tra lại."))
    if moment < d.received_at:
        raise DomainError(_("Thời điểm ghi nhận trước lúc tiếp nhận hồ sơ ({when}).")
                          .format(when=d.received_at.strftime("%H:%M %d/%m/%Y")))
    return moment


def _step(ctx: AppContext, key, step: Step, apply) -> DossierRow:
    """One step in one unit of work: the role and the status checked against app.desk.steps,
    then `apply`, the audit entry, and the dossier read back."""
    ctx.require(steps.STEPS[step].permission)
    with ctx.write() as s:
        d = load_dossier(s, key)
        steps.check_status(step, d.status, d.code)
        before = audit.snapshot(d)
        apply(s, d)
        audit.record(s, ctx.user, "update", DOSSIER, d.id, audit.diff(before, audit.snapshot(d)))
        dossier_id = d.id
    return get_dossier(ctx, dossier_id)


def hand_over(ctx: AppContext, key, to_user_id: int, note: str = "",
              at: dt.datetime | None = None) -> DossierRow:
    """Give the dossier to an officer (Phiếu kiểm soát: who, when, to whom). Only an active
    officer (công chức chuyên môn) takes a dossier: app.desk.assign offers and suggests them."""
    def apply(s: Session, d: Dossier) -> None:
        officer = s.get(User, to_user_id)
        if officer is None or not officer.active:
            raise DomainError(_("Vui lòng chọn cán bộ đang làm việc để chuyển hồ sơ."))
        if officer.role != Role.OFFICER:
            raise DomainError(_("{name} không phải công chức chuyên môn; hồ sơ chỉ chuyển cho "
                                "công chức xử lý.").format(name=officer.full_name))
        moment = _when(at, d)
        d.handler_id, d.status = officer.id, S.IN_PROGRESS
        record_event(s, ctx, d.id, EventKind.HANDED_OVER, at=moment, to_user=officer.id,
                     note=nfc(note))
    return _step(ctx, key, Step.HAND_OVER, apply)


def request_supplement(ctx: AppContext, key, documents: list[dict[str, str]], reason: str,
                       contact: str = "", at: dt.datetime | None = None) -> DossierRow:
    """Mẫu 02: which documents and why; the clock stops until the supplement arrives."""
    docs = [{"name": nfc(x.get("name")), "kind": x.get("kind") or DocKind.ORIGINAL.value}
            for x in documents if nfc(x.get("name"))]
    if not docs:
        raise DomainError(_("Vui lòng ghi ít nhất một giấy tờ cần bổ sung."))
    if any(x["kind"] not in set(DocKind) for x in docs):
        raise DomainError(_("Hình thức giấy tờ phải là bản chính, bản sao chứng thực hoặc bản chụp."))
    if not nfc(reason):
        raise DomainError(_("Vui lòng ghi lý do yêu cầu bổ sung."))

    def apply(s: Session, d: Dossier) -> None:
        moment = _when(at, d)
        d.status, d.paused_at = S.SUPPLEMENT, moment
        record_event(s, ctx, d.id, EventKind.SUPPLEMENT_REQUESTED, at=moment, data={
            "documents": docs, "reason": nfc(reason), "contact": nfc(contact)})
    return _step(ctx, key, Step.SUPPLEMENT, apply)


def supplement_received(ctx: AppContext, key, at: dt.datetime | None = None
                        ) -> tuple[DossierRow, list[str]]:
    """The clock restarts: the working days left when it stopped are counted again from now.

    Returns the dossier and the explanation of the new due date-time.
    """
    lines: list[str] = []

    def apply(s: Session, d: Dossier) -> None:
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
        record_event(s, ctx, d.id, EventKind.SUPPLEMENT_RECEIVED, at=moment,
                     note=" ".join(lines),
                     data={"working_days_left": left, "new_due_at": d.due_at.isoformat()})
        d.paused_at = None
    row = _step(ctx, key, Step.SUPPLEMENT_RECEIVED, apply)
    return row, lines


def mark_ready(ctx: AppContext, key, note: str = "", at: dt.datetime | None = None) -> DossierRow:
    """The result is back at the desk. The officer handling the dossier is the one who finished
    it; whoever presses the button (the clerk) is recorded as having written it down."""
    def apply(s: Session, d: Dossier) -> None:
        moment = _when(at, d)
        d.status, d.ready_at = S.READY, moment
        record_event(s, ctx, d.id, EventKind.RESULT_READY, at=moment, note=nfc(note),
                     by_user=d.handler_id or ctx.user.user_id)
    return _step(ctx, key, Step.READY, apply)


def outcome_of(finished: dt.datetime, legal_due: dt.datetime) -> Outcome:
    """Early: returned on an earlier day than due; on time: by the due date-time; else late."""
    if finished.date() < legal_due.date():
        return Outcome.EARLY
    return Outcome.ON_TIME if finished <= legal_due else Outcome.LATE


def return_result(ctx: AppContext, key, *, returned_to: str, method: str = "",
                  satisfaction: Satisfaction | str | None = None, satisfaction_note: str = "",
                  fee_paid: int | None = None, event_person: str = "",
                  event_date: dt.date | str | None = None,
                  newborn: ResidentInput | None = None, deceased_id: int | None = None,
                  at: dt.datetime | None = None) -> DossierRow:
    """Hand the result over; the outcome counts against the legal date even after an apology.

    A birth, marriage or death dossier records the event for the letters tab (`event_person`:
    the child, "Husband & Wife", the deceased) and, when asked, updates the register in the
    same unit of work: `newborn` is added to the applicant's household; `deceased_id` (or the
    one member of the household named `event_person`) is marked dead on `event_date`.
    See app.desk.civil."""
    if not nfc(returned_to):
        raise DomainError(_("Vui lòng ghi tên người nhận kết quả."))
    sat = Satisfaction(satisfaction) if satisfaction else None
    died = parse_date(event_date, _("Ngày mất")) if isinstance(event_date, str) else event_date
    child = newborn.cleaned() if newborn is not None else None

    def apply(s: Session, d: Dossier) -> None:
        moment = _when(at, d)
        if fee_paid is not None and fee_paid < 0:
            raise DomainError(_("Số tiền thu không được âm."))
        d.status, d.finished_at = S.RETURNED, moment
        d.outcome = outcome_of(moment, d.legal_due_at)
        d.returned_to, d.return_method = nfc(returned_to), nfc(method) or _("Trực tiếp")
        d.satisfaction, d.satisfaction_note = sat, nfc(satisfaction_note)
        d.fee_paid = d.fee_due if fee_paid is None else fee_paid
        record_event(s, ctx, d.id, EventKind.RETURNED, at=moment, note=d.returned_to,
                     data={"outcome": d.outcome.value, "fee_paid": d.fee_paid})
        civil.record(s, ctx, d, moment, person=event_person, died=died, newborn=child,
                     deceased_id=deceased_id)
    return _step(ctx, key, Step.RETURN, apply)


def refuse(ctx: AppContext, key, reason: str, at: dt.datetime | None = None) -> DossierRow:
    """Mẫu 03: the dossier cannot be resolved; the reason is printed for the citizen."""
    if not nfc(reason):
        raise DomainError(_("Vui lòng ghi lý do từ chối."))

    def apply(s: Session, d: Dossier) -> None:
        moment = _when(at, d)
        d.status, d.finished_at, d.reason = S.REFUSED, moment, nfc(reason)
        record_event(s, ctx, d.id, EventKind.REFUSED, at=moment, note=d.reason)
    return _step(ctx, key, Step.REFUSE, apply)


def withdraw(ctx: AppContext, key, reason: str, at: dt.datetime | None = None) -> DossierRow:
    if not nfc(reason):
        raise DomainError(_("Vui lòng ghi lý do công dân rút hồ sơ."))

    def apply(s: Session, d: Dossier) -> None:
        moment = _when(at, d)
        d.status, d.finished_at, d.reason = S.WITHDRAWN, moment, nfc(reason)
        record_event(s, ctx, d.id, EventKind.WITHDRAWN, at=moment, note=d.reason)
    return _step(ctx, key, Step.WITHDRAW, apply)


def suggest_new_due(ctx: AppContext, key, at: dt.datetime | None = None) -> dt.datetime:
    """The new appointment an apology slip suggests: the next working day after the old
    appointment (or after now, when that has passed), at the appointment's hour."""
    row = get_dossier(ctx, key)
    base = max(row.due_at, at or now())
    day = load_calendar(ctx, base.year, base.year + 1).next_working_day(base.date())
    return dt.datetime.combine(day, row.due_at.time())


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
                          old_due_at=d.due_at, new_due_at=new_due_at, by_user=ctx.user.user_id))
        record_event(s, ctx, d.id, EventKind.APOLOGY, at=moment, note=nfc(reason),
                     data={"old_due_at": d.due_at.isoformat(),
                           "new_due_at": new_due_at.isoformat()})
        d.due_at = new_due_at
    return _step(ctx, key, Step.APOLOGY, apply)


CORRECTABLE = ("returned_to", "return_method", "satisfaction", "satisfaction_note", "fee_paid",
               "reason", "applicant_name", "applicant_address", "applicant_phone")


def correct(ctx: AppContext, key, reason: str, **changes: Any) -> DossierRow:
    """An administrator corrects a locked dossier; the audit keeps the old and new values."""
    ctx.require(steps.STEPS[Step.CORRECT].permission)
    if not nfc(reason):
        raise DomainError(_("Vui lòng ghi lý do sửa hồ sơ đã kết thúc."))
    unknown = set(changes) - set(CORRECTABLE)
    if unknown:
        raise DomainError(_("Không sửa được các mục: {fields}.").format(fields=", ".join(unknown)))
    with ctx.write() as s:
        d = load_dossier(s, key)
        steps.check_status(Step.CORRECT, d.status, d.code)
        before = audit.snapshot(d)
        for name, value in changes.items():
            if name == "satisfaction":
                value = Satisfaction(value) if value else None
            elif isinstance(value, str):
                value = nfc(value)
            setattr(d, name, value)
        after = audit.snapshot(d)
        audit.record(s, ctx.user, "correct", DOSSIER, d.id,
                     {"reason": nfc(reason), "before": before, "after": after,
                      "changed": audit.diff(before, after)})
        record_event(s, ctx, d.id, EventKind.CORRECTED, note=nfc(reason))
        dossier_id = d.id
    return get_dossier(ctx, dossier_id)
