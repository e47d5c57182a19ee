"""Citizen reception's papers and command line: `reception [--from --to] [--json]`,
`print reception --from --to -o FILE.pdf` and `print schedule --month MM/YYYY -o FILE.pdf`,
run for real on a sample database file; the PDFs read back with pypdf (a denouncer's name
never in them)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from pypdf import PdfReader

from app import users
from app.cli import main
from app.database import open_database
from app.jobs import run_to_end
from app.reception import papers, schedule, visits
from app.reception.types import VisitInput
from db.models import Role
from tests.conftest import make_sample

D, T = dt.date, dt.datetime
DENOUNCER = "Vũ Văn Kín"


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    path = tmp_path_factory.mktemp("reception") / "xa.sqlite3"
    ctx = make_sample(open_database(path))
    try:
        users.create_user(ctx, "chutich", "Nguyễn Văn Chủ", Role.CHAIRMAN, "matkhau123")
        clerk = ctx.as_user(users.authenticate(ctx, "canbo", "matkhau123"))
        schedule.plan_month(clerk, 2026, 3, 4, place="Phòng tiếp công dân")
        for d in schedule.days(clerk, D(2026, 3, 1), D(2026, 3, 15)):
            schedule.mark_held(clerk, d.id)
        extra = schedule.add_session(clerk, D(2026, 3, 10), hours="14:00-16:30",
                                     note="Đoàn hộ dân về đường liên thôn")
        schedule.mark_held(clerk, extra.id)

        def visit(**kw):
            base = dict(kind="recommendation", field="land", visited_at=T(2026, 3, 6, 8, 15),
                        handling="answered", answer="Xã sẽ kiểm tra thực địa trong tuần.",
                        content="Đề nghị sửa mương tưới tiêu nội đồng")
            base.update(kw)
            return visits.record_visit(clerk, VisitInput(**base))

        rows = [visit(citizen_name="Lê Văn Tám"),
                visit(citizen_name="Trần Văn Bình", group_size=9, handling="petition",
                      kind="complaint", subject="Khiếu nại mức bồi thường thu hồi đất",
                      content="Chín hộ khiếu nại mức bồi thường", visited_at=T(2026, 3, 10, 14, 5)),
                visit(citizen_name=DENOUNCER, kind="denunciation", field="conduct",
                      handling="petition", subject="Tố cáo cán bộ thôn thu tiền sai quy định",
                      content="Tố cáo cán bộ thôn thu tiền sai quy định",
                      visited_at=T(2026, 3, 13, 9, 0))]
    finally:
        ctx.engine.dispose()
    return path, rows


def run(office, *argv: str) -> int:
    return main(["--db", str(office[0]), *argv])


def pdf_text(path) -> str:
    return " ".join(" ".join((p.extract_text() or "") for p in PdfReader(str(path)).pages).split())


def test_the_register_on_the_command_line(office, capsys):
    assert run(office, "reception", "--from", "01/03/2026", "--to", "2026-03-31", "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert [v["citizen"] for v in data["visits"]][:2] == ["Người tố cáo (được giữ bí mật)",
                                                         "Trần Văn Bình"]
    assert data["days_held"] == {"regular": 2, "extra": 1, "all": 3}
    assert data["visits"][1]["petition"] == "01/2026" and data["visits"][1]["group_size"] == 9
    assert data["visits"][0]["identity_hidden"] is True
    assert DENOUNCER not in json.dumps(data, ensure_ascii=False)
    # the weeks of 16/03 and 23/03 had no day held; the week of 23/02 began before the
    # period, and the week of 30/03 runs into April, after it
    assert data["weeks_without_held_day"] == ["2026-03-16", "2026-03-23"]
    assert run(office, "reception", "--from", "01/03/2026", "--to", "31/03/2026") == 0
    out = capsys.readouterr().out
    assert "Tổng số: 3 lượt tiếp công dân" in out and "nhận đơn 01/2026" in out
    assert "Số buổi tiếp đã tổ chức: 3 (2 định kỳ, 1 đột xuất)" in out
    assert DENOUNCER not in out and "16/03–22/03/2026" in out


def test_bad_dates_are_refused(office, capsys):
    assert run(office, "reception", "--from", "31/03/2026", "--to", "01/03/2026") == 1
    assert "sau ngày bắt đầu" in capsys.readouterr().err
    assert run(office, "print", "schedule", "--month", "13/2026", "-o", "x.pdf") == 1
    assert "13/2026" in capsys.readouterr().err


def test_print_the_register(office, tmp_path, capsys):
    out = tmp_path / "so.pdf"
    assert run(office, "print", "reception", "--from", "01/03/2026", "--to", "31/03/2026",
               "-o", str(out)) == 0
    assert "Sổ tiếp công dân" in capsys.readouterr().out
    reader = PdfReader(str(out))
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)  # A4 landscape
    text = pdf_text(out)
    for said in ("SỔ TIẾP CÔNG DÂN", "Từ ngày 01/03/2026 đến ngày 31/03/2026", "Lê Văn Tám",
                 "Nhận đơn, vào sổ số 01/2026", "(đoàn đông người)", "Người tố cáo",
                 "3 lượt tiếp, 11 lượt người", "2 buổi định kỳ, 1 buổi đột xuất",
                 "NGƯỜI GHI SỔ", "Lê Thị Lan"):
        assert said in text, said
    assert "Kín" not in text


def test_print_the_months_schedule(office, tmp_path, capsys):
    out = tmp_path / "lich.pdf"
    assert run(office, "print", "schedule", "--month", "03/2026", "-o", str(out)) == 0
    capsys.readouterr()
    reader = PdfReader(str(out))
    box = reader.pages[0].mediabox
    assert float(box.width) < float(box.height)  # A4 portrait
    text = pdf_text(out)
    for said in ("THÔNG BÁO", "Lịch tiếp công dân tháng 03 năm 2026", "/TB-UBND",
                 "Thứ Sáu, 06/03/2026", "Thứ Ba, 10/03/2026", "14:00 – 16:30",
                 "Nguyễn Văn Chủ", "Phòng tiếp công dân", "Luật Tiếp công dân", "Nơi nhận"):
        assert said in text, said
    assert text.count("Thứ Sáu") == 4


def test_an_empty_month_and_period_still_print(office):
    ctx = open_database(office[0])
    try:
        empty = run_to_end(papers.schedule_paper(ctx, 2025, 7))
        assert "Chưa có buổi tiếp" in " ".join(
            p.extract_text() for p in PdfReader(_bytes(empty.pdf)).pages)
        none = run_to_end(papers.register_paper(ctx, D(2025, 1, 1), D(2025, 1, 31)))
        assert none.page_size == "A4-landscape" and none.page_count == 1
    finally:
        ctx.engine.dispose()


def _bytes(data: bytes):
    import io

    return io.BytesIO(data)
