"""Writes in a discussion: start a thread, reply, edit, support, mark an official answer, change the status.

The caller (a view) has already decided that the person may do this; a suspended member is refused here as
well, in case a caller forgets. Every write is one transaction that also numbers a live event
(feedback.live.record) and emits a platform event for notifications (renovatie.events.emit), both heard only
after commit. Counters on Thread are changed with F() expressions, so concurrent replies and supports never
lose a count.

Status: staff move a thread between open, answered, planned and resolved (each move logged with who and when);
marking the first official answer moves an open thread to answered. The author of a thread, a tenant, may mark
their own thread resolved (and nothing else): they know best when their question is answered.
"""

import functools
import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from projects.uploads import check_image
from renovatie.events import emit
from tenants.permissions import viewer_for_user

from . import live, moderation
from .models import ModerationAction, Post, PostRevision, Support, Thread, ThreadPhoto, ThreadStatusChange
from .permissions import active_suspension, may_answer_officially, thread_role
from .selectors import mentionable_members
from .text import render

MAX_PHOTOS = 3


class Suspended(PermissionDenied):
    """The member may not post in this corporation's discussions; `suspension.reason` says why."""

    def __init__(self, suspension):
        super().__init__(suspension.reason)
        self.suspension = suspension


def corporation_id_of(*, project=None, complex=None):
    return project.corporation_id if project is not None else complex.corporation_id


def _refuse_if_suspended(user, corporation_id):
    suspension = active_suspension(user, corporation_id)
    if suspension is not None:
        raise Suspended(suspension)


def _where(thread):
    return {"project": thread.project, "complex": thread.complex}


def start_thread(*, kind, title, body, author, project=None, complex=None, location="", photos=()):
    """A new thread in a project or a complex with its opening post. `photos`: (upload, description) pairs,
    only for a problem report, at most three, each described for people who cannot see it."""
    if (project is None) == (complex is None):
        raise ValueError("a thread belongs to a project or to a complex")
    if kind not in Thread.Kind.values:
        raise ValidationError(_("Choose what kind of message this is."))
    photos = list(photos)
    if kind != Thread.Kind.PROBLEM and (photos or location):
        raise ValidationError(_("Only a problem report can carry photos and a place."))
    if location and location not in Thread.Location.values:
        raise ValidationError(_("Choose where the problem is."))
    if len(photos) > MAX_PHOTOS:
        raise ValidationError(_("A problem report can carry at most three photos."))
    if any(not (description or "").strip() for _upload, description in photos):
        raise ValidationError(_("Describe each photo for people who cannot see it."))
    content_types = [check_image(upload) for upload, _description in photos]
    _refuse_if_suspended(author, corporation_id_of(project=project, complex=complex))
    now = timezone.now()
    with transaction.atomic():
        thread = Thread.objects.create(
            project=project,
            complex=complex,
            kind=kind,
            title=title.strip(),
            author=author,
            location=location,
            created_at=now,
            last_activity_at=now,
        )
        post, mentioned = _create_post(thread, None, body, author, now)
        for (upload, description), content_type in zip(photos, content_types, strict=True):
            ThreadPhoto.objects.create(
                thread=thread, image=upload, content_type=content_type, description=description.strip()
            )
        live.record("thread.started", thread, post)
        emit("thread.started", **_where(thread), actor=author, thread=thread, post=post)
        _emit_mentions(thread, post, author, mentioned)
    return thread


def reply(parent_post, body, author):
    """A reply below `parent_post`, at any depth: its path extends the parent's."""
    thread = parent_post.thread
    _refuse_if_suspended(author, thread.corporation_id)
    now = timezone.now()
    with transaction.atomic():
        post, mentioned = _create_post(thread, parent_post, body, author, now)
        Thread.objects.filter(pk=thread.pk).update(reply_count=F("reply_count") + 1, last_activity_at=now)
        thread.refresh_from_db(fields=["reply_count", "last_activity_at"])
        live.record("post.created", thread, post)
        live.record("thread.updated", thread)
        emit("post.replied", **_where(thread), actor=author, thread=thread, post=post, parent=parent_post)
        _emit_mentions(thread, post, author, mentioned)
    return post


