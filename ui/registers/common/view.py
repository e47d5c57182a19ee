"""The layout of a register screen: search and filters, the table, the action buttons."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from ui.common.widgets import ErrorLabel, SearchBox, list_table, page_heading, tidy_tab_order


class RegisterView(QWidget):
    """Widgets only; a controller fills the table and wires the buttons."""

    def __init__(self, title: str, search_hint: str, parent: QWidget | None = None,
                 with_search: bool = True):
        super().__init__(parent)
        self._tab_order_done = False
        self.heading = page_heading(title)
        self.search = SearchBox(search_hint)
        self.search.setVisible(with_search)
        self.show_inactive = QCheckBox(_("Hiện cả mục đã ngừng quản lý"))
        self.show_inactive.hide()
        self.filters = QHBoxLayout()
        self.filters.setSpacing(8)
        top = QHBoxLayout()
        top.addWidget(self.search, 3)
        top.addLayout(self.filters)
        top.addWidget(self.show_inactive)
        self.filter_error = ErrorLabel()
        self.table = list_table(self)  # Tab leaves the table for the buttons
        self.count_label = QLabel()
        self.buttons = QHBoxLayout()
        bottom = QHBoxLayout()
        bottom.addLayout(self.buttons)
        bottom.addStretch(1)
        bottom.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(top)
        layout.addWidget(self.filter_error)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if not self._tab_order_done:  # filters and buttons are added by the controller
            self._tab_order_done = True
            tidy_tab_order(self)

    def add_filter(self, label: str, widget: QWidget) -> QWidget:
        text = QLabel(label)
        text.setBuddy(widget)
        self.filters.addWidget(text)
        self.filters.addWidget(widget)
        return widget

    def add_button(self, text: str, tooltip: str = "") -> QPushButton:
        button = QPushButton(text)
        if tooltip:
            button.setToolTip(tooltip)
        self.buttons.addWidget(button)
        return button

    def set_column_widths(self, widths: list[int], stretch: int | None = None) -> None:
        """Widths in average characters; column `stretch` (default: the last) takes the rest,
        so the table fits the window without a horizontal scroll bar."""
        chars = self.fontMetrics().averageCharWidth()
        header = self.table.horizontalHeader()
        stretch = len(widths) - 1 if stretch is None else stretch
        header.setStretchLastSection(False)
        for i, w in enumerate(widths):
            self.table.setColumnWidth(i, w * chars + 16)
            mode = QHeaderView.ResizeMode.Stretch if i == stretch else QHeaderView.ResizeMode.Interactive
            header.setSectionResizeMode(i, mode)
