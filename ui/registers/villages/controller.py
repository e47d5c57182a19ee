"""The villages register (danh mục thôn): add, rename, stop using, reuse."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget

from app import villages
from app.auth import Permission
from app.changes import Topic
from app.context import AppContext
from app.i18n import N_, _, pgettext
from app.villages import VillageRow
from ui.common.forms import FormDialog
from ui.common.models import Column, ListTableModel
from ui.registers.common.controller import RegisterController
from ui.registers.common.view import RegisterView

COLUMNS = [
    Column(N_("Tên thôn"), lambda v: v.name),
    Column(lambda: pgettext("số lượng", "Số hộ"), lambda v: v.households, align_right=True),
    Column(N_("Số nhân khẩu"), lambda v: v.residents, align_right=True),
    Column(N_("Trạng thái"), lambda v: _("Đang sử dụng") if v.active
           else pgettext("trạng thái", "Ngừng sử dụng")),
    Column(N_("Ghi chú"), lambda v: v.note, tooltip=True),
]


class VillageDialog(FormDialog):
    def __init__(self, title: str, parent: QWidget | None = None, row: VillageRow | None = None):
        super().__init__(title, parent)
        self.name = self.add_row(_("Tên thôn:"), QLineEdit())
        self.name.setPlaceholderText(_("ví dụ: Thôn Đồng Lạc"))
        self.note = self.add_row(_("Ghi chú:"), QLineEdit())
        if row is not None:
            self.name.setText(row.name)
            self.note.setText(row.note)

    def values(self) -> dict:
        return {"name": self.name.text(), "note": self.note.text()}


class VillagesController(RegisterController):
    unit = N_("thôn")
    topics = frozenset({Topic.VILLAGES, Topic.RESIDENTS})  # the counts of households, people
    table_name = "villages"
    deactivate_verb = N_("Ngừng sử dụng")
    activate_verb = N_("Sử dụng lại")

    def __init__(self, view: RegisterView, ctx: AppContext):
        super().__init__(view, ctx, ListTableModel(COLUMNS, view))
        self.can_edit = ctx.user.can(Permission.EDIT_RESIDENTS)
        view.show_inactive.setText(_("Hiện cả thôn đã ngừng sử dụng"))
        view.show_inactive.show()
        self.add_button = view.add_button(_("Thêm thôn"), _("Thêm thôn mới (Ctrl+N)"))
        self.edit_button = view.add_button(_("Đổi tên…"),
                                           _("Đổi tên, ghi chú của thôn đang chọn (Enter)"))
        self.toggle_button = view.add_button(_("Ngừng sử dụng"))
        view.set_column_widths([28, 10, 13, 15, 30])
        self._connect_signals()
        self.reload()

    def query(self) -> list[VillageRow]:
        return villages.list_villages(self.ctx, self.view.search.text(),
                                      include_inactive=self.view.show_inactive.isChecked())

    def describe(self, row: VillageRow) -> str:
        return _("thôn {name}").format(name=row.name)

    def set_active(self, item_id: int, active: bool) -> None:
        villages.set_village_active(self.ctx, item_id, active)

    def _on_add_requested(self) -> None:
        dlg = VillageDialog(_("Thêm thôn"), self.view)
        dlg.submit = lambda d: villages.create_village(self.ctx, d["name"], d["note"])
        self.open_dialog(dlg)

    def _on_edit_requested(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        dlg = VillageDialog(_("Đổi tên thôn"), self.view, row)

        def save(d: dict) -> int:
            villages.update_village(self.ctx, row.id, d["name"], d["note"])
            return row.id
        dlg.submit = save
        self.open_dialog(dlg)


def build(ctx: AppContext) -> tuple[RegisterView, VillagesController]:
    view = RegisterView(_("Danh mục thôn"), _("Tìm thôn theo tên…"))
    return view, VillagesController(view, ctx)
