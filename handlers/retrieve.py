"""Topic retrieval shared by ``summary`` and ``search``.

1. The topic is parsed into index words with their other accepted forms (see
   ``core.query``); a word that names exactly one known person also accepts that person's
   other surnames and spellings ("Blinken" finds "Blinked" where an outlet misspelt him).
2. All terms first (bm25 over the newest matches, see ``Store.search``).
3. Too few hits: terms that match nothing are taken for typos and corrected against the
   index vocabulary with rapidfuzz (the answer then says "Showing results for …"); if
   still too few, any term will do (bm25 still prefers sentences with more of them).
4. Nothing at all: close terms and names are offered as suggestions.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from .core.names import NameIndex
from .core.query import STOP_WORDS, TopicQuery, parse_topic
from .core.text import normalize_name, same_word, words
from .ports import SentenceHit, Store

_WRITTEN = re.compile(r"[^\W_]+")
FUZZY_CUTOFF = 80.0
SUGGEST_CUTOFF = 70.0
ENOUGH = 3
MAX_SUGGESTIONS = 5


@dataclass(frozen=True)
class Retrieval:
    query: TopicQuery
    hits: Sequence[SentenceHit]
    corrected: str | None = None
    suggestions: tuple[str, ...] = field(default=())


async def retrieve(store: Store, text: str, limit: int, *, enough: int = ENOUGH) -> Retrieval:
    """Sentences matching ``text``: all terms, else typo fixes, else (with fewer than
    ``enough`` hits) any term."""
    query = parse_topic(text)
    if query.empty:
        return Retrieval(query, ())
    people = _people_tokens(await store.name_index())
    query = _with_people(query, people)
    hits = list(await store.search(query.match_all(), limit))
    fixes: dict[str, str] = {}
    if not hits:  # a hit means every term is in the index: only then look for typos
        fixes = await _corrections(store, query)
        if fixes:
            query = _with_people(query.replace(fixes), people)
            hits = list(await store.search(query.match_all(), limit))
    if len(hits) < enough and len(query.terms) > 1:
        seen = {h.sentence_id for h in hits}
        hits += [h for h in await store.search(query.match_any(), limit)
                 if h.sentence_id not in seen]
    if not hits:
        return Retrieval(query, (), suggestions=await _suggestions(store, query, text))
    corrected = _surface(query, fixes, hits) if fixes else None
    return Retrieval(query, hits, corrected=corrected)


# -- people ----------------------------------------------------------------------------

_PEOPLE_CACHE: list[tuple[NameIndex, dict[str, set[int]], dict[int, tuple[str, ...]]]] = []


def _people_tokens(index: NameIndex) -> tuple[dict[str, set[int]], dict[int, tuple[str, ...]]]:
    """Index word -> people whose names contain it, and each person's name forms.

    Built once per name index (the store caches that per write generation).
    """
    if _PEOPLE_CACHE and _PEOPLE_CACHE[0][0] is index:
        return _PEOPLE_CACHE[0][1], _PEOPLE_CACHE[0][2]
    tokens: dict[str, set[int]] = defaultdict(set)
    forms: dict[int, tuple[str, ...]] = {}
    for entry in index.entries():
        names = []
        for name in (entry.name, *entry.aliases):
            found = [w for w in words(normalize_name(name)) if len(w) > 1]
            if found:
                names.append(found)
                for w in found:
                    tokens[w].add(entry.person_id)
        forms[entry.person_id] = tuple(" ".join(n) for n in names)
    _PEOPLE_CACHE[:] = [(index, tokens, forms)]
    return tokens, forms


def _with_people(query: TopicQuery,
                 people: tuple[dict[str, set[int]], dict[int, tuple[str, ...]]]) -> TopicQuery:
    """Let a word that names one person match that person's other names too.

    A surname form is added only when it names nobody else ("Blinked" for Blinken);
    otherwise the full name is added as a phrase ("rajnath singh", never a bare "singh").
    """
    tokens, forms = people
    extra: dict[str, list[str]] = {}
    for term in query.terms:
        ids = tokens.get(term, set())
        if term in STOP_WORDS or len(ids) != 1:
            continue
        (person,) = ids
        more: list[str] = []
        for form in forms[person]:
            last = form.split()[-1]
            if tokens.get(last) == ids:
                more.append(last)
            elif " " in form and term in form.split():
                more.append(form)
        extra[term] = more
    return query.expand(extra) if extra else query


# -- typos and suggestions ---------------------------------------------------------------

_VOCAB_CACHE: list[tuple[Sequence[str], dict[int, list[str]]]] = []


def _by_length(vocabulary: Sequence[str]) -> dict[int, list[str]]:
    """Vocabulary bucketed by length (most frequent first within each), cached per list."""
    if _VOCAB_CACHE and _VOCAB_CACHE[0][0] is vocabulary:
        return _VOCAB_CACHE[0][1]
    buckets: dict[int, list[str]] = defaultdict(list)
    for term in vocabulary:
        if term.isalpha():
            buckets[len(term)].append(term)
    _VOCAB_CACHE[:] = [(vocabulary, buckets)]
    return buckets


def _near(term: str, buckets: dict[int, list[str]], cutoff: float,
          limit: int) -> list[str]:
    """Vocabulary terms within rapidfuzz ``ratio`` ``cutoff`` of ``term``.

    ``ratio`` ≥ 80 needs the lengths within a factor of 1.5, so only those buckets are
    scanned; the processor is ``None`` because terms are already index words. The
    vocabulary holds porter stems ("critic" for "critical"), so the term's own first
    letters are also compared with the shorter stems ("critcal" → "critca" ~ "critic").
    """
    low, high = int(len(term) / 1.5), int(len(term) * 1.5) + 1
    choices = [t for size in range(low, high + 1) for t in buckets.get(size, ())]
    found = process.extract(term, choices, scorer=fuzz.ratio, processor=None,
                            score_cutoff=cutoff, limit=limit)
    if not found:  # a stem is shorter than the word: compare the word's first letters
        for size in range(max(low, 4), len(term)):
            found += process.extract(term[:size], buckets.get(size, []), scorer=fuzz.ratio,
                                     processor=None, score_cutoff=cutoff, limit=limit)
    ranked = sorted(found, key=lambda f: -f[1])
    return list(dict.fromkeys(t for t, _, _ in ranked))[:limit]


async def _corrections(store: Store, query: TopicQuery) -> dict[str, str]:
    """Corrections for the words of ``query`` that match nothing in the index."""
    fixes: dict[str, str] = {}
    buckets: dict[int, list[str]] | None = None
    for term, group in zip(query.terms, query.groups(), strict=True):
        if query.is_phrase(term) or not term.isalpha() or len(term) < 3:
            continue
        if await store.search(TopicQuery((term,), (group[1:],)).match_all(), 1):
            continue
        if buckets is None:
            buckets = _by_length(await store.vocabulary())
        best = _near(term, buckets, FUZZY_CUTOFF, 1)
        if best and best[0] != term:
            fixes[term] = best[0]
    return fixes


def _surface(query: TopicQuery, fixes: dict[str, str], hits: Sequence[SentenceHit]) -> str:
    """The corrected query as words a reader knows: the vocabulary holds porter stems
    ("miner"), so each fix is shown as the commonest word of the hits that it starts,
    written as the articles write it ("Jaishankar", "minerals")."""
    written: Counter[str] = Counter(w for h in hits[:20] for w in _WRITTEN.findall(h.text))
    seen: Counter[str] = Counter()
    spelt: dict[str, str] = {}
    for form, count in written.most_common():
        seen[form.lower()] += count
        spelt.setdefault(form.lower(), form)
    shown = []
    for term, shown_as in zip(query.terms, query.shown(), strict=True):
        if term in fixes.values():
            forms = [w for w in seen if w.startswith(term) or same_word(w, term)]
            shown_as = spelt[max(forms, key=lambda w: (seen[w], -len(w)))] if forms else term
        shown.append(shown_as)
    return " ".join(shown)


async def _suggestions(store: Store, query: TopicQuery, text: str) -> tuple[str, ...]:
    """Close names and index terms for a "did you mean" line (names only when one of
    their words is close to one of the query's)."""
    terms = [t for t in query.terms if not query.is_phrase(t)]
    names = [name for name in (await store.name_index()).suggest(text[:200])
             if any(fuzz.ratio(t, w) >= SUGGEST_CUTOFF for t in terms
                    for w in normalize_name(name).split())]
    buckets = _by_length(await store.vocabulary())
    close = [t for term in terms for t in _near(term, buckets, SUGGEST_CUTOFF, 2) if t != term]
    return tuple(dict.fromkeys((*names, *close)))[:MAX_SUGGESTIONS]
