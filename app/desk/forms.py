"""The one-stop desk's papers (forms of Thông tư 01/2018/TT-VPCP; the act printed on them
comes from the settings), as jobs returning a Printout:

- slip: Mẫu 01 Giấy tiếp nhận hồ sơ và hẹn trả kết quả, A5, two copies (one page each: the
  type shrinks a little when the list of documents is long)
- supplement: Mẫu 02 Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (A5), from the latest request
- refusal: Mẫu 03 Phiếu từ chối tiếp nhận giải quyết hồ sơ (A5)
- apology: Mẫu 04 Phiếu xin lỗi và hẹn lại ngày trả kết quả (A5), from the latest apology
- control: Mẫu 05 Phiếu kiểm soát quá trình giải quyết hồ sơ (A4: its table needs the width)
- ledger, ledger_xlsx: Mẫu 06 Sổ theo dõi hồ sơ (app.desk.forms_ledger)
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle
from sqlalchemy import select
from sqlalchemy.orm import aliased

from app.auth import Permission
from app.context import AppContext
from app.desk import queries
from app.desk.forms_common import (
    Col,
    FormStyles,
    Office,
    desk_header,
    field_line,
    fitted,
    form_label,
    grouped_table,
    moment,
    office,
    signatures,
    spec_of,
)
from app.desk.forms_ledger import ledger, ledger_xlsx
from app.desk.lifecycle import outcome_of
from app.desk.types import DocKind, DossierRow, EventKind, EventRow
from app.errors import DomainError
from app.i18n import N_
from app.i18n import paper_text as _  # official papers are always Vietnamese
from app.jobs import Job, Progress
from app.l10n import long_date, place_date, time_and_long_date
from app.labels import label
from app.paper import Printout, file_name
from app.paper.header import addressee_block
from app.paper.qr import QrCode
from app.paper.signature import signer, signing_block
from app.paper.styles import FONT, PageSpec, markup, text
from app.paper.template import batch, build_pdf
from db.models import Channel, DossierEvent, DossierStatus, User

__all__ = ["apology", "control", "ledger", "ledger_xlsx", "refusal", "slip", "supplement"]

K = EventKind
SIGN_NOTE = N_("(Ký và ghi rõ họ tên)")


def _open(ctx: AppContext, key: int | str) -> tuple[Office, DossierRow]:
    ctx.require(Permission.VIEW_REGISTERS)
    return office(ctx), queries.get_dossier(ctx, key)


def _sentence(value: object) -> str:
    """User text ending with one full stop."""
    s = text(value).strip().rstrip(".;, ")
    return f"{s}." if s else ""


def _build(spec: PageSpec, flowables: list[Flowable], off: Office, title: str,
           d: DossierRow, name: str) -> Job[Printout]:
    yield Progress(1, 2, _("Đang dàn trang {title}").format(title=title.lower()))
    return (yield from build_pdf(spec, flowables, title=f"{title} {d.code}",
                                 author=off.committee, subject=title,
                                 suggested_name=file_name(name, d.code)))


def _applicant_lines(d: DossierRow, fs: FormStyles, label: str) -> list[Flowable]:
    contact = _("Số điện thoại: {phone}; Email: {email}").format(
        phone=d.applicant_phone or "……………", email=d.applicant_email or "……………")
    return [field_line(label, d.applicant_name, fs.item, bold=True),
            field_line(_("Địa chỉ:"), d.applicant_address, fs.item),
            Paragraph(markup(contact), fs.item),
            field_line(_("Nội dung yêu cầu giải quyết:"), d.procedure_name, fs.item)]


def _code_block(spec: PageSpec, fs: FormStyles, d: DossierRow, lines: list[Flowable]) -> Table:
    """'Mã hồ sơ: …' and what goes with it, the QR code of the code on the right."""
    size = 17 * mm
    left = [Paragraph(_("Mã hồ sơ: <b>{code}</b>").format(code=markup(d.code)), fs.item), *lines]
    table = Table([[left, QrCode(d.code, size=size, caption=False, align="RIGHT")]],
                  colWidths=[spec.frame_width - size - 2 * mm, size + 2 * mm], spaceBefore=4)
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), FONT, fs.size), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (1, 0), (1, 0), "RIGHT"),
        *[(k, (0, 0), (-1, -1), 0) for k in ("LEFTPADDING", "RIGHTPADDING", "TOPPADDING",
                                             "BOTTOMPADDING")]]))
    return table


# -- Mẫu 01 ---------------------------------------------------------------------------------

def _slip_copy(spec: PageSpec, off: Office, d: DossierRow, copy_line: str,
               size: float, run_in: bool = False) -> list[Flowable]:
    """One copy at `size` points; `run_in` writes the documents in one paragraph
    ('(1) …; (2) …') instead of one line each, for a long list."""
    fs = FormStyles(spec, size)
    where = (_("Nhận qua dịch vụ bưu chính công ích tại địa chỉ của người nộp hồ sơ")
             if d.channel == Channel.POST else off.desk)
    docs = d.documents or [_("(Không ghi thành phần hồ sơ)")]
    out: list[Flowable] = [
        form_label(spec, off, "01"), desk_header(spec, off),
        Paragraph(markup(_("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ")), fs.title),
        _code_block(spec, fs, d, [Paragraph(markup(copy_line), fs.note)]),
        field_line(_("Bộ phận tiếp nhận và trả kết quả:"), off.committee, fs.item),
        *_applicant_lines(d, fs, _("Tiếp nhận hồ sơ của:")),
        Paragraph(markup(_("1. Thành phần hồ sơ nộp gồm:")), fs.item)]
    if run_in:
        out.append(Paragraph("; ".join(f"({i}) {markup(doc)}" for i, doc in
                                       enumerate(docs, start=1)) + ".", fs.item))
    else:
        out += [Paragraph(f"- {markup(doc)}{'.' if i == len(docs) else ';'}", fs.sub)
                for i, doc in enumerate(docs, start=1)]
    out += [
        Paragraph(markup(_("2. Số lượng hồ sơ: {sets} bộ.").format(sets=f"{d.sets:02d}")),
                  fs.item),
        Paragraph(markup(_("3. Thời gian giải quyết hồ sơ theo quy định: {time}.").format(
            time=d.time_label)), fs.item),
        Paragraph(markup(_("4. Thời gian nhận hồ sơ: {when}.").format(
            when=time_and_long_date(d.received_at))), fs.item),
        Paragraph(_("5. Thời gian trả kết quả giải quyết hồ sơ: <b>{when}</b>.").format(
            when=markup(time_and_long_date(d.due_at))), fs.item),
        Paragraph(markup(_("6. Đăng ký nhận kết quả tại: {where}.").format(where=where)),
                  fs.item),
        Paragraph(markup(_("Vào Sổ theo dõi hồ sơ, Quyển số: {book}, Số thứ tự: {line}.").format(
            book=d.ledger_year, line=f"{d.ledger_line:04d}")), fs.item),
        signatures(spec, fs, (_("NGƯỜI NỘP HỒ SƠ"), _(SIGN_NOTE), d.applicant_name),
                   (_("NGƯỜI TIẾP NHẬN HỒ SƠ"), _(SIGN_NOTE), d.received_by), gap=14)]
    return out


def slip(ctx: AppContext, key: int | str) -> Job[Printout]:
    """Mẫu 01, two A5 pages: 'Liên 1: giao người nộp hồ sơ', 'Liên 2: lưu …'."""
    off, d = _open(ctx, key)
    spec = spec_of(off, "A5")
    copies = [_("Liên 1: giao người nộp hồ sơ"),
              _("Liên 2: lưu tại Bộ phận tiếp nhận và trả kết quả")]
    body = spec.body_size
    variants = [(body - 0.5 * i, False) for i in range(5)] + [(body - 1 - 0.5 * i, True)
                                                             for i in range(6)]
    docs = [fitted(spec, lambda size, run_in, c=c: _slip_copy(spec, off, d, c, size, run_in),
                   variants) for c in copies]
    return (yield from _build(spec, batch(docs), off, _("Giấy tiếp nhận hồ sơ và hẹn trả kết quả"),
                              d, _("giấy hẹn")))


# -- Mẫu 02 ---------------------------------------------------------------------------------

def _latest(rows: list[EventRow], kind: EventKind) -> EventRow | None:
    found = [e for e in rows if e.kind == kind]
    return found[-1] if found else None


def supplement(ctx: AppContext, key: int | str) -> Job[Printout]:
    """Mẫu 02 from the latest supplement request: the documents asked for, why, whom to ask."""
    off, d = _open(ctx, key)
    ev = _latest(queries.events(ctx, d.id), EventKind.SUPPLEMENT_REQUESTED)
    if ev is None:
        raise DomainError(_("Hồ sơ {code} chưa có yêu cầu bổ sung nào.").format(code=d.code))
    spec = spec_of(off, "A5")
    fs = FormStyles(spec)
    docs = ev.data.get("documents") or []
    rows = [(i, x.get("name", ""), label(x.get("kind") or DocKind.ORIGINAL, DocKind, paper=True))
            for i, x in enumerate(docs, start=1)]
    table = grouped_table(spec, [Col(_("STT"), 9, "CENTER"), Col(_("Tên giấy tờ"), 62),
                                 Col(_("Hình thức"), 29, "CENTER")], rows, size=fs.cell.fontSize)
    contact = text(ev.data.get("contact")) or ev.by or off.desk
    paused = (_("Thời hạn giải quyết hồ sơ tạm dừng từ {when} cho đến khi nhận đủ hồ sơ bổ "
                "sung.").format(when=time_and_long_date(ev.at))
              if d.status == DossierStatus.SUPPLEMENT else "")
    flow: list[Flowable] = [
        form_label(spec, off, "02"),
        desk_header(spec, off, place_date=place_date(off.head.place_name, ev.at.date())),
        Paragraph(markup(_("PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ")), fs.title),
        _code_block(spec, fs, d, [Paragraph(markup(_("Ngày tiếp nhận: {date}").format(
            date=long_date(d.received_at.date()))), fs.note)]),
        *_applicant_lines(d, fs, _("Hồ sơ của:")),
        Paragraph(markup(_("Yêu cầu bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:")),
                  fs.item), Spacer(1, 3), table,
        field_line(_("Lý do:"), _sentence(ev.data.get("reason")), fs.item)]
    if paused:
        flow.append(Paragraph(markup(paused), fs.item))
    flow += [Paragraph(markup(_("Trong quá trình bổ sung, hoàn thiện hồ sơ, nếu có vướng mắc, "
                                "ông (bà) liên hệ với {contact} để được hướng dẫn./.").format(
                                    contact=contact)), fs.para),
             signatures(spec, fs, ("", "", ""), (_("NGƯỜI HƯỚNG DẪN"), _(SIGN_NOTE), ev.by))]
    return (yield from _build(spec, flow, off, _("Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ"), d,
                              _("phiếu yêu cầu bổ sung")))


# -- Mẫu 03 ---------------------------------------------------------------------------------

def refusal(ctx: AppContext, key: int | str) -> Job[Printout]:
    """Mẫu 03 of a refused dossier, with the reason recorded at the refusal."""
    off, d = _open(ctx, key)
    if d.status != DossierStatus.REFUSED:
        raise DomainError(_("Hồ sơ {code} không bị từ chối; không in phiếu từ chối.").format(
            code=d.code))
    ev = _latest(queries.events(ctx, d.id), EventKind.REFUSED)
    day = (ev.at if ev else d.finished_at or d.received_at).date()
    who = (ev.by if ev else "") or d.received_by
    spec = spec_of(off, "A5")
    fs = FormStyles(spec)
    flow: list[Flowable] = [
        form_label(spec, off, "03"),
        desk_header(spec, off, place_date=place_date(off.head.place_name, day)),
        Paragraph(markup(_("PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ")), fs.title),
        _code_block(spec, fs, d, [Paragraph(markup(_("Ngày tiếp nhận: {date}").format(
            date=long_date(d.received_at.date()))), fs.note)]),
        field_line(_("Bộ phận tiếp nhận và trả kết quả:"), off.committee, fs.item),
        *_applicant_lines(d, fs, _("Tiếp nhận hồ sơ của:")),
        Paragraph(markup(_("Qua xem xét, Bộ phận tiếp nhận và trả kết quả {committee} thông báo "
                           "không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau: "
                           "{reason}").format(committee=off.committee,
                                              reason=_sentence(d.reason))),
                  fs.para),
        Paragraph(markup(_("Xin thông báo để ông (bà) được biết và thực hiện./.")), fs.para),
        signatures(spec, fs, ("", "", ""), (_("NGƯỜI TIẾP NHẬN HỒ SƠ"), _(SIGN_NOTE), who))]
    return (yield from _build(spec, flow, off, _("Phiếu từ chối tiếp nhận giải quyết hồ sơ"), d,
                              _("phiếu từ chối")))


# -- Mẫu 04 ---------------------------------------------------------------------------------

def apology(ctx: AppContext, key: int | str) -> Job[Printout]:
    """Mẫu 04 from the latest apology: signed by the chairman for the People's Committee."""
    off, d = _open(ctx, key)
    slips = queries.apologies(ctx, d.id)
    if not slips:
        raise DomainError(_("Hồ sơ {code} chưa có phiếu xin lỗi nào.").format(code=d.code))
    a = slips[-1]
    spec = spec_of(off, "A5")
    fs = FormStyles(spec)
    committee = off.committee
    body = [
        _("Ngày {date}, Bộ phận tiếp nhận và trả kết quả {committee} đã tiếp nhận hồ sơ của "
          "ông (bà) về việc {procedure}, mã hồ sơ <b>{code}</b>.").format(
            date=markup(f"{d.received_at:%d/%m/%Y}"), committee=markup(committee),
            procedure=markup(d.procedure_name[:1].lower() + d.procedure_name[1:]),
            code=markup(d.code)),
        _("Thời hạn trả kết quả giải quyết hồ sơ ghi trên Giấy tiếp nhận hồ sơ và hẹn trả kết "
          "quả là {when}.").format(when=markup(time_and_long_date(a.old_due_at))),
        _("Tuy nhiên, đến nay {committee} chưa trả được kết quả giải quyết hồ sơ của ông (bà) "
          "đúng hẹn. Lý do: {reason}").format(committee=markup(committee),
                                             reason=markup(_sentence(a.reason))),
        _("Sự chậm trễ này đã gây phiền hà và làm mất thời gian của ông (bà). {committee} "
          "thành thật xin lỗi ông (bà) và xin hẹn trả kết quả giải quyết hồ sơ vào "
          "<b>{when}</b>.").format(committee=markup(committee),
                                   when=markup(time_and_long_date(a.new_due_at))),
        _("Rất mong ông (bà) thông cảm. Xin trân trọng cảm ơn sự hợp tác của ông (bà)./."),
    ]
    flow: list[Flowable] = [
        form_label(spec, off, "04"),
        desk_header(spec, off, place_date=place_date(off.head.place_name, a.issued_at.date()),
                    desk=False),
        Paragraph(markup(_("PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ")), fs.title),
        Spacer(1, 4),
        *addressee_block(spec, [_("Ông (bà) {name}").format(name=d.applicant_name)]),
        *[Paragraph(p, fs.para) for p in body],
        signing_block(spec, signer(ctx), [_("Như trên"), _("Lưu: VT, Bộ phận một cửa.")])]
    return (yield from _build(spec, flow, off, _("Phiếu xin lỗi và hẹn lại ngày trả kết quả"),
                              d, _("phiếu xin lỗi")))


