"""The public Open Referral UK 3.0 API: every answer valid against the UK profile's schemas (with
format checking), paged by the database in constant queries, CORS open, read only, and never a
word about a person."""

import datetime as dt
import json
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from alongside.directory import api_views
from alongside.directory.models import (
    Correction,
    Introduction,
    Location,
    Organization,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceStatus,
    Taxonomy,
    TaxonomyTerm,
)
from alongside.directory.openreferral import PROFILE_URL, SCHEMA_DIR, VERSION

FIXTURES = Path(__file__).resolve().parents[3] / "data" / "oruk" / "validator-fixtures"

# The profile's schemas, found by their file names ("location.json" inside service_at_location).
_BASE = "https://uk-profile.invalid/schema/"
_REGISTRY = Registry().with_resources(
    (
        _BASE + path.name,
        Resource.from_contents(json.loads(path.read_text()), default_specification=DRAFT202012),
    )
    for path in SCHEMA_DIR.glob("*.json")
    if path.name != "openapi.json"
)
# Every format jsonschema checks out of the box (uuid, email, date…), and the two it checks
# only with extra packages, written here: uri and date-time.
FORMATS = FormatChecker()


@FORMATS.checks("uri")
def _is_uri(value) -> bool:
    if not isinstance(value, str):
        return True
    parts = urlsplit(value)
    return bool(parts.scheme and parts.netloc) and not any(c.isspace() for c in value)


@FORMATS.checks("date-time", raises=ValueError)
def _is_date_time(value) -> bool:
    if not isinstance(value, str):
        return True
    return dt.datetime.fromisoformat(value).tzinfo is not None


def validator(schema: str) -> Draft202012Validator:
    return Draft202012Validator(
        {"$ref": _BASE + schema}, registry=_REGISTRY, format_checker=FORMATS
    )


def problems(data, schema: str) -> list[str]:
    return [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in validator(schema).iter_errors(data)
    ]


PAGE_KEYS = {
    "total_items": int,
    "total_pages": int,
    "page_number": int,
    "size": int,
    "first_page": bool,
    "last_page": bool,
    "empty": bool,
    "contents": list,
}


def assert_page(data, item_schema: str) -> None:
    assert set(data) == set(PAGE_KEYS)
    for key, kind in PAGE_KEYS.items():
        assert type(data[key]) is kind, key
    assert data["size"] == len(data["contents"])
    for item in data["contents"]:
        assert problems(item, item_schema) == []


def get(client, name, *, params=None, **kwargs):
    return client.get(reverse(f"openreferral:{name}", kwargs=kwargs or None), params or {})


# The directory: a choir and a riders' club with everything, a closed service, a listing with
# messy imported values, and one with no organisation.


