"""What happens to a petition, one unit of work per step, each checked against app.petitions.steps
and recorded as an event and in the audit log.

received → classified within its time: accepted (thụ lý, the resolution clock starts),
forwarded, guided or filed → (a denunciation: notice of acceptance, extensions) → paused and
resumed → resolved → closed once the citizen is notified; or withdrawn; a closed, withdrawn or
filed petition may be reopened. Dates are the legal days things happened: never in the future,
never before the petition was received. Receiving one is app.petitions.intake.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.orm import Session

from app import audit
from app.context import AppContext
from app.errors import DomainError
from app.i18n import _
from app.l10n import format_date
from app.labels import label
from app.petitions import clock, steps
from app.petitions.intake import (
    calendar,
    legal_day,
    parse_enum,
    record_event,
    reference,
    required_text,
)
from app.petitions.queries import get_petition, load
from app.petitions.steps import Step
from app.petitions.types import OUTCOMES, PETITION, EventKind
from app.text import nfc
from app.users import UserRow, list_users
from app.workdays import WorkCalendar
from db.models import (
    Complexity,
    FileReason,
    Petition,
    PetitionKind,
    PetitionOutcome,
    PetitionStatus,
    Role,
    TimeUnit,
    User,
)

S = PetitionStatus


def _step(ctx: AppContext, key, step: Step, apply, on: dt.date | str | None,
          what: str) -> Any:
    """One step in one unit of work: the role, the state and the kind checked against
    app.petitions.steps; the day checked; then `apply(s, p, day, cal)`, the audit entry, and
    the petition read back as this user may see it."""
    ctx.require(steps.STEPS[step].permission)
    with ctx.read() as s:
        received = load(s, key).received_on
    day = legal_day(on, what, not_before=received)
    cal = calendar(ctx, received)
    with ctx.write() as s:
        p = load(s, key)
        steps.check(step, p.status, p.kind, reference(p))
        before = audit.snapshot(p)
        apply(s, p, day, cal)
        s.flush()
        audit.record(s, ctx.user, "update", PETITION, p.id,
                     audit.diff(before, audit.snapshot(p)))
        petition_id = p.id
    return get_petition(ctx, petition_id)


HANDLER_ROLES = (Role.OFFICER, Role.CHAIRMAN)


def handlers(ctx: AppContext) -> list[UserRow]:
    """Who may be given a petition to handle: the active officers and the chairman."""
    return [u for u in list_users(ctx, include_inactive=False) if u.role in HANDLER_ROLES]


def _officer(s: Session, user_id: int | None) -> User:
    u = s.get(User, user_id) if user_id else None
    if u is None or not u.active or u.role not in HANDLER_ROLES:
        raise DomainError(_("Vui lòng chọn công chức (hoặc Chủ tịch) đang làm việc để giải quyết "
                            "đơn."))
    return u


def accept(ctx: AppContext, key, *, handler_id: int, on: dt.date | str | None = None,
           complexity: Complexity | str | None = None, remote: bool | None = None,
           note: str = ""):
    """Thụ lý: the case is within the commune's competence; the resolution clock starts from
    the day of acceptance, and a denunciation's notice of acceptance is due within its days."""
    def apply(s: Session, p: Petition, day: dt.date, cal: WorkCalendar) -> None:
        if p.kind == PetitionKind.DENUNCIATION and (p.anonymous or not p.petitioner_name):
            raise DomainError(_("Đơn tố cáo nặc danh, không rõ người tố cáo thì không thụ lý; "
                                "hãy lưu đơn (hoặc chuyển cơ quan có thẩm quyền xem xét)."))
        officer = _officer(s, handler_id)
        if complexity is not None:
            p.complexity = parse_enum(Complexity, complexity, _("Mức độ phức tạp không hợp lệ."))
        if remote is not None:
            p.remote = bool(remote)
        rule = clock.rule_for(s, p.kind, p.complexity, p.remote)
        due = clock.deadline(cal, day, rule.resolve_value, rule.resolve_unit, _("Giải quyết"))
        p.status, p.handler_id = S.ACCEPTED, officer.id
        p.classified_on = p.accepted_on = day
        p.due_on = p.legal_due_on = due.due
        p.classification_note = nfc(note)
        data = {"due_on": due.due.isoformat(), "explanation": list(due.explanation),
                "handler": officer.full_name}
        if rule.notify_value:
            notice = clock.deadline(cal, day, rule.notify_value, rule.notify_unit,
                                    _("Thông báo thụ lý"))
            p.accept_notice_due = notice.due
            data["accept_notice_due"] = notice.due.isoformat()
            data["accept_notice_explanation"] = list(notice.explanation)
        record_event(s, ctx.user, p, EventKind.ACCEPTED, day, note=nfc(note), data=data)
    return _step(ctx, key, Step.ACCEPT, apply, on, _("Ngày thụ lý"))


