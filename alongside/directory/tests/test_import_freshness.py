"""Listings not changed by their source (or, for local ones, edited) for 12 months are possibly out
of date: the QuerySet and the property agree."""

import datetime as dt

import pytest
from django.utils import timezone

from alongside.directory.models import Service, out_of_date_before

pytestmark = pytest.mark.django_db


def listing(name, *, last_modified=None, updated_days_ago=0, is_local=False) -> Service:
    updated = timezone.now() - dt.timedelta(days=updated_days_ago)
    return Service.objects.create(
        name=name, feed_id=name, last_modified=last_modified, updated_at=updated, is_local=is_local
    )


def test_listings_unchanged_for_twelve_months_are_possibly_out_of_date():
    today = timezone.localdate()
    old = listing("old", last_modified=today - dt.timedelta(days=400))
    recent = listing("recent", last_modified=today - dt.timedelta(days=30), updated_days_ago=900)
    undated_old = listing("undated old", updated_days_ago=400)
    undated_recent = listing("undated recent", updated_days_ago=10)
    local_old = listing("local old", is_local=True, updated_days_ago=400)
    # A local listing is judged by when staff last edited it, not by a date it carries.
    local_recent = listing(
        "local recent", is_local=True, updated_days_ago=3, last_modified=today - dt.timedelta(400)
    )

    flagged = set(Service.objects.possibly_out_of_date())

    assert flagged == {old, undated_old, local_old}
    for service in (old, recent, undated_old, undated_recent, local_old, local_recent):
        service.refresh_from_db()
        assert service.possibly_out_of_date is (service in flagged), service.name


@pytest.mark.parametrize(
    ("today", "cutoff"),
    [
        (dt.date(2026, 11, 26), dt.date(2025, 11, 26)),
        (dt.date(2028, 2, 29), dt.date(2027, 2, 28)),
        (dt.date(2026, 1, 15), dt.date(2025, 1, 15)),
    ],
)
def test_twelve_months_before(today, cutoff):
    assert out_of_date_before(today) == cutoff
