"""Staff accounts (tài khoản cán bộ): admin only. Add, edit, reset a password, lock, unlock."""

from __future__ import annotations

from app import users
from app.auth import Permission
from app.changes import Topic
from app.context import AppContext
from app.i18n import N_, _
from app.users import UserRow
from ui.common.models import Column, ListTableModel
from ui.registers.common.controller import RegisterController
from ui.registers.common.view import RegisterView
from ui.registers.users.dialogs import PasswordDialog, UserDialog

COLUMNS = [
    Column(N_("Tên đăng nhập"), lambda u: u.username),
    Column(N_("Họ và tên"), lambda u: u.full_name),
    Column(N_("Chức danh"), lambda u: u.title, tooltip=True),
    Column(N_("Vai trò"), lambda u: u.role_label),
    Column(N_("Trạng thái"), lambda u: _("Đang hoạt động") if u.active else _("Đã khóa")),
    Column(N_("Đăng nhập lần cuối"),
           lambda u: u.last_login_at.strftime("%H:%M %d/%m/%Y") if u.last_login_at else _("Chưa")),
]


class UsersController(RegisterController):
    unit = N_("tài khoản")
    topics = frozenset({Topic.USERS})
    table_name = "accounts"
    deactivate_verb = N_("Khóa tài khoản")
    activate_verb = N_("Mở khóa")

    def __init__(self, view: RegisterView, ctx: AppContext):
        super().__init__(view, ctx, ListTableModel(COLUMNS, view))
        self.can_edit = ctx.user.can(Permission.MANAGE_USERS)
        self.add_button = view.add_button(_("Thêm tài khoản"), _("Thêm tài khoản cán bộ (Ctrl+N)"))
        self.edit_button = view.add_button(_("Sửa…"), _("Sửa tài khoản đang chọn (Enter)"))
        self.password_button = view.add_button(_("Đặt lại mật khẩu…"))
        self.toggle_button = view.add_button(_("Khóa tài khoản"))
        view.set_column_widths([14, 22, 30, 31, 14, 17], stretch=2)
        self._connect_signals()
        self.reload()

    def _connect_signals(self) -> None:
        super()._connect_signals()
        self.password_button.clicked.connect(self._on_password_requested)

    def query(self) -> list[UserRow]:
        return users.list_users(self.ctx, self.view.search.text())

    def describe(self, row: UserRow) -> str:
        return _("tài khoản {username} ({name})").format(username=row.username, name=row.full_name)

    def set_active(self, item_id: int, active: bool) -> None:
        users.set_user_active(self.ctx, item_id, active)

    def _update_buttons(self) -> None:
        super()._update_buttons()
        self.password_button.setEnabled(self.can_edit and self.selected_row() is not None)

    def _on_add_requested(self) -> None:
        dlg = UserDialog(_("Thêm tài khoản"), self.view)
        dlg.submit = lambda d: users.create_user(self.ctx, d["username"], d["full_name"],
                                                 d["role"], d["password"], d["title"])
        self.open_dialog(dlg)

    def _on_edit_requested(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        dlg = UserDialog(_("Sửa tài khoản"), self.view, row)

        def save(d: dict) -> int:
            users.update_user(self.ctx, row.id, full_name=d["full_name"], title=d["title"],
                              role=d["role"])
            return row.id
        dlg.submit = save
        self.open_dialog(dlg)

    def _on_password_requested(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        dlg = PasswordDialog(_("Đặt lại mật khẩu"), self.view, ask_old=False,
                             who=f"{row.username} – {row.full_name}")

        def save(d: dict) -> int:
            users.set_password(self.ctx, row.id, d["new"])
            return row.id
        dlg.submit = save
        self.open_dialog(dlg)


def build(ctx: AppContext) -> tuple[RegisterView, UsersController]:
    view = RegisterView(_("Tài khoản cán bộ"), _("Tìm theo họ tên, tên đăng nhập, chức danh…"))
    return view, UsersController(view, ctx)
