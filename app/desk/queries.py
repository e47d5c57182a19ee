"""Reading the desk: one dossier, lookups, the attention lists and filtered lists over ids."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session, aliased

from app import search_index
from app.context import AppContext
from app.desk.types import (
    CLOSED_STATUSES,
    DOSSIER,
    OPEN_STATUSES,
    ApologyRow,
    DossierRow,
    EventKind,
    EventRow,
)
from app.errors import NotFound
from app.i18n import _
from app.l10n import short_moment
from app.labels import label
from app.procedures import short_name
from db.models import (
    ApologySlip,
    CivilEvent,
    Dossier,
    DossierEvent,
    DossierStatus,
    Outcome,
    Procedure,
    TimeUnit,
    User,
)


def record_event(s: Session, ctx: AppContext, dossier_id: int, kind: EventKind, *,
                 at: dt.datetime | None = None, to_user: int | None = None, note: str = "",
                 data: dict | None = None, by_user: int | None = None) -> None:
    """One line of the Phiếu kiểm soát. `by_user`: who did it when that is not the signed-in
    user (the officer whose result the clerk records); the signed-in user is kept as who
    recorded it."""
    from app.desk.clock import now

    s.add(DossierEvent(dossier_id=dossier_id, at=at or now(), kind=EventKind(kind).value,
                       by_user=by_user or ctx.user.user_id, recorded_by=ctx.user.user_id,
                       to_user=to_user, note=note,
                       data=json.dumps(data or {}, ensure_ascii=False, default=str)))


def _time_label(p: Procedure) -> str:
    if p.time_unit == TimeUnit.SAME_DAY:
        return _("Trong ngày")
    return f"{p.time_value:02d} {label(p.time_unit)}"


COMMON = 2000  # a word matching this many dossiers is "common" for the lookup plan


def code_key(text: str) -> str:
    """Dossier codes are stored in upper case; a typed or scanned code is compared the same way."""
    return text.strip().upper()


def get_dossiers(ctx: AppContext, ids: list[int]) -> list[DossierRow]:
    ids = list(ids)
    if not ids:
        return []
    receiver, handler = aliased(User), aliased(User)
    apologies = (select(ApologySlip.dossier_id, func.count(ApologySlip.id).label("n"))
                 .where(ApologySlip.dossier_id.in_(ids)).group_by(ApologySlip.dossier_id)
                 .subquery())
    stmt = (select(Dossier, Procedure, receiver.full_name, handler.full_name,
                   func.coalesce(apologies.c.n, 0), CivilEvent.person_name)
            .join(Procedure, Procedure.id == Dossier.procedure_id)
            .outerjoin(receiver, receiver.id == Dossier.received_by)
            .outerjoin(handler, handler.id == Dossier.handler_id)
            .outerjoin(apologies, apologies.c.dossier_id == Dossier.id)
            .outerjoin(CivilEvent, CivilEvent.dossier_id == Dossier.id)
            .where(Dossier.id.in_(ids)))
    with ctx.read() as s:
        found = {
            d.id: DossierRow(
                d.id, d.code, p.id, p.code, p.name, d.field, d.applicant_name,
                d.applicant_address, d.applicant_phone, d.applicant_email,
                d.applicant_resident_id, d.channel, d.received_at, rname or "",
                json.loads(d.documents), d.sets, d.fee_due, d.fee_paid, d.legal_due_at, d.due_at,
                d.status, hname or "", d.handler_id, d.ledger_year, d.ledger_line, d.ready_at,
                d.finished_at, d.outcome, d.returned_to, d.return_method, d.satisfaction,
                d.satisfaction_note, d.reason, _time_label(p), n,
                short_name(p.name, p.short_name), p.civil_event, person or "", d.household_id)
            for d, p, rname, hname, n, person in s.execute(stmt)
        }
    return [found[i] for i in ids if i in found]


def _not_found(key: int | str) -> NotFound:
    return NotFound(_("Không tìm thấy hồ sơ “{key}”.").format(key=str(key).strip()))


def load_dossier(s: Session, key: int | str) -> Dossier:
    """The dossier a step works on, by id or by code as typed or scanned."""
    if isinstance(key, int) or str(key).strip().isdigit():
        d = s.get(Dossier, int(key))
    else:
        d = s.scalar(select(Dossier).where(Dossier.code == code_key(str(key))))
    if d is None:
        raise _not_found(key)
    return d


def get_dossier(ctx: AppContext, key: int | str) -> DossierRow:
    """A dossier by id or by code (as typed or scanned; case and spaces ignored). The "not
    found" message quotes what the user typed."""
    dossier_id: int | None = None
    if isinstance(key, int) or str(key).strip().isdigit():
        dossier_id = int(key)
    else:
        with ctx.read() as s:
            dossier_id = s.scalar(select(Dossier.id).where(Dossier.code == code_key(key)))
    rows = get_dossiers(ctx, [dossier_id]) if dossier_id is not None else []
    if not rows:
        raise _not_found(key)
    return rows[0]


