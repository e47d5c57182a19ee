"""What the one-stop papers share: the desk's header, the form's legal basis line, the
styles of a form's items, two signatures side by side, a table with a two-level header, the
"fit on one page" type size and the build.

The header of the desk's forms (Thông tư 01/2018/TT-VPCP, Mẫu 01–05): on the left the
commune's People's Committee (regular) and the desk, "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ"
(bold, short rule); on the right the national motto. The act the forms come from is printed
from the settings ("legal_basis_forms"): the forms were re-issued in 2025.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from app import settings
from app.context import AppContext
from app.i18n import paper_text as _  # official papers are always Vietnamese
from app.l10n import format_time, short_date
from app.paper.header import Line, OfficialHeader, agency_lines, national_lines
from app.paper.letter import Letterhead
from app.paper.styles import BOLD, FONT, ITALIC, PageSpec, markup, page_spec, text
from app.paper.tables import KeepTail, RowCounter, _counted_table
from app.settings import PaperSettings


@dataclass(frozen=True)
class Office:
    head: Letterhead
    paper: PaperSettings
    chairman: str

    @property
    def committee(self) -> str:
        """'Ủy ban nhân dân xã Quang Trung' (in running text)."""
        return _("Ủy ban nhân dân xã {name}").format(name=self.head.commune)

    @property
    def desk(self) -> str:
        """'Bộ phận tiếp nhận và trả kết quả, Ủy ban nhân dân xã Quang Trung'."""
        return _("Bộ phận tiếp nhận và trả kết quả, {committee}").format(
            committee=self.committee)


def office(ctx: AppContext) -> Office:
    p = settings.profile(ctx)
    return Office(Letterhead(p.commune_name, p.parent_unit, p.place_name), settings.paper(ctx),
                  p.chairman_name)


def spec_of(off: Office, size: str) -> PageSpec:
    return page_spec(size, off.paper)


def desk_header(spec: PageSpec, off: Office, place_date: str | None = None,
                number: str | None = None, desk: bool = True) -> OfficialHeader:
    """The header of a desk form; `desk=False` gives the commune's own header (Mẫu 04)."""
    st = spec.styles
    if desk:
        left = [Line(_("ỦY BAN NHÂN DÂN XÃ {name}").format(name=off.head.commune).upper(), FONT,
                     st.parent),
                Line(_("BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ"), BOLD, st.agency)]
    else:
        left = agency_lines(spec, off.head.commune, off.head.parent_unit)
    return OfficialHeader(spec, left, national_lines(spec), number=number,
                          place_date=place_date)


def form_label(spec: PageSpec, off: Office, form_no: str) -> Paragraph:
    """'Mẫu số 01 – ban hành kèm theo Thông tư số 01/2018/TT-VPCP …' at the top right."""
    size = spec.size(9)
    style = ParagraphStyle("form_label", fontName=ITALIC, fontSize=size, leading=size * 1.2,
                           alignment=TA_RIGHT, spaceAfter=3)
    basis = text(off.paper.legal_basis_forms) or settings.LEGAL_BASIS_FORMS
    return Paragraph(markup(_("Mẫu số {number} – ban hành kèm theo {basis}").format(
        number=form_no, basis=basis)), style)


class FormStyles:
    """Styles of a form's body at `size` points (the slip shrinks it to fit its page)."""

    def __init__(self, spec: PageSpec, size: float | None = None) -> None:
        size = size or spec.body_size
        lead = round(size * 1.22, 1)
        self.size = size
        self.title = ParagraphStyle("f_title", fontName=BOLD, fontSize=size + spec.size(2),
                                    leading=(size + spec.size(2)) * 1.2, alignment=TA_CENTER,
                                    spaceBefore=spec.size(8))
        self.centre = ParagraphStyle("f_centre", fontName=FONT, fontSize=size, leading=lead,
                                     alignment=TA_CENTER)
        self.centre_bold = ParagraphStyle("f_centre_bold", parent=self.centre, fontName=BOLD)
        self.centre_italic = ParagraphStyle("f_centre_italic", parent=self.centre,
                                            fontName=ITALIC, spaceAfter=4)
        self.item = ParagraphStyle("f_item", fontName=FONT, fontSize=size, leading=lead,
                                   alignment=TA_JUSTIFY, spaceBefore=1.5)
        self.para = ParagraphStyle("f_para", parent=self.item, firstLineIndent=10 * mm *
                                   spec.scale, spaceBefore=3)
        self.sub = ParagraphStyle("f_sub", parent=self.item, leftIndent=8 * mm * spec.scale,
                                  firstLineIndent=-3 * mm * spec.scale, spaceBefore=0)
        cell = min(size, spec.styles.cell)
        self.cell = ParagraphStyle("f_cell", fontName=FONT, fontSize=cell, leading=cell * 1.15)
        self.cell_centre = ParagraphStyle("f_cell_c", parent=self.cell, alignment=TA_CENTER)
        self.cell_right = ParagraphStyle("f_cell_r", parent=self.cell, alignment=TA_RIGHT)
        self.cell_head = ParagraphStyle("f_cell_h", parent=self.cell, fontName=BOLD,
                                        alignment=TA_CENTER)
        self.cell_bold = ParagraphStyle("f_cell_b", parent=self.cell, fontName=BOLD)
        self.sign = ParagraphStyle("f_sign", fontName=BOLD, fontSize=size, leading=lead,
                                   alignment=TA_CENTER)
        self.sign_note = ParagraphStyle("f_sign_note", fontName=ITALIC, fontSize=size - 1,
                                        leading=(size - 1) * 1.2, alignment=TA_CENTER)
        self.note = ParagraphStyle("f_note", fontName=ITALIC, fontSize=size - 1,
                                   leading=(size - 1) * 1.2, alignment=TA_LEFT, spaceBefore=4)


