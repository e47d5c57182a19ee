"""The demo commune's people, planned in memory: villages, households, members, CCCD, phones.

Nothing here touches the database; `app.demo.commune` writes the plan in bulk. Ages are
counted from a fixed reference date (the 2023 report), never from today, so a seed always
gives the very same commune.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass, field

from app.demo.names import family_name, family_weights, full_name
from db.models import Sex

REFERENCE_DATE = dt.date(2023, 11, 15)  # the commune report of November 2023
HOUSEHOLDS = 1348
RESIDENTS = 4906
CODE_PREFIX = "QT"
PROVINCE_CODE = "038"  # Thanh Hóa, first three digits of the CCCD
CCCD_MIN_AGE = 14

HEAD, WIFE, HUSBAND, CHILD = "Chủ hộ", "Vợ", "Chồng", "Con"
DAUGHTER_IN_LAW, SON_IN_LAW, GRANDCHILD = "Con dâu", "Con rể", "Cháu"
FATHER, MOTHER, OLDER_BROTHER, OLDER_SISTER, YOUNGER = "Bố", "Mẹ", "Anh", "Chị", "Em"

# (name, relative size, number of xóm): 11 villages, as the 11 chi bộ of the report
VILLAGES: list[tuple[str, float, int]] = [
    ("Thôn Đoài Thôn", 1.35, 6), ("Thôn Đông Thôn", 1.10, 5), ("Thôn Nghĩa Môn", 1.25, 6),
    ("Thôn Khánh Vân", 0.95, 4), ("Thôn Đồng Lạc", 0.80, 4), ("Thôn Cổ Đam", 1.05, 5),
    ("Thôn Điền Lư", 0.70, 3), ("Thôn Tân Lập", 0.60, 3), ("Thôn Thạch Lâm", 0.85, 4),
    ("Thôn Quang Vinh", 1.15, 5), ("Thôn Yên Thổ", 0.75, 4),
]

# household size → share; mean ≈ 3.66 before the sizes are nudged to the exact total
_SIZES = {1: 0.08, 2: 0.17, 3: 0.21, 4: 0.27, 5: 0.15, 6: 0.075, 7: 0.03, 8: 0.015}

# mobile prefixes (Viettel, Vinaphone, Mobifone, Vietnamobile) with market shares
_PREFIXES: list[tuple[list[str], float]] = [
    (["086", "096", "097", "098", "032", "033", "034", "035", "036", "037", "038", "039"], 0.58),
    (["088", "091", "094", "081", "082", "083", "084", "085"], 0.24),
    (["089", "090", "093", "070", "076", "077", "078", "079"], 0.15),
    (["056", "058", "052"], 0.03),
]


@dataclass
class PersonPlan:
    full_name: str
    sex: Sex
    birth_date: dt.date
    relation: str
    cccd: str | None = None
    phone: str | None = None

    @property
    def age(self) -> int:
        return age_on(self.birth_date, REFERENCE_DATE)


@dataclass
class HouseholdPlan:
    code: str
    village: int  # index into VILLAGES
    address: str
    members: list[PersonPlan] = field(default_factory=list)  # the head first


def age_on(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def village_label(name: str) -> str:
    """'Thôn Đoài Thôn' → 'thôn Đoài Thôn' as written inside an address."""
    return name[:1].lower() + name[1:]


class _Home:
    """One household being filled in, member by member."""

    def __init__(self, rng: random.Random, families: Sequence[tuple[str, float]]) -> None:
        self.rng = rng
        self.families = families
        self.members: list[PersonPlan] = []
        self.names: set[str] = set()

    def family(self) -> str:
        return family_name(self.rng, self.families)

    def add(self, sex: Sex, age: int, family: str, relation: str) -> PersonPlan:
        age = max(0, min(age, 99))
        anniversary = REFERENCE_DATE.replace(year=REFERENCE_DATE.year - age)
        birth = anniversary - dt.timedelta(days=self.rng.randint(0, 364))
        name = full_name(self.rng, sex, birth.year, family, self.names)
        self.names.add(name)
        person = PersonPlan(name, sex, birth, relation)
        self.members.append(person)
        return person

    def gap(self) -> int:
        """How much older the husband is than his wife."""
        return max(-4, min(12, round(self.rng.gauss(3, 3))))

    def mothers_ages(self, kids: int) -> list[int]:
        """The mother's age at each child's birth."""
        while True:
            ages = [self.rng.choice([19, 20, 21, 22, 22, 23, 23, 24, 24, 25, 26, 27, 28, 30])]
            for _ in range(kids - 1):
                ages.append(ages[-1] + self.rng.choice([1, 2, 2, 3, 3, 3, 4, 4, 5, 6, 8]))
            if ages[-1] <= 43:
                return ages

    def kid_sexes(self, kids: int) -> list[Sex]:
        return [Sex.MALE if self.rng.random() < 0.52 else Sex.FEMALE for _ in range(kids)]

    # ---- templates: each fills the household to exactly `size` members ----------------

    def alone(self) -> None:
        r = self.rng.random()
        if r < 0.62:  # a widow
            self.add(Sex.FEMALE, self.rng.randint(62, 93), self.family(), HEAD)
        elif r < 0.82:
            self.add(Sex.MALE, self.rng.randint(60, 90), self.family(), HEAD)
        else:
            sex = Sex.MALE if self.rng.random() < 0.6 else Sex.FEMALE
            self.add(sex, self.rng.randint(24, 58), self.family(), HEAD)

    def couple(self, kids: int, youngest: int, female_head: bool = False) -> tuple[int, int, str]:
        """Husband, wife and their `kids` children; returns (father's age, mother's age, family)."""
        births = self.mothers_ages(kids) if kids else []
        mother = (births[-1] if kids else self.rng.randint(21, 28)) + youngest
        father = mother + self.gap()
        if father < 22:
            mother, father = mother + (22 - father), 22
        fam = self.family()
        if female_head:
            self.add(Sex.FEMALE, mother, self.family(), HEAD)
            self.add(Sex.MALE, father, fam, HUSBAND)
        else:
            self.add(Sex.MALE, father, fam, HEAD)
            self.add(Sex.FEMALE, mother, self.family(), WIFE)
        for sex, at in zip(self.kid_sexes(kids), births, strict=True):
            self.add(sex, mother - at, fam, CHILD)
        return father, mother, fam

    def nuclear(self, size: int) -> None:
        kids = size - 2
        youngest = self.rng.choice([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 16, 18, 19, 22])
        if kids == 0:
            youngest = self.rng.choice([0, 1, 2, 3, 5, 8, 30, 34, 38, 41, 44, 47, 50])
        self.couple(kids, youngest, female_head=self.rng.random() < 0.1)

    def single_parent(self, size: int) -> None:
        kids = size - 1
        births = self.mothers_ages(kids)
        youngest = self.rng.randint(2, 20)
        mother = births[-1] + youngest
        fam = self.family()  # the children bear their father's family name
        if self.rng.random() < 0.75:  # a mother, widowed or divorced
            self.add(Sex.FEMALE, mother, self.family(), HEAD)
        else:
            self.add(Sex.MALE, mother + self.gap(), fam, HEAD)
        for sex, at in zip(self.kid_sexes(kids), births, strict=True):
            self.add(sex, mother - at, fam, CHILD)

    def with_parents(self, size: int) -> None:
        """A couple, their children, and one or both of the husband's parents (Bố, Mẹ)."""
        parents = 1 if size <= 4 or self.rng.random() < 0.55 else 2
        kids = max(0, size - 2 - parents)
        youngest = self.rng.choice([0, 1, 2, 3, 4, 5, 6, 8, 10, 12])
        father, _mother, fam = self.couple(kids, youngest)
        grandma = father + self.rng.randint(21, 33)
        if parents == 2:
            self.add(Sex.MALE, grandma + self.gap(), fam, FATHER)
            self.add(Sex.FEMALE, grandma, self.family(), MOTHER)
        elif self.rng.random() < 0.78:
            self.add(Sex.FEMALE, grandma, self.family(), MOTHER)
        else:
            self.add(Sex.MALE, grandma + self.gap(), fam, FATHER)

    def three_generations(self, size: int) -> None:
        """An older head, perhaps the spouse, a married son (or daughter) and grandchildren."""
        widowed = size < 4 or self.rng.random() < (0.55 if size == 4 else 0.3)
        base = 3 if widowed else 4
        grandkids = max(0, size - base)
        extra_child = grandkids > 3
        if extra_child:
            grandkids -= 1
        youngest = self.rng.choice([0, 0, 1, 2, 3, 4, 5, 6, 7, 9, 11])
        births = self.mothers_ages(grandkids) if grandkids else []
        young_mother = (births[-1] if grandkids else self.rng.randint(22, 27)) + youngest
        young_father = young_mother + self.gap()
        by_daughter = self.rng.random() < 0.13  # the son-in-law lives with his wife's parents
        child_age = young_mother if by_daughter else young_father
        grandma = max(child_age + self.rng.randint(20, 31), 45)
        grandpa = grandma + self.gap()
        fam = self.family()
        if widowed and (self.rng.random() < 0.7 or grandpa > 88):
            self.add(Sex.FEMALE, grandma, self.family(), HEAD)
        else:
            self.add(Sex.MALE, grandpa, fam, HEAD)
            if not widowed:
                self.add(Sex.FEMALE, grandma, self.family(), WIFE)
        if by_daughter:
            self.add(Sex.FEMALE, young_mother, fam, CHILD)
            kid_family = self.family()
            self.add(Sex.MALE, young_father, kid_family, SON_IN_LAW)
        else:
            self.add(Sex.MALE, young_father, fam, CHILD)
            self.add(Sex.FEMALE, young_mother, self.family(), DAUGHTER_IN_LAW)
            kid_family = fam
        for sex, at in zip(self.kid_sexes(grandkids), births, strict=True):
            self.add(sex, young_mother - at, kid_family, GRANDCHILD)
        if extra_child:  # a younger, unmarried child of the head
            sex = Sex.MALE if self.rng.random() < 0.5 else Sex.FEMALE
            self.add(sex, max(16, child_age - self.rng.randint(2, 9)), fam, CHILD)

    def skipped_generation(self, size: int) -> None:
        """Grandparents raising grandchildren while the parents work away (common in Thanh Hóa)."""
        grandkids = size - 2
        births = self.mothers_ages(grandkids)
        youngest = self.rng.randint(1, 10)
        absent_mother = births[-1] + youngest
        grandma = absent_mother + self.rng.randint(20, 30)
        fam = self.family()
        self.add(Sex.MALE, grandma + self.gap(), fam, HEAD)
        self.add(Sex.FEMALE, grandma, self.family(), WIFE)
        for sex, at in zip(self.kid_sexes(grandkids), births, strict=True):
            self.add(sex, absent_mother - at, fam, GRANDCHILD)

    def with_sibling(self, size: int) -> None:
        """An unmarried adult, a parent and/or a brother or sister."""
        head_age = self.rng.randint(26, 52)
        fam = self.family()
        sex = Sex.MALE if self.rng.random() < 0.7 else Sex.FEMALE
        self.add(sex, head_age, fam, HEAD)
        if size >= 2 and self.rng.random() < 0.6:
            self.add(Sex.FEMALE, head_age + self.rng.randint(22, 34), self.family(), MOTHER)
        while len(self.members) < size:
            delta = self.rng.randint(-14, 10)
            s = Sex.MALE if self.rng.random() < 0.5 else Sex.FEMALE
            if delta > 0:
                rel = OLDER_BROTHER if s == Sex.MALE else OLDER_SISTER
            else:
                rel, delta = YOUNGER, min(delta, -1)
            self.add(s, max(16, head_age + delta), fam, rel)


