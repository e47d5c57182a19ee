"""Official papers: the Nghị định 30/2020 page, its header and signing block, document numbers,
QR codes and the documents built with them (app.paper.documents).

Every document job returns a `Printout`: the finished PDF and what the preview dialog needs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.text import fold

PAGE_SIZES = ("A4", "A5", "A4-landscape")


@dataclass(frozen=True)
class Printout:
    title: str  # shown in the preview's title bar and written into the PDF's metadata
    page_size: str  # one of PAGE_SIZES
    pdf: bytes
    page_count: int
    suggested_name: str  # "danh-sach-ho-thon-doai-2026.pdf": ASCII, no diacritics


def file_name(*parts: object, ext: str = "pdf") -> str:
    """'Danh sách hộ', 'Thôn Đoài', 2026 → 'danh-sach-ho-thon-doai-2026.pdf'."""
    words = re.findall(r"[0-9a-z]+", fold(" ".join(str(p) for p in parts if p not in (None, ""))))
    return ("-".join(words) or "van-ban") + f".{ext}"


__all__ = ["PAGE_SIZES", "Printout", "file_name"]
