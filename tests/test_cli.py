"""The command line as a clerk meets it: a read command never creates a database, `--demo`
works for every command, "not found" quotes what was typed, `--help` is all Vietnamese, and
the two entry points (`python -m app`, `commune-desk`) share one parser.

The demo build is slow (about 15 s), so `--demo` is tried on a demo trimmed to its first
stages (profile, accounts, procedures, villages): what is tested is the command line's
plumbing, built once for the module.
"""

from __future__ import annotations

import argparse
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from app import cli
from app.cli import main
from app.database import open_database

ROOT = Path(__file__).resolve().parents[1]

# a command of each kind that reads the commune's data, as a clerk would type it
READS = [
    ["users"], ["check"], ["backup"], ["search", "nguyen van"], ["dossiers"], ["letters"],
    ["workdays", "13/02/2026 10:00", "3"], ["print", "slip", "ABC-1", "-o", "x.pdf"],
    ["print", "households", "-o", "x.pdf"], ["print", "letter", "5/2023"],
    ["report", "tthc", "--from", "01/01/2025", "--to", "31/12/2025"],
]


@pytest.fixture
def fresh_data(tmp_path, monkeypatch):
    """A user data folder that does not exist yet, and no COMMUNE_DESK_DB."""
    data = tmp_path / "data"
    monkeypatch.setenv("COMMUNE_DESK_DATA", str(data))
    monkeypatch.delenv("COMMUNE_DESK_DB", raising=False)
    monkeypatch.chdir(tmp_path)
    return data


def files_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*")) if folder.exists() else []


@pytest.mark.parametrize("argv", READS, ids=lambda a: " ".join(a[:2]))
def test_a_read_command_on_a_missing_database_creates_nothing(fresh_data, tmp_path, argv,
                                                              capsys):
    before = files_under(tmp_path)
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert "Không tìm thấy tệp dữ liệu" in err and str(fresh_data / "commune-desk.sqlite3") in err
    assert "--db" in err and "--demo" in err
    assert f"python -m app --demo {argv[0]}" in err  # the same command, on the demo commune
    assert not fresh_data.exists()  # no database, and no data folder either
    assert files_under(tmp_path) == before


def test_a_missing_db_named_with_db_is_refused_too(fresh_data, tmp_path, capsys):
    wanted = tmp_path / "xa" / "du-lieu.sqlite3"
    assert main(["--db", str(wanted), "letters", "--kind", "chia buồn"]) == 1
    err = capsys.readouterr().err
    assert str(wanted) in err
    assert 'python -m app --demo letters --kind "chia buồn"' in err  # --db left out
    assert not wanted.parent.exists() and not fresh_data.exists()


def test_restore_may_put_a_backup_onto_a_new_path(fresh_data, tmp_path, sample_maker, capsys):
    backup = tmp_path / "saoluu.sqlite3"
    sample_maker(open_database(backup)).engine.dispose()
    target = tmp_path / "may-moi" / "xa.sqlite3"
    assert main(["--db", str(target), "restore", str(backup)]) == 0
    assert target.is_file()
    assert main(["--db", str(target), "users", "--json"]) == 0
    names = [u["username"] for u in json.loads(capsys.readouterr().out.split("\n", 1)[1])]
    assert sorted(names) == ["admin", "canbo"]


# -- --demo COMMAND -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def small_demo(tmp_path_factory):
    """The data folder where `--demo users` built the (trimmed) demo; what it printed."""
    from app.demo import commune

    data = tmp_path_factory.mktemp("demo-data") / "data"
    keep = {"profile", "staff", "catalogue", "villages"}
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("COMMUNE_DESK_DATA", str(data))
        mp.delenv("COMMUNE_DESK_DB", raising=False)
        mp.setattr(commune, "STAGES", [st for st in commune.STAGES if st.key in keep])
        out, err = io.StringIO(), io.StringIO()
        mp.setattr(sys, "stdout", out)
        mp.setattr(sys, "stderr", err)
        code = main(["--demo", "users"])
    return data, code, out.getvalue(), err.getvalue()


