"""The demo stage "desk": the one-stop desk's dossiers from 01/01/2023 to the day before today.

About 1,500 dossiers a year for a commune of 4,906 people: mostly certification (copies,
signatures, contracts) and civil status (extracts, marital status certificates, births,
marriages, deaths), a few for land, social protection and people with merit. Each is received
on a working day in office hours, follows the events the desk's services write (see
app.demo.desk_flow) and ends as the services would end it. The year 2023 reproduces the seed
report: every dossier on the system, no apology slip, every survey "satisfied" or better,
48 births + 22 marriages (70 congratulation letters) and 17 deaths (17 condolence letters).
At today's date the desk has its usual open work: dossiers in progress, due today and
tomorrow, one to three overdue, results waiting to be collected, a supplement awaited.

Rows are inserted in bulk with the invariants app.desk.reception keeps: the code
`agency-YYMMDD-XXXX` with its daily sequence, one ledger line a year, the search tokens.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Iterator

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from app import audit, search_index, settings
from app.auth import SYSTEM
from app.demo import desk_flow as fl
from app.demo.build import DemoBuild
from app.demo.desk_civil import CivilCase, Register, apply_deaths
from app.desk.clock import now
from app.desk.reception import dossier_tokens
from app.desk.types import DOSSIER
from app.office_hours import office_hours
from app.workdays import WorkCalendar
from db.models import (
    ApologySlip,
    CalendarDay,
    Channel,
    CivilEvent,
    DayKind,
    Dossier,
    DossierEvent,
    FieldOfficer,
    Procedure,
    ProcedureDocument,
    TimeUnit,
    User,
    Village,
)

FIRST_DAY = dt.date(2023, 1, 1)
# the everyday dossiers (besides births, marriages and deaths): procedure code → a year's count
MIX: dict[str, float] = {
    "2.000815": 700, "2.000884": 150, "2.000992": 3, "2.001035": 28, "2.001019": 5,
    "2.001016": 7, "2.001406": 18, "2.000913": 4,  # Chứng thực
    "2.000635": 280, "1.004873": 120, "1.004859": 20, "1.001022": 3, "1.004837": 2,
    "1.004845": 1, "2.001263": 0.5,  # Hộ tịch, nuôi con nuôi
    "1.001699": 12, "1.010833": 9, "1.010803": 4, "1.003622": 1,  # văn hóa – xã hội
    "1.012812": 6,  # hòa giải tranh chấp đất đai
    "1.001612": 20,  # hộ kinh doanh: at the commune since the reform of 07/2025
}
COMMERCE, COMMERCE_FROM = "1.001612", dt.date(2025, 7, 1)
CIVIL_CODES = {"birth": "1.001193", "marriage": "1.000894", "death": "1.000656"}
CIVIL_2023 = {"birth": 48, "marriage": 22, "death": 17}  # the seed report's 70 and 17 letters
CIVIL_YEARLY = {"birth": 50, "marriage": 25, "death": 21}  # later years, give or take
# how readily each procedure is filed online (times the year's share below)
ONLINE = {"1.001193": 1.2, "2.000635": 1.4, "1.004873": 1.2, "1.004859": 0.6, "1.000656": 0.5,
          "1.001699": 0.5, "1.010833": 0.5, "1.001612": 1.6, "2.000815": 0.12, "1.000894": 0.1}
ONLINE_SHARE = {2023: 0.06, 2024: 0.12, 2025: 0.2}
ONLINE_LATER = 0.3
BY_POST = {"2.000635", "1.004873"}
OFFICERS = {"Hộ tịch": "tuphap", "Chứng thực": "tuphap", "Nuôi con nuôi": "tuphap",
            "Đất đai": "diachinh", "Bảo trợ xã hội": "vanhoa", "Người có công": "vanhoa",
            "Giảm nghèo": "vanhoa", "Văn hóa": "vanhoa", "": "phochutich"}
AGES = {"1.004873": (20, 45), "1.001612": (25, 60), "1.001699": (25, 75)}
MONTHS = [1.15, 0.85, 1.0, 1.0, 1.0, 1.05, 1.1, 1.05, 1.0, 1.0, 1.0, 1.0]
WEDDING_MONTHS = [1.6, 1.2, 1.0, 0.9, 0.7, 0.6, 0.5, 0.4, 0.8, 1.4, 1.6, 1.8]
DEATH_MONTHS = [1.4, 1.3, 1.1, 0.9, 0.8, 0.8, 0.9, 0.9, 0.9, 1.0, 1.1, 1.3]
WEEKDAYS = [1.2, 1.0, 1.0, 1.0, 0.9, 0.6, 0.6]


def run(b: DemoBuild, scale: float = 1.0, today: dt.date | None = None) -> Iterator[float]:
    """The stage: plan every dossier, then write them (`scale` multiplies the everyday ones)."""
    s = b.session
    today = today or now().date()
    cal = work_calendar(s, FIRST_DAY.year, today.year + 1)
    procs = procedures(s)
    staff = _staffing(s, b.user_ids)
    _field_officers(s, b.user_ids, set(s.scalars(select(Procedure.field).distinct())))
    village_names = list(s.scalars(select(Village.name).order_by(Village.id)))
    reg = Register(b.households, b.household_ids, b.resident_ids, village_names)
    rng = b.rng("desk")
    last = cal.add_working_days(today, -1)
    days = [d for d in _dates(FIRST_DAY, last) if cal.is_working_day(d)]
    cases = _plan_cases(rng, cal, procs, reg, days, scale)
    yield 0.3
    cut = dt.datetime.combine(today, dt.time())
    agency = settings.get(s, "agency_id")
    flows = [fl.plan_flow(cal, rng, c, staff) for c in cases]
    yield 0.55
    dead = apply_deaths(s, reg)
    start = (s.scalar(select(func.max(Dossier.id))) or 0) + 1
    for fraction in write_rows(s, agency, cases, flows, cut, start):
        yield 0.55 + 0.45 * fraction
    b.summary.dossiers = len(cases)
    audit.record(s, SYSTEM, "demo", "dossier", None,
                 {"dossiers": len(cases), "deaths": dead, "until": last.isoformat()})


# ---- reading what earlier stages wrote ---------------------------------------------------

def work_calendar(s: Session, first: int, last: int) -> WorkCalendar:
    """The working calendar from the holiday table inside the build's own transaction."""
    rows = list(s.execute(select(CalendarDay.day, CalendarDay.kind, CalendarDay.name).where(
        CalendarDay.day >= dt.date(first, 1, 1), CalendarDay.day <= dt.date(last, 12, 31))))
    off = {d: n for d, k, n in rows if k == DayKind.OFF}
    work = {d: n for d, k, n in rows if k == DayKind.WORK}
    return WorkCalendar(off, work, hours=office_hours(s))


