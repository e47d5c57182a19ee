"""The desk tab's controller: attention buckets, filters and lookup over the lazy list,
reception, the dossier window and the reports."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut

from app import procedures, users, validators
from app.auth import Permission
from app.changes import Topic
from app.context import AppContext
from app.desk import forms, queries, reception
from app.desk.types import Channel, DossierRow, DossierStatus
from app.errors import DomainError
from app.i18n import _
from app.labels import choices
from ui.common.changes import ChangeWatch
from ui.common.errors import show_error
from ui.common.filtered_list import FilteredList
from ui.common.formats import count_text
from ui.common.ui_state import ColumnWidths
from ui.common.widgets import set_choices
from ui.desk.columns import DossierModel
from ui.desk.dossier_window import DossierWindow
from ui.desk.reception import ReceptionDialog
from ui.desk.reports import DeskReports
from ui.desk.view import BUCKETS, DeskView
from ui.preview import PrintRunner

ATTENTION_REFRESH_MS = 120_000  # appointments fall due while the tab stays open
LOOKUP_LIMIT = 200  # queries.lookup's default: the newest hits only


class DeskController(QObject):
    dossier_received = Signal(int)  # the id of the dossier just received
    results_changed = Signal(int)  # rows in the list after a reload

    def __init__(self, view: DeskView, ctx: AppContext):
        super().__init__(view)
        self.view = view
        self.ctx = ctx
        self.model = DossierModel(lambda ids: queries.get_dossiers(ctx, ids), view)
        self.list = FilteredList(view.table, self.model, self.query, error=view.filter_error,
                                 count_label=view.count_label, count=self.count_text)
        view.set_column_widths()
        self.widths = ColumnWidths(view.table, ctx, "desk")  # the user's own, once shown
        self.reports = DeskReports(view, ctx)
        self.print_runner = PrintRunner(view)  # the slip printed after reception
        self.preview_runner = self.reports.print_runner
        self.export_runner = self.reports.export_runner
        self.can_receive = ctx.user.can(Permission.RECEIVE_DOSSIERS)
        self.mode = "all"  # a bucket key, "all" (the filters) or "lookup"
        self.attention: dict[str, list[int]] = {}
        self.lookup_ids: list[int] = []
        self.dialog: ReceptionDialog | None = None
        self.dossier_window: DossierWindow | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(ATTENTION_REFRESH_MS)
        self.shortcuts = {name: [QShortcut(QKeySequence(k), view) for k in keys]
                          for name, keys in (("lookup", ("F2", "Ctrl+L")),
                                             ("receive", (QKeySequence.StandardKey.New, "F3")),
                                             ("refresh", ("F5",)))}
        view.receive_button.setEnabled(self.can_receive)
        self._fill_filters()
        self._connect_signals()
        self.reload_attention()
        self.mode = next((k for k in BUCKETS if self.attention.get(k)), "all")
        self._check_bucket(self.mode)
        self.reload()
        self.timer.start()
        # what the tab shows: another screen's write (or the dossier window's steps) refreshes it
        # (letters too: a condolence letter made takes its dossier off the attention list)
        self.watch = ChangeWatch(view, ctx, {Topic.DOSSIERS, Topic.LETTERS, Topic.PROCEDURES,
                                             Topic.USERS, Topic.CALENDAR},
                                 self._on_records_changed)

    def _connect_signals(self) -> None:
        v = self.view
        v.lookup.returnPressed.connect(self._on_lookup_submitted)
        v.bucket_group.buttonClicked.connect(self._on_bucket_clicked)
        self.list.watch(v.start, v.end, v.status, v.channel, v.handler, v.procedure, v.field,
                        v.search)
        self.list.filter_changed.connect(self._on_filter_changed)
        self.list.selection_changed.connect(self._on_selection_changed)
        self.list.results_changed.connect(self.results_changed)
        v.table.activated.connect(self._on_row_activated)
        v.receive_button.clicked.connect(self._on_receive_requested)
        v.open_button.clicked.connect(self._on_open_requested)
        v.refresh_button.clicked.connect(self.refresh)
        v.ledger_action.triggered.connect(self.reports.ledger)
        v.stats_action.triggered.connect(self.reports.statistics)
        v.fee_list_action.triggered.connect(self.reports.fee_list)
        v.fee_board_action.triggered.connect(self.reports.fee_board)
        for s in self.shortcuts["lookup"]:
            s.activated.connect(self._on_lookup_shortcut)
        for s in self.shortcuts["receive"]:
            s.activated.connect(self._on_receive_requested)
        for s in self.shortcuts["refresh"]:
            s.activated.connect(self.refresh)
        self.timer.timeout.connect(self._on_timer_fired)

    # -- filters --------------------------------------------------------------------------
    def _fill_filters(self) -> None:
        v, ctx = self.view, self.ctx
        rows = {
            v.status: [(_("Mọi trạng thái"), None)]
            + [(t, s) for s, t in choices(DossierStatus)],
            v.channel: [(_("Mọi hình thức"), None)]
            + [(t, c) for c, t in choices(Channel)],
            v.handler: [(_("Mọi cán bộ"), None)]
            + [(u.full_name, u.id) for u in users.list_users(ctx)],
            v.procedure: [(_("Mọi thủ tục"), None)]
            + [(p.name, p.id) for p in procedures.get_procedures(
                ctx, procedures.search_procedure_ids(ctx, include_inactive=True))],
            v.field: [(_("Mọi lĩnh vực"), None)] + [(f, f) for f in procedures.list_fields(ctx)],
        }
        for combo, items in rows.items():
            set_choices(combo, items, tooltips=combo is v.procedure)  # long names

    def filters(self) -> queries.Filters:
        v = self.view
        start = validators.parse_date(v.start.value(), _("Từ ngày"))
        end = validators.parse_date(v.end.value(), _("Đến ngày"))
        return queries.Filters(start=start, end=end, procedure_id=v.procedure.currentData(),
                               field=v.field.currentData(), status=v.status.currentData(),
                               handler_id=v.handler.currentData(),
                               channel=v.channel.currentData(), text=v.search.text())

    # -- reading ----------------------------------------------------------------------------
    def query(self) -> list[int]:
        if self.mode == "lookup":
            return list(self.lookup_ids)
        if self.mode in self.attention:
            return list(self.attention[self.mode])
        return queries.search_ids(self.ctx, self.filters())

    def reload_attention(self) -> None:
        try:
            self.attention = queries.attention(self.ctx)
        except DomainError as exc:
            show_error(self.view, exc)
            self.attention = {}
        for key in BUCKETS:
            count = len(self.attention.get(key, [])) if key != "all" else None
            self.view.set_bucket_count(key, count)

    def count_text(self, total: int) -> str:
        count = count_text(total)
        if self.mode == "lookup" and total >= LOOKUP_LIMIT:
            return _("{count} hồ sơ mới nhất; gõ cụ thể hơn để thu hẹp").format(count=count)
        # TRANSLATORS: the count under the list of dossiers, e.g. "1.348 hồ sơ"
        return _("{count} hồ sơ").format(count=count)

    def reload(self, keep_id: int | None = None) -> None:
        """Run the list's query again; keep (or select) `keep_id` if it is still listed."""
        self.list.reload(None if keep_id is None else [keep_id])

    def refresh(self) -> None:
        """F5: choices, counters and list read again (another computer may have written)."""
        self._fill_filters()
        self.reload_attention()
        self.reload()

    def _on_records_changed(self, topics: frozenset[Topic]) -> None:
        """A write here (or the dossier window's step) changed what the tab shows; the
        selection stays where it was."""
        if topics & {Topic.PROCEDURES, Topic.USERS}:
            self._fill_filters()
        self.reload_attention()
        self.reload()

    def selected_id(self) -> int | None:
        return self.list.selected_id()

    def select_id(self, dossier_id: int) -> bool:
        return self.list.select_id(dossier_id)

    def _check_bucket(self, key: str | None) -> None:
        group = self.view.bucket_group
        if key in self.view.bucket_buttons:
            self.view.bucket_buttons[key].setChecked(True)
        else:  # a lookup's hits: no bucket is the list shown
            group.setExclusive(False)
            for b in group.buttons():
                b.setChecked(False)
            group.setExclusive(True)
        self.view.list_title.setText("")

    # -- slots ------------------------------------------------------------------------------
    def _on_bucket_clicked(self, button) -> None:
        self.mode = button.property("bucket")
        self.reload_attention()
        self._check_bucket(self.mode)
        self.reload()

    def _on_filter_changed(self) -> None:
        """A filter changed: the list shows the filters' dossiers again (it reloads next)."""
        if self.mode != "all":
            self.mode = "all"
            self._check_bucket("all")

    def _on_timer_fired(self) -> None:
        self.reload_attention()

    def _on_selection_changed(self) -> None:
        self.view.open_button.setEnabled(self.selected_id() is not None)

    def _on_lookup_shortcut(self) -> None:
        self.view.lookup.setFocus()
        self.view.lookup.selectAll()

    def _on_lookup_submitted(self) -> None:
        text = self.view.lookup.text().strip()
        self.view.lookup_status.clear()
        if not text:
            return
        ids = queries.lookup(self.ctx, text)
        self.view.lookup.selectAll()  # the next scan replaces it
        if not ids:
            self.view.lookup_status.setText(
                _("Không tìm thấy hồ sơ nào với “{text}”.").format(text=text))
            return
        self.lookup_ids = ids
        self.mode = "lookup"
        self._check_bucket(None)
        self.reload(keep_id=ids[0])
        self.view.list_title.setText(_("Kết quả tra cứu “{text}”").format(text=text))
        if len(ids) == 1:
            self.open_dossier(ids[0])
        else:
            self.view.table.setFocus()

    def _on_row_activated(self, _index) -> None:
        self._on_open_requested()

    def _on_open_requested(self) -> None:
        dossier_id = self.selected_id()
        if dossier_id is not None:
            self.open_dossier(dossier_id)

    # -- the dossier window --------------------------------------------------------------------
    def open_dossier(self, key: int | str) -> DossierWindow | None:
        try:
            win = DossierWindow(self.ctx, key, self.view)
        except DomainError as exc:
            show_error(self.view, exc)
            return None
        self.dossier_window = win
        win.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        win.finished.connect(self._on_dossier_window_closed)
        win.open()  # its steps are writes: the tab refreshes from what they changed
        return win

    def _on_dossier_window_closed(self, _result: int) -> None:
        if self.sender() is self.dossier_window:
            self.dossier_window = None

    # -- reception ------------------------------------------------------------------------------
    def _on_receive_requested(self) -> None:
        if not self.can_receive or self.dialog is not None:
            return
        dlg = ReceptionDialog(self.ctx, self.view)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.submit = lambda data: reception.receive(self.ctx, data)
        dlg.saved.connect(self._on_dossier_received)
        dlg.finished.connect(self._on_reception_closed)
        self.dialog = dlg
        dlg.open()

    def _on_reception_closed(self, _result: int) -> None:
        self.dialog = None

    def _on_dossier_received(self, row: DossierRow) -> None:
        self.mode = "all"
        self._check_bucket("all")
        self.reload_attention()
        self.reload(keep_id=row.id)
        self.dossier_received.emit(row.id)
        self.print_slip(row.id)

    def print_slip(self, dossier_id: int) -> None:
        """Mẫu 01, two copies on A5, built on the worker, then the preview."""
        if not self.print_runner.running:
            ctx = self.ctx
            self.print_runner.start(lambda: forms.slip(ctx, dossier_id))


    def close_windows(self) -> None:
        """Close the dossier window and the reception dialog; wait for the print jobs."""
        for w in (self.dossier_window, self.dialog):
            if w is not None:
                w.reject()
        for runner in (self.print_runner, self.preview_runner, self.export_runner):
            if runner.running:
                runner.wait()


def build(ctx: AppContext) -> tuple[DeskView, DeskController]:
    view = DeskView()
    return view, DeskController(view, ctx)
