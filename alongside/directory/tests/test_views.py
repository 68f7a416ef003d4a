"""The directory's pages: browse and search, a listing, local services and corrections."""

from datetime import date, time, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from alongside.core.models import AuditEvent
from alongside.directory.local_services import CORRECTIONS_PER_ADDRESS
from alongside.directory.models import (
    Correction,
    Introduction,
    IntroductionOutcome,
    Location,
    Organization,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceChange,
    ServiceStatus,
    Source,
)

BROWSE = reverse("directory:browse")
NEW = reverse("directory:service-new")

# Two places a mile and a half apart, and a village about four miles out.
TOWN_HALL = ("DN15 6XQ", 53.5880, -0.6540)
PARK = ("DN15 7AB", 53.6080, -0.6400)
VILLAGE = ("DN18 5AA", 53.6800, -0.6000)


@pytest.fixture
def feed(db):
    return Source.objects.create(name="North Lincolnshire directory", location="/feeds/nl.json")


def service_add(
    name,
    *,
    source=None,
    description="",
    place=None,
    days="",
    opens=None,
    closes=None,
    **fields,
) -> Service:
    """A service saved one at a time, as an import or an edit saves it (so it is indexed)."""
    service = Service(name=name, description=description or name, source=source, **fields)
    service.feed_id = fields.get("feed_id") or str(service.id)
    if source is None:
        service.is_local = True
    service.save()
    if place is not None:
        postcode, latitude, longitude = place
        location = Location.objects.create(
            name=f"{name} venue", postcode=postcode, latitude=latitude, longitude=longitude
        )
        ServiceAtLocation.objects.create(service=service, location=location)
    if days or opens:
        Schedule.objects.create(
            service=service, byday=days, opens_at=opens, closes_at=closes, freq="WEEKLY"
        )
    return service


def names_found(response) -> list[str]:
    return [row.service.name for row in response.context["rows"]]


@pytest.fixture
def directory(feed):
    today = timezone.localdate()
    return {
        "singing": service_add(
            "Singing Together",
            source=feed,
            description="A singing group for people living with dementia and their carers",
            audience="People living with dementia and their carers",
            minimum_age=18,
            is_free=True,
            place=TOWN_HALL,
            days="TU",
            opens=time(10, 30),
            closes=time(12),
            last_modified=date(2024, 12, 10),
        ),
        "choir": service_add(
            "Community Choir",
            source=feed,
            description="Everyone sings: pop and folk in harmony",
            is_free=False,
            fees="£3 a session",
            place=PARK,
            days="WE",
            opens=time(19),
            closes=time(21),
            last_modified=today,
        ),
        "youth": service_add(
            "Youth Club",
            source=feed,
            description="Pool, music and trips",
            minimum_age=11,
            maximum_age=18,
            is_free=True,
            place=VILLAGE,
            days="MO,WE",
            opens=time(10),
            closes=time(11),
            last_modified=today,
        ),
        "lunch": service_add(
            "Lunch Club",
            source=feed,
            description="A hot lunch for people over 60",
            minimum_age=60,
            is_free=False,
            days="FR",
            opens=time(12),
            closes=time(14),
            last_modified=today - timedelta(days=20),
        ),
        "closed": service_add(
            "Closed Singing Circle",
            source=feed,
            status=ServiceStatus.DEFUNCT,
            is_free=True,
            last_modified=today,
        ),
    }


# --- Browse and search ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "member", ["practitioner", "manager", "lead", "administrator", "person_user", "supporter_user"]
)
def test_everyone_signed_in_can_browse(directory, client_as, member):
    response = client_as(member).get(BROWSE)
    assert response.status_code == 200
    # Running services only, by name; the closed one is not offered.
    assert names_found(response) == [
        "Community Choir",
        "Lunch Club",
        "Singing Together",
        "Youth Club",
    ]
    assert "4 services" in response.content.decode()


