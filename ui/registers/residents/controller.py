"""The residents register (sổ nhân khẩu): search by name, CCCD or phone; add, edit, deactivate."""

from __future__ import annotations

from app import resident_lists, residents, villages
from app.auth import Permission
from app.changes import Topic
from app.context import AppContext
from app.errors import DomainError
from app.i18n import N_, _, pgettext
from app.labels import label
from app.paper import documents
from app.resident_lists import ResidentRow
from ui.common.errors import show_error
from ui.common.models import Column, IdTableModel
from ui.common.widgets import VillageFilter
from ui.registers.common.controller import RegisterController
from ui.registers.common.list_printer import ListPrinter
from ui.registers.common.view import RegisterView
from ui.registers.residents.picker import HouseholdPicker
from ui.registers.residents.resident_dialog import ResidentDialog

COLUMNS = [
    Column(N_("Họ và tên"), lambda r: r.full_name),
    Column(N_("Giới tính"), lambda r: label(r.sex)),
    Column(N_("Ngày sinh"), lambda r: r.birth_date.strftime("%d/%m/%Y") if r.birth_date else ""),
    Column(N_("Số CCCD"), lambda r: r.cccd or ""),
    Column(N_("Điện thoại"), lambda r: r.phone or ""),
    Column(N_("Quan hệ với chủ hộ"), lambda r: r.relation),
    Column(N_("Số hộ"), lambda r: r.household_code or ""),
    Column(lambda: pgettext("cột", "Thôn"), lambda r: r.village),
    Column(N_("Địa chỉ"), lambda r: r.address, tooltip=True),
]


class ResidentsController(RegisterController):
    unit = N_("người")
    topics = frozenset({Topic.RESIDENTS, Topic.VILLAGES})
    table_name = "residents"
    viewable = True

    def __init__(self, view: RegisterView, ctx: AppContext):
        super().__init__(view, ctx, IdTableModel(COLUMNS, lambda ids: resident_lists.get_residents(ctx, ids), view))
        self.can_edit = ctx.user.can(Permission.EDIT_RESIDENTS)
        self.village_filter = view.add_filter(_("Thôn:"), VillageFilter())
        view.show_inactive.show()
        self.add_button = view.add_button(_("Thêm nhân khẩu"),
                                          _("Thêm một người vào một hộ (Ctrl+N)"))
        self.edit_button = view.add_button(_("Sửa…"),
                                           _("Sửa người đang chọn (Enter hoặc nhấp đúp)"))
        self.toggle_button = view.add_button(_("Ngừng quản lý"))
        self.list_printer = ListPrinter(
            view, ctx, documents.resident_list, self.village_filter,
            _("Xem và in danh sách nhân khẩu của thôn đang chọn"))
        self.print_runner = self.list_printer.runner
        self.picker: HouseholdPicker | None = None
        view.set_column_widths([24, 7, 10, 13, 11, 17, 8, 16, 16])
        self._connect_signals()
        self.refresh()

    def _connect_signals(self) -> None:
        super()._connect_signals()
        self.list.watch(self.village_filter)

    def refresh(self) -> None:
        self.village_filter.set_villages(villages.list_villages(self.ctx))
        self.reload()

    def query(self) -> list[int]:
        return resident_lists.search_resident_ids(
            self.ctx, self.view.search.text(), village_id=self.village_filter.value(),
            include_inactive=self.view.show_inactive.isChecked())

    def describe(self, row: ResidentRow) -> str:
        return _("nhân khẩu {name}").format(name=row.full_name)

    def set_active(self, item_id: int, active: bool) -> None:
        residents.set_resident_active(self.ctx, item_id, active)

    def _on_add_requested(self) -> None:
        self.picker = HouseholdPicker(self.ctx, self.view)
        self.picker.accepted.connect(self._on_household_picked)
        self.picker.finished.connect(self.picker.deleteLater)
        self.picker.open()

    def _on_household_picked(self) -> None:
        hh = self.picker.selected()
        dlg = ResidentDialog(_("Thêm nhân khẩu"), self.view,
                             household_label=f"{hh.head_name} – {hh.village}")
        dlg.submit = lambda data: residents.add_resident(self.ctx, hh.id, data)
        self.open_dialog(dlg)

    def _on_edit_requested(self) -> None:
        rid = self.selected_id()
        if rid is None:
            return
        try:
            row = resident_lists.get_resident(self.ctx, rid)
        except DomainError as exc:
            show_error(self.view, exc)
            return
        label = _("số hộ {code} – {village}").format(code=row.household_code or "—",
                                                    village=row.village)
        dlg = ResidentDialog(_("Sửa nhân khẩu"), self.view, is_head=row.is_head,
                             household_label=label)
        dlg.fill(row)

        def save(data):
            residents.update_resident(self.ctx, rid, data)
            return rid
        dlg.submit = save
        self.open_dialog(dlg)


def build(ctx: AppContext) -> tuple[RegisterView, ResidentsController]:
    view = RegisterView(_("Sổ nhân khẩu"),
                        _("Tìm theo họ tên, số CCCD, số điện thoại (gõ không dấu cũng được)…"))
    return view, ResidentsController(view, ctx)
