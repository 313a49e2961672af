"""The download covers every link from our models to a person or a household: a new model with a foreign key to
the user model or to a household fails here until it is in privacy.inventory (exported, or listed as not
personal data with a reason)."""

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model

from privacy.inventory import NOT_PERSONAL, SECTIONS, covered_links
from tenants.models import Household

OUR_APPS = {path.parent.name for path in settings.BASE_DIR.glob("*/models.py")}


def links_to_people():
    """("app.Model", field) for every foreign key, one-to-one or many-to-many from our apps to a person or home."""
    targets = {get_user_model(), Household}
    return {
        (model._meta.label, field.name)
        for model in apps.get_models()
        if model._meta.app_label in OUR_APPS
        for field in model._meta.get_fields()
        if field.is_relation and field.concrete and field.related_model in targets
    }


def test_every_link_to_a_person_or_household_is_exported_or_explained():
    missing = links_to_people() - covered_links() - set(NOT_PERSONAL)
    assert not missing, (
        "Personal data the download does not cover; add a Section or a reason in privacy/inventory.py: "
        + ", ".join(f"{model}.{field}" for model, field in sorted(missing))
    )


def test_the_inventory_names_no_link_that_does_not_exist():
    stale = (covered_links() | set(NOT_PERSONAL)) - links_to_people()
    assert not stale, f"privacy/inventory.py names links that no longer exist: {sorted(stale)}"


def test_the_sweep_sees_the_apps_that_hold_personal_data():
    assert {"tenants", "feedback", "decisions", "polls", "surveys", "privacy"} <= OUR_APPS
    assert len(links_to_people()) > 50


def test_every_section_has_a_unique_key():
    keys = [section.key for section in SECTIONS]
    assert len(keys) == len(set(keys))


def test_a_link_left_out_of_the_inventory_is_reported(monkeypatch):
    monkeypatch.delitem(NOT_PERSONAL, ("projects.Update", "author"))
    missing = links_to_people() - covered_links() - set(NOT_PERSONAL)
    assert missing == {("projects.Update", "author")}