def edit_post(post, body, editor):
    """New text for a post; what it said before is kept as a revision. Staff editing someone else's post is a
    moderation act, written to the audit log."""
    thread = post.thread
    _refuse_if_suspended(editor, thread.corporation_id)
    if body == post.body:
        return post
    # Loaded once for both texts, and only if one of them has an @ in it.
    members = functools.cache(functools.partial(mentionable_members, thread))
    rendered = render(body, members)
    before = set(render(post.body, members).mentioned)
    now = timezone.now()
    with transaction.atomic():
        PostRevision.objects.create(post=post, body=post.body, edited_at=now, edited_by=editor)
        post.body, post.body_html, post.edited_at = body, rendered.html, now
        post.save(update_fields=["body", "body_html", "edited_at"])
        if editor is not None and post.author_id != editor.pk:  # staff changed someone's words: on the record
            moderation.log_action(ModerationAction.Action.EDIT, actor=editor, post=post, member=post.author)
        live.record("post.updated", thread, post)
        emit("post.edited", **_where(thread), actor=editor, thread=thread, post=post)
        _emit_mentions(thread, post, editor, [user_id for user_id in rendered.mentioned if user_id not in before])
    return post


def toggle_support(thread, user):
    """Support the thread ("me too"), or take the support back. One per person: returns whether they now
    support it. The thread row is locked while its counter changes, so two clicks never count twice."""
    with transaction.atomic():
        Thread.objects.select_for_update().filter(pk=thread.pk).first()
        removed, _counts = Support.objects.filter(thread=thread, user=user).delete()
        if removed:
            Thread.objects.filter(pk=thread.pk).update(support_count=F("support_count") - 1)
            supported = False
        else:
            try:
                with transaction.atomic():
                    Support.objects.create(thread=thread, user=user)
            except IntegrityError:  # the same person's other request got there first
                return True
            Thread.objects.filter(pk=thread.pk).update(support_count=F("support_count") + 1)
            supported = True
        thread.refresh_from_db(fields=["support_count"])
        live.record("thread.updated", thread)
        emit("thread.supported", **_where(thread), actor=user, thread=thread, supported=supported)
    return supported


def mark_official(post, by):
    """Mark a reply by staff or the contractor as the official answer. The first one moves an open thread to
    answered and records when the question was answered (when that reply was written)."""
    thread = post.thread
    if post.parent_id is None:
        raise ValidationError(_("Only a reply can be an official answer."))
    if post.author is None or not may_answer_officially(thread_role(viewer_for_user(post.author), thread)):
        raise ValidationError(_("Only a reply by staff or the contractor can be an official answer."))
    with transaction.atomic():
        thread = Thread.objects.select_for_update(of=("self",)).select_related("project", "complex").get(pk=thread.pk)
        Post.objects.filter(pk=post.pk).update(is_official=True)
        post.is_official = True
        changed = []
        if thread.first_official_answer_at is None or post.created_at < thread.first_official_answer_at:
            thread.first_official_answer_at = post.created_at
            changed.append("first_official_answer_at")
        if thread.status == Thread.Status.OPEN:
            _log_status(thread, Thread.Status.ANSWERED, by)
            changed.append("status")
        if changed:
            thread.save(update_fields=changed)
        live.record("post.updated", thread, post)
        live.record("thread.updated", thread)
        emit("thread.answered_officially", **_where(thread), actor=by, thread=thread, post=post)
    return thread


def change_status(thread, to_status, by):
    """Move the thread to `to_status` (open, answered, planned, resolved), logged with who and when."""
    if to_status not in Thread.Status.values:
        raise ValidationError(_("Choose a status."))
    with transaction.atomic():
        thread = Thread.objects.select_for_update(of=("self",)).select_related("project", "complex").get(pk=thread.pk)
        if thread.status == to_status:
            return thread
        change = _log_status(thread, to_status, by)
        thread.save(update_fields=["status"])
        live.record("thread.updated", thread)
        emit("thread.status_changed", **_where(thread), actor=by, thread=thread, change=change)
    return thread


def _log_status(thread, to_status, by):
    change = ThreadStatusChange.objects.create(
        thread=thread, from_status=thread.status, to_status=to_status, changed_by=by
    )
    thread.status = to_status
    return change


def _create_post(thread, parent, body, author, now):
    """Insert the post, then give it its path: the path needs the post's own id. Call inside a transaction."""
    rendered = render(body, functools.partial(mentionable_members, thread))
    post = Post.objects.create(
        thread=thread,
        parent=parent,
        depth=parent.depth + 1 if parent else 0,
        path=f"new-{uuid.uuid4().hex}",  # unique until the line below
        author=author,
        body=body,
        body_html=rendered.html,
        created_at=now,
    )
    post.path = (parent.path if parent else "") + Post.path_segment(post.pk)
    Post.objects.filter(pk=post.pk).update(path=post.path)
    return post, [user_id for user_id in rendered.mentioned if author is None or user_id != author.pk]


def _emit_mentions(thread, post, author, user_ids):
    if user_ids:
        emit("post.mentioned", **_where(thread), actor=author, thread=thread, post=post, user_ids=list(user_ids))
