"""Villages, residents, procedures, calendar, accounts and profile screens."""

from __future__ import annotations

import datetime as dt

import pytest

from app import calendar, procedures, resident_lists, residents, settings, users, villages
from ui.common.widgets import FilePicker
from ui.registers.calendar.controller import build as build_calendar
from ui.registers.procedures.controller import build as build_procedures
from ui.registers.profile.controller import build as build_profile
from ui.registers.residents.controller import build as build_residents
from ui.registers.users.controller import build as build_accounts
from ui.registers.villages.controller import build as build_villages


def _open(qtbot, builder, ctx):
    view, controller = builder(ctx)
    qtbot.addWidget(view)
    view.show()
    return view, controller


def _column(controller, col: int) -> list[str]:
    m = controller.model
    return [m.index(i, col).data() for i in range(m.rowCount())]


def _search(qtbot, view, controller, text):
    with qtbot.waitSignal(controller.results_changed, timeout=2000):
        view.search.setText(text)


# -- villages -------------------------------------------------------------------------------

def test_villages_add_rename_deactivate(qtbot, admin_ctx, boxes):
    view, c = _open(qtbot, build_villages, admin_ctx)
    assert _column(c, 0) == ["Đồng Lạc", "Phú Thọ"]
    assert _column(c, 1) == ["2", "1"]  # households
    c.add_button.click()
    c.dialog.name.setText("Thôn Yên Bình")
    c.dialog.ok_button.click()
    assert "Thôn Yên Bình" in _column(c, 0)
    assert c.selected_row().name == "Thôn Yên Bình"
    # a duplicate name is refused inline
    c.add_button.click()
    c.dialog.name.setText("đồng lạc")
    c.dialog.ok_button.click()
    assert c.dialog.error.text() == "Thôn “đồng lạc” đã có trong danh mục."
    c.dialog.reject()
    # rename
    c.select_id(next(v.id for v in c.model.rows() if v.name == "Thôn Yên Bình"))
    c.edit_button.click()
    c.dialog.name.setText("Yên Bình")
    c.dialog.ok_button.click()
    assert "Yên Bình" in _column(c, 0) and "Thôn Yên Bình" not in _column(c, 0)
    # stop using it (no households), after confirming
    assert c.toggle_button.text() == "Ngừng sử dụng"
    c.toggle_button.click()
    assert "Yên Bình" in boxes.asked[0]
    qtbot.waitUntil(lambda: "Yên Bình" not in _column(c, 0))  # once the write is told
    assert [v.name for v in villages.list_villages(admin_ctx)] == ["Đồng Lạc", "Phú Thọ"]
    view.show_inactive.setChecked(True)
    assert _column(c, 3)[_column(c, 0).index("Yên Bình")] == "Ngừng sử dụng"


def test_village_with_households_cannot_be_stopped(qtbot, admin_ctx, boxes):
    view, c = _open(qtbot, build_villages, admin_ctx)
    c.select_id(c.model.id_at(0))
    c.toggle_button.click()
    assert "còn 2 hộ đang quản lý" in boxes.errors[0]
    assert len(villages.list_villages(admin_ctx)) == 2


# -- residents ------------------------------------------------------------------------------

def test_residents_search_and_edit(qtbot, admin_ctx):
    view, c = _open(qtbot, build_residents, admin_ctx)
    assert c.model.total == 5
    _search(qtbot, view, c, "038185000002")  # by CCCD
    assert _column(c, 0) == ["Đặng Thị Hà"]
    assert _column(c, 1) == ["Nữ"] and _column(c, 2) == ["02/09/1985"]
    c.select_id(c.model.id_at(0))
    c.edit_button.click()
    dlg = c.dialog
    assert dlg.full_name.text() == "Đặng Thị Hà" and not dlg.relation.isEnabled()  # the head
    dlg.phone.setText("0987 654 321")
    dlg.birth_date.setText("31/02/1985")
    dlg.ok_button.click()
    assert "không đúng dạng ngày/tháng/năm" in dlg.error.text()
    dlg.birth_date.setText("02/09/1985")
    dlg.ok_button.click()
    assert _column(c, 4) == ["0987654321"]


def test_add_resident_picks_the_household_first(qtbot, admin_ctx):
    view, c = _open(qtbot, build_residents, admin_ctx)
    c.add_button.click()
    picker = c.picker
    with qtbot.waitSignal(picker.search.search_changed, timeout=2000):
        picker.search.setText("dang thi ha")
    assert picker.model.rowCount() == 1
    picker.ok_button.click()
    dlg = c.dialog
    dlg.full_name.setText("Đặng Văn Tú")
    dlg.birth_date.setText("2015")
    dlg.relation.setCurrentText("Con")
    dlg.ok_button.click()
    assert c.selected_row().full_name == "Đặng Văn Tú"
    assert c.selected_row().household_code == "PT-001"