def forward(ctx: AppContext, key, to: str, *, on: dt.date | str | None = None, note: str = ""):
    """Chuyển đơn: not within the commune's competence; sent to the competent agency."""
    agency = required_text(to, _("Vui lòng ghi cơ quan có thẩm quyền nhận đơn chuyển."), 250)

    def apply(s: Session, p: Petition, day: dt.date, cal: WorkCalendar) -> None:
        p.status, p.classified_on, p.forwarded_to = S.FORWARDED, day, agency
        p.classification_note = nfc(note)
        record_event(s, ctx.user, p, EventKind.FORWARDED, day, note=agency)
    return _step(ctx, key, Step.FORWARD, apply, on, _("Ngày chuyển đơn"))


def guide(ctx: AppContext, key, note: str, *, on: dt.date | str | None = None):
    """Hướng dẫn: the citizen is told where and how to bring the matter."""
    text = required_text(note, _("Vui lòng ghi nội dung hướng dẫn công dân."))

    def apply(s: Session, p: Petition, day: dt.date, cal: WorkCalendar) -> None:
        p.status, p.classified_on, p.classification_note = S.GUIDED, day, text
        record_event(s, ctx.user, p, EventKind.GUIDED, day, note=text)
    return _step(ctx, key, Step.GUIDE, apply, on, _("Ngày hướng dẫn"))


def file(ctx: AppContext, key, reason: FileReason | str, note: str = "", *,
         on: dt.date | str | None = None):
    """Lưu đơn: anonymous, a duplicate, not eligible or out of time; the reason is kept."""
    why = parse_enum(FileReason, reason, _("Vui lòng chọn lý do lưu đơn."))

    def apply(s: Session, p: Petition, day: dt.date, cal: WorkCalendar) -> None:
        p.status, p.classified_on, p.file_reason = S.FILED, day, why
        p.classification_note = nfc(note)
        record_event(s, ctx.user, p, EventKind.FILED, day, note=label(why, paper=True),
                     data={"reason": why.value, "note": nfc(note)})
    return _step(ctx, key, Step.FILE, apply, on, _("Ngày lưu đơn"))


def notify_acceptance(ctx: AppContext, key, *, on: dt.date | str | None = None, how: str = ""):
    """A denunciation: the denouncer told in writing that it was accepted."""
    def apply(s: Session, p: Petition, day: dt.date, cal: WorkCalendar) -> None:
        if p.accept_notified_on is not None:
            raise DomainError(_("Đơn {ref} đã được thông báo thụ lý ngày {day}.").format(
                ref=reference(p), day=format_date(p.accept_notified_on)))
        if day < p.accepted_on:
            raise DomainError(_("Ngày thông báo thụ lý trước ngày thụ lý."))
        p.accept_notified_on = day
        record_event(s, ctx.user, p, EventKind.ACCEPT_NOTIFIED, day, note=nfc(how))
    return _step(ctx, key, Step.NOTIFY_ACCEPTANCE, apply, on, _("Ngày thông báo thụ lý"))


def extend(ctx: AppContext, key, decision: str, *, on: dt.date | str | None = None):
    """A denunciation's time extended by written decision (once if complex, twice if
    especially complex, as the rule table says)."""
    text = required_text(decision, _("Vui lòng ghi số, ngày của quyết định gia hạn."))

    def apply(s: Session, p: Petition, day: dt.date, cal: WorkCalendar) -> None:
        rule = clock.rule_for(s, p.kind, p.complexity, p.remote)
        if p.extensions >= rule.max_extensions:
            raise DomainError(_("Đơn {ref} ({complexity}) được gia hạn tối đa {max} lần; đã gia "
                                "hạn {done} lần.").format(
                ref=reference(p), complexity=label(p.complexity).lower(),
                max=rule.max_extensions, done=p.extensions))
        new = clock.deadline(cal, p.due_on, rule.extension_value, TimeUnit.CALENDAR_DAYS,
                             _("Gia hạn lần {n}").format(n=p.extensions + 1))
        old, p.due_on = p.due_on, new.due
        p.extensions += 1
        record_event(s, ctx.user, p, EventKind.EXTENDED, day, note=text,
                     data={"old_due_on": old.isoformat(), "due_on": new.due.isoformat(),
                           "explanation": list(new.explanation)})
    return _step(ctx, key, Step.EXTEND, apply, on, _("Ngày gia hạn"))


def pause(ctx: AppContext, key, reason: str, *, on: dt.date | str | None = None):
    """Tạm đình chỉ: the clock stops; the days not yet used are counted again on resuming."""
    text = required_text(reason, _("Vui lòng ghi lý do tạm đình chỉ."))

    def apply(s: Session, p: Petition, day: dt.date, cal: WorkCalendar) -> None:
        p.status, p.paused_on = S.PAUSED, day
        record_event(s, ctx.user, p, EventKind.PAUSED, day, note=text)
    return _step(ctx, key, Step.PAUSE, apply, on, _("Ngày tạm đình chỉ"))


