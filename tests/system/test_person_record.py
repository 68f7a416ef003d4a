"""The person's record in the browser: a first conversation from a new person to a confirmed
About me, and axe on every page of the record, for each role that reaches it."""

import re

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from tests.system.helpers import AxeAudit, find_person, path_of

pytestmark = pytest.mark.browser


def record_tab(page: Page, name: str) -> None:
    page.get_by_role("navigation", name="Parts of this record").get_by_role(
        "link", name=name
    ).click()


def open_dennis(page: Page) -> None:
    find_person(page, "ward")
    page.get_by_role("link", name="Ward, Dennis", exact=True).click()
    expect(page.get_by_role("heading", level=1, name="Dennis Ward")).to_be_visible()


def test_a_first_conversation_from_a_new_person_to_a_confirmed_about_me(browser_as):
    """Given Sam, a practitioner, meets Grace for the first time
    When he adds her, records their conversation in her words and adds a note to About me
    Then About me quotes her, says he wrote it with her, and her 'this is right' is recorded"""
    page = browser_as("sam", bypass_csp=True)
    audit = AxeAudit()
    page.goto("/people/")
    page.get_by_role("link", name="Add a person").click()
    audit.check(page, "add a person")
    page.get_by_role("button", name="Add and start About me").click()
    expect(page.get_by_role("link", name="Enter their first name")).to_be_visible()
    audit.check(page, "add a person, with errors")
    page.get_by_label("First name").fill("Grace")
    page.get_by_label("Last name").fill("Journeyman")
    page.get_by_label("Day").fill("9")
    page.get_by_label("Month").fill("9")
    page.get_by_label("Year").fill("1950")
    page.get_by_label("Postcode").fill("SB3 2AB")
    page.get_by_role("button", name="Add and start About me").click()
    expect(page.get_by_role("heading", name="About me", exact=True)).to_be_visible()
    audit.check(page, "a new About me")
    record_tab(page, "Plan")
    expect(page.get_by_text("There is no plan yet.")).to_be_visible()
    audit.check(page, "no plan yet")

    record_tab(page, "Conversations")
    page.get_by_role("link", name="Record a conversation").click()
    audit.check(page, "record a conversation")
    page.get_by_role("button", name="Continue to notes").click()
    audit.check(page, "record a conversation, with errors")
    page.get_by_label("Day").fill("2")
    page.get_by_label("Month").fill("11")
    page.get_by_label("Year").fill("2026")
    page.get_by_label("What-matters conversation").check()
    page.get_by_label("At home").check()
    page.get_by_label("The person took part").check()
    page.get_by_role("button", name="Continue to notes").click()
    expect(page.get_by_role("heading", name="Questions to open up")).to_be_visible()
    audit.check(page, "a draft conversation")

    page.get_by_label("Note", exact=True).fill("I want to dance again, like I did at the Palais.")
    page.get_by_role("button", name="Add note").click()
    note = page.locator(".alongside-note").first
    box = note.get_by_label("Note", exact=True)
    box.fill("I want to dance again, like I did at the Palais on Saturdays.")
    expect(note.locator("[data-autosave-status]")).to_have_text(re.compile(r"Saved at \d\d:\d\d"))
    page.reload()
    expect(page.locator(".alongside-note").first.get_by_label("Note", exact=True)).to_have_value(
        "I want to dance again, like I did at the Palais on Saturdays."
    )

    page.get_by_role("link", name=re.compile("^Add to About me")).first.click()
    audit.check(page, "note to About me")
    page.get_by_label("What matters to me").check()
    page.get_by_role("button", name="Add to About me").click()
    section = page.locator("#what_matters")
    expect(section).to_contain_text(
        "“I want to dance again, like I did at the Palais on Saturdays.”"
    )
    expect(section).to_contain_text("Written by Sam Patel with Grace, 2 November 2026")

    section.get_by_role("link", name=re.compile("Record if this is right")).click()
    audit.check(page, "is this right?")
    page.get_by_label("Yes, this is right").check()
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#what_matters")).to_contain_text("This is right")
    expect(page.locator("#what_matters")).to_contain_text("told Sam Patel in person")
    audit.assert_clean()


