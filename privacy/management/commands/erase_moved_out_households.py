from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from tenants.models import Corporation

from ...retention import erase_due_households, households_due


class Command(BaseCommand):
    help = "Erase the personal data of households that moved out longer ago than PRIVACY_RETENTION_DAYS."

    def add_arguments(self, parser):
        parser.add_argument("--corporation", help="only this corporation (its short name)")
        parser.add_argument("--dry-run", action="store_true", help="only count the households due")

    def handle(self, *args, corporation=None, dry_run=False, **options):
        corporation_ids = None
        if corporation:
            corporation_ids = list(Corporation.objects.filter(slug=corporation).values_list("pk", flat=True))
            if not corporation_ids:
                self.stderr.write(_("No corporation with short name %(slug)s.") % {"slug": corporation})
                raise SystemExit(1)
        if dry_run:
            due = households_due(corporation_ids=corporation_ids).count()
            self.stdout.write(_("%(count)s households are due for erasure.") % {"count": due})
            return
        totals = erase_due_households(corporation_ids=corporation_ids)
        self.stdout.write(_("%(count)s households erased.") % {"count": totals.pop("households", 0)})
        for name, number in sorted(totals.items()):
            self.stdout.write(f"  {name}: {number}")
