"""Answering a measure, and seeing the change: partial answers kept, wrong answers refused,
"not today" recorded, who answered and how, and the change in words with a chart and a table."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from alongside.outcomes.definitions import load_built_in
from alongside.outcomes.models import Answer
from alongside.people.models import Shareable


@pytest.fixture
def measures(db):
    return dict(((v.instrument.code, v) for v, _what in load_built_in()))


def _answer_url(council, code="ons4"):
    return reverse("outcomes:answer", args=[council.person.pk, code])


def _page(council):
    return reverse("outcomes:page", args=[council.person.pk])


def test_the_person_answers_ons4_and_sees_the_change(council, measures, client_as):
    person = client_as("person_user")
    response = person.post(_answer_url(council), {"item_life_satisfaction": "3", "action": "save"})
    assert response.status_code == 302
    first = Answer.objects.get()
    assert (first.answers, first.how, first.complete) == ({"life_satisfaction": 3}, "self", False)
    Answer.objects.filter(pk=first.pk).update(answered_on=date(2026, 3, 1))
    person.post(
        _answer_url(council),
        {"item_life_satisfaction": "7", "item_anxiety": "6", "action": "save"},
    )
    html = person.get(_page(council)).content.decode()
    assert "Life satisfaction: 3 → 7, from low to high" in html
    assert "Anxiety: not answered → 6" in html
    assert '<svg role="img"' in html
    assert "1 March 2026" in html  # the table gives the same figures as the chart


def test_ucla_total_and_band_are_kept_with_the_answer(council, measures, client_as):
    client_as("person_user").post(
        _answer_url(council, "ucla3"),
        {"item_companionship": "3", "item_left_out": "3", "item_isolated": "2", "action": "save"},
    )
    answer = Answer.objects.get()
    assert (answer.total, answer.band, answer.version.instrument.code) == (8, "Lonely", "ucla3")


def test_an_answer_out_of_range_is_refused(council, measures, client_as):
    response = client_as("person_user").post(
        _answer_url(council), {"item_life_satisfaction": "11", "action": "save"}
    )
    assert response.status_code == 400
    assert "Choose one of the answers" in response.content.decode()
    assert not Answer.objects.exists()


def test_nothing_answered_asks_for_one_or_not_today(council, measures, client_as):
    response = client_as("person_user").post(_answer_url(council), {"action": "save"})
    assert response.status_code == 400
    assert "Answer at least one question, or choose “Not today”" in response.content.decode()


def test_not_today_is_recorded_without_nagging(council, measures, client_as):
    person = client_as("person_user")
    person.post(_answer_url(council), {"action": "decline"})
    assert Answer.objects.get().declined
    assert "Not answered: they said not today." in person.get(_page(council)).content.decode()


def test_staff_record_who_answered_and_how(council, measures, client_as):
    staff = client_as("practitioner")
    response = staff.post(_answer_url(council), {"item_happiness": "8", "action": "save"})
    assert response.status_code == 400
    assert "Choose who answered" in response.content.decode()
    staff.post(_answer_url(council), {"item_happiness": "8", "how": "with_help", "action": "save"})
    answer = Answer.objects.get()
    assert (answer.how, answer.answered_by) == ("with_help", council.practitioner)


def test_an_unknown_measure_is_not_found(council, measures, client_as):
    assert client_as("person_user").get(_answer_url(council, "swemwbs")).status_code == 404


def test_supporters_see_how_it_is_going_only_when_shared(council, measures, client_as):
    supporter = client_as("supporter_user")
    assert supporter.get(_page(council)).status_code == 404
    member = council.person.circle.get()
    member.shared_sections = [Shareable.OUTCOMES]
    member.save()
    assert supporter.get(_page(council)).status_code == 200
    assert supporter.get(_answer_url(council)).status_code == 403


def test_the_page_makes_the_same_number_of_queries_with_more_answers(council, measures, client_as):
    person = client_as("person_user")
    person.post(_answer_url(council), {"item_life_satisfaction": "3", "action": "save"})
    person.get(_page(council))
    with CaptureQueriesContext(connection) as few:
        person.get(_page(council))
    for code, value in (("ucla3", "2"), ("ons4", "6"), ("ucla3", "1")):
        item = "item_life_satisfaction" if code == "ons4" else "item_companionship"
        person.post(_answer_url(council, code), {item: value, "action": "save"})
    with CaptureQueriesContext(connection) as more:
        person.get(_page(council))
    assert len(few) == len(more)
