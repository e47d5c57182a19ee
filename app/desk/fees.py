"""Money at the desk, on paper:

- fee_list: BẢNG KÊ THU PHÍ, LỆ PHÍ of one day (A4): the dossiers whose result was returned
  that day with a fee collected (lifecycle.return_result records fee_paid), by the clerk who
  returned them (or every clerk); the total in figures and in words.
- fee_board: BẢNG NIÊM YẾT CÔNG KHAI THỦ TỤC HÀNH CHÍNH, PHÍ, LỆ PHÍ (A4 landscape): the
  procedures in use, by field, with their time and fee, and the office hours.
"""

from __future__ import annotations

import datetime as dt

from reportlab.platypus import Flowable, Paragraph
from sqlalchemy import func, select

from app import procedures, settings
from app.auth import SYSTEM, Permission
from app.context import AppContext
from app.desk.forms_common import (
    Col,
    FormStyles,
    KeepLastRows,
    code_cell,
    desk_header,
    grouped_table,
    office,
    spec_of,
)
from app.errors import NotFound
from app.i18n import N_
from app.i18n import paper_text as _  # official papers are always Vietnamese
from app.jobs import Job, Progress
from app.l10n import format_money, format_number, long_date, money_in_words, place_date
from app.l10n import today as vn_today
from app.labels import label
from app.paper import Printout, file_name
from app.paper.signature import Signer, signer, signing_block
from app.paper.styles import markup
from app.paper.template import build_pdf
from app.text import fold
from db.models import Dossier, DossierEvent, DossierStatus, Procedure, TimeUnit, User

FEE_COLUMNS = [Col(N_("STT"), 6, "CENTER"), Col(N_("Mã hồ sơ"), 26, "CENTER"),
               Col(N_("Người nộp"), 22), Col(N_("Thủ tục hành chính"), 30),
               Col(N_("Số tiền (đồng)"), 16, "RIGHT")]
BOARD_COLUMNS = [Col(N_("STT"), 5, "CENTER"), Col(N_("Mã thủ tục"), 9, "CENTER"),
                 Col(N_("Tên thủ tục hành chính"), 36), Col(N_("Thời hạn giải quyết"), 17),
                 Col(N_("Phí, lệ phí"), 33)]
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII",
         "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX"]


def _collector():
    """Who took the money: the clerk of the dossier's last 'returned' event, else the one
    who received it."""
    last = (select(DossierEvent.by_user).where(DossierEvent.dossier_id == Dossier.id,
                                               DossierEvent.kind == "returned")
            .order_by(DossierEvent.id.desc()).limit(1).scalar_subquery())
    return func.coalesce(last, Dossier.received_by)


def fee_rows(ctx: AppContext, day: dt.date, user_id: int | None = None
             ) -> list[tuple[str, str, str, int]]:
    """(code, applicant, procedure, amount) of the fees collected on `day`, in return order."""
    ctx.require(Permission.VIEW_REGISTERS)
    start = dt.datetime.combine(day, dt.time())
    stmt = (select(Dossier.code, Dossier.applicant_name, Procedure.name, Dossier.fee_paid)
            .join(Procedure, Procedure.id == Dossier.procedure_id)
            .where(Dossier.status == DossierStatus.RETURNED, Dossier.fee_paid > 0,
                   Dossier.finished_at >= start,
                   Dossier.finished_at < start + dt.timedelta(days=1))
            .order_by(Dossier.finished_at, Dossier.id))
    if user_id is not None:
        stmt = stmt.where(_collector() == user_id)
    with ctx.read() as s:
        return [(c, n, p, int(f)) for c, n, p, f in s.execute(stmt)]


def _user_name(ctx: AppContext, user_id: int) -> str:
    with ctx.read() as s:
        name = s.scalar(select(User.full_name).where(User.id == user_id))
    if name is None:
        raise NotFound(_("Không tìm thấy cán bộ này."))
    return name


def fee_list(ctx: AppContext, day: dt.date, user_id: int | None = None) -> Job[Printout]:
    """BẢNG KÊ THU PHÍ, LỆ PHÍ of `day`, for the clerk `user_id` or for the whole desk."""
    yield Progress(0, 2, _("Đang đọc các khoản thu"))
    rows = fee_rows(ctx, day, user_id)
    clerk = _user_name(ctx, user_id) if user_id is not None else ""
    drawn_up_by = clerk or ("" if ctx.user == SYSTEM else ctx.user.full_name)
    off = office(ctx)
    spec = spec_of(off, "A4")
    fs = FormStyles(spec)
    total = sum(r[3] for r in rows)
    data = [(i, code_cell(c), n, p, format_number(f))
            for i, (c, n, p, f) in enumerate(rows, start=1)]
    cols = [Col(_(c.title), c.width, c.align) for c in FEE_COLUMNS]
    table = grouped_table(spec, cols, data, size=spec.styles.cell,
                          total=("", _("Cộng: {n} hồ sơ").format(n=format_number(len(rows))),
                                 "", "", format_number(total)))
    who = (_("Người thu: {name}, Bộ phận tiếp nhận và trả kết quả").format(name=clerk)
           if clerk else _("Bộ phận tiếp nhận và trả kết quả, {committee}").format(
               committee=off.committee))
    words = _("Tổng số tiền: {money} (bằng chữ: {words}).").format(
        money=format_money(total), words=money_in_words(total))
    tail: list[Flowable] = [
        Paragraph(markup(words), fs.item),
        signing_block(spec, Signer((_("NGƯỜI NHẬN TIỀN"),), ""),
                      place_date=place_date(off.head.place_name, day),
                      left_title=_("NGƯỜI LẬP BẢNG KÊ"), left_name=drawn_up_by)]
    title = _("Bảng kê thu phí, lệ phí")
    flow: list[Flowable] = [
        desk_header(spec, off), Paragraph(markup(title.upper()), fs.title),
        Paragraph(markup(long_date(day)[:1].upper() + long_date(day)[1:]), fs.centre_italic),
        Paragraph(markup(who), fs.centre), Paragraph("&nbsp;", fs.centre),
        KeepLastRows(table, tail)]
    yield Progress(1, 2, _("Đang dàn trang bảng kê"))
    return (yield from build_pdf(spec, flow, title=f"{title} {long_date(day)}",
                                 author=off.committee, subject=title,
                                 suggested_name=file_name(_("bảng kê thu phí lệ phí"),
                                                          f"{day:%Y%m%d}", clerk)))


