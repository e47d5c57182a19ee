"""The petitions' enums and their words, the inputs a form or a visit gives, and the plain rows
the screens and papers read."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field

from app.i18n import N_
from app.labels import register
from db.models import (
    Complexity,
    FileReason,
    PetitionChannel,
    PetitionField,
    PetitionKind,
    PetitionOutcome,
    PetitionStatus,
    ReceptionKind,
    VisitHandling,
)

PETITION = "petition"  # audit and search-index entity
VISIT = "reception_visit"
K, S, R = PetitionKind, PetitionStatus, PetitionOutcome

register(PetitionKind, {K.COMPLAINT: N_("Khiếu nại"), K.DENUNCIATION: N_("Tố cáo"),
                        K.RECOMMENDATION: N_("Kiến nghị"), K.FEEDBACK: N_("Phản ánh")})
register(PetitionChannel, {
    PetitionChannel.RECEPTION: N_("Tiếp công dân, tại trụ sở"),
    PetitionChannel.POST: N_("Qua bưu chính"),
    PetitionChannel.BOX: N_("Hòm thư góp ý"),
    PetitionChannel.ONLINE: N_("Trực tuyến, thư điện tử"),
    PetitionChannel.FORWARDED: N_("Cơ quan khác chuyển đến"),
})
register(PetitionField, {
    PetitionField.LAND: N_("Đất đai"), PetitionField.SOCIAL: N_("Chính sách xã hội"),
    PetitionField.ENVIRONMENT: N_("Môi trường"), PetitionField.ORDER: N_("An ninh, trật tự"),
    PetitionField.CONDUCT: N_("Cán bộ, công chức"), PetitionField.OTHER: N_("Lĩnh vực khác"),
})
register(Complexity, {Complexity.NORMAL: N_("Thông thường"), Complexity.COMPLEX: N_("Phức tạp"),
                      Complexity.VERY_COMPLEX: N_("Đặc biệt phức tạp")})
register(PetitionStatus, {
    S.RECEIVED: N_("Chờ phân loại"), S.ACCEPTED: N_("Đang giải quyết"),
    S.PAUSED: N_("Tạm đình chỉ"), S.RESOLVED: N_("Có kết quả, chưa thông báo"),
    S.CLOSED: N_("Đã giải quyết xong"), S.FORWARDED: N_("Đã chuyển đơn"),
    S.GUIDED: N_("Đã hướng dẫn"), S.FILED: N_("Lưu đơn"), S.WITHDRAWN: N_("Rút đơn"),
})
register(PetitionOutcome, {
    R.RIGHT: N_("Khiếu nại đúng"), R.PARTLY_RIGHT: N_("Khiếu nại đúng một phần"),
    R.WRONG: N_("Khiếu nại sai"), R.FOUNDED: N_("Tố cáo đúng"),
    R.PARTLY_FOUNDED: N_("Tố cáo đúng một phần"), R.UNFOUNDED: N_("Tố cáo sai"),
    R.ANSWERED: N_("Đã trả lời"),
})
register(FileReason, {
    FileReason.ANONYMOUS: N_("Đơn nặc danh, mạo danh"),
    FileReason.DUPLICATE: N_("Đơn trùng nội dung đã hoặc đang được giải quyết"),
    FileReason.NOT_ELIGIBLE: N_("Không đủ điều kiện xử lý"),
    FileReason.OUT_OF_TIME: N_("Hết thời hiệu"),
})
register(ReceptionKind, {ReceptionKind.REGULAR: N_("Tiếp công dân định kỳ"),
                         ReceptionKind.EXTRA: N_("Tiếp công dân đột xuất")})
register(VisitHandling, {VisitHandling.ANSWERED: N_("Trả lời trực tiếp"),
                         VisitHandling.GUIDED: N_("Hướng dẫn"),
                         VisitHandling.PETITION: N_("Nhận đơn")})

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


register(EventKind, {
    EventKind.RECEIVED: N_("Nhận đơn"), EventKind.ACCEPTED: N_("Thụ lý"),
    EventKind.FORWARDED: N_("Chuyển đơn"), EventKind.GUIDED: N_("Hướng dẫn công dân"),
    EventKind.FILED: N_("Lưu đơn"), EventKind.ACCEPT_NOTIFIED: N_("Thông báo thụ lý"),
    EventKind.EXTENDED: N_("Gia hạn giải quyết"), EventKind.PAUSED: N_("Tạm đình chỉ"),
    EventKind.RESUMED: N_("Tiếp tục giải quyết"), EventKind.RESOLVED: N_("Có kết quả giải quyết"),
    EventKind.NOTIFIED: N_("Thông báo kết quả"), EventKind.WITHDRAWN: N_("Rút đơn"),
    EventKind.REOPENED: N_("Mở lại"),
})

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
