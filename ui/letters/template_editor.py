"""Mẫu thư: the five letter templates, edited by the administrator beside a live preview
printed for a made-up recipient (app.letters.printing.sample_draft).

Checking, storing and resetting are app.letters.templates'; a letter keeps the text it was
made with, so an edit changes only the letters made afterwards. Users without the right to
edit templates see the same screen read-only.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.auth import Permission
from app.context import AppContext
from app.errors import DomainError
from app.i18n import _
from app.letters import printing, templates
from app.letters.types import TEMPLATES, fields_of
from app.paper import Printout
from ui.common.errors import MessageBox, show_error
from ui.common.widgets import fit_to_screen
from ui.letters.compose_parts import NOTE_STYLE, PdfPane

PREVIEW_DELAY_MS = 300  # the preview follows the typing once it pauses
_HINT = "color: #555;"


class UnsavedBox:
    """Unsaved changes to a template: save, discard, or stay. Tests patch `ask`."""

    SAVE, DISCARD, STAY = "save", "discard", "stay"

    @classmethod
    def ask(cls, parent: QWidget | None, template: str) -> str:
        box = QMessageBox(QMessageBox.Icon.Question, _("Mẫu thư chưa lưu"),
                          _("Mẫu “{template}” có thay đổi chưa lưu. Lưu lại không?")
                          .format(template=template), QMessageBox.StandardButton.NoButton, parent)
        save = box.addButton(_("Lưu"), QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton(_("Bỏ thay đổi"), QMessageBox.ButtonRole.DestructiveRole)
        stay = box.addButton(_("Sửa tiếp"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(save)
        box.setEscapeButton(stay)
        box.exec()
        clicked = box.clickedButton()
        return cls.SAVE if clicked is save else cls.DISCARD if clicked is discard else cls.STAY


def label_of(t: templates.Template) -> str:
    label = _(TEMPLATES[t.key][1])
    return _("{template} (đã sửa)").format(template=label) if t.edited else label


class TemplateEditorDialog(QDialog):
    """Hooks: `text_edit`, `preview_error` (the red message shown instead of the preview),
    `current_printout` (the preview shown, None while the text has an error), `save()`."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.can_edit = ctx.user.can(Permission.EDIT_LETTER_TEMPLATES)
        self.key: str | None = None
        self.stored: templates.Template | None = None  # the template as saved
        self.saved_text = ""  # the editor's text when loaded or saved
        self.text_valid = True
        self.current_printout: Printout | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self.setWindowTitle(_("Mẫu thư"))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self._build()
        self._connect_signals()
        for t in templates.all_templates(ctx):
            item = QListWidgetItem(label_of(t))
            item.setData(Qt.ItemDataRole.UserRole, t.key)
            self.template_list.addItem(item)
        self.template_list.setCurrentRow(0)
        fit_to_screen(self, 1320, 800)

    # -- layout ----------------------------------------------------------------------------
    def _build(self) -> None:
        self.template_list = QListWidget()
        self.template_list.setMinimumWidth(170)
        left = self._column(QLabel(_("<b>Các mẫu thư</b>")), self.template_list)
        self.title = QLabel()
        self.hint = QLabel(_("Dòng đầu là tiêu đề thư; sau một dòng trống là các đoạn của thư, "
                             "mỗi đoạn cách nhau một dòng trống. Trường trộn viết trong ngoặc "
                             "nhọn, ví dụ {example}; muốn in dấu ngoặc nhọn thì gõ hai lần.")
                           .format(example="{ten_con}"))
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(_HINT)
        self.text_edit = QPlainTextEdit()
        font = QFont(self.text_edit.font())
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.text_edit.setFont(font)
        self.fields = QTreeWidget()
        self.fields.setColumnCount(3)
        self.fields.setHeaderLabels([_("Trường"), _("Viết trong mẫu"), _("Ví dụ")])
        self.fields.setRootIsDecorated(False)
        self.fields.setAlternatingRowColors(True)
        self.fields.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.fields.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.insert_button = QPushButton(_("Chèn trường vào chỗ con trỏ"))
        fields_head = QHBoxLayout()
        fields_head.addWidget(QLabel(_("Các trường dùng được trong mẫu này (nhấp đúp để chèn):")),
                              1)
        fields_head.addWidget(self.insert_button)
        middle = self._column(self.title, self.hint, self.text_edit, fields_head, self.fields)
        middle.layout().setStretch(2, 1)
        self.preview = PdfPane()
        self.preview_error = self.preview.message
        right = self._column(QLabel(_("<b>Bản in thử</b> (người nhận và nội dung mẫu)")),
                             self.preview)
        right.layout().setStretch(1, 1)
        splitter = QSplitter()
        for column in (left, middle, right):
            splitter.addWidget(column)
        splitter.setStretchFactor(1, 1)
        splitter.setStretchFactor(2, 1)
        splitter.setSizes([200, 580, 540])
        splitter.setChildrenCollapsible(False)
        self.note = QLabel(_("Tài khoản của bạn chỉ được xem mẫu thư: chỉ quản trị hệ thống sửa "
                             "được mẫu thư."))
        self.note.setWordWrap(True)
        self.note.setStyleSheet(NOTE_STYLE)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color: #1b5e20;")
        self.reset_button = QPushButton(_("Khôi phục mẫu gốc"))
        self.save_button = QPushButton(_("Lưu"))
        self.save_button.setToolTip(_("Lưu mẫu thư (Ctrl+S)"))
        self.close_button = QPushButton(_("Đóng"))
        bottom = QHBoxLayout()
        bottom.addWidget(self.note, 1)
        bottom.addWidget(self.status, 1)
        for button in (self.reset_button, self.save_button, self.close_button):
            bottom.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)
        for button in (self.reset_button, self.save_button, self.close_button):
            button.setAutoDefault(False)  # Enter belongs to the text
        self.text_edit.setReadOnly(not self.can_edit)
        for w in (self.reset_button, self.save_button, self.insert_button):
            w.setVisible(self.can_edit)
        self.note.setVisible(not self.can_edit)
        self.status.setVisible(self.can_edit)

    @staticmethod
    def _column(*parts) -> QWidget:
        holder = QWidget()
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(4, 0, 4, 0)
        for part in parts:
            (layout.addLayout if isinstance(part, QHBoxLayout) else layout.addWidget)(part)
        return holder

    def _connect_signals(self) -> None:
        self.template_list.currentRowChanged.connect(self._on_template_chosen)
        self.text_edit.textChanged.connect(self._on_text_changed)
        self._timer.timeout.connect(self.refresh_preview)
        self.fields.itemDoubleClicked.connect(self._on_field_double_clicked)
        self.insert_button.clicked.connect(self._on_insert_clicked)
        self.save_button.clicked.connect(self.save)
        self.reset_button.clicked.connect(self._on_reset_requested)
        self.close_button.clicked.connect(self.reject)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self).activated.connect(self.save)

    # -- choosing a template ------------------------------------------------------------------
    def _row_of(self, key: str | None) -> int:
        return next((i for i in range(self.template_list.count())
                     if self.template_list.item(i).data(Qt.ItemDataRole.UserRole) == key), -1)

    def select_template(self, key: str) -> None:
        self.template_list.setCurrentRow(self._row_of(key))

    def _on_template_chosen(self, row: int) -> None:
        key = self.template_list.item(row).data(Qt.ItemDataRole.UserRole) if row >= 0 else None
        if key is None or key == self.key:
            return
        if not self.settle():
            self.template_list.blockSignals(True)  # the user stays on the template being edited
            self.template_list.setCurrentRow(self._row_of(self.key))
            self.template_list.blockSignals(False)
            return
        self._show(templates.get_template(self.ctx, key))

    def _show(self, t: templates.Template) -> None:
        self.key, self.stored, self.saved_text = t.key, t, t.text
        self.template_list.item(self._row_of(t.key)).setText(label_of(t))
        self.text_edit.setPlainText(t.text)
        self.fields.clear()
        for f in fields_of(t.key):
            item = QTreeWidgetItem([_(f.label), "{" + f.key + "}", _(f.hint)])
            item.setData(0, Qt.ItemDataRole.UserRole, f.key)
            item.setToolTip(0, _(f.label))
            item.setToolTip(2, _(f.hint))
            self.fields.addTopLevelItem(item)
        rows = self.fields.topLevelItemCount()  # every field in view; the text takes the rest
        self.fields.setFixedHeight(self.fields.header().sizeHint().height()
                                   + self.fields.sizeHintForRow(0) * rows
                                   + 2 * self.fields.frameWidth() + 2)
        self.status.clear()
        self.refresh_preview()

    @property
    def dirty(self) -> bool:
        """Unsaved changes (spacing that the template ignores does not count)."""
        text = self.text_edit.toPlainText()
        return templates.split_text(text) != templates.split_text(self.saved_text)

    def settle(self) -> bool:
        """Before leaving the template: saved or discarded; False when the user stays."""
        if not self.can_edit or not self.dirty:
            return True
        answer = UnsavedBox.ask(self, _(TEMPLATES[self.key][1]))
        if answer == UnsavedBox.SAVE:
            return self.save()
        return answer == UnsavedBox.DISCARD

    def reject(self) -> None:
        if self.settle():
            super().reject()

    # -- editing and the preview --------------------------------------------------------------
    def _on_text_changed(self) -> None:
        self._update_state()
        self._timer.start()

    def refresh_preview(self) -> None:
        """Preview now (the timer calls it ~300 ms after the typing pauses)."""
        self._timer.stop()
        if self.key is None:
            return
        try:
            self.current_printout = printing.preview_template(self.ctx, self.key,
                                                              self.text_edit.toPlainText())
        except DomainError as exc:
            self.current_printout = None
            self.text_valid = False
            self.preview.show_message(exc.message)
        else:
            self.text_valid = True
            self.preview.show_pdf(self.current_printout.pdf)
        self._update_state()

    def _update_state(self) -> None:
        dirty = self.key is not None and self.dirty
        label = _(TEMPLATES[self.key][1]) if self.key else ""
        self.title.setText(_("<b>{template}</b> – có thay đổi chưa lưu").format(template=label)
                           if dirty else _("<b>{template}</b>").format(template=label))
        self.save_button.setEnabled(self.can_edit and dirty and self.text_valid)
        edited = self.stored is not None and self.stored.edited
        self.reset_button.setEnabled(self.can_edit and (edited or dirty))

    def insert_field(self, key: str) -> None:
        """`{key}` at the cursor, where typing goes on."""
        if not self.can_edit:
            return
        self.text_edit.insertPlainText("{" + key + "}")
        self.text_edit.setFocus()

    def _on_field_double_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        self.insert_field(item.data(0, Qt.ItemDataRole.UserRole))

    def _on_insert_clicked(self) -> None:
        item = self.fields.currentItem()
        if item is not None:
            self.insert_field(item.data(0, Qt.ItemDataRole.UserRole))

    # -- saving and resetting -----------------------------------------------------------------
    def save(self) -> bool:
        """Store the text (Lưu, Ctrl+S); False when refused (the message was shown)."""
        if not self.can_edit or self.key is None:
            return False
        text = self.text_edit.toPlainText()
        try:
            saved = templates.save_template(self.ctx, self.key, text)
        except DomainError as exc:
            show_error(self, exc, _("Chưa lưu được mẫu thư"))
            return False
        self.stored, self.saved_text = saved, text
        self.template_list.item(self._row_of(self.key)).setText(label_of(saved))
        self._update_state()
        self.status.setText(_("Đã lưu mẫu “{template}”. Thư lập từ nay dùng mẫu mới; thư đã lập "
                              "giữ nguyên nội dung.").format(template=_(TEMPLATES[self.key][1])))
        return True

    def _on_reset_requested(self) -> None:
        label = _(TEMPLATES[self.key][1])
        if not MessageBox.ask(self, _("Khôi phục mẫu gốc"),
                              _("Đưa mẫu “{template}” về nội dung gốc của chương trình? Nội dung "
                                "đã sửa sẽ mất; thư đã lập không thay đổi.").format(template=label),
                              yes=_("Khôi phục")):
            return
        try:
            t = templates.reset_template(self.ctx, self.key)
        except DomainError as exc:
            show_error(self, exc, _("Chưa khôi phục được mẫu thư"))
            return
        self._show(t)
        self.status.setText(_("Đã khôi phục mẫu gốc “{template}”.").format(template=label))
