"""Where things land on the page (pdfplumber character positions), against Nghị định 30/2020:
nothing inside the margins but the page number, the header's shared baselines, the italic
place-and-date line, sizes and styles from the reference table, rules, justified body."""

from __future__ import annotations

import datetime as dt
import io
import re

import pdfplumber
import pytest

from app import settings
from app.jobs import run_to_end
from app.paper.documents import household_list, resident_list, sample_letter
from app.paper.letter import Letter, Letterhead, letter_flowables
from app.paper.signature import Signer
from app.paper.styles import page_spec
from app.paper.template import batch, build_pdf

MM = 72 / 25.4
DAY = dt.date(2023, 11, 5)
DATE_LINE = re.compile(r"^.+, ngày \d{2} tháng (\d{2}|[3-9]|1[0-2]) năm \d{4}$")
BODY = ("Thực hiện Kế hoạch số 05/KH-UBND của Ủy ban nhân dân xã về xây dựng mô hình “Chính "
        "quyền thân thiện, vì Nhân dân phục vụ”, các bộ phận chuyên môn đã triển khai đồng bộ "
        "nhiều giải pháp: niêm yết công khai thủ tục hành chính, tiếp nhận và trả kết quả đúng "
        "hẹn, lắng nghe ý kiến của Nhân dân và trả lời kịp thời các kiến nghị, phản ánh.")


@pytest.fixture
def office(ctx):
    """The conftest sample commune (it has a parent unit: a three-line agency column)."""
    return ctx


def long_letter(pages_of_body: int = 3, number: str = "05/BC-UBND") -> Letter:
    return Letter(
        head=Letterhead("Quang Trung", "UBND tỉnh Thanh Hóa"), number=number,
        place_date="Quang Trung, ngày 05 tháng 11 năm 2023", doc_type="Báo cáo",
        subject="Kết quả thực hiện mô hình “Chính quyền thân thiện” năm 2023",
        addressees=("Ủy ban nhân dân tỉnh Thanh Hóa",),
        body=(BODY,) * (6 * pages_of_body),
        signer=Signer(("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"), "Nguyễn Văn Thắng"),
        copies_to=("UBND tỉnh Thanh Hóa", "Lưu: VT."), qr="000.17.22.H56")


def letter_pdf(letters: list[Letter], size: str = "A4", paper=None) -> bytes:
    spec = page_spec(size, paper)
    flow = batch([letter_flowables(spec, x) for x in letters])
    return run_to_end(build_pdf(spec, flow, title="t", suggested_name="t.pdf")).pdf


def margins_of(size: str, paper=None) -> tuple[float, float, float, float]:
    s = page_spec(size, paper)
    return s.top, s.bottom, s.left, s.right


def baseline(c) -> float:
    return round(c["matrix"][5], 2)


def runs(page, gap: float = 4) -> list[list[dict]]:
    """Characters grouped into runs: same baseline, no horizontal gap wider than `gap`."""
    by_line: dict[float, list[dict]] = {}
    for c in page.chars:
        by_line.setdefault(baseline(c), []).append(c)
    out = []
    for _y, chars in sorted(by_line.items(), key=lambda kv: -kv[0]):
        chars.sort(key=lambda c: c["x0"])
        run = [chars[0]]
        for c in chars[1:]:
            if c["x0"] - run[-1]["x1"] > gap:
                out.append(run)
                run = []
            run.append(c)
        out.append(run)
    return out


def text(run) -> str:
    return "".join(c["text"] for c in run).replace("\u00a0", " ")


def find(page, pattern: str) -> list[dict]:
    hits = [r for r in runs(page) if re.match(pattern, text(r))]
    assert hits, (pattern, [text(r) for r in runs(page)][:12])
    return hits[0]


def outside(page, top, bottom, left, right, tol=0.05):
    W, H = page.width, page.height
    objs = [*page.chars, *page.rects, *page.lines, *page.curves, *page.images]
    return [o for o in objs if o["x0"] < left - tol or o["x1"] > W - right + tol
            or o["top"] < top - tol or o["bottom"] > H - bottom + tol]


def check_margins(pdf: bytes, size: str, paper=None) -> int:
    top, bottom, left, right = margins_of(size, paper)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for number, page in enumerate(doc.pages, start=1):
            stray = outside(page, top, bottom, left, right)
            in_top = [o for o in stray if o["bottom"] <= top]
            assert len(stray) == len(in_top), [(o.get("text"), o["x0"], o["top"]) for o in stray]
            if number == 1:
                assert in_top == []  # no page number on the first page
            else:
                assert "".join(c["text"] for c in in_top) == str(number)
                centre = (min(c["x0"] for c in in_top) + max(c["x1"] for c in in_top)) / 2
                assert abs(centre - (left + (page.width - left - right) / 2)) < 1
        return len(doc.pages)