def test_words_find_services_and_say_honestly_when_nothing_matches(directory, client_as):
    client = client_as("practitioner")
    # Best match first; "sings" is a form of "singing"; the closed circle is not offered.
    assert names_found(client.get(BROWSE, {"q": "singing"})) == [
        "Singing Together",
        "Community Choir",
    ]
    assert names_found(client.get(BROWSE, {"q": "dementia carers"})) == ["Singing Together"]
    nothing = client.get(BROWSE, {"q": "motorbike"})
    html = nothing.content.decode()
    assert nothing.status_code == 200 and names_found(nothing) == []
    assert "Nothing in the directory matches “motorbike”." in html
    assert "Add a local service" in html
    # Only staff who may add one are offered it.
    assert (
        "Add a local service"
        not in client_as("person_user").get(BROWSE, {"q": "motorbike"}).content.decode()
    )


def test_free_only_and_age(directory, client_as):
    client = client_as("practitioner")
    assert names_found(client.get(BROWSE, {"free": "on"})) == ["Singing Together", "Youth Club"]
    # An 80-year-old is not offered the youth club; a 15-year-old is not offered over-60s.
    assert names_found(client.get(BROWSE, {"age": "80"})) == [
        "Community Choir",
        "Lunch Club",
        "Singing Together",
    ]
    assert names_found(client.get(BROWSE, {"age": "15"})) == ["Community Choir", "Youth Club"]
    bad = client.get(BROWSE, {"age": "eighty"})
    assert bad.status_code == 400
    assert "Suitable for age must be a whole number from 0 to 120, like 67" in bad.content.decode()


def test_days_and_times_are_of_the_same_session(directory, client_as):
    client = client_as("practitioner")
    assert names_found(client.get(BROWSE, {"days": "WE"})) == ["Community Choir", "Youth Club"]
    assert names_found(client.get(BROWSE, {"days": ["TU", "FR"]})) == [
        "Lunch Club",
        "Singing Together",
    ]
    # Wednesday mornings: the youth club (10am), not the choir (7pm).
    assert names_found(client.get(BROWSE, {"days": "WE", "times": "morning"})) == ["Youth Club"]
    assert names_found(client.get(BROWSE, {"times": "evening"})) == ["Community Choir"]
    # Midday to 2pm is in the afternoon, not the morning.
    assert "Lunch Club" in names_found(client.get(BROWSE, {"times": "afternoon"}))
    assert "Lunch Club" not in names_found(client.get(BROWSE, {"times": "morning"}))


def test_distance_from_a_postcode_we_know(directory, client_as):
    client = client_as("practitioner")
    near = client.get(BROWSE, {"postcode": "dn156xq", "within": "1"})
    assert names_found(near) == ["Singing Together"]
    assert "within 1 mile of DN15 6XQ" in near.content.decode()
    wider = client.get(BROWSE, {"postcode": "DN15 6XQ", "within": "3"})
    assert names_found(wider) == ["Singing Together", "Community Choir"]  # nearest first
    assert [round(row.miles, 1) for row in wider.context["rows"]] == [0.0, 1.5]
    assert "1.5 miles away" in wider.content.decode()
    assert names_found(client.get(BROWSE, {"postcode": "DN15 6XQ", "within": "10"})) == [
        "Singing Together",
        "Community Choir",
        "Youth Club",
    ]
    # Services without a place are not offered when distance is asked for.
    assert "Lunch Club" not in names_found(
        client.get(BROWSE, {"postcode": "DN15 6XQ", "within": "10"})
    )


def test_a_postcode_placed_by_its_district_says_so(directory, client_as):
    response = client_as("practitioner").get(BROWSE, {"postcode": "DN15 9ZZ", "within": "1"})
    assert response.status_code == 200
    # The middle of DN15 is between the town hall and the park: both within a mile.
    assert names_found(response) == ["Community Choir", "Singing Together"] or names_found(
        response
    ) == ["Singing Together", "Community Choir"]
    assert "from the middle of DN15" in response.content.decode()


def test_a_postcode_we_cannot_place_is_said_plainly(directory, client_as):
    client = client_as("practitioner")
    unknown = client.get(BROWSE, {"postcode": "ZE2 9AA", "within": "5"})
    assert unknown.status_code == 400
    assert (
        "We can&#x27;t place that postcode yet: try a nearby town&#x27;s postcode, or search "
        "without distance" in unknown.content.decode()
    )
    # "DN1" is not "DN15": a district is the whole first part of the postcode.
    assert client.get(BROWSE, {"postcode": "DN1"}).status_code == 400
    badly_shaped = client.get(BROWSE, {"postcode": "12 345"})
    assert badly_shaped.status_code == 400
    assert (
        "Enter a postcode, like DN15 6XQ, or the first part of one, like DN15"
        in badly_shaped.content.decode()
    )


