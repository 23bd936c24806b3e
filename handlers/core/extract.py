"""People and quotes from a parsed article.

The single entry point the ingest side calls. It is pure and fast: one pass for people
(`people.find_people`) and one for quotes (`quotes.find_quotes`) over ``article.body``;
all offsets in the result refer to that body.
"""

from __future__ import annotations

from .models import Extraction, ParsedArticle
from .people import find_people
from .quotes import Cues, find_quotes


def extract(article: ParsedArticle) -> Extraction:
    """People (with roles, aliases, mention counts) and attributed quotes of one article."""
    cues = Cues(article.body)   # speech verbs, found once for both passes
    index = find_people(article.body, set(cues.starts))
    quotes = find_quotes(article, index, cues)
    return Extraction(people=index.frozen(), quotes=quotes)
