"""Choosing a household (to add a resident to it): search box and the households table."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app import residents
from app.context import AppContext
from app.i18n import _
from ui.common.models import IdTableModel
from ui.common.widgets import SearchBox
from ui.registers.households.controller import COLUMNS


class HouseholdPicker(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(_("Chọn hộ gia đình"))
        self.resize(760, 460)
        self.search = SearchBox(_("Tìm hộ theo tên chủ hộ, số hộ, địa chỉ…"))
        self.model = IdTableModel(COLUMNS, lambda ids: residents.get_households(ctx, ids), self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft)
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
        self._on_search_changed("")

    def _connect_signals(self) -> None:
        self.search.search_changed.connect(self._on_search_changed)
        self.search.submitted.connect(self._on_search_submitted)
        self.table.activated.connect(self._on_row_activated)
        self.buttons.accepted.connect(self._on_ok_clicked)
        self.buttons.rejected.connect(self.reject)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.model.modelReset.connect(self._on_selection_changed)

    def _on_search_changed(self, text: str) -> None:
        self.model.set_ids(residents.search_household_ids(self.ctx, text))
        if self.model.rowCount():
            self.table.selectRow(0)

    def _on_search_submitted(self) -> None:
        self.table.setFocus()  # Enter again chooses the selected household

    def _on_selection_changed(self, *_args) -> None:
        self.ok_button.setEnabled(self.selected() is not None)

    def selected(self):
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _on_row_activated(self, _index) -> None:
        self._on_ok_clicked()

    def _on_ok_clicked(self) -> None:
        if self.selected() is not None:
            self.accept()