# -- Mẫu 05 ---------------------------------------------------------------------------------

def _titles(ctx: AppContext, dossier_id: int) -> list[tuple[str, str]]:
    """(giver's title, receiver's title) of each event, in the order of queries.events."""
    by, to = aliased(User), aliased(User)
    stmt = (select(by.title, to.title).select_from(DossierEvent)
            .outerjoin(by, by.id == DossierEvent.by_user)
            .outerjoin(to, to.id == DossierEvent.to_user)
            .where(DossierEvent.dossier_id == dossier_id).order_by(DossierEvent.id))
    with ctx.read() as s:
        return [(b or "", t or "") for b, t in s.execute(stmt)]


def _control_rows(d: DossierRow, off: Office, evs: list[EventRow],
                  titles: list[tuple[str, str]]) -> list[tuple]:
    desk = _("Bộ phận tiếp nhận và trả kết quả")
    rows = []
    for ev, (by_title, to_title) in zip(evs, titles, strict=True):
        if ev.kind == K.CORRECTED:
            continue  # an administrator's correction is not a step of the process
        unit, giver, taker, result = by_title or desk, ev.by, "", ""
        note = label(ev.kind, variant="paper", paper=True)
        if ev.kind in (K.RECEIVED, K.SUPPLEMENT_RECEIVED):
            unit, giver, taker = desk, d.applicant_name, ev.by
            if ev.kind == K.RECEIVED:
                note += f" ({label(d.channel, paper=True).lower()})"
        elif ev.kind == K.HANDED_OVER:
            unit, taker = to_title or off.committee, ev.to
            result = label(outcome_of(ev.at, d.legal_due_at), paper=True)
        elif ev.kind in (K.SUPPLEMENT_REQUESTED, K.APOLOGY, K.REFUSED, K.WITHDRAWN):
            taker = d.applicant_name
        elif ev.kind == K.RESULT_READY:
            taker = desk
            result = label(outcome_of(ev.at, d.legal_due_at), paper=True)
        elif ev.kind == K.RETURNED:
            unit, taker = desk, d.returned_to or ev.note or d.applicant_name
            result = label(d.outcome or outcome_of(ev.at, d.legal_due_at), paper=True)
        if ev.note and ev.kind not in (K.RETURNED, K.SUPPLEMENT_RECEIVED):
            note += f": {ev.note}"
        rows.append((unit, moment(ev.at), giver, taker, result, note))
    return rows


