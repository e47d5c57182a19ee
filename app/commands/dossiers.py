"""`dossiers`: the one-stop desk's dossiers, filtered as the tab filters them."""

from app.commands.common import whole_number
from app.i18n import _
from app.labels import label


class LazyChoices:
    """argparse choices read when first needed (validating a value, or `dossiers --help`),
    so that `--help` of the whole program does not load the database models."""

    def __init__(self, load) -> None:
        self._load = load

    def __iter__(self):
        return iter(self._load())

    def __contains__(self, value) -> bool:
        return value in self._load()


def _statuses() -> list[str]:
    from db.models import DossierStatus

    return [s.value for s in DossierStatus]


def add_parser(sub) -> None:
    p = sub.add_parser("dossiers", help=_("danh sách hồ sơ thủ tục hành chính"))
    p.add_argument("--status", choices=LazyChoices(_statuses), metavar=_("TRẠNG_THÁI"),
                   help=_("chỉ hồ sơ ở trạng thái này: %(choices)s"))
    p.add_argument("--overdue", action="store_true", help=_("chỉ hồ sơ quá hạn"))
    p.add_argument("--from", dest="start", metavar=_("NGÀY"), help=_("tiếp nhận từ ngày"))
    p.add_argument("--to", dest="end", metavar=_("NGÀY"), help=_("tiếp nhận đến ngày"))
    p.add_argument("--limit", type=whole_number, default=0, metavar="N",
                   help=_("số hồ sơ tối đa (0: tất cả)"))
    p.add_argument("--json", action="store_true", help=_("in kết quả dạng JSON"))


def dossier_dict(d) -> dict:
    return {"code": d.code, "procedure": d.procedure_name, "field": d.field,
            "applicant": d.applicant_name, "phone": d.applicant_phone,
            "received_at": d.received_at, "due_at": d.due_at, "status": d.status.value,
            "handler": d.handler, "outcome": d.outcome.value if d.outcome else None}


def run(args) -> int:
    from app.commands.common import open_ctx, print_json
    from app.desk import queries
    from app.errors import DomainError
    from app.validators import parse_date
    from db.models import DossierStatus

    start = parse_date(args.start, _("Ngày bắt đầu"))
    end = parse_date(args.end, _("Ngày kết thúc"))
    if start and end and end < start:
        raise DomainError(_("Ngày kết thúc phải sau ngày bắt đầu."))
    ctx = open_ctx(args)
    try:
        filters = queries.Filters(start=start, end=end,
                                  status=DossierStatus(args.status) if args.status else None,
                                  overdue=args.overdue)
        ids = queries.search_ids(ctx, filters)
        if args.limit:
            ids = ids[: args.limit]
        rows = [r for start_at in range(0, len(ids), 500)
                for r in queries.get_dossiers(ctx, ids[start_at:start_at + 500])]
    finally:
        ctx.engine.dispose()
    if args.json:
        print_json([dossier_dict(d) for d in rows])
        return 0
    for d in rows:
        print(f"{d.code}  {d.received_at:%d/%m/%Y %H:%M}  {_('hẹn')} {d.due_at:%d/%m/%Y %H:%M}  "
              f"{label(d.status)}  {d.applicant_name} – {d.procedure_name}")
    print(_("Tổng số: {count} hồ sơ.").format(count=len(rows)))
    return 0
