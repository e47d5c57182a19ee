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
from app.labels import choices, label
from app.letters import queries, service
from app.letters.types import Filters, LetterKind
from ui.common.errors import MessageBox, show_error
from ui.common.filtered_list import FilteredList
from ui.common.formats import count_text
from ui.common.widgets import FilePicker, set_choices
from ui.common.worker import JobRunner
from ui.letters.columns import LetterModel
from ui.letters.dialogs import DeliveryDialog
from ui.letters.view import LettersView


def period_end(text: str | None) -> dt.date | None:
    """'2023' as an end date is the last day of that year, not the first."""
    if text and re.fullmatch(r"\s*\d{4}\s*", text):
        return dt.date(int(text), 12, 31)
    return validators.parse_date(text, _("Đến ngày"))


def counts_text(counts: dict[LetterKind, int]) -> str:
    """'Chúc mừng: 70 · Chia buồn: 17 · Xin lỗi: 0 · Cảm ơn: 0'."""
    return " · ".join(_("{kind}: {count}").format(kind=label(k, variant="short"),
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
        self.model = LetterModel(lambda ids: queries.get_letters(ctx, ids), view)
        self.list = FilteredList(view.register_table, self.model, self.query,
                                 error=view.filter_error, count_label=view.register_count,
                                 count=self.count_text)
        self.shown: tuple[Filters, dict[LetterKind, int]] | None = None  # the counts' period
        self.export_runner = JobRunner(view)
        self.export_path: Path | None = None
        self._fill_choices()
        self._connect_signals()

    def _connect_signals(self) -> None:
        v = self.view
        self.list.watch(v.start, v.end, v.kind, v.village, v.delivered, v.search)
        self.list.selection_changed.connect(self._on_selection_changed)
        self.list.results_changed.connect(self._on_results_changed)
        v.register_table.activated.connect(self._on_row_activated)
        v.reprint_button.clicked.connect(self.reprint)
        v.deliver_button.clicked.connect(self.deliver)
        v.export_button.clicked.connect(self.export)
        self.export_runner.succeeded.connect(self._on_export_done)

    # -- filters --------------------------------------------------------------------------
    def _fill_choices(self) -> None:
        v = self.view
        rows = {
            v.kind: [(_("Mọi loại thư"), None)]
            + [(t, k.value) for k, t in choices(LetterKind, variant="short")],
            v.village: [(_("Tất cả các thôn"), None)]
            + [(name, name) for name in queries.villages(self.ctx)],
            v.delivered: [(_("Đã giao và chưa giao"), None), (_("Chưa giao"), False),
                          (_("Đã giao"), True)],
        }
        for combo, items in rows.items():
            set_choices(combo, items)

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
    def query(self) -> list[int]:
        """The letters the filters choose; the counts per kind of the period, beside."""
        self.shown = None
        f = self.filters()
        ids = queries.search_ids(self.ctx, f)
        self.shown = (f, queries.counts(self.ctx, f.start or dt.date.min, f.end or dt.date.max))
        return ids

    def count_text(self, total: int) -> str:
        # TRANSLATORS: the count under the register of letters, e.g. "87 thư"
        return _("{count} thư").format(count=count_text(total))

    def reload(self, keep_ids: list[int] | None = None) -> None:
        """Run the query again; keep (or select) `keep_ids` where they are still listed."""
        self.list.reload(keep_ids)

    @property
    def ids(self) -> list[int]:
        """Every letter listed, in the list's order (the model fetches rows page by page)."""
        return self.model.ids()

    def _show_counts(self) -> None:
        if self.shown is None:  # the filters were refused: the error label says why
            self.view.counts_label.clear()
            return
        f, counts = self.shown
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
        return self.list.selected_ids()

    def current_id(self) -> int | None:
        return self.list.selected_id()

    # -- slots ------------------------------------------------------------------------------
    def _on_results_changed(self, total: int) -> None:
        self._show_counts()
        self.results_changed.emit(total)

    def _on_selection_changed(self) -> None:
        chosen = self.selected_ids()
        self.view.reprint_button.setEnabled(bool(chosen))
        self.view.deliver_button.setEnabled(len(chosen) == 1)
        self.view.export_button.setEnabled(self.model.total > 0)

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

        # the register shows the mark once the write is told (app.changes)
        return DeliveryDialog.ask(self.view, submit, row=row) is not None

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
