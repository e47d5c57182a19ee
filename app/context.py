"""The context every service call gets: the database and who is acting."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from app.auth import PERMISSION_LABELS, SYSTEM, Actor, Permission
from app.errors import PermissionDenied
from app.i18n import _
from db.session import session_factory


@dataclass(frozen=True)
class AppContext:
    engine: Engine
    actor: Actor = SYSTEM
    db_path: Path | None = None
    _sessions: sessionmaker[Session] | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self._sessions is None:
            object.__setattr__(self, "_sessions", session_factory(self.engine))

    def as_actor(self, actor: Actor) -> AppContext:
        return replace(self, actor=actor)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading; closed at the end, nothing committed."""
        with self._sessions() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One unit of work: committed at the end, rolled back whole on any error."""
        with self._sessions() as session, session.begin():
            yield session

    def require(self, perm: Permission) -> None:
        if not self.actor.can(perm):
            raise PermissionDenied(
                _("Tài khoản {username} không có quyền {permission}.").format(
                    username=self.actor.username, permission=_(PERMISSION_LABELS[perm]))
            )
