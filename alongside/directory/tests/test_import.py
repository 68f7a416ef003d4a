"""Importing Open Referral UK directories: the two real council feeds, idempotent re-import with
history and inactive marking, and bad input of every kind leaving the directory as it was."""

import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from alongside.directory.importer import import_source
from alongside.directory.models import (
    ImportRun,
    Organization,
    Service,
    ServiceChange,
    ServiceStatus,
    Source,
    SourceFormat,
)
from alongside.directory.signals import services_changed

DATA = Path(__file__).resolve().parents[3] / "data" / "oruk"
BRISTOL = DATA / "feeds" / "bristol-services-2024-12.json"
NORTH_LINCS = DATA / "feeds" / "north-lincolnshire-services-2024-12.json"
EMPTY_NAME_ID = "def5ccd4-f121-df4d-60d2-4dc0d69ff555"
DUPLICATE_ID = "2af617e5-4532-bebe-1036-ffdf2e93ce55"

pytestmark = pytest.mark.django_db


def run_import(location, **options) -> ImportRun:
    return import_source(str(location), progress=False, **options)


def problems_of(run: ImportRun) -> dict[str, list[str]]:
    """{record id: [problem, ...]}"""
    found: dict[str, list[str]] = {}
    for entry in run.problems:
        found.setdefault(entry["record"], []).append(entry["problem"])
    return found


def feed_copy(tmp_path, feed=NORTH_LINCS, change=None, name="feed.json", size=40) -> Path:
    """The first `size` records of a real feed, changed as the test needs, in a file."""
    items = json.loads(feed.read_text())[:size]
    if change:
        items = change(items)
    path = tmp_path / name
    path.write_text(json.dumps(items))
    return path


def test_bristol_imports_with_the_empty_name_and_the_duplicate_id_skipped_and_named():
    run = run_import(BRISTOL)

    assert run.outcome == ImportRun.Outcome.DONE
    assert (run.imported, run.updated, run.unchanged, run.skipped) == (817, 0, 0, 2)
    assert Service.objects.filter(source=run.source).count() == 817
    problems = problems_of(run)
    assert problems == {
        EMPTY_NAME_ID: ["name is empty"],
        DUPLICATE_ID: ["id was already used by an earlier record"],
    }
    duplicate = next(p for p in run.problems if p["record"] == DUPLICATE_ID)
    assert duplicate["name"] == "Yoga for Fitness & Relaxation"
    assert "Fishponds Yoga for Fitness & Wellbeing" in duplicate["value"]
    # The first record with the id is the one kept.
    kept = Service.objects.get(source=run.source, feed_id=DUPLICATE_ID)
    assert kept.name == "Fishponds Yoga for Fitness & Wellbeing"
    assert run.source.format == SourceFormat.ORUK_V1


def test_north_lincolnshire_imports_every_service_with_its_organisation():
    run = run_import(NORTH_LINCS)

    assert (run.imported, run.skipped, run.made_inactive) == (738, 0, 0)
    belly_dancing = Service.objects.get(feed_id="be6cbc02-1d32-282d-6b2a-0575f6418ced")
    assert belly_dancing.name == "Active Lincs - Belly Dancing"
    assert belly_dancing.organization.name == "NLActive"
    assert belly_dancing.last_modified.isoformat() == "2024-10-08"
    assert belly_dancing.is_free is None  # the feed does not say
    assert belly_dancing.minimum_age is None
    # One organisation row however many services it runs.
    assert Organization.objects.filter(source=run.source, name="NLActive").count() == 1


def test_descriptions_are_clean_text():
    run_import(BRISTOL)

    yoga = Service.objects.get(feed_id=DUPLICATE_ID)
    assert yoga.description.startswith("These yoga classes will help you keep fit")
    assert "<" not in yoga.description and "&nbsp;" not in yoga.description
    assert "\xa0" not in yoga.description
    easy_read = Service.objects.get(feed_id="3121dd2f-3900-4c90-b529-4c265f026d6f")
    # Two paragraphs in the feed, two here; the curly quote kept.
    assert easy_read.description.count("\n\n") == 2
    assert "‘Contact Us’" in easy_read.description
    assert not Service.objects.filter(description__contains="<p>").exists()
    assert not Service.objects.filter(description__contains="&amp;").exists()


def test_v1_web_addresses_without_https_are_repaired_and_unusable_ones_left_out_with_a_warning():
    run = run_import(BRISTOL)

    assert Service.objects.get(feed_id="3121dd2f-3900-4c90-b529-4c265f026d6f").url == (
        "http://www.apictureofhealth.southwest.nhs.uk"
    )
    assert not Service.objects.exclude(url="").exclude(url__startswith="http").exists()
    warmley = Service.objects.get(feed_id="90616b65-bf71-fc1b-9623-6d0891731019")
    assert warmley.url == ""
    said = [w for w in run.warnings if w["record"] == warmley.feed_id]
    assert {w["problem"] for w in said} == {
        "url is not a web address, so it was left out",
        "organization.website is not a web address, so it was left out",
    }
    assert said[0]["value"] == "'Warmley Community Centre'"


