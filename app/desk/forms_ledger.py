"""Mẫu 06 Sổ theo dõi hồ sơ: the dossiers received in a period, by ledger line, on A4
landscape (header repeated on each page), or as an Excel sheet with the same columns."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reportlab.platypus import Flowable, Paragraph

from app.auth import Permission
from app.context import AppContext
from app.desk import queries
from app.desk.forms_common import (
    Col,
    FormStyles,
    KeepLastRows,
    code_cell,
    compact_moment,
    desk_header,
    form_label,
    grouped_table,
    office,
    period_line,
    spec_of,
)
from app.desk.types import DossierRow
from app.errors import DomainError
from app.excel import write_sheet
from app.i18n import N_
from app.i18n import paper_text as _  # official papers are always Vietnamese
from app.jobs import Job, Progress
from app.l10n import format_number
from app.labels import label
from app.paper import Printout, file_name
from app.paper.styles import markup
from app.paper.tables import RowCounter
from app.paper.template import build_pdf
from db.models import Channel, DossierStatus

CHUNK = 500
GROUP_RETURN = N_("Trả kết quả")
COLUMNS = [
    Col(N_("STT"), 4.5, "CENTER"), Col(N_("Mã hồ sơ"), 11.5, "CENTER"),
    Col(N_("Tên thủ tục hành chính"), 15), Col(N_("Tên tổ chức, cá nhân"), 11.5),
    Col(N_("Địa chỉ, số điện thoại"), 12.5), Col(N_("Cơ quan chủ trì giải quyết"), 10),
    Col(N_("Nhận hồ sơ"), 9, "CENTER"), Col(N_("Hẹn trả kết quả"), 9, "CENTER"),
    Col(N_("Thời gian"), 9, "CENTER", GROUP_RETURN),
    Col(N_("Hình thức"), 7, "CENTER", GROUP_RETURN),
    Col(N_("Người nhận, ký nhận"), 9.5, "CENTER", GROUP_RETURN),
    Col(N_("Ghi chú"), 10.5),
]
XLSX_HEADERS = [N_("STT"), N_("Mã hồ sơ"), N_("Tên thủ tục hành chính"),
                N_("Tên tổ chức, cá nhân"), N_("Địa chỉ, số điện thoại"),
                N_("Cơ quan chủ trì giải quyết"), N_("Nhận hồ sơ"), N_("Hẹn trả kết quả"),
                N_("Trả kết quả"), N_("Hình thức trả kết quả"), N_("Người nhận kết quả"),
                N_("Ghi chú")]


def _check(start: dt.date, end: dt.date) -> None:
    if end < start:
        raise DomainError(_("Ngày cuối kỳ ({end}) trước ngày đầu kỳ ({start}).").format(
            start=f"{start:%d/%m/%Y}", end=f"{end:%d/%m/%Y}"))


def read_rows(ctx: AppContext, start: dt.date, end: dt.date) -> Job[list[DossierRow]]:
    """The dossiers received from `start` to `end` (inclusive), in ledger order."""
    ctx.require(Permission.VIEW_REGISTERS)
    _check(start, end)
    ids = queries.ledger_ids(ctx, start, end)
    rows: list[DossierRow] = []
    for i in range(0, len(ids), CHUNK):
        rows += queries.get_dossiers(ctx, ids[i:i + CHUNK])
        yield Progress(len(rows), 2 * max(len(ids), 1), _("Đang đọc sổ theo dõi hồ sơ"))
    return rows


def note(d: DossierRow) -> str:
    """The remarks: how the dossier ended (or where it stands), apology slips, the channel."""
    if d.status in (DossierStatus.REFUSED, DossierStatus.WITHDRAWN):
        parts = [f"{label(d.status, paper=True)}: {d.reason}".rstrip(": ")]
    elif d.status == DossierStatus.RETURNED and d.outcome is not None:
        parts = [label(d.outcome, paper=True)]
    else:
        parts = [label(d.status, paper=True)]
    if d.apologies:
        parts.append(_("có phiếu xin lỗi, hẹn lại"))
    if d.channel != Channel.DIRECT:
        parts.append(_("nộp {channel}").format(channel=label(d.channel, paper=True).lower()))
    return "; ".join(parts)


def _contact(d: DossierRow) -> str:
    return "\n".join(x for x in (d.applicant_address, d.applicant_phone or "") if x)


def _handler(d: DossierRow) -> str:
    """'UBND xã' and the officer in charge, when the dossier was handed over."""
    unit = _("UBND xã")
    return f"{unit}\n({d.handler})" if d.handler else unit


def _returned(d: DossierRow) -> bool:
    return d.status == DossierStatus.RETURNED


def ledger_row(d: DossierRow) -> tuple:
    back = _returned(d)
    return (format_number(d.ledger_line), code_cell(d.code), d.procedure_name, d.applicant_name,
            _contact(d), _handler(d), compact_moment(d.received_at), compact_moment(d.due_at),
            compact_moment(d.finished_at) if back else "", d.return_method if back else "",
            d.returned_to if back else "", note(d))


def ledger(ctx: AppContext, start: dt.date, end: dt.date) -> Job[Printout]:
    """Mẫu 06 for the dossiers received from `start` to `end`: A4 landscape."""
    off = office(ctx)
    rows = yield from read_rows(ctx, start, end)
    spec = spec_of(off, "A4-landscape")
    fs = FormStyles(spec)
    counter = RowCounter(len(rows), _("Đang dàn trang sổ theo dõi hồ sơ"))
    cols = [Col(_(c.title), c.width, c.align, _(c.group) if c.group else "") for c in COLUMNS]
    books = sorted({d.ledger_year for d in rows}) or [start.year]
    title = _("Sổ theo dõi hồ sơ")
    flow: list[Flowable] = [
        form_label(spec, off, "06"), desk_header(spec, off),
        Paragraph(markup(title.upper()), fs.title),
        Paragraph(markup(_("Quyển số: {books}").format(
            books=", ".join(str(b) for b in books))), fs.centre),
        Paragraph(markup(period_line(start, end)), fs.centre_italic),
        KeepLastRows(grouped_table(spec, cols, [ledger_row(d) for d in rows], size=spec.size(10),
                               counter=counter),
                 [Paragraph(markup(_("Tổng số: {n} hồ sơ.").format(n=format_number(len(rows)))),
                            fs.item)])]
    total = len(rows)

    def progress() -> Progress | None:
        step = counter.progress()
        return None if step is None else Progress(total + step.done, 2 * max(total, 1),
                                                  step.message)

    return (yield from build_pdf(
        spec, flow, title=f"{title} {period_line(start, end).lower()}", author=off.committee,
        subject=title, suggested_name=file_name(_("sổ theo dõi hồ sơ"), f"{start:%Y%m%d}",
                                                f"{end:%Y%m%d}"), progress=progress))


def ledger_xlsx(ctx: AppContext, start: dt.date, end: dt.date, path: Path | str) -> int:
    """The same ledger as an Excel sheet (dates as dates); returns the number of dossiers."""
    from app.jobs import run_to_end

    rows = run_to_end(read_rows(ctx, start, end))
    data = [(d.ledger_line, d.code, d.procedure_name, d.applicant_name,
             _contact(d).replace("\n", ", "), _handler(d).replace("\n", " "), d.received_at, d.due_at,
             d.finished_at if _returned(d) else None, d.return_method if _returned(d) else "",
             d.returned_to if _returned(d) else "", note(d)) for d in rows]
    try:
        return write_sheet(path, _("Sổ theo dõi hồ sơ"), [_(h) for h in XLSX_HEADERS], data,
                           widths=[7, 26, 40, 24, 30, 20, 17, 17, 17, 14, 22, 30])
    except OSError as exc:
        raise DomainError(_("Không ghi được tệp {path}: {error}").format(
            path=path, error=exc.strerror or exc)) from exc
