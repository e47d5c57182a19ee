"""The reception page's layout: the register of visits (filters, the lazy list, its buttons)
beside the month's schedule (its days, held or not, and the weeks with no day held in red).
Widgets and their models only; `ReceptionController` fills them and wires the signals."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.i18n import N_, _
from app.l10n import WEEKDAYS, short_date, short_moment
from app.labels import label
from ui.common.models import Column, IdTableModel, Index, ListTableModel
from ui.common.widgets import DateField, ErrorLabel, SearchBox, list_table, tidy_tab_order

RED = QColor("#b00020")
_RED = QBrush(RED)
_GREY = QBrush(QColor("#6a6a6a"))


def handling_text(v) -> str:
    """'Nhận đơn 05/2026', 'Trả lời trực tiếp', 'Hướng dẫn'."""
    if v.petition_reference:
        return _("Nhận đơn {ref}").format(ref=v.petition_reference)
    return label(v.handling)


def citizen_text(v) -> str:
    group = _(" (đoàn {n} người)").format(n=v.group_size) if v.group else ""
    return v.citizen_name + group


VISIT_COLUMNS = [
    Column(N_("Thời điểm"), lambda v: short_moment(v.visited_at)),
    Column(N_("Công dân"), citizen_text,
           tooltip=lambda v: " · ".join(p for p in (v.citizen_name, v.citizen_address,
                                                    v.citizen_phone or "") if p)),
    Column(N_("Loại"), lambda v: label(v.kind)),
    Column(N_("Nội dung"), lambda v: v.content, tooltip=True),
    Column(N_("Xử lý"), handling_text, tooltip=lambda v: v.answer),
    Column(N_("Người tiếp"), lambda v: v.received_by),
]


# TRANSLATORS: the weekdays, as short as a narrow column needs them (Thứ Hai … Chủ nhật)
SHORT_WEEKDAYS = (N_("T2"), N_("T3"), N_("T4"), N_("T5"), N_("T6"), N_("T7"), N_("CN"))


def day_text(d) -> str:
    return f"{_(SHORT_WEEKDAYS[d.day.weekday()])}, {short_date(d.day)}"


def held_text(d) -> str:
    if d.held:
        return _("Đã tiếp")
    return _("Không tổ chức") if d.note else _("Chưa ghi nhận")


DAY_COLUMNS = [
    Column(N_("Ngày"), day_text, tooltip=lambda d: _(WEEKDAYS[d.day.weekday()])),
    Column(N_("Giờ"), lambda d: d.hours),
    Column(N_("Buổi"), lambda d: label(d.kind, variant="short")),
    Column(N_("Tình hình"), held_text, tooltip=lambda d: d.note),
    Column(N_("Lượt"), lambda d: d.visits, align_right=True),
]


class VisitModel(IdTableModel):
    """The lazy register; a denunciation's masked visitor in grey."""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid():
            row = self.row_at(index.row())
            return _GREY if row is not None and row.identity_hidden else None
        return super().data(index, role)


class DayModel(ListTableModel):
    """The month's days; a day gone by and not held in red."""

    def __init__(self, parent=None):
        super().__init__(DAY_COLUMNS, parent)
        self.today = None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid():
            d = self.row_at(index.row())
            late = d is not None and not d.held and self.today is not None and d.day < self.today
            return _RED if late else None
        return super().data(index, role)


def _button(text: str, tip: str = "") -> QPushButton:
    b = QPushButton(text)
    b.setAutoDefault(False)
    if tip:
        b.setToolTip(tip)
    return b


