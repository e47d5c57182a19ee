"""Believable generated Vietnamese names for the demo commune (a village near Bỉm Sơn, Thanh Hóa).

Family names follow their national frequencies, tilted towards Thanh Hóa (Lê, Trịnh, Mai,
Đinh are commoner there). Middle and given names depend on sex and on the generation: a
man born in 1950 is "Nguyễn Văn Thìn", his grandson born in 2015 "Nguyễn Gia Bảo". Every
name is returned NFC-normalised. Only the `random.Random` passed in is used, so the same
seed always gives the same names.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Sequence

from db.models import Sex


def _nfc(words: str) -> list[str]:
    return unicodedata.normalize("NFC", words).split()


def _ranked(words: str, flat: float = 0.18) -> list[tuple[str, float]]:
    """Names listed most common first, weighted by a gently falling Zipf-like curve."""
    return [(w, 1.0 / (1.0 + flat * i)) for i, w in enumerate(_nfc(words))]


def _given(words: str) -> list[tuple[str, float]]:
    # flatter than middle names: even the commonest given name is only a few percent
    return _ranked(words, flat=0.07)


# Family names (họ), weight in percent of the population.
FAMILY_NAMES: list[tuple[str, float]] = [
    ("Nguyễn", 38.0), ("Lê", 13.0), ("Trần", 8.0), ("Phạm", 7.0), ("Hoàng", 4.0),
    ("Trịnh", 3.0), ("Vũ", 3.0), ("Bùi", 2.5), ("Đỗ", 2.5), ("Mai", 2.5), ("Đặng", 2.0),
    ("Ngô", 1.5), ("Đinh", 1.5), ("Hà", 1.5), ("Dương", 1.0), ("Lương", 1.0), ("Cao", 1.0),
    ("Phan", 1.0), ("Hồ", 1.0), ("Tạ", 0.6), ("Tống", 0.5), ("Lý", 0.5), ("Võ", 0.4),
]
FAMILY_NAMES = [(unicodedata.normalize("NFC", n), w) for n, w in FAMILY_NAMES]

# Birth-year boundaries of the naming generations.
_ERAS = (1960, 1990, 2005)  # before 1960: old; 1960–1989: middle; 1990–2004: young; 2005+: modern


def era(birth_year: int) -> int:
    """0 = born before 1960, 1 = 1960–1989, 2 = 1990–2004, 3 = 2005 and later."""
    return sum(birth_year >= b for b in _ERAS)


# (the very common middle name, its share, the other middle names) per era
_MALE_MIDDLE = [
    ("Văn", 0.76, _ranked("Đình Hữu Xuân Ngọc Công Đức Bá Trọng Duy Quang")),
    ("Văn", 0.62, _ranked("Đức Hữu Minh Quang Xuân Đình Ngọc Công Trọng Thanh Mạnh Tiến Anh")),
    ("Văn", 0.32, _ranked("Đức Minh Quang Tuấn Anh Hoàng Thành Duy Hữu Xuân Ngọc Công Trung "
                          "Việt Mạnh Đình")),
    ("Văn", 0.07, _ranked("Minh Gia Đức Quang Anh Bảo Hoàng Duy Đăng Khánh Tuấn Nhật Thành "
                          "Trung Hải Hữu Phúc")),
]
_FEMALE_MIDDLE = [
    ("Thị", 0.93, _ranked("Ngọc Thu Xuân Kim")),
    ("Thị", 0.8, _ranked("Thu Ngọc Thanh Minh Hồng Phương Kim Thúy Bích")),
    ("Thị", 0.52, _ranked("Thu Ngọc Thanh Minh Hồng Phương Mai Khánh Thùy Quỳnh Hà Bảo Thảo")),
    ("Thị", 0.12, _ranked("Ngọc Khánh Bảo Minh Gia Phương Thu Hà Tuệ Thảo Diệp Quỳnh An Mai "
                          "Hải Tường")),
]
# A woman named "Thị" sometimes carries a second middle name: "Nguyễn Thị Thu Hà".
_THI_PLUS = (0.04, 0.14, 0.18, 0.0)
_THI_SECOND = _ranked("Thu Thanh Ngọc Hồng Minh Phương Kim Mai Thùy")

_MALE_GIVEN = [
    _given("Thìn Thành Lợi Tâm Hòa Bình Sơn Hùng Thanh Chiến Lâm Tùng Hải Quý Ninh Thịnh "
           "Phúc Lộc Kiên Cường Toàn Tiến Hiền Đông Hưng Thuận Tý Dần Nghĩa Trung Khang Bằng "
           "Cảnh Chung Đạo Thắng Tỵ Mão"),
    _given("Hùng Dũng Tuấn Nam Long Hải Sơn Bình Cường Đạt Thắng Khánh Minh Phúc Quân Hưng "
           "Hiếu Trung Toàn Tiến Thành Tú Vinh Hoàng Huy Lâm Mạnh Tài Thanh Thịnh Tùng Việt "
           "Quang Chiến Hòa Linh Nghĩa Lực"),
    _given("Tuấn Hùng Dũng Đạt Hiếu Huy Nam Long Quân Trung Việt Anh Duy Đức Hoàng Khánh "
           "Linh Lộc Phong Sơn Thành Tùng Vũ Hải Công Mạnh Kiên Hưng Thái Trường Cường Thắng"),
    _given("Anh Bảo Khang Khôi Minh Nam Phúc Quân Huy Lâm Đức Kiên Long An Vinh Khoa Hưng "
           "Đăng Hiếu Nguyên Phong Tùng Duy Thịnh Sơn Việt Hải Trí Nhật Tuấn Khải Hoàng"),
]
_FEMALE_GIVEN = [
    _given("Hoa Lan Hương Hà Mai Nga Loan Hằng Thanh Hòa Liên Nhung Thu Tâm Xuân Lý Tuyết "
           "Cúc Đào Hồng Huệ Sen Vân Bình Dung Hạnh Nhàn Thơm Nụ Lựu Mùi Thìn Tý Gái"),
    _given("Hoa Lan Hương Hà Mai Nga Thảo Trang Loan Huyền Hằng Hạnh Dung Thủy Yến Tâm "
           "Thanh Hiền Oanh Nhung Phương Vân Thu Lệ Hồng Liên Nguyệt Ngân Hường Lý Tuyết Thúy"),
    _given("Linh Trang Huyền Ngọc Yến Thảo Hương Nhung Phương Quỳnh Giang Hà Hằng Hiền Mai "
           "Ngân Nhi Thư Vy Dung Thủy Trinh Oanh Anh Diệu Lan Ly Nhàn Loan Hoa Hạnh"),
    _given("Anh Linh Ngọc Nhi Vy An Chi Hân My Thư Trâm Hà Diệp Uyên Ngân Thảo Châu Giang "
           "Khánh Mai Như Quỳnh Trang Yến Hương Hoa Thy Tâm Phương"),
]


def _pick(rng: random.Random, weighted: Sequence[tuple[str, float]]) -> str:
    names = [n for n, _ in weighted]
    weights = [w for _, w in weighted]
    return rng.choices(names, weights=weights, k=1)[0]


def family_weights(rng: random.Random, clans: int = 2, boost: float = 6.0) -> list[tuple[str, float]]:
    """The family-name weights of one village: the national mix plus a few local clans.

    Villages have their dòng họ: two families (besides Nguyễn) are much commoner in each.
    """
    others = [n for n, _ in FAMILY_NAMES if n != "Nguyễn"][:14]
    local = set(rng.sample(others, clans))
    return [(n, w + boost if n in local else w) for n, w in FAMILY_NAMES]


def family_name(rng: random.Random, weights: Sequence[tuple[str, float]] | None = None) -> str:
    return _pick(rng, weights or FAMILY_NAMES)


def _middle(rng: random.Random, sex: Sex, generation: int) -> str:
    table = _MALE_MIDDLE if sex == Sex.MALE else _FEMALE_MIDDLE
    common, share, others = table[generation]
    if rng.random() < share:
        if sex == Sex.FEMALE and rng.random() < _THI_PLUS[generation]:
            return f"{common} {_pick(rng, _THI_SECOND)}"
        return common
    return _pick(rng, others)


def full_name(rng: random.Random, sex: Sex, birth_year: int, family: str,
              avoid: set[str] | frozenset[str] = frozenset()) -> str:
    """'Họ đệm tên' for a person of this sex born in `birth_year`, not one of `avoid`.

    `avoid` keeps a household from having two members with the same name (nor a given name
    repeated between parent and child, which Vietnamese families avoid).
    """
    generation = era(birth_year)
    given_table = _MALE_GIVEN if sex == Sex.MALE else _FEMALE_GIVEN
    avoid_given = {n.split()[-1] for n in avoid}
    name = ""
    for _ in range(20):
        middle = _middle(rng, sex, generation)
        given = _pick(rng, given_table[generation])
        if given in middle.split():
            continue
        name = f"{family} {middle} {given}"
        if given not in avoid_given and name not in avoid:
            break
    return unicodedata.normalize("NFC", name)
