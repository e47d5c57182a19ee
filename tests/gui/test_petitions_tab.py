"""The petitions tab: the attention buckets it opens on, the filters and the lookup over the
lazy list (a denouncer masked, a row past its clock in red), and the keyboard."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.l10n import today
from app.petitions import queries
from tests.gui.petition_cases import ago, make_cases, receive, sign_in_office
from ui.petitions.columns import OVERDUE
from ui.petitions.controller import build
from ui.petitions.reception_dialogs import VisitDialog
from ui.petitions.view import BUCKETS

TAB = "Đơn thư & Tiếp công dân"
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def office(ctx):
    return sign_in_office(ctx)


@pytest.fixture
def cases(office):
    return make_cases(office)


def _tab(qtbot, ctx):
    view, tab = build(ctx)
    view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    qtbot.addWidget(view, before_close_func=lambda _v: tab.close_windows())
    view.resize(1200, 680)
    with qtbot.waitActive(view):
        view.show()
        view.activateWindow()
    return view, tab.petitions


def _column(c, col: int) -> list[str]:
    m = c.model
    return [m.index(i, col).data() for i in range(m.rowCount())]


def test_the_tab_opens_on_what_needs_attention(qtbot, office, cases, qtmodeltester):
    view, c = _tab(qtbot, office["canbo"])
    attention = queries.attention(office["canbo"])
    assert attention["classify"] == [cases["fresh"]]
    assert cases["late"] in attention["overdue"] and attention["not_notified"] == [cases["answered"]]
    assert cases["soon"] in attention["soon"] and attention["running_out"] == [cases["soon"]]
    for key in BUCKETS:
        text = c.view.bucket_buttons[key].text()
        if key != "all":
            assert text.endswith(f": {len(attention[key])}"), text
    assert "color: #b00020" in c.view.bucket_buttons["overdue"].styleSheet()
    assert c.mode == "classify" and c.view.bucket_buttons["classify"].isChecked()
    assert c.model.ids() == [cases["fresh"]] and c.selected_id() == cases["fresh"]
    for key in ("soon", "overdue", "not_notified", "running_out"):
        c.view.bucket_buttons[key].click()
        assert c.model.ids() == attention[key], key
    c.view.bucket_buttons["all"].click()
    assert sorted(c.model.ids()) == sorted(cases.values())
    assert c.view.count_label.text() == "4 đơn"
    qtmodeltester.check(c.model)


def test_a_row_past_its_clock_is_red_and_a_denouncer_is_masked(qtbot, office, cases):
    view, c = _tab(qtbot, office["chutich"])  # even the chairman: a list never shows who
    c.view.bucket_buttons["all"].click()
    late, soon = c.model.row_of(cases["late"]), c.model.row_of(cases["soon"])
    brush = c.model.index(late, 0).data(Qt.ItemDataRole.ForegroundRole)
    assert brush is not None and brush.color() == OVERDUE
    assert c.model.index(c.model.row_of(cases["fresh"]), 0).data(
        Qt.ItemDataRole.ForegroundRole) is None
    cells = [c.model.index(soon, col).data(role) for col in range(c.model.columnCount())
             for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)]
    assert not any("Trần Văn Tố" in (x or "") for x in cells)
    assert c.model.index(soon, 3).data() == "(giữ bí mật)"
    assert c.model.index(late, 3).data() == "Phạm Văn Hùng"
    # a search never finds a denouncer by name
    c.view.search.setText("tran van to")
    c.view.search.flush()
    assert c.model.ids() == []


def test_filters_and_the_open_cases(qtbot, office, cases):
    view, c = _tab(qtbot, office["canbo"])
    v = c.view
    v.kind.setCurrentIndex(v.kind.findData("complaint"))
    assert c.mode == "all" and c.model.ids() == [cases["late"]]
    v.kind.setCurrentIndex(0)
    v.handler.setCurrentIndex(v.handler.findText("Hoàng Thị Lan"))
    assert sorted(c.model.ids()) == sorted([cases["late"], cases["answered"]])
    v.handler.setCurrentIndex(0)
    v.status.setCurrentIndex(v.status.findData("open"))
    assert sorted(c.model.ids()) == sorted(cases.values())  # none has ended
    v.status.setCurrentIndex(v.status.findData("resolved"))
    assert c.model.ids() == [cases["answered"]]
    v.status.setCurrentIndex(0)
    v.field.setCurrentIndex(v.field.findData("social"))
    assert c.model.ids() == [cases["answered"]]
    v.field.setCurrentIndex(0)
    v.start.setText(ago(25).strftime("%d/%m/%Y"))
    v.start.editingFinished.emit()
    assert sorted(c.model.ids()) == sorted([cases["fresh"], cases["answered"]])
    v.start.setText("31/02/2026")
    v.start.editingFinished.emit()
    assert v.filter_error.isVisibleTo(view) and c.model.ids() == []
    v.start.clear()
    v.start.editingFinished.emit()
    v.channel.setCurrentIndex(v.channel.findData("post"))
    assert c.model.ids() == []


def test_the_keyboard_lookup_new_and_refresh(qtbot, office, cases, monkeypatch):
    clerk = office["canbo"]
    view, c = _tab(qtbot, clerk)
    opened: list = []
    monkeypatch.setattr(c, "open_petition", lambda key: opened.append(key))
    qtbot.keyClick(c.view.table, Qt.Key.Key_F2)
    assert c.view.lookup.hasFocus()
    late = queries.get_petitions(clerk, [cases["late"]])[0]
    qtbot.keyClicks(c.view.lookup, late.reference)
    qtbot.keyClick(c.view.lookup, Qt.Key.Key_Return)
    assert opened == [cases["late"]] and c.mode == "lookup" and c.model.ids() == [cases["late"]]
    if late.year == today().year:  # the number alone: this year's register
        c.view.lookup.setText(str(late.number))
        qtbot.keyClick(c.view.lookup, Qt.Key.Key_Return)
        assert opened == [cases["late"]] * 2
    c.view.lookup.setText("99/2001")
    qtbot.keyClick(c.view.lookup, Qt.Key.Key_Return)
    assert "Không tìm thấy" in c.view.lookup_status.text()
    c.view.lookup.setText("duong")  # words: a search ("đèn đường" and "đường giao thông")
    qtbot.keyClick(c.view.lookup, Qt.Key.Key_Return)
    assert c.mode == "lookup" and c.model.ids() == [cases["fresh"]]
    # F5 reads again what another computer wrote
    other = receive(clerk, days=1, subject="Kiến nghị nạo vét kênh", field="environment")
    c.view.bucket_buttons["classify"].click()
    qtbot.keyClick(c.view.table, Qt.Key.Key_F5)
    assert other.id in c.model.ids()
    qtbot.keyClick(c.view.table, Qt.Key.Key_N, CTRL)
    assert c.dialog is not None and c.dialog.isVisible()
    c.dialog.reject()
    qtbot.waitUntil(lambda: c.dialog is None)


def test_the_tab_in_the_main_window_for_who_receives_petitions(qtbot, office):
    from ui.main_window import MainWindow

    for name, shown in (("canbo", True), ("tuphap", True), ("chutich", True), ("admin", True)):
        win = MainWindow(office[name])
        qtbot.addWidget(win)
        assert (TAB in win.pages) is shown
        assert win.nav.item(1).text() == TAB  # beside the desk, as the tabs are listed
        tab = win.controllers[TAB]
        assert tab.view.tabs.tabText(0) == "Đơn thư"
        assert tab.petitions.view.new_button.isEnabled()
        win.close()


def test_shortcuts_belong_to_the_page_on_screen(qtbot, office, monkeypatch):
    """The desk and the petitions page both answer Ctrl+N, F2 and F5: only the one shown
    does; and a sub-tab beside “Đơn thư” (citizen reception) takes them from it."""

    from ui.main_window import MainWindow

    win = MainWindow(office["canbo"])
    qtbot.addWidget(win)
    with qtbot.waitActive(win):
        win.show()
        win.activateWindow()
    desk, tab = win.controllers["Tiếp nhận & trả kết quả"], win.controllers[TAB]
    qtbot.keyClick(win, Qt.Key.Key_N, CTRL)
    assert desk.dialog is not None and tab.petitions.dialog is None
    desk.close_windows()
    qtbot.waitUntil(lambda: desk.dialog is None)
    win.show_page(TAB)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    qtbot.keyClick(win, Qt.Key.Key_N, CTRL)
    assert tab.petitions.dialog is not None and desk.dialog is None
    tab.close_windows()
    qtbot.waitUntil(lambda: tab.petitions.dialog is None)
    asked = []  # the reception sub-tab's Ctrl+N asks for a visit, not a petition
    monkeypatch.setattr(VisitDialog, "ask", classmethod(lambda cls, *a, **k: asked.append(1)))
    tab.view.tabs.setCurrentWidget(tab.reception_page)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    qtbot.keyClick(win, Qt.Key.Key_N, CTRL)
    assert tab.petitions.dialog is None and asked == [1]
