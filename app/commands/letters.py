"""`letters [--kind K] [--from D --to D] [--json]`: the letter register (sổ theo dõi thư),
newest first, with the counts per kind for the period; and the two `print` documents of
letters: `print letters --from D --to D [--kind K] -o FILE.pdf` (a batch, oldest first, then
marked printed) and `print letter NUMBER/YEAR -o FILE.pdf` (one letter again).

Kinds: congratulation, condolence, apology, thanks, or in Vietnamese chuc-mung, chia-buon,
xin-loi, cam-on (typed with or without diacritics). Dates as dd/mm/yyyy or yyyy-mm-dd.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from app.errors import DomainError, NotFound
from app.i18n import _
from app.labels import choices, label
from app.letters.types import LetterKind
from app.text import fold

# the Vietnamese words the command line accepts for a kind, as `fold` leaves them
KIND_WORDS = {
    "chuc-mung": LetterKind.CONGRATULATION,
    "chia-buon": LetterKind.CONDOLENCE,
    "xin-loi": LetterKind.APOLOGY,
    "cam-on": LetterKind.THANKS,
}
KIND_CHOICES = "|".join([k.value for k in LetterKind] + list(KIND_WORDS))


def kind_arg(value: str) -> LetterKind:
    """'thanks', 'cam-on', 'cảm ơn', 'thu-cam-on' → LetterKind.THANKS."""
    key = "-".join(fold(value).replace("_", " ").replace("-", " ").split()).removeprefix("thu-")
    for kind in LetterKind:
        if key == kind.value:
            return kind
    if key in KIND_WORDS:
        return KIND_WORDS[key]
    raise argparse.ArgumentTypeError(_("không có loại thư “{value}”; chọn một trong: {choices}")
                                     .format(value=value, choices=", ".join(KIND_CHOICES.split("|"))))


def _kind_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--kind", type=kind_arg, metavar=_("LOẠI"),
                   help=_("loại thư: {choices}").format(choices=KIND_CHOICES))


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "letters", help=_("sổ theo dõi thư chúc mừng, chia buồn, xin lỗi, cảm ơn"),
        description=_("Danh sách thư đã lập (mới nhất trước): số, ngày, loại thư, người nhận, "
                      "thôn, việc, đã in, đã giao; cuối cùng là số thư theo từng loại trong "
                      "khoảng thời gian."))
    _kind_option(p)
    p.add_argument("--from", dest="start", metavar=_("NGÀY"),
                   help=_("thư từ ngày (dd/mm/yyyy hoặc yyyy-mm-dd)"))
    p.add_argument("--to", dest="end", metavar=_("NGÀY"), help=_("thư đến ngày"))
    p.add_argument("--json", action="store_true", help=_("in kết quả dạng JSON"))


def add_print_parsers(kinds: argparse._SubParsersAction) -> None:
    """`print letters` and `print letter`, added to the `print` command's documents."""
    out_help = _("tệp PDF (mặc định: tên gợi ý trong thư mục hiện tại)")
    size_help = _("khổ giấy (mặc định: khổ đã chọn khi lập thư)")
    k = kinds.add_parser("letters", help=_("các thư trong một khoảng thời gian, mỗi thư một "
                                           "trang, theo thứ tự trong sổ"))
    k.add_argument("--from", dest="start", required=True, metavar=_("NGÀY"),
                   help=_("thư từ ngày (dd/mm/yyyy hoặc yyyy-mm-dd)"))
    k.add_argument("--to", dest="end", required=True, metavar=_("NGÀY"), help=_("thư đến ngày"))
    _kind_option(k)
    k.add_argument("--size", choices=["A4", "A5"], help=size_help)
    k.add_argument("-o", "--output", metavar=_("TỆP"), help=out_help)
    k = kinds.add_parser("letter", help=_("in lại một thư theo số/năm"))
    k.add_argument("reference", metavar=_("SỐ/NĂM"), help=_("số thư/năm, ví dụ 5/2023"))
    k.add_argument("--size", choices=["A4", "A5"], help=size_help)
    k.add_argument("-o", "--output", metavar=_("TỆP"), help=out_help)


def _period(args) -> tuple[dt.date | None, dt.date | None]:
    from app.commands.common import parse_day

    start = parse_day(args.start, _("Từ ngày")) if args.start else None
    end = parse_day(args.end, _("Đến ngày")) if args.end else None
    if start and end and end < start:
        raise DomainError(_("Ngày kết thúc phải sau ngày bắt đầu."))
    return start, end


def _kind_text(kind: LetterKind | None) -> str:
    """'thư chúc mừng' (lower case, to go inside a sentence), or 'thư'."""
    if kind is None:
        return _("thư")
    title = label(kind)
    return title[:1].lower() + title[1:]


def letter_dict(r) -> dict:
    """One letter for --json; the keys are stable."""
    from app.letters.types import DeliveryMethod

    return {"id": r.id, "reference": r.reference, "number": r.number, "year": r.year,
            "number_text": r.number_text, "date": r.letter_date.isoformat(),
            "kind": r.kind.value, "kind_label": label(r.kind),
            "occasion": r.occasion.value, "occasion_label": label(r.occasion),
            "addressee": r.addressee, "recipient": r.recipient_name, "address": r.address,
            "village": r.village, "event": r.about, "signer": r.signer_name,
            "page_size": r.page_size, "duplicate_reason": r.duplicate_reason,
            "printed": r.printed_at is not None,
            "printed_at": r.printed_at.isoformat() if r.printed_at else None,
            "print_count": r.print_count, "delivered": r.delivered_at is not None,
            "delivered_at": r.delivered_at.isoformat() if r.delivered_at else None,
            "delivery_method": r.delivery_method or None,
            "delivery_label": label(r.delivery_method, DeliveryMethod) or None,
            "delivered_by": r.delivered_by or None}


