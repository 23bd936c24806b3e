"""Article parsing: metadata, furniture removal, paragraphs and sentences.

Scraped news pages arrive as plain text in which the article is mixed with the site
around it: menus, app and newsletter promos, image captions, bylines, copyright
footers and lists of related headlines. None of that may reach a cited answer.

Furniture is recognised by *shape*, not by any site's wording, because the bot reads
pages from sites nobody has seen yet:

* article prose comes in sentences; a short line without sentence punctuation is a
  headline, subhead or menu item, and never becomes body text;
* navigation repeats (a related headline twice in a row) or is separated by "|";
* promos, captions and credits have a small generic vocabulary at a fixed place
  ("Subscribe ...", "IMAGE: ...", "... in your inbox", "Photograph: ...");
* metadata lines (bylines, "Source:", datelines, sign-offs such as "(AFP, AP)") are
  mined for the date and outlet, then dropped.

The headline is the short line closest above the first paragraph, skipping the
bylines, dates, captions and promos that sites put in between.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date as Date
from enum import Enum

from .models import ParsedArticle, Sentence
from .sentences import split_sentences
from .text import shorten

TITLE_LIMIT = 80
SHORT_LINE = 15  # words; longer lines are text even when a scraper lost the full stop
PROSE_LINE = 20  # words from which an unpunctuated line is still taken as prose
LIST_ITEM = 12  # words; lines this short can be items of a menu or headline list

Span = tuple[int, int]


class _Kind(Enum):
    PROSE = "prose"  # a body paragraph
    HEADING = "heading"  # short and unpunctuated or in title case: headline, subhead, menu
    META = "meta"  # byline, credit, date line, breadcrumb: mined, then dropped
    FURNITURE = "furniture"  # promo, caption, footer, navigation: dropped


@dataclass(slots=True)
class _Line:
    text: str
    kind: _Kind
    words: int
    spans: list[Span] = field(default_factory=list)
    outlet: tuple[int, str] | None = None  # (rank, name); the lowest rank wins
    date: str | None = None
    crumb: str | None = None  # a breadcrumb's last item, usually the headline


# Outlet evidence, strongest first.
_BY_DATELINE, _BY_SOURCE, _BY_BYLINE, _BY_SIGNOFF, _BY_COPYRIGHT, _BY_BREADCRUMB = range(6)

# --- normalisation --------------------------------------------------------------------

_HEADER = re.compile(r"\s*date (\d{4}-\d{2}-\d{2})(?:\s+|$)")
_INVISIBLE = ("\u200b", "\u200c", "\u200d", "\ufeff")
_DROP_INVISIBLE = str.maketrans(dict.fromkeys(_INVISIBLE))
_CLOSERS = "\"'”’)]"
_OPENERS = "\"'“‘(["
# Words a headline in title case leaves in lower case.
_MINOR_WORDS = frozenset(
    ("a", "an", "the", "and", "but", "or", "nor", "for", "of", "on", "in", "at", "to", "by", "as")
)

# --- furniture --------------------------------------------------------------------------

# Calls to action open a promo; a few phrases mark one wherever they occur. The second
# pattern runs on lowercased text, which is several times faster than re.IGNORECASE.
_PROMO_START = re.compile(
    r"(?:follow us|download (?:the|our|now|\w*app)|subscribe\b|sign (?:in|up)\b|log ?in\b"
    r"|register (?:now|here|for free)|get the (?:app|latest)|available on\b|print this"
    r"|share (?:this|on|via|the story|the article)\b|read (?:more|also)\b|also read\b"
    r"|click here|tap here|listen to (?:this|the) (?:article|story)|watch:|skip to"
    r"|advertisement\b|you may also like|recommended for you|more on this story"
    r"|related (?:topics|stories|articles|news|coverage|links)\b|don't miss"
    r"|accept (?:all|cookies))",
    re.IGNORECASE,
)
_PROMO_PHRASE = re.compile(
    r"in your inbox|our newsletters?\b|newsletter sign.?up|we use cookies|use of cookies"
    r"|cookie (?:policy|settings|preferences)|our (?:privacy policy|terms of (?:use|service))"
)
# Words every _PROMO_PHRASE and _FOOTER match contains: substring tests are much cheaper
# than a regex search, and almost every line fails them.
_PROMO_HINTS = ("inbox", "newsletter", "cookie", "privacy", "terms of")
_FOOTER_HINTS = ("©", "(c)", "copyright", "rights reserved")
_CAPTION = re.compile(
    r"^(?:(?:image|photo|media|video) (?:source|caption|credit)s?\s*[:,]"
    r"|(?:image|photo(?:graph)?|picture|pic|caption|credit|courtesy)s?\s*:"
    r"|file photo\b|representational (?:image|photo)\b)",
    re.IGNORECASE,
)
# A credit after a caption: "Blinken in Delhi on Friday. Photograph: Jane Roe/AP".
_CREDIT = re.compile(r"[.!?] (?:photograph|photo|picture|image|credit)s?\s*:", re.IGNORECASE)
_PHOTO_PAREN = re.compile(
    r"\s*\((?:photo(?:graph)?|image|picture|pic|file photo|representational (?:image|photo))"
    r"\b[^()]{0,80}\)",
    re.IGNORECASE,
)
_LEADING_AD = re.compile(r"(?:story continues below )?advertisement\s+(?=\S)", re.IGNORECASE)
_FOOTER = re.compile(r"©|\(c\) ?\d{4}|copyright ?©? ?\d{4}|all rights reserved")  # lowercased
_NAV_SEPARATORS = ("|", " • ", " · ", " - ", " – ")
_CRUMB_SEPARATORS = ("»", "›")
_PLAIN_CRUMB_SEPARATORS = (" > ", " / ")  # also occur in text, so only on unpunctuated lines
_CRUMB_SEPARATOR = re.compile(r" ?[»›] ?| [>/] ")

# --- metadata -------------------------------------------------------------------------

_MONTH = (
    r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_YEAR = r"((?:19|20)\d{2})(?!\d)"
_DATE = re.compile(
    rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+{_YEAR}"
    rf"|\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}"
    r"|\b((?:19|20)\d{2})-(\d{2})-(\d{2})\b",
    re.IGNORECASE,
)
_MONTHS = {
    month: number
    for number, month in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
# What may accompany a date on a date line: labels, weekdays, times and time zones.
_DATE_NOISE = re.compile(
    r"\b(?:last|first|updated|published|posted|modified|on|at"
    r"|(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?"
    r"|ist|gmt|utc|bst|cet|cest|[ecmp][sd]?t|hrs?|[ap]\.?m\.?)\b|\d{1,2}[:.]\d{2}|[\W_]+",
    re.IGNORECASE,
)
_YEAR_DIGITS = re.compile(r"\d{4}")
_CLOCK = re.compile(r"\b\d{1,2}:\d{2}\b")
# A time and zone after a leading date, and the separator before the text proper.
_TIME_TAIL = re.compile(
    r"(?:\s*\d{1,2}[:.]\d{2}(?:\s*(?i:[ap]\.?m\.?))?(?:\s+[A-Z]{2,4}\b)?)?\s*[|•·,:–—-]?\s*"
)
_SOURCE = re.compile(
    r"(?:source|agency)\s*:\s*(.+?)\s*(?:[|–—]|\s-\s|\bedited by\b|\bupdated\b|$)",
    re.IGNORECASE,
)
_BYLINE = re.compile(
    r"(?i:(?:written|edited|reported|reporting|compiled|posted|story|text)\s+)?(?i:by)\s+[A-Z]"
    r"|(?i:reporting from)\s+[A-Z]"
    r"|[A-Z][\w'’.-]+(?:,? (?:and )?[A-Z][\w'’.-]+){1,5} in [A-Z][\w.'’ -]+$"  # "Jane Doe in Delhi"
)
_BYLINE_PARTS = re.compile(r"\s*(?:,|\||\s-\s|\sfor\s)\s*")
_SIGNOFF = re.compile(
    r"^(?:[a-z]{1,5}(?:/[a-z]{1,5})+\s*)?\(([^()]{2,60})\)\.?$"
    r"|^[-–—]+\s*([^-–—]{2,40})$",
    re.IGNORECASE,
)
_DATELINE = re.compile(
    r"^[A-Z][\w.'’ -]{1,40}?(?:,\s*[\w. ]{1,20}?)?\s*\(([^()]{2,40})\)\s*(?:[-–—]+|:)\s*"
)
_COPYRIGHT_HOLDER = re.compile(
    r"(?:(?:©|\(c\)|(?i:copyright))\s*)+(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?"
    r"([A-Z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*){0,3})",
)
_ACRONYM = re.compile(r"[A-Z]{2,5}")
_ORG_WORD = re.compile(
    r"\b(?:News|Press|Times|Post|Journal|Agency|Herald|Tribune|Express|Today"
    r"|Daily|Wire|Media|Network|Television|TV|Radio|Telegraph|Guardian|Independent|Mail"
    r"|Standard|Gazette|Observer|Chronicle|Reuters|Bloomberg|Xinhua|Kyodo|Yonhap|Agence"
    r"|Associated)\b"
)
_DOMAIN = re.compile(r"[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|news|info|tv|[a-z]{2})", re.I)
_LIST_SEPARATOR = re.compile(r",|\band\b|&")
# Lines about the page rather than the story: "Updated 2 hours ago", "5 min read".
_STAMP = re.compile(
    r"(?:last |first )?(?:updated|published|posted)\b|\d+ (?:minutes?|hours?|days?) ago\b"
    r"|\d+ ?min(?:ute)?s? read\b|reading time\b",
    re.IGNORECASE,
)
_ROLE_WORD = re.compile(
    r"\b(?:correspondent|editor|reporter|writer|staff|bureau|chief|contributor|columnist)\b",
    re.IGNORECASE,
)


def parse_article(raw: str, *, fallback_title: str | None = None) -> ParsedArticle:
    """Parse a scraped news page into its title, date, outlet and cited-ready body.

    ``body`` is the article's paragraphs joined by blank lines, with every piece of
    site furniture removed; each sentence's offsets point into ``body``.
    """
    header_date, texts = _normalise(raw)
    lines = [_classify(text) for text in texts]
    _mark_repeats(lines)
    _mark_lists(lines)
    first = next((i for i, line in enumerate(lines) if line.kind is _Kind.PROSE), len(lines))
    lead_date = _strip_lead(lines[first]) if first < len(lines) else None
    paragraphs, spans = _paragraphs(lines)
    body = "\n\n".join(paragraphs)
    sentences = _sentences(paragraphs, spans)
    return ParsedArticle(
        title=_title(lines, first, fallback_title, sentences),
        body=body,
        sentences=sentences,
        date=header_date or lead_date or _date(lines, first),
        outlet=_outlet(lines),
        paragraphs=tuple(paragraphs),
    )


def _normalise(raw: str) -> tuple[str | None, list[str]]:
    """Split into single-spaced, non-empty lines after taking the ``date`` header off."""
    if _mentions(raw, _INVISIBLE):
        raw = raw.translate(_DROP_INVISIBLE)
    header = _HEADER.match(raw)
    date = None
    if header:
        date, raw = header.group(1), raw[header.end() :]
    return date, [" ".join(words) for line in raw.splitlines() if (words := line.split())]


# --- one line at a time -------------------------------------------------------------------


def _classify(text: str) -> _Line:
    """Decide what a line is from its own text, mining any metadata it carries."""
    text = _strip_inline_furniture(text)
    lower = text.lower()
    words = text.count(" ") + 1
    if _mentions(lower, _FOOTER_HINTS) and _FOOTER.search(lower):
        return _Line(text, _Kind.FURNITURE, words, outlet=_source(text) or _copyright(text))
    terminal = _is_terminal(text)
    if _is_breadcrumb(text, terminal=terminal):
        return _breadcrumb(text, words)
    if words <= SHORT_LINE:
        meta = _meta(text, lower, words, terminal=terminal)
        if meta:
            return meta
    if not terminal and _count(text, _NAV_SEPARATORS) >= 2:
        return _Line(text, _Kind.FURNITURE, words)
    prose = _is_prose(text, words, terminal=terminal)
    if not prose or (words <= LIST_ITEM and _is_title_case(text)):
        furniture = _is_furniture_sentence(text) or _CREDIT.search(text)
        return _Line(text, _Kind.FURNITURE if furniture else _Kind.HEADING, words)
    phrases = _mentions(lower, _PROMO_HINTS) and _PROMO_PHRASE.search(lower) is not None
    return _prose(text, words, phrases=phrases)


def _strip_inline_furniture(text: str) -> str:
    """Remove "(Photo: ...)" credits and an "Advertisement" label glued before the text."""
    if "(" in text:
        text = _PHOTO_PAREN.sub("", text)
    ad = _LEADING_AD.match(text)
    return text[ad.end() :] if ad else text


def _mentions(text: str, hints: tuple[str, ...]) -> bool:
    return any(map(text.__contains__, hints))  # runs on every line; no generator frames


def _count(text: str, separators: tuple[str, ...]) -> int:
    return sum(map(text.count, separators))


def _meta(text: str, lower: str, words: int, *, terminal: bool) -> _Line | None:
    """A short line that states who published the article or when, or ``None``."""
    source = _source(text)
    if source:
        return _Line(text, _Kind.META, words, outlet=source)
    if (_BYLINE.match(text) or "edited by" in lower) and not terminal:
        return _Line(text, _Kind.META, words, outlet=_byline_outlet(text))
    signoff = _signoff(text)
    if signoff:
        return _Line(text, _Kind.META, words, outlet=signoff)
    date = _date_line(text)
    if date or _STAMP.match(text):
        return _Line(text, _Kind.META, words, date=date)
    return None


def _is_breadcrumb(text: str, *, terminal: bool) -> bool:
    if "»" in text or "›" in text:
        return _count(text, _CRUMB_SEPARATORS) >= 2
    return not terminal and _count(text, _PLAIN_CRUMB_SEPARATORS) >= 2


def _breadcrumb(text: str, words: int) -> _Line:
    """A breadcrumb ("Site » Section » Headline"): the last crumb is usually the headline
    and the first may name the site."""
    crumbs = [crumb for crumb in _CRUMB_SEPARATOR.split(text) if crumb] or [""]
    site = crumbs[0] if _DOMAIN.fullmatch(crumbs[0]) else None
    outlet = (_BY_BREADCRUMB, site) if site else None
    return _Line(text, _Kind.META, words, outlet=outlet, crumb=crumbs[-1] or None)


def _prose(text: str, words: int, *, phrases: bool) -> _Line:
    """A paragraph, minus any promo, caption or credit sentences glued into it.

    ``phrases`` says whether the line contains a promo phrase at all, which spares
    searching every sentence of the (many) lines that do not.
    """
    spans = split_sentences(text)
    keep = _keep_sentences(text, spans, phrases=phrases)
    if len(keep) < len(spans):
        if not keep:
            return _Line(text, _Kind.FURNITURE, words)
        text = " ".join(text[start:end] for start, end in keep)
        words = text.count(" ") + 1
        if not _is_prose(text, words, terminal=_is_terminal(text)):
            return _Line(text, _Kind.FURNITURE, words)
        spans = split_sentences(text)
    return _Line(text, _Kind.PROSE, words, spans)


def _keep_sentences(text: str, spans: list[Span], *, phrases: bool) -> list[Span]:
    """Drop promo sentences and captions; a trailing credit takes its caption with it.

    A caption label opens a caption of one sentence ("IMAGE: ..."); a credit at the
    end of a paragraph ("... in Delhi. Photograph: Reuters") closes one. Sentences
    after a caption are kept, since scrapers glue captions to the text that follows.
    """
    keep: list[Span] = []
    for start, end in spans:
        sentence = text[start:end]
        if _CAPTION.match(sentence):
            if keep and sentence.count(" ") < 8:
                keep.pop()
            continue
        promo = _PROMO_START.match(sentence) or (phrases and _PROMO_PHRASE.search(sentence.lower()))
        if not promo:
            keep.append((start, end))
    return keep


def _is_furniture_sentence(text: str) -> bool:
    return bool(
        _PROMO_START.match(text) or _CAPTION.match(text) or _PROMO_PHRASE.search(text.lower())
    )


def _is_terminal(text: str) -> bool:
    return text.rstrip(_CLOSERS)[-1:] in (".", "!", "?", "…")


def _is_title_case(text: str) -> bool:
    """Whether every word but the small ones is capitalised, as in a headline or label
    ("Who Played The Double In This Film?"), which prose never is."""
    words = [word.lstrip(_OPENERS) for word in text.split()]
    words = [word for word in words if word[:1].isalpha() and word not in _MINOR_WORDS]
    return len(words) >= 3 and all(word[0].isupper() for word in words)


def _ends_with_full_stop(text: str) -> bool:
    text = text.rstrip(_CLOSERS)
    return text.endswith(".") and not text.endswith("..")


def _is_prose(text: str, words: int, *, terminal: bool) -> bool:
    """Whether a line reads as text rather than as a label."""
    if terminal or words >= PROSE_LINE:
        return True
    return text.endswith(":") and words >= 6


# --- lines in context ---------------------------------------------------------------------


def _mark_repeats(lines: list[_Line]) -> None:
    """Drop repeated lines.

    A short line printed twice in a row is a related-story link, so both copies go; a
    later copy of a paragraph is a scraper capturing the lead twice, so the first stays.
    """
    seen: set[str] = set()
    for prev, line in zip([None, *lines], lines, strict=False):
        if prev is not None and prev.text == line.text and line.words <= SHORT_LINE:
            prev.kind = line.kind = _Kind.FURNITURE
        elif line.kind is _Kind.PROSE:
            if line.text in seen:
                line.kind = _Kind.FURNITURE
            seen.add(line.text)


def _mark_lists(lines: list[_Line]) -> None:
    """Drop headlines that end in "?" or "..." from a menu or headline list.

    Three or more consecutive short lines, at least two thirds of them not prose, are a
    list. A short item ending in a full stop is kept: it is more likely a closing
    paragraph ("He declined to comment.") that happens to sit above the site footer.
    """
    for run in _short_runs(lines, include_prose=True):
        if len(run) >= 3 and sum(line.kind is not _Kind.PROSE for line in run) * 3 >= len(run) * 2:
            for line in run:
                if line.kind is _Kind.PROSE and not _ends_with_full_stop(line.text):
                    line.kind = _Kind.FURNITURE


def _short_runs(lines: list[_Line], *, include_prose: bool) -> list[list[_Line]]:
    """Maximal runs of consecutive short lines; metadata lines break a run."""
    runs: list[list[_Line]] = [[]]
    for line in lines:
        member = line.words <= LIST_ITEM and line.kind is not _Kind.META
        if member and (include_prose or line.kind is not _Kind.PROSE):
            runs[-1].append(line)
        elif runs[-1]:
            runs.append([])
    return [run for run in runs if run]


def _strip_lead(line: _Line) -> str | None:
    """Take a leading date ("November 10, 2023US ...") and a wire dateline
    ("NEW DELHI (Reuters) - ...") off the first paragraph.

    Returns the date; the dateline's outlet is recorded on the line.
    """
    text, date = line.text, None
    found = _DATE.match(text)
    if found:
        date = _iso(found)
        tail = _TIME_TAIL.match(text, found.end())
        glued = text[found.end() : found.end() + 1].isalpha()
        if glued or text[found.end() : tail.end()].strip():
            text = text[tail.end() :]
    dateline = _DATELINE.match(text)
    if dateline and _looks_like_outlet(dateline.group(1)):
        line.outlet = (_BY_DATELINE, dateline.group(1).strip())
        text = text[dateline.end() :]
    if text != line.text:
        line.text, line.spans = text, split_sentences(text)
    return date


# --- assembling the result ----------------------------------------------------------------


def _paragraphs(lines: list[_Line]) -> tuple[list[str], list[list[Span]]]:
    prose = [line for line in lines if line.kind is _Kind.PROSE and line.text]
    return [line.text for line in prose], [line.spans for line in prose]


def _sentences(paragraphs: list[str], spans: list[list[Span]]) -> tuple[Sentence, ...]:
    sentences: list[Sentence] = []
    offset = 0
    for index, (paragraph, paragraph_spans) in enumerate(zip(paragraphs, spans, strict=True)):
        sentences.extend(
            Sentence(paragraph[start:end], offset + start, offset + end, index)
            for start, end in paragraph_spans
        )
        offset += len(paragraph) + 2
    return tuple(sentences)


def _title(
    lines: list[_Line], first: int, fallback: str | None, sentences: tuple[Sentence, ...]
) -> str:
    """The headline as printed; else the caller's fallback; else the first sentence."""
    headline = _repeated_headline(lines[:first]) or _headline_above(lines, first)
    if headline:
        return headline
    crumb = next((line.crumb for line in lines if line.crumb), None)
    if crumb and crumb.count(" ") >= 2:
        return crumb
    if fallback:
        return fallback
    return shorten(sentences[0].text, TITLE_LIMIT) if sentences else ""


