"""The new-petition form: kind, channel (the agency that forwarded it), the petitioner from the
residents register, typed in, or anonymous; signatories, field, subject, content,
complexity, the day received. As soon as the petitioner is known their earlier cases are
shown (app.petitions.queries.earlier_cases), the same matter first, and one may be ticked as
the case this one repeats. Enter moves on, Ctrl+S saves.

Everything typed is checked by app.petitions.intake.receive; its message is shown in the
form, which stays open with what was typed, and nothing is written.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from app import resident_lists
from app.context import AppContext
from app.i18n import _
from app.l10n import short_date, today
from app.labels import choices, label
from app.petitions import queries
from app.petitions.types import (
    Complexity,
    PetitionChannel,
    PetitionField,
    PetitionInput,
    PetitionKind,
    PetitionRow,
)
from ui.common.completer import Choice, FoldCompleter, resident_choice
from ui.common.forms import FormDialog, text_box
from ui.common.widgets import DateField, fit_to_screen

_HINT = "color: #555;"


class Hint(QLabel):
    """A grey line under a field; takes no room while it has nothing to say."""

    def __init__(self):
        super().__init__()
        self.setStyleSheet(_HINT)
        self.setWordWrap(True)
        self.hide()

    def setText(self, text: str) -> None:  # noqa: N802 (Qt override)
        super().setText(text)
        self.setVisible(bool(text))


def case_line(p: PetitionRow, same: bool) -> str:
    """'03/2025 · 12/02/2025 · Kiến nghị · Đang giải quyết · Đường giao thông nội đồng…'"""
    parts = [p.reference, short_date(p.received_on), label(p.kind), label(p.status), p.subject]
    text = " · ".join(parts)
    # the mark first: a long subject would push it out of sight
    return _("[cùng nội dung] {line}").format(line=text) if same else text


def _combo(enum_cls, current=None) -> QComboBox:
    combo = QComboBox()
    for value, text in choices(enum_cls):
        combo.addItem(text, value)
    if current is not None:
        combo.setCurrentIndex(max(combo.findData(current), 0))
    return combo


class NewPetitionDialog(FormDialog):
    """`submit` (set by the controller) receives the PetitionInput, returns the PetitionRow."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(_("Nhận đơn thư mới"), parent, ok_text=_("Lưu đơn vào sổ"))
        self.ctx = ctx
        self.resident_id: int | None = None
        self.earlier: list[PetitionRow] = []
        self._build_fields()
        self._build_keys()
        fit_to_screen(self, 880, 640)
        self.initial_focus = self.kind
        self._connect_signals()
        self._on_channel_changed()

    # -- layout ----------------------------------------------------------------------------
    def _row(self, text: str, field: QWidget, shown=None):
        caption = QLabel(text)
        caption.setBuddy(field)
        self.form.addRow(caption, shown if shown is not None else field)
        return field

    def _build_fields(self) -> None:
        self.kind = _combo(PetitionKind, PetitionKind.RECOMMENDATION)
        self.field = _combo(PetitionField, PetitionField.LAND)
        what = QHBoxLayout()
        what.addWidget(self.kind, 1)
        field_caption = QLabel(_("Lĩnh &vực:"))
        field_caption.setBuddy(self.field)
        what.addWidget(field_caption)
        what.addWidget(self.field, 1)
        self._row(_("&Loại đơn:"), self.kind, what)
        self.kind_info = Hint()
        self.form.addRow("", self.kind_info)
        self.channel = _combo(PetitionChannel, PetitionChannel.RECEPTION)
        self.source_agency = QLineEdit()
        self.source_agency.setPlaceholderText(_("cơ quan chuyển đơn đến"))
        source = QHBoxLayout()
        source.addWidget(self.channel, 1)
        source.addWidget(self.source_agency, 1)
        self._row(_("&Nguồn đơn:"), self.channel, source)
        self.petitioner = QLineEdit()
        self.petitioner.setPlaceholderText(_("Họ tên, số CCCD hoặc điện thoại để tìm trong sổ "
                                             "nhân khẩu; hoặc họ tên người ngoài sổ"))
        self.completer = FoldCompleter(self.petitioner, self._resident_choices, min_chars=2)
        self.anonymous = QCheckBox(_("Nặc danh"))
        self.anonymous.setToolTip(_("Đơn không ghi rõ người gửi"))
        who = QHBoxLayout()
        who.addWidget(self.petitioner, 1)
        who.addWidget(self.anonymous)
        self._row(_("Người &gửi đơn:"), self.petitioner, who)
        self.petitioner_info = Hint()
        self.form.addRow("", self.petitioner_info)
        self.address = self._row(_("Địa &chỉ:"), QLineEdit())
        self.phone, self.cccd = QLineEdit(), QLineEdit()
        self.phone.setPlaceholderText(_("điện thoại"))
        self.cccd.setPlaceholderText(_("số định danh (CCCD), nếu có"))
        self.cccd.setMaxLength(12)
        contact = QHBoxLayout()
        contact.addWidget(self.phone, 1)
        contact.addWidget(self.cccd, 1)
        self._row(_("Điện thoại, CCCD:"), self.phone, contact)
        self.signatories = QSpinBox()
        self.signatories.setRange(1, 10_000)
        self.signatories.setSuffix(" " + _("người"))
        self.group_info = Hint()
        self.group_info.setWordWrap(False)
        signed = QHBoxLayout()
        signed.addWidget(self.signatories)
        signed.addWidget(self.group_info)
        signed.addStretch(1)
        self._row(_("Số người &ký đơn:"), self.signatories, signed)
        self.subject = self._row(_("&Trích yếu:"), QLineEdit())
        self.subject.setPlaceholderText(_("nội dung chính của đơn, một dòng"))
        self.content = self._row(_("Nội &dung:"), text_box(4))
        self.complexity = _combo(Complexity, Complexity.NORMAL)
        self.received = DateField()
        self.received.set_date(today())
        when = QHBoxLayout()
        when.addWidget(self.complexity, 1)
        received_caption = QLabel(_("Ngày &nhận đơn:"))
        received_caption.setBuddy(self.received)
        when.addWidget(received_caption)
        when.addWidget(self.received)
        self._row(_("Mức độ phức tạp:"), self.complexity, when)
        self.earlier_title = QLabel()
        self.earlier_title.setStyleSheet("font-weight: bold;")
        self.earlier_list = QListWidget()
        self.earlier_list.setToolTip(_("↑ ↓ để chọn, Dấu cách để đánh dấu đơn này là đơn trùng "
                                       "của đơn đã có"))
        self.earlier_list.setMinimumHeight(self.fontMetrics().height() * 5)
        # under the form, the list takes the room the dialog has; without cases, a stretch
        self.body.insertWidget(1, self.earlier_title)
        self.body.insertWidget(2, self.earlier_list, 5)
        self.body.insertStretch(3, 1)
        keys = QLabel(_("Enter: ô tiếp theo · Ctrl+S hoặc Ctrl+Enter: lưu đơn · Esc: hủy"))
        keys.setStyleSheet(_HINT)
        self.body.insertWidget(self.body.count() - 1, keys)
        self.ok_button.setToolTip(_("Lưu đơn vào sổ theo dõi (Ctrl+S)"))
        for button in self.buttons.buttons():  # Enter moves to the next field, never saves
            button.setAutoDefault(False)
            button.setDefault(False)
        self._show_earlier([], set())

    def _build_keys(self) -> None:
        self.save_shortcuts = []
        for keys in (QKeySequence.StandardKey.Save, "Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(self._on_ok_clicked)
            self.save_shortcuts.append(shortcut)

    def _connect_signals(self) -> None:
        self.channel.currentIndexChanged.connect(self._on_channel_changed)
        self.kind.currentIndexChanged.connect(self._on_kind_changed)
        self.completer.chosen.connect(self._on_resident_chosen)
        self.completer.cleared.connect(self._on_resident_cleared)
        self.petitioner.editingFinished.connect(self._on_petitioner_typed)
        self.anonymous.toggled.connect(self._on_anonymous_toggled)
        self.subject.editingFinished.connect(self.show_earlier_cases)
        self.signatories.valueChanged.connect(self._on_signatories_changed)
        self.earlier_list.itemChanged.connect(self._on_case_ticked)

    # -- the petitioner ----------------------------------------------------------------------
    def _resident_choices(self, text: str) -> list[Choice]:
        ids = resident_lists.search_resident_ids(self.ctx, text, limit=15)
        return [resident_choice(r) for r in resident_lists.get_residents(self.ctx, ids)]

    def _on_resident_chosen(self, choice: Choice) -> None:
        r = choice.item
        self.resident_id = r.id
        self.address.setText(r.full_address)
        self.phone.setText(r.phone or "")
        self.cccd.setText(r.cccd or "")
        born = f" ({r.birth_date.year})" if r.birth_date else ""
        self.petitioner_info.setText(
            _("✓ Trong sổ nhân khẩu{born}, hộ số {household}. Sửa họ tên để nhập người khác.")
            .format(born=born, household=r.household_code or "—"))
        self.show_earlier_cases()
        self.completer.hand_on(self.subject if not self.earlier else self.earlier_list)

    def _on_resident_cleared(self) -> None:
        self.resident_id = None
        self.petitioner_info.setText(_("Người chưa có trong sổ nhân khẩu: nhập địa chỉ, điện "
                                       "thoại."))

    def _on_petitioner_typed(self) -> None:
        if self.chosen_resident() is None:
            self.show_earlier_cases()

    def _on_anonymous_toggled(self, on: bool) -> None:
        for w in (self.petitioner, self.address, self.phone, self.cccd):
            w.setEnabled(not on)
        self.petitioner_info.setText(_("Đơn nặc danh: không ghi người gửi. Đơn tố cáo nặc danh "
                                       "không được thụ lý.") if on else "")
        self.show_earlier_cases()

    def chosen_resident(self) -> int | None:
        """The resident picked, while the field still holds their name."""
        picked = self.completer.current
        return self.resident_id if picked and picked.text == self.petitioner.text() else None

    # -- earlier cases -----------------------------------------------------------------------
    def show_earlier_cases(self) -> None:
        """The petitioner's earlier petitions (never a denunciation's: app.petitions keeps
        those out), those on the same matter as the subject typed first."""
        ticked = self.duplicate_of()
        who = {"resident_id": self.chosen_resident(),
               "name": "" if self.chosen_resident() else self.petitioner.text()}
        if self.anonymous.isChecked() or (who["resident_id"] is None and not who["name"].strip()):
            self._show_earlier([], set())
            return
        ids = queries.earlier_cases(self.ctx, **who)
        subject = self.subject.text()
        same = set(queries.earlier_cases(self.ctx, **who, subject=subject)) if subject.strip() \
            else set()
        rows = queries.get_petitions(self.ctx, ids)
        rows.sort(key=lambda r: r.id not in same)  # stable: open ones first within each
        self._show_earlier(rows, same, ticked)

    def _show_earlier(self, rows: list[PetitionRow], same: set[int],
                      ticked: int | None = None) -> None:
        self.earlier = rows
        self.earlier_list.blockSignals(True)
        self.earlier_list.clear()
        for r in rows:
            item = QListWidgetItem(case_line(r, r.id in same), self.earlier_list)
            item.setData(Qt.ItemDataRole.UserRole, r.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if r.id == ticked
                               else Qt.CheckState.Unchecked)
            item.setToolTip(r.subject)
        self.earlier_list.blockSignals(False)
        if rows:
            self.earlier_list.setCurrentRow(0)
            self.earlier_title.setText(
                _("Người này đã có {count} đơn trước đây; nếu đơn này trùng nội dung, đánh dấu "
                  "đơn đã có (Dấu cách):").format(count=len(rows)))
            self.earlier_title.setStyleSheet("font-weight: bold; color: #8a4b00;")
        else:
            self.earlier_title.setText(_("Đơn trước đây của người gửi: chưa có."))
            self.earlier_title.setStyleSheet(_HINT)
        self.earlier_list.setVisible(bool(rows))

    def _on_case_ticked(self, item: QListWidgetItem) -> None:
        """One case at most: ticking one unticks the others."""
        if item.checkState() != Qt.CheckState.Checked:
            return
        self.earlier_list.blockSignals(True)
        for i in range(self.earlier_list.count()):
            other = self.earlier_list.item(i)
            if other is not item:
                other.setCheckState(Qt.CheckState.Unchecked)
        self.earlier_list.blockSignals(False)

    def duplicate_of(self) -> int | None:
        for i in range(self.earlier_list.count()):
            item = self.earlier_list.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                return item.data(Qt.ItemDataRole.UserRole)
        return None

    # -- the rest ------------------------------------------------------------------------------
    def _on_channel_changed(self, *_args) -> None:
        forwarded = self.channel.currentData() == PetitionChannel.FORWARDED
        self.source_agency.setEnabled(forwarded)
        if not forwarded:
            self.source_agency.clear()

    def _on_kind_changed(self, *_args) -> None:
        denunciation = self.kind.currentData() == PetitionKind.DENUNCIATION
        self.kind_info.setText(_("Đơn tố cáo: họ tên, địa chỉ người tố cáo được giữ bí mật; chỉ "
                                 "người giải quyết và Chủ tịch được xem.") if denunciation else "")

    def _on_signatories_changed(self, n: int) -> None:
        self.group_info.setText(_("Đơn đông người: người gửi ghi ở trên là người đại diện.")
                                if n > 1 else "")

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt override)
        plain = event.modifiers() in (Qt.KeyboardModifier.NoModifier,
                                      Qt.KeyboardModifier.KeypadModifier)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain \
                and not isinstance(self.focusWidget(), QPlainTextEdit):
            # the petitioner is never picked by Enter alone: a new person may share a name
            self.focusNextChild()
            return
        super().keyPressEvent(event)

    def values(self) -> PetitionInput:
        anonymous = self.anonymous.isChecked()
        return PetitionInput(
            kind=self.kind.currentData(),
            subject=self.subject.text(),
            content=self.content.toPlainText(),
            field=self.field.currentData(),
            channel=self.channel.currentData(),
            received_on=self.received.value(),
            petitioner_resident_id=None if anonymous else self.chosen_resident(),
            petitioner_name="" if anonymous else self.petitioner.text(),
            petitioner_address="" if anonymous else self.address.text(),
            petitioner_phone=None if anonymous else (self.phone.text().strip() or None),
            petitioner_cccd=None if anonymous else (self.cccd.text().strip() or None),
            anonymous=anonymous,
            signatories=self.signatories.value(),
            source_agency=self.source_agency.text(),
            complexity=self.complexity.currentData(),
            duplicate_of_id=self.duplicate_of(),
        )