def procedures(s: Session) -> dict[str, fl.Proc]:
    """The active procedures that have a legal time (the desk cannot receive the others)."""
    docs: dict[int, list[str]] = {}
    for pid, name in s.execute(select(ProcedureDocument.procedure_id, ProcedureDocument.name)
                               .order_by(ProcedureDocument.procedure_id,
                                         ProcedureDocument.position)):
        docs.setdefault(pid, []).append(name)
    out = {}
    for p in s.scalars(select(Procedure).where(Procedure.active.is_(True))
                       .order_by(Procedure.id)):
        if p.time_unit != TimeUnit.UNKNOWN:
            out[p.code] = fl.Proc(p.id, p.code, p.field, p.time_unit, p.time_value, p.cutoff_1500,
                                  p.fee_vnd or 0, p.civil_event.value if p.civil_event else None,
                                  tuple(docs.get(p.id, [])))
    return out


def _staffing(s: Session, users: dict[str, int]) -> fl.Staffing:
    titles = {u.id: f"{u.full_name} – {u.title}" for u in s.scalars(select(User))}
    clerks = tuple(users[u] for u in ("motcua", "motcua2") if u in users)
    officers = {f: users[u] for f, u in OFFICERS.items() if u in users}
    officers.setdefault("", clerks[0])
    return fl.Staffing(clerks, officers, titles)


