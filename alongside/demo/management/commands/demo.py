from django.core.management.base import BaseCommand, CommandError

from alongside.demo.council import ACCOUNTS, DEMO_PASSWORD, RealPeoplePresent, demo_load


class Command(BaseCommand):
    help = "Load the demo council (idempotent) and print every demo sign-in."

    def handle(self, *args, **options):
        try:
            demo_load()
        except RealPeoplePresent as error:
            raise CommandError(
                "This database holds records of real people. Demo data is only loaded into a "
                "database of demo or synthetic people."
            ) from error
        self.stdout.write(
            self.style.SUCCESS(
                "Demo council loaded. Sign in at http://127.0.0.1:8000/sign-in with:"
            )
        )
        self.stdout.write(f"  Password for every demo account: {DEMO_PASSWORD}")
        for account in ACCOUNTS:
            role = account.role.label
            secret = f"  two-factor secret {account.totp_secret}" if account.totp_secret else ""
            self.stdout.write(f"  {role:<38} {account.email:<38}{secret}")
        self.stdout.write(
            "  Staff: add the two-factor secret to an authenticator app (or run "
            "`alongside totp EMAIL` for the current code)."
        )
