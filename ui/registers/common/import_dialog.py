"""The import dialog: what the file holds, every bad row with its reason, then the import job."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.excel import ImportPreview
from app.i18n import N_, _
from app.jobs import Job
from ui.common.errors import MessageBox
from ui.common.models import Column, ListTableModel
from ui.common.worker import JobRunner

ISSUE_COLUMNS = [
    Column(N_("Dòng"), lambda i: i.row, align_right=True),
    Column(N_("Người / mục"), lambda i: i.label),
    Column(N_("Lý do"), lambda i: i.reason, tooltip=True),
]


class ImportDialog(QDialog):
    """`start_job(only_good)` returns the service's Job; `describe(result)` the closing message."""

    imported = Signal(object)

    def __init__(self, preview: ImportPreview, *, what: str,
                 start_job: Callable[[bool], Job[Any]], describe: Callable[[Any], str],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.preview = preview
        self._start_job = start_job
        self._describe = describe
        self.setWindowTitle(_("Nhập từ Excel – {file}").format(file=preview.source))
        self.resize(820, 480)
        n_bad_rows = len({i.row for i in preview.bad})
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        if preview.clean:
            self.summary.setText(
                _("Tệp “{file}” hợp lệ: {count} {what} sẵn sàng để nhập.").format(
                    file=preview.source, count=len(preview.good), what=what))
        else:
            self.summary.setText(
                _("Tệp “{file}” có {bad} dòng lỗi (liệt kê dưới đây) và {count} {what} hợp lệ. "
                  "Hãy sửa tệp rồi chọn lại, hoặc chỉ nhập các dòng hợp lệ.").format(
                    file=preview.source, bad=n_bad_rows, count=len(preview.good), what=what))
        self.issues = ListTableModel(ISSUE_COLUMNS, self, key=lambda i: (i.row, i.reason))
        self.issues.set_rows(preview.bad)
        self.table = QTableView()
        self.table.setModel(self.issues)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft)
        chars = self.fontMetrics().averageCharWidth()
        self.table.setColumnWidth(0, 7 * chars + 16)
        self.table.setColumnWidth(1, 26 * chars + 16)
        self.table.setVisible(not preview.clean)
        self.buttons = QDialogButtonBox()
        self.import_button: QPushButton = self.buttons.addButton(
            _("Nhập"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.only_good_button: QPushButton = self.buttons.addButton(
            _("Chỉ nhập các dòng hợp lệ"), QDialogButtonBox.ButtonRole.ActionRole)
        self.cancel_button: QPushButton = self.buttons.addButton(
            _("Hủy"), QDialogButtonBox.ButtonRole.RejectRole)
        self.import_button.setEnabled(preview.clean and bool(preview.good))
        self.only_good_button.setEnabled(not preview.clean and bool(preview.good))
        self.only_good_button.setVisible(not preview.clean)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.runner = JobRunner(self)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.import_button.clicked.connect(self._on_import_clicked)
        self.only_good_button.clicked.connect(self._on_only_good_clicked)
        self.cancel_button.clicked.connect(self.reject)
        self.runner.succeeded.connect(self._on_import_succeeded)
        self.runner.finished.connect(self._on_job_finished)

    def _run(self, only_good: bool) -> None:
        for b in (self.import_button, self.only_good_button, self.cancel_button):
            b.setEnabled(False)
        self.runner.start(lambda: self._start_job(only_good), _("Đang nhập dữ liệu…"))

    def _on_import_clicked(self) -> None:
        self._run(False)

    def _on_only_good_clicked(self) -> None:
        self._run(True)

    def _on_import_succeeded(self, result: Any) -> None:
        self.imported.emit(result)
        MessageBox.inform(self, _("Đã nhập xong"), self._describe(result))
        self.accept()

    def _on_job_finished(self) -> None:
        # failed or cancelled: nothing was written; let the user choose again
        if self.isVisible():
            self.import_button.setEnabled(self.preview.clean and bool(self.preview.good))
            self.only_good_button.setEnabled(not self.preview.clean and bool(self.preview.good))
            self.cancel_button.setEnabled(True)

    def reject(self) -> None:
        if self.runner.running:
            self.runner.cancel()
            return
        super().reject()
