"""The clocks' rule table (app.petitions.clock): every row by kind, complexity and remote area.
Everyone may read it; whoever may edit the catalogues (the administrator) amends a row when
the law changes (`amend_rule`: cases already running keep their dates)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.auth import Permission
from app.context import AppContext
from app.errors import DomainError
from app.i18n import N_, _
from app.labels import label
from app.petitions import clock
from app.petitions.clock import Rule
from app.petitions.types import Complexity, PetitionKind
from ui.common.errors import show_error
from ui.common.forms import FormDialog, text_box
from ui.common.models import Column, ListTableModel
from ui.common.widgets import fit_to_screen, list_table, page_heading


def span(value: int, unit) -> str:
    """'10 ngày làm việc'; '—' for no time at all."""
    return f"{value} {label(unit)}" if value else "—"


def extension_text(r: Rule) -> str:
    """'30 ngày × 2 lần' (an extension counts calendar days, app.petitions.service.extend)."""
    if not r.max_extensions:
        return _("không")
    return _("{days} ngày × {n} lần").format(days=r.extension_value, n=r.max_extensions)


RULE_COLUMNS = [
    Column(N_("Loại đơn"), lambda r: label(r.kind)),
    Column(N_("Mức độ"), lambda r: label(r.complexity)),
    Column(N_("Vùng sâu, xa"), lambda r: _("có") if r.remote else ""),
    Column(N_("Phân loại"), lambda r: span(r.classify_value, r.classify_unit)),
    Column(N_("Giải quyết"), lambda r: span(r.resolve_value, r.resolve_unit)),
    Column(N_("Gia hạn"), extension_text),
    Column(N_("Thông báo thụ lý"), lambda r: span(r.notify_value, r.notify_unit)),
    Column(N_("Căn cứ"), lambda r: r.basis, tooltip=True),
]


def _unit_combo(current) -> QComboBox:
    combo = QComboBox()
    for unit in clock.UNITS:
        combo.addItem(label(unit), unit)
    combo.setCurrentIndex(max(combo.findData(current), 0))
    return combo


def _days(value: int) -> QSpinBox:
    box = QSpinBox()
    box.setRange(0, 365)
    box.setValue(value)
    return box


class RuleDialog(FormDialog):
    """One row amended; only what changed is sent."""

    def __init__(self, rule: Rule, parent: QWidget | None = None):
        super().__init__(_("Sửa thời hạn: {kind}, {complexity}{remote}").format(
            kind=label(rule.kind), complexity=label(rule.complexity).lower(),
            remote=_(", vùng sâu, vùng xa") if rule.remote else ""), parent)
        self.rule = rule
        self.widgets: dict[str, QWidget] = {}
        for value_key, unit_key, text in (
                ("classify_value", "classify_unit", _("Phân loại, xử lý đơn:")),
                ("resolve_value", "resolve_unit", _("Giải quyết:")),
                ("notify_value", "notify_unit", _("Thông báo thụ lý (0: không):"))):
            value = self.widgets[value_key] = _days(getattr(rule, value_key))
            unit = self.widgets[unit_key] = _unit_combo(getattr(rule, unit_key))
            row = QHBoxLayout()
            row.addWidget(value)
            row.addWidget(unit, 1)
            self.form.addRow(QLabel(text), row)
        self.widgets["extension_value"] = self.add_row(_("Mỗi lần gia hạn (ngày):"),
                                                       _days(rule.extension_value))
        self.widgets["max_extensions"] = self.add_row(_("Số lần gia hạn tối đa:"),
                                                      _days(rule.max_extensions))
        self.widgets["max_extensions"].setRange(0, 5)
        basis = text_box(3)
        basis.setPlainText(rule.basis)
        self.widgets["basis"] = self.add_row(_("Căn cứ pháp lý:"), basis)

    def changes(self) -> dict:
        out = {}
        for key, w in self.widgets.items():
            if isinstance(w, QSpinBox):
                value = w.value()
            elif isinstance(w, QComboBox):
                value = w.currentData()
            else:
                value = w.toPlainText().strip()
            if value != getattr(self.rule, key):
                out[key] = value
        return out

    def values(self) -> dict:
        changes = self.changes()
        if not changes:
            raise DomainError(_("Chưa sửa mục nào; không có gì để lưu."))
        return changes


class RulesDialog(QDialog):
    """The whole table; “Sửa dòng…” (or Enter, a double click) for whoever may amend it."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.can_edit = ctx.user.can(Permission.EDIT_CATALOGUE)
        self.setWindowTitle(_("Bảng thời hạn giải quyết đơn thư"))
        self.note = note = QLabel(_("Thời hạn phân loại, giải quyết, gia hạn và thông báo thụ lý theo loại "
                        "đơn, mức độ phức tạp và vùng sâu, vùng xa. Ngày đầu không tính; hạn "
                        "tính theo ngày mà rơi vào ngày nghỉ thì chuyển sang ngày làm việc tiếp "
                        "theo. Sửa bảng khi luật thay đổi: đơn đang giải quyết giữ thời hạn "
                        "đã tính."))
        note.setWordWrap(True)
        if not self.can_edit:
            note.setText(note.text() + " " + _("Chỉ quản trị hệ thống được sửa."))
        self.model = ListTableModel(RULE_COLUMNS, self)
        self.table = list_table(self)
        self.table.setModel(self.model)
        chars = self.fontMetrics().averageCharWidth()
        for i, w in enumerate((12, 17, 11, 17, 10, 16, 16)):
            self.table.setColumnWidth(i, w * chars + 12)
        self.table.horizontalHeader().setSectionResizeMode(7, QHeaderView.ResizeMode.Stretch)
        self.edit_button = QPushButton(_("&Sửa dòng…"))
        self.edit_button.setVisible(self.can_edit)
        self.close_button = QPushButton(_("Đóng"))
        for b in (self.edit_button, self.close_button):
            b.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.edit_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(page_heading(_("Bảng thời hạn giải quyết đơn thư")))
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.edit_button.clicked.connect(self._on_edit_requested)
        self.table.activated.connect(self._on_edit_requested)
        self.close_button.clicked.connect(self.reject)
        self.refresh()
        fit_to_screen(self, 1180, 640)

    def refresh(self, keep_id: int | None = None) -> None:
        # in the order the enums declare (the words' order), not the stored values' letters
        order = {e: i for cls in (PetitionKind, Complexity) for i, e in enumerate(cls)}
        self.model.set_rows(sorted(clock.rules(self.ctx), key=lambda r: (
            order[r.kind], order[r.complexity], r.remote)))
        row = self.model.row_of(keep_id) if keep_id is not None else 0
        if self.model.rowCount():
            self.table.selectRow(max(row, 0))

    def selected(self) -> Rule | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _on_edit_requested(self, *_args) -> None:
        rule = self.selected()
        if not self.can_edit or rule is None:
            return
        try:
            amended = RuleDialog.ask(self, lambda v: clock.amend_rule(self.ctx, rule.id, **v),
                                     rule=rule)
        except DomainError as exc:
            show_error(self, exc)
            return
        if amended is not None:
            self.refresh(amended.id)

