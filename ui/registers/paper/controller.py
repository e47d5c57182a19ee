"""In ấn: how every paper is laid out (Nghị định 30/2020 margins, body size) and who signs.

Everyone sees the screen and may print the test page; only the admin (EDIT_PROFILE) saves.
The place name and the agency lines come from “Thông tin đơn vị” and are shown, not edited.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from app import settings
from app.auth import Permission
from app.context import AppContext
from app.i18n import _
from app.paper import documents
from ui.common.settings_page import SettingsController, SettingsPage
from ui.preview import PrintRunner

BODY_SIZES = (13, 14)  # Nghị định 30/2020: body text 13–14 pt


def _hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("color: #555;")
    label.setWordWrap(True)
    return label


def _align_labels(forms: list[QFormLayout]) -> None:
    """One label column for the three boxes, so their fields line up."""
    labels = [item.widget() for form in forms for row in range(form.rowCount())
              if (item := form.itemAt(row, QFormLayout.ItemRole.LabelRole)) is not None]
    width = max(label.sizeHint().width() for label in labels)
    for label in labels:
        label.setMinimumWidth(width)


class PaperView(SettingsPage):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(_("In ấn"), _("Lề giấy, cỡ chữ và người ký dùng cho mọi văn bản in ra "
                                       "(theo Nghị định 30/2020/NĐ-CP)."),
                         _("Lưu thiết lập"), parent)
        self.margins: dict[str, QSpinBox] = {}
        layout_form = QFormLayout()
        layout_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for key, (low, high) in settings.MARGIN_RANGES.items():
            spin = self._spin(low, high, " mm")
            self.margins[key] = spin
            layout_form.addRow(settings.label(key) + ":",
                               self._with_hint(spin, _("từ {low} đến {high} mm").format(
                                   low=low, high=high)))
        self.body_size = self._spin(*BODY_SIZES, " pt")
        layout_form.addRow(settings.label("body_font_size") + ":",
                           self._with_hint(self.body_size, _("cỡ chữ phần nội dung văn bản")))
        layout_box = QGroupBox(_("Trình bày trang"))
        layout_box.setLayout(layout_form)

        self.signer_title = QLineEdit(placeholderText=_("ví dụ: CHỦ TỊCH"))
        self.vice_chairmen = QPlainTextEdit()
        self.vice_chairmen.setPlaceholderText(_("mỗi dòng một họ tên, ví dụ:\nNguyễn Văn Hùng"))
        self.vice_chairmen.setTabChangesFocus(True)
        lines = self.vice_chairmen.fontMetrics().lineSpacing()
        self.vice_chairmen.setFixedHeight(lines * 4 + 14)
        signer_form = QFormLayout()
        signer_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        signer_form.addRow(settings.label("chairman_title") + ":", self.signer_title)
        signer_form.addRow(_("Các Phó Chủ tịch:"), self.vice_chairmen)
        signer_form.addRow("", _hint(_("Mỗi dòng một họ tên; dùng khi Phó Chủ tịch ký thay "
                                       "(KT. CHỦ TỊCH).")))
        signer_box = QGroupBox(_("Người ký"))
        signer_box.setLayout(signer_form)

        self.place_name = QLabel()
        self.agency_lines = QLabel()
        for label in (self.place_name, self.agency_lines):
            label.setTextFormat(Qt.TextFormat.PlainText)
        profile_form = QFormLayout()
        profile_form.addRow(_("Địa danh:"), self.place_name)
        profile_form.addRow(_("Tên cơ quan:"), self.agency_lines)
        profile_form.addRow("", _hint(_("Các dòng này được sửa trong “Thông tin đơn vị”.")))
        profile_box = QGroupBox(_("Lấy từ Thông tin đơn vị"))
        profile_box.setLayout(profile_form)

        _align_labels([layout_form, signer_form, profile_form])
        for box in (layout_box, signer_box, profile_box):
            self.content.addWidget(box)
        self.test_button = self.add_button(QPushButton(_("In trang thử")))
        self.test_button.setToolTip(_("Xem và in một trang mẫu theo thiết lập đã lưu"))

    @staticmethod
    def _spin(low: int, high: int, suffix: str) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(low, high)  # the legal range: the widget cannot hold anything else
        spin.setSuffix(suffix)
        spin.setMinimumWidth(90)
        return spin

    @staticmethod
    def _with_hint(field: QWidget, hint: str) -> QWidget:
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(field)
        line.addWidget(_hint(hint), 1)
        return row


class PaperController(SettingsController):
    paper_saved = Signal(object)  # the PaperSettings

    def __init__(self, view: PaperView, ctx: AppContext):
        super().__init__(view, ctx, ctx.user.can(Permission.EDIT_PROFILE))
        self.can_print = ctx.user.can(Permission.VIEW_REGISTERS)
        self.print_runner = PrintRunner(view)
        if not self.can_edit:
            self._set_read_only()
        view.test_button.setEnabled(self.can_print)
        self._connect_signals()
        self.refresh()

    def _set_read_only(self) -> None:
        v = self.view
        for spin in [*v.margins.values(), v.body_size]:
            spin.setReadOnly(True)
            spin.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.NoButtons)
        v.signer_title.setReadOnly(True)
        v.vice_chairmen.setReadOnly(True)
        # an example in a box nobody can type in would read as data
        v.vice_chairmen.setPlaceholderText(_("(chưa nhập)"))

    def _connect_signals(self) -> None:
        super()._connect_signals()
        v = self.view
        v.test_button.clicked.connect(self._on_test_print_requested)
        for spin in [*v.margins.values(), v.body_size]:
            spin.valueChanged.connect(self._on_edited)
        v.signer_title.textEdited.connect(self._on_edited)
        v.vice_chairmen.textChanged.connect(self._on_edited)

    def values(self) -> dict[str, Any]:
        v = self.view
        values: dict[str, Any] = {k: spin.value() for k, spin in v.margins.items()}
        values["body_font_size"] = v.body_size.value()
        values["chairman_title"] = v.signer_title.text()
        values["vice_chairmen"] = v.vice_chairmen.toPlainText()
        return values

    def fill(self) -> None:
        v = self.view
        paper = settings.paper(self.ctx)
        for key, spin in v.margins.items():
            spin.setValue(getattr(paper, key))
        v.body_size.setValue(paper.body_font_size)
        v.signer_title.setText(paper.chairman_title)
        v.vice_chairmen.setPlainText("\n".join(paper.vice_chairmen))
        self.fill_shown()

    def fill_shown(self) -> None:
        """The lines “Thông tin đơn vị” holds, shown here as they will be printed."""
        v = self.view
        profile = settings.profile(self.ctx)
        v.place_name.setText(profile.place_name or "—")
        lines = [profile.parent_unit.upper()] if profile.parent_unit else []
        lines.append(profile.agency_line)
        v.agency_lines.setText("\n".join(lines))

    def write(self, values: dict[str, Any]):
        return settings.save_paper(self.ctx, values)

    def saved(self, paper) -> None:
        self.paper_saved.emit(paper)

    def _on_test_print_requested(self) -> None:
        if self.print_runner.running:
            return
        # the test page is built from the saved settings: what is on screen is saved first
        if self.dirty and not self.save():
            return
        ctx = self.ctx
        self.print_runner.start(lambda: documents.sample_letter(ctx),
                                _("Đang chuẩn bị trang in thử…"))


def build(ctx: AppContext) -> tuple[PaperView, PaperController]:
    view = PaperView()
    return view, PaperController(view, ctx)
