"""Errors at two levels: DomainError shown as it is; anything else logged, written, apologised for.

Every modal box goes through `MessageBox` class methods, so tests patch them instead of
clicking boxes that would block the event loop.
"""

from __future__ import annotations

import datetime as dt
import logging
import sys
import traceback
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app import paths
from app.errors import DomainError
from app.i18n import _

log = logging.getLogger("commune_desk")
_LOG_FILE = "commune-desk.log"


class MessageBox:
    """Modal message boxes with our own translated buttons (Qt ships no Vietnamese catalogue)."""

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, text: str, yes: str | None = None,
            no: str | None = None) -> bool:
        yes, no = yes or _("Đồng ý"), no or _("Hủy")
        box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton,
                          parent)
        ok = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel)  # Enter on a confirmation must not deactivate by accident
        box.setEscapeButton(cancel)
        box.exec()
        return box.clickedButton() is ok

    @classmethod
    def inform(cls, parent: QWidget | None, title: str, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, title, text,
                          QMessageBox.StandardButton.NoButton, parent)
        box.addButton(_("Đóng"), QMessageBox.ButtonRole.AcceptRole)
        box.exec()

    @classmethod
    def error(cls, parent: QWidget | None, title: str, text: str, details: str = "") -> None:
        ErrorBox(parent, title, text, details).exec()


class ErrorBox(QDialog):
    """The message as it is, "Sao chép chi tiết" (copies without closing) and "Đóng"."""

    def __init__(self, parent: QWidget | None, title: str, text: str, details: str = ""):
        super().__init__(parent)
        self.setWindowTitle(title)
        self._copy_text = f"{title}\n{text}\n\n{details}".strip()
        icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize, None, self)
        icon.setPixmap(self.style().standardIcon(
            QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(size, size))
        self.message = QLabel(text)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setMinimumWidth(380)
        self.copy_button = QPushButton(_("Sao chép chi tiết"))
        self.close_button = QPushButton(_("Đóng"))
        self.close_button.setDefault(True)
        top = QHBoxLayout()
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.message, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(buttons)
        self.copy_button.clicked.connect(self._on_copy_clicked)
        self.close_button.clicked.connect(self.accept)

    def _on_copy_clicked(self) -> None:
        QApplication.clipboard().setText(self._copy_text)
        self.copy_button.setText(_("Đã sao chép"))


def show_error(parent: QWidget | None, exc: DomainError, title: str | None = None) -> None:
    """An expected failure: its message as it is, details one click away."""
    title = title or _("Không thực hiện được")
    MessageBox.error(parent, title, exc.message, exc.details)


def setup_logging() -> Path:
    path = paths.logs_dir() / _LOG_FILE
    if not any(isinstance(h, logging.FileHandler) and Path(h.baseFilename) == path
               for h in log.handlers):
        handler = logging.FileHandler(path, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)
    return path


def write_crash_file(text: str, now: dt.datetime | None = None) -> Path:
    now = now or dt.datetime.now()
    path = paths.logs_dir() / f"crash-{now:%Y%m%d-%H%M%S}.txt"
    from app import __version__

    header = _("Một cửa thân thiện {version}\nThời điểm: {moment}").format(
        version=__version__, moment=f"{now:%d/%m/%Y %H:%M:%S}") + "\n\n"
    path.write_text(header + text, encoding="utf-8")
    return path


_handling = False


def handle_exception(exc_type, exc, tb) -> None:
    """The one sys.excepthook: a DomainError is shown; anything else is logged and reported."""
    global _handling
    if isinstance(exc, DomainError):
        show_error(QApplication.activeWindow(), exc)
        return
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    text = "".join(traceback.format_exception(exc_type, exc, tb))
    log.error("Lỗi không lường trước:\n%s", text)
    try:
        crash = write_crash_file(text)
    except OSError:
        crash = None
    if _handling:  # an error while showing the dialog: never loop
        sys.__excepthook__(exc_type, exc, tb)
        return
    _handling = True
    try:
        where = ("\n\n" + _("Chi tiết đã được ghi vào tệp:\n{path}").format(path=crash)
                 if crash else "")
        MessageBox.error(
            QApplication.activeWindow(), _("Đã xảy ra lỗi"),
            _("Chương trình gặp lỗi không lường trước; thao tác vừa rồi có thể chưa được thực "
              "hiện. Dữ liệu đã ghi trước đó không bị ảnh hưởng. Vui lòng báo cho quản trị hệ "
              "thống.") + where, text)
    finally:
        _handling = False


def install_excepthook() -> None:
    setup_logging()
    sys.excepthook = handle_exception
