import datetime as dt
import json

import pytest
from sqlalchemy import func, select, text

from app import resident_lists as L
from app import residents as R
from app import users, villages
from app.database import open_memory
from app.errors import DomainError, PermissionDenied
from app.l10n import today as vn_today
from db.models import AuditEntry, Household, Resident, Role, SearchToken


@pytest.fixture
def ctx():
    c = open_memory()
    vid = villages.create_village(c, "Thôn Đoài")
    R.create_household(c, vid, "Xóm 1, thôn Đoài",
                       R.ResidentInput("Nguyễn Văn Thắng", "Nam", "12/03/1970", "038070001234", "0912345678"),
                       [R.ResidentInput("Đặng Thị Hà", "Nữ", "1975", "038175001235", None, "Vợ")],
                       code="QT-0001")
    return c


def counts(ctx):
    with ctx.read() as s:
        return tuple(s.scalar(select(func.count()).select_from(m))
                     for m in (Household, Resident, SearchToken, AuditEntry))


def vid(ctx):
    return villages.list_villages(ctx)[0].id


def test_search_ignores_diacritics_and_case(ctx):
    [thang] = L.get_residents(ctx, L.search_resident_ids(ctx, "nguyen van thang"))
    assert thang.full_name == "Nguyễn Văn Thắng" and thang.is_head
    [ha] = L.get_residents(ctx, L.search_resident_ids(ctx, "DANG"))
    assert ha.full_name == "Đặng Thị Hà"
    assert L.search_resident_ids(ctx, "ha dang") == [ha.id]  # any word order
    assert L.search_resident_ids(ctx, "0912") == [thang.id]
    assert L.search_resident_ids(ctx, "038175") == [ha.id]
    assert L.search_resident_ids(ctx, "nguyen thi") == []
    [hh] = L.get_households(ctx, L.search_household_ids(ctx, "thang"))
    assert hh.head_name == "Nguyễn Văn Thắng" and hh.members == 2


@pytest.mark.parametrize("query", ["nguyen", "nguyen van thang"])
def test_search_uses_the_token_index(ctx, query):
    stmt = R.search_index.matching_ids_stmt("resident", query)
    sql = str(stmt.compile(ctx.engine, compile_kwargs={"literal_binds": True}))
    with ctx.read() as s:
        plan = " ".join(str(r[-1]) for r in s.execute(text("EXPLAIN QUERY PLAN " + sql)))
    assert "ix_search_tokens_token" in plan
    assert "SCAN search_tokens" not in plan.replace("USING COVERING INDEX", "")


@pytest.mark.parametrize("bad,message", [
    (R.ResidentInput("Lê Văn A", "Nam", cccd="12345"), "12 chữ số"),
    (R.ResidentInput("Lê Văn A", "Nam", phone="0123"), "điện thoại"),
    (R.ResidentInput("Lê Văn A", "Nam", birth_date=vn_today() + dt.timedelta(days=1)), "tương lai"),
    (R.ResidentInput("Lê Văn A", "Nam", cccd="038070001234"), "đã được ghi"),
    (R.ResidentInput("", "Nam"), "họ và tên"),
    (R.ResidentInput("Lê Văn A", "X"), "Giới tính"),
])
def test_bad_input_is_refused_and_nothing_written(ctx, bad, message):
    before = counts(ctx)
    hh = L.search_household_ids(ctx)[0]
    with pytest.raises(DomainError, match=message):
        R.add_resident(ctx, hh, bad)
    with pytest.raises(DomainError):
        R.create_household(ctx, vid(ctx), "", bad, [])
    assert counts(ctx) == before


def test_household_needs_a_head(ctx):
    before = counts(ctx)
    with pytest.raises(DomainError, match="chủ hộ"):
        R.create_household(ctx, vid(ctx), "Xóm 2", None, [R.ResidentInput("Lê Văn B", "Nam")])
    assert counts(ctx) == before


def test_duplicate_cccd_within_one_household(ctx):
    before = counts(ctx)
    with pytest.raises(DomainError, match="cùng một số căn cước"):
        R.create_household(ctx, vid(ctx), "", R.ResidentInput("Lê Văn B", "Nam", cccd="038080000001"),
                           [R.ResidentInput("Lê Thị C", "Nữ", cccd="038080000001")])
    assert counts(ctx) == before


