"""The petitions page's controller: the attention buckets, filters and lookup over the lazy
list, the new-petition form, the petition window and the rule table; and the tab that holds
the petitions page and the citizen reception page."""

from __future__ import annotations

import re

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut

from app import users, validators
from app.auth import Permission
from app.changes import Topic
from app.context import AppContext
from app.errors import DomainError, NotFound
from app.i18n import _
from app.l10n import format_date, today
from app.labels import choices, label
from app.petitions import intake, queries, service
from app.petitions.types import (
    PetitionChannel,
    PetitionField,
    PetitionKind,
    PetitionRow,
    PetitionStatus,
)
from ui.common.changes import ChangeWatch
from ui.common.errors import show_error
from ui.common.filtered_list import FilteredList
from ui.common.formats import count_text
from ui.common.ui_state import ColumnWidths
from ui.common.widgets import set_choices
from ui.petitions.columns import PetitionModel
from ui.petitions.new_petition import NewPetitionDialog
from ui.petitions.reception import build_reception_page
from ui.petitions.rules import RulesDialog
from ui.petitions.view import BUCKETS, PetitionsTabView, PetitionsView
from ui.petitions.window import PetitionWindow

ATTENTION_REFRESH_MS = 300_000  # clocks count days: the counters follow the date while open
OPEN = "open"  # the status filter's "not finished yet"
REFERENCE = re.compile(r"^\s*(\d{1,5})\s*(?:/\s*(\d{4}))?\s*$")  # "12/2026", or "12": this year


