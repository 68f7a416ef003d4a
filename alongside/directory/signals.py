"""Signals the directory sends for other parts to listen to."""

from django.dispatch import Signal

# Sent once after an import commits, when any service was added, changed or made inactive.
# Keyword arguments: service_ids (new or changed services: re-index and re-embed these),
# inactive_ids (services the source no longer lists), source, run, progress (show a bar).
services_changed = Signal()
