"""Pages that belong to one person, with axe: a carer's own pages and their privacy, the person's
"before we meet" and their check of a decision written down for them, and the text size."""

import re

import pytest
from playwright.sync_api import expect

from tests.system.helpers import AxeAudit, find_person

pytestmark = pytest.mark.browser


def test_maggie_as_a_carer_and_her_own_privacy(browser_as):
    """Given Maggie looks after Dennis
    When she tells us how caring is for her, asks for an assessment and opens her privacy page
    Then Sam can read it from Dennis's record, and she can download her own information"""
    page = browser_as("maggie", bypass_csp=True)
    audit = AxeAudit()
    page.goto("/")
    page.get_by_role(
        "link", name="Tell us how caring is for you, or ask for a carer's assessment"
    ).click()
    audit.check(page, "caring")
    page.get_by_role("link", name="Tell us how caring is for you").click()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("link", name="Write at least one thing")).to_be_visible()
    audit.check(page, "how caring is, with errors")
    page.get_by_label("What is hard").fill("I never get a full night's sleep.")
    page.get_by_role("button", name="Save").click()
    page.goto("/caring/")
    page.get_by_role("link", name="Ask for a carer's assessment").click()
    page.get_by_role("button", name="Ask for an assessment").click()
    audit.check(page, "ask for an assessment, with errors")
    page.get_by_role("radio").first.check()
    page.get_by_role("button", name="Ask for an assessment").click()
    audit.check(page, "assessment asked for")
    page.goto("/")
    page.get_by_role("link", name=re.compile("My privacy: what each person lets you see")).click()
    audit.check(page, "Maggie's privacy")
    page.get_by_role("link", name=re.compile("[Ww]ho has looked")).click()
    audit.check(page, "who looked at what Maggie told us")
    page.go_back()
    page.get_by_role("link", name=re.compile("Download a copy of my information")).click()
    audit.check(page, "Maggie's download page")
    with page.expect_download() as download:
        page.get_by_role("button", name=re.compile("[Dd]ownload")).click()
    assert download.value.suggested_filename == "my-information.zip"

    sam = browser_as("sam", bypass_csp=True)
    find_person(sam, "ward")
    sam.get_by_role("link", name="Ward, Dennis", exact=True).click()
    sam.get_by_role("navigation", name="Parts of this record").get_by_role(
        "link", name="What's hard"
    ).click()
    sam.get_by_role("link", name="What the carers in the circle have told us about caring").click()
    expect(sam.get_by_text("I never get a full night's sleep.")).to_be_visible()
    audit.check(sam, "carers' pages, for staff")
    audit.assert_clean()


def test_dennis_prepares_before_meeting_and_checks_what_was_written_for_him(browser_as):
    """Given Dennis's plan has his decision, written down by Sam 'given in person'
    When Dennis writes before they meet, shares it, and checks his decision
    Then Sam reads what he shared, and the plan shows Dennis's check"""
    page = browser_as("dennis", bypass_csp=True)
    audit = AxeAudit()
    page.goto("/")
    page.get_by_role(
        "link", name="Think about some questions before you meet your social worker"
    ).click()
    audit.check(page, "before we meet")
    page.get_by_label("What matters most to you at the moment?").fill(
        "Getting the sidecar on the road."
    )
    page.get_by_role("button", name="Save and share with my social worker").click()
    expect(page.get_by_text("Shared with your social worker.")).to_be_visible()
    page.goto("/")
    page.get_by_role("link", name="Read my plan").click()
    page.get_by_role("link", name="Check what was written down for you").first.click()
    audit.check(page, "is this what you said?")
    page.get_by_role("button", name="Save").click()
    audit.check(page, "is this what you said?, with errors")
    page.get_by_label("Yes, that is right").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text(re.compile("Dennis says this is right"))).to_be_visible()

    page.get_by_role("button", name="Large", exact=True).click()
    expect(page.locator("html")).to_have_class(re.compile("alongside-text-large"))
    audit.check(page, "the plan in large text")

    sam = browser_as("sam", bypass_csp=True)
    find_person(sam, "ward")
    sam.get_by_role("link", name="Ward, Dennis", exact=True).click()
    sam.get_by_role("navigation", name="Parts of this record").get_by_role(
        "link", name="Conversations"
    ).click()
    sam.get_by_role("link", name="What they wrote before you meet").click()
    expect(sam.get_by_text("“Getting the sidecar on the road.”")).to_be_visible()
    audit.check(sam, "before we meet, as shared")
    audit.assert_clean()
