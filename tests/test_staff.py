import pytest

from app import staff
from app.auth import Actor, hash_password, verify_password
from app.database import open_memory
from app.errors import DomainError, PermissionDenied
from db.models import Role


@pytest.fixture
def ctx():
    c = open_memory()
    staff.create_user(c, "quantri", "Lê Văn Quản", Role.ADMIN, "matkhau1")
    staff.create_user(c, "motcua", "Phạm Thị Mai", Role.CLERK, "matkhau2", "Bộ phận một cửa")
    return c


def test_hash_is_salted_scrypt():
    a, b = hash_password("quangtrung"), hash_password("quangtrung")
    assert a != b and a.startswith("scrypt$")
    assert verify_password("quangtrung", a) and not verify_password("quangtrunG", a)
    assert not verify_password("x", "garbage")


def test_login(ctx):
    actor = staff.authenticate(ctx, "MotCua", "matkhau2")
    assert actor.role == Role.CLERK and actor.full_name == "Phạm Thị Mai"
    with pytest.raises(DomainError, match="không đúng"):
        staff.authenticate(ctx, "motcua", "sai")
    with pytest.raises(DomainError, match="không đúng"):
        staff.authenticate(ctx, "khongco", "matkhau2")


def test_locked_account_cannot_sign_in(ctx):
    uid = next(u.id for u in staff.list_users(ctx) if u.username == "motcua")
    staff.set_user_active(ctx, uid, False)
    with pytest.raises(DomainError, match="khóa"):
        staff.authenticate(ctx, "motcua", "matkhau2")


def test_clerk_cannot_manage_accounts(ctx):
    clerk = ctx.as_actor(staff.authenticate(ctx, "motcua", "matkhau2"))
    with pytest.raises(PermissionDenied):
        staff.create_user(clerk, "moi", "Người Mới", Role.ADMIN, "123456")
    assert len(staff.list_users(ctx)) == 2


def test_own_password_change_needs_the_old_one(ctx):
    actor = staff.authenticate(ctx, "motcua", "matkhau2")
    clerk = ctx.as_actor(actor)
    with pytest.raises(DomainError, match="hiện tại"):
        staff.set_password(clerk, actor.user_id, "moimoi1", "sai")
    staff.set_password(clerk, actor.user_id, "moimoi1", "matkhau2")
    staff.authenticate(ctx, "motcua", "moimoi1")


def test_last_admin_is_protected(ctx):
    admin = staff.authenticate(ctx, "quantri", "matkhau1")
    as_admin = ctx.as_actor(admin)
    with pytest.raises(DomainError, match="tự khóa"):
        staff.set_user_active(as_admin, admin.user_id, False)
    with pytest.raises(DomainError, match="ít nhất một"):
        staff.update_user(ctx, admin.user_id, full_name="Lê Văn Quản", title="", role=Role.CLERK)


@pytest.mark.parametrize("username,password,message", [
    ("a", "123456", "Tên đăng nhập"), ("Người dùng", "123456", "Tên đăng nhập"),
    ("motcua", "123456", "đã có"), ("moi", "123", "ít nhất")])
def test_bad_accounts_refused(ctx, username, password, message):
    with pytest.raises(DomainError, match=message):
        staff.create_user(ctx, username, "Người Mới", Role.CLERK, password)
    assert len(staff.list_users(ctx)) == 2


def test_search_staff_without_diacritics(ctx):
    assert [u.username for u in staff.list_users(ctx, "pham mai")] == ["motcua"]


def test_system_actor_is_admin():
    assert Actor(None, "x", "X", Role.ADMIN).can(next(iter(__import__("app.auth").auth.Permission)))
