from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "alongside.privacy"
    label = "privacy"
    verbose_name = "My privacy"
