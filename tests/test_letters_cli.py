"""`python -m app letters …`, `print letters …` and `print letter N/YEAR`, run for real on a
demo database file (built once for the module).

The letters asserted on are made here through app.letters.service, dated today: one for each
occasion waiting in the queue of suggestions, and two thank-you letters from scratch. The
demo may hold letters of its own; what the commands should show is computed with
app.letters.queries, so the tests hold either way.
"""

from __future__ import annotations

import io
import json

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from app.cli import main
from app.database import open_database
from app.demo import DEMO_SEED, build_demo
from app.jobs import run_to_end
from app.l10n import today
from app.letters import drafts, queries, service
from app.letters.types import Filters, LetterKind, Occasion
from db.models import Household

DEED = "tự nguyện hiến 120 m² đất để mở rộng đường liên thôn"
KEYS = {"id", "reference", "number", "year", "number_text", "date", "kind", "kind_label",
        "occasion", "occasion_label", "addressee", "recipient", "address", "village", "event",
        "signer", "page_size", "duplicate_reason", "printed", "printed_at", "print_count",
        "delivered", "delivered_at", "delivery_method", "delivery_label", "delivered_by"}


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    path = tmp_path_factory.mktemp("letters") / "quang-trung.sqlite3"
    ctx = open_database(path)
    try:
        run_to_end(build_demo(ctx, DEMO_SEED))
        day = today()
        queued = {}
        for g in queries.suggestions(ctx, day):
            queued.setdefault(g.occasion, g)
        ids = [service.create_letter(ctx, g.draft) for g in queued.values()]
        with ctx.read() as s:
            homes = list(s.scalars(select(Household.id).where(Household.head_id.is_not(None))
                                   .order_by(Household.id).limit(2)))
            thanks = [drafts.household_draft(s, h, Occasion.LAND, day) for h in homes]
        for d in thanks:
            d.values["viec_lam"] = DEED
        ids += service.create_batch(ctx, thanks)
        rows = queries.get_letters(ctx, ids)
    finally:
        ctx.engine.dispose()
    return path, day, rows


def run(office, *argv: str) -> int:
    return main(["--db", str(office[0]), *argv])


def reopen(office):
    return open_database(office[0])


def pdf_pages(path) -> list[str]:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return [" ".join(p.extract_text().split()) for p in reader.pages]


def ours(office, kind: LetterKind | None = None):
    return [r for r in office[2] if kind is None or r.kind == kind]


def test_the_register_as_json_newest_first_with_the_counts(office, capsys):
    _path, day, made = office
    d = f"{day:%d/%m/%Y}"
    assert run(office, "letters", "--from", d, "--to", d, "--json") == 0
    data = json.loads(capsys.readouterr().out)
    ctx = reopen(office)
    try:
        expected = queries.search_ids(ctx, Filters(start=day, end=day))
        counts = queries.counts(ctx, day, day)
    finally:
        ctx.engine.dispose()
    assert data["from"] == data["to"] == day.isoformat() and data["kind"] is None
    assert [x["id"] for x in data["letters"]] == expected and data["total"] == len(expected)
    assert all(set(x) == KEYS for x in data["letters"])
    assert data["counts"] == {k.value: n for k, n in counts.items()}
    assert list(data["counts"]) == ["congratulation", "condolence", "apology", "thanks"]
    assert data["counts"]["thanks"] >= 2
    found = {x["id"]: x for x in data["letters"]}
    for row in made:
        x = found[row.id]
        assert (x["reference"], x["number_text"], x["date"]) == (
            row.reference, row.number_text, day.isoformat())
        assert (x["addressee"], x["village"], x["event"]) == (row.addressee, row.village,
                                                              row.about)
        assert (x["printed"], x["print_count"], x["delivered"]) == (False, 0, False)
    thanks = found[ours(office, LetterKind.THANKS)[0].id]
    assert (thanks["kind"], thanks["kind_label"], thanks["occasion_label"]) == (
        "thanks", "Thư cảm ơn", "Hiến đất, góp công")
    keys = [(x["date"], x["id"]) for x in data["letters"]]
    assert keys == sorted(keys, reverse=True)


@pytest.mark.parametrize("word", ["cam-on", "cảm ơn", "thanks"])
def test_the_register_of_one_kind_on_the_screen(office, capsys, word):
    _path, day, _made = office
    assert run(office, "letters", "--kind", word, "--from", f"{day:%d/%m/%Y}", "--to",
               day.isoformat()) == 0
    out = capsys.readouterr().out.splitlines()
    mine = ours(office, LetterKind.THANKS)
    for row in mine:
        [line] = [x for x in out if x.startswith(row.number_text + " ")]
        assert f"{day:%d/%m/%Y}  Thư cảm ơn" in line
        assert f"{row.addressee} – {row.village} – {row.about} – chưa in, chưa giao" in line
        assert row.about.startswith("Hiến đất, góp công: ")
    letters = [x for x in out if "/TC-UBND" in x]
    assert all("Thư cảm ơn" in x for x in letters) and len(letters) >= len(mine)
    assert f"Tổng số: {len(letters)} thư cảm ơn." in out
    assert out[-5] == f"Số thư theo loại, từ ngày {day:%d/%m/%Y} đến ngày {day:%d/%m/%Y}:"
    assert [x.split()[:3] for x in out[-4:]] == [
        ["Thư", "chúc", "mừng"], ["Thư", "chia", "buồn"], ["Thư", "xin", "lỗi"],
        ["Thư", "cảm", "ơn"]]
    assert int(out[-1].split()[-1]) >= len(mine)


