"""The one-stop desk (Bộ phận tiếp nhận và trả kết quả): dossiers and everything that happens to them."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import Date, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, enum_column, now


class Channel(enum.StrEnum):
    DIRECT = "direct"  # trực tiếp
    ONLINE = "online"  # trực tuyến
    POST = "post"  # bưu chính công ích


class DossierStatus(enum.StrEnum):
    RECEIVED = "received"  # đã tiếp nhận
    IN_PROGRESS = "in_progress"  # đang giải quyết
    SUPPLEMENT = "supplement"  # chờ bổ sung (the clock is stopped)
    READY = "ready"  # có kết quả, chờ trả
    RETURNED = "returned"  # đã trả kết quả
    REFUSED = "refused"  # từ chối
    WITHDRAWN = "withdrawn"  # công dân rút hồ sơ


class Outcome(enum.StrEnum):
    EARLY = "early"  # trước hạn
    ON_TIME = "on_time"  # đúng hạn
    LATE = "late"  # quá hạn


class Satisfaction(enum.StrEnum):
    VERY_SATISFIED = "very_satisfied"
    SATISFIED = "satisfied"
    NEUTRAL = "neutral"
    DISSATISFIED = "dissatisfied"


class Dossier(Base):
    """One administrative dossier (hồ sơ TTHC), from reception to its end."""

    __tablename__ = "dossiers"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(60), unique=True)  # agency-YYMMDD-XXXX
    seq_day: Mapped[dt.date] = mapped_column(Date)
    seq_no: Mapped[int] = mapped_column(Integer)
    ledger_year: Mapped[int] = mapped_column(Integer)  # Quyển số (one book a year)
    ledger_line: Mapped[int] = mapped_column(Integer)  # Số thứ tự in that book
    procedure_id: Mapped[int] = mapped_column(ForeignKey("procedures.id"), index=True)
    field: Mapped[str] = mapped_column(String(120), index=True)  # the procedure's field then
    applicant_resident_id: Mapped[int | None] = mapped_column(
        ForeignKey("residents.id"), nullable=True, index=True)
    applicant_name: Mapped[str] = mapped_column(String(120))
    applicant_address: Mapped[str] = mapped_column(String(250), default="")
    applicant_phone: Mapped[str | None] = mapped_column(String(15), nullable=True)
    applicant_email: Mapped[str] = mapped_column(String(120), default="")
    channel: Mapped[Channel] = mapped_column(enum_column(Channel, "channel"))
    received_at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    received_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    documents: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of ticked documents
    sets: Mapped[int] = mapped_column(Integer, default=1)
    fee_due: Mapped[int] = mapped_column(Integer, default=0)
    fee_paid: Mapped[int] = mapped_column(Integer, default=0)
    legal_due_at: Mapped[dt.datetime] = mapped_column(DateTime)  # due by law (after pauses)
    due_at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)  # current appointment
    status: Mapped[DossierStatus] = mapped_column(enum_column(DossierStatus, "dossier_status"), index=True)
    handler_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True, index=True)
    paused_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    ready_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True, index=True)
    outcome: Mapped[Outcome | None] = mapped_column(enum_column(Outcome, "outcome"), nullable=True)
    returned_to: Mapped[str] = mapped_column(String(120), default="")
    return_method: Mapped[str] = mapped_column(String(60), default="")
    satisfaction: Mapped[Satisfaction | None] = mapped_column(
        enum_column(Satisfaction, "satisfaction"), nullable=True)
    satisfaction_note: Mapped[str] = mapped_column(Text, default="")
    reason: Mapped[str] = mapped_column(Text, default="")  # refusal or withdrawal reason
    household_id: Mapped[int | None] = mapped_column(ForeignKey("households.id"), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=now)

    __table_args__ = (UniqueConstraint("seq_day", "seq_no"),
                      UniqueConstraint("ledger_year", "ledger_line"),
                      Index("ix_dossiers_status_due", "status", "due_at"))


class DossierEvent(Base):
    """Every step of a dossier: the Phiếu kiểm soát quá trình (Mẫu 05) is printed from these."""

    __tablename__ = "dossier_events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), index=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    kind: Mapped[str] = mapped_column(String(30))  # received, handed_over, supplement_requested …
    # who did it (the officer whose result it is) and who wrote it down (the signed-in user,
    # often the clerk at the desk; migration 0005)
    by_user: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    recorded_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    to_user: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")
    data: Mapped[str] = mapped_column(Text, default="{}")  # JSON: documents asked, dates …


class ApologySlip(Base):
    """Phiếu xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04): counted as the model's "thư xin lỗi"."""

    __tablename__ = "apology_slips"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), index=True)
    issued_at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    reason: Mapped[str] = mapped_column(Text)
    old_due_at: Mapped[dt.datetime] = mapped_column(DateTime)
    new_due_at: Mapped[dt.datetime] = mapped_column(DateTime)
    by_user: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)


class CivilEvent(Base):
    """A birth, marriage or death registered at the desk, for the letters tab."""

    __tablename__ = "civil_events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)  # birth, marriage, death
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), unique=True)
    event_on: Mapped[dt.date] = mapped_column(Date, index=True)
    person_name: Mapped[str] = mapped_column(String(120))  # the child, the couple, the deceased
    resident_id: Mapped[int | None] = mapped_column(ForeignKey("residents.id"), nullable=True)
    household_id: Mapped[int | None] = mapped_column(ForeignKey("households.id"), nullable=True)
    # the child, the deceased or the spouse when they are in the register (migration 0004)
    subject_resident_id: Mapped[int | None] = mapped_column(
        ForeignKey("residents.id"), nullable=True)
    occurred_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)  # the day of death
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime, default=now)
