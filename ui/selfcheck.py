"""The Qt part of `commune-desk --selftest`: can this installation make a window?

ui.main passes `check_qt` to app.selftest as an extra check; PySide6 is imported only when
it runs, so a broken Qt installation is a failed line of the self-test, not a crash.
"""

from __future__ import annotations

import os
import sys

from app.i18n import _
from app.selftest import MOTTO, SelftestFailure

# Kept here so the application outlives the check (Qt wants one per process; tests running
# inside pytest-qt already have theirs).
_keep_alive: list = []


def check_qt() -> str:
    """Show a label with Vietnamese text; raise SelftestFailure with the reason if it fails."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        from PySide6 import QtCore
        from PySide6.QtWidgets import QApplication, QLabel
    except ImportError as exc:
        raise SelftestFailure(
            _("không nạp được thư viện Qt (PySide6): {error}").format(error=exc)) from exc
    app = QApplication.instance()
    if app is None:
        app = QApplication([sys.argv[0] if sys.argv else "commune-desk"])
        _keep_alive.append(app)
    label = QLabel(MOTTO)
    try:
        label.resize(400, 40)
        label.show()
        app.processEvents()
        if label.text() != MOTTO:
            raise SelftestFailure(_("Qt không giữ nguyên chữ tiếng Việt trong cửa sổ thử."))
        if label.width() <= 0:
            raise SelftestFailure(_("Qt không tạo được cửa sổ thử."))
    finally:
        label.close()
        label.deleteLater()
    return _("Qt {version} ({platform}): tạo được cửa sổ").format(
        version=QtCore.qVersion(), platform=app.platformName())
