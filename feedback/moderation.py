"""Moderation: people report posts, enough reports hide a post until staff have looked, and staff hide, show again,
dismiss reports and suspend a member from posting. Every act is written to the audit log (ModerationAction).

The caller has checked permission (the views: feedback.permissions.may_read for a report, may_moderate for the
rest). Each function is one transaction; a post that changes how it looks is announced to open pages with
`feedback.live.record("post.updated", ...)`, and the rest of the platform hears of it through renovatie.events.
`Post.flag_count` counts the post's OPEN reports: staff looking at a post (hide, show again, dismiss) resolves
them and sets it back to 0, so a post that was shown again is hidden again only by new reports.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from renovatie import events

from . import live
from .models import Flag, ModerationAction, Post, PostingSuspension

Action = ModerationAction.Action
REASON_LENGTH = 300


def log_action(action, *, actor, post=None, member=None, reason="", corporation_id=None):
    """Write one line of the audit log. Other services (feedback.services.edit_post, for an edit by staff) call it
    too. The corporation comes from the post's thread when not given (its project or complex must be loaded)."""
    if corporation_id is None:
        corporation_id = post.thread.corporation_id
    return ModerationAction.objects.create(
        corporation_id=corporation_id,
        actor=actor,
        action=action,
        post=post,
        member=member,
        reason=reason[:REASON_LENGTH],
    )


def flag(post, user, reason):
    """`user` reports `post` to staff, once per post. The report that brings the open reports to
    settings.FLAGS_TO_HIDE hides the post until staff have looked (an AUTO_HIDE in the log, no actor)."""
    reason = _required_reason(reason, _("Tell us what is wrong with this post."))
    if post.author_id == user.pk:
        raise ValidationError(_("You cannot report your own post."))
    if post.is_hidden:
        raise ValidationError(_("This post is hidden already; staff are looking at it."))
    with transaction.atomic():
        locked = _lock(post)
        try:
            with transaction.atomic():
                report = Flag.objects.create(post=locked, user=user, reason=reason)
        except IntegrityError as error:
            raise ValidationError(_("You have reported this post already. Staff will look at it.")) from error
        Post.objects.filter(pk=locked.pk).update(flag_count=F("flag_count") + 1)
        locked.refresh_from_db(fields=["flag_count"])
        events.emit("post.flagged", post=locked, flag=report, actor=user)
        if locked.flag_count >= settings.FLAGS_TO_HIDE and not locked.is_hidden:
            _hide_automatically(locked)
    _copy_moderation_fields(locked, post)
    return report


def hide(post, by, reason):
    """Staff hide a post; the reason is shown in its place. Open reports on it count as looked at."""
    reason = _required_reason(reason, _("Give the reason for hiding: it is shown in place of the post."))
    with transaction.atomic():
        locked = _lock(post)
        locked.hidden_at, locked.hidden_by, locked.hidden_reason = timezone.now(), by, reason
        locked.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
        _resolve_flags(locked)
        log_action(Action.HIDE, actor=by, post=locked, member=locked.author, reason=reason)
        live.record("post.updated", locked.thread, locked)
        events.emit("post.hidden", post=locked, actor=by, reason=reason)
    _copy_moderation_fields(locked, post)
    return post


def restore(post, by, reason=""):
    """Staff show a hidden post again; its open reports count as looked at."""
    with transaction.atomic():
        locked = _lock(post)
        if not locked.is_hidden:
            raise ValidationError(_("This post is not hidden."))
        locked.hidden_at, locked.hidden_by, locked.hidden_reason = None, None, ""
        locked.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
        _resolve_flags(locked)
        log_action(Action.RESTORE, actor=by, post=locked, member=locked.author, reason=reason)
        live.record("post.updated", locked.thread, locked)
    _copy_moderation_fields(locked, post)
    return post


def dismiss_flags(post, by, reason=""):
    """Staff looked and the reports do not hold: they are closed, and a post the reports hid is shown again
    (a post staff hid themselves stays hidden)."""
    with transaction.atomic():
        locked = _lock(post)
        if locked.flag_count == 0 and not _hidden_automatically(locked):
            raise ValidationError(_("This post has no open reports."))
        if _hidden_automatically(locked):
            locked.hidden_at, locked.hidden_reason = None, ""
            locked.save(update_fields=["hidden_at", "hidden_reason"])
        _resolve_flags(locked)
        log_action(Action.DISMISS_FLAGS, actor=by, post=locked, member=locked.author, reason=reason)
        live.record("post.updated", locked.thread, locked)
    _copy_moderation_fields(locked, post)
    return post


def posts_in_corporation(member, corporation_id):
    """The member's posts in the corporation's discussions (its projects' and its complexes' threads)."""
    return Post.objects.filter(author=member).filter(
        Q(thread__project__corporation_id=corporation_id) | Q(thread__complex__corporation_id=corporation_id)
    )


