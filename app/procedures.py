"""The procedures catalogue (danh mục thủ tục hành chính): codes, fields, legal times, fees."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app import audit, search_index
from app.auth import Permission
from app.context import AppContext
from app.errors import DomainError, NotFound
from app.i18n import N_, _
from app.labels import label
from app.records import set_active
from app.text import fold, nfc
from db.models import (
    CivilEventKind,
    FieldOfficer,
    Procedure,
    ProcedureDocument,
    Role,
    TimeUnit,
    User,
)

PROCEDURE = "procedure"


@dataclass
class ProcedureInput:
    code: str
    name: str
    field: str
    time_value: int
    time_unit: TimeUnit | str
    cutoff_1500: bool = False
    fee_vnd: int | None = None
    fee_text: str = ""
    online_level: str = ""
    civil_event: CivilEventKind | str | None = None
    documents: list[str] = field(default_factory=list)
    time_text: str = ""
    legal_basis: str = ""
    short_name: str = ""  # "": the name less "Thủ tục"
    officer_id: int | None = None  # None: the officer of the field

    def cleaned(self) -> ProcedureInput:
        code = nfc(self.code)
        if not code or len(code) > 40:
            raise DomainError(_("Mã thủ tục là bắt buộc (tối đa {max_len} ký tự).").format(max_len=40),
                              field="code")
        name = nfc(self.name)
        if not name:
            raise DomainError(_("Vui lòng nhập tên thủ tục."), field="name")
        fld = nfc(self.field)
        if not fld:
            raise DomainError(_("Vui lòng nhập lĩnh vực của thủ tục."), field="field")
        try:
            unit = TimeUnit(self.time_unit)
        except ValueError:
            raise DomainError(_("Đơn vị thời hạn “{unit}” không hợp lệ.").format(
                unit=self.time_unit)) from None
        try:
            value = int(self.time_value or 0)
        except (TypeError, ValueError):
            raise DomainError(_("Thời hạn giải quyết “{value}” phải là số nguyên.").format(
                value=self.time_value)) from None
        if value < 0 or value > 365:
            raise DomainError(_("Thời hạn giải quyết phải từ {low} đến {high}.").format(low=0, high=365))
        if unit in (TimeUnit.WORKING_DAYS, TimeUnit.WORKING_HOURS, TimeUnit.CALENDAR_DAYS) and value == 0:
            raise DomainError(_("Thời hạn tính theo {unit} phải lớn hơn 0.").format(
                unit=label(unit)))
        fee = self.fee_vnd
        if fee in ("", None):
            fee = None
        else:
            try:
                fee = int(str(fee).replace(".", "").replace(",", "").strip())
            except ValueError:
                raise DomainError(_("Lệ phí “{fee}” phải là số đồng (ví dụ 8000).").format(
                    fee=self.fee_vnd)) from None
            if fee < 0:
                raise DomainError(_("Lệ phí không được âm."))
        event = self.civil_event or None
        if event is not None:
            try:
                event = CivilEventKind(event)
            except ValueError:
                raise DomainError(_("Loại sự kiện hộ tịch “{event}” không hợp lệ.").format(
                    event=event)) from None
        docs = [nfc(d) for d in self.documents if nfc(d)]
        short = nfc(self.short_name)
        if len(short) > 120:
            raise DomainError(_("Tên ngắn tối đa {max_len} ký tự.").format(max_len=120),
                              field="short_name")
        if short == short_name(name):
            short = ""  # the default, kept following the name
        return ProcedureInput(code, name, fld, value, unit, bool(self.cutoff_1500), fee,
                              nfc(self.fee_text), nfc(self.online_level), event, docs,
                              nfc(self.time_text), nfc(self.legal_basis), short,
                              self.officer_id or None)


@dataclass(frozen=True)
class ProcedureRow:
    id: int
    code: str
    name: str
    field: str
    time_value: int
    time_unit: TimeUnit
    cutoff_1500: bool
    fee_vnd: int | None
    fee_text: str
    online_level: str
    civil_event: CivilEventKind | None
    documents: list[str]
    time_text: str
    legal_basis: str
    active: bool
    short_name: str = ""  # as shown: the one typed, or the name less "Thủ tục"
    own_short_name: str = ""  # the one typed ("": the default)
    officer_id: int | None = None  # the procedure's own officer
    officer_name: str = ""
    field_officer_name: str = ""  # the officer of its field (FieldOfficer)

    @property
    def responsible(self) -> str:
        """Who takes its dossiers: its own officer, else the officer of its field."""
        return self.officer_name or self.field_officer_name

    @property
    def time_label(self) -> str:
        if self.time_unit == TimeUnit.SAME_DAY:
            if self.cutoff_1500:
                return _("Trong ngày (sau 15 giờ: ngày làm việc tiếp theo)")
            return _("Trong ngày")
        if self.time_unit == TimeUnit.UNKNOWN:
            return _("Chưa xác định")
        return _("{value} {unit}").format(value=f"{self.time_value:02d}",
                                          unit=label(self.time_unit))


def short_name(name: str, own: str = "") -> str:
    """What a narrow list shows: the short name typed on the procedure, else its name less
    the word "Thủ tục" ("Thủ tục đăng ký khai sinh" → "Đăng ký khai sinh")."""
    if nfc(own):
        return nfc(own)
    name = nfc(name)
    if fold(name).startswith("thu tuc "):
        rest = name[len("Thủ tục "):].strip()
        return rest[:1].upper() + rest[1:]
    return name


def _row(p: Procedure, officers: dict[int, str], by_field: dict[str, int]) -> ProcedureRow:
    return ProcedureRow(p.id, p.code, p.name, p.field, p.time_value, p.time_unit, p.cutoff_1500,
                        p.fee_vnd, p.fee_text, p.online_level, p.civil_event,
                        [d.name for d in p.documents], p.time_text, p.legal_basis, p.active,
                        short_name(p.name, p.short_name), p.short_name, p.officer_id,
                        officers.get(p.officer_id, ""),
                        officers.get(by_field.get(p.field), ""))


_FIELDS = ["code", "name", "field", "time_value", "time_unit", "cutoff_1500", "fee_vnd",
           "fee_text", "online_level", "civil_event", "time_text", "legal_basis", "short_name",
           "officer_id"]


def _apply(s: Session, p: Procedure, data: ProcedureInput) -> None:
    for f in _FIELDS:
        setattr(p, f, getattr(data, f))
    p.name_key = fold(data.name)
    p.documents = [ProcedureDocument(position=i, name=d) for i, d in enumerate(data.documents, 1)]
    s.flush()
    search_index.set_tokens(s, PROCEDURE, p.id, search_index.index_tokens(p.code, p.name, p.field))


def _check_officer(s: Session, user_id: int | None) -> None:
    if user_id is None:
        return
    u = s.get(User, user_id)
    if u is None or not u.active or u.role != Role.OFFICER:
        raise DomainError(_("Cán bộ phụ trách phải là công chức chuyên môn đang làm việc."),
                          field="officer")


def _check_code(s: Session, code: str, exclude_id: int | None = None) -> None:
    stmt = select(Procedure.id).where(Procedure.code == code)
    if exclude_id:
        stmt = stmt.where(Procedure.id != exclude_id)
    if s.scalar(stmt) is not None:
        raise DomainError(_("Mã thủ tục “{code}” đã có trong danh mục.").format(code=code),
                          field="code")


def create_in(s: Session, user, data: ProcedureInput) -> Procedure:
    data = data.cleaned()
    _check_code(s, data.code)
    _check_officer(s, data.officer_id)
    p = Procedure(name="", name_key="", field="", time_unit=data.time_unit)
    s.add(p)
    _apply(s, p, data)
    audit.record(s, user, "create", PROCEDURE, p.id, {"code": p.code, "name": p.name})
    return p


def create_procedure(ctx: AppContext, data: ProcedureInput) -> int:
    ctx.require(Permission.EDIT_CATALOGUE)
    with ctx.write() as s:
        return create_in(s, ctx.user, data).id


def update_procedure(ctx: AppContext, procedure_id: int, data: ProcedureInput) -> None:
    ctx.require(Permission.EDIT_CATALOGUE)
    data = data.cleaned()
    with ctx.write() as s:
        p = s.get(Procedure, procedure_id)
        if p is None:
            raise NotFound(_("Không tìm thấy thủ tục này."))
        _check_code(s, data.code, procedure_id)
        _check_officer(s, data.officer_id)
        before = {**audit.snapshot(p, _FIELDS), "documents": [d.name for d in p.documents]}
        _apply(s, p, data)
        after = {**audit.snapshot(p, _FIELDS), "documents": data.documents}
        audit.record(s, ctx.user, "update", PROCEDURE, p.id, audit.diff(before, after))


def set_procedure_active(ctx: AppContext, procedure_id: int, active: bool) -> None:
    set_active(ctx, Procedure, procedure_id, active, entity=PROCEDURE,
               permission=Permission.EDIT_CATALOGUE, missing=N_("Không tìm thấy thủ tục này."))


def search_procedure_ids(ctx: AppContext, query: str = "", *, field: str | None = None,
                         include_inactive: bool = False) -> list[int]:
    stmt = select(Procedure.id).order_by(Procedure.field, Procedure.name_key)
    ids = search_index.matching_ids_stmt(PROCEDURE, query)
    if ids is not None:
        stmt = stmt.where(Procedure.id.in_(ids))
    if field:
        stmt = stmt.where(Procedure.field == field)
    if not include_inactive:
        stmt = stmt.where(Procedure.active.is_(True))
    with ctx.read() as s:
        return list(s.scalars(stmt))


def get_procedures(ctx: AppContext, ids: list[int]) -> list[ProcedureRow]:
    with ctx.read() as s:
        rows = s.scalars(select(Procedure).options(selectinload(Procedure.documents))
                         .where(Procedure.id.in_(list(ids))))
        officers = dict(s.execute(select(User.id, User.full_name)).all())
        by_field = dict(s.execute(select(FieldOfficer.field, FieldOfficer.user_id)).all())
        found = {p.id: _row(p, officers, by_field) for p in rows}
    return [found[i] for i in ids if i in found]


def get_procedure(ctx: AppContext, procedure_id: int) -> ProcedureRow:
    rows = get_procedures(ctx, [procedure_id])
    if not rows:
        raise NotFound(_("Không tìm thấy thủ tục này."))
    return rows[0]


def list_fields(ctx: AppContext) -> list[str]:
    with ctx.read() as s:
        return sorted(s.scalars(select(Procedure.field).distinct()), key=fold)


# ---- the officer of each field ----------------------------------------------------------------

def field_officers(ctx: AppContext) -> dict[str, int]:
    """{field: user id} for the fields that have a responsible officer."""
    with ctx.read() as s:
        return dict(s.execute(select(FieldOfficer.field, FieldOfficer.user_id)).all())


def set_field_officer(ctx: AppContext, field_name: str, user_id: int | None) -> None:
    """Name (or, with None, clear) the officer responsible for one field of procedures."""
    set_field_officers(ctx, {field_name: user_id})


def set_field_officers(ctx: AppContext, chosen: dict[str, int | None]) -> None:
    """The officers of several fields in one unit of work ({field: user id or None}); a
    refused one (an unknown field, someone who is not an officer) changes none."""
    ctx.require(Permission.EDIT_CATALOGUE)
    with ctx.write() as s:
        fields = set(s.scalars(select(Procedure.field).distinct()))
        for field_name, user_id in chosen.items():
            name = nfc(field_name)
            if name not in fields:
                raise DomainError(_("Danh mục không có lĩnh vực “{field}”.").format(field=name))
            _check_officer(s, user_id)
            row = s.get(FieldOfficer, name)
            before = row.user_id if row else None
            if before == user_id:
                continue
            if user_id is None:
                s.delete(row)
            elif row is None:
                s.add(FieldOfficer(field=name, user_id=user_id))
            else:
                row.user_id = user_id
            audit.record(s, ctx.user, "update", "field_officer", None,
                         {"field": name, "user_id": [before, user_id]})
