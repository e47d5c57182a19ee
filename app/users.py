"""Staff accounts and sign-in. Roles are enforced here, not in the window."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import audit, search_index
from app.auth import CurrentUser, Permission, hash_password, verify_password
from app.context import AppContext
from app.errors import DomainError, NotFound
from app.i18n import N_, _
from app.labels import label
from app.records import set_active
from app.text import fold, nfc, person_sort_key
from app.validators import person_name
from db.models import Role, User

USER = "user"
MIN_PASSWORD = 6


@dataclass(frozen=True)
class UserRow:
    id: int
    username: str
    full_name: str
    title: str
    role: Role
    role_label: str
    active: bool
    last_login_at: dt.datetime | None


def _row(u: User) -> UserRow:
    return UserRow(u.id, u.username, u.full_name, u.title, u.role, label(u.role), u.active,
                   u.last_login_at)


def _clean_username(username: str) -> str:
    name = nfc(username).lower()
    if not re.fullmatch(r"[a-z0-9._-]{3,40}", name):
        raise DomainError(
            _("Tên đăng nhập gồm 3–40 ký tự: chữ cái không dấu, chữ số, dấu chấm, gạch ngang "
              "hoặc gạch dưới (ví dụ: hoa.nt)."), field="username")
    return name


def _check_password(password: str) -> str:
    if len(password or "") < MIN_PASSWORD:
        raise DomainError(_("Mật khẩu phải có ít nhất {count} ký tự.").format(count=MIN_PASSWORD),
                          field="password")
    return password


def _role(value) -> Role:
    try:
        return Role(value)
    except ValueError:
        raise DomainError(_("Vai trò không hợp lệ.")) from None


def count_users(ctx: AppContext) -> int:
    with ctx.read() as s:
        return s.scalar(select(func.count(User.id))) or 0


def list_users(ctx: AppContext, query: str = "", include_inactive: bool = True) -> list[UserRow]:
    stmt = select(User).order_by(User.sort_key)
    ids = search_index.matching_ids_stmt(USER, query)
    if ids is not None:
        stmt = stmt.where(User.id.in_(ids))
    if not include_inactive:
        stmt = stmt.where(User.active.is_(True))
    with ctx.read() as s:
        return [_row(u) for u in s.scalars(stmt)]


def list_officers(ctx: AppContext) -> list[UserRow]:
    """The active officers (công chức chuyên môn): who takes dossiers and answers for a field."""
    return [u for u in list_users(ctx, include_inactive=False) if u.role == Role.OFFICER]


def get_user(ctx: AppContext, user_id: int) -> UserRow:
    with ctx.read() as s:
        u = s.get(User, user_id)
        if u is None:
            raise NotFound(_("Không tìm thấy tài khoản này."))
        return _row(u)


def _index(s: Session, u: User) -> None:
    search_index.set_tokens(s, USER, u.id, search_index.index_tokens(u.full_name, u.username, u.title))


def create_user_in(s: Session, user: CurrentUser, username: str, full_name: str, role: Role | str,
                   password: str, title: str = "") -> User:
    """Create an account inside an open unit of work (setup, demo and create_user use it)."""
    username = _clean_username(username)
    full_name = person_name(full_name)
    role = _role(role)
    _check_password(password)
    if s.scalar(select(User.id).where(User.username == username)) is not None:
        raise DomainError(_("Tên đăng nhập “{username}” đã có người dùng.").format(username=username),
                          field="username")
    u = User(username=username, full_name=full_name, name_key=fold(full_name),
             sort_key=person_sort_key(full_name), title=nfc(title), role=role,
             password_hash=hash_password(password))
    s.add(u)
    s.flush()
    _index(s, u)
    audit.record(s, user, "create", USER, u.id,
                 {"username": username, "full_name": full_name, "role": role.value})
    return u


def create_user(ctx: AppContext, username: str, full_name: str, role: Role | str, password: str,
                title: str = "") -> int:
    ctx.require(Permission.MANAGE_USERS)
    with ctx.write() as s:
        return create_user_in(s, ctx.user, username, full_name, role, password, title).id


def _active_admins(s: Session, exclude_id: int) -> int:
    return s.scalar(select(func.count(User.id)).where(
        User.role == Role.ADMIN, User.active.is_(True), User.id != exclude_id)) or 0


def update_user(ctx: AppContext, user_id: int, *, full_name: str, title: str, role: Role | str) -> None:
    ctx.require(Permission.MANAGE_USERS)
    full_name, role = person_name(full_name), _role(role)
    with ctx.write() as s:
        u = s.get(User, user_id)
        if u is None:
            raise NotFound(_("Không tìm thấy tài khoản này."))
        if u.role == Role.ADMIN and role != Role.ADMIN and _active_admins(s, u.id) == 0:
            raise DomainError(_("Phải còn ít nhất một tài khoản quản trị đang hoạt động."))
        fields = ["full_name", "title", "role"]
        before = audit.snapshot(u, fields)
        u.full_name, u.name_key, u.sort_key = full_name, fold(full_name), person_sort_key(full_name)
        u.title, u.role = nfc(title), role
        _index(s, u)
        audit.record(s, ctx.user, "update", USER, u.id, audit.diff(before, audit.snapshot(u, fields)))


def set_password(ctx: AppContext, user_id: int, new_password: str, old_password: str | None = None) -> None:
    """An administrator resets anyone's password; a user changes their own with the old one."""
    own = ctx.user.user_id == user_id
    if not own:
        ctx.require(Permission.MANAGE_USERS)
    _check_password(new_password)
    with ctx.write() as s:
        u = s.get(User, user_id)
        if u is None:
            raise NotFound(_("Không tìm thấy tài khoản này."))
        if own and not ctx.user.can(Permission.MANAGE_USERS):
            if old_password is None or not verify_password(old_password, u.password_hash):
                raise DomainError(_("Mật khẩu hiện tại không đúng."), field="password")
        u.password_hash = hash_password(new_password)
        audit.record(s, ctx.user, "password", USER, u.id, {})


def set_user_active(ctx: AppContext, user_id: int, active: bool) -> None:
    def guard(s: Session, u: User, active: bool) -> None:
        if not active and u.id == ctx.user.user_id:
            raise DomainError(_("Không thể tự khóa tài khoản đang đăng nhập."))
        if not active and u.role == Role.ADMIN and _active_admins(s, u.id) == 0:
            raise DomainError(_("Phải còn ít nhất một tài khoản quản trị đang hoạt động."))

    set_active(ctx, User, user_id, active, entity=USER, permission=Permission.MANAGE_USERS,
               missing=N_("Không tìm thấy tài khoản này."), guard=guard)


def authenticate(ctx: AppContext, username: str, password: str) -> CurrentUser:
    """Check a sign-in; returns the CurrentUser for the session's context. Logged in the audit."""
    name = nfc(username).lower()
    with ctx.write() as s:
        u = s.scalar(select(User).where(User.username == name))
        if u is None or not verify_password(password or "", u.password_hash):
            raise DomainError(_("Tên đăng nhập hoặc mật khẩu không đúng."))
        if not u.active:
            raise DomainError(_("Tài khoản này đã bị khóa; vui lòng liên hệ quản trị hệ thống."))
        u.last_login_at = dt.datetime.now().replace(microsecond=0)
        user = CurrentUser(u.id, u.username, u.full_name, u.role)
        audit.record(s, user, "login", USER, u.id, {})
        return user
