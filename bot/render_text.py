"""Answers as terminal text and as JSON: the CLI's two renderers."""

from __future__ import annotations

import json

from handlers.answer import Answer, Citation


def to_json(answer: Answer) -> str:
    return json.dumps(answer.to_dict(), ensure_ascii=False, indent=2)


def footnotes(answer: Answer) -> dict[tuple[str, str], int]:
    """Number each distinct (article, snippet) once, in order of first use."""
    numbers: dict[tuple[str, str], int] = {}
    for line in answer.lines:
        for citation in line.citations:
            numbers.setdefault((citation.article_id, citation.snippet), len(numbers) + 1)
    return numbers


def _source(citation: Citation) -> str:
    where = citation.url or citation.path or citation.article_id
    title = f": {citation.title}" if citation.outlet else ""
    return f"{citation.label}{title} ({where})"


def to_text(answer: Answer) -> str:
    numbers = footnotes(answer)
    out = [answer.title]
    if answer.note:
        out.append(answer.note)
    for line in answer.lines:
        marks = "".join(f"[{numbers[(c.article_id, c.snippet)]}]" for c in line.citations)
        out.append(f"  {line.text} {marks}".rstrip())
    if answer.suggestions and not answer.ok:
        out.append("Try: " + ", ".join(answer.suggestions))
    if numbers:
        out.append("Sources:")
        cited = {(c.article_id, c.snippet): c for line in answer.lines for c in line.citations}
        for key, number in numbers.items():
            citation = cited[key]
            out.append(f"  [{number}] {_source(citation)}")
            out.append(f"      “{citation.snippet}”")
    return "\n".join(out)