def test_every_page_of_dennis_record_passes_axe_for_his_practitioner(browser_as):
    page = browser_as("sam", bypass_csp=True)
    audit = AxeAudit()
    open_dennis(page)
    audit.check(page, "summary")
    page.get_by_role("link", name="Add someone to the circle").click()
    audit.check(page, "add to the circle")
    page.get_by_label("They are an unpaid carer").check()
    page.get_by_label("About how many hours").fill("200")
    page.get_by_role("button", name="Save").click()
    audit.check(page, "add to the circle, with errors")
    open_dennis(page)
    page.get_by_role("link", name="Change Maggie Ellis").click()
    audit.check(page, "change someone in the circle")
    open_dennis(page)
    record_tab(page, "About me")
    audit.check(page, "About me")
    page.get_by_role("link", name="Change details").click()
    audit.check(page, "change details")
    page.go_back()
    page.get_by_role("link", name=re.compile("^Add to this section")).first.click()
    audit.check(page, "add a statement")
    page.go_back()
    page.get_by_role("link", name=re.compile("^History and notes")).first.click()
    audit.check(page, "history and notes")
    page.go_back()
    page.get_by_role("link", name=re.compile("^Change")).nth(1).click()
    audit.check(page, "change a statement")
    open_dennis(page)
    record_tab(page, "Conversations")
    audit.check(page, "conversations")
    page.locator("ul.alongside-conversations a").first.click()
    audit.check(page, "a recorded conversation")
    open_dennis(page)
    record_tab(page, "What's hard")
    audit.check(page, "what's hard")
    page.get_by_role("link", name=re.compile("^Add something that is hard")).first.click()
    audit.check(page, "add a need")
    page.go_back()
    page.get_by_role("link", name=re.compile("Maggie Ellis, as a carer")).click()
    expect(page.get_by_text("Time for yourself and things you enjoy")).to_be_visible()
    audit.check(page, "add a carer's need")
    page.go_back()
    page.get_by_role("link", name=re.compile("^Change")).first.click()
    audit.check(page, "change a need")
    open_dennis(page)
    record_tab(page, "Story")
    audit.check(page, "story")
    audit.assert_clean()


def test_dennis_reads_his_record_says_if_it_is_right_and_chooses_what_maggie_sees(browser_as):
    page = browser_as("dennis", bypass_csp=True)
    audit = AxeAudit()
    page.goto("/people/mine")
    audit.check(page, "my record")
    page.get_by_role("link", name=re.compile("Choose what they see")).first.click()
    audit.check(page, "choose what they see")
    page.go_back()
    record_tab(page, "About me")
    audit.check(page, "my About me")
    page.locator("#days").get_by_role("link", name=re.compile("Say if this is right")).click()
    page.get_by_label("Not quite").check()
    page.get_by_role("button", name="Save").click()
    expect(
        page.get_by_role("link", name="Say what you would change, in your own words")
    ).to_be_visible()
    audit.check(page, "is this right, with errors")
    page.get_by_label("What would you change?").fill("Add that I'd love a sidecar.")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#days")).to_contain_text("“Add that I'd love a sidecar.”")
    record_tab(page, "Story")
    audit.check(page, "my story")
    record_tab(page, "Conversations")
    page.locator("ul.alongside-conversations a").first.click()
    audit.check(page, "my conversation")
    page.get_by_role("link", name="Say if this is right").click()
    audit.check(page, "is the conversation record right?")
    page.get_by_label("Yes, this is right").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("This is right", exact=True)).to_be_visible()
    audit.assert_clean()
    assert path_of(page).startswith("/people/")


def test_maggie_sees_dennis_about_me_and_anne_does_not_see_ruths(browser_as):
    maggie = browser_as("maggie", bypass_csp=True)
    audit = AxeAudit()
    maggie.goto("/")
    maggie.get_by_role("link", name="Dennis Ward").click()
    record_tab(maggie, "About me")
    expect(maggie.get_by_text("Motorbikes. Maggie and I rode all over the country")).to_be_visible()
    audit.check(maggie, "Dennis's About me, as Maggie")
    audit.assert_clean()
    anne = browser_as("anne")
    anne.goto("/")
    anne.get_by_role("link", name="Ruth Okafor").click()
    expect(
        anne.get_by_role("navigation", name="Parts of this record").get_by_role(
            "link", name="About me"
        )
    ).to_be_visible()
    expect(anne.get_by_role("link", name="Conversations")).to_have_count(0)


def test_the_administrator_keeps_prompts_and_interests(browser_as):
    page = browser_as("chris", bypass_csp=True)
    audit = AxeAudit()
    page.goto("/")
    page.get_by_role("link", name="Conversation prompts").click()
    audit.check(page, "prompts")
    page.get_by_role("link", name="Add a prompt").click()
    page.get_by_role("button", name="Save").click()
    audit.check(page, "add a prompt, with errors")
    page.goto("/")
    page.get_by_role("link", name="Interests").click()
    audit.check(page, "interests")
    page.get_by_role("link", name=re.compile("^Change")).first.click()
    audit.check(page, "change an interest")
    page.goto("/")
    page.get_by_role("link", name="Unit costs").click()
    expect(page.get_by_text("(illustrative)").first).to_be_visible()
    audit.check(page, "unit costs")
    page.get_by_role("link", name="Add a unit cost").click()
    page.get_by_label("Amount").fill("-5")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("link", name="Amount cannot be less than £0")).to_be_visible()
    audit.check(page, "add a unit cost, with errors")
    audit.assert_clean()


