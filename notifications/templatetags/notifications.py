"""{% notification_bell %}: the header's bell, one COUNT query per page."""

from django import template
from django.urls import NoReverseMatch, reverse

from ..live import unread_count

register = template.Library()


@register.inclusion_tag("notifications/bell.html", takes_context=True)
def notification_bell(context):
    user = context["request"].user
    try:
        list_url = reverse("notification_list")
    except NoReverseMatch:  # the notifications URLs are not part of this site's URLconf
        list_url = ""
    return {"unread": unread_count(user) if list_url else 0, "list_url": list_url}
