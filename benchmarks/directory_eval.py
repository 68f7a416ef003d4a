#!/usr/bin/env python
"""How well matching finds the right services: nDCG@10 and recall@10 on the North Lincolnshire
feed for keyword-only, embedding-only and the combinations, and how honest the no-match answer
is. The queries and graded services are in benchmarks/directory_eval/ (README there).

    .venv/bin/python benchmarks/directory_eval.py [--json FILE] [--database-url URL] [--per-query]

Uses its own SQLite database (var/bench/directory_eval.sqlite3 unless --database-url), imports
the feed with the real importer (embeddings included; a re-run finds it unchanged), then asks
each query through the same code as `alongside directory match`. Figures: ADR 24.
"""

import argparse
import json
import math
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "benchmarks" / "directory_eval"
FEED = ROOT / "data" / "oruk" / "feeds" / "north-lincolnshire-services-2024-12.json"
RELEVANT = 2  # grades 2 and 3 count as relevant for recall and for "is there a match"


def setup(database_url: str | None) -> None:
    sys.path.insert(0, str(ROOT))
    default = f"sqlite:///{ROOT / 'var' / 'bench' / 'directory_eval.sqlite3'}"
    os.environ["DATABASE_URL"] = database_url or default
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alongside.config.settings.local")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    (ROOT / "var" / "bench").mkdir(parents=True, exist_ok=True)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def load():
    queries = [
        json.loads(line) for line in (EVAL / "queries.jsonl").read_text().splitlines() if line
    ]
    qrels: dict = {}
    for line in (EVAL / "qrels.jsonl").read_text().splitlines():
        if line:
            row = json.loads(line)
            qrels.setdefault(row["qid"], {})[row["id"]] = row["grade"]
    return queries, qrels


def ndcg_at(ranked: list, grades: dict, k: int = 10) -> float:
    gain = sum((2 ** grades.get(i, 0) - 1) / math.log2(n + 2) for n, i in enumerate(ranked[:k]))
    ideal = sorted(grades.values(), reverse=True)[:k]
    best = sum((2**g - 1) / math.log2(n + 2) for n, g in enumerate(ideal))
    return gain / best if best else 0.0


def recall_at(ranked: list, grades: dict, k: int = 10) -> float:
    relevant = {i for i, g in grades.items() if g >= RELEVANT}
    return len(relevant & set(ranked[:k])) / len(relevant) if relevant else 0.0


def variants():
    from alongside.directory.matching import Tuning

    shipped = Tuning()
    yield "keyword only", Tuning(fusion="keyword")
    yield "embedding only", Tuning(fusion="embedding")
    yield "reciprocal rank fusion", Tuning(fusion="rrf")
    for weight in (0.1, 0.15, 0.2, 0.3, 0.5):
        yield f"weighted, keyword {weight:.2f}", Tuning(fusion="weighted", keyword_weight=weight)
    yield "shipped", shipped


def calibrations():
    """The no-match floor, around the shipped one (fusion as shipped)."""
    from alongside.directory.matching import Tuning

    shipped = Tuning()
    for floor in (0.20, 0.25, 0.28, 0.30, 0.33, 0.36, 0.40):
        for unknown in (0.50, 0.55, 0.60, 2.0):
            for central in (0.85, 0.90, 1.01):
                yield (
                    f"floor {floor:.2f}, unknown {unknown:.2f}, central {central:.2f}",
                    Tuning(
                        fusion=shipped.fusion,
                        keyword_weight=shipped.keyword_weight,
                        no_match_below=floor,
                        unknown_below=unknown,
                        covered_from=shipped.covered_from,
                        central_below=central,
                    ),
                )


