"""Table models: a lazy one over ids (big registers) and a plain one over a list (small ones).

`IdTableModel` holds the ids a service search returned, in the service's order (Vietnamese
name order), and builds row objects only for the pages the view shows: `fetch_rows(ids)`
is called with a page of ids and returns rows in that order (get_households, get_residents …).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from app.i18n import _

PAGE = 200
_INACTIVE = QBrush(QColor("#8a8a8a"))
Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # the invalid index: the table's root


@dataclass(frozen=True)
class Column:
    # marked with N_ where defined, the header shows _(title); or a function returning the
    # translated title, for a word that needs a context: lambda: pgettext("số lượng", "Số hộ")
    title: str | Callable[[], str]
    value: Callable[[Any], Any]
    align_right: bool = False
    tooltip: bool | Callable[[Any], str] = False  # True: the value itself; or a function


class _TableBase(QAbstractTableModel):
    def __init__(self, columns: Sequence[Column], parent=None):
        super().__init__(parent)
        self.columns = list(columns)

    def columnCount(self, parent: Index = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            title = self.columns[section].title
            return title() if callable(title) else _(title)
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        return None

    def row_at(self, row: int) -> Any:
        raise NotImplementedError

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= self.rowCount() or index.column() >= len(self.columns):
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                        Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.TextAlignmentRole,
                        Qt.ItemDataRole.UserRole):
            return None
        item = self.row_at(index.row())
        if item is None:
            return None
        col = self.columns[index.column()]
        if role == Qt.ItemDataRole.UserRole:
            return item
        if role == Qt.ItemDataRole.ForegroundRole:
            return _INACTIVE if getattr(item, "active", True) is False else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if col.align_right:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        value = col.value(item)
        text = "" if value is None else str(value)
        if role == Qt.ItemDataRole.ToolTipRole:
            if callable(col.tooltip):
                return col.tooltip(item) or None
            return text if col.tooltip and text else None
        return text


class IdTableModel(_TableBase):
    """Rows over a list of ids; pages of rows fetched on demand (canFetchMore/fetchMore)."""

    def __init__(self, columns: Sequence[Column], fetch_rows: Callable[[list[int]], list[Any]],
                 parent=None, page: int = PAGE):
        super().__init__(columns, parent)
        self._fetch_rows = fetch_rows
        self._page = page
        self._ids: list[int] = []
        self._shown = 0
        self._cache: dict[int, Any] = {}

    # -- the query -------------------------------------------------------------------
    def set_ids(self, ids: Sequence[int]) -> None:
        self.beginResetModel()
        self._ids = list(ids)
        self._shown = min(self._page, len(self._ids))
        self._cache.clear()
        self.endResetModel()

    @property
    def total(self) -> int:
        return len(self._ids)

    def ids(self) -> list[int]:
        """Every id of the query, fetched or not, in its order."""
        return list(self._ids)

    def id_at(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < self._shown else None

    def row_of(self, item_id: int) -> int:
        """The row of an id, fetching pages up to it; -1 when the id is not in the query."""
        try:
            pos = self._ids.index(item_id)
        except ValueError:
            return -1
        while pos >= self._shown:
            self.fetchMore(QModelIndex())
        return pos

    def row_at(self, row: int) -> Any:
        if not 0 <= row < self._shown:
            return None
        item_id = self._ids[row]
        if item_id not in self._cache:
            start = row - row % self._page
            page = [i for i in self._ids[start:start + self._page] if i not in self._cache]
            for r in self._fetch_rows(page):
                self._cache[r.id] = r
        return self._cache.get(item_id)

    # -- Qt ------------------------------------------------------------------------------
    def rowCount(self, parent: Index = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else self._shown

    def canFetchMore(self, parent: Index = _ROOT) -> bool:  # noqa: N802
        return not parent.isValid() and self._shown < len(self._ids)

    def fetchMore(self, parent: Index = _ROOT) -> None:  # noqa: N802
        if parent.isValid():
            return
        n = min(self._page, len(self._ids) - self._shown)
        if n <= 0:
            return
        self.beginInsertRows(QModelIndex(), self._shown, self._shown + n - 1)
        self._shown += n
        self.endInsertRows()


class ListTableModel(_TableBase):
    """Rows over a short list of plain rows (villages, accounts, holidays)."""

    def __init__(self, columns: Sequence[Column], parent=None,
                 key: Callable[[Any], Any] = lambda r: r.id):
        super().__init__(columns, parent)
        self._rows: list[Any] = []
        self._key = key

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    @property
    def total(self) -> int:
        return len(self._rows)

    def rows(self) -> list[Any]:
        return list(self._rows)

    def row_at(self, row: int) -> Any:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def id_at(self, row: int) -> Any:
        item = self.row_at(row)
        return self._key(item) if item is not None else None

    def row_of(self, item_id: Any) -> int:
        for i, r in enumerate(self._rows):
            if self._key(r) == item_id:
                return i
        return -1

    def rowCount(self, parent: Index = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)


def selected_ids(table, model) -> list[Any]:
    """The ids of the rows selected in a table over an id model, in the list's order."""
    rows = sorted(i.row() for i in table.selectionModel().selectedRows())
    return [i for i in (model.id_at(r) for r in rows) if i is not None]


def selected_id(table, model) -> Any:
    """The id of the first selected row of a table over an id model, or None."""
    ids = selected_ids(table, model)
    return ids[0] if ids else None


def select_id(table, model, item_id: Any) -> bool:
    """Select, focus and scroll to the row of `item_id`; False when it is not in the list."""
    row = model.row_of(item_id)
    if row < 0:
        return False
    index = model.index(row, 0)
    flags = QItemSelectionModel.SelectionFlag
    table.selectionModel().select(index, flags.ClearAndSelect | flags.Rows)
    # NoUpdate: the view's own setCurrentIndex would read the keyboard's modifiers, and a
    # Ctrl still held (Ctrl+N, a Ctrl+click) would toggle the row just selected off again
    table.selectionModel().setCurrentIndex(index, flags.NoUpdate)
    table.scrollTo(index)
    return True


def select_ids(table, model, ids) -> None:
    """Select the rows of `ids` still listed: the first as `select_id` does, the others added."""
    first = True
    for item_id in ids:
        if first:
            first = not select_id(table, model, item_id)
            continue
        row = model.row_of(item_id)
        if row >= 0:
            table.selectionModel().select(
                model.index(row, 0), QItemSelectionModel.SelectionFlag.Select
                | QItemSelectionModel.SelectionFlag.Rows)
