"""`python -m app [--db PATH] demo [--seed N] [--force] [--json]`: build the demo commune."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

from app.commands.common import whole_number
from app.errors import DomainError
from app.i18n import _


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "demo",
        help=_("tạo cơ sở dữ liệu mẫu xã Quang Trung (Bỉm Sơn, Thanh Hóa) để dùng thử"),
        description=_("Tạo xã mẫu Quang Trung: 11 thôn, 1.348 hộ, 4.906 nhân khẩu, tài khoản cán "
                      "bộ và danh mục thủ tục. Tệp mặc định là tệp mà “commune-desk --demo” "
                      "và “python -m app --demo LỆNH” dùng (hoặc --db, hoặc biến "
                      "COMMUNE_DESK_DB)."),
    )
    p.add_argument("--seed", type=whole_number, default=None, metavar="N",
                   help=_("hạt giống ngẫu nhiên (mặc định 2023); cùng hạt giống cho cùng một xã"))
    p.add_argument("--force", action="store_true",
                   help=_("tệp đã có dữ liệu thì sao lưu tệp cũ vào thư mục sao lưu, xóa rồi "
                          "tạo lại"))
    p.add_argument("--json", action="store_true", help=_("in kết quả dạng JSON"))


def _number(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _remove_database(path: Path) -> Path:
    """Copy the file into the backups folder, then delete it with its -wal and -shm."""
    from app import paths
    from db.migrate import sqlite_copy

    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    backup = paths.backups_dir() / f"{path.stem}.truoc-tao-lai-{stamp}{path.suffix}"
    sqlite_copy(path, backup)
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return backup


def ensure_demo(target: Path) -> bool:
    """Build the demo commune in `target` when it is missing or empty, saying so on stderr
    with the progress `demo` shows; True when it was built. Used by --demo with a command."""
    from app import demo
    from app.commands.common import end_progress, progress_printer
    from app.jobs import run_to_end

    ctx, job = demo.ensure_demo_database(target)
    try:
        if job is None:
            return False
        print(_("Chưa có xã mẫu Quang Trung ở {path}: đang tạo (chỉ lần đầu, khoảng nửa "
                "phút)…").format(path=target), file=sys.stderr, flush=True)
        show = progress_printer()
        run_to_end(job, show)
        end_progress(show)
        print(_("Đã tạo xong xã mẫu; mật khẩu chung của các tài khoản: {password}.").format(
            password=demo.DEMO_PASSWORD), file=sys.stderr, flush=True)
        return True
    finally:
        ctx.engine.dispose()


def run(args: argparse.Namespace) -> int:
    from app import demo
    from app.commands.common import end_progress, print_json, progress_printer
    from app.database import open_database
    from app.jobs import run_to_end

    target = demo.demo_target_path(args.db)
    started = time.perf_counter()
    backup: Path | None = None
    ctx = open_database(target)
    try:
        if demo.has_data(ctx):
            if not args.force:
                raise DomainError(
                    _("Tệp {path} đã có dữ liệu nên không tạo xã mẫu đè lên. Dùng “python -m "
                      "app demo --force” để sao lưu tệp cũ vào thư mục sao lưu, xóa rồi tạo lại, "
                      "hoặc chọn tệp khác bằng --db.").format(path=target))
            ctx.engine.dispose()
            backup = _remove_database(target)
            ctx = open_database(target)
        seed = demo.DEMO_SEED if args.seed is None else args.seed
        show = None if args.json else progress_printer()
        summary = run_to_end(demo.build_demo(ctx, seed), show)
        end_progress(show)
    finally:
        ctx.engine.dispose()
    seconds = round(time.perf_counter() - started, 2)
    if args.json:
        print_json({**summary.as_dict(), "db_path": str(target), "password": demo.DEMO_PASSWORD,
                    "backup": str(backup) if backup else None, "seconds": seconds})
        return 0
    print(_("Đã tạo xã mẫu {commune} ({province}, hạt giống {seed}) trong {seconds} giây.").format(
        commune=demo.PROFILE["commune_name"], province=demo.PROFILE["province"],
        seed=summary.seed, seconds=f"{seconds:.1f}".replace(".", ",")))
    print(_("Tệp dữ liệu: {path}").format(path=target))
    if backup:
        print(_("Tệp cũ đã được sao lưu tại: {path}").format(path=backup))
    print("  " + _("{villages} thôn, {households} hộ gia đình, {residents} nhân khẩu, {procedures} "
                   "thủ tục hành chính, lịch nghỉ lễ {first_year}–{last_year}.").format(
        villages=summary.villages, households=_number(summary.households),
        residents=_number(summary.residents), procedures=summary.procedures,
        first_year=summary.holiday_years[0], last_year=summary.holiday_years[-1]))
    print("  " + _("{dossiers} hồ sơ đã tiếp nhận, {letters} thư đã gửi hộ gia đình.").format(
        dossiers=_number(summary.dossiers), letters=_number(summary.letters)))
    print("  " + _("{days} buổi tiếp công dân đã tổ chức, {visits} lượt tiếp công dân.").format(
        days=_number(summary.reception_days), visits=_number(summary.visits)))
    print(_("Tài khoản đăng nhập (mật khẩu chung: {password}):").format(
        password=demo.DEMO_PASSWORD))
    width = max(len(a["username"]) for a in summary.accounts)
    name_width = max(len(a["full_name"]) for a in summary.accounts)
    for a in summary.accounts:
        print(f"  {a['username']:<{width}}  {a['full_name']:<{name_width}}  {a['title']}")
    from app import paths

    where = "" if target == paths.demo_db_path() else f' --db "{target}"'
    print(_("Mở cửa sổ chương trình trên xã mẫu: {command}").format(
        command=f"commune-desk --demo{where}"))
    print(_("Chạy một lệnh trên xã mẫu, ví dụ: {command}").format(
        command=f"python -m app --demo{where} letters"))
    return 0
