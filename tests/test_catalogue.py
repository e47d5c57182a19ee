import pytest
from sqlalchemy import func, select

from app import catalogue_io, procedures
from app.database import open_memory
from app.errors import DomainError
from app.excel import write_sheet
from app.jobs import run_to_end
from db.models import CivilEventKind, Procedure, TimeUnit


@pytest.fixture
def ctx():
    c = open_memory()
    with c.write() as s:
        catalogue_io.load_starter(s, c.user)
    return c


def test_starter_catalogue(ctx):
    rows = procedures.get_procedures(ctx, procedures.search_procedure_ids(ctx))
    assert len(rows) == 40
    events = {r.civil_event for r in rows}
    assert {CivilEventKind.BIRTH, CivilEventKind.MARRIAGE, CivilEventKind.DEATH} <= events
    birth = next(r for r in rows if r.code == "1.001193")
    assert birth.time_unit == TimeUnit.SAME_DAY and birth.cutoff_1500 and birth.fee_vnd == 0
    assert birth.documents[0].startswith("Tờ khai đăng ký khai sinh")
    assert "Hộ tịch" in procedures.list_fields(ctx)


def test_starter_loads_once(ctx):
    with ctx.write() as s:
        assert catalogue_io.load_starter(s, ctx.user) == 0


def test_search_by_name_without_diacritics_and_code(ctx):
    names = [p.name for p in procedures.get_procedures(ctx, procedures.search_procedure_ids(ctx, "ket hon"))]
    assert "Thủ tục đăng ký kết hôn" in names
    [p] = procedures.get_procedures(ctx, procedures.search_procedure_ids(ctx, "1.000656"))
    assert p.civil_event == CivilEventKind.DEATH


def test_edit_procedure_and_validation(ctx):
    [pid] = procedures.search_procedure_ids(ctx, "1.001022")
    row = procedures.get_procedure(ctx, pid)
    data = procedures.ProcedureInput(row.code, row.name, row.field, 5, "working_days", False, 15000,
                                     documents=["Tờ khai", "Giấy tờ chứng minh"])
    procedures.update_procedure(ctx, pid, data)
    row = procedures.get_procedure(ctx, pid)
    assert (row.time_value, row.fee_vnd, row.documents, row.time_label) == (
        5, 15000, ["Tờ khai", "Giấy tờ chứng minh"], "05 ngày làm việc")
    for bad, msg in [(dict(time_value=0), "lớn hơn 0"), (dict(fee_vnd="mười nghìn"), "số đồng"),
                     (dict(code="1.001193"), "đã có"), (dict(time_unit="weeks"), "không hợp lệ")]:
        fields = {**data.__dict__, **bad}
        with pytest.raises(DomainError, match=msg):
            procedures.update_procedure(ctx, pid, procedures.ProcedureInput(**fields))
    assert procedures.get_procedure(ctx, pid).time_value == 5


def test_excel_round_trip_and_bad_rows(ctx, tmp_path):
    path = tmp_path / "danhmuc.xlsx"
    assert catalogue_io.export_catalogue(ctx, path) == 40
    preview = catalogue_io.preview_catalogue(path)
    assert preview.clean and len(preview.good) == 40
    bad = tmp_path / "bad.xlsx"
    write_sheet(bad, "x", ["Mã thủ tục", "Tên thủ tục", "Lĩnh vực", "Thời hạn", "Đơn vị thời hạn",
                           "Lệ phí (đồng)", "Thành phần hồ sơ"], [
        ["9.000001", "Thủ tục mới", "Chứng thực", 2, "working_days", 10000, "Đơn;Bản sao"],
        ["9.000002", "", "Chứng thực", 2, "working_days", 0, ""],
        ["9.000001", "Trùng mã", "Chứng thực", 2, "working_days", 0, ""],
    ])
    preview = catalogue_io.preview_catalogue(bad)
    assert [(i.row, i.reason) for i in preview.bad] == [
        (3, "Vui lòng nhập tên thủ tục."), (4, "Mã thủ tục trùng với dòng 2.")]
    with pytest.raises(DomainError, match="dòng lỗi"):
        run_to_end(catalogue_io.import_catalogue(ctx, preview))
    assert run_to_end(catalogue_io.import_catalogue(ctx, preview, only_good=True)) == (1, 0)
    with ctx.read() as s:
        assert s.scalar(select(func.count(Procedure.id))) == 41


def test_checklist_items_keep_their_parentheses(ctx):
    assert catalogue_io.split_documents("A (x; y);B;; C") == ["A (x; y)", "B", "C"]
    [pid] = procedures.search_procedure_ids(ctx, "1.001193")
    docs = procedures.get_procedure(ctx, pid).documents
    assert docs[1].startswith("Giấy chứng sinh (không có thì") and docs[1].endswith("về việc sinh)")
    for row in procedures.get_procedures(ctx, procedures.search_procedure_ids(ctx)):
        assert all(d.count("(") == d.count(")") for d in row.documents), row.code
