"""Closed-loop page benchmark for Alongside: standard library only.

Signs in U synthetic practitioners (each a different account: django-otp refuses a second use of
the same time step on one device), warms up, measures one user alone, then U users with no think
time for S seconds. Every response must be 200 and hold the page's own text; anything else is
counted as an error, printed, and makes the exit status 1.

    python benchmarks/load.py --base-url http://127.0.0.1:8765 --users 16 --seconds 30

Only loopback addresses are accepted as targets.
"""

import argparse
import base64
import hashlib
import hmac
import http.client
import ipaddress
import json
import math
import os
import random
import re
import socket
import statistics
import struct
import sys
import threading
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

SEED_EMAIL = "practitioner{n}@seed.alongside.invalid"
SEED_PASSWORD = "synthetic-benchmark-only"
SEED_TOTP_SECRET = "GAYTEMZUGU3DOOBZGAYTEMZUGU3DOOBZ"
PEOPLE_PER_PRACTITIONER = 40  # alongside/demo/synthetic.py
PAGE_SIZE = 25  # alongside/people/views.py
TOTP_STEP = 30

HOME, CASELOAD, TEAM, PERSON, STORY, PLAN = "home", "caseload", "team", "person", "story", "plan"
KINDS = (HOME, CASELOAD, TEAM, PERSON, STORY, PLAN)
# Text each page must contain, beyond the status: proof that the page rendered for a signed-in
# practitioner and was not, say, the sign-in page with a 200.
EXPECTED = {
    HOME: ("People allocated to you", "See everyone in your team"),
    CASELOAD: ("People allocated to you</h1>", 'class="govuk-table"'),
    TEAM: ("Everyone in your team</h1>", 'class="govuk-table"'),
    PERSON: ('<h2 class="govuk-heading-l">About me</h2>', "alongside-provenance"),
    STORY: ("Story over time</h2>", "alongside-story__event"),
    # The Plan tab is the current one, and a plan (not "There is no plan yet") is shown.
    PLAN: ('aria-current="page">Plan</a>', "Plan, version"),
}
_PERSON_LINK = re.compile(r'href="/people/([0-9a-f-]{36})/"')
_CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_PEOPLE_COUNT = re.compile(r'role="status">\s*([\d,]+) (?:person|people)')


class BenchmarkError(Exception):
    pass


