from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from alongside.demo.council import DEMO_EMAIL_DOMAIN
from alongside.demo.synthetic import SEED_EMAIL_DOMAIN


class Command(BaseCommand):
    help = "Print the current two-factor code of a demo or synthetic account (never a real one)."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        if not email.lower().endswith((f"@{DEMO_EMAIL_DOMAIN}", f"@{SEED_EMAIL_DOMAIN}")):
            raise CommandError("Codes are shown only for demo and synthetic accounts.")
        device = TOTPDevice.objects.filter(user__email__iexact=email, confirmed=True).first()
        if device is None:
            raise CommandError("That account has no two-factor device. Run `alongside demo` first.")
        self.stdout.write(f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}")
