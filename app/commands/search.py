"""`search TEXT`: residents, households and dossiers, without diacritics ("nguyen van" finds
"Nguyễn Văn …")."""

from app.commands.common import whole_number
from app.i18n import _
from app.labels import label


def add_parser(sub) -> None:
    p = sub.add_parser("search", help=_("tìm nhân khẩu, hộ gia đình (gõ không dấu cũng được)"))
    p.add_argument("text", metavar=_("TỪ_KHÓA"),
                   help=_("họ tên, số định danh, số điện thoại, mã hộ hoặc mã hồ sơ"))
    p.add_argument("--limit", type=whole_number, default=50, metavar="N",
                   help=_("số kết quả tối đa mỗi loại (mặc định 50)"))
    p.add_argument("--json", action="store_true", help=_("in kết quả dạng JSON"))


def run(args) -> int:
    from app import resident_lists
    from app.commands.common import open_ctx, print_json
    from app.commands.dossiers import dossier_dict
    from app.desk import queries

    ctx = open_ctx(args)
    try:
        people = resident_lists.get_residents(
            ctx, resident_lists.search_resident_ids(ctx, args.text, limit=args.limit))
        homes = resident_lists.get_households(
            ctx, resident_lists.search_household_ids(ctx, args.text, limit=args.limit))
        files = queries.get_dossiers(ctx, queries.lookup(ctx, args.text, limit=args.limit))
    finally:
        ctx.engine.dispose()
    if args.json:
        print_json({
            "residents": [{"id": r.id, "full_name": r.full_name, "sex": label(r.sex, paper=True),
                           "birth_date": r.birth_date, "cccd": r.cccd, "phone": r.phone,
                           "household_code": r.household_code, "village": r.village}
                          for r in people],
            "households": [{"id": h.id, "code": h.code, "head": h.head_name, "village": h.village,
                            "address": h.address, "members": h.members} for h in homes],
            "dossiers": [dossier_dict(d) for d in files],
        })
        return 0
    if not (people or homes or files):
        print(_("Không tìm thấy nhân khẩu, hộ gia đình hay hồ sơ nào khớp với “{text}”.").format(
            text=args.text))
        return 0
    print(_("Nhân khẩu ({count}):").format(count=len(people)))
    for r in people:
        born = r.birth_date.strftime("%d/%m/%Y") if r.birth_date else "—"
        print("  " + _("{name} – {sex}, sinh {born}, {village}, hộ {household}").format(
            name=r.full_name, sex=label(r.sex), born=born, village=r.village,
            household=r.household_code or r.household_id))
    print(_("Hộ gia đình ({count}):").format(count=len(homes)))
    for h in homes:
        print("  " + _("{code} – chủ hộ {head}, {village}, {members} nhân khẩu").format(
            code=h.code or h.id, head=h.head_name, village=h.village, members=h.members))
    print(_("Hồ sơ ({count}):").format(count=len(files)))
    for d in files:
        print(f"  {d.code} – {d.applicant_name}, {d.procedure_name}, {label(d.status)}")
    return 0
