"""Benchmark: the one-stop desk at 100,000 dossiers (prints figures; asserts nothing).

    /work/venv/bin/python tests/bench/desk_bench.py [--dossiers N] [--keep PATH]

Builds the demo commune into a database file with the desk history scaled up (the demo's own
generator, app.demo.desk_history, with more everyday dossiers a day), then times what the
clerk waits for: saving a new dossier and printing its slip, looking a dossier up, the
statistics of a year, the attention lists, the filtered lists, and opening the tab.
Aims: save + slip ≤ 100 ms, lookup ≤ 5 ms, statistics ≤ 1 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sqlalchemy import func, select, text  # noqa: E402

from app.database import open_database  # noqa: E402
from app.demo import DEMO_PASSWORD, build_demo, commune, desk_history  # noqa: E402
from app.desk import queries  # noqa: E402
from app.desk.clock import now  # noqa: E402
from app.jobs import run_to_end  # noqa: E402
from app.text import fold  # noqa: E402
from db.models import Dossier, DossierEvent, DossierStatus  # noqa: E402

EVERYDAY_AT_SCALE_1 = 5430  # the demo's everyday dossiers (without births, marriages, deaths)


def timed(fn, repeat: int = 15):
    runs, result = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        runs.append((time.perf_counter() - t) * 1000)
    return statistics.median(runs), max(runs), result


def show(label: str, median: float, worst: float, aim: float | None = None, extra: str = "") -> None:
    flag = "" if aim is None else ("  ok" if median <= aim else f"  SLOW (aim ≤ {aim:g} ms)")
    print(f"  {label:<44} median {median:8.2f} ms   max {worst:8.2f} ms{flag}  {extra}")


def build(path: Path, target: int):
    scale = max(1.0, (target - 400) / EVERYDAY_AT_SCALE_1)
    original = list(commune.STAGES)
    commune.STAGES[:] = [
        st if st.key != "desk" else commune.Stage(
            st.key, st.label, st.weight, lambda b: desk_history.run(b, scale=scale))
        for st in original]
    try:
        ctx = open_database(path)
        t = time.perf_counter()
        summary = run_to_end(build_demo(ctx))
        seconds = time.perf_counter() - t
    finally:
        commune.STAGES[:] = original
    with ctx.read() as s:
        events = s.scalar(select(func.count(DossierEvent.id)))
    size = path.stat().st_size / 1e6
    print(f"Built {summary.dossiers:,} dossiers ({events:,} events) at scale {scale:.1f} in "
          f"{seconds:.1f} s; database {size:.0f} MB")
    return ctx


def bench_reception(ctx) -> None:
    from app.desk import reception
    from app.desk.types import DossierInput
    from app.users import authenticate

    clerk = ctx.as_user(authenticate(ctx, "motcua", DEMO_PASSWORD))
    with ctx.read() as s:
        proc_id, resident = s.execute(select(Dossier.procedure_id, Dossier.applicant_resident_id)
                                      .order_by(Dossier.id.desc()).limit(1)).one()
    data = DossierInput(procedure_id=proc_id, applicant_resident_id=resident,
                        documents=["Tờ khai"])
    med, worst, row = timed(lambda: reception.receive(clerk, data), repeat=20)
    show("receive (save one dossier)", med, worst, 100)
    if importlib.util.find_spec("app.desk.forms") is None:
        print("  slip PDF: app.desk.forms is not there yet; skipped")
        return
    from app.desk import forms

    try:
        smed, sworst, _ = timed(lambda: run_to_end(forms.slip(clerk, row.id)), repeat=8)
    except Exception as exc:  # the forms module is still being written
        print(f"  slip PDF: failed ({type(exc).__name__}: {exc}); skipped")
        return
    show("slip PDF (Mẫu 01, two A5 pages)", smed, sworst)
    show("save + slip", med + smed, worst + sworst, 100)


def bench_lookup(ctx) -> None:
    with ctx.read() as s:
        total = s.scalar(select(func.count(Dossier.id)))
        picks = list(s.execute(select(Dossier.code, Dossier.applicant_name)
                               .where(Dossier.id % max(1, total // 25) == 0).limit(25)))
    codes = iter(c for c, _n in picks * 4)
    med, worst, _ = timed(lambda: queries.lookup(ctx, next(codes)), repeat=25)
    show("lookup by code (exact)", med, worst, 5)
    med, worst, _ = timed(lambda: queries.lookup(ctx, next(codes)[-11:]), repeat=25)
    show("lookup by the code's date-sequence part", med, worst, 5)
    names = iter(fold(n) for _c, n in picks * 4)
    med, worst, ids = timed(lambda: queries.lookup(ctx, next(names)), repeat=25)
    show("lookup by folded full name", med, worst, 5, f"({len(ids)} found)")
    for query in ("nguyen van", "nguyen", "tran thi ha"):
        med, worst, ids = timed(lambda q=query: queries.lookup(ctx, q))
        show(f"lookup '{query}' (limit 200)", med, worst, 5, f"({len(ids)} found)")


def bench_stats(ctx) -> None:
    if importlib.util.find_spec("app.desk.stats") is None:
        print("  statistics: app.desk.stats is not there yet; skipped")
        return
    from app.desk import stats
    from app.users import authenticate

    ctx = ctx.as_user(authenticate(ctx, "chutich", DEMO_PASSWORD))
    year = now().year - 1
    try:
        med, worst, rows = timed(lambda: stats.tthc_statistics(
            ctx, dt.date(year, 1, 1), dt.date(year, 12, 31)), repeat=5)
    except Exception as exc:  # the stats module is still being written
        print(f"  statistics: failed ({type(exc).__name__}: {exc}); skipped")
        return
    show(f"tthc_statistics for {year}", med, worst, 1000, f"({len(rows)} rows)")
    med, worst, rows = timed(lambda: stats.tthc_statistics(
        ctx, dt.date(year - 2, 1, 1), dt.date(year, 12, 31)), repeat=5)
    show(f"tthc_statistics for {year - 2}–{year}", med, worst, 1000)


def bench_lists(ctx) -> None:
    med, worst, lists = timed(lambda: queries.attention(ctx))
    show("attention()", med, worst, None, str({k: len(v) for k, v in lists.items()}))
    filters = {
        "all": queries.Filters(),
        "this month": queries.Filters(start=now().date().replace(day=1)),
        "status in progress": queries.Filters(status=DossierStatus.IN_PROGRESS),
        "overdue": queries.Filters(overdue=True),
        "field Hộ tịch": queries.Filters(field="Hộ tịch"),
        "text 'nguyen van'": queries.Filters(text="nguyen van"),
        "last year + Chứng thực": queries.Filters(
            start=dt.date(now().year - 1, 1, 1), end=dt.date(now().year - 1, 12, 31),
            field="Chứng thực"),
    }
    for label, f in filters.items():
        med, worst, ids = timed(lambda f=f: queries.search_ids(ctx, f), repeat=7)
        show(f"search_ids {label}", med, worst, None, f"({len(ids):,} ids)")
    med, worst, ids = timed(lambda: queries.search_ids(ctx, queries.Filters()), repeat=5)
    page = ids[:200]
    med2, worst2, _ = timed(lambda: queries.get_dossiers(ctx, page))
    show("get_dossiers (first page of 200)", med2, worst2)

    def tab_open():
        queries.attention(ctx)
        return queries.get_dossiers(ctx, queries.search_ids(ctx, queries.Filters())[:200])

    med, worst, _ = timed(tab_open, repeat=7)
    show("tab open (attention + ids + 200 rows)", med, worst)


def query_plans(ctx) -> None:
    print("Query plans:")
    cases = {
        "attention overdue": "SELECT id FROM dossiers WHERE status IN ('received','in_progress',"
                             "'ready') AND due_at < '2026-01-01' ORDER BY due_at, id",
        "search_ids all": "SELECT id FROM dossiers ORDER BY received_at DESC, id DESC",
        "search_ids field": "SELECT id FROM dossiers WHERE field = 'Hộ tịch' ORDER BY "
                            "received_at DESC, id DESC",
    }
    with ctx.engine.connect() as c:
        for label, sql in cases.items():
            plan = [r[-1] for r in c.execute(text("EXPLAIN QUERY PLAN " + sql))]
            print(f"  {label}: {' | '.join(plan)}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dossiers", type=int, default=100_000)
    ap.add_argument("--keep", type=Path, help="keep the database at this path")
    args = ap.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="desk-bench-"))
    try:
        ctx = build(folder / "bench.sqlite3", args.dossiers)
        print("Reception:")
        bench_reception(ctx)
        print("Lookup:")
        bench_lookup(ctx)
        print("Statistics:")
        bench_stats(ctx)
        print("Lists:")
        bench_lists(ctx)
        query_plans(ctx)
        ctx.engine.dispose()
        if args.keep:
            shutil.copy(folder / "bench.sqlite3", args.keep)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
