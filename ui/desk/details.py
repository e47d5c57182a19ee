"""The dossier window's data, as (label, value) pairs laid out two by two."""

from __future__ import annotations

from app.desk.types import DossierRow, DossierStatus
from app.i18n import _
from app.l10n import short_moment as moment
from app.labels import label
from ui.common.formats import money


def details_pairs(d: DossierRow) -> list[tuple[str, str]]:
    contact = " · ".join(p for p in (d.applicant_phone or "", d.applicant_email) if p)
    due = moment(d.due_at)
    if d.due_at != d.legal_due_at:
        due = _("{due} (hẹn lại; hạn theo quy định {legal})").format(
            due=due, legal=moment(d.legal_due_at))
    fee = money(d.fee_due)
    if d.status == DossierStatus.RETURNED:
        fee = _("{due}; đã thu {paid}").format(due=fee, paid=money(d.fee_paid))
    docs = "\n".join(f"– {x}" for x in d.documents) or _("(không ghi)")
    pairs = [
        (_("Thủ tục:"), f"{d.procedure_name} ({d.procedure_code})"),
        (_("Lĩnh vực:"), d.field),
        (_("Người nộp:"), d.applicant_name + ("" if d.applicant_resident_id is None
                                              else " " + _("(trong sổ nhân khẩu)"))),
        (_("Địa chỉ:"), d.applicant_address),
        (_("Liên hệ:"), contact),
        (_("Hình thức nộp:"), label(d.channel)),
        (_("Tiếp nhận:"), _("{when}, cán bộ {name}").format(when=moment(d.received_at),
                                                           name=d.received_by)),
        (_("Thời hạn giải quyết:"), d.time_label),
        (_("Hẹn trả kết quả:"), due),
        (_("Cán bộ xử lý:"), d.handler or _("(chưa chuyển)")),
        (_("Số bộ hồ sơ:"), str(d.sets)),
        (_("Phí, lệ phí:"), fee),
        (_("Sổ theo dõi:"), _("năm {year}, số thứ tự {line}").format(year=d.ledger_year,
                                                                    line=d.ledger_line)),
        (_("Thành phần hồ sơ:"), docs),
    ]
    if d.ready_at:
        pairs.append((_("Có kết quả lúc:"), moment(d.ready_at)))
    if d.status == DossierStatus.RETURNED:
        pairs += [
            (_("Trả kết quả:"), _("{when} cho {person} ({method})").format(
                when=moment(d.finished_at), person=d.returned_to, method=d.return_method)),
            (_("Kết quả giải quyết:"), label(d.outcome)),
            (_("Mức độ hài lòng:"), " – ".join(p for p in (label(d.satisfaction),
                                                           d.satisfaction_note) if p)),
        ]
    elif d.status in (DossierStatus.REFUSED, DossierStatus.WITHDRAWN):
        pairs += [(_("Kết thúc lúc:"), moment(d.finished_at)), (_("Lý do:"), d.reason)]
    if d.registered_person:
        pairs.append((_("Người được đăng ký ({event}):").format(event=label(d.civil_event).lower()),
                       d.registered_person))
    if d.apologies:
        pairs.append((_("Phiếu xin lỗi:"), str(d.apologies)))
    return pairs
