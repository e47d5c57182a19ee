"""Switching the interface language from the main window's “Ngôn ngữ / Language” menu."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app import settings
from app.i18n import current_language, set_language
from ui.startup.flow import AppFlow


@pytest.fixture
def signed_in(qtbot, ctx, password):
    """An AppFlow with the administrator signed in; Vietnamese again afterwards."""
    set_language("vi")
    flow = AppFlow(ctx)
    flow.show_login()
    login = flow.login_dialog
    qtbot.addWidget(login)
    login.username.setText("admin")
    login.password.setText(password)
    with qtbot.waitSignal(flow.window_shown):
        login.ok_button.click()
    yield flow
    try:
        if flow.window is not None:
            flow.window.closed.disconnect()
            flow.window.close()
            flow.window.deleteLater()
    finally:
        set_language("vi")


def _nav(window) -> list[str]:
    return [window.nav.item(i).text() for i in range(window.nav.count())]


def test_language_menu_rebuilds_the_window_in_english(qtbot, ctx, signed_in):
    flow = signed_in
    window = flow.window
    assert _nav(window)[:3] == ["Tiếp nhận & trả kết quả", "Đơn thư & Tiếp công dân", "Thư"]
    assert window.language_menu.actions["vi"].isChecked()
    with qtbot.waitSignal(flow.window_shown) as shown:
        window.language_menu.actions["en"].trigger()
    english = shown.args[0]
    assert english is flow.window and english is not window
    assert current_language() == "en"
    assert settings.read_all(ctx)["language"] == "en"
    assert _nav(english)[:5] == ["Reception & results", "Petitions & citizen reception",
                                 "Letters", "Households", "Residents"]
    assert [a.text() for a in english.menuBar().actions()] == [
        "&File", "&Account", "Ngôn ngữ / Language"]
    assert english.language_menu.actions["en"].isChecked()
    assert english.user_label.text() == "Signed in: Quản Văn Trị (admin) – System administrator"
    households = english.controllers["Hộ gia đình"]  # keys stay the Vietnamese source strings
    assert households.model.headerData(2, Qt.Orientation.Horizontal) == "Village"
    assert households.view.count_label.text() == "3 households"
    assert english.isVisible() and not window.isVisible()

    with qtbot.waitSignal(flow.window_shown) as shown:
        english.language_menu.actions["vi"].trigger()
    assert _nav(shown.args[0])[0] == "Tiếp nhận & trả kết quả"
    assert settings.read_all(ctx)["language"] == "vi"


def test_choosing_the_current_language_changes_nothing(qtbot, signed_in):
    flow = signed_in
    window = flow.window
    with qtbot.assertNotEmitted(flow.window_shown):
        window.language_menu.actions["vi"].trigger()
    assert flow.window is window and current_language() == "vi"


def test_the_stored_language_is_applied_on_start(qtbot, admin_ctx):
    from ui.language import apply_stored_language

    assert apply_stored_language(admin_ctx) == "vi"
    settings.save_language(admin_ctx, "en")
    try:
        assert apply_stored_language(admin_ctx) == "en" and current_language() == "en"
    finally:
        set_language("vi")
