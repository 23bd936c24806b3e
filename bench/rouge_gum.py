"""ROUGE of briefbot's one-article summary against GUM's human summaries, beside sumy.

Run: ``python -m bench.rouge_gum [--shared DIR] [--sentences 1 2] [--verbose]``.
Needs the evaluation-only packages ``sumy`` and ``rouge-score`` (never runtime
dependencies): ``.venv/bin/pip install sumy rouge-score``.

Data: the 24 GUM Wikinews documents, read in place from ``<project>/../shared/eval/gum_news``
(``--shared`` or ``$BRIEFBOT_SHARED`` name the ``shared`` directory instead). The text comes
from GUM's own ``load.py``; the reference is the human summary in each CoNLL-U header,
``# meta::summary1 = (human1) ...`` (the ``(human…)`` one; the LLM-written summaries next to
it are ignored).

Fairness: every system sees the same input, ``parse_article(text)`` — briefbot's parser
takes off the headline and the dateline and splits sentences — and picks the same number
of whole sentences (``--sentences``). briefbot is ``core.summarise.summarise_article``
(the summariser ``summary`` and the digest use, with the headline as its topic); LexRank
and TextRank are sumy's, with sumy's English stemmer and stop words over the same
sentences (a tokenizer adapter supplies the words, as NLTK's punkt data is not needed).
"Lead" (the first sentences) is printed as the usual news baseline. Scores are
rouge-score F1 (``use_stemmer=True``), averaged over documents.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
if str(PROJECT_ROOT) not in sys.path:
    sys.path.insert(0, str(PROJECT_ROOT))

from bench.gum import load_module, shared_dir  # noqa: E402
from handlers.core.article import parse_article  # noqa: E402
from handlers.core.summarise import summarise_article  # noqa: E402

INSTALL = ("bench.rouge_gum needs the evaluation-only packages sumy and rouge-score:\n"
           "  .venv/bin/pip install sumy rouge-score")
HUMAN = re.compile(r"^# meta::summary\d+ = \(human[^)]*\)\s*(.+)$")
METRICS = ("rouge1", "rouge2", "rougeL")

Summariser = Callable[[str, Sequence[str], int], list[str]]


def human_summary(conllu: Path) -> str | None:
    """The first ``(human…)`` summary in a CoNLL-U document header."""
    with conllu.open(encoding="utf-8") as lines:
        for line in lines:
            if not line.startswith("#"):
                break
            found = HUMAN.match(line.rstrip("\n"))
            if found:
                return found.group(1).strip()
    return None


def _sumy(kind: str) -> Summariser:
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    class Words:  # what sumy asks of a tokenizer, without NLTK's punkt data
        language = "english"

        @staticmethod
        def to_words(text: str) -> list[str]:
            return re.findall(r"[^\W_]+(?:['’][^\W_]+)?", text)

    cls = LexRankSummarizer if kind == "lexrank" else TextRankSummarizer
    summarizer = cls(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")

    def run(title: str, sentences: Sequence[str], count: int) -> list[str]:
        document = ObjectDocumentModel(
            [Paragraph([Sentence(s, Words()) for s in sentences])])
        return [str(s) for s in summarizer(document, count)]
    return run


def _briefbot(title: str, sentences: Sequence[str], count: int) -> list[str]:
    return summarise_article(title, sentences, max_items=count, max_chars=100_000)


def _lead(title: str, sentences: Sequence[str], count: int) -> list[str]:
    return list(sentences[:count])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", help="the shared directory (default ../shared)")
    parser.add_argument("--sentences", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--verbose", action="store_true", help="print every summary")
    args = parser.parse_args(argv)
    try:
        from rouge_score import rouge_scorer
        systems: dict[str, Summariser] = {"briefbot": _briefbot, "LexRank": _sumy("lexrank"),
                                          "TextRank": _sumy("textrank"), "Lead": _lead}
    except ImportError:
        print(INSTALL, file=sys.stderr)
        return 2
    gum_dir = shared_dir(args.shared)
    if not (gum_dir / "load.py").is_file():
        print(f"no GUM data at {gum_dir} (use --shared or $BRIEFBOT_SHARED)", file=sys.stderr)
        return 2
    docs = []
    for doc in load_module(gum_dir).iter_docs(str(gum_dir / "dep")):
        reference = human_summary(gum_dir / "dep" / f"{doc['name']}.conllu")
        parsed = parse_article(doc["text"])
        if reference and parsed.sentences:
            docs.append((doc["name"], parsed.title, [s.text for s in parsed.sentences],
                         reference))
    scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)
    print(f"GUM news: {len(docs)} documents with a human summary "
          f"(mean {statistics.mean(len(d[3].split()) for d in docs):.0f} words)")
    print(f"{'sentences':>9} {'system':<9} {'ROUGE-1':>8} {'ROUGE-2':>8} {'ROUGE-L':>8} "
          f"{'words':>6}")
    for count in args.sentences:
        for name, system in systems.items():
            totals = {m: [] for m in METRICS}
            lengths = []
            for doc_name, title, sentences, reference in docs:
                summary = " ".join(system(title, sentences, count))
                lengths.append(len(summary.split()))
                scores = scorer.score(reference, summary)
                for metric in METRICS:
                    totals[metric].append(scores[metric].fmeasure)
                if args.verbose:
                    print(f"  [{name} {doc_name}] {summary}")
            means = [100 * statistics.mean(totals[m]) for m in METRICS]
            print(f"{count:>9} {name:<9} {means[0]:>8.2f} {means[1]:>8.2f} {means[2]:>8.2f} "
                  f"{statistics.mean(lengths):>6.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
