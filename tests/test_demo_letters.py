"""The demo's letters: the seed report's 2023 counts, believable later years, a short queue."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

import pytest
from sqlalchemy import select

from app.database import open_memory
from app.demo import build_demo
from app.demo.letters import PENDING_DAYS
from app.desk.clock import now
from app.jobs import run_to_end
from app.letters import queries
from app.letters.types import LetterKind, Occasion
from db.models import ApologySlip, CivilEvent, Dossier, Letter, Outcome, Resident


@pytest.fixture(scope="module")
def demo():
    ctx = open_memory()
    summary = run_to_end(build_demo(ctx))
    yield ctx, summary
    ctx.engine.dispose()


def year(y: int) -> tuple[dt.date, dt.date]:
    return dt.date(y, 1, 1), dt.date(y, 12, 31)


def test_2023_gives_the_seed_reports_letters(demo):
    ctx, _summary = demo
    assert queries.counts(ctx, *year(2023)) == {
        LetterKind.CONGRATULATION: 70, LetterKind.CONDOLENCE: 17, LetterKind.APOLOGY: 0,
        LetterKind.THANKS: 0}


def test_later_years_continue_believably(demo):
    ctx, summary = demo
    today = now().date()
    for y in range(2024, today.year + 1):
        c = queries.counts(ctx, *year(y))
        share = 1.0 if y < today.year else (today - dt.date(y, 1, 1)).days / 365
        assert 45 * share <= c[LetterKind.CONGRATULATION] <= 100
        assert 8 * share <= c[LetterKind.CONDOLENCE] <= 35
        assert 1 <= c[LetterKind.THANKS] <= 4
    with ctx.read() as s:
        assert summary.letters == len(list(s.scalars(select(Letter.id))))
        slips = {a.dossier_id for a in s.scalars(select(ApologySlip))}
        late = {d.id for d in s.scalars(select(Dossier).where(Dossier.outcome == Outcome.LATE))}
        apologies = {r.dossier_id for r in s.scalars(select(Letter).where(
            Letter.kind == LetterKind.APOLOGY.value))}
    assert apologies and apologies <= slips | late  # every apology answers a late dossier


def test_every_event_has_one_letter_except_the_last_two_weeks(demo):
    ctx, _summary = demo
    cutoff = now().date() - dt.timedelta(days=PENDING_DAYS)
    with ctx.read() as s:
        events = {e.id: e for e in s.scalars(select(CivilEvent))}
        answered = Counter(r.civil_event_id for r in s.scalars(select(Letter))
                           if r.civil_event_id is not None)
    assert max(answered.values()) == 1
    assert {i for i, e in events.items() if e.event_on < cutoff} == set(answered)
    queue = queries.suggestions(ctx)
    assert queue and all(g.day >= cutoff for g in queue)
    assert {g.source_id for g in queue if g.source == "event"} == set(events) - set(answered)


def test_numbers_run_without_gaps_each_year_and_letters_read_right(demo):
    ctx, _summary = demo
    with ctx.read() as s:
        rows = list(s.scalars(select(Letter).order_by(Letter.year, Letter.number)))
        dead = {r.id: r for r in s.scalars(select(Resident).where(Resident.death_date.is_not(None)))}
    numbers = defaultdict(list)
    for r in rows:
        numbers[r.year].append(r.number)
        assert r.letter_date.year == r.year and r.number_text == f"{r.number:02d}/TC-UBND"
        assert r.delivered_at is not None and r.delivered_at >= r.letter_date
    for y, got in numbers.items():
        assert got == list(range(1, len(got) + 1)), y
    condolences = [r for r in rows if r.occasion == Occasion.DEATH]
    assert all(r.subject_resident_id in dead for r in condolences)
    assert all("hưởng thọ" in r.body or "hưởng dương" in r.body for r in condolences)
