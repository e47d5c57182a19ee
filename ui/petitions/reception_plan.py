"""The schedule's forms: the regular day planned for a month or a year at once, an extra
session, a day marked held (or not, with the reason). app.reception.schedule checks the values;
its message is shown in the form, which stays open."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QWidget,
)

from app import users
from app.auth import Role
from app.context import AppContext
from app.i18n import _
from app.l10n import WEEKDAYS, short_date
from app.labels import choices, label
from app.reception import schedule
from app.reception.types import DEFAULT_HOURS, DayRow, ReceptionKind
from ui.common.forms import FormDialog, text_box
from ui.common.widgets import RequiredDateEdit
from ui.petitions.reception_dialogs import combo, select_data, staff_combo


def weekday_combo() -> QComboBox:
    return combo([(i, _(WEEKDAYS[i])) for i in schedule.WEEKDAYS])


class PlanDialog(FormDialog):
    """The regular day of every week of a month, or of a year, in one action."""

    def __init__(self, ctx: AppContext, year: int, month: int, parent: QWidget | None = None,
                 weekday: int = 4):
        super().__init__(_("Lập lịch tiếp công dân định kỳ"), parent, ok_text=_("Lập lịch"))
        self.month_choice = QRadioButton(_("Tháng {month:02d}/{year}").format(month=month,
                                                                              year=year))
        self.year_choice = QRadioButton(_("Cả năm {year}").format(year=year))
        self.month_choice.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.month_choice)
        group.addButton(self.year_choice)
        span = QHBoxLayout()
        span.addWidget(self.month_choice)
        span.addWidget(self.year_choice)
        span.addStretch(1)
        self.form.addRow(QLabel(_("Lập cho:")), span)
        self.year, self.month = year, month
        self.weekday = self.add_row(_("Ngày tiếp hằng tuần:"), weekday_combo())
        select_data(self.weekday, weekday)
        self.hours = self.add_row(_("Giờ tiếp:"), QLineEdit(DEFAULT_HOURS))
        self.place = self.add_row(_("Địa điểm:"), QLineEdit())
        self.place.setPlaceholderText(_("Trụ sở UBND xã (để trống)"))
        chairman = next((u.id for u in users.list_users(ctx, include_inactive=False)
                         if u.role == Role.CHAIRMAN), None)
        self.host = self.add_row(_("Người chủ trì:"), staff_combo(ctx, chairman))
        hint = QLabel(_("Ngày tiếp trùng ngày nghỉ được dời sang ngày làm việc khác trong cùng "
                        "tuần; tuần đã có ngày tiếp định kỳ thì giữ nguyên."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        self.form.addRow(hint)

    def values(self) -> dict:
        return {"year": self.year, "month": None if self.year_choice.isChecked() else self.month,
                "weekday": self.weekday.currentData(), "hours": self.hours.text(),
                "place": self.place.text(), "host_id": self.host.currentData()}


class SessionDialog(FormDialog):
    """One extra session (đột xuất) on the schedule."""

    def __init__(self, ctx: AppContext, day: dt.date, parent: QWidget | None = None):
        super().__init__(_("Thêm buổi tiếp công dân"), parent, ok_text=_("Thêm vào lịch"))
        self.day = self.add_row(_("Ngày:"), RequiredDateEdit())
        self.day.set_value(day)
        self.kind = self.add_row(_("Buổi:"), combo(choices(ReceptionKind)))
        select_data(self.kind, ReceptionKind.EXTRA)
        self.hours = self.add_row(_("Giờ tiếp:"), QLineEdit(DEFAULT_HOURS))
        self.place = self.add_row(_("Địa điểm:"), QLineEdit())
        chairman = next((u.id for u in users.list_users(ctx, include_inactive=False)
                         if u.role == Role.CHAIRMAN), None)
        self.host = self.add_row(_("Người chủ trì:"), staff_combo(ctx, chairman))
        self.note = self.add_row(_("Ghi chú:"), QLineEdit())

    def values(self) -> dict:
        return {"day": self.day.value(), "kind": self.kind.currentData(),
                "hours": self.hours.text(), "place": self.place.text(),
                "host_id": self.host.currentData(), "note": self.note.text()}


class HeldDialog(FormDialog):
    """Whether a day was held, with a note (the reason, when it was not)."""

    def __init__(self, row: DayRow, parent: QWidget | None = None):
        super().__init__(_("Ghi nhận buổi tiếp công dân"), parent)
        about = QLabel(_("{weekday}, {day} · {hours} · {kind} · chủ trì: {host}").format(
            weekday=_(WEEKDAYS[row.day.weekday()]), day=short_date(row.day), hours=row.hours,
            kind=label(row.kind), host=row.host or "—"))
        about.setWordWrap(True)
        self.form.addRow(about)
        self.held = self.add_row(_("Đã tổ chức:"), QCheckBox(_("Buổi tiếp đã được tổ chức")))
        self.held.setChecked(row.held or not row.note)
        self.note = self.add_row(_("Ghi chú:"), text_box(2))
        self.note.setPlainText(row.note)
        self.note.setPlaceholderText(_("Người chủ trì, số lượt; hoặc lý do không tổ chức"))

    def values(self) -> dict:
        return {"held": self.held.isChecked(), "note": self.note.toPlainText()}

