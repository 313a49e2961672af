"""A notification's words, rendered when someone reads them, in the language active at that moment.

Callers who render for someone else (an e-mail, the live bell) wrap the call in
`translation.override(language_of(user))`.
"""

from django.conf import settings
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.formats import date_format
from django.utils.translation import gettext

from projects.models import Phase
from tenants.models import TenantProfile

from .catalogue import CATALOGUE


def language_of(user):
    """The recipient's language: their profile's, else the site's (staff and contractors have no profile)."""
    try:
        return user.tenant_profile.language or settings.LANGUAGE_CODE
    except TenantProfile.DoesNotExist:
        return settings.LANGUAGE_CODE


def languages_of(user_ids):
    """{user id: language} for many people in one query."""
    chosen = dict(TenantProfile.objects.filter(user_id__in=user_ids).values_list("user_id", "language"))
    return {user_id: chosen.get(user_id) or settings.LANGUAGE_CODE for user_id in user_ids}


def _display(name, value):
    if not value:
        return value
    if name.endswith("_at") and (moment := parse_datetime(value)):
        return date_format(timezone.localtime(moment), "DATETIME_FORMAT")
    if name.endswith("_on") and (day := parse_date(value)):
        return date_format(day, "DATE_FORMAT")
    if name == "author" and value == "someone":  # stored untranslated (see catalogue.actor_name)
        return gettext(value)
    if name == "phase" and value in Phase.values:
        return str(Phase(value).label)
    return value


def message(event, params):
    """The sentence for an event and its stored parameters, in the active language."""
    spec = CATALOGUE.get(event)
    if spec is None:
        return event
    shown = {name: _display(name, value) for name, value in params.items()}
    try:
        return gettext(spec.message) % shown
    except (KeyError, TypeError, ValueError):  # parameters stored by an older version of the message
        return gettext(spec.message)


def text_of(notification):
    return message(notification.event, notification.params)