def _repeated_headline(top: list[_Line]) -> str | None:
    """A headline printed twice above the text, or matching the breadcrumb's last item."""
    seen = {line.crumb for line in top if line.crumb}
    for line in top:
        if line.kind is _Kind.META or line.words < 3 or _is_furniture_sentence(line.text):
            continue
        if line.text in seen:
            return line.text
        seen.add(line.text)
    return None


def _headline_above(lines: list[_Line], first: int) -> str | None:
    """The short line closest above the first paragraph, past bylines, dates, promos
    and buttons ("Share", "Save").

    It is rejected when it is one more item of a menu: a run of three or more short
    lines counts as a headline only if it is at least twice as long as every other
    item, as a headline under a row of section names is.
    """
    top = lines[:first]
    for index in range(first - 1, -1, -1):
        if _is_phrase(top[index]):
            return _above_standfirst(top, index).text if _stands_out(top[index], top) else None
    return None


def _is_phrase(line: _Line) -> bool:
    """A heading of a few words at least, unlike "Share" or a section name."""
    return line.kind is _Kind.HEADING and line.words >= 3


def _above_standfirst(top: list[_Line], index: int) -> _Line:
    """The headline when the line at ``index`` is the longer summary printed under it.

    Only a pair of phrases counts: a third one above them makes a list of headlines.
    """
    if index == 0 or not _is_phrase(above := top[index - 1]):
        return top[index]
    pair = index == 1 or not _is_phrase(top[index - 2])
    return above if pair and above.words < top[index].words else top[index]


