"""`print households|residents [--village NAME] -o FILE.pdf`, `print sample -o FILE.pdf`:
the register lists and the printer test page, written to a PDF file; and the one-stop desk's
papers: `print slip|supplement|refusal|apology|control CODE -o FILE.pdf`,
`print ledger --from D --to D -o FILE.pdf|FILE.xlsx`, `print fees --day D [--user NAME]
[-o FILE]`, `print fee-board -o FILE.pdf` (dates as dd/mm/yyyy or yyyy-mm-dd); the
letters, `print letters|letter …` (app.commands.letters); and citizen reception,
`print reception|schedule …` (app.commands.reception)."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.errors import DomainError
from app.i18n import N_, _


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "print", help=_("in danh sách, phiếu một cửa, sổ theo dõi hồ sơ hoặc trang in thử ra "
                        "tệp PDF"),
        description=_("Tạo tệp PDF theo thể thức Nghị định 30/2020: danh sách hộ gia đình, "
                      "danh sách nhân khẩu (theo thôn hoặc toàn xã), thư công in thử; các phiếu "
                      "của Bộ phận một cửa (Mẫu 01–06), bảng kê thu phí, lệ phí và bảng niêm "
                      "yết thủ tục hành chính."))
    kinds = p.add_subparsers(dest="document", metavar=_("GIẤY_TỜ"), required=True)
    for name, text in (("households", _("danh sách hộ gia đình")),
                       ("residents", _("danh sách nhân khẩu (số định danh được che)"))):
        k = kinds.add_parser(name, help=text)
        k.add_argument("--village", metavar=_("TÊN_THÔN"),
                       help=_("tên thôn, gõ không dấu cũng được (mặc định: tất cả các thôn)"))
        k.add_argument("-o", "--output", metavar=_("TỆP"),
                       help=_("tệp PDF (mặc định: tên gợi ý trong thư mục hiện tại)"))
    k = kinds.add_parser("sample", help=_("thư công in thử để kiểm tra máy in và lề giấy"))
    k.add_argument("--size", choices=["A4", "A5"], default="A4", help=_("khổ giấy"))
    k.add_argument("-o", "--output", metavar=_("TỆP"),
                   help=_("tệp PDF (mặc định: tên gợi ý trong thư mục hiện tại)"))
    add_desk_parsers(kinds)
    from app.commands.letters import add_print_parsers

    add_print_parsers(kinds)
    from app.commands import reception

    reception.add_print_parsers(kinds)


DESK_FORMS = {  # marked with N_: the help is translated when the parser is built
    "slip": N_("Mẫu 01: giấy tiếp nhận hồ sơ và hẹn trả kết quả (A5, hai liên)"),
    "supplement": N_("Mẫu 02: phiếu yêu cầu bổ sung, hoàn thiện hồ sơ"),
    "refusal": N_("Mẫu 03: phiếu từ chối tiếp nhận giải quyết hồ sơ"),
    "apology": N_("Mẫu 04: phiếu xin lỗi và hẹn lại ngày trả kết quả"),
    "control": N_("Mẫu 05: phiếu kiểm soát quá trình giải quyết hồ sơ"),
}


def add_desk_parsers(kinds) -> None:
    out_help = _("tệp PDF (mặc định: tên gợi ý trong thư mục hiện tại)")
    for name, text in DESK_FORMS.items():
        k = kinds.add_parser(name, help=_(text))
        k.add_argument("code", metavar=_("MÃ_HỒ_SƠ"), help=_("mã hồ sơ (hoặc số id)"))
        k.add_argument("-o", "--output", metavar=_("TỆP"), help=out_help)
    k = kinds.add_parser("ledger", help=_("Mẫu 06: sổ theo dõi hồ sơ (A4 ngang) hoặc tệp Excel"))
    k.add_argument("--from", dest="start", required=True, metavar=_("NGÀY"),
                   help=_("từ ngày (dd/mm/yyyy hoặc yyyy-mm-dd)"))
    k.add_argument("--to", dest="end", required=True, metavar=_("NGÀY"), help=_("đến ngày"))
    k.add_argument("-o", "--output", metavar=_("TỆP"),
                   help=_("tệp .pdf hoặc .xlsx (mặc định: PDF với tên gợi ý)"))
    k = kinds.add_parser("fees", help=_("bảng kê thu phí, lệ phí trong một ngày"))
    k.add_argument("--day", metavar=_("NGÀY"), help=_("ngày thu (mặc định: hôm nay)"))
    k.add_argument("--user", metavar=_("TÊN_ĐĂNG_NHẬP"),
                   help=_("tên đăng nhập của cán bộ thu (mặc định: cả bộ phận một cửa)"))
    k.add_argument("-o", "--output", metavar=_("TỆP"), help=out_help)
    k = kinds.add_parser("fee-board", help=_("bảng niêm yết công khai thủ tục hành chính, phí, "
                                             "lệ phí"))
    k.add_argument("-o", "--output", metavar=_("TỆP"), help=out_help)


def desk_job(ctx, args):
    """The job of a desk paper; None for the ledger written to Excel (done here)."""
    from app.commands.common import find_user, parse_day
    from app.desk import fees, forms

    one_dossier = {"slip": forms.slip, "supplement": forms.supplement, "refusal": forms.refusal,
                   "apology": forms.apology, "control": forms.control}
    if args.document in one_dossier:
        return one_dossier[args.document](ctx, args.code)
    if args.document == "ledger":
        start, end = parse_day(args.start, _("Từ ngày")), parse_day(args.end, _("Đến ngày"))
        if args.output and Path(args.output).suffix.lower() == ".xlsx":
            n = forms.ledger_xlsx(ctx, start, end, args.output)
            print(_("Đã ghi sổ theo dõi hồ sơ ({n} hồ sơ) vào tệp {path}.").format(
                n=n, path=args.output))
            return None
        return forms.ledger(ctx, start, end)
    if args.document == "fees":
        from app.l10n import today

        day = parse_day(args.day, _("Ngày")) if args.day else today()
        user = find_user(ctx, args.user).id if args.user else None
        return fees.fee_list(ctx, day, user)
    return fees.fee_board(ctx)


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


def run(args: argparse.Namespace) -> int:
    if args.document in ("letters", "letter"):
        from app.commands.letters import run_print

        return run_print(args)
    from app.commands.common import end_progress, open_ctx, progress_printer
    from app.errors import NotFound
    from app.jobs import run_to_end
    from app.paper import documents

    ctx = open_ctx(args)
    try:
        if args.document in ("reception", "schedule"):
            from app.commands.reception import print_job

            job = print_job(ctx, args)
        elif args.document == "sample":
            job = documents.sample_letter(ctx, page_size=args.size)
        elif args.document in ("households", "residents"):
            village = find_village(ctx, args.village) if args.village else None
            make = (documents.household_list if args.document == "households"
                    else documents.resident_list)
            job = make(ctx, village)
        else:
            job = desk_job(ctx, args)
            if job is None:
                return 0
        show = progress_printer()
        try:
            printout = run_to_end(job, show)
        except NotFound as exc:
            if args.document not in DESK_FORMS:
                raise
            # the code as it was typed, whatever the lookup made of it
            raise NotFound(_("Không tìm thấy hồ sơ “{key}”.").format(key=args.code)) from exc
        end_progress(show)
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
