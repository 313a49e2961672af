"""The dossier view log in the admin: read-only, scoped to the staff member's corporation."""

from django.contrib import admin

from projects.admin.scoping import ReadOnlyLogMixin
from tenants.admin import CorporationScopedAdmin

from .models import DossierView


@admin.register(DossierView)
class DossierViewAdmin(ReadOnlyLogMixin, CorporationScopedAdmin):
    corporation_path = "household__dwelling__complex__corporation"
    list_display = ["viewed_at", "household", "viewed_by", "for_print"]
    list_filter = ["for_print"]
    search_fields = ["household__dwelling__postcode", "household__tenancy_reference", "viewed_by__email"]
    list_select_related = ["household__dwelling", "viewed_by"]
    date_hierarchy = "viewed_at"
