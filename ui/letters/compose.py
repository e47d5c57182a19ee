"""Soạn thư: one letter, from a draft the queue suggested or written from scratch for a
resident or a household, with the letter as it will print beside the form.

The dialog only gathers what the user sees: drafts come from app.letters.drafts, the preview
from app.letters.printing, the letter (checked, numbered, stored) from service.create_letter.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app import settings
from app.context import AppContext
from app.errors import DomainError
from app.i18n import _
from app.l10n import today
from app.labels import label
from app.letters import drafts, printing, service, templates
from app.letters.types import (
    FIELD_KEYS,
    SALUTATIONS,
    LetterDraft,
    Occasion,
    fields_of,
    template_key,
)
from app.paper import Printout
from app.validators import parse_date
from ui.common.errors import show_error
from ui.common.forms import ReasonDialog
from ui.common.widgets import DateField, ErrorLabel, fit_to_screen
from ui.letters.compose_parts import RESIDENT, PdfPane, RecipientPicker

PREVIEW_DELAY_MS = 300  # the preview follows the typing once it pauses
MISSING_STYLE = "background: #fff3e0; border: 1px solid #e08a00; border-radius: 3px; padding: 2px;"
_HINT = "color: #555;"


class ComposeDialog(QDialog):
    """After Accepted, `letter_id` is the id of the letter made."""

    def __init__(self, ctx: AppContext, draft: LetterDraft | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.letter_id: int | None = None
        self.current_printout: Printout | None = None  # the preview shown, None: a message
        self.from_scratch = draft is None
        self.base = dataclasses.replace(draft, values=dict(draft.values)) if draft else None
        self.field_edits: dict[str, QLineEdit] = {}
        self._typed: dict[str, str] = {}  # the event fields, kept when the template changes
        self._templates: dict[str, templates.Template] = {}
        self._commune = settings.profile(ctx).commune_name
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self.setWindowTitle(_("Viết thư mới") if draft is None else _("Soạn thư"))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self._build()
        if draft is not None:
            self._fill_recipient(draft)
            self.letter_date.set_date(draft.letter_date)
            self.page_size.setCurrentText(draft.page_size)
            self.signer.setCurrentIndex(max(self.signer.findData(draft.deputy), 0))
        self._show_fields(draft.template if draft else None)
        self._connect_signals()
        fit_to_screen(self, 1240, 800)
        self._on_edited()
        self.refresh_preview()

    # -- layout ----------------------------------------------------------------------------
    def _build(self) -> None:
        left = QVBoxLayout()
        if self.from_scratch:
            self.picker = RecipientPicker(self.ctx)
            left.addWidget(self.picker)
        else:
            left.addWidget(self._build_heading())
        who = QGroupBox(_("Người nhận"))
        form = QFormLayout(who)
        self.salutation = QComboBox()
        self.salutation.setEditable(True)
        self.salutation.addItems(list(SALUTATIONS))
        self.salutation.setCurrentText("")
        self.name = QLineEdit()
        self.addressee = QLineEdit()
        self.addressee.setToolTip(_("Để trống: danh xưng và họ tên người nhận"))
        self.address = QLineEdit()
        form.addRow(_("Danh xưng:"), self.salutation)
        form.addRow(_("Họ và tên:"), self.name)
        form.addRow(_("Kính gửi:"), self.addressee)
        form.addRow(_("Địa chỉ:"), self.address)
        paper = QGroupBox(_("Thư"))
        form = QFormLayout(paper)
        self.letter_date = DateField()
        self.letter_date.set_date(today())
        self.page_size = QComboBox()
        self.page_size.addItems(["A4", "A5"])
        self.signer = QComboBox()
        self.signer.addItem(_("Chủ tịch {name}").format(name=settings.profile(self.ctx)
                                                        .chairman_name), None)
        for name in settings.paper(self.ctx).vice_chairmen:
            self.signer.addItem(_("Phó Chủ tịch {name} (ký thay)").format(name=name), name)
        self.signer.setEnabled(self.signer.count() > 1)
        if self.signer.count() == 1:
            self.signer.setToolTip(_("Ghi tên các Phó Chủ tịch ở phần cài đặt giấy tờ để họ "
                                     "ký thay."))
        form.addRow(_("Ngày của thư:"), self.letter_date)
        form.addRow(_("Khổ giấy:"), self.page_size)
        form.addRow(_("Người ký:"), self.signer)
        self.fields_box = QGroupBox(_("Nội dung riêng của thư"))
        self.fields_form = QFormLayout(self.fields_box)
        self.fields_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.missing_label = QLabel()
        self.missing_label.setWordWrap(True)
        self.missing_label.setStyleSheet("color: #a04000; font-weight: bold;")
        self.error = ErrorLabel()
        for w in (who, paper, self.fields_box, self.missing_label, self.error):
            left.addWidget(w)
        left.addStretch(1)
        holder = QWidget()
        holder.setLayout(left)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)
        scroll.setMinimumWidth(470)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.preview = PdfPane()
        right = QVBoxLayout()
        right.addWidget(QLabel(_("<b>Bản xem trước</b> (chưa có số thư)")))
        right.addWidget(self.preview, 1)
        columns = QHBoxLayout()
        columns.addWidget(scroll, 0)
        columns.addLayout(right, 1)
        self.buttons = QDialogButtonBox()
        self.create_button = self.buttons.addButton(_("Lập thư"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.create_button.setToolTip(_("Lấy số và lưu thư (Ctrl+Enter)"))
        self.create_button.setDefault(True)
        self.cancel_button = self.buttons.addButton(_("Hủy"), QDialogButtonBox.ButtonRole.RejectRole)
        keys = QLabel(_("Ctrl+Enter: lập thư · Esc: đóng"))
        keys.setStyleSheet(_HINT)
        bottom = QHBoxLayout()
        bottom.addWidget(keys, 1)
        bottom.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addLayout(bottom)

    def _build_heading(self) -> QWidget:
        draft = self.base
        box = QLabel(_("<b>{kind}</b> – {occasion}<br><span style='color:#555'>{event}</span>")
                     .format(kind=label(draft.kind),
                             occasion=label(draft.occasion, Occasion),
                             event=draft.about))
        box.setWordWrap(True)
        return box

    def _connect_signals(self) -> None:
        for edit in (self.name, self.addressee, self.address, self.letter_date):
            edit.textChanged.connect(self._on_edited)
        self.salutation.currentTextChanged.connect(self._on_edited)
        self.page_size.currentIndexChanged.connect(self._on_edited)
        self.signer.currentIndexChanged.connect(self._on_edited)
        self._timer.timeout.connect(self.refresh_preview)
        self.buttons.accepted.connect(self._on_create_requested)
        self.buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self).activated.connect(self._on_create_requested)
        if self.from_scratch:
            self.picker.occasion_changed.connect(self._on_occasion_changed)
            self.picker.recipient_picked.connect(self._on_recipient_picked)
            self.picker.recipient_cleared.connect(self._on_recipient_cleared)

    def _show_fields(self, key: str | None) -> None:
        """One line per event field of the template (the recipient's are computed)."""
        while self.fields_form.rowCount():
            self.fields_form.removeRow(0)
        self.field_edits = {}
        self.fields_box.setVisible(key is not None)
        if key is None:
            return
        used = templates.used_fields(self._template(key).text)
        for f in (f for f in fields_of(key) if f.templates):
            edit = QLineEdit(self._typed.get(f.key, ""))
            edit.setPlaceholderText(_("ví dụ: {example}").format(example=_(f.hint)))
            label = QLabel(_(f.label) + ":")
            if f.key not in used:
                label.setText(_("{label}: (mẫu thư hiện không dùng)").format(label=_(f.label)))
                label.setStyleSheet(_HINT)
            edit.textChanged.connect(self._on_field_edited)
            self.field_edits[f.key] = edit
            self.fields_form.addRow(label, edit)

    # -- the occasion and the recipient (from scratch) --------------------------------------
    def chosen_occasion(self) -> Occasion | None:
        return self.picker.value() if self.from_scratch else Occasion(self.base.occasion)

    def set_occasion(self, occasion: Occasion) -> None:
        self.picker.set_occasion(occasion)

    def _on_occasion_changed(self) -> None:
        occasion = self.chosen_occasion()
        self._typed.update({k: e.text() for k, e in self.field_edits.items()})
        self._build_draft()
        self._show_fields(template_key(occasion) if occasion else None)
        self._on_edited()

    def _on_recipient_picked(self) -> None:
        self._build_draft()
        self._on_edited()

    def _on_recipient_cleared(self) -> None:
        self.error.clear_message()
        occasion = self.chosen_occasion()
        self.base = self._bare(occasion) if occasion else None
        self._on_edited()

    def _bare(self, occasion: Occasion) -> LetterDraft:
        return LetterDraft(occasion, "", "", today())

    def _build_draft(self) -> None:
        """The draft for the occasion and the recipient picked, from the registers."""
        occasion = self.chosen_occasion()
        self.error.clear_message()
        if occasion is None:
            self.base = None
            return
        if self.picker.picked is None:
            self.base = (dataclasses.replace(self.base, occasion=occasion) if self.base
                         else self._bare(occasion))
            return
        kind, key = self.picker.picked
        build = drafts.for_resident if kind == RESIDENT else drafts.for_household
        try:
            draft = build(self.ctx, key, occasion, today())
        except DomainError as exc:
            self.error.show_message(exc.message)
            self.base = self._bare(occasion)
            for edit in (self.name, self.addressee, self.address):
                edit.clear()
            return
        self._fill_recipient(draft)

    def _fill_recipient(self, draft: LetterDraft) -> None:
        self.base = dataclasses.replace(draft, values=dict(draft.values))
        self._typed.update({k: v for k, v in draft.values.items() if v})
        for edit in self.field_edits.values():
            edit.blockSignals(True)
        for key, edit in self.field_edits.items():
            edit.setText(self._typed.get(key, ""))
        for edit in self.field_edits.values():
            edit.blockSignals(False)
        self.salutation.setCurrentText(draft.salutation)
        self.name.setText(draft.recipient_name)
        self.addressee.setText(draft.addressee)
        self.address.setText(draft.address)

    # -- the draft and its preview --------------------------------------------------------
    def _template(self, key: str) -> templates.Template:
        if key not in self._templates:
            self._templates[key] = templates.get_template(self.ctx, key)
        return self._templates[key]

    def current_draft(self) -> LetterDraft:
        """The letter as the form says; DomainError when it cannot be one yet."""
        if self.base is None:
            raise DomainError(_("Vui lòng chọn dịp gửi thư."))
        day = parse_date(self.letter_date.text().strip(), _("Ngày của thư"))
        if day is None:
            raise DomainError(_("Vui lòng ghi ngày của thư."))
        values = dict(self.base.values)
        values.update({k: e.text() for k, e in self.field_edits.items()})
        return dataclasses.replace(
            self.base, salutation=self.salutation.currentText().strip(),
            recipient_name=self.name.text().strip(), addressee=self.addressee.text().strip(),
            address=self.address.text().strip(), letter_date=day,
            page_size=self.page_size.currentText(), deputy=self.signer.currentData(),
            values=values)

    def _on_edited(self, *_args) -> None:
        computed = f"{self.salutation.currentText().strip()} {self.name.text().strip()}".strip()
        self.addressee.setPlaceholderText(computed)
        self._timer.start()

    def _on_field_edited(self, *_args) -> None:
        self._typed.update({k: e.text() for k, e in self.field_edits.items()})
        self._timer.start()

    def refresh_preview(self) -> None:
        """Preview now (the timer calls it ~300 ms after the last edit)."""
        self._timer.stop()
        self.current_printout = None
        try:
            draft = self.current_draft()
        except DomainError as exc:
            self._show_missing([])
            self.preview.show_message(exc.message)
            return
        template = self._template(draft.template)
        missing = templates.missing(template, drafts.recipient_values(draft, self._commune))
        self._show_missing(missing)
        if not draft.recipient_name:
            self.preview.show_message(_("Chọn người nhận, hoặc ghi họ tên người nhận, để xem "
                                        "trước thư."), error=False)
            return
        if missing:
            self.preview.show_message(self.missing_label.text() + "\n\n" + _(
                "Hãy ghi vào các ô được tô màu bên trái; bản xem trước hiện ra khi thư đủ nội "
                "dung."))
            return
        try:
            self.current_printout = printing.preview_draft(self.ctx, draft, template)
        except DomainError as exc:
            self.preview.show_message(exc.message)
            return
        self.preview.show_pdf(self.current_printout.pdf)

    def _show_missing(self, missing: list[str]) -> None:
        said = [_("Danh xưng của người nhận") if k in ("goi", "danh_xung") else
                _(FIELD_KEYS[k].label) if k in FIELD_KEYS else k for k in missing]
        labels = list(dict.fromkeys(said))
        self.missing_label.setText(_("Còn thiếu: {fields}").format(fields="; ".join(labels))
                                   if labels else "")
        self.missing_label.setVisible(bool(labels))
        for key, widget in (*self.field_edits.items(), ("nguoi_nhan", self.name),
                            ("dia_chi", self.address)):
            widget.setStyleSheet(MISSING_STYLE if key in missing else "")
        self.salutation.lineEdit().setStyleSheet(
            MISSING_STYLE if {"danh_xung", "goi"} & set(missing) else "")

    # -- making the letter ----------------------------------------------------------------
    def _on_create_requested(self) -> None:
        try:
            draft = self.current_draft()
            self.letter_id = service.create_letter(self.ctx, draft)
        except service.DuplicateLetter as exc:
            made = ReasonDialog.ask(
                self, lambda v: service.create_letter(
                    self.ctx, dataclasses.replace(draft, duplicate_reason=v["reason"])),
                title=_("Gửi thêm một thư"), prompt=exc.message, label=_("Lý do gửi thêm:"),
                ok_text=_("Lập thư"))
            if made is None:
                return
            self.letter_id = made
        except DomainError as exc:
            show_error(self, exc, _("Chưa lập được thư"))
            return
        self.accept()

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt override)
        plain = event.modifiers() in (Qt.KeyboardModifier.NoModifier,
                                      Qt.KeyboardModifier.KeypadModifier)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain:
            # a letter takes a number: Enter moves on, only Ctrl+Enter or the button makes it
            if self.from_scratch and self.focusWidget() is self.picker.recipient:
                if not self.picker.completer.pick_single():
                    self.picker.completer.refresh()
                return
            self.focusNextChild()
            return
        super().keyPressEvent(event)
