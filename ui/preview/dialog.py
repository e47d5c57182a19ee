"""The print preview every "In" button opens: the PDF as it will come out, then print or save.

The dialog takes a finished `app.paper.Printout` (title, page size, PDF bytes). It never
builds paper itself; it shows, prints and saves exactly the bytes it was given.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import DomainError
from app.i18n import _
from ui.common.errors import show_error
from ui.common.widgets import FilePicker
from ui.preview.printing import (
    PagePrinter,
    PrintDialogBox,
    PrintOutcome,
    chosen_pages,
    make_printer,
)

if TYPE_CHECKING:
    from app.paper import Printout

# zoom steps in per cent, as office programs offer them
ZOOM_STEPS = [25, 33, 50, 67, 75, 90, 100, 110, 125, 150, 175, 200, 250, 300, 400]


class PreviewDialog(QDialog):
    """Shows a Printout; “In…” prints it, “Lưu PDF…” saves its bytes. Esc closes."""

    printed = Signal(int)  # pages sent to the printer
    saved = Signal(object)  # the Path written

    def __init__(self, printout: Printout, parent: QWidget | None = None):
        super().__init__(parent)
        self.printout = printout
        self.setWindowTitle(printout.title)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.page_printer: PagePrinter | None = None
        # QPdfDocument reads the device lazily: the bytes and the buffer live as long as it
        self._bytes = QByteArray(printout.pdf)
        self._buffer = QBuffer(self._bytes, self)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self._buffer)
        self._build_view()
        self._build_actions()
        self._connect_signals()
        self._fit_width()
        self._on_page_changed(0)
        self._size_to_screen()
        if self.document.status() != QPdfDocument.Status.Ready:
            self.status.setStyleSheet("color: #b00020; font-weight: bold;")
            self.status.setText(_("Không hiển thị được bản in này; vẫn có thể lưu tệp PDF để "
                                  "mở bằng chương trình khác."))

    # -- layout ------------------------------------------------------------------------
    def _build_view(self) -> None:
        self.view = QPdfView(self)
        # fitted to the width, a page just taller than the view would make the scroll bar
        # appear and vanish without end (QPdfView relayouts on each): keep it always there
        self.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setPageSpacing(12)
        self.view.setStyleSheet("QPdfView { background: #7a7a7a; }")
        self.print_button = QPushButton(_("In…"))
        self.print_button.setToolTip(_("Chọn máy in và in (Ctrl+P)"))
        self.save_button = QPushButton(_("Lưu PDF…"))
        self.save_button.setToolTip(_("Lưu đúng tệp PDF này (Ctrl+S)"))
        self.zoom_out_button = self._tool_button("−", _("Thu nhỏ (Ctrl+-)"))
        self.zoom_label = QLabel()
        self.zoom_label.setMinimumWidth(self.fontMetrics().horizontalAdvance("400 %") + 8)
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.zoom_in_button = self._tool_button("+", _("Phóng to (Ctrl++)"))
        self.fit_button = self._tool_button(_("Vừa chiều rộng"),
                                            _("Trang vừa chiều rộng cửa sổ (Ctrl+0)"))
        self.page_spin = QSpinBox()
        self.page_spin.setRange(1, max(self.document.pageCount(), 1))
        self.page_spin.setPrefix(_("Trang") + " ")
        self.page_spin.setSuffix(f" / {self.document.pageCount()}")
        self.page_spin.setToolTip(_("Trang trước / trang sau: PgUp / PgDn"))
        self.page_spin.setKeyboardTracking(False)  # jump when the number is complete
        self.page_spin.setEnabled(self.document.pageCount() > 1)
        self.status = QLabel()
        self.status.setStyleSheet("color: #1b5e20;")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.close_button = QPushButton(_("Đóng"))
        top = QHBoxLayout()
        top.addWidget(self.print_button)
        top.addWidget(self.save_button)
        top.addSpacing(18)
        top.addWidget(self.zoom_out_button)
        top.addWidget(self.zoom_label)
        top.addWidget(self.zoom_in_button)
        top.addWidget(self.fit_button)
        top.addSpacing(18)
        top.addWidget(self.page_spin)
        top.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)
        self.print_button.setDefault(True)
        self.view.setFocus()

    def _tool_button(self, text: str, tooltip: str) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tooltip)
        button.setMinimumWidth(30)
        return button

    def _build_actions(self) -> None:
        def action(keys: list) -> QAction:
            a = QAction(self)
            a.setShortcuts([QKeySequence(k) for k in keys])
            self.addAction(a)
            return a

        self.zoom_in_action = action([QKeySequence.StandardKey.ZoomIn, "Ctrl+="])
        self.zoom_out_action = action([QKeySequence.StandardKey.ZoomOut])
        self.fit_action = action(["Ctrl+0"])
        self.next_action = action([Qt.Key.Key_PageDown])
        self.previous_action = action([Qt.Key.Key_PageUp])
        self.print_action = action([QKeySequence.StandardKey.Print])
        self.save_action = action([QKeySequence.StandardKey.Save])

    def _size_to_screen(self) -> None:
        screen = (self.parentWidget().screen() if self.parentWidget() else
                  QGuiApplication.primaryScreen())
        room = screen.availableGeometry()
        self.resize(min(1000, room.width() - 40), room.height() - 60)

    # -- wiring ------------------------------------------------------------------------
    def _connect_signals(self) -> None:
        self.print_button.clicked.connect(self._on_print_requested)
        self.save_button.clicked.connect(self._on_save_requested)
        self.close_button.clicked.connect(self.reject)
        self.zoom_in_button.clicked.connect(self.zoom_in)
        self.zoom_out_button.clicked.connect(self.zoom_out)
        self.fit_button.clicked.connect(self._fit_width)
        self.zoom_in_action.triggered.connect(self.zoom_in)
        self.zoom_out_action.triggered.connect(self.zoom_out)
        self.fit_action.triggered.connect(self._fit_width)
        self.next_action.triggered.connect(self._on_next_page)
        self.previous_action.triggered.connect(self._on_previous_page)
        self.print_action.triggered.connect(self._on_print_requested)
        self.save_action.triggered.connect(self._on_save_requested)
        self.page_spin.valueChanged.connect(self._on_page_chosen)
        self.view.pageNavigator().currentPageChanged.connect(self._on_page_changed)
        self.view.zoomFactorChanged.connect(self._show_zoom)
        self.view.zoomModeChanged.connect(self._show_zoom)
        self.view.viewport().installEventFilter(self)

    # -- paging ------------------------------------------------------------------------
    @property
    def page_count(self) -> int:
        return self.document.pageCount()

    @property
    def current_page(self) -> int:
        """0-based: the page at the top of the view."""
        return self.view.pageNavigator().currentPage()

    def go_to_page(self, page: int) -> None:
        page = max(0, min(page, self.page_count - 1))
        navigator = self.view.pageNavigator()
        navigator.jump(page, QPointF(), navigator.currentZoom())

    def _on_next_page(self) -> None:
        self.go_to_page(self.current_page + 1)

    def _on_previous_page(self) -> None:
        self.go_to_page(self.current_page - 1)

    def _on_page_chosen(self, number: int) -> None:
        if number - 1 != self.current_page:
            self.go_to_page(number - 1)

    def _on_page_changed(self, page: int) -> None:
        self.page_spin.blockSignals(True)  # scrolling moves the number, not the view again
        self.page_spin.setValue(page + 1)
        self.page_spin.blockSignals(False)

    # -- zoom --------------------------------------------------------------------------
    def effective_zoom(self) -> float:
        """The zoom shown (1.0 = real size), also while the page follows the window width."""
        if self.view.zoomMode() != QPdfView.ZoomMode.FitToWidth or not self.page_count:
            return self.view.zoomFactor()
        margins = self.view.documentMargins()
        width = self.view.viewport().width() - margins.left() - margins.right()
        dpi_scale = self.view.logicalDpiX() / 72
        widest = max(self.document.pagePointSize(p).width() for p in range(self.page_count))
        return max(width, 1) / (widest * dpi_scale)

    def set_zoom(self, factor: float) -> None:
        factor = max(ZOOM_STEPS[0], min(ZOOM_STEPS[-1], factor * 100)) / 100
        self._keep_place(lambda: (self.view.setZoomMode(QPdfView.ZoomMode.Custom),
                                  self.view.setZoomFactor(factor)))

    def zoom_in(self) -> None:
        now = self.effective_zoom() * 100
        self.set_zoom(next((s for s in ZOOM_STEPS if s > now * 1.01), ZOOM_STEPS[-1]) / 100)

    def zoom_out(self) -> None:
        now = self.effective_zoom() * 100
        smaller = [s for s in ZOOM_STEPS if s < now / 1.01]
        self.set_zoom((smaller[-1] if smaller else ZOOM_STEPS[0]) / 100)

    def _fit_width(self) -> None:
        self._keep_place(lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth))

    def _keep_place(self, change) -> None:
        """Apply a zoom change keeping what is in the middle of the view in the middle.

        QPdfView lays the pages out at once but settles its scroll bars a moment later,
        so the place is restored now and once more when the events have run."""
        bars = (self.view.horizontalScrollBar(), self.view.verticalScrollBar())
        anchors = [(b.value() + b.pageStep() / 2) / max(b.maximum() + b.pageStep(), 1)
                   for b in bars]

        def restore() -> None:
            for bar, anchor in zip(bars, anchors, strict=True):
                bar.setValue(round(anchor * (bar.maximum() + bar.pageStep()) - bar.pageStep() / 2))
            self._show_zoom()

        change()
        restore()
        QTimer.singleShot(0, self, restore)

    def _show_zoom(self, *_args) -> None:
        self.zoom_label.setText(f"{round(self.effective_zoom() * 100)} %")

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Resize and watched is self.view.viewport():
            self._show_zoom()  # fitting the width: the zoom follows the window
        return super().eventFilter(watched, event)

    # -- print and save ----------------------------------------------------------------
    def _on_print_requested(self) -> None:
        if not self.page_count:
            return
        printer = make_printer(self.printout.page_size, self.document,
                               self.printout.suggested_name or self.printout.title)
        if not PrintDialogBox.ask(self, printer, self.page_count):
            return
        pages = chosen_pages(printer, self.page_count, self.current_page)
        self.page_printer = PagePrinter(self.document, printer, self)
        outcome = self.page_printer.run(pages)
        done = self.page_printer.pages_done
        if outcome is PrintOutcome.PRINTED:
            if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat:
                self.status.setText(_("Đã in {count} trang ra tệp: {path}").format(
                    count=done, path=printer.outputFileName()))
            else:
                self.status.setText(_("Đã gửi {count} trang tới máy in “{printer}”.").format(
                    count=done, printer=printer.printerName()))
            self.printed.emit(done)
        elif outcome is PrintOutcome.CANCELLED:
            self.status.setText(_("Đã hủy in sau {done}/{total} trang; các trang còn lại không "
                                  "được gửi.").format(done=done, total=len(pages)))
        else:
            show_error(self, DomainError(_(
                "Không in được: máy in không sẵn sàng hoặc đã bị ngắt. Hãy kiểm tra máy in rồi "
                "thử lại, hoặc lưu PDF để in sau.")))

    def _on_save_requested(self) -> None:
        path = FilePicker.save_pdf(self, self.printout.suggested_name)
        if path is None:
            return
        try:
            path.write_bytes(self.printout.pdf)
        except OSError as exc:
            show_error(self, DomainError(
                _("Không ghi được tệp “{path}”. Hãy chọn thư mục khác.").format(path=path),
                details=str(exc)))
            return
        self.status.setText(_("Đã lưu tệp: {path}").format(path=path))
        self.saved.emit(path)

    # -- opening -----------------------------------------------------------------------
    @classmethod
    def show_printout(cls, parent: QWidget | None, printout: Printout) -> PreviewDialog:
        """Open the preview without blocking; tests patch this to capture the Printout."""
        dlg = cls(printout, parent)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.open()
        return dlg


def show_printout(parent: QWidget | None, printout: Printout) -> PreviewDialog:
    return PreviewDialog.show_printout(parent, printout)
