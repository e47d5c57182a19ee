"""Reading petitions: rows as the reader may see them, lists over ids, the attention lists,
a returning citizen's earlier cases, and the counts of a period.

Every row a list, a search, an export or a report reads has a denouncer's identity masked
(app.petitions.privacy); only `get_petition(..., reveal=True)`, asked by the officer handling
the denunciation or the chairman, shows it, and that reading is recorded.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session, aliased

from app import search_index
from app.auth import CurrentUser
from app.context import AppContext
from app.errors import NotFound
from app.i18n import _
from app.l10n import today
from app.petitions import privacy
from app.petitions.types import OPEN, PETITION, EventKind, EventRow, PetitionRow
from app.text import fold
from app.workdays import load_calendar
from db.models import (
    Petition,
    PetitionEvent,
    PetitionField,
    PetitionKind,
    PetitionStatus,
    User,
    Village,
)

S = PetitionStatus


def _row(p: Petition, received_by: str, handler: str, village: str, hide: bool) -> PetitionRow:
    name = privacy.hidden_name() if hide else p.petitioner_name
    address = privacy.HIDDEN if hide and p.petitioner_address else p.petitioner_address
    phone = privacy.HIDDEN if hide and p.petitioner_phone else p.petitioner_phone
    cccd = privacy.HIDDEN if hide and p.petitioner_cccd else p.petitioner_cccd
    return PetitionRow(
        p.id, p.year, p.number, p.kind, p.channel, p.source_agency, p.received_on, received_by,
        None if hide else p.petitioner_resident_id, name, address, phone, cccd, p.anonymous,
        p.signatories, "" if hide else village, p.field, p.subject, p.content, p.complexity,
        p.remote, p.status, p.handler_id, handler, p.classify_due, p.classified_on,
        p.file_reason, p.forwarded_to, p.classification_note, p.accepted_on, p.due_on,
        p.legal_due_on, p.extensions, p.paused_on, p.accept_notice_due, p.accept_notified_on,
        p.outcome, p.resolved_on, p.decision, p.notified_on, p.notified_how, p.duplicate_of_id,
        hide)


def _rows(s: Session, ids: list[int], reader: CurrentUser | None, reveal: bool):
    receiver, handler = aliased(User), aliased(User)
    stmt = (select(Petition, receiver.full_name, handler.full_name, Village.name)
            .outerjoin(receiver, receiver.id == Petition.received_by)
            .outerjoin(handler, handler.id == Petition.handler_id)
            .outerjoin(Village, Village.id == Petition.village_id)
            .where(Petition.id.in_(ids)))
    out = {}
    for p, rname, hname, vname in s.execute(stmt):
        hide = privacy.confidential(p.kind) and not (
            reveal and reader is not None and privacy.may_see(reader, p.kind, p.handler_id))
        out[p.id] = (p, _row(p, rname or "", hname or "", vname or "", hide))
    return out


def load(s: Session, key: int | str) -> Petition:
    """A petition by id or by its number in the register, as typed ("12/2023")."""
    text = str(key).strip()
    p = None
    if isinstance(key, int) or text.isdigit():
        p = s.get(Petition, int(text))
    elif "/" in text:
        number, _sep, year = text.partition("/")
        if number.strip().isdigit() and year.strip().isdigit():
            p = s.scalar(select(Petition).where(Petition.number == int(number),
                                                Petition.year == int(year)))
    if p is None:
        raise NotFound(_("Không tìm thấy đơn “{key}”.").format(key=text))
    return p


def get_petitions(ctx: AppContext, ids: list[int]) -> list[PetitionRow]:
    """Rows for a list, an export or a report: a denouncer's identity always masked."""
    ids = list(ids)
    if not ids:
        return []
    with ctx.read() as s:
        found = _rows(s, ids, None, reveal=False)
    return [found[i][1] for i in ids if i in found]


def get_petition(ctx: AppContext, key: int | str, *, reveal: bool = False) -> PetitionRow:
    """One petition. `reveal`: the case's own window asks to show a denouncer's identity; it is
    shown only to the officer handling it and the chairman, and the reading is recorded."""
    with ctx.read() as s:
        petition_id = load(s, key).id
    if not reveal:
        return get_petitions(ctx, [petition_id])[0]
    with ctx.write() as s:
        p, row = _rows(s, [petition_id], ctx.user, reveal=True)[petition_id]
        if privacy.confidential(p.kind) and not row.identity_hidden:
            privacy.record_reading(s, ctx.user, PETITION, p.id)
    return row