def test_filters_together(directory, client_as):
    response = client_as("practitioner").get(
        BROWSE, {"q": "sing", "free": "on", "age": "80", "days": "TU", "postcode": "DN15 6XQ"}
    )
    assert names_found(response) == ["Singing Together"]


def test_results_are_paged_by_the_database(feed, client_as):
    for number in range(45):
        service_add(f"Group {number:02d}", source=feed, last_modified=timezone.localdate())
    client = client_as("practitioner")
    first = client.get(BROWSE)
    assert len(first.context["rows"]) == 20 and "45 services" in first.content.decode()
    assert names_found(first)[0] == "Group 00"
    last = client.get(BROWSE, {"page": "3"})
    assert names_found(last) == [f"Group {n}" for n in range(40, 45)]
    # Paging keeps the search.
    searched = client.get(BROWSE, {"q": "group", "page": "2"})
    assert len(searched.context["rows"]) == 20
    assert "q=group" in searched.content.decode()


def test_a_result_says_who_when_cost_and_if_possibly_out_of_date(directory, client_as):
    response = client_as("practitioner").get(BROWSE, {"q": "dementia"})
    (row,) = response.context["rows"]
    assert row.who == "People living with dementia and their carers, Ages 18 and over"
    assert row.when == ["Tuesdays, 10:30am to midday"]
    assert row.cost == "Free"
    assert row.out_of_date  # last modified 10 December 2024
    assert "Possibly out of date" in response.content.decode()
    choir = client_as("practitioner").get(BROWSE, {"q": "choir"}).context["rows"][0]
    assert (choir.cost, choir.out_of_date) == ("£3 a session", False)


def test_the_query_count_does_not_grow_with_the_number_of_services(
    feed, client_as, django_assert_max_num_queries
):
    client = client_as("practitioner")

    def add(count):
        for number in range(count):
            service_add(
                f"Walking group {Service.objects.count():03d}",
                source=feed,
                place=TOWN_HALL,
                days="MO",
                opens=time(10),
                organization=Organization.objects.create(name=f"Org {number}"),
            )

    add(3)
    queries = {}
    for label, params in (
        ("all", {}),
        ("words", {"q": "walking"}),
        ("near", {"postcode": "DN15 6XQ"}),
    ):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            assert client.get(BROWSE, params).status_code == 200
        queries[label] = len(captured)
    add(40)
    for label, params in (
        ("all", {}),
        ("words", {"q": "walking"}),
        ("near", {"postcode": "DN15 6XQ"}),
    ):
        with django_assert_max_num_queries(queries[label]):
            response = client.get(BROWSE, params)
        assert len(response.context["rows"]) == 20


# --- The listing ----------------------------------------------------------------------------


def listing_url(service) -> str:
    return reverse("directory:service", args=[service.pk])


def test_the_listing_shows_everything_we_know_and_where_it_comes_from(directory, client_as):
    response = client_as("person_user").get(listing_url(directory["singing"]))
    html = response.content.decode()
    assert response.status_code == 200
    for words in (
        "Singing Together",
        "People living with dementia and their carers",
        "Ages 18 and over",
        "Tuesdays, 10:30am to midday",
        "DN15 6XQ",
        "Free",
        "From North Lincolnshire directory, last updated 10 December 2024",
        "Possibly out of date",
        "Suggest a correction",
    ):
        assert words in html, words
    # Staff-only parts are not shown to the person.
    for staff_only in ("What people said", "History of changes", "Corrections suggested"):
        assert staff_only not in html
    assert (
        "Possibly out of date"
        not in client_as("person_user").get(listing_url(directory["choir"])).content.decode()
    )


def test_an_unknown_listing_is_not_found(db, client_as):
    import uuid

    assert (
        client_as("practitioner").get(reverse("directory:service", args=[uuid.uuid4()])).status_code
        == 404
    )