def field_line(label: str, value: object, style: ParagraphStyle, bold: bool = False) -> Paragraph:
    """'Địa chỉ: Xóm 1, Thôn Đồng Lạc' with the value set off (bold when asked)."""
    shown = markup(value) if text(value) else "……………"
    if bold:
        shown = f"<b>{shown}</b>"
    return Paragraph(f"{markup(label)} {shown}", style)


def signatures(spec: PageSpec, fs: FormStyles, *columns: tuple[str, str, str],
               gap: float = 20) -> Table:
    """Signatures side by side: each column (TITLE, '(Ký và ghi rõ họ tên)', name)."""
    cells = []
    for title, note, name in columns:
        col: list[Flowable] = [Paragraph(markup(title).upper(), fs.sign)]
        if note:
            col.append(Paragraph(markup(note), fs.sign_note))
        col.append(Spacer(1, gap * mm * spec.scale))
        col.append(Paragraph(markup(name) if text(name) else "&nbsp;", fs.sign))
        cells.append(col)
    width = spec.frame_width / len(cells)
    table = Table([cells], colWidths=[width] * len(cells), spaceBefore=8)
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), FONT, fs.size),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        *[(k, (0, 0), (-1, -1), 0) for k in ("LEFTPADDING", "RIGHTPADDING", "TOPPADDING",
                                             "BOTTOMPADDING")],
    ]))
    return table


def fitted(spec: PageSpec, make: Callable[..., list[Flowable]],
           variants: Sequence[tuple]) -> list[Flowable]:
    """The flowables of `make(*variant)` for the first variant (largest type first) that
    fits one page, else the last one: a slip's copy stays on its own sheet even with a long
    list of documents."""
    from reportlab.pdfgen.canvas import Canvas

    canv = Canvas(None)
    for variant in variants:
        height = 0.0
        for f in make(*variant):
            height += f.wrapOn(canv, spec.frame_width, spec.frame_height)[1]
            height += f.getSpaceBefore() + f.getSpaceAfter()
        if height <= spec.frame_height - 2:
            return make(*variant)  # fresh flowables: a wrapped Paragraph keeps its cache
    return make(*variants[-1])


# -- tables -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Col:
    title: str
    width: float  # share of the frame width
    align: str = "LEFT"
    group: str = ""  # the first header row's title over neighbouring columns


