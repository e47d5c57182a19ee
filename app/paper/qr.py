"""A QR code of a record's code (dossier, household …), placeable on any paper.

The one-stop desk's USB scanner reads it back as typed text, so the printed code must be
exactly the record's code: ASCII codes such as '000.17.22.H56-210531-0001' encode as they are.
ReportLab's QR encoder (reportlab.graphics.barcode.qr) lays the modules out; they are drawn
straight onto the canvas as filled squares, which keeps the graphics renderer (and its
default Helvetica font resource) out of the PDF.
"""

from __future__ import annotations

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from app.paper.styles import FONT, text

QUIET_ZONE = 2  # modules of white around the symbol
OVERLAP = 1.03  # rows overlap a little so no hairline shows between them when rasterised


Box = tuple[float, float, float, float]


def qr_modules(value: str, size: float, level: str = "M") -> list[Box]:
    """The dark runs of the symbol as (x, y, width, height) in points, inside a `size` square
    (quiet zone included), origin at its lower-left corner."""
    widget = QrCodeWidget(text(value), barLevel=level, barBorder=QUIET_ZONE, barWidth=size,
                          barHeight=size)
    return [(r.x, r.y, r.width, r.height) for r in widget.draw().contents
            if getattr(r, "fillColor", None) is not None]


def draw_qr(canv, value: str, x: float, y: float, size: float = 22 * mm,
            level: str = "M") -> None:
    """Draw the code with its lower-left corner at (x, y) on a canvas (page callbacks, slips)."""
    canv.saveState()
    canv.setFillColor(colors.black)
    for mx, my, w, h in qr_modules(value, size, level):
        canv.rect(x + mx, y + my, w, h * OVERLAP, stroke=0, fill=1)
    canv.restoreState()


class QrCode(Flowable):
    """The QR code as a flowable, optionally with its text in small type under it."""

    def __init__(self, value: str, size: float = 22 * mm, caption: bool = True,
                 align: str = "LEFT", level: str = "M") -> None:
        super().__init__()
        self.value = text(value)
        self.size = size
        self.caption = caption
        self.hAlign = align
        self.level = level

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = self.size
        self.height = self.size + (10 if self.caption else 0)
        return self.width, self.height

    def draw(self) -> None:
        bottom = 0.0
        if self.caption:
            self.canv.setFont(FONT, 8)
            self.canv.drawCentredString(self.size / 2, 1, self.value)
            bottom = 10.0
        draw_qr(self.canv, self.value, 0, bottom, self.size, self.level)
