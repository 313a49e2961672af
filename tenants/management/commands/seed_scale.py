"""Benchmark-sized housing stock, fast: `manage.py seed_scale --dwellings 30000` (Mitros has about 30,000 homes).

One corporation with complexes of 50 dwellings, one household per dwelling and, for most households, an
activated tenant account with its profile and e-mail address, as activation by letter code leaves them.
Everything is written with bulk inserts in one transaction; all tenants share one password, hashed once.
Refuses to run when the corporation already exists, so it never mixes with or duplicates earlier data.
"""

import itertools
import string
import time

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from tenants.models import Complex, Corporation, Dwelling, Household, TenantProfile

DWELLINGS_PER_COMPLEX = 50
TENANT_SHARE = 0.83  # share of households with an account, by default
BATCH_SIZE = 2000
STREETS = [
    "Kanaalstraat",
    "Amsterdamsestraatweg",
    "Vleutenseweg",
    "Damstraat",
    "Marnixlaan",
    "Oudenoord",
    "Biltstraat",
    "Kardinaal de Jongweg",
    "Overvecht-Zuid",
    "Zamenhofdreef",
    "Columbuslaan",
    "Vasco da Gamalaan",
]


class Command(BaseCommand):
    help = "Create one corporation with benchmark-sized housing stock and tenant accounts, using bulk inserts."

    def add_arguments(self, parser):
        parser.add_argument("--dwellings", type=int, default=30000)
        parser.add_argument("--tenants", type=int, help="Households with an activated account (default: 83%%).")
        parser.add_argument("--corporation", default="mitros-scale", help="Short name (slug) of the new corporation.")
        parser.add_argument("--password", default="scale-test-password", help="The password of every tenant.")

    def handle(self, *args, dwellings, tenants, corporation, password, **options):
        if dwellings < 1:
            raise CommandError("--dwellings must be at least 1.")
        tenants = round(dwellings * TENANT_SHARE) if tenants is None else tenants
        if not 0 <= tenants <= dwellings:
            raise CommandError("--tenants must be between 0 and the number of dwellings.")
        if Corporation.objects.filter(slug=corporation).exists():
            raise CommandError(f"Corporation {corporation!r} already exists; delete it or pass another --corporation.")
        started = time.monotonic()
        with transaction.atomic():
            corp = Corporation.objects.create(name=f"Scale test {corporation}", slug=corporation)
            households = self._housing_stock(corp, dwellings)
            self._tenants(corp, households[:tenants], make_password(password))
        self.stdout.write(
            self.style.SUCCESS(
                f"Corporation {corporation}: {dwellings} dwellings in {_complex_count(dwellings)} complexes,"
                f" {dwellings} households, {tenants} tenant accounts (password {password!r})"
                f" in {time.monotonic() - started:.1f}s."
            )
        )

    def _housing_stock(self, corp, count):
        """Complexes, dwellings and their households; every complex gets a postcode no other dwelling uses."""
        postcodes = _free_postcodes()
        complexes = [
            Complex(corporation=corp, code=f"SC{number:05d}", name=f"Complex {number}", city="Utrecht")
            for number in range(1, _complex_count(count) + 1)
        ]
        Complex.objects.bulk_create(complexes, batch_size=BATCH_SIZE)
        dwellings = [
            Dwelling(
                complex=complex_,
                street=STREETS[index % len(STREETS)],
                house_number=number,
                postcode=postcode,
                city="Utrecht",
            )
            for index, (complex_, postcode) in enumerate(zip(complexes, postcodes, strict=False))
            for number in range(1, min(DWELLINGS_PER_COMPLEX, count - index * DWELLINGS_PER_COMPLEX) + 1)
        ]
        Dwelling.objects.bulk_create(dwellings, batch_size=BATCH_SIZE)
        households = [
            Household(dwelling=dwelling, tenancy_reference=f"{corp.slug[:24]}-{index:07d}")
            for index, dwelling in enumerate(dwellings, start=1)
        ]
        Household.objects.bulk_create(households, batch_size=BATCH_SIZE)
        return households

    def _tenants(self, corp, households, password_hash):
        users = [
            get_user_model()(email=f"tenant{index:06d}@{corp.slug}.example.org", password=password_hash)
            for index in range(1, len(households) + 1)
        ]
        get_user_model().objects.bulk_create(users, batch_size=BATCH_SIZE)
        TenantProfile.objects.bulk_create(
            [
                TenantProfile(user=user, household=household, display_name=f"Buur {household.dwelling.house_number}")
                for user, household in zip(users, households, strict=True)
            ],
            batch_size=BATCH_SIZE,
        )
        # As an account made with a letter code has (see tenants.invitations.redeem).
        EmailAddress.objects.bulk_create(
            [EmailAddress(user=user, email=user.email, primary=True, verified=False) for user in users],
            batch_size=BATCH_SIZE,
        )


def _complex_count(dwellings):
    return -(-dwellings // DWELLINGS_PER_COMPLEX)


def _free_postcodes():
    """Postcodes from 3500 AA on (Utrecht) that no dwelling has yet, so the new addresses are all unique."""
    used = set(Dwelling.objects.values_list("postcode", flat=True).distinct())
    digits = itertools.chain(range(3500, 10000), range(1000, 3500))
    for number, letters in itertools.product(digits, itertools.product(string.ascii_uppercase, repeat=2)):
        postcode = f"{number}{''.join(letters)}"
        if postcode not in used:
            yield postcode
