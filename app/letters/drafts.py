"""Drafts filled from the registers: for an event registered at the desk, for a late dossier,
or from scratch for a household or a resident; and the merge values of a draft.

Recipients, by occasion:
- birth: the parent who registered the child, as "Gia đình ông/bà …";
- marriage: the couple, "Anh <husband> và chị <wife>" (the desk records "Husband & Wife");
- death: the relative who registered the death, as "Gia đình ông/bà …"; the deceased's age
  and date of death come from the resident register when the deceased is found there;
- late result: the applicant, "Ông/Bà …";
- from scratch: a household's head ("Gia đình ông/bà …") or a resident ("Ông/Bà …").
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import settings
from app.context import AppContext
from app.errors import DomainError, NotFound
from app.i18n import _, paper_text
from app.l10n import long_date, today
from app.text import fold, nfc
from db.models import (
    CivilEvent,
    Dossier,
    Household,
    Outcome,
    Procedure,
    Resident,
    Sex,
    Village,
)

from .types import SALUTATIONS, LetterDraft, Occasion

ELDER_AGE = 70  # "cụ" in a condolence letter from this age
LONG_LIFE = 60  # "hưởng thọ" from this age, "hưởng dương" below


def _sex_word(sex: Sex | None, male: str, female: str) -> str:
    return female if sex == Sex.FEMALE else male


def _age(born: dt.date | None, on: dt.date | None) -> int | None:
    if born is None or on is None:
        return None
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _place(s: Session, household_id: int | None) -> tuple[str, str]:
    """(address, village name) of a household."""
    if household_id is None:
        return "", ""
    row = s.execute(select(Household.address, Village.name).join(Village)
                    .where(Household.id == household_id)).first()
    return (row[0], row[1]) if row else ("", "")


def _address(address: str, village: str) -> str:
    if village and fold(village) not in fold(address):
        return f"{address}, {village}" if address else village
    return address


def recipient_values(draft: LetterDraft, commune: str) -> dict[str, str]:
    """The recipient's fields (kinh_gui, danh_xung, goi …) plus the draft's own values."""
    salutation = nfc(draft.salutation).strip()
    name = nfc(draft.recipient_name).strip()
    values = {k: nfc(v).strip() for k, v in draft.values.items() if v is not None}
    values.update({
        "kinh_gui": nfc(draft.addressee).strip() or f"{salutation} {name}".strip(),
        "danh_xung": salutation,
        "goi": SALUTATIONS.get(salutation, salutation.lower()),
        "nguoi_nhan": name,
        "dia_chi": nfc(draft.address).strip(),
        "thon": nfc(draft.village).strip(),
        "xa": commune,
        "ngay_thu": long_date(draft.letter_date),
    })
    return values


def deceased_values(person: Resident | None, name: str, died: dt.date | None = None
                    ) -> dict[str, str]:
    """nguoi_mat, and what the register and the death registration tell: the day of death
    (the register's, else `died` as registered at the desk), the age and how to call them."""
    values = {"nguoi_mat": nfc(name)}
    died = (person.death_date if person is not None else None) or died
    if died is not None:
        values["ngay_mat"] = long_date(died)
    if person is None:
        return values
    age = _age(person.birth_date, died)
    if age is not None:
        values["tuoi"] = str(age)
        values["huong_tho"] = (paper_text("hưởng thọ {age} tuổi") if age >= LONG_LIFE
                               else paper_text("hưởng dương {age} tuổi")).format(age=age)
        values["goi_nguoi_mat"] = (paper_text("cụ") if age >= ELDER_AGE
                                   else _sex_word(person.sex, paper_text("ông"), paper_text("bà")))
    return values


def find_deceased(s: Session, ev: CivilEvent) -> Resident | None:
    """The deceased in the register: the event's subject, or the one person of that name in
    the household who registered the death."""
    if ev.subject_resident_id is not None:
        return s.get(Resident, ev.subject_resident_id)
    if ev.household_id is None:
        return None
    key = fold(ev.person_name)
    found = [r for r in s.scalars(select(Resident).where(Resident.household_id == ev.household_id,
                                                         Resident.name_key == key))]
    dead = [r for r in found if r.death_date is not None]
    return (dead or found)[0] if len(dead or found) == 1 else None


def split_couple(text: str) -> tuple[str, str] | None:
    """'Husband & Wife' (or 'Husband và Wife') → the two names."""
    for sep in ("&", " và "):
        if sep in text:
            a, b = (nfc(x).strip() for x in text.split(sep, 1))
            if a and b:
                return a, b
    return None


def civil_event_draft(s: Session, event_id: int, day: dt.date) -> LetterDraft:
    ev = s.get(CivilEvent, event_id)
    if ev is None:
        raise NotFound(_("Không tìm thấy sự kiện hộ tịch này."))
    d = s.get(Dossier, ev.dossier_id)
    applicant = s.get(Resident, ev.resident_id) if ev.resident_id else None
    household_id = ev.household_id or (applicant.household_id if applicant else None)
    address, village = _place(s, household_id)
    address = address or d.applicant_address
    name = nfc(d.applicant_name)
    sex = applicant.sex if applicant else None
    common = dict(letter_date=day, address=_address(address, village), village=village,
                  household_id=household_id, resident_id=ev.resident_id, civil_event_id=ev.id,
                  dossier_id=d.id)
    registered = long_date(ev.event_on)
    if ev.kind == Occasion.MARRIAGE:
        couple = split_couple(ev.person_name)
        values = {"ngay_dang_ky": registered}
        addressee = ""
        recipient = nfc(ev.person_name)
        if couple:
            values.update(chu_re=couple[0], co_dau=couple[1])
            recipient = paper_text("{husband} và {wife}").format(husband=couple[0], wife=couple[1])
            addressee = paper_text("Anh {husband} và chị {wife}").format(husband=couple[0], wife=couple[1])
        return LetterDraft(Occasion.MARRIAGE, recipient, "Anh chị", addressee=addressee,
                           values=values, about=paper_text("Đăng ký kết hôn: {couple} (hồ sơ {code})")
                           .format(couple=recipient, code=d.code), **common)
    family = _sex_word(sex, "Gia đình ông", "Gia đình bà")
    if ev.kind == Occasion.BIRTH:
        return LetterDraft(Occasion.BIRTH, name, family,
                           values={"ten_con": nfc(ev.person_name), "ngay_dang_ky": registered},
                           about=paper_text("Đăng ký khai sinh: cháu {child} (hồ sơ {code})")
                           .format(child=nfc(ev.person_name), code=d.code), **common)
    deceased = find_deceased(s, ev)
    values = {"ngay_dang_ky": registered,
              **deceased_values(deceased, ev.person_name, ev.occurred_on)}
    return LetterDraft(Occasion.DEATH, name, family, values=values,
                       subject_resident_id=deceased.id if deceased else None,
                       about=paper_text("Đăng ký khai tử: {name} (hồ sơ {code})")
                       .format(name=nfc(ev.person_name), code=d.code), **common)


def late_reason(s: Session, d: Dossier) -> str:
    """'chậm trả kết quả hồ sơ “…” (mã hồ sơ …), hẹn trả ngày …[ nhưng đến ngày … mới trả]'."""
    proc = s.get(Procedure, d.procedure_id)
    text = paper_text("chậm trả kết quả hồ sơ “{procedure}” (mã hồ sơ {code}), hẹn trả {due}").format(
        procedure=proc.name, code=d.code, due=long_date(d.legal_due_at.date()))
    if d.finished_at is not None and d.outcome == Outcome.LATE:
        text += paper_text(" nhưng đến {day} mới trả được kết quả").format(day=long_date(d.finished_at.date()))
    elif d.due_at > d.legal_due_at:
        text += paper_text(", nay phải hẹn lại đến {day}").format(day=long_date(d.due_at.date()))
    return text


def dossier_draft(s: Session, dossier_id: int, day: dt.date) -> LetterDraft:
    d = s.get(Dossier, dossier_id)
    if d is None:
        raise NotFound(_("Không tìm thấy hồ sơ này."))
    applicant = s.get(Resident, d.applicant_resident_id) if d.applicant_resident_id else None
    household_id = d.household_id or (applicant.household_id if applicant else None)
    address, village = _place(s, household_id)
    proc = s.get(Procedure, d.procedure_id)
    values = {"ly_do": late_reason(s, d), "ho_so": d.code, "thu_tuc": proc.name,
              "ngay_hen": long_date(d.legal_due_at.date())}
    return LetterDraft(Occasion.LATE, nfc(d.applicant_name),
                       _sex_word(applicant.sex if applicant else None, "Ông", "Bà"),
                       letter_date=day, address=_address(address or d.applicant_address, village),
                       village=village, household_id=household_id,
                       resident_id=d.applicant_resident_id, dossier_id=d.id, values=values,
                       about=paper_text("Trả kết quả chậm: hồ sơ {code}").format(code=d.code))


def household_draft(s: Session, household_id: int, occasion: Occasion, day: dt.date
                    ) -> LetterDraft:
    hh = s.get(Household, household_id)
    if hh is None:
        raise NotFound(_("Không tìm thấy hộ gia đình này."))
    head = s.get(Resident, hh.head_id) if hh.head_id else None
    if head is None:
        raise DomainError(_("Hộ này chưa có chủ hộ: hãy chọn người nhận thư trong sổ nhân khẩu."))
    address, village = _place(s, household_id)
    return LetterDraft(Occasion(occasion), head.full_name,
                       _sex_word(head.sex, "Gia đình ông", "Gia đình bà"), letter_date=day,
                       address=_address(address, village), village=village,
                       household_id=household_id, resident_id=head.id)


def resident_draft(s: Session, resident_id: int, occasion: Occasion, day: dt.date
                   ) -> LetterDraft:
    """A letter to a resident; for a condolence, the resident is the deceased and the letter
    goes to the family (the household's head, or the one who is alive)."""
    person = s.get(Resident, resident_id)
    if person is None:
        raise NotFound(_("Không tìm thấy nhân khẩu này."))
    occasion = Occasion(occasion)
    address, village = _place(s, person.household_id)
    common = dict(letter_date=day, address=_address(address, village), village=village,
                  household_id=person.household_id)
    if occasion != Occasion.DEATH:
        return LetterDraft(occasion, person.full_name, _sex_word(person.sex, "Ông", "Bà"),
                           resident_id=person.id, **common)
    if person.death_date is None:
        raise DomainError(_("Theo sổ nhân khẩu, {name} vẫn còn sống: chỉ gửi thư chia buồn khi "
                            "đã có ngày mất (đăng ký khai tử).").format(name=person.full_name))
    hh = s.get(Household, person.household_id)
    head = s.get(Resident, hh.head_id) if hh and hh.head_id else None
    if head is None or head.id == person.id or head.death_date is not None:
        raise DomainError(_("Hộ của {name} không còn chủ hộ trong sổ: hãy chọn người thân nhận "
                            "thư.").format(name=person.full_name))
    return LetterDraft(Occasion.DEATH, head.full_name,
                       _sex_word(head.sex, "Gia đình ông", "Gia đình bà"), resident_id=head.id,
                       subject_resident_id=person.id,
                       values=deceased_values(person, person.full_name),
                       about=paper_text("{name} từ trần {day}").format(
                           name=person.full_name, day=long_date(person.death_date)), **common)


def for_household(ctx: AppContext, household_id: int, occasion: Occasion,
                  day: dt.date | None = None) -> LetterDraft:
    """A letter from scratch to a household's head (the UI's entry point)."""
    with ctx.read() as s:
        return household_draft(s, household_id, occasion, day or today())


def for_resident(ctx: AppContext, resident_id: int, occasion: Occasion,
                 day: dt.date | None = None) -> LetterDraft:
    """A letter from scratch to a resident, or to the family of a resident who died."""
    with ctx.read() as s:
        return resident_draft(s, resident_id, occasion, day or today())


def commune_name(s: Session) -> str:
    return settings.profile_in(s).commune_name
