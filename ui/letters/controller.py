"""The letters tab's controller: the queue of letters owed (make one or a batch at a press of
Enter, review first, or dismiss with a reason), the register, printing and its marks."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QDialog

from app.changes import Topic
from app.context import AppContext
from app.errors import DomainError, NotFound, PermissionDenied
from app.i18n import _
from app.l10n import short_date
from app.letters import printing, queries, service
from app.letters.types import LetterDraft, Suggestion
from app.text import nfc
from ui.common.changes import ChangeWatch
from ui.common.errors import show_error
from ui.common.filtered_list import FilteredList
from ui.common.formats import count_text
from ui.common.forms import ReasonDialog
from ui.common.ui_state import ColumnWidths
from ui.letters.columns import SuggestionModel
from ui.letters.compose import ComposeDialog
from ui.letters.dialogs import required_reason
from ui.letters.register import LetterRegister
from ui.letters.template_editor import TemplateEditorDialog
from ui.letters.view import QUEUE, REGISTER, LettersView
from ui.preview import PrintRunner


def addressee_of(draft: LetterDraft) -> str:
    """Who a draft goes to, written as the service names it in a batch's message."""
    return (nfc(draft.addressee) or f"{draft.salutation} {draft.recipient_name}").strip()


def concerned(drafts: Sequence[LetterDraft], exc: DomainError) -> list[int]:
    """The drafts a refused batch's message is about (it names the recipient)."""
    if len(drafts) == 1:
        return [0]
    index = getattr(exc, "index", None)
    if index is not None and 0 <= index < len(drafts):
        return [index]
    return [i for i, d in enumerate(drafts) if f"{addressee_of(d)}:" in exc.message]


