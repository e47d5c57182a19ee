"""The filtered list the desk, the letter register and the registers share: filters reload
it, a refused filter is said inline, the selection survives a reload, Enter goes to the list."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QVBoxLayout, QWidget

from app.errors import DomainError
from ui.common.filtered_list import FilteredList
from ui.common.models import Column, IdTableModel, ListTableModel
from ui.common.widgets import DateField, ErrorLabel, SearchBox, list_table


@dataclass(frozen=True)
class Village:
    id: int
    name: str
    active: bool = True


VILLAGES = [Village(1, "Đồng Lạc"), Village(2, "Phú Thọ"), Village(3, "Đông Hòa", False),
            Village(4, "Phú Xuân")]


class Screen(QWidget):
    def __init__(self, model_kind: str = "rows"):
        super().__init__()
        self.search = SearchBox()
        self.region = QComboBox()
        self.region.addItem("Mọi vùng", None)
        self.region.addItem("Phú", "Phú")
        self.inactive = QCheckBox("Cả thôn đã ngừng")
        self.since = DateField()
        self.error = ErrorLabel()
        self.count = QLabel()
        self.table = list_table(self, multi=True)
        layout = QVBoxLayout(self)
        for w in (self.search, self.region, self.inactive, self.since, self.error, self.table,
                  self.count):
            layout.addWidget(w)
        columns = [Column("Tên thôn", lambda v: v.name)]
        by_id = {v.id: v for v in VILLAGES}
        self.model = (ListTableModel(columns, self) if model_kind == "rows" else
                      IdTableModel(columns, lambda ids: [by_id[i] for i in ids], self, page=2))
        self.queries = 0
        self.list = FilteredList(self.table, self.model, self.query, error=self.error,
                                 count_label=self.count, count=lambda n: f"{n} thôn")
        self.list.watch(self.search, self.region, self.inactive, self.since)

    def query(self):
        self.queries += 1
        if self.since.text() and self.since.text() != "2023":
            raise DomainError("“Từ ngày” không đúng dạng dd/mm/yyyy.")
        found = [v for v in VILLAGES if (v.active or self.inactive.isChecked())
                 and self.search.text().lower() in v.name.lower()
                 and (self.region.currentData() is None or self.region.currentData() in v.name)]
        return found if isinstance(self.model, ListTableModel) else [v.id for v in found]


@pytest.fixture(params=["rows", "ids"])
def screen(qtbot, request):
    s = Screen(request.param)
    qtbot.addWidget(s)
    s.list.reload()
    return s


def names(screen) -> list[str]:
    m = screen.model
    while m.canFetchMore(QModelIndex()):  # the id model shows two rows a page
        m.fetchMore(QModelIndex())
    return [m.index(i, 0).data() for i in range(m.rowCount())]


def test_every_kind_of_filter_reloads_the_list(qtbot, qtmodeltester, screen):
    totals: list[int] = []
    screen.list.results_changed.connect(totals.append)
    assert names(screen) == ["Đồng Lạc", "Phú Thọ", "Phú Xuân"]
    assert screen.count.text() == "3 thôn"
    screen.region.setCurrentIndex(1)
    assert names(screen) == ["Phú Thọ", "Phú Xuân"] and screen.count.text() == "2 thôn"
    screen.inactive.setChecked(True)
    screen.region.setCurrentIndex(0)
    assert "Đông Hòa" in names(screen)
    with qtbot.waitSignal(screen.list.results_changed, timeout=2000):  # after typing pauses
        screen.search.setText("phú t")
    assert names(screen) == ["Phú Thọ"]
    assert totals == [2, 2, 4, 1]
    qtmodeltester.check(screen.model)


def test_a_refused_filter_is_said_inline_and_lists_nothing(qtbot, screen):
    screen.show()
    changed: list[bool] = []
    screen.list.filter_changed.connect(lambda: changed.append(screen.queries))
    screen.since.setText("31/02")
    screen.since.editingFinished.emit()
    assert changed  # said before the reload, so a screen can leave its mode first
    assert screen.error.isVisible() and "không đúng dạng" in screen.error.text()
    assert screen.model.total == 0 and screen.count.text() == "0 thôn"
    screen.since.setText("2023")
    screen.since.editingFinished.emit()
    assert not screen.error.isVisible() and screen.model.total == 3


def test_the_selection_survives_a_reload_where_still_listed(qtbot, screen):
    seen: list[int] = []
    screen.list.selection_changed.connect(lambda: seen.append(len(screen.list.selected_ids())))
    screen.list.select_ids([4, 2])
    assert screen.list.selected_ids() == [2, 4] and seen
    assert [v.name for v in screen.list.selected_rows()] == ["Phú Thọ", "Phú Xuân"]
    screen.region.setCurrentIndex(1)  # both still listed
    assert screen.list.selected_ids() == [2, 4]
    screen.search.setText("xuân")
    screen.search.flush()
    assert screen.list.selected_ids() == [4] and screen.list.selected_id() == 4
    screen.list.reload(keep=[])  # a reload told to select nothing
    assert screen.list.selected_ids() == [] and seen[-1] == 0


def test_enter_in_the_search_box_goes_to_the_first_row(qtbot, screen):
    screen.show()
    qtbot.waitExposed(screen)
    screen.search.setFocus()
    qtbot.keyClicks(screen.search, "ph")  # QTest types ASCII only
    qtbot.keyClick(screen.search, Qt.Key.Key_Return)  # searches at once, then the list
    assert names(screen) == ["Phú Thọ", "Phú Xuân"]
    assert screen.list.selected_id() == 2
    qtbot.waitUntil(screen.table.hasFocus)


def test_a_query_error_without_a_label_is_a_message(qtbot, boxes):
    table = list_table(QWidget())
    qtbot.addWidget(table)

    def refuse():
        raise DomainError("Không đọc được danh sách.")

    lst = FilteredList(table, ListTableModel([Column("Tên", lambda r: r)]), refuse)
    lst.reload()
    assert boxes.errors == ["Không đọc được danh sách."] and lst.total == 0


def test_only_filters_it_knows_are_watched(qtbot):
    table = list_table(QWidget())
    qtbot.addWidget(table)
    lst = FilteredList(table, ListTableModel([Column("Tên", lambda r: r)]), list)
    with pytest.raises(TypeError):
        lst.watch(QLabel("không phải bộ lọc"))


def test_choices_filled_again_keep_the_one_chosen_without_a_reload(qtbot):
    from ui.common.widgets import set_choices

    combo = QComboBox()
    qtbot.addWidget(combo)
    items = [("Đã giao và chưa giao", None), ("Chưa giao", False), ("Đã giao", True),
             ("Số 0", 0)]
    set_choices(combo, items)
    combo.setCurrentIndex(1)
    with qtbot.assertNotEmitted(combo.currentIndexChanged):
        set_choices(combo, items)
    assert combo.currentIndex() == 1  # False, not the 0 that equals it
    combo.setCurrentIndex(3)
    set_choices(combo, items)
    assert combo.currentIndex() == 3
    set_choices(combo, items[:2], tooltips=True)  # the choice is gone: the first
    assert combo.currentIndex() == 0 and combo.itemData(1, Qt.ItemDataRole.ToolTipRole) == \
        "Chưa giao"


def test_selecting_by_id_while_ctrl_is_held_still_selects(qtbot, screen):
    """Ctrl+N, Ctrl+Enter: the list reloads with Ctrl still down; a view's setCurrentIndex
    would toggle the row just selected off again."""
    from PySide6.QtGui import QGuiApplication

    screen.show()
    qtbot.waitExposed(screen)
    qtbot.keyPress(screen.table, Qt.Key.Key_Control, Qt.KeyboardModifier.ControlModifier)
    try:
        assert QGuiApplication.keyboardModifiers() & Qt.KeyboardModifier.ControlModifier
        screen.list.select_id(2)
        assert screen.list.selected_ids() == [2]
        screen.list.reload()
        assert screen.list.selected_ids() == [2]
    finally:
        qtbot.keyRelease(screen.table, Qt.Key.Key_Control)
