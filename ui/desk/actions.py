"""The small forms of the dossier window's steps, each opened with a class method `ask`.

`ask(parent, submit, …)` shows the form modally; “Lưu” calls `submit(values)` (the service
call), a DomainError is shown in the form, which stays open with what was typed. It returns
what `submit` returned, or None when the user cancelled. Tests patch `ask`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from app.desk.types import SATISFACTION_LABELS, DossierRow
from app.errors import DomainError
from app.i18n import N_, _
from app.staff import UserRow
from ui.common.forms import FormDialog, text_box
from ui.common.widgets import DateField, tidy_tab_order
from ui.desk.columns import DOC_KIND_LABELS
from ui.desk.reception import MAX_FEE, from_qdatetime, to_qdatetime

RETURN_METHODS = [N_("Trực tiếp"), N_("Qua dịch vụ bưu chính"), N_("Trực tuyến")]


def money_box(value: int = 0) -> QSpinBox:
    box = QSpinBox()
    box.setLocale(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    box.setRange(0, MAX_FEE)
    box.setSingleStep(1000)
    box.setGroupSeparatorShown(True)
    box.setSuffix(" " + _("đồng"))
    box.setValue(value)
    return box


def satisfaction_combo(current=None) -> QComboBox:
    combo = QComboBox()
    combo.addItem(_("(không đánh giá)"), None)
    for value, text in SATISFACTION_LABELS.items():
        combo.addItem(_(text), value)
    combo.setCurrentIndex(max(combo.findData(current), 0))
    return combo


class ActionDialog(FormDialog):
    """A step of a dossier, asked with `ask` (FormDialog's)."""


class HandOverDialog(ActionDialog):
    def __init__(self, row: DossierRow, officers: list[UserRow], parent: QWidget | None = None):
        super().__init__(_("Chuyển xử lý hồ sơ {code}").format(code=row.code), parent,
                         ok_text=_("Chuyển"))
        self.officer = QComboBox()
        for u in officers:
            self.officer.addItem(f"{u.full_name} – {u.title or u.role_label}", u.id)
        current = self.officer.findData(row.handler_id)
        if current < 0:
            current = next((i for i, u in enumerate(officers) if u.role == "officer"), 0)
        self.officer.setCurrentIndex(current)
        self.add_row(_("Chuyển cho cán bộ:"), self.officer)
        self.note = self.add_row(_("Ghi chú:"), QLineEdit())

    def values(self) -> dict:
        if self.officer.currentData() is None:
            raise DomainError(_("Vui lòng chọn cán bộ đang làm việc để chuyển hồ sơ."))
        return {"to_user_id": self.officer.currentData(), "note": self.note.text()}


class SupplementDialog(ActionDialog):
    """Mẫu 02: the documents to bring (name and kind), why, and whom to ask."""

    def __init__(self, row: DossierRow, suggestions: list[str], contact: str = "",
                 parent: QWidget | None = None):
        super().__init__(_("Yêu cầu bổ sung hồ sơ {code}").format(code=row.code), parent,
                         ok_text=_("Ghi yêu cầu"))
        self.suggestions = suggestions
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels([_("Giấy tờ cần bổ sung"), _("Hình thức")])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().hide()
        self.table.setTabKeyNavigation(False)
        self.table.setMinimumHeight(self.fontMetrics().height() * 9)
        self.add_button = QPushButton(_("Thêm giấy tờ"))
        self.remove_button = QPushButton(_("Bớt dòng cuối"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        box = QVBoxLayout()
        box.addWidget(self.table)
        box.addLayout(buttons)
        self.form.addRow(_("Giấy tờ:"), box)
        self.reason = self.add_row(_("Lý do:"), text_box())
        self.contact = self.add_row(_("Liên hệ để được hướng dẫn:"), QLineEdit(contact))
        self.add_document()
        self.resize(700, 460)
        self.add_button.clicked.connect(self._on_add_clicked)
        self.remove_button.clicked.connect(self._on_remove_clicked)

    def add_document(self, name: str = "", kind: str = "original") -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        name_box = QComboBox()
        name_box.setEditable(True)
        name_box.addItems(self.suggestions)
        name_box.setCurrentText(name)
        name_box.lineEdit().setPlaceholderText(_("tên giấy tờ"))
        kind_box = QComboBox()
        for value, text in DOC_KIND_LABELS.items():
            kind_box.addItem(_(text), value)
        kind_box.setCurrentIndex(max(kind_box.findData(kind), 0))
        self.table.setCellWidget(row, 0, name_box)
        self.table.setCellWidget(row, 1, kind_box)
        if self._tab_order_done:
            tidy_tab_order(self)
            name_box.setFocus()

    def _on_add_clicked(self) -> None:
        self.add_document()

    def _on_remove_clicked(self) -> None:
        if self.table.rowCount() > 1:
            self.table.removeRow(self.table.rowCount() - 1)

    def documents(self) -> list[dict[str, str]]:
        return [{"name": self.table.cellWidget(r, 0).currentText(),
                 "kind": self.table.cellWidget(r, 1).currentData()}
                for r in range(self.table.rowCount())]

    def values(self) -> dict:
        return {"documents": self.documents(), "reason": self.reason.toPlainText(),
                "contact": self.contact.text()}


class ReturnDialog(ActionDialog):
    """To whom, how, the survey, the fee collected; and the person of a civil event."""

    def __init__(self, row: DossierRow, event_label: str = "", parent: QWidget | None = None,
                 death: bool = False):
        super().__init__(_("Trả kết quả hồ sơ {code}").format(code=row.code), parent,
                         ok_text=_("Trả kết quả"))
        self.returned_to = self.add_row(_("Người nhận kết quả:"), QLineEdit(row.applicant_name))
        self.method = QComboBox()
        self.method.setEditable(True)
        self.method.addItems([_(m) for m in RETURN_METHODS])
        self.add_row(_("Hình thức trả:"), self.method)
        self.satisfaction = self.add_row(_("Mức độ hài lòng:"), satisfaction_combo())
        self.note = self.add_row(_("Ý kiến của công dân:"), text_box(2))
        self.fee_paid = self.add_row(_("Phí, lệ phí đã thu:"), money_box(row.fee_due))
        self.event_person = QLineEdit()
        if event_label:
            self.event_person.setPlaceholderText(_("để trống: ghi tên người nộp"))
            self.add_row(_("Người được đăng ký ({event}):").format(event=event_label),
                         self.event_person)
        self.event_date = DateField() if death else None
        if self.event_date is not None:  # the register marks the deceased; the letter says it
            self.event_date.setToolTip(_("Ngày mất ghi trong trích lục khai tử: sổ nhân khẩu "
                                         "ghi nhận người đã mất, thư chia buồn ghi ngày này."))
            self.add_row(_("Ngày mất:"), self.event_date)

    def values(self) -> dict:
        out = {"returned_to": self.returned_to.text(), "method": self.method.currentText(),
               "satisfaction": self.satisfaction.currentData(),
               "satisfaction_note": self.note.toPlainText(), "fee_paid": self.fee_paid.value(),
               "event_person": self.event_person.text()}
        if self.event_date is not None:
            out["event_date"] = self.event_date.value()
        return out


class ApologyDialog(ActionDialog):
    """Mẫu 04: why it will be late and the new appointment."""

    def __init__(self, row: DossierRow, suggested: dt.datetime, parent: QWidget | None = None):
        super().__init__(_("Xin lỗi và hẹn lại ngày trả hồ sơ {code}").format(code=row.code),
                         parent, ok_text=_("Ghi phiếu xin lỗi"))
        self.reason = self.add_row(_("Lý do chậm trả:"), text_box(3))
        self.new_due = QDateTimeEdit(to_qdatetime(suggested))
        self.new_due.setDisplayFormat("HH:mm dd/MM/yyyy")
        self.new_due.setCalendarPopup(True)
        self.add_row(_("Hẹn trả lại vào:"), self.new_due)

    def values(self) -> dict:
        return {"reason": self.reason.toPlainText(),
                "new_due_at": from_qdatetime(self.new_due.dateTime())}


class CorrectionDialog(ActionDialog):
    """An administrator corrects a finished dossier; only what changed is sent, with why."""

    def __init__(self, row: DossierRow, parent: QWidget | None = None):
        super().__init__(_("Sửa hồ sơ đã kết thúc {code}").format(code=row.code), parent,
                         ok_text=_("Lưu sửa đổi"))
        self.row = row
        self.fields: dict[str, QWidget] = {
            "applicant_name": self.add_row(_("Họ tên người nộp:"), QLineEdit(row.applicant_name)),
            "applicant_address": self.add_row(_("Địa chỉ:"), QLineEdit(row.applicant_address)),
            "applicant_phone": self.add_row(_("Điện thoại:"), QLineEdit(row.applicant_phone or "")),
            "returned_to": self.add_row(_("Người nhận kết quả:"), QLineEdit(row.returned_to)),
            "return_method": self.add_row(_("Hình thức trả:"), QLineEdit(row.return_method)),
            "satisfaction": self.add_row(_("Mức độ hài lòng:"),
                                         satisfaction_combo(row.satisfaction)),
            "satisfaction_note": self.add_row(_("Ý kiến của công dân:"),
                                              QLineEdit(row.satisfaction_note)),
            "fee_paid": self.add_row(_("Phí, lệ phí đã thu:"), money_box(row.fee_paid)),
        }
        self.why = self.add_row(_("Lý do sửa (bắt buộc):"), text_box(2))
        self.initial_focus = self.why

    def changes(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, w in self.fields.items():
            if isinstance(w, QComboBox):
                value = w.currentData()
            elif isinstance(w, QSpinBox):
                value = w.value()
            else:
                value = w.text().strip()
            before = getattr(self.row, name)
            if isinstance(value, int):
                changed = before != value
            else:
                changed = (before or "") != (value or "")
            if changed:
                out[name] = value
        return out

    def values(self) -> dict:
        changes = self.changes()
        if not changes:
            raise DomainError(_("Chưa sửa mục nào; không có gì để lưu."))
        return {"reason": self.why.toPlainText(), "changes": changes}
