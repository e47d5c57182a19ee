"""The documents the registers print, as jobs: each yields Progress and returns a Printout.

- household_list: DANH SÁCH HỘ GIA ĐÌNH of one village, or of every village (one section
  each), A4 portrait.
- resident_list: DANH SÁCH NHÂN KHẨU, same sections, A4 landscape; identity numbers masked.
- sample_letter: a one-page thư công the administrator prints to check the printer, the
  margins and the scanner (its QR code). A test page must not use up an official number, so
  it takes none from the counter: it prints the blank of a draft, "Số:       /TC-UBND",
  and says in its subject and last paragraph that it is a test print.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from reportlab.lib.units import mm

from app import resident_lists, settings, villages
from app.auth import SYSTEM, Permission
from app.context import AppContext
from app.errors import NotFound
from app.i18n import paper_text as _  # official papers are always Vietnamese
from app.jobs import Job, Progress
from app.l10n import format_money, format_number, format_time, money_in_words, place_date
from app.l10n import today as vn_today
from app.paper import Printout, file_name
from app.paper.letter import Letter, Letterhead, letter_flowables
from app.paper.lists import Section, household_flowables, resident_flowables, village_title
from app.paper.numbering import number_text
from app.paper.signature import default_recipients, signer
from app.paper.styles import PageSpec, markup, page_spec
from app.paper.tables import RowCounter
from app.paper.template import build_pdf

CHUNK = 500  # rows fetched per query, and the progress step while reading


def letterhead(ctx: AppContext) -> Letterhead:
    p = settings.profile(ctx)
    return Letterhead(p.commune_name, p.parent_unit, p.place_name)


def _villages(ctx: AppContext, village_id: int | None) -> list[tuple[int, str]]:
    rows = villages.list_villages(ctx, include_inactive=village_id is not None)
    if village_id is None:
        return [(v.id, v.name) for v in rows]
    chosen = [(v.id, v.name) for v in rows if v.id == village_id]
    if not chosen:
        raise NotFound(_("Không tìm thấy thôn này."))
    return chosen


def _read(ctx: AppContext, chosen: list[tuple[int, str]], ids_of, rows_of,
          what: str) -> Job[list[Section]]:
    id_lists = [(name, ids_of(ctx, village_id=vid)) for vid, name in chosen]
    total = sum(len(ids) for _name, ids in id_lists)
    done = 0
    sections: list[Section] = []
    for name, ids in id_lists:
        rows = []
        for start in range(0, len(ids), CHUNK):
            rows += rows_of(ctx, ids[start:start + CHUNK])
            done += len(ids[start:start + CHUNK])
            yield Progress(done, 2 * max(total, 1), _("Đang đọc {what}: {village}").format(
                what=what, village=village_title(name)))
        sections.append(Section(name, rows))
    return sections


def _layout(counter: RowCounter, read_total: int):
    """Progress of the layout as the second half of the bar (the first half is reading)."""

    def progress() -> Progress | None:
        step = counter.progress()
        if step is None:
            return None
        return Progress(read_total + step.done, 2 * max(read_total, 1), step.message)

    return progress


def _where(head: Letterhead, chosen: Sequence[tuple[int, str]], everyone: bool) -> str:
    """'xã Quang Trung' for every village, else 'Thôn Đoài'."""
    if everyone:
        return _("xã {name}").format(name=head.commune)
    return village_title(chosen[0][1])


def _drawn_up_by(ctx: AppContext) -> str:
    return "" if ctx.user == SYSTEM else ctx.user.full_name


def household_list(ctx: AppContext, village_id: int | None = None, *,
                   today: dt.date | None = None) -> Job[Printout]:
    """DANH SÁCH HỘ GIA ĐÌNH of `village_id`, or of every active village when None."""
    return _register_list(
        ctx, village_id, today, "A4", resident_lists.search_household_ids, resident_lists.get_households,
        household_flowables, reading=_("sổ hộ gia đình"),
        title=_("Danh sách hộ gia đình {where}"),
        laying_out=_("Đang dàn trang danh sách hộ gia đình"), file_stem=_("danh sách hộ"))


def resident_list(ctx: AppContext, village_id: int | None = None, *,
                  today: dt.date | None = None) -> Job[Printout]:
    """DANH SÁCH NHÂN KHẨU of `village_id`, or of every active village when None (A4
    landscape; identity numbers masked)."""
    return _register_list(
        ctx, village_id, today, "A4-landscape", resident_lists.search_resident_ids,
        resident_lists.get_residents, resident_flowables, reading=_("sổ nhân khẩu"),
        title=_("Danh sách nhân khẩu {where}"),
        laying_out=_("Đang dàn trang danh sách nhân khẩu"), file_stem=_("danh sách nhân khẩu"))


def _register_list(ctx: AppContext, village_id: int | None, today: dt.date | None,
                   page: str, ids_of, rows_of, flowables_of, *, reading: str, title: str,
                   laying_out: str, file_stem: str) -> Job[Printout]:
    """A list of the register by village: read the rows (first half of the bar), lay them
    out (second half). `title` has a {where} placeholder."""
    ctx.require(Permission.VIEW_REGISTERS)
    day = today or vn_today()
    head = letterhead(ctx)
    chosen = _villages(ctx, village_id)
    sections = yield from _read(ctx, chosen, ids_of, rows_of, reading)
    total = sum(len(s.rows) for s in sections)
    spec = page_spec(page, settings.paper(ctx))
    where = _where(head, chosen, village_id is None)
    title = title.format(where=where)
    counter = RowCounter(total, laying_out)
    flowables = flowables_of(spec, head, sections, title.upper(), day, signer(ctx),
                             _drawn_up_by(ctx), counter)
    return (yield from build_pdf(
        spec, flowables, title=title, author=head.commune, subject=title,
        suggested_name=file_name(file_stem, where, day.year), progress=_layout(counter, total)))


def sample_body(ctx: AppContext, spec: PageSpec) -> tuple[str, ...]:
    """The test page's paragraphs: the margins and type size to measure, the Vietnamese
    letters, bold and italic, numbers and money as the papers write them."""
    prof = settings.profile(ctx)
    a5 = spec.name == "A5"
    margins = _("lề trên <b>{top}\u00a0mm</b>, lề dưới <b>{bottom}\u00a0mm</b>, lề trái "
                "<b>{left}\u00a0mm</b>, lề phải <b>{right}\u00a0mm</b>").format(
        top=round(spec.top / mm), bottom=round(spec.bottom / mm), left=round(spec.left / mm),
        right=round(spec.right / mm))
    commune, code = markup(prof.commune_name), markup(_qr_value(prof.agency_id))
    intro = _("Ủy ban nhân dân xã {commune} gửi trang in thử này để kiểm tra máy in, khổ giấy "
              "và lề trang trước khi in văn bản chính thức.").format(commune=commune)
    layout = _("Văn bản được trình bày theo Nghị định số 30/2020/NĐ-CP trên khổ giấy {paper} "
               "với {margins}; chữ nội dung cỡ <b>{size}</b>, phông chữ Liberation Serif "
               "(tương đương Times New Roman). Dùng thước đo khoảng cách từ mép giấy đến dòng "
               "chữ gần nhất; nếu sai lệch quá 2 mm, hãy tắt chế độ “Vừa khổ giấy” (Fit to "
               "page) của máy in.").format(
        paper=("A5 (148\u00a0×\u00a0210\u00a0mm)" if a5
               else "A4 (210\u00a0×\u00a0297\u00a0mm)"), margins=margins,
        size=format_number(spec.body_size))
    glyphs = _("Kiểm tra chữ tiếng Việt: <i>Ả Ấ Ầ Ẩ Ẫ Ậ Ắ Ằ Ẳ Ẵ Ặ Ế Ề Ể Ễ Ệ Ố Ồ Ổ Ỗ Ộ Ớ Ờ Ở Ỡ "
               "Ợ Ứ Ừ Ử Ữ Ự Ỳ Ỷ Ỹ Ỵ Đ đ</i>; chữ đậm: <b>Chính quyền thân thiện, vì Nhân dân "
               "phục vụ</b>; chữ đậm nghiêng: <b><i>“5 biết”, “3 không”, “4 thể hiện”</i></b>. "
               "Số và tiền: {households} hộ, {area} ha, {fee} ({words}), {time}.").format(
        households=format_number(1348), area=format_number(706.48),
        fee=format_money(20000).replace(" ", "\u00a0"),
        words=money_in_words(20000), time=format_time(dt.time(14, 30)))
    scanner = _("Mã QR dưới mục “Nơi nhận” ghi mã cơ quan “{code}”: quét bằng máy đọc mã của "
                "Bộ phận một cửa để kiểm tra máy quét.").format(code=code)
    end = _("<i>Đây là bản in thử: không lấy số văn bản và không có giá trị pháp lý.</i>/.")
    return (intro, layout, scanner, end) if a5 else (intro, layout, glyphs, scanner, end)


def _qr_value(agency_id: str) -> str:
    return agency_id or "COMMUNE-DESK"


def sample_letter(ctx: AppContext, *, page_size: str = "A4",
                  today: dt.date | None = None) -> Job[Printout]:
    """The one-page thư công test print (A4, or A5 with `page_size="A5"`); no number used."""
    day = today or vn_today()
    head = letterhead(ctx)
    spec = page_spec(page_size, settings.paper(ctx))
    yield Progress(0, 1, _("Đang tạo trang in thử"))
    letter = Letter(
        head=head, number=number_text("TC", None), place_date=place_date(head.place_name, day),
        doc_type=_("Thư công"),
        subject=_("Về việc in thử để kiểm tra máy in và lề trang giấy"),
        addressees=(_("Cán bộ, công chức Ủy ban nhân dân xã {commune}").format(
            commune=head.commune),),
        body=sample_body(ctx, spec), signer=signer(ctx),
        copies_to=(_("Như trên"), *default_recipients()),
        qr=_qr_value(settings.profile(ctx).agency_id))
    title = _("Thư công in thử")
    return (yield from build_pdf(spec, letter_flowables(spec, letter), title=title,
                                 author=head.commune, subject=letter.subject,
                                 suggested_name=file_name(_("thư công in thử"), page_size,
                                                          day.year)))