def totp(secret_base32: str, at: float, step: int = TOTP_STEP, digits: int = 6) -> str:
    """RFC 6238 TOTP (HMAC-SHA1), as authenticator apps and django-otp compute it."""
    key = base64.b32decode(secret_base32.upper() + "=" * (-len(secret_base32) % 8))
    counter = struct.pack(">Q", int(at) // step)
    digest = hmac.new(key, counter, hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    code = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{code % 10**digits:0{digits}d}"


@dataclass
class Sample:
    kind: str
    seconds: float
    ok: bool


class Browser:
    """One virtual user: a keep-alive connection and the cookies the server set."""

    def __init__(self, host: str, port: int, timeout: float):
        self.host, self.port, self.timeout = host, port, timeout
        self.cookies: dict[str, str] = {}
        self.conn: http.client.HTTPConnection | None = None

    def _connection(self) -> http.client.HTTPConnection:
        if self.conn is None:
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        return self.conn

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def request(self, method: str, path: str, form: dict | None = None):
        headers = {"Host": f"{self.host}:{self.port}", "User-Agent": "alongside-benchmark"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        # A keep-alive connection the server has closed fails on first use: retry once, fresh.
        for attempt in (1, 2):
            conn = self._connection()
            try:
                conn.request(method, path, body=body, headers=headers)
                response = conn.getresponse()
                data = response.read()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.close()
                if attempt == 2:
                    raise
            except BaseException:
                # A timeout (or anything else) leaves the connection mid-request: the next
                # request must start on a fresh one, not fail with CannotSendRequest.
                self.close()
                raise
        for header in response.msg.get_all("Set-Cookie") or []:
            jar = SimpleCookie()
            jar.load(header)
            for name, morsel in jar.items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        if response.will_close:
            self.close()
        return response.status, response.getheader("Location", ""), data.decode("utf-8", "replace")


@dataclass
class VirtualUser:
    number: int
    browser: Browser
    team_pages: int = 1
    people: list[str] = field(default_factory=list)  # ids on the first caseload page
    planned: list[str] = field(default_factory=list)  # those of them who have a plan
    samples: list[Sample] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def email(self) -> str:
        return SEED_EMAIL.format(n=self.number)

    def sign_in(self) -> None:
        b = self.browser
        status, _, page = b.request("GET", "/sign-in?next=/")
        token = _CSRF_INPUT.search(page)
        if status != 200 or not token or "alongside_csrf" not in b.cookies:
            raise BenchmarkError(f"{self.email}: GET /sign-in gave {status}, no CSRF token")
        form = {
            "csrfmiddlewaretoken": token.group(1),
            "email": self.email,
            "password": SEED_PASSWORD,
            "next": "/",
        }
        status, location, _ = b.request("POST", "/sign-in", form)
        if status != 302 or not location.startswith("/two-factor"):
            raise BenchmarkError(
                f"{self.email}: POST /sign-in gave {status} → {location!r} (seeded? throttled?)"
            )
        status, _, page = b.request("GET", location)
        token = _CSRF_INPUT.search(page)
        if status != 200 or not token:
            raise BenchmarkError(f"{self.email}: GET {location} gave {status}")
        # A time step can be used once per device: if this account's current step was spent
        # (a run moments ago), the next step's code is accepted once it comes round.
        for attempt in range(3):
            form = {
                "csrfmiddlewaretoken": token.group(1),
                "code": totp(SEED_TOTP_SECRET, time.time()),
            }
            status, where, page = b.request("POST", location, form)
            if status == 302 and where == "/":
                return
            if attempt < 2:
                time.sleep(TOTP_STEP - time.time() % TOTP_STEP + 0.5)
                token = _CSRF_INPUT.search(page) or token
        raise BenchmarkError(f"{self.email}: two-factor code refused ({status})")

    def fetch(self, kind: str, path: str, *, record: bool = True) -> str:
        started = time.perf_counter()
        try:
            status, location, page = self.browser.request("GET", path)
        except (OSError, http.client.HTTPException) as error:
            status, location, page = 0, "", f"{type(error).__name__}: {error}"
        elapsed = time.perf_counter() - started
        ok = status == 200 and all(text in page for text in EXPECTED[kind])
        if record:
            self.samples.append(Sample(kind, elapsed, ok))
        if not ok:
            detail = f"→ {location}" if location else page[:120].replace("\n", " ")
            self.errors.append(f"{self.email} GET {path}: {status} {detail}")
        return page

    def path_for(self, kind: str, rng: random.Random) -> str:
        if kind == HOME:
            return "/"
        if kind == CASELOAD:
            return "/people/"
        if kind == TEAM:
            return f"/people/?show=team&page={rng.randint(1, self.team_pages)}"
        if kind == PLAN:
            return f"/people/{rng.choice(self.planned)}/plan/"
        person = rng.choice(self.people)
        return f"/people/{person}/about-me/" if kind == PERSON else f"/people/{person}/story"

    def discover(self) -> None:
        """Visits each page once (unrecorded) and learns how many pages the team list has."""
        self.fetch(HOME, "/", record=False)
        caseload = self.fetch(CASELOAD, "/people/", record=False)
        self.people = _PERSON_LINK.findall(caseload)
        if not self.people:
            raise BenchmarkError(f"{self.email}: nobody on the caseload to open")
        page = self.fetch(TEAM, "/people/?show=team", record=False)
        count = _PEOPLE_COUNT.search(page)
        if count is None:
            raise BenchmarkError(f"{self.email}: no people count on the team page")
        self.team_pages = max(1, math.ceil(int(count.group(1).replace(",", "")) / PAGE_SIZE))
        # The plan page is measured for people who have a plan (about 70% of the seeded
        # people): which of the caseload's first page they are, from their plan pages.
        for person in self.people:
            status, _, page = self.browser.request("GET", f"/people/{person}/plan/")
            if status == 200 and all(text in page for text in EXPECTED[PLAN]):
                self.planned.append(person)
            elif status != 200 or 'aria-current="page">Plan</a>' not in page:
                raise BenchmarkError(f"{self.email}: GET /people/{person}/plan/ gave {status}")
        if not self.planned:
            raise BenchmarkError(f"{self.email}: nobody on the caseload has a plan (seeded?)")


class CpuMeter:
    """Who used the machine's CPU during a phase (Linux /proc): the server, the benchmark
    database's backends, other PostgreSQL processes, this script, and everything else.
    On a shared machine, "others" says whether a result can be trusted.

    PostgreSQL's parallel workers live for one query and name no database, so their CPU is
    only seen once the postmaster has reaped them: it is counted under "postgres, other",
    with any other database's backends."""

    def __init__(self, server_pid: int | None, db_name: str | None):
        self.server_pid, self.db_name = server_pid, db_name
        self.tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
        self.available = os.path.exists("/proc/stat")

    @staticmethod
    def _machine() -> int:
        with open("/proc/stat") as f:
            fields = [int(x) for x in f.readline().split()[1:9]]
        return sum(fields) - fields[3] - fields[4]  # all but idle and iowait

    def _processes(self) -> dict[str, int]:
        used = {"server": 0, "database": 0, "postgres, other": 0}
        ours = re.compile(rf"postgres: .* {re.escape(self.db_name)} ") if self.db_name else None
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open(f"/proc/{entry}/stat") as f:
                    stat = f.read()
                with open(f"/proc/{entry}/cmdline", "rb") as f:
                    cmdline = f.read().replace(b"\0", b" ").decode(errors="replace")
            except OSError:
                continue
            pid = int(entry)
            name, rest = stat.split(" (", 1)[1].rsplit(") ", 1)
            fields = rest.split()
            ppid = int(fields[1])
            ticks = int(fields[11]) + int(fields[12])  # utime + stime
            if self.server_pid and self.server_pid in (pid, ppid):
                used["server"] += ticks
            elif name == "postgres" or cmdline.startswith("postgres: "):
                if ours is not None and ours.match(cmdline):
                    used["database"] += ticks
                else:
                    # Reaped children (cutime + cstime) only add up in the postmaster.
                    used["postgres, other"] += ticks + int(fields[13]) + int(fields[14])
        return used

    def start(self) -> None:
        if self.available:
            self.before = (self._machine(), self._processes(), os.times(), time.perf_counter())

    def stop(self) -> dict:
        """Average cores used by each during the phase."""
        if not self.available:
            return {}
        busy0, procs0, times0, wall0 = self.before
        busy1, procs1 = self._machine(), self._processes()
        times1, wall1 = os.times(), time.perf_counter()
        wall = wall1 - wall0
        cores = {k: (procs1[k] - procs0[k]) / self.tick / wall for k in procs1}
        cores["load script"] = (times1.user + times1.system - times0.user - times0.system) / wall
        cores["all"] = (busy1 - busy0) / self.tick / wall
        cores["others"] = max(0.0, cores["all"] - sum(v for k, v in cores.items() if k != "all"))
        return {k: round(max(0.0, v), 2) for k, v in cores.items()}

    def disturbance(self, cores: dict) -> float:
        """Cores used by what is not this benchmark. With PostgreSQL under test, its other
        processes may be this run's parallel workers, so they are not held against it."""
        if not cores:
            return 0.0
        return round(cores["others"] + (0 if self.db_name else cores["postgres, other"]), 2)


def wait_for_quiet(meter: CpuMeter, limit: float, out) -> None:
    """Waits (up to ``limit`` seconds) until other processes use under a fifth of a core."""
    if not meter.available or limit <= 0:
        return
    waited = 0.0
    while True:
        meter.start()
        time.sleep(3)
        others = meter.disturbance(meter.stop())
        if others < 0.2:
            return
        if waited >= limit:
            print(f"Other processes still use {others} cores: measuring anyway.", file=out)
            return
        print(f"Other processes use {others} cores: waiting for a quiet machine…", file=out)
        waited += 3


def summarise(samples: list[Sample], elapsed: float) -> dict:
    rows = {}
    for kind in (*KINDS, "all"):
        chosen = [s for s in samples if kind == "all" or s.kind == kind]
        if not chosen:
            continue
        ms = sorted(s.seconds * 1000 for s in chosen)
        cuts = statistics.quantiles(ms, n=100, method="inclusive") if len(ms) > 1 else ms * 99
        rows[kind] = {
            "requests": len(ms),
            "req_per_s": round(len(ms) / elapsed, 1) if elapsed else None,
            "p50_ms": round(cuts[49], 1),
            "p95_ms": round(cuts[94], 1),
            "p99_ms": round(cuts[98], 1),
            "max_ms": round(ms[-1], 1),
            "errors": sum(not s.ok for s in chosen),
        }
    return rows


def table(title: str, rows: dict) -> str:
    head = f"{'page':<10}{'requests':>10}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}"
    head += f"{'p99 ms':>9}{'max ms':>9}{'errors':>8}"
    lines = [title, head, "-" * len(head)]
    for kind, r in rows.items():
        lines.append(
            f"{kind:<10}{r['requests']:>10}{r['req_per_s']:>8}{r['p50_ms']:>9}{r['p95_ms']:>9}"
            f"{r['p99_ms']:>9}{r['max_ms']:>9}{r['errors']:>8}"
        )
    return "\n".join(lines)


def cpu_line(cores: dict) -> str:
    if not cores:
        return "CPU: not measured (no /proc)"
    parts = ", ".join(f"{k} {v:.2f}" for k, v in cores.items() if k != "all")
    return f"CPU, cores in use on average (of {os.cpu_count()}): {cores['all']:.2f} = {parts}"


def run_closed_loop(
    users: list[VirtualUser], seconds: float, *, record: bool, seed: int, kinds=KINDS
) -> float:
    """Every user requests pages back to back until the time is up; returns the elapsed time."""
    start_gate = threading.Barrier(len(users) + 1)
    deadline = [0.0]

    def loop(user: VirtualUser) -> None:
        rng = random.Random(seed * 1000 + user.number)
        turn = user.number  # users start at different pages of the rotation
        start_gate.wait()
        while time.perf_counter() < deadline[0]:
            kind = kinds[turn % len(kinds)]
            turn += 1
            user.fetch(kind, user.path_for(kind, rng), record=record)

    threads = [threading.Thread(target=loop, args=(u,), daemon=True) for u in users]
    for t in threads:
        t.start()
    started = time.perf_counter()
    deadline[0] = started + seconds
    start_gate.wait()
    for t in threads:
        t.join(timeout=seconds + 120)
        if t.is_alive():
            raise BenchmarkError("a virtual user did not finish within two minutes of the end")
    return time.perf_counter() - started


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8765")
    parser.add_argument("--users", type=int, default=16, help="concurrent virtual users")
    parser.add_argument("--seconds", type=float, default=30, help="length of the loaded phase")
    parser.add_argument("--people", type=int, default=100_000, help="synthetic people seeded")
    parser.add_argument("--single-requests", type=int, default=200, help="single-user phase")
    parser.add_argument("--warmup-seconds", type=float, default=5)
    parser.add_argument("--timeout", type=float, default=30, help="per request, seconds")
    parser.add_argument("--seed", type=int, default=1, help="random seed for team pages")
    parser.add_argument("--server-pid", type=int, help="gunicorn's master: for CPU accounting")
    parser.add_argument("--db-name", help="PostgreSQL database: its backends' CPU is counted")
    parser.add_argument(
        "--quiet-wait",
        type=float,
        default=0,
        metavar="SECONDS",
        help="before measuring, wait up to this long for other processes to go quiet",
    )
    parser.add_argument(
        "--pages",
        default=",".join(KINDS),
        help=f"the closed loop's pages, comma-separated (default: all of {','.join(KINDS)})",
    )
    parser.add_argument("--label", default="", help="printed above the results")
    parser.add_argument(
        "--json", metavar="FILE", help="also write the results as JSON ('-': stdout)"
    )
    args = parser.parse_args(argv)

    url = urlsplit(args.base_url)
    host, port = url.hostname or "127.0.0.1", url.port or 80
    try:
        loopback = ipaddress.ip_address(socket.gethostbyname(host)).is_loopback
    except (OSError, ValueError):
        loopback = False
    if url.scheme != "http" or not loopback:
        parser.error("--base-url must be http:// on a loopback address (127.0.0.1 or localhost)")
    kinds = tuple(k.strip() for k in args.pages.split(",") if k.strip())
    if not kinds or set(kinds) - set(KINDS):
        parser.error(f"--pages: choose from {', '.join(KINDS)}")
    practitioners = math.ceil(args.people / PEOPLE_PER_PRACTITIONER)
    if args.users < 1 or args.users > practitioners:
        parser.error(f"--users must be from 1 to {practitioners} (practitioners seeded)")

    # Users spread over the practitioners (and so over teams of twelve), not the first few.
    stride = max(1, practitioners // args.users)
    users = [
        VirtualUser(number=1 + i * stride, browser=Browser(host, port, args.timeout))
        for i in range(args.users)
    ]
    out = sys.stderr
    print(f"Signing in {len(users)} practitioners…", file=out, flush=True)
    sign_in_errors: list[str] = []

    def sign_in(user: VirtualUser) -> None:
        try:
            user.sign_in()
            user.discover()
        except (BenchmarkError, OSError, http.client.HTTPException) as error:
            sign_in_errors.append(str(error))

    # Four at a time: each sign-in is an Argon2 hash, which is meant to be slow.
    for batch in range(0, len(users), 4):
        threads = [threading.Thread(target=sign_in, args=(u,)) for u in users[batch : batch + 4]]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    errors_before = [e for u in users for e in u.errors]
    if sign_in_errors or errors_before:
        for e in sign_in_errors + errors_before:
            print(f"ERROR {e}", file=sys.stderr)
        return 1

    meter = CpuMeter(args.server_pid, args.db_name)
    wait_for_quiet(meter, args.quiet_wait, out)
    print(f"Warming up for {args.warmup_seconds:g}s…", file=out, flush=True)
    run_closed_loop(users, args.warmup_seconds, record=False, seed=args.seed, kinds=kinds)

    print(f"Single user, {args.single_requests} requests…", file=out, flush=True)
    solo = users[0]
    solo_kinds = tuple(k for k in (HOME, CASELOAD) if k in kinds) or kinds[:2]
    solo.samples.clear()
    meter.start()
    started = time.perf_counter()
    for i in range(args.single_requests):
        kind = solo_kinds[i % len(solo_kinds)]
        solo.fetch(kind, solo.path_for(kind, random.Random(i)))
    single = summarise(solo.samples, time.perf_counter() - started)
    single_cpu = meter.stop()
    solo.samples.clear()

    print(f"{len(users)} users, no think time, {args.seconds:g}s…", file=out, flush=True)
    meter.start()
    elapsed = run_closed_loop(users, args.seconds, record=True, seed=args.seed, kinds=kinds)
    loaded_cpu = meter.stop()
    for u in users:
        u.browser.close()
    loaded = summarise([s for u in users for s in u.samples], elapsed)

    errors = [e for u in users for e in u.errors]
    label = f"{args.label}: " if args.label else ""
    print()
    print(table(f"{label}single user, sequential, {' and '.join(solo_kinds)} alternating", single))
    print(cpu_line(single_cpu))
    print()
    print(
        table(
            f"{label}{len(users)} users, closed loop, no think time, {elapsed:.1f}s "
            f"({', '.join(kinds)})",
            loaded,
        )
    )
    print(cpu_line(loaded_cpu))
    disturbed = max(meter.disturbance(single_cpu), meter.disturbance(loaded_cpu))
    if disturbed > 0.2:
        print(
            f"WARNING: other processes used up to {disturbed} cores during the run: "
            "the figures above are not the server's alone. Run again on a quiet machine."
        )
    print()
    if errors:
        print(f"{len(errors)} ERRORS (first 20):", file=sys.stderr)
        for e in errors[:20]:
            print(f"  {e}", file=sys.stderr)
    if args.json:
        result = {
            "label": args.label,
            "base_url": args.base_url,
            "users": len(users),
            "seconds": round(elapsed, 2),
            "people": args.people,
            "practitioners": [u.email for u in users],
            "single_user": single,
            "single_user_cpu_cores": single_cpu,
            "loaded": loaded,
            "loaded_cpu_cores": loaded_cpu,
            "disturbance_cores": max(meter.disturbance(single_cpu), meter.disturbance(loaded_cpu)),
            "errors": errors[:100],
        }
        text = json.dumps(result, indent=2)
        if args.json == "-":
            print(text)
        else:
            with open(args.json, "w", encoding="utf-8") as f:
                f.write(text + "\n")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