def events(ctx: AppContext, petition_id: int) -> list[EventRow]:
    stmt = (select(PetitionEvent, User.full_name)
            .outerjoin(User, User.id == PetitionEvent.by_user)
            .where(PetitionEvent.petition_id == petition_id).order_by(PetitionEvent.id))
    with ctx.read() as s:
        return [EventRow(e.at, e.event_on, EventKind(e.kind), name or "", e.note,
                         json.loads(e.data)) for e, name in s.execute(stmt)]


# -- lists ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Filters:
    start: dt.date | None = None  # received from (inclusive)
    end: dt.date | None = None
    kind: PetitionKind | None = None
    field: PetitionField | None = None
    status: PetitionStatus | None = None
    handler_id: int | None = None
    channel: str | None = None
    open_only: bool = False
    text: str = ""


def search_ids(ctx: AppContext, f: Filters | None = None) -> list[int]:
    """Ids of the petitions matching the filters, newest first. The text searches numbers,
    subjects and petitioners' names, never a denouncer's (petition_tokens)."""
    f = f or Filters()
    stmt = select(Petition.id).order_by(Petition.received_on.desc(), Petition.id.desc())
    if f.start:
        stmt = stmt.where(Petition.received_on >= f.start)
    if f.end:
        stmt = stmt.where(Petition.received_on <= f.end)
    for column, value in ((Petition.kind, f.kind), (Petition.field, f.field),
                          (Petition.status, f.status), (Petition.handler_id, f.handler_id),
                          (Petition.channel, f.channel)):
        if value is not None and value != "":
            stmt = stmt.where(column == value)
    if f.open_only:
        stmt = stmt.where(Petition.status.in_(OPEN))
    if f.text.strip():
        ids = search_index.matching_ids_stmt(PETITION, f.text)
        if ids is not None:
            stmt = stmt.where(Petition.id.in_(ids))
    with ctx.read() as s:
        return list(s.scalars(stmt))


SOON = 5  # working days: "deadlines in the next five working days"


def attention(ctx: AppContext, day: dt.date | None = None) -> dict[str, list[int]]:
    """What the tab opens on: to classify, due within five working days, overdue (to classify,
    to resolve, or a denunciation's notice of acceptance), resolved but not notified, and
    denunciations whose time runs out with no extension left."""
    from app.petitions import clock

    day = day or today()
    cal = load_calendar(ctx, day.year, day.year + 1)
    soon = cal.add_working_days(day, SOON)

    def ids(*conditions, order=Petition.received_on) -> list[int]:
        stmt = select(Petition.id).where(*conditions).order_by(order, Petition.id)
        with ctx.read() as s:
            return list(s.scalars(stmt))

    classify_late = and_(Petition.status == S.RECEIVED, Petition.classify_due < day)
    resolve_late = and_(Petition.status == S.ACCEPTED, Petition.due_on < day)
    notice_late = and_(Petition.status.in_((S.ACCEPTED, S.PAUSED)),
                       Petition.accept_notice_due < day, Petition.accept_notified_on.is_(None))
    running_out = []
    with ctx.read() as s:
        for pid, kind, complexity, remote, done, _due in s.execute(
                select(Petition.id, Petition.kind, Petition.complexity, Petition.remote,
                       Petition.extensions, Petition.due_on)
                .where(Petition.status == S.ACCEPTED,
                       Petition.kind == PetitionKind.DENUNCIATION,
                       Petition.due_on >= day, Petition.due_on <= soon)
                .order_by(Petition.due_on)):
            if done >= clock.rule_for(s, kind, complexity, remote).max_extensions:
                running_out.append(pid)
    return {
        "classify": ids(Petition.status == S.RECEIVED, order=Petition.classify_due),
        "soon": ids(or_(and_(Petition.status == S.RECEIVED, Petition.classify_due >= day,
                             Petition.classify_due <= soon),
                        and_(Petition.status == S.ACCEPTED, Petition.due_on >= day,
                             Petition.due_on <= soon)), order=Petition.due_on),
        "overdue": ids(or_(classify_late, resolve_late, notice_late)),
        "not_notified": ids(Petition.status == S.RESOLVED, order=Petition.resolved_on),
        "running_out": running_out,
    }