_TEMPLATES: dict[int, list[tuple[str, float]]] = {
    2: [("nuclear", 0.62), ("single_parent", 0.22), ("with_sibling", 0.16)],
    3: [("nuclear", 0.62), ("single_parent", 0.1), ("with_parents", 0.12),
        ("three_generations", 0.06), ("skipped_generation", 0.08), ("with_sibling", 0.02)],
    4: [("nuclear", 0.6), ("with_parents", 0.16), ("three_generations", 0.14),
        ("single_parent", 0.04), ("skipped_generation", 0.06)],
    5: [("nuclear", 0.3), ("with_parents", 0.32), ("three_generations", 0.33),
        ("skipped_generation", 0.05)],
    6: [("nuclear", 0.15), ("with_parents", 0.4), ("three_generations", 0.45)],
    7: [("with_parents", 0.45), ("three_generations", 0.55)],
    8: [("with_parents", 0.4), ("three_generations", 0.6)],
}


def _compose(rng: random.Random, families: Sequence[tuple[str, float]], size: int) -> list[PersonPlan]:
    home = _Home(rng, families)
    if size == 1:
        home.alone()
    else:
        names, weights = zip(*_TEMPLATES[size], strict=True)
        getattr(home, rng.choices(names, weights=weights, k=1)[0])(size)
    assert len(home.members) == size, (size, home.members)
    return home.members


