"""The print preview: pages, zoom, saving the exact bytes, printing to a PDF printer, Cancel."""

from __future__ import annotations

import io
from dataclasses import dataclass

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from reportlab.lib.pagesizes import A4, A5, landscape
from reportlab.pdfgen import canvas

from ui.common.widgets import FilePicker
from ui.preview import PreviewDialog
from ui.preview.printing import RENDER_DPI_MAX, PagePrinter, PrintDialogBox

SIZES = {"A4": A4, "A5": A5, "A4-landscape": landscape(A4)}


@dataclass(frozen=True)
class FakePrintout:
    """Shaped like app.paper.Printout, so the dialog is tested before the engine exists."""

    title: str
    page_size: str
    pdf: bytes
    page_count: int
    suggested_name: str


def make_printout(pages: int = 3, page_size: str = "A5") -> FakePrintout:
    size = SIZES[page_size]
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=size)
    for n in range(1, pages + 1):
        c.rect(20, 20, size[0] - 40, size[1] - 40)
        c.drawString(60, size[1] - 80, f"Trang {n}")
        c.showPage()
    c.save()
    return FakePrintout("Danh sách thử", page_size, buf.getvalue(), pages, "danh-sach-thu.pdf")


@pytest.fixture
def open_preview(qtbot):
    def opener(printout) -> PreviewDialog:
        dlg = PreviewDialog(printout)
        qtbot.addWidget(dlg)
        dlg.resize(700, 600)
        dlg.show()
        with qtbot.waitActive(dlg):  # shortcuts reach the active window only
            dlg.activateWindow()
        return dlg
    return opener


def pdf_printer_to(monkeypatch, path, seen: list | None = None) -> None:
    """The print dialog answers "In" with a PDF printer writing to `path`."""
    def ask(cls, parent, printer, page_count):
        if seen is not None:
            seen.append((printer.pageLayout(), page_count))
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(path))
        return True
    monkeypatch.setattr(PrintDialogBox, "ask", classmethod(ask))


def test_opens_three_pages_with_title(open_preview):
    dlg = open_preview(make_printout(3))
    assert dlg.windowTitle() == "Danh sách thử"
    assert dlg.page_count == 3
    assert dlg.page_spin.maximum() == 3
    assert dlg.page_spin.text() == "Trang 1 / 3"


def test_paging_with_keys_and_spin_box(qtbot, open_preview):
    dlg = open_preview(make_printout(3))
    dlg.view.setFocus()
    qtbot.keyClick(dlg.view, Qt.Key.Key_PageDown)
    qtbot.waitUntil(lambda: dlg.current_page == 1)
    assert dlg.page_spin.value() == 2
    qtbot.keyClick(dlg.view, Qt.Key.Key_PageDown)
    qtbot.keyClick(dlg.view, Qt.Key.Key_PageDown)  # past the end: stays on the last page
    qtbot.waitUntil(lambda: dlg.current_page == 2)
    qtbot.keyClick(dlg.view, Qt.Key.Key_PageUp)
    qtbot.waitUntil(lambda: dlg.current_page == 1)
    dlg.page_spin.setValue(1)
    qtbot.waitUntil(lambda: dlg.current_page == 0)
    assert dlg.view.verticalScrollBar().value() < 20  # the top of page 1


