"""How it's going, for staff and carers: goal levels on a draft plan, where each goal stands,
how often to ask, and a carer's own wellbeing questions. Every page is checked with axe."""

import re

import pytest
from playwright.sync_api import expect

from tests.system.helpers import AxeAudit, find_person

pytestmark = pytest.mark.browser


def test_sam_sees_dennis_is_due_a_check_in_and_records_where_his_goals_are(browser_as):
    """Given Dennis's plan asks every 3 months, and his last answers were in June
    When Sam opens How it's going and records where each goal stands, with Dennis
    Then the page shows each goal's progress in Dennis's words and the goal score"""
    page = browser_as("sam", bypass_csp=True)
    audit = AxeAudit()
    find_person(page, "ward")
    page.get_by_role("link", name="Ward, Dennis").click()
    page.get_by_role("navigation", name="Parts of this record").get_by_role(
        "link", name="How it's going"
    ).click()
    expect(page.get_by_text("It's time to check how things are going.")).to_be_visible()
    expect(page.get_by_text("Life satisfaction: 3 → 5, from low to medium")).to_be_visible()
    audit.check(page, "Dennis: how it's going")
    page.get_by_role("link", name="Say where things are with each goal").click()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Choose where things are for this goal").first).to_be_visible()
    audit.check(page, "goal ratings, with errors")
    bike = page.get_by_role("group", name=re.compile("Get out on the bike"))
    bike.get_by_label("Out in the sidecar with Maggie once a month").check()
    club = page.get_by_role("group", name=re.compile("See the lads"))
    club.get_by_label("Meeting the lads most weeks").check()
    page.get_by_role("group", name="Who answered?").get_by_label("With help").check()
    page.get_by_role("button", name="Save").click()
    expect(
        page.get_by_text(
            "From “The bike sits in the garage: I haven't been out” to “Out in the sidecar "
            "with Maggie once a month” (what we expect)"
        )
    ).to_be_visible()
    expect(page.get_by_text(re.compile(r"Goal score: 37\.6 → 56\.2"))).to_be_visible()
    page.get_by_role("group", name="Between reviews, ask how it's going").get_by_label(
        "Every month"
    ).check()
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("Saved how often to ask.")).to_be_visible()
    audit.check(page, "Dennis: goals rated")
    audit.assert_clean()


def test_priya_writes_how_well_know_ruths_new_goal_is_working(browser_as):
    """Given Ruth's next version has a new goal with no levels yet
    When Priya writes only one level, then all five
    Then she is told what is missing, and the plan shows the five levels"""
    page = browser_as("priya", bypass_csp=True)
    audit = AxeAudit()
    find_person(page, "okafor")
    page.get_by_role("link", name="Okafor, Ruth").click()
    page.get_by_role("navigation", name="Parts of this record").get_by_role(
        "link", name="Plan"
    ).click()
    page.get_by_role("link", name=re.compile("Say how we'll know it's working")).last.click()
    page.get_by_label("What we expect by the review (0)").fill("Singing two carols with the choir")
    page.get_by_role("button", name="Save the levels").click()
    expect(page.get_by_text("Write this level too").first).to_be_visible()
    audit.check(page, "goal levels, with errors")
    page.get_by_label("Much less than expected (−2)").fill("Not going to St Mary's")
    page.get_by_label("Somewhat less than expected (−1)").fill("Going to listen, not singing")
    page.get_by_label("Somewhat more than expected (+1)").fill("Singing the whole concert")
    page.get_by_label("Much more than expected (+2)").fill("A solo at the concert")
    page.get_by_role("button", name="Save the levels").click()
    page.get_by_text("How we'll know it's working").last.click()
    expect(page.get_by_text("A solo at the concert")).to_be_visible()
    audit.check(page, "Ruth's draft plan with goal levels")
    audit.assert_clean()


def test_maggie_answers_about_her_own_wellbeing(browser_as):
    """Given Maggie cares for Dennis
    When she answers the wellbeing questions about herself from her Caring page
    Then she is thanked, and the questions said they are about her, not Dennis"""
    page = browser_as("maggie", bypass_csp=True)
    audit = AxeAudit()
    page.goto("/caring/")
    page.get_by_role("link", name="Answer 4 short questions about your own wellbeing").click()
    expect(
        page.get_by_text("These questions are about you, not the person you look after.")
    ).to_be_visible()
    audit.check(page, "a carer's own wellbeing questions")
    life = page.get_by_role("group", name="Overall, how satisfied are you with your life nowadays?")
    life.get_by_label("6", exact=True).check()
    page.get_by_role("button", name="Save answers").click()
    expect(page.get_by_text("Thank you. Your answers are saved.")).to_be_visible()
    audit.check(page, "caring, after answering")
    audit.assert_clean()
