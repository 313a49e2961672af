"""The Django admin for corporation staff: each staff member sees and edits only their own corporation's data.

`CorporationScopedAdmin` narrows every list, every form's choices and every permission to the corporations
the person is staff of (see tenants.permissions). Superusers see everything.
"""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import housing_import
from .forms import HousingStockUploadForm
from .models import (
    Complex,
    Corporation,
    Dwelling,
    Household,
    HouseholdNeeds,
    Invitation,
    Membership,
    Organisation,
    TenantProfile,
    User,
)
from .permissions import viewer_for


def _staff_corporations(request):
    return viewer_for(request).staff_corporation_ids


def _people_for(request, queryset=None):
    """The accounts a staff member may see and pick: the tenants and organisation members of their corporations,
    and accounts that belong to nobody yet (just added, about to become a member). Never a superuser."""
    queryset = User.objects.all() if queryset is None else queryset
    if request.user.is_superuser:
        return queryset
    corporations = _staff_corporations(request)
    return (
        queryset.filter(
            Q(tenant_profile__household__dwelling__complex__corporation__in=corporations)
            | Q(memberships__organisation__corporation__in=corporations)
            | Q(tenant_profile__isnull=True, memberships__isnull=True)
        )
        .exclude(is_superuser=True)
        .distinct()
    )


class CorporationScopedOptions:
    """Form choices and permissions for admins and inlines alike: choices stay within the staff member's
    corporations, and permission comes from the role (tenants.permissions), not Django's model permissions."""

    # Lookups from related models offered in forms to their corporation, so choices stay within it too.
    related_corporation_paths = {
        Corporation: "pk",
        Complex: "corporation",
        Dwelling: "complex__corporation",
        Household: "dwelling__complex__corporation",
        Organisation: "corporation",
    }

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        path = self.related_corporation_paths.get(db_field.related_model)
        if path and not request.user.is_superuser:
            lookup = "pk__in" if path == "pk" else f"{path}__in"
            kwargs["queryset"] = db_field.related_model.objects.filter(**{lookup: _staff_corporations(request)})
        elif db_field.related_model is User:
            kwargs["queryset"] = _people_for(request)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_module_permission(self, request):
        return viewer_for(request).is_staff

    def has_view_permission(self, request, obj=None):
        return viewer_for(request).is_staff

    has_add_permission = has_view_permission
    has_change_permission = has_view_permission
    has_delete_permission = has_view_permission


class CorporationScopedAdmin(CorporationScopedOptions, admin.ModelAdmin):
    corporation_path = "corporation"  # the lookup from this model to its Corporation

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(**{f"{self.corporation_path}__in": _staff_corporations(request)})


@admin.register(Corporation)
class CorporationAdmin(CorporationScopedAdmin):
    corporation_path = "pk"
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    actions = ["import_housing_stock"]

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    @admin.action(description=_("Import housing stock (CSV)"))
    def import_housing_stock(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, _("Select one corporation to import into."), messages.WARNING)
            return None
        return redirect("admin:tenants_corporation_import_housing_stock", queryset.get().pk)

    def get_urls(self):
        view = self.admin_site.admin_view(self.import_housing_stock_view)
        url = path("<int:pk>/import-housing-stock/", view, name="tenants_corporation_import_housing_stock")
        return [url, *super().get_urls()]

    def import_housing_stock_view(self, request, pk):
        """Upload page of the action: the file in, the report (counts, or every bad row with nothing saved) out."""
        corporation = get_object_or_404(self.get_queryset(request), pk=pk)
        if not viewer_for(request).is_staff_of(corporation.pk):  # the queryset is scoped already; check twice
            raise PermissionDenied
        form, report = HousingStockUploadForm(), None
        if request.method == "POST":
            form = HousingStockUploadForm(request.POST, request.FILES)
            if form.is_valid():
                report = housing_import.import_housing_stock(corporation, form.text, imported_by=request.user)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Import housing stock"),
            "corporation": corporation,
            "form": form,
            "report": report,
        }
        return TemplateResponse(request, "admin/tenants/corporation/import_housing_stock.html", context)


@admin.register(Complex)
class ComplexAdmin(CorporationScopedAdmin):
    list_display = ["code", "name", "city", "corporation"]
    list_filter = ["corporation", "city"]
    search_fields = ["code", "name", "city"]
    list_select_related = ["corporation"]


@admin.register(Dwelling)
class DwellingAdmin(CorporationScopedAdmin):
    corporation_path = "complex__corporation"
    list_display = ["street", "house_number", "addition", "postcode", "city", "complex"]
    list_filter = ["complex__corporation", "city"]
    search_fields = ["street", "postcode", "city", "complex__code"]
    list_select_related = ["complex"]
    autocomplete_fields = ["complex"]