@pytest.mark.parametrize("kind", ["sample", "sample_a5", "households", "residents"])
def test_nothing_inside_the_margins(office, kind):
    make = {"sample": lambda: sample_letter(office, today=DAY),
            "sample_a5": lambda: sample_letter(office, page_size="A5", today=DAY),
            "households": lambda: household_list(office, today=DAY),
            "residents": lambda: resident_list(office, today=DAY)}[kind]
    p = run_to_end(make())
    assert check_margins(p.pdf, p.page_size) == p.page_count


def test_long_letters_keep_their_margins_and_number_their_pages():
    pdf = letter_pdf([long_letter(3), long_letter(2, "06/BC-UBND")])
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        starts = [i for i, p in enumerate(doc.pages) if "CỘNG HÒA" in (p.extract_text() or "")]
        assert len(starts) == 2 and starts[1] >= 3
        top = page_spec("A4").top
        numbers = ["".join(c["text"] for c in p.chars if c["bottom"] <= top) for p in doc.pages]
    # page numbers restart with each document of the batch, none on a first page
    assert numbers[starts[1]] == "" and numbers[starts[1] + 1] == "2"
    assert numbers[:starts[1]] == ["", *[str(n) for n in range(2, starts[1] + 1)]]
    check_margins(letter_pdf([long_letter(3)]), "A4")


def test_margins_come_from_the_settings(office):
    settings.save_paper(office, {"margin_top_mm": 25, "margin_bottom_mm": 25,
                                 "margin_left_mm": 35, "margin_right_mm": 20,
                                 "body_font_size": 14})
    paper = settings.paper(office)
    p = run_to_end(sample_letter(office, today=DAY))
    check_margins(p.pdf, "A4", paper)
    with pdfplumber.open(io.BytesIO(p.pdf)) as doc:
        page = doc.pages[0]
        assert min(c["x0"] for c in page.chars) == pytest.approx(35 * MM, abs=0.5)
        assert max(c["x1"] for c in page.chars) == pytest.approx(page.width - 20 * MM, abs=1)
        assert min(c["top"] for c in page.chars) == pytest.approx(25 * MM, abs=2)
        body = find(page, "Ủy ban nhân dân xã Quang Trung gửi")
        assert {c["size"] for c in body} == {14}
    long = letter_pdf([long_letter(2)], paper=paper)
    check_margins(long, "A4", paper)


@pytest.mark.parametrize(("size", "day"), [("A4", DAY), ("A5", dt.date(2024, 1, 5)),
                                           ("A4", dt.date(2019, 6, 29))])
