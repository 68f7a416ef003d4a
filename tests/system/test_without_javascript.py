"""The service works without JavaScript, and with it the strict Content-Security-Policy lets
the app's own (nonce'd) scripts run while nothing else is refused or breaks."""

import pytest
from playwright.sync_api import Page, expect

from tests.system.helpers import DEMO, find_person, sign_in

pytestmark = pytest.mark.browser

# Installed before any page script: CSP refusals are also reported as DOM events.
RECORD_CSP_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolations.push(`${e.violatedDirective} refused ${e.blockedURI || 'inline'}`);
});
"""
# Each GOV.UK Frontend component marks itself initialised: data-module="x" gets data-x-init.
UNINITIALISED_COMPONENTS = """() => [...document.querySelectorAll('[data-module]')]
    .filter((el) => !el.hasAttribute(`data-${el.dataset.module}-init`))
    .map((el) => el.dataset.module)"""


def test_person_signs_in_and_reads_their_record_without_javascript(new_context):
    """Given Dennis's browser has JavaScript turned off
    When he signs in and follows 'My details and my circle of support'
    Then his record opens, as it would with JavaScript"""
    page = new_context(java_script_enabled=False).new_page()

    sign_in(page, DEMO["dennis"])
    expect(page.locator("body.js-enabled")).to_have_count(0)  # JavaScript really is off
    page.get_by_role("link", name="My details and my circle of support").click()

    expect(page.get_by_role("heading", level=1, name="Dennis Ward")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("Your record")
    expect(page.get_by_role("main")).to_contain_text("14 Shirebrook Road")


class BrowserConsole:
    """Console errors and warnings, uncaught exceptions and CSP refusals of one page."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.problems: list[str] = []
        self.documents: set[str] = set()
        page.add_init_script(RECORD_CSP_VIOLATIONS)
        page.on("request", self._request)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"uncaught: {error}"))

    def _request(self, request) -> None:
        if request.resource_type == "document":
            self.documents.add(request.url)

    def _console(self, message) -> None:
        if message.type not in {"error", "warning"}:
            return
        # A page answered with an error status on purpose (a form with errors is a 400) is
        # logged as a failed load; the tests check such statuses themselves. Any script,
        # style or image failing to load still counts.
        failed_load = message.text.startswith("Failed to load resource")
        if failed_load and message.location.get("url") in self.documents:
            return
        self.problems.append(f"console {message.type}: {message.text} ({message.location})")

    def visit(self, path: str) -> None:
        self.page.goto(path)
        self.check(path)

    def check(self, path: str) -> None:
        """Checks the app's scripts ran under the policy on the page as it is now."""
        body_classes = self.page.evaluate("() => document.body.className")
        assert self.page.evaluate(
            "() => document.body.classList.contains('govuk-frontend-supported')"
        ), f"{path}: the nonce'd inline script did not run (body class: {body_classes!r})"
        assert self.page.evaluate(UNINITIALISED_COMPONENTS) == [], (
            f"{path}: GOV.UK Frontend's module script did not initialise every component"
        )
        for violation in self.page.evaluate("() => window.__cspViolations"):
            self.problems.append(f"{path}: CSP {violation}")


def test_pages_run_their_scripts_under_the_content_security_policy(browser_as, new_context):
    """Given the browser enforces the app's Content-Security-Policy (not bypassed)
    When someone opens sign-in (and sends it empty), and Sam, a practitioner, opens his pages
    Then the nonce'd scripts run, and there is no console error, no uncaught exception and
    no CSP refusal"""
    anonymous = BrowserConsole(new_context().new_page())
    anonymous.visit("/sign-in")
    anonymous.page.get_by_role("button", name="Sign in").click()
    expect(anonymous.page.locator(".govuk-error-summary")).to_be_focused()  # by its script
    anonymous.check("/sign-in with errors (a 400)")
    anonymous.visit("/accessibility")

    sam = BrowserConsole(browser_as("sam"))
    for path in ("/", "/people/?show=team"):
        sam.visit(path)
    find_person(sam.page, "ward")
    sam.page.get_by_role("link", name="Ward, Dennis").click()
    expect(sam.page.get_by_role("heading", level=1, name="Dennis Ward")).to_be_visible()
    sam.check("Dennis Ward's record")

    assert anonymous.problems + sam.problems == []
