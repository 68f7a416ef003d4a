"""`alongside directory import SOURCE [--strict] [--name NAME] [--no-progress]`: import an Open
Referral UK directory from a file or an http(s) address and say what happened.
`alongside directory refresh`: queue the re-import of every source marked for refreshing.
`alongside directory match "TEXT" | --queries FILE`: suggest services (match_command.py)."""

from collections import defaultdict

from django.core.management.base import BaseCommand, CommandError

from alongside.directory import match_command
from alongside.directory.models import ImportRun

SHOWN = 20


def handle_import(command: BaseCommand, options: dict) -> None:
    from alongside.directory.importer import import_source

    run = import_source(
        options["source"],
        name=options["name"] or "",
        strict=options["strict"],
        progress=options["progress"],
    )
    for line in report_lines(run):
        command.stdout.write(line)
    if run.outcome == ImportRun.Outcome.FAILED:
        raise CommandError(f"{run.error}\nNothing was changed.")


def handle_refresh(command: BaseCommand, options: dict) -> None:
    from alongside.directory.tasks import refresh_directory

    result = refresh_directory.enqueue()
    command.stdout.write(
        f"Queued the re-import of every source marked for refreshing ({result.id})."
    )


def report_lines(run: ImportRun) -> list[str]:
    seconds = (run.finished_at - run.started_at).total_seconds() if run.finished_at else 0
    failed = run.outcome == ImportRun.Outcome.FAILED
    lines = [
        f"{'Import failed' if failed else 'Imported'}: {run.source.name} ({run.source.location})"
    ]
    if not failed:
        lines += [
            f"  imported       {run.imported}",
            f"  updated        {run.updated}",
            f"  unchanged      {run.unchanged}",
            f"  skipped        {run.skipped}",
            f"  made inactive  {run.made_inactive}",
            f"  warnings       {len(run.warnings)}",
        ]
    if run.problems:
        lines += ["", "Skipped, and why:" if not failed else "Invalid records:"]
        lines += _grouped(run.problems)
    if run.warnings:
        lines += ["", "Warnings (imported, with these values left out or noted):"]
        lines += _grouped(run.warnings)
    lines += ["", f"Took {seconds:.1f} seconds."]
    return lines


def _grouped(entries: list[dict]) -> list[str]:
    groups = defaultdict(list)
    for entry in entries:
        groups[entry["problem"]].append(entry)
    lines = []
    for problem, members in sorted(groups.items(), key=lambda item: -len(item[1])):
        lines.append(f"  {problem} ({len(members)}):")
        members = [entry for entry in members if entry["record"]]  # about the whole feed
        for entry in members[:SHOWN]:
            name = f" “{entry['name']}”" if entry.get("name") else " (no name)"
            value = f": {entry['value']}" if entry.get("value") else ""
            lines.append(f"    {entry['record']}{name}{value}")
        if len(members) > SHOWN:
            lines.append(f"    and {len(members) - SHOWN} more")
    return lines


HANDLERS = {"import": handle_import, "refresh": handle_refresh, "match": match_command.handle}


class Command(BaseCommand):
    help = "The community directory: import Open Referral UK feeds and keep them fresh."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        imports = sub.add_parser("import", help="Import a directory from a file or web address")
        imports.add_argument("source", help="a JSON file, or an http(s) address of a feed")
        imports.add_argument(
            "--strict", action="store_true", help="refuse the whole feed if any record is invalid"
        )
        imports.add_argument("--name", help="what to call this source (kept for next time)")
        imports.add_argument(
            "--no-progress", dest="progress", action="store_false", help="no progress bar"
        )
        sub.add_parser("refresh", help="Queue the re-import of every source marked for refreshing")
        match_command.add_arguments(sub)

    def handle(self, *args, **options):
        HANDLERS[options["action"]](self, options)
