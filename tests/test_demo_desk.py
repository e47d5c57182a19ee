"""The demo desk's history: the seed report's 2023 counts, believable years, consistent dossiers."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict

import pytest
from sqlalchemy import func, select

from app.database import open_memory
from app.demo import DEMO_PASSWORD, build_demo
from app.demo.desk_history import OFFICERS
from app.desk import queries
from app.desk.clock import now
from app.desk.lifecycle import outcome_of
from app.desk.types import DOSSIER
from app.jobs import run_to_end
from app.text import fold
from app.workdays import load_calendar
from db.models import (
    ApologySlip,
    CivilEvent,
    Dossier,
    DossierEvent,
    DossierStatus,
    Household,
    Outcome,
    Procedure,
    Resident,
    Satisfaction,
    SearchToken,
    Sex,
    User,
)

S = DossierStatus
GOOD = {Satisfaction.SATISFIED, Satisfaction.VERY_SATISFIED}
# the status each kind of event leaves the dossier in (apology and corrections change none)
AFTER = {"received": S.RECEIVED, "handed_over": S.IN_PROGRESS, "supplement_requested": S.SUPPLEMENT,
         "supplement_received": S.IN_PROGRESS, "result_ready": S.READY, "returned": S.RETURNED,
         "refused": S.REFUSED, "withdrawn": S.WITHDRAWN}


def _build(seed: int = 2023):
    ctx = open_memory()
    return ctx, run_to_end(build_demo(ctx, seed))


@pytest.fixture(scope="module")
def demo():
    ctx, summary = _build()
    yield ctx, summary
    ctx.engine.dispose()


@pytest.fixture(scope="module")
def data(demo):
    ctx, _ = demo
    with ctx.read() as s:
        dossiers = list(s.scalars(select(Dossier).order_by(Dossier.id)))
        events = defaultdict(list)
        for e in s.scalars(select(DossierEvent).order_by(DossierEvent.id)):
            events[e.dossier_id].append(e)
        slips = list(s.scalars(select(ApologySlip)))
        civil = list(s.scalars(select(CivilEvent)))
        procs = {p.id: p for p in s.scalars(select(Procedure))}
        users = {u.id: u.username for u in s.scalars(select(User))}
        residents = {r.id: r for r in s.scalars(select(Resident))}
    return dossiers, events, slips, civil, procs, users, residents


def test_2023_reproduces_the_seed_report(data):
    dossiers, events, slips, civil, procs, _users, _res = data
    kinds = Counter(c.kind for c in civil if c.event_on.year == 2023)
    assert kinds["birth"] + kinds["marriage"] == 70  # 70 thư chúc mừng
    assert kinds["death"] == 17  # 17 thư chia buồn
    year = [d for d in dossiers if d.received_at.year == 2023]
    assert not [a for a in slips if a.issued_at.year == 2023]
    assert not [e for d in year for e in events[d.id] if e.kind == "apology"]
    assert all(d.outcome != Outcome.LATE for d in dossiers if 2023 in (
        d.received_at.year, d.finished_at and d.finished_at.year))
    returned = [d for d in dossiers if d.status == S.RETURNED and 2023 in (
        d.received_at.year, d.finished_at.year)]
    surveyed = [d for d in returned if d.satisfaction is not None]
    assert surveyed and all(d.satisfaction in GOOD for d in surveyed)
    assert len(surveyed) < len(returned)  # some took no survey
    # every 2023 birth, marriage and death dossier ended with the result handed over
    tagged = [d for d in year if procs[d.procedure_id].civil_event]
    assert len(tagged) == 87 and all(d.status == S.RETURNED for d in tagged)


def test_every_dossier_has_its_code_and_ledger_line(demo, data):
    ctx, summary = demo
    dossiers = data[0]
    assert summary.dossiers == len(dossiers) > 5000
    codes = [d.code for d in dossiers]
    assert len(set(codes)) == len(codes)
    assert len({(d.ledger_year, d.ledger_line) for d in dossiers}) == len(dossiers)
    per_day, per_year = defaultdict(list), defaultdict(list)
    for d in sorted(dossiers, key=lambda d: (d.received_at, d.id)):
        day = d.received_at.date()
        assert re.fullmatch(r"000\.17\.22\.H56-\d{6}-\d{4}", d.code)
        assert d.code.endswith(f"-{day:%y%m%d}-{d.seq_no:04d}") and d.seq_day == day
        assert d.ledger_year == day.year
        per_day[day].append(d.seq_no)
        per_year[day.year].append(d.ledger_line)
    assert all(v == list(range(1, len(v) + 1)) for v in per_day.values())
    assert all(v == list(range(1, len(v) + 1)) for v in per_year.values())


def test_yearly_volume_and_mix(data):
    dossiers, *_ = data
    today = now().date()
    per_year = Counter(d.received_at.year for d in dossiers)
    assert min(per_year) == 2023 and max(per_year) >= today.year - 1
    for year in range(2023, today.year):
        assert 1300 <= per_year[year] <= 1700, (year, per_year[year])
    fields = Counter(d.field for d in dossiers)
    assert (fields["Hộ tịch"] + fields["Chứng thực"]) / len(dossiers) > 0.9
    assert fields["Đất đai"] and fields["Bảo trợ xã hội"] and fields["Người có công"]
    channels = {y: Counter(d.channel.value for d in dossiers if d.received_at.year == y)
                for y in per_year}
    assert channels[2023]["direct"] > 0.85 * per_year[2023]
    assert channels[2025]["online"] > channels[2023]["online"] > 0
    assert sum(c["post"] for c in channels.values()) > 0


def test_received_on_working_days_in_office_hours(demo, data):
    ctx, _ = demo
    cal = load_calendar(ctx, 2023, now().year)
    h = cal.hours
    for d in data[0]:
        t = d.received_at.time()
        assert cal.is_working_day(d.received_at.date()), d.code
        assert h.morning[0] <= t <= h.morning[1] or h.afternoon[0] <= t <= h.afternoon[1], d.code
        assert d.legal_due_at >= d.received_at and d.due_at >= d.legal_due_at


def test_statuses_agree_with_events(data):
    dossiers, events, slips, civil, procs, users, _res = data
    slips_of = Counter(a.dossier_id for a in slips)
    civil_of = {c.dossier_id: c for c in civil}
    for d in dossiers:
        evs = events[d.id]
        assert evs[0].kind == "received" and evs[0].at == d.received_at
        assert [e.at for e in evs] == sorted(e.at for e in evs), d.code
        changing = [e for e in evs if e.kind in AFTER]
        assert AFTER[changing[-1].kind] == d.status, d.code
        handed = [e for e in evs if e.kind == "handed_over"]
        assert d.handler_id == (handed[-1].to_user if handed else None)
        if handed:
            field = next((k for k in OFFICERS if k and d.field.startswith(k)), "")
            assert users[d.handler_id] == OFFICERS[field], (d.field, users[d.handler_id])
        assert slips_of[d.id] == sum(e.kind == "apology" for e in evs)
        if d.status == S.RETURNED:
            assert d.finished_at == evs[-1].at and d.outcome == outcome_of(d.finished_at,
                                                                          d.legal_due_at)
            assert d.fee_paid == d.fee_due and d.returned_to == d.applicant_name
            assert (d.id in civil_of) == bool(procs[d.procedure_id].civil_event)
        else:
            assert d.outcome is None and d.satisfaction is None and d.id not in civil_of
        if d.status in (S.REFUSED, S.WITHDRAWN):
            assert d.reason and d.finished_at == evs[-1].at
        assert (d.status == S.SUPPLEMENT) == (d.paused_at is not None)
        assert (d.ready_at is not None) == any(e.kind == "result_ready" for e in evs)
        if d.outcome == Outcome.LATE:
            assert slips_of[d.id]  # every late result came with Mẫu 04
    counts = Counter((d.received_at.year, d.status) for d in dossiers)
    for year in range(2024, now().year):  # the full years
        assert 1 <= counts[year, S.REFUSED] <= 2 and 1 <= counts[year, S.WITHDRAWN] <= 2
        assert 1 <= sum(a.issued_at.year == year for a in slips) <= 6
    assert counts[now().year, S.REFUSED] <= 2 and counts[now().year, S.WITHDRAWN] <= 2
    later = [d.satisfaction for d in dossiers if d.received_at.year > 2023 and d.satisfaction]
    assert 0 < later.count(Satisfaction.NEUTRAL) < 0.05 * len(later)
    assert sum(e.kind == "supplement_received" for evs in events.values() for e in evs) > 10


def test_civil_events_name_the_right_people(data):
    dossiers, _events, _slips, civil, _procs, _users, residents = data
    by_id = {d.id: d for d in dossiers}
    deaths = 0
    for c in civil:
        d = by_id[c.dossier_id]
        applicant = residents[d.applicant_resident_id]
        assert c.resident_id == applicant.id and c.household_id == applicant.household_id
        if c.kind == "birth":  # the child, with the father's family name
            assert c.person_name != applicant.full_name and len(c.person_name.split()) >= 3
            if applicant.sex == Sex.MALE:
                assert c.person_name.split()[0] == applicant.full_name.split()[0]
        elif c.kind == "marriage":
            groom, bride = c.person_name.split(" & ")
            assert (groom if applicant.sex == Sex.MALE else bride) == applicant.full_name
        else:
            late = [r for r in residents.values() if r.full_name == c.person_name
                    and r.household_id == applicant.household_id and r.death_date]
            assert late and not late[0].active and late[0].death_date <= c.event_on
            deaths += 1
    assert deaths == sum(1 for r in residents.values() if r.death_date)
    for d in dossiers:  # nobody applies after their death
        r = residents[d.applicant_resident_id]
        assert r.death_date is None or r.death_date > d.received_at.date(), d.code


def test_households_of_the_deceased_keep_a_living_head(demo, data):
    ctx, _ = demo
    residents = data[6]
    with ctx.read() as s:
        for h in s.scalars(select(Household)):
            head = residents[h.head_id]
            assert head.active and head.household_id == h.id and head.relation == "Chủ hộ"


def test_dossiers_are_found_by_code_and_name(demo, data):
    ctx, _ = demo
    dossiers = data[0]
    with ctx.read() as s:
        indexed = s.scalar(select(func.count(func.distinct(SearchToken.entity_id)))
                           .where(SearchToken.entity == DOSSIER))
    assert indexed == len(dossiers)
    d = dossiers[len(dossiers) // 2]
    assert queries.lookup(ctx, d.code.lower()) == [d.id]
    assert d.id in queries.lookup(ctx, fold(d.applicant_name), limit=5000)
    assert d.id in queries.lookup(ctx, d.code[-11:])


def test_open_workload_today(demo):
    ctx, _ = demo
    today = now().date()
    cal = load_calendar(ctx, today.year)
    lists = queries.attention(ctx, now=dt.datetime.combine(today, dt.time(7, 30)))
    assert 1 <= len(lists["overdue"]) <= 3
    assert 1 <= len(lists["supplement"]) <= 4
    assert len(lists["ready"]) >= 2
    assert lists["tomorrow"]
    if cal.is_working_day(today):
        assert lists["today"]
    rows = queries.get_dossiers(ctx, queries.search_ids(
        ctx, queries.Filters(status=S.IN_PROGRESS)))
    assert 3 <= len(rows) <= 40 and all(r.received_at.date() < today for r in rows)


def test_same_seed_same_history(data):
    codes = [d.code for d in data[0]]
    people = sorted(c.person_name for c in data[3])
    ctx, _ = _build(2023)
    with ctx.read() as s:
        assert list(s.scalars(select(Dossier.code).order_by(Dossier.id))) == codes
        assert sorted(s.scalars(select(CivilEvent.person_name))) == people
    ctx.engine.dispose()


def test_the_desk_carries_on_from_the_demo(demo, data):
    """The services pick up the numbering where the bulk history left it (runs last)."""
    from app.desk import lifecycle, reception
    from app.desk.types import DossierInput
    from app.users import authenticate

    ctx, _ = demo
    clerk = ctx.as_user(authenticate(ctx, "motcua", DEMO_PASSWORD))
    dossiers, *_rest, procs, _users, _res = data
    copy = next(p for p in procs.values() if p.code == "2.000815")
    applicant = dossiers[-1].applicant_resident_id
    row = reception.receive(clerk, DossierInput(procedure_id=copy.id,
                                                applicant_resident_id=applicant))
    year = row.received_at.year
    assert row.ledger_line == max(d.ledger_line for d in dossiers if d.ledger_year == year) + 1
    assert row.code.endswith(f"-{row.received_at:%y%m%d}-0001")
    ready = queries.attention(ctx)["ready"][0]
    done = lifecycle.return_result(clerk, ready, returned_to="Người nhận")
    assert done.status == S.RETURNED


def test_each_field_has_its_officer_and_the_desk_suggests_them(demo, data):
    """The procedures register names the officer of each field as the history hands dossiers
    over; a new birth registration is suggested to the civil-status officer, not the culture
    officer, and the clerk who wrote a result down is kept apart from the officer."""
    from app import procedures
    from app.desk import assign

    ctx, _ = demo
    dossiers, *_rest, procs, users, _res = data
    officers = procedures.field_officers(ctx)
    tuphap = next(uid for uid, name in users.items() if name == "tuphap")
    assert officers["Hộ tịch"] == officers["Chứng thực"] == tuphap
    birth = next(d for d in dossiers if d.procedure_id == next(
        p.id for p in procs.values() if p.code == "1.001193"))
    assert assign.hand_over_choices(ctx, birth.id).suggested_id == tuphap
    with ctx.read() as s:
        ready = s.execute(select(DossierEvent.by_user, DossierEvent.recorded_by).where(
            DossierEvent.kind == "result_ready")).all()
        received = dict(s.execute(select(DossierEvent.dossier_id, DossierEvent.by_user).where(
            DossierEvent.kind == "received")).all())
    assert ready and all(by != rec for by, rec in ready)
    assert {rec for _by, rec in ready} <= set(received.values())
