"""The tab's layout: "Đơn thư & Tiếp công dân" with its sub-tabs, and the petitions page
(lookup, attention buckets, filters, the list, actions). Widgets only; the controllers fill
them and wire the signals."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
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
from ui.petitions.columns import OVERDUE, SUBJECT_COLUMN

# the attention buckets (keys of app.petitions.queries.attention) and "every petition"
BUCKETS = {
    "classify": N_("Chờ phân loại"),
    "soon": N_("Đến hạn trong 5 ngày làm việc"),
    "overdue": N_("Quá hạn"),
    "not_notified": N_("Chưa thông báo kết quả"),
    "running_out": N_("Tố cáo hết lượt gia hạn"),
    "all": N_("Tất cả đơn thư"),
}
BUCKET_TIPS = {
    "classify": N_("Đơn đã nhận, chưa thụ lý, chuyển, hướng dẫn hay lưu"),
    "soon": N_("Hạn phân loại hoặc hạn giải quyết rơi vào 5 ngày làm việc tới"),
    "overdue": N_("Quá hạn phân loại, hạn giải quyết, hoặc hạn thông báo thụ lý đơn tố cáo"),
    "not_notified": N_("Đã có kết quả giải quyết, chưa thông báo cho công dân"),
    "running_out": N_("Đơn tố cáo sắp đến hạn giải quyết mà không còn được gia hạn"),
    "all": N_("Mọi đơn thư, theo bộ lọc bên dưới"),
}
RED_BUCKETS = ("overdue", "running_out")


def _button(text: str, tip: str = "") -> QPushButton:
    b = QPushButton(text)
    b.setAutoDefault(False)
    if tip:
        b.setToolTip(tip)
    return b


class PetitionsTabView(QWidget):
    """"Đơn thư & Tiếp công dân": one heading, the sub-tabs under it."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the tab bar would take the focus
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs, 1)

    def add_page(self, widget: QWidget, title: str) -> int:
        """A sub-tab ("Đơn thư", "Tiếp công dân"); its index."""
        return self.tabs.addTab(widget, title)


class PetitionsView(QWidget):
    """The "Đơn thư" page."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._shown_once = False
        self.heading = page_heading(_("Đơn thư khiếu nại, tố cáo, kiến nghị, phản ánh"))
        self.lookup = QLineEdit()
        self.lookup.setClearButtonEnabled(True)
        self.lookup.setPlaceholderText(_("Số đơn (12/2026 hoặc 12), hoặc họ tên, nội dung rồi "
                                         "Enter"))
        self.lookup.setMinimumWidth(self.fontMetrics().averageCharWidth() * 40)
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
        self.table = list_table(self)
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("background: #e8f5e9; color: #1b5e20; padding: 4px;")
        self.notice.hide()
        self._build_buttons()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(self.bucket_row)
        layout.addLayout(self.filter_rows[0])
        layout.addLayout(self.filter_rows[1])
        layout.addWidget(self.filter_error)
        layout.addWidget(self.notice)
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
            b = _button("", _(BUCKET_TIPS[key]))
            b.setCheckable(True)
            b.setProperty("bucket", key)
            b.setMinimumHeight(self.fontMetrics().height() + 16)
            self.bucket_group.addButton(b)
            self.bucket_buttons[key] = b
            self.bucket_row.addWidget(b)
        self.bucket_row.addStretch(1)

    def set_bucket_count(self, key: str, count: int | None) -> None:
        b = self.bucket_buttons[key]
        b.setText(_(BUCKETS[key]) if count is None else
                  _("{bucket}: {count}").format(bucket=_(BUCKETS[key]), count=count))
        red = key in RED_BUCKETS and count
        b.setStyleSheet(f"QPushButton {{ color: {OVERDUE.name()}; font-weight: bold; }}"
                        if red else "")

    def _build_filters(self) -> None:
        self.start, self.end = DateField(), DateField()
        for date in (self.start, self.end):  # the placeholder whole: "dd/mm/yyyy"
            date.setMinimumWidth(self.fontMetrics().horizontalAdvance("dd/mm/yyyy") + 16)
        self.kind, self.field, self.status = QComboBox(), QComboBox(), QComboBox()
        self.handler, self.channel = QComboBox(), QComboBox()
        # sized for what they usually show, not for their longest choice: the row must fit
        # beside the registers' list on a 1280-pixel screen (the popups show every word)
        for combo, chars in ((self.kind, 10), (self.field, 12), (self.status, 14),
                             (self.handler, 14), (self.channel, 14)):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(chars)
        self.search = SearchBox(_("Tìm số đơn, trích yếu, họ tên người gửi (gõ không dấu cũng "
                                  "được)…"))
        first, second = QHBoxLayout(), QHBoxLayout()
        for row, text, w in ((first, _("Nhận từ ngày:"), self.start),
                             (first, _("đến ngày:"), self.end),
                             (first, _("Loại đơn:"), self.kind),
                             (first, _("Lĩnh vực:"), self.field),
                             (first, _("Trạng thái:"), self.status),
                             (second, _("Cán bộ:"), self.handler),
                             (second, _("Nguồn đơn:"), self.channel)):
            caption = QLabel(text)
            caption.setBuddy(w)
            row.addWidget(caption)
            row.addWidget(w)
        first.addStretch(1)
        second.addWidget(self.search, 1)
        self.filter_rows = (first, second)
        self.filter_error = ErrorLabel()

    def set_column_widths(self) -> None:
        """The subject takes what the other columns leave."""
        fm = self.fontMetrics()
        chars = fm.averageCharWidth()
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        day = fm.horizontalAdvance("00/00/0000") + 14
        widths = (fm.horizontalAdvance("000/0000") + 14, day, 10 * chars, 20 * chars, 0,
                  12 * chars, 16 * chars, day, 16 * chars)
        for i, w in enumerate(widths):
            if i == SUBJECT_COLUMN:
                header.setSectionResizeMode(i, QHeaderView.ResizeMode.Stretch)
                continue
            self.table.setColumnWidth(i, w)
            header.setSectionResizeMode(i, QHeaderView.ResizeMode.Interactive)

    def _build_buttons(self) -> None:
        # the shortcut on the button itself: a clerk learns it by reading, not by hovering
        self.new_button = _button(_("&Nhận đơn mới… (Ctrl+N)"),
                                  _("Ghi một đơn thư vừa nhận vào sổ"))
        self.open_button = _button(_("&Mở đơn"), _("Mở đơn đang chọn (Enter hoặc nhấp đúp)"))
        self.rules_button = _button(_("Bảng &thời hạn…"),
                                    _("Thời hạn phân loại, giải quyết, gia hạn theo loại đơn"))
        self.refresh_button = _button(_("Làm mới (F5)"))
        self.count_label = QLabel()
        self.button_row = QHBoxLayout()
        for b in (self.new_button, self.open_button, self.rules_button, self.refresh_button):
            self.button_row.addWidget(b)
        self.button_row.addStretch(1)
        self.button_row.addWidget(self.count_label)

    def show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            tidy_tab_order(self)
            self.table.setFocus()  # Enter opens the first thing that needs attention
