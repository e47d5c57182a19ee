"""A petition received: its number in the year's register, its petitioner (from the residents
register, typed in, or anonymous), its classification clock; and the checks every step of
app.petitions.service shares (days, texts, the events)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import audit, search_index, settings, validators
from app.auth import CurrentUser, Permission
from app.concurrency import retried
from app.context import AppContext
from app.errors import DomainError, NotFound
from app.i18n import _
from app.l10n import format_date, today
from app.labels import label
from app.petitions import clock, privacy
from app.petitions.queries import get_petition
from app.petitions.types import PETITION, EventKind, PetitionInput
from app.resident_lists import full_address
from app.text import fold, nfc
from app.workdays import WorkCalendar, load_calendar
from db.models import (
    Complexity,
    Household,
    Petition,
    PetitionChannel,
    PetitionEvent,
    PetitionField,
    PetitionKind,
    PetitionStatus,
    Resident,
    Village,
)

S = PetitionStatus
REMOTE_SETTING = "petitions_remote_area"  # the commune is a vùng sâu, vùng xa (settings)


# -- small checks -------------------------------------------------------------------------

def parse_enum(cls, value, message: str):
    try:
        return cls(value)
    except ValueError:
        raise DomainError(message) from None


def legal_day(value: dt.date | str | None, what: str, not_before: dt.date | None = None) -> dt.date:
    """A legal day typed or given: today when None; never in the future, never before
    `not_before` (the day the petition was received)."""
    day = value if isinstance(value, dt.date) else (
        validators.parse_date(value, what) if value else today())
    if day > today():
        raise DomainError(_("{what} {day} ở tương lai; vui lòng kiểm tra lại.").format(
            what=what, day=format_date(day)))
    if not_before is not None and day < not_before:
        raise DomainError(_("{what} {day} trước ngày nhận đơn ({received}).").format(
            what=what, day=format_date(day), received=format_date(not_before)))
    return day


def required_text(value: str, message: str, limit: int | None = None) -> str:
    text = nfc(value).strip()
    if not text:
        raise DomainError(message)
    return text[:limit] if limit else text


def petition_tokens(p: Petition) -> set[str]:
    """What finds a petition: its number, subject and field, and its petitioner's name unless
    the petitioner is a denouncer (a search must never reveal who denounced)."""
    words = [f"{p.number}/{p.year}", p.subject]
    if not privacy.confidential(p.kind) and not p.anonymous:
        words += [p.petitioner_name, p.petitioner_phone or ""]
    return search_index.index_tokens(*words)


def reference(p: Petition) -> str:
    return f"{p.number:02d}/{p.year}"


def record_event(s: Session, user: CurrentUser, p: Petition, kind: EventKind, on: dt.date, *,
                 note: str = "", data: dict | None = None) -> None:
    from app.desk.clock import now

    s.add(PetitionEvent(petition_id=p.id, at=now(), event_on=on, kind=kind.value,
                        by_user=user.user_id, note=note,
                        data=json.dumps(data or {}, ensure_ascii=False, default=str)))


def calendar(ctx: AppContext, since: dt.date) -> WorkCalendar:
    """The office calendar from `since` to the end of next year: loaded (and seeded) before a
    step's write, so that no deadline needs a year the write would have to seed."""
    return load_calendar(ctx, min(since.year, today().year), today().year + 1)


# -- reception of a petition ----------------------------------------------------------------

def _petitioner(s: Session, data: PetitionInput) -> dict[str, Any]:
    if data.anonymous:
        return {"petitioner_resident_id": None, "petitioner_name": "", "petitioner_key": "",
                "petitioner_address": "", "petitioner_phone": None, "petitioner_cccd": None,
                "village_id": data.village_id}
    if data.petitioner_resident_id:
        r = s.get(Resident, data.petitioner_resident_id)
        if r is None:
            raise DomainError(_("Không tìm thấy người gửi đơn trong sổ nhân khẩu."))
        hh = s.get(Household, r.household_id)
        village = s.get(Village, hh.village_id)
        return {"petitioner_resident_id": r.id, "petitioner_name": r.full_name,
                "petitioner_key": fold(r.full_name),
                "petitioner_address": full_address(nfc(data.petitioner_address) or hh.address,
                                                   village.name if village else ""),
                "petitioner_phone": validators.phone(data.petitioner_phone) or r.phone,
                "petitioner_cccd": validators.cccd(data.petitioner_cccd) or r.cccd,
                "village_id": hh.village_id}
    name = validators.person_name(data.petitioner_name, label=_("Họ tên người gửi đơn"))
    return {"petitioner_resident_id": None, "petitioner_name": name, "petitioner_key": fold(name),
            "petitioner_address": nfc(data.petitioner_address),
            "petitioner_phone": validators.phone(data.petitioner_phone),
            "petitioner_cccd": validators.cccd(data.petitioner_cccd),
            "village_id": data.village_id}


