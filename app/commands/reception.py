"""`reception [--from D --to D] [--json]`: the reception register (sổ tiếp công dân), newest
first, and the count of reception days held in the period; and the two `print` documents of
citizen reception: `print reception --from D --to D -o FILE.pdf` (the register, A4 landscape)
and `print schedule --month MM/YYYY -o FILE.pdf` (the month's schedule for the notice board).

The command line acts as the system: a denouncer's identity is always masked.
"""

from __future__ import annotations

import argparse

from app.errors import DomainError
from app.i18n import _
from app.labels import label


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "reception", help=_("sổ tiếp công dân và số buổi tiếp đã tổ chức"),
        description=_("Các lượt tiếp công dân (mới nhất trước): ngày giờ, công dân, loại, nội "
                      "dung, cách xử lý; cuối cùng là số buổi tiếp công dân đã tổ chức trong "
                      "khoảng thời gian. Danh tính người tố cáo luôn được che."))
    p.add_argument("--from", dest="start", metavar=_("NGÀY"),
                   help=_("từ ngày (dd/mm/yyyy hoặc yyyy-mm-dd; mặc định: đầu năm nay)"))
    p.add_argument("--to", dest="end", metavar=_("NGÀY"),
                   help=_("đến ngày (mặc định: hôm nay)"))
    p.add_argument("--json", action="store_true", help=_("in kết quả dạng JSON"))


def add_print_parsers(kinds: argparse._SubParsersAction) -> None:
    """`print reception` and `print schedule`, added to the `print` command's documents."""
    out_help = _("tệp PDF (mặc định: tên gợi ý trong thư mục hiện tại)")
    k = kinds.add_parser("reception", help=_("sổ tiếp công dân trong một khoảng thời gian "
                                             "(A4 ngang)"))
    k.add_argument("--from", dest="start", required=True, metavar=_("NGÀY"),
                   help=_("từ ngày (dd/mm/yyyy hoặc yyyy-mm-dd)"))
    k.add_argument("--to", dest="end", required=True, metavar=_("NGÀY"), help=_("đến ngày"))
    k.add_argument("-o", "--output", metavar=_("TỆP"), help=out_help)
    k = kinds.add_parser("schedule", help=_("thông báo lịch tiếp công dân của một tháng, để "
                                            "niêm yết"))
    k.add_argument("--month", required=True, metavar=_("THÁNG/NĂM"),
                   help=_("tháng, ví dụ 05/2026"))
    k.add_argument("-o", "--output", metavar=_("TỆP"), help=out_help)


def period(args) -> tuple:
    import datetime as dt

    from app.commands.common import parse_day
    from app.l10n import today

    end = parse_day(args.end, _("Đến ngày")) if args.end else today()
    start = parse_day(args.start, _("Từ ngày")) if args.start else dt.date(end.year, 1, 1)
    if end < start:
        raise DomainError(_("Ngày kết thúc phải sau ngày bắt đầu."))
    return start, end


def print_job(ctx, args):
    """The job of `print reception` or `print schedule`."""
    from app.reception import papers, schedule

    if args.document == "schedule":
        year, month = schedule.parse_month(args.month)
        return papers.schedule_paper(ctx, year, month)
    start, end = period(args)
    return papers.register_paper(ctx, start, end)


def visit_dict(v) -> dict:
    """One visit for --json; the keys are stable."""
    return {"id": v.id, "visited_at": v.visited_at.isoformat(), "received_by": v.received_by,
            "citizen": v.citizen_name, "address": v.citizen_address, "phone": v.citizen_phone,
            "resident_id": v.citizen_resident_id, "group_size": v.group_size,
            "kind": v.kind.value, "kind_label": label(v.kind), "field": v.field.value,
            "field_label": label(v.field), "content": v.content,
            "handling": v.handling.value, "handling_label": label(v.handling),
            "answer": v.answer, "petition": v.petition_reference or None,
            "previous_visit_id": v.previous_visit_id, "identity_hidden": v.identity_hidden}


def visit_line(v) -> str:
    how = (_("nhận đơn {ref}").format(ref=v.petition_reference)
           if v.petition_reference else label(v.handling).lower())
    group = _(" (đoàn {n} người)").format(n=v.group_size) if v.group else ""
    return (f"{v.visited_at:%d/%m/%Y %H:%M}  {label(v.kind):<10} {v.citizen_name}{group} – "
            f"{v.content[:70]} – {how}")


def run(args: argparse.Namespace) -> int:
    from app.commands.common import open_ctx, print_json
    from app.reception import queries, schedule
    from app.reception.types import Filters

    start, end = period(args)
    ctx = open_ctx(args)
    try:
        ids = queries.search_ids(ctx, Filters(start=start, end=end))
        rows = [r for i in range(0, len(ids), 500)
                for r in queries.get_visits(ctx, ids[i:i + 500])]
        held = schedule.held_count(ctx, start, end)
        missed = schedule.weeks_without_held_day(ctx, start, end)
    finally:
        ctx.engine.dispose()
    if args.json:
        print_json({"from": start.isoformat(), "to": end.isoformat(),
                    "visits": [visit_dict(v) for v in rows],
                    "days_held": held,
                    "weeks_without_held_day": [w.monday.isoformat() for w in missed]})
        return 0
    for v in rows:
        print(visit_line(v))
    print(_("Tổng số: {count} lượt tiếp công dân, từ {start} đến {end}.").format(
        count=len(rows), start=f"{start:%d/%m/%Y}", end=f"{end:%d/%m/%Y}"))
    print(_("Số buổi tiếp đã tổ chức: {all} ({regular} định kỳ, {extra} đột xuất).").format(
        **held))
    if missed:
        print(_("Tuần không tổ chức tiếp công dân: {weeks}.").format(weeks=", ".join(
            f"{w.monday:%d/%m}–{w.sunday:%d/%m/%Y}" for w in missed)))
    return 0
