"""Parts of the letter dialogs: the live PDF pane both use, and for the compose dialog the
occasion-and-recipient picker of a letter written from scratch and the duplicate's reason.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QWidget,
)

from app import resident_lists
from app.context import AppContext
from app.i18n import _
from app.labels import label
from app.letters.types import (
    CIVIL_EVENT_OCCASIONS,
    OCCASION_KIND,
    LetterKind,
    Occasion,
)
from ui.common.completer import Choice, FoldCompleter, household_choice, resident_choice

RESIDENT, HOUSEHOLD = "resident", "household"
# occasions the service only accepts with a registered event or a dossier: from the queue
FROM_QUEUE = (*CIVIL_EVENT_OCCASIONS, Occasion.LATE)
NOTE_STYLE = "background: #fff8e1; border: 1px solid #f0c36d; border-radius: 3px; padding: 6px;"


class PdfPane(QStackedWidget):
    """A PDF in a QPdfView fitted to the width, or in its place the message that keeps it
    from printing (`message`, red)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = QPdfDocument(self)
        self.view = QPdfView()
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        # fitted to the width, a page about as tall as the view would show and hide the
        # scroll bar for ever (each flip changes the width): keep the bar
        self.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.view.setPageSpacing(8)
        self.view.setStyleSheet("QPdfView { background: #7a7a7a; }")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.addWidget(self.view)
        self.addWidget(self.message)
        self._bytes: QByteArray | None = None
        self._buffer: QBuffer | None = None

    def show_pdf(self, pdf: bytes) -> None:
        bar = self.view.verticalScrollBar()
        where = bar.value()  # typing near the end of a letter keeps the end in view
        old = self._buffer
        # QPdfDocument reads the device lazily: bytes and buffer live as long as it shows them
        self._bytes = QByteArray(pdf)
        self._buffer = QBuffer(self._bytes, self)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)
        if old is not None:
            old.close()
            old.deleteLater()
        self.message.clear()
        self.setCurrentWidget(self.view)
        QTimer.singleShot(0, self, lambda: bar.setValue(where))

    def show_message(self, text: str, error: bool = True) -> None:
        """`text` instead of the preview: red for what keeps the paper from printing."""
        self.message.setStyleSheet(("color: #b00020; font-weight: bold;" if error else "color: #555;")
                                   + " padding: 18px; background: #fafafa; border: 1px solid #ddd;")
        self.message.setText(text)
        self.setCurrentWidget(self.message)

    @property
    def showing_message(self) -> bool:
        return self.currentWidget() is self.message


def occasion_combo() -> QComboBox:
    """The occasions under their kind of letter (the kind's line cannot be chosen)."""
    combo = QComboBox()
    model = QStandardItemModel(combo)
    for kind in LetterKind:
        head = QStandardItem(label(kind))
        head.setFlags(Qt.ItemFlag.NoItemFlags)
        font = head.font()
        font.setBold(True)
        head.setFont(font)
        model.appendRow(head)
        for occasion in (o for o, k in OCCASION_KIND.items() if k == kind):
            item = QStandardItem(label(occasion))
            item.setData(occasion.value, Qt.ItemDataRole.UserRole)
            model.appendRow(item)
    combo.setModel(model)
    combo.setPlaceholderText(_("Chọn dịp gửi thư…"))
    combo.setCurrentIndex(-1)
    return combo


