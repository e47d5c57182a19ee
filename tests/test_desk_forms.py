"""The one-stop desk's papers (Mẫu 01–06, the fee list, the public fee board) built from
dossiers that went through the desk's own service, read back with pypdf; and the command
line that writes them."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from app import procedures, settings, users
from app.cli import main
from app.database import open_database
from app.desk import fees, forms, lifecycle, queries, reception
from app.desk.types import DossierInput
from app.errors import DomainError
from app.jobs import run_to_end
from app.l10n import time_and_long_date

PASSWORD = "matkhau123"  # conftest.make_sample
A5 = (419.53, 595.28)
A4 = (595.28, 841.89)
DAY = dt.date(2025, 11, 3)  # a Monday


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2025, 11, day, hour, minute)


def pages(printout) -> list[str]:
    reader = PdfReader(io.BytesIO(printout.pdf))
    return [" ".join(p.extract_text().split()) for p in reader.pages]


def sizes(printout) -> list[tuple[float, float]]:
    reader = PdfReader(io.BytesIO(printout.pdf))
    return [(round(float(p.mediabox.width), 2), round(float(p.mediabox.height), 2))
            for p in reader.pages]


def by_code(ctx, code: str) -> procedures.ProcedureRow:
    rows = procedures.get_procedures(ctx, procedures.search_procedure_ids(ctx))
    return next(r for r in rows if r.code == code)


def populate(ctx) -> dict:
    """Two clerks' day: one dossier through every step, one refused, one still open."""
    clerk = ctx.as_user(users.authenticate(ctx, "canbo", PASSWORD))
    users.create_user(ctx, "tuphap", "Hoàng Văn Đức", "officer", PASSWORD,
                      title="Công chức Tư pháp - Hộ tịch")
    officer = ctx.as_user(users.authenticate(ctx, "tuphap", PASSWORD))
    parent = by_code(ctx, "1.001022")  # đăng ký nhận cha, mẹ, con: 03 ngày làm việc
    copy = by_code(ctx, "2.000815")  # chứng thực bản sao: trong ngày, 2.000 đồng
    d = reception.receive(clerk, DossierInput(
        procedure_id=parent.id, applicant_name="Nguyễn Văn Thắng",
        applicant_address="Xóm 1, Thôn Đồng Lạc", applicant_phone="0912345678",
        applicant_email="thang@example.vn", documents=parent.documents,
        received_at=at(3, 8, 30)))
    lifecycle.hand_over(clerk, d.id, officer.user.user_id, note="Xác minh", at=at(3, 9))
    lifecycle.request_supplement(officer, d.id, [
        {"name": "Giấy xác nhận tình trạng hôn nhân", "kind": "original"},
        {"name": "Giấy khai sinh của con", "kind": "certified_copy"},
        {"name": "Căn cước của người làm chứng", "kind": "copy"}],
        "Thiếu giấy tờ chứng minh quan hệ cha, mẹ, con",
        contact="ông Hoàng Văn Đức, công chức Tư pháp - Hộ tịch", at=at(3, 10))
    lifecycle.supplement_received(clerk, d.id, at=at(4, 8))
    lifecycle.apologise(officer, d.id, "Cần xác minh thêm tại nơi cư trú trước đây",
                        at(20, 16), at=at(6, 8))
    lifecycle.mark_ready(officer, d.id, at=at(10, 14))
    lifecycle.return_result(clerk, d.id, returned_to="Nguyễn Văn Thắng", fee_paid=15000,
                            at=at(10, 15))
    refused = reception.receive(clerk, DossierInput(
        procedure_id=parent.id, applicant_name="Đặng Thị Hà",
        applicant_address="Xóm 3, Thôn Phú Thọ", received_at=at(4, 14, 10)))
    lifecycle.refuse(clerk, refused.id, "Người yêu cầu không cư trú tại xã", at=at(4, 14, 30))
    copied = reception.receive(ctx, DossierInput(
        procedure_id=copy.id, applicant_name="Trần Văn Bình", received_at=at(10, 9),
        documents=["Bản chính giấy tờ cần chứng thực"], sets=2))
    lifecycle.mark_ready(ctx, copied.id, at=at(10, 10))
    lifecycle.return_result(ctx, copied.id, returned_to="Trần Văn Bình", fee_paid=4000,
                            at=at(10, 10, 30))
    return {"main": queries.get_dossier(ctx, d.id), "refused": refused,
            "copied": copied, "clerk": clerk, "officer": officer}


