"""The household form: village, address, number, and its members.

A new household is written in one unit of work with its head and the members listed here.
For an existing household the fields are saved with “Lưu”; each member change (add, edit,
set as head) is its own unit of work and is written at once.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app import resident_lists, residents
from app.context import AppContext
from app.errors import DomainError
from app.i18n import N_, _
from app.labels import label
from app.resident_lists import HouseholdDetail
from app.residents import ResidentInput
from app.villages import VillageRow
from ui.common.errors import show_error
from ui.common.forms import FormDialog
from ui.common.models import Column, ListTableModel
from ui.common.widgets import DateField, SexCombo
from ui.registers.residents.resident_dialog import ResidentDialog


def _date_text(value) -> str:
    if value is None or isinstance(value, str):
        return value or ""
    return value.strftime("%d/%m/%Y")


MEMBER_COLUMNS = [
    Column(N_("Họ và tên"), lambda m: m.full_name),
    Column(N_("Quan hệ với chủ hộ"), lambda m: m.relation),
    Column(N_("Giới tính"), lambda m: label(m.sex)),
    Column(N_("Ngày sinh"), lambda m: _date_text(m.birth_date)),
    Column(N_("Số CCCD"), lambda m: m.cccd or ""),
]


class HouseholdDialog(FormDialog):
    def __init__(self, ctx: AppContext, villages: list[VillageRow],
                 detail: HouseholdDetail | None = None, parent: QWidget | None = None):
        super().__init__(_("Sửa hộ gia đình") if detail else _("Thêm hộ gia đình"), parent)
        self.ctx = ctx
        self.detail = detail
        self.member_dialog: ResidentDialog | None = None
        self.pending: list[ResidentInput] = []  # members of a new household, not written yet
        self.village = QComboBox()
        for v in villages:
            self.village.addItem(v.name, v.id)
        self.village.setCurrentIndex(-1)
        self.add_row(_("Thôn:"), self.village)
        self.address = self.add_row(_("Địa chỉ:"), QLineEdit())
        self.address.setPlaceholderText(_("số nhà, xóm, đường (nếu có)"))
        self.code = self.add_row(_("Số hộ:"), QLineEdit())
        self.code.setPlaceholderText(_("số hộ theo sổ của xã (có thể để trống)"))
        if detail is None:
            self._build_head_box()
        self._build_members_box()
        self.resize(720, 560)
        if detail is not None:
            self._fill(detail)
        self._connect_member_signals()

    # -- layout --------------------------------------------------------------------------
    def _build_head_box(self) -> None:
        box = QGroupBox(_("Chủ hộ"))
        form = QVBoxLayout(box)
        inner = QFormLayout()
        self.head_name = QLineEdit()
        self.head_sex = SexCombo()
        self.head_birth = DateField()
        self.head_cccd = QLineEdit(placeholderText=_("12 chữ số"), maxLength=16)
        self.head_phone = QLineEdit()
        for text, w in ((_("Họ và tên:"), self.head_name), (_("Giới tính:"), self.head_sex),
                         (_("Ngày sinh:"), self.head_birth), (_("Số CCCD:"), self.head_cccd),
                         (_("Số điện thoại:"), self.head_phone)):
            inner.addRow(text, w)
        form.addLayout(inner)
        self.body.insertWidget(1, box)

    def _build_members_box(self) -> None:
        title = _("Các thành viên khác") if self.detail is None else _("Nhân khẩu trong hộ")
        box = QGroupBox(title)
        layout = QVBoxLayout(box)
        self.members = ListTableModel(MEMBER_COLUMNS, self, key=lambda m: getattr(m, "id", id(m)))
        self.member_table = QTableView()
        self.member_table.setModel(self.members)
        self.member_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.member_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.member_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.member_table.verticalHeader().hide()
        self.member_table.horizontalHeader().setStretchLastSection(True)
        self.member_table.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft)
        chars = self.fontMetrics().averageCharWidth()
        for i, w in enumerate((24, 16, 8, 11)):
            self.member_table.setColumnWidth(i, w * chars + 16)
        row = QHBoxLayout()
        self.add_member_button = QPushButton(_("Thêm nhân khẩu…"))
        self.edit_member_button = QPushButton(_("Sửa nhân khẩu…"))
        row.addWidget(self.add_member_button)
        row.addWidget(self.edit_member_button)
        if self.detail is not None:
            self.set_head_button = QPushButton(_("Đặt làm chủ hộ"))
            row.addWidget(self.set_head_button)
            note = QLabel(_("Thay đổi về nhân khẩu được ghi ngay khi bấm Lưu trong hộp nhân khẩu."))
        else:
            self.remove_member_button = QPushButton(_("Bỏ khỏi danh sách"))
            row.addWidget(self.remove_member_button)
            note = QLabel(_("Hộ, chủ hộ và các thành viên được ghi cùng lúc khi bấm Lưu."))
        note.setStyleSheet("color: #555;")
        row.addStretch(1)
        layout.addWidget(self.member_table)
        layout.addLayout(row)
        layout.addWidget(note)
        self.body.insertWidget(self.body.count() - 2, box, 1)

    def _fill(self, detail: HouseholdDetail) -> None:
        r = detail.row
        self.village.setCurrentIndex(self.village.findData(r.village_id))
        if self.village.currentIndex() < 0:  # the household's village was deactivated
            self.village.addItem(_("{village} (đã ngừng sử dụng)").format(village=r.village),
                                 r.village_id)
            self.village.setCurrentIndex(self.village.count() - 1)
        self.address.setText(r.address)
        self.code.setText(r.code or "")
        self.members.set_rows(detail.members)

    # -- wiring ---------------------------------------------------------------------------
    def _connect_member_signals(self) -> None:
        self.add_member_button.clicked.connect(self._on_add_member_clicked)
        self.edit_member_button.clicked.connect(self._on_edit_member_clicked)
        self.member_table.activated.connect(self._on_member_activated)
        self.member_table.selectionModel().selectionChanged.connect(self._on_member_selected)
        self.members.modelReset.connect(self._on_member_selected)
        if self.detail is not None:
            self.set_head_button.clicked.connect(self._on_set_head_clicked)
        else:
            self.remove_member_button.clicked.connect(self._on_remove_member_clicked)
        self._on_member_selected()

    def _on_member_activated(self, _index) -> None:
        if self.edit_member_button.isVisible():
            self._on_edit_member_clicked()

    def _selected_member(self):
        rows = self.member_table.selectionModel().selectedRows()
        return self.members.row_at(rows[0].row()) if rows else None

    def _on_member_selected(self, *_args) -> None:
        m = self._selected_member()
        self.edit_member_button.setEnabled(m is not None)
        if self.detail is not None:
            self.set_head_button.setEnabled(m is not None and not m.is_head)
        else:
            self.remove_member_button.setEnabled(m is not None)

    def _open_member_dialog(self, title: str, submit, member=None) -> None:
        label = ""
        if self.detail is not None:
            label = f"{self.detail.row.head_name} – {self.detail.row.village}"
        dlg = ResidentDialog(title, self, household_label=label,
                             is_head=bool(member is not None and getattr(member, "is_head", False)))
        if member is not None:
            dlg.fill(member)
        dlg.submit = submit
        dlg.saved.connect(self._on_member_saved)
        dlg.finished.connect(dlg.deleteLater)
        self.member_dialog = dlg
        dlg.open()

    def _on_add_member_clicked(self) -> None:
        if self.detail is None:
            self._open_member_dialog(_("Thêm thành viên"), lambda data: data.cleaned())
        else:
            hh_id = self.detail.row.id
            self._open_member_dialog(
                _("Thêm nhân khẩu"), lambda data: residents.add_resident(self.ctx, hh_id, data))

    def _on_edit_member_clicked(self, *_args) -> None:
        m = self._selected_member()
        if m is None:
            return
        if self.detail is None:
            def replace(data: ResidentInput, old=m) -> ResidentInput:
                clean = data.cleaned()
                self.pending[self.pending.index(old)] = clean
                return None
            self._open_member_dialog(_("Sửa thành viên"), replace, m)
        else:
            self._open_member_dialog(
                _("Sửa nhân khẩu"), lambda data: residents.update_resident(self.ctx, m.id, data),
                m)

    def _on_member_saved(self, value) -> None:
        if self.detail is None:
            if isinstance(value, ResidentInput):
                self.pending.append(value)
            self.members.set_rows(self.pending)
        else:
            self._reload_members()

    def _on_remove_member_clicked(self) -> None:
        m = self._selected_member()
        if m is not None:
            self.pending.remove(m)
            self.members.set_rows(self.pending)

    def _on_set_head_clicked(self) -> None:
        m = self._selected_member()
        if m is None:
            return
        try:
            residents.set_head(self.ctx, self.detail.row.id, m.id)
        except DomainError as exc:
            show_error(self, exc)
            return
        self._reload_members()

    def _reload_members(self) -> None:
        self.detail = resident_lists.get_household(self.ctx, self.detail.row.id)
        self.members.set_rows(self.detail.members)

    def set_read_only(self) -> None:
        super().set_read_only()
        for b in self.findChildren(QPushButton):
            if b not in self.buttons.buttons():
                b.hide()  # no member changes either

    # -- the household itself ---------------------------------------------------------------
    def values(self) -> dict:
        data = {"village_id": self.village.currentData(), "address": self.address.text(),
                "code": self.code.text() or None}
        if self.detail is None:
            data["head"] = ResidentInput(
                full_name=self.head_name.text(), sex=self.head_sex.value(),
                birth_date=self.head_birth.value(), cccd=self.head_cccd.text() or None,
                phone=self.head_phone.text() or None)
            data["members"] = list(self.pending)
        return data
