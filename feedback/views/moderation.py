"""Moderation pages: reporting a post, staff hiding, showing again, dismissing reports and suspending a member,
the moderation queue, the audit log, the suspensions and the house rules.

Every action is a plain form that posts to its own URL and redirects back (to `next`, or to the post in its
thread); its GET shows the form or a confirmation page, so the links in a post's controls need no CSRF token.
Reporting is for everyone who may read the thread (others get 404, as if it did not exist). The staff pages:
anonymous visitors go to the login page, people who are not staff get 403, and staff of another corporation 404.
"""

from functools import wraps

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from tenants.models import Corporation
from tenants.permissions import staff_required, viewer_for

from .. import moderation
from ..models import Post, PostingSuspension
from ..moderation_selectors import (
    LOG_PAGE_SIZE,
    QUEUE_PAGE_SIZE,
    active_suspensions,
    has_reported,
    moderation_log,
    moderation_queue,
    person_name,
    posts_for_moderation,
    visible_post_count,
)
from ..permissions import may_read, thread_role


class ReasonForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=moderation.REASON_LENGTH, widget=forms.Textarea)

    def __init__(self, *args, label=None, help_text="", **kwargs):
        super().__init__(*args, **kwargs)
        if label:
            self.fields["reason"].label = label
        self.fields["reason"].help_text = help_text
        self.fields["reason"].widget.attrs.update(rows=3, maxlength=moderation.REASON_LENGTH)


class LiftForm(forms.Form):
    restore_posts = forms.BooleanField(
        label=gettext_lazy("Also show the posts again that were hidden with the suspension"), required=False
    )


# --- Reporting (everyone who may read the thread) ---------------------------------------------------------