@pytest.fixture
def desk(ctx):
    return ctx, populate(ctx)


def test_slip_two_a5_copies_with_every_item_of_form_01(desk):
    ctx, made = desk
    d = made["main"]
    p = run_to_end(forms.slip(ctx, d.code))
    assert (p.page_size, p.page_count) == ("A5", 2)
    assert sizes(p) == [A5, A5]
    first, second = pages(p)
    for text in (first, second):
        assert "ỦY BAN NHÂN DÂN XÃ QUANG TRUNG" in text or "ỦY BAN NHÂN DÂN" in text
        for fixed in ("BỘ PHẬN TIẾP NHẬN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                      "Độc lập - Tự do - Hạnh phúc", "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
                      f"Mã hồ sơ: {d.code}", "Tiếp nhận hồ sơ của: Nguyễn Văn Thắng",
                      "Địa chỉ: Xóm 1, Thôn Đồng Lạc",
                      "Số điện thoại: 0912345678; Email: thang@example.vn",
                      "Nội dung yêu cầu giải quyết: Thủ tục đăng ký nhận cha, mẹ, con",
                      "1. Thành phần hồ sơ nộp gồm:", "- Tờ khai đăng ký nhận cha, mẹ, con;",
                      "2. Số lượng hồ sơ: 01 bộ.",
                      "3. Thời gian giải quyết hồ sơ theo quy định: 03 ngày làm việc.",
                      "4. Thời gian nhận hồ sơ: 08 giờ 30 phút, ngày 03 tháng 11 năm 2025.",
                      f"5. Thời gian trả kết quả giải quyết hồ sơ: {time_and_long_date(d.due_at)}.",
                      "6. Đăng ký nhận kết quả tại: Bộ phận tiếp nhận và trả kết quả, Ủy ban "
                      "nhân dân xã Quang Trung.",
                      "Vào Sổ theo dõi hồ sơ, Quyển số: 2025, Số thứ tự: 0001.",
                      "NGƯỜI NỘP HỒ SƠ", "NGƯỜI TIẾP NHẬN HỒ SƠ", "(Ký và ghi rõ họ tên)",
                      "Lê Thị Lan",
                      "Mẫu số 01 – ban hành kèm theo Thông tư số 01/2018/TT-VPCP ngày "
                      "23/11/2018 của Văn phòng Chính phủ"):
            assert fixed in text, fixed
    assert "Liên 1: giao người nộp hồ sơ" in first and "Liên 2" not in first
    assert "Liên 2: lưu tại Bộ phận tiếp nhận và trả kết quả" in second
    assert p.suggested_name == "giay-hen-000-17-22-h56-251103-0001.pdf"


def test_slip_legal_basis_comes_from_the_settings(desk):
    ctx, made = desk
    settings.save_paper(ctx, {"legal_basis_forms": "Thông tư số 03/2025/TT-VPCP"})
    assert settings.paper(ctx).legal_basis_forms == "Thông tư số 03/2025/TT-VPCP"
    settings.save_paper(ctx, {"margin_top_mm": 20})  # a screen without the field keeps it
    assert settings.paper(ctx).legal_basis_forms == "Thông tư số 03/2025/TT-VPCP"
    text = pages(run_to_end(forms.slip(ctx, made["main"].id)))[0]
    assert "Mẫu số 01 – ban hành kèm theo Thông tư số 03/2025/TT-VPCP" in text
    assert "01/2018" not in text


