"""The controller skeleton of a register: its filtered list, shortcuts, buttons, dialogs."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QPushButton

from app.changes import Topic
from app.context import AppContext
from app.errors import DomainError
from app.i18n import N_, _
from ui.common.changes import ChangeWatch
from ui.common.errors import MessageBox, show_error
from ui.common.filtered_list import FilteredList
from ui.common.formats import count_text
from ui.common.models import IdTableModel, ListTableModel
from ui.common.ui_state import ColumnWidths
from ui.registers.common.view import RegisterView


class RegisterController(QObject):
    """Subclasses set `model`, implement `query()` and the `_on_*_requested` actions they offer.

    `query()` returns ids (for an IdTableModel) or rows (for a ListTableModel), in the order
    the service returns them; the table is never re-sorted by Qt.
    """

    results_changed = Signal(int)  # number of matching rows after a search or reload
    record_saved = Signal(object)  # the id of what was added or changed

    # class-level texts are marked with N_ and translated where shown
    unit = N_("mục")  # "hộ", "người", "thôn" … for the count label
    viewable = False  # True: a role that may not edit can still open a record to read it
    deactivate_verb = N_("Ngừng quản lý")
    activate_verb = N_("Khôi phục")
    can_edit = True
    topics: frozenset[Topic] = frozenset()  # what the register shows (app.changes)
    table_name = "register"  # the table's name in the user's saved column widths
    add_button: QPushButton | None = None
    edit_button: QPushButton | None = None
    toggle_button: QPushButton | None = None

    def __init__(self, view: RegisterView, ctx: AppContext, model: IdTableModel | ListTableModel):
        super().__init__(view)
        self.view = view
        self.ctx = ctx
        self.model = model
        self.dialog = None  # the dialog last opened (tests fill it in)
        self.list = FilteredList(view.table, model, self.query, error=view.filter_error,
                                 count_label=view.count_label, count=self.count_text)
        self._shortcuts = {
            "find": QShortcut(QKeySequence.StandardKey.Find, view),
            "add": QShortcut(QKeySequence.StandardKey.New, view),
        }
        self.watch = ChangeWatch(view, ctx, self.topics, self._on_records_changed)
        # the subclass sets the default widths; the user's own replace them once shown
        self.widths = ColumnWidths(view.table, ctx, self.table_name)

    # -- to implement ----------------------------------------------------------------
    def query(self) -> list[Any]:
        raise NotImplementedError

    def _on_add_requested(self) -> None:
        pass

    def _on_edit_requested(self) -> None:
        pass

    def set_active(self, item_id: Any, active: bool) -> None:
        raise NotImplementedError

    def describe(self, row: Any) -> str:
        return str(getattr(row, "name", ""))

    def count_text(self, n: int) -> str:
        # TRANSLATORS: the count under a register, e.g. "1.348 hộ"
        return _("{count} {unit}").format(count=count_text(n), unit=_(self.unit))

    # -- wiring ----------------------------------------------------------------------
    def _connect_signals(self) -> None:
        v = self.view
        self.list.watch(v.search, v.show_inactive)
        self.list.selection_changed.connect(self._on_selection_changed)
        self.list.results_changed.connect(self.results_changed)
        v.table.activated.connect(self._on_row_activated)
        self._shortcuts["find"].activated.connect(self._on_find_shortcut)
        self._shortcuts["add"].activated.connect(self._on_add_shortcut)
        if self.add_button is not None:
            self.add_button.clicked.connect(self._on_add_requested)
        if self.edit_button is not None:
            self.edit_button.clicked.connect(self._on_edit_requested)
        if self.toggle_button is not None:
            self.toggle_button.clicked.connect(self._on_toggle_requested)

    # -- reading ---------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the filters' choices and the list again (a register with choices of its own
        reads them too)."""
        self.reload()

    def reload(self, keep_id: Any = None) -> None:
        """Run the query again; select `keep_id` (or the row selected before) if still listed."""
        self.list.reload(None if keep_id is None else [keep_id])

    def selected_row(self) -> Any:
        return self.list.selected_row()

    def selected_id(self) -> Any:
        return self.list.selected_id()

    def select_id(self, item_id: Any) -> bool:
        return self.list.select_id(item_id)

    # -- slots -----------------------------------------------------------------------
    def _on_records_changed(self, _topics: frozenset[Topic]) -> None:
        self.refresh()  # a write here or elsewhere: the selection stays where it was

    def _on_find_shortcut(self) -> None:
        self.view.search.setFocus()
        self.view.search.selectAll()

    def _on_add_shortcut(self) -> None:
        if self.add_button is not None and self.add_button.isEnabled():
            self._on_add_requested()

    def _on_row_activated(self, _index: QModelIndex) -> None:
        if self.edit_button is not None and self.edit_button.isEnabled():
            self._on_edit_requested()

    def _on_selection_changed(self, *_args) -> None:
        self._update_buttons()

    def _update_buttons(self) -> None:
        row = self.selected_row()
        if self.add_button is not None:
            self.add_button.setEnabled(self.can_edit)
        if self.edit_button is not None:
            if not self.can_edit and self.viewable:
                self.edit_button.setText(_("Xem…"))
            self.edit_button.setEnabled((self.can_edit or self.viewable) and row is not None)
        if self.toggle_button is not None:
            self.toggle_button.setEnabled(self.can_edit and row is not None)
            active = getattr(row, "active", True) if row is not None else True
            self.toggle_button.setText(_(self.deactivate_verb) if active else _(self.activate_verb))

    def _on_toggle_requested(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        active = getattr(row, "active", True)
        what = self.describe(row)
        deactivate, activate = _(self.deactivate_verb), _(self.activate_verb)
        if active:
            question = _("{verb} {what}?").format(verb=deactivate, what=what) + "\n\n"
            if self.view.show_inactive.isHidden():
                question += _("Dữ liệu không bị xóa; có thể {verb} sau.").format(
                    verb=activate.lower())
            else:
                question += _("Dữ liệu không bị xóa; có thể {verb} sau (đánh dấu “{checkbox}” để "
                              "thấy lại).").format(verb=activate.lower(),
                                                  checkbox=self.view.show_inactive.text())
            yes = deactivate
        else:
            question, yes = _("{verb} {what}?").format(verb=activate, what=what), activate
        if not MessageBox.ask(self.view, _("Xác nhận"), question, yes=yes):
            return
        item_id = self.selected_id()
        try:
            self.set_active(item_id, not active)
        except DomainError as exc:
            show_error(self.view, exc)
            return
        self.record_saved.emit(item_id)  # the list follows once the write is told

    def open_dialog(self, dialog, on_saved=None) -> None:
        """Show a form dialog without blocking; reload and select what it saved."""
        self.dialog = dialog
        if not self.can_edit:
            dialog.set_read_only()
        dialog.saved.connect(on_saved or self._on_dialog_saved)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _on_dialog_saved(self, item_id: Any) -> None:
        self.reload(keep_id=item_id if item_id is not None else None)
        self.record_saved.emit(item_id)
