"""Making letters: checks, the merge, the number, the record; printing and delivery marks.

A letter is made in one unit of work: checked, merged with its template, numbered
("05/TC-UBND", per year) and stored with the exact text it prints. Anything refused leaves
the database as it was; a batch is made whole or not at all.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from app import audit, search_index
from app.auth import CurrentUser, Permission
from app.context import AppContext
from app.desk.clock import now as clock
from app.errors import DomainError, NotFound
from app.i18n import _
from app.l10n import short_date
from app.labels import label
from app.paper import PAGE_SIZES, numbering
from app.paper.signature import signer_in
from app.text import nfc
from db.models import CivilEvent, DocumentNumber, Dossier, Letter, Resident

from . import drafts, templates
from .types import (
    CIVIL_EVENT_OCCASIONS,
    DOC_TYPE,
    LETTER,
    SALUTATIONS,
    DeliveryMethod,
    LetterDraft,
    LetterKind,
    Occasion,
)


class DuplicateLetter(DomainError):
    """The event (or dossier) already has a letter; a second one needs a reason."""

    def __init__(self, message: str, existing: str) -> None:
        super().__init__(message)
        self.existing = existing  # "05/TC-UBND"


def letter_tokens(number_text: str, addressee: str, recipient: str, village: str,
                  about: str) -> set[str]:
    return search_index.index_tokens(number_text, addressee, recipient, village, about)


def _existing(s: Session, draft: LetterDraft) -> Letter | None:
    """An earlier letter answering the same event, dossier or death."""
    same = []
    if draft.civil_event_id is not None:
        same.append(Letter.civil_event_id == draft.civil_event_id)
    if draft.dossier_id is not None:
        same.append((Letter.dossier_id == draft.dossier_id) & (Letter.kind == draft.kind.value))
    if draft.subject_resident_id is not None and draft.kind == LetterKind.CONDOLENCE:
        same.append((Letter.subject_resident_id == draft.subject_resident_id)
                    & (Letter.kind == LetterKind.CONDOLENCE.value))
    if not same:
        return None
    return s.scalars(select(Letter).where(or_(*same)).order_by(Letter.id).limit(1)).first()


_NO_EVENT = {
    Occasion.BIRTH: lambda: _("Chưa có việc đăng ký khai sinh nào được ghi nhận tại xã cho thư "
                              "này: thư chúc mừng sinh con phải gắn với một hồ sơ khai sinh đã "
                              "trả kết quả."),
    Occasion.MARRIAGE: lambda: _("Chưa có việc đăng ký kết hôn nào được ghi nhận tại xã cho thư "
                                 "này: thư chúc mừng kết hôn phải gắn với một hồ sơ đăng ký kết hôn "
                                 "đã trả kết quả."),
    Occasion.DEATH: lambda: _("Chưa có việc đăng ký khai tử nào được ghi nhận tại xã cho thư này: "
                              "thư chia buồn phải gắn với một hồ sơ khai tử đã trả kết quả, hoặc "
                              "với một nhân khẩu đã có ngày mất."),
}


def _check(s: Session, draft: LetterDraft) -> None:
    occasion = Occasion(draft.occasion)
    if not nfc(draft.recipient_name).strip():
        raise DomainError(_("Thư chưa có người nhận: hãy chọn hộ gia đình, nhân khẩu hoặc ghi "
                            "họ tên người nhận."))
    if not nfc(draft.salutation).strip():
        raise DomainError(_("Vui lòng chọn danh xưng của người nhận (Ông, Bà, Gia đình ông …)."))
    if draft.page_size not in PAGE_SIZES[:2]:
        raise DomainError(_("Thư chỉ in trên khổ A4 hoặc A5."))
    if occasion in CIVIL_EVENT_OCCASIONS:
        ev = s.get(CivilEvent, draft.civil_event_id) if draft.civil_event_id else None
        matches = ev is not None and ev.kind == occasion.value
        if not matches and not (occasion == Occasion.DEATH and draft.civil_event_id is None
                                and draft.subject_resident_id is not None):
            raise DomainError(_NO_EVENT[occasion]())
    if occasion == Occasion.DEATH and draft.civil_event_id is None:
        person = s.get(Resident, draft.subject_resident_id) if draft.subject_resident_id else None
        if person is not None and person.death_date is None:
            raise DomainError(_("Theo sổ nhân khẩu, {name} vẫn còn sống: không lập thư chia buồn.")
                              .format(name=person.full_name))
    if occasion == Occasion.LATE and draft.dossier_id is None:
        raise DomainError(_("Thư xin lỗi vì trả kết quả chậm phải gắn với một hồ sơ."))
    if draft.dossier_id is not None and s.get(Dossier, draft.dossier_id) is None:
        raise NotFound(_("Không tìm thấy hồ sơ này."))
    old = _existing(s, draft)
    if old is not None and not nfc(draft.duplicate_reason).strip():
        raise DuplicateLetter(_("Việc này đã có thư số {number} ngày {day}. Nếu vẫn cần gửi thêm "
                                "một thư, vui lòng ghi lý do.").format(
            number=old.number_text, day=short_date(old.letter_date)), old.number_text)


def create_in(s: Session, user: CurrentUser, draft: LetterDraft, *,
              at: dt.datetime | None = None) -> int:
    """Check, merge, number and store one letter inside `s`'s unit of work; its id."""
    _check(s, draft)
    template = templates.load(s, draft.template)
    values = drafts.recipient_values(draft, drafts.commune_name(s))
    merged = templates.merge(template, values)
    who = signer_in(s, draft.deputy)
    addressee = values["kinh_gui"]
    issued = numbering.allocate(s, DOC_TYPE, draft.letter_date, username=user.username,
                                subject=f"{merged.title.capitalize()}: {addressee}",
                                entity=LETTER)
    used = {k: values[k] for k in templates.used_fields(template.text) if k in values}
    about = nfc(draft.about).strip()
    if not about:  # a letter from scratch: what it is about, as the register shows it
        about = values.get("viec_lam") or values.get("ly_do") or ""
        about = label(draft.occasion, Occasion, paper=True) + (
            f": {about}" if about else "")
    row = Letter(
        year=issued.year, number=issued.number, number_text=issued.text, kind=draft.kind.value,
        occasion=Occasion(draft.occasion).value, letter_date=draft.letter_date,
        salutation=nfc(draft.salutation).strip(), recipient_name=nfc(draft.recipient_name).strip(),
        addressee=addressee, address=nfc(draft.address).strip(), village=nfc(draft.village).strip(),
        household_id=draft.household_id, resident_id=draft.resident_id,
        subject_resident_id=draft.subject_resident_id, civil_event_id=draft.civil_event_id,
        dossier_id=draft.dossier_id, about=about[:400],
        title=merged.title, body=json.dumps(list(merged.paragraphs), ensure_ascii=False),
        fields=json.dumps(used, ensure_ascii=False), page_size=draft.page_size,
        signer_lines=json.dumps(list(who.lines), ensure_ascii=False), signer_name=who.name,
        duplicate_reason=nfc(draft.duplicate_reason).strip(), created_by=user.user_id,
        created_at=at or clock())
    s.add(row)
    s.flush()
    s.execute(update(DocumentNumber).where(
        DocumentNumber.doc_type == DOC_TYPE, DocumentNumber.year == issued.year,
        DocumentNumber.number == issued.number).values(entity_id=row.id))
    search_index.set_tokens(s, LETTER, row.id, letter_tokens(
        row.number_text, addressee, row.recipient_name, row.village, row.about))
    audit.record(s, user, "create", LETTER, row.id, {
        "number": issued.text, "kind": row.kind, "occasion": row.occasion, "to": addressee,
        "event": row.about, "duplicate_reason": row.duplicate_reason or None})
    return row.id


