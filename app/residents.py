"""Households and residents (hộ gia đình, nhân khẩu): validation, writes, search, detail."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app import audit, search_index, validators
from app.auth import Permission
from app.context import AppContext
from app.errors import DomainError, NotFound
from app.i18n import N_, _
from app.records import set_active
from app.resident_lists import HOUSEHOLD, RESIDENT
from app.text import fold, nfc, person_sort_key
from db.models import Household, Resident, Sex, Village

HEAD_RELATION = "Chủ hộ"
_AUDITED = ["full_name", "sex", "birth_date", "cccd", "phone", "relation", "note", "household_id"]


def parse_sex(value) -> Sex:
    if isinstance(value, Sex):
        return value
    key = fold(str(value or ""))
    if key in ("nam", "m", "male", "trai"):
        return Sex.MALE
    if key in ("nu", "f", "female", "gai"):
        return Sex.FEMALE
    raise DomainError(_("Giới tính “{value}” không hợp lệ: ghi “Nam” hoặc “Nữ”.").format(
        value=nfc(str(value or ""))), field="sex")


@dataclass
class ResidentInput:
    full_name: str
    sex: Sex | str
    birth_date: dt.date | None = None
    cccd: str | None = None
    phone: str | None = None
    relation: str = ""
    note: str = ""

    def cleaned(self, *, today: dt.date | None = None) -> ResidentInput:
        """A validated, NFC-normalised copy; raises DomainError on the first bad field."""
        return ResidentInput(
            full_name=validators.person_name(self.full_name),
            sex=parse_sex(self.sex),
            birth_date=validators.birth_date(validators.parse_date(self.birth_date, _("Ngày sinh")),
                                             today=today),
            cccd=validators.cccd(self.cccd),
            phone=validators.phone(self.phone),
            relation=nfc(self.relation)[:40],
            note=nfc(self.note),
        )


def resident_tokens(full_name: str, cccd: str | None, phone: str | None) -> set[str]:
    return search_index.index_tokens(full_name, cccd, phone)


def household_tokens(code: str | None, address: str, head_name: str, village: str) -> set[str]:
    return search_index.index_tokens(code, address, head_name, village)


def _reindex_household(s: Session, hh: Household) -> None:
    head = s.get(Resident, hh.head_id) if hh.head_id else None
    village = s.get(Village, hh.village_id)
    search_index.set_tokens(
        s, HOUSEHOLD, hh.id,
        household_tokens(hh.code, hh.address, head.full_name if head else "", village.name if village else ""),
    )


def _check_cccd_free(s: Session, cccd: str | None, exclude_id: int | None = None) -> None:
    if not cccd:
        return
    stmt = select(Resident.id, Resident.full_name).where(Resident.cccd == cccd)
    if exclude_id:
        stmt = stmt.where(Resident.id != exclude_id)
    hit = s.execute(stmt).first()
    if hit:
        raise DomainError(
            _("Số căn cước {cccd} đã được ghi cho ông/bà {name}; mỗi người chỉ có một số căn "
              "cước, vui lòng kiểm tra lại.").format(cccd=cccd, name=hit.full_name), field="cccd")


def _active_village(s: Session, village_id: int) -> Village:
    v = s.get(Village, village_id)
    if v is None or not v.active:
        raise DomainError(_("Vui lòng chọn thôn của hộ gia đình (thôn đang sử dụng)."), field="village")
    return v


def _clean_code(s: Session, code: str | None, exclude_id: int | None = None) -> str | None:
    code = nfc(code) or None
    if code is None:
        return None
    if len(code) > 40:
        raise DomainError(_("Số hộ quá dài (tối đa {max_len} ký tự).").format(max_len=40))
    stmt = select(Household.id).where(Household.code == code)
    if exclude_id:
        stmt = stmt.where(Household.id != exclude_id)
    if s.scalar(stmt) is not None:
        raise DomainError(_("Số hộ “{code}” đã có trong sổ; vui lòng dùng số khác.").format(code=code))
    return code


def _new_resident(s: Session, hh_id: int, data: ResidentInput) -> Resident:
    _check_cccd_free(s, data.cccd)
    r = Resident(
        household_id=hh_id, full_name=data.full_name, name_key=fold(data.full_name),
        sort_key=person_sort_key(data.full_name), sex=data.sex, birth_date=data.birth_date,
        cccd=data.cccd, phone=data.phone, relation=data.relation, note=data.note,
    )
    s.add(r)
    s.flush()
    search_index.set_tokens(s, RESIDENT, r.id, resident_tokens(r.full_name, r.cccd, r.phone))
    return r


def _commit_guard(exc: IntegrityError) -> DomainError:
    text = str(exc.orig).lower()
    if "cccd" in text:
        return DomainError(_("Số căn cước này đã có trong sổ nhân khẩu."), field="cccd")
    if "code" in text:
        return DomainError(_("Số hộ này đã có trong sổ."))
    return DomainError(_("Dữ liệu không hợp lệ; không có gì được ghi."), details=str(exc.orig))


def create_household(
    ctx: AppContext,
    village_id: int | None,
    address: str,
    head: ResidentInput | None,
    members: list[ResidentInput] = (),
    code: str | None = None,
) -> int:
    """A new household with its head (required) and members, in one unit of work."""
    ctx.require(Permission.EDIT_RESIDENTS)
    if head is None or not nfc(head.full_name):
        raise DomainError(_("Hộ gia đình phải có chủ hộ: vui lòng nhập họ tên chủ hộ."))
    head_c = head.cleaned()
    head_c.relation = HEAD_RELATION
    members_c = [m.cleaned() for m in members]
    cccds = [p.cccd for p in [head_c, *members_c] if p.cccd]
    if len(cccds) != len(set(cccds)):
        raise DomainError(_("Hai người trong hộ đang có cùng một số căn cước; vui lòng kiểm tra lại."))
    if village_id is None:
        raise DomainError(_("Vui lòng chọn thôn của hộ gia đình."), field="village")
    try:
        with ctx.write() as s:
            _active_village(s, village_id)
            hh = Household(code=_clean_code(s, code), village_id=village_id, address=nfc(address))
            s.add(hh)
            s.flush()
            head_row = _new_resident(s, hh.id, head_c)
            hh.head_id = head_row.id
            for m in members_c:
                _new_resident(s, hh.id, m)
            s.flush()
            _reindex_household(s, hh)
            audit.record(s, ctx.user, "create", HOUSEHOLD, hh.id, {
                "code": hh.code, "village_id": village_id, "address": hh.address,
                "head": head_row.full_name, "members": 1 + len(members_c)})
            return hh.id
    except IntegrityError as exc:
        raise _commit_guard(exc) from exc


def update_household(ctx: AppContext, household_id: int, *, village_id: int, address: str,
                     code: str | None = None) -> None:
    ctx.require(Permission.EDIT_RESIDENTS)
    with ctx.write() as s:
        hh = s.get(Household, household_id)
        if hh is None:
            raise NotFound(_("Không tìm thấy hộ gia đình này."))
        _active_village(s, village_id)
        before = audit.snapshot(hh, ["code", "village_id", "address"])
        hh.code = _clean_code(s, code, household_id)
        hh.village_id = village_id
        hh.address = nfc(address)
        s.flush()
        _reindex_household(s, hh)
        audit.record(s, ctx.user, "update", HOUSEHOLD, hh.id,
                     audit.diff(before, audit.snapshot(hh, ["code", "village_id", "address"])))


def set_head(ctx: AppContext, household_id: int, resident_id: int) -> None:
    ctx.require(Permission.EDIT_RESIDENTS)
    with ctx.write() as s:
        hh = s.get(Household, household_id)
        r = s.get(Resident, resident_id)
        if hh is None or r is None or r.household_id != household_id or not r.active:
            raise DomainError(_("Chủ hộ mới phải là một nhân khẩu đang sống trong hộ này."))
        old = hh.head_id
        if old == resident_id:
            return
        if old:
            prev = s.get(Resident, old)
            if prev.relation == HEAD_RELATION:
                prev.relation = ""
        hh.head_id = resident_id
        r.relation = HEAD_RELATION
        s.flush()
        _reindex_household(s, hh)
        audit.record(s, ctx.user, "update", HOUSEHOLD, hh.id, {"head_id": [old, resident_id]})


def _village_in_use(s: Session, hh: Household, active: bool) -> None:
    if active:
        _active_village(s, hh.village_id)


def set_household_active(ctx: AppContext, household_id: int, active: bool) -> None:
    """Deactivate (the household moved away or split) or reactivate; nothing is deleted."""
    set_active(ctx, Household, household_id, active, entity=HOUSEHOLD,
               permission=Permission.EDIT_RESIDENTS,
               missing=N_("Không tìm thấy hộ gia đình này."), guard=_village_in_use)


def add_member_in(s: Session, user, household_id: int, clean: ResidentInput) -> Resident:
    """Add a validated person (`ResidentInput.cleaned()`) to a household in the caller's
    unit of work: the register's own form, and a birth registration returned at the desk."""
    hh = s.get(Household, household_id)
    if hh is None or not hh.active:
        raise DomainError(_("Không thể thêm nhân khẩu: hộ gia đình không còn trong sổ."))
    if clean.relation == HEAD_RELATION and hh.head_id:
        raise DomainError(_("Hộ đã có chủ hộ; dùng chức năng “Đặt làm chủ hộ” để thay đổi."))
    r = _new_resident(s, household_id, clean)
    audit.record(s, user, "create", RESIDENT, r.id, audit.snapshot(r, _AUDITED))
    return r