def _introduce(council, service, outcome, words, *, person=None):
    return Introduction.objects.create(
        person=person or council.person,
        service=service,
        consent_given=True,
        consent_recorded_by=council.practitioner,
        outcome=outcome,
        outcome_words=words,
        outcome_recorded_at=timezone.now(),
    )


def test_what_people_said_is_for_staff_who_work_with_people(council, directory, client_as):
    singing = directory["singing"]
    _introduce(council, singing, IntroductionOutcome.LIKED, "Mum sang all the way home")
    _introduce(
        council,
        singing,
        IntroductionOutcome.DID_NOT_GO,
        "Too early in the day",
        person=council.other_person,
    )
    _introduce(council, singing, IntroductionOutcome.WAITING, "")
    practitioner = client_as("practitioner").get(listing_url(singing)).content.decode()
    assert "What people said" in practitioner
    assert "Went and liked it: 1" in practitioner and "Didn&#x27;t go: 1" in practitioner
    assert "Mum sang all the way home" in practitioner and "Too early in the day" in practitioner
    assert council.person.family_name not in practitioner  # words without names
    # Reading someone's words is on their record, for them to see.
    looked = AuditEvent.objects.filter(target="directory.feedback", actor=council.practitioner)
    assert set(looked.values_list("person_id", flat=True)) == {
        council.person.pk,
        council.other_person.pk,
    }
    # The co-production lead and administrators see how it went, in numbers only.
    for member in ("lead", "administrator"):
        html = client_as(member).get(listing_url(singing)).content.decode()
        assert "Went and liked it: 1" in html
        assert "Mum sang all the way home" not in html
    for member in ("person_user", "supporter_user"):
        html = client_as(member).get(listing_url(singing)).content.decode()
        assert "What people said" not in html and "Mum sang" not in html


def test_staff_see_the_history_of_changes(directory, council, client_as):
    ServiceChange.objects.create(
        service=directory["choir"], changes={"fees": ["£2 a session", "£3 a session"]}
    )
    html = client_as("manager").get(listing_url(directory["choir"])).content.decode()
    assert "History of changes" in html
    assert "Cost: £2 a session → £3 a session" in html


# --- Local services -------------------------------------------------------------------------

RIDERS = {
    "name": "Shirebrook Riders' Club",
    "organisation_name": "Shirebrook Riders' Club",
    "description": "Motorbike club: Sunday rides out and the café. Sidecar passengers welcome.",
    "audience": "Anyone who loves motorbikes, riders and passengers",
    "minimum_age": "",
    "maximum_age": "",
    "cost": "cost",
    "fees": "£30 a month",
    "phone": "01632 960 500",
    "email": "",
    "url": "riders.example.org",
    "place_name": "The Clubhouse",
    "address": "Mill Lane",
    "town": "Shirebrook",
    "postcode": "dn15 6xq",
    "latitude": "",
    "longitude": "",
    "days": ["SU"],
    "opens_at": "10am",
    "closes_at": "4pm",
    "frequency": "every week",
}


def test_a_practitioner_adds_a_local_service_and_it_can_be_found(directory, council, client_as):
    client = client_as("practitioner")
    assert client.get(NEW).status_code == 200
    response = client.post(NEW, RIDERS)
    service = Service.objects.get(name="Shirebrook Riders' Club")
    assert response.status_code == 302 and response["Location"] == listing_url(service)
    assert (service.is_local, service.added_by, service.is_free, service.fees) == (
        True,
        council.practitioner,
        False,
        "£30 a month",
    )
    assert service.url == "https://riders.example.org"
    assert service.organization.name == "Shirebrook Riders' Club"
    assert service.organization.source is None
    location = service.at_locations.get().location
    # No coordinates given: copied from the place we know with the same postcode.
    assert (location.postcode, location.latitude, location.longitude) == (
        "DN15 6XQ",
        53.588,
        -0.654,
    )
    schedule = service.schedules.get()
    assert (schedule.byday, schedule.opens_at, schedule.closes_at, schedule.description) == (
        "SU",
        time(10),
        time(16),
        "every week",
    )
    added = service.changes.get()
    assert added.changed_by == council.practitioner
    assert added.changes["name"] == [None, "Shirebrook Riders' Club"]
    page = client.get(listing_url(service)).content.decode()
    assert f"Added by {council.practitioner.full_name}, local service" in page
    assert "Sundays, 10am to 4pm (every week)" in page
    assert names_found(client.get(BROWSE, {"q": "motorbike"})) == ["Shirebrook Riders' Club"]
    assert names_found(
        client.get(BROWSE, {"days": "SU", "postcode": "DN15 6XQ", "within": "1"})
    ) == ["Shirebrook Riders' Club"]


