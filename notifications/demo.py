"""The demo's notifications. The other demos create their data through the services, which emit events, so by the
time this runs the demo tenants' bells already hold what happened (news, the open proposal, appointments...) and
the urgent ones went to the console as e-mail. This adds the first daily digest, so `make run` shows one in the
console too. Running it again adds nothing: a digest is made once per person per day, only for what is new."""

from notifications import outbox
from notifications.models import EmailRhythm, Notification


def seed_notifications(corporation, users):
    """Send today's digests for the demo's people; a one-line summary, or None when there was nothing new."""
    people = [user.pk for user in users.values()]
    waiting = Notification.objects.filter(recipient__in=people, email__isnull=True, email_rhythm=EmailRhythm.DAILY)
    if not waiting.exists():
        return None
    digests = outbox.send_digests(EmailRhythm.DAILY)
    in_bells = Notification.objects.filter(recipient__in=people, in_app=True, read_at__isnull=True).count()
    return f"Demo notifications: {in_bells} unread in the demo people's bells; {digests} daily digest(s) e-mailed."
