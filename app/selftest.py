"""`--selftest`: check that this installation (or the frozen bundle) can work.

The core's checks, one line each: a new SQLite database migrates to head, and ReportLab
writes a PDF with Vietnamese text in the bundled font. `commune-desk --selftest` (ui.main)
runs the Qt check first (ui.selfcheck: can Qt make a widget?), passed in as an extra check:
app/ never names ui/. Prints "OK" and returns 0 when all pass; otherwise prints the reason
in Vietnamese for each failure and returns 1.
"""

from __future__ import annotations

import os
import sys
import tempfile
import traceback
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path

from app.i18n import N_, _

MOTTO = unicodedata.normalize(
    "NFC", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM – Độc lập - Tự do - Hạnh phúc"
)


class SelftestFailure(Exception):
    """A check found something wrong; the message is Vietnamese and shown as it is."""


def _check_database() -> str:
    from app import paths
    from app.database import open_database
    from db import migrate

    with tempfile.TemporaryDirectory(
        prefix="commune-desk-selftest-", ignore_cleanup_errors=True
    ) as tmp:
        # Keep backups and logs of this throw-away database out of the user's data folder.
        previous = os.environ.get(paths.DATA_ENV)
        os.environ[paths.DATA_ENV] = tmp
        try:
            ctx = open_database(Path(tmp) / "selftest.sqlite3")
            try:
                st = migrate.state(ctx.engine)
            finally:
                ctx.engine.dispose()
        finally:
            if previous is None:
                os.environ.pop(paths.DATA_ENV, None)
            else:
                os.environ[paths.DATA_ENV] = previous
    if not st.up_to_date:
        raise SelftestFailure(
            _("cơ sở dữ liệu mới chưa được nâng cấp hết (đang ở {current}, cần {head}).").format(
                current=st.current, head=st.head)
        )
    return _("Cơ sở dữ liệu: tạo mới và nâng cấp đến phiên bản {head}").format(head=st.head)


def _check_pdf() -> str:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfgen import canvas

    from app.fonts import register_fonts

    try:
        family = register_fonts()
    except Exception as exc:
        raise SelftestFailure(_("không nạp được phông chữ kèm theo: {error}").format(
            error=exc)) from exc
    font = pdfmetrics.getFont(family)
    missing = sorted({ch for ch in MOTTO if ord(ch) not in font.face.charToGlyph})
    if missing:
        raise SelftestFailure(_("phông chữ thiếu các ký tự: {chars}").format(chars="".join(missing)))
    with tempfile.TemporaryDirectory(
        prefix="commune-desk-selftest-", ignore_cleanup_errors=True
    ) as tmp:
        out = Path(tmp) / "selftest.pdf"
        c = canvas.Canvas(str(out), pagesize=A4)
        c.setTitle("Commune Desk selftest")
        c.setFont(family, 13)
        c.drawCentredString(A4[0] / 2, A4[1] - 72, MOTTO)
        c.showPage()
        c.save()
        data = out.read_bytes()
    if not data.startswith(b"%PDF"):
        raise SelftestFailure(_("tệp PDF tạo ra không đúng định dạng."))
    if b"LiberationSerif" not in data:
        raise SelftestFailure(_("tệp PDF không nhúng phông chữ Liberation Serif."))
    size = f"{len(data):,}".replace(",", ".")
    return _("PDF: {size} byte, phông chữ Liberation Serif được nhúng").format(size=size)


Check = tuple[str, Callable[[], str]]  # (name marked with N_, the check: detail or raise)
CHECKS: list[Check] = [
    (N_("Cơ sở dữ liệu"), _check_database),
    (N_("Tạo PDF"), _check_pdf),
]


def run_selftest(extra: Sequence[Check] = ()) -> int:
    """Run the `extra` checks then the core's, print one line each, then "OK" (return 0) or
    the failures (return 1). A check returns its detail, or raises SelftestFailure."""
    checks = [*extra, *CHECKS]
    failures = 0
    for name, check in checks:
        try:
            detail = check()
        except SelftestFailure as exc:
            failures += 1
            print(_("[LỖI] {name}: {error}").format(name=_(name), error=exc), flush=True)
        except Exception as exc:  # anything unexpected is a failure too, with its trace
            failures += 1
            print(_("[LỖI] {name}: lỗi không lường trước: {error}").format(
                name=_(name), error=f"{type(exc).__name__}: {exc}"), flush=True)
            traceback.print_exc(file=sys.stderr)
        else:
            print(_("[đạt] {detail}").format(detail=detail), flush=True)
    if failures:
        print(_("THẤT BẠI: {failed}/{total} phép kiểm tra không đạt.").format(
            failed=failures, total=len(checks)), flush=True)
        return 1
    print("OK", flush=True)
    return 0
