"""From an invitation e-mail to the person's own home: they set a password, write in their own
words, message their social worker, say they do not feel listened to, and see who has looked.
What they say about not being listened to reaches the team manager, never the practitioner.

The person is Pat 05 Example (conftest.EXTRA_DATA), in the North team, with no account until
Sam invites them here. The later tests reuse Pat's account from the first (``pat``); run alone,
they invite and sign Pat up without the checks along the way.
"""

import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.system.helpers import (
    DEMO,
    AxeAudit,
    active_element,
    email_text,
    emails_to,
    find_person,
    path_of,
)

pytestmark = pytest.mark.browser

PAT = "Pat 05 Example"
PAT_EMAIL = "pat05.example@demo.alongside.invalid"
PAT_PASSWORD = "a kettle, two cups and the allotment"
PHONE = {"width": 390, "height": 844}
INVITATION_LINK = re.compile(r"https?://\S+/invitation/\S+")


@dataclass
class PatAccount:
    """What the first test leaves for the others: the link Pat used, and Pat's session."""

    link: str = ""
    storage_state: dict = field(default_factory=dict)


@pytest.fixture(scope="module")
def pat_account() -> PatAccount:
    return PatAccount()


@pytest.fixture
def pat(pat_account: PatAccount, browser_as, new_context, mail_dir: Path) -> Callable[..., Page]:
    """pat() → a page signed in as Pat on a phone-sized screen (for axe: bypass_csp)."""

    def open_page() -> Page:
        if not pat_account.storage_state:
            sam = browser_as("sam")
            invite_pat(sam, mail_dir, pat_account)
            page = new_context(bypass_csp=True, viewport=PHONE).new_page()
            set_password(page, pat_account.link)
            page.get_by_role("link", name="Not now").click()
            pat_account.storage_state = page.context.storage_state()
            return page
        context = new_context(
            storage_state=pat_account.storage_state, bypass_csp=True, viewport=PHONE
        )
        page = context.new_page()
        page.goto("/")
        return page

    return open_page


def open_pat_as_staff(page: Page) -> None:
    find_person(page, "pat 05")
    page.get_by_role("link", name="Example, Pat 05", exact=True).click()
    expect(page.get_by_role("heading", level=1, name=PAT)).to_be_visible()


def invite_pat(page: Page, mail_dir: Path, account: PatAccount, audit: AxeAudit | None = None):
    """Sam invites Pat from their summary page; the link is read from the e-mail sent."""
    check = audit.check if audit else lambda page, label: None
    open_pat_as_staff(page)
    page.get_by_role("link", name="Invite Pat 05 or someone in their circle to Alongside").click()
    expect(page.get_by_role("heading", level=1, name="Invite to Alongside")).to_be_visible()
    check(page, "invite")
    page.get_by_role("button", name="Send invitation").click()
    expect(page.get_by_role("link", name="Choose who you are inviting")).to_be_visible()
    check(page, "invite, with errors")
    page.get_by_label(f"{PAT}, themselves").check()
    page.get_by_label("Their email address").fill(PAT_EMAIL)
    page.get_by_role("button", name="Send invitation").click()
    expect(page.get_by_text(f"Invitation sent to {PAT}.")).to_be_visible()

    mails = emails_to(mail_dir, PAT_EMAIL)
    assert mails, f"no e-mail was sent to {PAT_EMAIL}"
    found = INVITATION_LINK.search(email_text(mails[-1]))
    assert found, f"no invitation link in:\n{email_text(mails[-1])}"
    account.link = found.group(0)


def set_password(page: Page, link: str, audit: AxeAudit | None = None) -> None:
    """Pat opens the link, not signed in, and sets a password: a weak one first."""
    check = audit.check if audit else lambda page, label: None
    page.goto(link)
    expect(page.get_by_role("heading", level=1, name="Set your password")).to_be_visible()
    check(page, "set your password")
    page.get_by_label("Create a password").fill("password")
    page.get_by_label("Type your password again").fill("password")
    page.get_by_role("button", name="Set password and sign in").click()
    expect(
        page.get_by_role("link", name="Your password must be at least 12 characters long")
    ).to_be_visible()
    check(page, "set your password, too weak")
    page.get_by_label("Create a password").fill(PAT_PASSWORD)
    page.get_by_label("Type your password again").fill(PAT_PASSWORD)
    page.get_by_role("button", name="Set password and sign in").click()
    expect(page.get_by_role("heading", level=1, name="Your password is set")).to_be_visible()
    check(page, "welcome: two-factor offered")