def grouped_table(spec: PageSpec, columns: Sequence[Col], rows: Sequence[Sequence[object]],
                  *, size: float, total: Sequence[object] | None = None,
                  numbers: Sequence[str] | None = None, counter: RowCounter | None = None,
                  sections: Collection[int] = ()) -> Table:
    """A ruled table whose header has two levels where columns carry a `group` (one level
    otherwise); `numbers` adds the row of column numbers "(1) (2) …" under the header. The
    header repeats on each page; `total` is a bold last row; the rows whose indexes are in
    `sections` are headings: their first cell, bold, spans the whole width. Cells are
    wrapped Paragraphs."""
    styles = {a: ParagraphStyle(f"g_{a}", fontName=FONT, fontSize=size, leading=size * 1.15,
                                alignment={"LEFT": TA_LEFT, "CENTER": TA_CENTER,
                                           "RIGHT": TA_RIGHT}[a])
              for a in ("LEFT", "CENTER", "RIGHT")}
    head = ParagraphStyle("g_head", parent=styles["CENTER"], fontName=BOLD)
    share = sum(c.width for c in columns)
    widths = [spec.frame_width * c.width / share for c in columns]
    two = any(c.group for c in columns)
    commands: list[tuple] = []
    top: list[object] = []
    second: list[object] = []
    i = 0
    while i < len(columns):
        c = columns[i]
        if not c.group:
            top.append(Paragraph(markup(c.title), head))
            second.append("")
            if two:
                commands.append(("SPAN", (i, 0), (i, 1)))
            i += 1
            continue
        j = i
        while j + 1 < len(columns) and columns[j + 1].group == c.group:
            j += 1
        top.append(Paragraph(markup(c.group), head))
        top.extend([""] * (j - i))
        second.extend(Paragraph(markup(x.title), head) for x in columns[i:j + 1])
        if j > i:
            commands.append(("SPAN", (i, 0), (j, 0)))
        i = j + 1
    header = [top, second] if two else [top]
    if numbers:
        number = ParagraphStyle("g_no", parent=styles["CENTER"], fontName=ITALIC)
        header.append([Paragraph(markup(n).replace("\n", "<br/>"), number) for n in numbers])
    n_head = len(header)

    def cell(value: object, c: Col, bold: bool = False) -> object:
        s = text(value)
        if not s:
            return ""
        shown = markup(s).replace("\n", "<br/>")
        return Paragraph(f"<b>{shown}</b>" if bold else shown, styles[c.align])

    data: list[list[object]] = [*header]
    for i, row in enumerate(rows):
        if i in sections:
            heading = Paragraph(f"<b>{markup(row[0])}</b>", styles["LEFT"])
            data.append([heading, *[""] * (len(columns) - 1)])
            commands.append(("SPAN", (0, n_head + i), (-1, n_head + i)))
            # a heading never stays alone at the foot of a page
            commands.append(("NOSPLIT", (0, n_head + i), (-1, min(n_head + i + 1,
                                                                   n_head + len(rows) - 1))))
            continue
        data.append([cell(v, c) for v, c in zip(row, columns, strict=True)])
    if total is not None:
        data.append([cell(v, c, bold=True) for v, c in zip(total, columns, strict=True)])
    cls = _counted_table(counter, len(rows), n_head)
    table = cls(data, colWidths=widths, repeatRows=n_head, hAlign="LEFT")
    commands += [
        ("FONT", (0, 0), (-1, -1), FONT, size, size * 1.15),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2.5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2.5),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if total is not None:
        table._has_total = True
    table.setStyle(TableStyle(commands))
    return table


class KeepLastRows(KeepTail):
    """KeepTail that also keeps `rows` rows with the tail when the table runs over a page
    by itself: a total row or the last data row never starts a page alone."""

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        if self._declines():
            return []
        table = self.table
        _w, table_h = table.wrapOn(self.canv, avail_width, avail_height)
        if table_h <= avail_height:
            return super().split(avail_width, avail_height)
        pieces = table.split(avail_width, avail_height)
        if len(pieces) == 2:
            first = len(pieces[0]._cellvalues)
            left = len(table._cellvalues) - first
            short = self.rows - left
            if short > 0 and first - short > table.repeatRows:
                height = sum(table._rowHeights[:first - short]) + 0.5
                pieces = table.split(avail_width, height)
        if len(pieces) < 2:
            return []
        return [pieces[0], self._go_on(pieces[1])]


# -- small formats ------------------------------------------------------------------------

def moment(value: dt.datetime | None) -> str:
    """'08 giờ 30 phút\\n05/11/2023' in a table cell; '' for nothing."""
    if value is None:
        return ""
    return f"{format_time(value)}\n{short_date(value.date())}"


def compact_moment(value: dt.datetime | None) -> str:
    """'08:30 05/11/2023' where a column is narrow (the ledger)."""
    return "" if value is None else f"{value:%H:%M}\n{value:%d/%m/%Y}"


def code_cell(code: str) -> str:
    """A dossier code broken after its agency part, so it wraps in a narrow column."""
    head, sep, tail = text(code).partition("-")
    return f"{head}{sep}\n{tail}" if sep else head


def period_line(start: dt.date, end: dt.date) -> str:
    """'Từ ngày 01/01/2023 đến ngày 31/12/2023'."""
    return _("Từ ngày {start} đến ngày {end}").format(start=short_date(start),
                                                       end=short_date(end))
