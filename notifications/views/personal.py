"""A person's own notifications: the list (newest first, paginated), opening one (marks it read and goes to the
thing itself), marking all read, the settings per kind, and the signed unsubscribe link from an e-mail.

Everyone signed in has these pages, for their own notifications only: another person's notification is 404.
Anonymous visitors go to the login page, except on the unsubscribe link: its signature is the proof.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .. import services, unsubscribe
from ..forms import PreferencesForm
from ..models import Kind, Notification
from ..rendering import text_of

PER_PAGE = 20


@login_required
def notification_list(request):
    notifications = Notification.objects.filter(recipient=request.user, in_app=True).select_related("project")
    page = Paginator(notifications, PER_PAGE).get_page(request.GET.get("pagina"))
    for notification in page:
        notification.text = text_of(notification)
    has_unread = notifications.filter(read_at__isnull=True).exists()
    return render(request, "notifications/list.html", {"page": page, "has_unread": has_unread})


@login_required
def open_notification(request, notification_id):
    notification = get_object_or_404(Notification, pk=notification_id, recipient=request.user)
    services.mark_read(notification)
    if notification.link and url_has_allowed_host_and_scheme(notification.link, allowed_hosts=None):
        return redirect(notification.link)
    return redirect("notification_list")


@require_POST
@login_required
def mark_read(request, notification_id):
    notification = get_object_or_404(Notification, pk=notification_id, recipient=request.user)
    services.mark_read(notification)
    return redirect("notification_list")


@require_POST
@login_required
def mark_all_read(request):
    services.mark_all_read(request.user)
    messages.success(request, _("All notifications are marked as read."))
    return redirect("notification_list")


@login_required
def preferences(request):
    current = services.preferences_of(request.user)
    form = PreferencesForm(request.POST or None, preferences=current)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_preferences(request.user, form.choices())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your choices are saved."))
            return redirect("notification_preferences")
    status = 400 if form.is_bound else 200
    return render(request, "notifications/preferences.html", {"form": form}, status=status)


@csrf_exempt  # the one-click POST comes from the mail program (RFC 8058), without a CSRF token; the signature is
def unsubscribe_link(request, token):  # the proof, and GET only asks, so a link checker changes nothing
    try:
        user_id, kinds = unsubscribe.read(token)
    except signing.BadSignature as error:
        raise Http404 from error
    user = get_object_or_404(get_user_model(), pk=user_id, is_active=True)
    labels = [Kind(kind).label for kind in kinds]
    done = request.method == "POST"
    if done:
        services.stop_email(user, kinds)
    return render(request, "notifications/unsubscribe.html", {"labels": labels, "done": done, "token": token})


urlpatterns = [
    path("meldingen/", notification_list, name="notification_list"),
    path("meldingen/<int:notification_id>/", open_notification, name="notification_open"),
    path("meldingen/<int:notification_id>/gelezen/", mark_read, name="notification_mark_read"),
    path("meldingen/alles-gelezen/", mark_all_read, name="notification_mark_all_read"),
    path("meldingen/instellingen/", preferences, name="notification_preferences"),
    path("meldingen/afmelden/<str:token>/", unsubscribe_link, name="notification_unsubscribe"),
]
