"""The directory as Open Referral UK 3.0 (HSDS 3.0, UK profile): querysets that fetch everything a
page needs in a fixed number of queries, and plain functions that turn rows into the profile's
JSON shapes. Only directory data is published: never corrections, introductions, who added a
service, or anything else about a person. ADR 25.

Ids: services, organisations, locations, service-at-locations, schedules and taxonomy terms are
published with our own UUIDs. Things we do not keep as rows of their own (an address, a phone
number, a cost option, a link between a service and a taxonomy term) get a UUID derived from the
row they belong to, so they stay the same from one request to the next."""

import datetime as dt
import json
import re
import uuid
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from django.db.models import Prefetch

from .models import (
    Organization,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceStatus,
    Taxonomy,
    TaxonomyTerm,
)

# What `/` says about the API. The UK profile's validator reads `version` (HSDS-UK-3.0) to pick
# the profile it checks against, as its own example response does.
VERSION = "HSDS-UK-3.0"
PROFILE_URL = "https://github.com/OpenReferralUK/uk-profile/blob/main/docs/index.md"
SCHEMA_DIR = Path(__file__).resolve().parent / "uk_profile" / "schema"

STATUSES = frozenset(ServiceStatus.values)
FREQUENCIES = frozenset({"WEEKLY", "MONTHLY"})  # the only values the profile allows
# A fixed namespace: derived ids are the same on every server for the same rows.
_NAMESPACE = uuid.UUID("6f1c3c1e-3d0a-4c47-9a52-6a0f5d1e2b7a")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@cache
def openapi_document() -> dict:
    """The UK profile's OpenAPI description (CC BY-SA 4.0, shipped in uk_profile/)."""
    return json.loads((SCHEMA_DIR / "openapi.json").read_text(encoding="utf-8"))


def derived_id(*parts) -> str:
    return str(uuid.uuid5(_NAMESPACE, ":".join(str(part) for part in parts)))


# Querysets: each fetches one page (or one record) and everything it shows, in constant queries.


def services_listed():
    """Services with their organisation: the one-to-one fields a list page shows."""
    return Service.objects.select_related("organization").order_by("name", "id")


def services_in_full():
    """Services with everything the full shape shows: 1 query + 3 prefetches."""
    return services_listed().prefetch_related(
        Prefetch("schedules", queryset=Schedule.objects.order_by("byday", "opens_at", "id")),
        Prefetch(
            "at_locations",
            queryset=ServiceAtLocation.objects.select_related("location").order_by(
                "location__name", "id"
            ),
        ),
        Prefetch(
            "terms",
            queryset=TaxonomyTerm.objects.select_related("taxonomy").order_by(
                "taxonomy__name", "name", "id"
            ),
        ),
    )


def organizations_listed():
    return Organization.objects.order_by("name", "id")


def taxonomies_listed():
    return Taxonomy.objects.order_by("name", "id")


def taxonomy_terms_listed():
    return TaxonomyTerm.objects.select_related("taxonomy").order_by("name", "id")


def service_at_locations_listed():
    """By id: the primary key's index pages them without sorting a join (a link has no name)."""
    return ServiceAtLocation.objects.select_related("service__organization", "location").order_by(
        "id"
    )


# Values: the profile's formats, or nothing. Imported data can be messy; a value that would not
# pass the profile's format (a web address without https://, an e-mail address without @) is
# left out rather than published wrong.


def web_address(value: str) -> str | None:
    value = (value or "").strip()
    if not value or any(c.isspace() for c in value):
        return None
    parts = urlsplit(value)
    return value if parts.scheme in {"http", "https"} and parts.netloc else None


def email_address(value: str) -> str | None:
    value = (value or "").strip()
    return value if _EMAIL.match(value) else None


