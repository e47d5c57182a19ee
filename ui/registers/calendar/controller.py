"""The holiday calendar (lịch nghỉ lễ, làm bù) of one year: add, rename and remove days.

Only days that differ from the usual week are listed; the public holidays of a year are
filled in by the service the first time the year is opened.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QComboBox, QLineEdit, QSpinBox, QWidget

from app import calendar
from app.auth import Permission
from app.calendar import MAX_YEAR, MIN_YEAR, DayInfo, DayKind, DaySource
from app.changes import Topic
from app.context import AppContext
from app.errors import DomainError
from app.i18n import N_, _
from app.l10n import weekday_name
from app.labels import choices, label
from ui.common.errors import MessageBox, show_error
from ui.common.forms import FormDialog
from ui.common.models import Column, ListTableModel
from ui.common.widgets import RequiredDateEdit
from ui.registers.common.controller import RegisterController
from ui.registers.common.view import RegisterView

COLUMNS = [
    Column(N_("Ngày"), lambda d: d.date.strftime("%d/%m/%Y")),
    Column(N_("Thứ"), lambda d: weekday_name(d.date)),
    Column(N_("Loại"), lambda d: label(d.kind, DayKind).capitalize()),
    Column(N_("Tên ngày nghỉ / lý do làm bù"), lambda d: d.name, tooltip=True),
    Column(N_("Nguồn"), lambda d: label(d.source, DaySource)),
]


class DayDialog(FormDialog):
    def __init__(self, title: str, parent: QWidget | None = None, day: DayInfo | None = None,
                 year: int | None = None):
        super().__init__(title, parent)
        self.date = self.add_row(_("Ngày:"), RequiredDateEdit())
        self.kind = QComboBox()
        for kind, text in choices(DayKind):
            self.kind.addItem(text.capitalize(), kind)
        self.add_row(_("Loại:"), self.kind)
        self.name = self.add_row(_("Tên ngày nghỉ / lý do:"), QLineEdit())
        self.name.setPlaceholderText(_("ví dụ: Nghỉ bù Quốc khánh"))
        if day is not None:
            self.date.set_value(day.date)
            self.kind.setCurrentIndex(self.kind.findData(day.kind))
            self.name.setText(day.name)
            self.date.setEnabled(False)
            self.kind.setEnabled(False)
        elif year is not None and year != dt.date.today().year:
            self.date.set_value(dt.date(year, 1, 1))

    def values(self) -> dict:
        return {"day": self.date.value(), "kind": self.kind.currentData(),
                "name": self.name.text()}


class CalendarController(RegisterController):
    unit = N_("ngày")
    topics = frozenset({Topic.CALENDAR})
    table_name = "calendar"

    def __init__(self, view: RegisterView, ctx: AppContext):
        super().__init__(view, ctx, ListTableModel(COLUMNS, view, key=lambda d: d.date))
        self.can_edit = ctx.user.can(Permission.EDIT_CALENDAR)
        self.year = view.add_filter(_("Năm:"), QSpinBox(minimum=MIN_YEAR, maximum=MAX_YEAR))
        self.year.setValue(dt.date.today().year)
        self.add_button = view.add_button(_("Thêm ngày"),
                                          _("Thêm ngày nghỉ hoặc ngày làm bù (Ctrl+N)"))
        self.edit_button = view.add_button(_("Đổi tên…"), _("Đổi tên ngày đang chọn (Enter)"))
        self.remove_button = view.add_button(_("Xóa khỏi lịch"))
        view.filters.addStretch(1)
        view.set_column_widths([11, 11, 13, 48, 22], stretch=3)
        self._connect_signals()
        self.reload()

    def _connect_signals(self) -> None:
        super()._connect_signals()
        self.list.watch(self.year)
        self.remove_button.clicked.connect(self._on_remove_requested)

    def query(self) -> list[DayInfo]:
        return calendar.list_days(self.ctx, self.year.value())

    def _update_buttons(self) -> None:
        super()._update_buttons()
        self.remove_button.setEnabled(self.can_edit and self.selected_row() is not None)

    def _on_add_requested(self) -> None:
        dlg = DayDialog(_("Thêm ngày nghỉ, ngày làm bù"), self.view, year=self.year.value())

        def save(d: dict) -> dt.date:
            calendar.add_day(self.ctx, d["day"], d["kind"], d["name"])
            return d["day"]
        dlg.submit = save
        self.open_dialog(dlg, self._on_day_saved)

    def _on_day_saved(self, day: dt.date) -> None:
        if day.year != self.year.value():
            self.year.setValue(day.year)  # reloads
        self.reload(keep_id=day)
        self.record_saved.emit(day)

    def _on_edit_requested(self) -> None:
        day = self.selected_row()
        if day is None:
            return
        dlg = DayDialog(_("Đổi tên ngày"), self.view, day=day)

        def save(d: dict) -> dt.date:
            calendar.rename_day(self.ctx, day.date, d["name"])
            return day.date
        dlg.submit = save
        self.open_dialog(dlg, self._on_day_saved)

    def _on_remove_requested(self) -> None:
        day = self.selected_row()
        if day is None:
            return
        text = _("Xóa ngày {date} ({name}) khỏi lịch?\n\nNgày này sẽ được tính như ngày thường "
                 "của tuần khi tính hạn giải quyết hồ sơ.").format(
            date=f"{day.date:%d/%m/%Y}", name=day.name)
        if not MessageBox.ask(self.view, _("Xác nhận"), text, yes=_("Xóa khỏi lịch")):
            return
        try:
            calendar.remove_day(self.ctx, day.date)
        except DomainError as exc:
            show_error(self.view, exc)
            return
        self.record_saved.emit(day.date)


def build(ctx: AppContext) -> tuple[RegisterView, CalendarController]:
    view = RegisterView(_("Lịch ngày nghỉ lễ, ngày làm bù"), "", with_search=False)
    return view, CalendarController(view, ctx)
