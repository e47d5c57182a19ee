"""Cán bộ phụ trách lĩnh vực: the officer who takes the dossiers of each field of procedures.

A hand-over at the desk suggests this officer (unless the procedure names its own); the form
saves every field at once (app.procedures.set_field_officers, one unit of work).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from app.i18n import _
from app.users import UserRow
from ui.common.forms import FormDialog


class FieldOfficersDialog(FormDialog):
    def __init__(self, fields: list[str], current: dict[str, int], officers: list[UserRow],
                 parent: QWidget | None = None):
        super().__init__(_("Cán bộ phụ trách lĩnh vực"), parent)
        note = QLabel(_("Hồ sơ của mỗi lĩnh vực được gợi ý chuyển cho cán bộ phụ trách; một thủ "
                        "tục có thể ghi cán bộ riêng trong mục Sửa thủ tục."))
        note.setWordWrap(True)
        self.form.addRow(note)
        self.fields = list(fields)
        self.table = QTableWidget(len(self.fields), 2)
        self.table.setHorizontalHeaderLabels([_("Lĩnh vực"), _("Cán bộ phụ trách")])
        self.table.verticalHeader().hide()
        self.table.setTabKeyNavigation(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.combos: list[QComboBox] = []
        for i, name in enumerate(self.fields):
            item = QTableWidgetItem(name)
            item.setFlags(item.flags() & ~item.flags().ItemIsEditable)
            self.table.setItem(i, 0, item)
            combo = QComboBox()
            combo.addItem(_("(chưa có)"), None)
            for u in officers:
                combo.addItem(f"{u.full_name} – {u.title or u.role_label}", u.id)
            combo.setCurrentIndex(max(combo.findData(current.get(name)), 0))
            self.table.setCellWidget(i, 1, combo)
            self.combos.append(combo)
        self.table.setMinimumHeight(self.fontMetrics().height() * 16)
        self.form.addRow(self.table)
        self.resize(760, 520)

    def values(self) -> dict[str, int | None]:
        return {name: combo.currentData() for name, combo in zip(self.fields, self.combos,
                                                                  strict=True)}
