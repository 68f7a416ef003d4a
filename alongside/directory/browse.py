"""Browsing the directory: the database filters, sorts and pages; nothing here is personal.

A postcode is placed without a postcode dataset (ADR 26): at the centre of the directory's own
locations that share it, or else share its district ("DN15"); otherwise we say we can't."""

import math
import re
from dataclasses import dataclass
from datetime import time

from django.db.models import (
    Avg,
    Case,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import (
    ASin,
    Concat,
    Cos,
    Least,
    Length,
    Power,
    Radians,
    Replace,
    Sin,
    Sqrt,
    Upper,
)

from alongside.directory import search
from alongside.directory.models import (
    Location,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceStatus,
)

EARTH_RADIUS_MILES = 3958.8
MILES_PER_DEGREE_OF_LATITUDE = 69.0
# Words are looked up in the keyword index (search.py), best first; the rest of the filtering,
# sorting and paging is the database's. The closest this many are kept.
KEYWORD_CANDIDATES = 500

_FULL_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$")
_DISTRICT = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?$")

DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
# Part of the day → [start, end): a session is in it when the two overlap.
TIMES_OF_DAY = {
    "morning": (time(6), time(12)),
    "afternoon": (time(12), time(17)),
    "evening": (time(17), time(23, 59, 59)),
}


def postcode_parts(text: str) -> tuple[str, str] | None:
    """("DN15", "6XQ") for a full postcode, ("DN15", "") for a district, None otherwise."""
    compact = re.sub(r"\s+", "", text or "").upper()
    if match := _FULL_POSTCODE.match(compact):
        return match.group(1), match.group(2)
    if _DISTRICT.match(compact):
        return compact, ""
    return None


def postcode_tidy(text: str) -> str:
    """'dn156xq' → 'DN15 6XQ'; a district stays as it is; anything else is returned unchanged."""
    parts = postcode_parts(text)
    return " ".join(p for p in parts if p) if parts else text.strip()


@dataclass(frozen=True)
class Place:
    latitude: float
    longitude: float
    postcode: str
    by_district: bool  # placed at the centre of the district, not of the postcode itself


def _located(exclude_location=None) -> QuerySet:
    locations = Location.objects.filter(latitude__isnull=False, longitude__isnull=False)
    if exclude_location is not None:
        locations = locations.exclude(pk=exclude_location)
    return locations.annotate(compact=Replace(Upper("postcode"), Value(" "), Value("")))


def _centre(locations: QuerySet) -> tuple[float, float] | None:
    found = locations.aggregate(latitude=Avg("latitude"), longitude=Avg("longitude"))
    if found["latitude"] is None:
        return None
    return found["latitude"], found["longitude"]


def postcode_place(text: str, *, district: bool = True, exclude_location=None) -> Place | None:
    """Where a postcode is, from the directory's own locations; None if we can't tell."""
    parts = postcode_parts(text)
    if parts is None:
        return None
    outward, inward = parts
    if inward:
        same = _located(exclude_location).filter(compact=outward + inward)
        if centre := _centre(same):
            return Place(*centre, postcode=f"{outward} {inward}", by_district=False)
    if not district:
        return None
    # "DN1" must not take in "DN15 6XQ": the district is the whole outward code.
    in_district = (
        _located(exclude_location)
        .annotate(length=Length("compact"))
        .filter(compact__startswith=outward, length=len(outward) + 3)
    )
    if centre := _centre(in_district):
        return Place(*centre, postcode=postcode_tidy(text), by_district=True)
    return None


def _miles_from(place: Place, latitude, longitude):
    """Haversine distance in miles, in SQL (SQLite and PostgreSQL alike)."""
    lat1, lon1 = math.radians(place.latitude), math.radians(place.longitude)
    half_dlat = (Radians(latitude) - Value(lat1)) / Value(2.0)
    half_dlon = (Radians(longitude) - Value(lon1)) / Value(2.0)
    inner = Power(Sin(half_dlat), 2) + Value(math.cos(lat1)) * Cos(Radians(latitude)) * Power(
        Sin(half_dlon), 2
    )
    return Value(2 * EARTH_RADIUS_MILES) * ASin(Sqrt(Least(Value(1.0), inner)))


def _places_near(place: Place, miles: float) -> QuerySet:
    """Places in a box around the point: a cheap test the database does before working out
    real distances for the few inside it."""
    dlat = miles / MILES_PER_DEGREE_OF_LATITUDE
    dlon = miles / (
        MILES_PER_DEGREE_OF_LATITUDE * max(math.cos(math.radians(place.latitude)), 0.01)
    )
    return Location.objects.filter(
        latitude__range=(place.latitude - dlat, place.latitude + dlat),
        longitude__range=(place.longitude - dlon, place.longitude + dlon),
    ).values("pk")


@dataclass(frozen=True)
class Criteria:
    words: str = ""
    age: int | None = None
    free_only: bool = False
    days: tuple[str, ...] = ()
    times: tuple[str, ...] = ()
    place: Place | None = None
    within_miles: int = 3

    @property
    def has_filters(self) -> bool:
        """Anything asked for besides words."""
        return bool(self.age is not None or self.free_only or self.days or self.times or self.place)


def _words_filter(services: QuerySet, words: str) -> QuerySet:
    """Services matching the words, with their rank (0 is the best match) when indexed."""
    if not search.query_words(words):
        return services  # only words like "the" or "and": nothing to look for
    ranked = search.keyword_search(words, limit=KEYWORD_CANDIDATES)
    ids = [service_id for service_id, _score in ranked]
    return services.filter(pk__in=ids).annotate(
        rank=Case(
            *(When(pk=service_id, then=Value(n)) for n, service_id in enumerate(ids)),
            default=Value(len(ids)),
            output_field=IntegerField(),
        )
    )


def _sessions(days: tuple[str, ...], times: tuple[str, ...]) -> QuerySet:
    """Services with one session on a chosen day *and* at a chosen time ("Wednesday mornings")."""
    sessions = Schedule.objects.all()
    if days:
        on_day = Q()
        for day in days:
            on_day |= Q(byday__icontains=day)
        sessions = sessions.filter(on_day)
    if times:
        at_time = Q()
        for name in times:
            start, end = TIMES_OF_DAY[name]
            at_time |= Q(opens_at__lt=end) & (
                Q(closes_at__gt=start) | Q(closes_at__isnull=True, opens_at__gte=start)
            )
        sessions = sessions.filter(at_time)
    return sessions.values("service_id")


def _near(place: Place, miles: int) -> tuple[QuerySet, Subquery]:
    """Services with a place within the distance, and each one's nearest place, in miles.
    The box narrows the places first; real distances are worked out for those."""
    within = (
        ServiceAtLocation.objects.filter(location__in=_places_near(place, miles))
        .annotate(miles=_miles_from(place, F("location__latitude"), F("location__longitude")))
        .filter(miles__lte=miles)
        .values("service_id")
    )
    nearest = (
        ServiceAtLocation.objects.filter(service=OuterRef("pk"))
        .annotate(miles=_miles_from(place, F("location__latitude"), F("location__longitude")))
        .order_by("miles")
        .values("miles")[:1]
    )
    return within, Subquery(nearest, output_field=FloatField())


def services_found(criteria: Criteria) -> QuerySet:
    """Running services that meet the criteria: nearest first when near a place, then the best
    match for the words, then by name."""
    ranked = bool(criteria.words and search.query_words(criteria.words))
    services = Service.objects.all()
    if ranked:
        services = _words_filter(services, criteria.words)
    if criteria.place is not None:
        within, nearest = _near(criteria.place, criteria.within_miles)
        services = services.filter(pk__in=within).annotate(miles=nearest)
    if ranked or criteria.place:
        # The words or the distance give a few ids to look up: kept away from the status index
        # (nearly every service is running), which SQLite would otherwise go through whole.
        services = services.alias(running=Concat("status", Value(""))).filter(
            running=ServiceStatus.ACTIVE
        )
    else:
        services = services.filter(status=ServiceStatus.ACTIVE)
    if criteria.age is not None:
        services = services.filter(
            Q(minimum_age__isnull=True) | Q(minimum_age__lte=criteria.age),
            Q(maximum_age__isnull=True) | Q(maximum_age__gte=criteria.age),
        )
    if criteria.free_only:
        services = services.filter(is_free=True)
    if criteria.days or criteria.times:
        services = services.filter(pk__in=_sessions(criteria.days, criteria.times))
    order = [*(["miles"] if criteria.place else []), *(["rank"] if ranked else []), "name", "id"]
    return (
        services.order_by(*order)
        .select_related("organization")
        .prefetch_related(
            "schedules",
            Prefetch("at_locations", ServiceAtLocation.objects.select_related("location")),
        )
    )
