"""A write says what it changed: the topics of the tables a unit of work wrote are published
after its commit, on the hub every copy of the context shares; nothing after a rollback."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import insert, select, update

from app import setup, users, villages
from app.changes import TABLE_TOPICS, ChangeHub, Topic, topics_of
from app.database import open_memory
from app.errors import DomainError
from app.jobs import Progress, run_to_end
from db.models import Base, Village


@pytest.fixture
def heard(ctx) -> list[frozenset[Topic]]:
    said: list[frozenset[Topic]] = []
    ctx.changes.subscribe(said.append)
    return said


def test_every_table_is_mapped_to_its_topics():
    missing = set(Base.metadata.tables) - set(TABLE_TOPICS)
    assert not missing, f"say which topics a write to {sorted(missing)} concerns"
    # the letters owed follow the desk: a returned dossier, a slip, a civil event
    for table in ("dossiers", "apology_slips", "civil_events"):
        assert Topic.LETTERS in TABLE_TOPICS[table] and Topic.DOSSIERS in TABLE_TOPICS[table]
    assert topics_of(["audit_log", "search_tokens", "document_numbers"]) == frozenset()
    assert topics_of(["households", "villages", "unknown"]) == {Topic.RESIDENTS,
                                                                Topic.VILLAGES}


def test_a_service_write_publishes_its_topics_after_the_commit(ctx, heard):
    committed: list[bool] = []

    def listener(topics):  # the write is visible to a reader when the listener runs
        committed.append(any(v.name == "Yên Bình" for v in villages.list_villages(ctx)))

    ctx.changes.subscribe(listener)
    village_id = villages.create_village(ctx, "Yên Bình")
    assert heard == [{Topic.VILLAGES}] and committed == [True]
    villages.set_village_active(ctx, village_id, False)
    assert heard[-1] == {Topic.VILLAGES}
    ctx.changes.unsubscribe(listener)
    villages.update_village(ctx, village_id, "Yên Bình Mới")
    assert len(committed) == 2 and len(heard) == 3


def test_reading_publishes_nothing(ctx, heard):
    villages.list_villages(ctx)
    users.list_users(ctx)
    with ctx.read() as s:
        s.add(Village(name="chỉ đọc", name_key="chi doc"))  # flushed by the query, never committed
        s.scalars(select(Village)).all()
    assert heard == []


def test_a_rollback_publishes_nothing(ctx, heard):
    with pytest.raises(DomainError):
        villages.create_village(ctx, "   ")  # refused before the write
    with pytest.raises(RuntimeError), ctx.write() as s:
        s.add(Village(name="Nửa chừng", name_key="nua chung"))
        s.flush()
        raise RuntimeError("hỏng giữa chừng")
    assert heard == []
    assert "Nửa chừng" not in [v.name for v in villages.list_villages(ctx)]


def test_statements_count_as_well_as_objects(ctx, heard):
    with ctx.write() as s:
        s.execute(insert(Village).values(name="Thôn Mới", name_key="thon moi"))
    with ctx.write() as s:
        s.execute(update(Village).where(Village.name == "Thôn Mới").values(note="ghi chú"))
    assert heard == [{Topic.VILLAGES}, {Topic.VILLAGES}]
    with ctx.write() as s:  # a unit of work that writes nothing says nothing
        s.scalars(select(Village)).all()
    assert len(heard) == 2


def test_copies_of_the_context_share_one_hub(ctx, heard):
    admin = ctx.as_user(users.authenticate(ctx, "admin", "matkhau123"))
    assert admin.changes is ctx.changes
    assert heard == [{Topic.USERS}]  # signing in notes the time of the last sign-in
    villages.create_village(admin, "Yên Bình")
    assert heard[-1] == {Topic.VILLAGES}
    assert open_memory().changes is not ctx.changes  # another database, another hub


def test_a_job_on_another_thread_publishes_from_that_thread(ctx):
    threads: list[threading.Thread] = []
    ctx.changes.subscribe(lambda topics: threads.append(threading.current_thread()))

    def job():
        yield Progress(0, 1, "Đang ghi")
        with ctx.write() as s:
            s.add(Village(name="Thôn Trong Luồng", name_key="thon trong luong"))
        return "xong"

    worker = threading.Thread(target=lambda: run_to_end(job()))
    worker.start()
    worker.join(10)
    assert threads == [worker]


def test_a_cancelled_job_publishes_nothing(ctx, heard):
    def job():
        with ctx.write() as s:
            s.add(Village(name="Bị hủy", name_key="bi huy"))
            s.flush()
            yield Progress(1, 2, "giữa chừng")
            s.add(Village(name="Không bao giờ", name_key="khong bao gio"))

    running = job()
    next(running)
    running.close()  # Cancel: the generator unwinds its unit of work
    assert heard == []
    assert "Bị hủy" not in [v.name for v in villages.list_villages(ctx)]


def test_a_failing_listener_does_not_stop_the_others(caplog):
    hub = ChangeHub()
    heard: list[frozenset[Topic]] = []

    def broken(_topics):
        raise ValueError("hỏng")

    hub.subscribe(broken)
    hub.subscribe(heard.append)
    hub.subscribe(heard.append)  # once only
    assert hub.listeners == 2
    hub.publish([Topic.LETTERS])
    hub.publish([])  # nothing changed: nobody is called
    assert heard == [{Topic.LETTERS}]
    assert "Lỗi khi báo thay đổi" in caplog.text
    hub.unsubscribe(broken)
    hub.unsubscribe(broken)
    assert hub.listeners == 1


def test_setup_says_what_it_wrote():
    ctx = open_memory()
    heard: list[frozenset[Topic]] = []
    ctx.changes.subscribe(heard.append)
    from tests.conftest import PROFILE

    setup.initialise(ctx, PROFILE, username="admin", full_name="Quản Văn Trị",
                     password="matkhau123", password_again="matkhau123")
    assert heard and {Topic.SETTINGS, Topic.USERS} <= set().union(*heard)
