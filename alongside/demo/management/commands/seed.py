import time

from django.core.management.base import BaseCommand, CommandError

from alongside.demo.synthetic import SEED_EMAIL_DOMAIN, SEED_PASSWORD, SEED_TOTP_SECRET, seed_people
from alongside.outcomes.models import Answer, GoalRating
from alongside.people.models import Origin, Person


class Command(BaseCommand):
    help = (
        "Add synthetic people (for benchmarks) until there are --people of them, with plans "
        "and outcome answers."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--people", type=int, required=True, help="how many synthetic people in all"
        )
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args, people, no_progress, **options):
        if people < 1:
            raise CommandError("--people must be 1 or more.")
        if Person.objects.filter(origin=Origin.RECORDED).exists():
            raise CommandError(
                "This database holds records of real people; synthetic data is never mixed in."
            )
        started = time.monotonic()
        added = seed_people(total=people, progress=not no_progress)
        self.stdout.write(
            f"Added {added:,} synthetic people in {time.monotonic() - started:.1f}s "
            f"({Person.objects.filter(origin=Origin.SYNTHETIC).count():,} in all)."
        )
        synthetic = {"person__origin": Origin.SYNTHETIC}
        self.stdout.write(
            f"Outcome answers: {Answer.objects.filter(**synthetic).count():,}; "
            f"goal ratings: {GoalRating.objects.filter(**synthetic).count():,}."
        )
        self.stdout.write(
            f"Synthetic staff: practitionerN@{SEED_EMAIL_DOMAIN} (N from 1), "
            f"password {SEED_PASSWORD}, two-factor secret {SEED_TOTP_SECRET}."
        )
