"""The demo commune's people as the desk meets them: applicants, births, marriages and deaths.

`Register` indexes the planned households (app.demo.people) with their resident ids, answers
"a living adult of the commune on this day", and plans the civil events: a child born to a
young couple (named with the father's family name), a wedding ("Groom & Bride", one of them
a resident, the other a resident or someone from elsewhere), the death of an elderly resident
whose family registers it. A head of household who dies is followed as head by the spouse,
and the other members' relations are re-said from the new head; `apply_deaths` writes that.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from sqlalchemy import update
from sqlalchemy.orm import Session

from app import search_index
from app.demo.names import family_name, full_name
from app.demo.people import (
    CHILD,
    DAUGHTER_IN_LAW,
    HEAD,
    HUSBAND,
    SON_IN_LAW,
    WIFE,
    HouseholdPlan,
    PersonPlan,
    age_on,
)
from app.resident_lists import HOUSEHOLD
from app.residents import household_tokens
from app.text import fold
from db.models import Household, Resident, Sex

# when the spouse becomes head, the late head's parents and siblings are in-laws of the new head
_IN_LAW = {"Bố": "Bố {side}", "Mẹ": "Mẹ {side}", "Anh": "Anh {side}", "Chị": "Chị {side}",
           "Em": "Em {side}"}
_SINGLE_RELATIONS = {CHILD, "Cháu", "Em", "Anh", "Chị"}


@dataclass
class Person:
    rid: int
    home: int  # index into Register.homes
    plan: PersonPlan

    @property
    def name(self) -> str:
        return self.plan.full_name

    def age(self, day: dt.date) -> int:
        return age_on(self.plan.birth_date, day)


@dataclass(frozen=True)
class CivilCase:
    kind: str  # birth, marriage, death
    day: dt.date
    applicant: Person
    person: str  # the child, "Groom & Bride", the deceased
    subject: int | None = None  # the deceased's resident id
    occurred: dt.date | None = None  # the day of death


class Register:
    def __init__(self, homes: list[HouseholdPlan], home_ids: list[int],
                 resident_ids: list[list[int]], village_names: list[str]) -> None:
        self.homes, self.home_ids, self.village_names = homes, home_ids, village_names
        self.people: list[Person] = []
        self.members: list[list[Person]] = []
        for i, (plan, ids) in enumerate(zip(homes, resident_ids, strict=True)):
            row = [Person(rid, i, p) for rid, p in zip(ids, plan.members, strict=True)]
            self.members.append(row)
            self.people.extend(row)
        self.by_rid = {p.rid: p for p in self.people}
        self.died: dict[int, dt.date] = {}  # resident id → date of death
        self.last_birth: dict[int, dt.date] = {}  # mother → her last child's registration
        self.married: set[int] = set()  # residents who registered a marriage
        self.deaths: list[tuple[Person, dt.date]] = []
        self.heads = {i: row[0] for i, row in enumerate(self.members)}
        self.relation = {p.rid: p.plan.relation for p in self.people}
        self.couples = [c for row in self.members for c in _couples(row)]
        married = {p.rid for c in self.couples for p in c}
        spoused = {c[0].home for c in self.couples}
        self.singles = [p for p in self.people if p.rid not in married and (
            p.plan.relation in _SINGLE_RELATIONS
            or (p.plan.relation == HEAD and p.home not in spoused))]
        self.adults = [p for p in self.people if p.age(dt.date(2030, 1, 1)) >= 18]

    def alive(self, p: Person, day: dt.date) -> bool:
        died = self.died.get(p.rid)
        return died is None or died > day

    def address(self, p: Person) -> str:
        home = self.homes[p.home]
        village = self.village_names[home.village]
        return home.address if fold(village) in fold(home.address) else f"{home.address}, {village}"

    def household_id(self, p: Person) -> int:
        return self.home_ids[p.home]

    def adult(self, rng: random.Random, day: dt.date, lo: int = 18, hi: int = 95) -> Person:
        """A living resident aged lo–hi on `day` (any adult after a few tries)."""
        for tries in range(60):
            p = rng.choice(self.adults)
            if self.alive(p, day) and (lo <= p.age(day) <= hi or (tries > 40 and p.age(day) >= 18)):
                return p
        raise RuntimeError("no living adult")  # never with the demo commune

    # ---- births ----------------------------------------------------------------------

    def births(self, rng: random.Random, days: list[dt.date]) -> list[CivilCase]:
        last = self.last_birth
        out = []
        for day in days:
            for _try in range(400):
                father, mother = rng.choice(self.couples)
                age = mother.age(day)
                if not (19 <= age <= 41) or (age > 35 and rng.random() < 0.7):
                    continue
                if not (self.alive(father, day) and self.alive(mother, day)):
                    continue
                if mother.rid in last and (day - last[mother.rid]).days < 600:
                    continue
                break
            last[mother.rid] = day
            sex = Sex.MALE if rng.random() < 0.52 else Sex.FEMALE
            avoid = {p.name for p in self.members[father.home]}
            child = full_name(rng, sex, day.year, father.name.split()[0], avoid)
            applicant = father if rng.random() < 0.7 else mother
            out.append(CivilCase("birth", day, applicant, child))
        return out

    # ---- marriages -------------------------------------------------------------------

    def marriages(self, rng: random.Random, days: list[dt.date]) -> list[CivilCase]:
        taken = self.married
        out = []
        for day in days:
            for _try in range(400):
                p = rng.choice(self.singles)
                if p.rid not in taken and self.alive(p, day) and _can_marry(p, day):
                    break
            taken.add(p.rid)
            partner = self._partner(rng, p, day, taken)
            groom, bride = (p.name, partner) if p.plan.sex == Sex.MALE else (partner, p.name)
            out.append(CivilCase("marriage", day, p, f"{groom} & {bride}"))
        return out

    def _partner(self, rng: random.Random, p: Person, day: dt.date, taken: set[int]) -> str:
        if rng.random() < 0.35:  # both from the commune
            for _try in range(200):
                q = rng.choice(self.singles)
                if (q.plan.sex != p.plan.sex and q.home != p.home and q.rid not in taken
                        and self.alive(q, day) and _can_marry(q, day)):
                    taken.add(q.rid)
                    return q.name
        sex = Sex.FEMALE if p.plan.sex == Sex.MALE else Sex.MALE
        born = p.plan.birth_date.year + (rng.randint(1, 5) if sex == Sex.FEMALE else -rng.randint(0, 5))
        return full_name(rng, sex, born, family_name(rng))

    # ---- deaths ----------------------------------------------------------------------

    def plan_deaths(self, rng: random.Random, days: list[dt.date]) -> list[CivilCase]:
        """Each day one elderly resident dies (registered that day by a relative at home)."""
        elderly = [p for p in self.people if p.age(dt.date(2023, 1, 1)) >= 58]
        out = []
        for day in days:
            died_on = day - dt.timedelta(days=rng.randint(1, 12))
            pool = [(p, 1.09 ** (p.age(day) - 60)) for p in elderly
                    if p.age(day) >= 60 and self.alive(p, died_on)]
            people, weights = [x for x, _w in pool], [w for _x, w in pool]
            for _try in range(1000):
                p = rng.choices(people, weights)[0]
                relative = self._informant(rng, p, day, died_on)
                if relative is not None and (self.heads[p.home] is not p or self._spouse(p, died_on)):
                    break
            else:
                raise RuntimeError("no one to die")  # never with the demo commune
            self.died[p.rid] = died_on
            self.deaths.append((p, died_on))
            if self.heads[p.home] is p:
                self._new_head(p, self._spouse(p, died_on))
            out.append(CivilCase("death", day, relative, p.name, p.rid, died_on))
        return out

    def _informant(self, rng: random.Random, p: Person, day: dt.date, died_on: dt.date
                   ) -> Person | None:
        others = [q for q in self.members[p.home]
                  if q is not p and self.alive(q, died_on) and q.age(day) >= 18]
        if not others:
            return None
        kin = [q for q in others if self.relation[q.rid] in (CHILD, DAUGHTER_IN_LAW, SON_IN_LAW)]
        return rng.choice(kin or others)

    def _spouse(self, head: Person, day: dt.date) -> Person | None:
        want = WIFE if head.plan.sex == Sex.MALE else HUSBAND
        return next((q for q in self.members[head.home]
                     if self.relation[q.rid] == want and self.alive(q, day)), None)

    def _new_head(self, late: Person, spouse: Person) -> None:
        side = "chồng" if late.plan.sex == Sex.MALE else "vợ"
        for q in self.members[late.home]:
            rel = self.relation[q.rid]
            if rel in _IN_LAW:
                self.relation[q.rid] = _IN_LAW[rel].format(side=side)
        self.relation[late.rid] = HUSBAND if late.plan.sex == Sex.MALE else WIFE
        self.relation[spouse.rid] = HEAD
        self.heads[late.home] = spouse


def _couples(row: list[Person]) -> list[tuple[Person, Person]]:
    """(husband, wife) pairs living in one household."""
    head = row[0]
    out = []
    for p in row[1:]:
        if p.plan.relation == WIFE:
            out.append((head, p))
        elif p.plan.relation == HUSBAND:
            out.append((p, head))
    sons = [p for p in row if p.plan.relation == CHILD and p.plan.sex == Sex.MALE]
    daughters = [p for p in row if p.plan.relation == CHILD and p.plan.sex == Sex.FEMALE]
    for p in row:
        if p.plan.relation == DAUGHTER_IN_LAW and sons:
            out.append((sons[0], p))
        elif p.plan.relation == SON_IN_LAW and daughters:
            out.append((p, daughters[0]))
    return out


def _can_marry(p: Person, day: dt.date) -> bool:
    age = p.age(day)
    return 21 <= age <= 36 if p.plan.sex == Sex.MALE else 19 <= age <= 33


def apply_deaths(s: Session, reg: Register) -> int:
    """Write the deaths: death date, no longer active, relations re-said, new heads indexed."""
    changed = {p.rid for p, _d in reg.deaths}
    changed |= {rid for rid, rel in reg.relation.items() if rel != reg.by_rid[rid].plan.relation}
    rows = []
    for p in reg.people:
        if p.rid not in changed:
            continue
        died = reg.died.get(p.rid)
        row = {"id": p.rid, "relation": reg.relation[p.rid]}
        if died is not None:
            row.update(death_date=died, active=False,
                       updated_at=dt.datetime.combine(died + dt.timedelta(days=1), dt.time(9)))
        rows.append(row)
    if rows:
        s.execute(update(Resident), rows)
    heads = [(i, h) for i, h in reg.heads.items() if h is not reg.members[i][0]]
    if heads:
        s.execute(update(Household), [{"id": reg.home_ids[i], "head_id": h.rid} for i, h in heads])
        for i, h in heads:
            home = reg.homes[i]
            search_index.set_tokens(s, HOUSEHOLD, reg.home_ids[i], household_tokens(
                home.code, home.address, h.name, reg.village_names[home.village]))
    return len(reg.deaths)

