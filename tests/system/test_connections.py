"""Community connections: Priya, working with Ruth and Anne, sees singing and dementia-friendly
groups suggested with reasons, introduces Ruth (with her consent, sharing only what she agreed)
and records how it went. Every page is checked with axe."""

import re

import pytest
from playwright.sync_api import expect

from tests.system.helpers import AxeAudit, email_text, emails_to, find_person

pytestmark = pytest.mark.browser

SINGING_TOGETHER = "sing@memoryfriends.shirebrook.example"


def test_priya_sees_singing_groups_for_ruth_and_makes_an_introduction(browser_as, mail_dir):
    """Given Ruth loves singing and lives with dementia, and Anne cares for her
    When Priya opens Ruth's Community connections
    Then singing and dementia-friendly groups are suggested, each with a reason in plain words
    When Priya introduces Ruth to Singing Together with her consent, sharing her first name and
    her words only
    Then the group is e-mailed just that, and the outcome can be recorded in Ruth's words"""
    page = browser_as("priya", bypass_csp=True)
    audit = AxeAudit()
    find_person(page, "okafor")
    page.get_by_role("link", name="Okafor, Ruth").click()
    page.get_by_role("navigation", name="Parts of this record").get_by_role(
        "link", name="Community connections"
    ).click()
    suggestions = page.locator(".alongside-suggestions")
    expect(suggestions.get_by_role("link", name="Singing Together", exact=True)).to_be_visible()
    expect(
        suggestions.get_by_text(
            re.compile(
                r"You said .*Singing.*: this is a friendly singing group for people living with dementia"
            )
        )
    ).to_be_visible()
    expect(
        suggestions.get_by_role("link", name="St Mary's Church Choir", exact=True)
    ).to_be_visible()
    audit.check(page, "Ruth's community connections")

    page.get_by_role("link", name="Make an introduction to Singing Together").click()
    page.get_by_role("button", name="Send the introduction").click()
    expect(page.get_by_text("Say that they agree to this introduction").first).to_be_visible()
    audit.check(page, "an introduction, with errors")
    page.get_by_label("Ruth agrees to this introduction").check()
    page.get_by_label("Their first name").check()
    page.get_by_label("The words below").check()
    page.get_by_label("A few words to send, in their words (optional)").fill(
        "I sang in the church choir for forty years. Anne will come with me."
    )
    page.get_by_role("button", name="Send the introduction").click()
    expect(page.get_by_text("The introduction has been sent.")).to_be_visible()
    [sent] = emails_to(mail_dir, SINGING_TOGETHER)
    body = email_text(sent)
    assert "Ruth would like to come along" in body and "forty years" in body
    assert "Okafor" not in body

    page.get_by_role("link", name="Say what happened with Singing Together").click()
    audit.check(page, "what happened")
    page.get_by_label("Went and liked it").check()
    page.get_by_label("Why, in their words (optional)").fill("I knew all the words. Anne cried.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("“I knew all the words. Anne cried.”")).to_be_visible()
    audit.check(page, "Ruth's introductions")
    audit.assert_clean()


def test_sam_is_told_honestly_that_nothing_fits_dennis_love_of_motorbikes(browser_as):
    """Given Dennis loves motorbikes and the directory lists no motorbike group
    When Sam opens Dennis's Community connections
    Then the page says plainly that nothing close fits "Motorbikes", and offers to add one"""
    page = browser_as("sam", bypass_csp=True)
    audit = AxeAudit()
    find_person(page, "ward")
    page.get_by_role("link", name="Ward, Dennis").click()
    page.get_by_role("navigation", name="Parts of this record").get_by_role(
        "link", name="Community connections"
    ).click()
    expect(page.get_by_text("Nothing close in the directory for:")).to_be_visible()
    expect(page.get_by_text("“Motorbikes”")).to_be_visible()
    expect(page.get_by_role("link", name="add a local service")).to_be_visible()
    audit.check(page, "Dennis's community connections")
    audit.assert_clean()
