"""Households and residents to and from Excel: preview every bad row, import in one transaction."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from app import audit, search_index
from app.auth import Permission
from app.context import AppContext
from app.errors import DomainError
from app.excel import ImportPreview, RowIssue, cell_text, read_rows, write_sheet
from app.i18n import _
from app.jobs import Job, Progress
from app.labels import label
from app.resident_lists import HOUSEHOLD, RESIDENT
from app.residents import HEAD_RELATION, ResidentInput, household_tokens, resident_tokens
from app.text import fold, person_sort_key
from db.models import Household, Resident, Village

COLUMNS = {
    "code": ("Số hộ", "Mã hộ", "So ho"),
    "village": ("Thôn", "Thôn/xóm", "Thon"),
    "address": ("Địa chỉ", "Dia chi"),
    "full_name": ("Họ và tên", "Họ tên", "Ho va ten"),
    "sex": ("Giới tính", "Gioi tinh"),
    "birth_date": ("Ngày sinh", "Ngay sinh"),
    "cccd": ("Số CCCD", "CCCD", "Số căn cước", "So CCCD"),
    "phone": ("Số điện thoại", "Điện thoại", "SĐT"),
    "relation": ("Quan hệ với chủ hộ", "Quan hệ", "Quan he voi chu ho"),
}
HEADERS = [c[0] for c in COLUMNS.values()]


@dataclass
class HouseholdDraft:
    code: str
    village_id: int
    village: str
    address: str
    head: ResidentInput
    members: list[ResidentInput] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)


def preview_households(ctx: AppContext, path: Path | str) -> ImportPreview[HouseholdDraft]:
    """Read the file and say, row by row, what is wrong. Writes nothing.

    Rows are grouped into households by 'Số hộ'; each household needs exactly one row whose
    relation is 'Chủ hộ'. A household with any bad row is refused whole, with every row named.
    """
    path = Path(path)
    preview: ImportPreview[HouseholdDraft] = ImportPreview(source=path.name)
    with ctx.read() as s:
        villages = {v.name_key: v for v in s.scalars(select(Village).where(Village.active.is_(True)))}
        known_cccd = set(s.scalars(select(Resident.cccd).where(Resident.cccd.is_not(None))))
        known_codes = set(s.scalars(select(Household.code).where(Household.code.is_not(None))))
    groups: OrderedDict[str, list[tuple[int, dict]]] = OrderedDict()
    for n, raw in read_rows(path, COLUMNS):
        code = cell_text(raw["code"])
        if not code:
            preview.bad.append(RowIssue(n, _("Thiếu số hộ."), cell_text(raw["full_name"])))
            continue
        groups.setdefault(code, []).append((n, raw))
    seen_cccd: dict[str, int] = {}
    for code, rows in groups.items():
        hh_label = _("hộ {code}").format(code=code)
        issues: list[RowIssue] = []
        people: list[tuple[int, ResidentInput]] = []
        for n, raw in rows:
            label = cell_text(raw["full_name"]) or hh_label
            try:
                person = ResidentInput(
                    full_name=cell_text(raw["full_name"]), sex=cell_text(raw["sex"]),
                    birth_date=raw["birth_date"] if raw["birth_date"] not in ("", None) else None,
                    cccd=cell_text(raw["cccd"]) or None, phone=cell_text(raw["phone"]) or None,
                    relation=cell_text(raw["relation"]),
                ).cleaned()
            except DomainError as exc:
                issues.append(RowIssue(n, exc.message, label))
                continue
            if person.cccd:
                if person.cccd in known_cccd:
                    issues.append(RowIssue(
                        n, _("Số căn cước {cccd} đã có trong sổ nhân khẩu.").format(
                            cccd=person.cccd), label))
                    continue
                if person.cccd in seen_cccd:
                    issues.append(RowIssue(
                        n, _("Số căn cước {cccd} trùng với dòng {row}.").format(
                            cccd=person.cccd, row=seen_cccd[person.cccd]), label))
                    continue
                seen_cccd[person.cccd] = n
            people.append((n, person))
        first_n, first = rows[0]
        village = villages.get(fold(cell_text(first["village"])))
        if village is None:
            name = cell_text(first["village"])
            issues.append(RowIssue(first_n, _("Thôn “{name}” chưa có trong danh mục thôn.").format(
                name=name) if name else _("Thiếu tên thôn."), hh_label))
        if code in known_codes:
            issues.append(RowIssue(first_n, _("Số hộ “{code}” đã có trong sổ hộ gia đình.").format(
                code=code), hh_label))
        heads = [(n, p) for n, p in people if fold(p.relation) == fold(HEAD_RELATION)]
        head_rows = [n for n, raw in rows if fold(cell_text(raw["relation"])) == fold(HEAD_RELATION)]
        if not head_rows:
            issues.append(RowIssue(
                first_n, _("Hộ số “{code}” không có dòng nào ghi “Chủ hộ”.").format(code=code),
                hh_label))
        elif len(head_rows) > 1:
            issues.append(RowIssue(head_rows[1], _("Hộ số “{code}” có hơn một chủ hộ.").format(
                code=code), hh_label))
        if issues:
            bad_rows = {i.row for i in issues}
            preview.bad.extend(issues)
            for n, p in people:
                if n not in bad_rows:
                    preview.bad.append(RowIssue(
                        n, _("Không nhập vì hộ số “{code}” có dòng lỗi.").format(code=code),
                        p.full_name))
            continue
        (head_n, head), = heads
        head.relation = HEAD_RELATION
        draft = HouseholdDraft(code=code, village_id=village.id, village=village.name,
                               address=cell_text(first["address"]), head=head,
                               members=[p for n, p in people if n != head_n],
                               rows=[n for n, _raw in rows])
        preview.good.append((first_n, draft))
    preview.bad.sort(key=lambda i: i.row)
    return preview


def import_households(ctx: AppContext, preview: ImportPreview[HouseholdDraft],
                      only_good: bool = False) -> Job[int]:
    """Write the previewed households in one transaction; yields progress, returns the count.

    Refuses a preview with bad rows unless `only_good`. Closing the generator before it ends
    (Cancel) rolls everything back.
    """
    ctx.require(Permission.EDIT_RESIDENTS)
    if preview.bad and not only_good:
        raise DomainError(
            _("Tệp còn {count} dòng lỗi; hãy sửa tệp rồi nhập lại, hoặc chọn “Chỉ nhập các dòng "
              "hợp lệ”.").format(count=len({i.row for i in preview.bad})))
    total = len(preview.good)
    if total == 0:
        raise DomainError(_("Không có hộ hợp lệ nào để nhập."))
    with ctx.write() as s:
        yield Progress(0, total, _("Đang nhập hộ gia đình…"))
        for i, (_row, draft) in enumerate(preview.good, start=1):
            hh = Household(code=draft.code, village_id=draft.village_id, address=draft.address)
            s.add(hh)
            s.flush()
            people = []
            for p in [draft.head, *draft.members]:
                r = Resident(household_id=hh.id, full_name=p.full_name, name_key=fold(p.full_name),
                             sort_key=person_sort_key(p.full_name), sex=p.sex,
                             birth_date=p.birth_date, cccd=p.cccd, phone=p.phone,
                             relation=p.relation)
                s.add(r)
                people.append(r)
            s.flush()
            hh.head_id = people[0].id
            search_index.bulk_add(s, RESIDENT, [
                (r.id, resident_tokens(r.full_name, r.cccd, r.phone)) for r in people])
            search_index.bulk_add(s, HOUSEHOLD, [
                (hh.id, household_tokens(hh.code, hh.address, people[0].full_name, draft.village))])
            if i % 25 == 0 or i == total:
                yield Progress(i, total, _("Đã nhập {done}/{total} hộ").format(done=i, total=total))
        audit.record(s, ctx.user, "import", HOUSEHOLD, None, {
            "source": preview.source, "households": total,
            "skipped_rows": sorted({i.row for i in preview.bad})})
    return total


def export_households(ctx: AppContext, path: Path | str, village_id: int | None = None) -> Job[int]:
    """Every active resident, grouped by household, in the import format. Returns rows written."""
    ctx.require(Permission.VIEW_REGISTERS)
    stmt = (select(Household, Village.name, Resident)
            .join(Village, Village.id == Household.village_id)
            .join(Resident, Resident.household_id == Household.id)
            .where(Household.active.is_(True), Resident.active.is_(True))
            .order_by(Village.name, Household.code, Household.id,
                      (Resident.id != Household.head_id), Resident.birth_date))
    if village_id is not None:
        stmt = stmt.where(Household.village_id == village_id)
    rows = []
    with ctx.read() as s:
        result = s.execute(stmt).all()
        total = len(result)
        yield Progress(0, total, _("Đang đọc sổ hộ gia đình…"))
        for i, (hh, vname, r) in enumerate(result, start=1):
            rows.append([hh.code or f"H{hh.id:05d}", vname, hh.address, r.full_name,
                         label(r.sex, paper=True), r.birth_date.strftime("%d/%m/%Y") if r.birth_date else "",
                         r.cccd or "", r.phone or "",
                         HEAD_RELATION if r.id == hh.head_id else r.relation])
            if i % 1000 == 0:
                yield Progress(i, total, _("Đã đọc {done}/{total} nhân khẩu").format(
                    done=i, total=total))
    yield Progress(total, total, _("Đang ghi tệp Excel…"))
    write_sheet(path, "Hộ gia đình", HEADERS, rows, widths=[10, 18, 28, 26, 9, 12, 15, 13, 16])
    return len(rows)