def timestamp(value: dt.datetime | None) -> str | None:
    """A date and time in UTC with milliseconds, as the profile asks: 2025-03-15T10:30:45.123Z."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def clock(value: dt.time | None) -> str | None:
    return value.strftime("%H:%M:%S") if value is not None else None


def _without_empty(data: dict, keep=()) -> dict:
    """Drops None and "" (the profile's types do not allow null); keeps required keys."""
    return {k: v for k, v in data.items() if k in keep or (v is not None and v != "")}


# Shapes.


def organization_fields(organization: Organization) -> dict:
    """The organisation's one-to-one fields (in a list, and inside a service)."""
    return _without_empty(
        {
            "id": str(organization.pk),
            "name": organization.name,
            "description": organization.description,
            "email": email_address(organization.email),
            "website": web_address(organization.url),
        },
        keep=("id", "name", "description"),
    )


def organization_list_item(organization: Organization) -> dict:
    return organization_fields(organization)


def organization_full(organization: Organization, services, *, full_services: bool) -> dict:
    """An organisation with its services (list shape, or full with ``full_services``)."""
    shape = service_full if full_services else service_list_item
    return {
        **organization_fields(organization),
        "organization_identifiers": [],
        "attributes": [],
        "phones": _phones(organization.phone, "organization", organization.pk),
        "services": [shape(service) for service in services],
    }


def _phones(number: str, kind: str, owner_id) -> list[dict]:
    """HSDS 3.0 phones (the UK profile allows them: it does not close its objects)."""
    number = (number or "").strip()
    if not number:
        return []
    return [
        {"id": derived_id(kind, owner_id, "phone"), f"{kind}_id": str(owner_id), "number": number}
    ]


def service_fields(service: Service) -> dict:
    """The service's one-to-one fields: a list item, and the start of the full shape."""
    data = _without_empty(
        {
            "id": str(service.pk),
            "organization_id": str(service.organization_id) if service.organization_id else None,
            "name": service.name,
            "description": service.description,
            "url": web_address(service.url),
            "email": email_address(service.email),
            "status": service.status,
            "fees": service.fees,
            "minimum_age": service.minimum_age,
            "maximum_age": service.maximum_age,
            # When the source last changed or checked the listing.
            "assured_date": service.last_modified.isoformat() if service.last_modified else None,
            # When our copy last changed: what `modified_after` filters on.
            "last_modified": timestamp(service.updated_at),
            # HSDS 3.0's words for who a service is for (the UK profile does not close objects).
            "eligibility_description": service.audience,
        },
        keep=("id", "name", "description", "status"),
    )
    if service.organization_id:
        data["organization"] = organization_fields(service.organization)
    return data


def service_list_item(service: Service) -> dict:
    return service_fields(service)


def service_full(service: Service) -> dict:
    """A service with everything we hold about it (fetched with ``services_in_full``)."""
    return {
        **service_fields(service),
        "schedules": [schedule(item) for item in service.schedules.all()],
        "service_areas": [],
        "service_at_locations": [
            service_at_location_fields(link) for link in service.at_locations.all()
        ],
        "languages": [],
        "funding": [],
        "cost_options": cost_options(service),
        "contacts": [],  # named contacts are people: never published
        "phones": _phones(service.phone, "service", service.pk),
        "attributes": [attribute(service, term) for term in service.terms.all()],
    }


def cost_options(service: Service) -> list[dict]:
    """Free is an amount of 0; a charge we hold only in words goes in amount_description."""
    base = {"id": derived_id("service", service.pk, "cost"), "service_id": str(service.pk)}
    fees = (service.fees or "").strip()
    if service.is_free:
        return [{**base, "option": "Free", "amount": 0, "amount_description": fees or "Free"}]
    if fees:
        return [{**base, "amount_description": fees}]
    return []


def schedule(item: Schedule) -> dict:
    freq = (item.freq or "").upper()
    return _without_empty(
        {
            "id": str(item.pk),
            "service_id": str(item.service_id),
            "freq": freq if freq in FREQUENCIES else None,
            "byday": item.byday,
            "opens_at": clock(item.opens_at),
            "closes_at": clock(item.closes_at),
            "description": item.description,
        },
        keep=("id",),
    )


def location(place) -> dict:
    data = _without_empty(
        {
            "id": str(place.pk),
            "location_type": "physical",
            "name": place.name,
            "latitude": place.latitude,
            "longitude": place.longitude,
        },
        keep=("id", "location_type"),
    )
    data["addresses"] = address(place)
    return data


def address(place) -> list[dict]:
    """Our locations hold one postal address in three parts; the profile requires six keys.
    We keep no county, so state_province is empty rather than guessed."""
    if not (place.address or place.town or place.postcode):
        return []
    return [
        {
            "id": derived_id("location", place.pk, "address"),
            "location_id": str(place.pk),
            "address_1": place.address,
            "city": place.town,
            "state_province": "",
            "postal_code": place.postcode,
            "country": "GB",
            "address_type": "physical",
        }
    ]


def service_at_location_fields(link: ServiceAtLocation) -> dict:
    return {
        "id": str(link.pk),
        "service_id": str(link.service_id),
        "location_id": str(link.location_id),
        "location": location(link.location),
    }


def service_at_location_list_item(link: ServiceAtLocation) -> dict:
    return {**service_at_location_fields(link), "service": service_list_item(link.service)}


def service_at_location_full(link: ServiceAtLocation, service: Service) -> dict:
    """``service`` is ``link.service`` fetched with ``services_in_full``."""
    return {**service_at_location_fields(link), "service": service_full(service)}


def taxonomy(item: Taxonomy) -> dict:
    return _without_empty(
        {
            "id": str(item.pk),
            "name": item.name,
            "description": item.description,
            "uri": web_address(item.uri),
            "version": item.version,
        },
        keep=("id", "name", "description"),
    )


def taxonomy_term(term: TaxonomyTerm) -> dict:
    return _without_empty(
        {
            "id": str(term.pk),
            "name": term.name,
            "description": term.description,
            "taxonomy": term.taxonomy.name,
            "taxonomy_id": str(term.taxonomy_id),
            "term": term.name,
            "code": term.code,  # HSDS 3.0: the term's code in its taxonomy
        },
        keep=("id", "name", "description"),
    )


def attribute(service: Service, term: TaxonomyTerm) -> dict:
    """A service's taxonomy term, as an HSDS attribute linking the two."""
    return {
        "id": derived_id("service", service.pk, "term", term.pk),
        "link_id": str(service.pk),
        "link_entity": "service",
        "taxonomy_term_id": str(term.pk),
        "taxonomy_term": taxonomy_term(term),
    }
