"""The procedure form: code, name, field, legal time, fee, documents, sources."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from app.i18n import _
from app.labels import choices
from app.procedures import CivilEventKind, ProcedureInput, ProcedureRow, TimeUnit, short_name
from app.users import UserRow
from ui.common.forms import FormDialog


def _text_box(lines: int, placeholder: str = "") -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)  # Tab moves on, as in every other field
    box.setPlaceholderText(placeholder)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 14)
    return box


class ProcedureDialog(FormDialog):
    """`officers`: the officers who may take its dossiers; `field_officers`: {field: name}, to
    say who takes them when the procedure names no one."""

    def __init__(self, title: str, fields: list[str], parent: QWidget | None = None,
                 row: ProcedureRow | None = None, officers: list[UserRow] = (),
                 field_officers: dict[str, str] | None = None):
        super().__init__(title, parent)
        self.field_officers = field_officers or {}
        self.code = self.add_row(_("Mã thủ tục:"), QLineEdit(placeholderText=_("ví dụ: 1.001193")))
        self.name = self.add_row(_("Tên thủ tục:"), QLineEdit())
        self.short_name = self.add_row(_("Tên ngắn:"), QLineEdit())
        self.short_name.setToolTip(_("Tên hiện trong danh sách hồ sơ; để trống thì dùng tên thủ "
                                     "tục bỏ chữ “Thủ tục”."))
        self.field = QComboBox()
        self.field.setEditable(True)
        self.field.addItems(fields)
        self.field.setCurrentText("")
        self.add_row(_("Lĩnh vực:"), self.field)
        self.officer = QComboBox()
        self.officer.addItem("", None)  # "the field's officer": its text follows the field
        for u in officers:
            self.officer.addItem(f"{u.full_name} – {u.title or u.role_label}", u.id)
        self.add_row(_("Cán bộ phụ trách:"), self.officer)
        self.time_value = self.add_row(_("Thời hạn giải quyết:"), QSpinBox(minimum=0, maximum=365))
        self.time_unit = QComboBox()
        for unit, text in choices(TimeUnit):
            self.time_unit.addItem(text, unit)
        self.add_row(_("Đơn vị thời hạn:"), self.time_unit)
        self.cutoff = self.add_row("", QCheckBox(
            _("Nhận sau 15 giờ thì trả kết quả ngày làm việc tiếp theo")))
        self.time_text = self.add_row(_("Thời hạn theo văn bản:"), _text_box(2))
        self.fee = self.add_row(_("Lệ phí (đồng):"), QLineEdit(
            placeholderText=_("để trống nếu do HĐND tỉnh quy định")))
        self.fee_text = self.add_row(_("Ghi chú lệ phí:"), _text_box(2))
        self.online_level = self.add_row(_("Mức độ trực tuyến:"), QLineEdit())
        self.civil_event = QComboBox()
        self.civil_event.addItem(_("(không)"), None)
        for event, text in choices(CivilEventKind):
            self.civil_event.addItem(text, event)
        self.add_row(_("Sự kiện hộ tịch:"), self.civil_event)
        self.documents = self.add_row(_("Thành phần hồ sơ:"),
                                      _text_box(5, _("mỗi dòng một giấy tờ")))
        self.legal_basis = self.add_row(_("Căn cứ, nguồn:"), _text_box(2))
        self.resize(780, self.sizeHint().height())
        self.name.textChanged.connect(self._on_name_edited)
        self.field.currentTextChanged.connect(self._on_field_edited)
        if row is not None:
            self._fill(row)
        self._on_name_edited(self.name.text())
        self._on_field_edited(self.field.currentText())

    def _on_name_edited(self, text: str) -> None:
        self.short_name.setPlaceholderText(short_name(text))

    def _on_field_edited(self, field: str) -> None:
        who = self.field_officers.get(field.strip())
        self.officer.setItemText(0, _("(theo lĩnh vực: {name})").format(name=who) if who
                                 else _("(theo lĩnh vực: chưa có cán bộ phụ trách)"))

    def _fill(self, row: ProcedureRow) -> None:
        self.code.setText(row.code)
        self.name.setText(row.name)
        self.short_name.setText(row.own_short_name)
        self.field.setCurrentText(row.field)
        self.officer.setCurrentIndex(max(self.officer.findData(row.officer_id), 0))
        self.time_value.setValue(row.time_value)
        self.time_unit.setCurrentIndex(self.time_unit.findData(row.time_unit))
        self.cutoff.setChecked(row.cutoff_1500)
        self.time_text.setPlainText(row.time_text)
        self.fee.setText("" if row.fee_vnd is None else str(row.fee_vnd))
        self.fee_text.setPlainText(row.fee_text)
        self.online_level.setText(row.online_level)
        self.civil_event.setCurrentIndex(max(self.civil_event.findData(row.civil_event), 0))
        self.documents.setPlainText("\n".join(row.documents))
        self.legal_basis.setPlainText(row.legal_basis)

    def values(self) -> ProcedureInput:
        return ProcedureInput(
            code=self.code.text(), name=self.name.text(), field=self.field.currentText(),
            time_value=self.time_value.value(), time_unit=self.time_unit.currentData(),
            cutoff_1500=self.cutoff.isChecked(), fee_vnd=self.fee.text().strip() or None,
            fee_text=self.fee_text.toPlainText(), online_level=self.online_level.text(),
            civil_event=self.civil_event.currentData(),
            documents=self.documents.toPlainText().splitlines(),
            time_text=self.time_text.toPlainText(), legal_basis=self.legal_basis.toPlainText(),
            short_name=self.short_name.text(), officer_id=self.officer.currentData(),
        )
