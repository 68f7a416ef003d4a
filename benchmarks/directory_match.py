#!/usr/bin/env python
"""Matching at 100,000 services, and importing both real feeds with their embeddings.

    .venv/bin/python benchmarks/directory_match.py [--services 100000] [--rounds 5]
        [--database-url URL] [--fresh] [--json FILE]

1. Imports the two real council feeds (Bristol, North Lincolnshire) into an empty database
   with the real importer, embeddings included, and times it (the issue asks for under three
   minutes), then imports them again to show a re-import embeds nothing.
2. Tops the directory up to --services with synthetic services: copies of the real ones under
   new names and places, each with its original's embedding nudged by a little noise
   (normal, sigma 0.02 per dimension, then normalised) so that there are near neighbours as in
   a real directory, written in bulk (services, keyword index, embeddings). Embedding 100,000
   texts for real would take hours here and measure the importer, not matching.
3. Builds the in-memory index and answers the evaluation's queries (benchmarks/directory_eval)
   --rounds times with `matching.match`, as `alongside directory match` does: p50 and p95.

SQLite at var/bench/directory_match.sqlite3 unless --database-url. Figures: benchmarks/README.md.
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FEEDS = ROOT / "data" / "oruk" / "feeds"
QUERIES = ROOT / "benchmarks" / "directory_eval" / "queries.jsonl"
SQLITE = ROOT / "var" / "bench" / "directory_match.sqlite3"


def setup(database_url: str | None, fresh: bool) -> None:
    sys.path.insert(0, str(ROOT))
    SQLITE.parent.mkdir(parents=True, exist_ok=True)
    if fresh and not database_url:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{SQLITE}{suffix}").unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = database_url or f"sqlite:///{SQLITE}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alongside.config.settings.local")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command

    if fresh and database_url:
        call_command("flush", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0, interactive=False)


def import_feeds() -> dict:
    from alongside.directory.importer import import_source
    from alongside.directory.models import Embedding

    figures = {}
    started = time.perf_counter()
    for feed in sorted(FEEDS.glob("*.json")):
        begun = time.perf_counter()
        run = import_source(str(feed), progress=sys.stderr.isatty())
        figures[feed.stem] = {
            "imported": run.imported,
            "seconds": round(time.perf_counter() - begun, 1),
        }
    figures["both feeds, seconds"] = round(time.perf_counter() - started, 1)
    figures["embeddings"] = Embedding.objects.count()
    begun = time.perf_counter()
    for feed in sorted(FEEDS.glob("*.json")):
        import_source(str(feed), progress=False)
    figures["re-import of both, unchanged, seconds"] = round(time.perf_counter() - begun, 1)
    return figures


def top_up(total: int, seed: int = 24) -> dict:
    """Synthetic services up to `total`: perturbed copies of the real ones."""
    import numpy as np
    from django.db import transaction

    from alongside.directory import search
    from alongside.directory.models import Embedding, Service, ServiceStatus, Source

    have = Service.objects.filter(status=ServiceStatus.ACTIVE).count()
    if have >= total:
        return {"added": 0}
    started = time.perf_counter()
    source, _ = Source.objects.get_or_create(
        location="synthetic://benchmark", defaults={"name": "Synthetic (benchmark)"}
    )
    originals = list(
        Service.objects.filter(status=ServiceStatus.ACTIVE, embedding__isnull=False)
        .exclude(source=source)
        .values_list("name", "description", "audience", "embedding__vector")
    )
    rng = np.random.default_rng(seed)
    towns = ["Ashby", "Barton", "Brigg", "Crowle", "Epworth", "Kirton", "Messingham", "Winterton"]
    made = Service.objects.filter(source=source).count()
    need = total - have
    for start in range(0, need, 5000):
        rows, vectors = [], []
        for n in range(start, min(start + 5000, need)):
            name, description, audience, vector = originals[(made + n) % len(originals)]
            town = towns[(made + n) % len(towns)]
            rows.append(
                Service(
                    source=source,
                    feed_id=f"synthetic-{made + n}",
                    name=f"{name} ({town} {made + n})",
                    description=description,
                    audience=audience,
                    checksum=f"synthetic-{made + n}",
                )
            )
            noisy = np.frombuffer(vector, dtype=np.float32) + rng.normal(0, 0.02, 384)
            vectors.append((noisy / np.linalg.norm(noisy)).astype(np.float32))
        with transaction.atomic():
            Service.objects.bulk_create(rows, batch_size=1000)
            Embedding.objects.bulk_create(
                (
                    Embedding(service=row, checksum=row.checksum, vector=vector.tobytes())
                    for row, vector in zip(rows, vectors, strict=True)
                ),
                batch_size=1000,
            )
            search.reindex_keywords([row.id for row in rows])
        print(f"  {have + start + len(rows):,} services", file=sys.stderr)
    return {"added": need, "seconds": round(time.perf_counter() - started, 1)}


def measure(rounds: int) -> dict:
    from alongside.directory import matching
    from alongside.directory.embedding import get_model
    from alongside.directory.search import vector_index

    begun = time.perf_counter()
    get_model()
    model_seconds = time.perf_counter() - begun
    begun = time.perf_counter()
    index = vector_index.ensure()
    index_seconds = time.perf_counter() - begun
    queries = [json.loads(line) for line in QUERIES.read_text().splitlines() if line]
    matching.match("warm up", age=70)
    timings, no_match = [], 0
    for _ in range(rounds):
        for query in queries:
            begun = time.perf_counter()
            result = matching.match(query["text"], age=query.get("age"), limit=10)
            timings.append((time.perf_counter() - begun) * 1000)
            no_match += result.no_match
    timings.sort()
    return {
        "services in the index": len(index.ids),
        "model load, seconds": round(model_seconds, 2),
        "index build, seconds": round(index_seconds, 2),
        "queries": len(timings),
        "p50 ms": round(statistics.median(timings), 1),
        "p95 ms": round(timings[int(0.95 * (len(timings) - 1))], 1),
        "max ms": round(timings[-1], 1),
        "no-match answers": no_match,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--services", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--database-url", help="default: SQLite under var/bench")
    parser.add_argument("--fresh", action="store_true", help="start from an empty database")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    setup(args.database_url, args.fresh)
    from django.db import connection

    from alongside.directory.models import Service

    report = {"database": connection.vendor, "load average": os.getloadavg()[0]}
    if not Service.objects.exists():
        print("Importing both real feeds, embeddings included…", file=sys.stderr)
        report["import"] = import_feeds()
    print(f"Topping up to {args.services:,} services…", file=sys.stderr)
    report["top up"] = top_up(args.services)
    report["matching"] = measure(args.rounds)
    print(json.dumps(report, indent=2))
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
