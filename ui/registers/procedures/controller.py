"""The procedures catalogue (danh mục thủ tục hành chính): search, field filter, edit, Excel."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QComboBox

from app import catalogue_io, procedures, users
from app.auth import Permission
from app.changes import Topic
from app.context import AppContext
from app.errors import DomainError
from app.i18n import N_, _
from app.procedures import ProcedureRow
from ui.common.errors import MessageBox, show_error
from ui.common.formats import money
from ui.common.models import Column, IdTableModel
from ui.common.widgets import FilePicker, set_choices
from ui.common.worker import JobRunner
from ui.registers.common.controller import RegisterController
from ui.registers.common.import_dialog import ImportDialog
from ui.registers.common.view import RegisterView
from ui.registers.procedures.field_officers import FieldOfficersDialog
from ui.registers.procedures.procedure_dialog import ProcedureDialog


def fee_label(p: ProcedureRow) -> str:
    if p.fee_vnd is None:
        return _("Theo quy định của tỉnh")
    if p.fee_vnd == 0:
        return _("Miễn lệ phí")  # the exceptions (late filing …) are in the tooltip
    return money(p.fee_vnd)


def time_label(p: ProcedureRow) -> str:
    """The legal time, short enough for a table cell; the rule is in the tooltip."""
    if p.time_unit == "same_day" and p.cutoff_1500:
        return _("Trong ngày (*)")
    return p.time_label


def time_tooltip(p: ProcedureRow) -> str:
    tip = p.time_text
    if p.time_unit == "same_day" and p.cutoff_1500:
        tip = _("(*) Nhận sau 15 giờ thì trả kết quả ngày làm việc tiếp theo.") + "\n" + tip
    return tip


COLUMNS = [
    Column(N_("Mã thủ tục"), lambda p: p.code),
    Column(N_("Tên thủ tục"), lambda p: p.name, tooltip=True),
    Column(N_("Lĩnh vực"), lambda p: p.field),
    Column(N_("Thời hạn giải quyết"), time_label, tooltip=time_tooltip),
    Column(N_("Lệ phí"), fee_label, tooltip=lambda p: p.fee_text),
    Column(N_("Cán bộ phụ trách"), lambda p: p.responsible, tooltip=lambda p: (
        _("Cán bộ phụ trách thủ tục này") if p.officer_name
        else _("Cán bộ phụ trách lĩnh vực {field}").format(field=p.field) if p.responsible
        else _("Chưa có cán bộ phụ trách"))),
]


class ProceduresController(RegisterController):
    unit = N_("thủ tục")
    topics = frozenset({Topic.PROCEDURES})  # a procedure saved may bring a new field
    table_name = "procedures"
    viewable = True
    deactivate_verb = N_("Ngừng áp dụng")
    activate_verb = N_("Áp dụng lại")

    def __init__(self, view: RegisterView, ctx: AppContext):
        super().__init__(view, ctx, IdTableModel(COLUMNS, lambda ids: procedures.get_procedures(ctx, ids), view))
        self.can_edit = ctx.user.can(Permission.EDIT_CATALOGUE)
        self.field_filter = view.add_filter(_("Lĩnh vực:"), QComboBox())
        self.field_filter.setMinimumContentsLength(18)
        view.show_inactive.setText(_("Hiện cả thủ tục đã ngừng áp dụng"))
        view.show_inactive.show()
        self.add_button = view.add_button(_("Thêm thủ tục"), _("Thêm thủ tục mới (Ctrl+N)"))
        self.edit_button = view.add_button(_("Sửa…"),
                                           _("Sửa thủ tục đang chọn (Enter hoặc nhấp đúp)"))
        self.toggle_button = view.add_button(_("Ngừng áp dụng"))
        self.officers_button = view.add_button(
            _("Cán bộ phụ trách…"), _("Cán bộ phụ trách từng lĩnh vực: người được gợi ý khi "
                                      "chuyển xử lý hồ sơ"))
        self.import_button = view.add_button(_("Nhập Excel…"),
                                             _("Nhập, cập nhật danh mục từ tệp Excel"))
        self.export_button = view.add_button(_("Xuất Excel…"), _("Xuất danh mục ra tệp Excel"))
        self.preview_runner = JobRunner(view)
        self.export_runner = JobRunner(view)
        view.set_column_widths([10, 50, 15, 17, 20, 20], stretch=1)
        self._connect_signals()
        self.refresh()

    def _connect_signals(self) -> None:
        super()._connect_signals()
        self.list.watch(self.field_filter)
        self.officers_button.clicked.connect(self._on_officers_requested)
        self.import_button.clicked.connect(self._on_import_requested)
        self.export_button.clicked.connect(self._on_export_requested)
        self.preview_runner.succeeded.connect(self._on_preview_ready)
        self.export_runner.succeeded.connect(self._on_export_done)

    def refresh(self) -> None:
        self._load_fields()
        self.reload()

    def _load_fields(self) -> None:
        set_choices(self.field_filter, [(_("Tất cả lĩnh vực"), None),
                                        *((f, f) for f in procedures.list_fields(self.ctx))])

    def query(self) -> list[int]:
        return procedures.search_procedure_ids(
            self.ctx, self.view.search.text(), field=self.field_filter.currentData(),
            include_inactive=self.view.show_inactive.isChecked())

    def describe(self, row: ProcedureRow) -> str:
        return _("thủ tục “{name}”").format(name=row.name)

    def set_active(self, item_id: int, active: bool) -> None:
        procedures.set_procedure_active(self.ctx, item_id, active)

    def _update_buttons(self) -> None:
        super()._update_buttons()
        self.import_button.setEnabled(self.can_edit)
        self.officers_button.setEnabled(self.can_edit)

    def _dialog(self, title: str, row: ProcedureRow | None = None) -> ProcedureDialog:
        names = {u.id: u.full_name for u in users.list_users(self.ctx)}
        by_field = {f: names.get(uid, "") for f, uid in procedures.field_officers(self.ctx).items()}
        return ProcedureDialog(title, procedures.list_fields(self.ctx), self.view, row,
                               officers=users.list_officers(self.ctx), field_officers=by_field)

    def _on_add_requested(self) -> None:
        dlg = self._dialog(_("Thêm thủ tục"))
        dlg.submit = lambda data: procedures.create_procedure(self.ctx, data)
        self.open_dialog(dlg)

    def _on_officers_requested(self) -> None:
        dlg = FieldOfficersDialog(procedures.list_fields(self.ctx),
                                  procedures.field_officers(self.ctx),
                                  users.list_officers(self.ctx), self.view)
        dlg.submit = lambda chosen: procedures.set_field_officers(self.ctx, chosen)
        self.open_dialog(dlg, on_saved=lambda _result: None)  # the list follows the change

    def _on_edit_requested(self) -> None:
        pid = self.selected_id()
        if pid is None:
            return
        try:
            row = procedures.get_procedure(self.ctx, pid)
        except DomainError as exc:
            show_error(self.view, exc)
            return
        dlg = self._dialog(_("Sửa thủ tục"), row)

        def save(data) -> int:
            procedures.update_procedure(self.ctx, pid, data)
            return pid
        dlg.submit = save
        self.open_dialog(dlg)

    # -- Excel ---------------------------------------------------------------------------
    def _on_import_requested(self) -> None:
        path = FilePicker.open_excel(self.view, _("Chọn tệp Excel danh mục thủ tục"))
        if path is None:
            return
        self.preview_runner.run(lambda: catalogue_io.preview_catalogue(path),
                                _("Đang đọc và kiểm tra tệp…"))

    def _on_preview_ready(self, preview) -> None:
        dlg = ImportDialog(
            preview, what=_("thủ tục"), parent=self.view,
            start_job=lambda only_good: catalogue_io.import_catalogue(self.ctx, preview, only_good),
            describe=lambda r: _("Đã thêm {added} thủ tục mới và cập nhật {updated} thủ tục.")
            .format(added=r[0], updated=r[1]))
        self.dialog = dlg
        dlg.finished.connect(dlg.deleteLater)
        dlg.open()  # the catalogue follows once the job's write is told

    def _on_export_requested(self) -> None:
        path = FilePicker.save_excel(self.view, "danh-muc-thu-tuc.xlsx")
        if path is None:
            return
        self._export_path = path
        self.export_runner.run(lambda: catalogue_io.export_catalogue(self.ctx, path),
                               _("Đang xuất danh mục…"))

    def _on_export_done(self, n: int) -> None:
        MessageBox.inform(self.view, _("Đã xuất xong"),
                          _("Đã ghi {count} thủ tục vào tệp:\n{path}").format(
                              count=n, path=Path(self._export_path)))


def build(ctx: AppContext) -> tuple[RegisterView, ProceduresController]:
    view = RegisterView(_("Danh mục thủ tục hành chính"),
                        _("Tìm theo tên, mã thủ tục, lĩnh vực (gõ không dấu cũng được)…"))
    return view, ProceduresController(view, ctx)
