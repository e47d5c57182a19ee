"""A visit written in the reception register, in one unit of work: the citizen (from the
residents register or typed in; a delegation with its number of people), what they brought,
and how it ended: answered on the spot, guided, or a petition received, registered in the same
unit of work (app.petitions.intake.receive_in, channel `reception`) and linked to the visit.

Everything is checked before anything is written; a refusal writes nothing.
"""

from __future__ import annotations

import datetime as dt
import time

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from app import audit, search_index, validators
from app.auth import Permission
from app.context import AppContext
from app.desk.clock import now
from app.errors import DomainError, NotFound
from app.i18n import _
from app.petitions import intake, privacy
from app.petitions.types import PetitionInput
from app.reception.queries import get_visit
from app.reception.types import VISIT, VisitInput, VisitRow
from app.resident_lists import full_address
from app.text import fold, nfc
from db.models import (
    Household,
    PetitionChannel,
    PetitionField,
    PetitionKind,
    ReceptionDay,
    ReceptionVisit,
    Resident,
    User,
    Village,
    VisitHandling,
)

ATTEMPTS = 8
GRACE = dt.timedelta(minutes=1)  # two PCs' clocks never agree to the second
MAX_GROUP = 10_000


def visit_tokens(v: ReceptionVisit) -> set[str]:
    """What finds a visit: its content, and its citizen's name and phone unless the visit
    brought a denunciation (a search must never say who denounced)."""
    words = [v.content]
    if not privacy.confidential(v.kind):
        words += [v.citizen_name, v.citizen_phone or ""]
        whole = search_index.joined(v.citizen_name)
        if whole:
            words.append(whole)
    return search_index.index_tokens(*words)


def _citizen(s: Session, data: VisitInput) -> dict:
    if data.citizen_resident_id:
        r = s.get(Resident, data.citizen_resident_id)
        if r is None:
            raise DomainError(_("Không tìm thấy công dân này trong sổ nhân khẩu."))
        hh = s.get(Household, r.household_id)
        village = s.get(Village, hh.village_id)
        address = nfc(data.citizen_address).strip() or full_address(
            hh.address, village.name if village else "")
        return {"citizen_resident_id": r.id, "citizen_name": r.full_name,
                "citizen_key": fold(r.full_name), "citizen_address": address,
                "citizen_phone": validators.phone(data.citizen_phone) or r.phone}
    name = validators.person_name(data.citizen_name, label=_("Họ tên công dân"))
    return {"citizen_resident_id": None, "citizen_name": name, "citizen_key": fold(name),
            "citizen_address": nfc(data.citizen_address).strip(),
            "citizen_phone": validators.phone(data.citizen_phone)}


def _enum(cls, value, message: str):
    return intake.parse_enum(cls, value, message)


def check(data: VisitInput) -> tuple:
    """The checks that need no database: kind, field, handling, the moment, texts, the group."""
    kind = _enum(PetitionKind, data.kind, _("Vui lòng chọn loại nội dung công dân trình bày."))
    field = _enum(PetitionField, data.field, _("Lĩnh vực không hợp lệ."))
    handling = _enum(VisitHandling, data.handling,
                     _("Vui lòng chọn cách xử lý: trả lời trực tiếp, hướng dẫn hoặc nhận đơn."))
    clock = now()
    at = (data.visited_at or clock).replace(second=0, microsecond=0)
    if at > clock.replace(second=59) + GRACE:
        raise DomainError(_("Thời điểm tiếp {when} ở tương lai; vui lòng kiểm tra lại.").format(
            when=at.strftime("%H:%M %d/%m/%Y")))
    content = intake.required_text(data.content,
                                   _("Vui lòng ghi nội dung công dân trình bày."))
    try:
        group = int(data.group_size)
    except (TypeError, ValueError):
        group = 0
    if not 1 <= group <= MAX_GROUP:
        raise DomainError(_("Số người đến phải từ 1 trở lên (đoàn đông người: ghi số người)."))
    answer = nfc(data.answer).strip()
    if handling == VisitHandling.ANSWERED and not answer:
        raise DomainError(_("Vui lòng ghi nội dung đã trả lời công dân."))
    if handling == VisitHandling.GUIDED and not answer:
        raise DomainError(_("Vui lòng ghi nội dung đã hướng dẫn công dân."))
    if handling == VisitHandling.PETITION:
        intake.required_text(data.subject, _("Công dân gửi đơn: vui lòng ghi trích yếu nội "
                                             "dung đơn."))
    return kind, field, handling, at, content, group, answer