def test_re_import_is_idempotent():
    first = run_import(NORTH_LINCS)
    again = run_import(NORTH_LINCS)

    assert again.source == first.source
    assert (again.imported, again.updated, again.unchanged, again.skipped) == (0, 0, 738, 0)
    assert again.made_inactive == 0
    assert Service.objects.count() == 738
    assert not ServiceChange.objects.exists()


def test_a_changed_service_is_updated_with_its_history(tmp_path):
    def rename(items):
        items[0]["name"] = "Belly Dancing for Everyone"
        items[0]["description"] = "<p>New &amp; improved</p>"
        return items

    location = feed_copy(tmp_path)
    run_import(location)
    feed_copy(tmp_path, change=rename)
    run = run_import(location)

    assert (run.imported, run.updated, run.unchanged) == (0, 1, 39)
    first = json.loads(NORTH_LINCS.read_text())[0]
    service = Service.objects.get(feed_id=first["id"])
    assert service.name == "Belly Dancing for Everyone"
    change = service.changes.get()
    assert change.run == run
    assert change.changes["name"] == [first["name"], "Belly Dancing for Everyone"]
    assert change.changes["description"][1] == "New & improved"
    assert set(change.changes) == {"name", "description"}


def test_a_service_gone_from_the_feed_is_marked_inactive_and_comes_back_when_listed_again(
    tmp_path,
):
    location = feed_copy(tmp_path)
    run_import(location)
    gone_id = json.loads(NORTH_LINCS.read_text())[5]["id"]
    feed_copy(tmp_path, change=lambda items: items[:5] + items[6:])

    run = run_import(location)

    assert (run.made_inactive, run.unchanged) == (1, 39)
    gone = Service.objects.get(feed_id=gone_id)
    assert gone.status == ServiceStatus.INACTIVE
    assert gone.changes.get().changes == {"status": ["active", "inactive"]}

    feed_copy(tmp_path)
    back = run_import(location)
    assert (back.updated, back.made_inactive) == (1, 0)
    gone.refresh_from_db()
    assert gone.status == ServiceStatus.ACTIVE


def test_strict_refuses_a_feed_with_an_invalid_record_and_imports_nothing():
    run = run_import(BRISTOL, strict=True)

    assert run.outcome == ImportRun.Outcome.FAILED
    assert "--strict" in run.error and "2 invalid" in run.error
    assert set(problems_of(run)) == {EMPTY_NAME_ID, DUPLICATE_ID}
    assert not Service.objects.exists() and not Organization.objects.exists()
    # A source tried for the first time that fails leaves nothing behind.
    assert not Source.objects.exists()


def test_the_command_prints_a_clean_report(capsys):
    call_command("directory", "import", str(BRISTOL), "--no-progress", "--name", "Bristol")

    out = capsys.readouterr().out
    assert "Imported: Bristol" in out
    assert "imported       817" in out and "skipped        2" in out
    assert "name is empty (1):" in out
    assert f"{EMPTY_NAME_ID} (no name)" in out
    assert "id was already used by an earlier record (1):" in out
    assert "“Yoga for Fitness & Relaxation”" in out
    assert "Took " in out
    assert Source.objects.get().name == "Bristol"


def test_the_command_fails_with_the_reason_and_says_nothing_changed(capsys):
    with pytest.raises(CommandError) as failure:
        call_command("directory", "import", str(BRISTOL), "--strict", "--no-progress")

    assert "--strict" in str(failure.value)
    assert "Nothing was changed." in str(failure.value)
    out = capsys.readouterr().out
    assert "Import failed" in out and "Invalid records:" in out
    assert not Service.objects.exists()


def test_after_an_import_the_changed_services_are_announced_once_committed(
    django_capture_on_commit_callbacks, tmp_path
):
    heard = []

    def listener(sender, **kwargs):
        heard.append(kwargs)

    services_changed.connect(listener)
    try:
        location = feed_copy(tmp_path)
        with django_capture_on_commit_callbacks(execute=True):
            run_import(location)
        with django_capture_on_commit_callbacks(execute=True):
            run_import(location)  # nothing changed: nothing said
        feed_copy(tmp_path, change=lambda items: items[1:])
        with django_capture_on_commit_callbacks(execute=True):
            run_import(location)
    finally:
        services_changed.disconnect(listener)

    assert len(heard) == 2
    assert len(heard[0]["service_ids"]) == 40 and heard[0]["inactive_ids"] == []
    assert heard[1]["service_ids"] == [] and len(heard[1]["inactive_ids"]) == 1
