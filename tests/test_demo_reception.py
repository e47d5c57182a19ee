"""The demo's citizen reception: the chairman's weekly day held every week since January 2023
(at least 52 in 2023), a few extra sessions, visits of a farming commune answered or guided on
the spot, citizens coming back about the same matter, and every petition received at reception
given the visit it came from (same day, same citizen), whichever petitions exist."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from sqlalchemy import select

from app.auth import SYSTEM
from app.database import open_memory
from app.demo import build_demo, commune
from app.demo.build import DemoBuild
from app.jobs import run_to_end
from app.l10n import today
from app.petitions import intake
from app.petitions.types import PetitionInput
from app.reception import queries, schedule
from app.workdays import WorkCalendar
from db.models import Petition, ReceptionDay, ReceptionVisit, VisitHandling

SUBJECTS = [("complaint", "Khiếu nại việc đo đạc, cắm mốc ranh giới thửa đất"),
            ("recommendation", "Kiến nghị sửa cống tiêu úng cánh đồng"),
            ("denunciation", "Tố cáo việc san lấp đất nông nghiệp trái phép")]


def _petitions_at_reception(b: DemoBuild):
    """A stand-in for the petitions' stage: three petitions received at reception, on a
    Friday of 2023, through intake.receive_in inside the build's transaction."""
    from app.demo.desk_history import work_calendar

    cal: WorkCalendar = work_calendar(b.session, 2023, today().year + 1)
    for i, (kind, subject) in enumerate(SUBJECTS):
        resident = b.resident_ids[10 + i][0]
        intake.receive_in(b.session, SYSTEM, PetitionInput(
            kind=kind, subject=subject, content=subject + ".", field="land",
            received_on=dt.date(2023, 3, 3) + dt.timedelta(days=7 * i),
            petitioner_resident_id=resident), cal)
    yield 1.0


@pytest.fixture(scope="module")
def demo():
    stages = list(commune.STAGES)
    at = next(i for i, st in enumerate(stages) if st.key == "reception")
    stages.insert(at, commune.Stage("petitions-test", "Đơn thư", 1, _petitions_at_reception))
    mp = pytest.MonkeyPatch()
    mp.setattr(commune, "STAGES", stages)
    ctx = open_memory()
    try:
        summary = run_to_end(build_demo(ctx))
    finally:
        mp.undo()
    yield ctx, summary
    ctx.engine.dispose()


def test_the_weekly_day_is_held_every_week_since_2023(demo):
    ctx, summary = demo
    held = schedule.held_count(ctx, dt.date(2023, 1, 1), dt.date(2023, 12, 31))
    assert held["regular"] >= 52 and held["extra"] >= 2
    assert schedule.weeks_without_held_day(ctx, dt.date(2023, 1, 1), today()) == []
    assert summary.reception_days == schedule.held_count(ctx, dt.date(2023, 1, 1), today())["all"]
    with ctx.read() as s:
        days = list(s.scalars(select(ReceptionDay)))
    assert all(d.held == (d.day <= today()) for d in days)
    assert max(d.day for d in days) > today()  # the coming days are on the schedule
    regular = [d for d in days if d.kind == "regular"]
    assert Counter(d.day.weekday() for d in regular).most_common(1)[0][0] == 4  # Fridays


def test_the_visits_are_believable(demo):
    ctx, summary = demo
    ids = queries.search_ids(ctx)
    rows = queries.get_visits(ctx, ids)
    assert summary.visits == len(rows) > 150
    how = Counter(v.handling for v in rows)
    assert how[VisitHandling.ANSWERED] and how[VisitHandling.GUIDED]
    fields = Counter(v.field for v in rows)
    assert fields.most_common(1)[0][0] == "land"
    assert all(v.visited_at.date() <= today() for v in rows)
    assert any(v.group_size > 1 for v in rows)
    repeats = [v for v in rows if v.previous_visit_id]
    assert repeats
    by_id = {v.id: v for v in rows}
    for v in repeats:
        first = by_id[v.previous_visit_id]
        assert first.citizen_name == v.citizen_name and first.visited_at < v.visited_at


def test_every_petition_received_at_reception_has_its_visit(demo):
    ctx, _summary = demo
    with ctx.read() as s:
        petitions = list(s.scalars(select(Petition).where(Petition.channel == "reception")))
        assert len(petitions) >= 3
        for p in petitions:
            v = s.scalars(select(ReceptionVisit).where(ReceptionVisit.petition_id == p.id)).one()
            assert v.visited_at.date() == p.received_on
            assert v.citizen_resident_id == p.petitioner_resident_id
            assert v.citizen_name == p.petitioner_name and v.handling == VisitHandling.PETITION
            day = s.get(ReceptionDay, v.day_id)
            assert day is not None and day.day == p.received_on and day.held
    # the denouncer's visit is masked in the register
    masked = [v for v in queries.get_visits(ctx, queries.search_ids(ctx))
              if v.kind == "denunciation"]
    assert masked and all(v.identity_hidden for v in masked)