def test_header_baselines_and_the_date_line(office, size, day):
    p = run_to_end(sample_letter(office, page_size=size, today=day))
    with pdfplumber.open(io.BytesIO(p.pdf)) as doc:
        page = doc.pages[0]
        parent = find(page, "UBND TỈNH THANH HÓA$")
        national = find(page, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM$")
        agency = find(page, "ỦY BAN NHÂN DÂN$")
        motto = find(page, "Độc lập - Tự do - Hạnh phúc$")
        commune = find(page, "XÃ QUANG TRUNG$")
        number = find(page, r"Số:\s+/TC-UBND$")
        date = find(page, "Quang Trung, ngày")
        # rows of the two columns share baselines
        assert baseline(parent[0]) == baseline(national[0])
        assert baseline(agency[0]) == baseline(motto[0])
        assert baseline(commune[0]) < baseline(motto[0])
        assert baseline(number[0]) == baseline(date[0])
        # left column left of the right column
        assert max(c["x1"] for c in commune) < min(c["x0"] for c in national)
        assert DATE_LINE.match(text(date)), text(date)
        d, m, y = re.search(r"ngày (\d+) tháng (\d+) năm (\d+)", text(date)).groups()
        assert (int(d), int(m), int(y)) == (day.day, day.month, day.year)
        assert (m.startswith("0")) == (day.month <= 2)
        assert all("Italic" in c["fontname"] for c in date)


def sizes(run) -> set[float]:
    return {round(c["size"], 1) for c in run}


def styles(run) -> set[str]:
    return {c["fontname"].split("+")[-1] for c in run if c["text"].strip()}


def test_sizes_and_styles_follow_the_reference_table():
    pdf = letter_pdf([long_letter(1)])
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        page = doc.pages[0]
        want = [  # (pattern, sizes allowed, font)
            ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM$", (12, 13), "LiberationSerif-Bold"),
            ("Độc lập - Tự do - Hạnh phúc$", (13, 14), "LiberationSerif-Bold"),
            ("UBND TỈNH THANH HÓA$", (12, 13), "LiberationSerif"),
            ("ỦY BAN NHÂN DÂN$", (12, 13), "LiberationSerif-Bold"),
            ("XÃ QUANG TRUNG$", (12, 13), "LiberationSerif-Bold"),
            ("Số: 05/BC-UBND$", (13, 13), "LiberationSerif"),
            ("Quang Trung, ngày", (13, 14), "LiberationSerif-Italic"),
            ("BÁO CÁO$", (13, 14), "LiberationSerif-Bold"),
            ("Kết quả thực hiện mô hình", (13, 14), "LiberationSerif-Bold"),
            ("Kính gửi: Ủy ban nhân dân tỉnh Thanh Hóa$", (13, 14), "LiberationSerif"),
        ]
        for pattern, (low, high), font in want:
            run = find(page, pattern)
            assert all(low <= s <= high for s in sizes(run)), (pattern, sizes(run))
            assert styles(run) == {font}, (pattern, styles(run))
        last = doc.pages[-1]
        for pattern, (low, high), font in [
            ("Nơi nhận:$", (12, 12), "LiberationSerif-BoldItalic"),
            ("- Lưu: VT.$", (11, 11), "LiberationSerif"),
            ("TM. ỦY BAN NHÂN DÂN$", (13, 14), "LiberationSerif-Bold"),
            ("CHỦ TỊCH$", (13, 14), "LiberationSerif-Bold"),
            ("Nguyễn Văn Thắng$", (13, 14), "LiberationSerif-Bold"),
        ]:
            run = find(last, pattern)
            assert all(low <= s <= high for s in sizes(run)), (pattern, sizes(run))
            assert styles(run) == {font}, (pattern, styles(run))
        # Nơi nhận on the left, the signing block on the right, side by side
        assert baseline(find(last, "Nơi nhận:")[0]) == baseline(find(last, "TM. ỦY BAN")[0])
        assert find(last, "TM. ỦY BAN")[0]["x0"] > last.width / 2


def test_rules_under_the_agency_the_motto_and_the_subject():
    pdf = letter_pdf([long_letter(1)])
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        page = doc.pages[0]
        rules = sorted(page.lines, key=lambda r: (r["top"], r["x0"]))
        commune, motto = find(page, "XÃ QUANG TRUNG$"), find(page, "Độc lập")
        subject = find(page, "Kết quả thực hiện mô hình")

        def under(run):
            x0, x1 = min(c["x0"] for c in run), max(c["x1"] for c in run)
            below = [r for r in rules if 0 < r["top"] - run[0]["bottom"] < 8
                     and x0 - 1 <= r["x0"] and r["x1"] <= x1 + 1]
            assert len(below) == 1, [text(run), below]
            r = below[0]
            assert abs((r["x0"] + r["x1"]) / 2 - (x0 + x1) / 2) < 1  # centred
            return (r["x1"] - r["x0"]) / (x1 - x0)

        agency_width = max(c["x1"] for c in find(page, "ỦY BAN NHÂN DÂN$")) - min(
            c["x0"] for c in find(page, "ỦY BAN NHÂN DÂN$"))
        commune_width = max(c["x1"] for c in commune) - min(c["x0"] for c in commune)
        short = under(commune) * commune_width / max(agency_width, commune_width)
        assert 1 / 3 <= short <= 1 / 2
        assert under(motto) == pytest.approx(1, abs=0.02)  # as long as the text
        assert 1 / 3 <= under(subject) <= 1 / 2


def test_body_is_justified_with_a_first_line_indent():
    pdf = letter_pdf([long_letter(1)])
    spec = page_spec("A4")
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        page = doc.pages[0]
        lines = [r for r in runs(page) if r[0]["size"] == 13
                 and r[0]["fontname"].endswith("+LiberationSerif") and len(r) > 30
                 and not text(r).startswith("Kính gửi")]
        starts = [r for r in lines if text(r).startswith("Thực hiện Kế hoạch")]
        assert starts
        for r in starts:  # first line indented 1–1.27 cm
            assert 10 * MM - 0.5 <= r[0]["x0"] - spec.left <= 12.7 * MM + 0.5
        full = [r for r in lines if not text(r).startswith("Thực hiện") and
                not text(r).rstrip().endswith(".")]
        assert full
        for r in full:  # inner lines fill the measure: justified
            assert r[0]["x0"] == pytest.approx(spec.left, abs=0.5)
            assert max(c["x1"] for c in r) == pytest.approx(page.width - spec.right, abs=1)
        # at least 6 pt between paragraphs: a paragraph's first line sits one leading + 6 pt
        # under the previous line
        ys = [baseline(r[0]) for r in lines]
        gaps = {round(a - b, 1) for a, b in zip(ys, ys[1:], strict=False)}
        assert min(gaps) >= 13 * 1.2 and max(gaps) >= min(gaps) + 6
