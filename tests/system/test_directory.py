"""The community directory: Sam looks for a motorbike group for Dennis and Maggie, finds none,
and adds the local riders' club himself; then it can be found. A correction is suggested by
someone who is not signed in. Every page is checked with axe; the search fits a phone.

The demo's directory (alongside/demo/directory.py) has no motorbike group on purpose."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.system.helpers import AxeAudit, path_of

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
RIDERS = "Shirebrook Riders' Club"


def search(page: Page, words: str) -> None:
    page.goto("/directory/")
    page.get_by_label("Words").fill(words)
    page.get_by_role("button", name="Search", exact=True).click()


def add_the_riders_club(page: Page) -> None:
    page.get_by_label("Name of the service or group").fill(RIDERS)
    page.get_by_label("Who runs it (optional)").fill(RIDERS)
    page.get_by_label("What happens there").fill(
        "A motorbike club: Sunday rides out, then the café at the clubhouse. Riders and sidecar "
        "passengers welcome, and friends who just come for the tea."
    )
    page.get_by_label("Who it's for (optional)").fill("Anyone who loves motorbikes")
    page.get_by_label("There is a cost").check()
    page.get_by_label("How much it costs (optional if free)").fill("£30 a month")
    page.get_by_label("Name of the place (optional)").fill("The Clubhouse, Mill Yard")
    page.get_by_label("Address (optional)", exact=True).fill("Mill Lane")
    page.get_by_label("Town (optional)").fill("Shirebrook")
    page.get_by_label("Postcode (optional)").fill("SB2 3MY")  # a place the directory knows
    page.get_by_label("Sunday").check()
    page.get_by_label("Starts at (optional)").fill("10am")
    page.get_by_label("Finishes at (optional)").fill("4pm")
    page.get_by_label("How often (optional)").fill("every week")
    page.get_by_role("button", name="Add to the directory").click()


def test_sam_finds_no_motorbike_group_and_adds_the_riders_club(browser_as, new_context):
    """Given Sam works with Dennis and Maggie, who love motorbikes
    When he searches the community directory for "motorbike"
    Then he is told plainly that nothing matches, and offered to add a local service
    When he adds the Shirebrook Riders' Club, with its place and day
    Then its listing says he added it, and searching for "motorbike" (or Sundays near Dennis)
    finds it; someone not signed in can suggest a correction to it
    And every page passes axe"""
    page = browser_as("sam", bypass_csp=True)
    audit = AxeAudit()

    page.goto("/")
    page.get_by_role("navigation", name="Menu").get_by_role(
        "link", name="Community directory"
    ).click()
    expect(page.get_by_role("heading", level=1, name="Community directory")).to_be_visible()
    audit.check(page, "directory")

    search(page, "motorbike")
    expect(page.get_by_text("Nothing in the directory matches “motorbike”.")).to_be_visible()
    expect(page.get_by_role("status")).to_have_text(re.compile(r"0 services"))
    audit.check(page, "directory search with no results")

    page.get_by_role("link", name="Add a local service").last.click()
    expect(page.get_by_role("heading", level=1, name="Add a local service")).to_be_visible()
    audit.check(page, "add a local service")
    page.get_by_role("button", name="Add to the directory").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.get_by_role("link", name="Enter name of the service or group")).to_be_visible()
    audit.check(page, "add a local service, with errors")

    add_the_riders_club(page)
    expect(page.get_by_role("heading", level=1, name=RIDERS)).to_be_visible()
    expect(page.get_by_text("Added to the directory")).to_be_visible()
    expect(page.get_by_text(re.compile(r"Added by Sam Patel, local service"))).to_be_visible()
    expect(page.get_by_text("Sundays, 10am to 4pm (every week)", exact=True)).to_be_visible()
    audit.check(page, "the new listing, as staff see it")
    listing = path_of(page)

    search(page, "motorbike")
    expect(page.get_by_role("link", name=RIDERS)).to_be_visible()
    page.goto("/directory/?postcode=SB2+4RW&within=1&days=SU")
    expect(page.get_by_role("link", name=RIDERS)).to_be_visible()
    expect(page.get_by_text("We measured from the middle of SB2")).to_be_visible()
    audit.check(page, "directory search by distance and day")

    page.goto(f"{listing}edit")
    expect(page.get_by_label("How much it costs (optional if free)")).to_have_value("£30 a month")
    audit.check(page, "change a local service")

    # Someone from the club, not signed in, follows the link to suggest a correction.
    visitor = new_context(bypass_csp=True).new_page()
    visitor.goto(f"{listing}correction")
    expect(visitor.get_by_role("heading", level=1, name="Suggest a correction")).to_be_visible()
    audit.check(visitor, "suggest a correction, not signed in")
    visitor.get_by_label("Your name").fill("Ken Hollis")
    visitor.get_by_label("Your email address").fill("ken@riders.example")
    visitor.get_by_label("What needs correcting").fill("We ride out at 9am in the summer.")
    visitor.get_by_role("button", name="Send the correction").click()
    expect(visitor.get_by_role("heading", level=1, name="Correction sent")).to_be_visible()
    audit.check(visitor, "correction sent")

    page.goto(listing)
    expect(page.get_by_text("We ride out at 9am in the summer.")).to_be_visible()
    page.get_by_role("button", name=re.compile("Mark as done")).click()
    expect(page.get_by_text("Correction marked as done")).to_be_visible()
    expect(page.get_by_text("We ride out at 9am in the summer.")).to_be_hidden()

    audit.assert_clean()


def test_the_directory_search_fits_a_phone(browser_as):
    """Given Sam uses a phone
    When he searches for singing near Ruth's postcode
    Then the filters and results fit the screen without scrolling sideways"""
    page = browser_as("sam", viewport=PHONE, bypass_csp=True)
    page.goto("/directory/?q=singing&postcode=SB6+1PK&within=5")
    expect(page.get_by_role("link", name="Music Mornings at Parkside")).to_be_visible()
    expect(page.get_by_text(re.compile(r"miles away")).first).to_be_visible()
    overflow = page.evaluate(
        "() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth)"
    )
    assert overflow == 0
    audit = AxeAudit()
    audit.check(page, "directory search on a phone")
    audit.assert_clean()