def test_head_cannot_be_deactivated_while_others_live_there(qtbot, admin_ctx, boxes):
    view, c = _open(qtbot, build_residents, admin_ctx)
    _search(qtbot, view, c, "thang")
    c.select_id(c.model.id_at(0))
    c.toggle_button.click()
    assert "đang là chủ hộ" in boxes.errors[0]


# -- procedures -----------------------------------------------------------------------------

def test_procedures_search_khai_sinh(qtbot, clerk_ctx):
    view, c = _open(qtbot, build_procedures, clerk_ctx)
    assert c.model.total >= 40
    _search(qtbot, view, c, "khai sinh")
    names = _column(c, 1)
    assert "Thủ tục đăng ký khai sinh" in names
    assert all("khai sinh" in n.lower() for n in names)
    row = c.model.row_at(names.index("Thủ tục đăng ký khai sinh"))
    assert row.code == "1.001193"
    assert _column(c, 3)[names.index("Thủ tục đăng ký khai sinh")].startswith("Trong ngày")
    # a clerk reads the catalogue but may not change it
    assert not c.add_button.isEnabled() and not c.import_button.isEnabled()
    c.select_id(row.id)
    assert c.edit_button.text() == "Xem…" and c.export_button.isEnabled()
    assert not c.toggle_button.isEnabled()
    c.edit_button.click()
    assert c.dialog.ok_button.isHidden() and c.dialog.code.isReadOnly()


def test_procedure_add_and_field_filter(qtbot, admin_ctx):
    view, c = _open(qtbot, build_procedures, admin_ctx)
    c.add_button.click()
    dlg = c.dialog
    dlg.code.setText("XA.001")
    dlg.name.setText("Xác nhận thử nghiệm")
    dlg.field.setCurrentText("Thử nghiệm")
    dlg.time_unit.setCurrentIndex(dlg.time_unit.findText("ngày làm việc"))
    dlg.ok_button.click()
    assert dlg.error.text() == "Thời hạn tính theo ngày làm việc phải lớn hơn 0."
    dlg.time_value.setValue(3)
    dlg.fee.setText("10.000")
    dlg.documents.setPlainText("Đơn đề nghị\nBản sao CCCD")
    dlg.ok_button.click()
    row = c.selected_row()
    assert row.code == "XA.001" and row.fee_vnd == 10000 and row.documents == ["Đơn đề nghị", "Bản sao CCCD"]
    assert _column(c, 4)[c.model.row_of(row.id)] == "10.000 đồng"
    # the new field is offered once the write is told (app.changes); the selection stays
    qtbot.waitUntil(lambda: c.field_filter.findText("Thử nghiệm") >= 0)
    assert c.selected_id() == row.id
    c.field_filter.setCurrentIndex(c.field_filter.findText("Thử nghiệm"))
    assert _column(c, 0) == ["XA.001"]


def test_procedures_export_and_reimport(qtbot, admin_ctx, monkeypatch, tmp_path, boxes):
    view, c = _open(qtbot, build_procedures, admin_ctx)
    out = tmp_path / "danh-muc.xlsx"
    monkeypatch.setattr(FilePicker, "save_excel", classmethod(lambda cls, *a, **k: out))
    with qtbot.waitSignal(c.export_runner.succeeded, timeout=10000):
        c.export_button.click()
    monkeypatch.setattr(FilePicker, "open_excel", classmethod(lambda cls, *a, **k: out))
    with qtbot.waitSignal(c.preview_runner.succeeded, timeout=10000):
        c.import_button.click()
    dlg = c.dialog
    assert dlg.import_button.isEnabled()
    with qtbot.waitSignal(dlg.runner.succeeded, timeout=20000) as blocker:
        dlg.import_button.click()
    added, updated = blocker.args[0]
    assert added == 0 and updated == c.model.total
    assert len(procedures.search_procedure_ids(admin_ctx)) == c.model.total


# -- calendar -------------------------------------------------------------------------------

def test_calendar_lists_adds_and_removes_days(qtbot, admin_ctx, boxes):
    view, c = _open(qtbot, build_calendar, admin_ctx)
    c.year.setValue(2025)
    dates = _column(c, 0)
    assert "02/09/2025" in dates and "01/01/2025" in dates
    c.add_button.click()
    dlg = c.dialog
    dlg.date.set_value(dt.date(2025, 12, 24))
    dlg.name.setText("Nghỉ thử nghiệm")
    dlg.ok_button.click()
    assert c.selected_row().date == dt.date(2025, 12, 24)
    assert _column(c, 1)[c.model.row_of(dt.date(2025, 12, 24))] == "Thứ Tư"
    # a make-up day must be a weekend day
    c.add_button.click()
    c.dialog.date.set_value(dt.date(2025, 12, 23))
    c.dialog.kind.setCurrentIndex(1)
    c.dialog.name.setText("Làm bù")
    c.dialog.ok_button.click()
    assert "phải là Thứ Bảy hoặc Chủ nhật" in c.dialog.error.text()
    c.dialog.reject()
    c.select_id(dt.date(2025, 12, 24))
    c.remove_button.click()
    assert "24/12/2025" in boxes.asked[0]
    assert dt.date(2025, 12, 24) not in [d.date for d in calendar.list_days(admin_ctx, 2025)]


