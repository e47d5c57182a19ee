"""Reading letters: the queue of letters owed, the register, counts per kind, one letter.

The queue (`suggestions`) is every birth, marriage and death recorded at the desk with no
letter yet, and every dossier that came back late or got an apology slip with no apology
letter yet, less those the commune dismissed with a reason. Newest first.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from sqlalchemy import exists, func, or_, select
from sqlalchemy.orm import Session

from app import audit, search_index
from app.auth import Permission
from app.context import AppContext
from app.desk.clock import now as clock
from app.errors import DomainError, NotFound
from app.i18n import N_, _
from app.l10n import today
from app.labels import label
from app.text import nfc
from app.workdays import load_calendar
from db.models import ApologySlip, CivilEvent, Dossier, Letter, LetterDismissal, Outcome, User

from . import drafts
from .types import (
    CONDOLENCE_WORKING_DAYS,
    LETTER,
    OCCASION_KIND,
    Filters,
    LetterKind,
    LetterRow,
    Occasion,
    Suggestion,
)

CIVIL_EVENT, DOSSIER = "event", "dossier"
_WHAT = {Occasion.BIRTH: N_("Khai sinh: {name}"), Occasion.MARRIAGE: N_("Kết hôn: {name}"),
         Occasion.DEATH: N_("Khai tử: {name}")}


def open_civil_events(s: Session):
    return (select(CivilEvent.id, CivilEvent.event_on)
            .where(CivilEvent.id.in_(open_civil_event_ids())))


def open_civil_event_ids():
    """The civil events with no letter yet and not dismissed (a select of their ids)."""
    answered = exists().where(Letter.civil_event_id == CivilEvent.id)
    dismissed = exists().where(LetterDismissal.source == CIVIL_EVENT,
                               LetterDismissal.source_id == CivilEvent.id)
    return select(CivilEvent.id).where(~answered, ~dismissed)


def open_dossiers(s: Session):
    answered = exists().where(Letter.dossier_id == Dossier.id,
                              Letter.kind == LetterKind.APOLOGY.value)
    dismissed = exists().where(LetterDismissal.source == DOSSIER,
                               LetterDismissal.source_id == Dossier.id)
    slip = exists().where(ApologySlip.dossier_id == Dossier.id)
    return (select(Dossier.id, func.coalesce(Dossier.finished_at, Dossier.due_at))
            .where(or_(Dossier.outcome == Outcome.LATE, slip), ~answered, ~dismissed))


def suggestions(ctx: AppContext, day: dt.date | None = None) -> list[Suggestion]:
    """The letters owed, newest first, each with its draft filled from the registers
    (`day`: the date the letters would carry; today by default), how long it has waited and
    whether it is a condolence letter past its two working days."""
    day = day or today()
    out: list[Suggestion] = []
    with ctx.read() as s:
        for event_id, _on in s.execute(open_civil_events(s)).all():
            draft = drafts.civil_event_draft(s, event_id, day)
            ev = s.get(CivilEvent, event_id)
            couple = drafts.split_couple(ev.person_name) if ev.kind == Occasion.MARRIAGE else None
            about = _("{husband} và {wife}").format(husband=couple[0], wife=couple[1]) \
                if couple else ev.person_name
            out.append(_suggestion(CIVIL_EVENT, event_id, ev.event_on, draft, about))
        for dossier_id, when in s.execute(open_dossiers(s)).all():
            draft = drafts.dossier_draft(s, dossier_id, day)
            d = s.get(Dossier, dossier_id)
            out.append(_suggestion(DOSSIER, dossier_id, when.date(), draft, d.code))
    deadline = _condolence_deadline(ctx, [g.day for g in out if g.kind == LetterKind.CONDOLENCE])
    out = [replace(g, waiting_days=max((day - g.day).days, 0),
                   overdue=g.kind == LetterKind.CONDOLENCE and day > deadline(g.day))
           for g in out]
    out.sort(key=lambda g: (g.day, g.key), reverse=True)
    return out


def _condolence_deadline(ctx: AppContext, days: list[dt.date]):
    """day → the last day a condolence letter for a death registered that day is on time."""
    if not days:
        return lambda _day: dt.date.max
    cal = load_calendar(ctx, min(days).year, max(days).year + 1)
    return lambda registered: cal.add_working_days(registered, CONDOLENCE_WORKING_DAYS)


def late_condolence_dossiers(ctx: AppContext, day: dt.date | None = None) -> list[int]:
    """The death registrations whose condolence letter is past its two working days (not
    made, not dismissed): the desk's attention list shows them, oldest first."""
    day = day or today()
    stmt = (select(CivilEvent.dossier_id, CivilEvent.event_on)
            .where(CivilEvent.id.in_(open_civil_event_ids()),
                   CivilEvent.kind == Occasion.DEATH.value,
                   CivilEvent.event_on < day)
            .order_by(CivilEvent.event_on, CivilEvent.id))
    with ctx.read() as s:
        rows = s.execute(stmt).all()
    deadline = _condolence_deadline(ctx, [on for _id, on in rows])
    return [dossier_id for dossier_id, on in rows if day > deadline(on)]