def test_demo_builds_the_demo_once_then_runs_the_command(small_demo, monkeypatch, capsys):
    data, code, out, err = small_demo
    assert code == 0
    assert (data / "demo-quang-trung.sqlite3").is_file()
    assert "Chưa có xã mẫu Quang Trung" in err and "đang tạo" in err and "quangtrung" in err
    assert "motcua" in out and "Trần Thị Thu Hà" in out and "chutich" in out
    monkeypatch.setenv("COMMUNE_DESK_DATA", str(data))
    assert main(["--demo", "users", "--json"]) == 0
    again = capsys.readouterr()
    assert "đang tạo" not in again.err  # built already: not again
    assert len(json.loads(again.out)) == 8


@pytest.mark.parametrize("argv,shows", [
    (["letters"], "Số thư theo loại"),
    (["dossiers"], "Tổng số: 0 hồ sơ."),
    (["workdays", "30/04/2026 10:00", "1"], "Hạn trả kết quả"),
    (["check"], "Kết quả: tốt"),
    (["search", "quang"], "khớp với “quang”"),
])
def test_demo_works_for_every_command(small_demo, monkeypatch, capsys, argv, shows):
    monkeypatch.setenv("COMMUNE_DESK_DATA", str(small_demo[0]))
    assert main(["--demo", *argv]) == 0
    assert shows in capsys.readouterr().out


def test_demo_prints_and_reports(small_demo, monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("COMMUNE_DESK_DATA", str(small_demo[0]))
    board = tmp_path / "niem-yet.pdf"
    assert main(["--demo", "print", "fee-board", "-o", str(board)]) == 0
    assert PdfReader(io.BytesIO(board.read_bytes())).pages
    report = tmp_path / "bieu06.pdf"
    assert main(["--demo", "report", "tthc", "--from", "01/01/2025", "--to", "31/12/2025",
                 "--user", "MOTCUA", "-o", str(report)]) == 0
    text = " ".join(PdfReader(io.BytesIO(report.read_bytes())).pages[-1].extract_text().split())
    assert "NGƯỜI LẬP BIỂU" in text and "Trần Thị Thu Hà" in text  # --user, any case
    assert main(["--demo", "report", "tthc", "--from", "01/01/2025", "--to", "31/12/2025",
                 "--user", "ai-do", "-o", str(report)]) == 1
    assert "Không có tài khoản “ai-do”" in capsys.readouterr().err


def test_the_commune_desk_entry_runs_commands_without_qt(small_demo):
    """`commune-desk --demo users` runs the command from ui.main and never loads Qt."""
    code = ("import sys; from ui.main import main; rc = main(['--demo', 'users', '--json']); "
            "assert 'PySide6' not in sys.modules, 'Qt was loaded'; sys.exit(rc)")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, encoding="utf-8", timeout=120,
                          env={**_env(), "COMMUNE_DESK_DATA": str(small_demo[0])})
    assert done.returncode == 0, done.stderr
    assert "motcua" in done.stdout


def _env() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if k != "COMMUNE_DESK_DB"}


# -- not found: what was typed ---------------------------------------------------------------

@pytest.fixture
def office(tmp_path, sample_maker, monkeypatch):
    monkeypatch.setenv("COMMUNE_DESK_DATA", str(tmp_path / "data"))
    path = tmp_path / "xa.sqlite3"
    sample_maker(open_database(path)).engine.dispose()
    return path


@pytest.mark.parametrize("argv,message", [
    (["print", "slip", "000.17.22.H56-251103-9999"],
     "Không tìm thấy hồ sơ “000.17.22.H56-251103-9999”."),
    (["print", "control", "-1"], "Không tìm thấy hồ sơ “-1”."),
    (["print", "letter", "99/2023"], "Không có thư số “99/2023” trong sổ theo dõi thư."),
    (["print", "letter", "thư cũ"], "“thư cũ” không phải số thư"),
    (["print", "households", "--village", "Hà Nội"], "Không có thôn “Hà Nội”"),
    (["print", "fees", "--user", "Ai Đó"], "Không có tài khoản “Ai Đó”."),
    (["report", "tthc", "--from", "01/01/2025", "--to", "31/12/2025", "--user", "khong-co",
      "-o", "b.pdf"], "Không có tài khoản “khong-co”."),
    (["search", "zzqq"], "Không tìm thấy nhân khẩu, hộ gia đình hay hồ sơ nào khớp với “zzqq”."),
])
def test_not_found_quotes_what_was_typed(office, tmp_path, monkeypatch, capsys, argv, message):
    monkeypatch.chdir(tmp_path)
    code = main(["--db", str(office), *argv])
    captured = capsys.readouterr()
    assert message in captured.err + captured.out
    assert code == (0 if argv[0] == "search" else 1)


