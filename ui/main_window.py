"""The main window: the registers on the left, the chosen one on the right, menus, status bar."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from app import backup, settings, users
from app.auth import Permission
from app.context import AppContext
from app.errors import DomainError
from app.i18n import N_, _
from app.labels import label
from ui.common import ui_state
from ui.common.errors import MessageBox, show_error
from ui.common.widgets import FilePicker
from ui.common.worker import JobRunner
from ui.desk import controller as desk
from ui.language import MENU_TITLE, LanguageMenu, apply_language
from ui.letters import controller as letters
from ui.petitions import controller as petitions
from ui.registers.calendar import controller as calendar
from ui.registers.households import controller as households
from ui.registers.paper import controller as paper
from ui.registers.procedures import controller as procedures
from ui.registers.profile import controller as profile
from ui.registers.residents import controller as residents
from ui.registers.users import controller as user_register
from ui.registers.users.dialogs import PasswordDialog
from ui.registers.villages import controller as villages


@dataclass(frozen=True)
class Page:
    title: str  # marked with N_: the key of `pages` and `controllers`, shown as _(title)
    build: Callable[[AppContext], tuple[QWidget, object]]
    needs: Permission | None = None


PAGES = [
    # the one-stop desk first: where every account lands after signing in
    Page(N_("Tiếp nhận & trả kết quả"), desk.build, Permission.VIEW_REGISTERS),
    Page(N_("Đơn thư & Tiếp công dân"), petitions.build, Permission.RECEIVE_PETITIONS),
    Page(N_("Thư"), letters.build, Permission.WRITE_LETTERS),
    Page(N_("Hộ gia đình"), households.build),
    Page(N_("Nhân khẩu"), residents.build),
    Page(N_("Thôn"), villages.build),
    Page(N_("Danh mục TTHC"), procedures.build),
    Page(N_("Lịch nghỉ lễ"), calendar.build),
    Page(N_("Tài khoản"), user_register.build, Permission.MANAGE_USERS),
    Page(N_("Thông tin đơn vị"), profile.build),
    Page(N_("In ấn"), paper.build),
]


def window_title(commune: str) -> str:
    if not commune:
        return _("Một cửa thân thiện")
    return _("{app} – UBND xã {commune}").format(app=_("Một cửa thân thiện"), commune=commune)


class MainWindow(QMainWindow):
    logged_out = Signal()
    closed = Signal()
    language_changed = Signal(str)  # saved and switched; the flow rebuilds the window

    def __init__(self, ctx: AppContext, *, is_demo: bool = False):
        super().__init__()
        self.ctx = ctx
        self.is_demo = is_demo
        self.dialog = None
        self.controllers: dict[str, object] = {}
        self.pages: dict[str, QWidget] = {}
        self.nav = QListWidget()
        self.nav.setSpacing(2)
        self.stack = QStackedWidget()
        for page in PAGES:
            if page.needs is not None and not ctx.user.can(page.needs):
                continue  # a clerk never sees the accounts screen
            view, controller = page.build(ctx)
            self.pages[page.title] = view
            self.controllers[page.title] = controller
            self.stack.addWidget(view)
            QListWidgetItem(_(page.title), self.nav)
        widest = max(self.nav.fontMetrics().horizontalAdvance(_(t)) for t in self.pages)
        self.nav.setFixedWidth(widest + 56)
        self.nav.setStyleSheet("QListWidget::item { padding: 6px 8px; }")
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.runner = JobRunner(self)
        self._build_menus()
        self._build_status_bar()
        self.update_title()
        self.resize(QSize(1280, 760))  # when the user restores it from maximised
        self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)
        self._connect_signals()
        self.nav.setCurrentRow(0)

    # -- layout ------------------------------------------------------------------------
    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(_("&Tệp"))
        self.backup_action = QAction(_("&Sao lưu dữ liệu…"), self)
        self.backup_action.setEnabled(self.ctx.user.can(Permission.BACKUP)
                                      and self.ctx.db_path is not None)
        self.quit_action = QAction(_("T&hoát"), self, shortcut=QKeySequence("Ctrl+Q"))
        file_menu.addAction(self.backup_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        account_menu = bar.addMenu(_("Tài &khoản"))
        self.password_action = QAction(_("&Đổi mật khẩu…"), self)
        self.password_action.setEnabled(self.ctx.user.user_id is not None)
        self.logout_action = QAction(_("Đăng &xuất"), self)
        account_menu.addAction(self.password_action)
        account_menu.addAction(self.logout_action)
        self.language_menu = LanguageMenu(bar, self)
        self.page_actions = []
        for i in range(len(self.pages)):
            action = QAction(self, shortcut=QKeySequence(f"Ctrl+{i + 1}"))
            action.setData(i)
            self.addAction(action)
            self.page_actions.append(action)

    def _build_status_bar(self) -> None:
        user = self.ctx.user
        self.user_label = QLabel(_("Đăng nhập: {name} ({username}) – {role}").format(
            name=user.full_name, username=user.username, role=label(user.role)))
        self.statusBar().addWidget(self.user_label)
        place = _("Xã mẫu Quang Trung (dữ liệu thử)") if self.is_demo else (
            str(self.ctx.db_path) if self.ctx.db_path else "")
        self.db_label = QLabel(place)
        self.db_label.setStyleSheet("color: #555;")
        self.statusBar().addPermanentWidget(self.db_label)

    def update_title(self) -> None:
        self.setWindowTitle(window_title(settings.profile(self.ctx).commune_name))

    # -- wiring -------------------------------------------------------------------------
    def _connect_signals(self) -> None:
        self.nav.currentRowChanged.connect(self._on_page_chosen)
        self.backup_action.triggered.connect(self._on_backup_requested)
        self.quit_action.triggered.connect(self.close)
        self.password_action.triggered.connect(self._on_password_requested)
        self.logout_action.triggered.connect(self._on_logout_requested)
        self.language_menu.language_chosen.connect(self._on_language_chosen)
        self.runner.succeeded.connect(self._on_backup_done)
        for action in self.page_actions:
            action.triggered.connect(self._on_page_shortcut)
        if "Thông tin đơn vị" in self.controllers:
            self.controllers["Thông tin đơn vị"].profile_saved.connect(self._on_profile_saved)

    def show_page(self, title: str) -> QWidget:
        self.nav.setCurrentRow(list(self.pages).index(title))
        return self.pages[title]

    def _on_page_chosen(self, row: int) -> None:
        if row < 0:
            return
        self.stack.setCurrentIndex(row)  # a page refreshes itself from what changed (app.changes)

    def _on_page_shortcut(self) -> None:
        self.nav.setCurrentRow(self.sender().data())

    def _on_profile_saved(self, _profile) -> None:
        self.update_title()

    def _on_password_requested(self) -> None:
        user = self.ctx.user
        own = not user.can(Permission.MANAGE_USERS)
        dlg = PasswordDialog(_("Đổi mật khẩu"), self, ask_old=own,
                             who=f"{user.username} – {user.full_name}")
        dlg.submit = lambda d: users.set_password(self.ctx, user.user_id, d["new"], d["old"])
        dlg.saved.connect(self._on_password_changed)
        dlg.finished.connect(dlg.deleteLater)
        self.dialog = dlg
        dlg.open()

    def _on_password_changed(self, _value) -> None:
        MessageBox.inform(self, _("Đổi mật khẩu"), _("Đã đổi mật khẩu. Lần đăng nhập sau hãy "
                                                     "dùng mật khẩu mới."))

    def _on_logout_requested(self) -> None:
        self.logged_out.emit()

    def _runners(self) -> list[JobRunner]:
        names = ("preview_runner", "export_runner", "print_runner")
        return [self.runner] + [r for c in self.controllers.values() for n in names
                                if (r := getattr(c, n, None)) is not None]

    def _on_language_chosen(self, lang: str) -> None:
        """Save the choice, switch, and let the flow build the window again in that language."""
        if any(r.running for r in self._runners()):  # rebuilding would cancel the job
            self.language_menu.show_current()
            MessageBox.inform(self, MENU_TITLE, _("Vui lòng đợi công việc đang chạy xong rồi "
                                                  "đổi ngôn ngữ."))
            return
        try:
            settings.save_language(self.ctx, lang)
        except DomainError as exc:
            self.language_menu.show_current()
            show_error(self, exc)
            return
        apply_language(lang)
        self.language_changed.emit(lang)

    def _on_backup_requested(self) -> None:
        db_path = self.ctx.db_path
        dest = FilePicker.save_backup(self, backup.default_backup_name(Path(db_path)))
        if dest is None:
            return
        self.runner.run(lambda: backup.backup(db_path, dest), _("Đang sao lưu dữ liệu…"))

    def _on_backup_done(self, path) -> None:
        MessageBox.inform(self, _("Sao lưu xong"),
                          _("Đã sao lưu dữ liệu vào tệp:\n{path}").format(path=path))

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        for runner in self._runners():
            if runner.running:
                runner.wait()
        ui_state.flush()  # the columns' widths just dragged
        super().closeEvent(event)
        self.closed.emit()