def test_dennis_plan_is_agreed_by_everyone_and_reviewed_into_a_new_version(browser_as):
    """Given Dennis's sidecar plan, agreed by each party and in place
    When Sam reads it, records a review and changes the new draft
    Then the plan shows each party's words, and the versions compare in words"""
    page = browser_as("sam", bypass_csp=True)
    audit = AxeAudit()
    open_dennis(page)
    record_tab(page, "Plan")
    expect(
        page.get_by_text("This plan costs £4,000 less a year than the traditional package")
    ).to_be_visible()
    expect(page.get_by_text("2 of 3 ideas came from Dennis and their circle")).to_be_visible()
    expect(page.get_by_text("“Yes. Get me in that sidecar.”")).to_be_visible()
    expect(
        page.get_by_text("Agreed. A direct payment for the sidecar", exact=False)
    ).to_be_visible()
    expect(page.get_by_text("1 action overdue")).to_be_visible()
    audit.check(page, "the sidecar plan, in place")
    plan_path = path_of(page)
    page.get_by_role("link", name="Easy Read").click()
    expect(page.get_by_role("heading", name="Who said yes")).to_be_visible()
    audit.check(page, "Easy Read")
    page.goto(plan_path)
    page.get_by_role("link", name="The person's copy, to print").click()
    audit.check(page, "the person's copy")
    page.goto(plan_path)
    page.get_by_role("link", name=re.compile("Update progress.*Book the mobility")).click()
    audit.check(page, "update an action's progress")
    page.get_by_label("Done").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("1 action overdue")).to_have_count(0)

    page.get_by_role("link", name="Record a review").click()
    page.get_by_role("button", name="Save the review").click()
    expect(page.get_by_role("link", name="Enter date of the review", exact=False)).to_be_visible()
    audit.check(page, "record a review, with errors")
    page.get_by_label("Day").fill("20")
    page.get_by_label("Month").fill("11")
    page.get_by_label("Year").fill("2026")
    page.get_by_label("What has worked?").fill("The sidecar. We go out every Sunday.")
    page.get_by_label("What has not worked?").fill("Maggie's back aches after long rides.")
    page.get_by_role("button", name="Save the review").click()
    expect(page.get_by_role("heading", name=re.compile("Plan, version 2"))).to_be_visible()
    audit.check(page, "version 2, a draft from the review")
    page.get_by_role("link", name="Change goal 2").click()
    audit.check(page, "change a goal")
    page.get_by_label("Work, learning, training or recreation").check()
    page.get_by_role("button", name="Save goal").click()
    page.get_by_role("button", name="Less important (goal 1)").click()
    expect(page.get_by_role("heading", name="Goal 1").locator("xpath=..")).to_contain_text(
        "See the lads from the riders' club."
    )
    page.get_by_role("link", name=re.compile("Change.*Shirebrook Riders")).click()
    audit.check(page, "change an idea")
    page.get_by_role("button", name="Save idea").click()
    page.get_by_role("link", name="Every version, and what changed").click()
    audit.check(page, "versions")
    page.get_by_role("button", name=re.compile("Compare")).click()
    audit.check(page, "compare versions")
    page.goto(path_of(page).split("/plan/")[0] + "/plan/versions/1")
    expect(page.get_by_text("“The sidecar. We go out every Sunday.”")).to_be_visible()
    audit.check(page, "version 1, under review")
    audit.assert_clean()