def _suggestion(source: str, source_id: int, day: dt.date, draft, about: str) -> Suggestion:
    occasion = Occasion(draft.occasion)
    what = (_(_WHAT[occasion]) if occasion in _WHAT
            else _("Trả kết quả chậm: hồ sơ {name}")).format(name=about)
    recipient = draft.addressee or f"{draft.salutation} {draft.recipient_name}"
    return Suggestion(f"{source}:{source_id}", source, source_id, day, OCCASION_KIND[occasion],
                      occasion, recipient, draft.village, what, draft)


def suggestion_count(ctx: AppContext) -> int:
    with ctx.read() as s:
        n = s.scalar(select(func.count()).select_from(open_civil_events(s).subquery()))
        return n + s.scalar(select(func.count()).select_from(open_dossiers(s).subquery()))


def dismiss(ctx: AppContext, key: str | Sequence[str], reason: str) -> None:
    """Take one suggestion (or several, with one reason) off the queue; the reason is kept
    and audited. Several are dismissed together or not at all."""
    ctx.require(Permission.WRITE_LETTERS)
    reason = nfc(reason).strip()
    if not reason:
        raise DomainError(_("Vui lòng ghi lý do không gửi thư."))
    keys = [key] if isinstance(key, str) else list(key)
    if not keys:
        raise DomainError(_("Chưa chọn việc nào để bỏ qua."))
    with ctx.write() as s:
        for one in keys:
            source, _sep, raw = one.partition(":")
            if source not in (CIVIL_EVENT, DOSSIER) or not raw.isdigit():
                raise DomainError(_("Không có gợi ý “{key}”.").format(key=one))
            model = CivilEvent if source == CIVIL_EVENT else Dossier
            if s.get(model, int(raw)) is None:
                raise NotFound(_("Không tìm thấy việc cần gửi thư này."))
            if s.scalar(select(LetterDismissal.id).where(LetterDismissal.source == source,
                                                        LetterDismissal.source_id == int(raw))):
                raise DomainError(_("Gợi ý này đã được bỏ qua trước đó."))
            s.add(LetterDismissal(source=source, source_id=int(raw), reason=reason,
                                  dismissed_by=ctx.user.user_id, dismissed_at=clock()))
            s.flush()
            audit.record(s, ctx.user, "dismiss", "letter_suggestion", int(raw),
                         {"source": source, "reason": reason})


# ---- the register ---------------------------------------------------------------------------

def search_ids(ctx: AppContext, f: Filters | None = None) -> list[int]:
    """Ids of the letters matching the filters, newest first."""
    f = f or Filters()
    stmt = select(Letter.id).order_by(Letter.letter_date.desc(), Letter.id.desc())
    if f.start:
        stmt = stmt.where(Letter.letter_date >= f.start)
    if f.end:
        stmt = stmt.where(Letter.letter_date <= f.end)
    if f.kind:
        stmt = stmt.where(Letter.kind == LetterKind(f.kind).value)
    if f.village:
        stmt = stmt.where(Letter.village == f.village)
    if f.delivered is not None:
        stmt = stmt.where(Letter.delivered_at.is_not(None) if f.delivered
                          else Letter.delivered_at.is_(None))
    if f.text.strip():
        ids = search_index.matching_ids_stmt(LETTER, f.text)
        if ids is not None:
            stmt = stmt.where(Letter.id.in_(ids))
    with ctx.read() as s:
        return list(s.scalars(stmt))