def test_clerk_sees_calendar_read_only(qtbot, clerk_ctx):
    view, c = _open(qtbot, build_calendar, clerk_ctx)
    c.select_id(c.model.id_at(0))
    assert not c.add_button.isEnabled() and not c.remove_button.isEnabled()


# -- accounts -------------------------------------------------------------------------------

def test_accounts_add_reset_password_and_lock(qtbot, admin_ctx, boxes):
    view, c = _open(qtbot, build_accounts, admin_ctx)
    assert _column(c, 0) == ["canbo", "admin"] or set(_column(c, 0)) == {"canbo", "admin"}
    c.add_button.click()
    dlg = c.dialog
    dlg.username.setText("tuphap")
    dlg.full_name.setText("Hoàng Thị Lan")
    dlg.role.setCurrentIndex(dlg.role.findText("Công chức chuyên môn"))
    dlg.password.setText("abc12345")
    dlg.password_again.setText("abc12346")
    dlg.ok_button.click()
    assert dlg.error.text() == "Hai lần nhập mật khẩu không khớp nhau."
    dlg.password_again.setText("abc12345")
    dlg.ok_button.click()
    assert c.selected_row().username == "tuphap"
    assert users.authenticate(admin_ctx, "tuphap", "abc12345").role.value == "officer"
    c.password_button.click()
    c.dialog.new.setText("moi123456")
    c.dialog.again.setText("moi123456")
    c.dialog.ok_button.click()
    assert users.authenticate(admin_ctx, "tuphap", "moi123456")
    assert c.toggle_button.text() == "Khóa tài khoản"
    c.toggle_button.click()
    qtbot.waitUntil(lambda: _column(c, 4)[c.model.row_of(c.selected_id())] == "Đã khóa")


# -- profile --------------------------------------------------------------------------------

def test_profile_admin_edits_clerk_views(qtbot, admin_ctx, clerk_ctx):
    view, c = _open(qtbot, build_profile, admin_ctx)
    assert view.fields["commune_name"].text() == "Quang Trung"
    view.fields["agency_id"].setText("mã sai!")
    c.view.save_button.click()
    assert "Mã cơ quan" in view.error.text()
    view.fields["agency_id"].setText("000.17.22.H56")
    view.fields["chairman_name"].setText("Trần Văn Nam")
    with qtbot.waitSignal(c.profile_saved):
        view.save_button.click()
    assert settings.profile(admin_ctx).chairman_name == "Trần Văn Nam"
    clerk_view, _ = _open(qtbot, build_profile, clerk_ctx)
    assert clerk_view.fields["commune_name"].isReadOnly()
    assert clerk_view.save_button.isHidden()


@pytest.mark.parametrize("builder", [build_villages, build_residents, build_procedures])
def test_ctrl_n_opens_the_add_dialog(qtbot, admin_ctx, builder):
    from PySide6.QtCore import Qt

    view, c = _open(qtbot, builder, admin_ctx)
    with qtbot.waitActive(view):
        view.activateWindow()
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    opened = c.dialog or getattr(c, "picker", None)
    assert opened is not None and opened.isVisible()
    opened.reject()


def test_residents_model_counts_after_household_changes(qtbot, admin_ctx):
    view, c = _open(qtbot, build_residents, admin_ctx)
    hh = resident_lists.search_household_ids(admin_ctx, "binh")[0]
    residents.set_household_active(admin_ctx, hh, False)
    c.refresh()
    assert c.model.total == 5  # residents of an inactive household stay listed as they are


def test_chairman_opens_a_household_read_only(qtbot, ctx):
    from app import users
    from ui.registers.households.controller import build as build_households

    users.create_user(ctx, "chutich", "Lê Văn Minh", "chairman", "matkhau123")
    chairman = ctx.as_user(users.authenticate(ctx, "chutich", "matkhau123"))
    view, c = _open(qtbot, build_households, chairman)
    assert not c.add_button.isEnabled() and not c.import_button.isEnabled()
    c.select_id(c.model.id_at(0))
    assert not c.toggle_button.isEnabled()
    assert c.edit_button.text() == "Xem…" and c.edit_button.isEnabled()
    c.edit_button.click()
    dlg = c.dialog
    assert dlg.windowTitle() == "Xem hộ gia đình"
    assert dlg.address.isReadOnly() and not dlg.village.isEnabled()
    assert dlg.ok_button.isHidden() and dlg.cancel_button.text() == "Đóng"
    assert dlg.add_member_button.isHidden() and dlg.members.rowCount() >= 1
