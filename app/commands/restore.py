"""`restore FILE`: verify a backup, save the current data aside, then put the backup in place."""

from app import paths
from app.backup import restore
from app.i18n import _


def add_parser(sub) -> None:
    p = sub.add_parser("restore", help=_("phục hồi dữ liệu từ một bản sao lưu (kiểm tra trước)"))
    p.add_argument("file", help=_("tệp sao lưu"))


def run(args) -> int:
    target = paths.resolve_db_path(args.db)
    safety = restore(args.file, target)
    print(_("Đã phục hồi {target} từ {source}.").format(target=target, source=args.file))
    if safety:
        print(_("Dữ liệu trước khi phục hồi được giữ tại {path}.").format(path=safety))
    return 0
