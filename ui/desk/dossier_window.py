"""One dossier: its data, the Phiếu kiểm soát (who did what, when, to whom), the steps its
status and the user's role allow, and the desk's papers (Mẫu 01–05).

Which steps and papers are offered is app.desk.steps' answer (the table the service
enforces); each step is one call of `app.desk.lifecycle` (one unit of work); after it the
window reads the dossier again; the tab's list and counters follow from what the step wrote
(app.changes).
"""

from __future__ import annotations

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

from app import procedures
from app.context import AppContext
from app.desk import assign, civil, forms, lifecycle, queries, steps
from app.desk.clock import now
from app.desk.types import DossierRow, Paper, Step
from app.errors import DomainError
from app.i18n import _
from app.l10n import short_moment
from app.labels import label
from ui.common.errors import MessageBox, show_error
from ui.common.forms import ReasonDialog
from ui.common.models import ListTableModel
from ui.desk import actions
from ui.desk.columns import EVENT_COLUMNS, OVERDUE
from ui.desk.details import details_pairs
from ui.preview import PrintRunner

STEP_TEXTS = {
    Step.HAND_OVER: (lambda: _("&Chuyển xử lý…"), lambda: _("Giao hồ sơ cho cán bộ xử lý")),
    Step.SUPPLEMENT: (lambda: _("Yêu cầu &bổ sung…"),
                      lambda: _("Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ; thời hạn tạm dừng")),
    Step.SUPPLEMENT_RECEIVED: (lambda: _("Đã &nhận bổ sung"),
                               lambda: _("Công dân đã nộp đủ giấy tờ bổ sung; tính lại ngày hẹn")),
    Step.READY: (lambda: _("Có &kết quả…"),
                 lambda: _("Kết quả đã về Bộ phận một cửa, chờ trả (ghi cán bộ đã hoàn thành)")),
    Step.RETURN: (lambda: _("&Trả kết quả…"), lambda: _("Trả kết quả cho công dân")),
    Step.REFUSE: (lambda: _("Từ c&hối…"), lambda: _("Từ chối giải quyết, ghi rõ lý do (Mẫu 03)")),
    Step.WITHDRAW: (lambda: _("Công dân &rút hồ sơ…"), lambda: _("Công dân xin rút hồ sơ")),
    Step.APOLOGY: (lambda: _("&Xin lỗi, hẹn lại…"),
                   lambda: _("Phiếu xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04)")),
    Step.CORRECT: (lambda: _("&Sửa (quản trị)…"),
                   lambda: _("Sửa hồ sơ đã kết thúc, kèm lý do (chỉ quản trị hệ thống)")),
}
# the papers of the print buttons: jobs of app.desk.forms, each (ctx, dossier id) → Printout
PAPERS = {Paper.SLIP: forms.slip, Paper.SUPPLEMENT: forms.supplement,
          Paper.REFUSAL: forms.refusal, Paper.APOLOGY: forms.apology,
          Paper.CONTROL: forms.control}
