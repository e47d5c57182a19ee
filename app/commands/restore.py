"""`restore FILE`: verify a backup, save the current data aside, then put the backup in place."""

from app import paths
from app.backup import restore


def add_parser(sub) -> None:
    p = sub.add_parser("restore", help="phục hồi dữ liệu từ một bản sao lưu (kiểm tra trước)")
    p.add_argument("file", help="tệp sao lưu")


def run(args) -> int:
    target = paths.resolve_db_path(args.db)
    safety = restore(args.file, target)
    print(f"Đã phục hồi {target} từ {args.file}.")
    if safety:
        print(f"Dữ liệu trước khi phục hồi được giữ tại {safety}.")
    return 0
