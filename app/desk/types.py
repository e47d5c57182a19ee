"""Inputs and plain rows of the desk, and the Vietnamese labels of its enums."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from app.i18n import N_
from db.models import Channel, DossierStatus, Outcome, Satisfaction

DOSSIER = "dossier"

CHANNEL_LABELS = {Channel.DIRECT: N_("Trực tiếp"), Channel.ONLINE: N_("Trực tuyến"),
                  Channel.POST: N_("Bưu chính")}
STATUS_LABELS = {
    DossierStatus.RECEIVED: N_("Đã tiếp nhận"),
    DossierStatus.IN_PROGRESS: N_("Đang giải quyết"),
    DossierStatus.SUPPLEMENT: N_("Chờ bổ sung"),
    DossierStatus.READY: N_("Có kết quả, chờ trả"),
    DossierStatus.RETURNED: N_("Đã trả kết quả"),
    DossierStatus.REFUSED: N_("Từ chối"),
    DossierStatus.WITHDRAWN: N_("Đã rút hồ sơ"),
}
OUTCOME_LABELS = {Outcome.EARLY: N_("Trước hạn"), Outcome.ON_TIME: N_("Đúng hạn"),
                  Outcome.LATE: N_("Quá hạn")}
SATISFACTION_LABELS = {
    Satisfaction.VERY_SATISFIED: N_("Rất hài lòng"), Satisfaction.SATISFIED: N_("Hài lòng"),
    Satisfaction.NEUTRAL: N_("Bình thường"), Satisfaction.DISSATISFIED: N_("Không hài lòng"),
}
OPEN_STATUSES = (DossierStatus.RECEIVED, DossierStatus.IN_PROGRESS, DossierStatus.SUPPLEMENT,
                 DossierStatus.READY)
CLOSED_STATUSES = (DossierStatus.RETURNED, DossierStatus.REFUSED, DossierStatus.WITHDRAWN)


@dataclass
class DossierInput:
    """What the clerk types at reception. Applicant: a resident id, or a name typed in."""

    procedure_id: int
    applicant_name: str = ""
    applicant_resident_id: int | None = None
    applicant_address: str = ""
    applicant_phone: str | None = None
    applicant_email: str = ""
    channel: Channel | str = Channel.DIRECT
    documents: list[str] = field(default_factory=list)
    sets: int = 1
    fee_due: int | None = None  # None: the procedure's fee
    received_at: dt.datetime | None = None  # None: now


@dataclass(frozen=True)
class DossierRow:
    id: int
    code: str
    procedure_id: int
    procedure_code: str
    procedure_name: str
    field: str
    applicant_name: str
    applicant_address: str
    applicant_phone: str | None
    applicant_email: str
    applicant_resident_id: int | None
    channel: Channel
    received_at: dt.datetime
    received_by: str
    documents: list[str]
    sets: int
    fee_due: int
    fee_paid: int
    legal_due_at: dt.datetime
    due_at: dt.datetime
    status: DossierStatus
    handler: str
    handler_id: int | None
    ledger_year: int
    ledger_line: int
    ready_at: dt.datetime | None
    finished_at: dt.datetime | None
    outcome: Outcome | None
    returned_to: str
    return_method: str
    satisfaction: Satisfaction | None
    satisfaction_note: str
    reason: str
    time_label: str  # the procedure's legal time, "03 ngày làm việc"
    apologies: int

    @property
    def closed(self) -> bool:
        return self.status in CLOSED_STATUSES

    def overdue(self, now: dt.datetime) -> bool:
        return (not self.closed and self.status != DossierStatus.SUPPLEMENT
                and now > self.due_at)


@dataclass(frozen=True)
class EventRow:
    at: dt.datetime
    kind: str
    by: str
    to: str
    note: str
    data: dict


@dataclass(frozen=True)
class ApologyRow:
    id: int
    dossier_id: int
    issued_at: dt.datetime
    reason: str
    old_due_at: dt.datetime
    new_due_at: dt.datetime
    by: str