def lookup(ctx: AppContext, text: str, limit: int = 200) -> list[int]:
    """What the lookup field finds: an exact code first, else code, name or phone by tokens."""
    text = (text or "").strip()
    if not text:
        return []
    with ctx.read() as s:
        exact = s.scalar(select(Dossier.id).where(Dossier.code == code_key(text)))
        if exact is not None:
            return [exact]
        words = search_index.query_words(text)
        if not words:
            return []
        whole = search_index.joined(text)
        if whole:  # a name typed in order: its run-together token is one index range
            found = _newest_with(s, [whole], limit)
            if found:
                return found
        return _newest_with(s, words, limit)


def _newest_with(s: Session, words: list[str], limit: int) -> list[int]:
    """The newest dossiers having a token for every word; the plan follows the rarest word."""
    newest = select(Dossier.id).order_by(Dossier.received_at.desc(), Dossier.id.desc()).limit(limit)
    if min(search_index.count_matches(s, DOSSIER, w, COMMON) for w in words) >= COMMON:
        # every word is common ("nguyen van"): walk the newest dossiers, probing the index
        # per word; the walk ends at the first `limit` hits
        stmt = newest.where(*[search_index.has_token(DOSSIER, Dossier.id, w) for w in words])
    else:
        # a rare word narrows it down: intersect the words' index ranges, sort the few hits
        stmt = newest.where(Dossier.id.in_(search_index.ids_with_all(DOSSIER, words)))
    return list(s.scalars(stmt))


@dataclass(frozen=True)
class Filters:
    start: dt.date | None = None  # received from (inclusive)
    end: dt.date | None = None  # received to (inclusive)
    procedure_id: int | None = None
    field: str | None = None
    status: DossierStatus | None = None
    handler_id: int | None = None
    channel: str | None = None
    overdue: bool = False
    text: str = ""


def search_ids(ctx: AppContext, f: Filters, now: dt.datetime | None = None) -> list[int]:
    """Ids of the dossiers matching the filters, newest first (indexed columns only)."""
    from app.desk.clock import now as clock

    stmt = select(Dossier.id).order_by(Dossier.received_at.desc(), Dossier.id.desc())
    if f.start:
        stmt = stmt.where(Dossier.received_at >= dt.datetime.combine(f.start, dt.time()))
    if f.end:
        stmt = stmt.where(Dossier.received_at < dt.datetime.combine(
            f.end + dt.timedelta(days=1), dt.time()))
    for column, value in ((Dossier.procedure_id, f.procedure_id), (Dossier.field, f.field),
                          (Dossier.status, f.status), (Dossier.handler_id, f.handler_id),
                          (Dossier.channel, f.channel)):
        if value is not None and value != "":
            stmt = stmt.where(column == value)
    if f.overdue:
        stmt = stmt.where(_overdue(now or clock()))
    if f.text.strip():
        ids = search_index.matching_ids_stmt(DOSSIER, f.text)
        if ids is not None:
            stmt = stmt.where(Dossier.id.in_(ids))
    with ctx.read() as s:
        return list(s.scalars(stmt))


def _overdue(moment: dt.datetime):
    running = (DossierStatus.RECEIVED, DossierStatus.IN_PROGRESS, DossierStatus.READY)
    return and_(Dossier.status.in_(running), Dossier.due_at < moment)