def receive_in(s: Session, user: CurrentUser, data: PetitionInput, cal: WorkCalendar) -> Petition:
    """Register a petition inside the caller's unit of work (the petitions form, or a visit of
    citizen reception that ends with a petition); its number is the next of its year's register
    and its classification clock starts. `cal`: the office calendar, from `calendar(ctx)`,
    loaded before the write (loading may seed a year, which is a write of its own)."""
    kind = parse_enum(PetitionKind, data.kind, _("Loại đơn không hợp lệ."))
    channel = parse_enum(PetitionChannel, data.channel, _("Nguồn đơn không hợp lệ."))
    field = parse_enum(PetitionField, data.field, _("Lĩnh vực của đơn không hợp lệ."))
    complexity = parse_enum(Complexity, data.complexity, _("Mức độ phức tạp không hợp lệ."))
    received = legal_day(data.received_on, _("Ngày nhận đơn"))
    subject = required_text(data.subject, _("Vui lòng ghi trích yếu nội dung đơn."), 300)
    content = required_text(data.content, _("Vui lòng ghi nội dung đơn."))
    if not 1 <= int(data.signatories or 0) <= 10_000:
        raise DomainError(_("Số người ký đơn phải từ 1 trở lên."))
    if channel == PetitionChannel.FORWARDED and not nfc(data.source_agency):
        raise DomainError(_("Đơn do cơ quan khác chuyển đến: vui lòng ghi tên cơ quan chuyển."))
    remote = bool(settings.get(s, REMOTE_SETTING)) if data.remote is None else bool(data.remote)
    who = _petitioner(s, data)
    if data.duplicate_of_id is not None and s.get(Petition, data.duplicate_of_id) is None:
        raise NotFound(_("Không tìm thấy đơn trùng được chọn."))
    rule = clock.rule_for(s, kind, complexity, remote)
    due = clock.deadline(cal, received, rule.classify_value, rule.classify_unit,
                         _("Phân loại, xử lý đơn"))
    number = (s.scalar(select(func.max(Petition.number)).where(Petition.year == received.year))
              or 0) + 1
    p = Petition(year=received.year, number=number, kind=kind, channel=channel,
                 source_agency=nfc(data.source_agency), received_on=received,
                 received_by=user.user_id, anonymous=bool(data.anonymous),
                 signatories=int(data.signatories), field=field, subject=subject,
                 subject_key=fold(subject), content=content, complexity=complexity,
                 remote=remote, status=S.RECEIVED, classify_due=due.due,
                 duplicate_of_id=data.duplicate_of_id, **who)
    s.add(p)
    s.flush()
    search_index.set_tokens(s, PETITION, p.id, petition_tokens(p))
    record_event(s, user, p, EventKind.RECEIVED, received, note=label(channel),
                 data={"classify_due": due.due.isoformat(), "explanation": list(due.explanation)})
    audit.record(s, user, "create", PETITION, p.id,
                 {"number": reference(p), "kind": kind.value, "subject": subject})
    return p


def receive(ctx: AppContext, data: PetitionInput):
    """A petition received (the form's "Lưu"); returns its row as this user may see it."""
    ctx.require(Permission.RECEIVE_PETITIONS)
    cal = calendar(ctx, legal_day(data.received_on, _("Ngày nhận đơn")))
    def write() -> int:
        with ctx.write() as s:
            return receive_in(s, ctx.user, data, cal).id

    petition_id = retried(write, _("Máy khác đang ghi đơn cùng lúc; vui lòng bấm Lưu lại."))
    return get_petition(ctx, petition_id)
