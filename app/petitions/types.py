"""The petitions' enums and their words, the inputs a form or a visit gives, and the plain rows
the screens and papers read."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field

from db.models import (
    Complexity,
    FileReason,
    PetitionChannel,
    PetitionField,
    PetitionKind,
    PetitionOutcome,
    PetitionStatus,
)

PETITION = "petition"  # audit and search-index entity
VISIT = "reception_visit"
K, S, R = PetitionKind, PetitionStatus, PetitionOutcome


class EventKind(enum.StrEnum):
    """What happened to a petition: a line of its history."""

    RECEIVED = "received"
    ACCEPTED = "accepted"  # thụ lý
    FORWARDED = "forwarded"  # chuyển đơn
    GUIDED = "guided"  # hướng dẫn
    FILED = "filed"  # lưu đơn
    ACCEPT_NOTIFIED = "accept_notified"  # thông báo thụ lý (tố cáo)
    EXTENDED = "extended"  # gia hạn (tố cáo)
    PAUSED = "paused"  # tạm đình chỉ
    RESUMED = "resumed"  # tiếp tục giải quyết
    RESOLVED = "resolved"  # có kết quả giải quyết
    NOTIFIED = "notified"  # thông báo kết quả
    WITHDRAWN = "withdrawn"  # rút đơn
    REOPENED = "reopened"  # mở lại


# the outcomes each kind may end with
OUTCOMES: dict[PetitionKind, tuple[PetitionOutcome, ...]] = {
    K.COMPLAINT: (R.RIGHT, R.PARTLY_RIGHT, R.WRONG),
    K.DENUNCIATION: (R.FOUNDED, R.PARTLY_FOUNDED, R.UNFOUNDED),
    K.RECOMMENDATION: (R.ANSWERED,),
    K.FEEDBACK: (R.ANSWERED,),
}
OPEN = (S.RECEIVED, S.ACCEPTED, S.PAUSED, S.RESOLVED)  # still on someone's desk
ENDED = (S.CLOSED, S.FORWARDED, S.GUIDED, S.FILED, S.WITHDRAWN)
RUNNING = (S.ACCEPTED,)  # the resolution clock runs (it stops while paused)


@dataclass
class PetitionInput:
    """What the form (or a reception visit) gives. The petitioner: a resident id, or a name
    typed in; `anonymous`: no name at all (such a denunciation is filed, never accepted)."""

    kind: PetitionKind | str
    subject: str
    content: str
    field: PetitionField | str = PetitionField.OTHER
    channel: PetitionChannel | str = PetitionChannel.RECEPTION
    received_on: dt.date | str | None = None  # None: today
    petitioner_resident_id: int | None = None
    petitioner_name: str = ""
    petitioner_address: str = ""
    petitioner_phone: str | None = None
    petitioner_cccd: str | None = None
    anonymous: bool = False
    signatories: int = 1
    source_agency: str = ""
    complexity: Complexity | str = Complexity.NORMAL
    remote: bool | None = None  # None: the commune's setting
    village_id: int | None = None
    duplicate_of_id: int | None = None


@dataclass(frozen=True)
class Clock:
    """One deadline and how it was reached (the lines the screen shows under it)."""

    due: dt.date
    explanation: tuple[str, ...] = ()


@dataclass(frozen=True)
class PetitionRow:
    id: int
    year: int
    number: int
    kind: PetitionKind
    channel: PetitionChannel
    source_agency: str
    received_on: dt.date
    received_by: str
    petitioner_resident_id: int | None
    petitioner_name: str  # masked ("Người tố cáo (được giữ bí mật)") for whoever may not see it
    petitioner_address: str
    petitioner_phone: str | None
    petitioner_cccd: str | None
    anonymous: bool
    signatories: int
    village: str
    field: PetitionField
    subject: str
    content: str
    complexity: Complexity
    remote: bool
    status: PetitionStatus
    handler_id: int | None
    handler: str
    classify_due: dt.date
    classified_on: dt.date | None
    file_reason: FileReason | None
    forwarded_to: str
    classification_note: str
    accepted_on: dt.date | None
    due_on: dt.date | None
    legal_due_on: dt.date | None
    extensions: int
    paused_on: dt.date | None
    accept_notice_due: dt.date | None
    accept_notified_on: dt.date | None
    outcome: PetitionOutcome | None
    resolved_on: dt.date | None
    decision: str
    notified_on: dt.date | None
    notified_how: str
    duplicate_of_id: int | None
    identity_hidden: bool  # True: the petitioner's identity was masked for this reader

    @property
    def reference(self) -> str:
        """'12/2023': the number in the year's register."""
        return f"{self.number:02d}/{self.year}"

    @property
    def open(self) -> bool:
        return self.status in OPEN

    def overdue(self, today: dt.date) -> bool:
        """Past its clock today: to classify, to resolve, or (a denunciation) to give notice
        of acceptance. A paused petition's clock is stopped."""
        if self.status == S.RECEIVED:
            return today > self.classify_due
        if self.status == S.ACCEPTED:
            late_notice = (self.accept_notice_due is not None and self.accept_notified_on is None
                           and today > self.accept_notice_due)
            return (self.due_on is not None and today > self.due_on) or late_notice
        return False


@dataclass(frozen=True)
class EventRow:
    at: dt.datetime
    event_on: dt.date
    kind: EventKind
    by: str
    note: str
    data: dict = field(default_factory=dict)
