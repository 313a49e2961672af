"""Import a corporation's housing stock from the ERP's CSV export: `manage.py import_housing_stock --corporation
SLUG path.csv`. Prints what changed; on bad rows prints every one to stderr, saves nothing and exits with 1."""

import time

from django.core.management.base import BaseCommand, CommandError

from tenants.housing_import import import_housing_stock
from tenants.models import Corporation


class Command(BaseCommand):
    help = (
        "Import complexes, dwellings and households of one corporation from a CSV export (see tenants.housing_import)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--corporation", required=True, help="The corporation's short name (slug).")
        parser.add_argument("path", help="The CSV file.")

    def handle(self, *args, corporation, path, **options):
        try:
            corporation = Corporation.objects.get(slug=corporation)
        except Corporation.DoesNotExist as error:
            raise CommandError(f"No corporation with short name {corporation!r}.") from error
        try:
            with open(path, "rb") as file:
                content = file.read()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}.") from error
        started = time.monotonic()
        report = import_housing_stock(corporation, content)
        if not report.ok:
            for error in report.errors:
                self.stderr.write(str(error))
            raise CommandError(f"{len(report.errors)} error(s) in {path}; nothing was imported.")
        for label, number in report.counts():
            self.stdout.write(f"{label}: {number}")
        self.stdout.write(
            self.style.SUCCESS(f"Imported {path} into {corporation} in {time.monotonic() - started:.1f}s.")
        )