@pytest.fixture
def directory(db):
    arts = Taxonomy.objects.create(
        name="Community activities", description="What people do", uri="https://example.org/tax"
    )
    topics = Taxonomy.objects.create(name="Topics", description="")
    singing = TaxonomyTerm.objects.create(
        taxonomy=arts, name="Singing", description="Choirs and singing groups", code="ART-1"
    )
    dementia = TaxonomyTerm.objects.create(taxonomy=topics, name="Dementia friendly")
    motorbikes = TaxonomyTerm.objects.create(taxonomy=arts, name="Motorbikes")
    trust = Organization.objects.create(
        name="Shirebrook Arts Trust",
        description="Music and art for everyone",
        url="https://arts.example.org",
        email="hello@arts.example.org",
        phone="01632 960111",
    )
    riders = Organization.objects.create(name="Shirebrook Riders", url="not a web address")
    hall = Location.objects.create(
        name="Church Hall",
        address="1 Chapel Street",
        town="Shirebrook",
        postcode="DN15 6XQ",
        latitude=53.59,
        longitude=-0.65,
    )
    yard = Location.objects.create(name="The yard")  # no address held
    choir = Service.objects.create(
        feed_id="choir-1",
        organization=trust,
        name="Singing for the Brain",
        description="A weekly choir for people living with dementia and their carers.",
        url="https://arts.example.org/choir",
        email="choir@arts.example.org",
        phone="01632 960222",
        is_free=True,
        minimum_age=18,
        audience="People living with dementia and their carers",
        last_modified=dt.date(2025, 11, 3),
    )
    choir.terms.add(singing, dementia)
    Schedule.objects.create(
        service=choir,
        freq="WEEKLY",
        byday="MO",
        opens_at=dt.time(10, 0),
        closes_at=dt.time(12, 0),
        description="Mondays, 10am to noon",
    )
    ServiceAtLocation.objects.create(service=choir, location=hall)
    club = Service.objects.create(
        feed_id="local",
        organization=riders,
        name="Riders' Club",
        description="Older riders meet on Saturdays to ride out together.",
        fees="£5 a ride",
        is_free=False,
        minimum_age=50,
        maximum_age=99,
        is_local=True,
    )
    club.terms.add(motorbikes)
    Schedule.objects.create(
        service=club, freq="WEEKLY", byday="SA", opens_at=dt.time(9, 30), closes_at=dt.time(13)
    )
    ServiceAtLocation.objects.create(service=club, location=yard)
    closed = Service.objects.create(
        feed_id="closed-1",
        organization=trust,
        name="Lunch Club",
        description="Closed when the hall was sold.",
        status=ServiceStatus.INACTIVE,
        minimum_age=16,
        maximum_age=25,
    )
    messy = Service.objects.create(
        feed_id="messy-1",
        name="Messy Listing",
        url="www.example.org/no-scheme",
        email="not-an-email",
    )
    Schedule.objects.create(service=messy, freq="DAILY", byday="TU")
    return {
        "arts": arts,
        "topics": topics,
        "singing": singing,
        "dementia": dementia,
        "trust": trust,
        "riders": riders,
        "hall": hall,
        "choir": choir,
        "club": club,
        "closed": closed,
        "messy": messy,
        "choir_at_hall": choir.at_locations.get(),
    }


def _many_services(count: int, organization=None, term=None, location=None):
    """``count`` services, each with a schedule, a place and a term when given."""
    made = Service.objects.bulk_create(
        Service(feed_id=f"bulk-{n}", name=f"Bulk service {n:03d}", organization=organization)
        for n in range(count)
    )
    Schedule.objects.bulk_create(
        Schedule(service=service, freq="WEEKLY", byday="WE") for service in made
    )
    if location is not None:
        ServiceAtLocation.objects.bulk_create(
            ServiceAtLocation(service=service, location=location) for service in made
        )
    if term is not None:
        term.services.add(*made)
    return made


def names(response) -> list[str]:
    return [item["name"] for item in response.json()["contents"]]


# The root and the OpenAPI description.


def test_the_root_says_which_standard_and_where_its_description_is(client, db):
    response = get(client, "index")
    assert response.status_code == 200
    data = response.json()
    assert data["version"] == VERSION == "HSDS-UK-3.0"
    assert data["profile"] == PROFILE_URL
    assert data["openapi_url"] == "http://testserver/openreferral/openapi.json"
    assert set(data) == set(json.loads((FIXTURES / "V3.0-UK-Default/api_details.json").read_text()))
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Content-Type"] == "application/json"


def test_the_openapi_description_is_the_profiles_with_this_server(client, db):
    response = client.get(get(client, "index").json()["openapi_url"])
    assert response.status_code == 200
    data = response.json()
    assert data["info"]["title"] == "Open Referral UK Profile"
    assert {"/services", "/services/{id}", "/service_at_locations"} <= set(data["paths"])
    assert data["servers"] == [
        {"url": "http://testserver/openreferral", "description": "This directory"}
    ]
    assert response["Access-Control-Allow-Origin"] == "*"