def test_a_local_organisation_is_reused_by_name(db, council, client_as):
    client = client_as("practitioner")
    client.post(NEW, {**RIDERS, "name": "Sunday ride out"})
    client.post(
        NEW,
        {**RIDERS, "name": "Wednesday workshop", "organisation_name": "shirebrook riders' club"},
    )
    assert Organization.objects.filter(name__iexact="Shirebrook Riders' Club").count() == 1


def test_a_place_we_cannot_map_is_said(db, client_as):
    client = client_as("practitioner")
    response = client.post(NEW, {**RIDERS, "postcode": "SB9 9ZZ"}, follow=True)
    assert "We could not put this place on the map" in response.content.decode()
    location = Service.objects.get().at_locations.get().location
    assert location.latitude is None


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": ""}, "Enter name of the service or group"),
        ({"description": ""}, "Enter what happens there"),
        ({"cost": ""}, "Say whether it is free, costs something, or you&#x27;re not sure"),
        ({"fees": ""}, "Enter how much it costs, like £3 a session"),
        ({"postcode": "SB2"}, "Enter a full postcode, like DN15 6XQ"),
        ({"opens_at": "25:00"}, "Starts at (optional) must be a time, like 10:00, 14:30 or 2:30pm"),
        ({"opens_at": "4pm", "closes_at": "10am"}, "It must finish after it starts"),
        (
            {"minimum_age": "65", "maximum_age": "18"},
            "The oldest age must be the same as or more than the youngest",
        ),
        (
            {"minimum_age": "-1"},
            "Youngest age (optional) must be a whole number from 0 to 120, like 67",
        ),
        ({"phone": "call Ken"}, "Enter a phone number, like 01632 960 111"),
        ({"email": "ken at riders"}, "Enter an email address like name@example.org"),
        ({"url": "not a web address"}, "Enter a web address, like https://www.example.org"),
        ({"latitude": "53.5"}, "Enter both latitude and longitude, or neither"),
        (
            {"latitude": "north", "longitude": "-0.6"},
            "Latitude (optional) must be a number, like 53.58",
        ),
        ({"name": "x" * 301}, "Name of the service or group must be 300 characters or fewer"),
    ],
)
def test_bad_input_says_what_to_fix(db, client_as, changes, message):
    response = client_as("practitioner").post(NEW, {**RIDERS, **changes})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Service.objects.exists()


@pytest.mark.parametrize("member", ["person_user", "supporter_user", "lead"])
def test_only_staff_who_work_with_people_add_services(db, client_as, member):
    client = client_as(member)
    assert client.get(NEW).status_code == 403
    assert client.post(NEW, RIDERS).status_code == 403
    assert not Service.objects.exists()


def _edit_url(service) -> str:
    return reverse("directory:service-edit", args=[service.pk])


def test_editing_a_local_service_keeps_history_and_refuses_a_stale_save(db, council, client_as):
    client_as("practitioner").post(NEW, RIDERS)
    service = Service.objects.get()
    form = client_as("colleague").get(_edit_url(service))
    assert form.status_code == 200 and 'value="£30 a month"' in form.content.decode()
    saved = client_as("colleague").post(
        _edit_url(service), {**RIDERS, "fees": "£25 a month", "status": "active", "version": 1}
    )
    assert saved.status_code == 302
    service.refresh_from_db()
    assert (service.fees, service.version) == ("£25 a month", 2)
    change = service.changes.first()
    assert change.changed_by == council.colleague
    assert change.changes == {"fees": ["£30 a month", "£25 a month"]}
    # Someone who opened the form before that save is told, and keeps what they typed.
    stale = client_as("manager").post(
        _edit_url(service), {**RIDERS, "fees": "£20 a month", "status": "active", "version": 1}
    )
    html = stale.content.decode()
    assert stale.status_code == 409
    assert "Someone else changed this while you were editing" in html
    assert "£25 a month" in html and 'value="£20 a month"' in html
    service.refresh_from_db()
    assert service.fees == "£25 a month"
    # Saving again, having seen the other version, goes through.
    assert (
        client_as("manager")
        .post(
            _edit_url(service), {**RIDERS, "fees": "£20 a month", "status": "active", "version": 2}
        )
        .status_code
        == 302
    )


