"""Document numbers: per type and year, restart every 1 January, never shared by two papers."""

import datetime as dt
import shutil
import threading
from pathlib import Path

import pytest
from sqlalchemy import inspect, select

from app import resident_lists
from app.database import open_database, open_memory
from app.errors import DomainError
from app.paper import numbering
from app.paper.numbering import allocate, number_text
from db import migrate
from db.models import DocumentNumber

D = dt.date
FIXTURES = Path(__file__).with_name("fixtures")


@pytest.fixture
def mem():
    ctx = open_memory()
    yield ctx
    ctx.engine.dispose()


def take(ctx, doc_type, day, **kw):
    with ctx.write() as s:
        return allocate(s, doc_type, day, **kw)


def test_number_text():
    assert number_text("BC", 5) == "05/BC-UBND"
    assert number_text("QĐ", 12) == "12/QĐ-UBND"
    assert number_text("TTr", 123) == "123/TTr-UBND"
    assert number_text("CV", 12) == "12/UBND-VP"  # công văn: no type code
    assert number_text("CV", 3, unit="TP") == "03/UBND-TP"
    assert number_text("TC", None).endswith("/TC-UBND")  # a draft's blank
    with pytest.raises(DomainError, match="Loại văn bản"):
        number_text("XX", 1)


def test_numbers_run_per_type_and_restart_each_year(mem):
    assert [take(mem, "BC", D(2023, 1, 2)).text for _ in range(3)] == \
        ["01/BC-UBND", "02/BC-UBND", "03/BC-UBND"]
    assert take(mem, "TB", D(2023, 6, 1)).text == "01/TB-UBND"  # its own run
    assert take(mem, "CV", D(2023, 6, 1)).text == "01/UBND-VP"
    assert take(mem, "BC", D(2023, 12, 31)).number == 4
    first = take(mem, "BC", D(2024, 1, 1))
    assert (first.year, first.number, first.text) == (2024, 1, "01/BC-UBND")
    with mem.read() as s:
        assert numbering.last_number(s, "BC", 2023) == 4
        assert numbering.last_number(s, "BC", 2025) == 0


def test_a_number_belongs_to_the_callers_unit_of_work(mem):
    take(mem, "GM", D(2023, 5, 1))
    with pytest.raises(RuntimeError), mem.write() as s:
        assert allocate(s, "GM", D(2023, 5, 2), subject="Giấy mời họp").number == 2
        raise RuntimeError("the paper could not be recorded")
    # rolled back with the paper: no gap, the next paper gets 02
    issued = take(mem, "GM", D(2023, 5, 3), subject="Giấy mời họp", entity="meeting",
                  entity_id=7, username="motcua")
    assert issued.number == 2
    with mem.read() as s:
        row = s.scalars(select(DocumentNumber).where(DocumentNumber.number == 2)).one()
    assert (row.subject, row.entity, row.entity_id, row.username, row.issued_on) == \
        ("Giấy mời họp", "meeting", 7, "motcua", D(2023, 5, 3))


def test_unknown_type_is_refused(mem):
    with pytest.raises(DomainError), mem.write() as s:
        allocate(s, "ABC", D(2023, 1, 1))


def test_two_writers_never_share_a_number(tmp_path):
    """Two computers (two engines, two connections) allocating at the same time on one file."""
    path = tmp_path / "office.sqlite3"
    open_database(path).engine.dispose()
    per_writer = 25
    start = threading.Barrier(2)
    got: dict[str, list[int]] = {"a": [], "b": []}
    errors: list[BaseException] = []

    def writer(name: str) -> None:
        ctx = open_database(path)
        try:
            start.wait()
            for i in range(per_writer):
                with ctx.write() as s:
                    s.scalar(select(DocumentNumber.id).limit(1))  # the caller reads first
                    issued = allocate(s, "TB", D(2023, 3, 1), subject=f"{name}{i}")
                    got[name].append(issued.number)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            ctx.engine.dispose()

    threads = [threading.Thread(target=writer, args=(n,)) for n in got]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors, errors
    every = got["a"] + got["b"]
    assert sorted(every) == list(range(1, 2 * per_writer + 1))
    assert got["a"] == sorted(got["a"]) and got["b"] == sorted(got["b"])
    check = open_database(path)
    with check.read() as s:
        rows = s.scalars(select(DocumentNumber.number).where(DocumentNumber.doc_type == "TB"))
        assert sorted(rows) == list(range(1, 2 * per_writer + 1))
    check.engine.dispose()


def test_the_unique_constraint_is_the_last_guard(mem):
    with mem.write() as s:
        s.add(DocumentNumber(doc_type="BC", year=2023, number=1, issued_on=D(2023, 1, 1)))
    with pytest.raises(Exception, match="UNIQUE"), mem.write() as s:
        s.add(DocumentNumber(doc_type="BC", year=2023, number=1, issued_on=D(2023, 1, 2)))


def test_migration_0002_upgrades_the_0001_fixture(tmp_path, monkeypatch):
    monkeypatch.setenv("COMMUNE_DESK_DATA", str(tmp_path / "data"))
    db = tmp_path / "rev_0001.sqlite3"
    shutil.copy(FIXTURES / "rev_0001.sqlite3", db)
    ctx = open_database(db)
    assert migrate.current_revision(ctx.engine) == migrate.head_revision()
    assert "document_numbers" in inspect(ctx.engine).get_table_names()
    assert take(ctx, "BC", D(2023, 11, 5)).text == "01/BC-UBND"
    [hh] = resident_lists.get_households(ctx, resident_lists.search_household_ids(ctx, "QT-0001"))
    assert hh.head_name == "Nguyễn Văn Thắng"
    ctx.engine.dispose()


def test_the_0002_fixture_keeps_its_issued_number(tmp_path, monkeypatch):
    monkeypatch.setenv("COMMUNE_DESK_DATA", str(tmp_path / "data"))
    db = tmp_path / "rev_0002.sqlite3"
    shutil.copy(FIXTURES / "rev_0002.sqlite3", db)
    ctx = open_database(db)
    assert take(ctx, "BC", D(2023, 12, 1)).text == "02/BC-UBND"
    ctx.engine.dispose()
