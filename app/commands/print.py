"""`print households|residents [--village NAME] -o FILE.pdf`, `print sample -o FILE.pdf`:
the register lists and the printer test page, written to a PDF file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.errors import DomainError
from app.i18n import _


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "print", help=_("in danh sách hộ gia đình, nhân khẩu hoặc trang in thử ra tệp PDF"),
        description=_("Tạo tệp PDF theo thể thức Nghị định 30/2020: danh sách hộ gia đình, "
                      "danh sách nhân khẩu (theo thôn hoặc toàn xã) hoặc thư công in thử."))
    kinds = p.add_subparsers(dest="document", metavar="DOCUMENT", required=True)
    for name, text in (("households", _("danh sách hộ gia đình")),
                       ("residents", _("danh sách nhân khẩu (số định danh được che)"))):
        k = kinds.add_parser(name, help=text)
        k.add_argument("--village", metavar="NAME",
                       help=_("tên thôn, gõ không dấu cũng được (mặc định: tất cả các thôn)"))
        k.add_argument("-o", "--output", metavar="FILE",
                       help=_("tệp PDF (mặc định: tên gợi ý trong thư mục hiện tại)"))
    k = kinds.add_parser("sample", help=_("thư công in thử để kiểm tra máy in và lề giấy"))
    k.add_argument("--size", choices=["A4", "A5"], default="A4", help=_("khổ giấy"))
    k.add_argument("-o", "--output", metavar="FILE",
                   help=_("tệp PDF (mặc định: tên gợi ý trong thư mục hiện tại)"))


def find_village(ctx, name: str) -> int:
    """The id of the village called `name`, compared without diacritics; 'doai' finds
    'Thôn Đoài' as well as 'Đoài'."""
    from app.text import fold
    from app.villages import list_villages

    rows = list_villages(ctx, include_inactive=True)
    key = fold(name)

    def bare(v: str) -> str:
        return fold(v).removeprefix("thon ")

    for match in (lambda v: fold(v) == key, lambda v: bare(v) == key.removeprefix("thon "),
                  lambda v: key in fold(v)):
        found = [r for r in rows if match(r.name)]
        if len(found) == 1:
            return found[0].id
        if len(found) > 1:
            raise DomainError(_("Có nhiều thôn khớp với “{name}”: {names}. Vui lòng ghi rõ hơn.")
                              .format(name=name, names=", ".join(r.name for r in found)))
    raise DomainError(_("Không có thôn “{name}”. Các thôn: {names}.").format(
        name=name, names=", ".join(r.name for r in rows) or "—"))


def _progress_printer():
    if not sys.stderr.isatty():
        return None

    def show(p) -> None:
        sys.stderr.write(f"\r{p.done * 100 // max(p.total, 1):3d}%  {p.message[:60]:<60}")
        sys.stderr.flush()

    return show


def run(args: argparse.Namespace) -> int:
    from app.cli import open_ctx
    from app.jobs import run_to_end
    from app.paper import documents

    ctx = open_ctx(args)
    try:
        if args.document == "sample":
            job = documents.sample_letter(ctx, page_size=args.size)
        else:
            village = find_village(ctx, args.village) if args.village else None
            make = (documents.household_list if args.document == "households"
                    else documents.resident_list)
            job = make(ctx, village)
        show = _progress_printer()
        printout = run_to_end(job, show)
        if show:
            sys.stderr.write("\n")
    finally:
        ctx.engine.dispose()
    out = Path(args.output or printout.suggested_name)
    try:
        out.write_bytes(printout.pdf)
    except OSError as exc:
        raise DomainError(_("Không ghi được tệp {path}: {error}").format(
            path=out, error=exc.strerror or exc)) from exc
    print(_("Đã tạo “{title}”: {pages} trang khổ {size}, tệp {path}.").format(
        title=printout.title, pages=printout.page_count, size=printout.page_size, path=out))
    return 0
