"""The new-petition form: a petition received with the keyboard only, the petitioner picked from
the residents register; a returning citizen's earlier case recognised and linked; bad input
said in the form and nothing written; an anonymous or forwarded petition."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

from app.petitions import queries
from db.models import AuditEntry, Petition, PetitionEvent
from tests.gui.petition_cases import receive, sign_in_office
from ui.petitions.controller import build

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def office(ctx):
    return sign_in_office(ctx)


def _counts(ctx):
    with ctx.read() as s:
        return tuple(s.scalar(select(func.count()).select_from(m))
                     for m in (Petition, PetitionEvent, AuditEntry))


def _open_tab(qtbot, ctx):
    view, tab = build(ctx)
    view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    qtbot.addWidget(view, before_close_func=lambda _v: tab.close_windows())
    view.resize(1200, 680)
    with qtbot.waitActive(view):
        view.show()
        view.activateWindow()
    return view, tab.petitions


def _form(qtbot, c):
    c.view.window().activateWindow()  # back from the form just closed
    qtbot.waitUntil(c.view.window().isActiveWindow)
    qtbot.keyClick(c.view.table, Qt.Key.Key_N, CTRL)
    dlg = c.dialog
    assert dlg is not None
    dlg.activateWindow()
    qtbot.waitUntil(dlg.isActiveWindow)
    return dlg


def _key(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier):
    target = QApplication.activePopupWidget() or QApplication.focusWidget()
    assert target is not None
    qtbot.keyClick(target, key, modifier)


def _pick(qtbot, dlg, typed: str) -> None:
    """Type into the petitioner field and take the first resident the popup offers."""
    dlg.petitioner.setFocus()
    qtbot.keyClicks(dlg.petitioner, typed)
    _key(qtbot, Qt.Key.Key_Down)
    _key(qtbot, Qt.Key.Key_Return)


def test_receive_a_petition_with_the_keyboard(qtbot, office):
    clerk = office["canbo"]
    view, c = _open_tab(qtbot, clerk)
    dlg = _form(qtbot, c)
    qtbot.waitUntil(dlg.kind.hasFocus)  # the kind first
    dlg.kind.setCurrentIndex(dlg.kind.findData("complaint"))
    _key(qtbot, Qt.Key.Key_Return)  # Enter moves on: the field, the channel …
    assert dlg.field.hasFocus()
    _pick(qtbot, dlg, "dang thi ha")
    assert dlg.petitioner.text() == "Đặng Thị Hà" and dlg.chosen_resident() is not None
    assert dlg.address.text() == "Xóm 3, Phú Thọ" and dlg.cccd.text() == "038185000002"
    assert not dlg.earlier_list.isVisibleTo(dlg)  # no earlier case: nothing to link
    dlg.activateWindow()
    qtbot.waitUntil(dlg.subject.hasFocus)  # the cursor goes on to the subject
    qtbot.keyClicks(dlg.subject, "Khieu nai viec do dac lai ranh gioi thua dat")
    _key(qtbot, Qt.Key.Key_Return)
    assert dlg.content.hasFocus()
    qtbot.keyClicks(dlg.content, "Do dac sai ranh gioi voi ho lien ke.")
    _key(qtbot, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: c.dialog is None)
    ids = queries.search_ids(clerk)
    row = queries.get_petitions(clerk, ids)[0]
    assert (row.kind, row.petitioner_name, row.channel, row.status) == (
        "complaint", "Đặng Thị Hà", "reception", "received")
    assert row.content == "Do dac sai ranh gioi voi ho lien ke."
    assert c.selected_id() == row.id and c.mode == "all"
    assert f"Đã nhận đơn {row.reference} (Khiếu nại)" in c.view.notice.text()


def test_a_returning_citizen_is_recognised_and_linked(qtbot, office):
    clerk = office["canbo"]
    from app import resident_lists

    thang = resident_lists.search_resident_ids(clerk, "nguyen van thang")[0]
    first = receive(clerk, days=30, subject="Kiến nghị cấp giấy chứng nhận quyền sử dụng đất",
                    petitioner_resident_id=thang, name="")
    other = receive(clerk, days=20, subject="Phản ánh đèn đường hỏng", kind="feedback",
                    petitioner_resident_id=thang, name="")
    receive(clerk, days=10, subject="Tố cáo cán bộ thôn", kind="denunciation", field="conduct",
            petitioner_resident_id=thang, name="")  # never offered: a denouncer is secret
    view, c = _open_tab(qtbot, clerk)
    dlg = _form(qtbot, c)
    _pick(qtbot, dlg, "nguyen van thang")
    assert dlg.earlier_list.isVisibleTo(dlg) and [r.id for r in dlg.earlier] == [other.id,
                                                                                   first.id]
    assert "đã có 2 đơn" in dlg.earlier_title.text()
    dlg.subject.setText("Đề nghị cấp giấy chứng nhận quyền sử dụng đất thửa 112")
    dlg.subject.editingFinished.emit()
    assert [r.id for r in dlg.earlier] == [first.id, other.id]  # the same matter first
    assert dlg.earlier_list.item(0).text().startswith("[cùng nội dung] ")
    assert not dlg.earlier_list.item(1).text().startswith("[cùng nội dung]")
    dlg.earlier_list.setFocus()
    dlg.earlier_list.setCurrentRow(0)
    _key(qtbot, Qt.Key.Key_Space)  # ticked as the case this one repeats
    assert dlg.duplicate_of() == first.id
    dlg.earlier_list.item(1).setCheckState(Qt.CheckState.Checked)  # one case at most
    assert dlg.duplicate_of() == other.id
    dlg.earlier_list.item(0).setCheckState(Qt.CheckState.Checked)
    dlg.content.setPlainText("Đề nghị xem xét lại.")
    dlg.ok_button.click()
    row = queries.get_petitions(clerk, queries.search_ids(clerk))[0]
    assert row.duplicate_of_id == first.id and row.petitioner_resident_id == thang


def test_a_name_typed_in_finds_the_earlier_cases_too(qtbot, office):
    clerk = office["canbo"]
    earlier = receive(clerk, days=5, name="Vũ Văn Mới", subject="Kiến nghị nạo vét kênh")
    view, c = _open_tab(qtbot, clerk)
    dlg = _form(qtbot, c)
    dlg.petitioner.setText("Vũ Văn Mới")
    dlg.petitioner.editingFinished.emit()
    assert [r.id for r in dlg.earlier] == [earlier.id]
    dlg.anonymous.setChecked(True)  # nobody: nothing to recognise
    assert dlg.earlier == [] and not dlg.petitioner.isEnabled()


def test_bad_input_stays_in_the_form_and_writes_nothing(qtbot, office):
    clerk = office["canbo"]
    view, c = _open_tab(qtbot, clerk)
    dlg = _form(qtbot, c)
    before = _counts(clerk)
    dlg.petitioner.setText("Lê Văn Tám")
    dlg.subject.setText("Kiến nghị sửa đường")
    dlg.ok_button.click()  # no content
    assert dlg.error.text() == "Vui lòng ghi nội dung đơn." and c.dialog is dlg
    dlg.content.setPlainText("Đường hỏng nặng.")
    dlg.channel.setCurrentIndex(dlg.channel.findData("forwarded"))
    assert dlg.source_agency.isEnabled()
    dlg.ok_button.click()  # forwarded without the agency
    assert "cơ quan chuyển" in dlg.error.text()
    dlg.received.setText("01/01/2099")
    dlg.source_agency.setText("Ban Tiếp công dân tỉnh")
    dlg.ok_button.click()
    assert "ở tương lai" in dlg.error.text() and _counts(clerk) == before
    dlg.received.setText("")
    dlg.ok_button.click()
    qtbot.waitUntil(lambda: c.dialog is None)
    row = queries.get_petitions(clerk, queries.search_ids(clerk))[0]
    assert (row.channel, row.source_agency) == ("forwarded", "Ban Tiếp công dân tỉnh")


def test_an_anonymous_denunciation_and_a_group(qtbot, office):
    clerk = office["canbo"]
    view, c = _open_tab(qtbot, clerk)
    dlg = _form(qtbot, c)
    dlg.kind.setCurrentIndex(dlg.kind.findData("denunciation"))
    assert "giữ bí mật" in dlg.kind_info.text()
    dlg.anonymous.setChecked(True)
    dlg.subject.setText("Tố cáo lấn chiếm đất công")
    dlg.content.setPlainText("Không ghi tên.")
    dlg.ok_button.click()
    qtbot.waitUntil(lambda: c.dialog is None)
    row = queries.get_petitions(clerk, queries.search_ids(clerk))[0]
    assert row.anonymous and row.petitioner_name == "Người tố cáo (được giữ bí mật)"
    dlg = _form(qtbot, c)
    dlg.petitioner.setText("Lê Văn Tám")
    dlg.signatories.setValue(14)
    assert "người đại diện" in dlg.group_info.text()
    dlg.subject.setText("Kiến nghị làm đường liên thôn")
    dlg.content.setPlainText("14 hộ cùng ký.")
    dlg.ok_button.click()
    qtbot.waitUntil(lambda: c.dialog is None)
    row = queries.get_petitions(clerk, queries.search_ids(clerk))[0]
    assert row.signatories == 14
    assert c.model.index(c.model.row_of(row.id), 3).data() == "Lê Văn Tám và 13 người khác"