def _row(r: Letter, creator: str | None) -> LetterRow:
    return LetterRow(
        id=r.id, year=r.year, number=r.number, number_text=r.number_text,
        kind=LetterKind(r.kind), occasion=Occasion(r.occasion), letter_date=r.letter_date,
        salutation=r.salutation, recipient_name=r.recipient_name, addressee=r.addressee,
        address=r.address, village=r.village, household_id=r.household_id,
        resident_id=r.resident_id, civil_event_id=r.civil_event_id, dossier_id=r.dossier_id,
        about=r.about, title=r.title, body=tuple(json.loads(r.body)),
        page_size=r.page_size, signer_lines=tuple(json.loads(r.signer_lines)),
        signer_name=r.signer_name, duplicate_reason=r.duplicate_reason,
        created_by=creator or "", created_at=r.created_at, printed_at=r.printed_at,
        print_count=r.print_count, delivered_at=r.delivered_at,
        delivery_method=r.delivery_method, delivered_by=r.delivered_by)


def get_letters(ctx: AppContext, ids: Sequence[int]) -> list[LetterRow]:
    """The letters with these ids, in the order given."""
    with ctx.read() as s:
        found = {r.id: _row(r, name) for r, name in s.execute(
            select(Letter, User.full_name).outerjoin(User, User.id == Letter.created_by)
            .where(Letter.id.in_(list(ids))))}
    return [found[i] for i in ids if i in found]


def get_letter(ctx: AppContext, key: int | str) -> LetterRow:
    """By id, or by "5/2023" (number/year) or "05/TC-UBND/2023"."""
    if isinstance(key, int):
        rows = get_letters(ctx, [key])
    else:
        m = re.fullmatch(r"\s*0*(\d+)\s*/\s*(?:TC-UBND\s*/\s*)?(\d{4})\s*", nfc(key), re.I)
        if not m:
            raise DomainError(_("Hãy ghi thư theo số/năm, ví dụ 5/2023."))
        with ctx.read() as s:
            found = s.scalar(select(Letter.id).where(Letter.number == int(m.group(1)),
                                                     Letter.year == int(m.group(2))))
        rows = get_letters(ctx, [found]) if found else []
    if not rows:
        raise NotFound(_("Không tìm thấy thư {key}.").format(key=key))
    return rows[0]


def counts(ctx: AppContext, start: dt.date | None = None, end: dt.date | None = None
           ) -> dict[LetterKind, int]:
    """Letters per kind dated within [start, end] (open ends: all), every kind present."""
    stmt = select(Letter.kind, func.count()).group_by(Letter.kind)
    if start is not None:
        stmt = stmt.where(Letter.letter_date >= start)
    if end is not None:
        stmt = stmt.where(Letter.letter_date <= end)
    with ctx.read() as s:
        found = dict(s.execute(stmt).all())
    return {k: found.get(k.value, 0) for k in LetterKind}


def villages(ctx: AppContext) -> list[str]:
    """The villages letters were sent to (for the register's filter)."""
    with ctx.read() as s:
        return sorted(v for v in s.scalars(select(Letter.village).distinct()) if v)


REGISTER_HEADERS = (N_("Số thư"), N_("Năm"), N_("Ngày"), N_("Loại thư"), N_("Dịp"),
                    N_("Kính gửi"), N_("Địa chỉ"), N_("Thôn"), N_("Việc"), N_("Người ký"),
                    N_("In lúc"), N_("Ngày giao"), N_("Cách giao"), N_("Người giao"),
                    N_("Lý do gửi thêm"))


def register_xlsx(ctx: AppContext, ids: Sequence[int], path: Path | str) -> int:
    """The letter register (sổ theo dõi thư) of these letters as an Excel sheet."""
    from app.excel import write_sheet
    from app.l10n import short_date

    from .types import DeliveryMethod

    rows = []
    for start in range(0, len(ids), 500):
        for r in get_letters(ctx, ids[start:start + 500]):
            rows.append((r.number_text, r.year, short_date(r.letter_date), label(r.kind),
                         label(r.occasion), r.addressee, r.address, r.village,
                         r.about, r.signer_name,
                         r.printed_at.strftime("%d/%m/%Y %H:%M") if r.printed_at else "",
                         short_date(r.delivered_at) if r.delivered_at else "",
                         label(r.delivery_method, DeliveryMethod),
                         r.delivered_by, r.duplicate_reason))
    return write_sheet(path, _("Sổ theo dõi thư"), [_(h) for h in REGISTER_HEADERS], rows,
                       widths=[12, 7, 11, 16, 20, 34, 30, 16, 44, 20, 16, 11, 22, 20, 24])
