"""Folded-token search index shared by every register (and later tabs).

Each searchable record stores its folded tokens in `search_tokens`. A query word matches a
token by prefix, which is a range scan on the (token, entity, entity_id) index: no
`LIKE '%…%'` over whole tables. Every word of the query must match (AND).
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import and_, delete, func, insert, intersect, select
from sqlalchemy.orm import Session

from app.text import tokens
from db.models import SearchToken

MAX_TOKEN = 80


def _prefix_upper(word: str) -> str:
    # Smallest string greater than every string starting with `word`.
    return word[:-1] + chr(ord(word[-1]) + 1)


def index_tokens(*texts: str | None) -> set[str]:
    out: set[str] = set()
    for text in texts:
        out.update(t[:MAX_TOKEN] for t in tokens(text))
    return out


def set_tokens(session: Session, entity: str, entity_id: int, toks: Iterable[str]) -> None:
    session.execute(
        delete(SearchToken).where(SearchToken.entity == entity, SearchToken.entity_id == entity_id)
    )
    rows = [{"entity": entity, "entity_id": entity_id, "token": t} for t in sorted(set(toks))]
    if rows:
        session.execute(insert(SearchToken), rows)


def bulk_add(session: Session, entity: str, items: Iterable[tuple[int, Iterable[str]]]) -> None:
    """Index many new records at once (imports, demo data)."""
    rows = [
        {"entity": entity, "entity_id": eid, "token": t}
        for eid, toks in items
        for t in sorted(set(toks))
    ]
    for start in range(0, len(rows), 5000):
        session.execute(insert(SearchToken), rows[start : start + 5000])


def joined(text: str | None) -> str:
    """The folded words of a multi-word text run together ("Trần Thị Hà" → "tranthiha"), so a
    name typed in order is one prefix range on the index; '' for a single word."""
    words = tokens(text)
    return "".join(words)[:MAX_TOKEN] if len(words) > 1 else ""


def query_words(query: str) -> list[str]:
    """The distinct folded words of a query, longest first, at most 8."""
    return sorted(set(tokens(query)), key=len, reverse=True)[:8]


def _word_range(word: str):
    return and_(SearchToken.token >= word, SearchToken.token < _prefix_upper(word))


def count_matches(session: Session, entity: str, word: str, cap: int) -> int:
    """How many tokens of `entity` start with `word`, counting no further than `cap`."""
    capped = (select(SearchToken.entity_id)
              .where(SearchToken.entity == entity, _word_range(word)).limit(cap).subquery())
    return session.scalar(select(func.count()).select_from(capped)) or 0


def word_ids(entity: str, word: str):
    """A SELECT of the ids of `entity` with a token starting with `word`."""
    return select(SearchToken.entity_id).where(SearchToken.entity == entity, _word_range(word))


def has_token(entity: str, id_column, word: str):
    """EXISTS: the record in `id_column` has a token starting with `word` (index lookup)."""
    return (select(SearchToken.id)
            .where(SearchToken.entity == entity, SearchToken.entity_id == id_column,
                   _word_range(word)).exists())


def ids_with_all(entity: str, words: list[str]):
    """A SELECT of the ids having, for each word, a token starting with it (ranges intersected)."""
    per_word = [word_ids(entity, w) for w in words]
    # used inside IN (…): repeats from one range do not matter
    return per_word[0] if len(per_word) == 1 else intersect(*per_word)


def matching_ids_stmt(entity: str, query: str):
    """A SELECT of the ids of `entity` whose tokens cover every word of `query` (by prefix).

    Returns None for an empty query (the caller lists everything).
    """
    words = query_words(query)
    return ids_with_all(entity, words) if words else None
