import pytest
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from alongside.core.models import AuditAction, AuditEvent, AuditOutcome
from alongside.people.tests.factories import person_create
from conftest import sign_in


def _detail(person):
    return reverse("people:detail", kwargs={"person_id": person.pk})


def test_opening_a_record_writes_one_row_saying_who_what_and_when(council, client_as):
    response = client_as("practitioner").get(_detail(council.person))
    event = AuditEvent.objects.get()
    assert event.actor == council.practitioner
    assert event.actor_role == "practitioner"
    assert event.person_id == council.person.pk
    assert (event.action, event.target, event.outcome) == ("view", "person.summary", "allowed")
    assert event.request_id == response["X-Request-ID"]


def test_a_denied_attempt_is_recorded_too(council, client_as):
    client_as("other_practitioner").get(_detail(council.person))
    event = AuditEvent.objects.get()
    assert (event.actor, event.person_id) == (council.other_practitioner, council.person.pk)
    assert event.outcome == AuditOutcome.DENIED


def test_staff_who_have_not_passed_two_factor_are_recorded_as_denied(council, client):
    sign_in(client, council.practitioner, two_factor=False)
    response = client.get(_detail(council.person))
    assert response.status_code == 302
    assert AuditEvent.objects.get().outcome == AuditOutcome.DENIED


def test_a_list_records_each_person_shown_in_one_insert(council, client_as):
    more = [person_create(team=council.team_a) for _ in range(3)]
    client = client_as("manager")
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("people:list"))
    inserts = [q for q in queries if 'INSERT INTO "core_auditevent"' in q["sql"]]
    assert len(inserts) == 1
    listed = {e.person_id for e in AuditEvent.objects.filter(action=AuditAction.LIST)}
    assert listed == {council.person.pk, *(p.pk for p in more)}


def test_who_looked_answers_for_one_person_newest_first(council, client_as):
    client_as("practitioner").get(_detail(council.person))
    client_as("manager").get(_detail(council.person))
    client_as("other_practitioner").get(_detail(council.person))  # denied: not shown
    client_as("practitioner").get(_detail(council.other_person))  # someone else: not shown
    looked = list(AuditEvent.objects.who_looked(council.person.pk))
    assert [e.actor for e in looked] == [council.manager, council.practitioner]


def test_nothing_personal_is_stored_in_the_trail(council, client_as):
    client_as("practitioner").get(_detail(council.person) + "?q=Ellis")
    stored = " ".join(str(v) for v in AuditEvent.objects.values().get().values())
    for personal in (council.person.given_name, council.person.family_name, "Ellis", "sessionid"):
        assert personal not in stored


@pytest.fixture
def event(council):
    return AuditEvent.objects.create(
        actor=council.practitioner,
        actor_role="practitioner",
        person_id=council.person.pk,
        action="view",
        target="person.summary",
        outcome="allowed",
    )


def _refused(sql: str, params=()):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_the_database_refuses_to_change_the_trail(event):
    _refused("UPDATE core_auditevent SET outcome = 'denied' WHERE id = %s", [event.pk])
    event.refresh_from_db()
    assert event.outcome == "allowed"


def test_the_database_refuses_to_delete_from_the_trail(event):
    _refused("DELETE FROM core_auditevent WHERE id = %s", [event.pk])
    _refused("DELETE FROM core_auditevent")
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_the_orm_cannot_change_the_trail_either(event):
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(outcome="denied")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.all().delete()
    with pytest.raises(ValueError, match="never changed"):
        event.save()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="TRUNCATE exists on PostgreSQL only")
def test_postgresql_refuses_truncate(event):
    _refused("TRUNCATE core_auditevent")
