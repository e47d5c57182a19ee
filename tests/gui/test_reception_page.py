"""The reception page on the sample commune: a visit that becomes a petition through the form
(the petition exists, linked, numbered), a returning citizen recognised before anything is
written, the schedule planned and a day held through its forms, the register's filters."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from app import users
from app.petitions import queries as petition_queries
from app.reception import queries, schedule, visits
from app.reception.types import VisitInput
from app.text import fold
from db.models import Petition, ReceptionVisit, Role
from ui.petitions import reception_dialogs, reception_plan
from ui.petitions.reception import build_reception_page

YESTERDAY = dt.datetime.combine(dt.date.today() - dt.timedelta(days=1), dt.time(8, 30))


@pytest.fixture
def office(clerk_ctx, ctx):
    users.create_user(ctx, "chutich", "Nguyễn Văn Chủ", Role.CHAIRMAN, "matkhau123")
    return clerk_ctx


def _open(qtbot, ctx):
    view, controller = build_reception_page(ctx)
    qtbot.addWidget(view, before_close_func=lambda _v: controller.close_windows())
    view.resize(1280, 700)
    view.show()
    qtbot.waitExposed(view)
    return view, controller


def _rows(ctx):
    with ctx.read() as s:
        return (s.scalar(select(func.count()).select_from(ReceptionVisit)),
                s.scalar(select(func.count()).select_from(Petition)))


def _fill(qtbot, dlg, name, content, pick=True):
    """Type the citizen's name as a clerk does; pick them from the register's completer."""
    qtbot.keyClicks(dlg.citizen, fold(name)[:6])  # QTest types ASCII only
    if pick:
        found = dlg._resident_choices(name)
        assert found, name
        dlg.completer.pick(found[0])
    else:
        dlg.citizen.setText(name)
        dlg.look_up_earlier()
    dlg.content.setPlainText(content)


def test_a_visit_that_becomes_a_petition(qtbot, office, monkeypatch, boxes):
    view, controller = _open(qtbot, office)
    before = _rows(office)
    seen = {}

    def ask(cls, parent, submit, **kw):
        dlg = cls(parent=parent, **kw)
        dlg.submit = submit
        qtbot.addWidget(dlg)
        _fill(qtbot, dlg, "Nguyễn Văn Thắng", "Khiếu nại việc thu hồi đất làm đường liên thôn")
        assert "Trong sổ nhân khẩu" in dlg.citizen_info.text()
        assert dlg.address.text().endswith("Đồng Lạc")
        dlg.kind.setCurrentIndex(dlg.kind.findData("complaint"))
        dlg.field.setCurrentIndex(dlg.field.findData("land"))
        dlg.handling.setCurrentIndex(dlg.handling.findData("petition"))
        assert dlg.subject.isVisibleTo(dlg) and not dlg.answer.isVisibleTo(dlg)
        dlg.visited.setDateTime(dlg.visited.dateTime().addDays(-1))
        dlg._on_ok_clicked()  # no subject yet: refused in the form, nothing written
        seen["refused"] = dlg.error.text()
        assert _rows(office) == before
        dlg.subject.setText("Khiếu nại mức bồi thường khi thu hồi đất")
        dlg._on_ok_clicked()
        return dlg.result_value

    monkeypatch.setattr(reception_dialogs.VisitDialog, "ask", classmethod(ask))
    row = controller.new_visit()
    assert "trích yếu" in seen["refused"]
    assert row is not None and row.petition_reference == f"01/{YESTERDAY.year}"
    p = petition_queries.get_petition(office, row.petition_id)
    assert (p.channel, p.kind, p.subject, p.petitioner_name) == (
        "reception", "complaint", "Khiếu nại mức bồi thường khi thu hồi đất",
        "Nguyễn Văn Thắng")
    assert queries.visits_of_petition(office, p.id) == [row.id]
    assert _rows(office) == (before[0] + 1, before[1] + 1)
    assert any("01/" in text for text in boxes.informed)
    # the register lists it, selected
    assert controller.list.selected_id() == row.id
    assert "Nhận đơn 01/" in controller.model.index(0, 4).data()


def test_a_repeat_visit_is_recognised_before_anything_is_written(qtbot, office, monkeypatch, ctx):
    from app.resident_lists import search_resident_ids

    thang = search_resident_ids(ctx, "Nguyễn Văn Thắng")[0]
    first = visits.record_visit(office, VisitInput(
        kind="recommendation", handling="answered", citizen_resident_id=thang,
        content="Đề nghị sửa mương tưới tiêu xóm 1 bị vỡ", visited_at=YESTERDAY,
        answer="Xã giao thôn kiểm tra, sửa trong tháng."))
    visits.record_visit(office, VisitInput(
        kind="feedback", handling="guided", citizen_resident_id=thang,
        content="Hỏi về chế độ người cao tuổi", visited_at=YESTERDAY,
        answer="Hướng dẫn làm hồ sơ tại Bộ phận một cửa."))
    view, controller = _open(qtbot, office)
    before = _rows(office)
    seen = {}

    def ask(cls, parent, submit, **kw):
        dlg = cls(parent=parent, **kw)
        dlg.submit = submit
        qtbot.addWidget(dlg)
        dlg.show()
        assert not dlg.earlier_list.isVisible()  # nothing to show yet
        dlg.content.setPlainText("Mương tưới tiêu xóm 1 vẫn chưa sửa")
        found = dlg._resident_choices("Nguyễn Văn Thắng")
        dlg.completer.pick(found[0])
        # shown at once, before anything is written: the same matter first, offered as the
        # visit this one follows
        assert dlg.earlier_list.isVisible() and _rows(office) == before
        seen["lines"] = [dlg.earlier_list.item(i).text() for i in range(dlg.earlier_list.count())]
        seen["previous"] = dlg.previous.currentData()
        dlg.answer.setPlainText("Đã đôn đốc thôn sửa ngay trong tuần.")
        dlg.visited.setDateTime(dlg.visited.dateTime().addSecs(-3600))
        dlg._on_ok_clicked()
        return dlg.result_value

    monkeypatch.setattr(reception_dialogs.VisitDialog, "ask", classmethod(ask))
    row = controller.new_visit()
    assert seen["lines"][0].startswith("★ Lượt tiếp") and "mương tưới tiêu" in seen["lines"][0]
    assert "★" not in seen["lines"][1]
    assert seen["previous"] == first.id
    assert row.previous_visit_id == first.id


def test_a_name_typed_in_finds_the_earlier_visits_too(qtbot, office):
    visits.record_visit(office, VisitInput(
        kind="feedback", handling="answered", citizen_name="Cao Văn Lực",
        content="Phản ánh đèn đường hỏng", visited_at=YESTERDAY, answer="Đã báo điện lực."))
    dlg = reception_dialogs.VisitDialog(office)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.keyClicks(dlg.citizen, "cao van luc")
    qtbot.waitUntil(lambda: dlg.earlier is not None, timeout=2000)
    assert len(dlg.earlier.visits) == 1 and dlg.earlier_list.isVisible()


def test_the_schedule_planned_and_a_day_held_through_the_forms(qtbot, office, monkeypatch,
                                                               boxes):
    view, controller = _open(qtbot, office)
    today = dt.date.today()
    controller.move_month(-1)  # last month: its days have all passed
    year, month = controller.month

    def plan(cls, parent, submit, **kw):
        dlg = cls(parent=parent, **kw)
        qtbot.addWidget(dlg)
        dlg.weekday.setCurrentIndex(dlg.weekday.findData(2))  # Wednesdays
        return submit(dlg.values())

    monkeypatch.setattr(reception_plan.PlanDialog, "ask", classmethod(plan))
    result = controller.plan()
    assert result.created and boxes.informed[-1].startswith("Đã lập")
    assert controller.days.total == len(result.created)
    assert controller.days.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) is not None  # red
    assert "Tuần không tổ chức" in view.missed_label.text()
    view.days_table.selectRow(0)
    assert view.held_button.isEnabled()

    def held(cls, parent, submit, **kw):
        dlg = cls(parent=parent, **kw)
        qtbot.addWidget(dlg)
        assert dlg.held.isChecked()
        dlg.note.setPlainText("Chủ tịch chủ trì, 3 lượt công dân")
        return submit(dlg.values())

    monkeypatch.setattr(reception_plan.HeldDialog, "ask", classmethod(held))
    row = controller.mark_held()
    assert row.held and controller.days.row_at(0).held
    assert controller.days.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) is None
    first = schedule.days(office, dt.date(year, month, 1), today)[0]
    assert first.held and first.note == "Chủ tịch chủ trì, 3 lượt công dân"


def test_the_register_filters_and_a_denouncer_masked(qtbot, office, qtmodeltester):
    for kind, name, handling, content in (
            ("denunciation", "Vũ Văn Kín", "answered", "Tố cáo lấn chiếm đất công"),
            ("feedback", "Cao Văn Lực", "guided", "Phản ánh đèn đường hỏng")):
        visits.record_visit(office, VisitInput(
            kind=kind, handling=handling, citizen_name=name, content=content,
            visited_at=YESTERDAY, answer="Đã trả lời"))
    view, controller = _open(qtbot, office)
    assert controller.model.total == 2
    qtmodeltester.check(controller.model)
    qtmodeltester.check(controller.days)
    texts = [controller.model.index(r, 1).data() for r in range(2)]
    assert "Vũ Văn Kín" not in texts and "Người tố cáo (được giữ bí mật)" in texts
    view.kind.setCurrentIndex(view.kind.findData("feedback"))
    assert controller.model.total == 1
    view.kind.setCurrentIndex(0)
    view.search.setText("cao van")
    view.search.flush()
    assert controller.model.total == 1
    view.search.setText("vu van kin")
    view.search.flush()
    assert controller.model.total == 0
    view.search.setText("")
    view.search.flush()
    view.start.setText("31/12/2099")
    view.start.editingFinished.emit()
    assert controller.model.total == 0
    view.start.setText("31/31/2099")
    view.start.editingFinished.emit()
    assert "Từ ngày" in view.filter_error.text() and controller.model.total == 0


def test_a_visit_written_elsewhere_shows_without_a_reload(qtbot, office):
    view, controller = _open(qtbot, office)
    assert controller.model.total == 0
    visits.record_visit(office, VisitInput(
        kind="feedback", handling="answered", citizen_name="Cao Văn Lực",
        content="Phản ánh rác thải", visited_at=YESTERDAY, answer="Đã tiếp thu."))
    qtbot.waitUntil(lambda: controller.model.total == 1, timeout=2000)
