"""Migrations that are safe to run while the previous release still serves (expand/contract).

During a rolling deploy the old code runs against the new schema for a while. So one migration may add (nullable
columns, new tables, columns with a database default) but not take away what the old code still reads or writes:
no dropped or renamed column or table, no column made NOT NULL that the old code may leave empty. Dropping comes
in a later release, once no running code uses the thing: such a contract-step migration says so with a
module-level `SAFE_TO_DROP = "why"`.

`unsafe_operations()` lists every operation of our own apps' migrations that breaks the rule (tests run it).
"""

import re
import sys
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.db import migrations
from django.db.migrations.loader import MigrationLoader
from django.db.models import NOT_PROVIDED

DESTRUCTIVE = (migrations.RemoveField, migrations.DeleteModel, migrations.RenameField, migrations.RenameModel)
DESTRUCTIVE_SQL = re.compile(r"\b(DROP\s+(COLUMN|TABLE)|RENAME\s+(COLUMN|TO))\b", re.IGNORECASE)


@dataclass(frozen=True)
class Finding:
    migration: str
    operation: str
    reason: str

    def __str__(self):
        return f"{self.migration}: {self.operation} ({self.reason})"


def our_app_labels():
    """The apps whose code lives in this repository (not Django's, allauth's or other installed packages)."""
    root = str(settings.BASE_DIR)
    return {
        config.label
        for config in apps.get_app_configs()
        if config.path.startswith(root) and "site-packages" not in config.path
    }


def check_operation(app_label, operation, before):
    """Why `operation` is unsafe while the old code serves, or None. `before`: the project state before it."""
    if isinstance(operation, DESTRUCTIVE):
        return "drops or renames what the running release still uses"
    if isinstance(operation, migrations.AlterField) and not operation.field.null:
        model = before.models.get((app_label, operation.model_name_lower))
        old = model.fields.get(operation.name) if model else None
        has_default = operation.field.has_default() or operation.field.db_default is not NOT_PROVIDED
        if old is not None and old.null and not has_default:
            return "makes a column NOT NULL without a default"
    if isinstance(operation, migrations.RunSQL) and DESTRUCTIVE_SQL.search(str(operation.sql)):
        return "raw SQL that drops or renames"
    return None


def opted_out(migration):
    """A contract step says why it may drop: `SAFE_TO_DROP = "..."` in its module (or on the Migration)."""
    module = sys.modules.get(type(migration).__module__)
    return bool(getattr(migration, "SAFE_TO_DROP", "") or getattr(module, "SAFE_TO_DROP", ""))


def findings_in(migration, before):
    """The unsafe operations of one migration, given the project state before it; none if it opts out."""
    if opted_out(migration):
        return []
    found, state = [], before.clone()
    for operation in migration.operations:
        reason = check_operation(migration.app_label, operation, state)
        if reason:
            found.append(Finding(f"{migration.app_label}.{migration.name}", operation.describe(), reason))
        operation.state_forwards(migration.app_label, state)
    return found


def unsafe_operations():
    loader = MigrationLoader(None, ignore_no_migrations=True)
    labels = our_app_labels()
    found = []
    for key, migration in sorted(loader.disk_migrations.items()):
        if key[0] in labels:
            found += findings_in(migration, loader.project_state(key, at_end=False))
    return found
