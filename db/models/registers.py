"""Typed SQLAlchemy models of the registers every tab uses.

Later tabs (dossiers, petitions, letters, meetings, disclosures) add their own tables in
their own migrations; they point at residents, households, procedures and users by id,
which is why nothing here is ever hard-deleted once referenced: records are deactivated.
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
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.models.base import Base, enum_column, now


class Role(enum.StrEnum):
    CLERK = "clerk"  # cán bộ tiếp nhận và trả kết quả (một cửa)
    OFFICER = "officer"  # công chức chuyên môn
    CHAIRMAN = "chairman"  # chủ tịch UBND xã
    ADMIN = "admin"  # quản trị hệ thống


class Sex(enum.StrEnum):
    MALE = "M"
    FEMALE = "F"


class TimeUnit(enum.StrEnum):
    SAME_DAY = "same_day"
    WORKING_DAYS = "working_days"
    WORKING_HOURS = "working_hours"
    CALENDAR_DAYS = "calendar_days"
    UNKNOWN = "unknown"


class CivilEventKind(enum.StrEnum):
    BIRTH = "birth"
    MARRIAGE = "marriage"
    DEATH = "death"


class DaySource(enum.StrEnum):
    """Where a day of the calendar came from."""

    PACKAGE = "package"  # seeded from the holidays package (the law's days off)
    ADMIN = "admin"  # entered by the office


class DayKind(enum.StrEnum):
    OFF = "off"  # ngày nghỉ (lễ, Tết, nghỉ bù, hoán đổi)
    WORK = "work"  # ngày làm bù (a Saturday or Sunday worked)


class Setting(Base):
    """Commune profile and preferences as key → JSON text (declared in app.settings)."""

    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="null")


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(40), unique=True)
    full_name: Mapped[str] = mapped_column(String(120))
    name_key: Mapped[str] = mapped_column(String(120), index=True)
    sort_key: Mapped[str] = mapped_column(String(300), index=True)
    title: Mapped[str] = mapped_column(String(120), default="")  # chức danh, e.g. "Công chức Tư pháp - Hộ tịch"
    role: Mapped[Role] = mapped_column(enum_column(Role, "role"))
    password_hash: Mapped[str] = mapped_column(String(300))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=now)
    last_login_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)


class Village(Base):
    __tablename__ = "villages"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    name_key: Mapped[str] = mapped_column(String(120), index=True)
    note: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Household(Base):
    __tablename__ = "households"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Số hộ / mã hộ as the commune writes it; unique when given.
    code: Mapped[str | None] = mapped_column(String(40), unique=True, nullable=True)
    village_id: Mapped[int] = mapped_column(ForeignKey("villages.id"), index=True)
    address: Mapped[str] = mapped_column(String(250), default="")
    head_id: Mapped[int | None] = mapped_column(
        ForeignKey("residents.id", use_alter=True, name="fk_households_head_id_residents"),
        nullable=True,
    )
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=now)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=now, onupdate=now)

    village: Mapped[Village] = relationship()
    head: Mapped[Resident | None] = relationship(foreign_keys=[head_id], post_update=True)
    members: Mapped[list[Resident]] = relationship(
        back_populates="household", foreign_keys="Resident.household_id"
    )


class Resident(Base):
    __tablename__ = "residents"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("households.id"), index=True)
    full_name: Mapped[str] = mapped_column(String(120))
    name_key: Mapped[str] = mapped_column(String(120), index=True)
    sort_key: Mapped[str] = mapped_column(String(300), index=True)
    sex: Mapped[Sex] = mapped_column(enum_column(Sex, "sex"))
    birth_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    cccd: Mapped[str | None] = mapped_column(String(12), unique=True, nullable=True)
    phone: Mapped[str | None] = mapped_column(String(15), nullable=True, index=True)
    relation: Mapped[str] = mapped_column(String(40), default="")  # quan hệ với chủ hộ
    death_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=now)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=now, onupdate=now)

    household: Mapped[Household] = relationship(
        back_populates="members", foreign_keys=[household_id]
    )


class Procedure(Base):
    __tablename__ = "procedures"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(400))
    name_key: Mapped[str] = mapped_column(String(400), index=True)
    field: Mapped[str] = mapped_column(String(120), index=True)  # lĩnh vực
    time_value: Mapped[int] = mapped_column(Integer, default=0)
    time_unit: Mapped[TimeUnit] = mapped_column(enum_column(TimeUnit, "time_unit"))
    time_text: Mapped[str] = mapped_column(Text, default="")  # the legal wording of the time
    cutoff_1500: Mapped[bool] = mapped_column(Boolean, default=False)
    fee_vnd: Mapped[int | None] = mapped_column(Integer, nullable=True)  # None: set by the province
    fee_text: Mapped[str] = mapped_column(Text, default="")
    online_level: Mapped[str] = mapped_column(String(200), default="")
    civil_event: Mapped[CivilEventKind | None] = mapped_column(
        enum_column(CivilEventKind, "civil_event"), nullable=True
    )
    legal_basis: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # what a narrow list shows ("" : the name less "Thủ tục"); migration 0005
    short_name: Mapped[str] = mapped_column(String(120), default="", server_default="")
    # the officer who takes its dossiers (None: the field's officer, FieldOfficer); 0005
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)

    documents: Mapped[list[ProcedureDocument]] = relationship(
        back_populates="procedure",
        order_by="ProcedureDocument.position",
        cascade="all, delete-orphan",
    )


class FieldOfficer(Base):
    """The officer responsible for a field (lĩnh vực) of procedures: a dossier of the field is
    handed to them unless its procedure names another (migration 0005)."""

    __tablename__ = "field_officers"
    field: Mapped[str] = mapped_column(String(120), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=now)


class ProcedureDocument(Base):
    """One document of a procedure's checklist (thành phần hồ sơ)."""

    __tablename__ = "procedure_documents"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    procedure_id: Mapped[int] = mapped_column(ForeignKey("procedures.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Text)

    procedure: Mapped[Procedure] = relationship(back_populates="documents")


class CalendarDay(Base):
    """A day that differs from the usual Monday–Friday week: a day off or a make-up working day."""

    __tablename__ = "calendar_days"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    day: Mapped[dt.date] = mapped_column(Date, unique=True)
    kind: Mapped[DayKind] = mapped_column(enum_column(DayKind, "day_kind"))
    name: Mapped[str] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(String(20), default="admin")  # "package" or "admin"


class CalendarYear(Base):
    """Years whose holidays were seeded, so a seeded-then-edited year is never seeded again."""

    __tablename__ = "calendar_years"
    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    seeded_at: Mapped[dt.datetime] = mapped_column(DateTime, default=now)


class AuditEntry(Base):
    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=now, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    username: Mapped[str] = mapped_column(String(40))
    action: Mapped[str] = mapped_column(String(20))  # create, update, deactivate, login, import …
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    changes: Mapped[str] = mapped_column(Text, default="{}")  # JSON {field: [old, new]}

    __table_args__ = (Index("ix_audit_log_entity", "entity", "entity_id"),)


class SearchToken(Base):
    """Folded search tokens of a record: 'nguyen van' finds a row by prefix range on `token`."""

    __tablename__ = "search_tokens"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entity: Mapped[str] = mapped_column(String(20))
    entity_id: Mapped[int] = mapped_column(Integer)
    token: Mapped[str] = mapped_column(String(80))

    __table_args__ = (
        # entity = ? AND token in [word, word+1): equality then range on one index
        Index("ix_search_tokens_token", "entity", "token", "entity_id"),
        # also serves "every token of this record" when a record is re-indexed
        UniqueConstraint("entity", "entity_id", "token", name="uq_search_tokens_entity"),
    )


class DocumentNumber(Base):
    """One number issued to an official paper: "05/BC-UBND" is (BC, 2023, 5).

    Numbers run per document type and per year and restart at 01 every 1 January (Nghị định
    30/2020); a công văn has its own run under the type key "CV". The unique constraint is the
    guarantee that two printouts never share a number (app.paper.numbering allocates).
    """

    __tablename__ = "document_numbers"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    doc_type: Mapped[str] = mapped_column(String(10))
    year: Mapped[int] = mapped_column(Integer)
    number: Mapped[int] = mapped_column(Integer)
    issued_on: Mapped[dt.date] = mapped_column(Date)
    subject: Mapped[str] = mapped_column(String(500), default="")  # trích yếu
    entity: Mapped[str | None] = mapped_column(String(40), nullable=True)  # the record it is for
    entity_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    username: Mapped[str] = mapped_column(String(40), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=now)

    __table_args__ = (UniqueConstraint("doc_type", "year", "number"),)
