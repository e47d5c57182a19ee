"""The letter dialogs: the template editor's live preview, checks, saving and read-only view;
composing a letter from a suggestion and from scratch, with what the service refuses."""

from __future__ import annotations

import io
import re

import pypdf
import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDialog

from app import procedures, resident_lists
from app.desk import lifecycle, reception
from app.desk.types import DossierInput
from app.l10n import today
from app.letters import drafts, queries, service, templates
from app.letters.types import Occasion
from ui.common.forms import ReasonDialog
from ui.letters.compose import ComposeDialog
from ui.letters.template_editor import TemplateEditorDialog, UnsavedBox

SENTENCE = "Xin gửi lời tri ân tới bà con thôn Đồng Lạc"


def type_text(widget, text: str) -> None:
    """Type as a Vietnamese input method does, committing each word whole (QTest's key
    clicks carry only Latin-1 characters)."""
    for piece in re.split(r"(\s+)", text):
        if piece:
            event = QInputMethodEvent()
            event.setCommitString(piece)
            QApplication.sendEvent(widget, event)


def pdf_text(pdf: bytes) -> str:
    text = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    return " ".join(text.split())  # lines broken anywhere by the layout


def preview_says(dialog, words: str) -> bool:
    return dialog.current_printout is not None and words in pdf_text(dialog.current_printout.pdf)


@pytest.fixture(autouse=True)
def discard_on_close(monkeypatch):
    """A dialog closed by the test run with unsaved text never blocks on the question."""
    monkeypatch.setattr(UnsavedBox, "ask", classmethod(lambda cls, parent, t: cls.DISCARD))


def letter_count(ctx) -> int:
    return len(queries.search_ids(ctx))


def household_of(ctx, head: str) -> int:
    return resident_lists.search_household_ids(ctx, head)[0]


def thanks_letter(ctx, deed: str) -> int:
    with ctx.read() as s:
        draft = drafts.household_draft(s, household_of(ctx, "Trần Văn Bình"), Occasion.LAND,
                                       today())
    draft.values["viec_lam"] = deed
    return service.create_letter(ctx, draft)


def editor(qtbot, ctx, key: str = "thanks") -> TemplateEditorDialog:
    dlg = TemplateEditorDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.activateWindow()
    qtbot.waitUntil(dlg.isActiveWindow)
    dlg.select_template(key)
    assert dlg.key == key and dlg.current_printout is not None
    return dlg


def compose(qtbot, ctx, draft=None) -> ComposeDialog:
    dlg = ComposeDialog(ctx, draft)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.activateWindow()  # its shortcuts work in the active window
    qtbot.waitUntil(dlg.isActiveWindow)
    return dlg


def pick(qtbot, dlg: ComposeDialog, text: str, household: bool = False) -> None:
    """Find the recipient as a user types it, and take the first line of the list."""
    picker = dlg.picker
    picker.kind.setCurrentIndex(picker.kind.findData("household" if household else "resident"))
    qtbot.keyClicks(picker.recipient, text)
    assert picker.completer.model.choices, f"nothing found for {text!r}"
    picker.completer.pick(picker.completer.model.choices[0])


# -- the template editor --------------------------------------------------------------------

