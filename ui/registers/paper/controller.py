"""In ấn: how every paper is laid out (Nghị định 30/2020 margins, body size) and who signs.

Everyone sees the screen and may print the test page; only the admin (EDIT_PROFILE) saves.
The place name and the agency lines come from “Thông tin đơn vị” and are shown, not edited.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
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
    QVBoxLayout,
    QWidget,
)

from app import settings
from app.auth import Permission
from app.context import AppContext
from app.errors import DomainError
from app.i18n import _
from app.paper import documents
from ui.common.widgets import ErrorLabel, page_heading
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


class PaperView(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        heading = page_heading(_("In ấn"))
        self.note = QLabel(_("Lề giấy, cỡ chữ và người ký dùng cho mọi văn bản in ra "
                             "(theo Nghị định 30/2020/NĐ-CP)."))
        self.note.setWordWrap(True)
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

        self.error = ErrorLabel()
        self.saved_label = QLabel()
        self.saved_label.setStyleSheet("color: #1b5e20;")
        self.save_button = QPushButton(_("Lưu thiết lập"))
        self.reset_button = QPushButton(_("Hoàn tác"))
        self.test_button = QPushButton(_("In trang thử"))
        self.test_button.setToolTip(_("Xem và in một trang mẫu theo thiết lập đã lưu"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.reset_button)
        buttons.addWidget(self.saved_label)
        buttons.addStretch(1)
        buttons.addWidget(self.test_button)
        box = QWidget()
        box.setMaximumWidth(760)
        inner = QVBoxLayout(box)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(layout_box)
        inner.addWidget(signer_box)
        inner.addWidget(profile_box)
        inner.addWidget(self.error)
        inner.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.note)
        layout.addWidget(box)
        layout.addStretch(1)

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


class PaperController(QObject):
    paper_saved = Signal(object)  # the PaperSettings

    def __init__(self, view: PaperView, ctx: AppContext):
        super().__init__(view)
        self.view = view
        self.ctx = ctx
        self.can_edit = ctx.actor.can(Permission.EDIT_PROFILE)
        self.can_print = ctx.actor.can(Permission.VIEW_REGISTERS)
        self.print_runner = PrintRunner(view)
        self._loaded: dict[str, Any] = {}
        self._save_shortcut = QShortcut(QKeySequence.StandardKey.Save, view)
        self._set_read_only(not self.can_edit)
        view.test_button.setEnabled(self.can_print)
        self._connect_signals()
        self.refresh()

    def _set_read_only(self, read_only: bool) -> None:
        v = self.view
        for spin in [*v.margins.values(), v.body_size]:
            spin.setReadOnly(read_only)
            if read_only:
                spin.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.NoButtons)
        v.signer_title.setReadOnly(read_only)
        v.vice_chairmen.setReadOnly(read_only)
        if read_only:  # an example in a box nobody can type in would read as data
            v.vice_chairmen.setPlaceholderText(_("(chưa nhập)"))
        v.save_button.setVisible(not read_only)
        v.reset_button.setVisible(not read_only)
        if read_only:
            v.note.setText(v.note.text() + " " + _("Chỉ quản trị hệ thống được sửa."))

    def _connect_signals(self) -> None:
        v = self.view
        v.save_button.clicked.connect(self._on_save_clicked)
        v.reset_button.clicked.connect(self.refresh)
        v.test_button.clicked.connect(self._on_test_print_requested)
        self._save_shortcut.activated.connect(self._on_save_clicked)
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

    def refresh(self) -> None:
        """Read the saved values again (also when the screen is shown: the profile may have
        changed in “Thông tin đơn vị”)."""
        v = self.view
        paper = settings.paper(self.ctx)
        for key, spin in v.margins.items():
            spin.setValue(getattr(paper, key))
        v.body_size.setValue(paper.body_font_size)
        v.signer_title.setText(paper.chairman_title)
        v.vice_chairmen.setPlainText("\n".join(paper.vice_chairmen))
        profile = settings.profile(self.ctx)
        v.place_name.setText(profile.place_name or "—")
        lines = [profile.parent_unit.upper()] if profile.parent_unit else []
        lines.append(profile.agency_line)
        v.agency_lines.setText("\n".join(lines))
        self._loaded = self.values()
        v.error.clear_message()
        v.saved_label.clear()

    @property
    def dirty(self) -> bool:
        return self.can_edit and self.values() != self._loaded

    def _on_edited(self, *_args) -> None:
        self.view.saved_label.clear()

    def save(self) -> bool:
        """Save what is on screen; a refused value is shown inline and nothing is written."""
        if not self.can_edit:
            return False
        self.view.error.clear_message()
        try:
            paper = settings.save_paper(self.ctx, self.values())
        except DomainError as exc:
            self.view.error.show_message(exc.message)
            return False
        self.refresh()
        self.view.saved_label.setText(_("Đã lưu."))
        self.paper_saved.emit(paper)
        return True

    def _on_save_clicked(self) -> None:
        self.save()

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
