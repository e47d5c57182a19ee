"""The gettext catalogs: Vietnamese complete, placeholders kept, .mo files in step, switching works.

When (a) fails after strings were added or changed: `python -m app.i18n_tools`, then commit
resources/locale/ (the English catalog gets the new strings empty, for a translator).
"""

from __future__ import annotations

import re
import string

import pytest
from babel.messages.mofile import read_mo

from app import i18n_tools
from app.i18n import LANGUAGES, _, current_language, pgettext, set_language

_PERCENT = re.compile(r"%\((\w+)\)[#0\- +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")


def placeholders(text: str) -> tuple[list[str], list[str]]:
    """({name} fields, %(name)s fields) of a string; positional `{}` fields come back as ''."""
    fields = sorted(name for _lit, name, _spec, _conv in string.Formatter().parse(text)
                    if name is not None)
    return fields, sorted(_PERCENT.findall(text))


def _texts(value) -> list[str]:
    return list(value) if isinstance(value, tuple | list) else [value]


def _where(message) -> str:
    return ", ".join(f"{path}:{line}" for path, line in message.locations[:2])


@pytest.fixture(scope="module")
def template():
    return i18n_tools.extract_template()


@pytest.fixture(scope="module")
def catalogs():
    return {lang: i18n_tools.read_catalog(i18n_tools.po_path(lang), locale=lang)
            for lang in LANGUAGES}


@pytest.fixture
def english():
    set_language("en")
    try:
        yield
    finally:
        set_language("vi")  # every other test reads Vietnamese


def test_every_source_string_has_a_vietnamese_translation(template, catalogs):
    vi = catalogs["vi"]
    missing, empty = [], []
    for message in template:
        if not message.id:
            continue
        found = vi.get(message.id, message.context)
        label = f"{_texts(message.id)[0]!r} ({_where(message)})"
        if found is None:
            missing.append(label)
        elif not all(_texts(found.string)) or found.fuzzy:
            empty.append(label)
    assert not missing and not empty, (
        "Run `python -m app.i18n_tools` to refresh resources/locale/.\n"
        f"Missing from the vi catalog ({len(missing)}): " + "; ".join(missing[:40])
        + f"\nEmpty or fuzzy in the vi catalog ({len(empty)}): " + "; ".join(empty[:40]))


def test_source_strings_use_named_placeholders(template):
    bad = []
    for message in template:
        for text in _texts(message.id) if message.id else []:
            try:
                fields, _percent = placeholders(text)
            except ValueError as exc:  # a lone brace: .format() would fail on it too
                bad.append(f"{text!r} ({_where(message)}): {exc}")
                continue
            if any(not f or f.isdigit() for f in fields):
                bad.append(f"{text!r} ({_where(message)}): positional placeholder")
    assert not bad, "Use named placeholders: _(\"… {name} …\").format(name=…)\n" + "\n".join(bad)


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_translations_keep_the_placeholders(catalogs, lang):
    wrong = []
    for message in catalogs[lang]:
        if not message.id or message.fuzzy:
            continue  # fuzzy entries are never compiled
        wanted = placeholders(_texts(message.id)[-1])
        for text in _texts(message.string):
            if text and placeholders(text) != wanted:
                wrong.append(f"{_texts(message.id)[0]!r} → {text!r}")
    assert not wrong, f"{lang}: translations that drop or add placeholders:\n" + "\n".join(wrong)


def _compiled(catalog) -> dict:
    """{(context, id): translation}; a plural message's ids and forms are lists: tuples here."""
    def hashable(value):
        return tuple(value) if isinstance(value, list | tuple) else value
    return {(m.context, hashable(m.id)): hashable(m.string) for m in catalog if m.id}


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_mo_files_match_the_po_files(catalogs, lang):
    import io

    fresh = read_mo(io.BytesIO(i18n_tools.compile_catalog(catalogs[lang])))
    with open(i18n_tools.mo_path(lang), "rb") as fh:
        shipped = read_mo(fh)
    assert _compiled(shipped) == _compiled(fresh), (
        f"{i18n_tools.mo_path(lang).name} ({lang}) is out of date: run `python -m app.i18n_tools`")


def test_the_english_catalog_covers_the_screens(catalogs):
    """Not a rule for every string (new ones wait for a translator), but the screens are done."""
    en = catalogs["en"]
    messages = [m for m in en if m.id and any(p.startswith("ui/") for p, _line in m.locations)]
    done = [m for m in messages if all(_texts(m.string)) and not m.fuzzy]
    assert len(done) >= 0.9 * len(messages)


def test_switching_the_language(english):
    assert current_language() == "en"
    assert _("Hộ gia đình") == "Households"
    assert _("Tên đăng nhập hoặc mật khẩu không đúng.") == "Wrong username or password."
    assert pgettext("số lượng", "Số hộ") == "Households"
    text = _("Tài khoản {username} không có quyền {permission}.").format(
        username="canbo", permission=_("sửa thông tin đơn vị"))
    assert text == "Account canbo is not allowed to edit the commune profile."
    set_language("vi")
    assert _("Hộ gia đình") == "Hộ gia đình"
    assert pgettext("số lượng", "Số hộ") == "Số hộ"
    assert set_language("fr") == "vi"  # unknown codes fall back to Vietnamese


def test_domain_errors_follow_the_language(ctx, english):
    from app import users
    from app.errors import DomainError

    with pytest.raises(DomainError) as caught:
        users.authenticate(ctx, "canbo", "sai-mat-khau")
    assert caught.value.message == "Wrong username or password."


def test_command_line_is_vietnamese_unless_asked(monkeypatch, capsys, tmp_path):
    from app.cli import main
    from app.database import open_database

    db = tmp_path / "xa.sqlite3"
    open_database(db).engine.dispose()
    monkeypatch.delenv("COMMUNE_DESK_LANG", raising=False)
    assert main(["--db", str(db), "workdays", "hôm qua", "3"]) == 1
    assert capsys.readouterr().err.startswith("Lỗi: Thời điểm tiếp nhận “hôm qua” không hợp lệ.")
    monkeypatch.setenv("COMMUNE_DESK_LANG", "en")
    try:
        assert main(["--db", str(db), "workdays", "hôm qua", "3"]) == 1
        assert capsys.readouterr().err.startswith("Error: Invalid time of receipt “hôm qua”.")
    finally:
        set_language("vi")