def earlier_cases(ctx: AppContext, *, resident_id: int | None = None, name: str = "",
                  subject: str = "", exclude_id: int | None = None) -> list[int]:
    """A returning citizen's petitions, the open ones first: the same resident (or the same
    name typed in), narrowed to the same matter when the subject shares its words. Shown
    before the clerk writes anything, to link a repeat instead of opening a second case."""
    if resident_id is None and not fold(name):
        return []
    who = (Petition.petitioner_resident_id == resident_id if resident_id is not None
           else Petition.petitioner_key == fold(name))
    stmt = (select(Petition.id, Petition.subject_key, Petition.status)
            .where(who, Petition.kind != PetitionKind.DENUNCIATION)
            .order_by(Petition.received_on.desc(), Petition.id.desc()))
    if exclude_id is not None:
        stmt = stmt.where(Petition.id != exclude_id)
    with ctx.read() as s:
        rows = s.execute(stmt).all()
    words = {w for w in fold(subject).split() if len(w) > 2}

    def same_matter(key: str) -> bool:
        return not words or len(words & set(key.split())) >= max(1, len(words) // 3)

    rows = [r for r in rows if same_matter(r.subject_key)]
    rows.sort(key=lambda r: r.status not in OPEN)  # stable: newest first within each group
    return [r.id for r in rows]


# -- counts ---------------------------------------------------------------------------------

COUNT_KEYS = ("received", "carried_over", "accepted", "forwarded", "guided", "filed",
              "withdrawn", "resolved_on_time", "resolved_late", "in_progress", "overdue")


def counts(ctx: AppContext, start: dt.date, end: dt.date,
           by: str = "kind") -> dict[str, dict[str, int]]:
    """For a period, per kind (or per field, `by="field"`) and in total ("all"): received in
    it, or carried over (received before it and not yet done at its start); of those, accepted,
    forwarded, guided, filed and withdrawn in it; resolved in it on time or late; and, at its
    end, still in progress and, of those, past their clock."""
    group = Petition.kind if by == "kind" else Petition.field
    keys = [k.value for k in (PetitionKind if by == "kind" else PetitionField)] + ["all"]
    out = {k: dict.fromkeys(COUNT_KEYS, 0) for k in keys}
    with ctx.read() as s:
        withdrawn = dict(s.execute(
            select(PetitionEvent.petition_id, func.max(PetitionEvent.event_on))
            .where(PetitionEvent.kind == EventKind.WITHDRAWN.value)
            .group_by(PetitionEvent.petition_id)).all())
        rows = s.execute(select(Petition.id, group, Petition.received_on, Petition.status,
                                Petition.classified_on, Petition.accepted_on,
                                Petition.resolved_on, Petition.due_on, Petition.classify_due)
                         .where(Petition.received_on <= end)).all()
    for pid, g, received, status, classified, accepted, resolved, due, classify_due in rows:
        if status in (S.FORWARDED, S.GUIDED, S.FILED):
            ended = classified
        elif status == S.WITHDRAWN:
            ended = withdrawn.get(pid, received)
        else:
            ended = resolved
        if received < start and ended is not None and ended < start:
            continue  # done before the period began
        for t in (out[str(g.value)], out["all"]):
            t["received" if received >= start else "carried_over"] += 1
            if accepted is not None and start <= accepted <= end:
                t["accepted"] += 1
            if status in (S.FORWARDED, S.GUIDED, S.FILED) and start <= classified <= end:
                t[{S.FORWARDED: "forwarded", S.GUIDED: "guided", S.FILED: "filed"}[status]] += 1
            if status == S.WITHDRAWN and start <= ended <= end:
                t["withdrawn"] += 1
            if resolved is not None and start <= resolved <= end:
                t["resolved_on_time" if due is None or resolved <= due else "resolved_late"] += 1
            if ended is None or ended > end:
                t["in_progress"] += 1
                clock_due = due if accepted is not None and accepted <= end else classify_due
                if clock_due is not None and clock_due < end:
                    t["overdue"] += 1
    return out
