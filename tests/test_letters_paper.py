"""Letters on paper, read back from the PDF: the exact Vietnamese text of each kind of letter,
one A4 page each, every font embedded, a batch of N letters on N pages, and A5.

The letters are made through app.letters.service on the demo commune, answering one event of
each kind from the registers (with a reason for a second letter when the demo already sent
one), a late dossier, and a thank-you letter from scratch; so the tests hold whether or not
the demo has letters of its own.
"""

from __future__ import annotations

import io
import re
import unicodedata

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from app import settings
from app.database import open_memory
from app.demo import DEMO_SEED, build_demo
from app.jobs import run_to_end
from app.l10n import long_date, today
from app.letters import drafts, printing, queries, service
from app.letters.types import LetterDraft, Occasion
from db.models import CivilEvent, Dossier, Household, Outcome

DAY = today()
DEED = "tự nguyện hiến 120 m² đất để mở rộng đường liên thôn"
A5 = (419.5, 595.3)


def flat(value: str) -> str:
    """NFC, with every run of spaces and line breaks as one space (pypdf splits lines)."""
    return " ".join(unicodedata.normalize("NFC", value).split())


def make(ctx, draft: LetterDraft) -> int:
    try:
        return service.create_letter(ctx, draft)
    except service.DuplicateLetter:  # the demo already answered it
        draft.duplicate_reason = "Gia đình xin thêm một bản để lưu"
        return service.create_letter(ctx, draft)


def civil_event_draft(ctx, occasion: Occasion) -> LetterDraft:
    with ctx.read() as s:
        event_id = s.scalar(select(CivilEvent.id).where(
            CivilEvent.kind == occasion.value).order_by(CivilEvent.id.desc()))
        assert event_id is not None, f"the demo has no {occasion} event"
        return drafts.civil_event_draft(s, event_id, DAY)


def late_draft(ctx) -> LetterDraft:
    with ctx.read() as s:
        dossier_id = s.scalar(select(Dossier.id).where(Dossier.outcome == Outcome.LATE)
                              .order_by(Dossier.id.desc()))
        assert dossier_id is not None, "the demo has no late dossier"
        return drafts.dossier_draft(s, dossier_id, DAY)


def thanks_draft(ctx, page_size: str = "A4") -> LetterDraft:
    with ctx.read() as s:
        home = s.scalar(select(Household.id).where(Household.head_id.is_not(None))
                        .order_by(Household.id))
        draft = drafts.household_draft(s, home, Occasion.LAND, DAY)
    draft.values["viec_lam"] = DEED
    draft.page_size = page_size
    return draft


@pytest.fixture(scope="module")
def demo():
    ctx = open_memory()
    run_to_end(build_demo(ctx, DEMO_SEED))
    drafts_made = {"birth": civil_event_draft(ctx, Occasion.BIRTH),
                   "marriage": civil_event_draft(ctx, Occasion.MARRIAGE),
                   "death": civil_event_draft(ctx, Occasion.DEATH),
                   "apology": late_draft(ctx), "thanks": thanks_draft(ctx)}
    ids = {key: make(ctx, d) for key, d in drafts_made.items()}
    rows = {key: queries.get_letter(ctx, i) for key, i in ids.items()}
    yield ctx, drafts_made, rows
    ctx.engine.dispose()


def read_back(ctx, ids, **kw) -> tuple[object, PdfReader]:
    printout = run_to_end(printing.print_letters(ctx, ids, **kw))
    return printout, PdfReader(io.BytesIO(printout.pdf))


def page_texts(reader: PdfReader) -> list[str]:
    return [flat(p.extract_text()) for p in reader.pages]


TITLES = {"birth": "THƯ CHÚC MỪNG", "marriage": "THƯ CHÚC MỪNG", "death": "THƯ CHIA BUỒN",
          "apology": "THƯ XIN LỖI", "thanks": "THƯ CẢM ƠN"}


