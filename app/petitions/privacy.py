"""A denouncer's identity (Luật Tố cáo 2018, Điều 47): name, address, phone and identity number
are seen only by the officer handling the denunciation and the chairman, and only where they
ask for it (the case's own window or paper); every such reading is recorded in the audit log.
Lists, exports, reports, searches, the summary and every paper for anyone else show the mask;
the administrator cannot lift it either.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from app import audit
from app.auth import CurrentUser
from app.i18n import N_, _
from db.models import PetitionKind, Role

HIDDEN_NAME = N_("Người tố cáo (được giữ bí mật)")
HIDDEN = "***"
IDENTITY_READ = "read_identity"  # the audit action of a reading


def confidential(kind: PetitionKind) -> bool:
    return kind == PetitionKind.DENUNCIATION


def may_see(user: CurrentUser, kind: PetitionKind, handler_id: int | None) -> bool:
    """Whether `user` may read this petitioner's identity when asking for it."""
    if not confidential(kind):
        return True
    if user.user_id is None:  # the command line and the demo act as the system: no one
        return False
    return user.role == Role.CHAIRMAN or (handler_id is not None and user.user_id == handler_id)


def hidden_name() -> str:
    return _(HIDDEN_NAME)


def record_reading(s: Session, user: CurrentUser, entity: str, entity_id: int) -> None:
    """Someone allowed read a denouncer's identity: kept in the audit log (who, when, which)."""
    audit.record(s, user, IDENTITY_READ, entity, entity_id, {})
