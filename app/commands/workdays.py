"""`python -m app workdays START N`: when is a dossier received at START due?"""

from __future__ import annotations

import argparse
import datetime as dt

from app.errors import DomainError
from app.i18n import _

# the word typed after --unit → the name of the db.models.TimeUnit member (looked up when
# the command runs, so that --help does not load the database models)
UNITS = {
    "days": "WORKING_DAYS",
    "hours": "WORKING_HOURS",
    "calendar": "CALENDAR_DAYS",
    "sameday": "SAME_DAY",
}

_WITH_TIME = ("%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S",
              "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S")
_DATE_ONLY = ("%d/%m/%Y", "%Y-%m-%d")
DEFAULT_TIME = dt.time(8, 0)


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "workdays",
        help=_("tính ngày hẹn trả kết quả theo ngày làm việc, giờ làm việc hoặc ngày lịch"),
        description=_("Tính hạn giải quyết của hồ sơ nhận lúc THỜI_ĐIỂM với thời hạn N, bỏ "
                      "qua Thứ Bảy, Chủ nhật và ngày nghỉ lễ, Tết trong lịch ngày nghỉ của "
                      "cơ sở dữ liệu."),
    )
    p.add_argument("start", metavar=_("THỜI_ĐIỂM"),
                   help=_('thời điểm tiếp nhận, ví dụ "13/02/2026 10:00" hoặc "2026-02-13T10:00"; '
                          "chỉ có ngày thì tính là 08 giờ 00"))
    p.add_argument("value", metavar="N", help=_("thời hạn (số ngày hoặc số giờ)"))
    p.add_argument("--unit", default="days", metavar="{days,hours,calendar,sameday}",
                   help=_("đơn vị: days = ngày làm việc (mặc định), hours = giờ làm việc, "
                          "calendar = ngày theo lịch, sameday = trong ngày"))
    p.add_argument("--cutoff", action="store_true",
                   help=_("áp dụng giờ chốt nhận hồ sơ (mặc định 15:00): nộp sau giờ này tính "
                          "là nhận vào ngày làm việc tiếp theo"))
    p.add_argument("--json", action="store_true", help=_("in kết quả dạng JSON"))


def parse_start(text: str) -> dt.datetime:
    """'13/02/2026 10:00', '2026-02-13T10:00', … or a bare date (then 08:00)."""
    raw = " ".join((text or "").split())
    for fmt in _WITH_TIME:
        try:
            return dt.datetime.strptime(raw, fmt)
        except ValueError:
            pass
    for fmt in _DATE_ONLY:
        try:
            return dt.datetime.combine(dt.datetime.strptime(raw, fmt).date(), DEFAULT_TIME)
        except ValueError:
            pass
    raise DomainError(
        _("Thời điểm tiếp nhận “{value}” không hợp lệ. Nhập theo dạng “13/02/2026 10:00” hoặc "
          "“2026-02-13T10:00”, hoặc chỉ nhập ngày “13/02/2026”.").format(value=text)
    )


def parse_value(text: str) -> int:
    raw = (text or "").strip()
    if not raw.isdigit() or not raw.isascii():
        raise DomainError(_("Thời hạn “{value}” không hợp lệ: phải là số nguyên không âm.").format(
            value=text))
    return int(raw)


def parse_unit(text: str):
    """'days' → TimeUnit.WORKING_DAYS, …"""
    from db.models import TimeUnit

    try:
        return TimeUnit[UNITS[text]]
    except KeyError:
        raise DomainError(
            _("Đơn vị “{value}” không hợp lệ; chọn một trong: days (ngày làm việc), hours (giờ "
              "làm việc), calendar (ngày theo lịch), sameday (trong ngày).").format(value=text)
        ) from None


def run(args: argparse.Namespace) -> int:
    from app.commands.common import open_ctx, print_json
    from app.l10n import format_date, format_time
    from app.workdays import compute_due

    received = parse_start(args.start)
    value = parse_value(args.value)
    unit = parse_unit(args.unit)
    ctx = open_ctx(args)
    try:
        result = compute_due(ctx, received, value, unit, args.cutoff)
    finally:
        ctx.engine.dispose()
    if args.json:
        print_json(result.to_dict())
        return 0
    print(_("Hạn trả kết quả: {time}, {date}").format(
        time=format_time(result.due), date=format_date(result.due.date())))
    print()
    for line in result.explanation:
        print(line)
    return 0
