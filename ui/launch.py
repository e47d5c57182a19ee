"""The desktop program: `commune-desk` (or `python -m ui`) without a command, see ui.main."""

from __future__ import annotations

import sys

from PySide6.QtCore import QLocale
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from app import APP_NAME, APP_TITLE, __version__, paths
from app.database import open_database
from app.errors import DomainError
from app.i18n import _, current_language
from ui.common.errors import MessageBox, install_excepthook, log
from ui.language import apply_stored_language, install_qt_translation
from ui.qt_compat import guard_true_refcount

# first installed family wins; all of them cover Vietnamese
UI_FONTS = ["Segoe UI", "Noto Sans", "Roboto", "DejaVu Sans", "Liberation Sans", "Arial"]
UI_POINT_SIZE = 10


def make_application(argv: list[str] | None = None) -> QApplication:
    QApplication.setApplicationName(APP_NAME)
    QApplication.setApplicationDisplayName(APP_TITLE)
    QApplication.setApplicationVersion(__version__)
    QApplication.setOrganizationName("UBND xã")
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    configure_application(app)
    return app


def configure_application(app: QApplication) -> None:
    if guard_true_refcount():
        log.warning("PySide6 làm mất tham chiếu của True khi phát tín hiệu; đã bật biện pháp tránh lỗi.")
    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    families = set(QFontDatabase.families())
    family = next((f for f in UI_FONTS if f in families), None)
    font = QFont(family) if family else app.font()
    font.setPointSize(UI_POINT_SIZE)
    app.setFont(font)
    # Qt ships no qtbase_vi today; it is loaded when a later Qt (or the bundle) has one
    install_qt_translation(current_language())


def launch(db: str | None = None, demo: bool = False) -> int:
    install_excepthook()  # logging first: configuring the application may already log
    app = make_application()
    # the flow decides when the program ends: between the sign-in window and the main
    # window (or during the demo build) no window may be visible for a moment
    app.setQuitOnLastWindowClosed(False)
    log.info("Khởi động %s %s", APP_NAME, __version__)
    from ui.startup.flow import AppFlow

    if demo:
        flow = AppFlow()
        flow.finished.connect(app.exit)
        from app.demo import demo_target_path

        flow.start_demo(demo_target_path(db))
    else:
        try:
            ctx = open_database(paths.resolve_db_path(db))
        except DomainError as exc:
            MessageBox.error(None, _("Không mở được cơ sở dữ liệu"), exc.message, exc.details)
            return 1
        except Exception:  # a damaged file, a folder without rights …
            sys.excepthook(*sys.exc_info())
            return 1
        apply_stored_language(ctx)  # the demo's language is applied once it is open
        flow = AppFlow(ctx)
        flow.finished.connect(app.exit)
        flow.start()
    return app.exec()
