"""The "Tiếp công dân" page of the tab "Đơn thư & Tiếp công dân": the register of visits
(filters, lazy list, a visit written or read), the month's schedule (planned, an extra session,
a day held; the weeks with no day held in red) and the two papers. `build_reception_page(ctx)`
gives the page and its controller; the tab places it on its second sub-tab.

The page refreshes itself from what a write changed (topics RECEPTION, PETITIONS): a visit
that registered a petition shows in the petitions' list, a petition classified shows here.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut

from app import validators
from app.changes import Topic
from app.context import AppContext
from app.errors import DomainError
from app.i18n import _
from app.l10n import short_date, today
from app.labels import choices
from app.reception import papers, queries, schedule, visits
from app.reception.types import Filters, PetitionKind, VisitHandling, VisitRow
from ui.common.changes import ChangeWatch
from ui.common.errors import MessageBox, show_error
from ui.common.filtered_list import FilteredList
from ui.common.formats import count_text
from ui.common.ui_state import ColumnWidths
from ui.common.widgets import set_choices
from ui.petitions.reception_dialogs import VisitDetails, VisitDialog, can_plan, can_receive
from ui.petitions.reception_plan import HeldDialog, PlanDialog, SessionDialog
from ui.petitions.reception_view import VISIT_COLUMNS, DayModel, ReceptionView, VisitModel
from ui.preview import PrintRunner


def period_end(text: str | None) -> dt.date | None:
    """'2023' as an end date is the last day of that year."""
    if text and text.strip().isdigit() and len(text.strip()) == 4:
        return dt.date(int(text.strip()), 12, 31)
    return validators.parse_date(text, _("Đến ngày"))


class ReceptionController(QObject):
    visit_recorded = Signal(object)  # the VisitRow just written
    schedule_changed = Signal()

    def __init__(self, view: ReceptionView, ctx: AppContext):
        super().__init__(view)
        self.view = view
        self.ctx = ctx
        first = today().replace(day=1)
        self.month = (first.year, first.month)
        self.model = VisitModel(VISIT_COLUMNS, lambda ids: queries.get_visits(ctx, ids), view)
        self.list = FilteredList(view.table, self.model, self.query, error=view.filter_error,
                                 count_label=view.count_label, count=self.count_text)
        self.days = DayModel(view)
        view.days_table.setModel(self.days)
        view.set_column_widths()
        self.widths = [ColumnWidths(view.table, ctx, "reception-register"),
                       ColumnWidths(view.days_table, ctx, "reception-days")]
        self.print_runner = PrintRunner(view)
        self.shortcuts = {name: [QShortcut(QKeySequence(k), view) for k in keys]
                          for name, keys in (("new", (QKeySequence.StandardKey.New,)),
                                             ("refresh", ("F5",)),
                                             ("prev", (QKeySequence.StandardKey.MoveToPreviousPage,)),
                                             ("next", (QKeySequence.StandardKey.MoveToNextPage,)))}
        for keys in self.shortcuts.values():
            for s in keys:
                s.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._fill_choices()
        self._permissions()
        self._connect_signals()
        self.list.reload()
        self.show_month()
        self.watch = ChangeWatch(view, ctx, {Topic.RECEPTION, Topic.PETITIONS, Topic.USERS},
                                 self._on_records_changed)

    def _connect_signals(self) -> None:
        v = self.view
        self.list.watch(v.start, v.end, v.kind, v.handling, v.search)
        self.list.selection_changed.connect(self._on_selection_changed)
        v.table.activated.connect(self._on_row_activated)
        v.new_button.clicked.connect(self.new_visit)
        v.show_button.clicked.connect(self.show_visit)
        v.print_button.clicked.connect(self.print_register)
        v.refresh_button.clicked.connect(self.refresh)
        v.prev_button.clicked.connect(lambda: self.move_month(-1))
        v.next_button.clicked.connect(lambda: self.move_month(1))
        v.plan_button.clicked.connect(self.plan)
        v.session_button.clicked.connect(self.add_session)
        v.held_button.clicked.connect(self.mark_held)
        v.print_schedule_button.clicked.connect(self.print_schedule)
        v.days_table.activated.connect(lambda _i: self.mark_held())
        v.days_table.selectionModel().selectionChanged.connect(self._on_day_selected)
        for name, slot in (("new", self.new_visit), ("refresh", self.refresh),
                           ("prev", lambda: self.move_month(-1)),
                           ("next", lambda: self.move_month(1))):
            for s in self.shortcuts[name]:
                s.activated.connect(slot)

    def _fill_choices(self) -> None:
        v = self.view
        set_choices(v.kind, [(_("Mọi loại"), None)]
                    + [(t, k.value) for k, t in choices(PetitionKind)])
        set_choices(v.handling, [(_("Mọi cách xử lý"), None)]
                    + [(t, h.value) for h, t in choices(VisitHandling)])

    def _permissions(self) -> None:
        v = self.view
        v.new_button.setEnabled(can_receive(self.ctx))
        for b in (v.plan_button, v.session_button):
            b.setEnabled(can_plan(self.ctx))
        v.held_button.setEnabled(False)

    # -- the register --------------------------------------------------------------------------
    def filters(self) -> Filters:
        v = self.view
        start = validators.parse_date(v.start.value(), _("Từ ngày"))
        end = period_end(v.end.value())
        if start and end and end < start:
            raise DomainError(_("“Đến ngày” phải sau “Từ ngày”."))
        return Filters(start=start, end=end, kind=v.kind.currentData(),
                       handling=v.handling.currentData(), text=v.search.text())

    def query(self) -> list[int]:
        f = self.filters()
        ids = queries.search_ids(self.ctx, f)
        start = f.start or dt.date(today().year, 1, 1)
        end = f.end or today()
        held = schedule.held_count(self.ctx, start, end)
        self.view.summary_label.setText(_("Từ {start} đến {end}: đã tổ chức {all} buổi tiếp "
                                          "({regular} định kỳ, {extra} đột xuất).").format(
            start=short_date(start), end=short_date(end), **held))
        return ids

    def count_text(self, total: int) -> str:
        # TRANSLATORS: the count under the reception register, e.g. "87 lượt tiếp"
        return _("{count} lượt tiếp").format(count=count_text(total))

    def _on_selection_changed(self) -> None:
        self.view.show_button.setEnabled(self.list.selected_id() is not None)
        self.view.print_button.setEnabled(True)

    def _on_row_activated(self, _index) -> None:
        self.show_visit()

    def new_visit(self) -> VisitRow | None:
        """The visit form; the visit it wrote (and the petition it registered, said)."""
        if not can_receive(self.ctx):
            return None
        row = VisitDialog.ask(self.view, lambda data: visits.record_visit(self.ctx, data),
                              ctx=self.ctx)
        if row is None:
            return None
        self.list.reload(keep=[row.id])
        if row.petition_reference:
            MessageBox.inform(self.view, _("Đã nhận đơn"), _(
                "Đã ghi lượt tiếp và nhận đơn số {ref} vào sổ theo dõi đơn thư; đơn chờ phân "
                "loại, xử lý.").format(ref=row.petition_reference))
        self.visit_recorded.emit(row)
        return row

    def show_visit(self) -> None:
        visit_id = self.list.selected_id()
        if visit_id is None:
            return
        try:
            row = queries.get_visit(self.ctx, visit_id, reveal=True)
        except DomainError as exc:
            show_error(self.view, exc)
            return
        VisitDetails.ask(self.view, lambda _values: None, row=row)

    def print_register(self) -> bool:
        if self.print_runner.running:
            return False
        try:
            f = self.filters()
        except DomainError as exc:
            show_error(self.view, exc)
            return False
        start = f.start or dt.date(today().year, 1, 1)
        end = f.end or today()
        self.print_runner.start(lambda: papers.register_paper(self.ctx, start, end),
                                _("Đang chuẩn bị sổ tiếp công dân…"))
        return True

    # -- the schedule ---------------------------------------------------------------------------
    def show_month(self) -> None:
        year, month = self.month
        start, end = schedule.month_span(year, month)
        keep = self.selected_day()
        self.days.today = today()
        self.days.set_rows(schedule.days(self.ctx, start, end))
        if keep is not None:
            row = self.days.row_of(keep.id)
            if row >= 0:
                self.view.days_table.selectRow(row)
        self.view.month_label.setText(_("Tháng {month:02d}/{year}").format(month=month,
                                                                          year=year))
        missed = schedule.weeks_without_held_day(self.ctx, start, end)
        self.view.missed_label.setText(
            _("Tuần không tổ chức tiếp công dân: {weeks}.").format(weeks=", ".join(
                f"{short_date(w.monday)[:5]}–{short_date(w.sunday)}" for w in missed))
            if missed else "")
        this_year = schedule.weeks_without_held_day(self.ctx, dt.date(today().year, 1, 1))
        self.view.year_label.setText(
            _("Từ đầu năm {year}: {count} tuần không có buổi tiếp nào được tổ chức.").format(
                year=today().year, count=len(this_year)) if this_year else
            _("Từ đầu năm {year}: tuần nào cũng có buổi tiếp công dân.").format(
                year=today().year))
        self.view.year_label.setStyleSheet("color: #b00020;" if this_year else "color: #2e7d32;")
        self._on_day_selected()

    def move_month(self, step: int) -> None:
        year, month = self.month
        month += step
        year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
        self.month = (year, month)
        self.show_month()

    def selected_day(self):
        rows = self.view.days_table.selectionModel().selectedRows() \
            if self.view.days_table.selectionModel() else []
        return self.days.row_at(rows[0].row()) if rows else None

    def _on_day_selected(self, *_args) -> None:
        self.view.held_button.setEnabled(can_plan(self.ctx) and self.selected_day() is not None)

    def plan(self):
        if not can_plan(self.ctx):
            return None
        year, month = self.month

        def submit(values: dict):
            kw = {k: values[k] for k in ("hours", "place", "host_id")}
            if values["month"] is None:
                return schedule.plan_year(self.ctx, values["year"], values["weekday"], **kw)
            return schedule.plan_month(self.ctx, values["year"], values["month"],
                                       values["weekday"], **kw)

        result = PlanDialog.ask(self.view, submit, ctx=self.ctx, year=year, month=month)
        if result is None:
            return None
        said = _("Đã lập {count} ngày tiếp định kỳ.").format(count=len(result.created))
        if result.moved:
            said += " " + _("Dời vì trùng ngày nghỉ: {days}.").format(days=", ".join(
                f"{short_date(a)} → {short_date(b)}" for a, b in result.moved))
        if result.skipped:
            said += " " + _("Bỏ qua {count} tuần đã có lịch hoặc không có ngày làm việc.").format(
                count=len(result.skipped))
        MessageBox.inform(self.view, _("Lập lịch tiếp công dân"), said)
        self.show_month()
        self.schedule_changed.emit()
        return result

    def add_session(self):
        if not can_plan(self.ctx):
            return None
        year, month = self.month
        start = dt.date(year, month, 1)
        day = today() if (today().year, today().month) == self.month else start
        row = SessionDialog.ask(self.view, lambda v: schedule.add_session(self.ctx, **v),
                                ctx=self.ctx, day=day)
        if row is not None:
            self.show_month()
            self.schedule_changed.emit()
        return row

    def mark_held(self):
        day = self.selected_day()
        if day is None or not can_plan(self.ctx):
            return None
        row = HeldDialog.ask(self.view, lambda v: schedule.mark_held(
            self.ctx, day.id, v["held"], v["note"]), row=day)
        if row is not None:
            self.show_month()
            self.schedule_changed.emit()
        return row

    def print_schedule(self) -> bool:
        if self.print_runner.running:
            return False
        year, month = self.month
        self.print_runner.start(lambda: papers.schedule_paper(self.ctx, year, month),
                                _("Đang chuẩn bị lịch tiếp công dân…"))
        return True

    # -- the page -------------------------------------------------------------------------------
    def refresh(self) -> None:
        """F5 (another computer may have written), or a write told: read everything again."""
        self._fill_choices()
        self.list.reload()
        self.show_month()

    def _on_records_changed(self, _topics) -> None:
        self.refresh()

    def close_windows(self) -> None:
        if self.print_runner.running:
            self.print_runner.wait()


def build_reception_page(ctx: AppContext) -> tuple[ReceptionView, ReceptionController]:
    view = ReceptionView()
    return view, ReceptionController(view, ctx)
