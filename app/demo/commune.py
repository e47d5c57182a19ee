"""Build the demo commune, Xã Quang Trung (Thị xã Bỉm Sơn, Thanh Hóa), as one job.

`build_demo(ctx, seed)` returns a Job: a generator that yields `app.jobs.Progress` (out of
1000) and returns a `DemoSummary`. Everything is written in ONE transaction; closing the
generator early (Cancel) rolls it all back and leaves the database empty.

The work is a list of stages (`STAGES`), run in order inside that transaction. A stage is a
function taking the shared `DemoBuild` and yielding how far it has got (0.0–1.0); it reads
what earlier stages left on the build (village ids, household and resident ids, user ids)
and records its counts on `build.summary`. Later features (dossiers, petitions, letters …)
add a stage to `STAGES`; each stage draws from its own `build.rng(key)`, so adding a stage
never changes what the earlier ones produce for the same seed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, insert, select, update

from app import audit, search_index, settings
from app.auth import SYSTEM
from app.context import AppContext
from app.demo.build import DemoBuild, DemoSummary
from app.demo.people import REFERENCE_DATE, VILLAGES, plan_commune
from app.errors import DomainError
from app.i18n import N_, _
from app.jobs import Job, Progress
from app.resident_lists import HOUSEHOLD, RESIDENT
from app.residents import household_tokens, resident_tokens
from app.text import fold, person_sort_key
from db.models import Household, Resident, Role, Village

DEMO_SEED = 2023
DEMO_PASSWORD = "quangtrung"
FIRST_YEAR = 2023  # the demo's activity (and its holiday calendar) starts here
PROGRESS_TOTAL = 1000
CHUNK = 100  # households written per batch (one progress step each)
# the register was taken over at the start of 2023; later births get their own date
REGISTERED_AT = dt.datetime(2023, 1, 3, 8, 0)

PROFILE: dict[str, Any] = {
    "commune_name": "Quang Trung",
    "province": "Thanh Hóa",
    "parent_unit": "",
    "place_name": "Quang Trung",
    "agency_id": "000.17.22.H56",
    "chairman_name": "Nguyễn Văn Thắng",
}

# (username, full name, role, title); every account's password is DEMO_PASSWORD
STAFF: list[tuple[str, str, Role, str]] = [
    ("quantri", "Phạm Văn Toàn", Role.ADMIN, "Quản trị hệ thống"),
    ("chutich", "Nguyễn Văn Thắng", Role.CHAIRMAN, "Chủ tịch UBND xã"),
    ("phochutich", "Lê Đình Hải", Role.OFFICER, "Phó Chủ tịch UBND xã"),
    ("motcua", "Trần Thị Thu Hà", Role.CLERK, "Công chức Văn phòng - Thống kê, Bộ phận một cửa"),
    ("motcua2", "Đỗ Thị Hương", Role.CLERK, "Công chức Văn phòng - Thống kê, Bộ phận một cửa"),
    ("tuphap", "Hoàng Thị Lan", Role.OFFICER, "Công chức Tư pháp - Hộ tịch"),
    ("diachinh", "Bùi Quang Minh", Role.OFFICER, "Công chức Địa chính - Xây dựng"),
    ("vanhoa", "Mai Thị Ngọc Anh", Role.OFFICER, "Công chức Văn hóa - Xã hội"),
]


@dataclass(frozen=True)
class Stage:
    key: str
    label: str  # shown in the progress dialog (marked with N_, shown with _())
    weight: int  # share of the progress bar
    run: Callable[[DemoBuild], Iterator[float]]


# ---- the stages ----------------------------------------------------------------------------

def _profile(b: DemoBuild) -> Iterator[float]:
    for key, value in PROFILE.items():
        settings.put(b.session, key, value)
    settings.put(b.session, "setup_done", True)
    settings.put(b.session, "is_demo", True)
    yield 1.0


def _staff(b: DemoBuild) -> Iterator[float]:
    from app.users import create_user_in

    for i, (username, full_name, role, title) in enumerate(STAFF, start=1):
        user = create_user_in(b.session, SYSTEM, username, full_name, role, DEMO_PASSWORD, title)
        b.user_ids[username] = user.id
        b.summary.accounts.append({"username": username, "full_name": full_name,
                                   "role": role.value, "title": title})
        yield i / len(STAFF)
    b.summary.users = len(STAFF)


def _catalogue(b: DemoBuild) -> Iterator[float]:
    from app.catalogue_io import load_starter

    b.summary.procedures = load_starter(b.session, SYSTEM)
    yield 1.0


def _villages(b: DemoBuild) -> Iterator[float]:
    rows = [Village(name=name, name_key=fold(name), note=f"Gồm {hamlets} xóm")
            for name, _size, hamlets in VILLAGES]
    b.session.add_all(rows)
    b.session.flush()
    b.village_ids = [v.id for v in rows]
    b.summary.villages = len(rows)
    yield 1.0


def _registered(birth: dt.date) -> dt.datetime:
    born = dt.datetime.combine(birth + dt.timedelta(days=30), dt.time(8, 0))
    return max(REGISTERED_AT, born)


def _people(b: DemoBuild) -> Iterator[float]:
    s = b.session
    b.households = plan_commune(b.rng("people"))
    yield 0.05
    next_hh = (s.scalar(select(func.max(Household.id))) or 0) + 1
    next_res = (s.scalar(select(func.max(Resident.id))) or 0) + 1
    village_names = [name for name, _size, _hamlets in VILLAGES]
    total = len(b.households)
    for start in range(0, total, CHUNK):
        chunk = b.households[start:start + CHUNK]
        hh_rows, res_rows, heads, res_tokens, hh_tokens = [], [], [], [], []
        for plan in chunk:
            hid = next_hh
            next_hh += 1
            b.household_ids.append(hid)
            hh_rows.append({"id": hid, "code": plan.code, "village_id": b.village_ids[plan.village],
                            "address": plan.address, "created_at": REGISTERED_AT,
                            "updated_at": REGISTERED_AT})
            ids = []
            for person in plan.members:
                at = _registered(person.birth_date)
                res_rows.append({
                    "id": next_res, "household_id": hid, "full_name": person.full_name,
                    "name_key": fold(person.full_name), "sort_key": person_sort_key(person.full_name),
                    "sex": person.sex, "birth_date": person.birth_date, "cccd": person.cccd,
                    "phone": person.phone, "relation": person.relation, "created_at": at,
                    "updated_at": at})
                res_tokens.append((next_res, resident_tokens(person.full_name, person.cccd,
                                                             person.phone)))
                ids.append(next_res)
                next_res += 1
            b.resident_ids.append(ids)
            head = plan.members[0]
            heads.append({"id": hid, "head_id": ids[0], "updated_at": REGISTERED_AT})
            hh_tokens.append((hid, household_tokens(plan.code, plan.address, head.full_name,
                                                    village_names[plan.village])))
        s.execute(insert(Household), hh_rows)
        s.execute(insert(Resident), res_rows)
        s.execute(update(Household), heads)
        search_index.bulk_add(s, RESIDENT, res_tokens)
        search_index.bulk_add(s, HOUSEHOLD, hh_tokens)
        b.summary.households += len(chunk)
        b.summary.residents += len(res_rows)
        yield 0.05 + 0.95 * min(start + CHUNK, total) / total


def _calendar(b: DemoBuild) -> Iterator[float]:
    """Holidays from 2023 to next year, seeded inside the build so the desk stage can count
    working days (the same seeding app.calendar.ensure_years does, audited alike)."""
    from app import calendar
    from app.desk.clock import now
    from db.models import CalendarYear

    years = list(range(FIRST_YEAR, now().year + 2))
    for i, year in enumerate(years, start=1):
        if b.session.get(CalendarYear, year) is None:
            added = calendar.seed_year(b.session, year)
            audit.record(b.session, SYSTEM, "seed", "calendar_year", year, {"days": [None, added]})
        yield i / len(years)
    b.summary.holiday_years = years


def _desk(b: DemoBuild) -> Iterator[float]:
    from app.demo import desk_history

    yield from desk_history.run(b)


def _letters(b: DemoBuild) -> Iterator[float]:
    from app.demo import letters

    yield from letters.run(b)


def _reception(b: DemoBuild) -> Iterator[float]:
    from app.demo import reception

    yield from reception.run(b)


STAGES: list[Stage] = [
    Stage("profile", N_("Thông tin đơn vị"), 1, _profile),
    Stage("staff", N_("Tài khoản cán bộ, công chức"), 8, _staff),
    Stage("catalogue", N_("Danh mục thủ tục hành chính"), 6, _catalogue),
    Stage("villages", N_("Danh mục thôn"), 1, _villages),
    Stage("people", N_("Hộ gia đình và nhân khẩu"), 60, _people),
    Stage("calendar", N_("Lịch ngày nghỉ lễ, ngày làm bù"), 4, _calendar),
    Stage("desk", N_("Tiếp nhận hồ sơ"), 60, _desk),
    Stage("letters", N_("Thư gửi hộ gia đình"), 8, _letters),
    # after the petitions' stage: the visits that brought petitions link to them
    Stage("reception", N_("Lịch và sổ tiếp công dân"), 4, _reception),
]
_SAVE_WEIGHT = 4


# ---- the job ------------------------------------------------------------------------------

def has_data(ctx: AppContext) -> bool:
    """True when the database already holds a commune: set up, or any household."""
    with ctx.read() as s:
        return bool(settings.get(s, "setup_done")) or (
            s.scalar(select(Household.id).limit(1)) is not None)


def build_demo(ctx: AppContext, seed: int = DEMO_SEED) -> Job[DemoSummary]:
    """The job that fills an empty database with the demo commune (see the module docstring).

    Refuses at once (DomainError) when the database already holds data. The same seed always
    gives the same commune: villages, households, names, birth dates, CCCD and phone numbers.
    """
    if has_data(ctx):
        raise DomainError(_("Cơ sở dữ liệu này đã có dữ liệu; chỉ tạo xã mẫu trong một tệp trống."))
    return _run(ctx, int(seed))


def _run(ctx: AppContext, seed: int) -> Job[DemoSummary]:
    weights = sum(st.weight for st in STAGES) + _SAVE_WEIGHT

    def at(units: float) -> int:
        return min(PROGRESS_TOTAL, int(PROGRESS_TOTAL * units / weights))

    summary = DemoSummary(seed=seed)
    done = 0.0
    yield Progress(0, PROGRESS_TOTAL, _("Đang tạo xã mẫu Quang Trung…"))
    with ctx.write() as s:
        build = DemoBuild(session=s, seed=seed, summary=summary)
        for stage in STAGES:
            label = _(stage.label) + "…"
            yield Progress(at(done), PROGRESS_TOTAL, label)
            for fraction in stage.run(build):
                yield Progress(at(done + stage.weight * fraction), PROGRESS_TOTAL, label)
            done += stage.weight
        audit.record(s, SYSTEM, "demo", "commune", None, {
            k: v for k, v in summary.as_dict().items() if k != "accounts"})
        yield Progress(at(done), PROGRESS_TOTAL, _("Đang lưu dữ liệu…"))
    yield Progress(PROGRESS_TOTAL, PROGRESS_TOTAL, _("Đã tạo xong xã mẫu."))
    return summary


__all__ = ["DEMO_PASSWORD", "DEMO_SEED", "PROFILE", "REFERENCE_DATE", "STAFF", "STAGES",
           "Stage", "build_demo", "has_data"]
