"""Reception: a new dossier with its code, ledger line and due date-time, in one unit of work.

The dossier code is `agency-YYMMDD-XXXX` (daily sequence of 4 digits, documents.md §2). The
sequence and the ledger line are read and written in the same transaction and guarded by
unique constraints; when two desks save at the same moment the loser's transaction fails on
the constraint (or on SQLite's write lock) and is simply run again with the next numbers,
so two dossiers never share a code.
"""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import func, select

from app import audit, search_index, settings, validators
from app.auth import Permission
from app.concurrency import retried
from app.context import AppContext
from app.desk.clock import now
from app.desk.queries import get_dossier, record_event
from app.desk.types import DOSSIER, DossierInput, DossierRow, EventKind
from app.errors import DomainError
from app.i18n import _
from app.resident_lists import full_address
from app.text import nfc
from app.workdays import DueResult, compute_due
from db.models import (
    Channel,
    Dossier,
    DossierStatus,
    Household,
    Procedure,
    Resident,
    TimeUnit,
    Village,
)

GRACE = dt.timedelta(minutes=1)  # two PCs' clocks never agree to the second


def _channel(value) -> Channel:
    try:
        return Channel(value)
    except ValueError:
        raise DomainError(_("Hình thức nộp hồ sơ không hợp lệ.")) from None


def dossier_tokens(code: str, applicant: str, phone: str | None) -> set[str]:
    # the code whole ("000.17.22.h56-261125-0001" folds to tokens) and its daily part
    toks = search_index.index_tokens(code, applicant, phone)
    toks.add(code.lower()[: search_index.MAX_TOKEN])
    whole = search_index.joined(applicant)  # "tranthiha": the name typed in order, one range
    if whole:
        toks.add(whole)
    return toks


def _applicant(s, data: DossierInput) -> tuple[str, str, str | None, int | None, int | None]:
    if data.applicant_resident_id:
        r = s.get(Resident, data.applicant_resident_id)
        if r is None:
            raise DomainError(_("Không tìm thấy người nộp hồ sơ trong sổ nhân khẩu."))
        hh = s.get(Household, r.household_id)
        village = s.get(Village, hh.village_id)
        address = full_address(nfc(data.applicant_address) or hh.address,
                               village.name if village else "")
        phone = validators.phone(data.applicant_phone) if data.applicant_phone else r.phone
        return r.full_name, address, phone, r.id, hh.id
    name = validators.person_name(data.applicant_name, label=_("Họ tên người nộp hồ sơ"))
    return name, nfc(data.applicant_address), validators.phone(data.applicant_phone), None, None


def preview_due(ctx: AppContext, procedure_id: int,
                received_at: dt.datetime | None = None) -> DueResult:
    """The due date-time a dossier of this procedure received at `received_at` (now) would
    get, with its explanation: what the reception form shows while the clerk types."""
    with ctx.read() as s:
        proc = s.get(Procedure, procedure_id)
        if proc is None:
            raise DomainError(_("Thủ tục hành chính này không có trong danh mục đang áp dụng."))
        unit, value, cutoff = proc.time_unit, proc.time_value, proc.cutoff_1500
    return compute_due(ctx, received_at or now(), value, unit, cutoff)


def receive(ctx: AppContext, data: DossierInput) -> DossierRow:
    """Receive a dossier; returns it with its code, ledger line and due date-time."""
    ctx.require(Permission.RECEIVE_DOSSIERS)
    clock = now()
    received = data.received_at or clock
    if received > clock.replace(second=59) + GRACE:
        raise DomainError(_("Thời điểm tiếp nhận {when} ở tương lai; vui lòng kiểm tra lại.")
                          .format(when=received.strftime("%H:%M %d/%m/%Y")))
    if not 1 <= int(data.sets or 0) <= 50:
        raise DomainError(_("Số bộ hồ sơ phải từ 1 đến 50."))
    channel = _channel(data.channel)
    with ctx.read() as s:
        proc = s.get(Procedure, data.procedure_id)
        if proc is None or not proc.active:
            raise DomainError(_("Thủ tục hành chính này không có trong danh mục đang áp dụng."))
        if proc.time_unit == TimeUnit.UNKNOWN:
            raise DomainError(_("Thủ tục “{name}” chưa có thời hạn giải quyết trong danh mục; "
                                "vui lòng nhờ quản trị cập nhật trước khi tiếp nhận.")
                              .format(name=proc.name))
        agency = settings.get(s, "agency_id")
        applicant = _applicant(s, data)
        unit, value, cutoff, field = proc.time_unit, proc.time_value, proc.cutoff_1500, proc.field
        fee = proc.fee_vnd or 0
    if not agency:
        raise DomainError(_("Chưa có mã cơ quan trong Thông tin đơn vị; vui lòng nhờ quản trị "
                            "nhập trước khi tiếp nhận hồ sơ."))
    due = compute_due(ctx, received, value, unit, cutoff)
    fee_due = fee if data.fee_due is None else int(data.fee_due)
    if fee_due < 0:
        raise DomainError(_("Lệ phí không được âm."))
    documents = [nfc(d) for d in data.documents if nfc(d)]
    dossier_id = retried(lambda: _insert(ctx, data, agency, received, channel, applicant, field,
                                         due.due, fee_due, documents),
                         _("Máy khác đang lưu hồ sơ cùng lúc; vui lòng bấm Lưu lại."))
    return get_dossier(ctx, dossier_id)


def _insert(ctx, data, agency, received, channel, applicant, field, due_at, fee_due, documents):
    name, address, phone, resident_id, household_id = applicant
    day = received.date()
    with ctx.write() as s:
        seq = (s.scalar(select(func.max(Dossier.seq_no)).where(Dossier.seq_day == day)) or 0) + 1
        line = (s.scalar(select(func.max(Dossier.ledger_line))
                         .where(Dossier.ledger_year == day.year)) or 0) + 1
        if seq > 9999:
            raise DomainError(_("Đã hết số thứ tự hồ sơ trong ngày (9999)."))
        code = f"{agency.upper()}-{day:%y%m%d}-{seq:04d}"  # stored upper: see queries.code_key
        d = Dossier(code=code, seq_day=day, seq_no=seq, ledger_year=day.year, ledger_line=line,
                    procedure_id=data.procedure_id, field=field, applicant_resident_id=resident_id,
                    applicant_name=name, applicant_address=address, applicant_phone=phone,
                    applicant_email=nfc(data.applicant_email), channel=channel,
                    received_at=received, received_by=ctx.user.user_id,
                    documents=json.dumps(documents, ensure_ascii=False), sets=int(data.sets),
                    fee_due=fee_due, legal_due_at=due_at, due_at=due_at,
                    status=DossierStatus.RECEIVED, household_id=household_id)
        s.add(d)
        s.flush()
        search_index.set_tokens(s, DOSSIER, d.id, dossier_tokens(code, name, phone))
        record_event(s, ctx, d.id, EventKind.RECEIVED, at=received)
        audit.record(s, ctx.user, "create", DOSSIER, d.id,
                     {"code": code, "procedure_id": data.procedure_id, "applicant": name,
                      "due_at": due_at.isoformat()})
        return d.id