def test_sam_invites_pat_who_signs_up_and_co_writes_from_home(
    browser_as, new_context, mail_dir: Path, pat_account: PatAccount
):
    """Given Pat, in the North team, who does not use Alongside yet
    When Sam invites them, and Pat follows the e-mailed link on their phone, sets a password
    and, from their home, writes in About me, says Sam's summary is right, adds a goal and
    agrees the plan, messages their social worker, says they do not
    feel listened to and opens My privacy
    Then Pat's words are quoted as theirs, Sam is named among who looked, and Pat's copy of
    their information is a zip of JSON and PDF"""
    audit = AxeAudit()
    sam = browser_as("sam", bypass_csp=True)
    invite_pat(sam, mail_dir, pat_account, audit)
    # Sam starts the plan with a first goal, and writes a summary in About me for Pat to check.
    record_parts = sam.get_by_role("navigation", name="Parts of this record")
    record_parts.get_by_role("link", name="Plan").click()
    sam.get_by_role("button", name="Start a plan together").click()
    sam.get_by_role("link", name="Add a goal").click()
    sam.get_by_label("What they want to achieve").fill("Pat wants to be back at the allotment.")
    sam.get_by_label("My summary").check()
    sam.get_by_role("button", name="Add goal").click()
    record_parts.get_by_role("link", name="About me").click()
    sam.locator("#people").get_by_role("link", name=re.compile("^Add to this section")).click()
    sam.get_by_label("What was said").fill("Pat's neighbour Jean pops in most days.")
    sam.get_by_label("My summary").check()
    sam.get_by_role("button", name="Save").click()

    page = new_context(bypass_csp=True, viewport=PHONE).new_page()
    set_password(page, pat_account.link, audit)
    page.get_by_role("link", name="Not now").click()
    assert path_of(page) == "/"
    expect(page.get_by_role("heading", level=1, name="Hello, Pat 05")).to_be_visible()
    audit.check(page, "Pat's home")
    pat_account.storage_state = page.context.storage_state()

    # About me, in Pat's own words.
    page.get_by_role("link", name="Read and add to About me").click()
    audit.check(page, "Pat's About me")
    page.locator("#what_matters").get_by_role(
        "link", name=re.compile("^Add to this section")
    ).click()
    audit.check(page, "add to About me")
    page.get_by_label("In your own words").fill("My allotment, and a proper cup of tea after.")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#what_matters blockquote")).to_have_text(
        "“My allotment, and a proper cup of tea after.”"
    )
    # Pat says Sam's summary of their people is right.
    page.locator("#people").get_by_role("link", name=re.compile("Say if this is right")).click()
    page.get_by_label("Yes, this is right").check()
    page.get_by_role("button", name="Save").click()

    # The plan: a goal in Pat's own words, and Pat's own decision.
    page.goto("/")
    page.get_by_role("link", name="Your new plan is ready. Read it and say if you agree.").click()
    page.get_by_role("link", name="Read the plan again").click()
    page.get_by_role("link", name="Add a goal").click()
    page.get_by_label("What you want to achieve").fill("Grow enough beans to give away.")
    page.get_by_role("button", name="Add goal").click()
    expect(page.get_by_text("“Grow enough beans to give away.”")).to_be_visible()
    page.get_by_role("link", name="Say whether you agree").click()
    page.get_by_label("Agree", exact=True).check()
    page.get_by_label("In your own words").fill("Yes, that is my plan.")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text("“Yes, that is my plan.”")).to_be_visible()

    # A message to their social worker: an empty one first.
    page.goto("/")
    page.get_by_role("link", name="Send a message to your social worker").click()
    expect(page.get_by_text("No messages yet.")).to_be_visible()
    audit.check(page, "Pat's messages")
    page.get_by_role("button", name="Send message").click()
    expect(page.get_by_role("link", name="Write your message")).to_be_visible()
    audit.check(page, "Pat's messages, with errors")
    page.get_by_label("Write your message").fill("Can we talk about the allotment on Tuesday?")
    page.get_by_role("button", name="Send message").click()
    expect(page.get_by_text("Your message has been sent.")).to_be_visible()
    expect(page.locator("#latest")).to_contain_text("Can we talk about the allotment on Tuesday?")
    audit.check(page, "Pat's messages, sent")

    # Not listened to: an empty form first.
    page.goto("/")
    page.get_by_role("link", name="I do not feel listened to").click()
    audit.check(page, "I do not feel listened to")
    page.get_by_role("button", name="Send", exact=True).click()
    expect(
        page.get_by_role("link", name="Tell us what happened. You can write just a few words.")
    ).to_be_visible()
    audit.check(page, "I do not feel listened to, with errors")
    page.get_by_label("Tell us what happened").fill("Nobody rang me back about the allotment.")
    page.get_by_role("button", name="Send", exact=True).click()
    expect(page.get_by_role("heading", level=1, name="We have got your message")).to_be_visible()
    audit.check(page, "not listened to: sent")
    page.get_by_role("link", name="See what you told us and any replies").click()
    expect(page.get_by_role("main")).to_contain_text("Nobody rang me back about the allotment.")
    expect(page.get_by_text("Waiting for a reply")).to_be_visible()
    audit.check(page, "what you told us")

    # My privacy: who looked, and a copy of it all.
    page.goto("/")
    page.get_by_role("link", name=re.compile("^My privacy")).click()
    expect(page.get_by_role("heading", level=1, name="My privacy")).to_be_visible()
    audit.check(page, "My privacy")
    page.get_by_role("link", name="See who has looked at my record").click()
    looks = page.get_by_role("table")
    expect(looks).to_contain_text(DEMO["sam"].full_name)
    expect(looks).to_contain_text("You")
    audit.check(page, "who has looked")
    page.get_by_role("link", name="Back to My privacy").click()
    page.get_by_role("link", name="Download a copy of my information").click()
    audit.check(page, "download my information")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download my information").click()
    download = download_info.value
    assert download.suggested_filename == "my-information.zip"
    archive = zipfile.ZipFile(io.BytesIO(Path(download.path()).read_bytes()))
    assert set(archive.namelist()) == {"my-information.json", "my-information.pdf"}
    assert archive.read("my-information.pdf").startswith(b"%PDF")
    assert "Nobody rang me back about the allotment." in archive.read("my-information.json").decode(
        "utf-8"
    )
    audit.assert_clean()


