"""Ruth and Maggie from home, on a phone-sized screen: the demo as a person and a supporter use
it. Ruth reads the next version of her plan, adds a goal in her words, says she agrees, messages
Priya, sees who has looked at her record and downloads everything about her. Maggie adds to
Dennis's About me in her own words and messages Sam."""

import json
import re
import zipfile

import pytest
from playwright.sync_api import expect

from tests.system.helpers import AxeAudit

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def test_ruth_co_writes_her_next_plan_from_home(browser_as):
    """Given Ruth's plan was reviewed and the next version waits for her
    When she signs in on her phone, adds a goal, agrees, and messages Priya
    Then the plan shows her goal and her decision in her words, Priya has her message,
    and her privacy pages show who looked and give her everything about her"""
    page = browser_as("ruth", bypass_csp=True, viewport=PHONE)
    audit = AxeAudit()
    page.goto("/")
    expect(page.get_by_role("heading", level=1, name="Hello, Ruth")).to_be_visible()
    audit.check(page, "Ruth's home")
    page.get_by_role("link", name="Your new plan is ready. Read it and say if you agree.").click()
    expect(page.get_by_role("heading", name="Agreeing version 2 of the plan")).to_be_visible()
    page.get_by_role("link", name="Read the plan again").click()
    expect(page.get_by_text("“Sing with the choir at St Mary's at Christmas.”")).to_be_visible()
    audit.check(page, "Ruth's next version")
    page.get_by_role("link", name="Add a goal").click()
    page.get_by_label("What you want to achieve").fill("Teach the grandchildren my songs.")
    page.get_by_role("button", name="Add goal").click()
    expect(page.get_by_text("“Teach the grandchildren my songs.”")).to_be_visible()
    page.get_by_role("button", name=re.compile("I like this.*St Mary's choir")).click()
    page.get_by_role("link", name="Say whether you agree").click()
    audit.check(page, "Ruth agrees")
    page.get_by_label("Agree", exact=True).check()
    page.get_by_label("In your own words").fill("Yes. I want to sing at Christmas.")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text("“Yes. I want to sing at Christmas.”")).to_be_visible()

    page.goto("/")
    page.get_by_role("link", name="Send a message to Priya Shah").click()
    audit.check(page, "Ruth's messages")
    page.get_by_label("Write your message").fill("I added a goal about my grandchildren.")
    page.get_by_role("button", name=re.compile("Send")).click()
    expect(page.get_by_text("Your message has been sent.")).to_be_visible()
    expect(page.get_by_text("I added a goal about my grandchildren.")).to_be_visible()

    page.goto("/")
    page.get_by_role("link", name=re.compile("My privacy")).click()
    audit.check(page, "Ruth's privacy")
    page.get_by_role("link", name=re.compile("who has looked", re.IGNORECASE)).click()
    expect(page.get_by_role("main")).to_contain_text("You")
    audit.check(page, "who looked at Ruth's record")
    page.go_back()
    page.get_by_role("link", name=re.compile("[Dd]ownload")).click()
    audit.check(page, "download my information")
    with page.expect_download() as download:
        page.get_by_role("button", name=re.compile("[Dd]ownload")).click()
    archive = zipfile.ZipFile(download.value.path())
    data = json.loads(archive.read("my-information.json"))
    goals = [g["text"] for p in data["plans"] for g in p["goals"]]
    assert "Teach the grandchildren my songs." in goals
    assert "I added a goal about my grandchildren." in [m["message"] for m in data["messages"]]
    assert "Dennis" not in json.dumps(data)
    audit.assert_clean()


def test_maggie_adds_her_own_words_and_messages_sam(browser_as):
    """Given Dennis shares About me, his plan and his messages with Maggie
    When she signs in on her phone, adds to About me and sends Sam a message
    Then her words show as hers, and the thread has her message"""
    page = browser_as("maggie", bypass_csp=True, viewport=PHONE)
    audit = AxeAudit()
    page.goto("/")
    audit.check(page, "Maggie's home")
    page.get_by_role("link", name="About me").first.click()
    page.locator("#strengths").get_by_role("link", name=re.compile("Add")).first.click()
    audit.check(page, "Maggie adds to About me")
    page.get_by_label("In your own words").fill("He can fix any engine, and he makes me laugh.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("“He can fix any engine, and he makes me laugh.”")).to_be_visible()
    page.goto("/")
    page.get_by_role("link", name="Messages with their social worker").click()
    expect(page.get_by_text("Yes. I will set up the direct payment this week")).to_be_visible()
    page.get_by_label("Write your message").fill("The dealer can deliver on Friday.")
    page.get_by_role("button", name=re.compile("Send")).click()
    expect(page.get_by_text("Your message has been sent.")).to_be_visible()
    audit.check(page, "Maggie's messages with Sam")
    audit.assert_clean()


def test_ruth_answers_ons4_and_sees_the_change_since_her_first_answers(browser_as):
    """Given Ruth's life satisfaction was 4 when her plan started (the demo)
    When she answers the wellbeing questions again, with 8, after first leaving them all out
    Then her page says the change in words, with a chart and a table"""
    page = browser_as("ruth", bypass_csp=True, viewport=PHONE)
    audit = AxeAudit()
    page.goto("/people/mine")
    page.get_by_role("navigation", name="Parts of this record").get_by_role(
        "link", name="How it's going"
    ).click()
    expect(page.get_by_text("Life satisfaction: 4 → 7, from low to high")).to_be_visible()
    audit.check(page, "how it's going")
    page.get_by_role("link", name="Answer the questions: ONS4 personal wellbeing").click()
    page.get_by_role("button", name="Save answers").click()
    expect(page.get_by_text("Answer at least one question")).to_be_visible()
    audit.check(page, "ONS4, with errors")
    life = page.get_by_role("group", name="Overall, how satisfied are you with your life nowadays?")
    life.get_by_label("8", exact=True).check()
    page.get_by_role("button", name="Save answers").click()
    expect(page.get_by_text("Life satisfaction: 4 → 8, from low to high")).to_be_visible()
    expect(page.locator("svg[role=img]").first).to_be_visible()
    audit.check(page, "how it's going, with a change")
    audit.assert_clean()