class PetitionsController(QObject):
    petition_received = Signal(int)  # the id of the petition just received
    results_changed = Signal(int)  # rows in the list after a reload

    def __init__(self, view: PetitionsView, ctx: AppContext):
        super().__init__(view)
        self.view = view
        self.ctx = ctx
        self.model = PetitionModel(lambda ids: queries.get_petitions(ctx, ids), view)
        self.list = FilteredList(view.table, self.model, self.query, error=view.filter_error,
                                 count_label=view.count_label, count=self.count_text)
        view.set_column_widths()
        self.widths = ColumnWidths(view.table, ctx, "petitions")  # the user's own, once shown
        self.can_receive = ctx.user.can(Permission.RECEIVE_PETITIONS)
        self.mode = "all"  # a bucket key, "all" (the filters) or "lookup"
        self.attention: dict[str, list[int]] = {}
        self.lookup_ids: list[int] = []
        self.dialog: NewPetitionDialog | None = None
        self.petition_window: PetitionWindow | None = None
        self.rules_dialog: RulesDialog | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(ATTENTION_REFRESH_MS)
        self.shortcuts = {name: [QShortcut(QKeySequence(k), view) for k in keys]
                          for name, keys in (("lookup", ("F2", "Ctrl+L")),
                                             ("new", (QKeySequence.StandardKey.New,)),
                                             ("refresh", ("F5",)))}
        view.new_button.setEnabled(self.can_receive)
        self._fill_filters()
        self._connect_signals()
        self.reload_attention()
        self.mode = next((k for k in BUCKETS if self.attention.get(k)), "all")
        self._check_bucket(self.mode)
        self.reload()
        self.list.select_first()  # Enter opens the first thing that needs attention
        self.timer.start()
        # a step in the petition window, a visit that registered a petition, a holiday added
        # (the clocks), an account (the officers' filter): the page follows
        self.watch = ChangeWatch(view, ctx, {Topic.PETITIONS, Topic.USERS, Topic.CALENDAR},
                                 self._on_records_changed)

    def _connect_signals(self) -> None:
        v = self.view
        v.lookup.returnPressed.connect(self._on_lookup_submitted)
        v.bucket_group.buttonClicked.connect(self._on_bucket_clicked)
        self.list.watch(v.start, v.end, v.kind, v.field, v.status, v.handler, v.channel,
                        v.search)
        self.list.filter_changed.connect(self._on_filter_changed)
        self.list.selection_changed.connect(self._on_selection_changed)
        self.list.results_changed.connect(self.results_changed)
        v.table.activated.connect(self._on_row_activated)
        v.new_button.clicked.connect(self._on_new_requested)
        v.open_button.clicked.connect(self._on_open_requested)
        v.rules_button.clicked.connect(self._on_rules_requested)
        v.refresh_button.clicked.connect(self.refresh)
        for s in self.shortcuts["lookup"]:
            s.activated.connect(self._on_lookup_shortcut)
        for s in self.shortcuts["new"]:
            s.activated.connect(self._on_new_requested)
        for s in self.shortcuts["refresh"]:
            s.activated.connect(self.refresh)
        self.timer.timeout.connect(self._on_timer_fired)

    # -- filters --------------------------------------------------------------------------
    def _fill_filters(self) -> None:
        v = self.view
        # whoever may handle petitions, those no longer active too (their cases stay listed)
        officers = [u for u in users.list_users(self.ctx) if u.role in service.HANDLER_ROLES]
        rows = {
            v.kind: [(_("Mọi loại đơn"), None)] + [(t, k) for k, t in choices(PetitionKind)],
            v.field: [(_("Mọi lĩnh vực"), None)] + [(t, f) for f, t in choices(PetitionField)],
            v.status: [(_("Mọi trạng thái"), None), (_("Chưa kết thúc"), OPEN)]
            + [(t, s) for s, t in choices(PetitionStatus)],
            v.handler: [(_("Mọi cán bộ"), None)] + [(u.full_name, u.id) for u in officers],
            v.channel: [(_("Mọi nguồn đơn"), None)]
            + [(t, c) for c, t in choices(PetitionChannel)],
        }
        for combo, items in rows.items():
            set_choices(combo, items)

    def filters(self) -> queries.Filters:
        v = self.view
        status = v.status.currentData()
        return queries.Filters(
            start=validators.parse_date(v.start.value(), _("Từ ngày")),
            end=validators.parse_date(v.end.value(), _("Đến ngày")),
            kind=v.kind.currentData(), field=v.field.currentData(),
            status=None if status == OPEN else status, open_only=status == OPEN,
            handler_id=v.handler.currentData(), channel=v.channel.currentData(),
            text=v.search.text())

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
        # TRANSLATORS: the count under the list of petitions, e.g. "23 đơn"
        return _("{count} đơn").format(count=count_text(total))

    def reload(self, keep_id: int | None = None) -> None:
        """Run the list's query again; keep (or select) `keep_id` if it is still listed."""
        self.list.reload(None if keep_id is None else [keep_id])

    def refresh(self) -> None:
        """F5: choices, counters and list read again (another computer may have written)."""
        self._fill_filters()
        self.reload_attention()
        self.reload()

    def _on_records_changed(self, topics: frozenset[Topic]) -> None:
        if Topic.USERS in topics:
            self._fill_filters()
        self.reload_attention()
        self.reload()

    def selected_id(self) -> int | None:
        return self.list.selected_id()

    def select_id(self, petition_id: int) -> bool:
        return self.list.select_id(petition_id)

    def _check_bucket(self, key: str | None) -> None:
        group = self.view.bucket_group
        if key in self.view.bucket_buttons:
            self.view.bucket_buttons[key].setChecked(True)
        else:  # a lookup's hits: no bucket is the list shown
            group.setExclusive(False)
            for b in group.buttons():
                b.setChecked(False)
            group.setExclusive(True)

    # -- slots ------------------------------------------------------------------------------
    def _on_bucket_clicked(self, button) -> None:
        self.mode = button.property("bucket")
        self.view.show_notice("")
        self.reload_attention()
        self._check_bucket(self.mode)
        self.reload()

    def _on_filter_changed(self) -> None:
        """A filter changed: the list shows the filters' petitions again (it reloads next)."""
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

    def lookup(self, text: str) -> list[int]:
        """A number in the register ("12/2026", or "12" for this year) or, failing that,
        the words of a search."""
        found = REFERENCE.match(text)
        if found:
            number, year = found.group(1), found.group(2) or str(today().year)
            try:
                return [queries.get_petition(self.ctx, f"{number}/{year}").id]
            except NotFound:
                pass
        return queries.search_ids(self.ctx, queries.Filters(text=text))

    def _on_lookup_submitted(self) -> None:
        text = self.view.lookup.text().strip()
        self.view.lookup_status.clear()
        if not text:
            return
        ids = self.lookup(text)
        self.view.lookup.selectAll()
        if not ids:
            self.view.lookup_status.setText(
                _("Không tìm thấy đơn nào với “{text}”.").format(text=text))
            return
        self.lookup_ids = ids
        self.mode = "lookup"
        self._check_bucket(None)
        self.reload(keep_id=ids[0])
        if len(ids) == 1:
            self.open_petition(ids[0])
        else:
            self.view.table.setFocus()

    def _on_row_activated(self, _index) -> None:
        self._on_open_requested()

    def _on_open_requested(self) -> None:
        petition_id = self.selected_id()
        if petition_id is not None:
            self.open_petition(petition_id)

    # -- windows ------------------------------------------------------------------------------
    def open_petition(self, key: int | str) -> PetitionWindow | None:
        try:
            win = PetitionWindow(self.ctx, key, self.view)
        except DomainError as exc:
            show_error(self.view, exc)
            return None
        self.petition_window = win
        win.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        win.finished.connect(self._on_petition_window_closed)
        win.open()  # its steps are writes: the page refreshes from what they changed
        return win

    def _on_petition_window_closed(self, _result: int) -> None:
        if self.sender() is self.petition_window:
            self.petition_window = None

    def _on_rules_requested(self) -> None:
        if self.rules_dialog is not None:
            return
        dlg = RulesDialog(self.ctx, self.view)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.finished.connect(self._on_rules_closed)
        self.rules_dialog = dlg
        dlg.open()

    def _on_rules_closed(self, _result: int) -> None:
        self.rules_dialog = None

    def _on_new_requested(self) -> None:
        if not self.can_receive or self.dialog is not None:
            return
        dlg = NewPetitionDialog(self.ctx, self.view)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.submit = lambda data: intake.receive(self.ctx, data)
        dlg.saved.connect(self._on_petition_received)
        dlg.finished.connect(self._on_new_closed)
        self.dialog = dlg
        dlg.open()

    def _on_new_closed(self, _result: int) -> None:
        self.dialog = None

    def _on_petition_received(self, row: PetitionRow) -> None:
        self.mode = "all"
        self._check_bucket("all")
        self.reload_attention()
        self.reload(keep_id=row.id)
        self.view.show_notice(_("Đã nhận đơn {ref} ({kind}); hạn phân loại, xử lý đơn: "
                                "{due}.").format(ref=row.reference, kind=label(row.kind),
                                                 due=format_date(row.classify_due)))
        self.petition_received.emit(row.id)

    def close_windows(self) -> None:
        for w in (self.petition_window, self.dialog, self.rules_dialog):
            if w is not None:
                w.reject()


class PetitionsTab(QObject):
    """"Đơn thư & Tiếp công dân": the petitions page, and the citizen reception page."""

    def __init__(self, view: PetitionsTabView, ctx: AppContext):
        super().__init__(view)
        self.view = view
        self.page = PetitionsView()
        self.petitions = PetitionsController(self.page, ctx)
        view.add_page(self.page, _("Đơn thư"))
        self.reception_page, self.reception = build_reception_page(ctx)
        view.add_page(self.reception_page, _("Tiếp công dân"))
        self.print_runner = self.reception.print_runner  # the main window waits for it

    def close_windows(self) -> None:
        self.petitions.close_windows()
        self.reception.close_windows()


def build(ctx: AppContext) -> tuple[PetitionsTabView, PetitionsTab]:
    view = PetitionsTabView()
    return view, PetitionsTab(view, ctx)
