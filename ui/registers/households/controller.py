"""The households register (sổ hộ gia đình): search, village filter, add/edit, import/export."""

from __future__ import annotations

from pathlib import Path

from app import household_io, resident_lists, residents, villages
from app.auth import Permission
from app.changes import Topic
from app.context import AppContext
from app.errors import DomainError
from app.i18n import N_, _, pgettext
from app.paper import documents
from app.resident_lists import HouseholdRow
from ui.common.errors import MessageBox, show_error
from ui.common.formats import count_text
from ui.common.models import Column, IdTableModel
from ui.common.widgets import FilePicker, VillageFilter
from ui.common.worker import JobRunner
from ui.registers.common.controller import RegisterController
from ui.registers.common.import_dialog import ImportDialog
from ui.registers.common.list_printer import ListPrinter
from ui.registers.common.view import RegisterView
from ui.registers.households.household_dialog import HouseholdDialog

COLUMNS = [
    Column(N_("Số hộ"), lambda h: h.code or ""),
    Column(N_("Chủ hộ"), lambda h: h.head_name),
    Column(lambda: pgettext("cột", "Thôn"), lambda h: h.village),
    Column(N_("Địa chỉ"), lambda h: h.address, tooltip=True),
    Column(N_("Số nhân khẩu"), lambda h: h.members, align_right=True),
]


class HouseholdsController(RegisterController):
    unit = N_("hộ")
    topics = frozenset({Topic.RESIDENTS, Topic.VILLAGES})
    table_name = "households"
    viewable = True

    def __init__(self, view: RegisterView, ctx: AppContext):
        super().__init__(view, ctx, IdTableModel(COLUMNS, lambda ids: resident_lists.get_households(ctx, ids), view))
        self.can_edit = ctx.user.can(Permission.EDIT_RESIDENTS)
        self.village_filter = view.add_filter(_("Thôn:"), VillageFilter())
        view.show_inactive.show()
        self.add_button = view.add_button(_("Thêm hộ"), _("Thêm hộ gia đình mới (Ctrl+N)"))
        self.edit_button = view.add_button(_("Sửa…"), _("Sửa hộ đang chọn (Enter hoặc nhấp đúp)"))
        self.toggle_button = view.add_button(_("Ngừng quản lý"))
        self.import_button = view.add_button(_("Nhập Excel…"), _("Nhập hộ gia đình từ tệp Excel"))
        self.export_button = view.add_button(_("Xuất Excel…"),
                                             _("Xuất sổ hộ gia đình ra tệp Excel"))
        self.preview_runner = JobRunner(view)
        self.export_runner = JobRunner(view)
        self.list_printer = ListPrinter(
            view, ctx, documents.household_list, self.village_filter,
            _("Xem và in danh sách hộ gia đình của thôn đang chọn"))
        self.print_runner = self.list_printer.runner
        view.set_column_widths([10, 26, 16, 30, 12], stretch=3)
        self._connect_signals()
        self.refresh()

    def _connect_signals(self) -> None:
        super()._connect_signals()
        self.list.watch(self.village_filter)
        self.import_button.clicked.connect(self._on_import_requested)
        self.export_button.clicked.connect(self._on_export_requested)
        self.preview_runner.succeeded.connect(self._on_preview_ready)
        self.export_runner.succeeded.connect(self._on_export_done)

    def refresh(self) -> None:
        self.village_filter.set_villages(villages.list_villages(self.ctx))
        self.reload()

    def query(self) -> list[int]:
        return resident_lists.search_household_ids(
            self.ctx, self.view.search.text(), village_id=self.village_filter.value(),
            include_inactive=self.view.show_inactive.isChecked())

    def describe(self, row: HouseholdRow) -> str:
        if row.code:
            return _("hộ ông/bà {name} (số hộ {code})").format(name=row.head_name, code=row.code)
        return _("hộ ông/bà {name}").format(name=row.head_name)

    def set_active(self, item_id: int, active: bool) -> None:
        residents.set_household_active(self.ctx, item_id, active)

    def _update_buttons(self) -> None:
        super()._update_buttons()
        self.import_button.setEnabled(self.can_edit)

    # -- add / edit ----------------------------------------------------------------------
    def _on_add_requested(self) -> None:
        dlg = HouseholdDialog(self.ctx, villages.list_villages(self.ctx), parent=self.view)
        if self.village_filter.value() is not None:
            dlg.village.setCurrentIndex(dlg.village.findData(self.village_filter.value()))
        dlg.submit = self._create
        self.open_dialog(dlg)

    def _create(self, data: dict) -> int:
        return residents.create_household(self.ctx, data["village_id"], data["address"],
                                          data["head"], data["members"], code=data["code"])

    def _on_edit_requested(self) -> None:
        hh_id = self.selected_id()
        if hh_id is None:
            return
        try:
            detail = resident_lists.get_household(self.ctx, hh_id)
        except DomainError as exc:
            show_error(self.view, exc)
            return
        dlg = HouseholdDialog(self.ctx, villages.list_villages(self.ctx), detail, self.view)

        def save(data: dict) -> int:
            residents.update_household(self.ctx, hh_id, village_id=data["village_id"],
                                       address=data["address"], code=data["code"])
            return hh_id
        dlg.submit = save  # members are saved one by one: the list follows each (app.changes)
        self.open_dialog(dlg)

    # -- Excel ---------------------------------------------------------------------------
    def _on_import_requested(self) -> None:
        path = FilePicker.open_excel(self.view, _("Chọn tệp Excel hộ gia đình"))
        if path is None:
            return
        self.preview_runner.run(lambda: household_io.preview_households(self.ctx, path),
                                _("Đang đọc và kiểm tra tệp…"))

    def _on_preview_ready(self, preview) -> None:
        dlg = ImportDialog(
            preview, what=_("hộ gia đình"), parent=self.view,
            start_job=lambda only_good: household_io.import_households(self.ctx, preview, only_good),
            describe=lambda n: _("Đã nhập {count} hộ gia đình từ tệp “{file}”.").format(
                count=count_text(n), file=preview.source))
        self.dialog = dlg
        dlg.finished.connect(dlg.deleteLater)
        dlg.open()  # the households imported are listed once the job's write is told

    def _on_export_requested(self) -> None:
        path = FilePicker.save_excel(self.view, "so-ho-gia-dinh.xlsx")
        if path is None:
            return
        village_id = self.village_filter.value()
        self._export_path = path
        self.export_runner.start(
            lambda: household_io.export_households(self.ctx, path, village_id),
            _("Đang xuất sổ hộ gia đình…"))

    def _on_export_done(self, n: int) -> None:
        MessageBox.inform(self.view, _("Đã xuất xong"),
                          _("Đã ghi {count} nhân khẩu vào tệp:\n{path}").format(
                              count=count_text(n), path=Path(self._export_path)))


def build(ctx: AppContext) -> tuple[RegisterView, HouseholdsController]:
    view = RegisterView(_("Sổ hộ gia đình"),
                        _("Tìm theo tên chủ hộ, số hộ, địa chỉ (gõ không dấu cũng được)…"))
    return view, HouseholdsController(view, ctx)
