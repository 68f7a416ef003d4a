from django.urls import reverse

from alongside.aboutme.models import InterestTag
from alongside.aboutme.services import interest_tags_suggested
from alongside.conversations.models import Prompt


def test_an_administrator_adds_and_retires_a_prompt(client_as):
    client = client_as("administrator")
    listing = client.get(reverse("core:prompts")).content.decode()
    assert "What matters most to you at the moment?" in listing
    response = client.post(
        reverse("core:prompts-new"),
        {
            "group": "interests",
            "text": "What did you do as a child that you loved?",
            "position": 9,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    prompt = Prompt.objects.get(text__startswith="What did you do as a child")
    client.post(
        reverse("core:prompts-change", args=[prompt.pk]),
        {"group": "interests", "text": prompt.text, "position": 9},
    )
    prompt.refresh_from_db()
    assert not prompt.is_active


def test_a_prompt_needs_its_words(client_as):
    response = client_as("administrator").post(
        reverse("core:prompts-new"), {"group": "interests", "text": "", "position": 1}
    )
    assert response.status_code == 400
    assert "Enter the question" in response.content.decode()


def test_an_administrator_grows_the_interest_vocabulary(client_as, db):
    client = client_as("administrator")
    client.post(
        reverse("core:interests-new"),
        {"name": "Bowls", "suggested_by": "bowling, bowls club", "is_active": "on"},
    )
    assert [t.name for t in interest_tags_suggested("I used to go bowling every week")] == ["Bowls"]
    duplicate = client.post(reverse("core:interests-new"), {"name": "Bowls"})
    assert "There is already an interest with this name" in duplicate.content.decode()
    assert InterestTag.objects.filter(name="Bowls").count() == 1
