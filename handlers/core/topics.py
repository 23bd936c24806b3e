"""Completing a topic as it is typed, from the words the index holds.

Discord gives autocomplete three seconds and users expect it at once, so the vocabulary
is sorted once and each keystroke costs a binary search, with a bounded fuzzy scan of the
most frequent words only when nothing starts as typed.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence

from rapidfuzz import fuzz, process

from .query import STOP_WORDS

PREFIX_SCAN = 2_000  # prefix matches ranked by frequency directly, beyond that scanned
FUZZY_POOL = 20_000  # most frequent words searched when no word starts as typed


class TopicIndex:
    """Index words, most frequent first, ready for prefix and fuzzy completion."""

    def __init__(self, vocabulary: Sequence[str]) -> None:
        self._by_frequency = [t for t in vocabulary if len(t) > 2 and t not in STOP_WORDS]
        self._ordered = sorted(self._by_frequency)
        self._rank = {t: i for i, t in enumerate(self._by_frequency)}

    def complete(self, current: str, limit: int = 25) -> list[str]:
        """The text typed so far with its last word completed, best first."""
        head, words = self.candidates(current, limit)
        return [head + t for t in words]

    def candidates(self, current: str, limit: int = 25) -> tuple[str, list[str]]:
        """What stays of the text typed (with a trailing space, or empty), and the index
        words that may complete its last word, best first: callers that can spell an
        index word as the articles do (the store) show that instead."""
        head, _, word = current.lower().rpartition(" ")
        word = word.strip()
        found = self._words_for(word, limit) if word else [
            t for t in self._by_frequency[:limit * 4] if len(t) > 3][:limit]
        return (f"{head.strip()} " if head.strip() else ""), found[:limit]

    def _words_for(self, word: str, limit: int) -> list[str]:
        low = bisect.bisect_left(self._ordered, word)
        high = bisect.bisect_left(self._ordered, word + "\U0010ffff")
        if high - low <= PREFIX_SCAN:
            found = sorted(self._ordered[low:high], key=lambda t: (t != word, self._rank[t]))
        else:  # a short, common prefix: the frequency order finds enough quickly
            found = list(itertools.islice(
                (t for t in self._by_frequency if t.startswith(word)), limit))
        if len(found) < limit:
            seen = set(found)
            fuzzy = process.extract(word, self._by_frequency[:FUZZY_POOL], scorer=fuzz.ratio,
                                    processor=None, limit=limit, score_cutoff=70)
            found += [t for t, _, _ in fuzzy if t not in seen]
        return found