def test_where_and_when_changes_are_in_the_history(db, client_as):
    client_as("practitioner").post(NEW, RIDERS)
    service = Service.objects.get()
    client_as("practitioner").post(
        _edit_url(service),
        {
            **RIDERS,
            "days": ["SA", "SU"],
            "postcode": "",
            "address": "",
            "place_name": "",
            "town": "",
            "status": "temporarily closed",
            "version": 1,
        },
    )
    change = service.changes.first().changes
    assert change["when"] == [
        "Sundays, 10am to 4pm (every week)",
        "Saturdays and Sundays, 10am to 4pm (every week)",
    ]
    assert change["where"][1] == "" and change["status"] == ["active", "temporarily closed"]
    assert not service.at_locations.exists()
    # Closed for now: no longer offered in searches.
    assert names_found(client_as("practitioner").get(BROWSE, {"q": "motorbike"})) == []


def test_imported_services_are_changed_by_their_feed_not_here(directory, client_as):
    singing = directory["singing"]
    client = client_as("practitioner")
    refused = client.get(_edit_url(singing))
    assert refused.status_code == 403
    assert "Suggest a correction" in refused.content.decode()
    posted = client.post(_edit_url(singing), {**RIDERS, "name": "Renamed", "version": 1})
    assert posted.status_code == 403
    singing.refresh_from_db()
    assert singing.name == "Singing Together" and not singing.changes.exists()
    assert "Change this service" not in client.get(listing_url(singing)).content.decode()


# --- Corrections ----------------------------------------------------------------------------

CORRECTION = {"name": "Pat Lee", "email": "pat@choir.example", "words": "We now meet on Thursdays."}


def _correction_url(service) -> str:
    return reverse("directory:correction", args=[service.pk])


def test_anyone_can_suggest_a_correction_without_signing_in(directory, council):
    choir = directory["choir"]
    ServiceChange.objects.create(
        service=choir, changed_by=council.practitioner, changes={"fees": ["£2", "£3"]}
    )
    Correction.objects.create(
        service=choir, name="Earlier Person", email="e@x.example", words="Earlier words"
    )
    client = Client()
    page = client.get(_correction_url(choir))
    html = page.content.decode()
    assert page.status_code == 200 and "Community Choir" in html
    # Nothing that is not published: no earlier corrections, history or staff names.
    for private in ("Earlier words", "Earlier Person", council.practitioner.full_name, "History"):
        assert private not in html
    sent = client.post(_correction_url(choir), CORRECTION)
    assert sent.status_code == 302
    assert sent["Location"] == reverse("directory:correction-sent", args=[choir.pk])
    assert "Correction sent" in client.get(sent["Location"]).content.decode()
    assert Correction.objects.filter(service=choir, words="We now meet on Thursdays.").exists()


def test_a_correction_needs_a_name_an_email_and_what_to_correct(directory):
    response = Client().post(_correction_url(directory["choir"]), {"email": "not an email"})
    html = response.content.decode()
    assert response.status_code == 400
    for message in (
        "Enter your name",
        "Enter an email address like name@example.org",
        "Enter what needs correcting",
    ):
        assert message in html
    assert not Correction.objects.exists()


def test_a_robot_filling_the_hidden_field_is_thanked_but_ignored(directory):
    response = Client().post(
        _correction_url(directory["choir"]), {**CORRECTION, "website": "spam.example"}
    )
    assert response.status_code == 302
    assert not Correction.objects.exists()