def _sizes(rng: random.Random, households: int, residents: int) -> list[int]:
    values, weights = zip(*_SIZES.items(), strict=True)
    sizes = rng.choices(values, weights=weights, k=households)
    diff = residents - sum(sizes)
    while diff:
        i = rng.randrange(households)
        if diff > 0 and sizes[i] < 8:
            sizes[i] += 1
            diff -= 1
        elif diff < 0 and sizes[i] > 1:
            sizes[i] -= 1
            diff += 1
    return sizes


def _split(total: int, weights: Sequence[float]) -> list[int]:
    """`total` split in proportion to `weights`, by largest remainder."""
    shares = [total * w / sum(weights) for w in weights]
    counts = [int(s) for s in shares]
    order = sorted(range(len(shares)), key=lambda i: counts[i] - shares[i])
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return counts


def _cccd(rng: random.Random, person: PersonPlan, taken: set[str]) -> str:
    century = 0 if person.birth_date.year < 2000 else 2
    head = f"{PROVINCE_CODE}{century + (person.sex == Sex.FEMALE)}{person.birth_date.year % 100:02d}"
    while True:
        number = f"{head}{rng.randrange(1_000_000):06d}"
        if number not in taken:
            taken.add(number)
            return number


def _phone(rng: random.Random, taken: set[str]) -> str:
    groups, weights = zip(*_PREFIXES, strict=True)
    while True:
        prefix = rng.choice(rng.choices(groups, weights=weights, k=1)[0])
        number = f"{prefix}{rng.randrange(10_000_000):07d}"
        if number not in taken:
            taken.add(number)
            return number


