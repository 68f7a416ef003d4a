"""The real app, served by ``alongside runserver`` on a temporary SQLite file, and Debian's
Chromium to drive it.

These tests never touch the database from the test process: pytest-django's ``live_server``
and ``db`` fixtures would flush the tables between tests, and the audit table refuses DELETE.
Instead one server process per session holds the demo council (``alongside demo``), plus:

- twenty more people in the North Locality Team, so the team list has a second page;
- a North practitioner with no two-factor device yet (helpers.NEW_STARTER), to see set-up.

Each demo account signs in at most once per session (``signed_in_state``): django-otp refuses
a two-factor code from a time step that account has already used.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from tests.system.helpers import DEMO, NEW_STARTER, ROLES, sign_in

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SERVER_START_SECONDS = 30

# Run in the server's environment after `alongside demo`.
EXTRA_DATA = f"""
from alongside.accounts.models import Role, Team, User
from alongside.people.models import Origin, Person

north = Team.objects.get(name="North Locality Team")
User.objects.create_user(
    {NEW_STARTER.email!r}, password={NEW_STARTER.password!r},
    full_name={NEW_STARTER.full_name!r}, role=Role.PRACTITIONER, team=north,
)
for n in range(1, 21):
    Person.objects.create(
        given_name=f"Pat {{n:02d}}", family_name="Example", team=north, origin=Origin.DEMO,
        address="1 Example Street", postcode="SB1 1AA",
    )
"""


def _alongside_command() -> Path:
    """The `alongside` entry point of the virtual environment running these tests."""
    beside_python = Path(sys.executable).parent / "alongside"
    return beside_python if beside_python.exists() else ROOT / ".venv" / "bin" / "alongside"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass(frozen=True)
class Server:
    url: str
    env: dict[str, str]
    log: Path
    mail_dir: Path  # every e-mail the server sends, one file each (ALONGSIDE_MAIL_DIR)

    def manage(self, *args: str) -> str:
        """Runs an `alongside` management command against the server's database."""
        result = subprocess.run(
            [str(_alongside_command()), *args],
            env=self.env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )
        if result.returncode != 0:
            pytest.fail(f"alongside {args[0]} failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout


def _server_env(var_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    # The test settings read TEST_DATABASE_URL, and pytest-django has set the test settings
    # module in this process: neither may leak into the server, which must use its own file.
    for name in ("TEST_DATABASE_URL", "DATABASE_URL", "DJANGO_SETTINGS_MODULE", "DEBUG"):
        env.pop(name, None)
    env.update(
        DATABASE_URL=f"sqlite:///{var_dir / 'alongside.sqlite3'}",
        ALONGSIDE_VAR_DIR=str(var_dir),
        ALONGSIDE_MAIL_DIR=str(var_dir / "mail"),  # Server.mail_dir
        DJANGO_SETTINGS_MODULE="alongside.config.settings.local",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DEBUG="false",
        PYTHONUNBUFFERED="1",
    )
    return env


def _wait_until_healthy(url: str, process: subprocess.Popen, log: Path) -> None:
    direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"The server stopped (exit {process.returncode}):\n{log.read_text()}")
        try:
            with direct.open(f"{url}/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.1)  # polling for the server to listen, not waiting on the app
    pytest.fail(
        f"The server did not answer /healthz in {SERVER_START_SECONDS}s:\n{log.read_text()}"
    )


@pytest.fixture(scope="session")
def alongside_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    var_dir = tmp_path_factory.mktemp("alongside")
    port = _free_port()
    server = Server(
        url=f"http://127.0.0.1:{port}",
        env=_server_env(var_dir),
        log=var_dir / "log",
        mail_dir=var_dir / "mail",
    )
    server.manage("migrate", "--no-input")
    server.manage("demo")
    server.manage("shell", "-c", EXTRA_DATA)
    with server.log.open("w") as log:
        process = subprocess.Popen(
            [str(_alongside_command()), "runserver", "--noreload", f"127.0.0.1:{port}"],
            env=server.env,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            _wait_until_healthy(server.url, process, server.log)
            yield server
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@pytest.fixture(scope="session")
def mail_dir(alongside_server: Server) -> Path:
    """Where the server writes each e-mail it sends (read them with helpers.emails_to)."""
    return alongside_server.mail_dir


# --- pytest-playwright, pointed at the server and Debian's Chromium ----------------------


@pytest.fixture(scope="session")
def base_url(alongside_server: Server) -> str:
    return alongside_server.url


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(
            f"Browser tests need Chromium at {CHROMIUM}: `apt-get install chromium`, "
            "or set CHROMIUM=/path/to/chromium."
        )
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": CHROMIUM_ARGS,
    }


# --- Signed-in browsers ------------------------------------------------------------------


@pytest.fixture(scope="session")
def signed_in_state(browser: Browser, browser_context_args: dict) -> Callable[[str], dict]:
    """signed_in_state("sam") → cookies of a session that has passed sign-in (and two-factor).

    Each account signs in the first time it is asked for, then never again this session.
    """
    states: dict[str, dict] = {}

    def state_for(who: str) -> dict:
        if who not in states:
            context = browser.new_context(**browser_context_args)
            try:
                sign_in(context.new_page(), DEMO[who])
                states[who] = context.storage_state()
            finally:
                context.close()
        return states[who]

    return state_for


@pytest.fixture
def browser_as(new_context, signed_in_state) -> Callable[..., Page]:
    """browser_as("sam") or browser_as(role="practitioner") → a new page, signed in.

    Extra keywords go to the browser context (``bypass_csp=True`` for axe, a viewport, ...).
    """

    def open_page(who: str | None = None, *, role: str | None = None, **context_args) -> Page:
        context: BrowserContext = new_context(
            storage_state=signed_in_state(who or ROLES[role]), **context_args
        )
        return context.new_page()

    return open_page
