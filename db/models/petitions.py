"""Petitions (đơn thư: khiếu nại, tố cáo, kiến nghị, phản ánh) and citizen reception (tiếp công
dân): the cases, what happened to them, the legal clocks' rule table, the reception schedule
and the register of visits (migration 0006).

A denouncer's identity (name, address, phone, identity number) is stored like any other
petitioner's; who may read it is app.petitions' rule, not the table's.
"""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, enum_column, now
from db.models.registers import TimeUnit


class PetitionKind(enum.StrEnum):
    COMPLAINT = "complaint"  # khiếu nại
    DENUNCIATION = "denunciation"  # tố cáo
    RECOMMENDATION = "recommendation"  # kiến nghị
    FEEDBACK = "feedback"  # phản ánh


class PetitionChannel(enum.StrEnum):
    RECEPTION = "reception"  # tại buổi tiếp công dân, tại trụ sở
    POST = "post"  # qua bưu chính
    BOX = "box"  # hòm thư góp ý
    ONLINE = "online"  # trực tuyến, thư điện tử
    FORWARDED = "forwarded"  # cơ quan, tổ chức khác chuyển đến


class PetitionField(enum.StrEnum):
    LAND = "land"  # đất đai
    SOCIAL = "social"  # chính sách xã hội
    ENVIRONMENT = "environment"  # môi trường
    ORDER = "order"  # an ninh, trật tự
    CONDUCT = "conduct"  # cán bộ, công chức
    OTHER = "other"


class Complexity(enum.StrEnum):
    NORMAL = "normal"
    COMPLEX = "complex"  # phức tạp
    VERY_COMPLEX = "very_complex"  # đặc biệt phức tạp


class PetitionStatus(enum.StrEnum):
    RECEIVED = "received"  # đã nhận, chờ phân loại
    ACCEPTED = "accepted"  # đã thụ lý, đang giải quyết
    PAUSED = "paused"  # tạm đình chỉ: the clock stops
    RESOLVED = "resolved"  # đã có kết quả, chưa thông báo
    CLOSED = "closed"  # đã thông báo kết quả
    FORWARDED = "forwarded"  # đã chuyển đơn đến cơ quan có thẩm quyền
    GUIDED = "guided"  # đã hướng dẫn công dân
    FILED = "filed"  # lưu đơn
    WITHDRAWN = "withdrawn"  # công dân rút đơn


class PetitionOutcome(enum.StrEnum):
    RIGHT = "right"  # khiếu nại đúng
    PARTLY_RIGHT = "partly_right"  # khiếu nại đúng một phần
    WRONG = "wrong"  # khiếu nại sai
    FOUNDED = "founded"  # tố cáo đúng
    PARTLY_FOUNDED = "partly_founded"  # tố cáo đúng một phần
    UNFOUNDED = "unfounded"  # tố cáo sai
    ANSWERED = "answered"  # kiến nghị, phản ánh đã được trả lời


class FileReason(enum.StrEnum):
    ANONYMOUS = "anonymous"  # đơn nặc danh, mạo danh
    DUPLICATE = "duplicate"  # đơn trùng nội dung đã giải quyết hoặc đang giải quyết
    NOT_ELIGIBLE = "not_eligible"  # không đủ điều kiện xử lý
    OUT_OF_TIME = "out_of_time"  # hết thời hiệu


class ReceptionKind(enum.StrEnum):
    REGULAR = "regular"  # the chairman's weekly day
    EXTRA = "extra"  # an extra session


class VisitHandling(enum.StrEnum):
    ANSWERED = "answered"  # trả lời trực tiếp
    GUIDED = "guided"  # hướng dẫn
    PETITION = "petition"  # nhận đơn: a petition was registered from the visit


class Petition(Base):
    """One petition (đơn), numbered per year in the petitions register."""

    __tablename__ = "petitions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    number: Mapped[int] = mapped_column(Integer)  # số thứ tự in that year's register
    kind: Mapped[PetitionKind] = mapped_column(enum_column(PetitionKind, "petition_kind"))
    channel: Mapped[PetitionChannel] = mapped_column(
        enum_column(PetitionChannel, "petition_channel"))
    source_agency: Mapped[str] = mapped_column(String(250), default="")  # when forwarded in
    received_on: Mapped[dt.date] = mapped_column(Date, index=True)
    received_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    # the petitioner (or the representative of a group), from the register or typed in
    petitioner_resident_id: Mapped[int | None] = mapped_column(
        ForeignKey("residents.id"), nullable=True, index=True)
    petitioner_name: Mapped[str] = mapped_column(String(200), default="")
    petitioner_key: Mapped[str] = mapped_column(String(200), default="", index=True)  # folded
    petitioner_address: Mapped[str] = mapped_column(String(250), default="")
    petitioner_phone: Mapped[str | None] = mapped_column(String(15), nullable=True)
    petitioner_cccd: Mapped[str | None] = mapped_column(String(12), nullable=True)
    anonymous: Mapped[bool] = mapped_column(Boolean, default=False)
    signatories: Mapped[int] = mapped_column(Integer, default=1)  # đơn đông người: > 1
    village_id: Mapped[int | None] = mapped_column(ForeignKey("villages.id"), nullable=True)
    field: Mapped[PetitionField] = mapped_column(enum_column(PetitionField, "petition_field"))
    subject: Mapped[str] = mapped_column(String(300))  # trích yếu nội dung
    subject_key: Mapped[str] = mapped_column(String(300), default="")  # folded, for repeats
    content: Mapped[str] = mapped_column(Text)
    complexity: Mapped[Complexity] = mapped_column(enum_column(Complexity, "complexity"),
                                                   default=Complexity.NORMAL)
    remote: Mapped[bool] = mapped_column(Boolean, default=False)  # vùng sâu, vùng xa
    status: Mapped[PetitionStatus] = mapped_column(
        enum_column(PetitionStatus, "petition_status"), index=True)
    handler_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True,
                                                   index=True)
    classify_due: Mapped[dt.date] = mapped_column(Date)
    classified_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    file_reason: Mapped[FileReason | None] = mapped_column(
        enum_column(FileReason, "file_reason"), nullable=True)
    forwarded_to: Mapped[str] = mapped_column(String(250), default="")
    classification_note: Mapped[str] = mapped_column(Text, default="")
    accepted_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    due_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True, index=True)
    legal_due_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)  # before extensions
    extensions: Mapped[int] = mapped_column(Integer, default=0)
    paused_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    accept_notice_due: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    accept_notified_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    outcome: Mapped[PetitionOutcome | None] = mapped_column(
        enum_column(PetitionOutcome, "petition_outcome"), nullable=True)
    resolved_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True, index=True)
    decision: Mapped[str] = mapped_column(Text, default="")  # the decision or answer, in brief
    notified_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    notified_how: Mapped[str] = mapped_column(String(120), default="")
    duplicate_of_id: Mapped[int | None] = mapped_column(ForeignKey("petitions.id"),
                                                        nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=now)

    __table_args__ = (UniqueConstraint("year", "number"),
                      Index("ix_petitions_status_due", "status", "due_on"))