def test_a_long_list_of_documents_still_fits_one_page_per_copy(desk):
    ctx, made = desk
    proc = by_code(ctx, "1.001022")
    docs = [f"Giấy tờ số {i}: bản sao có chứng thực hoặc bản chụp kèm bản chính để đối chiếu "
            f"theo quy định của pháp luật hiện hành" for i in range(1, 13)]
    d = reception.receive(made["clerk"], DossierInput(
        procedure_id=proc.id, applicant_name="Phạm Thị Mai", documents=docs,
        received_at=at(5, 9)))
    p = run_to_end(forms.slip(ctx, d.code))
    assert p.page_count == 2
    first = pages(p)[0]
    assert "Giấy tờ số 12" in first and "NGƯỜI TIẾP NHẬN HỒ SƠ" in first


def test_supplement_form_02_from_the_latest_request(desk):
    ctx, made = desk
    p = run_to_end(forms.supplement(ctx, made["main"].code))
    assert (p.page_size, p.page_count, sizes(p)) == ("A5", 1, [A5])
    [text] = pages(p)
    for fixed in ("PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ", "Quang Trung, ngày 03 tháng 11 năm 2025",
                  "Hồ sơ của: Nguyễn Văn Thắng", "STT Tên giấy tờ Hình thức",
                  "1 Giấy xác nhận tình trạng hôn nhân Bản chính",
                  "2 Giấy khai sinh của con Bản sao chứng thực",
                  "3 Căn cước của người làm chứng Bản chụp",
                  "Lý do: Thiếu giấy tờ chứng minh quan hệ cha, mẹ, con.",
                  "liên hệ với ông Hoàng Văn Đức, công chức Tư pháp - Hộ tịch để được hướng dẫn./.",
                  "NGƯỜI HƯỚNG DẪN", "Hoàng Văn Đức", "Mẫu số 02"):
        assert fixed in text, fixed
    with pytest.raises(DomainError, match="chưa có yêu cầu bổ sung"):
        run_to_end(forms.supplement(ctx, made["refused"].code))


def test_refusal_form_03(desk):
    ctx, made = desk
    p = run_to_end(forms.refusal(ctx, made["refused"].code))
    [text] = pages(p)
    assert sizes(p) == [A5]
    for fixed in ("PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ", "Tiếp nhận hồ sơ của: Đặng Thị Hà",
                  "thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau: "
                  "Người yêu cầu không cư trú tại xã.",
                  "Xin thông báo để ông (bà) được biết và thực hiện./.",
                  "Quang Trung, ngày 04 tháng 11 năm 2025", "NGƯỜI TIẾP NHẬN HỒ SƠ"):
        assert fixed in text, fixed
    with pytest.raises(DomainError, match="không bị từ chối"):
        run_to_end(forms.refusal(ctx, made["main"].code))


def test_apology_form_04_signed_by_the_chairman(desk):
    ctx, made = desk
    p = run_to_end(forms.apology(ctx, made["main"].id))
    [text] = pages(p)
    assert sizes(p) == [A5]
    for fixed in ("PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ",
                  "Quang Trung, ngày 06 tháng 11 năm 2025", "Kính gửi: Ông (bà) Nguyễn Văn Thắng",
                  f"mã hồ sơ {made['main'].code}", "Ngày 03/11/2025",
                  "Lý do: Cần xác minh thêm tại nơi cư trú trước đây.",
                  "thành thật xin lỗi ông (bà)",
                  "16 giờ 00 phút, ngày 20 tháng 11 năm 2025",
                  "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Lê Văn Minh", "Nơi nhận:", "Mẫu số 04"):
        assert fixed in text, fixed
    with pytest.raises(DomainError, match="chưa có phiếu xin lỗi"):
        run_to_end(forms.apology(ctx, made["refused"].code))


