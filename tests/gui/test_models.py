"""Every table model of the GUI passes pytest-qt's model tester, empty, full and lazily paged."""

from __future__ import annotations

from app import resident_lists
from ui.common.models import Column, IdTableModel, ListTableModel


def test_every_register_model(qtbot, qtmodeltester, window):
    for title, controller in window.controllers.items():
        model = getattr(controller, "model", None)
        if model is None:
            continue  # the profile screen is a form, not a table
        if title == "Tiếp nhận & trả kết quả":
            qtmodeltester.check(model)  # no dossier yet; checked full in test_desk.py
            continue
        assert model.rowCount() > 0, title
        qtmodeltester.check(model)


def test_lazy_model_fetches_pages(qtmodeltester, ctx):
    ids = resident_lists.search_resident_ids(ctx)
    model = IdTableModel([Column("Họ và tên", lambda r: r.full_name)],
                         lambda page: resident_lists.get_residents(ctx, page), page=2)
    model.set_ids(ids)
    assert model.rowCount() == 2 and model.canFetchMore()
    qtmodeltester.check(model)
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == len(ids) == 5
    names = [model.index(i, 0).data() for i in range(model.rowCount())]
    # the service's Vietnamese order (by given name) is kept: An, Bình, Hà, Mai, Thắng
    assert names == ["Nguyễn Văn An", "Trần Văn Bình", "Đặng Thị Hà", "Phạm Thị Mai",
                     "Nguyễn Văn Thắng"]
    assert model.row_of(ids[-1]) == 4
    model.set_ids([])
    qtmodeltester.check(model)


def test_import_issue_and_member_models(qtmodeltester, ctx):
    from app.excel import RowIssue

    issues = ListTableModel([Column("Dòng", lambda i: i.row), Column("Lý do", lambda i: i.reason)],
                            key=lambda i: (i.row, i.reason))
    issues.set_rows([RowIssue(3, "Thiếu số hộ.", "Lê Văn Cường")])
    qtmodeltester.check(issues)
    hh = resident_lists.get_household(ctx, resident_lists.search_household_ids(ctx, "thang")[0])
    from ui.registers.households.household_dialog import MEMBER_COLUMNS

    members = ListTableModel(MEMBER_COLUMNS)
    members.set_rows(hh.members)
    qtmodeltester.check(members)
    assert members.index(0, 0).data() == "Nguyễn Văn Thắng"  # the head first
