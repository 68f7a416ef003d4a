"""The public, read-only Open Referral UK 3.0 API under /openreferral/ (ADR 25).

Anyone may read it, from any web page (CORS open), without signing in; it sets no cookies and
holds nothing about a person. Every answer is JSON, errors included, with a message saying what
to change. Lists are paged by the database (ORDER BY … LIMIT … OFFSET) and each page costs the
same few queries however many services there are."""

import copy
import datetime as dt
import functools
import logging
import math
import re
import uuid

from django.core.paginator import EmptyPage, Paginator
from django.db.models import Q
from django.http import HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.urls import Resolver404, resolve, reverse
from django.views.decorators.csrf import csrf_exempt

from alongside.core.access import public

from . import openreferral
from .models import Organization, Schedule, ServiceAtLocation, Taxonomy, TaxonomyTerm

log = logging.getLogger("alongside.directory.api")

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 200  # asking for more gives this many, and the page says so in `size`
MAX_SEARCH_CHARACTERS = 200
MAX_SEARCH_WORDS = 10
CACHE_SECONDS = 300
ALLOWED_METHODS = "GET, HEAD, OPTIONS"
DAYS = {
    "MO": "monday",
    "TU": "tuesday",
    "WE": "wednesday",
    "TH": "thursday",
    "FR": "friday",
    "SA": "saturday",
    "SU": "sunday",
}
_DAY_CODES = {**{code.lower(): code for code in DAYS}, **{v: k for k, v in DAYS.items()}}
_DAY_CODES.update({name[:3]: code for code, name in DAYS.items()})
_TERM_LINKS = TaxonomyTerm.services.through


