"""One petition: its data, each clock with its explanation, its history, and the steps its
state, its kind and the user's role allow (app.petitions.steps.allowed_steps, the table the
service enforces). Each step is one form and one call of app.petitions.service; after it the
window reads the petition again, and the tab follows from what the step wrote (app.changes).

A denouncer's identity is asked for with `get_petition(..., reveal=True)`: app.petitions
shows it only to the officer handling the case and the chairman, and records the reading.
It is asked once per window, and again only when the case's handler changed.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.errors import DomainError
from app.i18n import _
from app.l10n import format_date, short_date, today
from app.labels import label
from app.petitions import privacy, queries, service
from app.petitions.steps import Step, allowed_steps
from app.petitions.types import PetitionRow
from ui.common.errors import show_error
from ui.common.models import ListTableModel
from ui.common.widgets import fit_to_screen, list_table
from ui.petitions import step_forms
from ui.petitions.columns import EVENT_COLUMNS, OVERDUE
from ui.petitions.details import clocks, details_pairs

# button text and tooltip of each step, in two rows: classifying, then handling
STEP_TEXTS = {
    Step.ACCEPT: (lambda: _("&Thụ lý…"), lambda: _("Thụ lý: đơn thuộc thẩm quyền của xã")),
    Step.FORWARD: (lambda: _("Ch&uyển đơn…"),
                   lambda: _("Chuyển đơn đến cơ quan có thẩm quyền")),
    Step.GUIDE: (lambda: _("&Hướng dẫn…"), lambda: _("Hướng dẫn công dân gửi đơn đúng nơi")),
    Step.FILE: (lambda: _("&Lưu đơn…"),
                lambda: _("Lưu đơn: nặc danh, trùng, không đủ điều kiện, hết thời hiệu")),
    Step.WITHDRAW: (lambda: _("Công dân &rút đơn…"), lambda: _("Ghi công dân rút đơn")),
    Step.REOPEN: (lambda: _("&Mở lại…"), lambda: _("Mở lại đơn đã kết thúc, lưu hoặc rút")),
    Step.NOTIFY_ACCEPTANCE: (lambda: _("Thông &báo thụ lý…"),
                             lambda: _("Đã thông báo thụ lý cho người tố cáo")),
    Step.EXTEND: (lambda: _("&Gia hạn…"),
                  lambda: _("Gia hạn giải quyết đơn tố cáo theo quyết định")),
    Step.PAUSE: (lambda: _("Tạm đình &chỉ…"), lambda: _("Tạm đình chỉ: thời hạn dừng lại")),
    Step.RESUME: (lambda: _("T&iếp tục giải quyết…"),
                  lambda: _("Tiếp tục giải quyết: số ngày chưa dùng được tính tiếp")),
    Step.RESOLVE: (lambda: _("Ghi kết &quả…"), lambda: _("Ghi kết quả giải quyết và văn bản")),
    Step.NOTIFY: (lambda: _("Thông báo &kết quả…"),
                  lambda: _("Đã thông báo kết quả cho công dân: đơn kết thúc")),
}
FIRST_ROW = (Step.ACCEPT, Step.FORWARD, Step.GUIDE, Step.FILE, Step.WITHDRAW, Step.REOPEN)
IDENTITY = ("petitioner_resident_id", "petitioner_name", "petitioner_address",
            "petitioner_phone", "petitioner_cccd", "village", "identity_hidden")


class PetitionWindow(QDialog):
    def __init__(self, ctx: AppContext, key: int | str, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self._identity: dict | None = None  # what a reveal showed, kept for this window
        self._revealed_for: tuple[int | None] | None = None  # the handler it was asked for
        self.row: PetitionRow = self._read(queries.get_petition(ctx, key))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self._build_view()
        self._connect_signals()
        self.fill()
        fit_to_screen(self, 1120, 700)

    # -- reading ---------------------------------------------------------------------------
    def _read(self, fresh: PetitionRow) -> PetitionRow:
        """`fresh` (masked, as lists read it) with a denouncer's identity where this reader
        may see it: asked of app.petitions once, and again when the handler changed."""
        if not privacy.confidential(fresh.kind) or fresh.anonymous:
            return fresh
        if self._revealed_for != (fresh.handler_id,):
            self._revealed_for = (fresh.handler_id,)
            shown = queries.get_petition(self.ctx, fresh.id, reveal=True)
            self._identity = None if shown.identity_hidden else {
                k: getattr(shown, k) for k in IDENTITY}
        return replace(fresh, **self._identity) if self._identity else fresh

    # -- layout ----------------------------------------------------------------------------
    def _build_view(self) -> None:
        self.heading = QLabel()
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.late = QLabel()
        self.late.setStyleSheet(f"color: {OVERDUE.name()}; font-weight: bold;")
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("background: #e8f5e9; color: #1b5e20; padding: 6px;")
        self.notice.hide()
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(10)
        self.grid.setVerticalSpacing(3)
        self.grid.setColumnStretch(1, 1)
        data = QGroupBox(_("Thông tin đơn"))
        data.setLayout(self.grid)
        self.clock_box = QVBoxLayout()
        self.clock_box.setSpacing(2)
        clock_group = QGroupBox(_("Thời hạn"))
        outer = QVBoxLayout(clock_group)
        outer.addLayout(self.clock_box)
        outer.addStretch(1)
        upper = QHBoxLayout()
        upper.addWidget(data, 3)
        upper.addWidget(clock_group, 2)
        self.events = ListTableModel(EVENT_COLUMNS, self, key=lambda e: (e.at, e.kind))
        self.events_table = list_table(self)
        self.events_table.setModel(self.events)
        self.events_table.verticalHeader().hide()
        chars = self.fontMetrics().averageCharWidth()
        for i, w in enumerate((12, 20, 24)):
            self.events_table.setColumnWidth(i, w * chars + 14)
        self.events_table.horizontalHeader().setSectionResizeMode(
            3, QHeaderView.ResizeMode.Stretch)
        history = QGroupBox(_("Quá trình xử lý, giải quyết"))
        QVBoxLayout(history).addWidget(self.events_table)
        self.step_buttons: dict[Step, QPushButton] = {}
        rows = (QHBoxLayout(), QHBoxLayout())
        for step, (text, tip) in STEP_TEXTS.items():
            b = QPushButton(text())
            b.setToolTip(tip())
            b.setAutoDefault(False)
            self.step_buttons[step] = b
            rows[0 if step in FIRST_ROW else 1].addWidget(b)
        rows[0].addStretch(1)
        self.close_button = QPushButton(_("Đóng"))
        self.close_button.setAutoDefault(False)
        rows[1].addStretch(1)
        rows[1].addWidget(self.close_button)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(self.late)
        layout.addLayout(top)
        layout.addWidget(self.notice)
        layout.addLayout(upper)
        layout.addWidget(history, 1)
        layout.addLayout(rows[0])
        layout.addLayout(rows[1])

    def _connect_signals(self) -> None:
        for step, b in self.step_buttons.items():
            b.clicked.connect(lambda _checked=False, s=step: self.run_step(s))
        self.close_button.clicked.connect(self.reject)

    # -- showing -----------------------------------------------------------------------------
    def _clear(self, layout) -> None:
        while layout.count():
            item = layout.takeAt(0)
            if item.widget() is not None:  # hidden at once: deleted when the loop runs
                item.widget().hide()
                item.widget().deleteLater()

    def fill(self) -> None:
        p, day = self.row, today()
        self.setWindowTitle(_("Đơn {ref}").format(ref=p.reference))
        self.heading.setText(_("Đơn {ref} · {kind} · {status}").format(
            ref=p.reference, kind=label(p.kind), status=label(p.status)))
        self.late.setText(_("Quá hạn") if p.overdue(day) else "")
        self._clear(self.grid)
        duplicate = ""
        if p.duplicate_of_id is not None:
            found = queries.get_petitions(self.ctx, [p.duplicate_of_id])
            duplicate = found[0].reference if found else ""
        top = Qt.AlignmentFlag.AlignTop
        for r, (name, value) in enumerate(details_pairs(p, duplicate)):
            title = QLabel(name)
            title.setStyleSheet("color: #555;")
            shown = QLabel(value)
            shown.setWordWrap(True)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.grid.addWidget(title, r, 0, top | Qt.AlignmentFlag.AlignRight)
            self.grid.addWidget(shown, r, 1, top)
        for r in range(self.grid.rowCount()):  # the rows packed at the top, whatever before
            self.grid.setRowStretch(r, 0)
        self.grid.setRowStretch(self.grid.rowCount(), 1)
        events = queries.events(self.ctx, p.id)
        self._clear(self.clock_box)
        for c in clocks(p, events, day):
            head = QLabel(_("{what}: hạn {due} – {state}").format(
                what=c.title, due=format_date(c.due), state=c.state))
            head.setWordWrap(True)
            head.setStyleSheet(f"font-weight: bold; color: {OVERDUE.name()};" if c.late
                               else "font-weight: bold;")
            self.clock_box.addWidget(head)
            if c.lines:
                lines = QLabel("\n".join(c.lines))
                lines.setWordWrap(True)
                lines.setStyleSheet("color: #555; margin-left: 10px; margin-bottom: 6px;")
                lines.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                self.clock_box.addWidget(lines)
        self.events.set_rows(events)
        allowed = allowed_steps(self.ctx.user, p.status, p.kind,
                                notice_given=p.accept_notified_on is not None)
        for step, button in self.step_buttons.items():
            button.setEnabled(step in allowed)

    def show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def reload(self, fresh: PetitionRow | None = None, notice: str = "") -> None:
        self.row = self._read(fresh or queries.get_petition(self.ctx, self.row.id))
        self.fill()
        self.show_notice(notice)

    # -- steps -------------------------------------------------------------------------------
    def run_step(self, step: Step) -> PetitionRow | None:
        """The step's form; "Lưu" calls the service. None when cancelled."""
        form, call = step_forms.STEP_FORMS[step]
        kwargs = {}
        if step == Step.ACCEPT:
            try:
                kwargs = {"handlers": service.handlers(self.ctx),
                          "me": self.ctx.user.user_id}
            except DomainError as exc:
                show_error(self, exc)
                return None
        ctx, petition_id = self.ctx, self.row.id
        row = form.ask(self, lambda v: call(ctx, petition_id, **v), row=self.row, **kwargs)
        if row is not None:
            self.reload(row, self.done_text(step, row))
        return row

    def done_text(self, step: Step, p: PetitionRow) -> str:
        if step == Step.ACCEPT:
            return _("Đã thụ lý; giao {name} giải quyết, hạn {due}.").format(
                name=p.handler, due=short_date(p.due_on))
        if step == Step.EXTEND:
            return _("Đã gia hạn lần {n}; hạn mới {due}.").format(n=p.extensions,
                                                                 due=short_date(p.due_on))
        if step == Step.RESUME:
            return _("Tiếp tục giải quyết; hạn mới {due}.").format(due=short_date(p.due_on))
        return _("Đã ghi: {step}. Đơn đang ở trạng thái “{status}”.").format(
            step=STEP_TEXTS[step][0]().replace("&", "").rstrip("…"), status=label(p.status))
