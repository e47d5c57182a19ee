"""A settings page (Thông tin đơn vị, In ấn): its layout and its save / undo logic, once.

The page: the heading, a note, the fields in a column no wider than a form reads well, the
inline error, then “Lưu …”, “Hoàn tác” and “Đã lưu.” (a page may add a button on the right).
The controller: fill the fields from the service, save what is on screen (a refused value
is said inline and nothing is written), undo, Ctrl+S; a role that may only look sees the
values read-only, without the buttons. When the settings change elsewhere (another page,
the language menu), the page reads them again, unless something typed is not saved yet:
that stays, and only what the page shows without editing is read again.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.changes import Topic
from app.context import AppContext
from app.errors import DomainError
from app.i18n import _
from ui.common.changes import ChangeWatch
from ui.common.widgets import ErrorLabel, page_heading

PAGE_WIDTH = 760  # px: wider, the labels and the fields drift apart on a big screen


class SettingsPage(QWidget):
    """Widgets only: subclasses add their fields to `content` (a QVBoxLayout)."""

    def __init__(self, title: str, note: str, save_text: str, parent: QWidget | None = None):
        super().__init__(parent)
        heading = page_heading(title)
        self.note = QLabel(note)
        self.note.setWordWrap(True)
        self.error = ErrorLabel()
        self.saved_label = QLabel()
        self.saved_label.setStyleSheet("color: #1b5e20;")
        self.save_button = QPushButton(save_text)
        self.reset_button = QPushButton(_("Hoàn tác"))
        self.buttons = QHBoxLayout()
        self.buttons.addWidget(self.save_button)
        self.buttons.addWidget(self.reset_button)
        self.buttons.addWidget(self.saved_label)
        self.buttons.addStretch(1)
        box = QWidget()
        box.setMaximumWidth(PAGE_WIDTH)
        self.content = QVBoxLayout()
        self.content.setContentsMargins(0, 0, 0, 0)
        inner = QVBoxLayout(box)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addLayout(self.content)
        inner.addWidget(self.error)
        inner.addLayout(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.note)
        layout.addWidget(box)
        layout.addStretch(1)

    def add_button(self, button: QPushButton) -> QPushButton:
        """A button on the right of the row (one that does not save: a test print)."""
        self.buttons.addWidget(button)
        return button

    def set_editable(self, editable: bool) -> None:
        """Without the right to edit: no save or undo, and the note says who may."""
        self.save_button.setVisible(editable)
        self.reset_button.setVisible(editable)
        if not editable:
            self.note.setText(self.note.text() + " " + _("Chỉ quản trị hệ thống được sửa."))


class SettingsController(QObject):
    """Subclasses implement `fill()`, `values()` and `write(values)`, and may emit a signal
    of their own in `saved(result)`."""

    def __init__(self, view: SettingsPage, ctx: AppContext, can_edit: bool):
        super().__init__(view)
        self.view = view
        self.ctx = ctx
        self.can_edit = can_edit
        self._loaded: Any = None
        self._save_shortcut = QShortcut(QKeySequence.StandardKey.Save, view)
        view.set_editable(can_edit)
        self.watch = ChangeWatch(view, ctx, {Topic.SETTINGS}, self._on_settings_changed)

    # -- to implement ----------------------------------------------------------------------
    def fill(self) -> None:
        """Put the saved values on the page."""
        raise NotImplementedError

    def values(self) -> Any:
        """What is on the page, as the service takes it."""
        raise NotImplementedError

    def write(self, values: Any) -> Any:
        """Save `values` through the service (a DomainError refuses them); what it returns
        goes to `saved`."""
        raise NotImplementedError

    def saved(self, result: Any) -> None:
        """After a save (a signal to emit)."""

    def fill_shown(self) -> None:
        """Read again what the page shows but does not edit (fill() calls it too)."""

    # -- the page ----------------------------------------------------------------------------
    def _connect_signals(self) -> None:
        self.view.save_button.clicked.connect(self._on_save_clicked)
        self.view.reset_button.clicked.connect(self.refresh)
        self._save_shortcut.activated.connect(self._on_save_clicked)

    def refresh(self) -> None:
        """Read the saved values again; what was typed and not saved is dropped (Hoàn tác)."""
        self.fill()
        self._loaded = self.values()
        self.view.error.clear_message()
        self.view.saved_label.clear()

    @property
    def dirty(self) -> bool:
        """Typed and not saved yet."""
        return self.can_edit and self.values() != self._loaded

    def save(self) -> bool:
        """Save what is on the page; True when it was saved."""
        if not self.can_edit:
            return False
        self.view.error.clear_message()
        try:
            result = self.write(self.values())
        except DomainError as exc:
            self.view.error.show_message(exc.message)
            return False
        self.refresh()
        self.view.saved_label.setText(_("Đã lưu."))
        self.saved(result)
        return True

    def _on_save_clicked(self) -> None:
        self.save()

    def _on_settings_changed(self, _topics: frozenset[Topic]) -> None:
        if self.dirty:
            self.fill_shown()  # what was typed stays until it is saved or undone
        else:
            self.refresh()

    def _on_edited(self, *_args) -> None:
        self.view.saved_label.clear()