# Every endpoint against the profile's schemas.


def test_the_schemas_pass_the_profiles_valid_examples_and_catch_its_invalid_ones():
    """The checks are real: the validator's own passing fixtures pass, failing ones fail."""
    default, fail = FIXTURES / "V3.0-UK-Default", FIXTURES / "V3.0-UK-Fail"
    assert (
        problems(json.loads((default / "service_full.json").read_text()), "compiled_service.json")
        == []
    )
    found = problems(json.loads((fail / "service_full.json").read_text()), "compiled_service.json")
    assert any("is not a 'uri'" in p for p in found)
    assert any("is not a 'email'" in p for p in found)


def test_services_list_items_are_valid(client, directory):
    response = get(client, "services")
    assert response.status_code == 200
    data = response.json()
    assert_page(data, "compiled_service_list.json")
    assert data["total_items"] == 4
    assert names(response) == [
        "Lunch Club",
        "Messy Listing",
        "Riders' Club",
        "Singing for the Brain",
    ]


def test_services_in_full_on_a_list_are_valid(client, directory):
    data = get(client, "services", params={"full": "true"}).json()
    assert_page(data, "compiled_service.json")
    assert all("schedules" in item for item in data["contents"])


def test_a_service_in_full(client, directory):
    choir = directory["choir"]
    response = get(client, "service", oruk_id=choir.pk)
    assert response.status_code == 200
    data = response.json()
    assert problems(data, "compiled_service.json") == []
    assert data["id"] == str(choir.pk)
    assert data["status"] == "active"
    assert data["organization"]["name"] == "Shirebrook Arts Trust"
    assert data["organization"]["website"] == "https://arts.example.org"
    assert data["eligibility_description"] == "People living with dementia and their carers"
    assert data["minimum_age"] == 18 and "maximum_age" not in data
    assert data["assured_date"] == "2025-11-03"
    assert data["last_modified"].endswith("Z")
    assert data["schedules"] == [
        {
            "id": str(choir.schedules.get().pk),
            "service_id": str(choir.pk),
            "freq": "WEEKLY",
            "byday": "MO",
            "opens_at": "10:00:00",
            "closes_at": "12:00:00",
            "description": "Mondays, 10am to noon",
        }
    ]
    (at_hall,) = data["service_at_locations"]
    assert at_hall["location"]["name"] == "Church Hall"
    assert at_hall["location"]["latitude"] == 53.59
    (address,) = at_hall["location"]["addresses"]
    assert address["address_1"] == "1 Chapel Street"
    assert address["postal_code"] == "DN15 6XQ"
    assert address["country"] == "GB"
    assert data["cost_options"][0]["amount"] == 0
    assert data["phones"][0]["number"] == "01632 960222"
    assert problems(data["phones"][0], "phone.json") == []
    terms = {a["taxonomy_term"]["name"]: a for a in data["attributes"]}
    assert set(terms) == {"Singing", "Dementia friendly"}
    assert terms["Singing"]["taxonomy_term"]["taxonomy"] == "Community activities"
    assert terms["Singing"]["taxonomy_term_id"] == str(directory["singing"].pk)
    assert terms["Singing"]["link_id"] == str(choir.pk)
    assert data["contacts"] == []


def test_derived_ids_are_stable(client, directory):
    """An address, a cost or a term link has no row of its own: its id stays the same."""
    first = get(client, "service", oruk_id=directory["choir"].pk).json()
    again = get(client, "service", oruk_id=directory["choir"].pk).json()
    for key in ("cost_options", "attributes", "phones"):
        assert [item["id"] for item in first[key]] == [item["id"] for item in again[key]]
    other = get(client, "service", oruk_id=directory["club"].pk).json()
    assert first["cost_options"][0]["id"] != other["cost_options"][0]["id"]


