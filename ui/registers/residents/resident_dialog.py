"""The resident form: name, sex, birth date, CCCD, phone, relation to the head."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from app.i18n import _
from app.resident_lists import ResidentRow
from app.residents import HEAD_RELATION, ResidentInput
from ui.common.forms import FormDialog
from ui.common.widgets import DateField, SexCombo

# stored as typed (the register and the Excel files keep these words): not translated
RELATIONS = ["Vợ", "Chồng", "Con", "Cha", "Mẹ", "Ông", "Bà", "Cháu", "Anh", "Chị", "Em",
             "Con dâu", "Con rể", "Người ở nhờ"]


class ResidentDialog(FormDialog):
    """Collects a ResidentInput; the controller's `submit` validates or saves it."""

    def __init__(self, title: str, parent: QWidget | None = None, *, is_head: bool = False,
                 household_label: str = ""):
        super().__init__(title, parent)
        if household_label:
            self.add_row(_("Hộ gia đình:"), QLineEdit(household_label, readOnly=True))
        self.full_name = self.add_row(_("Họ và tên:"), QLineEdit())
        self.full_name.setPlaceholderText(_("ví dụ: Nguyễn Văn Thắng"))
        self.sex = self.add_row(_("Giới tính:"), SexCombo())
        self.birth_date = self.add_row(_("Ngày sinh:"), DateField())
        self.cccd = self.add_row(_("Số CCCD:"), QLineEdit())
        self.cccd.setPlaceholderText(_("12 chữ số"))
        self.cccd.setMaxLength(16)
        self.phone = self.add_row(_("Số điện thoại:"), QLineEdit())
        self.relation = QComboBox()
        self.relation.setEditable(True)
        self.relation.addItems(RELATIONS)
        self.relation.setCurrentText("")
        self.add_row(_("Quan hệ với chủ hộ:"), self.relation)
        self.note = self.add_row(_("Ghi chú:"), QLineEdit())
        if is_head:
            self.relation.setCurrentText(HEAD_RELATION)
            self.relation.setEnabled(False)

    def fill(self, row: ResidentRow | ResidentInput) -> None:
        self.full_name.setText(row.full_name)
        self.sex.set_value(row.sex)
        bd = row.birth_date
        if isinstance(bd, str):
            self.birth_date.setText(bd)
        else:
            self.birth_date.set_date(bd)
        self.cccd.setText(row.cccd or "")
        self.phone.setText(row.phone or "")
        if self.relation.isEnabled():
            self.relation.setCurrentText(row.relation)
        self.note.setText(row.note)

    def values(self) -> ResidentInput:
        return ResidentInput(
            full_name=self.full_name.text(), sex=self.sex.value(),
            birth_date=self.birth_date.value(), cccd=self.cccd.text() or None,
            phone=self.phone.text() or None, relation=self.relation.currentText(),
            note=self.note.text(),
        )
