"""The reception dialog: procedure, applicant, channel, documents, fee, and the due date-time
shown live with its explanation. Saved with Ctrl+S or Ctrl+Enter; Enter moves on.

Everything the clerk types is checked by `app.desk.reception.receive`; its message is shown
in the dialog, which stays open with what was typed, and nothing is written.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDateTime, QLocale, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateTimeEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app import procedures, resident_lists
from app.context import AppContext
from app.desk import reception
from app.desk.clock import now
from app.desk.types import Channel, DossierInput
from app.errors import DomainError
from app.i18n import _
from app.l10n import short_moment
from app.labels import choices
from app.procedures import ProcedureRow
from ui.common.completer import Choice, FoldCompleter, rank_by_fold, resident_choice
from ui.common.forms import FormDialog

_HINT = "color: #555;"
MAX_FEE = 1_000_000_000


def to_qdatetime(value: dt.datetime) -> QDateTime:
    return QDateTime(value.year, value.month, value.day, value.hour, value.minute, value.second)


def from_qdatetime(value: QDateTime) -> dt.datetime:
    d, t = value.date(), value.time()
    return dt.datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())


class Hint(QLabel):
    """A grey line under a field; takes no room while it has nothing to say."""

    def __init__(self, wrap: bool = False):
        super().__init__()
        self.setStyleSheet(_HINT)
        self.setWordWrap(wrap)
        self.hide()

    def setText(self, text: str) -> None:  # noqa: N802 (Qt override)
        super().setText(text)
        self.setVisible(bool(text))

    def clear(self) -> None:
        self.setText("")


def with_hint(field: QWidget, hint: QLabel) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(field)
    layout.addWidget(hint)
    return box


def procedure_choice(p: ProcedureRow) -> Choice:
    return Choice(p.id, p.name, _("{name}  —  {field} · {time} · mã {code}").format(
        name=p.name, field=p.field, time=p.time_label, code=p.code), p)


class ReceptionDialog(FormDialog):
    """`submit` (set by the controller) receives the DossierInput and returns the DossierRow."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(_("Tiếp nhận hồ sơ mới"), parent, ok_text=_("Lưu và in giấy hẹn"))
        self.ctx = ctx
        self.catalogue = procedures.get_procedures(ctx, procedures.search_procedure_ids(ctx))
        self.procedure_row: ProcedureRow | None = None
        self.resident_id: int | None = None
        self._received_edited = False
        self._build_fields()
        self._build_keys()
        self.resize(820, 700)
        self.initial_focus = self.procedure
        self._connect_signals()
        self._show_due()

    # -- layout --------------------------------------------------------------------------
    def _build_fields(self) -> None:
        self.procedure = QLineEdit()
        self.procedure.setPlaceholderText(_("Gõ vài chữ của tên hoặc mã thủ tục (không dấu cũng "
                                            "được), ↓ để chọn"))
        self.procedure_completer = FoldCompleter(self.procedure, self._procedure_choices)
        self.procedure_info = Hint()
        self._row(_("&Thủ tục:"), self.procedure, with_hint(self.procedure, self.procedure_info))
        self.applicant = QLineEdit()
        self.applicant.setPlaceholderText(_("Họ tên, số CCCD hoặc điện thoại để tìm trong sổ nhân "
                                            "khẩu; hoặc họ tên người mới"))
        self.applicant_completer = FoldCompleter(self.applicant, self._resident_choices,
                                                 min_chars=2)
        self.applicant_info = Hint()
        self._row(_("&Người nộp:"), self.applicant, with_hint(self.applicant, self.applicant_info))
        self.address = self._row(_("Địa &chỉ:"), QLineEdit())
        self.phone, self.email = QLineEdit(), QLineEdit()
        self.phone.setPlaceholderText(_("số di động hoặc cố định"))
        contact = QHBoxLayout()
        contact.addWidget(self.phone, 1)
        contact.addWidget(QLabel(_("Email:")))
        contact.addWidget(self.email, 1)
        self._row(_("Điện thoại:"), self.phone, contact)
        self.channel = QComboBox()
        for channel, text in choices(Channel):
            self.channel.addItem(text, channel)
        self.sets = QSpinBox()
        self.sets.setRange(1, 50)
        self.sets.setSuffix(" " + _("bộ"))
        how = QHBoxLayout()
        how.addWidget(self.channel, 1)
        how.addWidget(QLabel(_("Số bộ hồ sơ:")))
        how.addWidget(self.sets)
        self._row(_("&Hình thức nộp:"), self.channel, how)
        self.documents = QListWidget()
        self.documents.setToolTip(_("↑ ↓ để di chuyển, Dấu cách để đánh dấu giấy tờ đã nhận"))
        self.documents.setMinimumHeight(self.fontMetrics().height() * 8)
        self.documents.setWordWrap(True)  # long names wrap instead of scrolling sideways
        self.documents.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.documents.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self._row(_("Thành &phần hồ sơ:"), self.documents)
        self.other_documents = self._row(_("Giấy tờ khác:"), QLineEdit())
        self.other_documents.setPlaceholderText(_("giấy tờ ngoài danh mục, cách nhau bằng dấu ;"))
        self.fee = QSpinBox()
        self.fee.setLocale(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
        self.fee.setRange(0, MAX_FEE)
        self.fee.setSingleStep(1000)
        self.fee.setGroupSeparatorShown(True)
        self.fee.setSuffix(" " + _("đồng"))
        self.fee_info = Hint()
        fee = QHBoxLayout()
        fee.addWidget(self.fee)
        fee.addWidget(self.fee_info, 1)
        self._row(_("Phí, &lệ phí phải thu:"), self.fee, fee)
        self.received = QDateTimeEdit(to_qdatetime(now()))
        self.received.setDisplayFormat("HH:mm dd/MM/yyyy")
        self.received.setCalendarPopup(True)
        self._row(_("Thời điểm tiếp nhận:"), self.received)
        self.due = QLabel()
        self.due.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.explanation = Hint(wrap=True)
        self.explanation.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._row(_("Hẹn trả kết quả:"), self.due, with_hint(self.due, self.explanation))
        keys = QLabel(_("Enter: ô tiếp theo · Dấu cách: đánh dấu giấy tờ · Ctrl+S hoặc "
                        "Ctrl+Enter: lưu và in giấy hẹn · Esc: hủy"))
        keys.setStyleSheet(_HINT)
        self.body.insertWidget(self.body.count() - 1, keys)
        self.ok_button.setToolTip(_("Lưu hồ sơ và in Giấy tiếp nhận (Ctrl+S)"))
        for button in self.buttons.buttons():  # Enter moves to the next field, never saves
            button.setAutoDefault(False)
            button.setDefault(False)

    def _row(self, text: str, field: QWidget, shown: QWidget | QHBoxLayout | None = None):
        """A form row whose label's Alt+letter jumps to `field`."""
        label = QLabel(text)
        label.setBuddy(field)
        self.form.addRow(label, shown if shown is not None else field)
        return field

    def _build_keys(self) -> None:
        self.save_shortcuts = []
        for keys in (QKeySequence.StandardKey.Save, "Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(self._on_ok_clicked)
            self.save_shortcuts.append(shortcut)
        self.clock = QTimer(self)
        self.clock.setInterval(30_000)  # an untouched reception time follows the clock

    def _connect_signals(self) -> None:
        self.procedure_completer.chosen.connect(self._on_procedure_chosen)
        self.procedure_completer.cleared.connect(self._on_procedure_cleared)
        self.applicant_completer.chosen.connect(self._on_resident_chosen)
        self.applicant_completer.cleared.connect(self._on_resident_cleared)
        self.received.dateTimeChanged.connect(self._on_received_edited)
        self.clock.timeout.connect(self._on_clock_ticked)
        self.clock.start()

    # -- choices -------------------------------------------------------------------------
    def _procedure_choices(self, text: str) -> list[Choice]:
        found = rank_by_fold(text, self.catalogue, lambda p: f"{p.name} {p.code}", limit=40)
        return [procedure_choice(p) for p in found]

    def _resident_choices(self, text: str) -> list[Choice]:
        ids = resident_lists.search_resident_ids(self.ctx, text, limit=15)
        return [resident_choice(r) for r in resident_lists.get_residents(self.ctx, ids)]

    def _on_procedure_chosen(self, choice: Choice) -> None:
        p: ProcedureRow = choice.item
        self.procedure_row = p
        self.procedure_info.setText(_("Mã {code} · Lĩnh vực {field} · Thời hạn: {time}").format(
            code=p.code, field=p.field, time=p.time_label))
        self.documents.clear()
        for name in p.documents:
            item = QListWidgetItem(name, self.documents)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        if self.documents.count():
            self.documents.setCurrentRow(0)
        self.fee.setValue(p.fee_vnd or 0)
        self.fee_info.setText(p.fee_text if p.fee_vnd is None or p.fee_text else "")
        self.fee_info.setToolTip(p.fee_text)
        self._show_due()
        self.procedure_completer.hand_on(self.applicant)

    def _on_procedure_cleared(self) -> None:
        self.procedure_row = None
        self.procedure_info.clear()
        self.documents.clear()
        self.fee.setValue(0)
        self.fee_info.clear()
        self._show_due()

    def _on_resident_chosen(self, choice: Choice) -> None:
        r = choice.item
        self.resident_id = r.id
        self.address.setText(r.full_address)
        self.phone.setText(r.phone or "")
        born = f" ({r.birth_date.year})" if r.birth_date else ""
        self.applicant_info.setText(
            _("✓ Trong sổ nhân khẩu{born}, hộ số {household}. Sửa họ tên để nhập người khác.")
            .format(born=born, household=r.household_code or "—"))
        self.applicant_completer.hand_on(self._next_after_applicant())

    def _next_after_applicant(self) -> QWidget:
        """Where the clerk types next once the applicant is picked from the register: the
        phone when the register has none, else the checklist (Space ticks), else the channel."""
        if not self.phone.text().strip():
            return self.phone
        return self.documents if self.documents.count() else self.channel

    def _on_resident_cleared(self) -> None:
        self.resident_id = None
        self.applicant_info.setText(_("Người chưa có trong sổ nhân khẩu: nhập địa chỉ, điện "
                                      "thoại."))

    # -- the due date-time -----------------------------------------------------------------
    def received_at(self) -> dt.datetime:
        return from_qdatetime(self.received.dateTime())

    def _on_received_edited(self, *_args) -> None:
        self._received_edited = True  # the clock's own updates are made with signals blocked
        self._show_due()

    def _on_clock_ticked(self) -> None:
        if not self._received_edited:
            self.received.blockSignals(True)
            self.received.setDateTime(to_qdatetime(now()))
            self.received.blockSignals(False)
            self._show_due()

    def _show_due(self) -> None:
        p = self.procedure_row
        self.due.setStyleSheet("font-weight: bold;")
        if p is None:
            self.due.setText(_("(chọn thủ tục để tính ngày hẹn trả)"))
            self.due.setStyleSheet(_HINT)
            self.explanation.clear()
            return
        try:
            result = reception.preview_due(self.ctx, p.id, self.received_at())
        except DomainError as exc:
            self.due.setText(exc.message)
            self.due.setStyleSheet("color: #b00020; font-weight: bold;")
            self.explanation.clear()
            return
        self.due.setText(short_moment(result.due))
        self.explanation.setText("\n".join(result.explanation))

    # -- keys and values ---------------------------------------------------------------------
    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt override)
        plain = event.modifiers() in (Qt.KeyboardModifier.NoModifier,
                                      Qt.KeyboardModifier.KeypadModifier)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain:
            if self.focusWidget() is self.procedure and self.procedure_completer.current is None:
                if not self.procedure_completer.pick_single():  # a pick moves on by itself
                    self.procedure_completer.refresh()
                return
            # the applicant is never picked by Enter alone: a new person may share a name
            self.focusNextChild()
            return
        super().keyPressEvent(event)

    def chosen_resident(self) -> int | None:
        """The resident picked, while the field still holds their name."""
        picked = self.applicant_completer.current
        return self.resident_id if picked and picked.text == self.applicant.text() else None

    def checked_documents(self) -> list[str]:
        docs = [self.documents.item(i).text() for i in range(self.documents.count())
                if self.documents.item(i).checkState() == Qt.CheckState.Checked]
        docs += [d.strip() for d in self.other_documents.text().split(";") if d.strip()]
        return docs

    def values(self) -> DossierInput:
        if self.procedure_row is None:
            self.procedure.setFocus()
            raise DomainError(_("Vui lòng chọn thủ tục hành chính trong danh mục (gõ vài chữ của "
                                "tên rồi chọn bằng ↓ và Enter)."))
        return DossierInput(
            procedure_id=self.procedure_row.id,
            applicant_name=self.applicant.text(),
            applicant_resident_id=self.chosen_resident(),
            applicant_address=self.address.text(),
            applicant_phone=self.phone.text().strip() or None,
            applicant_email=self.email.text(),
            channel=self.channel.currentData(),
            documents=self.checked_documents(),
            sets=self.sets.value(),
            fee_due=self.fee.value(),
            received_at=self.received_at() if self._received_edited else None,
        )
