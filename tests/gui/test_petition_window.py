"""The petition window: classifying a petition (accept) through its form, every step's form
calling its service, the steps enabled per role and state, the clocks with their
explanations, and a denouncer's identity shown only to the handling officer and the chairman."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLabel
from sqlalchemy import func, select

from app.petitions import privacy, queries
from app.petitions.steps import Step, allowed_steps
from db.models import AuditEntry, Petition, PetitionEvent
from tests.gui.petition_cases import ago, make_cases, receive, sign_in_office
from ui.petitions import step_forms
from ui.petitions.controller import build
from ui.petitions.window import PetitionWindow

S = Step


@pytest.fixture
def office(ctx):
    return sign_in_office(ctx)


def fill_in(monkeypatch, form, fill) -> list:
    """`form.ask` builds the real form, `fill(dialog)` types into it, then “Lưu” is clicked;
    the forms built are listed (an error stays in its form, which then returns None)."""
    built: list = []

    def ask(cls, parent, submit, **kwargs):
        dlg = cls(parent=parent, **kwargs)
        dlg.submit = submit
        fill(dlg)
        dlg.ok_button.click()
        built.append(dlg)
        return dlg.result_value if dlg.result() == QDialog.DialogCode.Accepted else None

    monkeypatch.setattr(form, "ask", classmethod(ask))
    return built


def _counts(ctx):
    with ctx.read() as s:
        return tuple(s.scalar(select(func.count()).select_from(m))
                     for m in (Petition, PetitionEvent, AuditEntry))


def _window(qtbot, ctx, key) -> PetitionWindow:
    win = PetitionWindow(ctx, key)
    qtbot.addWidget(win)
    return win


def _shown_text(win) -> str:
    """What the window's labels say (the new ones are shown by the event loop)."""
    QApplication.processEvents()
    return "\n".join(w.text() for w in win.findChildren(QLabel) if w.isVisibleTo(win))


def test_classify_a_petition_through_the_window(qtbot, office, monkeypatch):
    clerk, lan = office["canbo"], office["tuphap"]
    row = receive(clerk, kind="complaint", days=2, subject="Khiếu nại đo đạc ranh giới")
    view, tab = build(lan)
    qtbot.addWidget(view, before_close_func=lambda _v: tab.close_windows())
    view.show()
    c = tab.petitions
    assert c.mode == "classify" and c.selected_id() == row.id
    qtbot.keyClick(c.view.table, Qt.Key.Key_Return)  # Enter opens the selected petition
    win = c.petition_window
    assert win is not None and win.row.id == row.id
    assert "Phân loại, xử lý đơn: 10 ngày làm việc" in _shown_text(win)  # the clock explained
    # the officer forgets to choose who handles it: said in the form, nothing written
    before = _counts(lan)
    forms = fill_in(monkeypatch, step_forms.AcceptDialog,
                    lambda d: d.handler.setCurrentIndex(0))
    win.step_buttons[S.ACCEPT].click()
    assert "Vui lòng chọn công chức" in forms[-1].error.text() and _counts(lan) == before
    assert win.row.status == "received"

    def accept(d):
        assert d.handler.currentData() == lan.user.user_id  # herself, proposed
        assert [d.handler.itemText(i) for i in range(1, d.handler.count())] == [
            "Nguyễn Văn Chủ – Chủ tịch UBND xã", "Hoàng Thị Lan – Công chức Tư pháp – Hộ tịch",
            "Bùi Quang Minh – Công chức chuyên môn"]  # officers and the chairman only
        d.complexity.setCurrentIndex(d.complexity.findData("complex"))
        d.note.setText("Thuộc thẩm quyền của xã")
        d.on.setText(ago(1).strftime("%d/%m/%Y"))
    fill_in(monkeypatch, step_forms.AcceptDialog, accept)
    win.step_buttons[S.ACCEPT].click()
    p = win.row
    assert (p.status, p.handler, p.complexity, p.accepted_on) == (
        "accepted", "Hoàng Thị Lan", "complex", ago(1))
    assert "Đã thụ lý; giao Hoàng Thị Lan giải quyết" in win.notice.text()
    shown = _shown_text(win)
    assert "Giải quyết: 45 ngày kể từ" in shown and "Hạn:" in shown  # the new clock explained
    assert [win.events.index(i, 1).data() for i in range(win.events.rowCount())] == \
        ["Nhận đơn", "Thụ lý"]
    assert "Giao Hoàng Thị Lan giải quyết" in win.events.index(1, 3).data()
    assert win.step_buttons[S.RESOLVE].isEnabled() and not win.step_buttons[S.ACCEPT].isEnabled()
    # the list follows from what the step wrote (app.changes): no longer to classify
    qtbot.waitUntil(lambda: c.view.bucket_buttons["classify"].text().endswith(": 0"))
    win.reject()


