"""`restore FILE`: verify a backup, save the current data aside, then put the backup in place.

The one command besides `demo` that may create the database file: restoring a backup onto
a new computer (or a new --db path) is how a commune moves its data.
"""

from app.i18n import _


def add_parser(sub) -> None:
    p = sub.add_parser("restore", help=_("phục hồi dữ liệu từ một bản sao lưu (kiểm tra trước)"))
    p.add_argument("file", metavar=_("TỆP"), help=_("tệp sao lưu"))


def run(args) -> int:
    from app.backup import restore
    from app.commands.common import db_path

    target = db_path(args)
    safety = restore(args.file, target)
    print(_("Đã phục hồi {target} từ {source}.").format(target=target, source=args.file))
    if safety:
        print(_("Dữ liệu trước khi phục hồi được giữ tại {path}.").format(path=safety))
    return 0
