"""The desk tab's layout: lookup, attention buckets, filters, the list, actions. Widgets only;
`DeskController` fills them and wires the signals."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import N_, _
from ui.common.widgets import (
    DateField,
    ErrorLabel,
    SearchBox,
    list_table,
    page_heading,
    tidy_tab_order,
)
from ui.desk.columns import OVERDUE

# the attention buckets (keys of app.desk.queries.attention) and "every dossier"
BUCKETS = {
    "overdue": N_("Quá hạn"),
    "today": N_("Hẹn trả hôm nay"),
    "tomorrow": N_("Hẹn trả ngày làm việc tới"),
    "ready": N_("Có kết quả, chờ trả"),
    "supplement": N_("Chờ bổ sung"),
    "condolence": N_("Chưa gửi thư chia buồn"),  # past its two working days (the Thư tab)
    "all": N_("Tất cả hồ sơ"),
}


class DeskView(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._shown_once = False
        self.heading = page_heading(_("Tiếp nhận & trả kết quả"))
        self.lookup = QLineEdit()
        self.lookup.setClearButtonEnabled(True)
        self.lookup.setPlaceholderText(_("Quét mã QR, hoặc gõ mã hồ sơ, họ tên, điện thoại rồi "
                                         "Enter"))
        self.lookup.setMinimumWidth(self.fontMetrics().averageCharWidth() * 62)
        lookup_label = QLabel(_("Tra cứu (F2):"))
        lookup_label.setBuddy(self.lookup)
        self.lookup_status = QLabel()
        self.lookup_status.setStyleSheet(f"color: {OVERDUE.name()};")
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(self.lookup_status)
        top.addWidget(lookup_label)
        top.addWidget(self.lookup)
        self._build_buckets()
        self._build_filters()
        self._build_table()
        self._build_buttons()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(self.bucket_row)
        layout.addLayout(self.filter_rows[0])
        layout.addLayout(self.filter_rows[1])
        layout.addWidget(self.filter_error)
        layout.addWidget(self.table, 1)
        layout.addLayout(self.button_row)

    # -- parts ---------------------------------------------------------------------------
    def _build_buckets(self) -> None:
        self.bucket_group = QButtonGroup(self)
        self.bucket_group.setExclusive(True)
        self.bucket_buttons: dict[str, QPushButton] = {}
        self.bucket_row = QHBoxLayout()
        self.bucket_row.setSpacing(6)
        for key in BUCKETS:
            b = QPushButton()
            b.setCheckable(True)
            b.setAutoDefault(False)
            b.setProperty("bucket", key)
            b.setMinimumHeight(self.fontMetrics().height() + 16)
            self.bucket_group.addButton(b)
            self.bucket_buttons[key] = b
            self.bucket_row.addWidget(b)
        self.bucket_row.addStretch(1)
        self.list_title = QLabel()
        self.list_title.setStyleSheet("font-weight: bold;")
        self.bucket_row.addWidget(self.list_title)

    def set_bucket_count(self, key: str, count: int | None) -> None:
        b = self.bucket_buttons[key]
        b.setText(_(BUCKETS[key]) if count is None else
                  _("{bucket}: {count}").format(bucket=_(BUCKETS[key]), count=count))
        red = key in ("overdue", "condolence") and count
        b.setStyleSheet(f"QPushButton {{ color: {OVERDUE.name()}; font-weight: bold; }}"
                        if red else "")

    def _build_filters(self) -> None:
        self.start, self.end = DateField(), DateField()
        self.status, self.channel, self.handler = QComboBox(), QComboBox(), QComboBox()
        self.procedure, self.field = QComboBox(), QComboBox()
        self.procedure.setMinimumContentsLength(40)
        self.procedure.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.field.setMinimumContentsLength(14)
        self.search = SearchBox(_("Tìm mã, họ tên, số điện thoại (gõ không dấu cũng được)…"))
        first, second = QHBoxLayout(), QHBoxLayout()
        for row, label, w in ((first, _("Tiếp nhận từ ngày:"), self.start),
                              (first, _("đến ngày:"), self.end),
                              (first, _("Trạng thái:"), self.status),
                              (first, _("Hình thức nộp:"), self.channel),
                              (first, _("Cán bộ xử lý:"), self.handler),
                              (second, _("Thủ tục:"), self.procedure),
                              (second, _("Lĩnh vực:"), self.field)):
            text = QLabel(label)
            text.setBuddy(w)
            row.addWidget(text)
            row.addWidget(w)
        first.addStretch(1)
        second.addWidget(self.search, 1)
        self.filter_rows = (first, second)
        self.filter_error = ErrorLabel()

    def _build_table(self) -> None:
        self.table = list_table(self)

    def set_column_widths(self) -> None:
        """The procedure's name takes what the other columns leave."""
        fm = self.fontMetrics()
        chars = fm.averageCharWidth()
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        # codes and times are digits, wider than the average letter: measured, not counted
        # (at 1280 pixels the procedure's short name keeps about 30 letters)
        day, moment = (fm.horizontalAdvance(t) + 14 for t in ("00/00/0000", "00:00 00/00/0000"))
        widths = (fm.horizontalAdvance("000.00.00.H00-000000-0000") + 14, 30 * chars,
                  20 * chars, day, moment, 17 * chars, 16 * chars)
        for i, w in enumerate(widths):
            self.table.setColumnWidth(i, w)
            header.setSectionResizeMode(i, QHeaderView.ResizeMode.Stretch if i == 1
                                        else QHeaderView.ResizeMode.Interactive)

    def _build_buttons(self) -> None:
        # the shortcut on the button itself: a clerk learns it by reading, not by hovering
        self.receive_button = QPushButton(_("&Tiếp nhận hồ sơ… (F3)"))
        self.receive_button.setToolTip(_("Tiếp nhận hồ sơ mới (Ctrl+N hoặc F3)"))
        self.open_button = QPushButton(_("&Mở hồ sơ"))
        self.open_button.setToolTip(_("Mở hồ sơ đang chọn (Enter hoặc nhấp đúp)"))
        self.reports_button = QPushButton(_("Sổ sách, &báo cáo"))
        menu = QMenu(self.reports_button)
        self.ledger_action = QAction(_("Sổ theo dõi hồ sơ…"), menu)
        self.stats_action = QAction(_("Thống kê kết quả giải quyết TTHC…"), menu)
        self.fee_list_action = QAction(_("Bảng kê thu phí, lệ phí…"), menu)
        self.fee_board_action = QAction(_("Niêm yết phí, lệ phí"), menu)
        for a in (self.ledger_action, self.stats_action, self.fee_list_action,
                  self.fee_board_action):
            menu.addAction(a)
        self.reports_button.setMenu(menu)
        self.refresh_button = QPushButton(_("Làm mới (F5)"))
        self.count_label = QLabel()
        self.button_row = QHBoxLayout()
        for b in (self.receive_button, self.open_button, self.reports_button,
                  self.refresh_button):
            b.setAutoDefault(False)
            self.button_row.addWidget(b)
        self.button_row.addStretch(1)
        self.button_row.addWidget(self.count_label)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            tidy_tab_order(self)
            self.lookup.setFocus()  # the scanner types into it from the first minute
