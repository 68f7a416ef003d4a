"""`alongside outcomes load FILE...` or `alongside outcomes load --built-in`: load instrument
definitions. A file with a mistake is refused whole, with each problem's line and reason."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from alongside.outcomes.definitions import BUILT_IN, DefinitionError, load_file

SAID = {
    "new": "loaded as version {n}",
    "corrected": "version {n} corrected (no answers given against it yet)",
    "unchanged": "unchanged (version {n})",
}


class Command(BaseCommand):
    help = "Load outcome instrument definitions (TOML files)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser("load", help="Load definition files")
        load.add_argument("files", nargs="*", type=Path)
        load.add_argument("--built-in", action="store_true", help="the instruments we ship")

    def handle(self, *args, **options):
        files = list(options["files"])
        if options["built_in"]:
            files += sorted(BUILT_IN.glob("*.toml"))
        if not files:
            raise CommandError("Name one or more definition files, or use --built-in.")
        failed = False
        for path in files:
            if not path.is_file():
                self.stderr.write(f"{path}: no such file")
                failed = True
                continue
            try:
                version, what = load_file(path)
            except DefinitionError as error:
                for problem in error.problems:
                    self.stderr.write(f"{path.name} {problem}")
                failed = True
                continue
            said = SAID[what].format(n=version.number)
            self.stdout.write(f"{version.instrument.name}: {said}")
        if failed:
            raise CommandError("Some definitions were not loaded: see above.")
