"""The “In ấn” screen: paper margins within the law, signers, the test page; admin only edits.
Also the registers' “In danh sách…” buttons, which need the print engine (app.paper)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app import settings
from ui.preview import PreviewDialog
from ui.registers.paper.controller import build


@pytest.fixture
def open_screen(qtbot):
    def opener(ctx):
        view, controller = build(ctx)
        qtbot.addWidget(view)
        view.show()
        return view, controller
    return opener


@pytest.fixture
def captured(monkeypatch) -> list:
    """Printouts handed to the preview (instead of opening it)."""
    shown = []
    monkeypatch.setattr(PreviewDialog, "show_printout",
                        classmethod(lambda cls, parent, printout: shown.append(printout)))
    return shown


def test_shows_saved_values_and_profile_lines(open_screen, admin_ctx):
    view, _c = open_screen(admin_ctx)
    assert view.margins["margin_left_mm"].value() == 30
    assert view.body_size.value() == 13
    assert view.signer_title.text() == "CHỦ TỊCH"
    assert view.place_name.text() == "Quang Trung"
    assert view.agency_lines.text() == "UBND TỈNH THANH HÓA\nỦY BAN NHÂN DÂN XÃ QUANG TRUNG"


def test_follows_settings_saved_elsewhere_but_keeps_what_is_typed(qtbot, open_screen,
                                                                  admin_ctx):
    view, c = open_screen(admin_ctx)
    refreshed: list = []
    c.watch.refreshed.connect(refreshed.append)
    settings.save_paper(admin_ctx, {**c.values(), "margin_left_mm": 35})  # another desk
    qtbot.waitUntil(lambda: view.margins["margin_left_mm"].value() == 35)
    view.signer_title.setText("KT. CHỦ TỊCH")  # typed, not saved
    profile = settings.read_all(admin_ctx)
    settings.save_profile(admin_ctx, {k: profile[k] for k in settings.EDITABLE_KEYS}
                          | {"place_name": "Quang Trung Mới"})
    qtbot.waitUntil(lambda: view.place_name.text() == "Quang Trung Mới")
    assert view.signer_title.text() == "KT. CHỦ TỊCH" and c.dirty
    assert len(refreshed) == 2
    view.reset_button.click()  # Hoàn tác: what is saved
    assert view.signer_title.text() == "CHỦ TỊCH" and not c.dirty


def test_spin_boxes_hold_only_the_legal_ranges(qtbot, open_screen, admin_ctx):
    view, _c = open_screen(admin_ctx)
    for key, (low, high) in settings.MARGIN_RANGES.items():
        assert (view.margins[key].minimum(), view.margins[key].maximum()) == (low, high)
    assert (view.body_size.minimum(), view.body_size.maximum()) == (13, 14)
    top = view.margins["margin_top_mm"]
    top.lineEdit().selectAll()
    qtbot.keyClicks(top, "40")  # refused by the widget as it is typed
    assert 20 <= top.value() <= 25


def test_admin_saves(qtbot, open_screen, admin_ctx):
    view, c = open_screen(admin_ctx)
    view.margins["margin_top_mm"].setValue(25)
    view.margins["margin_left_mm"].setValue(35)
    view.body_size.setValue(14)
    view.signer_title.setText("chủ tịch")
    view.vice_chairmen.setPlainText("Nguyễn Văn Hùng\n\n  Lê Thị Hoa  \n")
    with qtbot.waitSignal(c.paper_saved):
        view.save_button.click()
    paper = settings.paper(admin_ctx)
    assert (paper.margin_top_mm, paper.margin_left_mm, paper.body_font_size) == (25, 35, 14)
    assert paper.chairman_title == "CHỦ TỊCH"
    assert paper.vice_chairmen == ("Nguyễn Văn Hùng", "Lê Thị Hoa")
    assert view.saved_label.text() == "Đã lưu."
    assert view.signer_title.text() == "CHỦ TỊCH"  # shown as the paper prints it
    assert view.vice_chairmen.toPlainText() == "Nguyễn Văn Hùng\nLê Thị Hoa"


def test_refused_values_show_the_message_and_write_nothing(qtbot, open_screen, admin_ctx,
                                                           monkeypatch):
    view, c = open_screen(admin_ctx)
    before = settings.paper(admin_ctx)
    view.margins["margin_top_mm"].setValue(25)
    view.signer_title.setText("  ")
    view.save_button.click()
    assert view.error.isVisible()
    assert view.error.text() == "Vui lòng nhập chức danh người ký (ví dụ: CHỦ TỊCH)."
    assert settings.paper(admin_ctx) == before
    # a margin outside the law (as an old database or another program might hold) is refused
    # by the service with its own message
    view.signer_title.setText("CHỦ TỊCH")
    monkeypatch.setattr(view.margins["margin_right_mm"], "value", lambda: 40)
    assert not c.save()
    assert view.error.text() == "Lề phải (mm) phải từ 15 đến 20 theo Nghị định 30/2020."
    assert settings.paper(admin_ctx) == before
    assert view.saved_label.text() == ""


def test_clerk_sees_but_cannot_edit(open_screen, clerk_ctx, captured):
    view, c = open_screen(clerk_ctx)
    assert not c.can_edit
    assert view.save_button.isHidden() and view.reset_button.isHidden()
    assert all(spin.isReadOnly() for spin in view.margins.values())
    assert view.body_size.isReadOnly()
    assert view.signer_title.isReadOnly() and view.vice_chairmen.isReadOnly()
    assert "Chỉ quản trị hệ thống được sửa." in view.note.text()
    assert not c.save()
    assert view.test_button.isEnabled()  # anyone may print the test page


def test_reset_brings_back_the_saved_values(open_screen, admin_ctx):
    view, _c = open_screen(admin_ctx)
    view.body_size.setValue(14)
    view.reset_button.click()
    assert view.body_size.value() == 13


def test_ctrl_s_saves(qtbot, open_screen, admin_ctx):
    view, c = open_screen(admin_ctx)
    with qtbot.waitActive(view):
        view.activateWindow()
    view.body_size.setValue(14)
    with qtbot.waitSignal(c.paper_saved):
        qtbot.keyClick(view.signer_title, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert settings.paper(admin_ctx).body_font_size == 14


# -- printing with the real engine (app.paper) ---------------------------------------------

def _printed(qtbot, runner, button, captured) -> object:
    with qtbot.waitSignal(runner.finished, timeout=20000):
        button.click()
    assert len(captured) == 1
    return captured[0]


def _text(printout) -> str:
    import io
    import unicodedata

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(printout.pdf))
    assert len(reader.pages) == printout.page_count
    return unicodedata.normalize("NFC", " ".join(p.extract_text() for p in reader.pages))


def test_test_page_saves_first_then_previews(qtbot, open_screen, admin_ctx, captured):
    view, c = open_screen(admin_ctx)
    view.margins["margin_left_mm"].setValue(35)
    printout = _printed(qtbot, c.print_runner, view.test_button, captured)
    assert settings.paper(admin_ctx).margin_left_mm == 35  # saved before printing
    assert "35 mm" in _text(printout)  # the page says which margins it was laid out with


def test_households_print_list_of_the_chosen_village(qtbot, clerk_ctx, captured):
    from ui.registers.households.controller import build as build_households

    view, c = build_households(clerk_ctx)
    qtbot.addWidget(view)
    view.show()
    c.village_filter.setCurrentIndex(c.village_filter.findText("Phú Thọ"))
    assert c.list_printer.button.isEnabled()
    printout = _printed(qtbot, c.print_runner, c.list_printer.button, captured)
    assert printout.page_size in ("A4", "A5", "A4-landscape")
    text = _text(printout)
    assert "Đặng Thị Hà" in text  # the one household of Phú Thọ
    assert "Nguyễn Văn Thắng" not in text  # Đồng Lạc is not on this list


def test_residents_print_list(qtbot, admin_ctx, captured):
    from ui.registers.residents.controller import build as build_residents

    view, c = build_residents(admin_ctx)
    qtbot.addWidget(view)
    view.show()
    printout = _printed(qtbot, c.print_runner, c.list_printer.button, captured)
    text = _text(printout)
    assert "Nguyễn Văn Thắng" in text and "Đặng Thị Hà" in text  # every village
