"""What the desk's tables show: the dossier list and the steps of one dossier."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from app.desk.clock import now
from app.i18n import N_, _
from app.l10n import short_date, short_moment
from app.labels import label
from ui.common.models import Column, IdTableModel, Index

OVERDUE = QColor("#b00020")
_OVERDUE_BRUSH = QBrush(OVERDUE)


def _applicant_tip(d) -> str:
    return " · ".join(p for p in (d.applicant_name, d.applicant_address, d.applicant_phone or "")
                      if p)


DOSSIER_COLUMNS = [
    Column(N_("Mã hồ sơ"), lambda d: d.code),
    # the short name fits a 1280-pixel screen; the tooltip has the name in full
    Column(N_("Thủ tục"), lambda d: d.procedure_short_name, tooltip=lambda d: d.procedure_name),
    Column(N_("Người nộp"), lambda d: d.applicant_name, tooltip=_applicant_tip),
    # the day is enough in the list; the hour is in the tooltip (and the due column has it)
    Column(N_("Tiếp nhận"), lambda d: short_date(d.received_at.date()),
           tooltip=lambda d: short_moment(d.received_at)),
    Column(N_("Hẹn trả"), lambda d: short_moment(d.due_at)),
    Column(N_("Trạng thái"), lambda d: label(d.status)),
    Column(N_("Cán bộ xử lý"), lambda d: d.handler),
]


def _by(e) -> str:
    """Who did the step; who wrote it down too, when that was someone else."""
    if e.recorded:
        return _("{by} (người ghi: {recorder})").format(by=e.by, recorder=e.recorded) \
            if e.by else e.recorded
    return e.by


EVENT_COLUMNS = [
    Column(N_("Thời điểm"), lambda e: short_moment(e.at)),
    Column(N_("Công việc"), lambda e: label(e.kind)),
    Column(N_("Người thực hiện"), _by, tooltip=True),
    Column(N_("Chuyển đến"), lambda e: e.to),
    Column(N_("Ghi chú"), lambda e: e.detail, tooltip=True),
]


class DossierModel(IdTableModel):
    """The lazy list of dossiers; a dossier past its appointment is written in red."""

    def __init__(self, fetch_rows, parent=None, page: int | None = None):
        kwargs = {"page": page} if page else {}
        super().__init__(DOSSIER_COLUMNS, fetch_rows, parent, **kwargs)
        self.now = now()

    def set_ids(self, ids) -> None:
        self.now = now()  # "overdue" is judged at the moment the list is read
        super().set_ids(ids)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid():
            item = self.row_at(index.row())
            if item is not None and item.overdue(self.now):
                return _OVERDUE_BRUSH
            return None
        return super().data(index, role)
