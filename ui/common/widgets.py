"""Small widgets every screen uses: debounced search box, date field, inline error, file picker."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QWidget,
)

from app.i18n import N_, _
from app.labels import choices
from app.residents import Sex

SEARCH_DELAY_MS = 200
EXCEL_FILTER = N_("Tệp Excel (*.xlsx)")


def tidy_tab_order(container: QWidget) -> list[QWidget]:
    """Tab through `container` in reading order (rows top to bottom, then left to right).

    Widgets are created in whatever order the code builds them (a dialog's buttons first);
    the user should meet them as they appear on screen. Returns the chain.
    """
    def focusable(w: QWidget) -> bool:
        if not (w.isVisibleTo(container) and w.isEnabled()
                and w.focusPolicy() & Qt.FocusPolicy.TabFocus):
            return False
        parent = w.parentWidget()
        while parent is not None and parent is not container:
            if isinstance(parent, QComboBox | QAbstractSpinBox):
                return False  # the editor inside a combo or date field: the parent has the stop
            parent = parent.parentWidget()
        return True

    def place(w: QWidget) -> tuple[int, int]:
        pos = w.mapTo(container, QPoint(0, 0))
        return pos.y() // 12, pos.x()

    chain = sorted((w for w in container.findChildren(QWidget) if focusable(w)), key=place)
    for first, second in zip(chain, chain[1:], strict=False):
        QWidget.setTabOrder(first, second)
    return chain


class SearchBox(QLineEdit):
    """Emits `search_changed` once typing pauses ~200 ms; Esc clears the box; Enter searches
    at once and emits `submitted` (the register then moves to the first row)."""

    search_changed = Signal(str)
    submitted = Signal()

    def __init__(self, placeholder: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setPlaceholderText(placeholder or _("Tìm kiếm (gõ không dấu cũng được)…"))
        self.setClearButtonEnabled(True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._on_timer_fired)
        self.textChanged.connect(self._on_text_changed)

    def _on_text_changed(self, _text: str) -> None:
        self._timer.start()

    def _on_timer_fired(self) -> None:
        self.search_changed.emit(self.text())

    def flush(self) -> None:
        """Search now (Enter in the box)."""
        if self._timer.isActive():
            self._timer.stop()
            self._on_timer_fired()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            self.flush()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.flush()
            self.submitted.emit()
            return
        super().keyPressEvent(event)


class DateField(QLineEdit):
    """A date typed as dd/mm/yyyy (or only the year); may stay empty. The service parses it."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setPlaceholderText(_("dd/mm/yyyy"))
        self.setMaxLength(10)

    def set_date(self, value: dt.date | None) -> None:
        self.setText(value.strftime("%d/%m/%Y") if value else "")

    def value(self) -> str | None:
        return self.text().strip() or None


class RequiredDateEdit(QDateEdit):
    """A required date with a calendar popup, shown as dd/MM/yyyy."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setDisplayFormat("dd/MM/yyyy")
        self.setCalendarPopup(True)
        self.setDate(QDate.currentDate())

    def value(self) -> dt.date:
        d = self.date()
        return dt.date(d.year(), d.month(), d.day())

    def set_value(self, value: dt.date) -> None:
        self.setDate(QDate(value.year, value.month, value.day))


class SexCombo(QComboBox):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        for sex, text in choices(Sex):
            self.addItem(text, sex)

    def value(self):
        return self.currentData()

    def set_value(self, sex) -> None:
        i = self.findData(sex)
        self.setCurrentIndex(max(i, 0))


class ErrorLabel(QLabel):
    """The inline message of a form: the service's DomainError text, shown as it is."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setStyleSheet("color: #b00020; font-weight: bold; padding: 4px;")
        self.hide()

    def show_message(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))

    def clear_message(self) -> None:
        self.show_message("")


