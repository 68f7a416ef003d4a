from django.apps import AppConfig


class ThreadsConfig(AppConfig):
    name = "alongside.threads"
    label = "threads"
    verbose_name = "Messages"
