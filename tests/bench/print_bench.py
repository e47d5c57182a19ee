"""Benchmark: the paper engine against bare ReportLab drawing the same pages (prints figures).

    .venv/bin/python tests/bench/print_bench.py [--pages 500] [--repeat 5]

Two jobs: one one-page letter (thư công), and a batch of N one-page letters in one PDF (the
congratulation letters of a year, each to another family). Each is built by app.paper
(Letter → letter_flowables → build_pdf, with NFC normalisation, escaping, the header
flowable, the signing block and the page-number callback) and by a bare ReportLab script
below that draws the same header with canvas calls and the same body with platypus
Paragraphs. Reported: the median time of each and the ratio engine / bare (aim: ≤ 1.3).
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT  # noqa: E402
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.styles import ParagraphStyle  # noqa: E402
from reportlab.lib.units import mm  # noqa: E402
from reportlab.pdfbase.pdfmetrics import stringWidth  # noqa: E402
from reportlab.platypus import (  # noqa: E402
    BaseDocTemplate,
    Flowable,
    Frame,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from app.fonts import register_fonts  # noqa: E402
from app.jobs import run_to_end  # noqa: E402
from app.paper.letter import Letter, Letterhead, letter_flowables  # noqa: E402
from app.paper.signature import Signer  # noqa: E402
from app.paper.styles import page_spec  # noqa: E402
from app.paper.template import batch, build_pdf  # noqa: E402

FAMILIES = ["Nguyễn Văn An", "Lê Thị Bình", "Trần Đức Cường", "Phạm Thị Dung", "Hoàng Văn Em",
            "Đặng Thị Giang", "Bùi Quang Hải", "Đỗ Thị Hương", "Vũ Minh Khôi", "Ngô Thị Lan"]
BODY = [
    "Nhân dịp gia đình ông/bà <b>{name}</b> đón cháu bé chào đời, Ủy ban nhân dân xã Quang "
    "Trung trân trọng gửi tới gia đình lời chúc mừng tốt đẹp nhất.",
    "Chúc cháu bé luôn khỏe mạnh, ngoan ngoãn và lớn lên trong tình yêu thương của gia đình; "
    "chúc gia đình luôn mạnh khỏe, hạnh phúc, thành công trong cuộc sống. Ủy ban nhân dân xã "
    "mong gia đình sớm hoàn thành thủ tục đăng ký khai sinh để cháu được hưởng đầy đủ các "
    "quyền lợi theo quy định của pháp luật.",
    "Mọi thắc mắc xin liên hệ Bộ phận tiếp nhận và trả kết quả của xã trong giờ hành chính "
    "để được hướng dẫn tận tình, chu đáo.",
    "Trân trọng./.",
]
DATE = "Quang Trung, ngày 05 tháng 11 năm 2023"


def letters(n: int) -> list[tuple[str, str]]:
    return [(FAMILIES[i % len(FAMILIES)], f"{i + 1:02d}/TC-UBND") for i in range(n)]


# ---- with the engine ------------------------------------------------------------------------

def engine_pdf(items: list[tuple[str, str]]) -> bytes:
    spec = page_spec("A4")
    head = Letterhead("Quang Trung")
    who = Signer(("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"), "Nguyễn Văn Thắng")
    docs = [letter_flowables(spec, Letter(
        head=head, number=number, place_date=DATE, doc_type="Thư chúc mừng",
        subject="Chúc mừng gia đình có thêm thành viên mới",
        addressees=(f"Gia đình ông/bà {name}",), body=tuple(b.format(name=name) for b in BODY),
        signer=who, copies_to=("Như trên", "Lưu: VT."))) for name, number in items]
    return run_to_end(build_pdf(spec, batch(docs), title="Thư chúc mừng",
                                suggested_name="thu.pdf")).pdf


# ---- bare ReportLab ---------------------------------------------------------------------------

class BareHeader(Flowable):
    """The Nghị định 30 header drawn with canvas calls (letters_bench.py uses it too)."""

    def __init__(self, number: str, commune: str = "Quang Trung", place_date: str = DATE) -> None:
        super().__init__()
        self.number, self.commune, self.place_date = number, commune, place_date

    def wrap(self, aw, ah):
        self.width, self.height = aw, 70
        return aw, 70

    def draw(self):
        c = self.canv
        lx, rx = 35.5 * mm, 165 * mm - 47 * mm
        c.setFont("Serif-Bold", 12)
        c.drawCentredString(lx, 59, "ỦY BAN NHÂN DÂN")
        c.drawCentredString(lx, 44.6, f"XÃ {self.commune.upper()}")
        c.drawCentredString(rx, 59, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
        c.setFont("Serif-Bold", 13)
        c.drawCentredString(rx, 44.6, "Độc lập - Tự do - Hạnh phúc")
        c.setLineWidth(0.6)
        w = stringWidth("Độc lập - Tự do - Hạnh phúc", "Serif-Bold", 13)
        c.line(rx - w / 2, 39, rx + w / 2, 39)
        c.line(lx - 16 * mm, 39.5, lx + 16 * mm, 39.5)
        c.setFont("Serif", 13)
        c.drawCentredString(lx, 12, f"Số: {self.number}")
        c.setFont("Serif-Italic", 13)
        c.drawCentredString(rx, 12, self.place_date)


def bare_pdf(items: list[tuple[str, str]]) -> bytes:
    register_fonts()
    out = io.BytesIO()
    body = ParagraphStyle("b", fontName="Serif", fontSize=13, leading=16.25,
                          alignment=TA_JUSTIFY, firstLineIndent=12.7 * mm, spaceAfter=6)
    centre = ParagraphStyle("c", fontName="Serif-Bold", fontSize=14, leading=17.5,
                            alignment=TA_CENTER)
    plain = ParagraphStyle("p", parent=centre, fontName="Serif", fontSize=13)
    sign = ParagraphStyle("s", parent=centre, fontSize=13)
    small = ParagraphStyle("n", fontName="Serif", fontSize=11, leading=13.2, alignment=TA_LEFT)
    doc = BaseDocTemplate(out, pagesize=A4, leftMargin=30 * mm, rightMargin=15 * mm,
                          topMargin=20 * mm, bottomMargin=20 * mm, initialFontName="Serif")

    frame = Frame(30 * mm, 20 * mm, 165 * mm, 257 * mm, leftPadding=0, rightPadding=0,
                  topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate("p", [frame])])  # one-page letters: no page numbers
    story = []
    for i, (name, number) in enumerate(items):
        if i:
            story.append(PageBreak())
        story += [BareHeader(number), Spacer(1, 12), Paragraph("THƯ CHÚC MỪNG", centre),
                  Paragraph("Chúc mừng gia đình có thêm thành viên mới", sign), Spacer(1, 10),
                  Paragraph(f"Kính gửi: Gia đình ông/bà {name}", plain)]
        story += [Paragraph(b.format(name=name), body) for b in BODY]
        left = [Paragraph("<b><i>Nơi nhận:</i></b>", small), Paragraph("- Như trên;", small),
                Paragraph("- Lưu: VT.", small)]
        right = [Paragraph("TM. ỦY BAN NHÂN DÂN", sign), Paragraph("CHỦ TỊCH", sign),
                 Spacer(1, 24 * mm), Paragraph("Nguyễn Văn Thắng", sign)]
        t = Table([[left, right]], colWidths=[74 * mm, 91 * mm])
        t.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), "Serif", 13),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))
        story.append(t)
    doc.build(story)
    return out.getvalue()


def timed(fn, repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t)
    return statistics.median(runs)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=500)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    register_fonts()
    engine_pdf(letters(2))
    bare_pdf(letters(2))  # warm up: fonts parsed, modules imported
    from pypdf import PdfReader

    for label, n, repeat in (("1-page letter", 1, args.repeat * 4),
                             (f"{args.pages}-page batch", args.pages, args.repeat)):
        pages = len(PdfReader(io.BytesIO(engine_pdf(letters(n)))).pages)
        bare_pages = len(PdfReader(io.BytesIO(bare_pdf(letters(n)))).pages)
        e = timed(lambda n=n: engine_pdf(letters(n)), repeat)
        b = timed(lambda n=n: bare_pdf(letters(n)), repeat)
        print(f"{label:<18} engine {e * 1000:8.1f} ms ({pages} p)   bare ReportLab "
              f"{b * 1000:8.1f} ms ({bare_pages} p)   ratio {e / b:.2f}×")


if __name__ == "__main__":
    main()