def attention(ctx: AppContext, now: dt.datetime | None = None) -> dict[str, list[int]]:
    """What the tab opens on: overdue, due today, due tomorrow, waiting for collection,
    waiting for a supplement (each newest appointment first), and the death registrations
    whose condolence letter is late (app.letters.queries.late_condolence_dossiers)."""
    from app.desk.clock import now as clock
    from app.letters.queries import late_condolence_dossiers
    from app.workdays import load_calendar

    moment = now or clock()
    today = moment.date()
    cal = load_calendar(ctx, today.year)
    tomorrow = cal.next_working_day(today)
    day_start = dt.datetime.combine(today, dt.time())
    running = (DossierStatus.RECEIVED, DossierStatus.IN_PROGRESS)

    def ids(*conditions) -> list[int]:
        stmt = select(Dossier.id).where(*conditions).order_by(Dossier.due_at, Dossier.id)
        with ctx.read() as s:
            return list(s.scalars(stmt))

    return {
        "overdue": ids(_overdue(moment)),
        "today": ids(Dossier.status.in_(running), Dossier.due_at >= moment,
                     Dossier.due_at < day_start + dt.timedelta(days=1)),
        "tomorrow": ids(Dossier.status.in_(running),
                        Dossier.due_at >= dt.datetime.combine(tomorrow, dt.time()),
                        Dossier.due_at < dt.datetime.combine(tomorrow + dt.timedelta(days=1),
                                                             dt.time())),
        "ready": ids(Dossier.status == DossierStatus.READY),
        "supplement": ids(Dossier.status == DossierStatus.SUPPLEMENT),
        "condolence": late_condolence_dossiers(ctx, today),
    }


def events(ctx: AppContext, dossier_id: int) -> list[EventRow]:
    by, to, rec = aliased(User), aliased(User), aliased(User)
    stmt = (select(DossierEvent, by.full_name, to.full_name, rec.full_name)
            .outerjoin(by, by.id == DossierEvent.by_user)
            .outerjoin(to, to.id == DossierEvent.to_user)
            .outerjoin(rec, rec.id == DossierEvent.recorded_by)
            .where(DossierEvent.dossier_id == dossier_id).order_by(DossierEvent.id))
    rows = []
    with ctx.read() as s:
        for e, b, t, r in s.execute(stmt):
            kind, data = EventKind(e.kind), json.loads(e.data)
            recorded = r if r and e.recorded_by != e.by_user else ""
            rows.append(EventRow(e.at, kind, b or "", t or "", e.note, data,
                                 event_detail(kind, e.note, data), recorded or ""))
    return rows


def event_detail(kind: EventKind, note: str, data: dict) -> str:
    """The note of a step with what the step recorded besides (reason, documents, dates)."""
    if kind == EventKind.SUPPLEMENT_REQUESTED:
        docs = ", ".join(d.get("name", "") for d in data.get("documents", []))
        return _("Lý do: {reason}. Giấy tờ: {documents}").format(
            reason=data.get("reason", ""), documents=docs)
    if kind == EventKind.APOLOGY and data.get("new_due_at"):
        new = dt.datetime.fromisoformat(data["new_due_at"])
        return _("{reason} (hẹn lại {when})").format(reason=note, when=short_moment(new))
    if kind == EventKind.RETURNED and data.get("outcome"):
        return _("Trả cho {person}; {outcome}").format(
            person=note, outcome=label(data["outcome"], Outcome).lower())
    return note


def apologies(ctx: AppContext, dossier_id: int) -> list[ApologyRow]:
    stmt = (select(ApologySlip, User.full_name).outerjoin(User, User.id == ApologySlip.by_user)
            .where(ApologySlip.dossier_id == dossier_id).order_by(ApologySlip.id))
    with ctx.read() as s:
        return [ApologyRow(a.id, a.dossier_id, a.issued_at, a.reason, a.old_due_at, a.new_due_at,
                           n or "") for a, n in s.execute(stmt)]


def ledger_ids(ctx: AppContext, start: dt.date, end: dt.date) -> list[int]:
    stmt = (select(Dossier.id)
            .where(Dossier.received_at >= dt.datetime.combine(start, dt.time()),
                   Dossier.received_at < dt.datetime.combine(end + dt.timedelta(days=1),
                                                             dt.time()))
            .order_by(Dossier.ledger_year, Dossier.ledger_line))
    with ctx.read() as s:
        return list(s.scalars(stmt))


__all__ = ["CLOSED_STATUSES", "OPEN_STATUSES", "Filters", "apologies", "attention", "events",
           "get_dossier", "get_dossiers", "ledger_ids", "lookup", "record_event",
           "search_ids"]