# -- the public board -----------------------------------------------------------------------

def _time(p: procedures.ProcedureRow) -> str:
    if p.time_unit == TimeUnit.SAME_DAY:
        if p.cutoff_1500:
            return _("Trong ngày (nhận hồ sơ sau 15 giờ thì trả kết quả trong ngày làm việc "
                     "tiếp theo)")
        return _("Trong ngày")
    if p.time_unit == TimeUnit.UNKNOWN:
        return _("Chưa xác định")
    return _("{value} {unit}").format(value=f"{p.time_value:02d}",
                                      unit=label(p.time_unit, paper=True))


def _fee(p: procedures.ProcedureRow) -> str:
    if p.fee_text:
        return p.fee_text
    if p.fee_vnd is None:
        return _("Theo mức do Hội đồng nhân dân tỉnh quy định")
    return format_money(p.fee_vnd) if p.fee_vnd else _("Không thu")


def _office_hours(ctx: AppContext) -> str:
    with ctx.read() as s:
        morning, afternoon = (settings.get(s, k) for k in ("office_morning", "office_afternoon"))
    return _("Thời gian tiếp nhận hồ sơ và trả kết quả: sáng từ {morning}, chiều từ {afternoon} "
             "các ngày làm việc từ thứ Hai đến thứ Sáu (trừ ngày nghỉ lễ, tết).").format(
        morning=str(morning).replace("-", " đến "), afternoon=str(afternoon).replace("-", " đến "))


def fee_board(ctx: AppContext, today: dt.date | None = None) -> Job[Printout]:
    """The public board of the procedures in use, grouped by field (A4 landscape)."""
    ctx.require(Permission.VIEW_REGISTERS)
    day = today or vn_today()
    yield Progress(0, 2, _("Đang đọc danh mục thủ tục hành chính"))
    rows = procedures.get_procedures(ctx, procedures.search_procedure_ids(ctx))
    rows.sort(key=lambda p: (fold(p.field), p.field, fold(p.name)))
    off = office(ctx)
    spec = spec_of(off, "A4-landscape")
    fs = FormStyles(spec)
    data: list[tuple] = []
    sections: set[int] = set()
    field = None
    n = 0
    for p in rows:
        if p.field != field:
            field = p.field
            roman = ROMAN[len(sections)] if len(sections) < len(ROMAN) else str(len(sections) + 1)
            sections.add(len(data))
            data.append((f"{roman}. {p.field.upper()}", "", "", "", ""))
        n += 1
        data.append((n, p.code, p.name, _time(p), _fee(p)))
    cols = [Col(_(c.title), c.width, c.align) for c in BOARD_COLUMNS]
    title = _("Bảng niêm yết công khai thủ tục hành chính, phí, lệ phí")
    flow: list[Flowable] = [
        desk_header(spec, off, desk=False), Paragraph(markup(title.upper()), fs.title),
        Paragraph(markup(_("Áp dụng tại Bộ phận tiếp nhận và trả kết quả, {committee}").format(
            committee=off.committee)), fs.centre_italic),
        KeepLastRows(grouped_table(spec, cols, data, size=spec.size(11), sections=sections), [
            Paragraph(markup(_("Tổng số: {n} thủ tục hành chính.").format(
                n=format_number(n))), fs.item),
            Paragraph(markup(_office_hours(ctx)), fs.item),
            Paragraph(markup(_("Ông (bà) có phản ánh, kiến nghị về quy định hành chính và việc "
                               "giải quyết thủ tục hành chính xin gửi về {committee}.").format(
                                   committee=off.committee)), fs.item),
            signing_block(spec, signer(ctx), place_date=place_date(off.head.place_name, day))])]
    yield Progress(1, 2, _("Đang dàn trang bảng niêm yết"))
    return (yield from build_pdf(spec, flow, title=title, author=off.committee, subject=title,
                                 suggested_name=file_name(_("bảng niêm yết thủ tục"),
                                                          day.year)))


__all__ = ["fee_board", "fee_list", "fee_rows"]
