"""`python -m app print …`: register lists and the test page written to PDF files."""

import io

import pytest
from pypdf import PdfReader

from app.cli import main
from app.database import open_database


@pytest.fixture
def db(tmp_path, sample_maker):
    path = tmp_path / "office.sqlite3"
    ctx = sample_maker(open_database(path))
    ctx.engine.dispose()
    return path


def pdf_text(path) -> str:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return " ".join(" ".join(p.extract_text() for p in reader.pages).split())


def test_print_households_of_a_village_typed_without_diacritics(db, tmp_path, capsys):
    out = tmp_path / "ho.pdf"
    assert main(["--db", str(db), "print", "households", "--village", "dong lac", "-o",
                 str(out)]) == 0
    text = pdf_text(out)
    assert "DANH SÁCH HỘ GIA ĐÌNH THÔN ĐỒNG LẠC" in text
    assert "DL-001 Nguyễn Văn Thắng Xóm 1 3" in text
    assert "Đặng Thị Hà" not in text  # she lives in Phú Thọ
    assert "1 trang khổ A4" in capsys.readouterr().out


def test_print_residents_of_every_village(db, tmp_path):
    out = tmp_path / "nk.pdf"
    assert main(["--db", str(db), "print", "residents", "-o", str(out)]) == 0
    text = pdf_text(out)
    assert "DANH SÁCH NHÂN KHẨU XÃ QUANG TRUNG" in text
    assert "THÔN ĐỒNG LẠC" in text and "THÔN PHÚ THỌ" in text
    assert "Đặng Thị Hà" in text and "*********002" in text and "038185000002" not in text
    box = PdfReader(io.BytesIO(out.read_bytes())).pages[0].mediabox
    assert float(box.width) > float(box.height)  # landscape


def test_print_sample_default_name(db, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["--db", str(db), "print", "sample", "--size", "A5"]) == 0
    [made] = list(tmp_path.glob("thu-cong-in-thu-a5-*.pdf"))
    assert "THƯ CÔNG" in pdf_text(made)


def test_unknown_village_is_a_vietnamese_error(db, tmp_path, capsys):
    assert main(["--db", str(db), "print", "households", "--village", "Hà Nội", "-o",
                 str(tmp_path / "x.pdf")]) == 1
    err = capsys.readouterr().err
    assert "Không có thôn “Hà Nội”" in err and "Đồng Lạc" in err
    assert not (tmp_path / "x.pdf").exists()
