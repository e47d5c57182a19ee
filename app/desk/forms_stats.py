"""The statistics of procedure results (Biểu số 06/VPCP/KSTT) on A4 landscape: the
commune's header, the title and period, the table with its two-level header and the row of
column numbers, the notes on what is counted, and the two signatures."""

from __future__ import annotations

import datetime as dt

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph

from app.auth import SYSTEM
from app.context import AppContext
from app.desk.forms_common import (
    Col,
    FormStyles,
    KeepLastRows,
    desk_header,
    grouped_table,
    office,
    period_line,
    spec_of,
)
from app.desk.stats import HEADINGS, table_rows, tthc_statistics
from app.i18n import paper_text as _  # official papers are always Vietnamese
from app.jobs import Job, Progress
from app.l10n import format_number, long_date, place_date
from app.paper import Printout, file_name
from app.paper.signature import signer, signing_block
from app.paper.styles import markup
from app.paper.template import build_pdf

# (3) = (4) + (5) + (6); (7) = (8) + (9) + (10); (11) = (12) + (13)
NUMBERS = ["(1)", "(2)", "(3)=(4)+\n(5)+(6)", "(4)", "(5)", "(6)", "(7)=(8)+\n(9)+(10)", "(8)",
           "(9)", "(10)", "(11)=\n(12)+(13)", "(12)", "(13)", "(14)"]


def _columns() -> list[Col]:
    cols = [Col(_("STT"), 5, "CENTER"), Col(_("Lĩnh vực giải quyết"), 19)]
    for group, title in HEADINGS:
        cols.append(Col(_(title), 8 if group else 9, "CENTER", _(group) if group else ""))
    return cols


def _numbers(rows) -> list[list[str]]:
    return [[str(r[0]), r[1], *(format_number(v) for v in r[2:])] for r in rows]


def statistics_pdf(ctx: AppContext, start: dt.date, end: dt.date,
                   now: dt.datetime | None = None) -> Job[Printout]:
    yield Progress(0, 2, _("Đang tổng hợp kết quả giải quyết thủ tục hành chính"))
    rows = tthc_statistics(ctx, start, end, now)
    off = office(ctx)
    spec = spec_of(off, "A4-landscape")
    fs = FormStyles(spec)
    total = rows[-1]
    data = _numbers(table_rows(rows))
    unit = ParagraphStyle("unit", parent=fs.note, alignment=TA_RIGHT, spaceBefore=0)
    notes = [
        _("Ghi chú: (3) = (7) + (11) + (14). Hồ sơ đã giải quyết là hồ sơ đã trả kết quả trong "
          "kỳ; trước hạn, đúng hạn, quá hạn tính theo thời hạn giải quyết theo quy định. Hồ sơ "
          "bị từ chối hoặc công dân rút trong kỳ ghi ở cột (14). Hồ sơ đang giải quyết tính "
          "đến {until}.").format(until=_("hết {date}").format(date=long_date(end))
                                 if end < _today(now) else _("thời điểm lập biểu")),
    ]
    rate = total.timely_rate
    if rate is not None:
        notes.append(_("Tỷ lệ hồ sơ giải quyết trước hạn và đúng hạn: {rate}%.").format(
            rate=format_number(round(rate, 1))))
    drawn_up_by = "" if ctx.actor == SYSTEM else ctx.actor.full_name
    title = _("Tình hình, kết quả giải quyết thủ tục hành chính")
    flow: list[Flowable] = [
        desk_header(spec, off, desk=False),
        Paragraph(markup(title.upper()), fs.title),
        Paragraph(markup(_("tại {committee}").format(committee=off.committee)), fs.centre_bold),
        Paragraph(markup(_("Kỳ báo cáo: {period}").format(period=period_line(start, end)
                                                          .lower())), fs.centre_italic),
        Paragraph(markup(_("Đơn vị tính: hồ sơ")), unit),
        # the total, the notes and the signatures stay with the table's last rows
        KeepLastRows(grouped_table(spec, _columns(), data[:-1], size=spec.size(10.5),
                               total=data[-1], numbers=NUMBERS), [
            *[Paragraph(markup(n), fs.note) for n in notes],
            signing_block(spec, signer(ctx), place_date=place_date(off.head.place_name,
                                                                   _today(now)),
                          left_title=_("NGƯỜI LẬP BIỂU"), left_name=drawn_up_by)]),
    ]
    yield Progress(1, 2, _("Đang dàn trang biểu thống kê"))
    return (yield from build_pdf(
        spec, flow, title=f"{title} {period_line(start, end).lower()}", author=off.committee,
        subject=title, suggested_name=file_name(_("kết quả giải quyết TTHC"),
                                                f"{start:%Y%m%d}", f"{end:%Y%m%d}")))


def _today(now: dt.datetime | None) -> dt.date:
    from app.l10n import today

    return now.date() if now else today()
