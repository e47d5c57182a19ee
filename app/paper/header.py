"""The two-column header of every official paper, and the title block under it.

Left column: the parent agency (regular, upper, when there is one), the issuing agency in
bold with a short centred rule (40 % of its line) and "Số: …" under it. Right column: the
Quốc hiệu, the Tiêu ngữ with a rule as long as the text, and the italic place-and-date
line on the same baseline as "Số". Rows of the two columns share baselines: the first
agency line sits on the Quốc hiệu's baseline, the second on the Tiêu ngữ's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph

from app.i18n import paper_text as _  # official papers are always Vietnamese
from app.paper.styles import BOLD, FONT, ITALIC, PageSpec, markup, text

AGENCY_RULE = 0.4  # of the agency line (Nghị định 30/2020: 1/3 to 1/2)
SUBJECT_RULE = 0.4  # of the subject line
RULE_WIDTH = 0.6  # points


@dataclass(frozen=True)
class Line:
    text: str
    font: str
    size: float


def national_lines(spec: PageSpec) -> list[Line]:
    st = spec.styles
    return [Line(_("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), BOLD, st.national),
            Line(_("Độc lập - Tự do - Hạnh phúc"), BOLD, st.motto)]


def _wrap_words(words: list[str], font: str, size: float, width: float) -> list[str]:
    lines: list[str] = []
    for word in words:
        if lines and stringWidth(f"{lines[-1]} {word}", font, size) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def fit_line(line: Line, width: float, shrink: float = 0.88) -> list[Line]:
    """`line` within `width`: as it is, or up to 12 % smaller, or broken into two balanced
    lines (never one word left alone), or, for a very long name, into as many as needed."""
    natural = stringWidth(line.text, line.font, line.size)
    if natural <= width:
        return [line]
    if natural * shrink <= width:
        return [Line(line.text, line.font, int(line.size * width / natural * 10) / 10)]
    words = line.text.split()
    best: tuple[float, list[str]] | None = None
    for i in range(1, len(words)):
        parts = [" ".join(words[:i]), " ".join(words[i:])]
        widest = max(stringWidth(x, line.font, line.size) for x in parts)
        if widest <= width and (best is None or widest < best[0]):
            best = (widest, parts)
    parts = best[1] if best else _wrap_words(words, line.font, line.size, width)
    return [Line(x, line.font, line.size) for x in parts]


def agency_lines(spec: PageSpec, commune: str, parent_unit: str = "") -> list[Line]:
    """['UBND TỈNH …' (regular)], 'ỦY BAN NHÂN DÂN', 'XÃ QUANG TRUNG' (bold, upper)."""
    st = spec.styles
    lines = [Line(text(parent_unit).upper(), FONT, st.parent)] if text(parent_unit) else []
    lines.append(Line(_("ỦY BAN NHÂN DÂN"), BOLD, st.agency))
    lines.append(Line(_("XÃ {name}").format(name=text(commune)).upper(), BOLD, st.agency))
    return lines


class OfficialHeader(Flowable):
    """The header block, drawn line by line so that both columns share their baselines."""

    def __init__(self, spec: PageSpec, left: Sequence[Line], right: Sequence[Line],
                 number: str | None = None, place_date: str | None = None,
                 summary: str | None = None) -> None:
        super().__init__()
        self.spec = spec
        self.left = [Line(text(x.text), x.font, x.size) for x in left]
        self.right = [Line(text(x.text), x.font, x.size) for x in right]
        self.number = text(number) if number is not None else None
        self.place_date = text(place_date) if place_date else None
        self.summary = text(summary) if summary else None

    # -- geometry ---------------------------------------------------------------------------
    def _columns(self, avail: float) -> tuple[float, float, float]:
        """(left width, right column x, right width)."""
        s = self.spec.scale
        widths = [stringWidth(x.text, x.font, x.size) for x in self.right]
        if self.place_date:
            widths.append(stringWidth(self.place_date, ITALIC, self.spec.styles.date))
        right_w = max(widths) + 4 * mm * s
        left_w = min(avail - right_w, 75 * mm * s)
        right_w = min(avail - left_w, 110 * mm * s)
        return left_w, avail - right_w, right_w

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        st = self.spec.styles
        self.width = avail_width
        self.left_w, self.right_x, self.right_w = self._columns(avail_width)
        # a left line too long for its column (a long name, the narrow A5 column)
        left: list[Line] = []
        for line in self.left:
            left += fit_line(line, self.left_w - 2 * mm * self.spec.scale)
        self.left_rows = left
        self.lead = max(x.size for x in [*left, *self.right]) * 1.2
        self.first = max(left[0].size, self.right[0].size) * 0.92
        rows = max(len(left), len(self.right))
        bottom = self.first + (rows - 1) * self.lead + 0.3 * self.lead
        self.number_base = None
        self.summary_lines: list[str] = []
        if self.number is not None or self.place_date:
            self.number_base = self.first + (rows - 1) * self.lead + self.lead * 1.7
            bottom = self.number_base + 0.3 * st.number
            if self.summary:
                self.summary_lines = _wrap_words(self.summary.split(), FONT, st.agency,
                                                 self.left_w - 4 * mm)
                bottom = self.number_base + len(self.summary_lines) * st.agency * 1.2 + 4
        self.height = bottom
        return self.width, self.height

    # -- drawing ----------------------------------------------------------------------------
    def _rule(self, cx: float, y: float, length: float) -> None:
        self.canv.setLineWidth(RULE_WIDTH)
        self.canv.line(cx - length / 2, y, cx + length / 2, y)

    def _column(self, lines: Sequence[Line], cx: float, rule: str) -> None:
        c = self.canv
        for i, line in enumerate(lines):
            c.setFont(line.font, line.size)
            c.drawCentredString(cx, self.height - self.first - i * self.lead, line.text)
        last = lines[-1]
        y = self.height - self.first - (len(lines) - 1) * self.lead - 0.42 * last.size
        width = stringWidth(last.text, last.font, last.size)
        if rule == "short":
            bold = [stringWidth(x.text, x.font, x.size) for x in lines if x.font == BOLD]
            self._rule(cx, y, AGENCY_RULE * max(bold or [width]))
        else:
            self._rule(cx, y, width)

    def draw(self) -> None:
        c = self.canv
        st = self.spec.styles
        left_cx = self.left_w / 2
        right_cx = self.right_x + self.right_w / 2
        self._column(self.left_rows, left_cx, "short")
        self._column(self.right, right_cx, "full")
        if self.number_base is None:
            return
        y = self.height - self.number_base
        if self.number is not None:
            c.setFont(FONT, st.number)
            c.drawCentredString(left_cx, y, _("Số: {number}").format(number=self.number))
        if self.place_date:
            c.setFont(ITALIC, st.date)
            c.drawCentredString(right_cx, y, self.place_date)
        c.setFont(FONT, st.agency)
        for i, line in enumerate(self.summary_lines, start=1):
            c.drawCentredString(left_cx, y - i * st.agency * 1.2, line)


class CentredRule(Flowable):
    """A short solid rule centred under a title or subject line."""

    def __init__(self, length: float, space_before: float = 4, space_after: float = 8) -> None:
        super().__init__()
        self.length = length
        self.space_before = space_before
        self.space_after = space_after

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self.length = min(self.length, avail_width)
        return avail_width, self.space_before + self.space_after

    def draw(self) -> None:
        self.canv.setLineWidth(RULE_WIDTH)
        y = self.space_after
        self.canv.line((self.width - self.length) / 2, y, (self.width + self.length) / 2, y)


def title_block(spec: PageSpec, doc_type: str, subject: str = "") -> list[Flowable]:
    """'BÁO CÁO' (bold, upper) then the subject (bold) with its short rule."""
    st = spec.styles
    out: list[Flowable] = [Paragraph(markup(doc_type).upper(), st.doc_type)]
    if subject:
        out.append(Paragraph(markup(subject), st.subject))
        longest = min(stringWidth(text(subject), st.subject.fontName, st.subject.fontSize),
                      spec.frame_width)
        out.append(CentredRule(SUBJECT_RULE * longest))
    else:
        out.append(CentredRule(0, space_before=0, space_after=6))
    return out


def addressee_block(spec: PageSpec, recipients: Sequence[str]) -> list[Flowable]:
    """'Kính gửi: …' centred for one recipient; for several, each on its own '- …;' line."""
    st = spec.styles
    label = _("Kính gửi:")
    names = [text(r) for r in recipients if text(r)]
    if not names:
        return []
    if len(names) == 1:
        return [Paragraph(f"{markup(label)} {markup(names[0])}", st.addressee)]
    out: list[Flowable] = [Paragraph(markup(label), st.addressee)]
    for i, name in enumerate(names):
        end = "." if i == len(names) - 1 else ";"
        out.append(Paragraph(f"- {markup(name)}{end}", st.addressee_item))
    return out
