"""The demo commune Xã Quang Trung: exact counts, believable families, determinism, the CLI."""

from __future__ import annotations

import json
import unicodedata
from collections import Counter, defaultdict

import pytest
from sqlalchemy import func, select

from app import settings, validators
from app.database import open_memory
from app.demo import DEMO_PASSWORD, STAFF, build_demo, ensure_demo_database
from app.demo.people import REFERENCE_DATE, age_on
from app.jobs import run_to_end
from app.resident_lists import RESIDENT, search_resident_ids
from app.residents import HEAD_RELATION
from app.text import fold
from app.users import authenticate
from db.models import CalendarYear, Household, Resident, Role, SearchToken, Sex, Village


def _build(seed: int = 2023):
    ctx = open_memory()
    summary = run_to_end(build_demo(ctx, seed))
    return ctx, summary


def _people(ctx) -> list[tuple]:
    with ctx.read() as s:
        return list(s.execute(select(Resident.full_name, Resident.birth_date, Resident.cccd)
                              .order_by(Resident.id)))


@pytest.fixture(scope="module")
def demo():
    ctx, summary = _build()
    yield ctx, summary
    ctx.engine.dispose()


@pytest.fixture(scope="module")
def residents(demo):
    ctx, _ = demo
    with ctx.read() as s:
        return list(s.scalars(select(Resident).order_by(Resident.id)))


@pytest.fixture(scope="module")
def households(demo):
    ctx, _ = demo
    with ctx.read() as s:
        return list(s.scalars(select(Household).order_by(Household.id)))


def test_exact_counts(demo, households, residents):
    ctx, summary = demo
    assert (summary.villages, summary.households, summary.residents) == (11, 1348, 4906)
    with ctx.read() as s:
        assert s.scalar(select(func.count(Village.id)).where(Village.active.is_(True))) == 11
    assert len(households) == 1348 and all(h.active for h in households)
    # the only residents no longer active are those whose death the desk registered
    assert len(residents) == 4906 and all(r.active or r.death_date for r in residents)
    per_village = Counter(h.village_id for h in households)
    assert len(per_village) == 11 and len(set(per_village.values())) > 5  # unequal villages
    assert [h.code for h in households] == [f"QT-{i:04d}" for i in range(1, 1349)]
    assert all(h.address.startswith("Xóm ") and ", thôn " in h.address for h in households)


def test_profile_and_calendar(demo):
    ctx, summary = demo
    p = settings.profile(ctx)
    assert (p.commune_name, p.province, p.agency_id, p.chairman_name) == (
        "Quang Trung", "Thanh Hóa", "000.17.22.H56", "Nguyễn Văn Thắng")
    values = settings.read_all(ctx)
    assert values["setup_done"] is True and values["is_demo"] is True
    assert summary.procedures > 0
    with ctx.read() as s:
        assert s.get(CalendarYear, 2023) is not None


def test_every_household_has_an_adult_head_who_is_a_member(households, residents):
    by_id = {r.id: r for r in residents}
    members = defaultdict(list)
    for r in residents:
        members[r.household_id].append(r)
    for h in households:
        head = by_id[h.head_id]
        assert head.household_id == h.id
        assert head.relation == HEAD_RELATION
        assert [m.relation for m in members[h.id]].count(HEAD_RELATION) == 1
        assert age_on(head.birth_date, REFERENCE_DATE) >= 18
        assert 1 <= len(members[h.id]) <= 8
    heads = [by_id[h.head_id] for h in households]
    assert sum(h.sex == Sex.MALE for h in heads) > 0.6 * len(heads)  # mostly men


def test_families_are_believable(households, residents):
    by_id = {r.id: r for r in residents}
    members = defaultdict(list)
    for r in residents:
        members[r.household_id].append(r)
    relations = Counter(r.relation for r in residents)
    assert {"Vợ", "Con", "Cháu", "Con dâu", "Mẹ"} <= set(relations)
    for h in households:
        head = by_id[h.head_id]
        family = head.full_name.split()[0]
        for m in members[h.id]:
            if m.relation == "Vợ":
                assert m.sex == Sex.FEMALE and head.sex == Sex.MALE
            if m.relation == "Chồng":
                assert m.sex == Sex.MALE and head.sex == Sex.FEMALE
                family = m.full_name.split()[0]
            if m.relation in ("Vợ", "Chồng"):
                assert abs(m.birth_date.year - head.birth_date.year) <= 13
        for m in members[h.id]:
            if m.relation == "Con" and (head.sex == Sex.MALE or any(
                    x.relation == "Chồng" for x in members[h.id])):
                assert m.full_name.split()[0] == family, (head.full_name, m.full_name)
                assert m.birth_date > head.birth_date


def test_names_and_ages_look_real(residents):
    for r in residents:
        assert unicodedata.normalize("NFC", r.full_name) == r.full_name
        assert 3 <= len(r.full_name.split()) <= 4
        assert r.name_key == fold(r.full_name)
    families = Counter(r.full_name.split()[0] for r in residents)
    assert 0.30 < families["Nguyễn"] / len(residents) < 0.45
    ages = [age_on(r.birth_date, REFERENCE_DATE) for r in residents]
    assert min(ages) == 0 and 80 <= max(ages) <= 99
    assert 25 < sum(ages) / len(ages) < 40
    women = [r for r in residents if r.sex == Sex.FEMALE]
    assert sum(" Thị " in r.full_name for r in women) > 0.45 * len(women)