def resume(ctx: AppContext, key, *, on: dt.date | str | None = None, note: str = ""):
    def apply(s: Session, p: Petition, day: dt.date, cal: WorkCalendar) -> None:
        if day < p.paused_on:
            raise DomainError(_("Ngày tiếp tục giải quyết trước ngày tạm đình chỉ."))
        rule = clock.rule_for(s, p.kind, p.complexity, p.remote)
        left = clock.remaining_days(rule.resolve_unit, cal, p.paused_on, p.due_on)
        new = clock.deadline(cal, day, max(left, 1), rule.resolve_unit,
                             _("Còn {left} ngày chưa dùng").format(left=left))
        old, p.due_on = p.due_on, new.due
        p.status, p.paused_on = S.ACCEPTED, None
        record_event(s, ctx.user, p, EventKind.RESUMED, day, note=nfc(note),
                     data={"old_due_on": old.isoformat(), "due_on": new.due.isoformat(),
                           "explanation": list(new.explanation)})
    return _step(ctx, key, Step.RESUME, apply, on, _("Ngày tiếp tục giải quyết"))


def resolve(ctx: AppContext, key, outcome: PetitionOutcome | str, decision: str, *,
            on: dt.date | str | None = None):
    """The decision (complaints), the conclusion (denunciations) or the answer
    (recommendations, feedback); the citizen is still to be told (notify)."""
    result = parse_enum(PetitionOutcome, outcome, _("Vui lòng chọn kết quả giải quyết."))
    text = required_text(decision, _("Vui lòng ghi số, ngày và nội dung chính của văn bản giải quyết."))

    def apply(s: Session, p: Petition, day: dt.date, cal: WorkCalendar) -> None:
        if result not in OUTCOMES[p.kind]:
            raise DomainError(_("Kết quả “{outcome}” không dùng cho đơn {kind}.").format(
                outcome=label(result), kind=label(p.kind).lower()))
        if day < p.accepted_on:
            raise DomainError(_("Ngày có kết quả trước ngày thụ lý."))
        p.status, p.outcome, p.resolved_on, p.decision = S.RESOLVED, result, day, text
        record_event(s, ctx.user, p, EventKind.RESOLVED, day, note=text,
                     data={"outcome": result.value, "on_time": day <= p.due_on})
    return _step(ctx, key, Step.RESOLVE, apply, on, _("Ngày có kết quả"))


def notify(ctx: AppContext, key, how: str, *, on: dt.date | str | None = None):
    """The result told to the citizen (in writing, at a meeting …): the petition is closed."""
    text = required_text(how, _("Vui lòng ghi cách thông báo kết quả cho công dân."), 120)

    def apply(s: Session, p: Petition, day: dt.date, cal: WorkCalendar) -> None:
        if day < p.resolved_on:
            raise DomainError(_("Ngày thông báo kết quả trước ngày có kết quả."))
        p.status, p.notified_on, p.notified_how = S.CLOSED, day, text
        record_event(s, ctx.user, p, EventKind.NOTIFIED, day, note=text)
    return _step(ctx, key, Step.NOTIFY, apply, on, _("Ngày thông báo kết quả"))


def withdraw(ctx: AppContext, key, reason: str, *, on: dt.date | str | None = None):
    text = required_text(reason, _("Vui lòng ghi lý do công dân rút đơn."))

    def apply(s: Session, p: Petition, day: dt.date, cal: WorkCalendar) -> None:
        p.status = S.WITHDRAWN
        record_event(s, ctx.user, p, EventKind.WITHDRAWN, day, note=text)
    return _step(ctx, key, Step.WITHDRAW, apply, on, _("Ngày rút đơn"))


def reopen(ctx: AppContext, key, reason: str, *, on: dt.date | str | None = None):
    """Back to work with a new resolution clock from today (a complaint settled wrongly, a
    withdrawal taken back, a filed petition found eligible)."""
    text = required_text(reason, _("Vui lòng ghi lý do mở lại đơn."))

    def apply(s: Session, p: Petition, day: dt.date, cal: WorkCalendar) -> None:
        rule = clock.rule_for(s, p.kind, p.complexity, p.remote)
        if p.handler_id is None:  # never accepted: back to classification
            due = clock.deadline(cal, day, rule.classify_value, rule.classify_unit,
                                 _("Phân loại, xử lý đơn"))
            p.status, p.classify_due, p.classified_on, p.file_reason = S.RECEIVED, due.due, \
                None, None
        else:
            due = clock.deadline(cal, day, rule.resolve_value, rule.resolve_unit,
                                 _("Giải quyết"))
            p.status, p.due_on, p.outcome, p.resolved_on = S.ACCEPTED, due.due, None, None
            p.notified_on, p.notified_how, p.decision, p.extensions = None, "", "", 0
        record_event(s, ctx.user, p, EventKind.REOPENED, day, note=text,
                     data={"due": due.due.isoformat(), "explanation": list(due.explanation)})
    return _step(ctx, key, Step.REOPEN, apply, on, _("Ngày mở lại"))