def test_not_feeling_listened_to_reaches_the_team_manager_and_not_the_practitioner(pat, browser_as):
    """Given Pat says they do not feel listened to
    When Helen, the North team manager, opens it from her home and replies
    Then Pat reads her reply; Sam, Pat's practitioner, cannot open the concerns at all;
    and Amara, the co-production lead, sees numbers by team but never Pat's words"""
    audit = AxeAudit()
    words = "Sam keeps talking over me when Maggie visits."
    page = pat()
    page.get_by_role("link", name="I do not feel listened to").click()
    page.get_by_label("Tell us what happened").fill(words)
    page.get_by_role("button", name="Send", exact=True).click()
    expect(page.get_by_role("heading", level=1, name="We have got your message")).to_be_visible()

    helen = browser_as("helen", bypass_csp=True)
    helen.goto("/")
    helen.get_by_role("link", name="People who do not feel listened to").click()
    expect(helen.get_by_role("heading", level=1, name="Not feeling listened to")).to_be_visible()
    audit.check(helen, "concerns, for the team manager")
    helen.get_by_role("link", name=PAT).first.click()  # newest first
    expect(helen.get_by_role("main")).to_contain_text(words)
    audit.check(helen, "a concern")
    helen.get_by_role("button", name="Send reply").click()
    expect(helen.get_by_role("link", name="Enter what happened")).to_be_visible()
    audit.check(helen, "a concern, reply with errors")
    reply = "I have talked with Sam. Next visit, you speak first, and I will ring you after."
    helen.get_by_label("What happened").fill(reply)
    helen.get_by_role("button", name="Send reply").click()
    expect(helen.get_by_text(f"Replied by {DEMO['helen'].full_name}")).to_be_visible()
    audit.check(helen, "a concern, answered")

    sam = browser_as("sam", bypass_csp=True)
    response = sam.goto("/concerns/")
    assert response is not None and response.status == 403
    expect(sam.get_by_role("main")).not_to_contain_text(words)
    audit.check(sam, "concerns, refused to the practitioner")

    amara = browser_as("amara", bypass_csp=True)
    amara.goto("/")
    amara.get_by_role(
        "link", name="How many people said they do not feel listened to, by team"
    ).click()
    counts = amara.get_by_role("table", name="Not feeling listened to, by team")
    expect(counts.get_by_role("row", name=re.compile("^North Locality Team"))).to_contain_text(
        "fewer than 5"
    )
    expect(amara.get_by_role("main")).not_to_contain_text(words)
    expect(amara.get_by_role("main")).not_to_contain_text("Pat 05")
    audit.check(amara, "concern counts, for the lead")

    page.goto("/")
    page.get_by_role("link", name="I do not feel listened to").click()
    page.get_by_role("link", name="See what you told us before").click()
    expect(page.get_by_role("main")).to_contain_text(reply)
    audit.check(page, "what you told us, with a reply")
    audit.assert_clean()