def _receiver(s: Session, ctx: AppContext, user_id: int | None) -> int | None:
    if user_id is None:
        return ctx.user.user_id
    u = s.get(User, user_id)
    if u is None or not u.active:
        raise DomainError(_("Người tiếp công dân phải là một tài khoản đang làm việc."))
    return u.id


def _day(s: Session, data: VisitInput, on: dt.date) -> int | None:
    if data.day_id is not None:
        d = s.get(ReceptionDay, data.day_id)
        if d is None:
            raise NotFound(_("Không tìm thấy buổi tiếp công dân này."))
        if d.day != on:
            raise DomainError(_("Lượt tiếp phải ghi đúng ngày của buổi tiếp công dân."))
        return d.id
    return s.scalar(select(ReceptionDay.id).where(ReceptionDay.day == on)
                    .order_by(ReceptionDay.kind, ReceptionDay.id).limit(1))


def record_visit(ctx: AppContext, data: VisitInput) -> VisitRow:
    """Write one visit (and its petition, when it ends with one); returns the visit as this
    user may see it."""
    ctx.require(Permission.RECEIVE_PETITIONS)
    kind, field, handling, at, content, group, answer = check(data)
    cal = intake.calendar(ctx, at.date()) if handling == VisitHandling.PETITION else None
    for attempt in range(ATTEMPTS):
        try:
            visit_id = _insert(ctx, data, kind, field, handling, at, content, group, answer, cal)
            break
        except (IntegrityError, OperationalError):
            if attempt == ATTEMPTS - 1:
                raise DomainError(_("Máy khác đang ghi cùng lúc; vui lòng bấm Lưu lại.")) \
                    from None
            time.sleep(0.05 * (attempt + 1))
    return get_visit(ctx, visit_id)


def _insert(ctx, data, kind, field, handling, at, content, group, answer, cal) -> int:
    with ctx.write() as s:
        who = _citizen(s, data)
        receiver = _receiver(s, ctx, data.received_by)
        if data.previous_visit_id is not None and s.get(
                ReceptionVisit, data.previous_visit_id) is None:
            raise NotFound(_("Không tìm thấy lượt tiếp trước được chọn."))
        petition_id = None
        if handling == VisitHandling.PETITION:
            petition = intake.receive_in(s, ctx.user, PetitionInput(
                kind=kind, subject=data.subject, content=content, field=field,
                channel=PetitionChannel.RECEPTION, received_on=at.date(),
                petitioner_resident_id=who["citizen_resident_id"],
                petitioner_name=who["citizen_name"], petitioner_address=who["citizen_address"],
                petitioner_phone=who["citizen_phone"], signatories=group,
                complexity=data.complexity, duplicate_of_id=data.duplicate_of_id), cal)
            petition_id = petition.id
        v = ReceptionVisit(
            day_id=_day(s, data, at.date()), visited_at=at, received_by=receiver,
            group_size=group, kind=kind, field=field, content=content,
            subject_key=fold(f"{data.subject} {content}")[:300], handling=handling,
            answer=answer if handling != VisitHandling.PETITION else "",
            petition_id=petition_id, previous_visit_id=data.previous_visit_id, **who)
        s.add(v)
        s.flush()
        search_index.set_tokens(s, VISIT, v.id, visit_tokens(v))
        audit.record(s, ctx.user, "create", VISIT, v.id, {
            "visited_at": at.isoformat(), "kind": kind.value, "handling": handling.value,
            "petition_id": petition_id, "previous_visit_id": data.previous_visit_id,
            "group_size": group})
        return v.id