# -- help and entry points ---------------------------------------------------------------------

ENGLISH = re.compile(r"\b(usage|positional|optional arguments|options|show this help|show "
                     r"program|error|expected|required|invalid|FILE|PATH|CODE|COMMAND|DOCUMENT|"
                     r"REPORT|USERNAME|NAME|START|NUMBER|YEAR|TEXT|DEST)\b")


def _parsers(parser: argparse.ArgumentParser):
    """The parser and every parser under it (commands, print's documents, report's kinds)."""
    yield parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):
                yield from _parsers(sub)


@pytest.mark.parametrize("window", [False, True], ids=["python -m app", "commune-desk"])
def test_help_is_all_vietnamese(window):
    cli.setup_console()
    parser = cli.build_parser(cli.WINDOW_PROG if window else cli.PROG, window=window)
    seen = 0
    for p in _parsers(parser):
        text = p.format_help()
        assert text.startswith("Cách dùng: ")
        assert "tùy chọn:" in text and "xem hướng dẫn này rồi thoát" in text
        wrong = ENGLISH.findall(text)
        assert not wrong, f"{p.prog}: {wrong}\n{text}"
        seen += 1
    assert seen > 20  # the commands and the documents of print were all looked at


def test_argparse_errors_are_vietnamese(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["report", "tthc", "--from", "01/01/2025"])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("Cách dùng: python -m app report tthc")
    assert "python -m app report tthc: lỗi: còn thiếu tham số: --to" in err
    with pytest.raises(SystemExit):
        main(["dossiers", "--limit", "nhiều"])
    assert "tham số --limit: “nhiều” không phải số nguyên không âm" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["in"])
    assert "không có lựa chọn 'in' (chọn một trong: 'demo'," in capsys.readouterr().err


def test_argparse_words_in_english_when_asked(monkeypatch):
    from app.i18n import set_language

    monkeypatch.setenv("COMMUNE_DESK_LANG", "en")
    try:
        cli.setup_console()
        text = cli.build_parser().format_help()
    finally:
        set_language("vi")
    assert text.startswith("usage: python -m app [-h] [--db FILE]")
    assert "show this help message and exit" in text and "COMMAND" in text


def test_python_m_app_without_a_command_says_where_the_window_is(capsys):
    assert main([]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Cách dùng: python -m app")
    assert "Muốn mở cửa sổ làm việc của chương trình, hãy gõ: commune-desk (hoặc python -m ui)" in err
    assert main(["--demo"]) == 2
    assert "hãy gõ: commune-desk --demo (hoặc python -m ui --demo)" in capsys.readouterr().err


def test_commune_desk_without_a_command_opens_the_window(monkeypatch):
    import ui.launch
    from ui.main import main as desk_main

    opened = []
    monkeypatch.setattr(ui.launch, "launch", lambda db=None, demo=False: opened.append(
        (db, demo)) or 0)
    assert desk_main([]) == 0
    assert desk_main(["--demo", "--db", "x.sqlite3"]) == 0
    assert opened == [(None, False), ("x.sqlite3", True)]


def test_help_loads_no_database_nor_paper_code():
    """The command modules keep SQLAlchemy, Alembic and ReportLab inside their run(): the
    whole parser is built without them (the help of the whole program stays quick)."""
    code = ("import sys; from app import cli; cli.setup_console(); cli.build_parser(); "
            "print(sorted(m for m in ('sqlalchemy', 'alembic', 'reportlab', 'PySide6') "
            "if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, timeout=60, env=_env())
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_every_command_module_is_in_the_table():
    """A command file that the table forgot would never run: the table lists them all."""
    found = {p.stem for p in (ROOT / "app" / "commands").glob("*.py")} - {"__init__", "common"}
    assert set(cli.COMMANDS) == found
    assert all(c.module.__name__ == f"app.commands.{name}" for name, c in cli.COMMANDS.items())


def test_reading_a_database_elsewhere_leaves_the_data_folder_alone(fresh_data, tmp_path,
                                                                   sample_maker, capsys):
    path = tmp_path / "xa.sqlite3"
    sample_maker(open_database(path)).engine.dispose()
    assert main(["--db", str(path), "users"]) == 0
    assert "canbo" in capsys.readouterr().out
    assert not fresh_data.exists()  # no backups folder made for a database already at head
