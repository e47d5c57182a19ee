"""The desk and the residents register after a civil-status dossier, through the window: a
birth returned adds the child to the household (once, and not when cancelled or unticked), a
death marks the member chosen, and a condolence letter left past its two working days is
flagged on the letters queue and on the desk's attention buckets."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from app import procedures, resident_lists, users
from app.desk import assign, lifecycle, queries, reception
from app.desk.clock import now
from app.desk.types import DossierInput
from db.models import Sex
from ui.desk import actions
from ui.desk.controller import build as build_desk
from ui.letters.controller import build as build_letters

BIRTH, DEATH = "1.001193", "1.000656"


def _as(ctx, username):
    return ctx.as_user(users.authenticate(ctx, username, "matkhau123"))


def _ready(clerk, code, applicant="nguyen van thang", at=None):
    [rid] = resident_lists.search_resident_ids(clerk, applicant)
    pid = procedures.search_procedure_ids(clerk, code)[0]
    row = reception.receive(clerk, DossierInput(pid, applicant_resident_id=rid, received_at=at))
    lifecycle.mark_ready(clerk, row.id, at=at + dt.timedelta(minutes=20) if at else None)
    return row


def _members(ctx, household_id):
    return [m.full_name for m in resident_lists.get_household(ctx, household_id).members]


def _window(qtbot, ctx, dossier_id):
    view, c = build_desk(ctx)
    view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    qtbot.addWidget(view, before_close_func=lambda _v: c.close_windows())
    view.show()
    return c.open_dossier(dossier_id)


def _fill_and_save(qtbot, fill):
    """ReturnDialog.ask as the clerk uses it: the real form, filled, then Trả kết quả (or
    Hủy when `fill` returns False)."""
    def ask(cls, parent, submit, **kwargs):
        dlg = cls(parent=parent, **kwargs)
        qtbot.addWidget(dlg)
        dlg.submit = submit
        if fill(dlg) is False:
            dlg.reject()
            return None
        dlg.ok_button.click()
        assert not dlg.error.isVisible(), dlg.error.text()
        return dlg.result_value
    return classmethod(ask)


def test_a_birth_returned_adds_the_child_to_the_household_once(qtbot, ctx, monkeypatch):
    clerk = _as(ctx, "canbo")
    row = _ready(clerk, BIRTH)
    before = _members(ctx, row.household_id)
    win = _window(qtbot, ctx, row.id)

    def fill(dlg):
        assert dlg.newborn.isChecked() and "Nguyễn Văn Thắng" in dlg.newborn.text()
        assert dlg.relation.text() == "Con"  # the applicant is the head
        dlg.event_person.setText("Nguyễn Minh Khôi")
        dlg.birth_date.setText("20/11/2026")
        dlg.sex.set_value(Sex.MALE)
    monkeypatch.setattr(actions.ReturnDialog, "ask", _fill_and_save(qtbot, fill))
    win.step_buttons["return"].click()
    assert "Người được đăng ký: Nguyễn Minh Khôi" in win.notice.text()
    shown = [win.grid.itemAt(i).widget().text() for i in range(win.grid.count())]
    assert "Nguyễn Minh Khôi" in shown  # the dossier window names the person registered
    assert _members(ctx, row.household_id) == before + ["Nguyễn Minh Khôi"]
    assert not win.step_buttons["return"].isEnabled()  # returned: no second child


def test_a_cancelled_or_unticked_return_adds_no_one(qtbot, ctx, monkeypatch):
    clerk = _as(ctx, "canbo")
    row = _ready(clerk, BIRTH)
    before = _members(ctx, row.household_id)
    win = _window(qtbot, ctx, row.id)

    def cancel(dlg):
        dlg.event_person.setText("Nguyễn Minh Khôi")
        dlg.birth_date.setText("20/11/2026")
        return False
    monkeypatch.setattr(actions.ReturnDialog, "ask", _fill_and_save(qtbot, cancel))
    win.step_buttons["return"].click()
    assert queries.get_dossier(ctx, row.id).status == "ready"
    assert _members(ctx, row.household_id) == before

    def untick(dlg):
        dlg.event_person.setText("Nguyễn Minh Khôi")
        dlg.newborn.setChecked(False)
        assert not dlg.birth_date.isEnabled()
    monkeypatch.setattr(actions.ReturnDialog, "ask", _fill_and_save(qtbot, untick))
    win.step_buttons["return"].click()
    assert win.row.status == "returned" and win.row.registered_person == "Nguyễn Minh Khôi"
    assert _members(ctx, row.household_id) == before


def test_a_death_returned_marks_the_member_chosen(qtbot, ctx, monkeypatch):
    clerk = _as(ctx, "canbo")
    row = _ready(clerk, DEATH)
    win = _window(qtbot, ctx, row.id)

    def fill(dlg):
        dlg.deceased.setCurrentIndex(dlg.deceased.findText("Phạm Thị Mai", Qt.MatchFlag.MatchStartsWith))
        dlg.event_date.setText("01/12/2026")
    monkeypatch.setattr(actions.ReturnDialog, "ask", _fill_and_save(qtbot, fill))
    win.step_buttons["return"].click()
    [mai] = resident_lists.search_resident_ids(ctx, "pham thi mai", include_inactive=True)
    person = resident_lists.get_resident(ctx, mai)
    assert not person.active and win.row.registered_person == "Phạm Thị Mai"


def test_a_late_condolence_is_flagged_on_the_queue_and_the_desk(qtbot, ctx):
    clerk = _as(ctx, "canbo")
    long_ago = (now() - dt.timedelta(days=14)).replace(hour=9, minute=0)
    death = _ready(clerk, DEATH, at=long_ago)
    lifecycle.return_result(clerk, death.id, returned_to="Nguyễn Văn Thắng",
                            event_person="Phạm Thị Mai", at=long_ago + dt.timedelta(hours=1))
    birth = _ready(clerk, BIRTH, at=long_ago)  # a congratulation as old is not flagged
    lifecycle.return_result(clerk, birth.id, returned_to="Nguyễn Văn Thắng",
                            event_person="Nguyễn Minh Khôi", at=long_ago + dt.timedelta(hours=1))
    view, c = build_letters(clerk)
    qtbot.addWidget(view, before_close_func=lambda _v: c.close_windows())
    rows = {c.suggestions.suggestion_at(r).occasion: r for r in range(c.suggestions.rowCount())}
    late, fine = rows["death"], rows["birth"]
    waited = c.suggestions.index(late, 1)
    assert waited.data() == "14 ngày" and c.suggestions.index(fine, 1).data() == "14 ngày"
    assert "quá hạn" in waited.data(Qt.ItemDataRole.ToolTipRole)
    red = c.suggestions.index(late, 0).data(Qt.ItemDataRole.ForegroundRole)
    assert red is not None and red.color().name() == "#b00020"
    assert c.suggestions.index(fine, 0).data(Qt.ItemDataRole.ForegroundRole) is None
    desk, d = build_desk(clerk)
    qtbot.addWidget(desk, before_close_func=lambda _v: d.close_windows())
    button = desk.bucket_buttons["condolence"]
    assert button.text().endswith(": 1") and "font-weight: bold" in button.styleSheet()
    button.click()
    assert [d.model.id_at(r) for r in range(d.model.rowCount())] == [death.id]


def test_the_hand_over_form_offers_officers_and_preselects_the_suggestion(qtbot, ctx):
    clerk = _as(ctx, "canbo")
    lan = users.create_user(ctx, "tuphap", "Hoàng Thị Lan", "officer", "matkhau123",
                            title="Công chức Tư pháp - Hộ tịch")
    users.create_user(ctx, "diachinh", "Bùi Quang Minh", "officer", "matkhau123")
    row = _ready(clerk, BIRTH)
    plain = actions.HandOverDialog(row, assign.hand_over_choices(ctx, row.id))
    qtbot.addWidget(plain)
    assert plain.officer.currentData() is None and "Chưa có cán bộ phụ trách" in plain.hint.text()
    assert [plain.officer.itemData(i) for i in range(1, plain.officer.count())] == \
        [u.id for u in users.list_officers(ctx)]  # officers only: no clerk, admin or chairman
    procedures.set_field_officer(ctx, "Hộ tịch", lan)
    dlg = actions.HandOverDialog(row, assign.hand_over_choices(ctx, row.id))
    qtbot.addWidget(dlg)
    assert dlg.officer.currentData() == lan
    assert "Hoàng Thị Lan, cán bộ phụ trách lĩnh vực Hộ tịch" in dlg.hint.text()


def test_the_procedures_register_sets_each_fields_officer(qtbot, ctx, monkeypatch):
    from ui.registers.procedures.controller import build as build_procedures

    lan = users.create_user(ctx, "tuphap", "Hoàng Thị Lan", "officer", "matkhau123")
    view, c = build_procedures(ctx)
    qtbot.addWidget(view)
    c._on_officers_requested()
    dlg = c.dialog
    row = dlg.fields.index("Hộ tịch")
    combo = dlg.combos[row]
    combo.setCurrentIndex(combo.findData(lan))
    dlg.ok_button.click()
    assert procedures.field_officers(ctx) == {"Hộ tịch": lan}
    birth = procedures.get_procedure(ctx, procedures.search_procedure_ids(ctx, BIRTH)[0])
    assert birth.responsible == "Hoàng Thị Lan"
    qtbot.waitUntil(lambda: c.model.index(c.model.row_of(birth.id), 5).data() == "Hoàng Thị Lan")
    # a procedure's own short name, typed in its form
    c.select_id(birth.id)
    c._on_edit_requested()
    form = c.dialog
    assert form.short_name.placeholderText() == "Đăng ký khai sinh"
    assert form.officer.itemText(0) == "(theo lĩnh vực: Hoàng Thị Lan)"
    form.short_name.setText("Khai sinh")
    form.ok_button.click()
    assert procedures.get_procedure(ctx, birth.id).short_name == "Khai sinh"
