from django.apps import AppConfig


class HeardConfig(AppConfig):
    name = "alongside.heard"
    label = "heard"
    verbose_name = "Feeling heard"
