"""Accounts, password hashing (scrypt) and what each role may do."""

from __future__ import annotations

import base64
import enum
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from app.i18n import N_
from app.labels import register
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


# labels are marked with N_ and translated with _() where they are shown
ROLE_LABELS = register(Role, {
    Role.CLERK: N_("Cán bộ tiếp nhận và trả kết quả"),
    Role.OFFICER: N_("Công chức chuyên môn"),
    Role.CHAIRMAN: N_("Chủ tịch UBND xã"),
    Role.ADMIN: N_("Quản trị hệ thống"),
})

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

PERMISSION_LABELS = register(Permission, {
    Permission.VIEW_REGISTERS: N_("xem các sổ, danh mục"),
    Permission.EDIT_RESIDENTS: N_("sửa thôn, hộ gia đình và nhân khẩu"),
    Permission.EDIT_CATALOGUE: N_("sửa danh mục thủ tục hành chính"),
    Permission.EDIT_CALENDAR: N_("sửa lịch ngày nghỉ, ngày làm bù"),
    Permission.MANAGE_USERS: N_("quản lý tài khoản cán bộ"),
    Permission.EDIT_PROFILE: N_("sửa thông tin đơn vị"),
    Permission.BACKUP: N_("sao lưu, phục hồi dữ liệu"),
    Permission.RECEIVE_DOSSIERS: N_("tiếp nhận và trả kết quả hồ sơ"),
    Permission.PROCESS_DOSSIERS: N_("xử lý hồ sơ"),
    Permission.CORRECT_DOSSIERS: N_("sửa hồ sơ đã kết thúc"),
    Permission.WRITE_LETTERS: N_("lập, in và giao thư gửi hộ gia đình"),
    Permission.EDIT_LETTER_TEMPLATES: N_("sửa mẫu thư"),
    Permission.RECEIVE_PETITIONS: N_("nhận đơn thư, ghi sổ tiếp công dân"),
    Permission.HANDLE_PETITIONS: N_("phân loại, thụ lý và giải quyết đơn thư"),
    Permission.PLAN_RECEPTION: N_("lập lịch tiếp công dân"),
})


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