def test_editing_a_template_previews_checks_and_saves(qtbot, admin_ctx, boxes):
    before = thanks_letter(admin_ctx, "góp 50 ngày công làm đường")
    dlg = editor(qtbot, admin_ctx)
    assert not dlg.save_button.isEnabled()  # nothing changed yet
    assert not preview_says(dlg, SENTENCE)
    dlg.text_edit.moveCursor(dlg.text_edit.textCursor().MoveOperation.End)
    qtbot.keyClick(dlg.text_edit, Qt.Key.Key_Return)
    qtbot.keyClick(dlg.text_edit, Qt.Key.Key_Return)
    type_text(dlg.text_edit, SENTENCE + ".")
    qtbot.waitUntil(lambda: preview_says(dlg, SENTENCE), timeout=3000)
    assert dlg.save_button.isEnabled() and not dlg.preview.showing_message

    qtbot.keyClicks(dlg.text_edit, " {ten_nguoi_la}")
    qtbot.waitUntil(lambda: dlg.current_printout is None, timeout=3000)
    assert "ten_nguoi_la" in dlg.preview_error.text() and dlg.preview_error.isVisible()
    assert not dlg.save_button.isEnabled()
    for _ in " {ten_nguoi_la}":
        qtbot.keyClick(dlg.text_edit, Qt.Key.Key_Backspace)
    qtbot.waitUntil(lambda: preview_says(dlg, SENTENCE), timeout=3000)
    assert dlg.save_button.isEnabled()

    qtbot.keyClick(dlg, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not boxes.errors
    assert templates.get_template(admin_ctx, "thanks").edited
    assert "(đã sửa)" in dlg.template_list.currentItem().text()
    assert not dlg.save_button.isEnabled()  # saved: nothing left to save

    after = thanks_letter(admin_ctx, "góp 30 ngày công làm đường")
    assert SENTENCE in " ".join(queries.get_letter(admin_ctx, after).body)
    assert SENTENCE not in " ".join(queries.get_letter(admin_ctx, before).body)

    dlg._on_reset_requested()  # confirmed by the patched box
    assert boxes.asked and not templates.get_template(admin_ctx, "thanks").edited
    assert SENTENCE not in dlg.text_edit.toPlainText()


def test_switching_with_unsaved_changes_asks_and_can_stay(qtbot, admin_ctx, monkeypatch):
    dlg = editor(qtbot, admin_ctx, "apology")
    dlg.text_edit.appendPlainText("\nMột đoạn chưa lưu.")
    monkeypatch.setattr(UnsavedBox, "ask", classmethod(lambda cls, parent, t: cls.STAY))
    dlg.select_template("birth")
    assert dlg.key == "apology" and dlg.template_list.currentItem().text() == "Xin lỗi"
    assert "Một đoạn chưa lưu." in dlg.text_edit.toPlainText()
    monkeypatch.setattr(UnsavedBox, "ask", classmethod(lambda cls, parent, t: cls.DISCARD))
    dlg.select_template("birth")
    assert dlg.key == "birth" and not templates.get_template(admin_ctx, "apology").edited


def test_a_clerk_sees_the_templates_read_only(qtbot, clerk_ctx):
    dlg = editor(qtbot, clerk_ctx, "death")
    assert dlg.text_edit.isReadOnly()
    assert dlg.save_button.isHidden() and dlg.reset_button.isHidden()
    assert dlg.insert_button.isHidden() and dlg.note.isVisible()
    assert "quản trị" in dlg.note.text()
    assert preview_says(dlg, "THƯ CHIA BUỒN")  # the preview is there to read
    dlg.insert_field("tuoi")
    assert "{tuoi}" not in dlg.text_edit.toPlainText()
    assert not dlg.save()


# -- composing ------------------------------------------------------------------------------

@pytest.fixture
def birth_registered(admin_ctx):
    """A birth registered and returned at the desk: the queue suggests a letter."""
    proc = procedures.search_procedure_ids(admin_ctx, "dang ky khai sinh")[0]
    thang = resident_lists.search_resident_ids(admin_ctx, "Nguyễn Văn Thắng")[0]
    row = reception.receive(admin_ctx, DossierInput(procedure_id=proc, applicant_resident_id=thang,
                                                    applicant_name="Nguyễn Văn Thắng"))
    lifecycle.mark_ready(admin_ctx, row.id)
    lifecycle.return_result(admin_ctx, row.id, returned_to="Nguyễn Văn Thắng",
                            event_person="Nguyễn Minh Khang")
    return row


def test_compose_from_a_suggestion(qtbot, admin_ctx, birth_registered, boxes, monkeypatch):
    suggestion = next(s for s in queries.suggestions(admin_ctx) if s.occasion == Occasion.BIRTH)
    dlg = compose(qtbot, admin_ctx, suggestion.draft)
    assert dlg.name.text() == "Nguyễn Văn Thắng"
    assert dlg.field_edits["ten_con"].text() == "Nguyễn Minh Khang"
    assert preview_says(dlg, "Nguyễn Minh Khang")
    dlg.field_edits["ten_con"].setText("Nguyễn Minh Khôi")  # the clerk corrects the name
    qtbot.waitUntil(lambda: preview_says(dlg, "Nguyễn Minh Khôi"), timeout=3000)
    qtbot.mouseClick(dlg.create_button, Qt.MouseButton.LeftButton)
    assert not boxes.errors and dlg.result() == QDialog.DialogCode.Accepted
    letter = queries.get_letter(admin_ctx, dlg.letter_id)
    assert letter.civil_event_id == suggestion.draft.civil_event_id
    assert "Nguyễn Minh Khôi" in " ".join(letter.body)

    # the same birth again: a reason is asked, and the second letter carries it
    asked = []

    def ask(cls, parent, submit, prompt, **_kw):
        asked.append(prompt)
        return submit({"reason": "Gia đình xin thêm một bản"})

    monkeypatch.setattr(ReasonDialog, "ask", classmethod(ask))
    again = compose(qtbot, admin_ctx, suggestion.draft)
    qtbot.keyClick(again, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert asked and letter.number_text in asked[0]
    assert again.letter_id not in (None, dlg.letter_id)
    assert queries.get_letter(admin_ctx, again.letter_id).duplicate_reason == \
        "Gia đình xin thêm một bản"


def test_thanks_from_scratch_needs_the_deed(qtbot, admin_ctx, boxes):
    count = letter_count(admin_ctx)
    dlg = compose(qtbot, admin_ctx)
    dlg.set_occasion(Occasion.LAND)
    pick(qtbot, dlg, "nguyen van thang", household=True)
    assert dlg.name.text() == "Nguyễn Văn Thắng"
    assert dlg.salutation.currentText() == "Gia đình ông"
    dlg.refresh_preview()
    assert "Việc làm được cảm ơn" in dlg.missing_label.text()
    assert dlg.preview.showing_message and dlg.current_printout is None
    assert dlg.field_edits["viec_lam"].styleSheet()  # highlighted
    qtbot.mouseClick(dlg.create_button, Qt.MouseButton.LeftButton)
    assert boxes.errors and "viec_lam" in boxes.errors[-1]
    assert dlg.letter_id is None and dlg.result() != QDialog.DialogCode.Accepted
    assert letter_count(admin_ctx) == count

    type_text(dlg.field_edits["viec_lam"], "tự nguyện hiến 120 m² đất làm đường")
    qtbot.waitUntil(lambda: preview_says(dlg, "hiến 120 m² đất làm đường"), timeout=3000)
    assert not dlg.missing_label.isVisible() and not dlg.field_edits["viec_lam"].styleSheet()
    qtbot.mouseClick(dlg.create_button, Qt.MouseButton.LeftButton)
    assert letter_count(admin_ctx) == count + 1
    letter = queries.get_letter(admin_ctx, dlg.letter_id)
    assert letter.household_id == household_of(admin_ctx, "Nguyễn Văn Thắng")
    assert letter.addressee == "Gia đình ông Nguyễn Văn Thắng"


def test_condolence_for_a_living_resident_is_refused(qtbot, admin_ctx, boxes):
    count = letter_count(admin_ctx)
    dlg = compose(qtbot, admin_ctx)
    dlg.set_occasion(Occasion.DEATH)
    assert dlg.picker.note.isVisible() and "Thư cần gửi" in dlg.picker.note.text()
    assert not dlg.picker.kind.isEnabled()  # the deceased is a resident
    pick(qtbot, dlg, "tran van binh")
    assert "vẫn còn sống" in dlg.error.text() and dlg.error.isVisible()
    assert not dlg.name.text()
    qtbot.mouseClick(dlg.create_button, Qt.MouseButton.LeftButton)
    assert boxes.errors and dlg.letter_id is None
    assert letter_count(admin_ctx) == count


def test_birth_from_scratch_points_to_the_queue(qtbot, admin_ctx, boxes):
    count = letter_count(admin_ctx)
    dlg = compose(qtbot, admin_ctx)
    dlg.set_occasion(Occasion.BIRTH)
    assert "Thư cần gửi" in dlg.picker.note.text() and dlg.picker.note.isVisible()
    pick(qtbot, dlg, "dang thi ha")
    dlg.field_edits["ten_con"].setText("Đặng Minh Châu")
    dlg.field_edits["ngay_dang_ky"].setText("ngày 02 tháng 3 năm 2026")
    dlg.refresh_preview()
    assert preview_says(dlg, "Đặng Minh Châu")  # it can be read …
    qtbot.mouseClick(dlg.create_button, Qt.MouseButton.LeftButton)
    assert boxes.errors and "khai sinh" in boxes.errors[-1]  # … but not made here
    assert letter_count(admin_ctx) == count


class _Flips(QObject):
    """Counts a widget being shown or hidden."""

    def __init__(self):
        super().__init__()
        self.count = 0

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
        if event.type() in (QEvent.Type.Show, QEvent.Type.Hide):
            self.count += 1
        return False


@pytest.mark.parametrize("key", ["birth", "death"])
def test_the_preview_settles(qtbot, admin_ctx, key):
    """A page about as tall as the view, fitted to its width, must not make the scroll bar
    come and go for ever (the window froze on the birth template)."""
    dlg = editor(qtbot, admin_ctx, key)
    flips = _Flips()
    dlg.preview.view.verticalScrollBar().installEventFilter(flips)
    for width in range(1200, 1400, 20):
        dlg.resize(width, 800)
        qtbot.wait(20)
    qtbot.wait(200)
    assert flips.count < 10
