import re

from django.urls import reverse


def test_text_size_is_kept_for_the_session_and_goes_back(client, db):
    response = client.post(reverse("core:text-size"), {"size": "large", "next": "/accessibility"})
    assert response.status_code == 302
    assert response["Location"] == "/accessibility"
    html = client.get(reverse("core:accessibility")).content.decode()
    assert 'class="govuk-template alongside-text-large"' in html
    assert re.search(r'value="large"[^>]*aria-pressed="true"', html)


def test_an_unknown_size_or_an_outside_address_changes_nothing_and_goes_home(client, db):
    response = client.post(
        reverse("core:text-size"), {"size": "huge", "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("core:home")
    html = client.get(reverse("core:accessibility")).content.decode()
    assert 'class="govuk-template alongside-text-normal"' in html
