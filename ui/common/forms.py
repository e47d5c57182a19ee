"""The edit dialog every screen uses: a QFormLayout, an inline error, Lưu / Hủy; and the
one-reason form built on it (a refusal, a withdrawal, a letter not sent).

The dialog collects values; the controller gives it a `submit` callable that calls the
service. A DomainError is shown inline and the dialog stays open with what was typed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import DomainError
from app.i18n import _
from ui.common.widgets import ErrorLabel, tidy_tab_order


class FormDialog(QDialog):
    """Subclasses add rows to `self.form` and implement `values()`."""

    saved = Signal(object)  # what submit returned (an id, a row …)

    def __init__(self, title: str, parent: QWidget | None = None, ok_text: str | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.submit: Callable[[Any], Any] | None = None
        self.initial_focus: QWidget | None = None  # default: the first field
        self._tab_order_done = False
        self.result_value: Any = None
        self.error = ErrorLabel()
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.buttons = QDialogButtonBox()
        self.ok_button: QPushButton = self.buttons.addButton(
            ok_text or _("Lưu"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button: QPushButton = self.buttons.addButton(
            _("Hủy"), QDialogButtonBox.ButtonRole.RejectRole)
        self.ok_button.setDefault(True)
        self.body = QVBoxLayout(self)
        self.body.addLayout(self.form)
        self.body.addWidget(self.error)
        self.body.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self.buttons.accepted.connect(self._on_ok_clicked)
        self.buttons.rejected.connect(self.reject)

    @classmethod
    def ask(cls, parent: QWidget | None, submit: Callable[[Any], Any], **kwargs: Any) -> Any:
        """Open the dialog modally; what `submit(values)` returned once it accepted it, or
        None when cancelled. Tests patch this class method instead of clicking."""
        dlg = cls(parent=parent, **kwargs)
        dlg.submit = submit
        accepted = dlg.exec() == QDialog.DialogCode.Accepted
        result = dlg.result_value if accepted else None
        dlg.deleteLater()
        return result

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if not self._tab_order_done:
            self._tab_order_done = True
            chain = tidy_tab_order(self)
            fields = [w for w in chain if w not in self.buttons.buttons()]
            target = self.initial_focus or (fields[0] if fields else None)
            if target is not None:
                target.setFocus()

    def add_row(self, label: str, widget: QWidget) -> QWidget:
        self.form.addRow(QLabel(label), widget)
        return widget

    def values(self) -> Any:
        raise NotImplementedError

    def set_read_only(self) -> None:
        """For a role that may only look: text stays readable and selectable, only “Đóng”."""
        for w in self.findChildren(QWidget):
            if isinstance(w, QLineEdit | QPlainTextEdit):
                w.setReadOnly(True)
            elif isinstance(w, QComboBox | QAbstractSpinBox | QCheckBox):
                w.setEnabled(False)
        self.ok_button.hide()
        self.cancel_button.setText(_("Đóng"))
        # TRANSLATORS: "Sửa" and "Xem" are replaced in titles such as "Sửa hộ gia đình"
        self.setWindowTitle(self.windowTitle().replace(_("Sửa"), _("Xem")))

    def _on_ok_clicked(self) -> None:
        self.error.clear_message()
        try:
            values = self.values()
            self.result_value = self.submit(values) if self.submit else values
        except DomainError as exc:  # PermissionDenied too: shown where the user looks
            self.error.show_message(exc.message)
            return
        self.saved.emit(self.result_value)
        self.accept()


def text_box(lines: int = 3) -> QPlainTextEdit:
    """A few lines of free text in a form; Tab leaves it for the next field."""
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 14)
    return box


class ReasonDialog(FormDialog):
    """One reason: a refusal (Mẫu 03), a withdrawal; why a letter owed is not sent, or why a
    second one is (`prompt`: what the reason is asked about, above it)."""

    def __init__(self, title: str, label: str, ok_text: str, parent: QWidget | None = None,
                 prompt: str = ""):
        super().__init__(title, parent, ok_text=ok_text)
        if prompt:
            note = QLabel(prompt)
            note.setWordWrap(True)
            self.form.addRow(note)
        self.reason = self.add_row(label, text_box(4))

    def values(self) -> dict:
        return {"reason": self.reason.toPlainText()}
