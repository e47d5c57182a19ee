"""One filtered list: the wiring the desk's list, the letter register and the registers share.

A screen gives its table, its model, its query (a function that reads the screen's filter
widgets and asks a service: ids for an `IdTableModel`, rows for a `ListTableModel`), where a
refused filter is said, and how the count is written. `FilteredList` then
- reloads when a filter it watches changes (a combo, a date field, the search box, a check
  box, a spin box), after emitting `filter_changed` (the desk leaves its bucket then);
- shows the query's DomainError in the error label (a date typed wrong) and lists nothing;
- keeps the rows selected across a reload, where they are still listed;
- writes the count and emits `results_changed(total)`;
- on Enter in the search box, selects the first row (if none is) and gives the table the
  focus, where Enter opens the row;
- emits `selection_changed` when the selection or the rows change (buttons follow).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTableView,
    QWidget,
)

from app.errors import DomainError
from ui.common.errors import show_error
from ui.common.formats import count_text
from ui.common.models import IdTableModel, ListTableModel, select_id, select_ids, selected_ids
from ui.common.widgets import ErrorLabel, SearchBox


class FilteredList(QObject):
    filter_changed = Signal()  # a watched filter changed; the list reloads right after
    results_changed = Signal(int)  # rows listed after a reload
    selection_changed = Signal()  # the selection or the rows changed

    def __init__(self, table: QTableView, model: IdTableModel | ListTableModel,
                 query: Callable[[], Sequence[Any]], *, error: ErrorLabel | None = None,
                 count_label: QLabel | None = None,
                 count: Callable[[int], str] = count_text):
        """`error`: where a refused query is said (without one, a message box); `count`
        writes the total for `count_label` ('1.348 hộ')."""
        super().__init__(table)
        self.table = table
        self.model = model
        self._query = query
        self._error = error
        self._count_label = count_label
        self._count = count
        table.setModel(model)
        table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        model.modelReset.connect(self._on_selection_changed)

    def watch(self, *widgets: QWidget) -> None:
        """Reload when any of these filters changes."""
        for w in widgets:
            if isinstance(w, SearchBox):
                w.search_changed.connect(self._on_filter_changed)
                w.submitted.connect(self._on_search_submitted)
            elif isinstance(w, QLineEdit):  # a date field: once the date is typed
                w.editingFinished.connect(self._on_filter_changed)
            elif isinstance(w, QComboBox):
                w.currentIndexChanged.connect(self._on_filter_changed)
            elif isinstance(w, QAbstractButton):
                w.toggled.connect(self._on_filter_changed)
            elif isinstance(w, QSpinBox):
                w.valueChanged.connect(self._on_filter_changed)
            elif isinstance(w, QAbstractSpinBox):
                w.editingFinished.connect(self._on_filter_changed)
            else:
                raise TypeError(f"FilteredList cannot watch {type(w).__name__}")

    # -- reading ---------------------------------------------------------------------------
    def reload(self, keep: Iterable[Any] | None = None) -> None:
        """Run the query again; keep the rows selected (or select `keep`) where still listed."""
        keep = self.selected_ids() if keep is None else list(keep)
        if self._error is not None:
            self._error.clear_message()
        try:
            result = list(self._query())
        except DomainError as exc:
            if self._error is not None:
                self._error.show_message(exc.message)
            else:
                show_error(self.table, exc)
            result = []
        if isinstance(self.model, IdTableModel):
            self.model.set_ids(result)
        else:
            self.model.set_rows(result)
        select_ids(self.table, self.model, keep)
        if self._count_label is not None:
            self._count_label.setText(self._count(self.model.total))
        self.selection_changed.emit()
        self.results_changed.emit(self.model.total)

    @property
    def total(self) -> int:
        return self.model.total

    # -- the selection ---------------------------------------------------------------------
    def selected_ids(self) -> list[Any]:
        """The ids of the rows selected, in the list's order."""
        return selected_ids(self.table, self.model)

    def selected_id(self) -> Any:
        ids = self.selected_ids()
        return ids[0] if ids else None

    def selected_rows(self) -> list[Any]:
        """The row objects of the rows selected, in the list's order."""
        rows = sorted(i.row() for i in self.table.selectionModel().selectedRows())
        return [r for r in (self.model.row_at(n) for n in rows) if r is not None]

    def selected_row(self) -> Any:
        """The row object of the first row selected, or None."""
        rows = self.selected_rows()
        return rows[0] if rows else None

    def select_id(self, item_id: Any) -> bool:
        """Select, focus and scroll to `item_id`; False when it is not listed."""
        return select_id(self.table, self.model, item_id)

    def select_ids(self, ids: Iterable[Any]) -> None:
        select_ids(self.table, self.model, ids)

    def select_first(self) -> None:
        """The first row, when nothing is selected yet."""
        if self.model.rowCount() and not self.selected_ids():
            self.select_id(self.model.id_at(0))

    # -- slots -----------------------------------------------------------------------------
    def _on_filter_changed(self, *_args) -> None:
        self.filter_changed.emit()
        self.reload()

    def _on_search_submitted(self) -> None:
        self.select_first()
        self.table.setFocus()

    def _on_selection_changed(self, *_args) -> None:
        self.selection_changed.emit()