def flag_post(request, thread_id, post_id):
    viewer = viewer_for(request)
    if not viewer.is_authenticated:
        return redirect_to_login(request.get_full_path())
    post = get_object_or_404(
        Post.objects.select_related("thread__project", "thread__complex", "author__tenant_profile"),
        pk=post_id,
        thread_id=thread_id,
    )
    if not may_read(thread_role(viewer, post.thread)):
        raise Http404
    form = _reason_form(
        request,
        label=_("What is wrong with this post?"),
        help_text=_("For example: it is rude, it shares someone's personal details, or it is off topic."),
    )
    if request.method == "POST" and form.is_valid():
        try:
            moderation.flag(post, request.user, form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error("reason", error)
        else:
            messages.success(request, _("Thank you. Staff will look at this post."))
            return _back(request, post)
    cannot_report = ""
    if post.author_id == request.user.pk:
        cannot_report = _("You cannot report your own post.")
    elif post.is_hidden:
        cannot_report = _("This post is hidden already; staff are looking at it.")
    elif request.method == "GET" and has_reported(post, request.user):
        cannot_report = _("You have reported this post already. Staff will look at it.")
    return render(
        request,
        "feedback/moderation/flag.html",
        {"post": post, "thread": post.thread, "form": form, "cannot_report": cannot_report, "next": _next(request)},
    )


# --- Staff actions on one post ----------------------------------------------------------------------------


def moderated_post(view):
    """View decorator: the post, if it is in a discussion of one of the staff member's corporations (else 404)."""

    @staff_required
    @wraps(view)
    def wrapped(request, post_id):
        post = get_object_or_404(posts_for_moderation(viewer_for(request).staff_corporation_ids), pk=post_id)
        return view(request, post)

    return wrapped


@moderated_post
def hide_post(request, post):
    form = _reason_form(request, help_text=_("Everyone sees this reason in place of the post. Keep it short."))
    if request.method == "POST" and form.is_valid():
        moderation.hide(post, request.user, form.cleaned_data["reason"])
        messages.success(request, _("The post is hidden. The reason is shown in its place."))
        return _back(request, post)
    return _post_action_page(request, post, "hide", form)


@moderated_post
def restore_post(request, post):
    if request.method == "POST":
        return _act(request, post, moderation.restore, _("The post is shown again."))
    return _post_action_page(request, post, "restore")


@moderated_post
def dismiss_flags(request, post):
    if request.method == "POST":
        return _act(request, post, moderation.dismiss_flags, _("The reports are dismissed."))
    return _post_action_page(request, post, "dismiss")


@moderated_post
def suspend_author(request, post):
    member, corporation_id = post.author, post.thread.corporation_id
    if member is None:
        raise Http404
    form = _reason_form(
        request,
        help_text=_("The member sees this reason on every discussion page while the suspension lasts."),
    )
    if request.method == "POST" and form.is_valid():
        corporation = Corporation.objects.get(pk=corporation_id)
        try:
            suspension = moderation.suspend_member(
                member, corporation, request.user, form.cleaned_data["reason"], post=post
            )
        except ValidationError as error:
            form.add_error("reason", error)
        else:
            messages.success(
                request,
                _("%(name)s cannot post until you lift the suspension; %(count)d posts are hidden.")
                % {"name": person_name(member), "count": suspension.hidden_posts},
            )
            return _back(request, post)
    extra = {
        "member_name": person_name(member),
        "hidden_count": visible_post_count(member, corporation_id),
        "suspended": PostingSuspension.objects.filter(
            user=member, corporation_id=corporation_id, lifted_at__isnull=True
        ).exists(),
    }
    return _post_action_page(request, post, "suspend", form, **extra)


def _act(request, post, service, done):
    try:
        service(post, request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return _back(request, post)


def _post_action_page(request, post, action, form=None, **extra):
    return render(
        request,
        f"feedback/moderation/{action}.html",
        {"post": post, "thread": post.thread, "form": form, "next": _next(request), **extra},
    )


# --- Staff pages: queue, log, suspensions -------------------------------------------------------------------


@staff_required
def queue(request):
    corporations = viewer_for(request).staff_corporation_ids
    page = Paginator(moderation_queue(corporations), QUEUE_PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(request, "feedback/moderation/queue.html", {"page": page, "hide_form": ReasonForm()})


@staff_required
def log(request):
    corporations = viewer_for(request).staff_corporation_ids
    page = Paginator(moderation_log(corporations), LOG_PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(request, "feedback/moderation/log.html", {"page": page})


@staff_required
def suspensions(request):
    corporations = viewer_for(request).staff_corporation_ids
    return render(
        request,
        "feedback/moderation/suspensions.html",
        {"suspensions": active_suspensions(corporations)},
    )


@require_POST
@staff_required
def lift_suspension(request, suspension_id):
    suspension = get_object_or_404(active_suspensions(viewer_for(request).staff_corporation_ids), pk=suspension_id)
    form = LiftForm(request.POST)
    restore_posts = form.is_valid() and form.cleaned_data["restore_posts"]
    moderation.lift_suspension(suspension, request.user, restore_posts=restore_posts)
    messages.success(request, _("%(name)s may post again.") % {"name": person_name(suspension.user)})
    return redirect("moderation_suspensions")


def house_rules(request):
    return render(request, "feedback/house_rules.html", {"flags_to_hide": settings.FLAGS_TO_HIDE})


# --- helpers -------------------------------------------------------------------------------------------------


def _reason_form(request, **kwargs):
    return ReasonForm(request.POST if request.method == "POST" else None, **kwargs)


def _next(request):
    """Where to go back to after the action: a page on this site the form came from, if any."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return ""


def _back(request, post):
    return redirect(_next(request) or post_url(post))


def post_url(post):
    """The post with its replies, on its own page of the thread ("continue this thread"): right for any depth."""
    try:
        return reverse("post_detail", args=[post.thread_id, post.pk]) + f"#post-{post.pk}"
    except NoReverseMatch:  # the thread pages are feedback.views.threads'; their addresses are fixed by contract
        return f"/gesprekken/{post.thread_id}/bericht/{post.pk}/#post-{post.pk}"


urlpatterns = [
    path("gesprekken/<int:thread_id>/bericht/<int:post_id>/melden/", flag_post, name="flag_post"),
    path("beheer/moderatie/", queue, name="moderation_queue"),
    path("beheer/moderatie/logboek/", log, name="moderation_log"),
    path("beheer/moderatie/schorsingen/", suspensions, name="moderation_suspensions"),
    path("beheer/moderatie/schorsingen/<int:suspension_id>/opheffen/", lift_suspension, name="moderation_lift"),
    path("beheer/moderatie/berichten/<int:post_id>/verbergen/", hide_post, name="moderation_hide"),
    path("beheer/moderatie/berichten/<int:post_id>/tonen/", restore_post, name="moderation_restore"),
    path("beheer/moderatie/berichten/<int:post_id>/meldingen-afwijzen/", dismiss_flags, name="moderation_dismiss"),
    path("beheer/moderatie/berichten/<int:post_id>/schorsen/", suspend_author, name="moderation_suspend"),
    path("huisregels/", house_rules, name="house_rules"),
]
