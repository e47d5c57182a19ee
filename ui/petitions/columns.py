"""What the petitions' tables show: the list of petitions (a denouncer always masked, the
rows past their clock in red), a petition's history, and the clocks' rule table."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from app.i18n import N_, _
from app.l10n import short_date, today
from app.labels import label
from app.petitions.types import EventKind, EventRow, PetitionRow, PetitionStatus
from ui.common.models import Column, IdTableModel, Index

S = PetitionStatus
OVERDUE = QColor("#b00020")
_OVERDUE_BRUSH = QBrush(OVERDUE)


def current_due(p: PetitionRow) -> dt.date | None:
    """The clock the petition is on now: to classify, or (accepted) to resolve, or the
    denunciation's notice of acceptance when that falls first; None once nothing runs."""
    if p.status == S.RECEIVED:
        return p.classify_due
    if p.status == S.ACCEPTED:
        notice = p.accept_notice_due if p.accept_notified_on is None else None
        dues = [d for d in (p.due_on, notice) if d is not None]
        return min(dues) if dues else None
    return None


def due_text(p: PetitionRow) -> str:
    due = current_due(p)
    if due is not None:
        return short_date(due)
    if p.status == S.PAUSED:
        return _("tạm dừng")
    return ""


def due_tip(p: PetitionRow) -> str:
    if p.status == S.RECEIVED:
        return _("Hạn phân loại, xử lý đơn: {day}").format(day=short_date(p.classify_due))
    if p.status == S.ACCEPTED:
        lines = []
        if p.due_on:
            lines.append(_("Hạn giải quyết: {day}").format(day=short_date(p.due_on)))
        if p.accept_notice_due and p.accept_notified_on is None:
            lines.append(_("Hạn thông báo thụ lý: {day}").format(
                day=short_date(p.accept_notice_due)))
        return "\n".join(lines)
    if p.status == S.PAUSED and p.paused_on:
        return _("Tạm đình chỉ từ {day}: thời hạn dừng lại").format(day=short_date(p.paused_on))
    return ""


def petitioner_text(p: PetitionRow) -> str:
    """The petitioner as the reader may see them: masked for a denouncer, "nặc danh", and a
    group's size after the representative's name."""
    if p.anonymous:
        return _("(nặc danh)")
    if p.identity_hidden:
        return _("(giữ bí mật)")
    if p.signatories > 1:
        return _("{name} và {others} người khác").format(name=p.petitioner_name,
                                                        others=p.signatories - 1)
    return p.petitioner_name


def petitioner_tip(p: PetitionRow) -> str:
    if p.identity_hidden:
        return p.petitioner_name  # "Người tố cáo (được giữ bí mật)"
    return " · ".join(x for x in (petitioner_text(p), p.petitioner_address) if x)


PETITION_COLUMNS = [
    Column(N_("Số đơn"), lambda p: p.reference),
    Column(N_("Ngày nhận"), lambda p: short_date(p.received_on)),
    Column(N_("Loại đơn"), lambda p: label(p.kind)),
    Column(N_("Người gửi"), petitioner_text, tooltip=petitioner_tip),
    Column(N_("Trích yếu nội dung"), lambda p: p.subject, tooltip=lambda p: p.subject),
    Column(N_("Lĩnh vực"), lambda p: label(p.field), tooltip=True),
    Column(N_("Trạng thái"), lambda p: label(p.status), tooltip=True),
    Column(N_("Hạn"), due_text, tooltip=due_tip),
    Column(N_("Cán bộ giải quyết"), lambda p: p.handler, tooltip=True),
]
SUBJECT_COLUMN = 4  # takes what the others leave


class PetitionModel(IdTableModel):
    """The lazy list of petitions; one past its clock today is written in red."""

    def __init__(self, fetch_rows, parent=None, page: int | None = None):
        kwargs = {"page": page} if page else {}
        super().__init__(PETITION_COLUMNS, fetch_rows, parent, **kwargs)
        self.today = today()

    def set_ids(self, ids) -> None:
        self.today = today()  # "overdue" is judged on the day the list is read
        super().set_ids(ids)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid():
            item = self.row_at(index.row())
            if item is not None and item.overdue(self.today):
                return _OVERDUE_BRUSH
            return None
        return super().data(index, role)


# -- a petition's history ----------------------------------------------------------------------

def event_detail(e: EventRow) -> str:
    """The note, and what the step's data add to it: the officer given the case, the new
    deadline of an extension or of a resumption."""
    parts = [e.note] if e.note else []
    data = e.data or {}
    if e.kind == EventKind.ACCEPTED and data.get("handler"):
        parts.insert(0, _("Giao {name} giải quyết").format(name=data["handler"]))
    due = data.get("due_on") or data.get("due") or data.get("classify_due")
    if due and e.kind in (EventKind.RECEIVED, EventKind.ACCEPTED, EventKind.EXTENDED,
                          EventKind.RESUMED, EventKind.REOPENED):
        parts.append(_("hạn {day}").format(day=short_date(dt.date.fromisoformat(due))))
    return " · ".join(parts)


def event_tip(e: EventRow) -> str:
    lines = [event_detail(e)] + list((e.data or {}).get("explanation", []))
    return "\n".join(x for x in lines if x)


EVENT_COLUMNS = [
    Column(N_("Ngày"), lambda e: short_date(e.event_on)),
    Column(N_("Công việc"), lambda e: label(e.kind)),
    Column(N_("Người thực hiện"), lambda e: e.by, tooltip=True),
    Column(N_("Nội dung, ghi chú"), event_detail, tooltip=event_tip),
]