def test_cccd_twelve_digits_unique_and_consistent(residents):
    numbers = [r.cccd for r in residents if r.cccd]
    assert len(numbers) == len(set(numbers))
    for r in residents:
        adult = age_on(r.birth_date, REFERENCE_DATE) >= 14
        assert (r.cccd is not None) == adult
        if r.cccd:
            assert len(r.cccd) == 12 and r.cccd.isdigit() and r.cccd.startswith("038")
            century = 0 if r.birth_date.year < 2000 else 2
            assert int(r.cccd[3]) == century + (r.sex == Sex.FEMALE)
            assert r.cccd[4:6] == f"{r.birth_date.year % 100:02d}"


def test_phones_valid(residents):
    phones = [r.phone for r in residents if r.phone]
    adults = [r for r in residents if age_on(r.birth_date, REFERENCE_DATE) >= 18]
    assert len(phones) == len(set(phones))
    assert sum(r.phone is not None for r in adults) > 0.6 * len(adults)
    for p in phones:
        assert validators.phone(p) == p and len(p) == 10 and p[:2] in ("03", "05", "07", "08", "09")
    assert all(r.phone is None for r in residents if age_on(r.birth_date, REFERENCE_DATE) < 15)


def test_every_resident_and_household_indexed(demo):
    ctx, _ = demo
    with ctx.read() as s:
        for entity, n in ((RESIDENT, 4906), ("household", 1348)):
            got = s.scalar(select(func.count(func.distinct(SearchToken.entity_id)))
                           .where(SearchToken.entity == entity))
            assert got == n


def test_search_nguyen_van(demo, residents):
    ctx, _ = demo
    ids = set(search_resident_ids(ctx, "nguyen van"))
    expected = {r.id for r in residents if r.name_key.startswith("nguyen van ") and r.active}
    assert len(expected) > 300
    assert expected <= ids
    first = next(r for r in residents if r.active)
    one = search_resident_ids(ctx, first.cccd or first.full_name)
    assert first.id in one


def test_staff_can_sign_in(demo):
    ctx, summary = demo
    user = authenticate(ctx, "chutich", "quangtrung")
    assert user.full_name == "Nguyễn Văn Thắng" and user.role == Role.CHAIRMAN
    for username, _name, role, _title in STAFF:
        assert authenticate(ctx, username, DEMO_PASSWORD).role == role
    assert [a["username"] for a in summary.accounts] == [s[0] for s in STAFF]


def test_same_seed_same_commune_other_seed_differs(residents):
    first = [(r.full_name, r.birth_date, r.cccd) for r in residents]
    ctx, _ = _build(2023)
    assert _people(ctx) == first
    ctx.engine.dispose()
    ctx, summary = _build(7)
    other = _people(ctx)
    ctx.engine.dispose()
    assert (summary.households, summary.residents, len(other)) == (1348, 4906, 4906)
    assert other != first


def test_a_second_build_is_refused_and_cancel_rolls_back(demo):
    from app.errors import DomainError

    ctx, _ = demo
    with pytest.raises(DomainError):
        build_demo(ctx)
    empty = open_memory()
    job = build_demo(empty)
    for _ in range(6):
        next(job)
    job.close()
    with empty.read() as s:
        assert s.scalar(select(func.count(Household.id))) == 0
        assert settings.get(s, "setup_done") is False
    empty.engine.dispose()


def test_cli_refuses_second_run_without_force(tmp_path, monkeypatch, capsys):
    from app.cli import main

    monkeypatch.setenv("COMMUNE_DESK_DATA", str(tmp_path / "data"))
    db = tmp_path / "demo.sqlite3"
    assert main(["--db", str(db), "demo", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["households"], out["residents"], out["password"]) == (1348, 4906, "quangtrung")

    assert main(["--db", str(db), "demo"]) == 1
    assert "đã có dữ liệu" in capsys.readouterr().err

    ctx, job = ensure_demo_database(db)
    assert job is None
    ctx.engine.dispose()

    assert main(["--db", str(db), "demo", "--force", "--seed", "5"]) == 0
    text = capsys.readouterr().out
    assert "1.348 hộ gia đình" in text and "4.906 nhân khẩu" in text and "quangtrung" in text
    backups = list((tmp_path / "data" / "backups").glob("demo.truoc-tao-lai-*.sqlite3"))
    assert len(backups) == 1


def test_ensure_demo_database_offers_a_job_on_an_empty_file(tmp_path, monkeypatch):
    monkeypatch.setenv("COMMUNE_DESK_DATA", str(tmp_path / "data"))
    ctx, job = ensure_demo_database(tmp_path / "fresh.sqlite3")
    assert job is not None
    job.close()  # not started: nothing written
    ctx.engine.dispose()
