"""Every URL the app serves, visited by someone who is not signed in.

Only the declared public pages answer; everything else sends them to sign in or says no.
A new URL whose view declares no access policy fails here."""

import uuid
from dataclasses import dataclass

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from alongside.core.access import PUBLIC

# The only pages anyone may see without signing in, and what they answer.
PUBLIC_PAGES = {
    "core:healthz": 200,
    "core:accessibility": 200,
    "core:privacy": 200,
    "core:cookies": 200,
    "accounts:sign-in": 200,
    "accounts:signed-out": 200,
    "accounts:sign-out": 405,  # POST only
    "accounts:invitation": 404,  # an unknown invitation link
    "accounts:invitation-new-link": 200,
    "core:text-size": 405,  # POST only
    # The community directory's public, read-only Open Referral UK API (ADR 25).
    "openreferral:index": 200,
    "openreferral:openapi": 200,
    "openreferral:services": 200,
    "openreferral:organizations": 200,
    "openreferral:taxonomies": 200,
    "openreferral:taxonomy-terms": 200,
    "openreferral:service-at-locations": 200,
    "openreferral:service": 404,  # an unknown id
    "openreferral:organization": 404,
    "openreferral:taxonomy": 404,
    "openreferral:taxonomy-term": 404,
    "openreferral:service-at-location": 404,
    "openreferral:unknown": 404,  # anything else under /openreferral/
    # Anyone may suggest a correction to a directory listing (an unknown listing here).
    "directory:correction": 404,
    "directory:correction-sent": 404,
}
SAMPLE_ARGUMENTS = {
    "person_id": uuid.UUID("00000000-0000-4000-8000-000000000001"),
    "section": "what_matters",
    "statement_id": 1,
    "conversation_id": 1,
    "note_id": 1,
    "carer_id": 1,
    "need_id": 1,
    "member_id": 1,
    "item_id": 1,
    "goal_id": 1,
    "idea_id": 1,
    "action_id": 1,
    "number": 1,
    "agreement_id": 1,
    "concern_id": 1,
    "token": "unknown-token",
    "code": "ons4",
    "oruk_id": "00000000-0000-4000-8000-000000000009",
    "unknown_path": "no-such-endpoint",
    "service_id": uuid.UUID("00000000-0000-4000-8000-000000000002"),
    "correction_id": 1,
    "introduction_id": 1,
}


@dataclass(frozen=True)
class Route:
    callback: object
    params: frozenset[str]  # the URL's parameters, from every level of includes


def _patterns(resolver: URLResolver, namespace: str = "", params: frozenset = frozenset()):
    for entry in resolver.url_patterns:
        here = params | set(entry.pattern.converters)
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _patterns(entry, inner, here)
        elif isinstance(entry, URLPattern):
            yield f"{namespace}{entry.name}", Route(entry.callback, frozenset(here))


ALL_PATTERNS = dict(_patterns(get_resolver()))


def _url(name: str, route: Route) -> str:
    return reverse(name, kwargs={key: SAMPLE_ARGUMENTS[key] for key in route.params})


def test_every_view_declares_an_access_policy():
    undeclared = [
        n for n, p in ALL_PATTERNS.items() if not getattr(p.callback, "access_policy", None)
    ]
    assert undeclared == []


def test_public_views_are_exactly_the_declared_allow_list():
    public = {n for n, p in ALL_PATTERNS.items() if p.callback.access_policy == PUBLIC}
    assert public == set(PUBLIC_PAGES)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(ALL_PATTERNS))
def test_anonymous_visitor(client, name):
    response = client.get(_url(name, ALL_PATTERNS[name]))
    if name in PUBLIC_PAGES:
        assert response.status_code == PUBLIC_PAGES[name]
    else:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:sign-in") + "?next=")


@pytest.mark.django_db
def test_a_view_without_a_policy_is_never_served(client, settings):
    settings.ROOT_URLCONF = "alongside.core.tests.undeclared_urls"
    assert client.get("/undeclared").status_code == 404