class LettersController(QObject):
    letters_made = Signal(list)  # the ids of the letters just made (one or a batch)
    letters_printed = Signal(list)  # the ids just marked printed (the preview printed or saved)

    def __init__(self, view: LettersView, ctx: AppContext):
        super().__init__(view)
        self.view = view
        self.ctx = ctx
        self.suggestions = SuggestionModel(view)
        self.queue = FilteredList(view.queue_table, self.suggestions,
                                  lambda: queries.suggestions(ctx))
        self.register = LetterRegister(view, ctx)
        view.set_column_widths()
        self.widths = [ColumnWidths(view.queue_table, ctx, "letters-queue"),  # the user's own
                       ColumnWidths(view.register_table, ctx, "letters-register")]
        self.print_runner = PrintRunner(view)  # letters made, or reprinted, as one PDF
        self.export_runner = self.register.export_runner
        self.printing_ids: list[int] = []  # the letters of the PDF being built or previewed
        self.dialog: QDialog | None = None  # the compose dialog or the editor while open
        self.shortcuts = {name: [QShortcut(QKeySequence(k), parent) for k in keys]
                          for name, parent, keys in (
                              ("new", view, (QKeySequence.StandardKey.New,)),
                              ("refresh", view, ("F5",)),
                              ("make", view.queue_page, ("Ctrl+Return", "Ctrl+Enter")),
                              ("make_here", view.queue_table, ("Return", "Enter")),
                              ("dismiss", view.queue_table, (QKeySequence.StandardKey.Delete,)))}
        for key in ("make", "make_here", "dismiss"):
            context = (Qt.ShortcutContext.WidgetWithChildrenShortcut if key == "make"
                       else Qt.ShortcutContext.WidgetShortcut)
            for s in self.shortcuts[key]:
                s.setContext(context)
        self._connect_signals()
        self.reload_queue(row=0)  # the newest owed, Enter away
        self.register.reload()
        # the queue follows the desk (a birth returned, a dossier returned late) and the
        # registers (the household's address); the register follows the letters
        self.watch = ChangeWatch(view, ctx, {Topic.LETTERS, Topic.RESIDENTS, Topic.VILLAGES},
                                 self._on_records_changed)

    def _connect_signals(self) -> None:
        v = self.view
        self.queue.selection_changed.connect(self._on_queue_selection_changed)
        self.queue.results_changed.connect(self._on_queue_read)
        v.queue_table.doubleClicked.connect(self._on_suggestion_double_clicked)
        v.make_button.clicked.connect(self.make_letters)
        v.review_button.clicked.connect(self.review)
        v.dismiss_button.clicked.connect(self.dismiss)
        v.new_button.clicked.connect(self.compose_new)
        v.templates_button.clicked.connect(self.edit_templates)
        v.refresh_button.clicked.connect(self.refresh)
        self.register.print_requested.connect(self.print_letters)
        self.print_runner.preview_opened.connect(self._on_preview_opened)
        for name, slot in (("new", self.compose_new), ("refresh", self.refresh),
                           ("make", self.make_letters), ("make_here", self.make_letters),
                           ("dismiss", self.dismiss)):
            for s in self.shortcuts[name]:
                s.activated.connect(slot)

    # -- the queue ----------------------------------------------------------------------------
    def reload_queue(self, row: int | None = None) -> None:
        """Read the letters owed again; select the row at `row` (the one after those just
        made or dismissed) or keep the selection."""
        self.queue.reload(keep=[] if row is not None else None)
        total = self.suggestions.total
        if row is not None and total:
            self.queue.select_id(self.suggestions.id_at(min(row, total - 1)))

    def _on_queue_read(self, total: int) -> None:
        late = sum(1 for r in range(total) if self.suggestions.suggestion_at(r).overdue)
        self.view.set_queue_count(total, count_text(total), late)

    def selected_suggestions(self) -> list[Suggestion]:
        return self.queue.selected_rows()

    def _first_selected_row(self) -> int | None:
        rows = self.view.queue_table.selectionModel().selectedRows()
        return min(i.row() for i in rows) if rows else None

    def _on_queue_selection_changed(self) -> None:
        n = len(self.selected_suggestions())
        v = self.view
        v.make_button.setEnabled(n > 0)
        v.make_button.setText(_("&Lập {count} thư").format(count=n) if n > 1 else _("&Lập thư"))
        v.review_button.setEnabled(n == 1)
        v.dismiss_button.setEnabled(n > 0)

    def _on_suggestion_double_clicked(self, _index) -> None:
        self.review()

    # -- making letters -----------------------------------------------------------------------
    def make_letters(self) -> list[int] | None:
        """The letters of the suggestions chosen, made at once (one, or one batch), then their
        PDF in the preview. Returns the ids made, or None when nothing was made."""
        chosen = self.selected_suggestions()
        if not chosen or self.print_runner.running:
            return None
        row = self._first_selected_row()
        ids = self.create([s.draft for s in chosen])
        if ids is None:
            return None
        self._letters_made(ids, row)
        return ids

    def create(self, drafts: Sequence[LetterDraft]) -> list[int] | None:
        """`service.create_batch`, asking for a reason when a draft answers an event that
        already has a letter; a draft the service refuses for another reason (a field left
        empty) is opened in the compose dialog after the message."""
        drafts = list(drafts)
        while True:
            try:
                QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
                try:
                    return service.create_batch(self.ctx, drafts)
                finally:
                    QApplication.restoreOverrideCursor()
            except service.DuplicateLetter as exc:
                pending = [i for i in concerned(drafts, exc) or range(len(drafts))
                           if not drafts[i].duplicate_reason.strip()]
                if not pending:  # a reason was given and the service still refuses
                    show_error(self.view, exc)
                    return None
                reason = ReasonDialog.ask(
                    self.view, required_reason, title=_("Gửi thêm một thư"), prompt=exc.message,
                    label=_("Lý do gửi thêm:"), ok_text=_("Lập thư"))
                if reason is None:
                    return None
                for i in pending:
                    drafts[i] = replace(drafts[i], duplicate_reason=reason)
            except (PermissionDenied, NotFound) as exc:
                show_error(self.view, exc)
                return None
            except DomainError as exc:
                show_error(self.view, exc)
                which = concerned(drafts, exc)
                if len(which) == 1:  # the clerk fills what is missing, then makes that one
                    self.compose(drafts[which[0]])
                return None

    def _letters_made(self, ids: list[int], row: int | None = None) -> None:
        self.letters_made.emit(ids)
        self.reload_queue(row)
        self.register.reload(keep_ids=ids)
        self.print_letters(ids)

    def review(self) -> None:
        chosen = self.selected_suggestions()
        if len(chosen) == 1:
            self.compose(chosen[0].draft, self._first_selected_row())

    def dismiss(self) -> bool:
        """Take the suggestion chosen off the queue, with a reason; True when done."""
        chosen = self.selected_suggestions()
        if not chosen:
            return False
        row = self._first_selected_row()

        def submit(values: dict) -> list[str]:
            keys = [s.key for s in chosen]
            queries.dismiss(self.ctx, keys, values["reason"])
            return keys

        if len(chosen) == 1:
            about = _("{what} – kính gửi {recipient}").format(what=chosen[0].what,
                                                               recipient=chosen[0].recipient)
        else:
            about = _("{count} việc đã chọn, từ {first} đến {last}").format(
                count=len(chosen), first=short_date(min(s.day for s in chosen)),
                last=short_date(max(s.day for s in chosen)))
        done = ReasonDialog.ask(
            self.view, submit, title=_("Bỏ qua, không gửi thư"), prompt=about,
            label=_("Lý do không gửi thư:"), ok_text=_("Bỏ qua"))
        if done is None:
            return False
        self.reload_queue(row)
        return True

    # -- compose and templates ------------------------------------------------------------------
    def compose(self, draft: LetterDraft | None, row: int | None = None) -> int | None:
        """The compose dialog (on a draft, or blank); the letter it made, printed."""
        dlg = self.dialog = ComposeDialog(self.ctx, draft, self.view)
        try:
            accepted = dlg.exec() == QDialog.DialogCode.Accepted
            letter_id = getattr(dlg, "letter_id", None) if accepted else None
        finally:
            self.dialog = None
            dlg.deleteLater()
        if letter_id is None:
            return None
        self._letters_made([letter_id], row)
        return letter_id

    def compose_new(self) -> int | None:
        return self.compose(None)

    def edit_templates(self) -> None:
        dlg = self.dialog = TemplateEditorDialog(self.ctx, self.view)
        try:
            dlg.exec()
        finally:
            self.dialog = None
            dlg.deleteLater()

    # -- printing ---------------------------------------------------------------------------------
    def print_letters(self, ids: Sequence[int]) -> bool:
        """One PDF of these letters, built on the worker, then the preview; the letters are
        marked printed when the preview prints or saves it. False when a print is running."""
        if self.print_runner.running or not ids:
            return False
        self.printing_ids = list(ids)
        ids = list(ids)
        self.print_runner.start(lambda: printing.print_letters(self.ctx, ids),
                                _("Đang chuẩn bị bản in thư…"))
        return True

    def _on_preview_opened(self, dialog) -> None:
        ids = list(self.printing_ids)
        dialog.printed.connect(lambda *_a: self.mark_printed(ids))
        dialog.saved.connect(lambda *_a: self.mark_printed(ids))

    def mark_printed(self, ids: list[int]) -> None:
        try:
            service.mark_printed(self.ctx, ids)
        except DomainError as exc:
            show_error(self.view, exc)
            return
        self.letters_printed.emit(ids)  # the register shows the marks once the write is told

    # -- the tab ------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """F5: the queue, the choices and the register read again (another computer may
        have written); the selections stay where they were."""
        self.reload_queue()
        self.register.refresh()

    def _on_records_changed(self, _topics: frozenset[Topic]) -> None:
        self.refresh()

    def show_queue(self) -> None:
        self.view.tabs.setCurrentIndex(QUEUE)

    def show_register(self) -> None:
        self.view.tabs.setCurrentIndex(REGISTER)

    def close_windows(self) -> None:
        """Close the dialog still open; wait for the print and export jobs."""
        if self.dialog is not None:
            self.dialog.reject()
        for runner in (self.print_runner, self.export_runner):
            if runner.running:
                runner.wait()


def build(ctx: AppContext) -> tuple[LettersView, LettersController]:
    view = LettersView()
    return view, LettersController(view, ctx)
