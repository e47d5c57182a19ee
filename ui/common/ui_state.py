"""What the window remembers for each user from one day to the next: the columns' widths.

Kept apart from the database (it is this computer's screen, not the commune's data) in a
small ini file in the data folder, one entry per user name and table:
`columns/<user>/<table> = 120,300,96,…`. Widths are restored when the table is first shown
(after the screen has set its defaults) and kept as soon as the user resizes a column;
the file is written a moment after the drag, or when the window closes (`flush`).
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtWidgets import QHeaderView, QTableView

from app import paths
from app.context import AppContext

STATE_FILE = "ui-state.ini"
SAVE_DELAY_MS = 400  # a drag resizes a column many times a second: write once it stops

_stores: dict[Path, QSettings] = {}


def state_path() -> Path:
    return paths.data_dir() / STATE_FILE


def _store() -> QSettings:
    """One QSettings per file (the data folder may change between tests)."""
    path = state_path()
    if path not in _stores:
        _stores[path] = QSettings(str(path), QSettings.Format.IniFormat)
    return _stores[path]


def flush() -> None:
    """Write what is pending (the window closes)."""
    for store in _stores.values():
        store.sync()


def _key(username: str, table: str) -> str:
    user = re.sub(r"[^0-9A-Za-z_.-]", "_", username) or "_"
    return f"columns/{user}/{table}"


def saved_widths(username: str, table: str) -> list[int]:
    value = _store().value(_key(username, table))
    if isinstance(value, list):  # QSettings reads "1,2,3" back as a list of strings
        value = ",".join(value)
    try:
        return [int(w) for w in str(value or "").split(",") if w.strip()]
    except ValueError:  # a file edited by hand
        return []


class ColumnWidths(QObject):
    """Remembers the widths of `table`'s columns for the signed-in user, under `name`.

    Only columns the user may drag (Interactive) are restored: a stretched column takes
    what the window leaves, whatever it was."""

    def __init__(self, table: QTableView, ctx: AppContext, name: str):
        super().__init__(table)
        self.table = table
        self.username = ctx.user.username
        self.name = name
        self.restored = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(flush)
        self.table.horizontalHeader().sectionResized.connect(self._on_section_resized)
        if table.isVisible():
            self.restore()
        else:
            table.installEventFilter(self)

    @property
    def header(self) -> QHeaderView:
        return self.table.horizontalHeader()

    def widths(self) -> list[int]:
        return [self.header.sectionSize(i) for i in range(self.header.count())]

    def _draggable(self, section: int) -> bool:
        return self.header.sectionResizeMode(section) == QHeaderView.ResizeMode.Interactive

    def restore(self) -> bool:
        """The user's widths over the screen's defaults; False when there are none (or the
        table has other columns now)."""
        widths = saved_widths(self.username, self.name)
        found = len(widths) == self.header.count()
        if found:
            for section, width in enumerate(widths):
                if width > 0 and self._draggable(section):
                    self.header.resizeSection(section, width)
        self.restored = True
        return found

    def keep(self) -> None:
        """Note the widths as they are now; written a moment later (or by `flush`)."""
        _store().setValue(_key(self.username, self.name), ",".join(map(str, self.widths())))
        self._timer.start()

    def _on_section_resized(self, section: int, _old: int, _new: int) -> None:
        # the screen's defaults (before the first show) and a stretched column that follows
        # the window are not the user's choice
        if self.restored and self._draggable(section):
            self.keep()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if watched is self.table and event.type() == QEvent.Type.Show and not self.restored:
            self.table.removeEventFilter(self)
            self.restore()
        return False