def test_a_used_invitation_link_says_so_and_offers_a_new_one(pat, new_context, pat_account):
    """Given Pat has already used their invitation link
    When someone opens it again and asks for a new link, for Pat's address or any other
    Then the page says the link was used, and the answer to asking is the same either way"""
    pat()  # Pat has an account: the link is used
    audit = AxeAudit()
    page = new_context(bypass_csp=True).new_page()
    response = page.goto(pat_account.link)
    assert response is not None and response.status == 410
    expect(
        page.get_by_role("heading", level=1, name="This link has already been used")
    ).to_be_visible()
    expect(page.get_by_role("heading", name="Ask for a new link")).to_be_visible()
    audit.check(page, "a used invitation link")

    page.get_by_role("button", name="Ask for a new link").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    audit.check(page, "ask for a new link, with errors")

    answers = []
    for address in (PAT_EMAIL, "nobody.at.all@demo.alongside.invalid"):
        page.goto(pat_account.link)
        page.get_by_label("Your email address").fill(address)
        page.get_by_role("button", name="Ask for a new link").click()
        expect(
            page.get_by_role("heading", level=1, name="We have passed on your request")
        ).to_be_visible()
        answers.append(page.get_by_role("main").inner_text())
    audit.check(page, "asked for a new link")
    assert answers[0] == answers[1]
    audit.assert_clean()


def tab_to(page: Page, matches: Callable[[dict], bool], *, most: int = 60) -> dict:
    """Presses Tab until the focused element matches, as a keyboard user would."""
    for _ in range(most):
        page.keyboard.press("Tab")
        focused = active_element(page)
        if matches(focused):
            return focused
    pytest.fail(f"{most} presses of Tab never reached it; focus is on {active_element(page)}")


def test_pat_sends_a_message_from_home_with_the_keyboard_only(pat):
    """Given Pat on their home page, using a keyboard and no mouse
    When they tab to 'Send a message', press Enter, tab to the message box, type, and press
    Enter on 'Send message'
    Then the message is sent and they are told so"""
    page = pat()
    expect(page.get_by_role("heading", level=1, name="Hello, Pat 05")).to_be_visible()

    tab_to(page, lambda el: el["tag"] == "a" and el["text"].startswith("Send a message"))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/messages/$"))

    tab_to(page, lambda el: el["tag"] == "textarea" and el["name"] == "body")
    page.keyboard.type("Thank you for the call. Tuesday is good.")
    tab_to(page, lambda el: el["tag"] == "button" and el["text"] == "Send message")
    page.keyboard.press("Enter")

    banner = page.get_by_role("alert")
    expect(banner).to_contain_text("Your message has been sent.")
    expect(page.locator("#latest")).to_contain_text("Thank you for the call. Tuesday is good.")
