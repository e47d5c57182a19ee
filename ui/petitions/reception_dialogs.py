"""The reception forms: a visit written in the register (keyboard-first, like the desk's
reception: the citizen through the resident completer, the earlier visits and petitions shown
as soon as the citizen is picked or typed), the schedule planned for a month or a year, an
extra session, a day marked held, and one visit read in full.

Every value is checked by app.reception; its message is shown in the form, which stays open
with what was typed, and nothing is written.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QSpinBox,
    QWidget,
)

from app import resident_lists, users
from app.auth import Permission, Role
from app.context import AppContext
from app.desk.clock import now
from app.i18n import _
from app.l10n import short_date, short_moment, today
from app.labels import choices, label
from app.petitions.queries import get_petitions
from app.reception import queries, schedule
from app.reception.types import (
    Earlier,
    PetitionField,
    PetitionKind,
    VisitHandling,
    VisitInput,
    VisitRow,
)
from ui.common.completer import Choice, FoldCompleter, resident_choice
from ui.common.forms import FormDialog, text_box
from ui.desk.reception import Hint, from_qdatetime, to_qdatetime, with_hint

LOOKUP_DELAY_MS = 300  # a name typed: look for earlier visits once typing pauses
SAME = "★ "  # marks the earlier visits and petitions about the same matter


def combo(items) -> QComboBox:
    box = QComboBox()
    for value, text in items:
        box.addItem(text, value)
    return box


def select_data(box: QComboBox, value) -> None:
    i = box.findData(value)
    if i >= 0:
        box.setCurrentIndex(i)


def staff_combo(ctx: AppContext, chosen: int | None) -> QComboBox:
    """The active accounts who may receive citizens, the chairman first."""
    staff = [u for u in users.list_users(ctx, include_inactive=False) if u.role != Role.ADMIN]
    staff.sort(key=lambda u: u.role != Role.CHAIRMAN)
    box = combo([(u.id, u.full_name) for u in staff])
    select_data(box, chosen)
    return box


class VisitDialog(FormDialog):
    """`submit` (set by the controller) receives the VisitInput and returns the VisitRow."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(_("Ghi lượt tiếp công dân"), parent, ok_text=_("Lưu vào sổ"))
        self.ctx = ctx
        self.resident_id: int | None = None
        self.earlier: Earlier | None = None  # what the last lookup found
        self.lookups = 0  # how many times the earlier cases were looked up (tests)
        self._build_fields()
        self.initial_focus = self.citizen
        self._build_keys()
        self._connect_signals()
        self._on_handling_changed()
        self.resize(860, self.sizeHint().height())

    # -- layout --------------------------------------------------------------------------
    def _row(self, text: str, field: QWidget, shown=None):
        caption = QLabel(text)
        caption.setBuddy(field)
        self.form.addRow(caption, shown if shown is not None else field)
        return field

    def _build_fields(self) -> None:
        self.citizen = QLineEdit()
        self.citizen.setPlaceholderText(_("Họ tên, số CCCD hoặc điện thoại để tìm trong sổ nhân "
                                          "khẩu; hoặc họ tên người chưa có trong sổ"))
        self.completer = FoldCompleter(self.citizen, self._resident_choices, min_chars=2)
        self.citizen_info = Hint()
        self._row(_("&Công dân:"), self.citizen, with_hint(self.citizen, self.citizen_info))
        self.address = self._row(_("Địa &chỉ:"), QLineEdit())
        self.phone = QLineEdit()
        self.phone.setPlaceholderText(_("số di động hoặc cố định"))
        self.group = QSpinBox()
        self.group.setRange(1, 10_000)
        self.group.setSuffix(" " + _("người"))
        self.group.setToolTip(_("Đoàn đông người: ghi số người cùng đến"))
        contact = QHBoxLayout()
        contact.addWidget(self.phone, 1)
        contact.addWidget(QLabel(_("Số người đến:")))
        contact.addWidget(self.group)
        self._row(_("Điện thoại:"), self.phone, contact)
        self.kind = combo(choices(PetitionKind))
        self.field = combo(choices(PetitionField))
        kinds = QHBoxLayout()
        kinds.addWidget(self.kind, 1)
        kinds.addWidget(QLabel(_("Lĩnh vực:")))
        kinds.addWidget(self.field, 1)
        self._row(_("&Loại:"), self.kind, kinds)
        self.content = self._row(_("&Nội dung trình bày:"), text_box(3))
        self.earlier_title = QLabel()
        self.earlier_title.setStyleSheet("font-weight: bold; color: #8a4b00;")
        self.earlier_list = QListWidget()
        self.earlier_list.setMaximumHeight(self.fontMetrics().height() * 7)
        self.earlier_list.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.earlier_list.setWordWrap(True)  # a long content wraps instead of scrolling sideways
        self.earlier_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.previous = QComboBox()
        self.previous.setToolTip(_("Công dân đến lần này về cùng việc đã trình bày ở lượt tiếp "
                                   "trước"))
        self.form.addRow(self.earlier_title)
        self.form.addRow(self.earlier_list)
        self._row(_("Cùng việc với lần trước:"), self.previous)
        self.handling = combo(choices(VisitHandling))
        self._row(_("Cách &xử lý:"), self.handling)
        self.answer_label = QLabel()
        self.answer = text_box(3)
        self.answer_label.setBuddy(self.answer)
        self.form.addRow(self.answer_label, self.answer)
        self.subject_label = QLabel(_("&Trích yếu đơn:"))
        self.subject = QLineEdit()
        self.subject.setPlaceholderText(_("Tóm tắt nội dung đơn, để vào sổ theo dõi đơn thư"))
        self.subject_label.setBuddy(self.subject)
        self.form.addRow(self.subject_label, self.subject)
        self.visited = QDateTimeEdit(to_qdatetime(now()))
        self.visited.setDisplayFormat("HH:mm dd/MM/yyyy")
        self.visited.setCalendarPopup(True)
        self.receiver = staff_combo(self.ctx, self._default_receiver())
        when = QHBoxLayout()
        when.addWidget(self.visited)
        when.addWidget(QLabel(_("Người tiếp:")))
        when.addWidget(self.receiver, 1)
        self._row(_("Thời điểm tiếp:"), self.visited, when)
        keys = QLabel(_("Enter: ô tiếp theo · Ctrl+S hoặc Ctrl+Enter: lưu vào sổ · Esc: hủy"))
        keys.setStyleSheet("color: #555;")
        self.body.insertWidget(self.body.count() - 1, keys)
        for button in self.buttons.buttons():  # Enter moves to the next field, never saves
            button.setAutoDefault(False)
            button.setDefault(False)
        self._show_earlier(None)

    def _default_receiver(self) -> int | None:
        """On a reception day, who hosts it; else whoever is signed in."""
        on = schedule.days(self.ctx, today(), today())
        hosts = [d.host_id for d in on if d.host_id]
        return hosts[0] if hosts else self.ctx.user.user_id

    def _build_keys(self) -> None:
        self.save_shortcuts = []
        for keys in (QKeySequence.StandardKey.Save, "Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(self._on_ok_clicked)
            self.save_shortcuts.append(shortcut)
        self.lookup_timer = QTimer(self)
        self.lookup_timer.setSingleShot(True)
        self.lookup_timer.setInterval(LOOKUP_DELAY_MS)

    def _connect_signals(self) -> None:
        self.completer.chosen.connect(self._on_resident_chosen)
        self.completer.cleared.connect(self._on_resident_cleared)
        self.citizen.textEdited.connect(self._on_citizen_edited)
        self.content.textChanged.connect(self.lookup_timer.start)
        self.lookup_timer.timeout.connect(self.look_up_earlier)
        self.handling.currentIndexChanged.connect(self._on_handling_changed)

    # -- the citizen ---------------------------------------------------------------------
    def _resident_choices(self, text: str) -> list[Choice]:
        ids = resident_lists.search_resident_ids(self.ctx, text, limit=15)
        return [resident_choice(r) for r in resident_lists.get_residents(self.ctx, ids)]

    def _on_resident_chosen(self, choice: Choice) -> None:
        r = choice.item
        self.resident_id = r.id
        self.address.setText(r.full_address)
        self.phone.setText(r.phone or "")
        born = f" ({r.birth_date.year})" if r.birth_date else ""
        self.citizen_info.setText(_("✓ Trong sổ nhân khẩu{born}, hộ số {household}.").format(
            born=born, household=r.household_code or "—"))
        self.look_up_earlier()  # at once: the clerk sees the history before typing on
        self.completer.hand_on(self.phone if not self.phone.text() else self.kind)

    def _on_resident_cleared(self) -> None:
        self.resident_id = None
        self.citizen_info.setText(_("Người chưa có trong sổ nhân khẩu: ghi địa chỉ, điện "
                                    "thoại."))

    def _on_citizen_edited(self, _text: str) -> None:
        self.lookup_timer.start()

    def chosen_resident(self) -> int | None:
        picked = self.completer.current
        return self.resident_id if picked and picked.text == self.citizen.text() else None

    # -- earlier visits and petitions ----------------------------------------------------------
    def look_up_earlier(self) -> None:
        """The citizen's earlier visits and petitions, the same matter first (★)."""
        self.lookup_timer.stop()
        self.lookups += 1
        found = queries.earlier(self.ctx, resident_id=self.chosen_resident(),
                                name=self.citizen.text(), content=self.content.toPlainText())
        self._show_earlier(found if not found.empty else None)

    def _show_earlier(self, found: Earlier | None) -> None:
        self.earlier = found
        chosen = self.previous.currentData()
        self.earlier_list.clear()
        self.previous.clear()
        self.previous.addItem(_("(Lần đầu, không liên quan lượt trước)"), None)
        shown = found is not None
        for w in (self.earlier_title, self.earlier_list):
            w.setVisible(shown)
        self.previous.setEnabled(shown)
        if found is None:
            return
        self.earlier_title.setText(_("Công dân này đã đến {visits} lần, có {petitions} đơn "
                                     "(★: cùng nội dung):").format(
            visits=len(found.visits), petitions=len(found.petition_ids)))
        for v in found.visits:
            mark = SAME if v.id in found.same_visits else ""
            how = (_("nhận đơn {ref}").format(ref=v.petition_reference) if v.petition_reference
                   else label(v.handling).lower())
            self.earlier_list.addItem(_("{mark}Lượt tiếp {when}: {content} – {how}").format(
                mark=mark, when=short_moment(v.visited_at), content=v.content, how=how))
            self.previous.addItem(f"{mark}{short_moment(v.visited_at)} – {v.content[:60]}", v.id)
        for p in get_petitions(self.ctx, found.petition_ids):
            mark = SAME if p.id in found.same_petitions else ""
            self.earlier_list.addItem(_("{mark}Đơn {ref} ({kind}, nhận {day}): {subject} – "
                                        "{status}").format(
                mark=mark, ref=p.reference, kind=label(p.kind).lower(),
                day=short_date(p.received_on), subject=p.subject, status=label(p.status)))
        if chosen is not None:
            select_data(self.previous, chosen)
        elif found.same_visits:  # the latest visit about the same matter, offered
            select_data(self.previous, next(v.id for v in found.visits
                                            if v.id in found.same_visits))

    # -- handling --------------------------------------------------------------------------
    def _on_handling_changed(self, *_args) -> None:
        handling = self.handling.currentData()
        petition = handling == VisitHandling.PETITION
        self.answer_label.setText(_("Nội dung đã &hướng dẫn:") if handling == VisitHandling.GUIDED
                                  else _("Nội dung đã t&rả lời:"))
        for w in (self.answer_label, self.answer):
            w.setVisible(not petition)
        for w in (self.subject_label, self.subject):
            w.setVisible(petition)

    def done(self, result: int) -> None:
        self.lookup_timer.stop()  # a lookup pending when the form closes is not wanted
        super().done(result)

    def hideEvent(self, event) -> None:  # noqa: N802 (Qt override)
        self.lookup_timer.stop()
        super().hideEvent(event)

    # -- keys and values ---------------------------------------------------------------------
    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt override)
        plain = event.modifiers() in (Qt.KeyboardModifier.NoModifier,
                                      Qt.KeyboardModifier.KeypadModifier)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain:
            if self.focusWidget() is self.citizen:
                self.look_up_earlier()
            self.focusNextChild()
            return
        super().keyPressEvent(event)

    def values(self) -> VisitInput:
        return VisitInput(
            kind=self.kind.currentData(), content=self.content.toPlainText(),
            handling=self.handling.currentData(), field=self.field.currentData(),
            visited_at=from_qdatetime(self.visited.dateTime()),
            received_by=self.receiver.currentData(),
            citizen_resident_id=self.chosen_resident(), citizen_name=self.citizen.text(),
            citizen_address=self.address.text(), citizen_phone=self.phone.text().strip() or None,
            group_size=self.group.value(), answer=self.answer.toPlainText(),
            subject=self.subject.text(), previous_visit_id=self.previous.currentData())


