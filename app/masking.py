"""Personal data on paper and in exports: identity numbers are masked where the reader does
not need them (Luật Bảo vệ dữ liệu cá nhân 2025, Nghị định 356/2025; reference/documents.md §6).
"""

from __future__ import annotations

MASK = "*"
KEEP = 3  # digits left visible at the end: enough to tell two people apart on a list


def mask_id_number(value: str | None, keep: int = KEEP) -> str:
    """'038070001234' → '*********234'; empty or missing → ''. Every character but the last
    `keep` is replaced, so the length (12-digit CCCD, 9-digit CMND) still shows."""
    value = (value or "").strip()
    if not value:
        return ""
    keep = max(0, min(keep, len(value) - 1))
    return MASK * (len(value) - keep) + value[len(value) - keep:]
