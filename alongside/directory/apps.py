from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "alongside.directory"
    label = "directory"
    verbose_name = "Community directory"
