"""The letters tab on the demo commune: letters made from the queue (one, a batch), printing
marks, dismissing with a reason, the delivery mark, the register's search and filters, the
second letter for one event, and the compose dialog and template editor opened from here.

Expectations are read through app/ services, never hard-coded: the demo grows."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog

from app import users
from app.demo import DEMO_PASSWORD, build_demo
from app.errors import DomainError
from app.jobs import run_to_end
from app.l10n import today
from app.letters import queries, service
from app.letters.types import Filters, LetterKind
from app.text import fold
from ui.common.forms import ReasonDialog
from ui.common.widgets import FilePicker
from ui.letters import dialogs
from ui.letters.controller import build
from ui.letters.register import counts_text
from ui.letters.view import REGISTER
from ui.preview.dialog import PreviewDialog
from ui.preview.printing import PrintDialogBox

NUMBER, KIND, ADDRESSEE, PRINTED, DELIVERED = 0, 2, 3, 7, 8  # register columns


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    """The demo commune built once, in a file each test copies."""
    from app.database import open_database

    path = tmp_path_factory.mktemp("demo") / "quang-trung.sqlite3"
    ctx = open_database(path)
    run_to_end(build_demo(ctx))
    ctx.engine.dispose()
    return path


@pytest.fixture
def demo(demo_file, tmp_path):
    """The demo's desk clerk (motcua), on a copy of the demo database."""
    from app.database import open_database

    path = tmp_path / "xa.sqlite3"
    shutil.copy(demo_file, path)
    ctx = open_database(path)
    yield ctx.as_user(users.authenticate(ctx, "motcua", DEMO_PASSWORD))
    ctx.engine.dispose()


@pytest.fixture
def previews(monkeypatch) -> list[PreviewDialog]:
    """Every preview the tab asked for: built (so it can print or save), never shown."""
    shown: list[PreviewDialog] = []

    def show(cls, parent, printout):
        shown.append(cls(printout, parent))
        return shown[-1]
    monkeypatch.setattr(PreviewDialog, "show_printout", classmethod(show))
    return shown


def _open_tab(qtbot, ctx):
    view, controller = build(ctx)
    view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    qtbot.addWidget(view, before_close_func=lambda _v: controller.close_windows())
    view.resize(1300, 720)
    with qtbot.waitActive(view):
        view.show()
        view.activateWindow()
    return view, controller


def _select_rows(table, rows) -> None:
    model, sel, flag = table.model(), table.selectionModel(), QItemSelectionModel.SelectionFlag
    sel.clearSelection()
    sel.setCurrentIndex(model.index(rows[0], 0), flag.NoUpdate)
    for r in rows:
        sel.select(model.index(r, 0), flag.Select | flag.Rows)


def _keys(ctx) -> list[str]:
    return [s.key for s in queries.suggestions(ctx)]


def _queue_keys(c) -> list[str]:
    return [c.suggestions.id_at(r) for r in range(c.suggestions.rowCount())]


def _cell(c, letter_id: int, column: int) -> str:
    model = c.register.model
    return model.index(model.row_of(letter_id), column).data()


def _print_to_pdf(monkeypatch, path) -> None:
    def ask(cls, parent, printer, page_count):
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(path))
        return True
    monkeypatch.setattr(PrintDialogBox, "ask", classmethod(ask))  # "In", to a PDF printer


# -- making letters from the queue ------------------------------------------------------------

def test_enter_makes_the_letter_of_the_suggestion(qtbot, demo, previews, boxes):
    view, c = _open_tab(qtbot, demo)
    assert _queue_keys(c) == _keys(demo)
    assert view.tabs.tabText(0) == f"Thư &cần gửi ({len(_queue_keys(c))})"
    first = c.suggestions.suggestion_at(0)
    year_numbers = [r.number for r in queries.get_letters(demo, queries.search_ids(
        demo, Filters(start=dt.date(today().year, 1, 1))))]
    before = set(queries.search_ids(demo))
    _select_rows(view.queue_table, [0])
    view.queue_table.setFocus()
    with qtbot.waitSignal(c.print_runner.finished, timeout=30000):
        qtbot.keyClick(view.queue_table, Qt.Key.Key_Return)
    assert not boxes.errors
    (new_id,) = set(queries.search_ids(demo)) - before
    letter = queries.get_letter(demo, new_id)
    assert letter.number == max(year_numbers, default=0) + 1 and letter.year == today().year
    assert letter.kind == first.kind and letter.letter_date == today()
    assert (letter.civil_event_id, letter.dossier_id) == (first.draft.civil_event_id,
                                                          first.draft.dossier_id)
    # the suggestion left the queue, in the tab and in the database; the next one is chosen
    assert first.key not in _keys(demo) and first.key not in _queue_keys(c)
    assert c.selected_suggestions()[0].key == _queue_keys(c)[0]
    # the register lists it with its number; the preview shows its one letter
    assert _cell(c, new_id, NUMBER) == letter.number_text
    assert [p.printout.page_count for p in previews] == [1]
    assert letter.number_text in previews[0].printout.title
    assert letter.printed_at is None  # shown, not printed yet