def create_letter(ctx: AppContext, draft: LetterDraft) -> int:
    """Make one letter; its id."""
    return create_batch(ctx, [draft])[0]


def create_batch(ctx: AppContext, batch: Sequence[LetterDraft]) -> list[int]:
    """Make several letters in one unit of work: all of them, or none when one is refused
    (the message then says which recipient)."""
    ctx.require(Permission.WRITE_LETTERS)
    if not batch:
        raise DomainError(_("Chưa chọn thư nào để lập."))
    ids = []
    with ctx.write() as s:
        for i, draft in enumerate(batch):
            try:
                ids.append(create_in(s, ctx.user, draft))
            except DomainError as exc:
                exc.index = i  # which draft of the batch was refused
                if len(batch) == 1:
                    raise
                who = nfc(draft.addressee) or f"{draft.salutation} {draft.recipient_name}"
                message = _("Thư gửi {who}: {reason} Chưa lập thư nào trong đợt này.").format(
                    who=who.strip(), reason=str(exc))
                err = (DuplicateLetter(message, exc.existing) if isinstance(exc, DuplicateLetter)
                       else type(exc)(message, field=exc.field))
                err.index = i
                raise err from exc
    return ids


def mark_printed(ctx: AppContext, ids: Sequence[int], at: dt.datetime | None = None) -> None:
    """Record that these letters were printed (the first print time is kept)."""
    ctx.require(Permission.WRITE_LETTERS)
    moment = at or clock()
    with ctx.write() as s:
        for row in s.scalars(select(Letter).where(Letter.id.in_(list(ids)))):
            row.printed_at = row.printed_at or moment
            row.print_count += 1
        audit.record(s, ctx.user, "print", LETTER, None, {"ids": list(ids)})


def deliver(ctx: AppContext, letter_id: int, *, on: dt.date, method: str, by: str = "") -> None:
    """Record how and when the letter reached the family."""
    ctx.require(Permission.WRITE_LETTERS)
    if method not in set(DeliveryMethod):
        raise DomainError(_("Vui lòng chọn cách giao thư."))
    by = nfc(by).strip()
    if method == "home" and not by:
        raise DomainError(_("Vui lòng ghi tên người đến tận nhà trao thư."))
    from app.l10n import today

    with ctx.write() as s:
        row = s.get(Letter, letter_id)
        if row is None:
            raise NotFound(_("Không tìm thấy thư này."))
        if on < row.letter_date or on > today():
            raise DomainError(_("Ngày giao thư phải từ ngày của thư ({day}) đến hôm nay.")
                              .format(day=short_date(row.letter_date)))
        before = audit.snapshot(row, ["delivered_at", "delivery_method", "delivered_by"])
        row.delivered_at, row.delivery_method, row.delivered_by = on, method, by
        audit.record(s, ctx.user, "deliver", LETTER, row.id, audit.diff(
            before, audit.snapshot(row, ["delivered_at", "delivery_method", "delivered_by"])))


def labels() -> dict[str, dict[str, str]]:
    """Untranslated labels for the UI and the command line."""
    return {"kind": {k.value: label(k, paper=True) for k in LetterKind},
            "occasion": {o.value: label(o, paper=True) for o in Occasion},
            "delivery": {m.value: label(m, paper=True) for m in DeliveryMethod},
            "salutation": {k: k for k in SALUTATIONS}}
