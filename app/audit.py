"""The audit log: a row for every change, written in the same transaction as the change."""

from __future__ import annotations

import datetime as dt
import enum
import json
from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from app.auth import CurrentUser
from db.models import AuditEntry


def _plain(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def snapshot(obj: Any, fields: list[str] | None = None) -> dict[str, Any]:
    mapper = inspect(obj).mapper
    names = fields or [c.key for c in mapper.column_attrs]
    return {name: _plain(getattr(obj, name)) for name in names}


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    return {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}


def record(
    session: Session,
    user: CurrentUser,
    action: str,
    entity: str,
    entity_id: int | None,
    changes: dict[str, Any] | None = None,
) -> None:
    session.add(
        AuditEntry(
            user_id=user.user_id,
            username=user.username,
            action=action,
            entity=entity,
            entity_id=entity_id,
            changes=json.dumps(changes or {}, ensure_ascii=False, default=str),
        )
    )


def history(session: Session, entity: str, entity_id: int) -> list[AuditEntry]:
    stmt = (
        select(AuditEntry)
        .where(AuditEntry.entity == entity, AuditEntry.entity_id == entity_id)
        .order_by(AuditEntry.id)
    )
    return list(session.scalars(stmt))
