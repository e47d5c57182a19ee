"""The clocks' rule table, read by everyone and amended by the administrator from the petitions
tab; and the commune's remote-area flag on the profile page."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog

from app import settings
from app.petitions import clock
from tests.gui.petition_cases import receive, sign_in_office
from ui.petitions import rules
from ui.petitions.controller import build


@pytest.fixture
def office(ctx):
    return sign_in_office(ctx)


def _dialog(qtbot, ctx):
    view, tab = build(ctx)
    qtbot.addWidget(view, before_close_func=lambda _v: tab.close_windows())
    tab.petitions.view.rules_button.click()
    dlg = tab.petitions.rules_dialog
    assert dlg is not None and dlg.isVisible()
    return dlg


def test_everyone_reads_the_table_in_the_order_of_its_words(qtbot, office, monkeypatch):
    dlg = _dialog(qtbot, office["tuphap"])
    m = dlg.model
    assert m.rowCount() == 24 and not dlg.edit_button.isVisibleTo(dlg)
    assert [m.index(i, c).data() for i, c in ((0, 0), (0, 1), (0, 2), (0, 3), (0, 4))] == [
        "Khiếu nại", "Thông thường", "", "10 ngày làm việc", "30 ngày"]
    assert [m.index(1, c).data() for c in (2, 4)] == ["có", "45 ngày"]
    very = next(i for i in range(24) if m.index(i, 0).data() == "Tố cáo"
                and m.index(i, 1).data() == "Đặc biệt phức tạp")
    assert m.index(very, 5).data() == "30 ngày × 2 lần"
    assert m.index(very, 6).data() == "5 ngày làm việc"
    assert "Luật Tố cáo" in m.index(very, 7).data()
    assert dlg.note.text().endswith("Chỉ quản trị hệ thống được sửa.")
    monkeypatch.setattr(rules.RuleDialog, "ask", classmethod(lambda cls, *a, **k: 1 / 0))
    dlg.table.activated.emit(m.index(0, 0))  # Enter on a row: nothing for a reader


def test_the_administrator_amends_a_row(qtbot, office, monkeypatch):
    admin = office["admin"]
    dlg = _dialog(qtbot, admin)
    assert dlg.edit_button.isVisibleTo(dlg)
    dlg.table.selectRow(0)  # complaints, normal, not remote
    rule = dlg.selected()
    built = []

    def ask(cls, parent, submit, rule):
        form = cls(rule=rule, parent=parent)
        form.submit = submit
        form.ok_button.click()  # nothing changed: said, nothing written
        assert "Chưa sửa mục nào" in form.error.text()
        form.widgets["resolve_value"].setValue(20)
        form.widgets["resolve_unit"].setCurrentIndex(
            form.widgets["resolve_unit"].findData("working_days"))
        form.widgets["basis"].setPlainText("Luật sửa đổi năm 2027")
        form.ok_button.click()
        built.append(form)
        return form.result_value if form.result() == QDialog.DialogCode.Accepted else None
    monkeypatch.setattr(rules.RuleDialog, "ask", classmethod(ask))
    dlg.edit_button.click()
    assert built[0].changes() == {"resolve_value": 20, "resolve_unit": "working_days",
                                  "basis": "Luật sửa đổi năm 2027"}
    amended = next(r for r in clock.rules(admin) if r.id == rule.id)
    assert (amended.resolve_value, amended.resolve_unit) == (20, "working_days")
    assert dlg.selected().id == rule.id and dlg.model.index(0, 4).data() == "20 ngày làm việc"
    # a petition accepted from now on follows the amended row
    from app.petitions import service

    lan = office["tuphap"]
    row = receive(office["canbo"], kind="complaint", days=3)
    row = service.accept(lan, row.id, handler_id=lan.user.user_id)
    assert row.due_on == clock.deadline(clock.calendar_for(admin, row.accepted_on),
                                        row.accepted_on, 20, clock.UNITS[0], "").due


def test_the_remote_area_on_the_profile_page(qtbot, office):
    from ui.registers.profile.controller import build as profile

    view, c = profile(office["admin"])
    qtbot.addWidget(view)
    assert not view.remote.isChecked() and view.remote.isEnabled()
    view.remote.setChecked(True)
    assert c.dirty
    view.save_button.click()
    assert view.saved_label.text() == "Đã lưu."
    assert settings.read_all(office["admin"])[settings.REMOTE_KEY] is True
    row = receive(office["canbo"], kind="complaint")
    assert row.remote  # a petition received from now on
    clerk_view, _c = profile(office["canbo"])
    qtbot.addWidget(clerk_view)
    assert clerk_view.remote.isChecked() and not clerk_view.remote.isEnabled()
