from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from alongside.aboutme.models import Voice
from alongside.aboutme.services import confirmation_record, statement_add, statement_revise
from alongside.conversations.services import conversation_start
from alongside.needs.services import need_add


def _fill(council, times=1):
    for n in range(times):
        conversation = conversation_start(
            person=council.person,
            practitioner=council.practitioner,
            supporters=[],
            details={"held_on": date(2026, 3, 3), "place": "home", "kind": "what_matters"},
        )
        statement = statement_add(
            person=council.person,
            section="interests",
            text=f"I love motorbikes {n}",
            voice=Voice.OWN_WORDS,
            author=council.practitioner,
            conversation=conversation,
        )
        statement_revise(
            statement=statement,
            text=f"I love motorbikes and sidecars {n}",
            author=council.person_user,
            seen_version=1,
        )
        need_add(
            person=council.person,
            recorded_by=council.practitioner,
            details={
                "outcome": "community",
                "noted_on": date(2026, 3, 3),
                "persons_view": f"I rarely go out {n}",
            },
        )
        confirmation_record(
            person=council.person,
            section="interests",
            state="right",
            words="",
            recorded_by=council.person_user,
        )


def test_the_story_shows_everything_newest_first(council, client_as):
    _fill(council)
    html = (
        client_as("person_user")
        .get(reverse("people:story", args=[council.person.pk]))
        .content.decode()
    )
    for text in (
        "What-matters conversation, at home",
        "Wrote: My interests and passions",
        "“I love motorbikes 0”",
        "Changed: My interests and passions",
        "“I rarely go out 0”",
        "My interests and passions: This is right",
    ):
        assert text in html
    assert html.index("This is right") < html.index(
        "What-matters conversation"
    )  # today before 3 March


def test_the_story_can_show_one_kind(council, client_as):
    _fill(council)
    html = (
        client_as("practitioner")
        .get(reverse("people:story", args=[council.person.pk]), {"show": "needs"})
        .content.decode()
    )
    assert "I rarely go out" in html
    assert "I love motorbikes" not in html


def test_the_story_makes_the_same_queries_however_long_it_is(council, client_as):
    client = client_as("practitioner")
    url = reverse("people:story", args=[council.person.pk])
    client.get(url)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        return len(queries)

    _fill(council, 1)
    short = count()
    _fill(council, 10)
    assert count() == short
