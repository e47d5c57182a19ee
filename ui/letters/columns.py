"""What the letters tab's tables show: the queue of letters owed and the register of letters."""

from __future__ import annotations

from app.i18n import N_, _
from app.l10n import short_date
from app.letters.types import DELIVERY_METHODS, LetterKind, LetterRow, Suggestion
from ui.common.formats import label, moment
from ui.common.models import Column, IdTableModel, ListTableModel

# the kind in a table cell, where the column title already says "Loại thư"
SHORT_KIND_LABELS = {
    LetterKind.CONGRATULATION: N_("Chúc mừng"),
    LetterKind.CONDOLENCE: N_("Chia buồn"),
    LetterKind.APOLOGY: N_("Xin lỗi"),
    LetterKind.THANKS: N_("Cảm ơn"),
}

# how a letter was delivered, in a table cell (the form offers DELIVERY_METHODS in full)
SHORT_DELIVERY_LABELS = {
    "desk": N_("Một cửa"),
    "home": N_("Tận nhà"),
    "post": N_("Bưu điện"),
}


def kind_text(kind: LetterKind) -> str:
    return label(SHORT_KIND_LABELS, kind)


def printed_text(r: LetterRow) -> str:
    """The day it was first printed (the time and how many times in the tooltip)."""
    return short_date(r.printed_at.date()) if r.printed_at else ""


def printed_tip(r: LetterRow) -> str:
    if r.printed_at is None:
        return _("Chưa in")
    # TRANSLATORS: when a letter was first printed and how many times it was printed
    return _("In lần đầu lúc {moment}; đã in {count} lần").format(moment=moment(r.printed_at),
                                                                count=r.print_count)


def delivery_text(r: LetterRow) -> str:
    """'05/11/2025 – Tận nhà'; empty while the letter is not delivered."""
    if r.delivered_at is None:
        return ""
    return f"{short_date(r.delivered_at)} – {label(SHORT_DELIVERY_LABELS, r.delivery_method)}"


def delivery_tip(r: LetterRow) -> str:
    if r.delivered_at is None:
        return _("Chưa giao thư")
    full = f"{short_date(r.delivered_at)} – {label(DELIVERY_METHODS, r.delivery_method)}"
    if r.delivered_by:
        return _("{delivery}; người trao: {name}").format(delivery=full, name=r.delivered_by)
    return full


def _letter_tip(r: LetterRow) -> str:
    parts = [r.addressee, r.address]
    if r.duplicate_reason:
        parts.append(_("Gửi thêm vì: {reason}").format(reason=r.duplicate_reason))
    return "\n".join(p for p in parts if p)


SUGGESTION_COLUMNS = [
    Column(N_("Ngày"), lambda s: short_date(s.day)),
    Column(N_("Loại thư"), lambda s: kind_text(s.kind)),
    Column(N_("Việc"), lambda s: s.what, tooltip=lambda s: s.draft.event_text or s.what),
    Column(N_("Kính gửi"), lambda s: s.recipient,
           tooltip=lambda s: "\n".join(p for p in (s.recipient, s.draft.address) if p)),
    Column(N_("Thôn"), lambda s: s.village, tooltip=True),
]

LETTER_COLUMNS = [
    Column(N_("Số"), lambda r: r.number_text, tooltip=lambda r: r.reference),
    Column(N_("Ngày"), lambda r: short_date(r.letter_date)),
    Column(N_("Loại thư"), lambda r: kind_text(r.kind)),
    Column(N_("Kính gửi"), lambda r: r.addressee, tooltip=_letter_tip),
    Column(N_("Thôn"), lambda r: r.village, tooltip=True),
    Column(N_("Việc"), lambda r: r.event_text, tooltip=True),
    Column(N_("Người ký"), lambda r: r.signer_name),
    Column(N_("Đã in"), printed_text, tooltip=printed_tip),
    Column(N_("Đã giao"), delivery_text, tooltip=delivery_tip),
]


class SuggestionModel(ListTableModel):
    """The queue: a short list (the letters owed), keyed by the suggestion's key."""

    def __init__(self, parent=None):
        super().__init__(SUGGESTION_COLUMNS, parent, key=lambda s: s.key)

    def suggestion_at(self, row: int) -> Suggestion | None:
        return self.row_at(row)


class LetterModel(IdTableModel):
    """The register: every letter matching the filters, rows read a page at a time."""

    def __init__(self, fetch_rows, parent=None):
        super().__init__(LETTER_COLUMNS, fetch_rows, parent)
