"""The admin for notifications: read-only logs for corporation staff, scoped to their corporation's projects.

Notifications, e-mails and paper notices are written by notifications.services and the outbox only; the staff
pages per project (what was sent to whom, the letters) are where staff work with them.
"""

from django.contrib import admin

from projects.admin.scoping import ProjectScopedAdmin, ReadOnlyLogMixin, project_filter

from .models import LetterBatch, Notification, PaperNotice


@admin.register(Notification)
class NotificationAdmin(ReadOnlyLogMixin, ProjectScopedAdmin):
    list_display = ["created_at", "event", "recipient", "project", "in_app", "read_at", "email_rhythm", "email"]
    list_filter = ["kind", "email_rhythm", project_filter()]
    list_select_related = ["recipient", "project", "email"]
    search_fields = ["recipient__email", "event"]
    date_hierarchy = "created_at"


@admin.register(PaperNotice)
class PaperNoticeAdmin(ReadOnlyLogMixin, ProjectScopedAdmin):
    list_display = ["created_at", "event", "household", "project", "batch"]
    list_filter = [project_filter()]
    list_select_related = ["household__dwelling", "project", "batch"]
    search_fields = ["household__dwelling__street", "household__dwelling__postcode"]


@admin.register(LetterBatch)
class LetterBatchAdmin(ReadOnlyLogMixin, ProjectScopedAdmin):
    list_display = ["created_at", "project", "created_by", "posted_at", "posted_by"]
    list_filter = [project_filter()]
    list_select_related = ["project", "created_by", "posted_by"]
    search_fields = ["project__name"]
