"""`backup [DEST]`: a consistent copy of the database, safe while the program is open."""

from app.i18n import _


def add_parser(sub) -> None:
    p = sub.add_parser("backup", help=_("sao lưu cơ sở dữ liệu (an toàn khi chương trình đang mở)"))
    p.add_argument("dest", nargs="?", metavar=_("ĐÍCH"),
                   help=_("tệp hoặc thư mục đích (mặc định: thư mục sao lưu)"))


def run(args) -> int:
    from app.backup import backup
    from app.commands.common import existing_db

    dest = backup(existing_db(args), args.dest)
    print(_("Đã sao lưu vào {path} ({size} MB).").format(
        path=dest, size=f"{dest.stat().st_size / 1_048_576:.1f}"))
    return 0
