"""The self-test passes in-process, and the bundled font prints Vietnamese that reads back."""

from __future__ import annotations

import os
import unicodedata

import pytest

TEXT = unicodedata.normalize(
    "NFC",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM – Độc lập - Tự do - Hạnh phúc. "
    "Ông Nguyễn Văn Thắng, thôn Đồng Lạc, xã Quang Trung",
)


@pytest.fixture
def offscreen(monkeypatch):
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")


@pytest.mark.parametrize("entry", ["python -m app", "commune-desk"])
def test_selftest_passes(offscreen, tmp_path, monkeypatch, capsys, entry):
    """`commune-desk --selftest` (ui.main) adds the Qt check to the core's two; `python -m
    app --selftest` runs the core's only (app never loads Qt)."""
    data_dir = tmp_path / "data"
    monkeypatch.setenv("COMMUNE_DESK_DATA", str(data_dir))
    if entry == "commune-desk":
        from ui.main import main
    else:
        from app.cli import main

    assert main(["--selftest"]) == 0
    out = capsys.readouterr().out
    lines = out.strip().splitlines()
    assert lines[-1] == "OK"
    checks = 3 if entry == "commune-desk" else 2
    assert len(lines) == checks + 1  # one line per check, then OK
    assert ("Qt " in lines[0]) == (entry == "commune-desk")
    assert "[LỖI]" not in out
    # the throw-away database is made in a temporary folder, not the user's data folder
    assert os.environ["COMMUNE_DESK_DATA"] == str(data_dir)
    assert not data_dir.exists() or not any(data_dir.rglob("*.sqlite3"))


def test_a_broken_qt_is_a_failed_line(offscreen, monkeypatch, capsys):
    import builtins

    from app.selftest import run_selftest
    from ui.selfcheck import check_qt

    real_import = builtins.__import__

    def no_qt(name, *args, **kwargs):
        if name.startswith("PySide6"):
            raise ImportError("libGL.so.1: cannot open shared object file")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_qt)
    assert run_selftest([("Giao diện (Qt)", check_qt)]) == 1
    out = capsys.readouterr().out
    assert "[LỖI] Giao diện (Qt): không nạp được thư viện Qt (PySide6): libGL.so.1" in out
    assert "THẤT BẠI: 1/3 phép kiểm tra không đạt." in out


def test_selftest_reports_failure_in_vietnamese(offscreen, monkeypatch, capsys):
    from app import selftest

    def broken() -> str:
        raise selftest.SelftestFailure("phông chữ thiếu các ký tự: Ộ")

    monkeypatch.setattr(selftest, "CHECKS", [*selftest.CHECKS[:1], ("Tạo PDF", broken)])
    assert selftest.run_selftest() == 1
    out = capsys.readouterr().out
    assert "[LỖI] Tạo PDF: phông chữ thiếu các ký tự: Ộ" in out
    assert "OK" not in out.splitlines()


def test_register_fonts_is_idempotent():
    from reportlab.lib.fonts import tt2ps
    from reportlab.pdfbase import pdfmetrics

    from app.fonts import register_fonts

    first = register_fonts()
    names = set(pdfmetrics.getRegisteredFontNames())
    assert register_fonts() == first == "Serif"
    assert set(pdfmetrics.getRegisteredFontNames()) == names
    assert {"Serif", "Serif-Bold", "Serif-Italic", "Serif-BoldItalic"} <= names
    assert tt2ps(first, 1, 0) == "Serif-Bold"
    assert tt2ps(first, 0, 1) == "Serif-Italic"
    assert tt2ps(first, 1, 1) == "Serif-BoldItalic"


def test_pdf_with_bundled_font_reads_back_vietnamese(tmp_path):
    from pypdf import PdfReader
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from app.fonts import register_fonts

    family = register_fonts()
    out = tmp_path / "vi.pdf"
    style = ParagraphStyle("vi", fontName=family, fontSize=13, leading=16)
    doc = SimpleDocTemplate(str(out), pagesize=A4)
    doc.build([Paragraph(TEXT, style), Paragraph(f"<b>{TEXT}</b> <i>{TEXT}</i>", style)])

    data = out.read_bytes()
    assert data.startswith(b"%PDF")
    for face in (b"LiberationSerif", b"LiberationSerif-Bold", b"LiberationSerif-Italic"):
        assert face in data

    reader = PdfReader(str(out))
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().splitlines())
    assert unicodedata.is_normalized("NFC", text)
    assert TEXT in text
    assert text.count(TEXT) == 3
