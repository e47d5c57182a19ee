"""The starter procedures catalogue, and the catalogue to and from Excel."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import audit
from app.auth import CurrentUser, Permission
from app.context import AppContext
from app.errors import DomainError
from app.excel import ImportPreview, RowIssue, cell_text, read_rows, write_sheet
from app.i18n import _
from app.jobs import Job, Progress
from app.paths import resource
from app.procedures import PROCEDURE, ProcedureInput, _apply, create_in
from db.models import Procedure

COLUMNS = {
    "code": ("Mã thủ tục", "code", "Ma thu tuc"),
    "name": ("Tên thủ tục", "name"),
    "short_name": ("Tên ngắn", "short_name"),
    "field": ("Lĩnh vực", "field"),
    "time_value": ("Thời hạn", "time_value"),
    "time_unit": ("Đơn vị thời hạn", "time_unit"),
    "cutoff_1500": ("Sau 15 giờ trả ngày sau", "cutoff_1500"),
    "fee_vnd": ("Lệ phí (đồng)", "fee_vnd"),
    "fee_text": ("Ghi chú lệ phí", "fee_text"),
    "online_level": ("Mức độ trực tuyến", "online_level"),
    "civil_event": ("Sự kiện hộ tịch", "civil_event"),
    "documents": ("Thành phần hồ sơ", "documents"),
    "time_text": ("Thời hạn theo văn bản", "processing_time"),
    "legal_basis": ("Căn cứ, nguồn", "source"),
}
OPTIONAL = {"fee_text", "online_level", "civil_event", "time_text", "legal_basis", "cutoff_1500",
            "fee_vnd", "short_name"}
_YES = {"yes", "có", "co", "x", "1", "true", "đúng"}


def split_documents(text: str) -> list[str]:
    """Split a checklist on ";" — but not inside parentheses, where ";" is part of one item."""
    items, depth, current = [], 0, []
    for ch in text:
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if ch == ";" and depth <= 0:
            items.append("".join(current))
            current = []
        else:
            current.append(ch)
    items.append("".join(current))
    return [i.strip() for i in items if i.strip()]


def _input(raw: dict) -> ProcedureInput:
    unit = cell_text(raw.get("time_unit")).lower()
    value = cell_text(raw.get("time_value")) or "0"
    return ProcedureInput(
        code=cell_text(raw.get("code")), name=cell_text(raw.get("name")),
        short_name=cell_text(raw.get("short_name")), field=cell_text(raw.get("field")), time_value=value, time_unit=unit,
        cutoff_1500=cell_text(raw.get("cutoff_1500")).lower() in _YES,
        fee_vnd=cell_text(raw.get("fee_vnd")) or None, fee_text=cell_text(raw.get("fee_text")),
        online_level=cell_text(raw.get("online_level")),
        civil_event=cell_text(raw.get("civil_event")) or None,
        documents=split_documents(cell_text(raw.get("documents"))),
        time_text=cell_text(raw.get("time_text")), legal_basis=cell_text(raw.get("legal_basis")),
    )


def starter_rows() -> list[ProcedureInput]:
    text = resource("catalog", "procedures.csv").read_text(encoding="utf-8")
    rows = []
    for raw in csv.DictReader(io.StringIO(text)):
        raw = {k: raw.get(aliases[1], "") for k, aliases in COLUMNS.items()}
        rows.append(_input(raw).cleaned())
    return rows


def load_starter(s: Session, user: CurrentUser) -> int:
    """Add the starter catalogue's procedures whose codes are not there yet."""
    have = set(s.scalars(select(Procedure.code)))
    n = 0
    for data in starter_rows():
        if data.code not in have:
            create_in(s, user, data)
            n += 1
    return n


def preview_catalogue(path: Path | str) -> ImportPreview[ProcedureInput]:
    preview: ImportPreview[ProcedureInput] = ImportPreview(source=Path(path).name)
    rows = list(read_rows(path, COLUMNS, optional=OPTIONAL))
    seen: dict[str, int] = {}
    for n, raw in rows:
        try:
            data = _input(raw).cleaned()
        except DomainError as exc:
            preview.bad.append(RowIssue(n, exc.message, cell_text(raw.get("code"))))
            continue
        if data.code in seen:
            preview.bad.append(RowIssue(
                n, _("Mã thủ tục trùng với dòng {row}.").format(row=seen[data.code]), data.code))
            continue
        seen[data.code] = n
        preview.good.append((n, data))
    return preview


def import_catalogue(ctx: AppContext, preview: ImportPreview[ProcedureInput],
                     only_good: bool = False) -> Job[tuple[int, int]]:
    """New codes are added, known codes updated. Returns (added, updated)."""
    ctx.require(Permission.EDIT_CATALOGUE)
    if preview.bad and not only_good:
        raise DomainError(_("Tệp còn {count} dòng lỗi; hãy sửa tệp hoặc chọn “Chỉ nhập các dòng "
                            "hợp lệ”.").format(count=len(preview.bad)))
    added = updated = 0
    total = len(preview.good)
    with ctx.write() as s:
        for i, (_row, data) in enumerate(preview.good, start=1):
            p = s.scalar(select(Procedure).where(Procedure.code == data.code))
            if p is None:
                create_in(s, ctx.user, data)
                added += 1
            else:
                # a sheet says nothing of who handles a procedure, and an older sheet has no
                # short names: what the office set on the register stays
                _apply(s, p, replace(data, officer_id=p.officer_id,
                                     short_name=data.short_name or p.short_name))
                updated += 1
            yield Progress(i, total, _("{done}/{total} thủ tục").format(done=i, total=total))
        audit.record(s, ctx.user, "import", PROCEDURE, None,
                     {"source": preview.source, "added": added, "updated": updated})
    return added, updated


def export_catalogue(ctx: AppContext, path: Path | str) -> int:
    from app.procedures import get_procedures, search_procedure_ids

    rows = get_procedures(ctx, search_procedure_ids(ctx, include_inactive=True))
    return write_sheet(path, "Danh mục TTHC", [v[0] for v in COLUMNS.values()], [
        [p.code, p.name, p.own_short_name, p.field, p.time_value, p.time_unit.value,
         "có" if p.cutoff_1500 else "", p.fee_vnd, p.fee_text, p.online_level,
         p.civil_event.value if p.civil_event else "", ";".join(p.documents), p.time_text,
         p.legal_basis] for p in rows
    ], widths=[12, 50, 24, 18, 9, 14, 10, 12, 30, 20, 12, 60, 30, 30])
