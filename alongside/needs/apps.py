from django.apps import AppConfig


class NeedsConfig(AppConfig):
    name = "alongside.needs"
    label = "needs"
