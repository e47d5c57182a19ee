"""Villages (thôn): the register every household points at."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import audit
from app.auth import Permission
from app.context import AppContext
from app.errors import DomainError, NotFound
from app.i18n import N_, _
from app.records import set_active
from app.text import collation_key, fold
from app.validators import required_text
from db.models import Household, Resident, Village


@dataclass(frozen=True)
class VillageRow:
    id: int
    name: str
    note: str
    active: bool
    households: int
    residents: int


def list_villages(ctx: AppContext, query: str = "", include_inactive: bool = False) -> list[VillageRow]:
    hh = (
        select(Household.village_id, func.count(Household.id).label("n"))
        .where(Household.active.is_(True))
        .group_by(Household.village_id)
        .subquery()
    )
    rs = (
        select(Household.village_id, func.count(Resident.id).label("n"))
        .join(Resident, Resident.household_id == Household.id)
        .where(Resident.active.is_(True), Household.active.is_(True))
        .group_by(Household.village_id)
        .subquery()
    )
    stmt = (
        select(Village, func.coalesce(hh.c.n, 0), func.coalesce(rs.c.n, 0))
        .outerjoin(hh, hh.c.village_id == Village.id)
        .outerjoin(rs, rs.c.village_id == Village.id)
    )
    if not include_inactive:
        stmt = stmt.where(Village.active.is_(True))
    key = fold(query)
    with ctx.read() as s:
        rows = [
            VillageRow(v.id, v.name, v.note, v.active, n_h, n_r)
            for v, n_h, n_r in s.execute(stmt)
            if not key or key in v.name_key  # a few dozen rows: filtering here is fine
        ]
    return sorted(rows, key=lambda r: collation_key(r.name))


def _check_unique(s, name: str, exclude_id: int | None = None) -> None:
    stmt = select(Village.id).where(Village.name_key == fold(name))
    if exclude_id:
        stmt = stmt.where(Village.id != exclude_id)
    if s.scalar(stmt) is not None:
        raise DomainError(_("Thôn “{name}” đã có trong danh mục.").format(name=name))


def create_village(ctx: AppContext, name: str, note: str = "") -> int:
    ctx.require(Permission.EDIT_RESIDENTS)
    name = required_text(name, _("tên thôn"), max_len=120)
    with ctx.write() as s:
        _check_unique(s, name)
        v = Village(name=name, name_key=fold(name), note=required_text(note, _("ghi chú")) if note else "")
        s.add(v)
        s.flush()
        audit.record(s, ctx.user, "create", "village", v.id, audit.snapshot(v, ["name", "note"]))
        return v.id


def update_village(ctx: AppContext, village_id: int, name: str, note: str = "") -> None:
    ctx.require(Permission.EDIT_RESIDENTS)
    name = required_text(name, _("tên thôn"), max_len=120)
    with ctx.write() as s:
        v = s.get(Village, village_id)
        if v is None:
            raise NotFound(_("Không tìm thấy thôn này."))
        _check_unique(s, name, village_id)
        before = audit.snapshot(v, ["name", "note"])
        v.name, v.name_key, v.note = name, fold(name), note.strip()
        audit.record(s, ctx.user, "update", "village", v.id, audit.diff(before, audit.snapshot(v, ["name", "note"])))


def _village_empty(s: Session, v: Village, active: bool) -> None:
    if active:
        return
    n = s.scalar(select(func.count(Household.id)).where(
        Household.village_id == v.id, Household.active.is_(True)))
    if n:
        raise DomainError(
            _("Thôn “{name}” còn {count} hộ đang quản lý; hãy chuyển các hộ này sang "
              "thôn khác trước khi ngừng sử dụng thôn.").format(name=v.name, count=n))


def set_village_active(ctx: AppContext, village_id: int, active: bool) -> None:
    set_active(ctx, Village, village_id, active, entity="village",
               permission=Permission.EDIT_RESIDENTS, missing=N_("Không tìm thấy thôn này."),
               guard=_village_empty)