class ApiError(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


_REASONS = {400: "Bad Request", 404: "Not Found", 405: "Method Not Allowed", 500: "Server Error"}


def _error(status: int, message: str) -> JsonResponse:
    return JsonResponse(
        {"status": status, "error": _REASONS.get(status, ""), "message": message}, status=status
    )


def api(view):
    """Public, CORS open, GET and HEAD only (OPTIONS answered), JSON errors, cacheable."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = ALLOWED_METHODS
            response["Access-Control-Allow-Headers"] = "Accept, Content-Type, If-None-Match"
            response["Access-Control-Max-Age"] = "86400"
        elif request.method not in {"GET", "HEAD"}:
            response = _error(
                405, "This API is read only: use GET (or HEAD). Nothing here can be changed."
            )
        elif any("\x00" in part for pair in request.GET.lists() for part in [pair[0], *pair[1]]):
            # A database cannot hold it; nothing sensible asks for it.
            response = _error(400, "The query has a NUL character in it: leave it out.")
        else:
            try:
                response = view(request, *args, **kwargs)
            except ApiError as problem:
                response = _error(problem.status, problem.message)
            except Exception:
                log.exception("openreferral.failed")
                response = _error(500, "Sorry, something went wrong. Try again later.")
        response["Allow"] = ALLOWED_METHODS
        response["Access-Control-Allow-Origin"] = "*"
        if request.method in {"GET", "HEAD"} and response.status_code == 200:
            response["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
        else:
            response["Cache-Control"] = "no-cache"
        return response

    # Reading only, and no cookies: there is nothing for a cross-site request to forge, and a
    # POST must be told 405 in JSON, not refused as a forged form.
    return public(csrf_exempt(wrapped))


# Reading the query.


def _whole_number(request, name: str, default: int) -> int:
    raw = request.GET.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value < 1:
        raise ApiError(400, f"{name} must be a whole number, 1 or more, like {name}=2.")
    return value


def _uuid(request, name: str, what: str) -> uuid.UUID | None:
    raw = request.GET.get(name, "").strip()
    if not raw:
        return None
    try:
        return uuid.UUID(raw)
    except ValueError:
        raise ApiError(
            400,
            f"{name} must be the id of {what}, like {name}=3f7b145d-84af-42d7-8fae-eaca714b02b2.",
        ) from None


def _age(request, name: str) -> float | None:
    raw = request.GET.get(name, "").strip()
    if not raw:
        return None
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not math.isfinite(value) or not 0 <= value <= 150:
        raise ApiError(400, f"{name} must be an age in years from 0 to 150, like {name}=18.")
    return value


def _time(request, name: str) -> dt.time | None:
    raw = request.GET.get(name, "").strip()
    if not raw:
        return None
    try:
        return dt.time.fromisoformat(raw.removesuffix("Z"))
    except ValueError:
        raise ApiError(400, f"{name} must be a time of day, like {name}=09:30.") from None


def _datetime(request, name: str) -> dt.datetime | None:
    raw = request.GET.get(name, "").strip()
    if not raw:
        return None
    try:
        # An offset's + arrives as a space when the query was not encoded.
        value = dt.datetime.fromisoformat(raw.replace(" ", "+") if "T" in raw else raw)
    except ValueError:
        raise ApiError(
            400, f"{name} must be a date, or a date and time, like {name}=2025-01-31T09:00:00Z."
        ) from None
    value = value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    try:
        return value.astimezone(dt.UTC)
    except OverflowError:  # 0001-01-01T00:00:00+14:00 is before the first day there is
        raise ApiError(400, f"{name} must be a date between the years 1 and 9999.") from None


def _yes_no(request, name: str) -> bool:
    raw = request.GET.get(name, "").strip().lower()
    if raw in {"", "false", "0", "no"}:
        return False
    if raw in {"true", "1", "yes"}:
        return True
    raise ApiError(400, f"{name} must be true or false, like {name}=true.")


def _words(request) -> list[str]:
    """`search` (HSDS) or `text`: every word must appear somewhere."""
    raw = " ".join(request.GET.get(name, "") for name in ("search", "text")).strip()
    if len(raw) > MAX_SEARCH_CHARACTERS:
        raise ApiError(400, f"search is too long: use up to {MAX_SEARCH_CHARACTERS} characters.")
    return raw.split()[:MAX_SEARCH_WORDS]


def _day(request) -> str | None:
    raw = request.GET.get("day", "").strip().lower()
    if not raw:
        return None
    if raw not in _DAY_CODES:
        raise ApiError(400, "day must be a day of the week, like day=MO or day=monday.")
    return _DAY_CODES[raw]


def _statuses(request) -> list[str] | None:
    raw = request.GET.get("status", "").strip()
    if not raw:
        return None
    statuses = [part.strip().lower() for part in raw.split(",") if part.strip()]
    if not statuses or any(status not in openreferral.STATUSES for status in statuses):
        raise ApiError(
            400,
            "status must be one or more of active, inactive, defunct and temporarily closed, "
            "separated by commas, like status=active.",
        )
    return statuses


def _service_conditions(request, prefix: str = "") -> Q:
    """The HSDS filters for services; ``prefix`` reaches the service from another model."""
    pk = f"{prefix}pk" if prefix else "pk"
    conditions = Q()
    for word in _words(request):
        conditions &= (
            Q(**{f"{prefix}name__icontains": word})
            | Q(**{f"{prefix}description__icontains": word})
            | Q(**{f"{prefix}organization__name__icontains": word})
        )
    if term_id := _uuid(request, "taxonomy_term_id", "a taxonomy term"):
        linked = _TERM_LINKS.objects.filter(taxonomyterm_id=term_id)
        conditions &= Q(**{f"{pk}__in": linked.values("service_id")})
    if taxonomy_id := _uuid(request, "taxonomy_id", "a taxonomy"):
        linked = _TERM_LINKS.objects.filter(taxonomyterm__taxonomy_id=taxonomy_id)
        conditions &= Q(**{f"{pk}__in": linked.values("service_id")})
    if organization_id := _uuid(request, "organization_id", "an organization"):
        conditions &= Q(**{f"{prefix}organization_id": organization_id})
    if (after := _datetime(request, "modified_after")) is not None:
        conditions &= Q(**{f"{prefix}updated_at__gte": after})
    # As HSDS documents them: the service's own minimum is at least this, its maximum at most.
    if (youngest := _age(request, "minimum_age")) is not None:
        conditions &= Q(**{f"{prefix}minimum_age__gte": math.ceil(youngest)})
    if (oldest := _age(request, "maximum_age")) is not None:
        conditions &= Q(**{f"{prefix}maximum_age__lte": math.floor(oldest)})
    # Ours: services open to someone of this age (no limit set counts as open).
    if (age := _age(request, "age")) is not None:
        conditions &= Q(**{f"{prefix}minimum_age__isnull": True}) | Q(
            **{f"{prefix}minimum_age__lte": math.floor(age)}
        )
        conditions &= Q(**{f"{prefix}maximum_age__isnull": True}) | Q(
            **{f"{prefix}maximum_age__gte": math.ceil(age)}
        )
    if statuses := _statuses(request):
        conditions &= Q(**{f"{prefix}status__in": statuses})
    # Day and times apply to the same schedule: open on Monday, from 9:30, until 12:00.
    when = Q()
    if day := _day(request):
        when &= Q(byday__icontains=day)
    if (starts := _time(request, "start_time")) is not None:
        when &= Q(opens_at__gte=starts)
    if (ends := _time(request, "end_time")) is not None:
        when &= Q(closes_at__lte=ends)
    if when:
        conditions &= Q(**{f"{pk}__in": Schedule.objects.filter(when).values("service_id")})
    return conditions


# Answers.


def _page(request, queryset, shape) -> JsonResponse:
    """One page in the HSDS wrapper: the database counts, orders and slices."""
    number = _whole_number(request, "page", 1)
    per_page = min(_whole_number(request, "per_page", DEFAULT_PER_PAGE), MAX_PER_PAGE)
    paginator = Paginator(queryset, per_page)
    try:
        page = paginator.page(number)
    except EmptyPage:
        raise ApiError(
            404, f"There is no page {number}: there are {paginator.num_pages} pages."
        ) from None
    contents = [shape(item) for item in page.object_list]
    return JsonResponse(
        {
            "total_items": paginator.count,
            "total_pages": paginator.num_pages,
            "page_number": number,
            "size": len(contents),
            "first_page": number == 1,
            "last_page": number == paginator.num_pages,
            "empty": paginator.count == 0,
            "contents": contents,
        }
    )


def _one(queryset, oruk_id: str, what: str):
    try:
        pk = uuid.UUID(oruk_id)
    except ValueError:
        pk = None
    found = queryset.filter(pk=pk).first() if pk else None
    if found is None:
        raise ApiError(404, f"There is no {what} with that id.")
    return found


@api
def index(request):
    return JsonResponse(
        {
            "version": openreferral.VERSION,
            "profile": openreferral.PROFILE_URL,
            "openapi_url": request.build_absolute_uri(reverse("openreferral:openapi")),
        }
    )


@api
def openapi(request):
    """The UK profile's own OpenAPI description, with this server as the place to call."""
    document = copy.deepcopy(openreferral.openapi_document())
    base = request.build_absolute_uri(reverse("openreferral:index")).rstrip("/")
    document["servers"] = [{"url": base, "description": "This directory"}]
    return JsonResponse(document)


@api
def services(request):
    full = _yes_no(request, "full")
    queryset = openreferral.services_in_full() if full else openreferral.services_listed()
    queryset = queryset.filter(_service_conditions(request))
    return _page(
        request, queryset, openreferral.service_full if full else openreferral.service_list_item
    )


@api
def service(request, oruk_id):
    return JsonResponse(
        openreferral.service_full(_one(openreferral.services_in_full(), oruk_id, "service"))
    )


@api
def organizations(request):
    queryset = openreferral.organizations_listed()
    for word in _words(request):
        queryset = queryset.filter(Q(name__icontains=word) | Q(description__icontains=word))
    return _page(request, queryset, openreferral.organization_list_item)


@api
def organization(request, oruk_id):
    found = _one(Organization.objects.all(), oruk_id, "organization")
    full = _yes_no(request, "full_service")
    services_ = openreferral.services_in_full() if full else openreferral.services_listed()
    return JsonResponse(
        openreferral.organization_full(
            found, services_.filter(organization=found), full_services=full
        )
    )


@api
def taxonomies(request):
    return _page(request, openreferral.taxonomies_listed(), openreferral.taxonomy)


@api
def taxonomy(request, oruk_id):
    return JsonResponse(openreferral.taxonomy(_one(Taxonomy.objects.all(), oruk_id, "taxonomy")))


@api
def taxonomy_terms(request):
    queryset = openreferral.taxonomy_terms_listed()
    if taxonomy_id := _uuid(request, "taxonomy_id", "a taxonomy"):
        queryset = queryset.filter(taxonomy_id=taxonomy_id)
    for word in _words(request):
        queryset = queryset.filter(
            Q(name__icontains=word) | Q(description__icontains=word) | Q(code__iexact=word)
        )
    return _page(request, queryset, openreferral.taxonomy_term)


@api
def taxonomy_term(request, oruk_id):
    term = _one(openreferral.taxonomy_terms_listed(), oruk_id, "taxonomy term")
    return JsonResponse(openreferral.taxonomy_term(term))


_POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?( ?[0-9][A-Z]{2})?$")


@api
def service_at_locations(request):
    postcode = request.GET.get("postcode", "").strip().upper()
    if postcode and not _POSTCODE.match(postcode):
        raise ApiError(400, "postcode must be a UK postcode, like postcode=DN15 6XQ.")
    if request.GET.get("proximity", "").strip():
        # We hold no postcode centres yet, so we cannot measure distance from one.
        raise ApiError(
            400,
            "proximity is not supported here yet: leave it out. "
            "Each location's latitude and longitude are in the results.",
        )
    # `postcode` alone limits results to services whose service area covers it; we hold no
    # service areas, so it narrows nothing.
    queryset = openreferral.service_at_locations_listed().filter(
        _service_conditions(request, prefix="service__")
    )
    return _page(request, queryset, openreferral.service_at_location_list_item)


@api
def service_at_location(request, oruk_id):
    queryset = ServiceAtLocation.objects.select_related("location")
    link = _one(queryset, oruk_id, "service at location")
    full = openreferral.services_in_full().get(pk=link.service_id)
    return JsonResponse(openreferral.service_at_location_full(link, full))


@api
def unknown(request, unknown_path):
    """Anything else under /openreferral/: JSON, and a way back for a trailing slash."""
    trimmed = request.path.rstrip("/")
    if trimmed != request.path:
        try:
            match = resolve(trimmed)
        except Resolver404:
            match = None
        if match is not None and match.url_name != "unknown" and match.namespace == "openreferral":
            query = request.META.get("QUERY_STRING", "")
            return HttpResponsePermanentRedirect(trimmed + (f"?{query}" if query else ""))
    raise ApiError(
        404,
        "There is nothing here. The endpoints are listed in "
        + request.build_absolute_uri(reverse("openreferral:openapi")),
    )
