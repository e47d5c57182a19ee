"""The households screen: search without diacritics, add through the dialog, import from Excel."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app import resident_lists
from app.excel import write_sheet
from app.household_io import HEADERS
from ui.common.widgets import FilePicker
from ui.registers.households.controller import build


@pytest.fixture
def screen(qtbot, admin_ctx):
    view, controller = build(admin_ctx)
    qtbot.addWidget(view)
    view.show()
    return view, controller


def _names(controller) -> list[str]:
    m = controller.model
    return [m.index(i, 1).data() for i in range(m.rowCount())]


def _search(qtbot, view, controller, text: str) -> None:
    with qtbot.waitSignal(controller.results_changed, timeout=2000):
        view.search.setText(text)  # debounced: the search runs ~200 ms later


def test_search_without_diacritics(qtbot, screen):
    view, controller = screen
    assert len(_names(controller)) == 3
    _search(qtbot, view, controller, "nguyen van")
    assert _names(controller) == ["Nguyễn Văn Thắng"]
    _search(qtbot, view, controller, "dang")
    assert _names(controller) == ["Đặng Thị Hà"]
    assert view.count_label.text() == "1 hộ"


def test_escape_clears_search_and_ctrl_f_focuses_it(qtbot, screen):
    view, controller = screen
    _search(qtbot, view, controller, "dang")
    with qtbot.waitActive(view):
        view.activateWindow()
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert view.search.hasFocus()
    with qtbot.waitSignal(controller.results_changed, timeout=2000):
        qtbot.keyClick(view.search, Qt.Key.Key_Escape)
    assert view.search.text() == ""
    assert len(_names(controller)) == 3


def test_village_filter(qtbot, screen):
    view, controller = screen
    i = controller.village_filter.findText("Phú Thọ")
    controller.village_filter.setCurrentIndex(i)
    assert _names(controller) == ["Đặng Thị Hà"]


def _fill_new_household(dlg, name: str, cccd: str = "") -> None:
    dlg.village.setCurrentIndex(dlg.village.findText("Đồng Lạc"))
    dlg.address.setText("Xóm 5")
    dlg.code.setText("DL-009")
    dlg.head_name.setText(name)
    dlg.head_birth.setText("15/08/1990")
    dlg.head_cccd.setText(cccd)


def test_add_household_through_the_dialog(qtbot, screen, admin_ctx):
    view, controller = screen
    controller.add_button.click()
    dlg = controller.dialog
    assert dlg.isVisible() and dlg.windowTitle() == "Thêm hộ gia đình"
    _fill_new_household(dlg, "Lê Văn Cường", "038090000123")
    # a member, collected before the household is written
    dlg.add_member_button.click()
    member = dlg.member_dialog
    member.full_name.setText("Hoàng Thị Dung")
    member.sex.set_value(member.sex.itemData(1))
    member.relation.setCurrentText("Vợ")
    member.ok_button.click()
    assert dlg.members.rowCount() == 1
    with qtbot.waitSignal(controller.results_changed):
        dlg.ok_button.click()
    assert "Lê Văn Cường" in _names(controller)
    assert controller.selected_row().head_name == "Lê Văn Cường"
    assert controller.selected_row().members == 2
    hh = resident_lists.get_household(admin_ctx, controller.selected_id())
    assert hh.row.code == "DL-009" and hh.row.village == "Đồng Lạc"


def test_bad_cccd_is_shown_and_nothing_is_written(qtbot, screen, admin_ctx):
    view, controller = screen
    before = resident_lists.search_household_ids(admin_ctx)
    controller.add_button.click()
    dlg = controller.dialog
    _fill_new_household(dlg, "Lê Văn Cường", "12345")
    dlg.ok_button.click()
    assert dlg.isVisible()  # stays open with what was typed
    assert dlg.error.isVisible()
    assert dlg.error.text() == "Số căn cước công dân “12345” không hợp lệ: phải gồm đúng 12 chữ số."
    assert dlg.head_name.text() == "Lê Văn Cường"
    assert resident_lists.search_household_ids(admin_ctx) == before
    # a duplicate CCCD is refused by the service the same way
    dlg.head_cccd.setText("038070000001")
    dlg.ok_button.click()
    assert "Nguyễn Văn Thắng" in dlg.error.text()
    assert resident_lists.search_household_ids(admin_ctx) == before


def test_edit_household_members_and_head(qtbot, screen, admin_ctx):
    view, controller = screen
    _search(qtbot, view, controller, "DL-001")  # by number: the head changes below
    controller.select_id(controller.model.id_at(0))
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Return)  # Enter opens the selected household
    dlg = controller.dialog
    assert dlg.windowTitle() == "Sửa hộ gia đình"
    assert dlg.members.rowCount() == 3
    dlg.add_member_button.click()
    dlg.member_dialog.full_name.setText("Nguyễn Thị Bé")
    dlg.member_dialog.birth_date.setText("01/06/2020")
    dlg.member_dialog.relation.setCurrentText("Cháu")
    dlg.member_dialog.ok_button.click()
    assert dlg.members.rowCount() == 4  # written at once
    # make the wife the head
    row = next(i for i in range(4) if dlg.members.row_at(i).full_name == "Phạm Thị Mai")
    dlg.member_table.selectRow(row)
    dlg.set_head_button.click()
    assert dlg.members.row_at(0).full_name == "Phạm Thị Mai" and dlg.members.row_at(0).is_head
    dlg.address.setText("Xóm 1, đường Lê Lợi")
    with qtbot.waitSignal(controller.results_changed):
        dlg.ok_button.click()
    row = controller.selected_row()
    assert row.head_name == "Phạm Thị Mai" and row.members == 4
    assert row.address == "Xóm 1, đường Lê Lợi"


def test_deactivate_asks_first(qtbot, screen, boxes, admin_ctx):
    view, controller = screen
    _search(qtbot, view, controller, "binh")
    controller.select_id(controller.model.id_at(0))
    assert controller.toggle_button.text() == "Ngừng quản lý"
    boxes.answer = False
    controller.toggle_button.click()
    assert len(boxes.asked) == 1 and "Trần Văn Bình" in boxes.asked[0]
    assert _names(controller) == ["Trần Văn Bình"]
    boxes.answer = True
    controller.toggle_button.click()
    qtbot.waitUntil(lambda: _names(controller) == [])  # once the write is told (app.changes)
    view.show_inactive.setChecked(True)
    controller.select_id(controller.model.id_at(0))
    assert controller.toggle_button.text() == "Khôi phục"
    controller.toggle_button.click()
    qtbot.waitUntil(lambda: controller.selected_row().active)  # the selection stays on it


def _write_import_file(path) -> None:
    rows = [
        ["H-101", "Đồng Lạc", "Xóm 4", "Vũ Văn Long", "Nam", "10/10/1975", "038075000101", "", "Chủ hộ"],
        ["H-101", "Đồng Lạc", "Xóm 4", "Vũ Thị Hồng", "Nữ", "11/11/1978", "", "", "Vợ"],
        ["H-102", "Phú Thọ", "Xóm 6", "Lý Văn Nam", "Nam", "01/01/1980", "", "", "Chủ hộ"],
        ["H-103", "Phú Thọ", "Xóm 7", "Đỗ Văn Sơn", "Nam", "02/02/1982", "123", "", "Chủ hộ"],
    ]
    write_sheet(path, "Hộ gia đình", HEADERS, rows)


def test_import_with_a_bad_row(qtbot, screen, monkeypatch, tmp_path, admin_ctx, boxes):
    view, controller = screen
    path = tmp_path / "ho-moi.xlsx"
    _write_import_file(path)
    monkeypatch.setattr(FilePicker, "open_excel", classmethod(lambda cls, *a, **k: path))
    with qtbot.waitSignal(controller.preview_runner.succeeded, timeout=10000):
        controller.import_button.click()
    dlg = controller.dialog
    assert dlg.isVisible()
    issues = [dlg.issues.row_at(i) for i in range(dlg.issues.rowCount())]
    assert [(i.row, i.label) for i in issues] == [(5, "Đỗ Văn Sơn")]
    assert "12 chữ số" in dlg.issues.index(0, 2).data()
    assert "2 hộ gia đình hợp lệ" in dlg.summary.text()
    assert not dlg.import_button.isEnabled()
    assert dlg.only_good_button.isEnabled()
    with qtbot.waitSignal(dlg.runner.succeeded, timeout=10000) as blocker:
        dlg.only_good_button.click()
    assert blocker.args == [2]
    assert boxes.informed == ["Đã nhập 2 hộ gia đình từ tệp “ho-moi.xlsx”."]
    qtbot.waitUntil(lambda: "Vũ Văn Long" in _names(controller))
    assert "Lý Văn Nam" in _names(controller) and "Đỗ Văn Sơn" not in _names(controller)
    assert resident_lists.search_resident_ids(admin_ctx, "vu thi hong")


def test_clean_import_and_export(qtbot, screen, monkeypatch, tmp_path, boxes):
    view, controller = screen
    out = tmp_path / "so-ho.xlsx"
    monkeypatch.setattr(FilePicker, "save_excel", classmethod(lambda cls, *a, **k: out))
    with qtbot.waitSignal(controller.export_runner.succeeded, timeout=10000) as blocker:
        controller.export_button.click()
    assert blocker.args == [5] and out.exists()
    assert "5 nhân khẩu" in boxes.informed[0]
    # the export is a clean import file, refused only because the households exist
    good = tmp_path / "good.xlsx"
    _write_import_file(good)
    from openpyxl import load_workbook

    wb = load_workbook(good)
    wb.active.delete_rows(5)
    wb.save(good)
    monkeypatch.setattr(FilePicker, "open_excel", classmethod(lambda cls, *a, **k: good))
    with qtbot.waitSignal(controller.preview_runner.succeeded, timeout=10000):
        controller.import_button.click()
    dlg = controller.dialog
    assert dlg.import_button.isEnabled() and not dlg.only_good_button.isVisible()
    with qtbot.waitSignal(dlg.runner.succeeded, timeout=10000):
        dlg.import_button.click()
    qtbot.waitUntil(lambda: controller.model.total == 5)


def test_clerk_may_edit_households(qtbot, clerk_ctx):
    view, controller = build(clerk_ctx)
    qtbot.addWidget(view)
    assert controller.add_button.isEnabled() and controller.import_button.isEnabled()


def test_keyboard_only_search_then_open(qtbot, screen):
    """Type a name, Enter goes to the first row, Enter again opens the household."""
    view, controller = screen
    with qtbot.waitActive(view):
        view.activateWindow()
    view.search.setFocus()
    qtbot.keyClicks(view.search, "dang thi")
    qtbot.keyClick(view.search, Qt.Key.Key_Return)  # searches at once, no waiting
    assert _names(controller) == ["Đặng Thị Hà"]
    assert view.table.hasFocus() and controller.selected_row().head_name == "Đặng Thị Hà"
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    dlg = controller.dialog
    assert dlg.isVisible() and dlg.code.text() == "PT-001"


def test_dialog_tab_order_follows_the_screen(qtbot, screen):
    view, controller = screen
    controller.add_button.click()
    dlg = controller.dialog
    assert dlg.focusWidget() is dlg.village  # the first field, not the Lưu button
    seen, w = [], dlg.village
    while len(seen) < 8:
        if w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.isVisible() and w.isEnabled():
            seen.append(w)
        w = w.nextInFocusChain()
    assert seen == [dlg.village, dlg.address, dlg.code, dlg.head_name, dlg.head_sex,
                    dlg.head_birth, dlg.head_cccd, dlg.head_phone]
