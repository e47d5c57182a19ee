"""The Qt part of `python -m app --selftest`: can this installation make a window?"""

from __future__ import annotations

import sys

from PySide6 import QtCore
from PySide6.QtWidgets import QApplication, QLabel

from app.i18n import _

# Kept here so the application outlives the check (Qt wants one per process; tests running
# inside pytest-qt already have theirs).
_keep_alive: list[QApplication] = []


def check_widget(text: str, failure: type[Exception]) -> str:
    """Show a label with Vietnamese `text`; raise `failure` with a Vietnamese reason if it fails."""
    app = QApplication.instance()
    if app is None:
        app = QApplication([sys.argv[0] if sys.argv else "commune-desk"])
        _keep_alive.append(app)
    label = QLabel(text)
    try:
        label.resize(400, 40)
        label.show()
        app.processEvents()
        if label.text() != text:
            raise failure(_("Qt không giữ nguyên chữ tiếng Việt trong cửa sổ thử."))
        if label.width() <= 0:
            raise failure(_("Qt không tạo được cửa sổ thử."))
    finally:
        label.close()
        label.deleteLater()
    return _("Qt {version} ({platform}): tạo được cửa sổ").format(
        version=QtCore.qVersion(), platform=app.platformName())