def _stands_out(candidate: _Line, top: list[_Line]) -> bool:
    if candidate.words > LIST_ITEM:
        return True
    run = next(run for run in _short_runs(top, include_prose=False) if candidate in run)
    others = [line.words for line in run if line is not candidate]
    return len(others) < 2 or candidate.words >= 2 * max(others)


def _date(lines: list[_Line], first: int) -> str | None:
    """A date stated above the text, else on any date line."""
    for line in lines[:first]:
        found = line.date or (_iso(m) if (m := _DATE.search(line.text)) else None)
        if found:
            return found
    return next((line.date for line in lines if line.date), None)


def _outlet(lines: list[_Line]) -> str | None:
    evidence = [line.outlet for line in lines if line.outlet]
    return min(evidence)[1] if evidence else None


# --- metadata helpers -------------------------------------------------------------------


def _iso(match: re.Match[str]) -> str | None:
    """ISO form of a ``_DATE`` match, or ``None`` for an impossible date."""
    month, day, year, day2, month2, year2, iso_y, iso_m, iso_d = match.groups()
    try:
        if iso_y:
            found = Date(int(iso_y), int(iso_m), int(iso_d))
        elif month:
            found = Date(int(year), _MONTHS[month[:3].lower()], int(day))
        else:
            found = Date(int(year2), _MONTHS[month2[:3].lower()], int(day2))
    except ValueError:
        return None
    return found.isoformat()


