"""The papers of citizen reception, on the Nghị định 30/2020 page:

- the month's schedule for the notice board (THÔNG BÁO Lịch tiếp công dân, A4): the days,
  hours, place and who receives, under the commune's header. The number is left blank for the
  văn thư to register when the chairman signs: printing a draft never uses a number up.
- the reception register for a period (SỔ TIẾP CÔNG DÂN, A4 landscape): every visit, oldest
  first, with how it ended; a denouncer's identity masked (app.petitions.privacy), whoever
  prints it: the register is a paper for others.
"""

from __future__ import annotations

import datetime as dt

from reportlab.platypus import Flowable, Paragraph

from app import settings
from app.auth import SYSTEM, Permission
from app.context import AppContext
from app.errors import DomainError
from app.i18n import N_
from app.i18n import paper_text as _  # official papers are always Vietnamese
from app.jobs import Job, Progress
from app.l10n import WEEKDAYS, format_number, place_date, short_date
from app.l10n import today as vn_today
from app.labels import label
from app.paper import Printout, file_name
from app.paper.documents import letterhead
from app.paper.header import OfficialHeader, agency_lines, national_lines, title_block
from app.paper.lists import list_header
from app.paper.numbering import number_text
from app.paper.signature import default_recipients, signer, signing_block
from app.paper.styles import markup, page_spec
from app.paper.tables import Column, KeepTail, RowCounter, data_table
from app.paper.template import build_pdf
from app.reception import queries, schedule
from app.reception.types import VisitRow
from db.models import VisitHandling

CHUNK = 500
LAW = N_("Luật Tiếp công dân ngày 25 tháng 11 năm 2013")
DECREE = N_("Nghị định số 64/2014/NĐ-CP ngày 26 tháng 6 năm 2014 của Chính phủ quy định chi "
            "tiết thi hành một số điều của Luật Tiếp công dân")


def paper_weekday(day: dt.date) -> str:
    return _(WEEKDAYS[day.weekday()])


# -- the month's schedule --------------------------------------------------------------------

SCHEDULE_COLUMNS = [
    Column(N_("STT"), 7, "CENTER"), Column(N_("Thứ, ngày"), 24, "CENTER"),
    Column(N_("Thời gian"), 18, "CENTER"), Column(N_("Người chủ trì tiếp"), 20),
    Column(N_("Địa điểm"), 20), Column(N_("Ghi chú"), 11),
]


def schedule_paper(ctx: AppContext, year: int, month: int, *,
                   today: dt.date | None = None) -> Job[Printout]:
    """THÔNG BÁO Lịch tiếp công dân of `month`/`year`, for the notice board (A4)."""
    ctx.require(Permission.VIEW_REGISTERS)
    start, end = schedule.month_span(year, month)
    yield Progress(0, 2, _("Đang đọc lịch tiếp công dân"))
    rows = schedule.days(ctx, start, end)
    day = today or vn_today()
    head = letterhead(ctx)
    prof = settings.profile(ctx)
    spec = page_spec("A4", settings.paper(ctx))
    st = spec.styles
    place = _("Trụ sở Ủy ban nhân dân xã {name}").format(name=head.commune)
    subject = _("Lịch tiếp công dân tháng {month:02d} năm {year} của Chủ tịch Ủy ban nhân dân "
                "xã").format(month=month, year=year)
    intro = _("Căn cứ {law}; {decree};").format(law=_(LAW), decree=_(DECREE))
    lead = _("Ủy ban nhân dân xã {name} thông báo lịch tiếp công dân tháng {month:02d} năm "
             "{year} như sau:").format(name=head.commune, month=month, year=year)
    data = [(i, f"{paper_weekday(r.day)}, {short_date(r.day)}", r.hours.replace("-", " – "),
             r.host or prof.chairman_name, r.place or place,
             label(r.kind, variant="short", paper=True))
            for i, r in enumerate(rows, start=1)]
    columns = [Column(_(c.title), c.width, c.align) for c in SCHEDULE_COLUMNS]
    closing = [
        Paragraph(markup(_("Ngoài lịch trên, công dân đến trình bày khiếu nại, tố cáo, kiến "
                           "nghị, phản ánh vào giờ hành chính các ngày làm việc được cán bộ "
                           "tiếp công dân của xã tiếp tại trụ sở.")), st.body),
        Paragraph(markup(_("Công dân đến được tiếp mang theo giấy tờ tùy thân (căn cước); "
                           "trường hợp nhiều người cùng đến về một nội dung thì cử người đại "
                           "diện để trình bày.")), st.body),
        Paragraph(markup(_("Ủy ban nhân dân xã thông báo để nhân dân biết và thực hiện./.")),
                  st.body),
        signing_block(spec, signer(ctx), [
            _("Thường trực Đảng ủy, HĐND xã (b/c)"), _("Chủ tịch, các Phó Chủ tịch UBND xã"),
            _("Các thôn (thông báo trên loa truyền thanh)"), _("Bảng tin tại trụ sở UBND xã"),
            *default_recipients()])]
    table = (data_table(spec, columns, data) if data else
             Paragraph(markup(_("(Chưa có buổi tiếp công dân nào trong lịch tháng này.)")),
                       st.subtitle))
    flow: list[Flowable] = [
        OfficialHeader(spec, agency_lines(spec, head.commune, head.parent_unit),
                       national_lines(spec), number=number_text("TB", None),
                       place_date=place_date(head.place_name, day)),
        *title_block(spec, _("Thông báo"), subject),
        Paragraph(markup(intro), st.body), Paragraph(markup(lead), st.body),
        KeepTail(table, closing) if data else table, *([] if data else closing)]
    yield Progress(1, 2, _("Đang dàn trang lịch tiếp công dân"))
    title = _("Lịch tiếp công dân tháng {month:02d}/{year}").format(month=month, year=year)
    return (yield from build_pdf(
        spec, flow, title=title, author=head.commune, subject=subject,
        suggested_name=file_name(_("lịch tiếp công dân"), f"{year}{month:02d}")))


