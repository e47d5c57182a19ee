"""argparse's own words ("usage:", "options", "show this help message and exit", its error
messages) through our gettext, so `--help` and a mistyped command read Vietnamese (or
English with COMMUNE_DESK_LANG=en) like the rest of the command line.

argparse looks its strings up with `gettext.gettext` under the domain "messages", which no
catalog of ours serves. `install()` points argparse's `_` and `ngettext` at `translate`:
argparse's English string → its Vietnamese wording here (marked with N_, so extraction puts
it in our catalogs, where `en` gives argparse's English back) → `app.i18n._`. A string not
listed (a newer Python may add some) stays as argparse wrote it.
"""

from __future__ import annotations

import argparse

from app.i18n import N_, _

# argparse's msgid → our msgid; the placeholders are argparse's and must stay as they are
ARGPARSE: dict[str, str] = {
    "usage: ": N_("Cách dùng: "),
    "positional arguments": N_("tham số"),
    "options": N_("tùy chọn"),
    "optional arguments": N_("tùy chọn"),  # Python before 3.10
    "subcommands": N_("các lệnh"),
    "show this help message and exit": N_("xem hướng dẫn này rồi thoát"),
    "show program's version number and exit": N_("xem phiên bản chương trình rồi thoát"),
    "%(prog)s: error: %(message)s\n": N_("%(prog)s: lỗi: %(message)s\n"),
    "argument %(argument_name)s: %(message)s": N_("tham số %(argument_name)s: %(message)s"),
    "unrecognized arguments: %s": N_("không hiểu các tham số: %s"),
    "the following arguments are required: %s": N_("còn thiếu tham số: %s"),
    "one of the arguments %s is required": N_("cần ghi một trong các tham số %s"),
    "not allowed with argument %s": N_("không dùng cùng với tham số %s"),
    "ignored explicit argument %r": N_("tùy chọn này không nhận giá trị %r"),
    "expected one argument": N_("cần ghi một giá trị sau tùy chọn này"),
    "expected at most one argument": N_("chỉ được ghi nhiều nhất một giá trị"),
    "expected at least one argument": N_("cần ghi ít nhất một giá trị"),
    "ambiguous option: %(option)s could match %(matches)s":
        N_("tùy chọn %(option)s chưa rõ, có thể là: %(matches)s"),
    "unexpected option string: %s": N_("tùy chọn không đúng chỗ: %s"),
    "invalid %(type)s value: %(value)r":
        N_("giá trị %(value)r không hợp lệ (cần một giá trị kiểu %(type)s)"),
    "invalid choice: %(value)r (choose from %(choices)s)":
        N_("không có lựa chọn %(value)r (chọn một trong: %(choices)s)"),
    "unknown parser %(parser_name)r (choices: %(choices)s)":
        N_("không có lệnh %(parser_name)r (chọn một trong: %(choices)s)"),
    "can't open '%(filename)s': %(error)s": N_("không mở được tệp '%(filename)s': %(error)s"),
}
# argparse's plural "expected %s argument" / "expected %s arguments": one form in Vietnamese
EXPECTED = N_("cần ghi %s giá trị")


def translate(message: str) -> str:
    """argparse's `_`: its English string in the interface language."""
    ours = ARGPARSE.get(message)
    return _(ours) if ours is not None else message


def translate_plural(singular: str, plural: str, n: int) -> str:
    """argparse's `ngettext`."""
    if singular == "expected %s argument":
        return _(EXPECTED)
    return singular if n == 1 else plural


def install() -> None:
    """Route argparse's strings through `translate` (once per process; argparse reads its
    `_` when a parser is made, when help is formatted and when an error is reported)."""
    argparse._ = translate  # type: ignore[attr-defined]
    argparse.ngettext = translate_plural  # type: ignore[attr-defined]
