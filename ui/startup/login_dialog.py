"""Sign-in: username, password, Enter signs in; the reason shown when it fails."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from app import settings, users
from app.auth import CurrentUser
from app.context import AppContext
from app.i18n import _
from ui.common.forms import FormDialog
from ui.registers.users.dialogs import password_field

DEMO_PASSWORD = "quangtrung"  # app.demo.DEMO_PASSWORD; kept here so the hint never needs it


class LoginDialog(FormDialog):
    logged_in = Signal(object)  # the CurrentUser

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, username: str = "",
                 demo_accounts: list[str] | None = None):
        super().__init__(_("Đăng nhập – Một cửa thân thiện"), parent, ok_text=_("Đăng nhập"))
        self.ctx = ctx
        commune = settings.profile(ctx).commune_name
        heading = QLabel("<b>{}</b>".format(_("UBND xã {commune}").format(commune=commune)
                                            if commune else _("Một cửa thân thiện")))
        self.body.insertWidget(0, heading)
        self.username = self.add_row(_("Tên đăng nhập:"), QLineEdit(username))
        self.password = self.add_row(_("Mật khẩu:"), password_field())
        self.cancel_button.setText(_("Thoát"))
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("background: #fff8e1; border: 1px solid #e0c060; padding: 6px;")
        if demo_accounts:
            self.hint.setText(
                _("Đây là dữ liệu mẫu của xã Quang Trung. Các tài khoản dùng thử: {accounts}; "
                  "mật khẩu chung: {password}.").format(
                    accounts=", ".join(demo_accounts), password=f"<b>{DEMO_PASSWORD}</b>"))
        self.hint.setVisible(bool(demo_accounts))
        self.body.insertWidget(self.body.count() - 1, self.hint)
        self.setMinimumWidth(420)
        self.submit = self._authenticate
        self.saved.connect(self.logged_in)
        self.initial_focus = self.password if username else self.username

    def values(self) -> tuple[str, str]:
        return self.username.text(), self.password.text()

    def _authenticate(self, v: tuple[str, str]) -> CurrentUser:
        return users.authenticate(self.ctx, *v)

    def _on_ok_clicked(self) -> None:
        self.result_value = None
        super()._on_ok_clicked()
        if self.result_value is None:  # refused: type the password again
            self.password.clear()
            self.password.setFocus()