def test_a_batch_of_three_is_one_pdf_marked_printed_when_printed(qtbot, demo, previews, boxes,
                                                                  monkeypatch, tmp_path):
    view, c = _open_tab(qtbot, demo)
    assert c.suggestions.rowCount() >= 3, "the demo leaves recent events without a letter"
    chosen = [c.suggestions.suggestion_at(r) for r in (0, 1, 2)]
    before = set(queries.search_ids(demo))
    _select_rows(view.queue_table, [0, 2, 1])
    assert view.make_button.text() == "&Lập 3 thư"
    with qtbot.waitSignal(c.print_runner.finished, timeout=30000):
        view.make_button.click()
    made = set(queries.search_ids(demo)) - before
    assert len(made) == 3 and c.register.model.total == len(before) + 3
    assert not {s.key for s in chosen} & set(_keys(demo))
    (preview,) = previews
    assert preview.printout.page_count == 3 and preview.page_count == 3
    assert all(r.printed_at is None for r in queries.get_letters(demo, sorted(made)))
    # the preview prints: the three letters are marked printed
    _print_to_pdf(monkeypatch, tmp_path / "in.pdf")
    with qtbot.waitSignal(c.letters_printed, timeout=30000) as marked:
        preview.print_button.click()
    assert sorted(marked.args[0]) == sorted(made)
    rows = queries.get_letters(demo, sorted(made))
    assert all(r.printed_at is not None and r.print_count == 1 for r in rows)
    assert all(_cell(c, r.id, PRINTED) for r in rows)  # the register shows it
    assert (tmp_path / "in.pdf").exists()


def test_a_letter_refused_for_a_missing_field_opens_the_compose_dialog(qtbot, demo, previews,
                                                                       boxes, monkeypatch):
    from app.letters import queries as q
    from ui.letters.compose import ComposeDialog

    real = q.suggestions

    def without_age(ctx, day=None):  # a death whose age the register does not know
        return [dataclasses.replace(s, draft=dataclasses.replace(s.draft, values={
            k: v for k, v in s.draft.values.items() if k not in ("tuoi", "huong_tho")}))
            for s in real(ctx, day)]
    monkeypatch.setattr(q, "suggestions", without_age)
    opened = []

    def exec_(self):
        opened.append(self.base)
        return QDialog.DialogCode.Rejected
    monkeypatch.setattr(ComposeDialog, "exec", exec_)
    view, c = _open_tab(qtbot, demo)
    row = next(r for r in range(c.suggestions.rowCount())
               if c.suggestions.suggestion_at(r).kind == LetterKind.CONDOLENCE)
    death = c.suggestions.suggestion_at(row)
    before = queries.search_ids(demo)
    _select_rows(view.queue_table, [row])
    assert c.make_letters() is None
    assert len(boxes.errors) == 1 and "còn thiếu" in boxes.errors[0]
    assert [d.civil_event_id for d in opened] == [death.draft.civil_event_id]
    assert queries.search_ids(demo) == before and not previews


# -- dismissing --------------------------------------------------------------------------------

def test_dismiss_needs_a_reason(qtbot, demo, monkeypatch):
    view, c = _open_tab(qtbot, demo)
    keys, said = _keys(demo), []

    def run(self):
        self.ok_button.click()  # no reason: the service's message, the form stays open
        said.append(self.error.text())
        assert self.result() != QDialog.DialogCode.Accepted
        self.reason.setPlainText("Gia đình đã chuyển đi nơi khác")
        self.ok_button.click()
        return self.result()
    monkeypatch.setattr(ReasonDialog, "exec", run)
    _select_rows(view.queue_table, [1])
    gone = c.selected_suggestions()[0]
    view.queue_table.setFocus()
    qtbot.keyClick(view.queue_table, Qt.Key.Key_Delete)
    assert said == ["Vui lòng ghi lý do không gửi thư."]
    assert _keys(demo) == [k for k in keys if k != gone.key] == _queue_keys(c)


