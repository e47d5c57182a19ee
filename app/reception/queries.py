"""Reading the register of visits (sổ tiếp công dân): lists over ids, one visit, and a
returning citizen's earlier visits and petitions.

A visit that brought a denunciation keeps its visitor's identity (name, address, phone) from
every list, export, search and paper (app.petitions.privacy): only `get_visit(..., reveal=True)`
asked by the chairman or the officer handling the petition it created shows it, and that
reading is recorded. Earlier denunciation visits are never offered as a citizen's history: the
clerk typing a name must not learn that this person denounced someone.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, aliased

from app import search_index
from app.auth import CurrentUser
from app.context import AppContext
from app.errors import NotFound
from app.i18n import _
from app.petitions import privacy
from app.petitions.queries import earlier_cases
from app.reception.types import VISIT, Earlier, Filters, VisitRow
from app.text import fold
from db.models import Petition, PetitionKind, ReceptionVisit, User

MIN_WORD = 3  # shorter folded words ("va", "ve", "xa") say nothing about the matter


def matter_words(text: str) -> set[str]:
    return {w for w in fold(text).split() if len(w) >= MIN_WORD}


def same_matter(words: set[str], key: str) -> bool:
    """The earlier text shares enough of the new one's words (a third, at least one)."""
    return bool(words) and len(words & set(key.split())) >= max(1, len(words) // 3)


def _row(v: ReceptionVisit, receiver: str, petition: Petition | None, hide: bool) -> VisitRow:
    reference = f"{petition.number:02d}/{petition.year}" if petition is not None else ""
    return VisitRow(
        v.id, v.visited_at, v.day_id, v.received_by, receiver,
        None if hide else v.citizen_resident_id,
        privacy.hidden_name() if hide else v.citizen_name,
        privacy.HIDDEN if hide and v.citizen_address else v.citizen_address,
        privacy.HIDDEN if hide and v.citizen_phone else v.citizen_phone,
        v.group_size, v.kind, v.field, v.content, v.handling, v.answer, v.petition_id, reference,
        v.previous_visit_id, hide)


def _rows(s: Session, ids: list[int], reader: CurrentUser | None,
          reveal: bool) -> dict[int, tuple[ReceptionVisit, VisitRow, int | None]]:
    receiver = aliased(User)
    stmt = (select(ReceptionVisit, receiver.full_name, Petition)
            .outerjoin(receiver, receiver.id == ReceptionVisit.received_by)
            .outerjoin(Petition, Petition.id == ReceptionVisit.petition_id)
            .where(ReceptionVisit.id.in_(ids)))
    out = {}
    for v, name, p in s.execute(stmt):
        handler = p.handler_id if p is not None else None
        hide = privacy.confidential(v.kind) and not (
            reveal and reader is not None and privacy.may_see(reader, v.kind, handler))
        out[v.id] = (v, _row(v, name or "", p, hide), handler)
    return out


def get_visits(ctx: AppContext, ids: list[int]) -> list[VisitRow]:
    """Rows for a list, an export or a paper, in the order of `ids`: a denouncer always
    masked."""
    ids = list(ids)
    if not ids:
        return []
    with ctx.read() as s:
        found = _rows(s, ids, None, reveal=False)
    return [found[i][1] for i in ids if i in found]


def get_visit(ctx: AppContext, visit_id: int, *, reveal: bool = False) -> VisitRow:
    """One visit. `reveal`: the visit's own window asks to show a denouncer; shown only to the
    chairman and the officer handling the petition it created, and the reading is recorded."""
    if not reveal:
        found = get_visits(ctx, [visit_id])
        if not found:
            raise NotFound(_("Không tìm thấy lượt tiếp công dân này."))
        return found[0]
    with ctx.write() as s:
        found = _rows(s, [visit_id], ctx.user, reveal=True)
        if visit_id not in found:
            raise NotFound(_("Không tìm thấy lượt tiếp công dân này."))
        v, row, _handler = found[visit_id]
        if privacy.confidential(v.kind) and not row.identity_hidden:
            privacy.record_reading(s, ctx.user, VISIT, v.id)
    return row


def search_ids(ctx: AppContext, f: Filters | None = None) -> list[int]:
    """Ids of the visits matching the filters, newest first. The text finds names, phones and
    content words, never a denouncer's name (visit_tokens)."""
    f = f or Filters()
    stmt = select(ReceptionVisit.id).order_by(ReceptionVisit.visited_at.desc(),
                                              ReceptionVisit.id.desc())
    if f.start:
        stmt = stmt.where(ReceptionVisit.visited_at >= dt.datetime.combine(f.start, dt.time()))
    if f.end:
        stmt = stmt.where(ReceptionVisit.visited_at
                          < dt.datetime.combine(f.end + dt.timedelta(days=1), dt.time()))
    if f.kind:
        stmt = stmt.where(ReceptionVisit.kind == f.kind)
    if f.handling:
        stmt = stmt.where(ReceptionVisit.handling == f.handling)
    if f.text.strip():
        ids = search_index.matching_ids_stmt(VISIT, f.text)
        if ids is not None:
            stmt = stmt.where(ReceptionVisit.id.in_(ids))
    with ctx.read() as s:
        return list(s.scalars(stmt))


def register_ids(ctx: AppContext, start: dt.date, end: dt.date) -> list[int]:
    """The register's order: oldest first, as the book is written."""
    return list(reversed(search_ids(ctx, Filters(start=start, end=end))))


def visits_of_petition(ctx: AppContext, petition_id: int) -> list[int]:
    """The visits a petition came from (or that came back about it)."""
    with ctx.read() as s:
        return list(s.scalars(select(ReceptionVisit.id)
                              .where(ReceptionVisit.petition_id == petition_id)
                              .order_by(ReceptionVisit.visited_at)))


def earlier(ctx: AppContext, *, resident_id: int | None = None, name: str = "",
            content: str = "", exclude_visit_id: int | None = None, limit: int = 20) -> Earlier:
    """What a returning citizen brought before, shown before the clerk writes anything: the
    earlier visits of the same person (the resident, or the same name typed in) and their
    petitions, those about the same matter (sharing the content's words) first, newest first
    within each group."""
    key = fold(name)
    if resident_id is None and not key:
        return Earlier([], set(), [], set())
    who = ReceptionVisit.citizen_resident_id == resident_id if resident_id is not None else \
        ReceptionVisit.citizen_key == key
    if resident_id is not None and key:  # the same person typed in before being registered
        who = or_(who, (ReceptionVisit.citizen_resident_id.is_(None))
                  & (ReceptionVisit.citizen_key == key))
    stmt = (select(ReceptionVisit.id, ReceptionVisit.subject_key)
            .where(who, ReceptionVisit.kind != PetitionKind.DENUNCIATION)
            .order_by(ReceptionVisit.visited_at.desc(), ReceptionVisit.id.desc()))
    if exclude_visit_id is not None:
        stmt = stmt.where(ReceptionVisit.id != exclude_visit_id)
    with ctx.read() as s:
        found = s.execute(stmt).all()
    words = matter_words(content)
    same = {vid for vid, subject_key in found if same_matter(words, subject_key)}
    ordered = sorted((vid for vid, _k in found), key=lambda vid: vid not in same)[:limit]
    everyone = earlier_cases(ctx, resident_id=resident_id, name=name)
    alike = set(earlier_cases(ctx, resident_id=resident_id, name=name, subject=content)
                ) if words else set()
    petitions = sorted(everyone, key=lambda pid: pid not in alike)[:limit]
    return Earlier(get_visits(ctx, ordered), same & set(ordered), petitions,
                   alike & set(petitions))
