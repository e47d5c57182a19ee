"""Printed documents built from the demo commune and read back with pypdf: Vietnamese text
round-trips exactly (NFC), the bundled fonts are embedded, pages have the intended size."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import re
import unicodedata

import pytest
from pypdf import PdfReader
from sqlalchemy import text as sql

from app import resident_lists, settings, villages
from app.database import open_memory
from app.demo import build_demo
from app.errors import DomainError, NotFound
from app.jobs import Progress, run_to_end
from app.paper import Printout, file_name
from app.paper.documents import household_list, resident_list, sample_letter
from app.paper.letter import Letter, Letterhead, letter_flowables
from app.paper.numbering import number_text
from app.paper.qr import qr_modules
from app.paper.signature import Signer, signer
from app.paper.styles import page_spec
from app.paper.template import build_pdf

DAY = dt.date(2023, 11, 5)
A4 = (595.28, 841.89)
SIZES = {"A4": A4, "A5": (419.53, 595.28), "A4-landscape": (A4[1], A4[0])}


@pytest.fixture(scope="module")
def demo():
    ctx = open_memory()
    run_to_end(build_demo(ctx))
    yield ctx
    ctx.engine.dispose()


@pytest.fixture(scope="module")
def doai(demo) -> int:
    [village] = [v for v in villages.list_villages(demo) if v.name == "Thôn Đoài Thôn"]
    return village.id


@pytest.fixture(scope="module")
def printouts(demo, doai) -> dict[str, Printout]:
    return {
        "sample": run_to_end(sample_letter(demo, today=DAY)),
        "sample_a5": run_to_end(sample_letter(demo, page_size="A5", today=DAY)),
        "households": run_to_end(household_list(demo, doai, today=DAY)),
        "households_all": run_to_end(household_list(demo, today=DAY)),
        "residents": run_to_end(resident_list(demo, doai, today=DAY)),
    }


def reader(p: Printout | bytes) -> PdfReader:
    return PdfReader(io.BytesIO(p.pdf if isinstance(p, Printout) else p))


def text_of(p: Printout | bytes) -> str:
    return "\n".join(page.extract_text() for page in reader(p).pages)


def flat(text: str) -> str:
    return " ".join(text.split())


def test_printouts_describe_their_pdf(printouts):
    expected = {"sample": ("A4", "thu-cong-in-thu-a4-2023.pdf"),
                "sample_a5": ("A5", "thu-cong-in-thu-a5-2023.pdf"),
                "households": ("A4", "danh-sach-ho-thon-doai-thon-2023.pdf"),
                "households_all": ("A4", "danh-sach-ho-xa-quang-trung-2023.pdf"),
                "residents": ("A4-landscape", "danh-sach-nhan-khau-thon-doai-thon-2023.pdf")}
    for kind, p in printouts.items():
        assert (p.page_size, p.suggested_name) == expected[kind]
        assert re.fullmatch(r"[a-z0-9-]+\.pdf", p.suggested_name)
        assert p.pdf.startswith(b"%PDF-")
        assert p.page_count == len(reader(p).pages)
        assert p.title and unicodedata.is_normalized("NFC", p.title)
        assert reader(p).metadata.title == p.title
    assert printouts["sample"].page_count == printouts["sample_a5"].page_count == 1
    with pytest.raises(dataclasses.FrozenInstanceError):
        printouts["sample"].title = "x"


def test_pages_have_the_intended_size(printouts):
    for p in printouts.values():
        want = SIZES[p.page_size]
        for page in reader(p).pages:
            box = page.mediabox
            assert (round(float(box.width), 2), round(float(box.height), 2)) == want


def test_fonts_are_the_bundled_ones_embedded(printouts):
    for p in printouts.values():
        for page in reader(p).pages:
            for ref in page["/Resources"]["/Font"].values():
                font = ref.get_object()
                assert "LiberationSerif" in font["/BaseFont"]
                if "/DescendantFonts" in font:
                    font = font["/DescendantFonts"][0].get_object()
                assert "/FontFile2" in font["/FontDescriptor"].get_object()


HEADER = ["ỦY BAN NHÂN DÂN XÃ QUANG TRUNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
          "Độc lập - Tự do - Hạnh phúc"]


def test_sample_letter_text(printouts):
    for kind in ("sample", "sample_a5"):
        text = text_of(printouts[kind])
        assert unicodedata.is_normalized("NFC", text)
        f = flat(text)
        for s in [*HEADER, "Quang Trung, ngày 05 tháng 11 năm 2023", "THƯ CÔNG",
                  "Kính gửi: Cán bộ, công chức Ủy ban nhân dân xã Quang Trung",
                  "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn Thắng", "Nơi nhận:",
                  "- Như trên;", "- Lưu: VT.", "000.17.22.H56", "bản in thử"]:
            assert s in f, (kind, s)
        assert re.search(r"Số:\s+/TC-UBND", text)  # a test page takes no official number
    # <b>, <i> and <b><i> in the body pick the bundled bold, italic and bold italic faces
    faces = {ref.get_object()["/BaseFont"].split("+")[-1]
             for ref in reader(printouts["sample"]).pages[0]["/Resources"]["/Font"].values()}
    assert faces == {"LiberationSerif", "LiberationSerif-Bold", "LiberationSerif-Italic",
                     "LiberationSerif-BoldItalic"}
    f = flat(text_of(printouts["sample"]))
    for s in ["Ả Ấ Ầ Ẩ Ẫ Ậ Ắ Ằ Ẳ Ẵ Ặ", "Chính quyền thân thiện, vì Nhân dân phục vụ",
              "1.348 hộ, 706,48 ha, 20.000 đồng (Hai mươi nghìn đồng), 14 giờ 30 phút",
              "lề trên 20 mm, lề dưới 20 mm, lề trái 30 mm, lề phải 15 mm"]:
        assert s in f


def test_household_list_text(demo, doai, printouts):
    text = text_of(printouts["households"])
    assert unicodedata.is_normalized("NFC", text)
    f = flat(text)
    for s in [*HEADER, "DANH SÁCH HỘ GIA ĐÌNH THÔN ĐOÀI THÔN",
              "(Tính đến ngày 05 tháng 11 năm 2023)", "STT", "Số hộ", "Họ và tên chủ hộ",
              "NGƯỜI LẬP DANH SÁCH", "TM. ỦY BAN NHÂN DÂN", "Nguyễn Văn Thắng"]:
        assert s in f, s
    assert "Số:" not in f  # a list carries no number
    homes = resident_lists.get_households(demo, resident_lists.search_household_ids(demo, village_id=doai))
    for hh in (homes[0], homes[len(homes) // 2], homes[-1]):
        assert f"{hh.code} {hh.head_name} {hh.address} {hh.members}" in f
    members = sum(h.members for h in homes)
    assert f"Cộng {len(homes)} hộ {members}" in f


def test_all_villages_one_section_each(demo, printouts):
    p = printouts["households_all"]
    pages = [flat(page.extract_text()) for page in reader(p).pages]
    first, *others = villages.list_villages(demo)
    assert f"(Tính đến ngày 05 tháng 11 năm 2023) {first.name.upper()} STT" in pages[0]
    for v in others:
        # every other village's section opens a page (the page number is drawn last)
        assert any(page.startswith(f"{v.name.upper()} STT") for page in pages), v.name
    assert "DANH SÁCH HỘ GIA ĐÌNH XÃ QUANG TRUNG" in pages[0]
    # 4,906 residents less those whose death the demo's desk registered since 2023
    living = sum(v.residents for v in [first, *others])
    assert 4800 < living < 4906
    assert (f"Toàn xã có 11 thôn, 1.348 hộ gia đình với {living // 1000}.{living % 1000:03d} "
            "nhân khẩu.") in pages[-1]


def test_resident_list_text_and_masked_ids(demo, doai, printouts):
    text = text_of(printouts["residents"])
    assert unicodedata.is_normalized("NFC", text)
    f = flat(text)
    assert "DANH SÁCH NHÂN KHẨU THÔN ĐOÀI THÔN" in f
    people = resident_lists.get_residents(demo, resident_lists.search_resident_ids(demo, village_id=doai))
    for r in (people[0], people[len(people) // 3], people[-1]):
        born = r.birth_date.strftime("%d/%m/%Y")
        assert f"{r.full_name} {'Nam' if r.sex == 'M' else 'Nữ'} {born}" in f
    with_id = [r for r in people if r.cccd][:20]
    assert with_id
    for r in with_id:
        assert r.cccd not in text
        assert "*********" + r.cccd[-3:] in text
    assert not re.search(r"\d{12}", text)  # no identity number printed whole
    # Vietnamese name order: by given name, then family and middle names
    order = [r.full_name for r in people]
    assert f.index(order[0]) < f.index(order[1]) < f.index(order[-1])


def test_decomposed_input_prints_the_same_as_composed():
    spec = page_spec("A4")

    def build(form: str) -> bytes:
        n = lambda s: unicodedata.normalize(form, s)  # noqa: E731
        letter = Letter(
            head=Letterhead(n("Quang Trung"), n("UBND tỉnh Thanh Hóa")), number="05/BC-UBND",
            place_date=n("Quang Trung, ngày 05 tháng 11 năm 2023"), doc_type=n("Báo cáo"),
            subject=n("Kết quả thực hiện mô hình “Chính quyền thân thiện”"),
            addressees=(n("Ủy ban nhân dân tỉnh Thanh Hóa"),),
            body=(n("Ủy ban nhân dân xã Quang Trung báo cáo <b>kết quả</b> như sau."),),
            signer=Signer((n("TM. ỦY BAN NHÂN DÂN"), n("CHỦ TỊCH")), n("Nguyễn Văn Thắng")),
            copies_to=(n("Lưu: VT."),), qr="000.17.22.H56")
        return run_to_end(build_pdf(spec, letter_flowables(spec, letter), title=n("Báo cáo"),
                                    suggested_name="bao-cao.pdf")).pdf

    nfd, nfc = build("NFD"), build("NFC")
    assert nfd == nfc
    f = flat(text_of(nfd))
    assert "UBND TỈNH THANH HÓA" in f and "Nguyễn Văn Thắng" in f


def test_decomposed_data_in_the_database_prints_composed(ctx):
    """Rows written around the validators (an import, an old version) still print as NFC."""
    before = run_to_end(resident_list(ctx, today=DAY)).pdf
    nfd = lambda s: unicodedata.normalize("NFD", s)  # noqa: E731
    with ctx.write() as s:
        s.execute(sql("UPDATE residents SET full_name = :n WHERE full_name = :o"),
                  {"n": nfd("Nguyễn Văn Thắng"), "o": "Nguyễn Văn Thắng"})
        s.execute(sql("UPDATE villages SET name = :n WHERE name = :o"),
                  {"n": nfd("Đồng Lạc"), "o": "Đồng Lạc"})
        s.execute(sql("UPDATE settings SET value = :v WHERE key = 'place_name'"),
                  {"v": json.dumps(nfd("Quang Trung"), ensure_ascii=False)})
    after = run_to_end(resident_list(ctx, today=DAY)).pdf
    assert after == before
    assert "Nguyễn Văn Thắng" in text_of(after)


def test_progress_then_cancel(demo):
    steps: list[Progress] = []
    p = run_to_end(resident_list(demo, today=DAY), steps.append)
    assert p.page_count > 150
    assert len(steps) >= 10
    assert all(s.total == steps[0].total for s in steps)
    assert [s.done for s in steps] == sorted(s.done for s in steps)
    assert steps[-1].done == steps[-1].total
    assert {m.message.split(":")[0] for m in steps} >= {"Đang đọc sổ nhân khẩu",
                                                        "Đang dàn trang danh sách nhân khẩu"}
    job = household_list(demo)
    for _ in range(3):
        next(job)
    job.close()  # Cancel: nothing to undo, nothing raised


def test_unknown_village_is_refused(demo):
    with pytest.raises(NotFound):
        run_to_end(household_list(demo, 99999))


def test_deputy_signs_for_the_chairman(ctx):
    settings.save_paper(ctx, {"vice_chairmen": "Lê Đình Hải\nTrần Thị Bích"})
    who = signer(ctx, "Lê Đình Hải")
    assert who.lines == ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")
    assert signer(ctx).lines == ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")
    assert signer(ctx).name == "Lê Văn Minh"
    with pytest.raises(DomainError, match="Phó Chủ tịch"):
        signer(ctx, "Người Lạ")
    spec = page_spec("A4", settings.paper(ctx))
    letter = Letter(head=Letterhead("Quang Trung"), number=number_text("CV", 12),
                    place_date="Quang Trung, ngày 29 tháng 6 năm 2019", doc_type="",
                    subject="V/v tổ chức đối thoại với thanh niên", addressees=("A", "B"),
                    body=("Nội dung.",), signer=who, copies_to=("Như trên", "Lưu: VT, VP."))
    f = flat(text_of(run_to_end(build_pdf(spec, letter_flowables(spec, letter), title="CV",
                                          suggested_name="cv.pdf")).pdf))
    for s in ["Số: 12/UBND-VP", "V/v tổ chức đối thoại với thanh niên", "Kính gửi: - A; - B.",
              "KT. CHỦ TỊCH PHÓ CHỦ TỊCH", "Lê Đình Hải", "- Lưu: VT, VP."]:
        assert s in f, s


def test_qr_code_modules():
    modules = qr_modules("000.17.22.H56-210531-0001", 100)
    assert len(modules) > 40
    assert all(0 <= x and x + w <= 100.01 and 0 <= y and y + h <= 100.01
               for x, y, w, h in modules)
    assert qr_modules("A", 50) != qr_modules("B", 50)


def test_file_names_are_folded_ascii():
    assert file_name("Danh sách hộ", "Thôn Đoài", 2026) == "danh-sach-ho-thon-doai-2026.pdf"
    assert file_name("", None) == "van-ban.pdf"


def test_empty_village_and_empty_register(ctx):
    empty = villages.create_village(ctx, "Xóm Mới")
    for make in (household_list, resident_list):
        p = run_to_end(make(ctx, empty, today=DAY))
        f = flat(text_of(p))
        assert "XÓM MỚI" in f and "Cộng" in f and "NGƯỜI LẬP DANH SÁCH" in f
    bare = open_memory()
    try:
        p = run_to_end(household_list(bare, today=DAY))
        assert p.page_count == 1 and "Chưa có thôn nào" in text_of(p)
    finally:
        bare.engine.dispose()


def test_papers_stay_vietnamese_when_the_interface_is_english(demo):
    from app.i18n import set_language

    set_language("en")
    try:
        pdf = run_to_end(sample_letter(demo))
        assert _text_of(pdf)
    finally:
        set_language("vi")
    text = _text_of(pdf)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
    assert "SOCIALIST" not in text.upper() and "PEOPLE'S COMMITTEE" not in text.upper()


def _text_of(printout: Printout) -> str:
    return unicodedata.normalize("NFC", "\n".join(p.extract_text() for p in reader(printout).pages))
