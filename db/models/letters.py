"""Outreach letters (thư công): congratulations, condolences, apologies and thanks.

A letter keeps the exact text it was printed with (`title`, `addressee`, `body`): editing a
template later never changes a letter already issued. Its number is a "TC" number of
app.paper.numbering (per year), mirrored here as (`year`, `number`).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, now


class Letter(Base):
    __tablename__ = "letters"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    number: Mapped[int] = mapped_column(Integer)
    number_text: Mapped[str] = mapped_column(String(40))  # "05/TC-UBND" as printed
    kind: Mapped[str] = mapped_column(String(20), index=True)  # congratulation, condolence …
    occasion: Mapped[str] = mapped_column(String(20))  # birth, marriage, death, late, land …
    letter_date: Mapped[dt.date] = mapped_column(Date, index=True)
    salutation: Mapped[str] = mapped_column(String(40))  # "Gia đình ông"
    recipient_name: Mapped[str] = mapped_column(String(250))
    addressee: Mapped[str] = mapped_column(String(300))  # the "Kính gửi" line as printed
    address: Mapped[str] = mapped_column(String(250), default="")
    village: Mapped[str] = mapped_column(String(120), default="")  # as it was then
    household_id: Mapped[int | None] = mapped_column(
        ForeignKey("households.id"), nullable=True, index=True)
    resident_id: Mapped[int | None] = mapped_column(ForeignKey("residents.id"), nullable=True)
    subject_resident_id: Mapped[int | None] = mapped_column(  # the deceased, for a condolence
        ForeignKey("residents.id"), nullable=True)
    civil_event_id: Mapped[int | None] = mapped_column(
        ForeignKey("civil_events.id"), nullable=True, index=True)
    dossier_id: Mapped[int | None] = mapped_column(
        ForeignKey("dossiers.id"), nullable=True, index=True)
    about: Mapped[str] = mapped_column(String(400), default="")  # what it answers ("Việc")
    title: Mapped[str] = mapped_column(String(120))  # "THƯ CHÚC MỪNG"
    body: Mapped[str] = mapped_column(Text)  # JSON list of paragraphs, exactly as printed
    fields: Mapped[str] = mapped_column(Text, default="{}")  # JSON: the values merged in
    page_size: Mapped[str] = mapped_column(String(12), default="A4")
    signer_lines: Mapped[str] = mapped_column(Text, default="[]")  # JSON: "TM. …", "CHỦ TỊCH"
    signer_name: Mapped[str] = mapped_column(String(120), default="")
    duplicate_reason: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=now)
    printed_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    print_count: Mapped[int] = mapped_column(Integer, default=0)
    delivered_at: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    delivery_method: Mapped[str] = mapped_column(String(20), default="")  # desk, home, post
    delivered_by: Mapped[str] = mapped_column(String(120), default="")

    __table_args__ = (UniqueConstraint("year", "number"),
                      Index("ix_letters_kind_date", "kind", "letter_date"))


class LetterTemplate(Base):
    """A template the administrator edited; the shipped text applies when there is no row."""

    __tablename__ = "letter_templates"
    key: Mapped[str] = mapped_column(String(20), primary_key=True)  # birth, marriage, death …
    title: Mapped[str] = mapped_column(String(120))
    body: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=now)
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)


class LetterDismissal(Base):
    """A suggested letter the commune decided not to send, and why."""

    __tablename__ = "letter_dismissals"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(String(10))  # "event" or "dossier"
    source_id: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text)
    dismissed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    dismissed_at: Mapped[dt.datetime] = mapped_column(DateTime, default=now)

    __table_args__ = (UniqueConstraint("source", "source_id"),)
