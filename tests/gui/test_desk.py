"""The one-stop desk tab: reception by keyboard, lookup by scanner, the dossier window's
steps, inline errors, the attention buckets and every model of the tab."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app import procedures, users
from app.desk import civil, lifecycle, queries, reception
from app.desk.clock import now
from app.desk.types import DossierInput
from app.errors import DomainError
from db.models import CivilEventKind, DossierStatus
from ui.common.forms import ReasonDialog
from ui.desk import actions
from ui.desk.controller import build
from ui.preview.dialog import PreviewDialog

DESK = "Tiếp nhận & trả kết quả"
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def printouts(monkeypatch) -> list:
    """Every Printout a preview would have shown."""
    shown: list = []
    monkeypatch.setattr(PreviewDialog, "show_printout",
                        classmethod(lambda cls, parent, printout: shown.append(printout)))
    return shown


@pytest.fixture
def officer_id(ctx) -> int:
    return users.create_user(ctx, "tuphap", "Hoàng Văn Nam", "officer", "matkhau123",
                             title="Công chức Tư pháp – Hộ tịch")


def _as(ctx, username):
    return ctx.as_user(users.authenticate(ctx, username, "matkhau123"))


def _procedure(ctx, text: str) -> int:
    return procedures.search_procedure_ids(ctx, text)[0]


def _receive(ctx, name="Lê Văn Tám", text="dang ky ket hon", days_ago=0, **kw):
    received = now() - dt.timedelta(days=days_ago) if days_ago else None
    return reception.receive(ctx, DossierInput(procedure_id=_procedure(ctx, text),
                                               applicant_name=name, received_at=received, **kw))


def _tab(qtbot, ctx):
    """The tab; at the end its windows are closed and it is deleted at once (not whenever
    the garbage collector gets to it, with a dossier window still on screen)."""
    view, controller = build(ctx)
    view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    qtbot.addWidget(view, before_close_func=lambda _v: controller.close_windows())
    return view, controller


def _open_tab(qtbot, ctx):
    view, controller = _tab(qtbot, ctx)
    view.resize(1200, 700)
    with qtbot.waitActive(view):
        view.show()
        view.activateWindow()
    return view, controller


def _activate(qtbot, window):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def _key(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier):
    """A key where a user's key would go: the open popup (a completer's list) or the focus."""
    target = QApplication.activePopupWidget() or QApplication.focusWidget()
    assert target is not None
    qtbot.keyClick(target, key, modifier)


def _codes(controller) -> list[str]:
    m = controller.model
    return [m.index(i, 0).data() for i in range(m.rowCount())]


# -- reception ---------------------------------------------------------------------------

def test_receive_with_the_keyboard_only(qtbot, ctx, printouts):
    clerk = _as(ctx, "canbo")
    view, c = _open_tab(qtbot, clerk)
    qtbot.waitUntil(view.lookup.hasFocus)  # the scanner types into it from the start
    qtbot.keyClick(view.lookup, Qt.Key.Key_N, CTRL)
    dlg = c.dialog
    assert dlg is not None
    _activate(qtbot, dlg)
    qtbot.waitUntil(dlg.procedure.hasFocus)
    qtbot.keyClicks(dlg.procedure, "khai sinh")
    _key(qtbot, Qt.Key.Key_Down)
    _key(qtbot, Qt.Key.Key_Return)
    assert dlg.procedure_row.name == "Thủ tục đăng ký khai sinh"
    assert dlg.documents.count() >= 3 and dlg.due.text()  # the checklist and the due date
    assert dlg.explanation.text()  # … with its explanation
    assert dlg.applicant.hasFocus()
    qtbot.keyClicks(dlg.applicant, "dang thi ha")
    _key(qtbot, Qt.Key.Key_Down)
    _key(qtbot, Qt.Key.Key_Return)
    assert dlg.applicant.text() == "Đặng Thị Hà" and dlg.resident_id is not None
    assert dlg.address.text() == "Xóm 3, Phú Thọ"
    # the register has no phone for her: the cursor waits there, then Enter walks on to the
    # checklist (email, channel and sets keep their defaults)
    _activate(qtbot, dlg)  # the popup's window closes: the focus is handed back, and on
    qtbot.waitUntil(dlg.phone.hasFocus)
    qtbot.keyClicks(dlg.phone, "0912000222")
    for _ in range(4):
        _key(qtbot, Qt.Key.Key_Return)
    assert dlg.documents.hasFocus()
    _key(qtbot, Qt.Key.Key_Space)  # the first document
    _key(qtbot, Qt.Key.Key_Down)
    _key(qtbot, Qt.Key.Key_Space)  # and the second
    ticked = dlg.checked_documents()
    assert ticked == [dlg.documents.item(0).text(), dlg.documents.item(1).text()]
    with qtbot.waitSignal(c.print_runner.finished, timeout=20000):
        _key(qtbot, Qt.Key.Key_S, CTRL)
    assert c.dialog is None
    ids = queries.search_ids(clerk, queries.Filters())
    row = queries.get_dossier(clerk, ids[0])
    assert row.applicant_name == "Đặng Thị Hà" and row.documents == ticked
    assert row.applicant_phone == "0912000222"
    assert row.procedure_name == "Thủ tục đăng ký khai sinh"
    assert row.code in _codes(c) and c.selected_id() == row.id
    assert view.count_label.text() == "1 hồ sơ"
    assert [p.page_size for p in printouts] == ["A5"]  # the slip, through the preview
    assert row.code in printouts[0].title


def test_enter_moves_on_and_the_fee_can_be_changed(qtbot, ctx, printouts):
    view, c = _open_tab(qtbot, _as(ctx, "canbo"))
    c.view.receive_button.click()
    dlg = c.dialog
    _activate(qtbot, dlg)
    qtbot.keyClicks(dlg.procedure, "ban sao trich luc")
    qtbot.keyClick(dlg.procedure, Qt.Key.Key_Return)  # one match: Enter takes it
    assert dlg.procedure_row is not None and dlg.fee.value() == 8000
    qtbot.keyClicks(dlg.applicant, "Vu Van Moi")  # QTest types ASCII only
    qtbot.keyClick(dlg.applicant, Qt.Key.Key_Return)
    assert dlg.address.hasFocus() and dlg.resident_id is None
    dlg.fee.setValue(16000)
    with qtbot.waitSignal(c.print_runner.finished, timeout=20000):
        _key(qtbot, Qt.Key.Key_Return, CTRL)  # Ctrl+Enter saves too
    assert c.dialog is None and len(printouts) == 1
    row = queries.get_dossier(ctx, c.selected_id())
    assert row.fee_due == 16000 and row.applicant_resident_id is None


def test_bad_input_shows_the_service_message_and_writes_nothing(qtbot, ctx, printouts):
    view, c = _open_tab(qtbot, _as(ctx, "canbo"))
    c.view.receive_button.click()
    dlg = c.dialog
    dlg.ok_button.click()  # no procedure yet
    assert "Vui lòng chọn thủ tục hành chính" in dlg.error.text()
    dlg.procedure_completer.pick(dlg._procedure_choices("ket hon")[0])
    dlg.ok_button.click()  # no applicant
    assert dlg.error.text() == "Vui lòng nhập họ tên người nộp hồ sơ."
    assert c.dialog is dlg and not printouts
    assert queries.search_ids(ctx, queries.Filters()) == []
    assert c.model.total == 0


def test_the_reception_button_says_its_shortcut(qtbot, ctx):
    view, c = _tab(qtbot, _as(ctx, "canbo"))
    assert view.receive_button.text() == "&Tiếp nhận hồ sơ… (F3)"
    assert "Ctrl+N" in view.receive_button.toolTip()


def test_officer_cannot_receive(qtbot, ctx, officer_id):
    view, c = _open_tab(qtbot, _as(ctx, "tuphap"))
    assert not view.receive_button.isEnabled()
    qtbot.keyClick(view.lookup, Qt.Key.Key_N, CTRL)
    assert c.dialog is None


# -- lookup -------------------------------------------------------------------------------

def test_scanning_a_code_opens_the_dossier(qtbot, ctx):
    clerk = _as(ctx, "canbo")
    first = _receive(clerk, "Lê Văn Tám")
    second = _receive(clerk, "Lê Thị Tám", applicant_phone="0912000111")
    view, c = _open_tab(qtbot, clerk)
    qtbot.keyClick(view.table, Qt.Key.Key_F2)
    assert view.lookup.hasFocus()
    qtbot.keyClicks(view.lookup, second.code)
    qtbot.keyClick(view.lookup, Qt.Key.Key_Return)
    win = c.dossier_window
    assert win is not None and win.row.id == second.id
    assert second.code in win.heading.text()
    win.reject()
    # a name typed without diacritics: both hits in the list, nothing opened
    c.dossier_window = None
    qtbot.keyClick(view.table, Qt.Key.Key_L, CTRL)
    qtbot.keyClicks(view.lookup, "tam")
    qtbot.keyClick(view.lookup, Qt.Key.Key_Return)
    assert c.dossier_window is None and c.mode == "lookup"
    assert sorted(_codes(c)) == sorted([first.code, second.code])
    assert view.table.hasFocus()
    view.lookup.setText("khong co ai")
    qtbot.keyClick(view.lookup, Qt.Key.Key_Return)
    assert "Không tìm thấy" in view.lookup_status.text()


# -- the dossier window -------------------------------------------------------------------

def test_hand_over_ready_and_return_through_the_window(qtbot, ctx, officer_id, monkeypatch,
                                                       printouts, boxes):
    clerk = _as(ctx, "canbo")
    row = _receive(clerk)
    view, c = _open_tab(qtbot, clerk)
    c.select_id(row.id)
    win = c.open_dossier(row.id)
    steps = win.step_buttons
    assert steps["hand_over"].isEnabled() and not steps["return"].isEnabled()
    assert not steps["correct"].isEnabled()  # an administrator's step
    assert not win.print_buttons["refusal"].isEnabled()

    def hand_over(cls, parent, submit, row, choices):
        assert [u.id for u in choices.officers] == [officer_id]  # only officers are offered
        return submit({"to_user_id": officer_id, "note": "Xử lý gấp"})
    monkeypatch.setattr(actions.HandOverDialog, "ask", classmethod(hand_over))
    steps["hand_over"].click()
    assert win.row.status == DossierStatus.IN_PROGRESS and win.row.handler == "Hoàng Văn Nam"
    assert [win.events.index(i, 1).data() for i in range(win.events.rowCount())] == \
        ["Tiếp nhận hồ sơ", "Chuyển xử lý"]
    assert win.events.index(1, 3).data() == "Hoàng Văn Nam"  # to whom
    # the list follows from what the step wrote (app.changes), the selection where it was
    qtbot.waitUntil(lambda: c.model.index(c.model.row_of(row.id), 6).data() == "Hoàng Văn Nam")
    assert c.selected_id() == row.id
    steps["ready"].click()  # asked first (the patched box says yes)
    assert "Người hoàn thành: Hoàng Văn Nam" in boxes.asked[-1]
    assert win.row.status == DossierStatus.READY and steps["return"].isEnabled()
    ready = [e for e in queries.events(ctx, row.id) if e.kind == "result_ready"][0]
    assert (ready.by, ready.recorded) == ("Hoàng Văn Nam", clerk.user.full_name)

    def give_back(cls, parent, submit, row, offer):
        assert offer.event == CivilEventKind.MARRIAGE and offer.household_id is None  # typed in
        return submit({"returned_to": "Lê Văn Tám", "method": "Trực tiếp",
                       "satisfaction": "very_satisfied", "satisfaction_note": "Nhanh",
                       "fee_paid": row.fee_due, "event_person": ""})
    monkeypatch.setattr(actions.ReturnDialog, "ask", classmethod(give_back))
    steps["return"].click()
    assert win.row.status == DossierStatus.RETURNED
    assert "Trước hạn" in win.notice.text() or "Đúng hạn" in win.notice.text()
    assert not any(b.isEnabled() for k, b in steps.items())
    with qtbot.waitSignal(win.print_runner.finished, timeout=20000):
        win.print_buttons["control"].click()
    assert printouts and "Phiếu kiểm soát" in printouts[-1].title


def test_returning_a_death_registration_asks_the_deceased_and_the_day(qtbot, ctx):
    row = _receive(_as(ctx, "canbo"))
    plain = actions.ReturnDialog(row)
    qtbot.addWidget(plain)
    assert plain.event_date is None and "event_date" not in plain.values()
    offer = civil.RegisterOffer(CivilEventKind.DEATH, 7, "hộ Lê Văn Tám, Thôn Đoài",
                                members=[civil.Member(41, "Lê Văn Cường", 1940, "Bố")])
    dlg = actions.ReturnDialog(row, offer)
    qtbot.addWidget(dlg)
    dlg.deceased.setCurrentIndex(dlg.deceased.findData(41))
    assert dlg.event_person.text() == "Lê Văn Cường"  # the name follows the member chosen
    dlg.event_date.setText("03/02/2026")
    assert dlg.values()["event_date"] == "03/02/2026" and dlg.values()["deceased_id"] == 41
    dlg.deceased.setCurrentIndex(0)  # "not in the register": nothing marked
    assert "deceased_id" not in dlg.values()


def test_supplement_and_refusal_steps(qtbot, ctx, monkeypatch, boxes):
    clerk = _as(ctx, "canbo")
    row = _receive(clerk)
    view, c = _open_tab(qtbot, clerk)
    win = c.open_dossier(row.id)
    monkeypatch.setattr(actions.SupplementDialog, "ask", classmethod(
        lambda cls, parent, submit, **kw: submit({"documents": [{"name": "Giấy xác nhận tình "
                                                                 "trạng hôn nhân",
                                                                 "kind": "original"}],
                                                  "reason": "Thiếu giấy tờ", "contact": ""})))
    win.step_buttons["supplement"].click()
    assert win.row.status == DossierStatus.SUPPLEMENT
    assert win.print_buttons["supplement"].isEnabled()
    win.step_buttons["supplement_received"].click()  # confirmed (patched box)
    assert win.row.status == DossierStatus.RECEIVED
    assert "Hẹn trả kết quả mới" in win.notice.text()
    # an empty reason: the form would show the service's message and stay open
    said = []

    def refuse(cls, parent, submit, **kw):
        try:
            return submit({"reason": "  "})
        except DomainError as exc:
            said.append(exc.message)
            return None  # then the clerk cancels
    monkeypatch.setattr(ReasonDialog, "ask", classmethod(refuse))
    win.step_buttons["refuse"].click()
    assert said == ["Vui lòng ghi lý do từ chối."]
    assert queries.get_dossier(ctx, row.id).status == DossierStatus.RECEIVED
    assert win.row.status == DossierStatus.RECEIVED


def test_the_real_step_form_keeps_errors_inline(qtbot, ctx):
    clerk = _as(ctx, "canbo")
    row = _receive(clerk)
    dlg = ReasonDialog(title="Từ chối", label="Lý do:", ok_text="Từ chối")
    qtbot.addWidget(dlg)
    dlg.submit = lambda v: lifecycle.refuse(clerk, row.id, v["reason"])
    dlg.ok_button.click()
    assert dlg.error.text() == "Vui lòng ghi lý do từ chối."
    assert queries.get_dossier(ctx, row.id).status == DossierStatus.RECEIVED


# -- attention and models -----------------------------------------------------------------

def test_attention_buckets_count_and_filter(qtbot, qtmodeltester, ctx, officer_id):
    clerk = _as(ctx, "canbo")
    late = _receive(clerk, "Nguyễn Quá Hạn", days_ago=30)
    handed = _receive(clerk, "Trần Đang Làm", days_ago=30)
    lifecycle.hand_over(clerk, handed.id, officer_id)
    waiting = _receive(clerk, "Lê Chờ Bổ Sung", days_ago=30)
    lifecycle.request_supplement(clerk, waiting.id, [{"name": "Tờ khai", "kind": "copy"}],
                                 "Thiếu tờ khai")
    ready = _receive(clerk, "Phạm Có Kết Quả", days_ago=30)
    lifecycle.mark_ready(clerk, ready.id)
    fresh = _receive(clerk, "Hoàng Mới Nộp")
    view, c = _open_tab(qtbot, clerk)
    expected = queries.attention(clerk)
    assert sorted(expected["overdue"]) == sorted([late.id, handed.id, ready.id])
    assert expected["ready"] == [ready.id] and expected["supplement"] == [waiting.id]
    for key, ids in expected.items():
        assert view.bucket_buttons[key].text().endswith(f": {len(ids)}"), key
    assert c.mode == "overdue" and view.bucket_buttons["overdue"].isChecked()  # opens on it
    assert "font-weight: bold" in view.bucket_buttons["overdue"].styleSheet()
    red = c.model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole)
    assert red is not None and red.color().name() == "#b00020"
    view.bucket_buttons["supplement"].click()
    assert _codes(c) == [waiting.code]
    view.bucket_buttons["all"].click()
    assert c.model.total == 5 and fresh.code in _codes(c)
    assert c.model.index(_codes(c).index(fresh.code), 0).data(Qt.ItemDataRole.ForegroundRole) \
        is None
    qtmodeltester.check(c.model)
    # the filters: status, then a period that holds only today's dossier
    view.status.setCurrentIndex(view.status.findData(DossierStatus.READY))
    assert _codes(c) == [ready.code]
    view.status.setCurrentIndex(0)
    view.start.setText(now().strftime("%d/%m/%Y"))
    view.start.editingFinished.emit()
    assert _codes(c) == [fresh.code]
    view.start.setText("31/02/2026")
    view.start.editingFinished.emit()
    assert "không đúng dạng" in view.filter_error.text() and c.model.total == 0


def test_every_model_of_the_tab(qtbot, qtmodeltester, ctx, officer_id):
    clerk = _as(ctx, "canbo")
    rows = [_receive(clerk, f"Người Thứ {n}") for n in ("Nhất", "Hai", "Ba", "Tư", "Năm")]
    lifecycle.hand_over(clerk, rows[0].id, officer_id)
    view, c = _tab(qtbot, clerk)
    c.model._page = 2  # lazy pages of two rows
    c.reload()
    assert c.model.rowCount() == 2 and c.model.canFetchMore()
    qtmodeltester.check(c.model)
    win = c.open_dossier(rows[0].id)
    assert win.events.rowCount() == 2
    qtmodeltester.check(win.events)
    win.reject()
    c.view.receive_button.click()
    dlg = c.dialog
    dlg.procedure_completer._fill("ho tich")
    assert dlg.procedure_completer.model.rowCount() > 0
    qtmodeltester.check(dlg.procedure_completer.model)
    dlg.applicant_completer._fill("nguyen")
    qtmodeltester.check(dlg.applicant_completer.model)
    dlg.reject()


def test_the_desk_is_the_first_page_for_every_role(qtbot, ctx, officer_id):
    from ui.main_window import MainWindow

    for username in ("canbo", "tuphap", "admin"):
        win = MainWindow(_as(ctx, username))
        qtbot.addWidget(win)
        assert win.nav.item(0).text() == DESK
        assert win.stack.currentWidget() is win.pages[DESK]


def test_apology_for_an_overdue_dossier_and_an_administrators_correction(
        qtbot, ctx, officer_id, monkeypatch, printouts):
    clerk = _as(ctx, "canbo")
    late = _receive(clerk, "Nguyễn Quá Hạn", days_ago=30)
    view, c = _open_tab(qtbot, clerk)
    win = c.open_dossier(late.id)
    assert "Quá hạn" in win.late.text() and "bold" in win.step_buttons["apology"].styleSheet()
    new_due = (now() + dt.timedelta(days=3)).replace(second=0)
    monkeypatch.setattr(actions.ApologyDialog, "ask", classmethod(
        lambda cls, parent, submit, row, suggested: submit(
            {"reason": "Cần xác minh thêm", "new_due_at": new_due})))
    win.step_buttons["apology"].click()
    assert win.row.due_at == new_due and win.row.apologies == 1 and not win.late.text()
    assert win.print_buttons["apology"].isEnabled()
    assert "Cần xác minh thêm (hẹn lại" in win.events.index(1, 4).data()
    assert late.id not in queries.attention(clerk)["overdue"]
    qtbot.waitUntil(lambda: view.bucket_buttons["overdue"].text().endswith(": 0"))
    with qtbot.waitSignal(win.print_runner.finished, timeout=20000):
        win.print_buttons["apology"].click()
    assert printouts[-1].page_size == "A5"
    win.reject()
    # returned, then corrected by the administrator only
    lifecycle.mark_ready(clerk, late.id)
    lifecycle.return_result(clerk, late.id, returned_to="Nguyễn Quá Hạn")
    win = c.open_dossier(late.id)
    assert not win.step_buttons["correct"].isEnabled()
    win.reject()
    admin_view, admin_c = _open_tab(qtbot, _as(ctx, "admin"))
    win = admin_c.open_dossier(late.id)
    assert win.step_buttons["correct"].isEnabled()

    def correct(cls, parent, submit, row):
        dlg = actions.CorrectionDialog(row)
        qtbot.addWidget(dlg)
        dlg.fields["returned_to"].setText("Nguyễn Văn Con")
        dlg.why.setPlainText("Ghi nhầm người nhận")
        return submit(dlg.values())
    monkeypatch.setattr(actions.CorrectionDialog, "ask", classmethod(correct))
    win.step_buttons["correct"].click()
    assert win.row.returned_to == "Nguyễn Văn Con"
    assert [e.kind for e in queries.events(ctx, late.id)][-1] == "corrected"


def test_books_and_reports(qtbot, ctx, monkeypatch, printouts, boxes, tmp_path):
    from ui.common.widgets import FilePicker
    from ui.desk import reports

    clerk = _as(ctx, "canbo")
    _receive(clerk)
    view, c = _open_tab(qtbot, clerk)
    today = now().date()
    monkeypatch.setattr(reports.PeriodDialog, "ask", classmethod(
        lambda cls, parent, title: (today.replace(day=1), today, "pdf")))
    with qtbot.waitSignal(c.preview_runner.finished, timeout=30000):
        view.ledger_action.trigger()
    assert not boxes.errors and "Sổ theo dõi" in printouts[-1].title
    path = tmp_path / "so.xlsx"
    monkeypatch.setattr(reports.PeriodDialog, "ask", classmethod(
        lambda cls, parent, title: (today.replace(day=1), today, "xlsx")))
    monkeypatch.setattr(FilePicker, "save_excel", classmethod(lambda cls, *a, **k: path))
    with qtbot.waitSignal(c.export_runner.finished, timeout=30000):
        view.ledger_action.trigger()
    assert path.exists() and str(path) in boxes.informed[-1]
    # the fee list of a day, then the fee board
    monkeypatch.setattr(reports.FeeDayDialog, "ask", classmethod(
        lambda cls, ctx_, parent: (today, None)))
    with qtbot.waitSignal(c.preview_runner.finished, timeout=30000):
        view.fee_list_action.trigger()
    with qtbot.waitSignal(c.preview_runner.finished, timeout=30000):
        view.fee_board_action.trigger()
    assert not boxes.errors and len(printouts) == 3
    # the statistics of the period
    monkeypatch.setattr(reports.PeriodDialog, "ask", classmethod(
        lambda cls, parent, title: (today.replace(day=1), today, "pdf")))
    with qtbot.waitSignal(c.preview_runner.finished, timeout=30000):
        view.stats_action.trigger()
    assert not boxes.errors and len(printouts) == 4


def test_an_applicant_with_a_phone_goes_straight_to_the_checklist(qtbot, ctx):
    view, c = _open_tab(qtbot, _as(ctx, "canbo"))
    c.view.receive_button.click()
    dlg = c.dialog
    _activate(qtbot, dlg)
    qtbot.keyClicks(dlg.procedure, "khai sinh")
    _key(qtbot, Qt.Key.Key_Down)
    _key(qtbot, Qt.Key.Key_Return)
    qtbot.keyClicks(dlg.applicant, "nguyen van thang")
    _key(qtbot, Qt.Key.Key_Down)
    _key(qtbot, Qt.Key.Key_Return)
    assert dlg.phone.text() == "0912345678"
    qtbot.waitUntil(dlg.documents.hasFocus)  # Space ticks the first document
    dlg.reject()