def test_control_form_05_lists_every_step(desk):
    ctx, made = desk
    p = run_to_end(forms.control(ctx, made["main"].code))
    assert (p.page_size, sizes(p)[0]) == ("A4", A4)
    text = " ".join(pages(p))
    for fixed in ("PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
                  "(Kèm theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả)",
                  "Tên cơ quan, đơn vị", "Người giao", "Người nhận",
                  "Tiếp nhận hồ sơ (trực tiếp)", "Chuyển xử lý: Xác minh",
                  "Công chức Tư pháp - Hộ tịch", "Nhận hồ sơ bổ sung",
                  "Có kết quả giải quyết", "Trả kết quả", "công chức xử lý: Hoàng Văn Đức"):
        assert fixed in text, fixed
    assert text.count("Quá hạn") >= 2  # ready and returned after the legal date


def test_ledger_form_06_landscape_with_its_header_on_every_page(desk):
    ctx, made = desk
    proc = by_code(ctx, "2.000815")
    given = ["An", "Bình", "Cường", "Dũng", "Giang", "Hải", "Khánh", "Long", "Minh", "Nam"]
    for i in range(60):
        name = f"{['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ'][i // 10]} Văn {given[i % 10]}"
        reception.receive(made["clerk"], DossierInput(
            procedure_id=proc.id, applicant_name=name,
            applicant_address="Thôn Đồng Lạc", received_at=at(12, 8) + dt.timedelta(minutes=i)))
    p = run_to_end(forms.ledger(ctx, DAY, dt.date(2025, 11, 30)))
    assert p.page_size == "A4-landscape" and p.page_count >= 2
    assert all(w > h for w, h in sizes(p))
    texts = pages(p)
    for text in texts:
        assert "Mã hồ sơ Tên thủ tục hành chính" in text and "Trả kết quả" in text
    assert "SỔ THEO DÕI HỒ SƠ" in texts[0] and "Từ ngày 03/11/2025 đến ngày 30/11/2025" in texts[0]
    assert "Từ chối: Người yêu cầu không cư trú tại xã" in texts[0]
    assert "Tổng số: 63 hồ sơ." in texts[-1]
    assert "Vũ Văn Nam" in texts[-1]


def test_ledger_to_excel(desk, tmp_path):
    ctx, made = desk
    path = tmp_path / "so.xlsx"
    assert forms.ledger_xlsx(ctx, DAY, dt.date(2025, 11, 30), path) == 3
    ws = load_workbook(path).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:3] == ("STT", "Mã hồ sơ", "Tên thủ tục hành chính")
    assert rows[1][1] == made["main"].code and rows[1][6] == at(3, 8, 30)
    assert rows[1][9] == "Trực tiếp" and rows[1][10] == "Nguyễn Văn Thắng"


def test_fee_list_of_a_day_in_figures_and_words(desk):
    ctx, made = desk
    p = run_to_end(fees.fee_list(ctx, dt.date(2025, 11, 10)))
    [text] = pages(p)
    assert sizes(p) == [A4]
    for fixed in ("BẢNG KÊ THU PHÍ, LỆ PHÍ", "Ngày 10 tháng 11 năm 2025",
                  "Nguyễn Văn Thắng Thủ tục đăng ký nhận cha, mẹ, con 15.000",
                  "Cộng: 2 hồ sơ 19.000",
                  "Tổng số tiền: 19.000 đồng (bằng chữ: Mười chín nghìn đồng).",
                  "NGƯỜI LẬP BẢNG KÊ", "NGƯỜI NHẬN TIỀN"):
        assert fixed in text, fixed
    # the clerk's own list: only what she returned herself
    mine = pages(run_to_end(fees.fee_list(ctx, dt.date(2025, 11, 10),
                                          made["clerk"].user.user_id)))[0]
    assert "Người thu: Lê Thị Lan" in mine and "Trần Văn Bình" not in mine
    assert "Tổng số tiền: 15.000 đồng (bằng chữ: Mười lăm nghìn đồng)." in mine
    assert fees.fee_rows(ctx, dt.date(2025, 11, 11)) == []