class RecipientPicker(QGroupBox):
    """A letter from scratch: the occasion, then a resident or a household found in the
    register with the diacritic-insensitive completer the desk uses. `picked` is
    (RESIDENT or HOUSEHOLD, id) while the field holds the pick."""

    occasion_changed = Signal()
    recipient_picked = Signal()
    recipient_cleared = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(_("Dịp và người nhận"), parent)
        self.ctx = ctx
        self.picked: tuple[str, int] | None = None
        self.occasion = occasion_combo()
        self.kind = QComboBox()
        self.kind.addItem(_("Một người trong sổ nhân khẩu"), RESIDENT)
        self.kind.addItem(_("Một hộ gia đình (gửi chủ hộ)"), HOUSEHOLD)
        self.recipient = QLineEdit()
        self.completer = FoldCompleter(self.recipient, self._choices, min_chars=2)
        self.recipient_label = QLabel()
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet(NOTE_STYLE)
        self.note.hide()
        form = QFormLayout(self)
        form.addRow(_("Dịp gửi thư:"), self.occasion)
        form.addRow(_("Gửi cho:"), self.kind)
        form.addRow(self.recipient_label, self.recipient)
        form.addRow(self.note)
        self._show_kind()
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.occasion.currentIndexChanged.connect(self._on_occasion_changed)
        self.kind.currentIndexChanged.connect(self._on_kind_changed)
        self.completer.chosen.connect(self._on_chosen)
        self.completer.cleared.connect(self._on_cleared)

    def value(self) -> Occasion | None:
        data = self.occasion.currentData()
        return Occasion(data) if data else None

    def set_occasion(self, occasion: Occasion) -> None:
        self.occasion.setCurrentIndex(self.occasion.findData(Occasion(occasion).value))

    def _choices(self, text: str) -> list[Choice]:
        if self.kind.currentData() == HOUSEHOLD:
            ids = resident_lists.search_household_ids(self.ctx, text, limit=15)
            return [household_choice(h) for h in resident_lists.get_households(self.ctx, ids)]
        dead = self.value() == Occasion.DEATH  # the deceased are no longer active residents
        ids = resident_lists.search_resident_ids(self.ctx, text, include_inactive=dead, limit=15)
        return [resident_choice(r) for r in resident_lists.get_residents(self.ctx, ids)]

    def _show_kind(self) -> None:
        death = self.value() == Occasion.DEATH
        household = self.kind.currentData() == HOUSEHOLD
        self.recipient_label.setText(_("Người đã mất:") if death else
                                     _("Hộ gia đình:") if household else _("Người nhận:"))
        self.recipient.setPlaceholderText(
            _("Họ tên chủ hộ hoặc mã hộ, ↓ để chọn") if household
            else _("Họ tên, số CCCD hoặc điện thoại, ↓ để chọn"))
        self.recipient.setToolTip(_("Gõ vài chữ (không dấu cũng được) rồi chọn trong danh sách"))

    def _on_occasion_changed(self) -> None:
        occasion = self.value()
        death = occasion == Occasion.DEATH
        self.kind.blockSignals(True)
        if death and self.kind.currentData() != RESIDENT:
            self.kind.setCurrentIndex(0)  # the deceased is picked; the family gets the letter
            self._clear_pick()
        self.kind.setEnabled(not death)
        self.kind.blockSignals(False)
        self._show_kind()
        if death:
            self.note.setText(_(
                "Chọn người đã mất trong sổ nhân khẩu (đã có ngày mất): thư gửi gia đình, do chủ "
                "hộ nhận. Việc khai tử đã đăng ký tại xã thì lập thư từ danh sách “Thư cần gửi”."))
        elif occasion in FROM_QUEUE:
            self.note.setText(
                _("Thư “{occasion}” được lập từ danh sách “Thư cần gửi” (theo việc đã đăng ký "
                  "hoặc hồ sơ tại Bộ phận một cửa), không lập từ đầu ở đây.")
                .format(occasion=label(occasion)))
        self.note.setVisible(occasion in FROM_QUEUE)
        self.occasion_changed.emit()

    def _clear_pick(self) -> None:
        self.recipient.clear()
        self.completer.current = None
        self.picked = None

    def _on_kind_changed(self) -> None:
        self._show_kind()
        if self.picked is not None:
            self._clear_pick()
            self.recipient_cleared.emit()

    def _on_chosen(self, choice: Choice) -> None:
        self.picked = (self.kind.currentData(), choice.key)
        self.recipient_picked.emit()

    def _on_cleared(self) -> None:
        self.picked = None
        self.recipient_cleared.emit()
