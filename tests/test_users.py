import pytest

from app import users
from app.auth import CurrentUser, hash_password, verify_password
from app.database import open_memory
from app.errors import DomainError, PermissionDenied
from db.models import Role


@pytest.fixture
def ctx():
    c = open_memory()
    users.create_user(c, "quantri", "Lê Văn Quản", Role.ADMIN, "matkhau1")
    users.create_user(c, "motcua", "Phạm Thị Mai", Role.CLERK, "matkhau2", "Bộ phận một cửa")
    return c


def test_hash_is_salted_scrypt():
    a, b = hash_password("quangtrung"), hash_password("quangtrung")
    assert a != b and a.startswith("scrypt$")
    assert verify_password("quangtrung", a) and not verify_password("quangtrunG", a)
    assert not verify_password("x", "garbage")


def test_login(ctx):
    user = users.authenticate(ctx, "MotCua", "matkhau2")
    assert user.role == Role.CLERK and user.full_name == "Phạm Thị Mai"
    with pytest.raises(DomainError, match="không đúng"):
        users.authenticate(ctx, "motcua", "sai")
    with pytest.raises(DomainError, match="không đúng"):
        users.authenticate(ctx, "khongco", "matkhau2")


def test_locked_account_cannot_sign_in(ctx):
    uid = next(u.id for u in users.list_users(ctx) if u.username == "motcua")
    users.set_user_active(ctx, uid, False)
    with pytest.raises(DomainError, match="khóa"):
        users.authenticate(ctx, "motcua", "matkhau2")


def test_clerk_cannot_manage_accounts(ctx):
    clerk = ctx.as_user(users.authenticate(ctx, "motcua", "matkhau2"))
    with pytest.raises(PermissionDenied):
        users.create_user(clerk, "moi", "Người Mới", Role.ADMIN, "123456")
    assert len(users.list_users(ctx)) == 2


def test_own_password_change_needs_the_old_one(ctx):
    user = users.authenticate(ctx, "motcua", "matkhau2")
    clerk = ctx.as_user(user)
    with pytest.raises(DomainError, match="hiện tại"):
        users.set_password(clerk, user.user_id, "moimoi1", "sai")
    users.set_password(clerk, user.user_id, "moimoi1", "matkhau2")
    users.authenticate(ctx, "motcua", "moimoi1")


def test_last_admin_is_protected(ctx):
    admin = users.authenticate(ctx, "quantri", "matkhau1")
    as_admin = ctx.as_user(admin)
    with pytest.raises(DomainError, match="tự khóa"):
        users.set_user_active(as_admin, admin.user_id, False)
    with pytest.raises(DomainError, match="ít nhất một"):
        users.update_user(ctx, admin.user_id, full_name="Lê Văn Quản", title="", role=Role.CLERK)


@pytest.mark.parametrize("username,password,message", [
    ("a", "123456", "Tên đăng nhập"), ("Người dùng", "123456", "Tên đăng nhập"),
    ("motcua", "123456", "đã có"), ("moi", "123", "ít nhất")])
def test_bad_accounts_refused(ctx, username, password, message):
    with pytest.raises(DomainError, match=message):
        users.create_user(ctx, username, "Người Mới", Role.CLERK, password)
    assert len(users.list_users(ctx)) == 2


def test_search_staff_without_diacritics(ctx):
    assert [u.username for u in users.list_users(ctx, "pham mai")] == ["motcua"]


def test_system_actor_is_admin():
    assert CurrentUser(None, "x", "X", Role.ADMIN).can(next(iter(__import__("app.auth").auth.Permission)))
