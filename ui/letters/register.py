"""The register of letters (Sổ theo dõi thư): filters over the lazy list, the counts per kind
for the period, reprinting, the delivery mark and the Excel export."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from app import validators
from app.context import AppContext
from app.errors import DomainError
from app.i18n import _
from app.l10n import short_date, today
from app.letters import queries, service
from app.letters.types import Filters, LetterKind
from ui.common.errors import MessageBox, show_error
from ui.common.formats import count_text
from ui.common.models import select_id, selected_id
from ui.common.widgets import FilePicker
from ui.common.worker import JobRunner
from ui.letters.columns import SHORT_KIND_LABELS, LetterModel
from ui.letters.dialogs import DeliveryDialog
from ui.letters.view import LettersView


def period_end(text: str | None) -> dt.date | None:
    """'2023' as an end date is the last day of that year, not the first."""
    if text and re.fullmatch(r"\s*\d{4}\s*", text):
        return dt.date(int(text), 12, 31)
    return validators.parse_date(text, _("Đến ngày"))


def counts_text(counts: dict[LetterKind, int]) -> str:
    """'Chúc mừng: 70 · Chia buồn: 17 · Xin lỗi: 0 · Cảm ơn: 0'."""
    return " · ".join(_("{kind}: {count}").format(kind=_(SHORT_KIND_LABELS[k]),
                                                  count=count_text(n))
                      for k, n in counts.items())


class LetterRegister(QObject):
    """The register's half of the tab; `print_requested(ids)` asks the tab to print."""

    print_requested = Signal(list)  # letter ids, in the list's order
    results_changed = Signal(int)  # letters listed after a reload

    def __init__(self, view: LettersView, ctx: AppContext):
        super().__init__(view)
        self.view = view
        self.ctx = ctx
        self.ids: list[int] = []  # every id listed (the model fetches rows page by page)
        self.model = LetterModel(lambda ids: queries.get_letters(ctx, ids), view)
        view.register_table.setModel(self.model)
        self.export_runner = JobRunner(view)
        self.export_path: Path | None = None
        self._fill_choices()
        self._connect_signals()

    def _connect_signals(self) -> None:
        v = self.view
        for combo in (v.kind, v.village, v.delivered):
            combo.currentIndexChanged.connect(self._on_filter_changed)
        for date in (v.start, v.end):
            date.editingFinished.connect(self._on_filter_changed)
        v.search.search_changed.connect(self._on_filter_changed)
        v.search.submitted.connect(self._on_search_submitted)
        v.register_table.activated.connect(self._on_row_activated)
        v.register_table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.model.modelReset.connect(self._on_selection_changed)
        v.reprint_button.clicked.connect(self.reprint)
        v.deliver_button.clicked.connect(self.deliver)
        v.export_button.clicked.connect(self.export)
        self.export_runner.succeeded.connect(self._on_export_done)

    # -- filters --------------------------------------------------------------------------
    def _fill_choices(self) -> None:
        v = self.view
        rows = {
            v.kind: [(_("Mọi loại thư"), None)]
            + [(_(t), k.value) for k, t in SHORT_KIND_LABELS.items()],
            v.village: [(_("Tất cả các thôn"), None)]
            + [(name, name) for name in queries.villages(self.ctx)],
            v.delivered: [(_("Đã giao và chưa giao"), None), (_("Chưa giao"), False),
                          (_("Đã giao"), True)],
        }
        for combo, items in rows.items():
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            for text, data in items:
                combo.addItem(text, data)
            found = next((i for i, (_t, d) in enumerate(items) if d == current
                          and type(d) is type(current)), 0)
            combo.setCurrentIndex(found)
            combo.blockSignals(False)

    def period(self) -> tuple[dt.date | None, dt.date | None]:
        v = self.view
        start = validators.parse_date(v.start.value(), _("Từ ngày"))
        end = period_end(v.end.value())
        if start and end and end < start:
            raise DomainError(_("“Đến ngày” phải sau “Từ ngày”."))
        return start, end

    def filters(self) -> Filters:
        v = self.view
        start, end = self.period()
        return Filters(start=start, end=end, kind=v.kind.currentData(),
                       village=v.village.currentData(), delivered=v.delivered.currentData(),
                       text=v.search.text())

    # -- reading ----------------------------------------------------------------------------
    def reload(self, keep_ids: list[int] | None = None) -> None:
        """Run the query again; keep (or select) `keep_ids` where they are still listed."""
        keep_ids = keep_ids if keep_ids is not None else self.selected_ids()
        self.view.filter_error.clear_message()
        try:
            f = self.filters()
            ids = queries.search_ids(self.ctx, f)
            counts = queries.counts(self.ctx, f.start or dt.date.min, f.end or dt.date.max)
        except DomainError as exc:
            self.view.filter_error.show_message(exc.message)
            f, ids, counts = None, [], None
        self.ids = ids
        self.model.set_ids(ids)
        for i, letter_id in enumerate(keep_ids):
            if i == 0:
                select_id(self.view.register_table, self.model, letter_id)
            else:
                self._add_to_selection(letter_id)
        self._show_counts(f, counts)
        # TRANSLATORS: the count under the register of letters, e.g. "87 thư"
        self.view.register_count.setText(_("{count} thư").format(count=count_text(len(ids))))
        self._on_selection_changed()
        self.results_changed.emit(len(ids))

    def _add_to_selection(self, letter_id: int) -> None:
        from PySide6.QtCore import QItemSelectionModel

        row = self.model.row_of(letter_id)
        if row >= 0:
            self.view.register_table.selectionModel().select(
                self.model.index(row, 0), QItemSelectionModel.SelectionFlag.Select
                | QItemSelectionModel.SelectionFlag.Rows)

    def _show_counts(self, f: Filters | None, counts: dict | None) -> None:
        if counts is None:
            self.view.counts_label.clear()
            return
        if f.start and f.end:
            period = _("Số thư từ {start} đến {end}").format(start=short_date(f.start),
                                                             end=short_date(f.end))
        elif f.start:
            period = _("Số thư từ {start}").format(start=short_date(f.start))
        elif f.end:
            period = _("Số thư đến {end}").format(end=short_date(f.end))
        else:
            period = _("Số thư từ trước đến nay")
        self.view.counts_label.setText(_("{period}: {counts}").format(
            period=period, counts=counts_text(counts)))

    def refresh(self) -> None:
        self._fill_choices()
        self.reload()

    def selected_ids(self) -> list[int]:
        rows = sorted(i.row() for i in self.view.register_table.selectionModel().selectedRows())
        return [i for i in (self.model.id_at(r) for r in rows) if i is not None]

    def current_id(self) -> int | None:
        return selected_id(self.view.register_table, self.model)

    # -- slots ------------------------------------------------------------------------------
    def _on_filter_changed(self, *_args) -> None:
        self.reload()

    def _on_search_submitted(self) -> None:
        if self.model.rowCount() and not self.selected_ids():
            select_id(self.view.register_table, self.model, self.model.id_at(0))
        self.view.register_table.setFocus()

    def _on_selection_changed(self, *_args) -> None:
        chosen = self.selected_ids()
        self.view.reprint_button.setEnabled(bool(chosen))
        self.view.deliver_button.setEnabled(len(chosen) == 1)
        self.view.export_button.setEnabled(bool(self.ids))

    def _on_row_activated(self, _index) -> None:
        self.reprint()

    # -- actions ----------------------------------------------------------------------------
    def reprint(self) -> None:
        ids = self.selected_ids()
        if ids:
            self.print_requested.emit(ids)

    def deliver(self) -> bool:
        """The delivery form for the letter chosen; True when the mark was saved."""
        chosen = self.selected_ids()
        if len(chosen) != 1:
            return False
        letter_id = chosen[0]
        try:
            row = queries.get_letter(self.ctx, letter_id)
        except DomainError as exc:
            show_error(self.view, exc)
            return False

        def submit(values: dict) -> int:
            service.deliver(self.ctx, letter_id, on=values["on"], method=values["method"],
                            by=values["by"])
            return letter_id

        if DeliveryDialog.ask(self.view, submit, row=row) is None:
            return False
        self.reload(keep_ids=[letter_id])
        return True

    def export(self) -> None:
        if self.export_runner.running:
            return
        ids = list(self.ids)
        path = FilePicker.save_excel(self.view, f"so-theo-doi-thu-{today():%Y%m%d}.xlsx")
        if path is None:
            return
        self.export_path = path
        message = _("Đang xuất tệp Excel…")
        self.export_runner.run(lambda: queries.register_xlsx(self.ctx, ids, path), message)

    def _on_export_done(self, _result) -> None:
        MessageBox.inform(self.view, _("Đã xuất xong"),
                          _("Đã ghi tệp Excel:\n{path}").format(path=self.export_path))
