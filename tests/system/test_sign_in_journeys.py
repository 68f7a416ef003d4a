"""Signing in and out, including with the keyboard alone, and the two-factor gate for staff."""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests.system.helpers import (
    DEMO,
    active_element,
    path_of,
    sign_in,
    submit_sign_in,
    totp_code,
)

pytestmark = pytest.mark.browser

WRONG_PASSWORD_MESSAGE = "The email address or password is not right. Check them and try again."


def tab_to_main_content(page: Page) -> None:
    """From the top of a freshly loaded page: Tab to the skip link, follow it with Enter."""
    page.keyboard.press("Tab")
    assert active_element(page)["text"] == "Skip to main content"
    page.keyboard.press("Enter")
    assert active_element(page)["id"] == "main-content"


def type_into_next_field(page: Page, field_id: str, text: str) -> None:
    page.keyboard.press("Tab")
    assert active_element(page)["id"] == field_id
    page.keyboard.type(text)


def test_person_signs_in_with_the_keyboard_alone(page: Page):
    """Given Ruth, who uses only a keyboard, is on the sign-in page
    When she tabs to the skip link, follows it, types her email address and password
    and presses Enter
    Then she is on her home page, signed in"""
    ruth = DEMO["ruth"]
    page.goto("/sign-in")

    tab_to_main_content(page)
    type_into_next_field(page, "id_email", ruth.email)
    type_into_next_field(page, "id_password", ruth.password)
    page.keyboard.press("Enter")

    page.wait_for_url(lambda url: urlsplit(url).path == "/")
    expect(page.get_by_role("heading", level=1, name="Hello, Ruth")).to_be_visible()


def test_staff_member_signs_in_through_two_factor_with_the_keyboard_alone(page: Page):
    """Given Jo, a practitioner who uses only a keyboard, is on the sign-in page
    When she signs in with the keyboard, then on the two-factor page tabs to the code
    field, types the code her authenticator app shows and presses Enter
    Then she is on her home page and can open the people she works with"""
    jo = DEMO["jo"]
    page.goto("/sign-in")
    tab_to_main_content(page)
    type_into_next_field(page, "id_email", jo.email)
    type_into_next_field(page, "id_password", jo.password)
    page.keyboard.press("Enter")
    page.wait_for_url("**/two-factor?**")

    tab_to_main_content(page)
    type_into_next_field(page, "id_code", totp_code(jo.totp_secret))
    page.keyboard.press("Enter")

    # (The address may keep the skip link's #main-content: browsers carry it over redirects.)
    page.wait_for_url(lambda url: urlsplit(url).path == "/")
    expect(page.get_by_role("heading", level=1, name="Hello, Jo Nowak")).to_be_visible()
    page.goto("/people/")
    expect(page.get_by_role("heading", level=1, name="People allocated to you")).to_be_visible()


def test_wrong_password_shows_the_error_summary(page: Page):
    """Given Ruth is on the sign-in page
    When she enters her email address with the wrong password
    Then she stays on sign-in, the page title starts 'Error:', and the error summary has
    focus and says the email address or password is not right"""
    page.goto("/sign-in")
    page.get_by_label("Email address").fill(DEMO["ruth"].email)
    page.get_by_label("Password", exact=True).fill("not-ruths-password")
    page.get_by_role("button", name="Sign in").click()

    assert path_of(page) == "/sign-in"
    expect(page).to_have_title(re.compile(r"^Error: Sign in"))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(summary).to_contain_text(WRONG_PASSWORD_MESSAGE)
    expect(page.get_by_label("Email address")).to_have_value(DEMO["ruth"].email)
    expect(page.get_by_label("Password", exact=True)).to_have_value("")


def test_wrong_password_error_links_to_the_field(page: Page):
    """Given Ruth entered the wrong password
    When she follows the link in the error summary
    Then focus moves to a field of the form"""
    page.goto("/sign-in")
    page.get_by_label("Email address").fill(DEMO["ruth"].email)
    page.get_by_label("Password", exact=True).fill("not-ruths-password")
    page.get_by_role("button", name="Sign in").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text(WRONG_PASSWORD_MESSAGE)
    links = summary.get_by_role("link")
    assert links.count() == 1, "the error summary should link the error to a field"

    links.click()

    assert active_element(page)["id"] in {"id_email", "id_password"}


def test_error_summary_link_moves_focus_to_the_field(page: Page):
    """Given Ruth sent the sign-in form with her email address but no password
    When she follows 'Enter your password' in the error summary
    Then the password field has focus, and says what is wrong"""
    page.goto("/sign-in")
    page.get_by_label("Email address").fill(DEMO["ruth"].email)
    page.get_by_role("button", name="Sign in").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()

    summary.get_by_role("link", name="Enter your password").click()

    password = page.get_by_label("Password", exact=True)
    expect(password).to_be_focused()
    expect(password).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_password_error")).to_contain_text("Enter your password")


def test_staff_cannot_reach_people_before_two_factor(page: Page):
    """Given Tom, a practitioner, has entered his password but not his two-factor code
    When he goes straight to the people list
    Then he is sent to the two-factor page instead, and sees nobody's name"""
    submit_sign_in(page, DEMO["tom"])
    page.wait_for_url("**/two-factor?**")

    page.goto("/people/?show=team")

    assert path_of(page) == "/two-factor"
    assert "next=%2Fpeople%2F" in page.url
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Enter the code from your authenticator app"
    )
    expect(page.locator("table")).to_have_count(0)
    expect(page.get_by_text("Okafor")).to_have_count(0)


def test_signing_out_ends_the_session(page: Page):
    """Given Dennis is signed in
    When he signs out, then goes back, then opens the home page again
    Then he is told he has signed out, and both times he is asked to sign in"""
    sign_in(page, DEMO["dennis"])

    page.get_by_role("button", name="Sign out").click()

    expect(page).to_have_url(re.compile(r"/signed-out$"))
    expect(page.get_by_role("heading", level=1, name="You have signed out")).to_be_visible()
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)
    page.go_back()
    expect(page).to_have_url(re.compile(r"/sign-in\?next=/$"))
    expect(page.get_by_text("Dennis")).to_have_count(0)
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/sign-in\?next=/$"))
    expect(page.get_by_role("heading", level=1, name="Sign in")).to_be_visible()
