"""Thông tin đơn vị: the commune profile printed on every paper. Admin edits; others view."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import settings
from app.auth import Permission
from app.context import AppContext
from app.errors import DomainError
from app.i18n import N_, _
from ui.common.widgets import ErrorLabel, page_heading

# marked with N_, shown with _()
PLACEHOLDERS = {
    "commune_name": N_("ví dụ: Quang Trung (không ghi chữ “xã”)"),
    "province": N_("ví dụ: Thanh Hóa"),
    "parent_unit": N_("ví dụ: UBND tỉnh Thanh Hóa"),
    "place_name": N_("ví dụ: Quang Trung"),
    "agency_id": N_("ví dụ: 000.17.22.H56"),
    "chairman_name": N_("họ tên đầy đủ"),
    "office_morning": N_("ví dụ: 07:30-11:30"),
    "office_afternoon": N_("ví dụ: 13:30-17:00"),
    "cutoff_time": N_("ví dụ: 15:00"),
}


class ProfileView(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        heading = page_heading(_("Thông tin đơn vị"))
        self.note = QLabel(_("Các thông tin này được in trên phiếu hẹn, thư và báo cáo."))
        self.note.setWordWrap(True)
        self.fields: dict[str, QLineEdit] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for key in settings.EDITABLE_KEYS:
            edit = QLineEdit(placeholderText=_(PLACEHOLDERS[key]) if key in PLACEHOLDERS else "")
            self.fields[key] = edit
            form.addRow(_(settings.OPTIONS[key].label) + ":", edit)
        self.error = ErrorLabel()
        self.saved_label = QLabel()
        self.saved_label.setStyleSheet("color: #1b5e20;")
        self.save_button = QPushButton(_("Lưu thông tin"))
        self.reset_button = QPushButton(_("Hoàn tác"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.reset_button)
        buttons.addWidget(self.saved_label)
        buttons.addStretch(1)
        box = QWidget()
        box.setMaximumWidth(760)
        inner = QVBoxLayout(box)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addLayout(form)
        inner.addWidget(self.error)
        inner.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.note)
        layout.addWidget(box)
        layout.addStretch(1)


class ProfileController(QObject):
    profile_saved = Signal(object)  # the CommuneProfile

    def __init__(self, view: ProfileView, ctx: AppContext):
        super().__init__(view)
        self.view = view
        self.ctx = ctx
        self.can_edit = ctx.actor.can(Permission.EDIT_PROFILE)
        self._save_shortcut = QShortcut(QKeySequence.StandardKey.Save, view)
        for edit in view.fields.values():
            edit.setReadOnly(not self.can_edit)
        view.save_button.setVisible(self.can_edit)
        view.reset_button.setVisible(self.can_edit)
        if not self.can_edit:
            view.note.setText(view.note.text() + " " + _("Chỉ quản trị hệ thống được sửa."))
        self._connect_signals()
        self.refresh()

    def _connect_signals(self) -> None:
        self.view.save_button.clicked.connect(self._on_save_clicked)
        self.view.reset_button.clicked.connect(self.refresh)
        self._save_shortcut.activated.connect(self._on_save_clicked)
        for edit in self.view.fields.values():
            edit.textEdited.connect(self._on_text_edited)
            edit.returnPressed.connect(self._on_save_clicked)

    def refresh(self) -> None:
        current = settings.read_all(self.ctx)
        for key, edit in self.view.fields.items():
            edit.setText(str(current[key]))
        self.view.error.clear_message()
        self.view.saved_label.clear()

    def _on_text_edited(self, _text: str) -> None:
        self.view.saved_label.clear()

    def _on_save_clicked(self) -> None:
        if not self.can_edit:
            return
        self.view.error.clear_message()
        values = {k: e.text() for k, e in self.view.fields.items()}
        try:
            profile = settings.save_profile(self.ctx, values)
        except DomainError as exc:
            self.view.error.show_message(exc.message)
            return
        self.refresh()
        self.view.saved_label.setText(_("Đã lưu."))
        self.profile_saved.emit(profile)


def build(ctx: AppContext) -> tuple[ProfileView, ProfileController]:
    view = ProfileView()
    return view, ProfileController(view, ctx)
