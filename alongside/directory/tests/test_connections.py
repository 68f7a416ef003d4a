"""Community connections on a person's record: suggestions with reasons (or the honest answer
that nothing fits), introductions only with consent and only what the person agreed to share,
and what happened, which staff see on the listing."""

import pytest
from django.core import mail
from django.urls import reverse

from alongside.aboutme.models import Voice
from alongside.aboutme.services import statement_add
from alongside.directory.models import Introduction, Organization, Service
from alongside.privacy.subject_access import subject_access_data


@pytest.fixture
def directory(db):
    choir = Organization.objects.create(name="St Mary's", email="")
    return {
        "choir": Service.objects.create(
            feed_id="choir",
            name="Singing for Memory",
            description="A weekly singing group for people living with dementia and their carers.",
            audience="People living with dementia and their carers",
            email="hello@singing.example",
            organization=choir,
            is_local=True,
        ),
        "lunch": Service.objects.create(
            feed_id="lunch",
            name="Tuesday lunch club",
            description="A hot lunch and a chat for people over 60, every Tuesday.",
            is_local=True,
        ),
    }


def _says(council, text):
    statement_add(
        person=council.person,
        section="interests",
        text=text,
        voice=Voice.OWN_WORDS,
        author=council.person_user,
    )


def _page(client, council):
    return client.get(reverse("directory:connections", args=[council.person.pk]))


def test_staff_see_suggestions_with_a_reason_in_plain_words(council, client_as, directory):
    _says(council, "I love singing. I used to sing in the church choir every Sunday.")
    html = _page(client_as("practitioner"), council).content.decode()
    assert "Singing for Memory" in html
    assert "You said" in html and "singing" in html.lower()
    assert "No close match" not in html


def test_the_honest_answer_when_nothing_fits(council, client_as, directory):
    _says(council, "Motorbikes. We rode all over the country together.")
    html = _page(client_as("practitioner"), council).content.decode()
    assert "No close match nearby — try the ideas library or add a local option" in html
    assert "Singing for Memory" not in html
    assert "Add a local service" in html


def test_an_introduction_needs_consent(council, client_as, directory):
    url = reverse("directory:introduce", args=[council.person.pk, directory["choir"].pk])
    response = client_as("practitioner").post(url, {"shared": ["name"]})
    assert response.status_code == 400
    assert "Say that they agree to this introduction" in response.content.decode()
    assert not Introduction.objects.exists()
    assert not mail.outbox


def test_the_introduction_shares_only_what_the_person_agreed(council, client_as, directory):
    council.person.phone = "01632 960 123"
    council.person.email = "ruth@example.test"
    council.person.save()
    url = reverse("directory:introduce", args=[council.person.pk, directory["choir"].pk])
    response = client_as("practitioner").post(
        url,
        {"consent": "on", "shared": ["name", "words"], "words": "I'd love to sing again."},
    )
    assert response.status_code == 302
    introduction = Introduction.objects.get()
    assert (introduction.consent_given, introduction.shared) == (True, ["name", "words"])
    assert introduction.consent_recorded_by == council.practitioner
    [sent] = mail.outbox
    assert sent.to == ["hello@singing.example"]
    assert council.person.given_name in sent.body and "I'd love to sing again." in sent.body
    assert "01632 960 123" not in sent.body and "ruth@example.test" not in sent.body
    assert council.person.family_name not in sent.body


def test_words_without_agreeing_to_send_them_are_refused(council, client_as, directory):
    url = reverse("directory:introduce", args=[council.person.pk, directory["choir"].pk])
    response = client_as("person_user").post(
        url, {"consent": "on", "shared": ["name"], "words": "Please call me"}
    )
    assert response.status_code == 400
    assert "Tick “The words below” to send these words" in response.content.decode()


def test_a_listing_without_an_email_is_recorded_for_a_phone_call(council, client_as, directory):
    url = reverse("directory:introduce", args=[council.person.pk, directory["lunch"].pk])
    page = client_as("person_user").get(url).content.decode()
    assert "This listing has no e-mail address" in page
    client_as("person_user").post(url, {"consent": "on", "shared": ["name"]})
    introduction = Introduction.objects.get()
    assert (introduction.sent_at, introduction.sent_to) == (None, "")
    assert not mail.outbox


def test_what_happened_is_recorded_and_staff_see_it_on_the_listing(council, client_as, directory):
    introduction = Introduction.objects.create(
        person=council.person,
        service=directory["choir"],
        consent_given=True,
        consent_recorded_by=council.practitioner,
    )
    url = reverse("directory:introduction-outcome", args=[council.person.pk, introduction.pk])
    person = client_as("person_user")
    assert person.post(url, {"words": "Lovely"}).status_code == 400
    assert (
        person.post(url, {"outcome": "liked", "words": "Everyone sang along."}).status_code == 302
    )
    introduction.refresh_from_db()
    assert (introduction.outcome, introduction.outcome_words) == ("liked", "Everyone sang along.")
    copy = subject_access_data(council.person)
    assert copy["introductions"][0]["what_happened"] == "Went and liked it"
    listing = client_as("practitioner").get(
        reverse("directory:service", args=[directory["choir"].pk])
    )
    assert "Everyone sang along." in listing.content.decode()


def test_an_introduction_of_someone_else_is_not_found(council, client_as, directory):
    theirs = Introduction.objects.create(
        person=council.other_person,
        service=directory["choir"],
        consent_given=True,
        consent_recorded_by=council.other_practitioner,
    )
    url = reverse("directory:introduction-outcome", args=[council.person.pk, theirs.pk])
    assert client_as("practitioner").get(url).status_code == 404


def test_closed_services_are_not_introduced(council, client_as, directory):
    directory["choir"].status = "inactive"
    directory["choir"].save()
    url = reverse("directory:introduce", args=[council.person.pk, directory["choir"].pk])
    assert client_as("practitioner").get(url).status_code == 404
