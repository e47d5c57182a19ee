"""What the desk's tables show: dossier and event columns and their labels."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from app.desk.clock import now
from app.desk.types import CHANNEL_LABELS, OUTCOME_LABELS, SATISFACTION_LABELS, STATUS_LABELS
from app.i18n import N_, _
from ui.common.formats import label, moment
from ui.common.models import Column, IdTableModel, Index

OVERDUE = QColor("#b00020")
_OVERDUE_BRUSH = QBrush(OVERDUE)

# the steps of the Phiếu kiểm soát, as the dossier window lists them
EVENT_LABELS = {
    "received": N_("Tiếp nhận hồ sơ"),
    "handed_over": N_("Chuyển xử lý"),
    "supplement_requested": N_("Yêu cầu bổ sung"),
    "supplement_received": N_("Nhận hồ sơ bổ sung"),
    "result_ready": N_("Có kết quả"),
    "returned": N_("Trả kết quả"),
    "refused": N_("Từ chối"),
    "withdrawn": N_("Công dân rút hồ sơ"),
    "apology": N_("Xin lỗi, hẹn lại"),
    "corrected": N_("Sửa hồ sơ"),
}
DOC_KIND_LABELS = {"original": N_("Bản chính"), "certified_copy": N_("Bản sao chứng thực"),
                   "copy": N_("Bản chụp")}


def status_text(row) -> str:
    return label(STATUS_LABELS, row.status)


def channel_text(row) -> str:
    return label(CHANNEL_LABELS, row.channel)


def outcome_text(row) -> str:
    return label(OUTCOME_LABELS, row.outcome)


def satisfaction_text(value) -> str:
    return label(SATISFACTION_LABELS, value)


def _applicant_tip(d) -> str:
    return " · ".join(p for p in (d.applicant_name, d.applicant_address, d.applicant_phone or "")
                      if p)


DOSSIER_COLUMNS = [
    Column(N_("Mã hồ sơ"), lambda d: d.code),
    Column(N_("Thủ tục"), lambda d: d.procedure_name, tooltip=True),
    Column(N_("Người nộp"), lambda d: d.applicant_name, tooltip=_applicant_tip),
    Column(N_("Tiếp nhận"), lambda d: moment(d.received_at)),
    Column(N_("Hẹn trả"), lambda d: moment(d.due_at)),
    Column(N_("Trạng thái"), status_text),
    Column(N_("Cán bộ xử lý"), lambda d: d.handler),
]

def event_note(e) -> str:
    """The note of a step, with what the step recorded besides (reason, documents, dates)."""
    data = e.data or {}
    if e.kind == "supplement_requested":
        docs = ", ".join(d.get("name", "") for d in data.get("documents", []))
        return _("Lý do: {reason}. Giấy tờ: {documents}").format(
            reason=data.get("reason", ""), documents=docs)
    if e.kind == "apology" and data.get("new_due_at"):
        new = dt.datetime.fromisoformat(data["new_due_at"])
        return _("{reason} (hẹn lại {when})").format(reason=e.note, when=moment(new))
    if e.kind == "returned" and data.get("outcome"):
        return _("Trả cho {person}; {outcome}").format(
            person=e.note, outcome=label(OUTCOME_LABELS, data["outcome"]).lower())
    return e.note


EVENT_COLUMNS = [
    Column(N_("Thời điểm"), lambda e: moment(e.at)),
    Column(N_("Công việc"), lambda e: label(EVENT_LABELS, e.kind)),
    Column(N_("Người thực hiện"), lambda e: e.by),
    Column(N_("Chuyển đến"), lambda e: e.to),
    Column(N_("Ghi chú"), event_note, tooltip=True),
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
