"""On a phone-sized screen (390 × 844 CSS pixels) pages fit the width and the menu works."""

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

# Only the viewport: with is_mobile=True Chromium widens the layout viewport to fit the
# content, which would hide exactly the sideways scrolling checked here.
PHONE = {"width": 390, "height": 844}


def horizontal_overflow(page: Page) -> int:
    """How many CSS pixels the page is wider than the screen (0 when it fits)."""
    return page.evaluate(
        "() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth)"
    )


def test_practitioner_home_fits_a_phone_and_the_menu_opens(browser_as):
    """Given Sam, a practitioner, uses a phone
    When he opens his home page and chooses 'Menu'
    Then the page does not scroll sideways, and the menu shows his navigation"""
    page = browser_as("sam", viewport=PHONE)
    page.goto("/")
    expect(page.get_by_role("heading", level=1, name="Hello, Sam Patel")).to_be_visible()
    assert horizontal_overflow(page) == 0

    menu = page.get_by_role("button", name="Menu")
    people = page.get_by_role("navigation", name="Menu").get_by_role("link", name="People")
    expect(menu).to_be_visible()
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(people).to_be_hidden()

    menu.click()

    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(people).to_be_visible()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    people.click()
    expect(page.get_by_role("heading", level=1, name="People allocated to you")).to_be_visible()


def test_team_list_fits_a_phone(browser_as):
    """Given Sam uses a phone
    When he opens the list of everyone in his team
    Then the page does not scroll sideways (a wide table scrolls inside its own box)"""
    page = browser_as("sam", viewport=PHONE)
    page.goto("/people/?show=team")
    expect(page.get_by_role("table")).to_be_visible()

    assert horizontal_overflow(page) == 0
