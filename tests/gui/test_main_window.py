"""The main window: which registers each role sees, menus, status bar, title, shortcuts."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app import settings
from app.changes import Topic
from ui.common.widgets import FilePicker
from ui.main_window import MainWindow

REGISTERS = ["Tiếp nhận & trả kết quả", "Đơn thư & Tiếp công dân", "Thư", "Hộ gia đình", "Nhân khẩu", "Thôn", "Danh mục TTHC", "Lịch nghỉ lễ", "Tài khoản",
             "Thông tin đơn vị", "In ấn"]


def _nav(win) -> list[str]:
    return [win.nav.item(i).text() for i in range(win.nav.count())]


def test_admin_sees_every_register(window):
    assert _nav(window) == REGISTERS
    assert window.windowTitle() == "Một cửa thân thiện – UBND xã Quang Trung"
    assert window.user_label.text() == "Đăng nhập: Quản Văn Trị (admin) – Quản trị hệ thống"
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["&Tệp", "Tài &khoản", "Ngôn ngữ / Language"]


def test_clerk_has_no_accounts_screen(qtbot, clerk_ctx):
    win = MainWindow(clerk_ctx)
    qtbot.addWidget(win)
    assert "Tài khoản" not in _nav(win) and "Tài khoản" not in win.pages
    assert _nav(win) == [t for t in REGISTERS if t != "Tài khoản"]
    assert "Cán bộ tiếp nhận và trả kết quả" in win.user_label.text()
    assert not win.backup_action.isEnabled()
    assert win.pages["Thông tin đơn vị"].fields["commune_name"].isReadOnly()


def test_pages_switch_with_the_list_and_ctrl_digits(qtbot, window):
    window.show_page("Thôn")
    assert window.stack.currentWidget() is window.pages["Thôn"]
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.pages["Danh mục TTHC"]
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.pages["Tiếp nhận & trả kết quả"]


def test_a_village_added_shows_in_the_households_filter(qtbot, window):
    """The households page, hidden, refreshes when it is shown (not at once, not by the
    main window calling it)."""
    villages_ctl = window.controllers["Thôn"]
    households = window.controllers["Hộ gia đình"]
    refreshed: list = []
    households.watch.refreshed.connect(refreshed.append)
    window.show_page("Thôn")
    villages_ctl.add_button.click()
    villages_ctl.dialog.name.setText("Yên Bình")
    villages_ctl.dialog.ok_button.click()
    qtbot.waitUntil(lambda: bool(households.watch.pending))  # told, kept for later
    combo = households.village_filter
    assert combo.findText("Yên Bình") < 0 and not refreshed
    window.show_page("Hộ gia đình")
    assert combo.findText("Yên Bình") >= 0
    assert refreshed == [{Topic.VILLAGES}] and not households.watch.pending


def test_profile_save_updates_the_title(qtbot, window):
    view = window.show_page("Thông tin đơn vị")
    view.fields["commune_name"].setText("Quang Trung Mới")
    view.save_button.click()
    assert window.windowTitle() == "Một cửa thân thiện – UBND xã Quang Trung Mới"
    assert settings.profile(window.ctx).commune_name == "Quang Trung Mới"


def test_change_own_password(qtbot, clerk_ctx, boxes):
    from app import users

    win = MainWindow(clerk_ctx)
    qtbot.addWidget(win)
    win.password_action.trigger()
    dlg = win.dialog
    assert dlg.old is not None  # a clerk types the current password first
    dlg.old.setText("sai")
    dlg.new.setText("matkhaumoi1")
    dlg.again.setText("matkhaumoi1")
    dlg.ok_button.click()
    assert dlg.error.text() == "Mật khẩu hiện tại không đúng."
    dlg.old.setText("matkhau123")
    dlg.ok_button.click()
    assert boxes.informed and users.authenticate(clerk_ctx, "canbo", "matkhaumoi1")


def test_logout_is_announced(qtbot, window):
    with qtbot.waitSignal(window.logged_out):
        window.logout_action.trigger()


def test_backup_runs_on_the_worker(qtbot, tmp_path, monkeypatch, boxes, file_ctx):
    from app import users

    admin = file_ctx.as_user(users.authenticate(file_ctx, "admin", "matkhau123"))
    win = MainWindow(admin)
    qtbot.addWidget(win)
    assert win.backup_action.isEnabled()
    dest = tmp_path / "sao-luu.sqlite3"
    monkeypatch.setattr(FilePicker, "save_backup", classmethod(lambda cls, *a: dest))
    with qtbot.waitSignal(win.runner.succeeded, timeout=10000):
        win.backup_action.trigger()
    assert dest.exists() and dest.stat().st_size > 0
    assert str(dest) in boxes.informed[0]