class ReceptionView(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._tidied = False
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self._build_register())
        splitter.addWidget(self._build_schedule())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(splitter, 1)
        self.splitter = splitter

    # -- the register ----------------------------------------------------------------------
    def _build_register(self) -> QWidget:
        page = QWidget()
        title = QLabel(_("Sổ tiếp công dân"))
        title.setStyleSheet("font-weight: bold;")
        self.new_button = _button(_("Ghi lượt tiếp &mới…"),
                                  _("Ghi một lượt tiếp công dân vào sổ (Ctrl+N)"))
        self.show_button = _button(_("&Xem…"), _("Xem đầy đủ lượt tiếp đang chọn (Enter)"))
        self.print_button = _button(_("In &sổ tiếp…"),
                                    _("In sổ tiếp công dân của khoảng thời gian đang lọc"))
        self.refresh_button = _button(_("Làm mới (F5)"))
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        for b in (self.new_button, self.show_button, self.print_button, self.refresh_button):
            top.addWidget(b)
        self.start, self.end = DateField(), DateField()
        for w, tip in ((self.start, _("Tiếp từ ngày (gõ năm, ví dụ 2023, để lấy cả năm)")),
                       (self.end, _("Tiếp đến ngày (gõ năm, ví dụ 2023, để lấy cả năm)"))):
            w.setToolTip(tip)
            w.setFixedWidth(self.fontMetrics().horizontalAdvance("00/00/00000") + 24)
        self.kind, self.handling = QComboBox(), QComboBox()
        self.search = SearchBox(_("Tìm tên, điện thoại, nội dung (gõ không dấu cũng được)…"))
        filters = QHBoxLayout()
        for text, w in ((_("Từ ngày:"), self.start), (_("đến:"), self.end),
                        (_("Loại:"), self.kind), (_("Xử lý:"), self.handling)):
            caption = QLabel(text)
            caption.setBuddy(w)
            filters.addWidget(caption)
            filters.addWidget(w)
        filters.addWidget(self.search, 1)
        self.filter_error = ErrorLabel()
        self.table = list_table(self)
        self.count_label = QLabel()
        self.summary_label = QLabel()
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary_label, 1)
        bottom.addWidget(self.count_label)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 4, 0)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.filter_error)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        return page

    # -- the schedule ----------------------------------------------------------------------
    def _build_schedule(self) -> QWidget:
        page = QWidget()
        self.prev_button = _button("◀", _("Tháng trước (Page Up)"))
        self.next_button = _button("▶", _("Tháng sau (Page Down)"))
        for b in (self.prev_button, self.next_button):
            b.setFixedWidth(self.fontMetrics().horizontalAdvance("◀") + 24)
        self.month_label = QLabel()
        self.month_label.setStyleSheet("font-weight: bold;")
        self.month_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        head = QHBoxLayout()
        head.addWidget(self.prev_button)
        head.addWidget(self.month_label, 1)
        head.addWidget(self.next_button)
        self.days_table = list_table(self)
        self.missed_label = QLabel()
        self.missed_label.setWordWrap(True)
        self.missed_label.setStyleSheet(f"color: {RED.name()};")
        self.year_label = QLabel()
        self.year_label.setWordWrap(True)
        self.plan_button = _button(_("&Lập lịch…"), _("Lập lịch tiếp định kỳ cho một tháng hoặc "
                                                     "cả năm"))
        self.session_button = _button(_("Thêm &buổi…"), _("Thêm một buổi tiếp đột xuất"))
        self.held_button = _button(_("Ghi nhận đã &tiếp…"),
                                   _("Ghi buổi đang chọn đã tổ chức hay không, có ghi chú"))
        self.print_schedule_button = _button(_("In &lịch tháng…"),
                                             _("In thông báo lịch tiếp công dân của tháng "
                                               "để niêm yết"))
        buttons = QHBoxLayout()
        for b in (self.plan_button, self.session_button, self.held_button):
            buttons.addWidget(b)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(4, 0, 0, 0)
        caption = QLabel(_("Lịch tiếp công dân"))
        caption.setStyleSheet("font-weight: bold;")
        layout.addWidget(caption)
        layout.addLayout(head)
        layout.addWidget(self.days_table, 1)
        layout.addWidget(self.missed_label)
        layout.addWidget(self.year_label)
        layout.addLayout(buttons)
        layout.addWidget(self.print_schedule_button)
        return page

    # -- sizes and focus --------------------------------------------------------------------
    def set_column_widths(self) -> None:
        fm = self.fontMetrics()

        def fit(*samples: str) -> int:
            return max(fm.horizontalAdvance(t) for t in samples) + 16

        widths = [fit("00/00/0000 00:00"), fit("Nguyễn Thị Phương Thảo (đoàn 12)"),
                  fit("Kiến nghị"), None, fit("Trả lời trực tiếp", "Nhận đơn 00/0000"),
                  fit("Nguyễn Văn Thắng")]
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        for i, w in enumerate(widths):
            if w is None:
                header.setSectionResizeMode(i, QHeaderView.ResizeMode.Stretch)
            else:
                self.table.setColumnWidth(i, w)
        days = self.days_table.horizontalHeader()
        days.setStretchLastSection(False)
        for i, w in enumerate([fit("T5, 00/00/0000"), fit("00:00-00:00"), fit("Đột xuất"),
                               fit(_("Chưa ghi nhận")), fit("000")]):
            self.days_table.setColumnWidth(i, w)
        days.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.splitter.setSizes([840, 440])

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if not self._tidied:
            self._tidied = True
            tidy_tab_order(self)

