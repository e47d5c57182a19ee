"""First start: the commune profile and the first administrator, or the demo commune instead."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QLineEdit, QPushButton, QWidget

from app import settings, setup
from app.context import AppContext
from app.i18n import _
from ui.common.forms import FormDialog
from ui.registers.profile.controller import PLACEHOLDERS
from ui.registers.users.dialogs import password_field


def _section(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


class SetupDialog(FormDialog):
    """Accepted after `setup.initialise` succeeded; `demo_chosen` if the user picked the demo."""

    demo_chosen = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, demo_available: bool = True):
        super().__init__(_("Thiết lập lần đầu – Một cửa thân thiện"), parent,
                         ok_text=_("Bắt đầu sử dụng"))
        self.ctx = ctx
        intro = QLabel(_("Chào mừng! Đây là lần đầu chương trình mở cơ sở dữ liệu này. Hãy nhập "
                         "thông tin của xã và tạo tài khoản quản trị hệ thống đầu tiên. Nếu chỉ "
                         "muốn dùng thử, chọn “Dùng xã mẫu Quang Trung”."))
        intro.setWordWrap(True)
        self.body.insertWidget(0, intro)
        self.form.addRow(_section(_("Thông tin đơn vị")))
        self.profile: dict[str, QLineEdit] = {}
        for key in settings.PROFILE_KEYS:
            edit = QLineEdit(placeholderText=_(PLACEHOLDERS[key]) if key in PLACEHOLDERS else "")
            self.profile[key] = self.add_row(_(settings.OPTIONS[key].label) + ":", edit)
        self.form.addRow(_section(_("Tài khoản quản trị hệ thống")))
        self.username = self.add_row(_("Tên đăng nhập:"),
                                     QLineEdit(placeholderText=_("ví dụ: quantri")))
        self.full_name = self.add_row(_("Họ và tên:"), QLineEdit())
        self.password = self.add_row(_("Mật khẩu:"), password_field())
        self.password_again = self.add_row(_("Nhập lại mật khẩu:"), password_field())
        self.demo_button: QPushButton = self.buttons.addButton(
            _("Dùng xã mẫu Quang Trung"), QDialogButtonBox.ButtonRole.ActionRole)
        self.demo_button.setEnabled(demo_available)
        if not demo_available:
            self.demo_button.setToolTip(_("Phiên bản này chưa có dữ liệu xã mẫu."))
        self.cancel_button.setText(_("Thoát"))
        self.setMinimumWidth(620)
        self.submit = self._initialise
        self.demo_button.clicked.connect(self._on_demo_clicked)

    def values(self) -> dict:
        return {"profile": {k: e.text() for k, e in self.profile.items()},
                "username": self.username.text(), "full_name": self.full_name.text(),
                "password": self.password.text(), "password_again": self.password_again.text()}

    def _initialise(self, v: dict) -> str:
        setup.initialise(self.ctx, v["profile"], username=v["username"],
                         full_name=v["full_name"], password=v["password"],
                         password_again=v["password_again"])
        return v["username"].strip().lower()

    def _on_demo_clicked(self) -> None:
        self.demo_chosen.emit()
        self.done(2)
