"""Printing a finished PDF on any printer the OS knows: page layout, print dialog, page loop.

QtPdf renders to images only, so each page is rasterised at the printer's resolution (capped,
see RENDER_DPI_MAX) and drawn over the printer's whole sheet: the PDF already holds the
margins of Nghị định 30/2020, so the printer must add none and scale nothing.
"""

from __future__ import annotations

import enum

from PySide6.QtCore import QMarginsF, QObject, QRectF, QSize, QSizeF, Qt, Signal
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QProgressDialog, QWidget

from app.i18n import _

# Printout.page_size → the sheet the printer is told to use.
PAGE_SIZES = {
    "A4": (QPageSize.PageSizeId.A4, QPageLayout.Orientation.Portrait),
    "A5": (QPageSize.PageSizeId.A5, QPageLayout.Orientation.Portrait),
    "A4-landscape": (QPageSize.PageSizeId.A4, QPageLayout.Orientation.Landscape),
}
# Pages reach the printer as images. The Windows spooler keeps them uncompressed: an A4 page
# is 35 MB at 300 dpi but 139 MB at 600 dpi (a 200-page register would need 28 GB of spool),
# and a PDF printer reports 1200 dpi. 300 dpi prints text cleanly on office laser printers.
RENDER_DPI_MAX = 300


def page_layout(page_size: str, first_page_points: QSizeF | None = None) -> QPageLayout:
    """The sheet for a Printout's page size, without margins; an unknown name falls back to
    the size of the PDF's first page."""
    if page_size in PAGE_SIZES:
        size_id, orientation = PAGE_SIZES[page_size]
        return QPageLayout(QPageSize(size_id), orientation, QMarginsF())
    points = first_page_points or QSizeF(595.28, 841.89)
    orientation = (QPageLayout.Orientation.Landscape if points.width() > points.height()
                   else QPageLayout.Orientation.Portrait)
    portrait = QSizeF(min(points.width(), points.height()), max(points.width(), points.height()))
    return QPageLayout(QPageSize(portrait, QPageSize.Unit.Point), orientation, QMarginsF())


def make_printer(page_size: str, document: QPdfDocument, name: str) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(name)
    printer.setFullPage(True)  # origin at the sheet's corner: the PDF carries its own margins
    first = document.pagePointSize(0) if document.pageCount() else None
    printer.setPageLayout(page_layout(page_size, first))
    return printer


class PrintDialogBox:
    """The system print dialog behind a class method, so tests patch it instead of clicking."""

    @classmethod
    def ask(cls, parent: QWidget | None, printer: QPrinter, page_count: int) -> bool:
        dlg = QPrintDialog(printer, parent)
        dlg.setWindowTitle(_("In"))
        dlg.setMinMax(1, max(page_count, 1))
        dlg.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
        dlg.setOption(QAbstractPrintDialog.PrintDialogOption.PrintCurrentPage, True)
        return dlg.exec() == QDialog.DialogCode.Accepted


def chosen_pages(printer: QPrinter, page_count: int, current: int) -> list[int]:
    """The 0-based pages the user asked for in the print dialog (all, a range, the current)."""
    mode = printer.printRange()
    if mode == QPrinter.PrintRange.CurrentPage:
        return [current]
    if mode == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first = max(printer.fromPage(), 1)
        last = min(printer.toPage() or page_count, page_count)
        return list(range(first - 1, last))
    return list(range(page_count))


class PrintOutcome(enum.Enum):
    PRINTED = "printed"
    CANCELLED = "cancelled"
    FAILED = "failed"


class PagePrinter(QObject):
    """Draws chosen pages of a QPdfDocument on a QPrinter, on the UI thread (QPainter on a
    printer wants it), with a window-modal progress dialog whose “Hủy” stops between pages."""

    page_printed = Signal(int, int)  # pages done, pages to print

    def __init__(self, document: QPdfDocument, printer: QPrinter, parent: QWidget):
        super().__init__(parent)
        self._document = document
        self._printer = printer
        self._widget = parent
        self._cancel_requested = False
        self.pages_done = 0
        self.progress: QProgressDialog | None = None

    def cancel(self) -> None:
        self._cancel_requested = True

    def _cancelled(self) -> bool:
        return self._cancel_requested or (self.progress is not None
                                          and self.progress.wasCanceled())

    def run(self, pages: list[int]) -> PrintOutcome:
        total = len(pages)
        self.progress = QProgressDialog(_("Đang chuẩn bị trang in…"), _("Hủy"), 0, total,
                                        self._widget)
        self.progress.setWindowTitle(_("In"))
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(300)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.setMinimumWidth(380)
        painter = QPainter()
        try:
            if not total or not painter.begin(self._printer):
                return PrintOutcome.FAILED
            for n, page in enumerate(pages):
                if n and not self._printer.newPage():
                    painter.end()
                    return PrintOutcome.FAILED
                self._draw_page(painter, page)
                self.pages_done = n + 1
                self.page_printed.emit(self.pages_done, total)
                self.progress.setLabelText(_("Đã gửi trang {done}/{total} tới máy in…").format(
                    done=self.pages_done, total=total))
                self.progress.setValue(self.pages_done)  # lets a click on “Hủy” through
                if self._cancelled() and self.pages_done < total:
                    self._printer.abort()  # drops the spooled pages: nothing half-printed
                    painter.end()
                    return PrintOutcome.CANCELLED
            painter.end()
            return PrintOutcome.PRINTED
        finally:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    def _draw_page(self, painter: QPainter, page: int) -> None:
        sheet = self._printer.paperRect(QPrinter.Unit.DevicePixel)
        points = self._document.pagePointSize(page)
        # the page fills the sheet; a sheet of another shape chosen in the print dialog gets
        # the page scaled evenly and centred, never stretched
        scale = min(sheet.width() / points.width(), sheet.height() / points.height())
        target = QRectF(0, 0, points.width() * scale, points.height() * scale)
        target.moveCenter(QRectF(0, 0, sheet.width(), sheet.height()).center())
        dpi = min(self._printer.resolution(), RENDER_DPI_MAX)
        pixels = QSize(max(1, round(points.width() * dpi / 72)),
                       max(1, round(points.height() * dpi / 72)))
        image = self._document.render(page, pixels)
        if image.hasAlphaChannel():  # some drivers print transparent pixels black
            flat = QImage(image.size(), QImage.Format.Format_RGB32)
            flat.fill(Qt.GlobalColor.white)
            flattener = QPainter(flat)
            flattener.drawImage(0, 0, image)
            flattener.end()
            image = flat
        if self._printer.colorMode() == QPrinter.ColorMode.GrayScale:
            image = image.convertToFormat(QImage.Format.Format_Grayscale8)  # a quarter the size
        painter.drawImage(target, image)