def _date_line(text: str) -> str | None:
    """The date of a timestamp line: a date with a time, or with nothing but labels."""
    found = _DATE.search(text) if _YEAR_DIGITS.search(text) else None
    if not found:
        return None
    rest = text[: found.start()] + text[found.end() :]
    if not _DATE_NOISE.sub("", rest) or (_CLOCK.search(rest) and not _is_terminal(text)):
        return _iso(found)
    return None


def _source(text: str) -> tuple[int, str] | None:
    found = _SOURCE.match(text)
    if found and _looks_like_outlet(found.group(1)):
        return _BY_SOURCE, found.group(1)
    return None


def _byline_outlet(text: str) -> tuple[int, str] | None:
    """The outlet named after the author: "By Jane Doe, Reuters" or "By Jane Doe | BBC News"."""
    parts = _BYLINE_PARTS.split(text)
    if len(parts) >= 2 and _looks_like_outlet(parts[1]) and not _ROLE_WORD.search(parts[1]):
        return _BY_BYLINE, parts[1]
    return None


def _signoff(text: str) -> tuple[int, str] | None:
    """Agencies credited at the end: "ss/ab (AFP, AP, Reuters)", "(PTI)", "— Reuters"."""
    found = _SIGNOFF.match(text)
    if not found:
        return None
    names = [name.strip() for name in _LIST_SEPARATOR.split(found.group(1) or found.group(2))]
    if all(_looks_like_outlet(name) for name in names):
        return _BY_SIGNOFF, ", ".join(names)
    return None


def _copyright(text: str) -> tuple[int, str] | None:
    found = _COPYRIGHT_HOLDER.search(text)
    if not found:
        return None
    holder = found.group(1).split(". ")[0].rstrip(".")  # "Daily Ledger. All rights ..."
    return None if holder.lower().startswith("all") else (_BY_COPYRIGHT, holder)


def _looks_like_outlet(name: str) -> bool:
    """A news organisation's name: an acronym, a domain, or a name with a press word."""
    name = name.strip()
    if not name or name.count(" ") > 4:
        return False
    return bool(_ACRONYM.fullmatch(name) or _DOMAIN.fullmatch(name) or _ORG_WORD.search(name))
