"""`users`: the staff accounts and their roles."""

from app.i18n import _


def add_parser(sub) -> None:
    p = sub.add_parser("users", help=_("danh sách tài khoản cán bộ"))
    p.add_argument("--json", action="store_true", help=_("in kết quả dạng JSON"))


def run(args) -> int:
    from app import users
    from app.commands.common import open_ctx, print_json

    ctx = open_ctx(args)
    try:
        rows = users.list_users(ctx)
    finally:
        ctx.engine.dispose()
    if args.json:
        print_json([{"username": u.username, "full_name": u.full_name, "title": u.title,
                     "role": u.role.value, "active": u.active} for u in rows])
        return 0
    for u in rows:
        state = "" if u.active else " " + _("(đã khóa)")
        print(f"{u.username:<14} {u.full_name:<26} {u.role_label}{state}")
    return 0
