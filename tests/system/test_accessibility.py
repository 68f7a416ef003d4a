"""Every page each role can reach passes axe-core's WCAG 2.2 AA rules, with no exceptions.

axe is injected into the page, so every browser context here bypasses the Content-Security-
Policy; test_without_javascript.py checks the policy itself.
"""

import pytest
from playwright.sync_api import Page, expect

from tests.system.helpers import (
    DEMO,
    NEW_STARTER,
    AxeAudit,
    clear_search,
    find_person,
    path_of,
    submit_code,
    submit_sign_in,
    totp_code,
    wrong_code,
)

pytestmark = pytest.mark.browser

PUBLIC_PAGES = ("/accessibility", "/privacy", "/cookies")
NO_MATCH = "zzqx"  # in nobody's name


def open_record(page: Page, link_name: str) -> None:
    page.get_by_role("link", name=link_name, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert path_of(page).startswith("/people/")


def check_people_list(page: Page, audit: AxeAudit, *, team_query: str) -> None:
    """The list, its second page, an empty search and, from a search, Dennis's record."""
    clear_search(page)
    page.goto("/people/")
    audit.check(page, "people list")
    page.goto(f"/people/?{team_query}")
    expect(page.get_by_role("navigation", name="Pages")).to_be_visible()
    page.goto(f"/people/?page=2&{team_query}")
    expect(page.get_by_role("link", name="Page 2")).to_have_attribute("aria-current", "page")
    audit.check(page, "people list, page 2")
    find_person(page, NO_MATCH)
    expect(page.get_by_text("Nobody to show.")).to_be_visible()
    audit.check(page, "people search with no results")
    find_person(page, "ward")
    open_record(page, "Ward, Dennis")
    audit.check(page, "Dennis Ward's record")


def check_outcomes_report(page: Page, audit: AxeAudit) -> None:
    """Outcomes for the team or council, from the home page's link, and with a wrong date."""
    page.goto("/")
    page.get_by_role("link", name="How people's outcomes are changing").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("outcomes are changing")
    audit.check(page, "outcomes report")
    page.goto("/outcomes/?start_day=31&start_month=2&start_year=2026")
    expect(page.get_by_text("There is a problem")).to_be_visible()
    audit.check(page, "outcomes report with a wrong date")


def check_directory(page: Page, audit: AxeAudit) -> None:
    """The community directory (everyone signed in): a search, and a listing from it."""
    page.goto("/directory/?q=singing&days=TU")
    expect(page.get_by_role("link", name="Singing Together")).to_be_visible()
    audit.check(page, "community directory search")
    page.get_by_role("link", name="Singing Together").click()
    expect(page.get_by_role("heading", level=1, name="Singing Together")).to_be_visible()
    audit.check(page, "community directory listing")


@pytest.mark.parametrize(
    "role",
    [
        "practitioner",
        "team_manager",
        "coproduction_lead",
        "administrator",
        "person",
        "supporter",
    ],
)
def test_every_page_a_role_reaches_passes_axe(browser_as, role):
    """Given someone of this role has signed in (and passed two-factor, for staff)
    When they open each page their role can reach
    Then axe finds no WCAG 2.2 AA violation on any of them"""
    page = browser_as(role=role, bypass_csp=True)
    audit = AxeAudit()

    page.goto("/")
    audit.check(page, f"{role} home")
    match role:
        case "practitioner":
            check_people_list(page, audit, team_query="show=team")
        case "team_manager":
            check_people_list(page, audit, team_query="")
            check_outcomes_report(page, audit)
        case "coproduction_lead":
            check_outcomes_report(page, audit)
        case "person":
            page.goto("/")
            page.get_by_role("link", name="My details and my circle of support").click()
            expect(page.get_by_role("heading", level=1, name="Dennis Ward")).to_be_visible()
            audit.check(page, "own record")
        case "supporter":
            open_record(page, "Dennis Ward")
            audit.check(page, "the record of someone they support")
    check_directory(page, audit)
    for path in PUBLIC_PAGES:
        page.goto(path)
        audit.check(page, f"{path} signed in")

    audit.assert_clean()


def test_supporter_with_little_shared_passes_axe(browser_as):
    """Given Anne supports Ruth, who has shared only 'About me' and 'My plan'
    When Anne opens Ruth's record (no details, no circle: a different page shape)
    Then axe finds no violation"""
    page = browser_as("anne", bypass_csp=True)
    audit = AxeAudit()
    page.goto("/")
    open_record(page, "Ruth Okafor")
    audit.check(page, "record with little shared")
    audit.assert_clean()


def test_anonymous_pages_pass_axe(new_context):
    """Given someone who has not signed in
    When they open sign-in (empty, then with the error summary), signed-out, the
    information pages and a page that does not exist
    Then axe finds no violation on any of them"""
    page = new_context(bypass_csp=True).new_page()
    audit = AxeAudit()

    page.goto("/sign-in")
    audit.check(page, "sign-in")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    audit.check(page, "sign-in with errors")
    for path in ("/signed-out", *PUBLIC_PAGES):
        page.goto(path)
        audit.check(page, path)
    response = page.goto("/no-such-page")
    assert response.status == 404
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
    audit.check(page, "404")

    audit.assert_clean()


def test_two_factor_verify_page_passes_axe(new_context):
    """Given Tom (staff, with an authenticator app) has entered his password
    When the two-factor page asks for his code, and again after a wrong code
    Then axe finds no violation on either"""
    tom = DEMO["tom"]
    page = new_context(bypass_csp=True).new_page()
    audit = AxeAudit()

    submit_sign_in(page, tom)
    page.wait_for_url("**/two-factor?**")
    expect(page.get_by_label("Code", exact=True)).to_be_visible()
    audit.check(page, "two-factor")
    submit_code(page, wrong_code(tom.totp_secret))
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    audit.check(page, "two-factor with a wrong code")

    audit.assert_clean()


def test_two_factor_set_up_and_recovery_codes_pass_axe(new_context):
    """Given a new practitioner who has never set up two-factor signs in
    When they see the set-up page, send it empty, then enter the code for the key it shows
    Then axe finds no violation on the set-up page, its error state or the recovery codes"""
    page = new_context(bypass_csp=True).new_page()
    audit = AxeAudit()

    submit_sign_in(page, NEW_STARTER)
    page.wait_for_url("**/two-factor?**")
    expect(page.get_by_role("heading", name="Set up two-factor authentication")).to_be_visible()
    audit.check(page, "two-factor set-up")
    turn_on = "Turn on two-factor authentication"
    page.get_by_role("button", name=turn_on).click()
    expect(page.get_by_role("link", name="Enter the code")).to_be_visible()
    audit.check(page, "two-factor set-up with an error")

    secret = page.locator(".alongside-secret").inner_text()
    submit_code(page, totp_code(secret), button=turn_on)
    expect(page.get_by_role("heading", name="Save your recovery codes")).to_be_visible()
    expect(page.locator(".alongside-recovery-codes li")).to_have_count(10)
    audit.check(page, "recovery codes")

    page.get_by_role("link", name="I have saved my codes – continue").click()
    expect(page.get_by_role("heading", name="Hello, Nia Starter")).to_be_visible()
    audit.assert_clean()
