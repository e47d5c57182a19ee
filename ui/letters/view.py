"""The letters tab's layout: the queue of letters owed and the register of letters, on two
tabs under one heading. Widgets only; `LettersController` fills them and wires the signals."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from app.labels import choices
from app.letters.types import DeliveryMethod, LetterKind
from ui.common.widgets import (
    DateField,
    ErrorLabel,
    SearchBox,
    list_table,
    page_heading,
    tidy_tab_order,
)

QUEUE, REGISTER = 0, 1  # the two tabs


def _button(text: str, tip: str = "") -> QPushButton:
    b = QPushButton(text)
    b.setAutoDefault(False)
    if tip:
        b.setToolTip(tip)
    return b


def _widths(table: QTableView, widths: list[int | None]) -> None:
    """Set the columns' widths; the one given as None takes what the others leave."""
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    for i, w in enumerate(widths):
        if w is None:
            header.setSectionResizeMode(i, QHeaderView.ResizeMode.Stretch)
        else:
            table.setColumnWidth(i, w)
            header.setSectionResizeMode(i, QHeaderView.ResizeMode.Interactive)


class LettersView(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._tidied: set[int] = set()
        self.heading = page_heading(_("Thư gửi nhân dân"))
        self.new_button = _button(_("Viết thư &mới…"),
                                  _("Viết một thư chưa có trong danh sách cần gửi (Ctrl+N)"))
        self.templates_button = _button(_("Mẫu thư…"), _("Xem, sửa các mẫu thư"))
        self.refresh_button = _button(_("Làm mới (F5)"))
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addStretch(1)
        for b in (self.new_button, self.templates_button, self.refresh_button):
            top.addWidget(b)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the tab bar takes the focus
        self.tabs.addTab(self._build_queue(), _("Thư &cần gửi"))
        self.tabs.addTab(self._build_register(), _("&Sổ theo dõi thư"))
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        self.tabs.currentChanged.connect(self._tidy_page)

    # -- the queue ------------------------------------------------------------------------
    def _build_queue(self) -> QWidget:
        page = self.queue_page = QWidget()
        self.queue_title = QLabel()
        self.queue_title.setStyleSheet("font-weight: bold;")
        hint = QLabel(_("Chọn một hoặc nhiều dòng (giữ Ctrl hoặc Shift), rồi bấm Enter: thư "
                        "được lập, đánh số và mở bản in ngay."))
        hint.setStyleSheet("color: #555;")
        self.queue_table = list_table(self, multi=True)
        self.make_button = _button(_("&Lập thư"), _("Lập thư cho các dòng đang chọn, rồi xem "
                                                   "bản in (Enter hoặc Ctrl+Enter)"))
        self.review_button = _button(_("&Xem, sửa trước khi lập…"),
                                     _("Mở thư của dòng đang chọn để xem, sửa rồi mới lập "
                                       "(nhấp đúp)"))
        self.dismiss_button = _button(_("&Bỏ qua…"), _("Không gửi thư cho việc này, có ghi lý "
                                                      "do (Delete)"))
        buttons = QHBoxLayout()
        for b in (self.make_button, self.review_button, self.dismiss_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.queue_title)
        layout.addWidget(hint)
        layout.addWidget(self.queue_table, 1)
        layout.addLayout(buttons)
        return page

    def set_queue_count(self, count: int, shown: str, late: int = 0) -> None:
        """`shown`: the count as the locale writes it ('1.348'); `late`: condolence letters
        past their two working days (written in red)."""
        self.tabs.setTabText(QUEUE, _("Thư &cần gửi ({count})").format(count=shown))
        title = (_("Có {count} việc chưa có thư (mới nhất ở trên)").format(count=shown)
                 if count else _("Không còn việc nào chưa có thư."))
        if late:
            title += " · " + _("<span style='color:#b00020'>{late} thư chia buồn đã quá hai "
                               "ngày làm việc</span>").format(late=late)
        self.queue_title.setText(title)

    # -- the register ---------------------------------------------------------------------
    def _build_register(self) -> QWidget:
        page = self.register_page = QWidget()
        self.start, self.end = DateField(), DateField()
        self.start.setToolTip(_("Ngày của thư, từ ngày (gõ năm, ví dụ 2023, để lấy cả năm)"))
        self.end.setToolTip(_("Ngày của thư, đến ngày (gõ năm, ví dụ 2023, để lấy cả năm)"))
        self.kind, self.village, self.delivered = QComboBox(), QComboBox(), QComboBox()
        self.village.setMinimumContentsLength(14)
        self.village.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.search = SearchBox(_("Tìm số thư, người nhận, việc (gõ không dấu cũng được)…"))
        self.start.setFixedWidth(self.fontMetrics().horizontalAdvance("00/00/00000") + 24)
        self.end.setFixedWidth(self.start.width())
        self.counts_label = QLabel()
        self.counts_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        period, filters = QHBoxLayout(), QHBoxLayout()
        filters.addWidget(self.search, 1)
        for row, label, w in ((period, _("Thư từ ngày:"), self.start),
                              (period, _("đến ngày:"), self.end),
                              (filters, _("Loại thư:"), self.kind),
                              (filters, _("Thôn:"), self.village),
                              (filters, _("Giao thư:"), self.delivered)):
            text = QLabel(label)
            text.setBuddy(w)
            row.addWidget(text)
            row.addWidget(w)
        period.addSpacing(12)
        period.addWidget(self.counts_label, 1)
        self.filter_error = ErrorLabel()
        self.register_table = list_table(self, multi=True)
        self.reprint_button = _button(_("&In lại"), _("Xem và in lại các thư đang chọn, thành "
                                                      "một tệp (nhấp đúp: một thư)"))
        self.deliver_button = _button(_("Ghi nhận đã &giao…"),
                                      _("Ghi ngày và cách thư đến tay gia đình"))
        self.export_button = _button(_("Xuất &Excel…"),
                                     _("Sổ theo dõi thư của danh sách đang xem, ra tệp Excel"))
        buttons = QHBoxLayout()
        for b in (self.reprint_button, self.deliver_button, self.export_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.register_count = QLabel()
        buttons.addWidget(self.register_count)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(period)
        layout.addLayout(filters)
        layout.addWidget(self.filter_error)
        layout.addWidget(self.register_table, 1)
        layout.addLayout(buttons)
        return page

    # -- sizes and focus --------------------------------------------------------------------
    def set_column_widths(self) -> None:
        """Long texts take what the other columns leave; the others are measured on the
        texts they show (Vietnamese marks make letters wider than the average)."""
        fm = self.fontMetrics()

        def fit(*samples: str) -> int:
            return max(fm.horizontalAdvance(t) for t in samples) + 16

        day = fit("00/00/0000")
        kind = fit(*(t for _k, t in choices(LetterKind, variant="short")))
        village = fit("Thôn Khánh Vân", "Thôn Quang Vinh")
        waited = fit(_("Hôm nay"), _("{n} ngày").format(n=365))
        _widths(self.queue_table, [day, waited, kind, None,
                                   fit("Gia đình ông Nguyễn Thành Trung"), village])
        # the event (long, in its tooltip too) takes what is left
        _widths(self.register_table, [
            fit("000/TC-UBND"), day, kind, fit("Gia đình ông Nguyễn Văn An"), village, None,
            fit("Nguyễn Văn Thắng"), day,
            fit("00/00/0000 – " + max((t for _m, t in choices(DeliveryMethod, variant="short")),
                                      key=len))])

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if not self._tidied:
            self._tidy_page(self.tabs.currentIndex())
            self.queue_table.setFocus()  # Enter makes the letter from the first minute

    def _tidy_page(self, index: int) -> None:
        """Tab through a page in reading order, once it has been laid out (first shown)."""
        if index in self._tidied or not self.isVisible():
            return
        self._tidied.add(index)
        chain = tidy_tab_order(self.tabs.widget(index))
        if chain:
            QWidget.setTabOrder(self.refresh_button, self.tabs.tabBar())
            QWidget.setTabOrder(self.tabs.tabBar(), chain[0])