class FilePicker:
    """File dialogs behind class methods so tests patch them instead of clicking."""

    @classmethod
    def open_excel(cls, parent: QWidget | None, title: str | None = None) -> Path | None:
        name, _filter = QFileDialog.getOpenFileName(parent, title or _("Chọn tệp Excel"),
                                                    str(Path.home()), _(EXCEL_FILTER))
        return Path(name) if name else None

    @classmethod
    def save_excel(cls, parent: QWidget | None, suggested: str,
                   title: str | None = None) -> Path | None:
        name, _filter = QFileDialog.getSaveFileName(parent, title or _("Lưu tệp Excel"),
                                                    str(Path.home() / suggested), _(EXCEL_FILTER))
        if not name:
            return None
        path = Path(name)
        return path if path.suffix.lower() == ".xlsx" else path.with_suffix(".xlsx")

    @classmethod
    def save_backup(cls, parent: QWidget | None, suggested: Path) -> Path | None:
        name, _filter = QFileDialog.getSaveFileName(parent, _("Sao lưu dữ liệu"), str(suggested),
                                                    _("Cơ sở dữ liệu (*.sqlite3)"))
        return Path(name) if name else None

    @classmethod
    def save_pdf(cls, parent: QWidget | None, suggested: str) -> Path | None:
        chosen = QFileDialog.getSaveFileName(parent, _("Lưu tệp PDF"), str(Path.home() / suggested),
                                             _("Tệp PDF (*.pdf)"))[0]
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.suffix.lower() == ".pdf" else path.with_suffix(".pdf")


def set_choices(combo: QComboBox, items: Sequence[tuple[str, Any]],
                tooltips: bool = False) -> None:
    """Fill a filter's choices (text, data) again, keeping the one chosen if it is still
    offered (else the first), without emitting a change; `tooltips`: each text in its
    tooltip too (long names)."""
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    for text, data in items:
        combo.addItem(text, data)
        if tooltips:
            combo.setItemData(combo.count() - 1, text, Qt.ItemDataRole.ToolTipRole)
    # False == 0 in Python: "Chưa giao" must not stand for a choice whose data is 0
    found = next((i for i, (_text, data) in enumerate(items) if data == current
                  and isinstance(data, bool) == isinstance(current, bool)), 0)
    combo.setCurrentIndex(found)
    combo.blockSignals(False)


class VillageFilter(QComboBox):
    """“Tất cả các thôn” and the villages in use; `value()` is a village id or None."""

    def __init__(self):
        super().__init__()
        self.setMinimumContentsLength(16)

    def set_villages(self, rows) -> None:
        set_choices(self, [(_("Tất cả các thôn"), None), *((v.name, v.id) for v in rows)])

    def value(self) -> int | None:
        return self.currentData()


def page_heading(text: str) -> QLabel:
    """The bold, larger title at the top of every page of the main window."""
    label = QLabel(text)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.35)
    font.setBold(True)
    label.setFont(font)
    return label


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Resize to width × height, or less on a small screen (a 1366 × 768 office laptop)."""
    parent = window.parentWidget()
    screen = parent.screen() if parent is not None else QGuiApplication.primaryScreen()
    room = screen.availableGeometry() if screen is not None else None
    if room is None:
        window.resize(width, height)
        return
    window.resize(min(width, room.width() - 40), min(height, room.height() - 60))


def list_table(parent: QWidget, *, multi: bool = False) -> QTableView:
    """A read-only list of records: whole rows selected (several with Ctrl/Shift when
    `multi`), row numbers on the right, left-aligned headers, one text line a row."""
    t = QTableView()
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection if multi
                       else QAbstractItemView.SelectionMode.SingleSelection)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setAlternatingRowColors(True)
    t.setWordWrap(False)
    t.setTabKeyNavigation(False)
    t.verticalHeader().setDefaultSectionSize(parent.fontMetrics().height() + 10)
    t.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    t.verticalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignRight
                                           | Qt.AlignmentFlag.AlignVCenter)
    t.horizontalHeader().setHighlightSections(False)
    t.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft
                                             | Qt.AlignmentFlag.AlignVCenter)
    return t