def letter_line(r) -> str:
    from app.l10n import short_date

    printed = (_("đã in {day}").format(day=short_date(r.printed_at.date())) if r.printed_at
               else _("chưa in"))
    delivered = (_("đã giao {day}").format(day=short_date(r.delivered_at)) if r.delivered_at
                 else _("chưa giao"))
    parts = [p for p in (r.addressee, r.village, r.about) if p]
    return (f"{r.number_text:<11} {short_date(r.letter_date)}  {label(r.kind):<14} "
            f"{' – '.join(parts)} – {printed}, {delivered}")


def counts_heading(start: dt.date | None, end: dt.date | None) -> str:
    from app.l10n import short_date

    if start and end:
        return _("Số thư theo loại, từ ngày {start} đến ngày {end}:").format(
            start=short_date(start), end=short_date(end))
    if start:
        return _("Số thư theo loại, từ ngày {start}:").format(start=short_date(start))
    if end:
        return _("Số thư theo loại, đến ngày {end}:").format(end=short_date(end))
    return _("Số thư theo loại, tất cả các năm:")


def run(args: argparse.Namespace) -> int:
    from app.commands.common import open_ctx, print_json
    from app.letters import queries
    from app.letters.types import Filters

    start, end = _period(args)
    ctx = open_ctx(args)
    try:
        ids = queries.search_ids(ctx, Filters(start=start, end=end, kind=args.kind))
        rows = [r for at in range(0, len(ids), 500)
                for r in queries.get_letters(ctx, ids[at:at + 500])]
        counts = queries.counts(ctx, start or dt.date.min, end or dt.date.max)
    finally:
        ctx.engine.dispose()
    if args.json:
        print_json({"from": start.isoformat() if start else None,
                    "to": end.isoformat() if end else None,
                    "kind": args.kind.value if args.kind else None,
                    "total": len(rows), "letters": [letter_dict(r) for r in rows],
                    "counts": {k.value: n for k, n in counts.items()}})
        return 0
    for r in rows:
        print(letter_line(r))
    print(_("Tổng số: {count} {kind}.").format(count=len(rows), kind=_kind_text(args.kind)))
    print(counts_heading(start, end))
    width = max(len(text) for _kind, text in choices(LetterKind))
    for kind, n in counts.items():
        print(f"  {label(kind):<{width}}  {n:>5}")
    return 0


def _letter_ids(ctx, args) -> list[int]:
    """The letters to print: the one named, or the period's in register order (oldest
    first; search_ids gives newest first)."""
    from app.l10n import short_date
    from app.letters import queries
    from app.letters.types import Filters

    if args.document == "letter":
        try:
            return [queries.get_letter(ctx, args.reference).id]
        except NotFound as exc:  # the messages quote what was typed
            raise NotFound(_("Không có thư số “{reference}” trong sổ theo dõi thư.").format(
                reference=args.reference)) from exc
        except DomainError as exc:
            raise DomainError(_("“{reference}” không phải số thư: hãy ghi số/năm, ví dụ 5/2023.")
                              .format(reference=args.reference)) from exc
    start, end = _period(args)
    ids = queries.search_ids(ctx, Filters(start=start, end=end, kind=args.kind))
    if not ids:
        raise DomainError(_("Không có {kind} nào từ ngày {start} đến ngày {end}: chưa in gì.")
                          .format(kind=_kind_text(args.kind), start=short_date(start),
                                  end=short_date(end)))
    return ids[::-1]


def run_print(args: argparse.Namespace) -> int:
    """`print letters` and `print letter`: write the PDF, then record the print."""
    from app.commands.common import end_progress, open_ctx, progress_printer
    from app.jobs import run_to_end
    from app.l10n import short_date
    from app.letters import printing, queries, service

    ctx = open_ctx(args)
    try:
        ids = _letter_ids(ctx, args)
        show = progress_printer()
        printout = run_to_end(printing.print_letters(ctx, ids, page_size=args.size), show)
        end_progress(show)
        out = Path(args.output or printout.suggested_name)
        try:
            out.write_bytes(printout.pdf)
        except OSError as exc:
            raise DomainError(_("Không ghi được tệp {path}: {error}").format(
                path=out, error=exc.strerror or exc)) from exc
        service.mark_printed(ctx, ids)
        row = queries.get_letter(ctx, ids[0]) if len(ids) == 1 else None
    finally:
        ctx.engine.dispose()
    if row is not None:
        print(_("Đã in thư số {number} ngày {day} gửi {addressee} (lần in thứ {count}): {pages} "
                "trang khổ {size}, tệp {path}.").format(
            number=row.number_text, day=short_date(row.letter_date), addressee=row.addressee,
            count=row.print_count, pages=printout.page_count, size=printout.page_size, path=out))
    else:
        print(_("Đã in {letters} thư: {pages} trang khổ {size}, tệp {path}.").format(
            letters=len(ids), pages=printout.page_count, size=printout.page_size, path=out))
    return 0