class PetitionEvent(Base):
    """What happened to a petition, when and by whom (the petitions' own control sheet)."""

    __tablename__ = "petition_events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    petition_id: Mapped[int] = mapped_column(ForeignKey("petitions.id"), index=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    event_on: Mapped[dt.date] = mapped_column(Date)  # the legal day it counts on
    kind: Mapped[str] = mapped_column(String(30))
    by_user: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")
    data: Mapped[str] = mapped_column(Text, default="{}")  # JSON: decision number, dates …


class PetitionRule(Base):
    """One row of the clocks' rule table, by kind, complexity and remote area: what the law
    gives today; the administrator amends it when the law changes."""

    __tablename__ = "petition_rules"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[PetitionKind] = mapped_column(enum_column(PetitionKind, "petition_kind"))
    complexity: Mapped[Complexity] = mapped_column(enum_column(Complexity, "complexity"))
    remote: Mapped[bool] = mapped_column(Boolean)
    classify_value: Mapped[int] = mapped_column(Integer)
    classify_unit: Mapped[TimeUnit] = mapped_column(enum_column(TimeUnit, "classify_unit"))
    resolve_value: Mapped[int] = mapped_column(Integer)
    resolve_unit: Mapped[TimeUnit] = mapped_column(enum_column(TimeUnit, "resolve_unit"))
    extension_value: Mapped[int] = mapped_column(Integer, default=0)
    max_extensions: Mapped[int] = mapped_column(Integer, default=0)
    notify_value: Mapped[int] = mapped_column(Integer, default=0)  # notice of acceptance
    notify_unit: Mapped[TimeUnit] = mapped_column(enum_column(TimeUnit, "notify_unit"))
    basis: Mapped[str] = mapped_column(Text, default="")  # the legal text, shown and printed
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=now)
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)

    __table_args__ = (UniqueConstraint("kind", "complexity", "remote"),)


class ReceptionDay(Base):
    """A reception session on the schedule: the chairman's weekly day or an extra one."""

    __tablename__ = "reception_days"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    day: Mapped[dt.date] = mapped_column(Date, index=True)
    kind: Mapped[ReceptionKind] = mapped_column(enum_column(ReceptionKind, "reception_kind"))
    host_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    place: Mapped[str] = mapped_column(String(200), default="")
    hours: Mapped[str] = mapped_column(String(40), default="")  # "07:30-11:30"
    held: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=now)


class ReceptionVisit(Base):
    """One line of the reception register (sổ tiếp công dân)."""

    __tablename__ = "reception_visits"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    day_id: Mapped[int | None] = mapped_column(ForeignKey("reception_days.id"), nullable=True,
                                               index=True)
    visited_at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    received_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    citizen_resident_id: Mapped[int | None] = mapped_column(
        ForeignKey("residents.id"), nullable=True, index=True)
    citizen_name: Mapped[str] = mapped_column(String(200))
    citizen_key: Mapped[str] = mapped_column(String(200), index=True)  # folded
    citizen_address: Mapped[str] = mapped_column(String(250), default="")
    citizen_phone: Mapped[str | None] = mapped_column(String(15), nullable=True)
    group_size: Mapped[int] = mapped_column(Integer, default=1)  # a delegation: its number
    kind: Mapped[PetitionKind] = mapped_column(enum_column(PetitionKind, "petition_kind"))
    field: Mapped[PetitionField] = mapped_column(enum_column(PetitionField, "petition_field"))
    content: Mapped[str] = mapped_column(Text)
    subject_key: Mapped[str] = mapped_column(String(300), default="")  # folded, for repeats
    handling: Mapped[VisitHandling] = mapped_column(enum_column(VisitHandling, "visit_handling"))
    answer: Mapped[str] = mapped_column(Text, default="")
    petition_id: Mapped[int | None] = mapped_column(ForeignKey("petitions.id"), nullable=True,
                                                    index=True)
    previous_visit_id: Mapped[int | None] = mapped_column(ForeignKey("reception_visits.id"),
                                                          nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=now)