def test_edit_is_audited_with_old_and_new_values(ctx):
    [rid] = L.search_resident_ids(ctx, "dang thi ha")
    R.update_resident(ctx, rid, R.ResidentInput("Đặng Thị Hà", "Nữ", "02/02/1975", "038175001235",
                                                "0387654321", "Vợ"))
    with ctx.read() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.entity == "resident",
                                                   AuditEntry.entity_id == rid)).all()[-1]
    changes = json.loads(entry.changes)
    assert changes["phone"] == [None, "0387654321"]
    assert changes["birth_date"] == ["1975-01-01", "1975-02-02"]
    assert L.search_resident_ids(ctx, "0387654321") == [rid]


def test_head_cannot_be_deactivated_while_others_live_there(ctx):
    head, wife = (L.search_resident_ids(ctx, q)[0] for q in ("thang", "ha"))
    with pytest.raises(DomainError, match="chủ hộ mới"):
        R.set_resident_active(ctx, head, False)
    hh = L.get_resident(ctx, head).household_id
    R.set_head(ctx, hh, wife)
    R.set_resident_active(ctx, head, False)
    detail = L.get_household(ctx, hh)
    assert detail.row.head_name == "Đặng Thị Hà" and [m.full_name for m in detail.members] == ["Đặng Thị Hà"]
    assert L.search_resident_ids(ctx, "thang") == []
    assert L.search_resident_ids(ctx, "thang", include_inactive=True) == [head]


def test_village_with_households_cannot_be_deactivated(ctx):
    with pytest.raises(DomainError, match="còn 1 hộ"):
        villages.set_village_active(ctx, vid(ctx), False)


def test_roles(ctx):
    users.create_user(ctx, "chutich", "Nguyễn Văn Thắng", Role.CHAIRMAN, "123456")
    users.create_user(ctx, "motcua", "Lê Thị Mai", Role.CLERK, "123456")
    chairman = ctx.as_user(users.authenticate(ctx, "chutich", "123456"))
    clerk = ctx.as_user(users.authenticate(ctx, "motcua", "123456"))
    with pytest.raises(PermissionDenied):
        villages.create_village(chairman, "Thôn Mới")
    villages.create_village(clerk, "Thôn Mới")
    assert L.search_resident_ids(chairman, "thang")  # reading is allowed


def test_people_listed_in_vietnamese_order(ctx):
    hh = L.search_household_ids(ctx)[0]
    for name in ["Nguyễn Văn An", "Lê Thị Bình", "Trần Ân"]:
        R.add_resident(ctx, hh, R.ResidentInput(name, "Nam"))
    names = [r.full_name for r in L.get_residents(ctx, L.search_resident_ids(ctx))]
    assert names == ["Nguyễn Văn An", "Trần Ân", "Lê Thị Bình", "Đặng Thị Hà", "Nguyễn Văn Thắng"]


def test_editing_keeps_the_note(ctx):
    [rid] = L.search_resident_ids(ctx, "dang thi ha")
    row = L.get_resident(ctx, rid)
    R.update_resident(ctx, rid, R.ResidentInput(row.full_name, row.sex, row.birth_date, row.cccd,
                                                row.phone, row.relation, "Đi làm ăn xa"))
    row = L.get_resident(ctx, rid)
    R.update_resident(ctx, rid, R.ResidentInput(row.full_name, row.sex, row.birth_date, row.cccd,
                                                "0912000111", row.relation, row.note))
    assert L.get_resident(ctx, rid).note == "Đi làm ăn xa"


def test_villages_in_vietnamese_letter_order(ctx):
    for name in ["Thôn Đông Thôn", "Thôn Cổ Đam", "Thôn Yên Thổ", "Thôn An Lạc"]:
        villages.create_village(ctx, name)
    assert [v.name for v in villages.list_villages(ctx)] == [
        "Thôn An Lạc", "Thôn Cổ Đam", "Thôn Đoài", "Thôn Đông Thôn", "Thôn Yên Thổ"]