def test_a_paid_local_service_is_published_with_its_cost_in_words(client, directory):
    data = get(client, "service", oruk_id=directory["club"].pk).json()
    assert problems(data, "compiled_service.json") == []
    assert data["fees"] == "£5 a ride"
    assert data["cost_options"] == [
        {
            "id": data["cost_options"][0]["id"],
            "service_id": str(directory["club"].pk),
            "amount_description": "£5 a ride",
        }
    ]
    # The organisation's web address was not one: left out, not published wrong.
    assert "website" not in data["organization"]
    assert data["service_at_locations"][0]["location"]["addresses"] == []


def test_messy_imported_values_are_left_out_not_published_wrong(client, directory):
    data = get(client, "service", oruk_id=directory["messy"].pk).json()
    assert problems(data, "compiled_service.json") == []
    assert "url" not in data and "email" not in data
    assert "organization" not in data and "organization_id" not in data
    assert data["description"] == ""  # the profile's validator expects one, even if empty
    assert data["schedules"][0]["byday"] == "TU" and "freq" not in data["schedules"][0]
    assert data["cost_options"] == []


def test_organizations(client, directory):
    data = get(client, "organizations").json()
    assert_page(data, "organization.json")
    assert [item["name"] for item in data["contents"]] == [
        "Shirebrook Arts Trust",
        "Shirebrook Riders",
    ]
    assert data["contents"][1]["description"] == ""


@pytest.mark.parametrize("full", [False, True])
def test_an_organization_with_its_services(client, directory, full):
    params = {"full_service": "true"} if full else {}
    response = get(client, "organization", oruk_id=directory["trust"].pk, params=params)
    data = response.json()
    assert problems(data, "compiled_organization.json") == []
    assert [s["name"] for s in data["services"]] == ["Lunch Club", "Singing for the Brain"]
    assert ("schedules" in data["services"][1]) is full
    assert data["phones"][0]["number"] == "01632 960111"


def test_taxonomies_and_terms(client, directory):
    data = get(client, "taxonomies").json()
    assert_page(data, "taxonomy.json")
    assert [t["name"] for t in data["contents"]] == ["Community activities", "Topics"]
    one = get(client, "taxonomy", oruk_id=directory["arts"].pk).json()
    assert problems(one, "taxonomy.json") == []
    assert one["uri"] == "https://example.org/tax"

    terms = get(client, "taxonomy-terms").json()
    assert_page(terms, "taxonomy_term.json")
    assert [t["name"] for t in terms["contents"]] == ["Dementia friendly", "Motorbikes", "Singing"]
    term = get(client, "taxonomy-term", oruk_id=directory["singing"].pk).json()
    assert problems(term, "taxonomy_term.json") == []
    assert term["taxonomy_id"] == str(directory["arts"].pk)
    assert term["code"] == "ART-1"
    in_topics = get(client, "taxonomy-terms", params={"taxonomy_id": directory["topics"].pk})
    assert names(in_topics) == ["Dementia friendly"]
    assert names(get(client, "taxonomy-terms", params={"search": "choirs"})) == ["Singing"]


def test_service_at_locations(client, directory):
    data = get(client, "service-at-locations").json()
    assert_page(data, "service_at_location.json")
    assert sorted(item["service"]["name"] for item in data["contents"]) == [
        "Riders' Club",
        "Singing for the Brain",
    ]
    assert [item["id"] for item in data["contents"]] == sorted(
        str(link.pk) for link in ServiceAtLocation.objects.all()
    )
    for item in data["contents"]:
        assert problems(item["service"], "compiled_service_list.json") == []

    link = directory["choir_at_hall"]
    one = get(client, "service-at-location", oruk_id=link.pk).json()
    assert problems(one, "service_at_location.json") == []
    assert problems(one["service"], "compiled_service.json") == []
    assert one["location"]["addresses"][0]["postal_code"] == "DN15 6XQ"
    assert one["service"]["id"] == str(directory["choir"].pk)


