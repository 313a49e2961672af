"""The rate limits of the site's own forms (posting, voting, letter codes) and the words that say how long to wait.

Counting is django-ratelimit's (a fixed window in the cache); what this module adds is one message per limit
that names the window of the configured rate ("10/15m" → "15 minutes"), so the page never promises a wait that
the setting does not keep. Login, login-by-code and two-factor codes are limited by allauth (ACCOUNT_RATE_LIMITS).
"""

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_ratelimit.core import _split_rate, is_ratelimited


def window(rate):
    """The length of the rate's window in words: '15 minutes', '1 hour', '30 seconds', '1 day'."""
    _count, seconds = _split_rate(rate)
    for unit_seconds, words in (
        (86400, lambda n: ngettext("%(count)d day", "%(count)d days", n)),
        (3600, lambda n: ngettext("%(count)d hour", "%(count)d hours", n)),
        (60, lambda n: ngettext("%(count)d minute", "%(count)d minutes", n)),
    ):
        if seconds >= unit_seconds and seconds % unit_seconds == 0:
            count = seconds // unit_seconds
            return words(count) % {"count": count}
    return ngettext("%(count)d second", "%(count)d seconds", seconds) % {"count": seconds}


def counted_too_many(request, *, group, rate, key="user"):
    """Counts this attempt; True when it is one more than `rate` allows in its window."""
    return is_ratelimited(request, group=group, key=key, rate=rate, increment=True)


def posting_too_fast_message(rate):
    return _("You are posting very quickly. Please wait %(window)s and try again.") % {"window": window(rate)}


def voting_too_fast_message(rate):
    return _("You have changed your vote very often. Please wait %(window)s and try again.") % {"window": window(rate)}


def vote_refusal(request):
    """Counts this vote (proposals and polls share VOTING_RATE); the message refusing it when it is one too many,
    else None."""
    if counted_too_many(request, group="vote", rate=settings.VOTING_RATE):
        return voting_too_fast_message(settings.VOTING_RATE)
    return None


def wrong_codes_message(rate):
    return _("Too many wrong codes from this address. Please wait %(window)s and try again.") % {"window": window(rate)}


def failed_logins_message():
    """allauth's refusal after too many wrong passwords or two-factor codes (ACCOUNT_RATE_LIMITS["login_failed"],
    e.g. "5/5m/ip,5/5m/key"), naming the longest of its windows."""
    rates = [part.rsplit("/", 1)[0] for part in settings.ACCOUNT_RATE_LIMITS["login_failed"].split(",")]
    longest = max(rates, key=lambda rate: _split_rate(rate)[1])
    return _("Too many failed attempts. Please wait %(window)s and try again.") % {"window": window(longest)}
