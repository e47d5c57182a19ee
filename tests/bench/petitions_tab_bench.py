"""Benchmark: the petitions tab at 3,000 petitions (prints figures; asserts nothing).

    python tests/bench/petitions_tab_bench.py [--petitions N] [--demo PATH] [--keep PATH]

Takes the demo commune (built into a temporary folder, or a copy of `--demo`), adds N
petitions through app.petitions (received over the last three years; most accepted,
resolved and notified, some still running, a few overdue), then times, offscreen, what an
officer waits for: opening the tab (attention lists, the first page of the list), every
bucket, the list of all petitions, a search, a lookup by number, the petition window, and
the earlier cases of a returning citizen. Aim: the tab open within 300 ms.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app import resident_lists, users  # noqa: E402
from app.database import open_database  # noqa: E402
from app.demo import DEMO_PASSWORD, build_demo  # noqa: E402
from app.jobs import run_to_end  # noqa: E402
from app.l10n import today  # noqa: E402
from app.petitions import intake, queries, service  # noqa: E402
from app.petitions.types import PetitionInput  # noqa: E402

KINDS = ["recommendation"] * 5 + ["feedback"] * 3 + ["complaint"] * 2 + ["denunciation"]
FIELDS = ["land"] * 4 + ["social", "environment", "order", "conduct", "other"]
SUBJECTS = ["Đề nghị cấp giấy chứng nhận quyền sử dụng đất", "Phản ánh ô nhiễm nước thải",
            "Kiến nghị sửa đường giao thông nội đồng", "Khiếu nại việc đo đạc ranh giới",
            "Đề nghị hỗ trợ hộ cận nghèo", "Phản ánh mất trật tự ở nhà văn hóa thôn"]


def timed(fn, repeat: int = 7):
    runs, result = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        runs.append((time.perf_counter() - t) * 1000)
    return statistics.median(runs), max(runs), result


def show(label: str, med: float, worst: float, extra: str = "") -> None:
    print(f"  {label:<46} median {med:8.1f} ms   worst {worst:8.1f} ms  {extra}")


def fill(ctx, n: int) -> None:
    rng = random.Random(2023)
    sign = {u: ctx.as_user(users.authenticate(ctx, u, DEMO_PASSWORD))
            for u in ("motcua", "tuphap", "diachinh")}
    people = resident_lists.search_resident_ids(ctx, limit=2000)
    end = today()
    start = end - dt.timedelta(days=3 * 365)
    days = sorted(start + dt.timedelta(days=rng.randrange((end - start).days)) for _ in range(n))
    t = time.perf_counter()
    cal = intake.calendar(ctx, start)
    made = []
    for chunk in range(0, n, 500):
        with ctx.write() as s:
            for day in days[chunk:chunk + 500]:
                data = PetitionInput(rng.choice(KINDS), rng.choice(SUBJECTS),
                                     "Đề nghị UBND xã xem xét.", rng.choice(FIELDS),
                                     received_on=day,
                                     petitioner_resident_id=rng.choice(people))
                made.append((intake.receive_in(s, sign["motcua"].user, data, cal).id, day))
    print(f"  received {n:,} petitions in {time.perf_counter() - t:.1f} s")
    t = time.perf_counter()
    steps = 0
    for pid, day in made:
        age = (end - day).days
        if age < 8 and rng.random() < 0.8:
            continue  # still to classify
        handler = sign[rng.choice(["tuphap", "diachinh"])]
        on = min(day + dt.timedelta(days=rng.randint(1, 6)), end)
        service.accept(handler, pid, handler_id=handler.user.user_id, on=on)
        steps += 1
        if age < 45 and rng.random() < 0.9:
            continue  # being handled (a few past their clock)
        row = queries.get_petitions(ctx, [pid])[0]
        outcome = {"complaint": "right", "denunciation": "unfounded"}.get(row.kind, "answered")
        resolved = min(on + dt.timedelta(days=rng.randint(5, 32)), end)
        service.resolve(handler, pid, outcome, "Văn bản trả lời", on=resolved)
        service.notify(handler, pid, "Gửi văn bản qua bưu chính",
                       on=min(resolved + dt.timedelta(days=2), end))
        steps += 3
    print(f"  {steps:,} steps through app.petitions.service in {time.perf_counter() - t:.1f} s")


def bench(ctx) -> None:
    from PySide6.QtWidgets import QApplication

    from ui.petitions.controller import build
    from ui.petitions.new_petition import NewPetitionDialog
    from ui.petitions.window import PetitionWindow

    app = QApplication.instance() or QApplication([])
    officer = ctx.as_user(users.authenticate(ctx, "tuphap", DEMO_PASSWORD))
    kept = []

    def open_tab():
        view, tab = build(officer)
        view.resize(1060, 660)
        view.show()
        view.grab()  # painted: the rows on screen fetched
        kept.append(view)
        return tab

    med, worst, tab = timed(open_tab)
    c = tab.petitions
    show("open the tab (attention, first page, painted)", med, worst,
         str({k: len(v) for k, v in c.attention.items()}))

    def click(button):
        button.click()
        c.view.grab()

    for key, button in c.view.bucket_buttons.items():
        med, worst, _ = timed(lambda b=button: click(b))
        show(f"bucket {key}", med, worst, f"({c.model.total:,} petitions)")
    c.view.search.setText("duong giao thong")
    c.view.search.flush()  # the filters' list, searched
    med, worst, _ = timed(lambda: c.list.reload())
    show("search 'duong giao thong'", med, worst, f"({c.model.total:,} petitions)")
    ref = queries.get_petitions(officer, [queries.search_ids(officer)[-1]])[0].reference
    med, worst, ids = timed(lambda: c.lookup(ref))
    show(f"lookup {ref}", med, worst)
    pid = queries.search_ids(officer)[len(ids) + 10]
    med, worst, _ = timed(lambda: PetitionWindow(officer, pid).deleteLater())
    show("open a petition window", med, worst)
    row = queries.get_petitions(officer, [pid])[0]
    dlg = NewPetitionDialog(officer)
    dlg.petitioner.setText(row.petitioner_name)
    med, worst, _ = timed(dlg.show_earlier_cases)
    show("earlier cases of a typed name", med, worst, f"({len(dlg.earlier)} cases)")
    for view in kept:
        view.deleteLater()
    app.processEvents()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--petitions", type=int, default=3000)
    ap.add_argument("--demo", type=Path, help="a demo database to copy (else one is built)")
    ap.add_argument("--keep", type=Path, help="keep the database at this path")
    args = ap.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="petitions-bench-"))
    path = folder / "bench.sqlite3"
    try:
        t = time.perf_counter()
        if args.demo:
            shutil.copy(args.demo, path)
            ctx = open_database(path)
        else:
            ctx = open_database(path)
            run_to_end(build_demo(ctx))
        print(f"Demo ready in {time.perf_counter() - t:.1f} s")
        print("Filling:")
        fill(ctx, args.petitions)
        print("The tab:")
        bench(ctx)
        ctx.engine.dispose()
        if args.keep:
            shutil.copy(path, args.keep)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