def test_service_at_locations_filter_like_services(client, directory):
    response = get(
        client, "service-at-locations", params={"taxonomy_term_id": directory["singing"].pk}
    )
    assert [item["service"]["name"] for item in response.json()["contents"]] == [
        "Singing for the Brain"
    ]
    by_day = get(client, "service-at-locations", params={"day": "saturday"}).json()
    assert [item["service"]["name"] for item in by_day["contents"]] == ["Riders' Club"]
    # We hold no service areas: a postcode narrows nothing; distance needs postcode centres.
    assert (
        get(client, "service-at-locations", params={"postcode": "DN15 6XQ"}).json()["total_items"]
        == 2
    )
    for params in ({"postcode": "<script>"}, {"postcode": "DN15 6XQ", "proximity": "1000"}):
        response = get(client, "service-at-locations", params=params)
        assert response.status_code == 400
        assert response["Access-Control-Allow-Origin"] == "*"


# Statuses: every service is published with its status; consumers can ask for active only.


def test_services_that_are_not_running_are_published_with_their_status(client, directory):
    everything = get(client, "services").json()["contents"]
    assert {item["name"]: item["status"] for item in everything}["Lunch Club"] == "inactive"
    active = get(client, "services", params={"status": "active"})
    assert "Lunch Club" not in names(active)
    both = get(client, "services", params={"status": "inactive,defunct"})
    assert names(both) == ["Lunch Club"]
    assert get(client, "services", params={"status": "open"}).status_code == 400


# Filters.


def test_search_words_match_name_description_or_organisation(client, directory):
    assert names(get(client, "services", params={"search": "choir"})) == ["Singing for the Brain"]
    assert names(get(client, "services", params={"text": "DEMENTIA carers"})) == [
        "Singing for the Brain"
    ]
    assert names(get(client, "services", params={"search": "riders"})) == ["Riders' Club"]
    assert names(get(client, "services", params={"search": "arts trust"})) == [
        "Lunch Club",
        "Singing for the Brain",
    ]
    assert names(get(client, "services", params={"search": "choir motorbike"})) == []
    too_long = get(client, "services", params={"search": "x" * 201})
    assert too_long.status_code == 400
    assert "200 characters" in too_long.json()["message"]


def test_filters_by_taxonomy_term_taxonomy_and_organisation(client, directory):
    by_term = get(client, "services", params={"taxonomy_term_id": directory["dementia"].pk})
    assert names(by_term) == ["Singing for the Brain"]
    by_taxonomy = get(client, "services", params={"taxonomy_id": directory["arts"].pk})
    assert names(by_taxonomy) == ["Riders' Club", "Singing for the Brain"]
    by_organisation = get(client, "services", params={"organization_id": directory["trust"].pk})
    assert names(by_organisation) == ["Lunch Club", "Singing for the Brain"]
    nothing = get(client, "services", params={"taxonomy_term_id": uuid.uuid4()}).json()
    assert nothing["empty"] is True and nothing["total_items"] == 0
    assert_page(nothing, "compiled_service_list.json")
    for name in ("taxonomy_term_id", "taxonomy_id", "organization_id"):
        response = get(client, "services", params={name: "singing"})
        assert response.status_code == 400
        assert name in response.json()["message"]


def test_filters_by_age_as_hsds_documents_them_and_by_a_persons_age(client, directory):
    # HSDS: a service's minimum age is at least this; its maximum at most this.
    assert names(get(client, "services", params={"minimum_age": "18"})) == [
        "Riders' Club",
        "Singing for the Brain",
    ]
    assert names(get(client, "services", params={"maximum_age": "30"})) == ["Lunch Club"]
    # Ours: open to someone of this age (an 80-year-old is not offered a youth lunch club).
    assert names(get(client, "services", params={"age": "80"})) == [
        "Messy Listing",
        "Riders' Club",
        "Singing for the Brain",
    ]
    assert names(get(client, "services", params={"age": "20"})) == [
        "Lunch Club",
        "Messy Listing",
        "Singing for the Brain",
    ]
    for bad in ("old", "-1", "200", "nan"):
        response = get(client, "services", params={"minimum_age": bad})
        assert response.status_code == 400
        assert response.json()["message"].startswith("minimum_age must be an age")