def test_corrections_are_rate_limited(directory):
    client = Client()
    for number in range(CORRECTIONS_PER_ADDRESS):
        assert (
            client.post(
                _correction_url(directory["choir"]), {**CORRECTION, "email": f"n{number}@e.example"}
            ).status_code
            == 302
        )
    throttled = client.post(_correction_url(directory["choir"]), CORRECTION)
    assert throttled.status_code == 429
    assert "too many corrections" in throttled.content.decode()
    assert Correction.objects.count() == CORRECTIONS_PER_ADDRESS


def test_staff_see_open_corrections_and_mark_them_done(directory, council, client_as):
    choir = directory["choir"]
    Client().post(_correction_url(choir), CORRECTION)
    correction = Correction.objects.get()
    html = client_as("practitioner").get(listing_url(choir)).content.decode()
    assert "We now meet on Thursdays." in html and "pat@choir.example" in html
    assert (
        "We now meet on Thursdays."
        not in client_as("person_user").get(listing_url(choir)).content.decode()
    )
    done_url = reverse("directory:correction-done", args=[correction.pk])
    assert client_as("person_user").post(done_url).status_code == 403
    assert client_as("practitioner").get(done_url).status_code == 405
    done = client_as("practitioner").post(done_url)
    assert done.status_code == 302 and done["Location"] == listing_url(choir)
    correction.refresh_from_db()
    assert correction.resolved_by == council.practitioner and correction.resolved_at is not None
    assert (
        "We now meet on Thursdays."
        not in client_as("practitioner").get(listing_url(choir)).content.decode()
    )


@pytest.mark.parametrize(
    "member", ["practitioner", "manager", "lead", "administrator", "person_user", "supporter_user"]
)
def test_everyone_signed_in_can_read_a_listing(directory, client_as, member):
    assert client_as(member).get(listing_url(directory["choir"])).status_code == 200


def test_reading_the_directory_needs_signing_in(directory):
    for url in (BROWSE, listing_url(directory["choir"])):
        response = Client().get(url)
        assert response.status_code == 302 and response["Location"].startswith("/sign-in")


# --- The demo council's own directory -------------------------------------------------------


def test_the_demo_directory_has_what_the_stories_need(council, client_as):
    from alongside.demo.directory import LISTINGS, directory_load

    directory_load()
    directory_load()  # idempotent
    services = Service.objects.filter(source__name="Shirebrook Community Directory")
    assert services.count() == len(LISTINGS) and 25 <= len(LISTINGS) <= 40
    assert services.possibly_out_of_date().count() == 2
    client = client_as("practitioner")
    # Dennis and Maggie: no motorbike group is listed (they add the riders' club themselves).
    assert names_found(client.get(BROWSE, {"q": "motorbike"})) == []
    # Ruth and Anne: singing, dementia friendly, near Parkside.
    singing = names_found(
        client.get(BROWSE, {"q": "singing dementia", "postcode": "SB6 1PK", "within": "5"})
    )
    assert "Singing Together" in singing and "Music Mornings at Parkside" in singing
    # Dennis's postcode is placed by its district.
    near_dennis = client.get(BROWSE, {"postcode": "SB2 4RW", "within": "1"})
    assert (
        near_dennis.status_code == 200
        and "Shirebrook Men&#x27;s Shed" in near_dennis.content.decode()
    )
    assert "Shirebrook Youth Club" not in names_found(
        client.get(BROWSE, {"age": "80", "q": "club"})
    )


def test_a_correction_tells_who_keeps_the_listing_without_the_words(directory, council):
    from django.core import mail

    choir = directory["choir"]
    choir.is_local, choir.added_by = True, council.practitioner
    choir.save()
    Client().post(_correction_url(choir), CORRECTION)
    [told] = mail.outbox
    assert told.to == [council.practitioner.email]
    assert choir.name in told.body
    assert f"http://testserver{reverse('directory:service', args=[choir.pk])}" in told.body
    for private in ("Pat Lee", "pat@choir.example", "Thursdays"):  # read it signed in
        assert private not in told.body
    council.practitioner.is_active = False
    council.practitioner.save()
    mail.outbox.clear()
    Client().post(_correction_url(choir), {**CORRECTION, "email": "other@choir.example"})
    assert [m.to for m in mail.outbox] == [[council.administrator.email]]
