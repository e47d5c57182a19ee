"""`check`: integrity and migration state of the database; exit status 1 on any problem."""

from app.i18n import _


def add_parser(sub) -> None:
    p = sub.add_parser("check", help=_("kiểm tra toàn vẹn dữ liệu và phiên bản cấu trúc"))
    p.add_argument("--json", action="store_true", help=_("in kết quả dạng JSON"))


def run(args) -> int:
    from app.backup import inspect_file
    from app.commands.common import existing_db, print_json

    report = inspect_file(existing_db(args))
    if args.json:
        print_json({"path": str(report.path), "integrity": report.integrity,
                    "foreign_key_problems": report.foreign_key_problems,
                    "revision": report.current, "head": report.head, "ok": report.ok,
                    "problems": report.problems})
    else:
        print(_("Tệp dữ liệu: {path}").format(path=report.path))
        print(_("Toàn vẹn: {result}").format(result=report.integrity or "—"))
        print(_("Phiên bản cấu trúc: {current} (chương trình: {head})").format(
            current=report.current or "—", head=report.head))
        for p in report.problems:
            print(_("Lỗi: {problem}").format(problem=p))
        print(_("Kết quả: tốt") if report.ok else _("Kết quả: có lỗi"))
    return 0 if report.ok else 1
