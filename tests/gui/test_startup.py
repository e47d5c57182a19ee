"""First start, sign-in and the way to the main window."""

from __future__ import annotations

import pytest

from app import settings, setup, users
from app.database import open_memory
from ui.startup.flow import AppFlow
from ui.startup.login_dialog import LoginDialog
from ui.startup.setup_dialog import SetupDialog


@pytest.fixture
def empty_ctx():
    ctx = open_memory()
    yield ctx
    ctx.engine.dispose()


def _fill_setup(dlg: SetupDialog, again: str = "batdau2024") -> None:
    values = {"commune_name": "Xã Quang Trung", "province": "Thanh Hóa",
              "place_name": "Quang Trung", "agency_id": "000.17.22.H56",
              "chairman_name": "Lê Văn Minh"}
    for key, value in values.items():
        dlg.profile[key].setText(value)
    dlg.username.setText("QuanTri")
    dlg.full_name.setText("Phạm Văn Toàn")
    dlg.password.setText("batdau2024")
    dlg.password_again.setText(again)


def test_login_success(qtbot, ctx, password):
    dlg = LoginDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.username.setText("canbo")
    dlg.password.setText(password)
    with qtbot.waitSignal(dlg.logged_in) as blocker:
        qtbot.keyClick(dlg.password, "\r")  # Enter signs in
    user = blocker.args[0]
    assert user.username == "canbo" and user.full_name == "Lê Thị Lan"
    assert not dlg.isVisible()


def test_login_failure_says_why_and_stays_open(qtbot, ctx):
    dlg = LoginDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.username.setText("canbo")
    dlg.password.setText("sai-mat-khau")
    with qtbot.assertNotEmitted(dlg.logged_in):
        dlg.ok_button.click()
    assert dlg.isVisible()
    assert dlg.error.text() == "Tên đăng nhập hoặc mật khẩu không đúng."
    assert dlg.password.text() == "" and dlg.username.text() == "canbo"


def test_login_shows_demo_accounts_only_on_demo(qtbot, ctx):
    plain = LoginDialog(ctx)
    demo = LoginDialog(ctx, demo_accounts=["quantri", "motcua"])
    qtbot.addWidget(plain)
    qtbot.addWidget(demo)
    assert plain.hint.isHidden()
    assert not demo.hint.isHidden()
    assert "quantri" in demo.hint.text() and "quangtrung" in demo.hint.text()


def test_setup_creates_the_administrator(qtbot, empty_ctx):
    assert setup.needs_setup(empty_ctx)
    dlg = SetupDialog(empty_ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    labels = [dlg.form.labelForField(e).text() for e in dlg.profile.values()]
    assert labels[0] == settings.OPTIONS["commune_name"].label + ":"
    _fill_setup(dlg, again="khac-nhau")
    dlg.ok_button.click()
    assert dlg.error.text() == "Hai lần nhập mật khẩu không khớp nhau."
    assert setup.needs_setup(empty_ctx) and dlg.isVisible()
    dlg.password_again.setText("batdau2024")
    with qtbot.waitSignal(dlg.saved) as blocker:
        dlg.ok_button.click()
    assert blocker.args == ["quantri"]
    assert not setup.needs_setup(empty_ctx)
    assert settings.profile(empty_ctx).commune_name == "Quang Trung"
    assert users.authenticate(empty_ctx, "quantri", "batdau2024").role.value == "admin"


def test_flow_from_first_start_to_main_window_and_back(qtbot, empty_ctx):
    flow = AppFlow(empty_ctx)
    flow.start()
    dlg = flow.setup_dialog
    qtbot.addWidget(dlg)
    assert dlg.isVisible() and flow.login_dialog is None
    _fill_setup(dlg)
    dlg.ok_button.click()
    login = flow.login_dialog
    qtbot.addWidget(login)
    assert login.isVisible() and login.username.text() == "quantri"
    assert login.hint.isHidden()
    login.password.setText("batdau2024")
    with qtbot.waitSignal(flow.window_shown) as blocker:
        login.ok_button.click()
    window = blocker.args[0]
    qtbot.addWidget(window)
    assert window.windowTitle() == "Một cửa thân thiện – UBND xã Quang Trung"
    assert "Phạm Văn Toàn" in window.user_label.text()
    assert "Quản trị hệ thống" in window.user_label.text()
    with qtbot.assertNotEmitted(flow.finished):
        window.logout_action.trigger()
    assert flow.login_dialog.isVisible() and flow.window is None
    qtbot.addWidget(flow.login_dialog)
    # the next person signs in with their own name: the field is empty, the cursor in it
    assert flow.login_dialog.username.text() == "" and flow.login_dialog.password.text() == ""
    assert flow.login_dialog.focusWidget() is flow.login_dialog.username
    with qtbot.waitSignal(flow.finished) as done:
        flow.login_dialog.cancel_button.click()
    assert done.args == [0]


def test_first_start_can_open_the_demo_instead(qtbot, empty_ctx, monkeypatch):
    """The demo button opens the demo file, never the database being set up."""
    from ui.startup import demo

    opened = []
    monkeypatch.setattr(demo.DemoOpener, "start", lambda self, path=None: opened.append(path))
    flow = AppFlow(empty_ctx)
    flow.start()
    qtbot.addWidget(flow.setup_dialog)
    flow.setup_dialog.demo_button.click()
    from app import paths

    assert opened == [paths.demo_db_path()]
    assert setup.needs_setup(empty_ctx)


def test_launch_refuses_a_database_from_a_newer_program(qtbot, qapp, monkeypatch, boxes, tmp_path):
    import sys

    from app.errors import DatabaseTooNew
    from ui import launch as launch_module

    def too_new(path):
        raise DatabaseTooNew("Cơ sở dữ liệu này do phiên bản mới hơn của chương trình tạo ra.")

    monkeypatch.setattr(launch_module, "open_database", too_new)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    quit_on_close = qapp.quitOnLastWindowClosed()
    try:
        assert launch_module.launch(db=str(tmp_path / "moi.sqlite3")) == 1
    finally:
        qapp.setQuitOnLastWindowClosed(quit_on_close)
    assert boxes.errors == ["Cơ sở dữ liệu này do phiên bản mới hơn của chương trình tạo ra."]
    assert qapp.applicationName() == "commune-desk"
