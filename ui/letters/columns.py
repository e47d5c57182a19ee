"""What the letters tab's tables show: the queue of letters owed and the register of letters."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from app.i18n import N_, _, ngettext
from app.l10n import short_date, short_moment
from app.labels import label
from app.letters.types import DeliveryMethod, LetterKind, LetterRow, Suggestion
from ui.common.models import Column, IdTableModel, Index, ListTableModel

_LATE = QBrush(QColor("#b00020"))


def kind_text(kind: LetterKind) -> str:
    """The kind in a table cell, where the column title already says "Loại thư"."""
    return label(kind, variant="short")


def waiting_text(s: Suggestion) -> str:
    """'Hôm nay', '3 ngày'."""
    if s.waiting_days <= 0:
        return _("Hôm nay")
    return ngettext("{n} ngày", "{n} ngày", s.waiting_days).format(n=s.waiting_days)


def waiting_tip(s: Suggestion) -> str:
    if s.overdue:
        return _("Thư chia buồn cần gửi trong hai ngày làm việc kể từ khi đăng ký khai tử; "
                 "thư này đã quá hạn.")
    return _("Chờ từ {day}").format(day=short_date(s.day))


def printed_text(r: LetterRow) -> str:
    """The day it was first printed (the time and how many times in the tooltip)."""
    return short_date(r.printed_at.date()) if r.printed_at else ""


def printed_tip(r: LetterRow) -> str:
    if r.printed_at is None:
        return _("Chưa in")
    # TRANSLATORS: when a letter was first printed and how many times it was printed
    return _("In lần đầu lúc {moment}; đã in {count} lần").format(moment=short_moment(r.printed_at),
                                                                count=r.print_count)


def delivery_text(r: LetterRow) -> str:
    """'05/11/2025 – Tận nhà'; empty while the letter is not delivered."""
    if r.delivered_at is None:
        return ""
    return f"{short_date(r.delivered_at)} – {label(r.delivery_method, DeliveryMethod, variant='short')}"


def delivery_tip(r: LetterRow) -> str:
    if r.delivered_at is None:
        return _("Chưa giao thư")
    full = f"{short_date(r.delivered_at)} – {label(r.delivery_method, DeliveryMethod)}"
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
    Column(N_("Đã chờ"), waiting_text, align_right=True, tooltip=waiting_tip),
    Column(N_("Loại thư"), lambda s: kind_text(s.kind)),
    Column(N_("Việc"), lambda s: s.what, tooltip=lambda s: s.draft.about or s.what),
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
    Column(N_("Việc"), lambda r: r.about, tooltip=True),
    Column(N_("Người ký"), lambda r: r.signer_name),
    Column(N_("Đã in"), printed_text, tooltip=printed_tip),
    Column(N_("Đã giao"), delivery_text, tooltip=delivery_tip),
]


class SuggestionModel(ListTableModel):
    """The queue: a short list (the letters owed), keyed by the suggestion's key; a
    condolence letter past its two working days is written in red."""

    def __init__(self, parent=None):
        super().__init__(SUGGESTION_COLUMNS, parent, key=lambda s: s.key)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid():
            item = self.row_at(index.row())
            return _LATE if item is not None and item.overdue else None
        return super().data(index, role)

    def suggestion_at(self, row: int) -> Suggestion | None:
        return self.row_at(row)


class LetterModel(IdTableModel):
    """The register: every letter matching the filters, rows read a page at a time."""

    def __init__(self, fetch_rows, parent=None):
        super().__init__(LETTER_COLUMNS, fetch_rows, parent)
