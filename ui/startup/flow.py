"""The way from start to work: setup (or the demo) → sign-in → main window → sign-out → sign-in.

A language switch in the main window rebuilds the main window in place (same account).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from app import paths, setup
from app.auth import CurrentUser
from app.context import AppContext
from ui.language import apply_stored_language
from ui.main_window import MainWindow
from ui.startup.demo import DemoOpener, demo_accounts, demo_available, is_demo
from ui.startup.login_dialog import LoginDialog
from ui.startup.setup_dialog import SetupDialog


class AppFlow(QObject):
    """Drives the top-level windows without blocking; `finished(code)` ends the program."""

    finished = Signal(int)
    window_shown = Signal(object)  # the MainWindow

    def __init__(self, ctx: AppContext | None = None):
        super().__init__()
        self.ctx = ctx
        self.setup_dialog: SetupDialog | None = None
        self.login_dialog: LoginDialog | None = None
        self.window: MainWindow | None = None
        self.demo = DemoOpener(None)
        self.demo.opened.connect(self._on_demo_opened)
        self.demo.failed.connect(self._on_demo_failed)

    def start(self) -> None:
        if setup.needs_setup(self.ctx):
            self._show_setup()
        else:
            self.show_login()

    def start_demo(self, path=None) -> None:
        self.demo.start(path)

    # -- first start ---------------------------------------------------------------------
    def _show_setup(self) -> None:
        dlg = SetupDialog(self.ctx, demo_available=demo_available())
        dlg.saved.connect(self._on_setup_done)
        dlg.demo_chosen.connect(self._on_demo_chosen)
        dlg.rejected.connect(self._on_cancelled)
        self.setup_dialog = dlg
        dlg.show()

    def _on_setup_done(self, username: str) -> None:
        self.show_login(username)

    def _on_demo_chosen(self) -> None:
        # always the demo file of the data folder: never fill the database chosen with --db
        self.start_demo(paths.demo_db_path())

    def _on_demo_opened(self, ctx: AppContext) -> None:
        self.ctx = ctx
        apply_stored_language(ctx)
        self.show_login()

    def _on_demo_failed(self) -> None:
        if self.ctx is not None and setup.needs_setup(self.ctx):
            self._show_setup()
        else:
            self.finished.emit(1)

    # -- sign-in -------------------------------------------------------------------------
    def show_login(self, username: str = "") -> None:
        demo = is_demo(self.ctx)
        dlg = LoginDialog(self.ctx, username=username,
                          demo_accounts=demo_accounts(self.ctx) if demo else None)
        dlg.logged_in.connect(self._on_logged_in)
        dlg.rejected.connect(self._on_cancelled)
        self.login_dialog = dlg
        dlg.show()
        if self.window is not None:
            window, self.window = self.window, None
            window.closed.disconnect(self._on_window_closed)
            window.close()
            window.deleteLater()

    def _on_logged_in(self, user: CurrentUser) -> None:
        self._show_window(self.ctx.as_user(user))

    def _show_window(self, ctx: AppContext) -> None:
        self.window = MainWindow(ctx, is_demo=is_demo(self.ctx))
        self.window.logged_out.connect(self._on_logged_out)
        self.window.closed.connect(self._on_window_closed)
        self.window.language_changed.connect(self._on_language_changed)
        self.window.showMaximized()  # office screens are often 1366×768
        self.window_shown.emit(self.window)

    def _on_language_changed(self, _lang: str) -> None:
        """Texts are taken when widgets are built: build the main window again, same account."""
        old = self.window
        old.closed.disconnect(self._on_window_closed)
        self._show_window(old.ctx)
        old.close()
        old.deleteLater()

    def _on_logged_out(self) -> None:
        self.show_login()  # the next person at this desk types their own name: the field is empty

    def _on_window_closed(self) -> None:
        self.finished.emit(0)

    def _on_cancelled(self) -> None:
        self.finished.emit(0)
