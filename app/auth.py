"""Accounts, password hashing (scrypt) and what each role may do."""

from __future__ import annotations

import base64
import enum
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from db.models import Role

# scrypt cost: n=2**14, r=8, p=1 takes ~50 ms here and 16 MiB; strong enough for an office PC
_N, _R, _P = 2**14, 8, 1
_DKLEN = 32


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=_N, r=_R, p=_P, dklen=_DKLEN)
    b64 = base64.b64encode
    return f"scrypt${_N}${_R}${_P}${b64(salt).decode()}${b64(digest).decode()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        algo, n, r, p, salt, digest = stored.split("$")
        if algo != "scrypt":
            return False
        expected = base64.b64decode(digest)
        got = hashlib.scrypt(
            password.encode("utf-8"),
            salt=base64.b64decode(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=len(expected),
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got, expected)


class Permission(enum.StrEnum):
    VIEW_REGISTERS = "view_registers"
    EDIT_RESIDENTS = "edit_residents"  # households, residents, villages
    EDIT_CATALOGUE = "edit_catalogue"  # procedures
    EDIT_CALENDAR = "edit_calendar"
    MANAGE_USERS = "manage_users"
    EDIT_PROFILE = "edit_profile"
    BACKUP = "backup"
    RECEIVE_DOSSIERS = "receive_dossiers"  # reception, return, fees, slips
    PROCESS_DOSSIERS = "process_dossiers"  # hand-over, supplement, result ready, refusal
    CORRECT_DOSSIERS = "correct_dossiers"  # change a returned or refused dossier
    WRITE_LETTERS = "write_letters"  # make, print and deliver letters to households
    EDIT_LETTER_TEMPLATES = "edit_letter_templates"
    RECEIVE_PETITIONS = "receive_petitions"  # register a petition, a visit of citizen reception
    HANDLE_PETITIONS = "handle_petitions"  # classify, accept, extend, resolve, notify
    PLAN_RECEPTION = "plan_reception"  # the reception schedule, a day marked held


_ALL = frozenset(Permission)
PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.CLERK: frozenset({Permission.VIEW_REGISTERS, Permission.EDIT_RESIDENTS,
                           Permission.RECEIVE_DOSSIERS, Permission.PROCESS_DOSSIERS,
                           Permission.WRITE_LETTERS, Permission.RECEIVE_PETITIONS,
                           Permission.PLAN_RECEPTION}),
    Role.OFFICER: frozenset({Permission.VIEW_REGISTERS, Permission.EDIT_RESIDENTS,
                             Permission.PROCESS_DOSSIERS, Permission.WRITE_LETTERS,
                             Permission.RECEIVE_PETITIONS, Permission.HANDLE_PETITIONS}),
    Role.CHAIRMAN: frozenset({Permission.VIEW_REGISTERS, Permission.BACKUP,
                              Permission.PROCESS_DOSSIERS, Permission.WRITE_LETTERS,
                              Permission.RECEIVE_PETITIONS, Permission.HANDLE_PETITIONS,
                              Permission.PLAN_RECEPTION}),
    Role.ADMIN: _ALL,
}


@dataclass(frozen=True)
class CurrentUser:
    """Who is acting: the signed-in account, or the system (command line, setup, demo)."""

    user_id: int | None
    username: str
    full_name: str
    role: Role

    def can(self, perm: Permission) -> bool:
        return perm in PERMISSIONS[self.role]


SYSTEM = CurrentUser(None, "he-thong", "Hệ thống", Role.ADMIN)
