"""How long the outcomes report (page and CSV) takes on the benchmark database.

Signs in, with Django's test client, a co-production lead (the whole council) and a synthetic
team manager (one team), and times each report request R times after one warm-up, printing
the median, the slowest, the number of queries and the time spent in the database, with the
report's sums worked out every time, then (the last column) kept as deployed. The lead
is added to the database if missing (lead@seed.alongside.invalid): point this only at a
benchmark database. Seed it first (see benchmarks/README.md, "Outcomes report"):

    export DATABASE_URL=sqlite:///$PWD/var/bench-outcomes/alongside.sqlite3 \\
        ALONGSIDE_VAR_DIR=$PWD/var/bench-outcomes LOG_LEVEL=WARNING
    .venv/bin/alongside migrate && .venv/bin/alongside seed --people 100000
    .venv/bin/python benchmarks/outcomes_report.py [--runs 10] [--sql] [--explain]
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alongside.config.settings.local")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402
from query_counts import QueryTimer, explain, signed_in_client  # noqa: E402

from alongside.accounts.models import Role, User  # noqa: E402
from alongside.demo.synthetic import SEED_EMAIL_DOMAIN  # noqa: E402
from alongside.outcomes.models import Answer, GoalRating  # noqa: E402
from alongside.people.models import Person  # noqa: E402

LEAD_EMAIL = f"lead@{SEED_EMAIL_DOMAIN}"


def lead() -> User:
    user, created = User.objects.get_or_create(
        email=LEAD_EMAIL,
        defaults={"full_name": "Synthetic co-production lead", "role": Role.COPRODUCTION_LEAD},
    )
    if created:
        user.set_unusable_password()
        user.save()
        TOTPDevice.objects.create(user=user, name="Synthetic", confirmed=True)
    return user


def timed(client, path: str, runs: int) -> list[float]:
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        client.get(path)
        seconds.append(time.perf_counter() - started)
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description="Times the outcomes report.")
    parser.add_argument("--runs", type=int, default=10, help="timed requests per page")
    parser.add_argument("--sql", action="store_true", help="print every query with its time")
    parser.add_argument("--explain", action="store_true", help="and the database's plans")
    args = parser.parse_args()

    manager = User.objects.get(email=f"manager1@{SEED_EMAIL_DOMAIN}")
    council, team = signed_in_client(lead()), signed_in_client(manager)
    print(
        f"== Outcomes report ({connection.vendor}): {Person.objects.count():,} people, "
        f"{Answer.objects.count():,} answers, {GoalRating.objects.count():,} goal ratings"
    )
    pages = [
        ("council, life satisfaction", council, "/outcomes/"),
        ("council, loneliness", council, "/outcomes/?measure=ucla3"),
        ("council, a period", council, "/outcomes/?start_day=1&start_month=6&start_year=2026"),
        ("council, one team", council, f"/outcomes/?team={manager.team_id}"),
        ("council CSV", council, "/outcomes/report.csv"),
        ("team manager", team, "/outcomes/"),
        ("team manager CSV", team, "/outcomes/report.csv"),
    ]
    print(
        f"{'page':<28}{'queries':>8}{'db ms':>9}{'median ms':>11}{'max ms':>9}"
        f"{'kept: median ms':>17}"
    )
    for name, client, path in pages:
        settings.OUTCOMES_REPORT_CACHE_SECONDS = 0  # worked out every time
        response = client.get(path)  # warm-up
        assert response.status_code == 200, (path, response.status_code)
        seconds = timed(client, path, args.runs)
        timer = QueryTimer()
        with CaptureQueriesContext(connection) as queries, connection.execute_wrapper(timer):
            client.get(path)
        captured = queries.captured_queries  # the next request empties the log
        settings.OUTCOMES_REPORT_CACHE_SECONDS = 300  # as deployed: the sums kept a while
        cache.clear()
        client.get(path)
        kept = timed(client, path, args.runs)
        print(
            f"{name:<28}{len(captured):>8}{sum(timer.seconds) * 1000:>9.0f}"
            f"{statistics.median(seconds) * 1000:>11.0f}{max(seconds) * 1000:>9.0f}"
            f"{statistics.median(kept) * 1000:>17.1f}"
        )
        if args.sql or args.explain:
            for query, spent in zip(captured, timer.seconds, strict=False):
                print(f"    {spent * 1000:8.1f} ms  {query['sql'][:300]}")
                if args.explain and spent > 0.005:
                    for line in explain(query["sql"]):
                        print(f"                 {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
