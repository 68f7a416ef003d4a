"""Validation against the UK profile 3.0 with the ORUK validator's own fixtures (Default imports
cleanly, Fail is refused under --strict with its reasons, Warn imports with warnings), and HSDS
3.0 records of each kind."""

from pathlib import Path

import pytest

from alongside.directory.importer import import_source
from alongside.directory.models import (
    ImportRun,
    Location,
    Organization,
    Schedule,
    Service,
    Source,
    SourceFormat,
    Taxonomy,
    TaxonomyTerm,
)
from alongside.directory.validation import check

FIXTURES = Path(__file__).resolve().parents[3] / "data" / "oruk" / "validator-fixtures"
DEFAULT, FAIL, WARN = (FIXTURES / f"V3.0-UK-{name}" for name in ("Default", "Fail", "Warn"))
COUNSELLING = "ac148810-d857-441c-9679-408f346de14b"
# The fixtures' location is at latitude 100, longitude 101: the schema allows it, we do not
# store coordinates that are not on Earth (and say so).
OFF_THE_EARTH = {
    "latitude is outside -90 to 90, so it was left out",
    "longitude is outside -180 to 180, so it was left out",
}

pytestmark = pytest.mark.django_db


def run_import(path, **options) -> ImportRun:
    return import_source(str(path), progress=False, **options)


def labels(entries) -> set[str]:
    return {entry["problem"] for entry in entries}


@pytest.mark.parametrize(
    "name",
    [
        "service_full.json",
        "service_list.json",
        "service_at_location_list.json",
        "service_at_location_full.json",
        "organization.json",
        "taxonomy.json",
        "taxonomy_list.json",
        "taxonomy_term.json",
        "taxonomy_term_list.json",
    ],
)
def test_the_default_fixtures_import_cleanly(name):
    run = run_import(DEFAULT / name, strict=True)

    assert run.outcome == ImportRun.Outcome.DONE, run.error
    assert run.skipped == 0 and run.problems == []
    assert labels(run.warnings) <= OFF_THE_EARTH
    assert run.imported >= 1


def test_a_full_hsds_service_is_stored_with_its_organisation_place_schedule_and_terms():
    run = run_import(DEFAULT / "service_full.json")

    service = Service.objects.get(feed_id=COUNSELLING)
    assert run.source.format == SourceFormat.HSDS_3
    assert (service.name, service.status) == ("Community Counselling", "active")
    assert (service.minimum_age, service.maximum_age) == (12, 100)
    assert service.url == "http://example.com/counselling"
    assert service.last_modified.isoformat() == "2023-03-15"
    assert service.is_free is False  # a cost option of 35
    assert service.organization.name == "Example Organization Inc."
    place = service.at_locations.get().location
    assert (place.name, place.town, place.postcode) == ("MyCity Civic Center", "MyCity", "ABC 1234")
    assert place.latitude is None
    schedule = Schedule.objects.get(service=service)
    assert (schedule.freq, schedule.byday, str(schedule.opens_at)) == (
        "WEEKLY",
        "TH,FR",
        "10:00:00",
    )
    assert list(service.terms.values_list("name", flat=True)) == ["name"]


def test_the_fail_service_is_refused_under_strict_with_its_reasons():
    run = run_import(FAIL / "service_full.json", strict=True)

    assert run.outcome == ImportRun.Outcome.FAILED
    assert labels(run.problems) == {
        "description is missing",
        "url is not a web address",
        "email is not an e-mail address",
    }
    values = {entry["problem"]: entry["value"] for entry in run.problems}
    assert values["url is not a web address"] == "'example/counselling'"
    assert {entry["record"] for entry in run.problems} == {COUNSELLING}
    assert not Service.objects.exists()


def test_the_fail_service_list_names_each_invalid_record():
    run = run_import(FAIL / "service_list.json", strict=True)

    assert run.outcome == ImportRun.Outcome.FAILED
    assert "4 invalid" in run.error
    by_record = {}
    for entry in run.problems:
        by_record.setdefault(entry["record"], set()).add(entry["problem"])
    assert by_record["e85f5bb0-62f0-42cc-a08a-0c5c16273090"] == {
        "name is missing",
        "url is not a web address",
        "email should be text, not true or false",
    }
    # The fourth record repeats the first one's id.
    assert "id was already used by an earlier record" in by_record[COUNSELLING]
    assert "email should be text, not a number" in by_record[COUNSELLING]
    assert not Service.objects.exists() and not Source.objects.exists()


def test_without_strict_the_invalid_records_are_skipped():
    run = run_import(FAIL / "service_list.json")

    assert run.outcome == ImportRun.Outcome.DONE
    assert (run.imported, run.skipped) == (0, 4)


def test_the_warn_fixtures_import_with_warnings():
    term = run_import(WARN / "taxonomy_term.json", strict=True)
    organisations = run_import(WARN / "organization_list.json", strict=True)
    taxonomies = run_import(WARN / "taxonomy_list.json", strict=True)

    assert term.outcome == ImportRun.Outcome.DONE and term.imported == 1
    assert labels(term.warnings) == {"term_uri is not a web address", "description is missing"}
    assert TaxonomyTerm.objects.get().name == "name"
    assert organisations.outcome == ImportRun.Outcome.DONE and organisations.imported == 1
    assert Organization.objects.get().name == "Example Organization Inc."
    (paging,) = organisations.warnings
    assert paging["problem"].startswith("this file is page 1 of 10")
    assert taxonomies.outcome == ImportRun.Outcome.DONE and taxonomies.imported == 1
    assert Taxonomy.objects.filter(name="name").exists()
    assert len(taxonomies.warnings) == 1


def test_a_file_holding_one_page_of_many_marks_nothing_inactive(tmp_path):
    run_import(DEFAULT / "service_list.json")
    assert Service.objects.get().status == "active"
    page = tmp_path / "page.json"
    page.write_text(
        '{"total_items": 20, "total_pages": 2, "page_number": 1, "size": 10, "first_page": true,'
        ' "last_page": false, "empty": false, "contents": []}'
    )
    # A different source: the first source's service is untouched either way.
    run = run_import(page)
    assert run.made_inactive == 0
    assert Service.objects.get().status == "active"


def test_services_at_locations_link_one_service_to_its_places():
    run = run_import(DEFAULT / "service_at_location_list.json")

    assert run.imported == 1
    service = Service.objects.get(feed_id=COUNSELLING)
    assert Location.objects.get().services_here.get().service == service


def test_checks_sort_problems_into_errors_and_warnings():
    verdict = check(
        {
            "id": "x",
            "name": "Choir",
            "status": "open",
            "description": "Singing",
            "assurer_email": "nobody",
            "schedules": [{"id": "s", "schedule_link": "not a link"}],
        },
        "service",
    )

    assert [str(problem) for problem in verdict.errors] == [
        "status is not one of active, inactive, defunct, temporarily closed: 'open'"
    ]
    assert {problem.label for problem in verdict.warnings} == {
        "assurer_email is not an e-mail address",
        "schedules[0].schedule_link is not a web address",
    }
    assert ("assurer_email",) in verdict.bad


def test_a_record_that_is_not_an_object_is_invalid():
    assert [str(p) for p in check(["a"], "service").errors] == [
        "the record should be an object, not a list"
    ]