def test_fee_board_groups_the_procedures_by_field(ctx):
    p = run_to_end(fees.fee_board(ctx, today=DAY))
    assert p.page_size == "A4-landscape" and all(w > h for w, h in sizes(p))
    text = " ".join(pages(p))
    active = len(procedures.search_procedure_ids(ctx))
    for fixed in ("BẢNG NIÊM YẾT CÔNG KHAI THỦ TỤC HÀNH CHÍNH, PHÍ, LỆ PHÍ",
                  "STT Mã thủ tục Tên thủ tục hành chính Thời hạn giải quyết Phí, lệ phí",
                  "I. BẢO TRỢ XÃ HỘI", "II. CHỨNG THỰC", "03 ngày làm việc",
                  f"Tổng số: {active} thủ tục hành chính.",
                  "sáng từ 07:30 đến 11:30, chiều từ 13:30 đến 17:00",
                  "Quang Trung, ngày 03 tháng 11 năm 2025", "Lê Văn Minh"):
        assert fixed in text, fixed


# -- the command line -----------------------------------------------------------------------

@pytest.fixture
def db(tmp_path, sample_maker):
    path = tmp_path / "office.sqlite3"
    ctx = sample_maker(open_database(path))
    made = populate(ctx)
    ctx.engine.dispose()
    return path, made


def test_cli_prints_the_desk_forms(db, tmp_path, capsys):
    path, made = db
    code = made["main"].code
    for kind in ("slip", "supplement", "apology", "control"):
        out = tmp_path / f"{kind}.pdf"
        assert main(["--db", str(path), "print", kind, code, "-o", str(out)]) == 0, kind
        assert PdfReader(io.BytesIO(out.read_bytes())).pages
    assert "2 trang khổ A5" in capsys.readouterr().out
    out = tmp_path / "tu-choi.pdf"
    assert main(["--db", str(path), "print", "refusal", made["refused"].code, "-o",
                 str(out)]) == 0
    assert "PHIẾU TỪ CHỐI" in PdfReader(out).pages[0].extract_text()
    assert main(["--db", str(path), "print", "refusal", code, "-o", str(out)]) == 1
    assert "không bị từ chối" in capsys.readouterr().err


def test_cli_ledger_fees_and_board(db, tmp_path, capsys, monkeypatch):
    path, _made = db
    pdf, xlsx = tmp_path / "so.pdf", tmp_path / "so.xlsx"
    base = ["--db", str(path), "print"]
    assert main([*base, "ledger", "--from", "03/11/2025", "--to", "2025-11-30", "-o",
                 str(pdf)]) == 0
    assert "SỔ THEO DÕI HỒ SƠ" in PdfReader(pdf).pages[0].extract_text()
    assert main([*base, "ledger", "--from", "03/11/2025", "--to", "30/11/2025", "-o",
                 str(xlsx)]) == 0
    assert "3 hồ sơ" in capsys.readouterr().out and xlsx.exists()
    monkeypatch.chdir(tmp_path)
    assert main([*base, "fees", "--day", "10/11/2025", "--user", "canbo"]) == 0
    [made] = list(tmp_path.glob("bang-ke-thu-phi-le-phi-20251110-le-thi-lan.pdf"))
    assert "15.000" in PdfReader(made).pages[0].extract_text()
    assert main([*base, "fee-board", "-o", str(tmp_path / "bang.pdf")]) == 0
    assert main([*base, "ledger", "--from", "2025", "--to", "30/11/2025"]) == 1
    assert "không đúng dạng ngày/tháng/năm" in capsys.readouterr().err
    assert main([*base, "fees", "--user", "khongco"]) == 1
    assert "Không có tài khoản “khongco”" in capsys.readouterr().err
