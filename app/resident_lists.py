"""Reading the households and residents register: searches return ids, rows are fetched by id.

Lists in the window are lazy models over ids (STYLE.md §4): a search returns the ids in
Vietnamese name order, and a page of rows is fetched with `get_residents`/`get_households`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import search_index
from app.context import AppContext
from app.errors import NotFound
from app.i18n import _
from app.text import fold, nfc
from db.models import Household, Resident, Sex, Village

RESIDENT = "resident"
HOUSEHOLD = "household"


def full_address(address: str, village: str) -> str:
    """'Xóm 3, Thôn Đoài': the village added only when the address does not name it already
    (compared without diacritics, with or without the word "Thôn")."""
    address, village = nfc(address or ""), nfc(village or "")
    bare = fold(village).removeprefix("thon ")
    if village and bare not in fold(address):
        return ", ".join(p for p in (address, village) if p)
    return address


@dataclass(frozen=True)
class ResidentRow:
    id: int
    full_name: str
    sex: Sex
    birth_date: dt.date | None
    cccd: str | None
    phone: str | None
    relation: str
    household_id: int
    household_code: str | None
    village: str
    address: str
    is_head: bool
    active: bool
    note: str = ""

    @property
    def full_address(self) -> str:
        return full_address(self.address, self.village)


@dataclass(frozen=True)
class HouseholdRow:
    id: int
    code: str | None
    village_id: int
    village: str
    address: str
    head_id: int | None
    head_name: str
    members: int
    active: bool

    @property
    def full_address(self) -> str:
        return full_address(self.address, self.village)


@dataclass(frozen=True)
class HouseholdDetail:
    row: HouseholdRow
    members: list[ResidentRow] = field(default_factory=list)


def search_resident_ids(ctx: AppContext, query: str = "", *, village_id: int | None = None,
                        include_inactive: bool = False, limit: int | None = None) -> list[int]:
    """Ids of matching residents, in Vietnamese name order (given name first)."""
    stmt = select(Resident.id).order_by(Resident.sort_key, Resident.id)
    ids = search_index.matching_ids_stmt(RESIDENT, query)
    if ids is not None:
        stmt = stmt.where(Resident.id.in_(ids))
    if not include_inactive:
        stmt = stmt.where(Resident.active.is_(True))
    if village_id is not None:
        stmt = stmt.join(Household, Household.id == Resident.household_id).where(
            Household.village_id == village_id)
    if limit:
        stmt = stmt.limit(limit)
    with ctx.read() as s:
        return list(s.scalars(stmt))


def search_household_ids(ctx: AppContext, query: str = "", *, village_id: int | None = None,
                         include_inactive: bool = False, limit: int | None = None) -> list[int]:
    """Ids of matching households, ordered by the head's name the Vietnamese way."""
    stmt = (select(Household.id).outerjoin(Resident, Resident.id == Household.head_id)
            .order_by(Resident.sort_key, Household.id))
    ids = search_index.matching_ids_stmt(HOUSEHOLD, query)
    if ids is not None:
        stmt = stmt.where(Household.id.in_(ids))
    if not include_inactive:
        stmt = stmt.where(Household.active.is_(True))
    if village_id is not None:
        stmt = stmt.where(Household.village_id == village_id)
    if limit:
        stmt = stmt.limit(limit)
    with ctx.read() as s:
        return list(s.scalars(stmt))


def _resident_rows(s: Session, ids: list[int]) -> list[ResidentRow]:
    if not ids:
        return []
    stmt = (select(Resident, Household, Village.name)
            .join(Household, Household.id == Resident.household_id)
            .join(Village, Village.id == Household.village_id)
            .where(Resident.id.in_(ids)))
    found = {
        r.id: ResidentRow(r.id, r.full_name, r.sex, r.birth_date, r.cccd, r.phone, r.relation,
                          hh.id, hh.code, vname, hh.address, hh.head_id == r.id, r.active,
                          r.note)
        for r, hh, vname in s.execute(stmt)
    }
    return [found[i] for i in ids if i in found]


def get_residents(ctx: AppContext, ids: list[int]) -> list[ResidentRow]:
    """Rows for the given ids, in the order given (lazy list models fetch pages of ids)."""
    with ctx.read() as s:
        return _resident_rows(s, list(ids))


def get_resident(ctx: AppContext, resident_id: int) -> ResidentRow:
    rows = get_residents(ctx, [resident_id])
    if not rows:
        raise NotFound(_("Không tìm thấy nhân khẩu này."))
    return rows[0]


def get_households(ctx: AppContext, ids: list[int]) -> list[HouseholdRow]:
    ids = list(ids)
    if not ids:
        return []
    counts = (select(Resident.household_id, func.count(Resident.id).label("n"))
              .where(Resident.active.is_(True), Resident.household_id.in_(ids))
              .group_by(Resident.household_id).subquery())
    stmt = (select(Household, Village.name, Resident.full_name, func.coalesce(counts.c.n, 0))
            .join(Village, Village.id == Household.village_id)
            .outerjoin(Resident, Resident.id == Household.head_id)
            .outerjoin(counts, counts.c.household_id == Household.id)
            .where(Household.id.in_(ids)))
    with ctx.read() as s:
        found = {
            hh.id: HouseholdRow(hh.id, hh.code, hh.village_id, vname, hh.address, hh.head_id,
                                head or "", n, hh.active)
            for hh, vname, head, n in s.execute(stmt)
        }
    return [found[i] for i in ids if i in found]


def get_household(ctx: AppContext, household_id: int, include_inactive: bool = False) -> HouseholdDetail:
    rows = get_households(ctx, [household_id])
    if not rows:
        raise NotFound(_("Không tìm thấy hộ gia đình này."))
    stmt = select(Resident.id).where(Resident.household_id == household_id)
    if not include_inactive:
        stmt = stmt.where(Resident.active.is_(True))
    with ctx.read() as s:
        ids = list(s.scalars(stmt.order_by(Resident.birth_date.is_(None), Resident.birth_date)))
        members = _resident_rows(s, ids)
    members.sort(key=lambda m: (not m.is_head,))
    return HouseholdDetail(rows[0], members)