def test_zoom_in_out_and_fit_width(qtbot, open_preview):
    dlg = open_preview(make_printout(3))
    fitted = dlg.effective_zoom()
    qtbot.keyClick(dlg.view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    bigger = dlg.view.zoomFactor()
    assert bigger > fitted
    assert dlg.zoom_label.text() == f"{round(bigger * 100)} %"
    qtbot.keyClick(dlg.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(dlg.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert dlg.view.zoomFactor() < bigger
    for _ in range(20):
        dlg.zoom_out_button.click()
    assert dlg.view.zoomFactor() == pytest.approx(0.25)  # the smallest step, no further
    qtbot.keyClick(dlg.view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert dlg.effective_zoom() == pytest.approx(fitted, rel=0.02)
    assert dlg.zoom_label.text() == f"{round(fitted * 100)} %"


def test_zoom_keeps_the_page_being_read(qtbot, open_preview):
    dlg = open_preview(make_printout(4, "A4"))
    dlg.go_to_page(2)
    qtbot.waitUntil(lambda: dlg.current_page == 2)
    for _ in range(3):
        dlg.zoom_in_button.click()
        qtbot.wait(20)
        assert dlg.current_page == 2
    dlg.fit_button.click()
    qtbot.wait(20)
    assert dlg.current_page == 2


def test_zoom_label_follows_the_window_when_fitting_the_width(qtbot, open_preview):
    dlg = open_preview(make_printout(1, "A4"))
    narrow = dlg.zoom_label.text()
    dlg.resize(1000, 600)
    qtbot.waitUntil(lambda: dlg.zoom_label.text() != narrow)
    assert dlg.zoom_label.text() == f"{round(dlg.effective_zoom() * 100)} %"
    assert 100 < dlg.effective_zoom() * 100 < 200


def test_escape_closes(qtbot, open_preview):
    dlg = open_preview(make_printout(1))
    with qtbot.waitSignal(dlg.rejected):
        qtbot.keyClick(dlg.view, Qt.Key.Key_Escape)
    assert not dlg.isVisible()


def test_save_pdf_writes_exactly_the_bytes(qtbot, open_preview, monkeypatch, tmp_path):
    printout = make_printout(3)
    target = tmp_path / "ban-in.pdf"
    asked = []

    def save_pdf(cls, parent, suggested):
        asked.append(suggested)
        return target
    monkeypatch.setattr(FilePicker, "save_pdf", classmethod(save_pdf))
    dlg = open_preview(printout)
    with qtbot.waitSignal(dlg.saved):
        dlg.save_button.click()
    assert asked == ["danh-sach-thu.pdf"]
    assert target.read_bytes() == printout.pdf
    assert str(target) in dlg.status.text()


def test_ctrl_s_saves_and_a_broken_pdf_is_said_so(qtbot, open_preview, monkeypatch, tmp_path):
    target = tmp_path / "hong.pdf"
    monkeypatch.setattr(FilePicker, "save_pdf", classmethod(lambda cls, parent, name: target))
    broken = FakePrintout("Hỏng", "A4", b"%PDF-1.4 not really", 1, "hong.pdf")
    dlg = open_preview(broken)
    assert dlg.page_count == 0
    assert "Không hiển thị được" in dlg.status.text()
    with qtbot.waitSignal(dlg.saved):
        qtbot.keyClick(dlg.view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert target.read_bytes() == broken.pdf


def test_save_cancelled_writes_nothing(open_preview, tmp_path):
    dlg = open_preview(make_printout(1))
    dlg.save_button.click()  # the conftest picker answers "cancelled"
    assert dlg.status.text() == ""
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("page_size", ["A5", "A4", "A4-landscape"])
def test_print_to_pdf_printer_keeps_pages_and_sheet(qtbot, open_preview, monkeypatch, tmp_path,
                                                    page_size):
    out = tmp_path / "printed.pdf"
    seen = []
    pdf_printer_to(monkeypatch, out, seen)
    dlg = open_preview(make_printout(3, page_size))
    with qtbot.waitSignal(dlg.printed) as printed:
        dlg.print_button.click()
    assert printed.args == [3]
    assert seen[0][1] == 3
    pages = PdfReader(out).pages
    assert len(pages) == 3
    width, height = float(pages[0].mediabox.width), float(pages[0].mediabox.height)
    expected_w, expected_h = SIZES[page_size]
    assert width == pytest.approx(expected_w, abs=1)
    assert height == pytest.approx(expected_h, abs=1)
    if page_size == "A5":
        assert (width, height) == (pytest.approx(419.5, abs=1), pytest.approx(595.3, abs=1))
    if page_size == "A4-landscape":
        assert width > height
    # full page, no scaling: the frame drawn 20 pt inside the sheet is still 20 pt inside
    dark = _dark_columns(out, y=expected_h / 2)
    assert abs(dark[0] - 20) <= 1.5 and abs(dark[-1] - (expected_w - 21)) <= 1.5
    # each page went out as one image at the capped resolution
    images = [x.get_object() for x in pages[0]["/Resources"]["/XObject"].values()]
    assert max(int(x["/Width"]) for x in images) == pytest.approx(
        expected_w * RENDER_DPI_MAX / 72, abs=2)


def _dark_columns(path, y: float) -> list[int]:
    """The x (in points) of dark pixels along the line `y` of page 1 of a PDF file."""
    from PySide6.QtCore import QSize
    from PySide6.QtPdf import QPdfDocument

    doc = QPdfDocument()
    doc.load(str(path))
    size = doc.pagePointSize(0)
    image = doc.render(0, QSize(round(size.width()), round(size.height())))
    row = round(y)
    return [x for x in range(image.width()) if image.pixelColor(x, row).lightness() < 128
            and image.pixelColor(x, row).alpha() > 128]


def test_print_dialog_refused_prints_nothing(open_preview, tmp_path):
    dlg = open_preview(make_printout(2))
    dlg.print_button.click()  # the conftest print dialog answers "Hủy"
    assert dlg.page_printer is None
    assert dlg.status.text() == ""


def test_print_a_page_range(qtbot, open_preview, monkeypatch, tmp_path):
    out = tmp_path / "range.pdf"

    def ask(cls, parent, printer, page_count):
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        printer.setPrintRange(QPrinter.PrintRange.PageRange)
        printer.setFromTo(2, 3)
        return True
    monkeypatch.setattr(PrintDialogBox, "ask", classmethod(ask))
    dlg = open_preview(make_printout(3))
    with qtbot.waitSignal(dlg.printed) as printed:
        dlg.print_button.click()
    assert printed.args == [2]
    assert len(PdfReader(out).pages) == 2


def test_cancel_stops_a_batch_print_between_pages(qtbot, open_preview, monkeypatch, tmp_path):
    out = tmp_path / "cancelled.pdf"
    pdf_printer_to(monkeypatch, out)
    dlg = open_preview(make_printout(6))
    drawn = []
    original_run = PagePrinter.run

    def run(self, pages):
        def on_page(done, total):
            drawn.append(done)
            if done == 2:
                self.progress.cancel()  # as a click on “Hủy” in the progress dialog
        self.page_printed.connect(on_page)
        return original_run(self, pages)
    monkeypatch.setattr(PagePrinter, "run", run)
    dlg.print_button.click()
    assert drawn == [1, 2]
    assert dlg.page_printer.pages_done == 2
    assert "2/6" in dlg.status.text()


# -- from a job to the preview -----------------------------------------------------------

def _job(printout, seen: list, *args, **kwargs):
    from app.jobs import Progress

    seen.append((args, kwargs))
    yield Progress(0, 1, "Đang dựng trang…")
    yield Progress(1, 1, "Đang dựng trang…")
    return printout


def test_print_runner_opens_the_preview_when_the_job_ends(qtbot):
    from PySide6.QtWidgets import QWidget

    from ui.preview import PrintRunner

    parent = QWidget()
    qtbot.addWidget(parent)
    runner = PrintRunner(parent)
    printout = make_printout(2)
    with qtbot.waitSignal(runner.finished, timeout=5000):
        runner.start(lambda: _job(printout, []))
    assert isinstance(runner.preview, PreviewDialog)
    assert runner.preview.printout is printout
    assert runner.preview.page_count == 2
    runner.preview.close()


def test_households_button_passes_the_village_filter(qtbot, clerk_ctx, monkeypatch):
    """With a stand-in for the engine's job, so only the wiring is under test here."""
    from app.paper import documents
    from ui.registers.households.controller import build

    seen, shown = [], []
    monkeypatch.setattr(documents, "household_list",
                        lambda *a, **k: _job(make_printout(1, "A4"), seen, *a, **k))
    monkeypatch.setattr(PreviewDialog, "show_printout",
                        classmethod(lambda cls, parent, p: shown.append(p)))
    view, c = build(clerk_ctx)
    qtbot.addWidget(view)
    view.show()
    for village in ["Tất cả các thôn", "Phú Thọ"]:
        c.village_filter.setCurrentIndex(c.village_filter.findText(village))
        with qtbot.waitSignal(c.print_runner.finished, timeout=5000):
            c.list_printer.button.click()
        assert seen[-1] == ((clerk_ctx,), {"village_id": c.village_filter.value()})
    assert seen[0][1] == {"village_id": None}
    assert seen[1][1]["village_id"] is not None
    assert len(shown) == 2
