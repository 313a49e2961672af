"""A person's own data, from every section of privacy.inventory: as JSON for a machine, and as rows for the
printable page. Only ever built for the signed-in person themselves (privacy.views)."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from tenants.models import TenantProfile

from .inventory import SECTIONS
from .models import PrivacyEvent


def households_of(user):
    """The households the person belongs to (a profile links one; an ended tenancy still counts)."""
    return list(TenantProfile.objects.filter(user=user).values_list("household_id", flat=True))


def personal_data(user):
    """{section key: [row, ...]} for every section, in the inventory's order."""
    households = households_of(user)
    return {section.key: list(section.queryset(user, households)) for section in SECTIONS}


def as_json(user):
    data = {"exported_at": timezone.now(), "person": user.email, "sections": personal_data(user)}
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)


def _column(model, lookup):
    """The readable name of a column and its choices, found by following `lookup` ("household__dwelling__street")."""
    for name in lookup.split("__"):
        field = model._meta.get_field(name.removesuffix("_id"))
        model = field.related_model or model
    label = field.verbose_name if hasattr(field, "verbose_name") else field.name
    return str(label), dict(getattr(field, "flatchoices", None) or [])


def _shown(value, choices):
    return choices.get(value, value) if choices else value


def as_tables(user):
    """[(title, column names, rows as lists)] for the sections that have rows; choices shown by their label."""
    data = personal_data(user)
    tables = []
    for section in SECTIONS:
        rows = data[section.key]
        if not rows:
            continue
        columns = [_column(section.model, name) for name in section.fields]
        cells = [
            [_shown(row[name], choices) for name, (_label, choices) in zip(section.fields, columns, strict=True)]
            for row in rows
        ]
        tables.append((section.title, [label for label, _choices in columns], cells))
    return tables


@transaction.atomic
def log_export(user, form):
    """Record that the person downloaded their data (staff of their corporation see that it happened)."""
    profile = TenantProfile.objects.select_related("household__dwelling__complex").filter(user=user).first()
    household = profile.household if profile else None
    return PrivacyEvent.objects.create(
        kind=PrivacyEvent.Kind.EXPORT,
        user=user,
        household=household,
        corporation_id=household.dwelling.complex.corporation_id if household else None,
        counts={"format": form},
    )