def test_dismiss_cancelled_or_refused_changes_nothing(qtbot, demo, monkeypatch):
    view, c = _open_tab(qtbot, demo)
    keys, said = _keys(demo), []

    def ask(cls, parent, submit, **kw):
        try:
            return submit({"reason": "   "})
        except DomainError as exc:
            said.append(exc.message)
            return None  # then the clerk cancels
    monkeypatch.setattr(ReasonDialog, "ask", classmethod(ask))
    _select_rows(view.queue_table, [0])
    assert c.dismiss() is False
    assert said == ["Vui lòng ghi lý do không gửi thư."]
    assert _keys(demo) == keys == _queue_keys(c)


# -- the register -----------------------------------------------------------------------------

def test_several_suggestions_dismissed_with_one_reason(qtbot, demo, monkeypatch):
    view, c = _open_tab(qtbot, demo)
    keys, prompts = _keys(demo), []

    def ask(cls, parent, submit, prompt, **kw):
        prompts.append(prompt)
        return submit({"reason": "Đã gửi thư tay trước khi dùng phần mềm"})
    monkeypatch.setattr(ReasonDialog, "ask", classmethod(ask))
    _select_rows(view.queue_table, [0, 1])
    assert view.dismiss_button.isEnabled()
    gone = {s.key for s in c.selected_suggestions()}
    assert len(gone) == 2 and c.dismiss() is True
    assert prompts and prompts[0].startswith("2 việc đã chọn")
    assert _keys(demo) == [k for k in keys if k not in gone] == _queue_keys(c)


def _make(ctx, count: int) -> list[int]:
    return service.create_batch(ctx, [s.draft for s in queries.suggestions(ctx)[:count]])


def test_delivery_to_the_home_needs_who_took_it(qtbot, demo, monkeypatch):
    letter_id = _make(demo, 1)[0]
    view, c = _open_tab(qtbot, demo)
    c.show_register()
    assert view.tabs.currentIndex() == REGISTER
    assert c.register.current_id() is None and not view.deliver_button.isEnabled()
    _select_rows(view.register_table, [c.register.model.row_of(letter_id)])
    assert view.deliver_button.isEnabled()
    said = []

    def run(self):
        assert self.day.value() == today()  # today by default
        self.method.setCurrentIndex(self.method.findData("home"))
        self.ok_button.click()
        said.append(self.error.text())
        assert queries.get_letter(demo, letter_id).delivered_at is None  # nothing saved
        self.by.setText("Lê Văn Tám")
        self.ok_button.click()
        return self.result()
    monkeypatch.setattr(dialogs.DeliveryDialog, "exec", run)
    view.deliver_button.click()
    assert said == ["Vui lòng ghi tên người đến tận nhà trao thư."]
    row = queries.get_letter(demo, letter_id)
    assert (row.delivered_at, row.delivery_method, row.delivered_by) == (today(), "home",
                                                                         "Lê Văn Tám")
    assert _cell(c, letter_id, DELIVERED).endswith("Tận nhà")
    view.delivered.setCurrentIndex(view.delivered.findText("Đã giao"))
    assert c.register.ids == queries.search_ids(demo, Filters(delivered=True))
    assert letter_id in c.register.ids


def test_search_without_marks_and_the_kind_filter(qtbot, demo):
    _make(demo, 3)
    view, c = _open_tab(qtbot, demo)
    c.show_register()
    view.search.setText("nguyen")
    view.search.flush()
    expected = queries.search_ids(demo, Filters(text="nguyen"))
    assert expected and c.register.ids == expected
    rows = queries.get_letters(demo, expected)
    assert all("nguyen" in fold(" ".join((r.addressee, r.recipient_name, r.about)))
               for r in rows)
    assert any("Nguyễn" in c.register.model.index(i, ADDRESSEE).data()
               for i in range(c.register.model.rowCount()))
    view.kind.setCurrentIndex(view.kind.findData(LetterKind.CONDOLENCE.value))
    both = queries.search_ids(demo, Filters(kind=LetterKind.CONDOLENCE, text="nguyen"))
    assert c.register.ids == both and set(both) < set(expected)
    assert {c.register.model.index(i, KIND).data()
            for i in range(c.register.model.rowCount())} == {"Chia buồn"}
    # a period: the counts per kind are the service's
    view.start.setText("01/01/2020")
    view.end.setText(str(today().year))
    view.end.editingFinished.emit()
    counts = queries.counts(demo, dt.date(2020, 1, 1), dt.date(today().year, 12, 31))
    assert view.counts_label.text() == (f"Số thư từ 01/01/2020 đến 31/12/{today().year}: "
                                        + counts_text(counts))
    view.end.setText("31/02/2024")
    view.end.editingFinished.emit()
    assert "không đúng dạng" in view.filter_error.text() and c.register.ids == []


