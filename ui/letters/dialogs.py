"""The letters tab's small forms, each opened with a class method `ask`.

`ask(parent, submit, …)` shows the form modally; the OK button calls `submit(values)` (the
service call), a DomainError is shown in the form, which stays open with what was typed. It
returns what `submit` returned, or None when the user cancelled. Tests patch `ask`.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from app.errors import DomainError
from app.i18n import _
from app.l10n import short_date, today
from app.labels import choices
from app.letters.types import DeliveryMethod, LetterRow
from ui.common.forms import FormDialog
from ui.common.widgets import RequiredDateEdit


def required_reason(values: dict) -> str:
    """The reason for a second letter (the service asks for one, and only says so)."""
    reason = values["reason"].strip()
    if not reason:
        raise DomainError(_("Vui lòng ghi lý do gửi thêm thư."))
    return reason


class DeliveryDialog(FormDialog):
    """When and how a letter reached the family; who took it there on a home visit."""

    def __init__(self, row: LetterRow, parent: QWidget | None = None):
        super().__init__(_("Ghi nhận đã giao thư {number}").format(number=row.number_text),
                         parent, ok_text=_("Ghi nhận"))
        about = QLabel(_("{addressee} – thư ngày {day}").format(
            addressee=row.addressee, day=short_date(row.letter_date)))
        about.setWordWrap(True)
        self.form.addRow(about)
        self.day = self.add_row(_("Ngày giao:"), RequiredDateEdit())
        self.day.set_value(row.delivered_at or today())
        self.method = QComboBox()
        for key, text in choices(DeliveryMethod):
            self.method.addItem(text, key)
        self.method.setCurrentIndex(max(self.method.findData(row.delivery_method), 0))
        self.add_row(_("Cách giao:"), self.method)
        self.by = QLineEdit(row.delivered_by)
        self.by.setPlaceholderText(_("Bắt buộc khi đến tận nhà trao"))
        self.by_label = QLabel(_("Người trao:"))
        self.form.addRow(self.by_label, self.by)
        self.method.currentIndexChanged.connect(self._on_method_changed)
        self._on_method_changed()

    def _on_method_changed(self, *_args) -> None:
        home = self.method.currentData() == "home"
        self.by_label.setText(_("Người trao (*):") if home else _("Người trao:"))

    def values(self) -> dict:
        return {"on": self.day.value(), "method": self.method.currentData(),
                "by": self.by.text()}
