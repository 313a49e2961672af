"""The admin for advice, scoped like the rest of the staff admin to the staff member's corporation.

The steps of an advice (the packet sent, the advice, the response) are dated records the clocks rest on, so they are
taken on the request's staff page through advice.services, never by editing a field here: the admin is for
finding and looking at requests, packets and the committee's papers, with a link to the staff page. Uploads are
never linked under MEDIA_URL.
"""

from django.contrib import admin
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from projects.admin.scoping import ProjectScopedAdmin, ReadOnlyLogMixin, project_filter, stored_file
from tenants.admin import CorporationScopedAdmin

from .clocks import clocks_for
from .models import AdviceRequest, CommitteeDocument, PacketDocument


class PacketDocumentInline(ReadOnlyLogMixin, admin.TabularInline):
    model = PacketDocument
    fields = ["title", "stored", "size", "uploaded_by", "uploaded_at"]
    readonly_fields = fields
    extra = 0

    @admin.display(description=_("file"))
    def stored(self, document):
        return stored_file(document.file)


@admin.register(AdviceRequest)
class AdviceRequestAdmin(ReadOnlyLogMixin, ProjectScopedAdmin):
    list_display = ["subject", "project", "organisation", "packet_sent_on", "advice_received_on", "overdue"]
    list_filter = [project_filter(), ("organisation", admin.RelatedOnlyFieldListFilter), "advice_agrees"]
    search_fields = ["subject", "project__name", "organisation__name"]
    list_select_related = ["project", "organisation"]
    date_hierarchy = "packet_sent_on"
    inlines = [PacketDocumentInline]
    fields = [
        "project",
        "proposal",
        "organisation",
        "subject",
        "packet_sent_on",
        "advice_due_extended_to",
        "extension_reason",
        "advice_received_on",
        "advice_agrees",
        "advice_text",
        "response_sent_on",
        "response_departs",
        "response_reasons",
        "staff_page",
    ]
    readonly_fields = fields

    @admin.display(description=_("overdue"), boolean=True)
    def overdue(self, advice):
        return bool(clocks_for(advice, timezone.localdate()).overdue)

    @admin.display(description=_("staff page"))
    def staff_page(self, advice):
        url = reverse("staff_advice", args=[advice.project.slug, advice.pk])
        return format_html('<a href="{}">{}</a>', url, gettext("Open the staff page"))


@admin.register(CommitteeDocument)
class CommitteeDocumentAdmin(ReadOnlyLogMixin, CorporationScopedAdmin):
    """The committee's own papers, for staff to find; the committee adds them in its workspace."""

    corporation_path = "organisation__corporation"
    list_display = ["title", "organisation", "kind", "meeting_on", "uploaded_at"]
    list_filter = ["kind", ("organisation", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["title", "organisation__name", "minutes"]
    list_select_related = ["organisation"]
    fields = ["organisation", "kind", "title", "meeting_on", "minutes", "stored", "uploaded_by", "uploaded_at"]
    readonly_fields = fields

    @admin.display(description=_("file"))
    def stored(self, document):
        return stored_file(document.file)
