"""Stopping and resuming the use of a register's record: the one mechanism every register uses.

Villages, households, residents, procedures and accounts are pointed at by dossiers, letters
and the audit log, so none is ever deleted once written: it is deactivated (ngừng quản lý,
ngừng sử dụng, khóa) and can be reactivated. Each register says only what is its own: who
may do it, the "not found" message, and the rule that may refuse it (a village that still
has households, the last administrator …).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from app import audit
from app.auth import Permission
from app.context import AppContext
from app.errors import NotFound
from app.i18n import _

# (session, the record, the state asked for) → raises DomainError when it may not change
Guard = Callable[[Session, Any, bool], None]


def set_active(ctx: AppContext, model: type, record_id: int, active: bool, *, entity: str,
               permission: Permission, missing: str, guard: Guard | None = None) -> None:
    """Deactivate (`active=False`) or reactivate one record, audited; nothing is deleted.

    `missing` is the N_-marked "not found" message; asking for the state the record is
    already in changes nothing and writes no audit entry."""
    ctx.require(permission)
    with ctx.write() as s:
        row = s.get(model, record_id)
        if row is None:
            raise NotFound(_(missing))
        if guard is not None:
            guard(s, row, active)
        if row.active != active:
            row.active = active
            audit.record(s, ctx.user, "activate" if active else "deactivate", entity, row.id,
                         {"active": [not active, active]})
