"""Inputs and plain rows of the desk, its enums and their Vietnamese labels."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field

from db.models import Channel, CivilEventKind, DossierStatus, Outcome, Satisfaction

DOSSIER = "dossier"

OPEN_STATUSES = (DossierStatus.RECEIVED, DossierStatus.IN_PROGRESS, DossierStatus.SUPPLEMENT,
                 DossierStatus.READY)
CLOSED_STATUSES = (DossierStatus.RETURNED, DossierStatus.REFUSED, DossierStatus.WITHDRAWN)


class EventKind(enum.StrEnum):
    """What happened to a dossier: one line of the Phiếu kiểm soát (Mẫu 05)."""

    RECEIVED = "received"
    HANDED_OVER = "handed_over"
    SUPPLEMENT_REQUESTED = "supplement_requested"
    SUPPLEMENT_RECEIVED = "supplement_received"
    RESULT_READY = "result_ready"
    RETURNED = "returned"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"
    APOLOGY = "apology"
    CORRECTED = "corrected"


class DocKind(enum.StrEnum):
    """The form of a document asked for a supplement (Mẫu 02)."""

    ORIGINAL = "original"
    CERTIFIED_COPY = "certified_copy"
    COPY = "copy"


class Step(enum.StrEnum):
    """What a user may do next with a dossier (app.desk.steps says who and when)."""

    HAND_OVER = "hand_over"
    SUPPLEMENT = "supplement"
    SUPPLEMENT_RECEIVED = "supplement_received"
    READY = "ready"
    RETURN = "return"
    REFUSE = "refuse"
    WITHDRAW = "withdraw"
    APOLOGY = "apology"
    CORRECT = "correct"


class Paper(enum.StrEnum):
    """The desk's papers of one dossier (Mẫu 01–05)."""

    SLIP = "slip"
    SUPPLEMENT = "supplement"
    REFUSAL = "refusal"
    APOLOGY = "apology"
    CONTROL = "control"


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
    procedure_short_name: str = ""  # what a narrow list shows (the full name in its tooltip)
    civil_event: CivilEventKind | None = None  # a birth, marriage or death registration
    registered_person: str = ""  # the child, the couple, the deceased, once returned
    household_id: int | None = None  # the applicant's household in the register

    @property
    def closed(self) -> bool:
        return self.status in CLOSED_STATUSES

    def overdue(self, now: dt.datetime) -> bool:
        return (not self.closed and self.status != DossierStatus.SUPPLEMENT
                and now > self.due_at)


@dataclass(frozen=True)
class EventRow:
    """One step of the Phiếu kiểm soát. `by` did it (the officer whose result it is), `recorded`
    typed it in when that is someone else (the clerk at the desk); `detail` is the note with
    what the step recorded besides (documents asked, the new appointment, the outcome)."""

    at: dt.datetime
    kind: EventKind
    by: str
    to: str
    note: str
    data: dict
    detail: str = ""
    recorded: str = ""


@dataclass(frozen=True)
class ApologyRow:
    id: int
    dossier_id: int
    issued_at: dt.datetime
    reason: str
    old_due_at: dt.datetime
    new_due_at: dt.datetime
    by: str
