"""Who sees what, as the browser shows it: supporters see only what was shared with them,
a person sees their own record, and staff outside the person's team see no record at all."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests.system.helpers import find_person, path_of

pytestmark = pytest.mark.browser

RUTH_ADDRESS, RUTH_POSTCODE = "3 Parkside", "SB6 1PK"
DENNIS_ADDRESS, DENNIS_POSTCODE = "14 Shirebrook Road", "SB2 4RW"


def open_supported_person(page: Page, name: str) -> None:
    page.goto("/")
    page.get_by_role("link", name=name, exact=True).click()
    expect(page.get_by_role("heading", level=1, name=name)).to_be_visible()


def test_supporter_sees_only_what_was_shared(browser_as):
    """Given Ruth has shared only 'About me', 'My plan' and her messages with her daughter Anne
    When Anne opens Ruth's record from her home page
    Then she sees Ruth's name and what was shared, but not Ruth's address or circle"""
    page = browser_as("anne")

    open_supported_person(page, "Ruth Okafor")

    main = page.get_by_role("main")
    shared = main.locator(".govuk-list--bullet").get_by_role("listitem")
    expect(shared).to_have_text(["About me", "My plan", "My messages with my social worker"])
    record_parts = main.get_by_role("navigation", name="Parts of this record").get_by_role("link")
    expect(record_parts).to_have_text(["Summary", "About me", "Plan", "Messages"])
    expect(main).not_to_contain_text(RUTH_ADDRESS)
    expect(main).not_to_contain_text(RUTH_POSTCODE)
    expect(main.get_by_role("heading", name="Details")).to_have_count(0)
    expect(main.get_by_role("heading", name="Circle of support")).to_have_count(0)
    expect(main).not_to_contain_text("Reverend Grace Mensah")
    expect(main.get_by_role("table")).to_have_count(0)


def test_supporter_sees_details_and_circle_when_shared(browser_as):
    """Given Dennis has shared his contact details and circle with his partner Maggie
    When Maggie opens Dennis's record from her home page
    Then she sees his address and the people in his circle"""
    page = browser_as("maggie")

    open_supported_person(page, "Dennis Ward")

    main = page.get_by_role("main")
    expect(main).to_contain_text(DENNIS_ADDRESS)
    expect(main).to_contain_text(DENNIS_POSTCODE)
    expect(main.get_by_role("heading", name="Circle of support")).to_be_visible()
    circle = main.get_by_role("table", name="People in the circle of support")
    expect(circle.get_by_role("rowheader")).to_have_text(
        ["Maggie Ellis", "Shirebrook Riders' Club"]
    )
    # Which practitioner and team are staff business, not shown to supporters.
    expect(main).not_to_contain_text("Sam Patel")


def test_person_sees_their_own_record(browser_as):
    """Given Ruth is signed in
    When she chooses 'My record' in the navigation
    Then her own record opens, with her details and her circle"""
    page = browser_as("ruth")
    page.goto("/")

    page.get_by_role("navigation", name="Menu").get_by_role("link", name="My record").click()

    expect(page.get_by_role("heading", level=1, name="Ruth Okafor")).to_be_visible()
    main = page.get_by_role("main")
    expect(main).to_contain_text("Your record")
    expect(main).to_contain_text(RUTH_ADDRESS)
    expect(main.get_by_role("rowheader", name="Anne Okafor")).to_be_visible()


def test_practitioner_outside_the_team_gets_page_not_found(browser_as):
    """Given Priya (South) can open Ruth's record, and Sam works in the North team
    When Sam goes to the address of Ruth's record
    Then he is told the page is not found, and sees nothing of Ruth"""
    priya = browser_as("priya")
    find_person(priya, "okafor")
    priya.get_by_role("link", name="Okafor, Ruth").click()
    expect(priya.get_by_role("heading", level=1, name="Ruth Okafor")).to_be_visible()
    ruth_record = path_of(priya)
    assert urlsplit(priya.url).path.startswith("/people/")

    sam = browser_as("sam")
    response = sam.goto(ruth_record)

    assert response.status == 404
    expect(sam.get_by_role("heading", level=1, name="Page not found")).to_be_visible()
    main = sam.get_by_role("main")
    expect(main).not_to_contain_text("Okafor")
    expect(main).not_to_contain_text(RUTH_ADDRESS)
