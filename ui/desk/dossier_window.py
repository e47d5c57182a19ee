"""One dossier: its data, the Phiếu kiểm soát (who did what, when, to whom), the steps its
status and the user's role allow, and the desk's papers (Mẫu 01–05).

Each step is one call of `app.desk.lifecycle` (one unit of work); after it the window reads
the dossier again; the tab's list and counters follow from what the step wrote (app.changes).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app import procedures, staff
from app.auth import Permission
from app.context import AppContext
from app.desk import forms, lifecycle, queries
from app.desk.clock import now
from app.desk.types import CLOSED_STATUSES, OPEN_STATUSES, DossierRow
from app.desk.types import DossierStatus as S
from app.errors import DomainError
from app.i18n import _
from app.procedures import EVENT_LABELS as CIVIL_EVENT_LABELS
from app.procedures import CivilEvent
from app.workdays import load_calendar
from ui.common.errors import MessageBox, show_error
from ui.common.formats import moment
from ui.common.forms import ReasonDialog
from ui.common.models import ListTableModel
from ui.desk import actions
from ui.desk.columns import EVENT_COLUMNS, OVERDUE, outcome_text, status_text
from ui.desk.details import details_pairs
from ui.preview import PrintRunner

P = Permission
# step: (permission, statuses in which it is offered)
STEPS = {
    "hand_over": (P.PROCESS_DOSSIERS, (S.RECEIVED, S.IN_PROGRESS)),
    "supplement": (P.PROCESS_DOSSIERS, (S.RECEIVED, S.IN_PROGRESS)),
    "supplement_received": (P.PROCESS_DOSSIERS, (S.SUPPLEMENT,)),
    "ready": (P.PROCESS_DOSSIERS, (S.RECEIVED, S.IN_PROGRESS)),
    "return": (P.RECEIVE_DOSSIERS, (S.READY,)),
    "refuse": (P.PROCESS_DOSSIERS, (S.RECEIVED, S.IN_PROGRESS, S.SUPPLEMENT)),
    "withdraw": (P.RECEIVE_DOSSIERS, OPEN_STATUSES),
    "apology": (P.PROCESS_DOSSIERS, (S.RECEIVED, S.IN_PROGRESS, S.READY)),
    "correct": (P.CORRECT_DOSSIERS, CLOSED_STATUSES),
}
STEP_TEXTS = {
    "hand_over": (lambda: _("&Chuyển xử lý…"), lambda: _("Giao hồ sơ cho cán bộ xử lý")),
    "supplement": (lambda: _("Yêu cầu &bổ sung…"),
                   lambda: _("Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ; thời hạn tạm dừng")),
    "supplement_received": (lambda: _("Đã &nhận bổ sung"),
                            lambda: _("Công dân đã nộp đủ giấy tờ bổ sung; tính lại ngày hẹn")),
    "ready": (lambda: _("Có &kết quả"), lambda: _("Kết quả đã về Bộ phận một cửa, chờ trả")),
    "return": (lambda: _("&Trả kết quả…"), lambda: _("Trả kết quả cho công dân")),
    "refuse": (lambda: _("Từ c&hối…"), lambda: _("Từ chối giải quyết, ghi rõ lý do (Mẫu 03)")),
    "withdraw": (lambda: _("Công dân &rút hồ sơ…"), lambda: _("Công dân xin rút hồ sơ")),
    "apology": (lambda: _("&Xin lỗi, hẹn lại…"),
                lambda: _("Phiếu xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04)")),
    "correct": (lambda: _("&Sửa (quản trị)…"),
                lambda: _("Sửa hồ sơ đã kết thúc, kèm lý do (chỉ quản trị hệ thống)")),
}
# the papers of the print buttons: jobs of app.desk.forms, each (ctx, dossier id) → Printout
PAPERS = {"slip": forms.slip, "supplement": forms.supplement, "refusal": forms.refusal,
          "apology": forms.apology, "control": forms.control}
PRINTS = {
    "slip": (lambda: _("Giấy tiếp nhận (Mẫu 0&1)"), lambda: _("Giấy tiếp nhận hồ sơ và hẹn trả kết quả")),
    "supplement": (lambda: _("Phiếu bổ sung (0&2)"), lambda: _("Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ")),
    "refusal": (lambda: _("Phiếu từ chối (0&3)"), lambda: _("Phiếu từ chối tiếp nhận giải quyết hồ sơ")),
    "apology": (lambda: _("Phiếu xin lỗi (0&4)"), lambda: _("Phiếu xin lỗi và hẹn lại ngày trả kết quả")),
    "control": (lambda: _("Phiếu kiểm soát (0&5)"), lambda: _("Phiếu kiểm soát quá trình giải quyết hồ sơ")),
}


class DossierWindow(QDialog):
    def __init__(self, ctx: AppContext, key: int | str, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.row: DossierRow = queries.get_dossier(ctx, key)
        self.print_runner = PrintRunner(self)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self._build_view()
        self._connect_signals()
        self.fill()
        self.resize(1080, 720)

    # -- layout --------------------------------------------------------------------------
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
        self.grid.setHorizontalSpacing(14)
        self.grid.setColumnStretch(1, 1)
        self.grid.setColumnStretch(3, 1)
        data = QGroupBox(_("Thông tin hồ sơ"))
        data.setLayout(self.grid)
        self.events = ListTableModel(EVENT_COLUMNS, self, key=lambda e: (e.at, e.kind, e.note))
        self.events_table = QTableView()
        self.events_table.setModel(self.events)
        self.events_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.events_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.events_table.setWordWrap(False)
        self.events_table.verticalHeader().hide()
        self.events_table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.events_table.setTabKeyNavigation(False)
        header = self.events_table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        chars = self.fontMetrics().averageCharWidth()
        for i, w in enumerate((17, 20, 22, 22)):
            self.events_table.setColumnWidth(i, w * chars + 16)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        events = QGroupBox(_("Quá trình giải quyết (Phiếu kiểm soát)"))
        QVBoxLayout(events).addWidget(self.events_table)
        self.step_buttons = {k: self._button(*STEP_TEXTS[k]) for k in STEPS}
        self.print_buttons = {k: self._button(*PRINTS[k]) for k in PRINTS}
        steps = QHBoxLayout()
        for b in self.step_buttons.values():
            steps.addWidget(b)
        steps.addStretch(1)
        prints = QHBoxLayout()
        prints.addWidget(QLabel(_("In:")))
        for b in self.print_buttons.values():
            prints.addWidget(b)
        prints.addStretch(1)
        self.close_button = QPushButton(_("Đóng"))
        prints.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(self.late)
        layout.addLayout(top)
        layout.addWidget(self.notice)
        layout.addWidget(data)
        layout.addWidget(events, 1)
        layout.addLayout(steps)
        layout.addLayout(prints)

    def _button(self, text, tip) -> QPushButton:
        b = QPushButton(text())
        b.setToolTip(tip())
        b.setAutoDefault(False)
        return b

    def _connect_signals(self) -> None:
        for key, b in self.step_buttons.items():
            b.clicked.connect(getattr(self, f"_on_{key}_requested"))
        for key, b in self.print_buttons.items():
            b.clicked.connect(lambda _checked=False, k=key: self.print_paper(k))
        self.close_button.clicked.connect(self.reject)

    # -- showing -------------------------------------------------------------------------
    def fill(self) -> None:
        d = self.row
        self.setWindowTitle(_("Hồ sơ {code}").format(code=d.code))
        self.heading.setText(_("{code} · {status}").format(code=d.code, status=status_text(d)))
        overdue = d.overdue(now())
        self.late.setText(_("Quá hạn từ {when}").format(when=moment(d.due_at)) if overdue else "")
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        for i, (name, value) in enumerate(details_pairs(d)):
            r, c = divmod(i, 2)
            title = QLabel(name)
            title.setStyleSheet("color: #555;")
            shown = QLabel(value)
            shown.setWordWrap(True)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            top = Qt.AlignmentFlag.AlignTop
            self.grid.addWidget(title, r, c * 2, top | Qt.AlignmentFlag.AlignRight)
            self.grid.addWidget(shown, r, c * 2 + 1, top)
        self.events.set_rows(queries.events(self.ctx, d.id))
        actor = self.ctx.actor
        for key, (perm, statuses) in STEPS.items():
            self.step_buttons[key].setEnabled(actor.can(perm) and d.status in statuses)
        apology = self.step_buttons["apology"]
        apology.setStyleSheet(f"color: {OVERDUE.name()}; font-weight: bold;" if overdue else "")
        kinds = {e.kind for e in self.events.rows()}
        self.print_buttons["supplement"].setEnabled("supplement_requested" in kinds)
        self.print_buttons["refusal"].setEnabled(d.status == S.REFUSED)
        self.print_buttons["apology"].setEnabled(d.apologies > 0)

    def show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def _reload(self, row: DossierRow | None = None, notice: str = "") -> None:
        self.row = row or queries.get_dossier(self.ctx, self.row.id)
        self.fill()
        self.show_notice(notice)

    def _run(self, call, notice=lambda row: "") -> DossierRow | None:
        """A step without a form: a DomainError is shown, nothing was written."""
        try:
            row = call()
        except DomainError as exc:
            show_error(self, exc)
            return None
        self._reload(row, notice(row))
        return row

    # -- steps -----------------------------------------------------------------------------
    def _on_hand_over_requested(self) -> None:
        officers = staff.list_users(self.ctx, include_inactive=False)
        row = actions.HandOverDialog.ask(self, lambda v: lifecycle.hand_over(
            self.ctx, self.row.id, v["to_user_id"], v["note"]), row=self.row, officers=officers)
        if row is not None:
            self._reload(row, _("Đã chuyển hồ sơ cho {name}.").format(name=row.handler))

    def _on_supplement_requested(self) -> None:
        try:
            suggestions = procedures.get_procedure(self.ctx, self.row.procedure_id).documents
        except DomainError:
            suggestions = []
        row = actions.SupplementDialog.ask(
            self, lambda v: lifecycle.request_supplement(self.ctx, self.row.id, v["documents"],
                                                         v["reason"], v["contact"]),
            row=self.row, suggestions=suggestions, contact=self.ctx.actor.full_name)
        if row is not None:
            self._reload(row, _("Đã ghi yêu cầu bổ sung; thời hạn tạm dừng. In Phiếu bổ sung "
                                "(Mẫu 02) để giao công dân."))

    def _on_supplement_received_requested(self) -> None:
        if not MessageBox.ask(self, _("Đã nhận bổ sung"),
                              _("Công dân đã nộp đủ giấy tờ bổ sung cho hồ sơ {code}? Ngày hẹn trả "
                                "sẽ được tính lại.").format(code=self.row.code),
                              yes=_("Đã nhận đủ")):
            return
        try:
            row, lines = lifecycle.supplement_received(self.ctx, self.row.id)
        except DomainError as exc:
            show_error(self, exc)
            return
        self._reload(row, "\n".join(lines))

    def _on_ready_requested(self) -> None:
        self._run(lambda: lifecycle.mark_ready(self.ctx, self.row.id),
                  lambda row: _("Đã ghi nhận có kết quả; hồ sơ chờ trả cho công dân."))

    def _on_return_requested(self) -> None:
        try:
            event = procedures.get_procedure(self.ctx, self.row.procedure_id).civil_event
        except DomainError:
            event = None
        label = _(CIVIL_EVENT_LABELS[event]).lower() if event in CIVIL_EVENT_LABELS else ""
        row = actions.ReturnDialog.ask(
            self, lambda v: lifecycle.return_result(self.ctx, self.row.id, **v),
            row=self.row, event_label=label, death=event == CivilEvent.DEATH)
        if row is not None:
            self._reload(row, _("Đã trả kết quả lúc {when}: {outcome}.").format(
                when=moment(row.finished_at), outcome=outcome_text(row)))

    def _on_refuse_requested(self) -> None:
        row = ReasonDialog.ask(
            self, lambda v: lifecycle.refuse(self.ctx, self.row.id, v["reason"]),
            title=_("Từ chối giải quyết hồ sơ {code}").format(code=self.row.code),
            label=_("Lý do từ chối:"), ok_text=_("Từ chối"))
        if row is not None:
            self._reload(row, _("Đã ghi từ chối. In Phiếu từ chối (Mẫu 03) để giao công dân."))

    def _on_withdraw_requested(self) -> None:
        row = ReasonDialog.ask(
            self, lambda v: lifecycle.withdraw(self.ctx, self.row.id, v["reason"]),
            title=_("Công dân rút hồ sơ {code}").format(code=self.row.code),
            label=_("Lý do rút hồ sơ:"), ok_text=_("Ghi rút hồ sơ"))
        if row is not None:
            self._reload(row, _("Đã ghi công dân rút hồ sơ."))

    def _on_apology_requested(self) -> None:
        base = max(self.row.due_at, now())
        try:  # the next working day at the appointment's hour; the officer changes it at will
            day = load_calendar(self.ctx, base.year, base.year + 1).next_working_day(base.date())
        except DomainError:
            day = base.date() + dt.timedelta(days=1)
        suggested = dt.datetime.combine(day, self.row.due_at.time())
        row = actions.ApologyDialog.ask(
            self, lambda v: lifecycle.apologise(self.ctx, self.row.id, v["reason"],
                                                v["new_due_at"]),
            row=self.row, suggested=suggested)
        if row is not None:
            self._reload(row, _("Đã hẹn lại ngày trả: {when}. In Phiếu xin lỗi (Mẫu 04) để gửi "
                                "công dân.").format(when=moment(row.due_at)))

    def _on_correct_requested(self) -> None:
        row = actions.CorrectionDialog.ask(
            self, lambda v: lifecycle.correct(self.ctx, self.row.id, v["reason"], **v["changes"]),
            row=self.row)
        if row is not None:
            self._reload(row, _("Đã sửa hồ sơ; nhật ký giữ cả giá trị cũ và mới."))

    # -- papers ------------------------------------------------------------------------------
    def print_paper(self, name: str) -> None:
        """Build Mẫu 01–05 on the worker and open the preview."""
        if self.print_runner.running:
            return
        paper, ctx, dossier_id = PAPERS[name], self.ctx, self.row.id
        self.print_runner.start(lambda: paper(ctx, dossier_id))

    def done(self, result: int) -> None:
        if self.print_runner.running:
            self.print_runner.wait()
        super().done(result)