def control(ctx: AppContext, key: int | str) -> Job[Printout]:
    """Mẫu 05: each step of the dossier (who gave it, who took it, when) and its result
    against the legal due date (Trước hạn / Đúng hạn / Quá hạn)."""
    off, d = _open(ctx, key)
    evs = queries.events(ctx, d.id)
    spec = spec_of(off, "A4")
    fs = FormStyles(spec)
    cols = [Col(_("Tên cơ quan, đơn vị"), 19), Col(_("Thời gian giao, nhận hồ sơ"), 18, "CENTER"),
            Col(_("Người giao"), 13, "CENTER"), Col(_("Người nhận"), 13, "CENTER"),
            Col(_("Kết quả (trước hạn, đúng hạn, quá hạn)"), 13, "CENTER"),
            Col(_("Ghi chú"), 24)]
    rows = _control_rows(d, off, evs, _titles(ctx, d.id))
    handler = d.handler or _("(chưa chuyển xử lý)")
    flow: list[Flowable] = [
        form_label(spec, off, "05"), desk_header(spec, off),
        Paragraph(markup(_("PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ")), fs.title),
        _code_block(spec, fs, d, [Paragraph(markup(_(
            "(Kèm theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả)")), fs.note)]),
        field_line(_("Người nộp hồ sơ:"), d.applicant_name, fs.item, bold=True),
        field_line(_("Thủ tục hành chính:"), d.procedure_name, fs.item),
        field_line(_("Cơ quan (bộ phận) giải quyết hồ sơ:"),
                   _("{committee}; công chức xử lý: {handler}").format(
                       committee=off.committee, handler=handler), fs.item),
        Paragraph(markup(_("Tiếp nhận lúc {received}; hẹn trả kết quả theo quy định: {due}.")
                         .format(received=time_and_long_date(d.received_at),
                                 due=time_and_long_date(d.legal_due_at))), fs.item),
        Spacer(1, 6),
        grouped_table(spec, cols, rows, size=fs.cell.fontSize),
        Paragraph(markup(_("Kết quả tính theo thời hạn giải quyết theo quy định, kể cả khi đã "
                           "có phiếu xin lỗi và hẹn lại ngày trả kết quả.")), fs.note)]
    return (yield from _build(spec, flow, off, _("Phiếu kiểm soát quá trình giải quyết hồ sơ"),
                              d, _("phiếu kiểm soát")))
