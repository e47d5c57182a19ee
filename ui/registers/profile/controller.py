"""Thông tin đơn vị: the commune profile printed on every paper. Admin edits; others view."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QFormLayout, QLineEdit, QWidget

from app import settings
from app.auth import Permission
from app.context import AppContext
from app.i18n import N_, _
from ui.common.settings_page import SettingsController, SettingsPage

# marked with N_, shown with _()
PLACEHOLDERS = {
    "commune_name": N_("ví dụ: Quang Trung (không ghi chữ “xã”)"),
    "province": N_("ví dụ: Thanh Hóa"),
    "parent_unit": N_("ví dụ: UBND tỉnh Thanh Hóa"),
    "place_name": N_("ví dụ: Quang Trung"),
    "agency_id": N_("ví dụ: 000.17.22.H56"),
    "chairman_name": N_("họ tên đầy đủ"),
    "office_morning": N_("ví dụ: 07:30-11:30"),
    "office_afternoon": N_("ví dụ: 13:30-17:00"),
    "cutoff_time": N_("ví dụ: 15:00"),
}


class ProfileView(SettingsPage):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(_("Thông tin đơn vị"),
                         _("Các thông tin này được in trên phiếu hẹn, thư và báo cáo."),
                         _("Lưu thông tin"), parent)
        self.fields: dict[str, QLineEdit] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for key in settings.EDITABLE_KEYS:
            edit = QLineEdit(placeholderText=_(PLACEHOLDERS[key]) if key in PLACEHOLDERS else "")
            self.fields[key] = edit
            form.addRow(_(settings.OPTIONS[key].label) + ":", edit)
        # the petitions' clocks (app.petitions.clock): a new petition takes it as it is then
        self.remote = QCheckBox(_(settings.OPTIONS[settings.REMOTE_KEY].label))
        self.remote.setToolTip(_("Đơn nhận từ nay được tính thời hạn của vùng sâu, vùng xa; "
                                 "đơn đã nhận giữ thời hạn đã tính."))
        form.addRow("", self.remote)
        self.content.addLayout(form)


class ProfileController(SettingsController):
    profile_saved = Signal(object)  # the CommuneProfile

    def __init__(self, view: ProfileView, ctx: AppContext):
        super().__init__(view, ctx, ctx.user.can(Permission.EDIT_PROFILE))
        for edit in view.fields.values():
            edit.setReadOnly(not self.can_edit)
        view.remote.setEnabled(self.can_edit)
        self._connect_signals()
        self.refresh()

    def _connect_signals(self) -> None:
        super()._connect_signals()
        for edit in self.view.fields.values():
            edit.textEdited.connect(self._on_edited)
            edit.returnPressed.connect(self._on_save_clicked)
        self.view.remote.toggled.connect(self._on_edited)

    def fill(self) -> None:
        current = settings.read_all(self.ctx)
        for key, edit in self.view.fields.items():
            edit.setText(str(current[key]))
        self.view.remote.setChecked(bool(current[settings.REMOTE_KEY]))

    def values(self) -> dict[str, str | bool]:
        return {**{k: e.text() for k, e in self.view.fields.items()},
                settings.REMOTE_KEY: self.view.remote.isChecked()}

    def write(self, values: dict[str, str]):
        return settings.save_profile(self.ctx, values)

    def saved(self, profile) -> None:
        self.profile_saved.emit(profile)


def build(ctx: AppContext) -> tuple[ProfileView, ProfileController]:
    view = ProfileView()
    return view, ProfileController(view, ctx)
