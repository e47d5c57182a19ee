"""Account forms: a new account, editing one, and passwords (reset by admin, changed by oneself)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from app.auth import Role
from app.errors import DomainError
from app.i18n import _
from app.labels import choices
from app.users import UserRow
from ui.common.forms import FormDialog


def password_field() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


def same_twice(first: str, second: str) -> str:
    if first != second:
        raise DomainError(_("Hai lần nhập mật khẩu không khớp nhau."), field="password")
    return first


class UserDialog(FormDialog):
    def __init__(self, title: str, parent: QWidget | None = None, row: UserRow | None = None):
        super().__init__(title, parent)
        self.username = self.add_row(_("Tên đăng nhập:"),
                                     QLineEdit(placeholderText=_("ví dụ: hoa.nt")))
        self.full_name = self.add_row(_("Họ và tên:"), QLineEdit())
        self.title_edit = self.add_row(_("Chức danh:"), QLineEdit(
            placeholderText=_("ví dụ: Công chức Tư pháp - Hộ tịch")))
        self.role = QComboBox()
        for role, text in choices(Role):
            self.role.addItem(text, role)
        self.add_row(_("Vai trò:"), self.role)
        self.password = self.password_again = None
        if row is None:
            self.password = self.add_row(_("Mật khẩu:"), password_field())
            self.password_again = self.add_row(_("Nhập lại mật khẩu:"), password_field())
        else:
            self.username.setText(row.username)
            self.username.setReadOnly(True)
            self.full_name.setText(row.full_name)
            self.title_edit.setText(row.title)
            self.role.setCurrentIndex(self.role.findData(row.role))

    def values(self) -> dict:
        data = {"username": self.username.text(), "full_name": self.full_name.text(),
                "title": self.title_edit.text(), "role": self.role.currentData()}
        if self.password is not None:
            data["password"] = same_twice(self.password.text(), self.password_again.text())
        return data


class PasswordDialog(FormDialog):
    """New password twice; with `ask_old`, the current one first (a user changing their own)."""

    def __init__(self, title: str, parent: QWidget | None = None, *, ask_old: bool,
                 who: str = ""):
        super().__init__(title, parent, ok_text=_("Đổi mật khẩu"))
        if who:
            self.add_row(_("Tài khoản:"), QLineEdit(who, readOnly=True))
        self.old = self.add_row(_("Mật khẩu hiện tại:"), password_field()) if ask_old else None
        self.new = self.add_row(_("Mật khẩu mới:"), password_field())
        self.again = self.add_row(_("Nhập lại mật khẩu mới:"), password_field())

    def values(self) -> dict:
        return {"old": self.old.text() if self.old is not None else None,
                "new": same_twice(self.new.text(), self.again.text())}
