from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "alongside.directory"
    label = "directory"
    verbose_name = "Community directory"

    def ready(self):
        # Keeps the keyword index and embeddings in step with imports and edits (ADR 24).
        from alongside.directory import search  # noqa: F401