def evaluate(queries, qrels, per_query: bool, calibrate: bool = False) -> dict:
    from alongside.directory import context, matching

    found = {}
    started = time.perf_counter()
    for q in queries:
        phrases = [matching.Phrase(p) for p in context.split_phrases(q["text"])]
        found[q["qid"]] = matching.gather(phrases, query=q["text"], age=q.get("age"))
    seconds = time.perf_counter() - started
    report = {"queries": len(queries), "gather_seconds": round(seconds, 2), "variants": {}}
    for name, tuning in calibrations() if calibrate else variants():
        ranked_rows, honest_rows, answers, shown_useful = [], [], {}, []
        for q in queries:
            grades = qrels.get(q["qid"], {})
            # Ranking quality: everything that fits the person, closeness floor off.
            loose = matching.Tuning(
                fusion=tuning.fusion,
                keyword_weight=tuning.keyword_weight,
                no_match_below=-1.0,
                unknown_below=-1.0,
            )
            ranked = [m.service.feed_id for m in matching.decide(found[q["qid"]], loose).results]
            shown = matching.decide(found[q["qid"]], tuning)
            answer = [m.service.feed_id for m in shown.results]
            answers[q["qid"]] = {"no_match": shown.no_match, "results": answer}
            shown_useful.extend(1.0 if grades.get(i, 0) >= 1 else 0.0 for i in answer)
            has_match = any(g >= RELEVANT for g in grades.values())
            if has_match:
                ranked_rows.append((ndcg_at(ranked, grades), recall_at(ranked, grades)))
                honest_rows.append((ndcg_at(answer, grades), recall_at(answer, grades)))
        said_none = [q["qid"] for q in queries if answers[q["qid"]]["no_match"]]
        truly_none = {
            q["qid"]
            for q in queries
            if not any(g >= RELEVANT for g in qrels.get(q["qid"], {}).values())
        }
        hits = len(set(said_none) & truly_none)
        report["variants"][name] = {
            "tuning": tuning.__dict__,
            "ndcg@10": _mean(r[0] for r in ranked_rows),
            "recall@10": _mean(r[1] for r in ranked_rows),
            "ndcg@10 as answered": _mean(r[0] for r in honest_rows),
            "recall@10 as answered": _mean(r[1] for r in honest_rows),
            "shown per query": round(len(shown_useful) / len(queries), 2),
            "shown that are of use": _mean(shown_useful),
            "no-match said": len(said_none),
            "no-match precision": round(hits / len(said_none), 3) if said_none else None,
            "no-match recall": round(hits / len(truly_none), 3) if truly_none else None,
        }
        if per_query and name == "shipped":
            report["per_query"] = answers
    return report


def reembed(tokens: int) -> None:
    """Swap the in-memory index for one embedded at another length (the database is untouched)."""
    from alongside.directory.embedding import get_model
    from alongside.directory.models import Service
    from alongside.directory.search import service_text, vector_index

    index = vector_index.ensure()
    texts = dict(
        (sid, service_text(name, audience, description))
        for sid, name, audience, description in Service.objects.filter(
            id__in=index.ids
        ).values_list("id", "name", "audience", "description")
    )
    started = time.perf_counter()
    index.matrix = get_model().encode([texts[sid] for sid in index.ids], max_tokens=tokens)
    print(
        f"Re-embedded {len(index.ids)} services at {tokens} word pieces in "
        f"{time.perf_counter() - started:.0f} s"
    )
    vector_index.ensure = lambda: index


def _mean(values) -> float:
    values = list(values)
    return round(sum(values) / len(values), 3) if values else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", help="default: SQLite under var/bench")
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument("--per-query", action="store_true", help="print the shipped answers")
    parser.add_argument("--calibrate", action="store_true", help="sweep the no-match floor")
    parser.add_argument(
        "--service-tokens",
        type=int,
        help="re-embed the services in memory cut at this many word pieces (compare 128 and 256)",
    )
    args = parser.parse_args()
    setup(args.database_url)
    from alongside.directory.importer import import_source

    run = import_source(str(FEED), progress=sys.stderr.isatty())
    print(f"Feed: {run.imported} imported, {run.updated} updated, {run.unchanged} unchanged")
    queries, qrels = load()
    if args.service_tokens:
        reembed(args.service_tokens)
    report = evaluate(queries, qrels, args.per_query, args.calibrate)
    graded = sum(1 for q in queries if any(g >= RELEVANT for g in qrels.get(q["qid"], {}).values()))
    print(
        f"{len(queries)} queries ({graded} with a relevant service, {len(queries) - graded} without)"
    )
    print(
        f"{'variant':32} {'nDCG@10':>8} {'R@10':>6} | as answered: {'nDCG@10':>8} {'R@10':>6} "
        f"{'shown':>5} {'of use':>6} {'no-match said':>14} {'precision':>9} {'recall':>6}"
    )
    for name, row in report["variants"].items():
        print(
            f"{name:32} {row['ndcg@10']:8.3f} {row['recall@10']:6.3f} |              "
            f"{row['ndcg@10 as answered']:8.3f} {row['recall@10 as answered']:6.3f} "
            f"{row['shown per query']:5.1f} {row['shown that are of use']:6.3f} "
            f"{row['no-match said']:14d} {_fmt(row['no-match precision']):>9} "
            f"{_fmt(row['no-match recall']):>6}"
        )
    if args.per_query:
        for qid, answer in report["per_query"].items():
            print(qid, json.dumps(answer))
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2) + "\n")


def _fmt(value) -> str:
    return "-" if value is None else f"{value:.3f}"


if __name__ == "__main__":
    main()
