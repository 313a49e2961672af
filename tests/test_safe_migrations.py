"""Every migration of our apps is safe to run while the previous release still serves (renovatie/migration_safety):
nothing dropped or renamed in one step, no column made NOT NULL without a default, unless the migration says it is
a deliberate contract step (SAFE_TO_DROP = "why"). The check itself is tried on fabricated migrations."""

import pytest
from django.db import migrations, models
from django.db.migrations.loader import MigrationLoader

from renovatie.migration_safety import findings_in, unsafe_operations


@pytest.fixture(scope="module")
def current_state():
    return MigrationLoader(None, ignore_no_migrations=True).project_state()


def fabricated(*operations, **attributes):
    migration = type("Migration", (migrations.Migration,), {"operations": list(operations), **attributes})
    return migration("9999_fabricated", "feedback")


def test_no_migration_of_ours_drops_renames_or_tightens_a_column_in_one_step():
    found = unsafe_operations()
    assert not found, "unsafe while the old release serves (see README, Safe migrations):\n" + "\n".join(
        map(str, found)
    )


@pytest.mark.parametrize(
    "operation",
    [
        migrations.RemoveField("post", "body"),
        migrations.RenameField("post", "body", "text"),
        migrations.DeleteModel("ThreadPhoto"),
        migrations.RenameModel("ThreadPhoto", "Photo"),
        migrations.RunSQL("ALTER TABLE feedback_post DROP COLUMN body"),
    ],
    ids=["remove field", "rename field", "delete model", "rename model", "raw drop"],
)
def test_a_migration_that_drops_or_renames_in_one_step_is_flagged(operation, current_state):
    [finding] = findings_in(fabricated(operation), current_state)
    assert finding.migration == "feedback.9999_fabricated"
    assert "drops or renames" in finding.reason


def test_making_a_nullable_column_not_null_without_a_default_is_flagged(current_state):
    tightened = migrations.AlterField("post", "parent", models.ForeignKey("feedback.Post", models.CASCADE))
    [finding] = findings_in(fabricated(tightened), current_state)
    assert "NOT NULL without a default" in finding.reason


def test_adding_a_nullable_column_is_safe(current_state):
    added = migrations.AddField("post", "mood", models.CharField(max_length=20, null=True))
    assert findings_in(fabricated(added), current_state) == []


def test_a_deliberate_contract_step_may_drop_when_it_says_why(current_state):
    contract = fabricated(migrations.RemoveField("post", "body"), SAFE_TO_DROP="body moved to text in release 12")
    assert findings_in(contract, current_state) == []
