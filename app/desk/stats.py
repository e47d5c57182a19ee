"""Statistics of procedure results for a period (Biểu số 06/VPCP/KSTT), one row per field.

For the period `start`–`end` (whole days, local time), over the dossiers received before its
end and not closed before its start:

- received_total = received_online + received_direct_or_post (received in the period, by
  channel; the post counts with the desk) + carried_over (received before the period and
  still open at its start).
- resolved_*: results RETURNED within the period, split by Dossier.outcome (early / on
  time / late against the legal due date, as lifecycle.return_result sets it; a returned
  dossier without an outcome is late when returned after its legal due date-time, else on
  time).
- withdrawn_or_refused: dossiers refused or withdrawn within the period. They are not
  "resolved" in Biểu 06's sense (no result was handed over, and counting a refusal as "on
  time" would flatter the rate), nor "in progress": they get their own column, "rút, từ
  chối", so that received_total = resolved_total + in_progress_total + withdrawn_or_refused.
- in_progress_*: still open at the end of the period. Overdue when its appointment (due_at,
  moved by an apology or by the stop for a supplement) is before the end of the period, or
  before now for a period that has not ended; a dossier waiting for a supplement is within
  its time when it was paused before its appointment (its clock is stopped).

Two aggregate queries (GROUP BY field, SUM(CASE …); and the same without grouping for the
total row), reading only the dossiers table: fast at 100,000 dossiers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from pathlib import Path

from sqlalchemy import and_, case, func, or_, select

from app.auth import Permission
from app.context import AppContext
from app.desk.types import CLOSED_STATUSES
from app.errors import DomainError
from app.i18n import N_
from app.i18n import paper_text as _  # official papers are always Vietnamese
from app.jobs import Job, Progress
from app.paper import Printout
from app.text import fold
from db.models import Channel, Dossier, DossierStatus, Outcome

COUNTS = ("received_total", "received_online", "received_direct_or_post", "carried_over",
          "resolved_total", "resolved_early", "resolved_on_time", "resolved_late",
          "in_progress_total", "in_progress_within", "in_progress_overdue",
          "withdrawn_or_refused")
TOTAL_LABEL = N_("Tổng cộng")


@dataclass(frozen=True)
class StatRow:
    field: str  # the field (lĩnh vực); "Tổng cộng" on the total row
    received_total: int
    received_online: int
    received_direct_or_post: int
    carried_over: int
    resolved_total: int
    resolved_early: int
    resolved_on_time: int
    resolved_late: int
    in_progress_total: int
    in_progress_within: int
    in_progress_overdue: int
    withdrawn_or_refused: int
    is_total: bool = False

    def counts(self) -> tuple[int, ...]:
        return tuple(getattr(self, k) for k in COUNTS)

    @property
    def timely_rate(self) -> float | None:
        """Share (0–100) of the resolved dossiers returned early or on time."""
        if not self.resolved_total:
            return None
        return 100.0 * (self.resolved_early + self.resolved_on_time) / self.resolved_total

    def as_dict(self) -> dict:
        return asdict(self)


def bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """[start 00:00, the day after end 00:00)."""
    if end < start:
        raise DomainError(_("Ngày cuối kỳ ({end}) trước ngày đầu kỳ ({start}).").format(
            start=f"{start:%d/%m/%Y}", end=f"{end:%d/%m/%Y}"))
    return (dt.datetime.combine(start, dt.time()),
            dt.datetime.combine(end + dt.timedelta(days=1), dt.time()))


def _columns(start_at: dt.datetime, end_at: dt.datetime, cutoff: dt.datetime) -> list:
    D = Dossier
    closed = and_(D.status.in_(CLOSED_STATUSES), D.finished_at.is_not(None),
                  D.finished_at < end_at)  # closed by the end of the period
    resolved = and_(closed, D.status == DossierStatus.RETURNED)
    dropped = and_(closed, D.status.in_((DossierStatus.REFUSED, DossierStatus.WITHDRAWN)))
    in_period = D.received_at >= start_at
    early = and_(resolved, D.outcome == Outcome.EARLY)
    late = and_(resolved, or_(D.outcome == Outcome.LATE,
                              and_(D.outcome.is_(None), D.finished_at > D.legal_due_at)))
    paused = and_(D.status == DossierStatus.SUPPLEMENT, D.paused_at.is_not(None),
                  D.paused_at <= cutoff, D.due_at >= D.paused_at)
    within = or_(D.due_at >= cutoff, paused)

    def count(*whens, else_: int = 0):
        return func.coalesce(func.sum(case(*whens, else_=else_)), 0)

    return [
        func.count(D.id),
        count((and_(in_period, D.channel == Channel.ONLINE), 1)),
        count((and_(in_period, D.channel != Channel.ONLINE), 1)),
        count((D.received_at < start_at, 1)),
        count((resolved, 1)),
        count((early, 1)),
        count((early, 0), (late, 0), (resolved, 1)),
        count((late, 1)),
        count((closed, 0), else_=1),
        count((closed, 0), (within, 1)),
        count((closed, 0), (within, 0), else_=1),
        count((dropped, 1)),
    ]


def tthc_statistics(ctx: AppContext, start: dt.date, end: dt.date,
                    now: dt.datetime | None = None) -> list[StatRow]:
    """One row per field (Vietnamese alphabetical order), then the total row."""
    from app.desk.clock import now as clock

    ctx.require(Permission.VIEW_REGISTERS)
    start_at, end_at = bounds(start, end)
    cutoff = min(end_at, now or clock())
    cols = _columns(start_at, end_at, cutoff)
    where = (Dossier.received_at < end_at,
             or_(Dossier.finished_at.is_(None), Dossier.finished_at >= start_at,
                 Dossier.status.not_in(CLOSED_STATUSES)))
    with ctx.read() as s:
        grouped = s.execute(select(Dossier.field, *cols).where(*where)
                            .group_by(Dossier.field)).all()
        total = s.execute(select(*cols).where(*where)).one()
    rows = [StatRow(r[0], *(int(v) for v in r[1:])) for r in grouped]
    rows.sort(key=lambda r: fold(r.field))
    rows.append(StatRow(_(TOTAL_LABEL), *(int(v) for v in total), is_total=True))
    return rows


# -- the table in Excel and on paper (laid out by app.desk.forms_stats) ----------------------

def stats_xlsx(ctx: AppContext, start: dt.date, end: dt.date, path: Path | str,
               now: dt.datetime | None = None) -> int:
    """The statistics as an Excel sheet (numbers as numbers); returns the number of fields."""
    from app.desk.forms_stats import flat_headers, table_rows
    from app.excel import write_sheet

    rows = tthc_statistics(ctx, start, end, now)
    try:
        write_sheet(path, _("Kết quả giải quyết TTHC"), flat_headers(), table_rows(rows),
                    widths=[6, 30, *[14] * len(COUNTS)])
    except OSError as exc:
        raise DomainError(_("Không ghi được tệp {path}: {error}").format(
            path=path, error=exc.strerror or exc)) from exc
    return len(rows) - 1


def statistics(ctx: AppContext, start: dt.date, end: dt.date,
               now: dt.datetime | None = None) -> Job[Printout]:
    """The Biểu 06 table on A4 landscape. The preparer (Người lập biểu) is `ctx.user`: the
    signed-in user in the window, the account given with --user on the command line."""
    from app.desk.forms_stats import statistics_pdf

    yield Progress(0, 2, _("Đang tổng hợp kết quả giải quyết thủ tục hành chính"))
    rows = tthc_statistics(ctx, start, end, now)
    return (yield from statistics_pdf(ctx, rows, start, end, now))