def _field_officers(s: Session, users: dict[str, int], fields: set[str]) -> None:
    """The officer responsible for each field, as the history hands its dossiers over (the
    procedures register shows them; a hand-over at the desk suggests them)."""
    for name in sorted(fields):
        key = next((k for k in OFFICERS if k and name.startswith(k)), None)
        if key is not None and OFFICERS[key] in users:
            s.add(FieldOfficer(field=name, user_id=users[OFFICERS[key]]))
    s.flush()


def _dates(first: dt.date, last: dt.date) -> Iterator[dt.date]:
    day = first
    while day <= last:
        yield day
        day += dt.timedelta(days=1)


# ---- planning the cases ------------------------------------------------------------------

def _plan_cases(rng: random.Random, cal: WorkCalendar, procs: dict[str, fl.Proc], reg: Register,
                days: list[dt.date], scale: float) -> list[fl.Case]:
    by_year: dict[int, list[dt.date]] = {}
    for d in days:
        by_year.setdefault(d.year, []).append(d)
    civil: list[CivilCase] = []
    counts = {}
    share = {}  # the part of the year's working days the history covers
    for year, ydays in by_year.items():
        share[year] = len(ydays) / sum(cal.is_working_day(d) for d in _dates(
            dt.date(year, 1, 1), dt.date(year, 12, 31)))
        counts[year] = {k: v if year == 2023 else max(0, round(
            rng.gauss(CIVIL_YEARLY[k], 3) * share[year])) for k, v in CIVIL_2023.items()}
    # deaths first: nobody applies for anything, marries or has a child after dying
    for year, ydays in by_year.items():
        civil += reg.plan_deaths(rng, _days(rng, ydays, counts[year]["death"], DEATH_MONTHS))
    for year, ydays in by_year.items():
        civil += reg.births(rng, _days(rng, ydays, counts[year]["birth"], MONTHS))
        civil += reg.marriages(rng, _days(rng, ydays, counts[year]["marriage"], WEDDING_MONTHS))
    cases = [_civil_case(rng, cal, procs, reg, c) for c in civil if CIVIL_CODES[c.kind] in procs]
    for year, ydays in by_year.items():
        n = round(sum(MIX.values()) * share[year] * scale * rng.uniform(0.95, 1.05))
        everyday = _everyday(rng, cal, procs, reg, ydays, n)
        _fates(rng, everyday, year, scale * share[year])
        cases += everyday
    cases += _open_work(rng, cal, procs, reg, days)
    cases.sort(key=lambda c: c.received)
    return cases


def _days(rng: random.Random, days: list[dt.date], n: int, months: list[float]) -> list[dt.date]:
    weights = [months[d.month - 1] * WEEKDAYS[d.weekday()] for d in days]
    return sorted(rng.choices(days, weights, k=n))


def _receipt(rng: random.Random, cal: WorkCalendar, day: dt.date, latest: dt.time | None = None
             ) -> dt.datetime:
    (a, b), (c, d) = cal.hours.morning, cal.hours.afternoon
    start, end = (a, b) if rng.random() < 0.62 else (c, latest or d)
    if latest and start >= latest:
        start, end = a, b
    low = dt.datetime.combine(day, start) + dt.timedelta(minutes=2)
    high = dt.datetime.combine(day, end) - dt.timedelta(minutes=5)
    return low + dt.timedelta(seconds=rng.randint(0, int((high - low).total_seconds())))


