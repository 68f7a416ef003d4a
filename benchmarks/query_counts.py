"""Queries per page on the benchmark database, and where a request's time goes.

Signs in a synthetic practitioner with Django's test client (force_login plus the session keys
that sign-in and two-factor set, as conftest.py's sign_in does), then prints each page's
queries with their time. Run it with the same environment as benchmarks/run:

    DATABASE_URL=sqlite:///$PWD/var/bench/alongside.sqlite3 ALONGSIDE_VAR_DIR=var/bench \
        .venv/bin/python benchmarks/query_counts.py [--sql] [--explain] [--profile N]

--sql prints every query, --explain the database's plan for the listing queries, and
--profile N runs each page N times under cProfile and prints the top functions.
It writes sessions and audit rows to that database, as the pages do: never point it at a
database that matters.
"""

import argparse
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alongside.config.settings.local")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django_otp import DEVICE_ID_SESSION_KEY  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

from alongside.accounts.middleware import LAST_SEEN, SIGNED_IN_AT  # noqa: E402
from alongside.accounts.models import User  # noqa: E402
from alongside.demo.synthetic import seed_practitioner_email  # noqa: E402
from alongside.people.models import Person  # noqa: E402
from alongside.plans.models import Plan, PlanStatus  # noqa: E402

PAGES = {
    "home": "/",
    "caseload": "/people/",
    "team p1": "/people/?show=team",
    "team p10": "/people/?show=team&page=10",
}


def signed_in_client(user) -> Client:
    client = Client(SERVER_NAME=settings.ALLOWED_HOSTS[0])
    client.force_login(user)
    session = client.session
    session[SIGNED_IN_AT] = session[LAST_SEEN] = time.time()
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


class QueryTimer:
    """Times each query to the microsecond (CaptureQueriesContext rounds to the millisecond)."""

    def __init__(self):
        self.seconds: list[float] = []

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds.append(time.perf_counter() - started)


def explain(sql: str) -> list[str]:
    prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN ANALYZE "
    with connection.cursor() as cursor:
        cursor.execute(prefix + sql)
        return [" ".join(str(c) for c in row) for row in cursor.fetchall()]


def plans_by_size(user) -> dict[str, Plan]:
    """The caseload's smallest and largest current plans, by their rows."""
    plans = list(
        Plan.objects.filter(person__in=Person.objects.visible_to(user).allocated_to(user))
        .exclude(status=PlanStatus.REPLACED)
        .annotate(
            goal_count=Count("goals", distinct=True),
            idea_count=Count("ideas", distinct=True),
            action_count=Count("actions", distinct=True),
            agreement_count=Count("agreements", distinct=True),
        )
        .order_by("number", "id")
    )
    if not plans:
        return {}

    def size(plan):
        return plan.goal_count + plan.idea_count + plan.action_count + plan.agreement_count

    return {"plan small": min(plans, key=size), "plan large": max(plans, key=size)}


def main() -> int:
    parser = argparse.ArgumentParser(description="Queries per page on the benchmark database.")
    parser.add_argument("--practitioner", type=int, default=1, help="practitionerN to sign in")
    parser.add_argument("--sql", action="store_true", help="print every query")
    parser.add_argument("--explain", action="store_true", help="plans of the SELECTs")
    parser.add_argument("--profile", type=int, default=0, metavar="N", help="cProfile N requests")
    parser.add_argument("--sort", default="cumulative", help="pstats order, e.g. tottime")
    parser.add_argument("--limit", type=int, default=25, help="functions shown per profile")
    args = parser.parse_args()

    user = User.objects.get(email=seed_practitioner_email(args.practitioner))
    client = signed_in_client(user)
    first = Person.objects.visible_to(user).allocated_to(user).order_by("sort_name", "id").first()
    pages = dict(PAGES)
    if first is not None:
        pages["person"] = f"/people/{first.pk}/"  # one person's page, for comparison
    # The plan page, for the smallest and the largest plan on the caseload: its query count
    # must not grow with the plan.
    for name, plan in plans_by_size(user).items():
        pages[name] = f"/people/{plan.person_id}/plan/"
        print(
            f"{name}: version {plan.number} ({plan.status}) of {plan.person_id}: "
            f"{plan.goal_count} goals, {plan.idea_count} ideas, {plan.action_count} actions, "
            f"{plan.agreement_count} agreements"
        )
    print(f"== Queries per page ({connection.vendor}, {user.email})")
    for name, path in pages.items():
        client.get(path)  # warm: first-request costs (templates, translations) aside
        timer = QueryTimer()
        with CaptureQueriesContext(connection) as queries, connection.execute_wrapper(timer):
            started = time.perf_counter()
            response = client.get(path)
            elapsed = (time.perf_counter() - started) * 1000
        assert response.status_code == 200, (path, response.status_code)
        db_ms = sum(timer.seconds) * 1000
        print(
            f"{name:<10} {path:<50} {len(queries):>3} queries  "
            f"{db_ms:7.1f} ms in the database  {elapsed:7.1f} ms in all"
        )
        if args.sql or args.explain:
            for q, seconds in zip(queries.captured_queries, timer.seconds, strict=True):
                print(f"    {seconds * 1000:7.2f} ms  {q['sql']}")
                if args.explain and q["sql"].lstrip().upper().startswith("SELECT"):
                    for line in explain(q["sql"]):
                        print(f"               {line}")
    if args.profile:
        for name, path in pages.items():
            profile = cProfile.Profile()
            profile.enable()
            for _ in range(args.profile):
                client.get(path)
            profile.disable()
            print(f"\n== cProfile: {name} ({path}) x{args.profile}")
            pstats.Stats(profile).sort_stats(args.sort).print_stats(args.limit)
    return 0


if __name__ == "__main__":
    sys.exit(main())
