"""Document numbers ("Số: 05/BC-UBND"): per type and year, restarting at 01 every 1 January.

A number is allocated inside the caller's unit of work, so it exists only if the paper it
belongs to was recorded: a rolled-back print leaves no gap. Allocation is one
`INSERT … SELECT max(number) + 1` statement: SQLite serialises writers, so the statement reads
the latest committed maximum under the write lock and two offices' computers (or two threads)
can never get the same number; the unique constraint (doc_type, year, number) is the last
guard on a database that lets writers overlap (PostgreSQL), where the loser's unit of work
fails whole instead of printing a duplicate.

Type codes are those of Nghị định 30/2020, Phụ lục III. A công văn has no type code: its
number reads "12/UBND-VP" (agency, then the drafting unit) and it runs under the key "CV".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, insert, literal, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.errors import DomainError
from app.i18n import N_
from app.i18n import paper_text as _  # official papers are always Vietnamese
from db.models import DocumentNumber

AGENCY = "UBND"  # the issuing agency's abbreviation in every number
OFFICIAL_LETTER = "CV"  # công văn: counted under this key, printed without a type code

DOC_TYPES: dict[str, str] = {
    "BC": N_("Báo cáo"),
    "KH": N_("Kế hoạch"),
    "QĐ": N_("Quyết định"),
    "TB": N_("Thông báo"),
    "GM": N_("Giấy mời"),
    "BB": N_("Biên bản"),
    "TTr": N_("Tờ trình"),
    "HD": N_("Hướng dẫn"),
    "CTr": N_("Chương trình"),
    "TC": N_("Thư công"),
    OFFICIAL_LETTER: N_("Công văn"),
}


@dataclass(frozen=True)
class IssuedNumber:
    doc_type: str
    year: int
    number: int
    text: str  # "05/BC-UBND" as printed after "Số: "


def _check_type(doc_type: str) -> str:
    if doc_type not in DOC_TYPES:
        raise DomainError(_("Loại văn bản “{code}” không có trong danh mục.").format(code=doc_type))
    return doc_type


def number_text(doc_type: str, number: int | None, *, unit: str = "VP") -> str:
    """'05/BC-UBND'; for a công văn '12/UBND-VP' (`unit`: the drafting unit's abbreviation).

    `number` None gives the blank a draft carries before the văn thư registers it:
    '     /BC-UBND'.
    """
    _check_type(doc_type)
    digits = f"{number:02d}" if number is not None else "\u00a0" * 6
    if doc_type == OFFICIAL_LETTER:
        return f"{digits}/{AGENCY}-{unit}"
    return f"{digits}/{doc_type}-{AGENCY}"


def allocate(session: Session, doc_type: str, day: dt.date, *, subject: str = "",
             entity: str | None = None, entity_id: int | None = None,
             username: str = "", unit: str = "VP") -> IssuedNumber:
    """Take the next number of `doc_type` for the year of `day`, inside `session`'s unit of work.

    Call it inside `ctx.write()`: the number is committed with the paper's record, or not at
    all. Raises DomainError if another writer took the same number at the same instant (only
    possible on a database that does not serialise writers); nothing is written then.
    """
    _check_type(doc_type)
    year = day.year
    table = DocumentNumber.__table__
    next_number = (
        select(func.coalesce(func.max(table.c.number), 0) + 1)
        .where(table.c.doc_type == doc_type, table.c.year == year)
        .scalar_subquery()
    )
    stmt = insert(table).from_select(
        ["doc_type", "year", "number", "issued_on", "subject", "entity", "entity_id",
         "username", "created_at"],
        select(literal(doc_type), literal(year), next_number, literal(day),
               literal(subject[:500]), literal(entity), literal(entity_id),
               literal(username[:40]), literal(dt.datetime.now().replace(microsecond=0))),
    ).returning(table.c.number)
    try:
        number = session.execute(stmt).scalar_one()
    except IntegrityError as exc:
        raise DomainError(_("Số văn bản vừa được cấp cho một văn bản khác; vui lòng in lại."),
                          details=str(exc.orig)) from exc
    return IssuedNumber(doc_type, year, number, number_text(doc_type, number, unit=unit))


def last_number(session: Session, doc_type: str, year: int) -> int:
    """The highest number of `doc_type` issued in `year` (0 when none)."""
    _check_type(doc_type)
    return session.scalar(
        select(func.coalesce(func.max(DocumentNumber.number), 0))
        .where(DocumentNumber.doc_type == doc_type, DocumentNumber.year == year)
    )
