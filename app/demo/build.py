"""What the stages of the demo build share: the build's state and its summary.

A module of its own so that app.demo.commune (which runs the stages) and the stages in their
own modules (desk_history, letters) both import it, and neither imports the other.
"""

from __future__ import annotations

import random
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from app.demo.people import HouseholdPlan


@dataclass
class DemoSummary:
    """What the build made; stages added later may add their own fields."""

    seed: int
    villages: int = 0
    households: int = 0
    residents: int = 0
    users: int = 0
    procedures: int = 0
    dossiers: int = 0
    letters: int = 0
    reception_days: int = 0  # held, regular and extra
    visits: int = 0
    holiday_years: list[int] = field(default_factory=list)
    accounts: list[dict[str, str]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class DemoBuild:
    """The state the stages share inside the one transaction."""

    session: Session
    seed: int
    summary: DemoSummary
    village_ids: list[int] = field(default_factory=list)  # parallel to people.VILLAGES
    households: list[HouseholdPlan] = field(default_factory=list)
    household_ids: list[int] = field(default_factory=list)  # parallel to `households`
    resident_ids: list[list[int]] = field(default_factory=list)  # per household, head first
    user_ids: dict[str, int] = field(default_factory=dict)  # username → id

    def rng(self, key: str) -> random.Random:
        """The stage's own random stream: the same seed and key always give the same draws."""
        return random.Random(f"{self.seed}:{key}")