def add_resident(ctx: AppContext, household_id: int, data: ResidentInput) -> int:
    ctx.require(Permission.EDIT_RESIDENTS)
    clean = data.cleaned()
    try:
        with ctx.write() as s:
            return add_member_in(s, ctx.user, household_id, clean).id
    except IntegrityError as exc:
        raise _commit_guard(exc) from exc


def update_resident(ctx: AppContext, resident_id: int, data: ResidentInput) -> None:
    ctx.require(Permission.EDIT_RESIDENTS)
    clean = data.cleaned()
    try:
        with ctx.write() as s:
            r = s.get(Resident, resident_id)
            if r is None:
                raise NotFound(_("Không tìm thấy nhân khẩu này."))
            _check_cccd_free(s, clean.cccd, resident_id)
            before = audit.snapshot(r, _AUDITED)
            hh = s.get(Household, r.household_id)
            is_head = hh.head_id == r.id
            r.full_name, r.name_key = clean.full_name, fold(clean.full_name)
            r.sort_key = person_sort_key(clean.full_name)
            r.sex, r.birth_date, r.cccd, r.phone = clean.sex, clean.birth_date, clean.cccd, clean.phone
            r.relation = HEAD_RELATION if is_head else (
                "" if clean.relation == HEAD_RELATION else clean.relation)
            r.note = clean.note
            s.flush()
            search_index.set_tokens(s, RESIDENT, r.id, resident_tokens(r.full_name, r.cccd, r.phone))
            if is_head:
                _reindex_household(s, hh)
            audit.record(s, ctx.user, "update", RESIDENT, r.id,
                         audit.diff(before, audit.snapshot(r, _AUDITED)))
    except IntegrityError as exc:
        raise _commit_guard(exc) from exc


def _not_the_head(s: Session, r: Resident, active: bool) -> None:
    hh = s.get(Household, r.household_id)
    if not active and hh.head_id == r.id and hh.active:
        others = s.scalar(select(func.count(Resident.id)).where(
            Resident.household_id == hh.id, Resident.active.is_(True), Resident.id != r.id))
        if others:
            raise DomainError(
                _("Ông/bà {name} đang là chủ hộ; hãy chọn chủ hộ mới trước khi ngừng quản "
                  "lý nhân khẩu này.").format(name=r.full_name))


def set_resident_active(ctx: AppContext, resident_id: int, active: bool) -> None:
    """Deactivate a resident who moved away (a death is recorded when the death registration
    is returned at the desk, app.desk.civil)."""
    set_active(ctx, Resident, resident_id, active, entity=RESIDENT,
               permission=Permission.EDIT_RESIDENTS,
               missing=N_("Không tìm thấy nhân khẩu này."), guard=_not_the_head)
