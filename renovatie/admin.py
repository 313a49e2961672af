"""The admin site: corporation staff enter by their membership, not by Django's is_staff flag."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig
from django.utils.translation import gettext_lazy as _


class AdminSite(admin.AdminSite):
    site_header = _("Renovation platform – management")
    site_title = _("Renovation platform")
    index_title = _("Management")

    def has_permission(self, request):
        from tenants.permissions import viewer_for

        return request.user.is_active and viewer_for(request).is_staff


class AdminConfig(DjangoAdminConfig):
    default_site = "renovatie.admin.AdminSite"