def _has_phone(rng: random.Random, age: int) -> bool:
    chance = 0.0 if age < 15 else 0.3 if age < 18 else 0.9 if age < 60 else 0.6 if age < 75 else 0.22
    return rng.random() < chance


def plan_commune(rng: random.Random, households: int = HOUSEHOLDS,
                 residents: int = RESIDENTS) -> list[HouseholdPlan]:
    """Every household of the commune, village by village, coded QT-0001, QT-0002, …"""
    sizes = _sizes(rng, households, residents)
    per_village = _split(households, [w for _, w, _ in VILLAGES])
    plans: list[HouseholdPlan] = []
    start = 0
    for v, ((name, _w, hamlets), count) in enumerate(zip(VILLAGES, per_village, strict=True)):
        families = family_weights(rng)
        xom = sorted(rng.randint(1, hamlets) for _ in range(count))
        for size, hamlet in zip(sizes[start:start + count], xom, strict=True):
            code = f"{CODE_PREFIX}-{len(plans) + 1:04d}"
            address = f"Xóm {hamlet}, {village_label(name)}"
            plans.append(HouseholdPlan(code, v, address, _compose(rng, families, size)))
        start += count
    cccds: set[str] = set()
    phones: set[str] = set()
    for plan in plans:
        for person in plan.members:
            age = person.age
            if age >= CCCD_MIN_AGE:
                person.cccd = _cccd(rng, person, cccds)
            if _has_phone(rng, age):
                person.phone = _phone(rng, phones)
    return plans
