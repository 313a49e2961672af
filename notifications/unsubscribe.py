"""Signed one-click unsubscribe links: the token names the person and the kinds, signed with the site's key and
a salt of its own, so it cannot be forged, nor made from a token signed for anything else."""

from django.core import signing
from django.urls import reverse

from .models import Kind

SALT = "notifications.unsubscribe"


def token(user, kinds):
    return signing.dumps({"u": user.pk, "k": sorted(kinds)}, salt=SALT, compress=True)


def read(value):
    """(user id, kinds) from a token; raises signing.BadSignature when it was not made by `token`."""
    data = signing.loads(value, salt=SALT)
    kinds = [kind for kind in data.get("k", []) if kind in Kind.values]
    if not isinstance(data.get("u"), int) or not kinds:
        raise signing.BadSignature("incomplete unsubscribe token")
    return data["u"], kinds


def path(user, kinds):
    return reverse("notification_unsubscribe", kwargs={"token": token(user, kinds)})


def url(user, kinds):
    from .outbox import absolute

    return absolute(path(user, kinds))


def settings_path():
    return reverse("notification_preferences")
