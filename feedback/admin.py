"""The discussions in the Django admin: staff see their own corporation's threads, posts, reports, suspensions and
moderation log, and nothing of another corporation's.

The admin looks; the services act. Posts, reports and the log are read-only here: hiding a post needs a reason
shown in its place and a line in the audit log, so it happens on the moderation pages (linked from each post),
and the admin actions (show again, dismiss reports, lift a suspension) call feedback.moderation. Live events are
plumbing and not shown.
"""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from projects.admin.scoping import ReadOnlyLogMixin
from tenants.admin import CorporationScopedAdmin
from tenants.permissions import viewer_for

from . import moderation
from .models import Flag, ModerationAction, Post, PostingSuspension, Thread
from .moderation_selectors import in_corporations


class DiscussionScopedAdmin(CorporationScopedAdmin):
    """A thread is in a project OR in a complex, so its corporation is one of two paths: `thread_path` is the
    lookup from this model to its Thread ("" for Thread itself)."""

    thread_path = ""

    def get_queryset(self, request):
        queryset = admin.ModelAdmin.get_queryset(self, request)
        if request.user.is_superuser:
            return queryset
        prefix = f"{self.thread_path}__" if self.thread_path else ""
        return queryset.filter(in_corporations(viewer_for(request).staff_corporation_ids, prefix=prefix))

    def has_add_permission(self, request, obj=None):
        return False  # threads, posts and reports are written on the site, by the people taking part

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser  # the moderation log refers to them: staff hide, they do not delete


def _excerpt(text, words=12):
    return Truncator(text).words(words)


@admin.register(Thread)
class ThreadAdmin(DiscussionScopedAdmin):
    list_display = ["title", "kind", "status", "where", "reply_count", "support_count", "last_activity_at"]
    list_filter = ["kind", "status"]
    search_fields = ["title"]
    list_select_related = ["project", "complex"]
    fields = ["title", "kind", "status", "location", "project", "complex", "author", "created_at", "counts"]
    readonly_fields = ["kind", "status", "location", "project", "complex", "author", "created_at", "counts"]

    @admin.display(description=_("where"))
    def where(self, thread):
        return thread.project or thread.complex

    @admin.display(description=_("replies and support"))
    def counts(self, thread):
        return f"{thread.reply_count} / {thread.support_count}"


@admin.register(Post)
class PostAdmin(DiscussionScopedAdmin):
    thread_path = "thread"
    list_display = ["excerpt", "thread", "author", "created_at", "is_official", "flag_count", "hidden"]
    list_filter = [("hidden_at", admin.EmptyFieldListFilter), "is_official"]
    search_fields = ["body", "thread__title", "author__email"]
    list_select_related = ["thread", "author"]
    fields = [
        "thread",
        "author",
        "created_at",
        "edited_at",
        "shown_text",
        "is_official",
        "flag_count",
        "hidden_at",
        "hidden_by",
        "hidden_reason",
        "moderate",
    ]
    readonly_fields = fields
    actions = ["restore_posts", "dismiss_reports"]

    @admin.display(description=_("text"))
    def excerpt(self, post):
        return _excerpt(post.body)

    @admin.display(description=_("hidden"), boolean=True)
    def hidden(self, post):
        return post.is_hidden

    @admin.display(description=_("text as shown"))
    def shown_text(self, post):
        # body_html was sanitised (feedback.text) when the post was written
        return format_html('<div class="post-body">{}</div>', mark_safe(post.body_html))  # noqa: S308

    @admin.display(description=_("moderate"))
    def moderate(self, post):
        links = [(reverse("moderation_hide", args=[post.pk]), _("Hide with a reason"))]
        if post.is_hidden:
            links = [(reverse("moderation_restore", args=[post.pk]), _("Show again"))]
        if post.author_id:
            links.append((reverse("moderation_suspend", args=[post.pk]), _("Suspend the author")))
        return format_html_join(" · ", '<a href="{}">{}</a>', links)

    @admin.action(description=_("Show the selected posts again"))
    def restore_posts(self, request, queryset):
        self._each(request, queryset.filter(hidden_at__isnull=False), moderation.restore)

    @admin.action(description=_("Dismiss the reports on the selected posts"))
    def dismiss_reports(self, request, queryset):
        self._each(request, queryset.filter(Q(flag_count__gt=0) | Q(hidden_by__isnull=True)), moderation.dismiss_flags)

    def _each(self, request, queryset, service):
        done = 0
        for post in queryset.select_related("thread__project", "thread__complex"):
            try:
                service(post, request.user)
            except ValidationError:
                continue
            done += 1
        self.message_user(request, _("%(count)d posts changed.") % {"count": done}, messages.SUCCESS)


@admin.register(Flag)
class FlagAdmin(ReadOnlyLogMixin, DiscussionScopedAdmin):
    thread_path = "post__thread"
    list_display = ["reason", "post_excerpt", "created_at", "resolved_at"]
    list_filter = [("resolved_at", admin.EmptyFieldListFilter)]
    search_fields = ["reason"]
    list_select_related = ["post"]
    fields = ["post", "user", "reason", "created_at", "resolved_at"]
    readonly_fields = fields

    @admin.display(description=_("post"))
    def post_excerpt(self, flag):
        return _excerpt(flag.post.body, 8)


@admin.register(PostingSuspension)
class PostingSuspensionAdmin(CorporationScopedAdmin):
    list_display = ["user", "corporation", "reason", "created_at", "created_by", "lifted_at"]
    list_filter = [("lifted_at", admin.EmptyFieldListFilter)]
    search_fields = ["user__email", "reason"]
    list_select_related = ["user", "corporation", "created_by"]
    fields = ["user", "corporation", "reason", "created_by", "created_at", "lifted_at"]
    readonly_fields = fields
    actions = ["lift"]

    def has_add_permission(self, request, obj=None):
        return False  # a member is suspended from their post, so that their posts are hidden in the same act

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    @admin.action(description=_("Lift the selected suspensions"))
    def lift(self, request, queryset):
        suspensions = list(queryset.filter(lifted_at__isnull=True))
        for suspension in suspensions:
            moderation.lift_suspension(suspension, request.user)
        self.message_user(request, _("%(count)d suspensions lifted.") % {"count": len(suspensions)}, messages.SUCCESS)


@admin.register(ModerationAction)
class ModerationActionAdmin(ReadOnlyLogMixin, CorporationScopedAdmin):
    list_display = ["created_at", "action", "actor", "member", "reason", "post_link"]
    list_filter = ["action"]
    search_fields = ["reason", "member__email", "actor__email"]
    list_select_related = ["actor", "member", "post"]

    @admin.display(description=_("post"))
    def post_link(self, entry):
        if entry.post is None:
            return "–"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:feedback_post_change", args=[entry.post_id]),
            _excerpt(entry.post.body, 8),
        )
