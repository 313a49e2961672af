"""Peer-to-peer discussion: threads in a project or a complex, replies nested to any depth, support,
official answers, moderation and the live event log a reconnecting page catches up from.

Replies form a tree stored as a materialised path: each post's `path` is its ancestors' ids and its own, every
id as ten decimal digits. Ordering a thread's posts by path gives the tree in reading order in one indexed
query, on PostgreSQL and SQLite alike, and a subtree is a path prefix. Digits only, so every database
collation orders them the same. (A btree index entry holds about 2,700 bytes: paths up to ~270 levels deep;
the storage has no other depth limit, and pages show at most a few levels before "continue this thread".)
Counters on Thread (replies, support) are denormalised and kept correct by feedback.services only.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from projects.models import RenovationProject
from tenants.models import Complex, Corporation

PATH_SEGMENT = 10


class Thread(models.Model):
    class Kind(models.TextChoices):
        QUESTION = "question", _("question")
        IDEA = "idea", _("idea")
        EXPERIENCE = "experience", _("experience")
        PROBLEM = "problem", _("problem report")

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        ANSWERED = "answered", _("answered")
        PLANNED = "planned", _("planned")
        RESOLVED = "resolved", _("resolved")

    class Location(models.TextChoices):
        MY_HOME = "my_home", _("in my home")
        STAIRWELL = "stairwell", _("in the stairwell or gallery")
        COURTYARD = "courtyard", _("in the courtyard or garden")
        ELSEWHERE = "elsewhere", _("elsewhere")

    project = models.ForeignKey(
        RenovationProject, on_delete=models.CASCADE, null=True, blank=True, related_name="threads"
    )
    complex = models.ForeignKey(Complex, on_delete=models.CASCADE, null=True, blank=True, related_name="threads")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="threads")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    location = models.CharField(_("where"), max_length=20, choices=Location.choices, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_activity_at = models.DateTimeField(default=timezone.now)
    reply_count = models.PositiveIntegerField(default=0)
    support_count = models.PositiveIntegerField(default=0)
    first_official_answer_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("thread")
        verbose_name_plural = _("threads")
        constraints = [
            models.CheckConstraint(
                condition=(Q(project__isnull=False) & Q(complex__isnull=True))
                | (Q(project__isnull=True) & Q(complex__isnull=False)),
                name="thread_in_a_project_or_a_complex",
            ),
            models.CheckConstraint(
                condition=Q(kind="problem") | Q(location=""), name="only_problem_reports_have_a_location"
            ),
        ]
        indexes = [
            models.Index(fields=["project", "-last_activity_at"]),
            models.Index(fields=["complex", "-last_activity_at"]),
            models.Index(fields=["project", "-support_count"]),
        ]

    def __str__(self):
        return self.title

    @property
    def corporation_id(self):
        """The corporation whose staff moderate this thread (needs project or complex loaded)."""
        return self.project.corporation_id if self.project_id else self.complex.corporation_id


class Post(models.Model):
    """The opening text of a thread (depth 0, no parent) or a reply anywhere below it."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="children")
    path = models.TextField(editable=False)
    depth = models.PositiveIntegerField(default=0)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="posts")
    body = models.TextField(_("text"))
    body_html = models.TextField(editable=False)
    is_official = models.BooleanField(_("official answer"), default=False)
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    flag_count = models.PositiveIntegerField(default=0)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_reason = models.CharField(_("reason for hiding"), max_length=300, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        constraints = [
            models.UniqueConstraint(fields=["thread", "path"], name="unique_post_path_in_thread"),
            models.UniqueConstraint(
                fields=["thread"], condition=Q(parent__isnull=True), name="one_opening_post_per_thread"
            ),
        ]
        indexes = [models.Index(fields=["author", "-created_at"])]

    def __str__(self):
        return f"{self.thread}: {self.body[:40]}"

    @property
    def is_hidden(self):
        return self.hidden_at is not None

    @staticmethod
    def path_segment(pk):
        return f"{pk:0{PATH_SEGMENT}d}"


class PostRevision(models.Model):
    """What a post said before an edit: edits keep their history."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField()
    edited_at = models.DateTimeField(default=timezone.now)
    edited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["edited_at", "pk"]

    def __str__(self):
        return f"{self.post_id} @ {self.edited_at:%Y-%m-%d %H:%M}"


class ThreadPhoto(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(upload_to="threads/%Y/%m/")
    content_type = models.CharField(max_length=40)
    description = models.CharField(_("description for people who cannot see the photo"), max_length=200)

    def __str__(self):
        return self.description


class Support(models.Model):
    """ "Me too" on a problem or question, support for an idea: one per person per thread. When the person deletes
    their account it stays, unlinked (user empty), so the thread's count does not drop (see privacy.erasure)."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["thread", "user"], name="one_support_per_person")]

    def __str__(self):
        return f"{self.user_id} → {self.thread_id}"


class ThreadStatusChange(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=Thread.Status.choices)
    to_status = models.CharField(max_length=20, choices=Thread.Status.choices)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["changed_at", "pk"]

    def __str__(self):
        return f"{self.from_status} → {self.to_status}"


class Flag(models.Model):
    """Someone asks staff to look at a post. Enough open flags hide the post until staff decide."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="flags")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("reason"), max_length=300)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["post", "user"], name="one_flag_per_person_per_post")]

    def __str__(self):
        return self.reason


class PostingSuspension(models.Model):
    """A member may not post in a corporation's discussions until it is lifted; they are told why."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="posting_suspensions")
    corporation = models.ForeignKey(Corporation, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("reason"), max_length=300)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    lifted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("posting suspension")
        verbose_name_plural = _("posting suspensions")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "corporation"], condition=Q(lifted_at__isnull=True), name="one_active_suspension"
            )
        ]

    def __str__(self):
        return f"{self.user} ({self.reason})"


class ModerationAction(models.Model):
    """The audit log: every act of moderation, by whom, on what, and why."""

    class Action(models.TextChoices):
        AUTO_HIDE = "auto_hide", _("hidden after flags")
        HIDE = "hide", _("hidden")
        RESTORE = "restore", _("shown again")
        DISMISS_FLAGS = "dismiss_flags", _("flags dismissed")
        EDIT = "edit", _("edited")
        SUSPEND = "suspend", _("member suspended")
        LIFT = "lift", _("suspension lifted")

    corporation = models.ForeignKey(Corporation, on_delete=models.CASCADE, related_name="+")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    action = models.CharField(max_length=20, choices=Action.choices)
    post = models.ForeignKey(Post, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reason = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("moderation action")
        verbose_name_plural = _("moderation log")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.get_action_display()


class LiveEvent(models.Model):
    """What changed in a discussion, numbered, so a page that reconnects asks for everything after its last id."""

    project = models.ForeignKey(RenovationProject, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    complex = models.ForeignKey(Complex, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    name = models.CharField(max_length=40)
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="+")
    post = models.ForeignKey(Post, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["project", "id"]), models.Index(fields=["complex", "id"])]

    def __str__(self):
        return f"{self.pk} {self.name}"
