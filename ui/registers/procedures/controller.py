"""The procedures catalogue (danh mục thủ tục hành chính): search, field filter, edit, Excel."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QComboBox

from app import catalogue_io, procedures
from app.auth import Permission
from app.context import AppContext
from app.errors import DomainError
from app.procedures import ProcedureRow
from ui.errors import MessageBox, show_error
from ui.models import Column, IdTableModel
from ui.registers.common.controller import RegisterController
from ui.registers.common.import_dialog import ImportDialog
from ui.registers.common.view import RegisterView
from ui.registers.procedures.procedure_dialog import ProcedureDialog
from ui.widgets import FilePicker
from ui.worker import JobRunner, single_step


def fee_label(p: ProcedureRow) -> str:
    if p.fee_vnd is None:
        return "Theo quy định của tỉnh"
    if p.fee_vnd == 0:
        return "Miễn lệ phí"  # the exceptions (late filing …) are in the tooltip
    return f"{p.fee_vnd:,} đồng".replace(",", ".")


def time_label(p: ProcedureRow) -> str:
    """The legal time, short enough for a table cell; the rule is in the tooltip."""
    if p.time_unit == "same_day" and p.cutoff_1500:
        return "Trong ngày (*)"
    return p.time_label


def time_tooltip(p: ProcedureRow) -> str:
    tip = p.time_text
    if p.time_unit == "same_day" and p.cutoff_1500:
        tip = "(*) Nhận sau 15 giờ thì trả kết quả ngày làm việc tiếp theo.\n" + tip
    return tip


COLUMNS = [
    Column("Mã thủ tục", lambda p: p.code),
    Column("Tên thủ tục", lambda p: p.name, tooltip=True),
    Column("Lĩnh vực", lambda p: p.field),
    Column("Thời hạn giải quyết", time_label, tooltip=time_tooltip),
    Column("Lệ phí", fee_label, tooltip=lambda p: p.fee_text),
]


class ProceduresController(RegisterController):
    unit = "thủ tục"
    viewable = True
    deactivate_verb = "Ngừng áp dụng"
    activate_verb = "Áp dụng lại"

    def __init__(self, view: RegisterView, ctx: AppContext):
        super().__init__(view, ctx, IdTableModel(COLUMNS, lambda ids: procedures.get_procedures(ctx, ids), view))
        self.can_edit = ctx.actor.can(Permission.EDIT_CATALOGUE)
        self.field_filter = view.add_filter("Lĩnh vực:", QComboBox())
        self.field_filter.setMinimumContentsLength(18)
        view.show_inactive.setText("Hiện cả thủ tục đã ngừng áp dụng")
        view.show_inactive.show()
        self.add_button = view.add_button("Thêm thủ tục", "Thêm thủ tục mới (Ctrl+N)")
        self.edit_button = view.add_button("Sửa…", "Sửa thủ tục đang chọn (Enter hoặc nhấp đúp)")
        self.toggle_button = view.add_button("Ngừng áp dụng")
        self.import_button = view.add_button("Nhập Excel…", "Nhập, cập nhật danh mục từ tệp Excel")
        self.export_button = view.add_button("Xuất Excel…", "Xuất danh mục ra tệp Excel")
        self.preview_runner = JobRunner(view)
        self.export_runner = JobRunner(view)
        view.set_column_widths([10, 50, 15, 17, 23], stretch=1)
        self._connect_signals()
        self.refresh()

    def _connect_signals(self) -> None:
        super()._connect_signals()
        self.field_filter.currentIndexChanged.connect(self._on_filter_changed)
        self.import_button.clicked.connect(self._on_import_requested)
        self.export_button.clicked.connect(self._on_export_requested)
        self.preview_runner.succeeded.connect(self._on_preview_ready)
        self.export_runner.succeeded.connect(self._on_export_done)

    def refresh(self) -> None:
        self._load_fields()
        self.reload()

    def _on_dialog_saved(self, item_id) -> None:
        self._load_fields()  # the procedure may have brought a new field
        super()._on_dialog_saved(item_id)

    def _load_fields(self) -> None:
        current = self.field_filter.currentData()
        self.field_filter.blockSignals(True)
        self.field_filter.clear()
        self.field_filter.addItem("Tất cả lĩnh vực", None)
        for f in procedures.list_fields(self.ctx):
            self.field_filter.addItem(f, f)
        self.field_filter.setCurrentIndex(max(self.field_filter.findData(current), 0))
        self.field_filter.blockSignals(False)

    def query(self) -> list[int]:
        return procedures.search_procedure_ids(
            self.ctx, self.view.search.text(), field=self.field_filter.currentData(),
            include_inactive=self.view.show_inactive.isChecked())

    def describe(self, row: ProcedureRow) -> str:
        return f"thủ tục “{row.name}”"

    def set_active(self, item_id: int, active: bool) -> None:
        procedures.set_procedure_active(self.ctx, item_id, active)

    def _update_buttons(self) -> None:
        super()._update_buttons()
        self.import_button.setEnabled(self.can_edit)

    def _on_add_requested(self) -> None:
        dlg = ProcedureDialog("Thêm thủ tục", procedures.list_fields(self.ctx), self.view)
        dlg.submit = lambda data: procedures.create_procedure(self.ctx, data)
        self.open_dialog(dlg)

    def _on_edit_requested(self) -> None:
        pid = self.selected_id()
        if pid is None:
            return
        try:
            row = procedures.get_procedure(self.ctx, pid)
        except DomainError as exc:
            show_error(self.view, exc)
            return
        dlg = ProcedureDialog("Sửa thủ tục", procedures.list_fields(self.ctx), self.view, row)

        def save(data) -> int:
            procedures.update_procedure(self.ctx, pid, data)
            return pid
        dlg.submit = save
        self.open_dialog(dlg)

    # -- Excel ---------------------------------------------------------------------------
    def _on_import_requested(self) -> None:
        path = FilePicker.open_excel(self.view, "Chọn tệp Excel danh mục thủ tục")
        if path is None:
            return
        self.preview_runner.start(lambda: single_step(
            "Đang đọc và kiểm tra tệp…", lambda: catalogue_io.preview_catalogue(path)))

    def _on_preview_ready(self, preview) -> None:
        dlg = ImportDialog(
            preview, what="thủ tục", parent=self.view,
            start_job=lambda only_good: catalogue_io.import_catalogue(self.ctx, preview, only_good),
            describe=lambda r: f"Đã thêm {r[0]} thủ tục mới và cập nhật {r[1]} thủ tục.")
        self.dialog = dlg
        dlg.imported.connect(self._on_imported)
        dlg.finished.connect(dlg.deleteLater)
        dlg.open()

    def _on_imported(self, _result) -> None:
        self.refresh()

    def _on_export_requested(self) -> None:
        path = FilePicker.save_excel(self.view, "danh-muc-thu-tuc.xlsx")
        if path is None:
            return
        self._export_path = path
        self.export_runner.start(lambda: single_step(
            "Đang xuất danh mục…", lambda: catalogue_io.export_catalogue(self.ctx, path)))

    def _on_export_done(self, n: int) -> None:
        MessageBox.inform(self.view, "Đã xuất xong",
                          f"Đã ghi {n} thủ tục vào tệp:\n{Path(self._export_path)}")


def build(ctx: AppContext) -> tuple[RegisterView, ProceduresController]:
    view = RegisterView("Danh mục thủ tục hành chính",
                        "Tìm theo tên, mã thủ tục, lĩnh vực (gõ không dấu cũng được)…")
    return view, ProceduresController(view, ctx)
