"""Before we meet: the person's answers stay private until they share them."""

import re

from django.urls import reverse

from alongside.conversations.models import Prompt
from alongside.conversations.preparation import preparation_prompts
from alongside.core.readability import reading_age


def _url(name, council):
    return reverse(f"conversations:{name}", args=[council.person.pk])


def _data(**answers) -> dict:
    prompts = preparation_prompts()
    data = {f"answer_{p.pk}": "" for p in prompts}
    for index, text in answers.items():
        data[f"answer_{prompts[int(index.removeprefix('q'))].pk}"] = text
    return data


def test_a_few_gentle_questions_one_from_each_group(db):
    prompts = preparation_prompts()
    assert [p.text for p in prompts] == [
        "What matters most to you at the moment?",
        "Tell me about a good day. What happens, and who is there?",
        "Who is important to you?",
        "What do you love doing, or used to love doing?",
        "What worries you?",
        "What has helped before, even a little?",
    ]


def test_the_persons_draft_is_private_until_they_share_it(council, client_as):
    person, staff = client_as("person_user"), client_as("practitioner")
    response = person.post(
        _url("before-we-meet", council),
        {**_data(q0="Getting out on the bike"), "seen_version": 0, "action": "save"},
    )
    assert response.status_code == 302
    page = person.get(_url("before-we-meet", council)).content.decode()
    assert "Getting out on the bike" in page
    shared_page = staff.get(_url("before-we-meet-shared", council)).content.decode()
    assert "Getting out on the bike" not in shared_page
    assert "has not shared anything yet" in shared_page
    person.post(
        _url("before-we-meet", council),
        {**_data(q0="Getting out on the bike"), "seen_version": 1, "action": "share"},
    )
    assert (
        "“Getting out on the bike”"
        in staff.get(_url("before-we-meet-shared", council)).content.decode()
    )
    # A later draft stays private: staff still see what was shared.
    person.post(
        _url("before-we-meet", council),
        {**_data(q0="Getting out on the bike, and the club"), "seen_version": 2, "action": "save"},
    )
    shared_page = staff.get(_url("before-we-meet-shared", council)).content.decode()
    assert "“Getting out on the bike”" in shared_page
    assert "and the club" not in shared_page


def test_a_save_from_an_older_page_is_refused_and_nothing_is_lost(council, client_as):
    person = client_as("person_user")
    url = _url("before-we-meet", council)
    person.post(url, {**_data(q0="First tab"), "seen_version": 0, "action": "save"})
    response = person.post(url, {**_data(q0="Second tab"), "seen_version": 0, "action": "save"})
    assert response.status_code == 409
    html = response.content.decode()
    assert "First tab" in html and "Second tab" in html


def test_too_long_an_answer_is_refused_with_a_plain_message(council, client_as):
    response = client_as("person_user").post(
        _url("before-we-meet", council), {**_data(q0="x" * 2001), "seen_version": 0}
    )
    assert response.status_code == 400
    assert "must be 2,000 characters or fewer" in response.content.decode()


def test_only_the_person_writes_and_only_staff_read_what_was_shared(council, client_as):
    assert client_as("practitioner").get(_url("before-we-meet", council)).status_code == 403
    assert client_as("person_user").get(_url("before-we-meet-shared", council)).status_code == 403
    assert client_as("supporter_user").get(_url("before-we-meet", council)).status_code == 403


def test_questions_taken_out_later_keep_their_answers(council, client_as):
    person = client_as("person_user")
    url = _url("before-we-meet", council)
    first = preparation_prompts()[0]
    person.post(url, {**_data(q0="Still mine"), "seen_version": 0, "action": "save"})
    Prompt.objects.filter(pk=first.pk).update(is_active=False)
    assert "Still mine" in person.get(url).content.decode()


def test_the_page_reads_plainly(council, client_as):
    html = client_as("person_user").get(_url("before-we-meet", council)).content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    text = re.sub(r"<[^>]+>", "\n", main)
    assert reading_age(text) <= 10