def test_a_kind_that_does_not_exist(office, capsys):
    with pytest.raises(SystemExit) as exit_:
        run(office, "letters", "--kind", "thu-khen")
    assert exit_.value.code == 2
    assert "không có loại thư “thu-khen”" in capsys.readouterr().err


def test_print_a_batch_oldest_first_and_mark_it_printed(office, tmp_path, capsys):
    _path, day, _made = office
    d = f"{day:%d/%m/%Y}"
    ctx = reopen(office)
    try:
        ids = queries.search_ids(ctx, Filters(start=day, end=day, kind=LetterKind.THANKS))[::-1]
        before = {r.id: r.print_count for r in queries.get_letters(ctx, ids)}
    finally:
        ctx.engine.dispose()
    out = tmp_path / "cam-on.pdf"
    assert run(office, "print", "letters", "--from", d, "--to", d, "--kind", "cam-on", "-o",
               str(out)) == 0
    assert capsys.readouterr().out.strip() == (
        f"Đã in {len(ids)} thư: {len(ids)} trang khổ A4, tệp {out}.")
    ctx = reopen(office)
    try:
        rows = queries.get_letters(ctx, ids)
    finally:
        ctx.engine.dispose()
    pages = pdf_pages(out)
    assert len(pages) == len(ids) >= 2
    for text, row in zip(pages, rows, strict=True):
        assert f"Số: {row.number_text}" in text and f"Kính gửi: {row.addressee}" in text
        assert f"cảm ơn {row.salutation.lower()} đã {DEED}." in text
        assert row.printed_at is not None and row.print_count == before[row.id] + 1
    numbers = [(r.letter_date, r.id) for r in rows]
    assert numbers == sorted(numbers)


def test_print_a_period_with_no_letter(office, tmp_path, capsys):
    out = tmp_path / "none.pdf"
    assert run(office, "print", "letters", "--from", "01/01/2000", "--to", "31/12/2000",
               "-o", str(out)) == 1
    assert capsys.readouterr().err.strip() == (
        "Lỗi: Không có thư nào từ ngày 01/01/2000 đến ngày 31/12/2000: chưa in gì.")
    assert run(office, "print", "letters", "--from", "2000-01-01", "--to", "2000-12-31",
               "--kind", "xin-loi", "-o", str(out)) == 1
    assert "Không có thư xin lỗi nào từ ngày 01/01/2000" in capsys.readouterr().err
    assert run(office, "print", "letters", "--from", "31/12/2000", "--to", "01/01/2000",
               "-o", str(out)) == 1
    assert "Ngày kết thúc phải sau ngày bắt đầu." in capsys.readouterr().err
    assert not out.exists()


def test_reprint_one_letter_by_number_and_year(office, tmp_path, capsys):
    row = ours(office)[0]
    ctx = reopen(office)
    try:
        count = queries.get_letter(ctx, row.id).print_count
    finally:
        ctx.engine.dispose()
    out = tmp_path / "mot.pdf"
    assert run(office, "print", "letter", row.reference, "-o", str(out)) == 0
    assert capsys.readouterr().out.strip() == (
        f"Đã in thư số {row.number_text} ngày {row.letter_date:%d/%m/%Y} gửi {row.addressee} "
        f"(lần in thứ {count + 1}): 1 trang khổ A4, tệp {out}.")
    [text] = pdf_pages(out)
    assert f"Số: {row.number_text}" in text and row.title in text
    assert " ".join(row.body[0].split()) in text
    a5 = tmp_path / "mot-a5.pdf"
    assert run(office, "print", "letter", f"{row.number:02d}/TC-UBND/{row.year}", "--size",
               "A5", "-o", str(a5)) == 0
    box = PdfReader(io.BytesIO(a5.read_bytes())).pages[0].mediabox
    assert float(box.width) == pytest.approx(419.5, abs=0.5)
    assert f"(lần in thứ {count + 2})" in capsys.readouterr().out


def test_reprint_a_letter_that_is_not_there(office, tmp_path, capsys):
    out = tmp_path / "x.pdf"
    assert run(office, "print", "letter", "9999/2000", "-o", str(out)) == 1
    assert capsys.readouterr().err.strip() == (
        "Lỗi: Không có thư số “9999/2000” trong sổ theo dõi thư.")  # as it was typed
    assert run(office, "print", "letter", "thu-5", "-o", str(out)) == 1
    assert "“thu-5” không phải số thư: hãy ghi số/năm, ví dụ 5/2023." in capsys.readouterr().err
    assert not out.exists()
