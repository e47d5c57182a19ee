"""The page and the type of an official paper (Nghị định 30/2020, Phụ lục I).

Sizes on A4, from the reference table (reference/documents.md §1):

| element                          | size | style        |
|----------------------------------|------|--------------|
| Quốc hiệu                        | 12   | bold, upper  |
| Tiêu ngữ                         | 13   | bold, rule as long as the text |
| parent agency                    | 12   | regular, upper |
| issuing agency                   | 12   | bold, upper, short centred rule |
| "Số: …"                          | 13   | regular      |
| place and date                   | body (13–14) | italic |
| document type                    | 14   | bold, upper  |
| subject (trích yếu), Kính gửi    | body | bold / regular |
| signing block, signer's name     | body | bold         |
| "Nơi nhận:" / its list           | 12 / 11 | bold italic / regular |
| page number                      | 13   | regular, centred in the top margin |

Quốc hiệu takes the low end of its range (12) so that it stays on one line beside the agency
in the 165 mm of an A4 text block. A5 (the one-stop slips) is A4 scaled by 1/√2 in margins
and by 0.85 in type. A4 landscape (ledgers, statistics tables) keeps the A4 sizes; its top
edge is the bound edge when it is filed with portrait pages, so it takes the left margin at
the top, the right margin at the bottom and the top and bottom margins at the sides.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cached_property
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4, A5, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from app.fonts import register_fonts
from app.settings import PaperSettings

FONT = "Serif"
BOLD = "Serif-Bold"
ITALIC = "Serif-Italic"
BOLD_ITALIC = "Serif-BoldItalic"

DEFAULT_PAPER = PaperSettings(20, 20, 30, 15, 13, "CHỦ TỊCH", ())
_A5_SCALE = 0.7071


def text(value: object) -> str:
    """Any value as NFC text: ReportLab draws decomposed (NFD) marks as separate glyphs."""
    return unicodedata.normalize("NFC", "" if value is None else str(value))


def markup(value: object) -> str:
    """NFC text escaped for Paragraph markup (user data may contain '&' or '<')."""
    return escape(text(value))


@dataclass(frozen=True)
class PageSpec:
    """One page variant: size and margins in points, and the type sizes that go with it."""

    name: str  # "A4", "A5" or "A4-landscape" (Printout.page_size)
    width: float
    height: float
    top: float
    bottom: float
    left: float
    right: float
    scale: float  # type scale against A4
    body_size: float

    @property
    def frame_width(self) -> float:
        return self.width - self.left - self.right

    @property
    def frame_height(self) -> float:
        return self.height - self.top - self.bottom

    def size(self, a4_points: float) -> float:
        return round(a4_points * self.scale * 2) / 2

    @cached_property
    def styles(self) -> Styles:
        return Styles(self)


def page_spec(name: str = "A4", paper: PaperSettings | None = None) -> PageSpec:
    """The page `name` with the margins and body size of the office's paper settings."""
    register_fonts()
    p = paper or DEFAULT_PAPER
    body = float(min(max(p.body_font_size, 13), 14))
    top, bottom, left, right = (v * mm for v in (p.margin_top_mm, p.margin_bottom_mm,
                                                 p.margin_left_mm, p.margin_right_mm))
    if name == "A4":
        return PageSpec(name, *A4, top, bottom, left, right, 1.0, body)
    if name == "A4-landscape":
        return PageSpec(name, *landscape(A4), left, right, top, bottom, 1.0, body)
    if name == "A5":
        s = _A5_SCALE
        return PageSpec(name, *A5, top * s, bottom * s, left * s, right * s, 0.85,
                        round(body * 0.85 * 2) / 2)
    raise ValueError(f"unknown page size {name!r}")


class Styles:
    """Paragraph styles of one page variant."""

    def __init__(self, spec: PageSpec) -> None:
        s = spec.size
        body = spec.body_size
        self.spec = spec
        self.national, self.motto, self.parent, self.agency = s(12), s(13), s(12), s(12)
        self.number, self.date, self.page_number = s(13), body, s(13)
        self.recipients_label, self.recipients = s(12), s(11)
        self.cell = s(12)
        lead = round(body * 1.25, 1)
        self.body = ParagraphStyle(
            "body", fontName=FONT, fontSize=body, leading=lead, alignment=TA_JUSTIFY,
            firstLineIndent=12.7 * mm * spec.scale, spaceAfter=6, allowWidows=0,
            allowOrphans=0)
        self.body_plain = ParagraphStyle("body_plain", parent=self.body, firstLineIndent=0)
        self.doc_type = ParagraphStyle(
            "doc_type", fontName=BOLD, fontSize=s(14), leading=s(14) * 1.25,
            alignment=TA_CENTER, spaceBefore=s(12))
        self.subject = ParagraphStyle(
            "subject", fontName=BOLD, fontSize=body, leading=lead, alignment=TA_CENTER)
        self.subtitle = ParagraphStyle(
            "subtitle", fontName=ITALIC, fontSize=body, leading=lead, alignment=TA_CENTER)
        self.addressee = ParagraphStyle(
            "addressee", fontName=FONT, fontSize=body, leading=lead, alignment=TA_CENTER,
            spaceBefore=6, spaceAfter=6)
        self.addressee_item = ParagraphStyle(
            "addressee_item", parent=self.addressee, alignment=TA_LEFT, spaceBefore=0,
            spaceAfter=0, leftIndent=40 * mm * spec.scale)
        self.section = ParagraphStyle(
            "section", fontName=BOLD, fontSize=body, leading=lead, alignment=TA_CENTER,
            spaceBefore=4, spaceAfter=6)
        self.sign = ParagraphStyle(
            "sign", fontName=BOLD, fontSize=body, leading=lead, alignment=TA_CENTER)
        self.sign_date = ParagraphStyle(
            "sign_date", fontName=ITALIC, fontSize=body, leading=lead, alignment=TA_CENTER)
        self.recipients_head = ParagraphStyle(
            "recipients_head", fontName=BOLD_ITALIC, fontSize=self.recipients_label,
            leading=self.recipients_label * 1.2, alignment=TA_LEFT)
        self.recipients_item = ParagraphStyle(
            "recipients_item", fontName=FONT, fontSize=self.recipients,
            leading=self.recipients * 1.2, alignment=TA_LEFT)
        self.cell_text = ParagraphStyle(
            "cell_text", fontName=FONT, fontSize=self.cell, leading=self.cell * 1.15)
        self.cell_head = ParagraphStyle(
            "cell_head", parent=self.cell_text, fontName=BOLD, alignment=TA_CENTER)
        self.note = ParagraphStyle(
            "note", fontName=ITALIC, fontSize=s(12), leading=s(12) * 1.25, alignment=TA_LEFT)
