"""Small helpers shared by the browser tests: who signs in, how, and what axe says.

Nothing here talks to the database: the app runs in its own process (see conftest.py), and
the tests only see what a browser sees.
"""

import email.policy
import importlib.resources
import json
from dataclasses import dataclass
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path
from urllib.parse import urlsplit

from django_otp.oath import totp
from playwright.sync_api import Page, expect

from alongside.accounts.two_factor import hex_key_from_base32
from alongside.demo.council import ACCOUNTS, DEMO_PASSWORD

# --- Who ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Account:
    email: str
    full_name: str
    password: str = DEMO_PASSWORD
    totp_secret: str | None = None  # base32, as an authenticator app is given it

    @property
    def is_staff(self) -> bool:
        return self.totp_secret is not None


# The demo council, by first name: "sam", "helen", "dennis", "anne", ...
DEMO = {
    account.full_name.split()[0].lower(): Account(
        email=account.email, full_name=account.full_name, totp_secret=account.totp_secret
    )
    for account in ACCOUNTS
}

# One signed-in account for each role.
ROLES = {
    "practitioner": "sam",
    "team_manager": "helen",
    "coproduction_lead": "amara",
    "administrator": "chris",
    "person": "dennis",
    "supporter": "maggie",
}

# A North practitioner created by conftest.py without a two-factor device, so that signing
# in shows the set-up page. Used once per session: setting up consumes the account.
NEW_STARTER = Account(
    email="nia.starter@demo.alongside.invalid",
    full_name="Nia Starter",
    password="a-new-starter-password-for-tests",
)


# --- Two-factor codes --------------------------------------------------------------------


def totp_code(base32_secret: str, *, drift: int = 0) -> str:
    """The 6-digit code an authenticator app shows now for this key (``drift`` steps away)."""
    key = bytes.fromhex(hex_key_from_base32(base32_secret))
    return f"{totp(key, drift=drift):06d}"


def wrong_code(base32_secret: str) -> str:
    """Six digits that are certainly not accepted now (django-otp allows one step either way)."""
    accepted = {totp_code(base32_secret, drift=d) for d in (-1, 0, 1)}
    return next(code for code in ("000000", "111111", "222222") if code not in accepted)


# --- Signing in --------------------------------------------------------------------------


def path_of(page: Page) -> str:
    return urlsplit(page.url).path


def submit_sign_in(page: Page, account: Account) -> None:
    """Fills in and sends the sign-in form, as a mouse user would."""
    page.goto("/sign-in")
    page.get_by_label("Email address").fill(account.email)
    page.get_by_label("Password", exact=True).fill(account.password)
    page.get_by_role("button", name="Sign in").click()


def submit_code(page: Page, code: str, *, button: str = "Continue") -> None:
    page.get_by_label("Code", exact=True).fill(code)
    page.get_by_role("button", name=button).click()


def sign_in(page: Page, account: Account) -> None:
    """Signs in all the way to the home page, through two-factor for staff.

    Each staff account can do this once per 30-second step: django-otp refuses a code whose
    step was already used (replay protection). conftest.py signs each account in once.
    """
    submit_sign_in(page, account)
    if account.is_staff:
        page.wait_for_url("**/two-factor?**")
        submit_code(page, totp_code(account.totp_secret))
    page.wait_for_url(lambda url: urlsplit(url).path == "/")
    expect(page.get_by_text(f"Signed in as {account.full_name}")).to_be_visible()


def active_element(page: Page) -> dict:
    """What has keyboard focus: tag, id, name, classes and text."""
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            return {tag: el.tagName.toLowerCase(), id: el.id, name: el.getAttribute('name'),
                    classes: el.className, text: (el.textContent || '').trim()};
        }"""
    )


# --- E-mail ------------------------------------------------------------------------------

# Django's file-based backend ends each message it writes with a line of 79 dashes.
_MAIL_SEPARATOR = b"\n" + b"-" * 79 + b"\n"


def emails_to(mail_dir: Path, address: str) -> list[EmailMessage]:
    """The e-mails the server has sent to ``address``, oldest first (conftest's mail_dir)."""
    parser = BytesParser(policy=email.policy.default)
    found = []
    if not mail_dir.is_dir():  # created when the first e-mail is sent
        return found
    for file in sorted(mail_dir.iterdir(), key=lambda f: f.stat().st_mtime_ns):
        for raw in file.read_bytes().split(_MAIL_SEPARATOR):
            if raw.strip():
                message = parser.parsebytes(raw.strip() + b"\n")
                if address.lower() in str(message["To"]).lower():
                    found.append(message)
    return found


def email_text(message: EmailMessage) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


# --- axe-core ----------------------------------------------------------------------------

AXE_SOURCE = (
    importlib.resources.files("axe_playwright_python").joinpath("axe.min.js").read_text("utf-8")
)
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
_RUN_AXE = """async (tags) => {
    const results = await axe.run(document, {
        runOnly: {type: 'tag', values: tags},
        resultTypes: ['violations'],  // full details for violations only: faster
    });
    return results.violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
        nodes: v.nodes.map(n => ({target: n.target, html: n.html, summary: n.failureSummary})),
    }));
}"""


def axe_violations(page: Page) -> list[dict]:
    """Runs axe-core's WCAG 2.2 AA rules on the page as it is now.

    The page's context must be created with ``bypass_csp=True``: the app's Content-Security-
    Policy allows only nonce'd inline scripts, so the injected axe script would be refused.
    """
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(content=AXE_SOURCE)
    return page.evaluate(_RUN_AXE, WCAG_TAGS)


def describe_violations(where: str, violations: list[dict]) -> str:
    lines = [f"{where}: {len(violations)} axe violation(s)"]
    for v in violations:
        lines.append(f"  [{v['id']}] impact={v['impact']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"]:
            lines.append(f"      at {json.dumps(node['target'])}: {node['html'][:200]}")
            if node["summary"]:
                summary = node["summary"].replace("\n", "\n         ")
                lines.append(f"         {summary}")
    return "\n".join(lines)


class AxeAudit:
    """Collects axe results over several pages, so one failure report names them all."""

    def __init__(self) -> None:
        self.checked: list[str] = []
        self.failures: list[str] = []

    def check(self, page: Page, label: str = "") -> None:
        where = f"{label or 'page'} <{urlsplit(page.url).path}{_query(page.url)}>"
        self.checked.append(where)
        violations = axe_violations(page)
        if violations:
            self.failures.append(describe_violations(where, violations))

    def assert_clean(self) -> None:
        assert self.checked, "no page was checked"
        assert not self.failures, "\n\n".join(self.failures)


def _query(url: str) -> str:
    query = urlsplit(url).query
    return f"?{query}" if query else ""


def find_person(page: Page, words: str) -> None:
    """Searches the people list the way a practitioner does (the words never go in the URL)."""
    page.goto("/people/?show=team")
    page.get_by_label("Find a person").fill(words)
    page.get_by_role("button", name="Search", exact=True).click()


def clear_search(page: Page) -> None:
    """The search lives in the session, which every test signed in as one account shares."""
    page.goto("/people/")
    clear = page.get_by_role("button", name="Clear search")
    if clear.count():
        clear.click()
