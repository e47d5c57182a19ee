"""Benchmark: search and list latency on the demo commune (prints figures; asserts nothing).

    .venv/bin/python tests/bench/search_bench.py [--scale N]

--scale N copies the demo's households N times (new codes, no CCCD) to see how search holds
up in a bigger commune.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app import resident_lists, residents  # noqa: E402
from app.database import open_database  # noqa: E402
from app.demo import build_demo  # noqa: E402
from app.jobs import run_to_end  # noqa: E402

QUERIES = ["nguyen van", "nguyen van thang", "dang", "thi ha", "0912", "hoa", "tran minh"]


def timed(fn, repeat=15):
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        runs.append((time.perf_counter() - t) * 1000)
    return statistics.median(runs), max(runs), result


def scale_up(ctx, times: int) -> None:
    from sqlalchemy import select

    from app import search_index
    from db.models import Household, Resident

    with ctx.write() as s:
        homes = s.scalars(select(Household)).all()
        people = s.scalars(select(Resident)).all()
        by_home: dict[int, list[Resident]] = {}
        for r in people:
            by_home.setdefault(r.household_id, []).append(r)
        for k in range(1, times):
            for hh in homes:
                new = Household(code=f"{hh.code}-{k}", village_id=hh.village_id, address=hh.address)
                s.add(new)
                s.flush()
                copies = [Resident(household_id=new.id, full_name=r.full_name, name_key=r.name_key,
                                   sort_key=r.sort_key, sex=r.sex, birth_date=r.birth_date,
                                   relation=r.relation) for r in by_home.get(hh.id, [])]
                s.add_all(copies)
                s.flush()
                head = next((c for c in copies if c.relation == "Chủ hộ"), copies[0])
                new.head_id = head.id
                search_index.bulk_add(s, resident_lists.RESIDENT, [
                    (c.id, residents.resident_tokens(c.full_name, None, None)) for c in copies])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        ctx = open_database(Path(tmp) / "bench.sqlite3")
        t = time.perf_counter()
        run_to_end(build_demo(ctx))
        print(f"demo built in {time.perf_counter() - t:.2f} s")
        if args.scale > 1:
            t = time.perf_counter()
            scale_up(ctx, args.scale)
            print(f"scaled ×{args.scale} in {time.perf_counter() - t:.2f} s")
        total = len(resident_lists.search_resident_ids(ctx))
        print(f"residents: {total}")
        print(f"{'query':<20}{'hits':>7}{'median ms':>12}{'max ms':>9}")
        for q in QUERIES:
            med, worst, ids = timed(lambda q=q: resident_lists.search_resident_ids(ctx, q))
            print(f"{q:<20}{len(ids):>7}{med:>12.1f}{worst:>9.1f}")
        med, worst, ids = timed(lambda: resident_lists.search_resident_ids(ctx))
        print(f"{'(all, sorted)':<20}{len(ids):>7}{med:>12.1f}{worst:>9.1f}")
        med, worst, rows = timed(lambda: resident_lists.get_residents(ctx, ids[:200]))
        print(f"{'one page of 200 rows':<20}{len(rows):>7}{med:>12.1f}{worst:>9.1f}")
        ctx.engine.dispose()


if __name__ == "__main__":
    main()