class VisitDetails(FormDialog):
    """One visit in full, read-only; a denouncer shown only to whom the law allows."""

    def __init__(self, row: VisitRow, parent: QWidget | None = None):
        super().__init__(_("Lượt tiếp công dân"), parent)
        who = row.citizen_name + (_(" (đoàn {n} người)").format(n=row.group_size)
                                  if row.group else "")
        lines = [(_("Thời điểm:"), short_moment(row.visited_at)), (_("Người tiếp:"), row.received_by),
                 (_("Công dân:"), who), (_("Địa chỉ:"), row.citizen_address),
                 (_("Điện thoại:"), row.citizen_phone or ""),
                 (_("Loại, lĩnh vực:"), f"{label(row.kind)} – {label(row.field)}"),
                 (_("Nội dung:"), row.content), (_("Cách xử lý:"), label(row.handling))]
        if row.answer:
            lines.append((_("Trả lời, hướng dẫn:"), row.answer))
        if row.petition_reference:
            lines.append((_("Đơn đã nhận:"), _("số {ref} trong sổ theo dõi đơn thư").format(
                ref=row.petition_reference)))
        if row.previous_visit_id:
            lines.append((_("Lần trước:"), _("có lượt tiếp trước về cùng nội dung")))
        for caption, value in lines:
            text = QLabel(value)
            text.setWordWrap(True)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.form.addRow(QLabel(caption), text)
        if row.identity_hidden:
            note = QLabel(_("Danh tính người tố cáo được giữ bí mật: chỉ Chủ tịch và công chức "
                            "giải quyết đơn được xem."))
            note.setWordWrap(True)
            note.setStyleSheet("color: #555;")
            self.form.addRow(note)
        self.ok_button.hide()
        self.cancel_button.setText(_("Đóng"))

    def values(self) -> None:
        return None


def can_plan(ctx: AppContext) -> bool:
    return ctx.user.can(Permission.PLAN_RECEPTION)


def can_receive(ctx: AppContext) -> bool:
    return ctx.user.can(Permission.RECEIVE_PETITIONS)
