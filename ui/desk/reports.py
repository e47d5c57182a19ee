"""The tab's books and reports: Sổ theo dõi hồ sơ, Thống kê kết quả giải quyết TTHC (a period,
then the PDF preview or an Excel file), Bảng kê thu phí (a day), Niêm yết phí, lệ phí."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QPushButton, QWidget

from app import users
from app.context import AppContext
from app.desk import fees, forms_ledger, stats
from app.i18n import _
from app.jobs import Job
from app.l10n import today
from ui.common.errors import MessageBox
from ui.common.forms import FormDialog
from ui.common.widgets import FilePicker, RequiredDateEdit
from ui.common.worker import JobRunner
from ui.preview import PrintRunner


def quarter_start(day: dt.date) -> dt.date:
    return dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def presets(day: dt.date) -> list[tuple[str, dt.date, dt.date]]:
    month_start = day.replace(day=1)
    last_month_end = month_start - dt.timedelta(days=1)
    return [
        (_("Tháng này"), month_start, day),
        (_("Tháng trước"), last_month_end.replace(day=1), last_month_end),
        (_("Quý này"), quarter_start(day), day),
        (_("Năm nay"), dt.date(day.year, 1, 1), day),
        (_("Năm trước"), dt.date(day.year - 1, 1, 1), dt.date(day.year - 1, 12, 31)),
    ]


class PeriodDialog(FormDialog):
    """A period from–to, with the usual ones a keystroke away; PDF preview or Excel."""

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(title, parent, ok_text=_("Xem bản in (PDF)"))
        self.kind = "pdf"
        self.preset = QComboBox()
        self.periods = presets(today())
        for name, _start, _end in self.periods:
            self.preset.addItem(name)
        self.add_row(_("Kỳ:"), self.preset)
        self.start = self.add_row(_("Từ ngày:"), RequiredDateEdit())
        self.end = self.add_row(_("Đến ngày:"), RequiredDateEdit())
        self.excel_button: QPushButton = self.buttons.addButton(
            _("Xuất Excel…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.preset.currentIndexChanged.connect(self._on_preset_chosen)
        self.excel_button.clicked.connect(self._on_excel_clicked)
        self._on_preset_chosen(0)

    def _on_preset_chosen(self, i: int) -> None:
        _name, start, end = self.periods[i]
        self.start.set_value(start)
        self.end.set_value(end)

    def _on_excel_clicked(self) -> None:
        self.kind = "xlsx"
        self._on_ok_clicked()

    def values(self) -> tuple[dt.date, dt.date, str]:
        return self.start.value(), self.end.value(), self.kind

    @classmethod
    def ask(cls, parent: QWidget | None, title: str) -> tuple[dt.date, dt.date, str] | None:
        dlg = cls(title, parent)
        ok = dlg.exec() == QDialog.DialogCode.Accepted
        value = dlg.result_value if ok else None
        dlg.deleteLater()
        return value


class FeeDayDialog(FormDialog):
    """Bảng kê thu phí: one day, every clerk or one."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(_("Bảng kê thu phí, lệ phí"), parent, ok_text=_("Xem bản in (PDF)"))
        self.day = self.add_row(_("Ngày:"), RequiredDateEdit())
        self.day.set_value(today())
        self.user = QComboBox()
        self.user.addItem(_("Mọi cán bộ"), None)
        for u in users.list_users(ctx, include_inactive=False):
            self.user.addItem(u.full_name, u.id)
        self.add_row(_("Cán bộ thu:"), self.user)

    def values(self) -> tuple[dt.date, int | None]:
        return self.day.value(), self.user.currentData()

    @classmethod
    def ask(cls, ctx: AppContext, parent: QWidget | None) -> tuple[dt.date, int | None] | None:
        dlg = cls(ctx, parent)
        ok = dlg.exec() == QDialog.DialogCode.Accepted
        value = dlg.result_value if ok else None
        dlg.deleteLater()
        return value


class DeskReports(QObject):
    """Runs the report the user chose; the preview or the file when it is ready."""

    def __init__(self, view: QWidget, ctx: AppContext):
        super().__init__(view)
        self.view = view
        self.ctx = ctx
        self.print_runner = PrintRunner(view)
        self.export_runner = JobRunner(view)
        self.export_path: Path | None = None
        self.export_runner.succeeded.connect(self._on_export_done)

    def _busy(self) -> bool:
        return self.print_runner.running or self.export_runner.running

    def _period_report(self, title: str, pdf: Callable[..., Job[Any]], xlsx: Callable[..., int],
                       stem: str) -> None:
        """`pdf(ctx, start, end)` is a job returning the Printout; `xlsx(ctx, start, end,
        path)` writes the file and returns a count."""
        if self._busy():
            return
        chosen = PeriodDialog.ask(self.view, title)
        if chosen is None:
            return
        start, end, kind = chosen
        ctx = self.ctx
        if kind == "pdf":
            self.print_runner.start(lambda: pdf(ctx, start, end))
            return
        path = FilePicker.save_excel(self.view, f"{stem}-{start:%Y%m%d}-{end:%Y%m%d}.xlsx")
        if path is None:
            return
        self.export_path = path
        self.export_runner.run(lambda: xlsx(ctx, start, end, path), _("Đang xuất tệp Excel…"))

    def ledger(self) -> None:
        self._period_report(_("Sổ theo dõi hồ sơ"), forms_ledger.ledger,
                            forms_ledger.ledger_xlsx, "so-theo-doi-ho-so")

    def statistics(self) -> None:
        self._period_report(_("Thống kê kết quả giải quyết TTHC"), stats.statistics,
                            stats.stats_xlsx, "thong-ke-ket-qua-giai-quyet-tthc")

    def fee_list(self) -> None:
        if self._busy():
            return
        chosen = FeeDayDialog.ask(self.ctx, self.view)
        if chosen is None:
            return
        day, user_id = chosen
        ctx = self.ctx
        self.print_runner.start(lambda: fees.fee_list(ctx, day, user_id))

    def fee_board(self) -> None:
        if not self._busy():
            ctx = self.ctx
            self.print_runner.start(lambda: fees.fee_board(ctx))

    def _on_export_done(self, _result) -> None:
        MessageBox.inform(self.view, _("Đã xuất xong"),
                          _("Đã ghi tệp Excel:\n{path}").format(path=self.export_path))