def test_a_new_plan_from_first_goal_to_an_agreed_version_and_its_pdf(browser_as):
    """Given Pat, who has no plan yet
    When Sam starts one, writes a goal, an idea, an action and what to do if things go wrong,
    records Pat's decision given in person and his own, and agrees the plan
    Then the plan is in place and Pat's copy is a PDF with Pat's goal in it"""
    page = browser_as("sam", bypass_csp=True)
    audit = AxeAudit()
    find_person(page, "pat 03")
    page.get_by_role("link", name="Example, Pat 03", exact=True).click()
    record_tab(page, "Plan")
    page.get_by_role("button", name="Start a plan together").click()
    audit.check(page, "an empty draft plan")
    page.get_by_role("link", name="Add a goal").click()
    page.get_by_role("button", name="Add goal").click()
    expect(page.get_by_role("link", name="Enter what they want to achieve")).to_be_visible()
    audit.check(page, "add a goal, with errors")
    page.get_by_label("What they want to achieve").fill("Pat wants to get back to the allotment.")
    page.get_by_label("My summary").check()
    page.get_by_role("button", name="Add goal").click()
    page.get_by_role("link", name="Add an idea").click()
    page.get_by_label("One-off cost (optional)").fill("-20")
    page.get_by_role("button", name="Add idea").click()
    expect(page.get_by_role("link", name="One-off cost cannot be less than £0")).to_be_visible()
    audit.check(page, "add an idea, with errors")
    page.get_by_label("One-off cost (optional)").fill("")
    page.get_by_label("Pat wants to get back to the allotment.", exact=True).check()
    page.get_by_label("The idea", exact=True).fill("The allotment society's Tuesday morning")
    page.get_by_label("A community group or service").check()
    page.get_by_label("Pat 03", exact=True).check()
    page.get_by_label("Free or community").check()
    page.get_by_label("Chosen for the plan").check()
    page.get_by_role("button", name="Add idea").click()
    page.get_by_role("button", name=re.compile("Pat 03 likes this.*Tuesday morning")).click()
    page.get_by_role("link", name="Add an action").click()
    page.get_by_role("button", name="Add action").click()
    expect(page.get_by_role("link", name="Choose who will do it")).to_be_visible()
    audit.check(page, "add an action, with errors")
    page.get_by_label("What will be done").fill("Ring the allotment society")
    page.get_by_label("The person").check()
    page.get_by_label("Their name").fill("Pat")
    page.get_by_role("button", name="Add action").click()
    page.get_by_role("link", name="Write what to do if things go wrong").click()
    page.get_by_role("button", name="Save").click()
    audit.check(page, "if things go wrong, with errors")
    page.get_by_label("Warning signs").fill("Pat stays in bed past noon.")
    page.get_by_label("Who to call").fill("Sam Patel, 01632 960111")
    page.get_by_role("button", name="Save").click()

    page.get_by_role("link", name="Record decisions and agree the plan").click()
    audit.check(page, "the agreement page")
    page.get_by_label("Pat 03's, given in person").check()
    page.get_by_label("Agree, with reservations").check()
    page.get_by_role("button", name="Record the decision").click()
    expect(
        page.get_by_role("link", name="Say in their words what they are unsure of", exact=False)
    ).to_be_visible()
    audit.check(page, "the agreement page, with errors")
    page.get_by_label("Pat 03's, given in person").check()
    page.get_by_label("Agree, with reservations").check()
    page.get_by_label("In their own words").fill("Yes, if someone comes with me the first time.")
    page.get_by_role("button", name="Record the decision").click()
    page.get_by_label("Mine, as the practitioner").check()
    page.get_by_label("Agree", exact=True).check()
    page.get_by_role("button", name="Record the decision").click()
    page.get_by_role("button", name="Agree this version").click()
    expect(page.get_by_text("Version 1 is agreed", exact=False)).to_be_visible()
    page.get_by_role("button", name="Put this plan in place").click()
    expect(page.get_by_text("“Yes, if someone comes with me the first time.”")).to_be_visible()
    audit.check(page, "an agreed plan in place")
    page.get_by_role("link", name=re.compile("Change.*the review date")).click()
    page.get_by_label("Year").fill("2020")
    page.get_by_role("button", name="Save").click()
    expect(
        page.get_by_role("link", name="The review date must be today or in the future")
    ).to_be_visible()
    audit.check(page, "change the review date, with errors")
    page.get_by_role("link", name="Cancel").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the PDF").click()
    pdf = PdfReader(download.value.path())
    text = " ".join(p.extract_text() for p in pdf.pages)
    assert "Pat wants to get back to the allotment." in text
    assert "Yes, if someone comes with me the first time." in text
    audit.assert_clean()


def test_the_administrator_sets_the_plan_rules(browser_as):
    page = browser_as("chris", bypass_csp=True)
    audit = AxeAudit()
    page.goto("/")
    page.get_by_role("link", name=re.compile("Plan rules")).click()
    page.get_by_label("Months from agreement to the review").fill("40")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("link", name="Enter 36 months or fewer")).to_be_visible()
    audit.check(page, "plan rules, with errors")
    page.get_by_label("Months from agreement to the review").fill("12")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The plan rules are saved.")).to_be_visible()
    audit.assert_clean()
