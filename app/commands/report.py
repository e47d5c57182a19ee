"""`report tthc --from D --to D [-o FILE.pdf|FILE.xlsx] [--json]`: the results of the
administrative procedures in a period (Biểu 06), one row per field and the total, as a table
on the screen, a PDF (A4 landscape), an Excel sheet or JSON."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.errors import DomainError
from app.i18n import N_, _

# short headings of the screen table, in app.desk.stats.COUNTS order
SHORT = [N_("Nhận"), N_("Tr.tuyến"), N_("Tr.tiếp"), N_("Kỳ trước"), N_("Đã GQ"),
         N_("Trước hạn"), N_("Đúng hạn"), N_("Quá hạn"), N_("Đang GQ"), N_("Trong hạn"),
         N_("Quá hạn"), N_("Rút/TC")]


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "report", help=_("báo cáo, thống kê (kết quả giải quyết thủ tục hành chính)"),
        description=_("Báo cáo, thống kê của UBND xã."))
    kinds = p.add_subparsers(dest="report", metavar=_("BÁO_CÁO"), required=True)
    k = kinds.add_parser(
        "tthc", help=_("tình hình, kết quả giải quyết thủ tục hành chính theo lĩnh vực"),
        description=_("Số hồ sơ nhận giải quyết (trực tuyến, trực tiếp hoặc bưu chính, từ kỳ "
                      "trước chuyển sang), đã giải quyết (trước hạn, đúng hạn, quá hạn), đang "
                      "giải quyết (trong hạn, quá hạn) và rút, từ chối, theo từng lĩnh vực."))
    k.add_argument("--from", dest="start", required=True, metavar=_("NGÀY"),
                   help=_("từ ngày (dd/mm/yyyy hoặc yyyy-mm-dd)"))
    k.add_argument("--to", dest="end", required=True, metavar=_("NGÀY"), help=_("đến ngày"))
    k.add_argument("-o", "--output", metavar=_("TỆP"),
                   help=_("tệp .pdf hoặc .xlsx (không có: in bảng ra màn hình)"))
    k.add_argument("--user", metavar=_("TÊN_ĐĂNG_NHẬP"),
                   help=_("tài khoản của người lập biểu, in tên ở mục “Người lập biểu” (mặc "
                          "định: tài khoản trùng tên đăng nhập máy tính, nếu có)"))
    k.add_argument("--json", action="store_true", help=_("in kết quả dạng JSON"))


def screen_table(rows, start, end) -> str:
    """A plain-text table for the terminal (one line per field, the total last)."""
    from app.desk.forms_common import period_line

    width = min(max([len(r.field) for r in rows] + [len(_("Lĩnh vực"))]), 34)
    heads = [_(h) for h in SHORT]
    sizes = [max(len(h), 5) for h in heads]
    lines = [_("Kết quả giải quyết thủ tục hành chính, {period} (đơn vị: hồ sơ)").format(
        period=period_line(start, end).lower())]
    lines.append(f"{_('Lĩnh vực'):<{width}} " + " ".join(
        f"{h:>{n}}" for h, n in zip(heads, sizes, strict=True)))
    for r in rows:
        if r.is_total:
            lines.append("-" * len(lines[-1]))
        name = r.field if len(r.field) <= width else r.field[:width - 1] + "…"
        lines.append(f"{name:<{width}} " + " ".join(
            f"{v:>{n}}" for v, n in zip(r.counts(), sizes, strict=True)))
    rate = rows[-1].timely_rate
    if rate is not None:
        lines.append(_("Tỷ lệ giải quyết trước hạn và đúng hạn: {rate}%").format(
            rate=f"{rate:.1f}".replace(".", ",")))
    return "\n".join(lines)


def preparer(ctx, username: str | None):
    """`ctx` acting as who prepares the paper (Người lập biểu): the account given with --user;
    without it, the account named like the computer's login (getpass.getuser()), when there
    is one; else nobody, and the paper leaves the line blank to be signed by hand (said on
    stderr)."""
    import getpass
    import sys

    from app.commands.common import acting_as

    if username:
        return acting_as(ctx, username)
    try:
        login = getpass.getuser()
    except Exception:  # no login name in the environment (a service, a bare container)
        login = ""
    if login:
        try:
            return acting_as(ctx, login)
        except DomainError:
            pass
    print(_("Chưa biết người lập biểu: mục “Người lập biểu” để trống. Thêm --user "
            "TÊN_ĐĂNG_NHẬP để in tên người lập."), file=sys.stderr)
    return ctx


def run(args: argparse.Namespace) -> int:
    from app.commands.common import open_ctx, parse_day, print_json
    from app.desk import stats
    from app.jobs import run_to_end

    start, end = parse_day(args.start, _("Từ ngày")), parse_day(args.end, _("Đến ngày"))
    ctx = open_ctx(args)
    try:
        out = Path(args.output) if args.output else None
        if out is not None and out.suffix.lower() == ".xlsx":
            n = stats.stats_xlsx(ctx, start, end, out)
            print(_("Đã ghi kết quả giải quyết thủ tục hành chính ({n} lĩnh vực) vào tệp "
                    "{path}.").format(n=n, path=out))
            return 0
        if out is not None:
            printout = run_to_end(stats.statistics(preparer(ctx, args.user), start, end))
            try:
                out.write_bytes(printout.pdf)
            except OSError as exc:
                raise DomainError(_("Không ghi được tệp {path}: {error}").format(
                    path=out, error=exc.strerror or exc)) from exc
            print(_("Đã tạo “{title}”: {pages} trang khổ {size}, tệp {path}.").format(
                title=printout.title, pages=printout.page_count, size=printout.page_size,
                path=out))
            return 0
        rows = stats.tthc_statistics(ctx, start, end)
    finally:
        ctx.engine.dispose()
    if args.json:
        print_json({"from": start.isoformat(), "to": end.isoformat(),
                    "rows": [r.as_dict() for r in rows]})
    else:
        print(screen_table(rows, start, end))
    return 0
