import pytest

from alongside.aboutme.models import Voice
from alongside.aboutme.services import interest_tags_suggested, statement_add


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("words", "tags"),
    [
        ("We both loved motorbikes, and we'd ride out every Sunday", {"Motorbikes"}),
        ("I sang in the church choir for forty years", {"Faith", "Singing"}),
        ("Anne plays the piano", {"Music"}),
        ("I like a quiet day", set()),
        ("Bikeshed", set()),  # whole words only
    ],
)
def test_tags_are_suggested_from_the_persons_words(words, tags):
    assert {t.name for t in interest_tags_suggested(words)} == tags


def test_interests_statements_get_their_tags(council):
    statement = statement_add(
        person=council.person,
        section="interests",
        text="I love my allotment",
        voice=Voice.OWN_WORDS,
        author=council.person_user,
    )
    assert [t.name for t in statement.tags.all()] == ["Gardening"]
    other = statement_add(
        person=council.person,
        section="what_matters",
        text="My allotment",
        voice=Voice.OWN_WORDS,
        author=council.person_user,
    )
    assert not other.tags.exists()


def test_whoever_may_write_says_which_suggested_tags_fit(council, client_as):
    from django.urls import reverse

    from alongside.aboutme.models import InterestTag

    statement = statement_add(
        person=council.person,
        section="interests",
        text="I love my allotment and my dog",
        voice=Voice.OWN_WORDS,
        author=council.person_user,
    )
    assert {t.name for t in statement.tags.all()} == {"Gardening", "Animals"}
    url = reverse("aboutme:tags", args=[council.person.pk, statement.pk])
    gardening = InterestTag.objects.get(name="Gardening")
    assert client_as("person_user").post(url, {"tags": [gardening.pk]}).status_code == 302
    assert [t.name for t in statement.tags.all()] == ["Gardening"]
    client_as("practitioner").post(url, {})
    assert not statement.tags.exists()
