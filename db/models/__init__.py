"""Typed SQLAlchemy models, one module a part of the office, all on one metadata.

- base: the declarative base and the naming convention of constraints
- registers: villages, households, residents, procedures, users, calendar, settings, audit
- desk: the one-stop desk's dossiers and what happens to them
- letters: outreach letters, edited templates, dismissed suggestions
- petitions: petitions, their events and clocks' rules, the reception schedule and register

Import models from here (`from db.models import Dossier`); the parts import `db.models.base`
only, so the package has no cycle.
"""

from db.models.base import NAMING, Base, enum_column, now
from db.models.desk import *  # noqa: F401,F403
from db.models.letters import *  # noqa: F401,F403
from db.models.petitions import *  # noqa: F401,F403
from db.models.registers import *  # noqa: F401,F403

__all__ = ["NAMING", "Base", "enum_column", "now"]
