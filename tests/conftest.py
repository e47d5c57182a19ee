"""Test-wide setup: Qt offscreen, and a throw-away user data folder for the whole session.

Both are set at import, before any test module imports Qt or `app.paths`, so no test ever
opens a window on the desktop or writes into the real user data folder.
"""

from __future__ import annotations

import os
import shutil
import tempfile

import pytest

os.environ["QT_QPA_PLATFORM"] = "offscreen"
_DATA_DIR = tempfile.mkdtemp(prefix="commune-desk-tests-")
os.environ["COMMUNE_DESK_DATA"] = _DATA_DIR
os.environ.pop("COMMUNE_DESK_DB", None)

PASSWORD = "matkhau123"
PROFILE = {
    "commune_name": "Quang Trung",
    "province": "Thanh Hóa",
    "parent_unit": "UBND tỉnh Thanh Hóa",
    "place_name": "Quang Trung",
    "agency_id": "000.17.22.H56",
    "chairman_name": "Lê Văn Minh",
}


def pytest_unconfigure(config) -> None:
    shutil.rmtree(_DATA_DIR, ignore_errors=True)


def make_sample(ctx):
    """A small commune: admin + clerk, 2 villages, 3 households (5 people)."""
    from app import residents, setup, users, villages
    from app.residents import ResidentInput

    setup.initialise(ctx, PROFILE, username="admin", full_name="Quản Văn Trị",
                     password=PASSWORD, password_again=PASSWORD)
    users.create_user(ctx, "canbo", "Lê Thị Lan", "clerk", PASSWORD,
                      title="Cán bộ tiếp nhận và trả kết quả")
    dong_lac = villages.create_village(ctx, "Đồng Lạc")
    phu_tho = villages.create_village(ctx, "Phú Thọ")
    residents.create_household(
        ctx, dong_lac, "Xóm 1",
        ResidentInput("Nguyễn Văn Thắng", "Nam", "12/03/1970", cccd="038070000001",
                      phone="0912345678"),
        [ResidentInput("Phạm Thị Mai", "Nữ", "05/11/1972", relation="Vợ"),
         ResidentInput("Nguyễn Văn An", "Nam", "20/01/2001", relation="Con")],
        code="DL-001")
    residents.create_household(
        ctx, phu_tho, "Xóm 3", ResidentInput("Đặng Thị Hà", "Nữ", "02/09/1985",
                                             cccd="038185000002"), code="PT-001")
    residents.create_household(
        ctx, dong_lac, "Xóm 2", ResidentInput("Trần Văn Bình", "Nam", "1960"), code="DL-002")
    return ctx


@pytest.fixture
def ctx():
    """An in-memory commune database with the sample data, acting as the system."""
    from app.database import open_memory

    context = make_sample(open_memory())
    yield context
    context.engine.dispose()


@pytest.fixture
def sample_maker():
    """`make_sample` for tests that need the sample data in a database of their own."""
    return make_sample
