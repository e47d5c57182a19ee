"""The statistics of procedure results (Biểu số 06/VPCP/KSTT) on A4 landscape: the
commune's header, the title and period, the table with its two-level header and the row of
column numbers, the notes on what is counted, and the two signatures. Also the table's
headings and numbered rows, which the Excel sheet (app.desk.stats.stats_xlsx) shares.

The counting is app.desk.stats; this module only lays out the rows it is given, so it never
imports the counting (stats → forms_stats, not back).

How the form meets the page (`layout`):

1. The whole form on one page when it fits at one of the type sizes of `SIZES` (largest
   first): a table of two or three fields.
2. Else a table that fits under the title stays whole on the first page, and the notes and
   the signatures go together under it, or to the next page when they do not fit there.
   (Until 2026 such a table was split to carry its last three rows over with the
   signatures: seven fields came out as four rows on one page and three on the next,
   with half a page left blank; and the part carried over was first offered the space left
   on the same page, which set the header a second time in the middle of the page.)
3. A table longer than a page runs over pages, and its last rows go with the notes and the
   signatures (KeepLastRows): a total row or a signing block never starts a page alone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Protocol

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, Paragraph

from app.auth import SYSTEM
from app.context import AppContext
from app.desk.forms_common import (
    Col,
    FormStyles,
    KeepLastRows,
    Office,
    desk_header,
    grouped_table,
    office,
    period_line,
    spec_of,
)
from app.i18n import N_
from app.i18n import paper_text as _  # official papers are always Vietnamese
from app.jobs import Job, Progress
from app.l10n import format_number, long_date, place_date
from app.paper import Printout, file_name
from app.paper.signature import signer, signing_block
from app.paper.styles import PageSpec, markup
from app.paper.template import build_pdf


class CountRow(Protocol):
    """A row of app.desk.stats (StatRow): a field, or the total, and its counts."""

    field: str
    is_total: bool

    def counts(self) -> tuple[int, ...]: ...

    @property
    def timely_rate(self) -> float | None: ...


GROUP_RECEIVED = N_("Số hồ sơ nhận giải quyết")
GROUP_RESOLVED = N_("Số hồ sơ đã giải quyết")
GROUP_OPEN = N_("Số hồ sơ đang giải quyết")
HEADINGS: list[tuple[str, str]] = [  # (group, column) for each count, in stats.COUNTS order
    (GROUP_RECEIVED, N_("Tổng số")), (GROUP_RECEIVED, N_("Trực tuyến")),
    (GROUP_RECEIVED, N_("Trực tiếp, bưu chính")), (GROUP_RECEIVED, N_("Từ kỳ trước chuyển sang")),
    (GROUP_RESOLVED, N_("Tổng số")), (GROUP_RESOLVED, N_("Trước hạn")),
    (GROUP_RESOLVED, N_("Đúng hạn")), (GROUP_RESOLVED, N_("Quá hạn")),
    (GROUP_OPEN, N_("Tổng số")), (GROUP_OPEN, N_("Trong hạn")), (GROUP_OPEN, N_("Quá hạn")),
    ("", N_("Số hồ sơ rút, từ chối")),
]
# (3) = (4) + (5) + (6); (7) = (8) + (9) + (10); (11) = (12) + (13)
NUMBERS = ["(1)", "(2)", "(3)=(4)+\n(5)+(6)", "(4)", "(5)", "(6)", "(7)=(8)+\n(9)+(10)", "(8)",
           "(9)", "(10)", "(11)=\n(12)+(13)", "(12)", "(13)", "(14)"]
# (table, notes) type sizes in points, tried largest first (see the module docstring)
SIZES = ((10.5, 12.0), (10.0, 11.0), (9.0, 10.5))


def flat_headers() -> list[str]:
    """'STT', 'Lĩnh vực', 'Số hồ sơ nhận giải quyết: Tổng số', …"""
    return [_("STT"), _("Lĩnh vực giải quyết")] + [
        f"{_(g)}: {_(c)}" if g else _(c) for g, c in HEADINGS]


def table_rows(rows: Sequence[CountRow]) -> list[list[object]]:
    """Numbered rows for the field rows, the total row last without a number."""
    out: list[list[object]] = []
    for i, r in enumerate(rows, start=1):
        out.append(["" if r.is_total else i, r.field, *r.counts()])
    return out


def _columns() -> list[Col]:
    cols = [Col(_("STT"), 5, "CENTER"), Col(_("Lĩnh vực giải quyết"), 19)]
    for group, title in HEADINGS:
        cols.append(Col(_(title), 8 if group else 9, "CENTER", _(group) if group else ""))
    return cols


def _numbers(rows) -> list[list[str]]:
    return [[str(r[0]), r[1], *(format_number(v) for v in r[2:])] for r in rows]


def _today(now: dt.datetime | None) -> dt.date:
    from app.l10n import today

    return now.date() if now else today()


def preparer(ctx: AppContext) -> str:
    """Người lập biểu: whoever `ctx` acts as; nobody (a blank to sign) for the system."""
    return "" if ctx.user == SYSTEM else ctx.user.full_name


def _notes(rows: Sequence[CountRow], end: dt.date, now: dt.datetime | None) -> list[str]:
    notes = [
        _("Ghi chú: (3) = (7) + (11) + (14). Hồ sơ đã giải quyết là hồ sơ đã trả kết quả trong "
          "kỳ; trước hạn, đúng hạn, quá hạn tính theo thời hạn giải quyết theo quy định. Hồ sơ "
          "bị từ chối hoặc công dân rút trong kỳ ghi ở cột (14). Hồ sơ đang giải quyết tính "
          "đến {until}.").format(until=_("hết {date}").format(date=long_date(end))
                                 if end < _today(now) else _("thời điểm lập biểu")),
    ]
    rate = rows[-1].timely_rate
    if rate is not None:
        notes.append(_("Tỷ lệ hồ sơ giải quyết trước hạn và đúng hạn: {rate}%.").format(
            rate=format_number(round(rate, 1))))
    return notes


def _parts(ctx: AppContext, spec: PageSpec, off: Office, rows: Sequence[CountRow],
           start: dt.date, end: dt.date, now: dt.datetime | None, drawn_up_by: str,
           table_size: float, note_size: float) -> tuple[list[Flowable], Flowable, list[Flowable]]:
    """(the title block, the table, what follows it) at the given type sizes."""
    fs = FormStyles(spec)
    note = ParagraphStyle("stats_note", parent=fs.note, fontSize=spec.size(note_size),
                          leading=spec.size(note_size) * 1.2)
    unit = ParagraphStyle("unit", parent=fs.note, alignment=TA_RIGHT, spaceBefore=0)
    data = _numbers(table_rows(rows))
    title = _("Tình hình, kết quả giải quyết thủ tục hành chính")
    head: list[Flowable] = [
        desk_header(spec, off, desk=False),
        Paragraph(markup(title.upper()), fs.title),
        Paragraph(markup(_("tại {committee}").format(committee=off.committee)), fs.centre_bold),
        Paragraph(markup(_("Kỳ báo cáo: {period}").format(period=period_line(start, end)
                                                          .lower())), fs.centre_italic),
        Paragraph(markup(_("Đơn vị tính: hồ sơ")), unit),
    ]
    table = grouped_table(spec, _columns(), data[:-1], size=spec.size(table_size),
                          total=data[-1], numbers=NUMBERS)
    tail: list[Flowable] = [
        *[Paragraph(markup(n), note) for n in _notes(rows, end, now)],
        signing_block(spec, signer(ctx), place_date=place_date(off.head.place_name,
                                                               _today(now)),
                      left_title=_("NGƯỜI LẬP BIỂU"), left_name=drawn_up_by),
    ]
    return head, table, tail


def _height(spec: PageSpec, flowables: Sequence[Flowable]) -> float:
    """The height the flowables take laid one under the other in a fresh frame."""
    canv = Canvas(None)
    total = 0.0
    for i, f in enumerate(flowables):
        total += f.wrapOn(canv, spec.frame_width, spec.frame_height)[1] + f.getSpaceAfter()
        if i:  # a frame drops the space before its first flowable
            total += f.getSpaceBefore()
    return total


def layout(ctx: AppContext, spec: PageSpec, off: Office, rows: Sequence[CountRow],
           start: dt.date, end: dt.date, now: dt.datetime | None = None
           ) -> tuple[list[Flowable], float]:
    """The flowables of the form and the table's type size (see the module docstring)."""
    drawn_up_by = preparer(ctx)
    for table_size, note_size in SIZES:
        head, table, tail = _parts(ctx, spec, off, rows, start, end, now, drawn_up_by,
                                   table_size, note_size)
        if _height(spec, [*head, table, *tail]) <= spec.frame_height - 2:
            # fresh flowables: a wrapped Paragraph keeps what it measured
            head, table, tail = _parts(ctx, spec, off, rows, start, end, now, drawn_up_by,
                                       table_size, note_size)
            return [*head, table, *tail], table_size
    table_size, note_size = SIZES[0]
    head, table, tail = _parts(ctx, spec, off, rows, start, end, now, drawn_up_by,
                               table_size, note_size)
    if _height(spec, [*head, table]) <= spec.frame_height - 2:
        return [*head, table, KeepTogether(tail)], table_size
    # the total, the notes and the signatures stay with the table's last rows
    return [*head, KeepLastRows(table, tail)], table_size


def statistics_pdf(ctx: AppContext, rows: Sequence[CountRow], start: dt.date, end: dt.date,
                   now: dt.datetime | None = None) -> Job[Printout]:
    """Lay out `rows` (app.desk.stats.tthc_statistics: the fields, then the total)."""
    off = office(ctx)
    spec = spec_of(off, "A4-landscape")
    yield Progress(1, 2, _("Đang dàn trang biểu thống kê"))
    flow, _size = layout(ctx, spec, off, rows, start, end, now)
    title = _("Tình hình, kết quả giải quyết thủ tục hành chính")
    return (yield from build_pdf(
        spec, flow, title=f"{title} {period_line(start, end).lower()}", author=off.committee,
        subject=title, suggested_name=file_name(_("kết quả giải quyết TTHC"),
                                                f"{start:%Y%m%d}", f"{end:%Y%m%d}")))