@pytest.mark.parametrize("key", list(TITLES))
def test_each_letter_reads_back_word_for_word_on_one_a4_page(demo, key):
    ctx, made, rows = demo
    row = rows[key]
    printout, reader = read_back(ctx, [row.id])
    assert printout.page_count == len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width), 1), round(float(box.height), 1)) == (595.3, 841.9)
    [text] = page_texts(reader)
    chairman = settings.profile(ctx).chairman_name
    assert re.fullmatch(r"\d{2,}/TC-UBND", row.number_text)
    assert row.title == TITLES[key]
    for piece in ("ỦY BAN NHÂN DÂN XÃ QUANG TRUNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                  "Độc lập - Tự do - Hạnh phúc", f"Số: {row.number_text}",
                  f"Quang Trung, {long_date(DAY)}", TITLES[key], f"Kính gửi: {row.addressee}",
                  "Nơi nhận: - Như trên; - Lưu: VT.",
                  f"TM. ỦY BAN NHÂN DÂN CHỦ TỊCH {chairman}", *row.body):
        assert flat(piece) in text, piece
    values = made[key].values
    if key != "marriage":  # the couple's names are read one by one below
        assert flat(row.recipient_name) in text and row.recipient_name in row.addressee
    if key == "birth":
        assert row.addressee.startswith(("Gia đình ông ", "Gia đình bà "))
        assert (f"vừa đón thêm thành viên mới là cháu {values['ten_con']}, đã được đăng ký "
                f"khai sinh tại Ủy ban nhân dân xã {values['ngay_dang_ky']}.") in text
    elif key == "marriage":
        assert row.addressee == f"Anh {values['chu_re']} và chị {values['co_dau']}"
        assert (f"vui mừng được biết anh {values['chu_re']} và chị {values['co_dau']} đã đăng "
                f"ký kết hôn tại Ủy ban nhân dân xã {values['ngay_dang_ky']}") in text
    elif key == "death":
        assert f"nhận được tin {values.get('goi_nguoi_mat', '')} {values['nguoi_mat']}" in text
        assert "Xin thành kính phân ưu cùng gia đình./." in text
    elif key == "apology":
        assert f"mã hồ sơ {values['ho_so']}" in text
        assert f"vì đã {flat(values['ly_do'])}. Sự việc này đã gây phiền hà" in text
    else:
        goi = "gia đình bà" if row.addressee.startswith("Gia đình bà") else "gia đình ông"
        assert row.body[0] == (f"Ủy ban nhân dân xã Quang Trung trân trọng cảm ơn {goi} đã "
                               f"{DEED}.")


def test_every_font_is_embedded_and_no_page_is_blank(demo):
    ctx, _made, rows = demo
    _printout, reader = read_back(ctx, [r.id for r in rows.values()])
    seen = set()
    for page in reader.pages:
        assert flat(page.extract_text()), "a blank page"
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            seen.add(str(font["/BaseFont"]))
            if "/DescendantFonts" in font:
                font = font["/DescendantFonts"][0].get_object()
            assert "/FontDescriptor" in font, f"{font.get('/BaseFont')} is not embedded"
            assert "/FontFile2" in font["/FontDescriptor"].get_object(), font.get("/BaseFont")
    assert seen and not any("Helvetica" in name or "Times" in name for name in seen)


def test_a_batch_of_n_letters_has_n_pages_in_the_order_given(demo):
    ctx, _made, rows = demo
    order = [rows[k] for k in ("thanks", "death", "birth", "apology", "marriage")]
    printout, reader = read_back(ctx, [r.id for r in order])
    assert printout.page_count == len(reader.pages) == len(order)
    for text, row in zip(page_texts(reader), order, strict=True):
        assert f"Số: {row.number_text}" in text and f"Kính gửi: {row.addressee}" in text
    assert printout.page_size == "A4"


def test_a5_on_request_and_as_the_letter_was_made(demo):
    ctx, _made, rows = demo
    printout, reader = read_back(ctx, [rows["thanks"].id], page_size="A5")
    assert printout.page_size == "A5" and printout.page_count == len(reader.pages)
    for page in reader.pages:
        box = page.mediabox
        assert float(box.width) == pytest.approx(A5[0], abs=0.5)
        assert float(box.height) == pytest.approx(A5[1], abs=0.5)
    text = " ".join(page_texts(reader))
    assert "THƯ CẢM ƠN" in text and f"Kính gửi: {rows['thanks'].addressee}" in text
    assert flat(rows["thanks"].body[0]) in text
    small = make(ctx, thanks_draft(ctx, "A5"))
    printout, reader = read_back(ctx, [small])
    assert printout.page_size == "A5"
    assert float(reader.pages[0].mediabox.width) == pytest.approx(A5[0], abs=0.5)
    # letters of two sizes in one batch go on A4
    printout, _reader = read_back(ctx, [small, rows["birth"].id])
    assert printout.page_size == "A4"


def test_text_typed_by_the_clerk_prints_as_typed(demo):
    ctx, _made, _rows = demo
    draft = thanks_draft(ctx)
    draft.values["viec_lam"] = "hiến đất làm đường <thôn Đông> & sửa cầu"
    row = queries.get_letter(ctx, make(ctx, draft))
    _printout, reader = read_back(ctx, [row.id])
    assert "đã hiến đất làm đường <thôn Đông> & sửa cầu." in page_texts(reader)[0]
