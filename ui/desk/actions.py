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
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from app.desk.assign import HandOverChoices
from app.desk.civil import RegisterOffer
from app.desk.types import CivilEventKind, DocKind, DossierRow, Satisfaction
from app.errors import DomainError
from app.i18n import N_, _
from app.labels import choices, label
from app.residents import ResidentInput
from ui.common.forms import FormDialog, text_box
from ui.common.widgets import DateField, SexCombo, tidy_tab_order
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
    for value, text in choices(Satisfaction):
        combo.addItem(text, value)
    combo.setCurrentIndex(max(combo.findData(current), 0))
    return combo


class ActionDialog(FormDialog):
    """A step of a dossier, asked with `ask` (FormDialog's)."""


class HandOverDialog(ActionDialog):
    """Only officers are offered; the one app.desk.assign suggests is chosen, and why is said."""

    def __init__(self, row: DossierRow, choices: HandOverChoices, parent: QWidget | None = None):
        super().__init__(_("Chuyển xử lý hồ sơ {code}").format(code=row.code), parent,
                         ok_text=_("Chuyển"))
        self.officer = QComboBox()
        self.officer.addItem(_("(chọn công chức xử lý)"), None)
        for u in choices.officers:
            self.officer.addItem(f"{u.full_name} – {u.title or u.role_label}", u.id)
        chosen = self.officer.findData(choices.suggested_id)
        self.officer.setCurrentIndex(max(chosen, 0))
        self.add_row(_("Chuyển cho cán bộ:"), self.officer)
        self.hint = QLabel(choices.reason)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #555;")
        self.form.addRow("", self.hint)
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
        for value, text in choices(DocKind):
            kind_box.addItem(text, value)
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
    """To whom, how, the survey, the fee collected; and for a civil-status dossier the person
    registered and, confirmed here in the same step, the register's update: the newborn
    added to the applicant's household, or the deceased marked (app.desk.civil.offer)."""

    def __init__(self, row: DossierRow, offer: RegisterOffer | None = None,
                 parent: QWidget | None = None):
        super().__init__(_("Trả kết quả hồ sơ {code}").format(code=row.code), parent,
                         ok_text=_("Trả kết quả"))
        self.offer = offer or RegisterOffer(None)
        self.returned_to = self.add_row(_("Người nhận kết quả:"), QLineEdit(row.applicant_name))
        self.method = QComboBox()
        self.method.setEditable(True)
        self.method.addItems([_(m) for m in RETURN_METHODS])
        self.add_row(_("Hình thức trả:"), self.method)
        self.satisfaction = self.add_row(_("Mức độ hài lòng:"), satisfaction_combo())
        self.note = self.add_row(_("Ý kiến của công dân:"), text_box(2))
        self.fee_paid = self.add_row(_("Phí, lệ phí đã thu:"), money_box(row.fee_due))
        self.event_person = QLineEdit()
        self.newborn: QCheckBox | None = None
        self.deceased: QComboBox | None = None
        self.event_date: DateField | None = None
        event = self.offer.event
        if event == CivilEventKind.BIRTH:
            self._build_birth()
        elif event == CivilEventKind.DEATH:
            self._build_death()
        elif event is not None:
            self.event_person.setPlaceholderText(_("để trống: ghi tên người nộp"))
            self.add_row(_("Người được đăng ký ({event}):").format(
                event=label(event).lower()), self.event_person)

    def _build_birth(self) -> None:
        self.event_person.setPlaceholderText(_("họ tên ghi trong giấy khai sinh"))
        self.add_row(_("Họ tên trẻ được khai sinh:"), self.event_person)
        if self.offer.household_id is None:
            return  # the applicant was typed in: no household to add the child to
        self.newborn = QCheckBox(_("Thêm trẻ vào sổ nhân khẩu, {household}").format(
            household=self.offer.household_label))
        self.newborn.setChecked(True)
        self.form.addRow("", self.newborn)
        self.birth_date = self.add_row(_("Ngày sinh:"), DateField())
        self.sex = self.add_row(_("Giới tính:"), SexCombo())
        self.relation = self.add_row(_("Quan hệ với chủ hộ:"), QLineEdit(self.offer.child_relation))
        self.newborn.toggled.connect(self._on_newborn_toggled)

    def _on_newborn_toggled(self, checked: bool) -> None:
        for w in (self.birth_date, self.sex, self.relation):
            w.setEnabled(checked)

    def _build_death(self) -> None:
        self.event_person.setPlaceholderText(_("họ tên ghi trong trích lục khai tử"))
        if self.offer.members:
            self.deceased = QComboBox()
            self.deceased.addItem(_("(không ghi vào sổ nhân khẩu)"), None)
            for m in self.offer.members:
                born = f" ({m.birth_year})" if m.birth_year else ""
                self.deceased.addItem(f"{m.full_name}{born} – {m.relation or '—'}", m.id)
            self.add_row(_("Người mất trong hộ:"), self.deceased)
            self.deceased.currentIndexChanged.connect(self._on_deceased_chosen)
        self.add_row(_("Họ tên người mất:"), self.event_person)
        self.event_date = DateField()
        self.event_date.setToolTip(_("Ngày mất ghi trong trích lục khai tử: sổ nhân khẩu ghi "
                                     "nhận người đã mất, thư chia buồn ghi ngày này."))
        self.add_row(_("Ngày mất:"), self.event_date)

    def _on_deceased_chosen(self, _index: int) -> None:
        member = next((m for m in self.offer.members if m.id == self.deceased.currentData()), None)
        if member is not None:
            self.event_person.setText(member.full_name)

    def values(self) -> dict:
        out = {"returned_to": self.returned_to.text(), "method": self.method.currentText(),
               "satisfaction": self.satisfaction.currentData(),
               "satisfaction_note": self.note.toPlainText(), "fee_paid": self.fee_paid.value(),
               "event_person": self.event_person.text()}
        if self.newborn is not None and self.newborn.isChecked():
            out["newborn"] = ResidentInput(self.event_person.text(), self.sex.value(),
                                           self.birth_date.value(),
                                           relation=self.relation.text())
        if self.deceased is not None and self.deceased.currentData() is not None:
            out["deceased_id"] = self.deceased.currentData()
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
