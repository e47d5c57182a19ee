"""Choosing a household (to add a resident to it): search box and the households table."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QVBoxLayout,
    QWidget,
)

from app import resident_lists
from app.context import AppContext
from app.i18n import _
from ui.common.filtered_list import FilteredList
from ui.common.models import IdTableModel
from ui.common.widgets import SearchBox, list_table
from ui.registers.households.controller import COLUMNS


class HouseholdPicker(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(_("Chọn hộ gia đình"))
        self.resize(760, 460)
        self.search = SearchBox(_("Tìm hộ theo tên chủ hộ, số hộ, địa chỉ…"))
        self.model = IdTableModel(COLUMNS, lambda ids: resident_lists.get_households(ctx, ids), self)
        self.table = list_table(self)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.list = FilteredList(self.table, self.model, lambda: resident_lists.search_household_ids(
            ctx, self.search.text()))
        chars = self.fontMetrics().averageCharWidth()
        for i, w in enumerate((10, 26, 16, 30)):
            self.table.setColumnWidth(i, w * chars + 16)
        self.buttons = QDialogButtonBox()
        self.ok_button = self.buttons.addButton(_("Chọn"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(_("Hủy"), QDialogButtonBox.ButtonRole.RejectRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self._connect_signals()
        self.list.reload()

    def _connect_signals(self) -> None:
        self.list.watch(self.search)  # Enter there: the table, where Enter chooses
        self.list.results_changed.connect(self._on_results_changed)
        self.list.selection_changed.connect(self._on_selection_changed)
        self.table.activated.connect(self._on_row_activated)
        self.buttons.accepted.connect(self._on_ok_clicked)
        self.buttons.rejected.connect(self.reject)

    def _on_results_changed(self, _total: int) -> None:
        self.list.select_first()

    def _on_selection_changed(self) -> None:
        self.ok_button.setEnabled(self.selected() is not None)

    def selected(self):
        return self.list.selected_row()

    def _on_row_activated(self, _index) -> None:
        self._on_ok_clicked()

    def _on_ok_clicked(self) -> None:
        if self.selected() is not None:
            self.accept()
