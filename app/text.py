"""Vietnamese text: NFC normalisation, diacritic folding for search, Vietnamese sort keys."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
_TOKEN = re.compile(r"[0-9a-z]+")


def nfc(text: str | None) -> str:
    """NFC-normalise and trim; collapse runs of whitespace. None becomes ''."""
    if text is None:
        return ""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", str(text))).strip()


def fold(text: str | None) -> str:
    """Lower case without diacritics (đ→d): 'Đặng Thị Hà' → 'dang thi ha'."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", str(text).lower())
    stripped = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    stripped = stripped.replace("đ", "d").replace("Đ", "d")
    return _SPACES.sub(" ", stripped).strip()


def tokens(text: str | None) -> list[str]:
    """Folded search tokens (letters and digits) of a text, in order, without repeats."""
    seen: dict[str, None] = {}
    for tok in _TOKEN.findall(fold(text)):
        seen.setdefault(tok, None)
    return list(seen)


# Vietnamese alphabetical order; tones are a secondary key in the order
# ngang, huyền, hỏi, ngã, sắc, nặng.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_TONE_MARKS = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_BASE_MARKS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn: part of the letter
_RANK = {ch: chr(0x41 + i) for i, ch in enumerate(_ALPHABET)}


def _letters_and_tones(word: str) -> tuple[str, str]:
    primary: list[str] = []
    tones: list[str] = []
    for ch in word.lower():
        parts = unicodedata.normalize("NFD", ch)
        base = parts[0]
        tone = 0
        marks = ""
        for mark in parts[1:]:
            if mark in _TONE_MARKS:
                tone = _TONE_MARKS[mark]
            elif mark in _BASE_MARKS:
                marks += mark
        letter = unicodedata.normalize("NFC", base + marks)
        if letter in _RANK:
            primary.append(_RANK[letter])
            tones.append(str(tone))
        elif letter.isdigit():
            primary.append("0" + letter)  # digits before letters ('0' < 'A')
            tones.append("0")
    return "".join(primary), "".join(tones)


def person_sort_key(full_name: str) -> str:
    """Sort key for a Vietnamese person's name: given name first, then family and middle names.

    'Nguyễn Văn An' sorts before 'Lê Thị Bình' (An < Bình), and 'Ân' sorts after 'An'
    (â comes after a), with tones breaking ties. The key is plain ASCII so any database
    orders it the same way with a binary comparison.
    """
    words = nfc(full_name).split(" ")
    if not words or words == [""]:
        return ""
    ordered = [words[-1], *words[:-1]]
    primaries, tone_parts = zip(*(_letters_and_tones(w) for w in ordered), strict=True)
    return " ".join(primaries) + "~" + "".join(tone_parts)


def collation_key(text: str) -> str:
    """Sort key for ordinary text (village names, titles) in Vietnamese letter order."""
    words = nfc(text).split(" ")
    primaries, tone_parts = zip(*(_letters_and_tones(w) for w in words), strict=True)
    return " ".join(primaries) + "~" + "".join(tone_parts)


def given_name(full_name: str) -> str:
    words = nfc(full_name).split(" ")
    return words[-1] if words else ""