def test_reprint_and_save_marks_printed_and_export(qtbot, demo, previews, monkeypatch,
                                                  tmp_path, boxes):
    ids = _make(demo, 2)
    view, c = _open_tab(qtbot, demo)
    c.show_register()
    _select_rows(view.register_table, [c.register.model.row_of(i) for i in ids])
    with qtbot.waitSignal(c.print_runner.finished, timeout=30000):
        view.reprint_button.click()
    (preview,) = previews
    assert preview.printout.page_count == 2
    monkeypatch.setattr(FilePicker, "save_pdf", classmethod(lambda cls, *a: tmp_path / "t.pdf"))
    preview.save_button.click()
    assert all(r.print_count == 1 for r in queries.get_letters(demo, ids))
    path = tmp_path / "so-thu.xlsx"
    monkeypatch.setattr(FilePicker, "save_excel", classmethod(lambda cls, *a, **k: path))
    with qtbot.waitSignal(c.export_runner.finished, timeout=30000):
        view.export_button.click()
    assert path.exists() and str(path) in boxes.informed[-1]


# -- a second letter for one event ------------------------------------------------------------

def test_a_second_letter_for_an_event_asks_why(qtbot, demo, previews, monkeypatch):
    view, c = _open_tab(qtbot, demo)
    stale = [c.suggestions.suggestion_at(r) for r in (0, 1, 2)]
    first_id = service.create_letter(demo, stale[1].draft)  # made meanwhile, at another desk
    first = queries.get_letter(demo, first_id)
    asked, said = [], []

    def ask(cls, parent, submit, prompt, **kw):
        asked.append(prompt)
        try:
            submit({"reason": " "})
        except DomainError as exc:
            said.append(exc.message)
        return submit({"reason": "Gia đình xin thêm một bản"})
    monkeypatch.setattr(ReasonDialog, "ask", classmethod(ask))
    _select_rows(view.queue_table, [0, 1, 2])
    with qtbot.waitSignal(c.print_runner.finished, timeout=30000):
        made = c.make_letters()
    assert len(asked) == 1 and first.number_text in asked[0]
    assert said == ["Vui lòng ghi lý do gửi thêm thư."]
    rows = queries.get_letters(demo, made)
    assert [r.duplicate_reason for r in rows] == ["", "Gia đình xin thêm một bản", ""]
    assert rows[1].civil_event_id == first.civil_event_id and rows[1].id != first_id
    # cancelled: nothing made
    monkeypatch.setattr(ReasonDialog, "ask", classmethod(lambda cls, *a, **k: None))
    before = queries.search_ids(demo)
    assert c.create([stale[1].draft]) is None
    assert queries.search_ids(demo) == before


# -- compose, templates, keys, models ---------------------------------------------------------

def test_new_letter_and_templates_open_their_dialogs(qtbot, demo, previews, monkeypatch):
    from ui.letters.compose import ComposeDialog
    from ui.letters.template_editor import TemplateEditorDialog

    view, c = _open_tab(qtbot, demo)
    first = c.suggestions.suggestion_at(0)
    draft = first.draft
    seen = []

    def compose(self):
        seen.append(self.from_scratch)
        self.letter_id = service.create_letter(demo, draft)  # what "Lập thư" in it does
        return QDialog.DialogCode.Accepted
    monkeypatch.setattr(ComposeDialog, "exec", compose)
    with qtbot.waitSignal(c.print_runner.finished, timeout=30000):
        qtbot.keyClick(view.queue_table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert seen == [True] and len(previews) == 1
    assert c.suggestions.row_of(first.key) == -1
    monkeypatch.setattr(TemplateEditorDialog, "exec",
                        lambda self: seen.append("editor") or QDialog.DialogCode.Rejected)
    view.templates_button.click()
    assert seen[-1] == "editor" and c.dialog is None


def test_f5_reads_the_queue_again(qtbot, demo):
    view, c = _open_tab(qtbot, demo)
    first = c.suggestions.suggestion_at(0)
    queries.dismiss(demo, first.key, "Đã gửi thư tay")
    assert first.key in _queue_keys(c)
    qtbot.keyClick(view.queue_table, Qt.Key.Key_F5)
    assert _queue_keys(c) == _keys(demo) and first.key not in _queue_keys(c)


def test_models_pass_the_model_tester(qtbot, demo, qtmodeltester):
    _make(demo, 3)
    view, c = _open_tab(qtbot, demo)
    qtmodeltester.check(c.suggestions)
    qtmodeltester.check(c.register.model)