def suspend_member(member, corporation, by, reason, *, post=None):
    """Staff stop `member` posting in `corporation`'s discussions and hide all their posts there, in one act.

    The posts are hidden in one UPDATE with the suspension's own time, so lifting it can tell them apart from
    posts hidden for other reasons. Each hidden post gets a line in the log and a live update; the member hears
    why through the "member.suspended" event and sees the reason on every discussion page while it lasts.
    """
    reason = _required_reason(reason, _("Give the reason: the member is told why they cannot post."))
    if member.pk == by.pk:
        raise ValidationError(_("You cannot suspend yourself."))
    with transaction.atomic():
        now = timezone.now()
        try:
            with transaction.atomic():
                suspension = PostingSuspension.objects.create(
                    user=member, corporation=corporation, reason=reason, created_by=by, created_at=now
                )
        except IntegrityError as error:
            raise ValidationError(_("This member is suspended already.")) from error
        to_hide = list(
            posts_in_corporation(member, corporation.pk)
            .filter(hidden_at__isnull=True)
            .select_related("thread")
            .order_by("pk")
        )
        Post.objects.filter(pk__in=[p.pk for p in to_hide]).update(hidden_at=now, hidden_by=by, hidden_reason=reason)
        ModerationAction.objects.bulk_create(
            [
                ModerationAction(
                    corporation=corporation, actor=by, action=action, post=target, member=member, reason=reason
                )
                for action, target in [(Action.SUSPEND, post), *((Action.HIDE, hidden) for hidden in to_hide)]
            ]
        )
        for hidden in to_hide:
            hidden.hidden_at, hidden.hidden_by, hidden.hidden_reason = now, by, reason
            live.record("post.updated", hidden.thread, hidden)
        events.emit(
            "member.suspended",
            suspension=suspension,
            member=member,
            corporation=corporation,
            actor=by,
            reason=reason,
            hidden_posts=len(to_hide),
        )
    if post is not None and post.author_id == member.pk and not post.is_hidden:
        post.hidden_at, post.hidden_by, post.hidden_reason = now, by, reason
    suspension.hidden_posts = len(to_hide)
    return suspension


def lift_suspension(suspension, by, *, restore_posts=False):
    """The member may post again. With `restore_posts`, the posts the suspension hid (and nobody hid again since)
    are shown again too; otherwise they stay hidden and staff show them one by one."""
    with transaction.atomic():
        locked = PostingSuspension.objects.select_for_update().select_related("corporation").get(pk=suspension.pk)
        if locked.lifted_at is not None:
            raise ValidationError(_("This suspension was lifted already."))
        locked.lifted_at = timezone.now()
        locked.save(update_fields=["lifted_at"])
        log_action(Action.LIFT, actor=by, member=locked.user, corporation_id=locked.corporation_id)
        restored = []
        if restore_posts:
            restored = list(
                posts_in_corporation(locked.user, locked.corporation_id)
                .filter(hidden_at=locked.created_at)
                .select_related("thread")
            )
            Post.objects.filter(pk__in=[p.pk for p in restored]).update(
                hidden_at=None, hidden_by=None, hidden_reason=""
            )
            for shown in restored:
                log_action(
                    Action.RESTORE, actor=by, post=shown, member=locked.user, corporation_id=locked.corporation_id
                )
                live.record("post.updated", shown.thread, shown)
        events.emit(
            "member.suspension_lifted", suspension=locked, member=locked.user, corporation=locked.corporation, actor=by
        )
    suspension.lifted_at = locked.lifted_at
    suspension.restored_posts = len(restored)
    return suspension


# --- helpers -----------------------------------------------------------------------------------------------


def _required_reason(reason, message):
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(message)
    if len(reason) > REASON_LENGTH:
        raise ValidationError(_("Keep the reason under %(limit)d characters.") % {"limit": REASON_LENGTH})
    return reason


def _lock(post):
    """The post, locked for this transaction (reports and staff on one post wait for each other on PostgreSQL),
    with what the log and the live update need."""
    return (
        Post.objects.select_for_update(of=("self",))
        .select_related("thread__project", "thread__complex", "author")
        .get(pk=post.pk)
    )


def _hidden_automatically(post):
    return post.is_hidden and post.hidden_by_id is None


def _hide_automatically(post):
    post.hidden_at, post.hidden_by, post.hidden_reason = timezone.now(), None, ""
    post.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    log_action(Action.AUTO_HIDE, actor=None, post=post, member=post.author)
    live.record("post.updated", post.thread, post)
    events.emit("post.hidden", post=post, actor=None, reason="")


def _resolve_flags(post):
    Flag.objects.filter(post=post, resolved_at__isnull=True).update(resolved_at=timezone.now())
    Post.objects.filter(pk=post.pk).update(flag_count=0)
    post.flag_count = 0


def _copy_moderation_fields(source, target):
    """Let the caller's post object show what the database now holds."""
    if source is not target:
        for name in ("flag_count", "hidden_at", "hidden_by_id", "hidden_reason"):
            setattr(target, name, getattr(source, name))
