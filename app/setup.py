"""First start: the commune profile and the first administrator, or the demo commune."""

from __future__ import annotations

from typing import Any

from app import audit, settings
from app.auth import SYSTEM
from app.catalogue_io import load_starter
from app.context import AppContext
from app.errors import DomainError
from app.i18n import _
from app.users import create_user_in
from db.models import Role


def needs_setup(ctx: AppContext) -> bool:
    with ctx.read() as s:
        return not settings.get(s, "setup_done")


def initialise(ctx: AppContext, profile: dict[str, Any], *, username: str, full_name: str,
               password: str, password_again: str | None = None) -> int:
    """Save the profile, create the administrator and load the starter catalogue, all or nothing.

    Returns the administrator's user id.
    """
    if not needs_setup(ctx):
        raise DomainError(_("Cơ sở dữ liệu này đã được thiết lập; hãy đăng nhập."))
    clean = settings.validate_profile(profile)
    if password_again is not None and password != password_again:
        raise DomainError(_("Hai lần nhập mật khẩu không khớp nhau."), field="password")
    with ctx.write() as s:
        for key, value in clean.items():
            settings.put(s, key, value)
        admin = create_user_in(s, SYSTEM, username, full_name, Role.ADMIN, password,
                               title="Quản trị hệ thống")
        load_starter(s, SYSTEM)
        settings.put(s, "setup_done", True)
        audit.record(s, SYSTEM, "setup", "settings", None, clean)
        admin_id = admin.id
    _seed_calendar(ctx)
    return admin_id


def _seed_calendar(ctx: AppContext) -> None:
    from app import calendar
    from app.l10n import today

    year = today().year
    calendar.ensure_years(ctx, range(year - 1, year + 2))
