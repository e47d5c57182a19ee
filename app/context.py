"""The context every service call gets: the database, who is acting, and where the changes
it commits are told (`changes`, one hub shared by every copy made with `as_user`)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from sqlalchemy import Engine, event
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction, sessionmaker

from app.auth import SYSTEM, CurrentUser, Permission
from app.changes import ChangeHub, topics_of
from app.errors import PermissionDenied
from app.i18n import _
from app.labels import label
from db.session import session_factory

# the names of the tables a unit of work wrote, kept in its session's `info`
_TOUCHED = "commune_desk.tables_written"


@cache
def _tables_of(cls: type) -> frozenset[str]:
    """The tables a mapped class is stored in."""
    return frozenset(t.name for t in sa_inspect(cls).tables)


def _on_flush(session: Session, _flush: UOWTransaction) -> None:
    """ORM objects added, changed or deleted (the session still lists them after a flush)."""
    touched = session.info.get(_TOUCHED)
    if touched is None:  # a session for reading
        return
    for cls in {type(obj) for obj in (*session.new, *session.deleted)}:
        touched |= _tables_of(cls)
    for obj in session.dirty:  # a big flush: each class looked at once it is known written
        if not _tables_of(type(obj)) <= touched and session.is_modified(obj):
            touched |= _tables_of(type(obj))


def _on_execute(state: ORMExecuteState) -> None:
    """insert / update / delete statements, which bypass the flush."""
    touched = state.session.info.get(_TOUCHED)
    if touched is None or not (state.is_insert or state.is_update or state.is_delete):
        return
    name = getattr(getattr(state.statement, "table", None), "name", None)
    if name:
        touched.add(name)


@dataclass(frozen=True)
class AppContext:
    engine: Engine
    user: CurrentUser = SYSTEM
    db_path: Path | None = None
    _sessions: sessionmaker[Session] | None = field(default=None, compare=False, repr=False)
    changes: ChangeHub = field(default_factory=ChangeHub, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self._sessions is None:
            sessions = session_factory(self.engine)
            event.listen(sessions, "after_flush", _on_flush)
            event.listen(sessions, "do_orm_execute", _on_execute)
            object.__setattr__(self, "_sessions", sessions)

    def as_user(self, user: CurrentUser) -> AppContext:
        return replace(self, user=user)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading; closed at the end, nothing committed."""
        with self._sessions() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One unit of work: committed at the end, rolled back whole on any error. After the
        commit the topics of the tables it wrote are published on `changes` (from this
        thread); after a rollback nothing is."""
        touched: set[str] = set()
        with self._sessions() as session:
            session.info[_TOUCHED] = touched
            with session.begin():
                yield session
        self.changes.publish(topics_of(touched))

    def require(self, perm: Permission) -> None:
        if not self.user.can(perm):
            raise PermissionDenied(
                _("Tài khoản {username} không có quyền {permission}.").format(
                    username=self.user.username, permission=label(perm))
            )
