"""Reading and writing simple Excel sheets (openpyxl): one header row, then data rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from app.errors import DomainError
from app.i18n import _
from app.text import fold, nfc

T = TypeVar("T")


@dataclass(frozen=True)
class RowIssue:
    row: int  # row number as Excel shows it (header is row 1)
    reason: str
    label: str = ""  # a few words that identify the row (a name, a code)


@dataclass
class ImportPreview(Generic[T]):
    """What an import would do. Nothing is written until the caller imports it."""

    source: str
    good: list[tuple[int, T]] = field(default_factory=list)
    bad: list[RowIssue] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.bad

    @property
    def total(self) -> int:
        return len(self.good) + len({i.row for i in self.bad})


def read_rows(path: Path | str, columns: dict[str, Sequence[str]],
              optional: frozenset[str] | set[str] = frozenset()) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield (row number, {key: value}) for each non-empty data row of the first sheet.

    `columns` maps our key to the header spellings we accept; headers are compared folded,
    so 'Họ và tên', 'HO VA TEN' and 'ho va ten' are the same column. Keys in `optional` may
    be missing from the sheet; their value is then None.
    """
    path = Path(path)
    if not path.exists():
        raise DomainError(_("Không tìm thấy tệp {path}.").format(path=path))
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a non-Excel file
        raise DomainError(_("Không đọc được tệp Excel “{name}”: tệp hỏng hoặc không phải .xlsx.")
                          .format(name=path.name), details=str(exc)) from exc
    try:
        ws = wb.worksheets[0]
        rows = ws.iter_rows(values_only=True)
        header = next(rows, None)
        if header is None:
            raise DomainError(_("Tệp “{name}” không có dữ liệu.").format(name=path.name))
        wanted = {fold(alias): key for key, aliases in columns.items() for alias in aliases}
        index: dict[str, int] = {}
        for i, cell in enumerate(header):
            key = wanted.get(fold(str(cell or "")))
            if key and key not in index:
                index[key] = i
        missing = [aliases[0] for key, aliases in columns.items()
                   if key not in index and key not in optional]
        if missing:
            raise DomainError(_("Tệp “{name}” thiếu cột: {columns}.").format(
                name=path.name, columns=", ".join(missing)))
        for n, values in enumerate(rows, start=2):
            if values is None or all(v is None or str(v).strip() == "" for v in values):
                continue
            row = {k: None for k in columns}
            row.update({k: (values[i] if i < len(values) else None) for k, i in index.items()})
            yield n, row
    finally:
        wb.close()


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y")
    return nfc(str(value))


def write_sheet(path: Path | str, title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]],
                widths: Sequence[int] | None = None) -> int:
    """Write one sheet with a bold, frozen header row. Returns the number of data rows."""
    wb = Workbook()
    ws = wb.active
    ws.title = title[:31]
    ws.append(list(headers))
    for c in ws[1]:
        c.font = Font(bold=True)
        c.fill = PatternFill("solid", fgColor="DDE7F0")
        c.alignment = Alignment(wrap_text=True, vertical="center")
    count = 0
    for row in rows:
        ws.append([nfc(v) if isinstance(v, str) else v for v in row])
        count += 1
    ws.freeze_panes = "A2"
    for i, w in enumerate(widths or [18] * len(headers), start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    wb.save(path)
    return count
