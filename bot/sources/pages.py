"""Article text from a web page, extracted with trafilatura.

trafilatura separates an article from the site around it (menus, promos, comments) far
better than generic HTML-to-text; briefbot's own furniture removal still runs afterwards.
A page with too little text left is "no article text", never stored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
MIN_WORDS = 30
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


class PageError(ValueError):
    """Why a page gave no article."""


@dataclass(frozen=True)
class PageText:
    text: str
    title: str | None
    outlet: str | None
    date: str | None


def is_html(content_type: str) -> bool:
    return content_type in HTML_TYPES


def extract_page(html: str | bytes, *, url: str | None = None) -> PageText:
    """The article in ``html``; :class:`PageError` when there is none."""
    import trafilatura  # loaded only when a page is read

    try:
        # no deduplicate=True: its cache is process-wide and would drop a page seen before
        found = trafilatura.bare_extraction(html, url=url, with_metadata=True,
                                            include_comments=False, include_tables=False)
    except Exception as exc:  # trafilatura wraps lxml; a page it cannot parse is skipped
        raise PageError(f"could not extract the article: {exc}") from None
    text = (_field(found, "text") or "").strip()
    if len(text.split()) < MIN_WORDS:
        raise PageError("no article text found on the page")
    date = _field(found, "date")
    return PageText(text=text, title=_field(found, "title"),
                    outlet=_field(found, "sitename"),
                    date=date[:10] if date and _DATE.match(date) else None)


def _field(found: Any, name: str) -> str | None:
    """A field of trafilatura's result: a Document (2.x) or a dict (1.x), or None."""
    if found is None:
        return None
    value = found.get(name) if isinstance(found, dict) else getattr(found, name, None)
    value = " ".join(str(value).split()) if name != "text" and value else value
    return value or None