# -- the register ----------------------------------------------------------------------------

REGISTER_COLUMNS = [
    Column(N_("STT"), 4.5, "CENTER"), Column(N_("Ngày, giờ tiếp"), 8.5, "CENTER"),
    Column(N_("Họ tên, địa chỉ công dân"), 17), Column(N_("Số người"), 5, "CENTER"),
    Column(N_("Nội dung trình bày"), 24), Column(N_("Phân loại, lĩnh vực"), 10),
    Column(N_("Người tiếp"), 10), Column(N_("Kết quả tiếp, hướng xử lý"), 21),
]


def _check(start: dt.date, end: dt.date) -> None:
    if end < start:
        raise DomainError(_("Ngày cuối kỳ ({end}) trước ngày đầu kỳ ({start}).").format(
            start=short_date(start), end=short_date(end)))


def read_register(ctx: AppContext, start: dt.date, end: dt.date) -> Job[list[VisitRow]]:
    """The visits from `start` to `end` (inclusive), oldest first, denouncers masked."""
    ctx.require(Permission.VIEW_REGISTERS)
    _check(start, end)
    ids = queries.register_ids(ctx, start, end)
    rows: list[VisitRow] = []
    for i in range(0, len(ids), CHUNK):
        rows += queries.get_visits(ctx, ids[i:i + CHUNK])
        yield Progress(len(rows), 2 * max(len(ids), 1), _("Đang đọc sổ tiếp công dân"))
    return rows


def outcome_text(v: VisitRow) -> str:
    """'Nhận đơn, số 05/2026'; 'Trả lời trực tiếp: …'; 'Hướng dẫn: …'; and a repeat."""
    if v.handling == VisitHandling.PETITION:
        text = _("Nhận đơn, vào sổ số {ref}").format(ref=v.petition_reference)
    else:
        text = f"{label(v.handling, paper=True)}: {v.answer}"
    if v.previous_visit_id is not None:
        text += " " + _("(công dân đến lần sau về cùng nội dung)")
    return text


def register_row(n: int, v: VisitRow) -> tuple:
    who = " – ".join(x for x in (v.citizen_name, v.citizen_address) if x)
    if v.group:
        who += " " + _("(đoàn đông người)")
    # no line breaks: a cell too wide for its column is a Paragraph, which wraps at spaces
    return (format_number(n), f"{short_date(v.visited_at.date())} {v.visited_at:%H:%M}", who,
            format_number(v.group_size), v.content,
            f"{label(v.kind, paper=True)} – {label(v.field, paper=True)}", v.received_by,
            outcome_text(v))


def register_paper(ctx: AppContext, start: dt.date, end: dt.date, *,
                   today: dt.date | None = None) -> Job[Printout]:
    """SỔ TIẾP CÔNG DÂN from `start` to `end`: A4 landscape."""
    rows = yield from read_register(ctx, start, end)
    held = schedule.held_count(ctx, start, end)
    day = today or vn_today()
    head = letterhead(ctx)
    spec = page_spec("A4-landscape", settings.paper(ctx))
    st = spec.styles
    counter = RowCounter(len(rows), _("Đang dàn trang sổ tiếp công dân"))
    columns = [Column(_(c.title), c.width, c.align) for c in REGISTER_COLUMNS]
    table = data_table(spec, columns, [register_row(i, v) for i, v in enumerate(rows, 1)],
                       counter=counter)
    people = sum(v.group_size for v in rows)
    petitions = sum(1 for v in rows if v.handling == VisitHandling.PETITION)
    summary = _("Tổng số: {visits} lượt tiếp, {people} lượt người; {petitions} lượt nhận đơn. "
                "Số buổi tiếp đã tổ chức: {regular} buổi định kỳ, {extra} buổi đột xuất.").format(
        visits=format_number(len(rows)), people=format_number(people),
        petitions=format_number(petitions), regular=format_number(held["regular"]),
        extra=format_number(held["extra"]))
    note = _("Danh tính người tố cáo được giữ bí mật theo Luật Tố cáo năm 2018.")
    drawn_up = "" if ctx.user == SYSTEM else ctx.user.full_name
    tail: list[Flowable] = [
        Paragraph(markup(summary), st.body_plain), Paragraph(markup(note), st.note),
        signing_block(spec, signer(ctx), place_date=place_date(head.place_name, day),
                      left_title=_("NGƯỜI GHI SỔ"), left_name=drawn_up)]
    title = _("Sổ tiếp công dân")
    period = _("Từ ngày {start} đến ngày {end}").format(start=short_date(start),
                                                         end=short_date(end))
    flow: list[Flowable] = [
        list_header(spec, head), *title_block(spec, title)[:1],
        Paragraph(markup(period), st.subtitle),
        KeepTail(table, tail) if rows else Paragraph(
            markup(_("(Không có lượt tiếp công dân nào trong thời gian này.)")), st.subtitle),
        *([] if rows else tail)]
    total = len(rows)

    def progress() -> Progress | None:
        step = counter.progress()
        return None if step is None else Progress(total + step.done, 2 * max(total, 1),
                                                  step.message)

    return (yield from build_pdf(
        spec, flow, title=f"{title} {period.lower()}", author=head.commune, subject=title,
        suggested_name=file_name(_("sổ tiếp công dân"), f"{start:%Y%m%d}", f"{end:%Y%m%d}"),
        progress=progress))