def test_filters_by_day_and_time(client, directory):
    assert names(get(client, "services", params={"day": "MO"})) == ["Singing for the Brain"]
    assert names(get(client, "services", params={"day": "tuesday"})) == ["Messy Listing"]
    assert names(get(client, "services", params={"start_time": "09:00"})) == [
        "Riders' Club",
        "Singing for the Brain",
    ]
    assert names(get(client, "services", params={"start_time": "09:45"})) == [
        "Singing for the Brain"
    ]
    assert names(get(client, "services", params={"end_time": "12:00:00"})) == [
        "Singing for the Brain"
    ]
    # Day and times belong to the same session.
    assert names(get(client, "services", params={"day": "SA", "start_time": "10:00"})) == []
    assert get(client, "services", params={"day": "someday"}).status_code == 400
    assert get(client, "services", params={"start_time": "9 o'clock"}).status_code == 400


def test_modified_after(client, directory):
    Service.objects.filter(pk=directory["club"].pk).update(
        updated_at=timezone.now() + dt.timedelta(days=2)
    )
    tomorrow = (timezone.now() + dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert names(get(client, "services", params={"modified_after": tomorrow})) == ["Riders' Club"]
    with_offset = (timezone.now() + dt.timedelta(days=1)).isoformat()
    assert names(get(client, "services", params={"modified_after": with_offset})) == [
        "Riders' Club"
    ]
    assert len(names(get(client, "services", params={"modified_after": "2020-01-01"}))) == 4
    bad = get(client, "services", params={"modified_after": "last week"})
    assert bad.status_code == 400
    assert "2025-01-31T09:00:00Z" in bad.json()["message"]


@pytest.mark.parametrize(
    "params",
    [
        {"search": "choir\x00"},
        {"p\x00": "1"},
        {"modified_after": "0001-01-01T00:00:00+14:00"},
        {"modified_after": "9999-12-31T23:59:59-23:59"},
        {"start_time": "24:00"},
    ],
)
def test_odd_queries_are_refused_not_failed(client, directory, params):
    response = get(client, "services", params=params)
    assert response.status_code == 400
    assert response.json()["message"]


# Paging.


@pytest.fixture
def thirty_five(db):
    return _many_services(35)


def test_paging_first_middle_and_last(client, thirty_five):
    first = get(client, "services", params={"per_page": "10"}).json()
    middle = get(client, "services", params={"per_page": "10", "page": "2"}).json()
    last = get(client, "services", params={"per_page": "10", "page": "4"}).json()
    for page in (first, middle, last):
        assert_page(page, "compiled_service_list.json")
        assert page["total_items"] == 35 and page["total_pages"] == 4
    assert (first["first_page"], first["last_page"], first["size"]) == (True, False, 10)
    assert (middle["first_page"], middle["last_page"], middle["page_number"]) == (False, False, 2)
    assert (last["first_page"], last["last_page"], last["size"]) == (False, True, 5)
    everything = [
        item["id"]
        for page in (1, 2, 3, 4)
        for item in get(client, "services", params={"per_page": "10", "page": str(page)}).json()[
            "contents"
        ]
    ]
    assert len(set(everything)) == 35  # nothing twice, nothing missed
    assert names(get(client, "services", params={"per_page": "10"}))[0] == "Bulk service 000"


def test_the_default_and_largest_page_sizes(client, thirty_five, monkeypatch):
    assert get(client, "services").json()["size"] == 35  # fewer than 50
    monkeypatch.setattr(api_views, "MAX_PER_PAGE", 20)
    asked_too_many = get(client, "services", params={"per_page": "1000"}).json()
    assert asked_too_many["size"] == 20 and asked_too_many["total_pages"] == 2


@pytest.mark.parametrize("value", ["0", "-1", "two", "1.5", "9" * 5000])
@pytest.mark.parametrize("name", ["page", "per_page"])
def test_bad_paging_is_refused_saying_what_to_send(client, db, name, value):
    response = get(client, "services", params={name: value})
    assert response.status_code == 400
    assert response.json() == {
        "status": 400,
        "error": "Bad Request",
        "message": f"{name} must be a whole number, 1 or more, like {name}=2.",
    }
    assert response["Access-Control-Allow-Origin"] == "*"


def test_a_page_after_the_last_is_not_found(client, thirty_five):
    response = get(client, "services", params={"per_page": "10", "page": "5"})
    assert response.status_code == 404
    assert response.json()["message"] == "There is no page 5: there are 4 pages."
    huge = get(client, "services", params={"page": "9" * 30})
    assert huge.status_code == 404


def test_an_empty_directory_is_one_empty_page(client, db):
    data = get(client, "services").json()
    assert data == {
        "total_items": 0,
        "total_pages": 1,
        "page_number": 1,
        "size": 0,
        "first_page": True,
        "last_page": True,
        "empty": True,
        "contents": [],
    }


# Not found, methods, CORS, caching, cookies.


@pytest.mark.parametrize(
    "name",
    ["service", "organization", "taxonomy", "taxonomy-term", "service-at-location"],
)
@pytest.mark.parametrize("oruk_id", ["00000000-0000-4000-8000-000000000000", "not-an-id", "1"])
def test_an_unknown_id_is_not_found_in_json(client, db, name, oruk_id):
    response = get(client, name, oruk_id=oruk_id)
    assert response.status_code == 404
    assert response.json()["message"].startswith("There is no ")
    assert response["Access-Control-Allow-Origin"] == "*"


def test_an_unknown_path_is_not_found_in_json_and_a_trailing_slash_is_forgiven(client, db):
    response = client.get("/openreferral/nothing/here")
    assert response.status_code == 404
    assert "/openreferral/openapi.json" in response.json()["message"]
    assert response["Access-Control-Allow-Origin"] == "*"
    slash = client.get("/openreferral/services/?page=1")
    assert slash.status_code == 301
    assert slash["Location"] == "/openreferral/services?page=1"
    assert client.get("/openreferral/services/", follow=True).status_code == 200


def test_it_is_read_only(db):
    client = Client(enforce_csrf_checks=True)
    for method in ("post", "put", "patch", "delete"):
        response = getattr(client, method)(reverse("openreferral:services"))
        assert response.status_code == 405, method
        assert response["Allow"] == "GET, HEAD, OPTIONS"
        assert response["Access-Control-Allow-Origin"] == "*"
        assert "read only" in response.json()["message"]
    assert Service.objects.count() == 0


def test_a_browser_may_ask_first(client, db):
    response = client.options(
        reverse("openreferral:services"),
        HTTP_ORIGIN="https://directory.example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert response.content == b""


def test_head_answers_like_get(client, directory):
    response = client.head(reverse("openreferral:services"))
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"


def test_anyone_may_read_it_and_it_sets_no_cookies(client, directory):
    response = client.get(
        reverse("openreferral:services"), HTTP_ORIGIN="https://elsewhere.example.org"
    )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Cache-Control"] == "public, max-age=300"
    assert not response.cookies
    assert "Set-Cookie" not in response


def test_signed_in_staff_see_the_same_directory(client, client_as, directory):
    anonymous = get(client, "service", oruk_id=directory["choir"].pk).json()
    staff = get(client_as("practitioner"), "service", oruk_id=directory["choir"].pk).json()
    assert staff == anonymous


# Nothing about a person, ever.


def test_nothing_about_a_person_is_ever_published(client, council, directory):
    choir = directory["choir"]
    Service.objects.filter(pk=choir.pk).update(added_by=council.practitioner)
    Correction.objects.create(
        service=choir,
        name="Corinne Correctorson",
        email="corinne.private@example.net",
        words="SECRET-CORRECTION-WORDS the time is wrong",
    )
    Introduction.objects.create(
        person=council.person,
        service=choir,
        consent_given=True,
        consent_recorded_by=council.practitioner,
        shared=["name", "phone"],
        message="SECRET-INTRODUCTION-MESSAGE loves singing",
        sent_to="intro.private@example.net",
        outcome="liked",
        outcome_words="SECRET-OUTCOME-WORDS",
    )
    link = directory["choir_at_hall"]
    urls = [
        reverse("openreferral:index"),
        reverse("openreferral:services") + "?full=true",
        reverse("openreferral:service", kwargs={"oruk_id": choir.pk}),
        reverse("openreferral:organizations"),
        reverse("openreferral:organization", kwargs={"oruk_id": choir.organization_id})
        + "?full_service=true",
        reverse("openreferral:service-at-locations"),
        reverse("openreferral:service-at-location", kwargs={"oruk_id": link.pk}),
        reverse("openreferral:taxonomy-terms"),
        reverse("openreferral:taxonomies"),
    ]
    secrets = [
        "SECRET-",
        "Corinne",
        "private@example.net",
        council.person.given_name,
        council.person.family_name,
        council.practitioner.email,
        council.practitioner.full_name,
        str(council.person.pk),
    ]
    for url in urls:
        body = client.get(url).content.decode()
        for secret in secrets:
            assert secret not in body, (url, secret)
        for key in ("added_by", "corrections", "introductions", "person", "consent", "checksum"):
            assert f'"{key}' not in body, (url, key)


# Queries: the same few, however many services.


def _query_budget_directory():
    """Thirty-odd services with an organisation, a place, a schedule and a term each."""
    taxonomy = Taxonomy.objects.create(name="Bulk")
    term = TaxonomyTerm.objects.create(taxonomy=taxonomy, name="Bulk term")
    organization = Organization.objects.create(name="Bulk organisation")
    place = Location.objects.create(name="Bulk hall", postcode="DN15 6XQ")
    return _many_services(34, organization=organization, term=term, location=place)


@pytest.mark.parametrize(
    ("name", "params", "budget"),
    [
        ("services", {}, 2),  # count, page (with organisations)
        ("services", {"full": "true"}, 5),  # + schedules, places, terms
        ("services", {"taxonomy_id": "6f1c3c1e-3d0a-4c47-9a52-6a0f5d1e2b7a", "day": "WE"}, 2),
        ("organizations", {}, 2),
        ("taxonomy-terms", {}, 2),
        ("service-at-locations", {}, 2),
    ],
)
def test_a_page_costs_the_same_few_queries(
    client, db, django_assert_max_num_queries, name, params, budget
):
    _query_budget_directory()
    with django_assert_max_num_queries(budget):
        response = get(client, name, params=params)
    assert response.status_code == 200


def test_one_record_costs_the_same_few_queries(client, db, django_assert_max_num_queries):
    services = _query_budget_directory()
    organization_id = services[0].organization_id
    with django_assert_max_num_queries(4):
        assert get(client, "service", oruk_id=services[0].pk).status_code == 200
    with django_assert_max_num_queries(5):
        response = get(
            client,
            "organization",
            oruk_id=organization_id,
            params={"full_service": "true"},
        )
    assert len(response.json()["services"]) == 34
    assert problems(response.json(), "compiled_organization.json") == []
    link = ServiceAtLocation.objects.first()
    with django_assert_max_num_queries(5):
        assert get(client, "service-at-location", oruk_id=link.pk).status_code == 200