def _applicant(c: fl.Case, reg: Register, p) -> fl.Case:
    c.resident_id, c.household_id = p.rid, reg.household_id(p)
    c.name, c.address, c.phone = p.name, reg.address(p), p.plan.phone
    return c


def _channel(rng: random.Random, code: str, year: int) -> Channel:
    r = rng.random()
    online = min(0.8, ONLINE_SHARE.get(year, ONLINE_LATER) * ONLINE.get(code, 0.0))
    if r < online:
        return Channel.ONLINE
    if code in BY_POST and r > 0.985:
        return Channel.POST
    return Channel.DIRECT


def _fee(rng: random.Random, p: fl.Proc) -> int:
    if p.code == "2.000815":  # 2,000 đồng a page
        return p.fee * rng.choice((1, 1, 2, 2, 2, 3, 4, 5, 6, 8, 10))
    if p.code == "2.000635":  # 8,000 đồng a copy
        return p.fee * rng.choice((1, 1, 1, 2, 2, 3))
    if p.code in ("2.000884", "2.000992"):
        return p.fee * rng.choice((1, 1, 1, 2))
    return p.fee


def _civil_case(rng, cal, procs, reg: Register, c: CivilCase) -> fl.Case:
    p = procs[CIVIL_CODES[c.kind]]
    # before the 15:00 cut-off, so the result comes back the same day (and the same year)
    case = fl.Case(p, _receipt(rng, cal, c.day, latest=dt.time(14, 30)),
                   _channel(rng, p.code, c.day.year), event_person=c.person,
                   event_subject=c.subject, event_date=c.occurred,
                   good_survey_only=c.day.year == 2023)
    return _applicant(case, reg, c.applicant)


def _everyday(rng, cal, procs, reg: Register, days: list[dt.date], n: int) -> list[fl.Case]:
    codes = [c for c in MIX if c in procs]
    before = [0.0 if c == COMMERCE else MIX[c] for c in codes]
    after = [MIX[c] for c in codes]
    out = []
    for day in _days(rng, days, n, MONTHS):
        p = procs[rng.choices(codes, after if day >= COMMERCE_FROM else before)[0]]
        latest = dt.time(16, 0) if p.same_day and not p.cutoff else None
        case = fl.Case(p, _receipt(rng, cal, day, latest), _channel(rng, p.code, day.year),
                       fee=_fee(rng, p), good_survey_only=day.year == 2023)
        lo, hi = AGES.get(p.code, (18, 90))
        out.append(_applicant(case, reg, reg.adult(rng, day, lo, hi)))
    return out


def _multi_day(c: fl.Case) -> bool:
    p = c.proc
    return (p.unit == TimeUnit.WORKING_DAYS and p.value >= 2) or p.unit == TimeUnit.CALENDAR_DAYS


def _fates(rng: random.Random, cases: list[fl.Case], year: int, scale: float) -> None:
    """A few supplements, late results (with an apology; none in 2023), refusals, withdrawals
    (`scale`: the yearly counts' multiplier, less for the year in progress)."""
    def some(pool: list[fl.Case], lo: int, hi: int, fate: str) -> None:
        free = [c for c in pool if c.fate == fl.NORMAL]
        for c in rng.sample(free, min(len(free), round(rng.randint(lo, hi) * scale))):
            c.fate = fate

    multi = [c for c in cases if _multi_day(c)]
    some(multi, 4, 9, fl.SUPPLEMENT)
    if year > 2023:
        some(multi, 2, 5, fl.LATE)
    some(cases, 1, 2, fl.REFUSED)
    some(cases, 1, 2, fl.WITHDRAWN)


