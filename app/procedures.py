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
from app.text import fold, nfc
from db.models import CivilEvent, Procedure, ProcedureDocument, TimeUnit

PROCEDURE = "procedure"

# marked with N_, translated with _() where shown
UNIT_LABELS = {
    TimeUnit.SAME_DAY: N_("trong ngày"),
    TimeUnit.WORKING_DAYS: N_("ngày làm việc"),
    TimeUnit.WORKING_HOURS: N_("giờ làm việc"),
    TimeUnit.CALENDAR_DAYS: N_("ngày"),
    TimeUnit.UNKNOWN: N_("chưa xác định"),
}
EVENT_LABELS = {CivilEvent.BIRTH: N_("Khai sinh"), CivilEvent.MARRIAGE: N_("Kết hôn"),
                CivilEvent.DEATH: N_("Khai tử")}


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
    civil_event: CivilEvent | str | None = None
    documents: list[str] = field(default_factory=list)
    time_text: str = ""
    legal_basis: str = ""

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
                unit=_(UNIT_LABELS[unit])))
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
                event = CivilEvent(event)
            except ValueError:
                raise DomainError(_("Loại sự kiện hộ tịch “{event}” không hợp lệ.").format(
                    event=event)) from None
        docs = [nfc(d) for d in self.documents if nfc(d)]
        return ProcedureInput(code, name, fld, value, unit, bool(self.cutoff_1500), fee,
                              nfc(self.fee_text), nfc(self.online_level), event, docs,
                              nfc(self.time_text), nfc(self.legal_basis))


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
    civil_event: CivilEvent | None
    documents: list[str]
    time_text: str
    legal_basis: str
    active: bool

    @property
    def time_label(self) -> str:
        if self.time_unit == TimeUnit.SAME_DAY:
            if self.cutoff_1500:
                return _("Trong ngày (sau 15 giờ: ngày làm việc tiếp theo)")
            return _("Trong ngày")
        if self.time_unit == TimeUnit.UNKNOWN:
            return _("Chưa xác định")
        return _("{value} {unit}").format(value=f"{self.time_value:02d}",
                                          unit=_(UNIT_LABELS[self.time_unit]))


def _row(p: Procedure) -> ProcedureRow:
    return ProcedureRow(p.id, p.code, p.name, p.field, p.time_value, p.time_unit, p.cutoff_1500,
                        p.fee_vnd, p.fee_text, p.online_level, p.civil_event,
                        [d.name for d in p.documents], p.time_text, p.legal_basis, p.active)


_FIELDS = ["code", "name", "field", "time_value", "time_unit", "cutoff_1500", "fee_vnd",
           "fee_text", "online_level", "civil_event", "time_text", "legal_basis"]


def _apply(s: Session, p: Procedure, data: ProcedureInput) -> None:
    for f in _FIELDS:
        setattr(p, f, getattr(data, f))
    p.name_key = fold(data.name)
    p.documents = [ProcedureDocument(position=i, name=d) for i, d in enumerate(data.documents, 1)]
    s.flush()
    search_index.set_tokens(s, PROCEDURE, p.id, search_index.index_tokens(p.code, p.name, p.field))


def _check_code(s: Session, code: str, exclude_id: int | None = None) -> None:
    stmt = select(Procedure.id).where(Procedure.code == code)
    if exclude_id:
        stmt = stmt.where(Procedure.id != exclude_id)
    if s.scalar(stmt) is not None:
        raise DomainError(_("Mã thủ tục “{code}” đã có trong danh mục.").format(code=code),
                          field="code")


def create_in(s: Session, actor, data: ProcedureInput) -> Procedure:
    data = data.cleaned()
    _check_code(s, data.code)
    p = Procedure(name="", name_key="", field="", time_unit=data.time_unit)
    s.add(p)
    _apply(s, p, data)
    audit.record(s, actor, "create", PROCEDURE, p.id, {"code": p.code, "name": p.name})
    return p


def create_procedure(ctx: AppContext, data: ProcedureInput) -> int:
    ctx.require(Permission.EDIT_CATALOGUE)
    with ctx.write() as s:
        return create_in(s, ctx.actor, data).id


def update_procedure(ctx: AppContext, procedure_id: int, data: ProcedureInput) -> None:
    ctx.require(Permission.EDIT_CATALOGUE)
    data = data.cleaned()
    with ctx.write() as s:
        p = s.get(Procedure, procedure_id)
        if p is None:
            raise NotFound(_("Không tìm thấy thủ tục này."))
        _check_code(s, data.code, procedure_id)
        before = {**audit.snapshot(p, _FIELDS), "documents": [d.name for d in p.documents]}
        _apply(s, p, data)
        after = {**audit.snapshot(p, _FIELDS), "documents": data.documents}
        audit.record(s, ctx.actor, "update", PROCEDURE, p.id, audit.diff(before, after))


def set_procedure_active(ctx: AppContext, procedure_id: int, active: bool) -> None:
    ctx.require(Permission.EDIT_CATALOGUE)
    with ctx.write() as s:
        p = s.get(Procedure, procedure_id)
        if p is None:
            raise NotFound(_("Không tìm thấy thủ tục này."))
        if p.active != active:
            p.active = active
            audit.record(s, ctx.actor, "activate" if active else "deactivate", PROCEDURE, p.id,
                         {"active": [not active, active]})


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
        found = {p.id: _row(p) for p in rows}
    return [found[i] for i in ids if i in found]


def get_procedure(ctx: AppContext, procedure_id: int) -> ProcedureRow:
    rows = get_procedures(ctx, [procedure_id])
    if not rows:
        raise NotFound(_("Không tìm thấy thủ tục này."))
    return rows[0]


def list_fields(ctx: AppContext) -> list[str]:
    with ctx.read() as s:
        return sorted(s.scalars(select(Procedure.field).distinct()), key=fold)