PRINTS = {
    Paper.SLIP: (lambda: _("Giấy tiếp nhận (Mẫu 0&1)"),
                 lambda: _("Giấy tiếp nhận hồ sơ và hẹn trả kết quả")),
    Paper.SUPPLEMENT: (lambda: _("Phiếu bổ sung (0&2)"),
                       lambda: _("Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ")),
    Paper.REFUSAL: (lambda: _("Phiếu từ chối (0&3)"),
                    lambda: _("Phiếu từ chối tiếp nhận giải quyết hồ sơ")),
    Paper.APOLOGY: (lambda: _("Phiếu xin lỗi (0&4)"),
                    lambda: _("Phiếu xin lỗi và hẹn lại ngày trả kết quả")),
    Paper.CONTROL: (lambda: _("Phiếu kiểm soát (0&5)"),
                    lambda: _("Phiếu kiểm soát quá trình giải quyết hồ sơ")),
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
        for i, w in enumerate((17, 18, 38, 20)):
            self.events_table.setColumnWidth(i, w * chars + 16)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        events = QGroupBox(_("Quá trình giải quyết (Phiếu kiểm soát)"))
        QVBoxLayout(events).addWidget(self.events_table)
        self.step_buttons = {k: self._button(*texts) for k, texts in STEP_TEXTS.items()}
        self.print_buttons = {k: self._button(*texts) for k, texts in PRINTS.items()}
        step_row = QHBoxLayout()
        for b in self.step_buttons.values():
            step_row.addWidget(b)
        step_row.addStretch(1)
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
        layout.addLayout(step_row)
        layout.addLayout(prints)

    def _button(self, text, tip) -> QPushButton:
        b = QPushButton(text())
        b.setToolTip(tip())
        b.setAutoDefault(False)
        return b

    def _connect_signals(self) -> None:
        slots = {
            Step.HAND_OVER: self._on_hand_over_requested,
            Step.SUPPLEMENT: self._on_supplement_requested,
            Step.SUPPLEMENT_RECEIVED: self._on_supplement_received_requested,
            Step.READY: self._on_ready_requested,
            Step.RETURN: self._on_return_requested,
            Step.REFUSE: self._on_refuse_requested,
            Step.WITHDRAW: self._on_withdraw_requested,
            Step.APOLOGY: self._on_apology_requested,
            Step.CORRECT: self._on_correct_requested,
        }
        for key, b in self.step_buttons.items():
            b.clicked.connect(slots[key])
        for key, b in self.print_buttons.items():
            b.clicked.connect(lambda _checked=False, k=key: self.print_paper(k))
        self.close_button.clicked.connect(self.reject)

    # -- showing -------------------------------------------------------------------------
    def fill(self) -> None:
        d = self.row
        self.setWindowTitle(_("Hồ sơ {code}").format(code=d.code))
        self.heading.setText(_("{code} · {status}").format(code=d.code, status=label(d.status)))
        overdue = d.overdue(now())
        self.late.setText(_("Quá hạn từ {when}").format(when=short_moment(d.due_at))
                          if overdue else "")
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget() is not None:  # hidden at once: deleted when the loop runs
                item.widget().hide()
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
        allowed = steps.allowed_steps(self.ctx.user, d.status)
        for key, button in self.step_buttons.items():
            button.setEnabled(key in allowed)
        apology = self.step_buttons[Step.APOLOGY]
        apology.setStyleSheet(f"color: {OVERDUE.name()}; font-weight: bold;" if overdue else "")
        printable = steps.papers(d.status, [e.kind for e in self.events.rows()], d.apologies)
        for key, button in self.print_buttons.items():
            button.setEnabled(key in printable)

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
        try:
            choices = assign.hand_over_choices(self.ctx, self.row.id)
        except DomainError as exc:
            show_error(self, exc)
            return
        row = actions.HandOverDialog.ask(self, lambda v: lifecycle.hand_over(
            self.ctx, self.row.id, v["to_user_id"], v["note"]), row=self.row, choices=choices)
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
            row=self.row, suggestions=suggestions, contact=self.ctx.user.full_name)
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
        d, me = self.row, self.ctx.user.full_name
        finisher = d.handler or me
        question = _("Ghi nhận hồ sơ {code} đã có kết quả, chờ trả cho công dân?").format(
            code=d.code) + "\n\n" + _("Người hoàn thành: {finisher}. Người ghi nhận: {me}.").format(
            finisher=finisher, me=me)
        if not MessageBox.ask(self, _("Có kết quả"), question, yes=_("Ghi nhận có kết quả")):
            return
        self._run(lambda: lifecycle.mark_ready(self.ctx, self.row.id),
                  lambda row: _("Đã ghi nhận có kết quả của {finisher}; hồ sơ chờ trả cho công "
                                "dân.").format(finisher=finisher))

    def _on_return_requested(self) -> None:
        try:
            offer = civil.offer(self.ctx, self.row.id)
        except DomainError as exc:
            show_error(self, exc)
            return
        row = actions.ReturnDialog.ask(
            self, lambda v: lifecycle.return_result(self.ctx, self.row.id, **v),
            row=self.row, offer=offer)
        if row is None:
            return
        notice = _("Đã trả kết quả lúc {when}: {outcome}.").format(
            when=short_moment(row.finished_at), outcome=label(row.outcome))
        if row.registered_person:
            notice += " " + _("Người được đăng ký: {name}.").format(name=row.registered_person)
        self._reload(row, notice)

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
        try:  # the officer changes the suggested date at will
            suggested = lifecycle.suggest_new_due(self.ctx, self.row.id)
        except DomainError as exc:
            show_error(self, exc)
            return
        row = actions.ApologyDialog.ask(
            self, lambda v: lifecycle.apologise(self.ctx, self.row.id, v["reason"],
                                                v["new_due_at"]),
            row=self.row, suggested=suggested)
        if row is not None:
            self._reload(row, _("Đã hẹn lại ngày trả: {when}. In Phiếu xin lỗi (Mẫu 04) để gửi "
                                "công dân.").format(when=short_moment(row.due_at)))

    def _on_correct_requested(self) -> None:
        row = actions.CorrectionDialog.ask(
            self, lambda v: lifecycle.correct(self.ctx, self.row.id, v["reason"], **v["changes"]),
            row=self.row)
        if row is not None:
            self._reload(row, _("Đã sửa hồ sơ; nhật ký giữ cả giá trị cũ và mới."))

    # -- papers ------------------------------------------------------------------------------
    def print_paper(self, name: Paper | str) -> None:
        """Build Mẫu 01–05 on the worker and open the preview."""
        if self.print_runner.running:
            return
        paper, ctx, dossier_id = PAPERS[Paper(name)], self.ctx, self.row.id
        self.print_runner.start(lambda: paper(ctx, dossier_id))

    def done(self, result: int) -> None:
        if self.print_runner.running:
            self.print_runner.wait()
        super().done(result)