def _open_work(rng, cal, procs, reg: Register, days: list[dt.date]) -> list[fl.Case]:
    """The desk's work in hand today: overdue, due today and tomorrow, waiting for the citizen
    or for a supplement (the everyday stream adds its own on top)."""
    multi = [p for p in procs.values() if p.unit == TimeUnit.WORKING_DAYS and p.value == 3]
    if not multi or len(days) < 10:
        return []
    main = procs.get("1.004873", multi[0])
    plan = [(fl.STALLED, rng.choice((5, 6, 7))) for _ in range(rng.randint(1, 3))]
    plan += [(fl.PENDING, rng.choice((2, 3, 4))) for _ in range(rng.randint(1, 2))]
    plan += [(fl.SLOW, 3), (fl.SLOW, 3), (fl.SLOW, 2), (fl.SLOW, 2)]
    plan += [(fl.WAITING, rng.choice((1, 2))) for _ in range(rng.randint(2, 3))]
    out = []
    for fate, back in plan:
        day = days[-back]
        case = fl.Case(main, _receipt(rng, cal, day), _channel(rng, main.code, day.year),
                       fate=fate, fee=main.fee)
        out.append(_applicant(case, reg, reg.adult(rng, day, *AGES.get(main.code, (18, 90)))))
    return out


# ---- writing -------------------------------------------------------------------------------

CHUNK = 2000


def write_rows(s: Session, agency: str, cases: list[fl.Case], flows: list[fl.Flow],
               cut: dt.datetime, first_id: int) -> Iterator[float]:
    """Insert the dossiers as of `cut` (cases sorted by receipt), numbered as reception numbers
    them, with their events, apology slips, civil events and search tokens."""
    seq: dict[dt.date, int] = {}
    line: dict[int, int] = {}
    for start in range(0, len(cases), CHUNK):
        dossiers, events, slips, civil, tokens = [], [], [], [], []
        for i in range(start, min(start + CHUNK, len(cases))):
            c, f, did = cases[i], flows[i], first_id + i
            day = c.received.date()
            seq[day] = seq.get(day, 0) + 1
            line[day.year] = line.get(day.year, 0) + 1
            code = f"{agency}-{day:%y%m%d}-{seq[day]:04d}"
            state, done, slip = fl.settle(f, cut)
            dossiers.append({
                **state, "id": did, "code": code, "seq_day": day, "seq_no": seq[day],
                "ledger_year": day.year, "ledger_line": line[day.year],
                "procedure_id": c.proc.id, "field": c.proc.field,
                "applicant_resident_id": c.resident_id, "applicant_name": c.name,
                "applicant_address": c.address, "applicant_phone": c.phone,
                "applicant_email": "", "channel": c.channel, "received_at": c.received,
                "documents": json.dumps(list(c.proc.documents), ensure_ascii=False), "sets": 1,
                "fee_due": c.fee, "household_id": c.household_id, "created_at": c.received})
            # the clerk who received the dossier writes down that the officer's result came
            events += [{"dossier_id": did, "at": e.at, "kind": e.kind, "by_user": e.by,
                        "recorded_by": done[0].by if e.kind == "result_ready" else e.by,
                        "to_user": e.to, "note": e.note,
                        "data": json.dumps(e.data, ensure_ascii=False, default=str)}
                       for e in done]
            if slip and f.slip:
                slips.append({"dossier_id": did, **f.slip})
            if c.proc.civil and done[-1].kind == "returned":
                civil.append({"kind": c.proc.civil, "dossier_id": did, "event_on": done[-1].at.date(),
                              "person_name": c.event_person or c.name,
                              "resident_id": c.resident_id, "household_id": c.household_id,
                              "subject_resident_id": c.event_subject,
                              "occurred_on": c.event_date,
                              "recorded_at": done[-1].at})
            tokens.append((did, dossier_tokens(code, c.name, c.phone)))
        s.execute(insert(Dossier), dossiers)
        events.sort(key=lambda e: e["at"])  # ids in the order things happened, as live
        s.execute(insert(DossierEvent), events)
        if slips:
            s.execute(insert(ApologySlip), slips)
        if civil:
            s.execute(insert(CivilEvent), civil)
        search_index.bulk_add(s, DOSSIER, tokens)
        yield min(start + CHUNK, len(cases)) / len(cases)
