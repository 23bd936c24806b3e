"""Quote attribution and person identity on GUM's 24 hand-labelled Wikinews articles.

Run: ``python -m bench.eval_gum [--shared DIR] [--verbose]``. The data is read in place
from ``<project>/../shared/eval/gum_news`` (``--shared`` or ``$BRIEFBOT_SHARED`` give the
``shared`` directory instead); nothing is copied into the project.

Pipeline under test: ``parse_article(doc text)`` then ``extract``, exactly as ingest runs.
Gold spans are located in the parsed body by exact text search; a gold item whose text the
parser removed (e.g. a photo caption) cannot be found and counts as a miss ("lost").

Quote attribution (what is counted)
  Gold items: GUM eRST ``attribution-*`` relations that report speech or thought, i.e.
  the content EDU contains a quote mark, or the source EDU contains one of the cue words
  below ("said", "told", "according to", "believes", ...). Relations without either —
  photo credits ("Nick Moreau."), "The results show", "Estimates suggest" — are skipped
  and their number printed. Each item is *direct* if its content EDU starts or ends with
  a quote mark, else *reported* (this includes partial quotes inside reported clauses).
  Several EDUs of one long quote are separate gold items, as GUM segments them.
  A prediction *matches* a gold item when its [start, end) overlaps the content EDU's
  location in the body and its speaker matches the gold speaker (the ``atsrc`` signal
  tokens, else the source EDU): either they share a name word (capitalised word of 2+
  letters, accent- and case-folded, titles such as "Minister" ignored; a speaker made only
  of title words, like "US State Department", is compared on all its capitalised words),
  or the gold speaker text is (part of) a mention, located inside the source EDU, of a gold
  person entity (e.g. "he", "the Crown prosecutor") whose mentions share a name word with
  the predicted speaker. Quotes with speaker ``None`` are ignored (never attributed).
  Recall = matched gold items / gold items.
  Precision = predictions matching some gold item / predictions with a speaker, where a
  prediction overlapping only skipped relations (credits etc.) is left out of both counts.
  P_j ("judged" precision) divides by the predictions that overlap some gold content EDU
  only: GUM attributes one EDU of a multi-sentence quote, so a correct prediction of a
  quote's later sentences overlaps no gold item and counts as wrong in strict P.
  Rows: "direct" compares gold direct items with predicted ``kind == "direct"``;
  "reported" gold reported items with predicted reported + partial; "all" everything;
  "persons" is "all" with recall over the gold items whose speaker is a mention (inside
  the source EDU) of a GUM person entity that has a name: briefbot attributes to people and
  named organisations, never to "researchers" or "the report". Its P is the "all" P.

Person identity
  Gold: GUM person entities with a Wikipedia identity (entities sharing one identity are
  one person) and at least one mention containing two or more consecutive capitalised
  name words (a full name; title words like "Foreign Affairs" do not count).
  Found: some briefbot person shares the last name word with one of the entity's mentions
  and, when the predicted name has a first word, that word or its initial appears in the
  same mention.
  Junk: briefbot people that match no gold person entity at all (wikified or not, by the
  same rule against any of its mentions) / all briefbot people.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

PROJECT_ROOT = Path(__file__).resolve().parent.parent
if str(PROJECT_ROOT) not in sys.path:
    sys.path.insert(0, str(PROJECT_ROOT))

from bench.gum import load_module, shared_dir  # noqa: E402
from handlers.core.article import parse_article  # noqa: E402
from handlers.core.extract import extract  # noqa: E402
from handlers.core.lexicon import HONORIFICS, ROLE_MODIFIERS, TITLE_HEADS  # noqa: E402
from handlers.core.models import Extraction, Quote  # noqa: E402

CUE_RE = re.compile(
    r"\b(?:said|says|say|told|tells|tell|added|adds|stated|states|noted|notes|wrote|writes|"
    r"explained|explains|claimed|claims|claim|believes|believed|believe|thinks|think|thought|"
    r"according|asked|asks|warned|announced|announces|reported|reports|observed|commented|"
    r"replied|asserted|admitted|insisted|argued|continued|tweeted|stating|writing|reads|"
    r"concluded|estimates|found|revealed|learned|ruled|denied|defended|quoting)\b", re.I)
QUOTE_CHARS = "\"“”'‘’"
WORD_RE = re.compile(r"[A-Za-zÀ-ɏ][\w'’.-]*")
CAP_RUN = re.compile(r"[A-ZÀ-Þ][\w'’.-]+(?:\s+[A-ZÀ-Þ][\w'’.-]*)+")
IGNORE = {w.lower() for w in TITLE_HEADS | ROLE_MODIFIERS | HONORIFICS} | {"the", "and", "of"}


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def name_words(text: str) -> set[str]:
    """Capitalised words of 2+ letters, folded, without titles/honorifics/possessives."""
    out = set()
    for w in WORD_RE.findall(text):
        w = re.sub(r"['’]s?$", "", w).strip(".")
        if len(w) >= 2 and w[0].isupper() and fold(w) not in IGNORE:
            out.add(fold(w))
    return out


# ---------------------------------------------------------------- gold
@dataclass
class GoldAttr:
    speaker: str
    content: str
    source: str
    direct: bool
    span: tuple[int, int] | None        # location in the parsed body
    coref_words: set[str] = field(default_factory=set)


def _locate(body: str, text: str, hint: int = 0) -> tuple[int, int] | None:
    text = text.strip()
    if not text:
        return None
    i = body.find(text, hint)
    if i < 0:
        i = body.find(text)
    return (i, i + len(text)) if i >= 0 else None


def gold_attributions(doc: dict, body: str) -> tuple[list[GoldAttr], list[tuple[int, int]]]:
    """Speech/thought attributions of one doc, and spans of the skipped ones."""
    items: list[GoldAttr] = []
    skipped: list[tuple[int, int]] = []
    hint = src_hint = 0
    for a in doc["attributions"]:
        content, source = a["content_edu"], a["source_edu"]
        speaker = a["source_signal"] or source
        span = _locate(body, content, hint)
        if span:
            hint = span[0]
        src_span = _locate(doc["text"], source, src_hint)
        if src_span:
            src_hint = src_span[0]
        has_quote = any(c in content for c in "\"“”")
        if not has_quote and not CUE_RE.search(source):
            if span:
                skipped.append(span)
            continue
        c = content.strip()
        direct = c[:1] in "\"“" or c[-1:] in "\"”" or c[-2:-1] in "\"”"
        items.append(GoldAttr(speaker, content, source, direct, span,
                              _coref_words(doc, speaker, src_span)))
    return items, skipped


def _coref_words(doc: dict, speaker: str, src_span: tuple[int, int] | None) -> set[str]:
    """Name words of the gold person entity whose mention *inside the source EDU* is the
    speaker text (so "he" resolves to the right person, not to every "he")."""
    words: set[str] = set()
    if src_span is None:
        return words
    spk = speaker.strip().lower()
    lo, hi = src_span
    for ent in doc["persons"].values():
        if any(lo <= m["start"] < hi and (m["text"].strip().lower() == spk
                                          or spk in m["text"].lower())
               for m in ent["mentions"]):
            for m in ent["mentions"]:
                words |= name_words(m["text"])
    return words


def _named(g: GoldAttr) -> bool:
    """The gold speaker is a mention of a gold person entity that has a name ("he" -> Key)."""
    return bool(g.coref_words)


def cap_words(text: str) -> set[str]:
    """All capitalised words of 3+ letters, titles included (for organisation names)."""
    return {fold(re.sub(r"['’]s?$", "", w).strip(".")) for w in WORD_RE.findall(text)
            if len(w) >= 3 and w[0].isupper()} - {"the", "and"}


def speaker_matches(pred: str, gold: GoldAttr) -> bool:
    """Shared name word; for an organisation speaker made only of title words
    ("US State Department") all its capitalised words are compared."""
    pw = name_words(pred)
    if not pw:
        return bool(cap_words(pred) & cap_words(gold.speaker))
    if pw & name_words(gold.speaker):
        return True
    return bool(pw & gold.coref_words)


def overlaps(q: Quote, span: tuple[int, int] | None) -> bool:
    return span is not None and q.start < span[1] and span[0] < q.end


# ---------------------------------------------------------------- scoring
@dataclass
class Counts:
    gold: int = 0
    hit: int = 0
    pred: int = 0
    correct: int = 0
    judged: int = 0

    def add(self, other: Counts) -> None:
        self.gold += other.gold
        self.hit += other.hit
        self.pred += other.pred
        self.correct += other.correct
        self.judged += other.judged

    def prf(self, judged: bool = False) -> tuple[float, float, float]:
        den = self.judged if judged else self.pred
        p = self.correct / den if den else 0.0
        r = self.hit / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


def score_quotes(golds: list[GoldAttr], skipped: list[tuple[int, int]], preds: list[Quote]
                 ) -> Counts:
    c = Counts(gold=len(golds))
    for g in golds:
        if any(q.speaker and overlaps(q, g.span) and speaker_matches(q.speaker, g)
               for q in preds):
            c.hit += 1
    for q in preds:
        if not q.speaker:
            continue
        gold_here = [g for g in golds if overlaps(q, g.span)]
        if not gold_here and any(overlaps(q, s) for s in skipped):
            continue
        c.pred += 1
        c.judged += bool(gold_here)
        if any(speaker_matches(q.speaker, g) for g in gold_here):
            c.correct += 1
    return c


def _mention_match(pred_tokens: list[str], mention: str) -> bool:
    words = [fold(re.sub(r"['’]s?$", "", w).strip(".")) for w in WORD_RE.findall(mention)]
    if not pred_tokens or fold(pred_tokens[-1]) not in words:
        return False
    if len(pred_tokens) == 1:
        return True
    first = fold(pred_tokens[0]).strip(".")
    return any(w == first or (len(first) == 1 and w[:1] == first) for w in words)


@dataclass
class PersonCounts:
    gold: int = 0
    found: int = 0
    pred: int = 0
    junk: int = 0
    missed: list[str] = field(default_factory=list)
    junk_names: list[str] = field(default_factory=list)


def _full_name(text: str) -> bool:
    """Two or more consecutive capitalised words that are not all titles ("Foreign Affairs")."""
    return any(len(name_words(m.group())) >= 2 for m in CAP_RUN.finditer(text))


def score_people(doc: dict, ex: Extraction) -> PersonCounts:
    pc = PersonCounts()
    ents = list(doc["persons"].values())
    preds = [p.name.split() for p in ex.people]
    by_identity: dict[str, list[str]] = {}
    for ent in ents:
        if ent["identity"]:
            by_identity.setdefault(ent["identity"], []).extend(m["text"] for m in ent["mentions"])
    for identity, texts in by_identity.items():
        if not any(_full_name(t) for t in texts):
            continue
        pc.gold += 1
        if any(_mention_match(p, t) for p in preds for t in texts):
            pc.found += 1
        else:
            pc.missed.append(identity)
    for p in ex.people:
        pc.pred += 1
        toks = p.name.split()
        if not any(_mention_match(toks, m["text"]) for e in ents for m in e["mentions"]):
            pc.junk += 1
            pc.junk_names.append(p.name)
    return pc


# ---------------------------------------------------------------- main
def iter_cases(gum: ModuleType) -> Iterator[tuple[dict, str, Extraction]]:
    for doc in gum.iter_docs(str(gum.ROOT)):
        art = parse_article(doc["text"])
        yield doc, art.body, extract(art)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", help="the shared/ directory (default: ../shared)")
    ap.add_argument("--verbose", action="store_true", help="print misses per document")
    args = ap.parse_args(argv)
    gum_dir = shared_dir(args.shared)
    if not (gum_dir / "load.py").exists():
        print(f"GUM data not found at {gum_dir}", file=sys.stderr)
        return 2
    gum = load_module(gum_dir)
    rows = {"direct": Counts(), "reported": Counts(), "all": Counts(), "persons": Counts()}
    people = PersonCounts()
    lost = skipped_n = 0
    for doc, body, ex in iter_cases(gum):
        golds, skipped = gold_attributions(doc, body)
        skipped_n += len(doc["attributions"]) - len(golds)
        lost += sum(1 for g in golds if g.span is None)
        preds = list(ex.quotes)
        direct = score_quotes([g for g in golds if g.direct], skipped,
                              [q for q in preds if q.kind == "direct"])
        reported = score_quotes([g for g in golds if not g.direct], skipped,
                                [q for q in preds if q.kind != "direct"])
        every = score_quotes(golds, skipped, preds)
        named = score_quotes([g for g in golds if _named(g)], skipped, preds)
        named.pred, named.correct, named.judged = every.pred, every.correct, every.judged
        rows["direct"].add(direct)
        rows["reported"].add(reported)
        rows["all"].add(every)
        rows["persons"].add(named)
        pc = score_people(doc, ex)
        for k in ("gold", "found", "pred", "junk"):
            setattr(people, k, getattr(people, k) + getattr(pc, k))
        if args.verbose:
            _report_doc(doc["name"], golds, skipped, preds, pc)
    print(f"GUM news: 24 docs; attribution relations used: {rows['all'].gold} "
          f"(skipped as not speech/thought: {skipped_n}; not found in parsed body: {lost})")
    print(f"{'quotes':10} {'gold':>5} {'pred':>5} {'P':>6} {'R':>6} {'F1':>6} "
          f"{'judged':>6} {'P_j':>6} {'F1_j':>6}")
    for name, c in rows.items():
        p, r, f = c.prf()
        pj, _, fj = c.prf(judged=True)
        print(f"{name:10} {c.gold:5d} {c.pred:5d} {p:6.3f} {r:6.3f} {f:6.3f} "
              f"{c.judged:6d} {pj:6.3f} {fj:6.3f}")
    rec = people.found / people.gold if people.gold else 0.0
    junk = people.junk / people.pred if people.pred else 0.0
    print(f"{'people':10} wikified full-name persons found {people.found}/{people.gold} "
          f"= {rec:.3f}; briefbot people {people.pred}, junk {people.junk} = {junk:.3f}")
    return 0


def _report_doc(name: str, golds: list[GoldAttr], skipped: list[tuple[int, int]],
                preds: list[Quote], pc: PersonCounts) -> None:
    print(f"===== {name}")
    for g in golds:
        ok = any(q.speaker and overlaps(q, g.span) and speaker_matches(q.speaker, g)
                 for q in preds)
        kind = "D" if g.direct else "R"
        print(f"  {'ok ' if ok else 'MISS'} {kind} [{g.speaker[:30]}] {g.content[:70]!r}")
    for q in preds:
        if not q.speaker:
            continue
        gold_here = [g for g in golds if overlaps(q, g.span)]
        if not gold_here and any(overlaps(q, s) for s in skipped):
            continue
        if not any(speaker_matches(q.speaker, g) for g in gold_here):
            print(f"  FP  {q.kind[0].upper()} [{q.speaker}] {q.text[:70]!r}")
    if pc.missed:
        print(f"  people missed: {pc.missed}")
    if pc.junk_names:
        print(f"  people junk: {pc.junk_names}")


if __name__ == "__main__":
    raise SystemExit(main())
