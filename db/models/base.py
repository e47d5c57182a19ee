"""The declarative base every model shares: one metadata, constraint names, helpers."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import Enum, MetaData
from sqlalchemy.orm import DeclarativeBase

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def enum_column(cls: type[enum.Enum], name: str) -> Enum:
    # Stored as short strings with a CHECK constraint: portable to PostgreSQL.
    return Enum(cls, name=name, values_callable=lambda e: [m.value for m in e], native_enum=False,
                create_constraint=True, length=20)
