import pytest
from sqlalchemy import func, select

from app import household_io, resident_lists, villages
from app.database import open_memory
from app.errors import DomainError
from app.excel import write_sheet
from app.jobs import run_to_end
from db.models import AuditEntry, Household, Resident, SearchToken

GOOD = [
    ["QT-1", "Thôn Đoài", "Xóm 1", "Nguyễn Văn Thắng", "Nam", "12/03/1970", "038070001234", "0912345678", "Chủ hộ"],
    ["QT-1", "Thôn Đoài", "Xóm 1", "Lê Thị Hoa", "Nữ", "1972", "", "", "Vợ"],
    ["QT-2", "Thôn Đông", "Xóm 4", "Đặng Văn Bình", "Nam", "01/05/1980", "038080001111", "", "Chủ hộ"],
]


@pytest.fixture
def ctx():
    c = open_memory()
    villages.create_village(c, "Thôn Đoài")
    villages.create_village(c, "Thôn Đông")
    return c


def counts(ctx):
    with ctx.read() as s:
        return tuple(s.scalar(select(func.count()).select_from(m)) for m in (Household, Resident, SearchToken))


def test_clean_file_imports(ctx, tmp_path):
    path = tmp_path / "ho.xlsx"
    write_sheet(path, "Hộ", household_io.HEADERS, GOOD)
    preview = household_io.preview_households(ctx, path)
    assert preview.clean and len(preview.good) == 2
    assert run_to_end(household_io.import_households(ctx, preview)) == 2
    [hh] = resident_lists.get_households(ctx, resident_lists.search_household_ids(ctx, "nguyen van thang"))
    assert (hh.code, hh.members, hh.village) == ("QT-1", 2, "Thôn Đoài")
    assert resident_lists.search_resident_ids(ctx, "dang")


def test_bad_rows_are_listed_and_nothing_imported(ctx, tmp_path):
    path = tmp_path / "ho.xlsx"
    rows = GOOD + [
        ["QT-3", "Thôn Đoài", "", "Trần Văn Cường", "Nam", "01/01/1990", "12345", "", "Chủ hộ"],
        ["QT-4", "Thôn Không Có", "", "Phạm Thị Dung", "Nữ", "", "", "", "Chủ hộ"],
        ["QT-5", "Thôn Đông", "", "Vũ Văn Em", "Nam", "", "", "", "Con"],
        ["QT-6", "Thôn Đông", "", "Hồ Thị Gấm", "Nữ", "", "038080001111", "", "Chủ hộ"],
    ]
    write_sheet(path, "Hộ", household_io.HEADERS, rows)
    before = counts(ctx)
    preview = household_io.preview_households(ctx, path)
    reasons = {i.row: i.reason for i in preview.bad}
    assert set(reasons) == {5, 6, 7, 8}
    assert "12 chữ số" in reasons[5]
    assert "chưa có trong danh mục" in reasons[6]
    assert "Chủ hộ" in reasons[7]
    assert "trùng với dòng 4" in reasons[8]
    with pytest.raises(DomainError, match="dòng lỗi"):
        run_to_end(household_io.import_households(ctx, preview))
    assert counts(ctx) == before
    assert run_to_end(household_io.import_households(ctx, preview, only_good=True)) == 2
    with ctx.read() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "import")).one()
    assert '"skipped_rows": [5, 6, 7, 8]' in entry.changes


def test_cancel_rolls_back(ctx, tmp_path):
    path = tmp_path / "nhieu.xlsx"
    many = [[f"H{i}", "Thôn Đoài", "", f"Nguyễn Văn Số {chr(65 + i % 26)}", "Nam", "", "", "", "Chủ hộ"]
            for i in range(60)]
    write_sheet(path, "Hộ", household_io.HEADERS, many)
    preview = household_io.preview_households(ctx, path)
    before = counts(ctx)
    job = household_io.import_households(ctx, preview)
    next(job)
    next(job)  # 25 households written inside the open transaction
    job.close()  # what Cancel does
    assert counts(ctx) == before


def test_export_round_trips(ctx, tmp_path):
    src = tmp_path / "ho.xlsx"
    write_sheet(src, "Hộ", household_io.HEADERS, GOOD)
    run_to_end(household_io.import_households(ctx, household_io.preview_households(ctx, src)))
    out = tmp_path / "xuat.xlsx"
    assert run_to_end(household_io.export_households(ctx, out)) == 3
    other = open_memory()
    villages.create_village(other, "Thôn Đoài")
    villages.create_village(other, "Thôn Đông")
    preview = household_io.preview_households(other, out)
    assert preview.clean and len(preview.good) == 2
    assert [d.head.full_name for _, d in preview.good] == ["Nguyễn Văn Thắng", "Đặng Văn Bình"]


def test_not_an_excel_file(ctx, tmp_path):
    path = tmp_path / "x.xlsx"
    path.write_text("không phải excel")
    with pytest.raises(DomainError, match="Không đọc được"):
        household_io.preview_households(ctx, path)


def test_missing_column(ctx, tmp_path):
    path = tmp_path / "x.xlsx"
    write_sheet(path, "x", ["Số hộ", "Họ và tên"], [["1", "A"]])
    with pytest.raises(DomainError, match="thiếu cột: Thôn"):
        household_io.preview_households(ctx, path)