@pytest.mark.parametrize("who, kind, state, expected", [
    ("canbo", "complaint", "received", {S.WITHDRAW}),
    ("tuphap", "complaint", "received", {S.ACCEPT, S.FORWARD, S.GUIDE, S.FILE, S.WITHDRAW}),
    ("admin", "complaint", "received", {S.ACCEPT, S.FORWARD, S.GUIDE, S.FILE, S.WITHDRAW}),
    ("tuphap", "complaint", "accepted", {S.PAUSE, S.RESOLVE, S.WITHDRAW}),
    ("tuphap", "denunciation", "accepted",
     {S.NOTIFY_ACCEPTANCE, S.EXTEND, S.PAUSE, S.RESOLVE, S.WITHDRAW}),
    ("canbo", "denunciation", "accepted", {S.WITHDRAW}),
    ("chutich", "feedback", "paused", {S.RESUME, S.WITHDRAW}),
    ("tuphap", "feedback", "resolved", {S.NOTIFY}),
    ("tuphap", "recommendation", "closed", {S.REOPEN}),
    ("canbo", "recommendation", "closed", set()),
])
def test_the_steps_enabled_per_role_and_state(qtbot, office, who, kind, state, expected):
    lan = office["tuphap"]
    from app.petitions import service

    row = receive(office["canbo"], kind=kind, days=10)
    if state != "received":
        service.accept(lan, row.id, handler_id=lan.user.user_id, on=ago(9))
    if state == "paused":
        service.pause(lan, row.id, "Chờ xác minh", on=ago(8))
    if state in ("resolved", "closed"):
        outcome = "answered"
        service.resolve(lan, row.id, outcome, "Công văn trả lời", on=ago(5))
    if state == "closed":
        service.notify(lan, row.id, "Gửi văn bản", on=ago(4))
    win = _window(qtbot, office[who], row.id)
    enabled = {s for s, b in win.step_buttons.items() if b.isEnabled()}
    assert enabled == expected
    assert enabled == set(allowed_steps(office[who].user, win.row.status, win.row.kind))


