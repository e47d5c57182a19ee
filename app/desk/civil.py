"""A birth, marriage or death registration returned at the desk, and the register after it.

Returning such a dossier records the civil event (the letters tab owes the household a letter
for it) and, when the clerk confirms it on the return form, brings the residents register up
to date in the same unit of work: the newborn joins the applicant's household, the deceased
is marked dead. `offer` tells the return form what to propose, prefilled.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import audit
from app.context import AppContext
from app.desk.queries import load_dossier
from app.errors import DomainError
from app.i18n import _
from app.resident_lists import RESIDENT, full_address
from app.residents import HEAD_RELATION, ResidentInput, add_member_in
from app.text import fold, nfc
from db.models import CivilEvent, CivilEventKind, Dossier, Household, Procedure, Resident, Village

# the relation of a newborn to the head, from the applicant's own relation to the head
_CHILD_RELATION = {HEAD_RELATION: "Con", "Vợ": "Con", "Chồng": "Con", "Con": "Cháu",
                   "Con dâu": "Cháu", "Con rể": "Cháu"}


@dataclass(frozen=True)
class Member:
    id: int
    full_name: str
    birth_year: int | None
    relation: str


@dataclass(frozen=True)
class RegisterOffer:
    """What the return form of a civil-status dossier proposes (nothing for other dossiers).

    `household_id` is the applicant's household in the register (None: the applicant was
    typed in, so there is no household to add a child to); `members`: its living members,
    among whom the deceased of a death registration is chosen."""

    event: CivilEventKind | None
    household_id: int | None = None
    household_label: str = ""
    child_relation: str = "Con"
    members: list[Member] = field(default_factory=list)


def offer(ctx: AppContext, key) -> RegisterOffer:
    with ctx.read() as s:
        d = load_dossier(s, key)
        event = s.scalar(select(Procedure.civil_event).where(Procedure.id == d.procedure_id))
        if event is None or d.household_id is None:
            return RegisterOffer(event)
        hh = s.get(Household, d.household_id)
        village = s.get(Village, hh.village_id)
        head = s.get(Resident, hh.head_id) if hh.head_id else None
        label = _("hộ {head}, {address}").format(
            head=head.full_name if head else "—",
            address=full_address(hh.address, village.name if village else ""))
        applicant = s.get(Resident, d.applicant_resident_id) if d.applicant_resident_id else None
        relation = _CHILD_RELATION.get(applicant.relation if applicant else "", "Con")
        members = [Member(r.id, r.full_name, r.birth_date.year if r.birth_date else None,
                          r.relation)
                   for r in s.scalars(select(Resident).where(
                       Resident.household_id == hh.id, Resident.active.is_(True),
                       Resident.death_date.is_(None)).order_by(Resident.id))]
    return RegisterOffer(event, hh.id, label, relation, members)


def record(s: Session, ctx: AppContext, d: Dossier, moment: dt.datetime, *, person: str,
           died: dt.date | None, newborn: ResidentInput | None,
           deceased_id: int | None) -> None:
    """Called by lifecycle.return_result inside its unit of work (see the module's note)."""
    event = s.scalar(select(Procedure.civil_event).where(Procedure.id == d.procedure_id))
    if event is None:
        if newborn is not None or deceased_id is not None:
            raise DomainError(_("Hồ sơ {code} không phải đăng ký khai sinh hay khai tử; sổ nhân "
                                "khẩu không thay đổi.").format(code=d.code))
        return
    if newborn is not None and event != CivilEventKind.BIRTH:
        raise DomainError(_("Chỉ hồ sơ đăng ký khai sinh mới thêm trẻ vào hộ."))
    if deceased_id is not None and event != CivilEventKind.DEATH:
        raise DomainError(_("Chỉ hồ sơ đăng ký khai tử mới ghi nhận người mất."))
    death = event == CivilEventKind.DEATH
    if death and died is not None and died > moment.date():
        raise DomainError(_("Ngày mất không thể sau ngày trả kết quả."))
    name = newborn.full_name if newborn is not None else (nfc(person) or d.applicant_name)
    subject = None
    if newborn is not None:
        if d.household_id is None:
            raise DomainError(_("Người nộp hồ sơ không có trong sổ nhân khẩu, nên chưa có hộ để "
                                "thêm trẻ; hãy thêm trẻ ở Sổ nhân khẩu."))
        subject = add_member_in(s, ctx.user, d.household_id, newborn).id
    elif death:
        subject = deceased_id if deceased_id is not None else _member(s, d.household_id, name)
        if deceased_id is not None:
            person_row = s.get(Resident, deceased_id)
            if person_row is None:
                raise DomainError(_("Không tìm thấy người mất trong sổ nhân khẩu."))
            if died is None:
                raise DomainError(_("Vui lòng ghi ngày mất để ghi nhận vào sổ nhân khẩu."))
            name = nfc(person) or person_row.full_name
    s.add(CivilEvent(kind=event.value, dossier_id=d.id, event_on=moment.date(),
                           person_name=name, resident_id=d.applicant_resident_id,
                           household_id=d.household_id, subject_resident_id=subject,
                           occurred_on=died if death else None))
    if death and subject is not None and died is not None:
        _record_death(s, ctx, subject, died)


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
    audit.record(s, ctx.user, "update", RESIDENT, person.id,
                 audit.diff(before, audit.snapshot(person, ["death_date", "active"])))
