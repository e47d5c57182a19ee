"""The demo commune (xã mẫu Quang Trung): opened from --demo or the first-start dialog.

`app.demo.ensure_demo_database` opens the file and, when it is still empty, hands back the
build job, which runs here behind the progress dialog (Cancel leaves the file empty).
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from app import settings, users
from app.context import AppContext
from app.errors import DomainError
from app.i18n import _
from ui.common.errors import show_error
from ui.common.worker import JobRunner


def demo_available() -> bool:
    return importlib.util.find_spec("app.demo") is not None


def is_demo(ctx: AppContext) -> bool:
    return bool(settings.read_all(ctx).get("is_demo"))


def demo_accounts(ctx: AppContext) -> list[str]:
    """Usernames to show on the sign-in window of the demo database."""
    if demo_available():
        demo = importlib.import_module("app.demo")
        return [username for username, *_ in demo.STAFF]
    return [u.username for u in users.list_users(ctx, include_inactive=False)]


def demo_password() -> str:
    return importlib.import_module("app.demo").DEMO_PASSWORD if demo_available() else ""


class DemoOpener(QObject):
    """Opens the demo database, building it first (with progress) when it is new."""

    opened = Signal(object)  # the AppContext
    failed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.runner = JobRunner(parent, show_errors=False)
        self.ctx: AppContext | None = None
        self.runner.succeeded.connect(self._on_built)
        self.runner.failed.connect(self._on_build_failed)
        self.runner.cancelled.connect(self.failed)

    def start(self, path: Path | None = None) -> None:
        """`path` None: the demo file of the user data folder (or $COMMUNE_DESK_DB)."""
        try:
            demo = importlib.import_module("app.demo")
            self.ctx, job = demo.ensure_demo_database(path)
        except ImportError:
            show_error(None, DomainError(_("Phiên bản này chưa có dữ liệu xã mẫu.")))
            self.failed.emit()
            return
        except DomainError as exc:
            show_error(None, exc, _("Không mở được xã mẫu"))
            self.failed.emit()
            return
        if job is None:
            self.opened.emit(self.ctx)
            return
        self.runner.start(lambda: job, _("Đang tạo dữ liệu xã mẫu Quang Trung (chỉ lần đầu)…"))

    def _on_built(self, _summary) -> None:
        self.opened.emit(self.ctx)

    def _on_build_failed(self, exc) -> None:
        if isinstance(exc, DomainError):
            show_error(None, exc, _("Không tạo được xã mẫu"))
        else:
            sys.excepthook(type(exc), exc, exc.__traceback__)
        self.failed.emit()