def test_every_step_form_calls_its_service(qtbot, office, monkeypatch):
    """A denunciation's whole life through the forms, and the other endings of a petition."""
    lan, chair = office["tuphap"], office["chutich"]
    row = receive(office["canbo"], kind="denunciation", days=20, field="conduct",
                  name="Trần Văn Tố")
    win = _window(qtbot, lan, row.id)
    day = ago(18).strftime("%d/%m/%Y")

    def accept(d):
        d.complexity.setCurrentIndex(d.complexity.findData("very_complex"))
        d.on.setText(day)
    fill_in(monkeypatch, step_forms.AcceptDialog, accept)
    win.step_buttons[S.ACCEPT].click()
    fill_in(monkeypatch, step_forms.AcceptanceNoticeDialog, lambda d: d.on.setText(day))
    win.step_buttons[S.NOTIFY_ACCEPTANCE].click()
    assert win.row.accept_notified_on == ago(18)
    fill_in(monkeypatch, step_forms.ExtendDialog,
            lambda d: d.decision.setText("Quyết định 88/QĐ-UBND"))
    win.step_buttons[S.EXTEND].click()
    assert win.row.extensions == 1 and "Đã gia hạn lần 1" in win.notice.text()
    assert "Gia hạn lần 1: 30 ngày" in _shown_text(win)
    fill_in(monkeypatch, step_forms.PauseDialog, lambda d: d.reason.setPlainText("Chờ giám định"))
    win.step_buttons[S.PAUSE].click()
    assert win.row.status == "paused" and "thời hạn dừng lại" in _shown_text(win)
    fill_in(monkeypatch, step_forms.ResumeDialog, lambda d: None)
    win.step_buttons[S.RESUME].click()
    assert win.row.status == "accepted" and "Tiếp tục giải quyết; hạn mới" in win.notice.text()

    def resolve(d):  # a denunciation's outcomes only
        assert [d.outcome.itemData(i) for i in range(1, d.outcome.count())] == [
            "founded", "partly_founded", "unfounded"]
        d.outcome.setCurrentIndex(d.outcome.findData("partly_founded"))
        d.decision.setPlainText("Kết luận nội dung tố cáo số 03/KL-UBND")
    fill_in(monkeypatch, step_forms.ResolveDialog, resolve)
    win.step_buttons[S.RESOLVE].click()
    assert win.row.status == "resolved" and win.row.outcome == "partly_founded"
    fill_in(monkeypatch, step_forms.NotifyDialog,
            lambda d: d.how.setCurrentText("Giao trực tiếp cho công dân"))
    win.step_buttons[S.NOTIFY].click()
    assert win.row.status == "closed" and win.row.notified_how == "Giao trực tiếp cho công dân"
    fill_in(monkeypatch, step_forms.ReopenDialog,
            lambda d: d.reason.setPlainText("Có tình tiết mới"))
    win.step_buttons[S.REOPEN].click()
    assert win.row.status == "accepted"
    fill_in(monkeypatch, step_forms.WithdrawDialog,
            lambda d: d.reason.setPlainText("Công dân xin rút đơn"))
    win.step_buttons[S.WITHDRAW].click()
    assert win.row.status == "withdrawn"
    kinds = [e.kind for e in queries.events(chair, row.id)]
    assert kinds == ["received", "accepted", "accept_notified", "extended", "paused", "resumed",
                     "resolved", "notified", "reopened", "withdrawn"]
    # forwarded, guided and filed petitions
    for step, form, fill, status in (
            (S.FORWARD, step_forms.ForwardDialog, lambda d: d.to.setText("UBND tỉnh"),
             "forwarded"),
            (S.GUIDE, step_forms.GuideDialog,
             lambda d: d.note.setPlainText("Gửi đơn đến Tòa án nhân dân khu vực"), "guided"),
            (S.FILE, step_forms.FileDialog,
             lambda d: d.reason.setCurrentIndex(d.reason.findData("duplicate")), "filed")):
        other = _window(qtbot, lan, receive(office["canbo"], days=3).id)
        fill_in(monkeypatch, form, fill)
        other.step_buttons[step].click()
        assert other.row.status == status, step


def test_a_refused_step_stays_in_its_form(qtbot, office, monkeypatch):
    lan = office["tuphap"]
    row = receive(office["canbo"], kind="complaint", days=5)
    win = _window(qtbot, lan, row.id)
    before = _counts(lan)
    forms = fill_in(monkeypatch, step_forms.ForwardDialog, lambda d: d.on.setText("01/01/2099"))
    assert win.run_step(S.FORWARD) is None
    assert "Vui lòng ghi cơ quan" in forms[-1].error.text()
    forms[-1].to.setText("UBND tỉnh")
    forms[-1].ok_button.click()  # the date in the future now
    assert "ở tương lai" in forms[-1].error.text() and _counts(lan) == before


def test_a_denouncer_is_shown_to_the_handler_and_the_chairman_only(qtbot, office):
    cases = make_cases(office)
    denunciation = cases["soon"]  # handled by Bùi Quang Minh (diachinh)

    def readings():
        with office["admin"].read() as s:
            return s.scalar(select(func.count()).select_from(AuditEntry).where(
                AuditEntry.action == privacy.IDENTITY_READ))

    for who, sees in (("canbo", False), ("tuphap", False), ("admin", False),
                      ("diachinh", True), ("chutich", True)):
        before = readings()
        win = _window(qtbot, office[who], denunciation)
        text = _shown_text(win)
        assert ("Trần Văn Tố" in text) is sees, who
        assert ("được giữ bí mật" in text) is not sees, who
        assert readings() == before + (1 if sees else 0), who  # each reading recorded
        # a step by the handler reads the petition again without a second reading
        win.reload()
        assert ("Trần Văn Tố" in _shown_text(win)) is sees and readings() == before + sees
        win.close()
    # the list never shows who denounced, even to the chairman
    rows = queries.get_petitions(office["chutich"], [denunciation])
    assert rows[0].identity_hidden and "Trần Văn Tố" not in rows[0].petitioner_name