class TenantProfileInline(CorporationScopedOptions, admin.TabularInline):
    model = TenantProfile
    fields = ["display_name", "user", "language"]
    readonly_fields = ["user"]
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False  # accounts are made by the tenant with a letter code, never by staff


@admin.register(Household)
class HouseholdAdmin(CorporationScopedAdmin):
    corporation_path = "dwelling__complex__corporation"
    list_display = ["dwelling", "tenancy_reference", "started_on", "ended_on"]
    list_filter = [("ended_on", admin.EmptyFieldListFilter), "dwelling__complex__corporation"]
    search_fields = ["tenancy_reference", "dwelling__street", "dwelling__postcode"]
    list_select_related = ["dwelling"]
    autocomplete_fields = ["dwelling"]
    inlines = [TenantProfileInline]


@admin.register(TenantProfile)
class TenantProfileAdmin(CorporationScopedAdmin):
    corporation_path = "household__dwelling__complex__corporation"
    list_display = ["display_name", "user", "household", "language"]
    list_filter = ["language"]
    search_fields = ["display_name", "user__email", "household__dwelling__street"]
    list_select_related = ["user", "household__dwelling"]
    autocomplete_fields = ["household"]
    readonly_fields = ["user"]

    def has_add_permission(self, request):
        return False


@admin.register(HouseholdNeeds)
class HouseholdNeedsAdmin(CorporationScopedAdmin):
    corporation_path = "household__dwelling__complex__corporation"
    list_display = ["household", "mobility", "needs_helper_present", "works_from_home", "updated_at"]
    list_filter = ["needs_helper_present", "works_from_home"]
    search_fields = ["household__dwelling__street", "household__dwelling__postcode", "household__tenancy_reference"]
    list_select_related = ["household__dwelling"]
    autocomplete_fields = ["household"]


class MembershipInline(CorporationScopedOptions, admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(CorporationScopedAdmin):
    list_display = ["name", "kind", "corporation"]
    list_filter = ["kind", "corporation"]
    search_fields = ["name"]
    list_select_related = ["corporation"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(CorporationScopedAdmin):
    corporation_path = "organisation__corporation"
    list_display = ["user", "organisation", "role"]
    list_filter = ["role", "organisation__kind"]
    search_fields = ["user__email", "organisation__name"]
    list_select_related = ["user", "organisation"]
    autocomplete_fields = ["user", "organisation"]


@admin.register(Invitation)
class InvitationAdmin(CorporationScopedAdmin):
    corporation_path = "household__dwelling__complex__corporation"
    list_display = ["household", "created_at", "expires_at", "used_at", "status"]
    list_filter = [("used_at", admin.EmptyFieldListFilter), ("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = [
        "household__dwelling__street",
        "household__dwelling__postcode",
        "household__tenancy_reference",
    ]
    list_select_related = ["household__dwelling"]
    readonly_fields = [
        "household",
        "code_digest",
        "created_at",
        "created_by",
        "expires_at",
        "used_at",
        "used_by",
        "revoked_at",
    ]

    def has_add_permission(self, request):
        return False  # letters are made on the staff page, where the codes can be printed


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """People: staff see the accounts linked to their corporation (its tenants and organisations' members) and
    accounts not linked to anyone yet; they never see superusers and never set anyone's password."""

    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_active", "last_login"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Personal info"), {"fields": ["first_name", "last_name"]}),
        (_("Access"), {"fields": ["is_active"]}),
    ]
    superuser_fieldsets = [
        *fieldsets[:2],
        (_("Access"), {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]
    list_filter = ["is_active"]

    def get_fieldsets(self, request, obj=None):
        if obj is not None and request.user.is_superuser:
            return self.superuser_fieldsets
        return super().get_fieldsets(request, obj)

    def get_queryset(self, request):
        return _people_for(request, super().get_queryset(request))

    def get_readonly_fields(self, request, obj=None):
        """Staff never change a tenant's e-mail address: with it they could log in as the tenant by an e-mailed
        code (and vote for the household). Tenants change their address themselves."""
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and not request.user.is_superuser and TenantProfile.objects.filter(user=obj).exists():
            readonly.append("email")
        return readonly

    def user_change_password(self, request, id, form_url=""):
        if not request.user.is_superuser:  # staff never set someone's password: people ask for a login code
            raise PermissionDenied
        return super().user_change_password(request, id, form_url)

    def has_module_permission(self, request):
        return viewer_for(request).is_staff

    def has_view_permission(self, request, obj=None):
        return viewer_for(request).is_staff

    has_change_permission = has_view_permission
    has_add_permission = has_view_permission

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser
